/* pool_memory: the pools' hugepage facts of one snapshot (contract: pool_memory.h). */
#include "pool_memory.h"

unsigned pool_memory_nodes(const struct snapshot *s)
{
	const struct iobuf_rings *r = &s->iobuf.rings;
	unsigned n = 0;

	if (!s->iobuf.opts.valid || !s->iobuf.opts.enable_numa)
		return 1;
	if (r->state == RINGS_EXACT && r->n > 0) {
		for (size_t i = 0; i < r->n && i < SNAP_MAX_RINGS; i++) {
			bool dup = false;

			for (size_t j = 0; j < i; j++)
				dup = dup || r->rings[j].node == r->rings[i].node;
			n += !dup;
		}
		return n;
	}
	for (size_t i = 0; i < s->hugepages.nnodes && i < SNAP_MAX_NODES; i++)
		n += !s->hugepages.nodes[i].memoryless;
	return n ? n : 1;
}

uint64_t pool_memory_node_free(const struct hugepage_node *n)
{
	uint64_t bytes = 0;

	for (size_t k = 0; k < n->nsizes && k < SNAP_MAX_PAGE_SIZES; k++) {
		uint64_t b = pool_memory_mul(pool_memory_mul(n->sizes[k].free,
							     n->sizes[k].page_kb), 1024);

		bytes = b > UINT64_MAX - bytes ? UINT64_MAX : bytes + b;
	}
	return bytes;
}

uint64_t pool_memory_mul(uint64_t a, uint64_t b)
{
	return a && b > UINT64_MAX / a ? UINT64_MAX : a * b;
}

uint64_t pool_memory_bytes(uint64_t count, uint64_t bufsize, unsigned nodes)
{
	return pool_memory_mul(pool_memory_mul(count, bufsize), nodes ? nodes : 1);
}

bool pool_memory_reserved(const struct snapshot *s, bool large, unsigned nodes, uint64_t *out)
{
	const struct iobuf_pool_summary *ps = large ? &s->iobuf.large : &s->iobuf.small;

	if (s->iobuf.form != IOBUF_FORM_PER_MODULE || !ps->has_reserved)
		return false;
	*out = nodes > 1 ? (ps->reserved + nodes - 1) / nodes : ps->reserved;
	return true;
}
