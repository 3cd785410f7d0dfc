/* pool_nodes: a pool's rings node by node (contract: pool_nodes.h). */
#include "pool_nodes.h"

#include <string.h>

void pool_nodes_of(const struct iobuf_rings *r, bool large, struct pool_nodes *out)
{
	memset(out, 0, sizeof(*out));
	if (r->state != RINGS_EXACT)
		return;
	for (size_t i = 0; i < r->n && i < SNAP_MAX_RINGS; i++) {
		const struct pool_ring_occupancy *o = &r->rings[i];
		struct pool_node_use *u;

		if (o->large != large)
			continue;
		/* The summary does not believe such a read either (iobuf_summary.c). */
		if (o->capacity == 0 || o->free > o->capacity) {
			out->n = 0;
			return;
		}
		u = &out->nodes[out->n];
		u->node = o->node;
		u->capacity = o->capacity;
		u->used = o->capacity - o->free;
		u->util = (double)u->used / (double)u->capacity;
		if (out->n == 0 || o->free < out->min_free)
			out->min_free = o->free;
		if (out->n > 0 && u->util > out->nodes[out->fullest].util)
			out->fullest = out->n;
		out->n++;
	}
}
