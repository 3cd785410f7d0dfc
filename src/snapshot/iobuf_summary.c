/*
 * iobuf_summarize: totals and utilization per pool (contract: iobuf_summary.h).
 *
 * Which utilization is honest depends on what the target tells us:
 *
 *  - Aggregate form: alloc_count and available_count are the pool's own
 *    gauges, so util = alloc / (alloc + available) is exact (UTIL_EXACT).
 *
 *  - Per-module form (what SPDK itself serves): no RPC reports how many
 *    buffers sit in the central pool, and the counters are cumulative gets,
 *    not occupancy.  The only gauge is cache_size, the buffers each module's
 *    per-thread caches hold.  Those buffers are taken out of the pool for
 *    good while the channels live, so sum(cache_size) / pool count is a true
 *    lower bound of occupancy: "pinned in caches" (UTIL_PINNED).  It needs
 *    both cache_size from every module (SPDK >= v26.05) and the pool count
 *    from framework_get_config.  With enable_numa every node has a pool of
 *    the full count and the caches spread over the nodes, so the ratio
 *    overstates any one node's share: it errs towards warning, and no RPC
 *    tells caches apart by node.
 *
 *  - Otherwise UTIL_UNKNOWN: showing a made-up number would be worse than
 *    showing none.
 */
#include "iobuf_summary.h"

#include <string.h>

static void set_util(struct iobuf_pool_summary *s, enum util_kind kind, uint64_t used,
		     uint64_t capacity)
{
	s->util_kind = kind;
	s->used = used;
	s->capacity = capacity;
	s->util = (double)used / (double)capacity;
}

static void summarize_aggregate(const struct iobuf_pool_aggregate *a,
				struct iobuf_pool_summary *s)
{
	uint64_t capacity = a->alloc_count + a->available_count;

	s->retry = a->retry_count;
	s->has_pinned = a->has_cache_count;
	s->pinned = a->has_cache_count ? a->cache_count : 0;
	if (capacity > 0)
		set_util(s, UTIL_EXACT, a->alloc_count, capacity);
}

static void summarize_modules(const struct iobuf_snapshot *snap, bool large,
			      struct iobuf_pool_summary *s)
{
	bool all_sized = snap->nmodules > 0;

	for (size_t i = 0; i < snap->nmodules; i++) {
		const struct iobuf_pool_counters *c =
			large ? &snap->modules[i].large : &snap->modules[i].small;

		s->cache += c->cache;
		s->main += c->main;
		s->retry += c->retry;
		if (c->has_cache_size)
			s->pinned += c->cache_size;
		else
			all_sized = false;
	}
	/* A partial sum would understate what is pinned: all modules or nothing. */
	s->has_pinned = all_sized;
	if (!all_sized)
		s->pinned = 0;
	if (s->has_pinned && s->count > 0)
		set_util(s, UTIL_PINNED, s->pinned, s->count);
}

static void summarize_pool(const struct iobuf_snapshot *snap, bool large,
			   struct iobuf_pool_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->util_kind = UTIL_UNKNOWN;
	if (snap->opts.valid) {
		s->count = large ? snap->opts.large_pool_count : snap->opts.small_pool_count;
		s->bufsize = large ? snap->opts.large_bufsize : snap->opts.small_bufsize;
	}
	switch (snap->form) {
	case IOBUF_FORM_AGGREGATE:
		summarize_aggregate(large ? &snap->agg_large : &snap->agg_small, s);
		break;
	case IOBUF_FORM_PER_MODULE:
		summarize_modules(snap, large, s);
		break;
	case IOBUF_FORM_NONE:
		break;
	}
}

void iobuf_summarize(struct iobuf_snapshot *s)
{
	summarize_pool(s, false, &s->small);
	summarize_pool(s, true, &s->large);
}
