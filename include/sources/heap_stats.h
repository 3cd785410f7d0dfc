/*
 * heap_stats: SPDK's DPDK heap per NUMA node, from the env_dpdk_get_mem_stats
 * dump, on a timer of its own.
 *
 * The dump is costly for the target, so it is asked every `interval` seconds
 * (--mem-stats-interval; 0: only when heap_stats_request() asks, key `m`),
 * never on every tick: the collector asks wants_dump() when it starts a round
 * and adds the call only then.  Any dump the round got (pool_occupancy's too)
 * is read, so no dump is asked twice, and parsed once for both when the
 * round hands its dpdk_mem_dump_once (pool_occupancy_round.dump).  Between dumps every snapshot carries
 * the last figures and when they were read.  The file is read only when it
 * is on this host (a Unix-socket target) and readable; otherwise the
 * snapshot says why (HEAPS_UNAVAILABLE), and `errors` says it once per new
 * reason, not on every round.  A new connection may be a restarted target:
 * its figures are dropped and a dump is due at once.
 */
#ifndef HEAP_STATS_H
#define HEAP_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "dpdk_mem_dump.h"
#include "mt_error.h"
#include "pool_occupancy.h"
#include "rpc_client.h"
#include "snapshot.h"

#define HEAP_STATS_DEFAULT_INTERVAL 30.0

struct heap_stats_config {
	double interval;             /* seconds between dumps; 0 = only on request */
};

struct heap_stats;

struct heap_stats *heap_stats_new(const struct heap_stats_config *cfg);
void heap_stats_free(struct heap_stats *hs);

/* A dump at the next round, whatever the timer says (the user's `m`). */
void heap_stats_request(struct heap_stats *hs);

/* Whether the round starting at `now` should ask for the dump for the heaps. */
bool heap_stats_wants_dump(struct heap_stats *hs, const struct rpc_addr *addr,
			   uint64_t connection, double now);

/*
 * The round's outcome (the same description pool_occupancy gets): reads the
 * dump when one came, and fills `out` with the figures now known.
 */
void heap_stats_round(struct heap_stats *hs, const struct pool_occupancy_round *r,
		      struct spdk_heaps *out, struct mt_errlist *errors);

/* The heaps of a parsed dump, socket heaps only, by node; for the round and tests. */
void heap_stats_from_dump(const struct dpdk_mem_dump *d, struct spdk_heaps *out);

#endif
