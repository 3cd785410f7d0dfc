/*
 * baseline_file: which of the three forms a file holds, decoded with the
 * decoder that form already has (contract: baseline_file.h).
 */
#include "baseline_file.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iobuf_decode.h"
#include "iobuf_summary.h"
#include "snapshot_json.h"

const char *baseline_form_name(enum baseline_form f)
{
	switch (f) {
	case BASELINE_SNAPSHOT:
		return "snapshot";
	case BASELINE_RPC_STATS:
		return "rpc.py";
	case BASELINE_AGGREGATE:
		return "aggregate";
	}
	return "unknown";
}

bool baseline_snapshot_has_hugepages(const struct snapshot *s)
{
	return s->hugepages.nnodes > 0 || s->hugepages.global.nsizes > 0 ||
	       s->hugepages.global.has_meminfo;
}

/* iobuf_get_stats' result (array or aggregate object) into a snapshot of its own. */
static int from_stats(const json_t *result, const char *name, struct baseline *out,
		      struct mt_err *err)
{
	struct mt_err derr;

	mt_err_clear(&derr);
	if (iobuf_decode_stats(result, &out->snap.iobuf, &derr)) {
		mt_err_set(err, -EINVAL, "%s: %s", name, derr.msg);
		return -1;
	}
	if (derr.msg[0])
		mt_errlist_add(&out->snap.errors, "%s", derr.msg);
	out->snap.state = TARGET_RUNNING;
	out->snap.seq = 1;
	out->form = out->snap.iobuf.form == IOBUF_FORM_AGGREGATE ? BASELINE_AGGREGATE
								  : BASELINE_RPC_STATS;
	iobuf_summarize(&out->snap.iobuf);
	return 0;
}

int baseline_parse(const char *text, size_t len, const char *name, struct baseline *out,
		   struct mt_err *err)
{
	json_error_t jerr;
	json_t *j, *result;
	struct mt_err derr;
	int rc;

	memset(out, 0, sizeof(*out));
	j = json_loadb(text, len, 0, &jerr);
	if (!j) {
		mt_err_set(err, -EINVAL, "%s:%d:%d: not JSON: %s", name, jerr.line, jerr.column,
			   jerr.text);
		return -1;
	}
	if (json_is_object(j) && json_object_get(j, "schema")) {
		mt_err_clear(&derr);
		rc = snapshot_from_json(j, &out->snap, &derr);
		if (rc)
			mt_err_set(err, -EINVAL, "%s: %s", name, derr.msg);
		out->form = BASELINE_SNAPSHOT;
		out->has_hugepages = rc == 0 && baseline_snapshot_has_hugepages(&out->snap);
		out->has_options = rc == 0 && out->snap.iobuf.opts.valid;
		out->has_time = rc == 0 && out->snap.wall > 0;
	} else if (json_is_object(j) && (result = json_object_get(j, "result")) != NULL) {
		rc = from_stats(result, name, out, err);   /* a whole JSON-RPC response */
	} else if (json_is_array(j) || (json_is_object(j) && json_object_get(j, "small_pool"))) {
		rc = from_stats(j, name, out, err);
	} else {
		mt_err_set(err, -EINVAL, "%s: neither a spdk-memtop snapshot (no \"schema\"), "
			   "nor iobuf_get_stats output (an array or {\"small_pool\":...})", name);
		rc = -1;
	}
	json_decref(j);
	if (rc) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	return 0;
}

/* The whole file, NUL-terminated, in *buf (the caller frees). */
static int read_all(const char *path, char **buf, size_t *len, struct stat *st,
		    struct mt_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t got = 0;
	char *b;

	if (fd < 0) {
		mt_err_set(err, -errno, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, st) || !S_ISREG(st->st_mode)) {
		mt_err_set(err, -EINVAL, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if ((uint64_t)st->st_size > BASELINE_MAX_BYTES) {
		mt_err_set(err, -EFBIG, "%s: %lld bytes, more than a baseline (%u) can be", path,
			   (long long)st->st_size, BASELINE_MAX_BYTES);
		close(fd);
		return -1;
	}
	b = malloc((size_t)st->st_size + 1);
	if (!b) {
		mt_err_set(err, -ENOMEM, "%s: out of memory", path);
		close(fd);
		return -1;
	}
	while (got < (size_t)st->st_size) {
		ssize_t r = read(fd, b + got, (size_t)st->st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			mt_err_set(err, -errno, "%s: %s", path, strerror(errno));
			free(b);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;   /* shrank while we read: decode what is there */
		got += (size_t)r;
	}
	close(fd);
	b[got] = '\0';
	*buf = b;
	*len = got;
	return 0;
}

int baseline_load(const char *path, struct baseline *out, struct mt_err *err)
{
	struct stat st;
	char *text = NULL;
	size_t len = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (read_all(path, &text, &len, &st, err))
		return -1;
	rc = baseline_parse(text, len, path, out, err);
	free(text);
	if (rc)
		return -1;
	if (!out->has_time)
		out->snap.wall = (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9;
	snprintf(out->path, sizeof(out->path), "%s", path);
	return 0;
}
