/*
 * hp_consumers: the scan that says who holds the hugepages
 * (struct hugepage_consumers), a little at a time.
 *
 * For every process in the procfs root it reads smaps_rollup first
 * (Private_Hugetlb, Shared_Hugetlb: one small file), and only for the
 * processes that hold hugepages numa_maps (their pages per node and page
 * size) and comm; without smaps_rollup (kernels before 4.14) numa_maps is
 * read for every process.  A process whose files cannot be read (another
 * user's, without privilege) is counted and named, one that exits meanwhile
 * is counted as gone.  At the end the hugetlbfs mounts of <procfs>/mounts
 * are listed for leaked files (hugepage_consumers.h says which).  A mount
 * point that is not absolute is taken relative to the procfs root, which is
 * how a fixture tree carries its own hugetlbfs directory.
 *
 * Thousands of processes take a while, so the scan runs in steps: each
 * hp_scan_step() works until its deadline and returns, and the dashboard
 * calls it between keys and ticks.  The last finished scan stays readable
 * while the next one runs.  Bounded: TARGET_PROC_MAX_PROCS processes,
 * HP_SCAN_MAX_FILES directory entries per mount, HP_SCAN_NUMA_MAPS_MAX bytes
 * of one numa_maps.  Only reads; nothing is written or removed.
 */
#ifndef HP_CONSUMERS_H
#define HP_CONSUMERS_H

#include <stdbool.h>
#include <stdint.h>

#include "hugepage_consumers.h"

#define HP_SCAN_MAX_FILES 65536
#define HP_SCAN_NUMA_MAPS_MAX (64ull << 20)
#define HP_SCAN_MAX_MAPPED 4096      /* rtemap_/spdk<ID>map_ names kept as mapped by someone */

struct hp_scan_config {
	const char *procfs_root;     /* NULL = "/proc" */
	int target_pid;              /* the SPDK target's process; 0 = not known */
};

struct hp_scan;

struct hp_scan *hp_scan_new(void);
void hp_scan_free(struct hp_scan *s);

/* Starts a scan at `now` (mt_now), abandoning one under way. */
void hp_scan_begin(struct hp_scan *s, const struct hp_scan_config *cfg, double now);
/* Works until `deadline` (mt_now) or the end; true when this call finished the scan. */
bool hp_scan_step(struct hp_scan *s, double deadline);
bool hp_scan_running(const struct hp_scan *s);
/* Processes looked at so far by the scan under way. */
uint64_t hp_scan_seen(const struct hp_scan *s);
/* The last finished scan (state HPC_NONE before the first). */
const struct hugepage_consumers *hp_scan_last(const struct hp_scan *s);

/* A whole scan at once (--once); 0, or -ENOMEM. */
int hp_scan_run(const struct hp_scan_config *cfg, struct hugepage_consumers *out);

#endif
