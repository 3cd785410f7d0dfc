#include "sim_dumpdir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMPLATE "spdk-memtop-sim.XXXXXX"

static mode_t current_umask(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
}

int sim_dumpdir_open(struct sim_dumpdir *d, const char *chosen, struct mt_err *err)
{
	struct stat st;

	memset(d, 0, sizeof(*d));
	if (!chosen)
		return 0;
	if (stat(chosen, &st) < 0) {
		mt_err_set(err, -errno, "--dump-dir %s: %s", chosen, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		mt_err_set(err, -ENOTDIR, "--dump-dir %s: not a directory", chosen);
		return -1;
	}
	if ((size_t)snprintf(d->dir, sizeof(d->dir), "%s", chosen) >=
	    sizeof(d->dir) - sizeof("/." SIM_DUMP_FILE ".XXXXXX")) {
		mt_err_set(err, -ENAMETOOLONG, "--dump-dir %s: path too long", chosen);
		d->dir[0] = '\0';
		return -1;
	}
	d->chosen = true;
	return 0;
}

/* The private directory, on first use: nothing is left in /tmp by a sim that never dumped. */
static int make_private(struct sim_dumpdir *d, struct mt_err *err)
{
	const char *tmp = getenv("TMPDIR");

	if (!tmp || !*tmp)
		tmp = "/tmp";
	if ((size_t)snprintf(d->dir, sizeof(d->dir), "%s/" TEMPLATE, tmp) >=
	    sizeof(d->dir) - sizeof("/." SIM_DUMP_FILE ".XXXXXX")) {
		mt_err_set(err, -ENAMETOOLONG, "TMPDIR %s: path too long", tmp);
		d->dir[0] = '\0';
		return -1;
	}
	if (!mkdtemp(d->dir)) {
		mt_err_set(err, -errno, "mkdtemp %s: %s", d->dir, strerror(errno));
		d->dir[0] = '\0';
		return -1;
	}
	return 0;
}

static int write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			errno = EIO;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int sim_dumpdir_write(struct sim_dumpdir *d, const char *text, size_t len, char *path,
		      size_t cap, struct mt_err *err)
{
	char tmp[PATH_MAX];
	int fd, e, rc;

	if (!d->dir[0] && make_private(d, err) < 0)
		return -1;
	snprintf(tmp, sizeof(tmp), "%s/." SIM_DUMP_FILE ".XXXXXX", d->dir);
	if ((size_t)snprintf(path, cap, "%s/" SIM_DUMP_FILE, d->dir) >= cap) {
		mt_err_set(err, -ENAMETOOLONG, "%s/" SIM_DUMP_FILE ": path too long", d->dir);
		return -1;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		mt_err_set(err, -errno, "mkstemp %s: %s", tmp, strerror(errno));
		return -1;
	}
	/* SPDK writes its dump with fopen: 0666 less the umask, not mkstemp's 0600. */
	rc = fchmod(fd, 0666 & ~current_umask());
	rc = rc < 0 ? rc : write_all(fd, text, len);
	e = errno;
	if (close(fd) < 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc < 0) {
		unlink(tmp);
		mt_err_set(err, -e, "write %s: %s", tmp, strerror(e));
		return -1;
	}
	if (rename(tmp, path) < 0) {
		e = errno;
		unlink(tmp);
		mt_err_set(err, -e, "rename %s to %s: %s", tmp, path, strerror(e));
		return -1;
	}
	return 0;
}

void sim_dumpdir_close(struct sim_dumpdir *d)
{
	char path[PATH_MAX];

	if (!d->chosen && d->dir[0]) {
		snprintf(path, sizeof(path), "%s/" SIM_DUMP_FILE, d->dir);
		unlink(path);
		rmdir(d->dir);
	}
	memset(d, 0, sizeof(*d));
}
