/*
 * hugepages: read hugepage and per-node memory state from sysfs and procfs.
 *
 * Per NUMA node and page size: nr, free, surplus from
 * <sysfs>/devices/system/node/nodeN/hugepages/hugepages-<kB>kB/; per node
 * MemTotal/MemFree from nodeN/meminfo; globals from
 * <sysfs>/kernel/mm/hugepages/ and <procfs>/meminfo.  The node list comes from
 * libnuma when the roots are the real /sys and numa_available() works, else
 * from sysfs (fixtures).  A memoryless node, an absent page size and an
 * unreadable file are reported into `errors` and never fatal.
 */
#ifndef HUGEPAGES_H
#define HUGEPAGES_H

#include "mt_error.h"
#include "snapshot.h"

struct hugepages_source {
	const char *sysfs_root;   /* stands in for /sys; NULL = "/sys" */
	const char *procfs_root;  /* stands in for /proc; NULL = "/proc" */
};

/* Always fills what it could; returns the number of errors added. */
int hugepages_collect(const struct hugepages_source *src, struct hugepage_snapshot *out,
		      struct mt_errlist *errors);

#endif
