/*
 * Leaked hugepage files: hugetlbfs mounts and the files nobody holds
 * (contract: hp_consumers.h, hp_consumers_impl.h).
 *
 * SPDK started without -i/--shm-id gives DPDK --file-prefix spdk_pid<PID>
 * (lib/env_dpdk/init.c), so its files name their owner: one whose PID has
 * no <procfs>/<PID> is left from a process that died (usually a crash: a
 * clean exit unlinks them; recent SPDK also passes --huge-unlink in that
 * case unless -g is given, older SPDK only with -R).  With -i N the prefix
 * is spdk<N>, shared by the primary and its secondary processes, and DPDK's
 * default prefix is rtemap_: those name no owner, so such a file counts as
 * leaked only when no process we read maps it; with unreadable processes
 * that is said beside the list (hugepage_consumers.h's procs_unreadable).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hp_consumers_impl.h"
#include "hp_consumers_parse.h"
#include "proc_file.h"

#define MOUNTS_MAX (16u << 20)

static struct hp_mapped_file mapped_key(const struct hpc_file_name *f)
{
	struct hp_mapped_file k = { 0, f->num };

	if (f->kind == HPC_FILE_SPDK_SHM)
		k.shm = f->shm_id + 1;   /* digits() stops below UINT64_MAX, so no wrap */
	return k;
}

static bool mapped(const struct hp_mapped *m, const struct hpc_file_name *f)
{
	struct hp_mapped_file k = mapped_key(f);

	for (size_t i = 0; i < m->n; i++)
		if (m->files[i].shm == k.shm && m->files[i].num == k.num)
			return true;
	return false;
}

void hp_mapped_add(struct hp_mapped *m, const struct hpc_file_name *f)
{
	if (mapped(m, f))
		return;
	if (m->n < HP_SCAN_MAX_MAPPED)
		m->files[m->n++] = mapped_key(f);
	else
		m->overflow = true;
}

static void feed_mounts(void *ctx, const char *buf, size_t n)
{
	mounts_feed(ctx, buf, n);
}

static int read_mounts(int procfd, const char *root, struct hugepage_consumers *c)
{
	struct mounts_parser *mp = malloc(sizeof(*mp));
	int rc;

	if (!mp) {
		mt_errlist_add(&c->errors, "out of memory for the mount table");
		return -ENOMEM;
	}
	mounts_init(mp);
	rc = proc_file_stream(procfd, "mounts", MOUNTS_MAX, feed_mounts, mp);
	if (rc == -ENOENT) {
		mounts_init(mp);
		rc = proc_file_stream(procfd, "self/mounts", MOUNTS_MAX, feed_mounts, mp);
	}
	mounts_finish(mp);
	if (rc)
		mt_errlist_add(&c->errors, "%s/mounts: %s: hugetlbfs mounts not looked at", root,
			       rc == HP_ERR_NOT_FILE ? "not a regular file" : strerror(-rc));
	if (mp->mounts_dropped)
		mt_errlist_add(&c->errors, "%s/mounts: %llu more hugetlbfs mounts not looked at",
			       root, (unsigned long long)mp->mounts_dropped);
	if (mp->long_paths)
		mt_errlist_add(&c->errors, "%s/mounts: %llu hugetlbfs mount points too long to "
			       "look at", root, (unsigned long long)mp->long_paths);
	c->nmounts = mp->nmounts;
	memcpy(c->mounts, mp->mounts, sizeof(c->mounts));
	free(mp);
	return rc;
}

static bool pid_alive(int procfd, int pid)
{
	char name[16];
	struct stat st;

	snprintf(name, sizeof(name), "%d", pid);
	return fstatat(procfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 || errno != ENOENT;
}

static void add_leak(struct hugepage_consumers *c, const struct hpc_mount *m, const char *name,
		     int pid, uint64_t bytes)
{
	struct hpc_leak *l;

	c->leaked_bytes += bytes;
	if (c->nleaks == HPC_MAX_LEAKS) {
		c->leaks_dropped++;
		return;
	}
	l = &c->leaks[c->nleaks++];
	snprintf(l->path, sizeof(l->path), "%s/%s", m->path, name);
	l->pid = pid;
	l->bytes = bytes;
	l->page_kb = m->page_kb;
}

static void scan_mount(int procfd, const struct hp_mapped *mp, const struct hpc_mount *m,
		       struct hugepage_consumers *c)
{
	size_t entries = 0;
	struct dirent *e;
	DIR *d;
	int fd;

	/* openat ignores procfd for an absolute path: only a fixture's relative one uses it. */
	fd = openat(procfd, m->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || !(d = fdopendir(fd))) {
		mt_errlist_add(&c->errors, "hugetlbfs %s: cannot list: %s", m->path,
			       strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		struct hpc_file_name f;
		struct stat st;

		if (++entries > HP_SCAN_MAX_FILES) {
			mt_errlist_add(&c->errors, "hugetlbfs %s: more than %d files; stopped "
				       "looking", m->path, HP_SCAN_MAX_FILES);
			break;
		}
		f = hpc_file_kind(e->d_name);
		if (f.kind == HPC_FILE_OTHER)
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (f.kind == HPC_FILE_SPDK && !pid_alive(procfd, f.pid))
			add_leak(c, m, e->d_name, f.pid, (uint64_t)st.st_size);
		else if (f.kind != HPC_FILE_SPDK && !mp->overflow && !mapped(mp, &f))
			add_leak(c, m, e->d_name, 0, (uint64_t)st.st_size);
	}
	closedir(d);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct hpc_leak *)a)->path, ((const struct hpc_leak *)b)->path);
}

void hp_find_leaks(int procfd, const char *root, const struct hp_mapped *mapped_files,
		   struct hugepage_consumers *c)
{
	if (read_mounts(procfd, root, c))
		return;
	if (mapped_files->overflow)
		mt_errlist_add(&c->errors, "more than %d rtemap_/spdk<ID>map_ files mapped: which "
			       "of them are leaked is not told", HP_SCAN_MAX_MAPPED);
	for (size_t i = 0; i < c->nmounts; i++)
		scan_mount(procfd, mapped_files, &c->mounts[i], c);
	/* readdir's order is the file system's: sorted, the list reads the same every time */
	qsort(c->leaks, c->nleaks, sizeof(c->leaks[0]), by_path);
}
