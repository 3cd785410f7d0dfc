/*
 * Reading the dump file (contract: dpdk_mem_dump.h).
 *
 * O_NONBLOCK makes open() itself return at once on a FIFO with no writer;
 * fstat then refuses anything but a regular file, so nothing below can wait
 * on a pipe, a socket or a device.  Memory is one chunk and one line buffer
 * on the stack whatever the file's size; the byte cap bounds the time.
 */
#include "dpdk_mem_dump.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dpdk_mem_dump_impl.h"
#include "mt_text.h"
#include "proc_file.h"

struct line_acc {
	char buf[DPDK_DUMP_LINE_MAX];
	size_t len;
	bool overlong;
};

static int open_regular(const char *path, uint64_t max, struct mt_err *err)
{
	struct stat st;
	int fd;

	do
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		int e = errno;

		mt_err_set(err, -e, "%s: cannot open the env_dpdk_get_mem_stats dump: %s%s", path,
			   strerror(e), e == ENOENT ? " (the target writes it on its own host, "
			   "in its own file system)" : "");
		return -e;
	}
	if (fstat(fd, &st) != 0) {
		int e = errno;

		close(fd);
		mt_err_set(err, -e, "%s: cannot stat: %s", path, strerror(e));
		return -e;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		mt_err_set(err, -EINVAL, "%s: %s; env_dpdk_get_mem_stats writes a regular file, "
			   "nothing else is read", path, mt_file_kind(st.st_mode));
		return -EINVAL;
	}
	if ((uint64_t)st.st_size > max) {
		close(fd);
		mt_err_set(err, -EFBIG, "%s: %lld bytes, more than the %llu read at most: not a "
			   "dump we can use whole", path, (long long)st.st_size,
			   (unsigned long long)max);
		return -EFBIG;
	}
	return fd;
}

/* Splits bytes into lines; a line too long for the buffer is dropped whole. */
static void feed(struct dpdk_mem_dump *d, struct line_acc *l, const char *p, size_t n)
{
	while (n) {
		const char *nl = memchr(p, '\n', n);
		size_t take = nl ? (size_t)(nl - p) : n;

		if (!l->overlong && take <= sizeof(l->buf) - l->len) {
			memcpy(l->buf + l->len, p, take);
			l->len += take;
		} else {
			l->overlong = true;
		}
		if (!nl)
			return;
		if (l->overlong)
			dd_long_line(d);
		else
			dpdk_mem_dump_line(d, l->buf, l->len);
		l->len = 0;
		l->overlong = false;
		p = nl + 1;
		n -= take + 1;
	}
}

static void last_line(struct dpdk_mem_dump *d, const struct line_acc *l)
{
	struct dd_span s = { l->buf, l->len };

	if (!l->overlong && !dd_text_trim(s).n)
		return;
	d->lines++;
	dd_bad(d, "last line has no newline: the dump was cut short; line ignored");
}

struct pump {
	struct dpdk_mem_dump *d;
	struct line_acc *l;
};

static void take_chunk(void *ctx, const char *buf, size_t n)
{
	struct pump *p = ctx;

	p->d->bytes += n;
	feed(p->d, p->l, buf, n);
}

const char *dpdk_mem_dump_path_for(const char *procfs_root, pid_t pid, const char *path,
				   char *buf, size_t len)
{
	struct stat ours, theirs;
	int n;

	snprintf(buf, len, "%s", path);
	if (pid <= 0 || path[0] != '/')
		return buf;
	n = snprintf(buf, len, "%s/%ld/root%s", procfs_root ? procfs_root : "/proc", (long)pid,
		     path);
	/* Theirs unreachable (gone, not allowed, too long a name): ours is all there is. */
	if (n < 0 || (size_t)n >= len || stat(buf, &theirs) != 0) {
		snprintf(buf, len, "%s", path);
		return buf;
	}
	if (stat(path, &ours) == 0 && ours.st_dev == theirs.st_dev &&
	    ours.st_ino == theirs.st_ino)
		snprintf(buf, len, "%s", path);
	return buf;
}

int dpdk_mem_dump_read(const char *path, uint64_t max_bytes, struct dpdk_mem_dump *out,
		       struct mt_err *err)
{
	struct line_acc l = { .len = 0, .overlong = false };
	struct pump p = { out, &l };
	uint64_t max = max_bytes ? max_bytes : DPDK_DUMP_DEFAULT_MAX_BYTES;
	int fd, rc;

	dpdk_mem_dump_init(out, path);
	fd = open_regular(path, max, err);
	if (fd < 0)
		return fd;
	rc = proc_file_pump(fd, max, take_chunk, &p);
	if (rc == -EFBIG)
		mt_err_set(err, rc, "%s:%lu: more than %llu bytes (the file grew while read?); "
			   "stopped", path, out->lines + 1, (unsigned long long)max);
	else if (rc)
		mt_err_set(err, rc, "%s:%lu: read failed: %s", path, out->lines + 1, strerror(-rc));
	else
		last_line(out, &l);
	close(fd);
	dpdk_mem_dump_finish(out);
	return rc;
}

int dpdk_mem_dump_read_once(struct dpdk_mem_dump_once *o, const char *path, uint64_t max_bytes,
			    const struct dpdk_mem_dump **out, struct mt_err *err)
{
	*out = NULL;
	if (!o->d || strcmp(o->path, path) != 0) {
		if (!o->d && !(o->d = malloc(sizeof(*o->d)))) {
			mt_err_set(err, -ENOMEM, "out of memory for the memory dump");
			return -ENOMEM;
		}
		snprintf(o->path, sizeof(o->path), "%s", path);
		mt_err_clear(&o->err);
		o->rc = dpdk_mem_dump_read(path, max_bytes, o->d, &o->err);
		o->reads++;
	}
	*out = o->d;
	if (o->rc)
		*err = o->err;
	return o->rc;
}

void dpdk_mem_dump_once_clear(struct dpdk_mem_dump_once *o)
{
	free(o->d);
	o->d = NULL;
	o->path[0] = '\0';
	o->rc = 0;
}
