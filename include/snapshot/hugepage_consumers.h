/*
 * hugepage_consumers: which processes hold hugepages, on which node and of
 * which size, and which hugetlbfs files nobody holds any more.
 *
 * A plain value like struct snapshot (no pointers, fixed bounds, copied by
 * assignment), but not part of one: scanning every process costs too much
 * for every tick, so it is made on demand (the dashboard's H,
 * --once --consumers) by the scanner in include/sources/hp_consumers.h.
 * Pages are counted from /proc/<pid>/numa_maps (N<node>=<pages> of each
 * "huge" mapping, in pages of its kernelpagesize_kB); a page two processes
 * share counts for each.  Processes whose files we may not read are
 * counted (procs_unreadable), never silently left out: what they hold is
 * then in nobody's sum, so the sums are a lower bound.  JSON form:
 * hugepage_consumers_to_json, documented in docs/snapshot.md.
 */
#ifndef HUGEPAGE_CONSUMERS_H
#define HUGEPAGE_CONSUMERS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mt_error.h"
#include "snapshot.h"

#define HPC_MAX_PROCS 256         /* processes holding hugepages kept, the target first */
#define HPC_MAX_CELLS 8           /* (node, page size) pairs of one process */
#define HPC_MAX_TOTALS (SNAP_MAX_NODES * SNAP_MAX_PAGE_SIZES)
#define HPC_MAX_MOUNTS 8
#define HPC_MAX_LEAKS 64
#define HPC_MAX_UNREADABLE 8      /* pids kept to name in messages; all are counted */
#define HPC_COMM_LEN 17           /* comm holds TASK_COMM_LEN (16) bytes with its NUL: room to spare */
#define HPC_PATH_LEN 256

enum hpc_state {
	HPC_NONE = 0,      /* never scanned */
	HPC_DONE,          /* a finished scan */
	HPC_FAILED,        /* the process list itself could not be read: see why */
};

/* Pages of one size on one node. */
struct hpc_cell {
	int node;
	uint64_t page_kb;
	uint64_t pages;
};

struct hpc_process {
	int pid;
	char comm[HPC_COMM_LEN];     /* /proc/<pid>/comm; "" when it could not be read */
	bool target;                 /* the SPDK target this spdk-memtop watches */
	/* Maps its own spdk_pid<pid>map_* files, or spdk<ID>map_* ones (SPDK's
	 * prefix with -i/--shm-id ID): an SPDK application. */
	bool spdk;
	uint64_t private_kb, shared_kb;   /* smaps_rollup Private_Hugetlb, Shared_Hugetlb */
	bool has_rollup;             /* false: no smaps_rollup (old kernel), numa_maps only */
	bool has_nodes;              /* numa_maps was read: cells say where */
	size_t ncells;
	uint64_t cells_dropped;      /* pairs beyond HPC_MAX_CELLS (their pages still in totals) */
	struct hpc_cell cells[HPC_MAX_CELLS];
};

/* A hugetlbfs mount point from the mount table. */
struct hpc_mount {
	char path[HPC_PATH_LEN];
	uint64_t page_kb;            /* its pagesize= option; 0 when not given */
};

/*
 * A file left in a hugetlbfs mount: spdk_pid<PID>map_<N> whose PID is not
 * running, or rtemap_<N> (DPDK's default prefix) or spdk<ID>map_<N> (SPDK's
 * with -i ID), which name no pid, that no process we could read maps.  Its pages stay allocated until it is
 * removed.
 */
struct hpc_leak {
	char path[HPC_PATH_LEN];
	int pid;                     /* from spdk_pid<PID>; 0 for the others */
	uint64_t bytes;              /* the file's size */
	uint64_t page_kb;            /* its mount's page size; 0 unknown */
};

struct hugepage_consumers {
	enum hpc_state state;
	char why[MT_ERR_LEN];            /* HPC_FAILED */
	double started_mono, done_mono;  /* the scan's span (mt_now) */
	double done_wall;
	int target_pid;                  /* 0: not known (a TCP target, not found) */
	uint64_t procs_seen;             /* process directories looked at */
	uint64_t procs_unreadable;       /* smaps_rollup / numa_maps refused or not a file */
	int unreadable_pids[HPC_MAX_UNREADABLE];
	uint64_t procs_gone;             /* exited while we looked */
	bool capped;                     /* stopped at the scan's bound on processes */
	size_t nprocs;
	uint64_t procs_dropped;          /* holders beyond HPC_MAX_PROCS (in the totals still) */
	struct hpc_process procs[HPC_MAX_PROCS];
	size_t ntotals;                  /* pages found per (node, size), over every holder */
	struct hpc_cell totals[HPC_MAX_TOTALS];
	size_t nmounts;
	struct hpc_mount mounts[HPC_MAX_MOUNTS];
	size_t nleaks;
	uint64_t leaks_dropped, leaked_bytes;   /* leaked_bytes counts the dropped ones too */
	struct hpc_leak leaks[HPC_MAX_LEAKS];
	struct mt_errlist errors;        /* what else could not be read (mounts, directories) */
};

/* Adds pages to the (node, page_kb) cell of cells[0..*n), cap max; false when it is full. */
bool hpc_cells_add(struct hpc_cell *cells, size_t *n, size_t max, int node, uint64_t page_kb,
		   uint64_t pages);

/* The pages found on (node, page_kb) over every process. */
uint64_t hpc_found_pages(const struct hugepage_consumers *c, int node, uint64_t page_kb);

/* A process's pages on (node, page_kb). */
uint64_t hpc_process_pages(const struct hpc_process *p, int node, uint64_t page_kb);

/* Sorts procs: the target first, then by hugepage memory held, largest first, then pid. */
void hpc_sort_processes(struct hugepage_consumers *c);

/* One node and page size: what sysfs says is in use, and what the processes found hold. */
struct hpc_node_row {
	int node;
	uint64_t page_kb;
	bool has_used;               /* sysfs knows the node and size */
	uint64_t used;               /* nr_hugepages - free_hugepages */
	uint64_t found;              /* hpc_found_pages */
};

/*
 * The rows for every (node, size) sysfs lists (sysfs may be NULL), then
 * those only the processes showed; by node, then size.  Returns how many
 * (at most max).
 */
size_t hpc_node_rows(const struct hugepage_consumers *c, const struct hugepage_snapshot *sysfs,
		     struct hpc_node_row *rows, size_t max);

/*
 * The JSON object for "hugepage_consumers"; sysfs (the snapshot's
 * hugepages, may be NULL) gives each node's pages in use, so that what no
 * process accounts for can be said.  NULL only when memory runs out.
 */
json_t *hugepage_consumers_to_json(const struct hugepage_consumers *c,
				   const struct hugepage_snapshot *sysfs);

#endif
