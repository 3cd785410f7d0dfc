/*
 * dpdk_mem_dump: what the env_dpdk_get_mem_stats dump file says, read as a stream.
 *
 * SPDK's env_dpdk_get_mem_stats RPC makes the target write DPDK's own dumps
 * to a file (spdk_env_dpdk_dump_mem_stats): "DPDK memory size", the memory
 * segments, memzones, mempools, per-heap malloc stats and the heap element
 * lists.  The file is read in chunks through one fixed line buffer (a
 * --no-huge dump lists every 4 KiB page), never whole, and only regular files
 * are opened (O_NONBLOCK, then fstat), so a FIFO cannot hang the reader.
 * Records are recognised by their own shape, not by position, so a missing
 * section or another DPDK version's spacing costs only what is missing.
 * Everything kept is bounded (DPDK_DUMP_MAX_*); beyond a bound records are
 * counted as dropped.  A record that starts like one we know but does not
 * parse is skipped with a warning naming path:line; a last line without its
 * newline is treated as cut short and skipped.  No allocation, but for the
 * one dump dpdk_mem_dump_read_once() keeps for a round.
 */
#ifndef DPDK_MEM_DUMP_H
#define DPDK_MEM_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "mt_error.h"

#define DPDK_DUMP_NAME_LEN 32          /* RTE_MEMZONE_NAMESIZE, NUL included */
#define DPDK_DUMP_MAX_ZONES 256
#define DPDK_DUMP_MAX_HEAPS 64
#define DPDK_DUMP_MAX_MEMPOOLS 256
#define DPDK_DUMP_MAX_SEG_TOTALS 32    /* (socket, page size) pairs */
#define DPDK_DUMP_LINE_MAX 512         /* longer lines are not DPDK's; skipped */
#define DPDK_DUMP_DEFAULT_MAX_BYTES (256ull << 20)

/* "Zone 8: name:<RG_ring_2_23677>, len:0x20180, virt:0x2000008df9c0, socket_id:0, flags:0" */
struct dpdk_memzone {
	char name[DPDK_DUMP_NAME_LEN];
	uint64_t len;
	uint64_t virt;          /* address in the target process */
	int socket_id;
	uint32_t flags;         /* printed in hex without 0x */
	unsigned long line;     /* line in the dump, for messages */
};

/*
 * One heap of "DPDK malloc stats." ("Heap id:0", "Heap name:socket_0",
 * "Heap_size:819986432," ...).  Heaps with no name and size 0 (DPDK lists all
 * 32 ids) are not kept, only counted.
 */
struct dpdk_heap_stats {
	unsigned id;
	char name[DPDK_DUMP_NAME_LEN];
	int socket_id;          /* N of a "socket_N" name; -1 for other (external) heaps */
	uint64_t heap_size, free_size, alloc_size, greatest_free_size;
	uint64_t alloc_count, free_count;
};

/* Sum of the "Segment a-b: ... len:N, ... socket_id:S, hugepage_sz:P" lines per (S, P). */
struct dpdk_seg_total {
	int socket_id;
	uint64_t hugepage_sz;
	uint64_t segments;
	uint64_t bytes;         /* sum of len */
};

/*
 * "mempool <name>@0x..." and its indented key=value lines.  Per object the
 * pool costs total_obj_size = header_size + elt_size + trailer_size bytes;
 * elt_size is what the user asked for.  Free objects = common_pool_count (in
 * the pool's ring) + total_cache_count (in per-lcore caches); in use = size -
 * both.  DPDK prints no cache counts for a pool with cache_size 0:
 * has_total_cache_count says whether total_cache_count was printed.
 */
struct dpdk_mempool {
	char name[DPDK_DUMP_NAME_LEN];
	uint64_t addr;
	int socket_id;          /* -1: SOCKET_ID_ANY */
	uint32_t flags;
	uint64_t size, populated_size;
	uint64_t header_size, elt_size, trailer_size, total_obj_size;
	uint64_t cache_size, total_cache_count, common_pool_count;
	bool has_size, has_total_obj_size, has_common_pool_count, has_total_cache_count;
	unsigned long line;
};

/* Section headers SPDK writes; a dump may lack any of them. */
#define DPDK_DUMP_SEC_LAYOUT 0x01u     /* "DPDK memory layout" */
#define DPDK_DUMP_SEC_MEMZONES 0x02u   /* "DPDK memzones." */
#define DPDK_DUMP_SEC_MEMPOOLS 0x04u   /* "DPDK mempools." */
#define DPDK_DUMP_SEC_STATS 0x08u      /* "DPDK malloc stats." */
#define DPDK_DUMP_SEC_HEAPS 0x10u      /* "DPDK malloc heaps." */

struct dpdk_mem_dump {
	char path[256];                 /* for messages */
	unsigned sections;              /* DPDK_DUMP_SEC_* seen */
	bool has_memory_size;
	uint64_t memory_size;           /* "DPDK memory size N" */

	size_t nzones, zones_dropped;
	size_t nheaps, heaps_dropped, heaps_unused;
	size_t nseg_totals, seg_totals_dropped;
	uint64_t segments;              /* Segment lines parsed */
	size_t nmempools, mempools_dropped;

	unsigned long lines;            /* lines seen */
	unsigned long long_lines;       /* over DPDK_DUMP_LINE_MAX, skipped */
	unsigned long bad_records;      /* started like a record, did not parse */
	uint64_t bytes;                 /* bytes read */

	/* parser state between lines */
	int state;
	bool heap_open, heap_has_size, pool_open;
	struct dpdk_heap_stats heap;    /* the heap being read */

	/*
	 * The lists: only entries [0, n) are ever written or read, so init
	 * clears everything above and not these (most of the 61 KiB; a fresh
	 * malloc'ed dump then costs only the pages a dump fills: issue 10).
	 */
	struct mt_errlist warnings;     /* "path:line: what" for each skipped record */
	struct dpdk_memzone zones[DPDK_DUMP_MAX_ZONES];
	struct dpdk_heap_stats heaps[DPDK_DUMP_MAX_HEAPS];
	struct dpdk_seg_total seg_totals[DPDK_DUMP_MAX_SEG_TOTALS];
	struct dpdk_mempool mempools[DPDK_DUMP_MAX_MEMPOOLS];
};

/*
 * Reads the dump at path into *out (caller-owned; it is about 61 KiB, so
 * allocate it).  max_bytes caps what is read (0: DPDK_DUMP_DEFAULT_MAX_BYTES).
 * Returns 0 when the file was read to its end (warnings may still be set);
 * -errno with err saying "path: ..." when it could not be opened or read, is
 * not a regular file (-EINVAL), or is larger than the cap (-EFBIG).  On error
 * *out keeps what was parsed before it.
 */
int dpdk_mem_dump_read(const char *path, uint64_t max_bytes, struct dpdk_mem_dump *out,
		       struct mt_err *err);

/*
 * One round's dump for each of its readers (pool_occupancy locating the
 * rings, heap_stats reading the heaps): the file at a path is parsed by the
 * first reader and the next reader of that path gets the same outcome, so
 * a round that asked env_dpdk_get_mem_stats for both reads the file once
 * (issue 10: --once read and parsed it twice).  Zeroed before the round,
 * cleared after it.
 */
#define DPDK_DUMP_PATH_MAX 4096
struct dpdk_mem_dump_once {
	struct dpdk_mem_dump *d;        /* malloc'ed by the first read, NULL before */
	char path[DPDK_DUMP_PATH_MAX];  /* what d was read from */
	int rc;                         /* and the outcome, err with it */
	struct mt_err err;
	unsigned long reads;            /* files parsed (tests: one a round) */
};

/*
 * The dump at path, parsed now or earlier in the round: *out points into o
 * (valid until the clear) and the return and err are dpdk_mem_dump_read's.
 * Another path is parsed in place of the first (the round's readers then
 * disagree on the file; each gets its own).  -ENOMEM with err, *out NULL,
 * when the dump cannot be allocated.
 */
int dpdk_mem_dump_read_once(struct dpdk_mem_dump_once *o, const char *path, uint64_t max_bytes,
			    const struct dpdk_mem_dump **out, struct mt_err *err);
void dpdk_mem_dump_once_clear(struct dpdk_mem_dump_once *o);

/*
 * The file the target pid wrote when it named `path`: path itself, or
 * <procfs_root>/<pid>/root<path> when that is another file (the target in
 * another mount namespace: systemd's PrivateTmp, a container) or path is
 * missing here.  Files are told apart by device and inode, not by name: in
 * our own namespace both names are one file.  Into buf (len bytes); returns
 * buf.  procfs_root NULL = "/proc"; pid <= 0 or a relative path: path.
 */
const char *dpdk_mem_dump_path_for(const char *procfs_root, pid_t pid, const char *path,
				   char *buf, size_t len);

/* The streaming core, for callers that have the text already (and tests). */
void dpdk_mem_dump_init(struct dpdk_mem_dump *d, const char *path);
/* One line without its '\n' (a trailing '\r' is dropped); may hold any bytes. */
void dpdk_mem_dump_line(struct dpdk_mem_dump *d, const char *line, size_t len);
/* Ends the input: closes the record still open. */
void dpdk_mem_dump_finish(struct dpdk_mem_dump *d);

/* The zone named name, or NULL. */
const struct dpdk_memzone *dpdk_mem_dump_zone(const struct dpdk_mem_dump *d, const char *name);

#endif
