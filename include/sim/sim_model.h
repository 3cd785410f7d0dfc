/*
 * sim_model: the simulator's workload, as iobuf counters.
 *
 * A pure function of (scenario, pool options, seed, t), where t is seconds of
 * monotonic time since the scenario started: it keeps no state, and callers
 * compute it when they need it (a request, the pool rings' tick).  Scenarios:
 *   idle        accel and bdev, every value 0 (the recorded idle target)
 *   steady      accel, bdev, nvmf_TCP: cache hits and batch refills grow,
 *               caches populated (small 128 / large 16 per module), no retry
 *   exhaustion  bdevperf keeps 16 jobs x QD128 = 2048 large buffers busy: a
 *               large pool short of that plus the caches runs dry and bdev large
 *               retry climbs ~150,000/s, main stays small (as recorded with
 *               bdevperf at QD128 on a 64/8 pool); a pool big enough serves
 *               every get, retry 0.  Caches small 8 / large 1
 *   churn       channels come and go: each module's counters climb, then drop
 *               to 0 when its channels are destroyed, every few seconds
 * The seed varies rates and phases a little; the same inputs always give the
 * same counters.  Per-module caches never exceed their share of the pool.
 */
#ifndef SIM_MODEL_H
#define SIM_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sim_scenario {
	SIM_SCENARIO_IDLE,
	SIM_SCENARIO_STEADY,
	SIM_SCENARIO_EXHAUSTION,
	SIM_SCENARIO_CHURN,
};

/* Returns 0 and sets *out, or -1 for an unknown name. */
int sim_scenario_parse(const char *name, enum sim_scenario *out);
const char *sim_scenario_name(enum sim_scenario s);
/* "idle|steady|exhaustion|churn", for usage text. */
const char *sim_scenario_names(void);

/* iobuf_set_options, as framework_get_config reports them. */
struct sim_pool_opts {
	uint64_t small_pool_count, large_pool_count;
	uint32_t small_bufsize, large_bufsize;
	bool enable_numa;
};

#define SIM_DEFAULT_SMALL_POOL_COUNT 8192
#define SIM_DEFAULT_LARGE_POOL_COUNT 1024
#define SIM_DEFAULT_SMALL_BUFSIZE 8192
#define SIM_DEFAULT_LARGE_BUFSIZE 135168
#define SIM_MIN_SMALL_POOL_COUNT 64
#define SIM_MIN_LARGE_POOL_COUNT 8
#define SIM_MIN_SMALL_BUFSIZE 4096
#define SIM_MIN_LARGE_BUFSIZE 8192

void sim_pool_opts_default(struct sim_pool_opts *o);

struct sim_pool_counters {
	uint64_t cache, main, retry, cache_size;
};

struct sim_module_counters {
	const char *name;
	struct sim_pool_counters small, large;
};

/* The aggregate form: gauges of the central pool plus summed retries. */
struct sim_pool_aggregate {
	uint64_t retry_count, alloc_count, available_count, cache_count;
};

#define SIM_MAX_MODULES 3
/* A cache miss refills up to this many buffers from the central pool; main counts refills. */
#define SIM_REFILL_BATCH 32

/* SPDK's configure takes --max-numa-nodes up to 16; the simulated target is built so. */
#define SIM_MAX_NUMA_NODES 16

struct sim_stats {
	size_t nmodules;
	struct sim_module_counters modules[SIM_MAX_MODULES];
	struct sim_pool_aggregate small, large;  /* alloc + available == pool count x nnodes */
	size_t nnodes;                           /* pool pairs: 1, or one per node (enable_numa) */
	struct sim_pool_aggregate node_small[SIM_MAX_NUMA_NODES], node_large[SIM_MAX_NUMA_NODES];
};

/* One pair of pools (nnodes 1): what a target without enable_numa, or on one node, has. */
void sim_model_compute(enum sim_scenario scenario, const struct sim_pool_opts *opts,
		       uint64_t seed, double t, struct sim_stats *out);

/*
 * Spreads s (from sim_model_compute) over `nodes` NUMA nodes as SPDK v26.09
 * does with enable_numa (lib/thread/iobuf.c): every node has pools of the
 * full counts; every channel fills a cache of its configured size on every
 * node, and iobuf_get_stats sums cache_size over the nodes (so each
 * module's cache_size is nodes times the one-node figure); spdk_iobuf_get
 * takes from the channel's node-0 cache and node 0's ring only (ch->cache[0]),
 * so all the load and any exhaustion is node 0's, the other nodes' rings
 * keep the pool count less their caches.  The pool totals become sums over
 * the nodes.  nodes <= 1 leaves s as it is.
 */
void sim_model_numa(struct sim_stats *s, size_t nodes);

/* exhaustion's load: bdevperf jobs at this queue depth, one large buffer per 128 KiB I/O. */
#define SIM_EXHAUST_JOBS 16
#define SIM_EXHAUST_QUEUE_DEPTH 128
#define SIM_EXHAUST_LARGE_DEMAND (SIM_EXHAUST_JOBS * SIM_EXHAUST_QUEUE_DEPTH)

/*
 * The smallest large_pool_count that keeps exhaustion from running dry: the
 * demand plus what the large caches reserve (2051 with three modules).
 */
uint64_t sim_model_exhaustion_threshold(const struct sim_pool_opts *opts);

#endif
