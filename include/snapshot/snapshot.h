/*
 * snapshot: everything one tick collected, as one plain value.
 *
 * The only thing that crosses from collection (rpc, iobuf, hugepages, replay)
 * to consumers (history, alerts, rates, baseline, export, ui).  No pointers:
 * a snapshot is copied by assignment and never changed after the collector
 * hands it over.  Fixed bounds keep it allocation-free; anything beyond a
 * bound is dropped and reported in `errors`.  JSON form: snapshot_json.h,
 * documented field by field in docs/snapshot.md.
 */
#ifndef SNAPSHOT_H
#define SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mt_error.h"

#define SNAPSHOT_SCHEMA "spdk-memtop/snapshot/1"

#define SNAP_MAX_MODULES 32
#define SNAP_NAME_LEN 64
#define SNAP_MAX_NODES 64
#define SNAP_MAX_PAGE_SIZES 4
#define SNAP_TARGET_LEN 160
#define SNAP_VERSION_LEN 96

enum target_state {
	TARGET_UNREACHABLE = 0, /* no connection or no reply: see unreachable_reason */
	TARGET_UNKNOWN,         /* answered, but its state could not be determined */
	TARGET_STARTUP,         /* --wait-for-rpc, before framework_start_init */
	TARGET_RUNNING,         /* framework initialised */
};

/* ---- iobuf ------------------------------------------------------------ */

/* One pool of one module, as iobuf_get_stats reports it (cumulative counters). */
struct iobuf_pool_counters {
	uint64_t cache;        /* gets served from the thread's own cache */
	uint64_t main;         /* batch refills from the central pool */
	uint64_t retry;        /* gets that found the pool empty */
	uint64_t cache_size;   /* the caches' configured size, summed over live channels */
	bool has_cache_size;   /* SPDK >= v26.05 */
};

struct iobuf_module_stats {
	char name[SNAP_NAME_LEN];
	struct iobuf_pool_counters small, large;
};

/* The aggregate form some deployments serve instead of per-module stats. */
struct iobuf_pool_aggregate {
	uint64_t retry_count;     /* cumulative */
	uint64_t alloc_count;     /* buffers out of the pool now (gauge) */
	uint64_t available_count; /* buffers in the pool now (gauge) */
	uint64_t cache_count;     /* buffers held in caches now (gauge) */
	bool has_cache_count;
};

enum iobuf_stats_form {
	IOBUF_FORM_NONE = 0,    /* not collected (unreachable, startup, error) */
	IOBUF_FORM_PER_MODULE,
	IOBUF_FORM_AGGREGATE,
};

struct iobuf_options {        /* framework_get_config {"name":"iobuf"} */
	bool valid;
	uint64_t small_pool_count, large_pool_count;
	uint64_t small_bufsize, large_bufsize;
	bool enable_numa;
};

/*
 * The central pools as the target's own DPDK rings hold them now (exact),
 * read from its memory when it runs on this host and we may read it.
 */
#define SNAP_MAX_RINGS 32          /* a small and a large ring per node, 16 nodes */

enum rings_state {
	RINGS_NONE = 0,        /* not tried: no target, not running, or not on this host */
	RINGS_EXACT,           /* read this tick */
	RINGS_UNAVAILABLE,     /* tried and not possible: `why` says what would enable it */
};

struct pool_ring_occupancy {
	int node;                  /* NUMA node (the memzone's socket) */
	bool large;                /* the large pool's ring, else the small one's */
	uint64_t capacity;         /* = the pool count (RING_F_EXACT_SZ) */
	uint64_t free;             /* buffers in the ring now */
};

struct iobuf_rings {
	enum rings_state state;
	int pid;                   /* the target process read (0 unknown) */
	char why[MT_ERR_LEN];      /* RINGS_UNAVAILABLE: the reason and the remedy */
	size_t n;
	struct pool_ring_occupancy rings[SNAP_MAX_RINGS];
};

enum util_kind {
	UTIL_UNKNOWN = 0,  /* nothing honest to show */
	UTIL_EXACT,        /* buffers out of the central pool now: ring read or aggregate form */
	UTIL_RESERVED,       /* sum of cache_size / pool count: reserved by caches (configured) */
};

enum util_source {
	UTIL_FROM_NONE = 0,
	UTIL_FROM_RING,          /* the target's DPDK rings (struct iobuf_rings) */
	UTIL_FROM_AGGREGATE,     /* alloc_count / available_count of the aggregate form */
	UTIL_FROM_CACHE_SIZE,    /* the per-module cache_size sum: configured, not live */
};

/* Totals for one pool, derived by iobuf_summarize(). */
struct iobuf_pool_summary {
	uint64_t cache, main, retry;   /* summed counters (retry = retry_count in aggregate form) */
	uint64_t reserved;             /* sum of cache_size (configured), or cache_count */
	bool has_reserved;
	uint64_t count, bufsize;       /* from options; 0 when unknown */
	enum util_kind util_kind;
	enum util_source util_source;
	uint64_t used, capacity;       /* util = used / capacity */
	double util;                   /* 0..1 (may exceed 1 if a target lies) */
	uint64_t free;                 /* UTIL_EXACT: buffers in the central pool now */
	uint64_t bytes;                /* count x bufsize (UINT64_MAX when saturated), or 0 */
	bool saturated;                /* a sum or bytes reached UINT64_MAX: a floor, not a value */
};

struct iobuf_snapshot {
	enum iobuf_stats_form form;
	size_t nmodules;
	struct iobuf_module_stats modules[SNAP_MAX_MODULES];
	struct iobuf_pool_aggregate agg_small, agg_large;
	struct iobuf_options opts;
	struct iobuf_rings rings;
	struct iobuf_pool_summary small, large;
};

/* ---- hugepages -------------------------------------------------------- */

struct hugepage_size_stats {
	uint64_t page_kb;          /* 2048, 1048576, ... */
	uint64_t nr, free, surplus;
};

struct hugepage_node {
	int id;
	bool has_meminfo;
	uint64_t mem_total_kb, mem_free_kb;
	bool memoryless;           /* MemTotal 0 or no memory: nothing to allocate from */
	size_t nsizes;
	struct hugepage_size_stats sizes[SNAP_MAX_PAGE_SIZES];
};

struct hugepage_global_size {  /* /sys/kernel/mm/hugepages/hugepages-<kB>kB */
	uint64_t page_kb;
	uint64_t nr, free, resv, surplus;
};

struct hugepage_global {
	size_t nsizes;
	struct hugepage_global_size sizes[SNAP_MAX_PAGE_SIZES];
	bool has_meminfo;          /* /proc/meminfo HugePages_* (default page size) */
	uint64_t total, free, rsvd, surp, default_page_kb, hugetlb_kb;
};

struct hugepage_snapshot {
	bool numa_from_libnuma;    /* node list came from libnuma, not sysfs */
	size_t nnodes;
	struct hugepage_node nodes[SNAP_MAX_NODES];
	struct hugepage_global global;
};

/* ---- SPDK's heap per node (env_dpdk_get_mem_stats, on its own timer) ---- */

#define SNAP_MAX_HEAPS 16

enum heaps_state {
	HEAPS_NONE = 0,        /* not asked yet (or not due, and nothing read before) */
	HEAPS_READ,            /* figures from the dump read at `read_wall` */
	HEAPS_UNAVAILABLE,     /* cannot be read here: `why` says why */
};

/* One "socket_N" heap of the dump's "DPDK malloc stats." section. */
struct spdk_heap {
	int node;                  /* N of socket_N */
	uint64_t size, free, alloc, greatest_free;   /* bytes */
	uint64_t alloc_count, free_count;
};

/*
 * One DPDK mempool of the dump's "DPDK mempools." section.  Each object
 * costs obj_size = header + element + trailer bytes (total_obj_size; 0 when
 * the dump did not print it: then elt_size stands in).  Available objects
 * are those in the pool's ring (common_pool_count) and in the lcore caches
 * (total_cache_count, printed only for a pool with caches): has_available is
 * false when the dump did not show both, and nothing is then made up.
 */
#define SNAP_MAX_MEMPOOLS 64
#define SNAP_MEMPOOL_NAME_LEN 32       /* any DPDK mempool name (RTE_MEMPOOL_NAMESIZE is 26 with its NUL) */

struct spdk_mempool {
	char name[SNAP_MEMPOOL_NAME_LEN];
	int node;                  /* socket_id; -1: SOCKET_ID_ANY */
	uint64_t count;            /* size: objects in the pool */
	uint64_t elt_size, obj_size;
	bool has_available;
	uint64_t available;        /* objects not handed out (ring + caches) */
};

/* Bytes the pool's objects take: count x obj_size (x elt_size when obj_size is unknown). */
uint64_t spdk_mempool_bytes(const struct spdk_mempool *m);
/* A node's hugepages, every page size together, in kB: all of them and the free ones. */
void hugepage_node_kb(const struct hugepage_node *n, uint64_t *total_kb, uint64_t *free_kb);

/*
 * The dump is costly for the target, so it is read every --mem-stats-interval
 * seconds: between reads a snapshot carries the last figures and when they
 * were read (read_mono, read_wall), so their age can be shown.
 */
struct spdk_heaps {
	enum heaps_state state;
	double read_mono, read_wall;   /* when the dump was read; 0 when never */
	char why[MT_ERR_LEN];          /* HEAPS_UNAVAILABLE */
	size_t n;
	struct spdk_heap heaps[SNAP_MAX_HEAPS];
	/* HEAPS_READ: the dump's mempools, largest (spdk_mempool_bytes) first */
	bool has_mempools;             /* the dump had a "DPDK mempools." section */
	size_t nmempools;
	uint64_t mempools_dropped;     /* smallest ones beyond SNAP_MAX_MEMPOOLS */
	struct spdk_mempool mempools[SNAP_MAX_MEMPOOLS];
};

/* ---- the snapshot ----------------------------------------------------- */

struct snapshot {
	uint64_t seq;                       /* tick number, from 1 */
	double mono;                        /* mt_now() at collection */
	double wall;                        /* mt_wall() at collection */
	char target[SNAP_TARGET_LEN];       /* the address as given: a path, or HOST:PORT */
	enum target_state state;
	char unreachable_reason[MT_ERR_LEN];/* when state == TARGET_UNREACHABLE */
	char version[SNAP_VERSION_LEN];     /* spdk_get_version "version", may be "" */
	struct iobuf_snapshot iobuf;
	struct hugepage_snapshot hugepages;
	struct spdk_heaps heaps;            /* SPDK's DPDK heap per node */
	struct mt_errlist errors;           /* everything that went wrong, non-fatal */
};

/*
 * A wall time before 1971 is not a date but seconds from the start of a
 * capture (the transcripts' timeline form, replay.h): shown as "t+1.5s".
 */
#define SNAPSHOT_RELATIVE_WALL_MAX 31536000.0
bool snapshot_wall_relative(double wall);

const char *target_state_name(enum target_state s);    /* "running", ... */
const char *util_kind_name(enum util_kind k);          /* "exact", "reserved", "unknown" */
const char *iobuf_stats_form_name(enum iobuf_stats_form f);
const char *util_source_name(enum util_source u);      /* "dpdk_ring", "aggregate", ... */
const char *rings_state_name(enum rings_state r);      /* "none", "exact", "unavailable" */
/* Parse the names back; return -1 on an unknown name. */
int target_state_from_name(const char *s, enum target_state *out);
int util_kind_from_name(const char *s, enum util_kind *out);
int iobuf_stats_form_from_name(const char *s, enum iobuf_stats_form *out);
int util_source_from_name(const char *s, enum util_source *out);
/*
 * The unreachable reason without the target's address in it ("no such
 * socket", "connection refused"): for places that name the target already.
 */
void snapshot_reason_brief(const struct snapshot *s, char *buf, size_t len);
/*
 * Something answered but no iobuf statistics came of it (garbage, an HTTP
 * server, error replies): not a target that is unreachable, nor one still in
 * --wait-for-rpc startup, where SPDK does not serve iobuf_get_stats at all.
 */
bool snapshot_lacks_iobuf(const struct snapshot *s);
/* Why: the iobuf_get_stats error when there is one, else the first error. */
void snapshot_lacks_iobuf_reason(const struct snapshot *s, char *buf, size_t len);
int rings_state_from_name(const char *s, enum rings_state *out);
const char *heaps_state_name(enum heaps_state h);      /* "none", "read", "unavailable" */
int heaps_state_from_name(const char *s, enum heaps_state *out);
/* The heap of node `node`, or NULL. */
const struct spdk_heap *snapshot_heap(const struct snapshot *s, int node);

#endif
