/* Temp file, write, fsync, rename, fsync the directory (contract: atomic_file.h). */
/* renameat2 and RENAME_NOREPLACE come from _GNU_SOURCE, set by CMake. */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directory part of path ("." when there is none). */
static void dir_of(const char *path, char *dir, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, len, ".");
	else if (slash == path)
		snprintf(dir, len, "/");
	else
		snprintf(dir, len, "%.*s", (int)(slash - path), path);
}

int atomic_file_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int atomic_file_fill_span(void *ctx, int fd)
{
	const struct atomic_file_span *s = ctx;

	return atomic_file_write_all(fd, s->data, s->len);
}

/*
 * rename() that fails with EEXIST instead of replacing.  renameat2 is not
 * implemented by every filesystem (EINVAL); link()+unlink() gives the same
 * guarantee there.
 */
static int rename_noreplace(const char *from, const char *to)
{
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (link(from, to))
		return -1;
	unlink(from);
	return 0;
}

static int publish(const char *path, atomic_file_fill fill, void *ctx, mode_t mode, bool replace,
		   struct mt_err *err)
{
	char tmp[4096 + 16], dir[4096];
	const char *step = NULL;
	int fd, dfd, e;

	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp)) {
		mt_err_set(err, -ENAMETOOLONG, "%s: path too long", path);
		return -1;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		mt_err_set(err, -errno, "%s: cannot create a temporary file next to it: %s", path,
			   strerror(errno));
		return -1;
	}
	if (fill(ctx, fd))
		step = "write";
	else if (fchmod(fd, mode))
		step = "chmod";
	else if (fsync(fd))
		step = "fsync";
	e = errno;
	if (close(fd) && !step) {
		step = "close";
		e = errno;
	}
	if (!step && (replace ? rename(tmp, path) : rename_noreplace(tmp, path))) {
		step = "rename";
		e = errno;
	}
	if (step) {
		unlink(tmp);
		mt_err_set(err, -e, "%s: %s: %s; not changed", path, step, strerror(e));
		return -1;
	}
	dir_of(path, dir, sizeof(dir));
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd)) {
		e = errno;
		if (dfd >= 0)
			close(dfd);
		mt_err_set(err, -e, "%s: written, but the directory %s could not be synced: %s",
			   path, dir, strerror(e));
		return -1;
	}
	close(dfd);
	return 0;
}

int atomic_file_write(const char *path, const void *data, size_t len, mode_t mode,
		      struct mt_err *err)
{
	struct atomic_file_span sp = { data, len };

	return publish(path, atomic_file_fill_span, &sp, mode, true, err);
}

int atomic_file_create(const char *path, const void *data, size_t len, mode_t mode,
		       struct mt_err *err)
{
	struct atomic_file_span sp = { data, len };

	return publish(path, atomic_file_fill_span, &sp, mode, false, err);
}

int atomic_file_create_with(const char *path, atomic_file_fill fill, void *ctx, mode_t mode,
			    struct mt_err *err)
{
	return publish(path, fill, ctx, mode, false, err);
}

int atomic_file_mkdirs(const char *dir, struct mt_err *err)
{
	char buf[4096];
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof(buf)) {
		mt_err_set(err, -EINVAL, "'%s': not a usable directory name", dir);
		return -1;
	}
	memcpy(buf, dir, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0700) && errno != EEXIST) {
			mt_err_set(err, -errno, "%s: cannot create: %s", buf, strerror(errno));
			return -1;
		}
		buf[i] = i < n ? '/' : '\0';
	}
	return 0;
}
