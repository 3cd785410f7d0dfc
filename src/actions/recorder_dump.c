/*
 * recorder_dump: a whole recording written so that the file either does not
 * exist or is complete (contract: recorder.h), through atomic_file.h, the
 * one atomic writer of the actions room.
 */
#include "recorder.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "atomic_file.h"

#define DUMP_MAX_TRIES 100

static int outcome(struct action_result *res, enum action_outcome o, int code, const char *msg)
{
	res->kind = ACTION_FLIGHT_DUMP;
	res->outcome = o;
	res->code = code;
	snprintf(res->message, sizeof(res->message), "%s", msg);
	return o == ACTION_OK ? 0 : -1;
}

/* dir/name, or dir/name with "-k" before its extension for the k-th try. */
static int dump_path(char *path, size_t len, const char *dir, const char *name, int k)
{
	const char *dot = strrchr(name, '.');
	int stem = dot && dot != name ? (int)(dot - name) : (int)strlen(name);

	if (k == 0)
		return snprintf(path, len, "%s/%s", dir, name) >= (int)len ? -1 : 0;
	return snprintf(path, len, "%s/%.*s-%d%s", dir, stem, name, k, name + stem) >= (int)len
		       ? -1
		       : 0;
}

int recorder_dump_with(const struct actions *a, const char *dir, const char *name,
		       atomic_file_fill fill, void *ctx, struct action_result *res)
{
	char path[PATH_MAX], msg[PATH_MAX + 64];
	struct mt_err err = { 0 };

	if (actions_check(a, ACTION_FLIGHT_DUMP, res))
		return -1;
	/* The snapshots may name the target: the directories and the file are private. */
	if (atomic_file_mkdirs(dir, &err))
		goto failed;
	/*
	 * An earlier dump is evidence: never replace it, even when two dumps
	 * get the same name (a second w before the next snapshot arrives).
	 */
	for (int k = 0;; k++) {
		if (k == DUMP_MAX_TRIES)
			return outcome(res, ACTION_FAILED, -EEXIST,
				       "flight dump: too many dumps of that name; nothing written");
		if (dump_path(path, sizeof(path), dir, name, k))
			return outcome(res, ACTION_FAILED, -ENAMETOOLONG,
				       "flight dump: path too long");
		if (atomic_file_create_with(path, fill, ctx, 0600, &err) == 0)
			break;
		if (err.code != -EEXIST)
			goto failed;
	}
	snprintf(msg, sizeof(msg), "wrote %s", path);
	return outcome(res, ACTION_OK, 0, msg);
failed:
	snprintf(msg, sizeof(msg), "%s; nothing written", err.msg);
	return outcome(res, ACTION_FAILED, err.code, msg);
}

int recorder_dump(const struct actions *a, const char *dir, const char *name, const char *data,
		  size_t len, struct action_result *res)
{
	struct atomic_file_span s = { data, len };

	return recorder_dump_with(a, dir, name, atomic_file_fill_span, &s, res);
}
