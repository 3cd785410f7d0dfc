/*
 * pool_change: would SPDK take these pool counts, and do they fit?
 *
 * Pure.  pool_base_from_snapshot() takes from one snapshot what a proposed
 * change of the iobuf_set_options values is judged against: the current
 * values, the caches' reservation per pool (pool_memory_reserved), the node
 * count with enable_numa and the free hugepage bytes per node.
 * pool_field_check() judges one field typed as text: a whole number (digits
 * only), no overflow, SPDK's minimums (counts 64 / 8, bufsizes 4096 / 8192),
 * what a request can carry (counts int64, bufsizes uint32, as config_patch
 * and SPDK's decoder take them) and, for a count, not below the reservation
 * (below it SPDK fails to create the I/O channels).  pool_change_assess()
 * judges all fields and the memory: each pool's hugepage cost (count x
 * bufsize x nodes) now and new, and whether the new pools fit in the free
 * hugepages: the whole cost when the pools do not exist yet (startup), only
 * the growth when the running target's pools already hold their memory;
 * per node with enable_numa (every node holds full pools), else against the
 * sum.  Free memory is what sysfs says now: a lower bound for what a
 * restart frees, never more.
 */
#ifndef POOL_CHANGE_H
#define POOL_CHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

enum pool_field {
	POOL_FIELD_SMALL_COUNT = 0,
	POOL_FIELD_LARGE_COUNT,
	POOL_FIELD_SMALL_BUFSIZE,
	POOL_FIELD_LARGE_BUFSIZE,
	POOL_FIELDS,
};

#define POOL_REASON_LEN 80
#define POOL_MIN_SMALL_COUNT 64          /* SPDK's IOBUF_MIN_SMALL_POOL_SIZE */
#define POOL_MIN_LARGE_COUNT 8           /* SPDK's IOBUF_MIN_LARGE_POOL_SIZE */
#define POOL_MIN_SMALL_BUFSIZE 4096
#define POOL_MIN_LARGE_BUFSIZE 8192
#define POOL_DEFAULT_SMALL_COUNT 8192    /* SPDK's defaults, when the target does not say */
#define POOL_DEFAULT_LARGE_COUNT 1024
#define POOL_DEFAULT_SMALL_BUFSIZE 8192
#define POOL_DEFAULT_LARGE_BUFSIZE 135168

struct pool_base {
	enum target_state state;
	bool current_known;              /* framework_get_config gave the options */
	uint64_t current[POOL_FIELDS];   /* SPDK's defaults when !current_known */
	bool bufsizes_accepted;          /* false: a running target reports no bufsizes */
	bool has_reserved[2];            /* [0] small, [1] large */
	uint64_t reserved[2];            /* buffers one pool must hold for the caches */
	bool enable_numa;
	unsigned nodes;                  /* pools per size */
	bool hugepages_known;
	size_t nfree;                    /* nodes with memory, or 1 (global) without per-node data */
	int free_node[SNAP_MAX_NODES];   /* node id; -1: the global counts */
	uint64_t free_bytes[SNAP_MAX_NODES];
};

struct pool_change {
	uint64_t value[POOL_FIELDS];
	bool ok[POOL_FIELDS];
	char reason[POOL_FIELDS][POOL_REASON_LEN];   /* empty when ok */
	bool valid;                      /* every field ok */
	uint64_t bytes_now[2], bytes_new[2];   /* each pool's cost, all nodes together */
	uint64_t need;                   /* bytes the change takes from free hugepages (per node with NUMA) */
	bool growth_only;                /* need counts only the growth: the pools exist */
	bool memory_known;               /* free hugepages known and the change valid */
	bool fits;
	uint64_t shortfall;              /* !fits: bytes missing (on short_node with NUMA) */
	int short_node;                  /* -1: the sum over nodes */
};

const char *pool_field_name(enum pool_field f);   /* "small count", ... */

void pool_base_from_snapshot(const struct snapshot *s, struct pool_base *b);

/* 0 with *value, or -1 with the reason (one line, naming the rule and the number). */
int pool_field_check(enum pool_field f, const char *text, const struct pool_base *b,
		     uint64_t *value, char *reason, size_t len);

/* Every field (text[f] NULL: the current value) and the memory verdict. */
void pool_change_assess(const struct pool_base *b, const char *const text[POOL_FIELDS],
			struct pool_change *out);

#endif
