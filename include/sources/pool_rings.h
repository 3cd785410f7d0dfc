/*
 * pool_rings: find SPDK's central iobuf pools among a target's DPDK rings,
 * then read how many buffers each holds, exactly, once per tick.
 *
 * SPDK's iobuf keeps each central pool in a DPDK ring (spdk_ring_create:
 * rte_ring_create with RING_F_EXACT_SZ, ring "ring_<n>_<pid>" in memzone
 * "RG_ring_<n>_<pid>", n from one counter in the process), small then large,
 * once, or once per NUMA node in node order with enable_numa.
 *
 * Identifying them: among the memzones of the target's pid whose length
 * fits a ring of the small or large pool's size, each header is read once
 * (again only when the copy caught the tails moving, up to 3 times) and
 * decoded (dpdk_ring.h).  A pool is a small-capacity ring n followed by a
 * large-capacity ring n + 1; with enable_numa both on one socket, which
 * names the node (without it both come from SOCKET_ID_ANY, may sit apart,
 * and a ring's node is only where its memory is).  Other rings of those
 * capacities that are no such pair are left out and counted.  Without
 * enable_numa exactly one pair must exist; with it one pair per socket (and
 * `nodes` pairs when the caller knows the node count).  Anything else (two
 * pairs for one node, pairs sharing a ring, no pair) is an error, never a
 * guess.
 *
 * Sampling reads each identified ring's cons.tail and prod.tail in ONE readv
 * call (consumer first: a race then overstates, never wraps) and checks
 * free <= capacity; a sample that fails it is read once more, then reported.
 */
#ifndef POOL_RINGS_H
#define POOL_RINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "dpdk_mem_dump.h"
#include "dpdk_ring.h"
#include "mt_error.h"
#include "snapshot.h"
#include "target_mem.h"

#define POOL_RINGS_MAX 32          /* identified rings: 2 per node, 16 nodes */
#define POOL_RINGS_MAX_CANDIDATES 64

enum pool_kind {
	POOL_SMALL = 0,
	POOL_LARGE = 1,
};

struct pool_ring {
	int node;                  /* socket_id of the memzone */
	enum pool_kind pool;
	char zone[DPDK_DUMP_NAME_LEN];
	unsigned ring_no;          /* n of ring_<n>_<pid> */
	uint64_t virt;             /* the header's address in the target */
	struct dpdk_ring_layout layout;
	uint32_t size, mask, capacity;
};

struct pool_rings {
	pid_t pid;
	bool numa;                 /* enable_numa: one pair per node */
	size_t nrings;             /* pairs x 2, small before large, pairs by ring number */
	struct pool_ring rings[POOL_RINGS_MAX];
	size_t candidates;         /* zones whose header was read */
	size_t left_out;           /* rings of a pool capacity that were no pair */
};

struct pool_ring_sample {
	int node;
	enum pool_kind pool;
	uint32_t capacity;
	uint32_t free;             /* buffers in the central pool now */
	uint32_t in_use;           /* capacity - free: in caches or in flight */
};

struct pool_rings_sample {
	size_t n;
	struct pool_ring_sample rings[POOL_RINGS_MAX];
};

struct pool_rings_query {
	const struct dpdk_memzone *zones;  /* from dpdk_mem_dump */
	size_t nzones;
	pid_t pid;                         /* the target: the <pid> in ring names */
	const struct iobuf_options *opts;  /* small/large_pool_count, enable_numa */
	size_t nodes;                      /* enable_numa: pairs required; 0 = any >= 1 */
};

/*
 * Identifies the pools.  0 with *out filled, or -errno with err saying what
 * was looked for and what was found: -ENOENT no pair, -EEXIST ambiguity,
 * -EINVAL a candidate that does not decode (named), or the reader's error.
 */
int pool_rings_identify(const struct pool_rings_query *q, const struct target_mem *mem,
			struct pool_rings *out, struct mt_err *err);

/*
 * One tick: one readv of every ring's two tails.  0 with *out filled, or
 * -errno: the reader's error, or -ERANGE when a ring's tails stayed more than
 * capacity apart over two reads (err names the ring and the values).
 */
int pool_rings_sample(const struct pool_rings *pr, const struct target_mem *mem,
		      struct pool_rings_sample *out, struct mt_err *err);

const char *pool_kind_name(enum pool_kind k);   /* "small", "large" */

#endif
