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

static int outcome(struct action_result *res, enum action_outcome o, int code, const char *msg)
{
	res->kind = ACTION_FLIGHT_DUMP;
	res->outcome = o;
	res->code = code;
	snprintf(res->message, sizeof(res->message), "%s", msg);
	return o == ACTION_OK ? 0 : -1;
}

int recorder_dump(const struct actions *a, const char *dir, const char *name, const char *data,
		  size_t len, struct action_result *res)
{
	char path[PATH_MAX], msg[PATH_MAX + 64];
	struct mt_err err = { 0 };

	if (actions_check(a, ACTION_FLIGHT_DUMP, res))
		return -1;
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return outcome(res, ACTION_FAILED, -ENAMETOOLONG, "flight dump: path too long");
	/* The snapshots may name the target: the directories and the file are private. */
	if (atomic_file_mkdirs(dir, &err) || atomic_file_write(path, data, len, 0600, &err)) {
		snprintf(msg, sizeof(msg), "%s; nothing written", err.msg);
		return outcome(res, ACTION_FAILED, err.code, msg);
	}
	snprintf(msg, sizeof(msg), "wrote %s", path);
	return outcome(res, ACTION_OK, 0, msg);
}
