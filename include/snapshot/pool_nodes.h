/*
 * pool_nodes: one iobuf pool's central rings node by node, from a snapshot's
 * ring read.  With enable_numa SPDK keeps a small and a large ring per NUMA
 * node, each of the full pool count (lib/thread/iobuf.c), so a sum over the
 * nodes can read half full while one node's ring is empty.  This gives each
 * node's figure and the fullest node, for the alerts and the pool line.
 * Pure; n = 0 when the rings were not read this tick or one of them is not
 * believable (a zero capacity, or more free than its capacity).
 */
#ifndef POOL_NODES_H
#define POOL_NODES_H

#include "snapshot.h"

struct pool_node_use {
	int node;                  /* NUMA node of the ring (its memzone's socket) */
	uint64_t capacity;         /* buffers: the ring's capacity */
	uint64_t used;             /* capacity - free: out of this node's pool */
	double util;               /* used / capacity */
};

struct pool_nodes {
	size_t n;                  /* rings of this pool, in the snapshot's order */
	struct pool_node_use nodes[SNAP_MAX_RINGS];
	size_t fullest;            /* index of the highest util (first of equals) */
	uint64_t min_free;         /* fewest free buffers in any ring of the pool */
};

/* The rings of the large (else small) pool in r, see above. */
void pool_nodes_of(const struct iobuf_rings *r, bool large, struct pool_nodes *out);

/* More than one ring: the pool is per node, a sum would hide a dry one. */
static inline bool pool_nodes_split(const struct pool_nodes *p)
{
	return p->n > 1;
}

#endif
