/*
 * recorder: --record's appending writer with rotation, and the tee that
 * puts it behind a source (contract: recorder.h).
 */
#include "recorder.h"
#include "recorder_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "snapshot_json.h"

struct recorder {
	char path[PATH_MAX];
	int fd;
	size_t size, max_bytes, lines;
	struct source inner;         /* when teed */
	struct source_ops tee_ops;   /* the tee's, recorded as inner's are */
	struct stream_buf line;      /* each line written here: its room kept (flight_ring's reason) */
};

static void result(struct action_result *res, enum action_outcome o, int code, const char *msg)
{
	res->kind = ACTION_RECORD;
	res->outcome = o;
	res->code = code;
	snprintf(res->message, sizeof(res->message), "%s", msg);
}

int recorder_write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Opens path for appending; a torn last line gets its newline so ours starts clean. */
static int open_append(struct recorder *rec, struct mt_err *err)
{
	struct stat st;
	char last;

	rec->fd = open(rec->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (rec->fd < 0 || fstat(rec->fd, &st)) {
		mt_err_set(err, -errno, "%s: %s", rec->path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		mt_err_set(err, -EINVAL, "%s: not a regular file", rec->path);
		return -1;
	}
	rec->size = (size_t)st.st_size;
	if (rec->size && pread(rec->fd, &last, 1, st.st_size - 1) == 1 && last != '\n') {
		if (recorder_write_all(rec->fd, "\n", 1)) {
			mt_err_set(err, -errno, "%s: write: %s", rec->path, strerror(errno));
			return -1;
		}
		rec->size++;
	}
	return 0;
}

struct recorder *recorder_open(const struct actions *a, const char *path, size_t max_bytes,
			       struct action_result *res)
{
	struct recorder *rec;
	struct mt_err err = { 0 };

	if (actions_check(a, ACTION_RECORD, res))
		return NULL;
	rec = calloc(1, sizeof(*rec));
	if (!rec) {
		result(res, ACTION_FAILED, -ENOMEM, "out of memory");
		return NULL;
	}
	rec->fd = -1;
	rec->max_bytes = max_bytes;
	if (snprintf(rec->path, sizeof(rec->path), "%s", path) >= (int)sizeof(rec->path)) {
		result(res, ACTION_FAILED, -ENAMETOOLONG, "path too long");
		free(rec);
		return NULL;
	}
	if (open_append(rec, &err)) {
		result(res, ACTION_FAILED, err.code, err.msg);
		recorder_close(rec);
		return NULL;
	}
	result(res, ACTION_OK, 0, rec->path);
	return rec;
}

void recorder_close(struct recorder *rec)
{
	if (!rec)
		return;
	if (rec->fd >= 0)
		close(rec->fd);
	free(rec->line.data);
	free(rec);
}

size_t recorder_lines(const struct recorder *rec)
{
	return rec->lines;
}

/* FILE.8 -> FILE.9, ..., FILE -> FILE.1, then a fresh FILE. */
static int rotate(struct recorder *rec, struct mt_err *err)
{
	char from[PATH_MAX + 8], to[PATH_MAX + 8];

	for (int k = RECORD_KEEP - 1; k >= 0; k--) {
		if (k)
			snprintf(from, sizeof(from), "%s.%d", rec->path, k);
		else
			snprintf(from, sizeof(from), "%s", rec->path);
		snprintf(to, sizeof(to), "%s.%d", rec->path, k + 1);
		if (rename(from, to) && errno != ENOENT) {
			mt_err_set(err, -errno, "%s: rotating to %s: %s", from, to,
				   strerror(errno));
			return -1;
		}
	}
	close(rec->fd);
	return open_append(rec, err);
}

int recorder_append(struct recorder *rec, const struct snapshot *s, struct mt_err *err)
{
	size_t len;

	if (snapshot_json_line_into(s, &rec->line)) {
		mt_err_set(err, -ENOMEM, "%s: out of memory", rec->path);
		return -1;
	}
	len = rec->line.len;
	if (rec->max_bytes && rec->size && rec->size + len > rec->max_bytes &&
	    rotate(rec, err))
		return -1;
	if (recorder_write_all(rec->fd, rec->line.data, len)) {
		mt_err_set(err, -errno, "%s: write: %s", rec->path, strerror(errno));
		return -1;
	}
	rec->size += len;
	rec->lines++;
	return 0;
}

/* ---- the tee ---------------------------------------------------------------- */

static void tee_begin(void *impl, double now)
{
	struct recorder *rec = impl;

	source_begin(&rec->inner, now);
}

static bool tee_pollfd(const void *impl, struct pollfd *pfd)
{
	const struct recorder *rec = impl;

	return source_pollfd(&rec->inner, pfd);
}

static double tee_next_deadline(const void *impl)
{
	const struct recorder *rec = impl;

	return source_next_deadline(&rec->inner);
}

static bool tee_step(void *impl, short revents, double now)
{
	struct recorder *rec = impl;

	return source_step(&rec->inner, revents, now);
}

static void tee_take(void *impl, struct snapshot *out)
{
	struct recorder *rec = impl;
	struct mt_err err = { 0 };

	source_take(&rec->inner, out);
	/* Said in the snapshot the mode shows, since the line itself could not be kept. */
	if (recorder_append(rec, out, &err))
		mt_errlist_add(&out->errors, "--record %s", err.msg);
}

static void tee_reconnect(void *impl)
{
	struct recorder *rec = impl;

	source_reconnect(&rec->inner);
}

static void tee_target_changed(void *impl)
{
	struct recorder *rec = impl;

	source_target_changed(&rec->inner);
}

static void tee_request_mem_stats(void *impl)
{
	struct recorder *rec = impl;

	source_request_mem_stats(&rec->inner);
}

static bool tee_ended(const void *impl)
{
	const struct recorder *rec = impl;

	return source_ended(&rec->inner);
}

static void tee_destroy(void *impl)
{
	struct recorder *rec = impl;

	source_close(&rec->inner);
	recorder_close(rec);
}

static const struct source_ops tee_ops = {
	.kind = "recorded",
	.begin = tee_begin,
	.pollfd = tee_pollfd,
	.next_deadline = tee_next_deadline,
	.step = tee_step,
	.take = tee_take,
	.reconnect = tee_reconnect,
	.target_changed = tee_target_changed,
	.request_mem_stats = tee_request_mem_stats,
	.destroy = tee_destroy,
	.ended = tee_ended,
};

void recorder_tee(struct recorder *rec, struct source *inner, struct source *out)
{
	rec->inner = *inner;
	memset(inner, 0, sizeof(*inner));
	rec->tee_ops = tee_ops;
	rec->tee_ops.recorded = rec->inner.ops->recorded;
	out->ops = &rec->tee_ops;
	out->impl = rec;
}
