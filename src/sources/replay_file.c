/*
 * replay_file: a recording read whole, indexed by line, each line checked
 * once at open and decoded again when played (contract: replay.h).  Keeping
 * the text rather than decoded snapshots costs a few KiB a tick instead of
 * a struct snapshot (tens of KiB) for each.
 */
#include "replay_impl.h"

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

#define REPLAY_MAX_BYTES (1024UL * 1024 * 1024)   /* a recording bigger than this: use -max-mb */

static int read_whole(struct replay *r, struct mt_err *err)
{
	int fd = open(r->path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t got = 0;

	if (fd < 0) {
		mt_err_set(err, -errno, "%s: %s", r->path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		mt_err_set(err, -EINVAL, "%s: not a regular file", r->path);
		close(fd);
		return -1;
	}
	if ((unsigned long long)st.st_size > REPLAY_MAX_BYTES) {
		mt_err_set(err, -EFBIG, "%s: %lld bytes; recordings above 1 GiB are not read "
			   "(record with --record-max-mb)", r->path, (long long)st.st_size);
		close(fd);
		return -1;
	}
	r->text = malloc((size_t)st.st_size + 1);
	if (!r->text) {
		mt_err_set(err, -ENOMEM, "%s: out of memory", r->path);
		close(fd);
		return -1;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, r->text + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;   /* shrank while read: what was read is the recording */
		got += (size_t)n;
	}
	close(fd);
	r->text[got] = '\0';
	r->ntext = got;
	return 0;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* The first notes are kept; the last slot tells how many more there were. */
static void note(struct replay *r, size_t lineno, bool last)
{
	size_t i = r->nnotes < REPLAY_MAX_NOTES ? r->nnotes : REPLAY_MAX_NOTES - 1;

	r->ntorn++;
	if (r->nnotes == REPLAY_MAX_NOTES) {
		snprintf(r->notes[i], MT_ERR_LEN, "%s: %zu incomplete lines skipped in all",
			 r->path, r->ntorn);
		return;
	}
	snprintf(r->notes[i], MT_ERR_LEN, last ? "%s:%zu: the last line is incomplete (a write "
		 "cut short), skipped" : "%s:%zu: an incomplete line (a write cut short), skipped",
		 r->path, lineno);
	r->nnotes++;
}

static bool is_timeline(const json_t *j)
{
	return json_is_object(j) && json_object_get(j, "t") && json_object_get(j, "response");
}

/* {"t": s, "response": reply}: what the reply holds; the rest stays unknown. */
static int decode_timeline(const struct replay *r, const json_t *j, size_t lineno,
			   struct snapshot *out, struct mt_err *err)
{
	const json_t *t = json_object_get(j, "t"), *resp = json_object_get(j, "response");
	const json_t *result = json_object_get(resp, "result");
	const json_t *error = json_object_get(resp, "error");
	struct mt_err derr = { 0 };

	memset(out, 0, sizeof(*out));
	if (!json_is_number(t) || json_number_value(t) < 0) {
		mt_err_set(err, -EINVAL, "%s:%zu: t: expected seconds >= 0", r->path, lineno);
		return -1;
	}
	out->seq = lineno;
	out->mono = out->wall = json_number_value(t);
	snprintf(out->target, sizeof(out->target), "%s", r->path);
	if (json_is_object(error)) {
		const json_t *msg = json_object_get(error, "message");

		out->state = TARGET_UNKNOWN;
		mt_errlist_add(&out->errors, "iobuf_get_stats: SPDK error %lld: %s",
			       (long long)json_integer_value(json_object_get(error, "code")),
			       json_is_string(msg) ? json_string_value(msg) : "(no message)");
		return 0;
	}
	if (iobuf_decode_stats(result, &out->iobuf, &derr)) {
		mt_err_set(err, -EINVAL, "%s:%zu: response: %s", r->path, lineno, derr.msg);
		return -1;
	}
	if (derr.msg[0])
		mt_errlist_add(&out->errors, "%s", derr.msg);
	/* Said, so the modes show them as not known rather than as none. */
	mt_errlist_add(&out->errors, "hugepages: not in a timeline (it holds iobuf_get_stats only)");
	mt_errlist_add(&out->errors, "iobuf options (pool sizes): not in a timeline");
	/* iobuf_get_stats is a runtime method: an answer means the framework runs. */
	out->state = TARGET_RUNNING;
	iobuf_summarize(&out->iobuf);
	return 0;
}

static int decode_json(const struct replay *r, const json_t *j, size_t lineno,
		       struct snapshot *out, struct mt_err *err)
{
	if (is_timeline(j))
		return decode_timeline(r, j, lineno, out, err);
	if (snapshot_from_json(j, out, err)) {
		mt_err_prefix(err, "%s:%zu", r->path, lineno);
		return -1;
	}
	return 0;
}

int replay_decode_line(const struct replay *r, const struct replay_line *l,
		       struct snapshot *out, struct mt_err *err)
{
	json_t *j = json_loadb(r->text + l->off, l->len, 0, NULL);
	int rc;

	if (!j) {
		/* Checked at open: only memory can fail here. */
		mt_err_set(err, -ENOMEM, "%s:%zu: cannot decode (out of memory?)", r->path,
			   l->lineno);
		return -1;
	}
	rc = decode_json(r, j, l->lineno, out, err);
	json_decref(j);
	return rc;
}

/* Checks one line; appends it to the index when it holds a snapshot. */
static int index_line(struct replay *r, size_t off, size_t len, size_t lineno, bool last,
		      bool *has_snapshots, struct snapshot *scratch, struct mt_err *err)
{
	json_t *j = json_loadb(r->text + off, len, 0, NULL);
	bool timeline;

	if (!j) {
		note(r, lineno, last);
		return 0;
	}
	timeline = is_timeline(j);
	if (r->n && timeline != r->relative) {
		mt_err_set(err, -EINVAL, "%s:%zu: a %s line among %s lines", r->path, lineno,
			   timeline ? "timeline" : "snapshot", r->relative ? "timeline" : "snapshot");
		json_decref(j);
		return -1;
	}
	if (decode_json(r, j, lineno, scratch, err)) {
		json_decref(j);
		return -1;
	}
	json_decref(j);
	r->relative = timeline;
	*has_snapshots = true;
	r->lines[r->n++] = (struct replay_line){ off, len, lineno, scratch->wall };
	return 0;
}

static int index_all(struct replay *r, struct mt_err *err)
{
	struct snapshot *scratch = malloc(sizeof(*scratch));
	size_t cap = 1, lineno = 0, off = 0;
	bool any = false;
	int rc = 0;

	for (size_t i = 0; i < r->ntext; i++)
		cap += r->text[i] == '\n';
	r->lines = calloc(cap, sizeof(*r->lines));
	if (!scratch || !r->lines) {
		free(scratch);
		mt_err_set(err, -ENOMEM, "%s: out of memory", r->path);
		return -1;
	}
	while (off < r->ntext && rc == 0) {
		const char *nl = memchr(r->text + off, '\n', r->ntext - off);
		size_t len = nl ? (size_t)(nl - (r->text + off)) : r->ntext - off;

		lineno++;
		if (!blank(r->text + off, len))
			rc = index_line(r, off, len, lineno, !nl, &any, scratch, err);
		off += len + 1;
	}
	free(scratch);
	if (rc == 0 && !any) {
		mt_err_set(err, -EINVAL, "%s: no snapshot in it (%zu line%s)", r->path, lineno,
			   lineno == 1 ? "" : "s");
		rc = -1;
	}
	return rc;
}

struct replay *replay_open(const char *path, double speed, struct mt_err *err)
{
	struct replay *r = calloc(1, sizeof(*r));

	if (!r) {
		mt_err_set(err, -ENOMEM, "%s: out of memory", path);
		return NULL;
	}
	if (snprintf(r->path, sizeof(r->path), "%s", path) >= (int)sizeof(r->path)) {
		mt_err_set(err, -ENAMETOOLONG, "--replay: path too long");
		free(r);
		return NULL;
	}
	if (read_whole(r, err) || index_all(r, err)) {
		replay_free(r);
		return NULL;
	}
	r->speed = speed;
	r->anchor_t = r->lines[0].t;
	return r;
}

void replay_free(struct replay *r)
{
	if (!r)
		return;
	free(r->text);
	free(r->lines);
	free(r);
}

size_t replay_count(const struct replay *r)
{
	return r->n;
}

const char *replay_note(const struct replay *r, size_t i)
{
	return i < r->nnotes ? r->notes[i] : "";
}

size_t replay_note_count(const struct replay *r)
{
	return r->nnotes;
}

bool replay_relative(const struct replay *r)
{
	return r->relative;
}

double replay_time(const struct replay *r, size_t i)
{
	return r->lines[i < r->n ? i : r->n - 1].t;
}

int replay_get(const struct replay *r, size_t i, struct snapshot *out, struct mt_err *err)
{
	if (i >= r->n) {
		mt_err_set(err, -ERANGE, "%s: snapshot %zu of %zu", r->path, i + 1, r->n);
		return -1;
	}
	return replay_decode_line(r, &r->lines[i], out, err);
}

size_t replay_find_time(const struct replay *r, double t)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->lines[i].t >= t)
			return i;
	return r->n;
}
