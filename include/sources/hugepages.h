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
 *
 * A hugepages_reader keeps its files open between ticks and reads them with
 * pread, so a steady tick opens nothing; it lists nodes and page sizes again
 * (and reopens) when the node directory changes, when a kept file fails to
 * read, and every HUGEPAGES_RESCAN seconds.  Each tick says what a fresh
 * hugepages_collect() would say.
 */
#ifndef HUGEPAGES_H
#define HUGEPAGES_H

#include "mt_error.h"
#include "snapshot.h"

struct hugepages_source {
	const char *sysfs_root;   /* stands in for /sys; NULL = "/sys" */
	const char *procfs_root;  /* stands in for /proc; NULL = "/proc" */
};

/* Seconds between two listings of an unchanged node directory (new page sizes, libnuma). */
#define HUGEPAGES_RESCAN 30.0

struct hugepages_reader;

/* src's roots are borrowed and must outlive the reader; NULL when out of memory. */
struct hugepages_reader *hugepages_reader_new(const struct hugepages_source *src);
void hugepages_reader_free(struct hugepages_reader *r);
/* One tick at `now` (mt_now() seconds); the same as hugepages_collect. */
int hugepages_reader_collect(struct hugepages_reader *r, double now,
			     struct hugepage_snapshot *out, struct mt_errlist *errors);
/*
 * The same into an out that is all zero or holds what an earlier collect or
 * refill left there (never changed since): only the part that used is
 * cleared, for the same bytes as hugepages_reader_collect gives.
 */
int hugepages_reader_refill(struct hugepages_reader *r, double now, struct hugepage_snapshot *out,
			    struct mt_errlist *errors);
/* Files and directories opened so far (roots, listings, files): 0 more per steady tick. */
uint64_t hugepages_reader_opens(const struct hugepages_reader *r);

/* Always fills what it could; returns the number of errors added.  Opens and closes all. */
int hugepages_collect(const struct hugepages_source *src, struct hugepage_snapshot *out,
		      struct mt_errlist *errors);

#endif
