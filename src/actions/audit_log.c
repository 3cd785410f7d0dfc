/*
 * audit_log: where the log lives and how a line gets there whole
 * (contract: audit_log.h).  Opened and closed per line: actions are rare,
 * and no descriptor outlives a rotated or deleted log.
 */
#include "audit_log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int audit_log_path(const char *xdg_state_home, const char *home, char *buf, size_t len,
		   struct mt_err *err)
{
	int n;

	if (xdg_state_home && xdg_state_home[0] == '/')
		n = snprintf(buf, len, "%s/spdk-memtop/audit.log", xdg_state_home);
	else if (home && home[0] == '/')
		n = snprintf(buf, len, "%s/.local/state/spdk-memtop/audit.log", home);
	else {
		mt_err_set(err, -ENOENT, "no audit log: neither XDG_STATE_HOME nor HOME names an "
			   "absolute directory");
		return -1;
	}
	if (n < 0 || (size_t)n >= len) {
		mt_err_set(err, -ENAMETOOLONG, "audit log path too long");
		return -1;
	}
	return 0;
}

/* mkdir -p of path's directory; what is made gets 0700 whatever the umask. */
static int make_dirs(const char *path, struct mt_err *err)
{
	char dir[AUDIT_PATH_LEN];
	char *slash;

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir)) {
		mt_err_set(err, -ENAMETOOLONG, "%.64s...: audit log path too long", path);
		return -1;
	}
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	for (slash = strchr(dir + 1, '/');; slash = strchr(slash + 1, '/')) {
		if (slash)
			*slash = '\0';
		if (!mkdir(dir, 0700)) {
			if (chmod(dir, 0700)) {
				mt_err_set(err, -errno, "%s: chmod 0700: %s", dir, strerror(errno));
				return -1;
			}
		} else if (errno != EEXIST) {
			mt_err_set(err, -errno, "%s: cannot make the audit log's directory: %s",
				   dir, strerror(errno));
			return -1;
		}
		if (!slash)
			return 0;
		*slash = '/';
	}
}

/* O_NONBLOCK: a FIFO in the log's place fails instead of hanging the dashboard. */
static int open_log(const char *path, struct mt_err *err)
{
	int flags = O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
	int fd = open(path, flags | O_CREAT | O_EXCL, 0600);
	struct stat st;

	if (fd >= 0) {
		if (fchmod(fd, 0600)) {
			mt_err_set(err, -errno, "%s: chmod 0600: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		return fd;
	}
	if (errno == EEXIST)
		fd = open(path, flags);
	if (fd < 0) {
		mt_err_set(err, -errno, "%s: cannot open the audit log: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		mt_err_set(err, -EINVAL, "%s: the audit log is not a regular file", path);
		close(fd);
		return -1;
	}
	return fd;
}

int actions_audit(const struct actions *a, const char *path, const struct audit_entry *e,
		  struct mt_err *err)
{
	struct action_result gate;

	if (actions_check(a, ACTION_AUDIT_LOG, &gate))
		return 1;
	return audit_log_append(path, e, err);
}

int audit_log_append(const char *path, const struct audit_entry *e, struct mt_err *err)
{
	char def[AUDIT_PATH_LEN];
	char *line;
	ssize_t n;
	int fd, len, rc = -1;

	if (!path) {
		if (audit_log_path(getenv("XDG_STATE_HOME"), getenv("HOME"), def, sizeof(def), err))
			return -1;
		path = def;
	}
	line = malloc(AUDIT_LINE_MAX);
	if (!line) {
		mt_err_set(err, -ENOMEM, "audit log: out of memory");
		return -1;
	}
	len = audit_line_format(e, line, AUDIT_LINE_MAX);
	if (len < 0) {
		mt_err_set(err, -EINVAL, "audit log: the entry cannot be written as a line");
		goto out;
	}
	if (make_dirs(path, err))
		goto out;
	fd = open_log(path, err);
	if (fd < 0)
		goto out;
	/* One write: a second one could land after another writer's line. */
	do
		n = write(fd, line, (size_t)len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		mt_err_set(err, -errno, "%s: cannot write the audit log: %s", path,
			   strerror(errno));
	else if (n != len)
		mt_err_set(err, -EIO, "%s: only %zd of %d bytes of the audit line written (disk "
			   "full?)", path, n, len);
	else
		rc = 0;
	if (close(fd) && !rc) {
		mt_err_set(err, -errno, "%s: closing the audit log: %s", path, strerror(errno));
		rc = -1;
	}
out:
	free(line);
	return rc;
}
