/*
 * The hugepage consumers scan, process by process (contract: hp_consumers.h).
 *
 * The process directory stays open between steps; each entry is one
 * process, done whole before the clock is looked at, so a step overruns its
 * deadline by one process at most.  Leaked files are looked for once every
 * process has been seen (hp_consumers_leaks.c), because an rtemap_ file is
 * leaked only when no process maps it.
 */
#include "hp_consumers.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hp_consumers_impl.h"
#include "hp_consumers_parse.h"
#include "hugepages_read.h"
#include "mt_clock.h"
#include "proc_file.h"
#include "target_proc.h"

struct hp_scan {
	struct hp_scan_config cfg;
	char root[HPC_PATH_LEN];
	int procfd;
	DIR *dir;                     /* the process list under way; NULL when idle */
	struct hugepage_consumers *work, *last;
	struct hp_mapped mapped;
	struct numa_maps_parser nm;
};

struct rollup {
	uint64_t private_kb, shared_kb;
};

static bool rollup_line(const char *key, uint64_t value, void *ctx)
{
	struct rollup *r = ctx;

	if (strcmp(key, "Private_Hugetlb") == 0)
		r->private_kb = value;
	else if (strcmp(key, "Shared_Hugetlb") == 0)
		r->shared_kb = value;
	return true;
}

struct file_seen {
	struct hp_scan *s;
	int pid;
	bool spdk;
};

/* Each hugetlbfs file a process maps: its own spdk_pid<pid> files, or files of
 * SPDK's -i/--shm-id prefix (the primary's and its secondaries'), make it an SPDK app. */
static void mapped_file(void *ctx, const char *name, bool deleted)
{
	struct file_seen *f = ctx;
	struct hpc_file_name n = hpc_file_kind(name);

	if ((n.kind == HPC_FILE_SPDK && n.pid == f->pid) || n.kind == HPC_FILE_SPDK_SHM)
		f->spdk = true;
	if ((n.kind == HPC_FILE_RTE || n.kind == HPC_FILE_SPDK_SHM) && !deleted)
		hp_mapped_add(&f->s->mapped, &n);
}

static void feed_numa_maps(void *ctx, const char *buf, size_t n)
{
	numa_maps_feed(ctx, buf, n);
}

static void unreadable(struct hugepage_consumers *c, int pid)
{
	if (c->procs_unreadable < HPC_MAX_UNREADABLE)
		c->unreadable_pids[c->procs_unreadable] = pid;
	c->procs_unreadable++;
}

static uint64_t held(const struct hpc_process *p)
{
	uint64_t kb = p->private_kb + p->shared_kb;

	for (size_t i = 0; !kb && i < p->ncells; i++)
		kb += p->cells[i].pages * p->cells[i].page_kb;
	return kb;
}

/* Keeps the target and the largest holders when there are more than HPC_MAX_PROCS. */
static void keep(struct hugepage_consumers *c, const struct hpc_process *p)
{
	size_t min = 0;

	if (c->nprocs < HPC_MAX_PROCS) {
		c->procs[c->nprocs++] = *p;
		return;
	}
	c->procs_dropped++;
	for (size_t i = 1; i < c->nprocs; i++)
		if (c->procs[min].target || (!c->procs[i].target && held(&c->procs[i]) <
							   held(&c->procs[min])))
			min = i;
	if (!c->procs[min].target && (p->target || held(p) > held(&c->procs[min])))
		c->procs[min] = *p;
}

/* One process: smaps_rollup, and for a holder numa_maps and comm. */

/* smaps_rollup's "Key: value kB" lines, read once: 0 or -errno as hp_pread_meminfo. */
static int read_rollup(int pfd, struct rollup *r)
{
	int fd = hp_open_file(pfd, "smaps_rollup"), rc;

	if (fd < 0)
		return fd;
	rc = hp_pread_meminfo(fd, rollup_line, r);
	close(fd);
	return rc;
}

static void scan_one(struct hp_scan *s, int pid, const char *name)
{
	struct hugepage_consumers *c = s->work;
	struct rollup r = { 0, 0 };
	struct file_seen fs = { s, pid, false };
	struct hpc_process p;
	int pfd, rc, nrc;

	do
		pfd = openat(s->procfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	while (pfd < 0 && errno == EINTR);
	if (pfd < 0) {
		if (errno == ENOENT)
			c->procs_gone++;
		else
			unreadable(c, pid);
		return;
	}
	rc = read_rollup(pfd, &r);
	/* ESRCH: no address space (a kernel thread, a zombie): nothing held, nothing hidden. */
	if ((rc == 0 && r.private_kb + r.shared_kb == 0) || rc == -ESRCH) {
		close(pfd);
		return;
	}
	if (rc != 0 && rc != -ENOENT) {
		unreadable(c, pid);
		close(pfd);
		return;
	}
	numa_maps_init(&s->nm);
	s->nm.on_file = mapped_file;
	s->nm.file_ctx = &fs;
	nrc = proc_file_stream(pfd, "numa_maps", HP_SCAN_NUMA_MAPS_MAX, feed_numa_maps, &s->nm);
	numa_maps_finish(&s->nm);
	if (rc == -ENOENT && nrc != 0) {
		/* No smaps_rollup and no numa_maps: gone, or nothing we may read. */
		if (nrc == -ENOENT)
			c->procs_gone++;
		else if (nrc != -ESRCH)
			unreadable(c, pid);
		close(pfd);
		return;
	}
	if (rc == -ENOENT && s->nm.huge_lines == 0) {
		close(pfd);
		return;
	}
	memset(&p, 0, sizeof(p));
	p.pid = pid;
	p.target = pid == s->cfg.target_pid;
	p.has_rollup = rc == 0;
	p.private_kb = r.private_kb;
	p.shared_kb = r.shared_kb;
	if (nrc == 0) {
		p.has_nodes = true;
		p.spdk = fs.spdk;
		p.ncells = s->nm.ncells;
		p.cells_dropped = s->nm.cells_dropped;
		memcpy(p.cells, s->nm.cells, sizeof(p.cells));
		for (size_t i = 0; i < p.ncells; i++)
			hpc_cells_add(c->totals, &c->ntotals, HPC_MAX_TOTALS, p.cells[i].node,
				      p.cells[i].page_kb, p.cells[i].pages);
	} else {
		/* It holds hugepages (smaps_rollup says so), but where is not ours to read. */
		unreadable(c, pid);
	}
	if (proc_file_line(pfd, "comm", p.comm, sizeof(p.comm)) != 0)
		p.comm[0] = '\0';
	close(pfd);
	keep(c, &p);
}

struct hp_scan *hp_scan_new(void)
{
	struct hp_scan *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->work = calloc(1, sizeof(*s->work));
	s->last = calloc(1, sizeof(*s->last));
	if (!s->work || !s->last) {
		hp_scan_free(s);
		return NULL;
	}
	s->procfd = -1;
	return s;
}

static void stop(struct hp_scan *s)
{
	if (s->dir)
		closedir(s->dir);
	s->dir = NULL;
	if (s->procfd >= 0)
		close(s->procfd);
	s->procfd = -1;
}

void hp_scan_free(struct hp_scan *s)
{
	if (!s)
		return;
	stop(s);
	free(s->work);
	free(s->last);
	free(s);
}

static void finish(struct hp_scan *s, double now)
{
	struct hugepage_consumers *c = s->work, *t;

	if (c->state != HPC_FAILED) {
		hp_find_leaks(s->procfd, s->root, &s->mapped, c);
		hpc_sort_processes(c);
		c->state = HPC_DONE;
	}
	c->done_mono = now;
	c->done_wall = mt_wall();
	stop(s);
	t = s->last;
	s->last = s->work;
	s->work = t;
}

void hp_scan_begin(struct hp_scan *s, const struct hp_scan_config *cfg, double now)
{
	struct hugepage_consumers *c = s->work;
	int fd;

	stop(s);
	s->cfg = *cfg;
	snprintf(s->root, sizeof(s->root), "%s", cfg->procfs_root ? cfg->procfs_root : "/proc");
	s->mapped.n = 0;
	s->mapped.overflow = false;
	memset(c, 0, sizeof(*c));
	c->started_mono = now;
	c->target_pid = cfg->target_pid;
	s->procfd = open(s->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	fd = s->procfd >= 0 ? dup(s->procfd) : -1;
	if (fd >= 0 && !(s->dir = fdopendir(fd)))
		close(fd);
	if (!s->dir) {
		c->state = HPC_FAILED;
		snprintf(c->why, sizeof(c->why), "cannot list the processes in %s: %s", s->root,
			 strerror(errno));
		finish(s, now);
	}
}

bool hp_scan_running(const struct hp_scan *s)
{
	return s->procfd >= 0;
}

uint64_t hp_scan_seen(const struct hp_scan *s)
{
	return s->work->procs_seen;
}

const struct hugepage_consumers *hp_scan_last(const struct hp_scan *s)
{
	return s->last;
}

bool hp_scan_step(struct hp_scan *s, double deadline)
{
	struct hugepage_consumers *c = s->work;
	struct dirent *e;

	if (!hp_scan_running(s))
		return false;
	while (s->dir) {
		int pid;

		errno = 0;
		e = readdir(s->dir);
		if (!e) {
			if (errno)
				mt_errlist_add(&c->errors, "listing %s stopped: %s", s->root,
					       strerror(errno));
			break;
		}
		pid = target_proc_pid_name(e->d_name);
		if (!pid)
			continue;
		if (c->procs_seen == TARGET_PROC_MAX_PROCS) {
			c->capped = true;
			break;
		}
		c->procs_seen++;
		scan_one(s, pid, e->d_name);
		if ((c->procs_seen & 7) == 0 && mt_now() >= deadline)
			return false;
	}
	finish(s, mt_now());
	return true;
}

int hp_scan_run(const struct hp_scan_config *cfg, struct hugepage_consumers *out)
{
	struct hp_scan *s = hp_scan_new();

	if (!s)
		return -ENOMEM;
	hp_scan_begin(s, cfg, mt_now());
	while (hp_scan_running(s) && !hp_scan_step(s, INFINITY))
		;
	*out = *s->last;
	hp_scan_free(s);
	return 0;
}
