/*
 * config_patch_apply: write a plan so that the config file is, at every
 * moment, either the old file or the whole new one (contract:
 * config_patch.h).  Order: new text to a temporary file, checked; the .bak
 * through a temporary file of its own; then the one rename that changes the
 * file.  Every failure before that rename leaves the file as it was.
 */
#include "config_patch_int.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct target {
	char dir[CONFIG_PATCH_PATH_LEN];
	char base[CONFIG_PATCH_PATH_LEN];
};

static void split(const char *real, struct target *t)
{
	char a[CONFIG_PATCH_PATH_LEN], b[CONFIG_PATCH_PATH_LEN];

	snprintf(a, sizeof(a), "%s", real);
	snprintf(b, sizeof(b), "%s", real);
	snprintf(t->dir, sizeof(t->dir), "%s", dirname(a));
	snprintf(t->base, sizeof(t->base), "%s", basename(b));
}

/* The original's owner before its mode: chown may clear set-id bits. */
static int copy_owner_mode(int fd, const char *tmp, const struct stat *st, struct mt_err *err)
{
	struct stat now;

	if (fstat(fd, &now)) {
		mt_err_set(err, -errno, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	if ((now.st_uid != st->st_uid || now.st_gid != st->st_gid) &&
	    fchown(fd, st->st_uid, st->st_gid)) {
		mt_err_set(err, -errno, "%s: cannot give the new file the original's owner %ju:%ju "
			   "(%s); not changed", tmp, (uintmax_t)st->st_uid, (uintmax_t)st->st_gid,
			   strerror(errno));
		return -1;
	}
	if (fchmod(fd, st->st_mode & 07777)) {
		mt_err_set(err, -errno, "%s: cannot give the new file mode %04o (%s); not changed",
			   tmp, (unsigned)(st->st_mode & 07777), strerror(errno));
		return -1;
	}
	return 0;
}

static int write_all(int fd, const char *tmp, const char *buf, size_t len, struct mt_err *err)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			bool full = e == ENOSPC || e == EDQUOT;

			mt_err_set(err, -e, "%s: %s while writing (%s); not changed", tmp,
				   full ? "disk full" : "failed", strerror(e));
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	if (fsync(fd)) {
		mt_err_set(err, -errno, "%s: fsync: %s; not changed", tmp, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * A new file next to the target holding buf, with the target's owner and
 * mode, fsynced.  Returns its fd, name in tmp; -1 with tmp empty when it
 * could not be made, or with tmp named for the caller to remove.
 */
static int temp_with(const struct target *t, const char *suffix, const char *buf, size_t len,
		     const struct stat *st, char *tmp, size_t tmp_len, struct mt_err *err)
{
	int fd;

	tmp[0] = '\0';
	if (snprintf(tmp, tmp_len, "%s/.%s%s.memtop-XXXXXX", t->dir, t->base, suffix) >=
	    (int)tmp_len) {
		tmp[0] = '\0';
		mt_err_set(err, -ENAMETOOLONG, "%s/%s: path too long for a temporary file", t->dir,
			   t->base);
		return -1;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		tmp[0] = '\0';
		bool ro = e == EACCES || e == EROFS || e == EPERM;

		mt_err_set(err, -e, "%s: cannot create a temporary file (%s)%s; not changed",
			   t->dir, strerror(e), ro ? ": the directory is read-only" : "");
		return -1;
	}
	if (copy_owner_mode(fd, tmp, st, err) || write_all(fd, tmp, buf, len, err)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* What is on disk now, parsed: a short or garbled write shows here. */
static json_t *read_back(int fd, const char *tmp, size_t want, struct mt_err *err)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	json_t *v;

	if (fstat(fd, &st)) {
		mt_err_set(err, -errno, "%s: %s; not changed", tmp, strerror(errno));
		return NULL;
	}
	if ((size_t)st.st_size != want) {
		mt_err_set(err, -EIO, "%s: %zu bytes written but the file has %lld; not changed",
			   tmp, want, (long long)st.st_size);
		return NULL;
	}
	buf = malloc(want + 1);
	if (!buf) {
		mt_err_set(err, -ENOMEM, "%s: out of memory", tmp);
		return NULL;
	}
	while (got < want) {
		ssize_t n = pread(fd, buf + got, want - got, (off_t)got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;

			mt_err_set(err, -e, "%s: reading it back: %s; not changed", tmp,
				   n < 0 ? strerror(e) : "short read");
			free(buf);
			return NULL;
		}
		got += (size_t)n;
	}
	v = cp_parse(tmp, buf, want, err);
	free(buf);
	return v;
}

static int sync_dir(const char *dir, struct mt_err *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 || fsync(fd)) {
		mt_err_set(err, -errno, "%s: fsync of the directory: %s", dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* The file must still be what the plan read; returns the original, parsed. */
static json_t *still_planned(const struct config_patch *p, struct stat *st, struct mt_err *err)
{
	char *now;
	size_t len;
	json_t *orig;

	if (cp_read(p->real_path, p->real_path, &now, &len, st, err))
		return NULL;
	if (st->st_dev != p->in.dev || st->st_ino != p->in.ino || len != p->in.orig_len ||
	    memcmp(now, p->in.orig, len)) {
		mt_err_set(err, -ESTALE, "%s: changed since the change was planned; review it "
			   "again; not changed", p->real_path);
		free(now);
		return NULL;
	}
	orig = cp_parse(p->real_path, now, len, err);
	free(now);
	return orig;
}

/* The original's copy at bak_path, complete before any older .bak goes. */
static int make_bak(const struct config_patch *p, const struct target *t, const struct stat *st,
		    struct mt_err *err)
{
	char tmp[CONFIG_PATCH_PATH_LEN + 32];
	int fd = temp_with(t, ".bak", p->in.orig, p->in.orig_len, st, tmp, sizeof(tmp), err);

	if (fd >= 0 && close(fd)) {
		mt_err_set(err, -errno, "%s: close: %s; not changed", tmp, strerror(errno));
		fd = -1;
	}
	if (fd >= 0 && rename(tmp, p->bak_path)) {
		mt_err_set(err, -errno, "%s: cannot make the backup (%s); not changed", p->bak_path,
			   strerror(errno));
		fd = -1;
	}
	if (fd < 0) {
		if (tmp[0])
			unlink(tmp);
		return -1;
	}
	if (sync_dir(t->dir, err)) {
		mt_err_prefix(err, "%s written, %s not changed", p->bak_path, p->real_path);
		return -1;
	}
	return 0;
}

int config_patch_apply(const struct config_patch *p, struct mt_err *err)
{
	char tmp[CONFIG_PATCH_PATH_LEN + 32] = "";
	struct target t;
	struct stat st;
	json_t *orig = NULL, *written = NULL;
	int fd = -1, rc = -1;

	if (!p->in.orig || !p->in.text) {
		mt_err_set(err, -EINVAL, "no change was planned");
		return -1;
	}
	if (!p->changes)
		return 0;
	split(p->real_path, &t);
	if (cp_check_writable(p->real_path, err))
		return -1;
	orig = still_planned(p, &st, err);
	if (!orig)
		return -1;
	if (st.st_nlink > 1) {
		mt_err_set(err, -EMLINK, "%s: has %ju hard links now; not changed", p->real_path,
			   (uintmax_t)st.st_nlink);
		goto out;
	}
	fd = temp_with(&t, "", p->in.text, p->in.text_len, &st, tmp, sizeof(tmp), err);
	if (fd < 0)
		goto out;
	written = read_back(fd, tmp, p->in.text_len, err);
	if (!written || cp_verify(p, orig, written, err))
		goto out;
	if (close(fd)) {
		fd = -1;
		mt_err_set(err, -errno, "%s: close: %s; not changed", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (make_bak(p, &t, &st, err))
		goto out;
	if (rename(tmp, p->real_path)) {
		mt_err_set(err, -errno, "%s: cannot replace it (%s); not changed", p->real_path,
			   strerror(errno));
		goto out;
	}
	tmp[0] = '\0';
	rc = sync_dir(t.dir, err);
	if (rc)
		mt_err_prefix(err, "%s replaced, but it may not survive a crash", p->real_path);
out:
	if (fd >= 0)
		close(fd);
	if (tmp[0])
		unlink(tmp);
	json_decref(orig);
	json_decref(written);
	return rc;
}
