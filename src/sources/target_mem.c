/*
 * Reading another process's memory (contract: target_mem.h).
 *
 * The /proc/<pid>/mem fallback reads region by region into the local
 * buffers, which may be split differently from the remote regions, as
 * process_vm_readv allows.  It stops at the first region that fails and
 * reports the bytes before it, the way process_vm_readv does, so both
 * readers look the same to target_mem_read().
 */
#include "target_mem.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#define REMOTE_MAX 1024   /* UIO_MAXIOV: process_vm_readv takes no more */

ssize_t target_mem_vm_readv(void *ctx, pid_t pid, const struct iovec *local, size_t nlocal,
			    const struct iovec *remote, size_t nremote)
{
	ssize_t r;

	(void)ctx;
	do
		r = process_vm_readv(pid, local, nlocal, remote, nremote, 0);
	while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : r;
}

struct cursor {
	const struct iovec *iov;
	size_t n, i, off;
};

ssize_t target_mem_proc_mem(void *ctx, pid_t pid, const struct iovec *local, size_t nlocal,
			    const struct iovec *remote, size_t nremote)
{
	struct cursor out = { local, nlocal, 0, 0 };
	char path[PATH_MAX];
	ssize_t total = 0;
	int fd, e = 0;

	snprintf(path, sizeof(path), "%s/%ld/mem", ctx ? (const char *)ctx : "/proc", (long)pid);
	do
		fd = open(path, O_RDONLY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return -errno;
	for (size_t r = 0; r < nremote && !e; r++) {
		uintptr_t addr = (uintptr_t)remote[r].iov_base;
		size_t left = remote[r].iov_len;

		while (left && !e) {
			size_t room, want;
			ssize_t got;

			while (out.i < out.n && out.off == out.iov[out.i].iov_len) {
				out.i++;
				out.off = 0;
			}
			if (out.i == out.n) {
				e = EINVAL;   /* more remote than local bytes */
				break;
			}
			room = out.iov[out.i].iov_len - out.off;
			want = left < room ? left : room;
			got = pread(fd, (char *)out.iov[out.i].iov_base + out.off, want,
				    (off_t)addr);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				e = got < 0 ? errno : EIO;
				break;
			}
			out.off += (size_t)got;
			addr += (size_t)got;
			left -= (size_t)got;
			total += got;
		}
	}
	close(fd);
	if (e && total == 0)
		return -e;
	return total;
}

static ssize_t system_readv(void *ctx, pid_t pid, const struct iovec *local, size_t nlocal,
			    const struct iovec *remote, size_t nremote)
{
	ssize_t r = target_mem_vm_readv(ctx, pid, local, nlocal, remote, nremote), r2;

	if (r != -ENOSYS && r != -EPERM)
		return r;
	r2 = target_mem_proc_mem(NULL, pid, local, nlocal, remote, nremote);
	/* No /proc at all says less than process_vm_readv's refusal. */
	return r2 == -ENOENT ? r : r2;
}

struct target_mem target_mem_system(void)
{
	struct target_mem m = { system_readv, NULL, NULL };

	return m;
}

static size_t iov_total(const struct iovec *v, size_t n)
{
	size_t t = 0;

	for (size_t i = 0; i < n; i++)
		t += v[i].iov_len;
	return t;
}

int target_mem_read(const struct target_mem *m, pid_t pid, const struct iovec *local,
		    size_t nlocal, const struct iovec *remote, size_t nremote, struct mt_err *err)
{
	size_t want = iov_total(remote, nremote), at = 0, i;
	struct target_mem_facts f;
	char what[96];
	ssize_t r;

	if (pid <= 0 || nremote == 0 || nremote > REMOTE_MAX || iov_total(local, nlocal) != want) {
		mt_err_set(err, -EINVAL, "reading pid %ld: %zu regions of %zu bytes into %zu bytes "
			   "(1 to %d regions, sizes equal)", (long)pid, nremote, want,
			   iov_total(local, nlocal), REMOTE_MAX);
		return -EINVAL;
	}
	r = m->readv(m->ctx, pid, local, nlocal, remote, nremote);
	if (r >= 0 && (size_t)r == want)
		return 0;
	/* Name the region the read stopped in. */
	for (i = 0; r > 0 && i < nremote && at + remote[i].iov_len <= (size_t)r; i++)
		at += remote[i].iov_len;
	if (i == nremote)
		i = nremote - 1;
	snprintf(what, sizeof(what), "%zu bytes at %p (region %zu of %zu)", remote[i].iov_len,
		 remote[i].iov_base, i + 1, nremote);
	target_mem_facts_gather(m->procfs_root, pid, &f);
	target_mem_explain(r < 0 ? (int)r : -EFAULT, pid, what, &f, err);
	return r < 0 ? (int)r : -EFAULT;
}
