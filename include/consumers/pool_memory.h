/*
 * pool_memory: what the iobuf pools take from hugepages, and what is free.
 *
 * The facts both the advisor and the pool-size dialog read from one
 * snapshot, from one rule: how many pools of each size there are (with
 * enable_numa every node holds pools of the full counts, else one), the
 * free hugepage bytes of a node, a pool's cost (count x bufsize x nodes,
 * saturating rather than wrapping), and the caches' reservation one pool
 * must hold (scripts/calc-iobuf.py's minimum).  Pure; no allocation.
 */
#ifndef POOL_MEMORY_H
#define POOL_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

#include "snapshot.h"

/* Pools per size: NUMA nodes with enable_numa (the rings' nodes, else nodes with memory), else 1. */
unsigned pool_memory_nodes(const struct snapshot *s);

/* Free hugepage bytes of one node, every page size summed. */
uint64_t pool_memory_node_free(const struct hugepage_node *n);

/* a x b, or UINT64_MAX when that does not fit in 64 bits. */
uint64_t pool_memory_mul(uint64_t a, uint64_t b);

/* count x bufsize x nodes (nodes 0 counts as 1), saturating at UINT64_MAX. */
uint64_t pool_memory_bytes(uint64_t count, uint64_t bufsize, unsigned nodes);

/*
 * The buffers one pool must hold for every per-thread cache to fill: the
 * per-module sum of cache_size (configured, not live), divided among the
 * nodes with enable_numa (each channel fills a cache from every node's
 * pool), rounded up.  false when the snapshot does not say (no per-module
 * stats, or a module without cache_size): the aggregate form's cache_count
 * is what caches hold now, not what they reserve.
 */
bool pool_memory_reserved(const struct snapshot *s, bool large, unsigned nodes, uint64_t *out);

#endif
