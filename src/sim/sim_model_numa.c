/* sim_model_numa: the workload's pools spread over NUMA nodes (contract: sim_model.h). */
#include "sim_model.h"

/* The other nodes' pool: only the caches every channel filled there are out of it. */
static void spread(struct sim_pool_aggregate *total, struct sim_pool_aggregate *node,
		   size_t nodes)
{
	uint64_t count = node[0].alloc_count + node[0].available_count;
	uint64_t caches = node[0].cache_count;

	total->cache_count = 0;
	total->alloc_count = 0;
	total->available_count = 0;
	for (size_t k = 0; k < nodes; k++) {
		if (k > 0) {
			node[k].retry_count = 0;
			node[k].cache_count = caches;
			node[k].alloc_count = caches < count ? caches : count;
			node[k].available_count = count - node[k].alloc_count;
		}
		total->cache_count += node[k].cache_count;
		total->alloc_count += node[k].alloc_count;
		total->available_count += node[k].available_count;
	}
	total->retry_count = node[0].retry_count;
}

void sim_model_numa(struct sim_stats *s, size_t nodes)
{
	if (nodes <= 1)
		return;
	if (nodes > SIM_MAX_NUMA_NODES)
		nodes = SIM_MAX_NUMA_NODES;
	s->nnodes = nodes;
	spread(&s->small, s->node_small, nodes);
	spread(&s->large, s->node_large, nodes);
	for (size_t i = 0; i < s->nmodules; i++) {
		s->modules[i].small.cache_size *= nodes;
		s->modules[i].large.cache_size *= nodes;
	}
}
