/*
 * recorder_dump: a whole recording written so that the file either does not
 * exist or is complete (contract: recorder.h): temporary file in the target
 * directory, fsync, rename, fsync of the directory.
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

/* "where: why" where why is errno's text unless given. */
static int fail(struct action_result *res, int e, const char *where, const char *why)
{
	res->kind = ACTION_FLIGHT_DUMP;
	res->outcome = ACTION_FAILED;
	res->code = -e;
	snprintf(res->message, sizeof(res->message), "%s: %s; nothing written", where,
		 why ? why : strerror(e));
	return -1;
}

/* mkdir -p with 0700 for the parts it makes (the snapshots may name the target). */
static int make_dirs(const char *dir, struct action_result *res)
{
	char p[PATH_MAX];
	size_t len = strlen(dir);

	if (len == 0 || len >= sizeof(p))
		return fail(res, ENAMETOOLONG, dir, NULL);
	memcpy(p, dir, len + 1);
	for (size_t i = 1; i <= len; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		p[i] = '\0';
		if (mkdir(p, 0700) && errno != EEXIST)
			return fail(res, errno, p, NULL);
		p[i] = dir[i];
	}
	return 0;
}

int recorder_dump(const struct actions *a, const char *dir, const char *name, const char *data,
		  size_t len, struct action_result *res)
{
	char tmp[PATH_MAX], path[PATH_MAX];
	int fd, dfd, e;

	if (actions_check(a, ACTION_FLIGHT_DUMP, res))
		return -1;
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path) ||
	    snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, name) >= (int)sizeof(tmp))
		return fail(res, ENAMETOOLONG, dir, NULL);
	if (make_dirs(dir, res))
		return -1;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return fail(res, errno, dir, NULL);
	if (fchmod(fd, 0600) || recorder_write_all(fd, data, len) || fsync(fd)) {
		e = errno;
		close(fd);
		unlink(tmp);
		return fail(res, e, path, NULL);
	}
	close(fd);
	if (rename(tmp, path)) {
		e = errno;
		unlink(tmp);
		return fail(res, e, path, NULL);
	}
	/* The rename itself must survive a crash, or the file may vanish again. */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	res->kind = ACTION_FLIGHT_DUMP;
	res->outcome = ACTION_OK;
	res->code = 0;
	snprintf(res->message, sizeof(res->message), "wrote %s", path);
	return 0;
}
