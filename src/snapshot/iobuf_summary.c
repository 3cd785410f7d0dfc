/*
 * iobuf_summarize: totals and utilization per pool (contract: iobuf_summary.h).
 *
 * Which utilization is honest depends on what we could see:
 *
 *  - The target's DPDK rings, read this tick (rings.state RINGS_EXACT): the
 *    ring of a pool holds exactly the buffers that are free in the central
 *    pool, so used = capacity - free (summed over the nodes' rings with
 *    enable_numa) is exact (UTIL_EXACT, from the ring).
 *
 *  - Aggregate form: alloc_count and available_count are the pool's own
 *    gauges, so util = alloc / (alloc + available) is exact too.
 *
 *  - Per-module counters alone (what SPDK's RPC serves): no RPC reports how
 *    many buffers sit in the central pool.  cache_size is the caches'
 *    configured size summed over the live channels (lib/thread/iobuf.c sets
 *    it when a channel is created); it does not move with load.  Its share of
 *    the pool count is what the caches reserve, a configured figure, never
 *    live use (UTIL_RESERVED, named "reserved").  It needs cache_size from
 *    every module (SPDK >= v26.05) and the pool count.
 *
 *  - Otherwise UTIL_UNKNOWN: showing a made-up number would be worse than
 *    showing none.
 */
#include "iobuf_summary.h"

#include <string.h>

/* a + b, stopping at UINT64_MAX; *sat records that it did. */
static uint64_t add_sat(uint64_t a, uint64_t b, bool *sat)
{
	if (b > UINT64_MAX - a) {
		*sat = true;
		return UINT64_MAX;
	}
	return a + b;
}

static uint64_t mul_sat(uint64_t a, uint64_t b, bool *sat)
{
	if (a && b > UINT64_MAX / a) {
		*sat = true;
		return UINT64_MAX;
	}
	return a * b;
}

static void set_util(struct iobuf_pool_summary *s, enum util_kind kind, enum util_source from,
		     uint64_t used, uint64_t capacity)
{
	s->util_kind = kind;
	s->util_source = from;
	s->used = used;
	s->capacity = capacity;
	s->util = (double)used / (double)capacity;
}

static void summarize_aggregate(const struct iobuf_pool_aggregate *a,
				struct iobuf_pool_summary *s)
{
	uint64_t capacity = add_sat(a->alloc_count, a->available_count, &s->saturated);

	s->retry = a->retry_count;
	s->has_reserved = a->has_cache_count;
	s->reserved = a->has_cache_count ? a->cache_count : 0;
	if (capacity > 0) {
		set_util(s, UTIL_EXACT, UTIL_FROM_AGGREGATE, a->alloc_count, capacity);
		s->free = a->available_count;
	}
}

static void summarize_modules(const struct iobuf_snapshot *snap, bool large,
			      struct iobuf_pool_summary *s)
{
	bool all_sized = snap->nmodules > 0;

	for (size_t i = 0; i < snap->nmodules; i++) {
		const struct iobuf_pool_counters *c =
			large ? &snap->modules[i].large : &snap->modules[i].small;

		s->cache = add_sat(s->cache, c->cache, &s->saturated);
		s->main = add_sat(s->main, c->main, &s->saturated);
		s->retry = add_sat(s->retry, c->retry, &s->saturated);
		if (c->has_cache_size)
			s->reserved = add_sat(s->reserved, c->cache_size, &s->saturated);
		else
			all_sized = false;
	}
	/* A partial sum would understate what is pinned: all modules or nothing. */
	s->has_reserved = all_sized;
	if (!all_sized)
		s->reserved = 0;
	if (s->has_reserved && s->count > 0)
		set_util(s, UTIL_RESERVED, UTIL_FROM_CACHE_SIZE, s->reserved, s->count);
}

/* The rings of this pool, every node's: exact when the read covered them. */
static void summarize_rings(const struct iobuf_rings *r, bool large,
			    struct iobuf_pool_summary *s)
{
	uint64_t capacity = 0, free = 0;

	if (r->state != RINGS_EXACT)
		return;
	for (size_t i = 0; i < r->n && i < SNAP_MAX_RINGS; i++) {
		if (r->rings[i].large != large)
			continue;
		capacity = add_sat(capacity, r->rings[i].capacity, &s->saturated);
		free = add_sat(free, r->rings[i].free, &s->saturated);
	}
	if (capacity == 0)
		return;
	/* A ring never holds more than its capacity; a reader that says so is not believed. */
	if (free > capacity)
		return;
	set_util(s, UTIL_EXACT, UTIL_FROM_RING, capacity - free, capacity);
	s->free = free;
}

static void summarize_pool(const struct iobuf_snapshot *snap, bool large,
			   struct iobuf_pool_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->util_kind = UTIL_UNKNOWN;
	if (snap->opts.valid) {
		s->count = large ? snap->opts.large_pool_count : snap->opts.small_pool_count;
		s->bufsize = large ? snap->opts.large_bufsize : snap->opts.small_bufsize;
		s->bytes = mul_sat(s->count, s->bufsize, &s->saturated);
	}
	switch (snap->form) {
	case IOBUF_FORM_AGGREGATE:
		summarize_aggregate(large ? &snap->agg_large : &snap->agg_small, s);
		break;
	case IOBUF_FORM_PER_MODULE:
		summarize_modules(snap, large, s);
		summarize_rings(&snap->rings, large, s);
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

void iobuf_summary_note_saturated(const struct iobuf_snapshot *s, struct mt_errlist *errors)
{
	const struct iobuf_pool_summary *pools[2] = { &s->small, &s->large };

	for (int i = 0; i < 2; i++)
		if (pools[i]->saturated)
			mt_errlist_add(errors, "iobuf %s pool: a total passed 2^64-1 and "
				       "stops there (saturated: a floor, not a measurement)",
				       i ? "large" : "small");
}
