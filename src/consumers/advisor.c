/* The advisor's window: per-tick facts kept in buckets, and the evidence they add up to. */
#include "advisor.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pool_memory.h"

enum { POOL_SMALL = 0, POOL_LARGE = 1 };

#define BUCKET_EMPTY INT64_MIN

struct bucket {
	int64_t id;                 /* floor(mono / width), or BUCKET_EMPTY */
	bool rated;
	double peak_retry_rate;
	bool exact;
	double peak_util;
	bool reserved_known;
	uint64_t peak_reserved;
};

struct pool_window {
	struct bucket b[ADVISOR_BUCKETS];
	uint64_t count;             /* what the window describes: a change starts it over */
	double exact_since;         /* start of the current gapless exact run; NAN none */
	double last_exact;          /* mono of the run's latest tick */
};

struct advisor {
	struct advisor_config cfg;
	double width;               /* of a bucket, seconds */
	bool have_last;
	double last_mono;
	double stats_since;         /* first tick with stats since the windows began; NAN none */
	struct pool_window pool[2];
	struct advisor_evidence ev; /* as of the latest tick */
};

void advisor_config_default(struct advisor_config *c)
{
	c->window_minutes = 30;
	c->tight_pct = 80;
	c->underused_pct = 10;
	c->max_gap_s = 60;
}

const char *advice_status_name(enum advice_status s)
{
	switch (s) {
	case ADVICE_UNKNOWN:
		return "unknown";
	case ADVICE_FINE:
		return "fine";
	case ADVICE_UNDERUSED:
		return "underused";
	case ADVICE_TIGHT:
		return "tight";
	case ADVICE_EXHAUSTED:
		return "exhausted";
	}
	return "invalid";
}

const char *advice_basis_name(enum advice_basis b)
{
	switch (b) {
	case ADVICE_BASIS_NONE:
		return "none";
	case ADVICE_BASIS_RETRIES:
		return "retries";
	case ADVICE_BASIS_RETRIES_TOTAL:
		return "retries_total";
	case ADVICE_BASIS_EXACT_PEAK:
		return "exact_peak";
	case ADVICE_BASIS_RESERVED:
		return "reserved";
	case ADVICE_BASIS_EXACT_LOW:
		return "exact_low";
	}
	return "invalid";
}

/* NaN fails every comparison, so `!(v > 0)` catches it with the non-positive values. */
static double positive_or(double v, double dflt)
{
	return v > 0 && isfinite(v) ? v : dflt;
}

static void pool_window_reset(struct pool_window *w, uint64_t count)
{
	for (size_t i = 0; i < ADVISOR_BUCKETS; i++)
		w->b[i] = (struct bucket){ .id = BUCKET_EMPTY };
	w->count = count;
	w->exact_since = NAN;
	w->last_exact = NAN;
}

static void windows_reset(struct advisor *adv)
{
	pool_window_reset(&adv->pool[POOL_SMALL], 0);
	pool_window_reset(&adv->pool[POOL_LARGE], 0);
	adv->stats_since = NAN;
}

struct advisor *advisor_new(const struct advisor_config *c)
{
	struct advisor *adv = calloc(1, sizeof(*adv));
	struct advisor_config d;

	if (!adv)
		return NULL;
	advisor_config_default(&d);
	adv->cfg.window_minutes = positive_or(c ? c->window_minutes : 0, d.window_minutes);
	adv->cfg.tight_pct = positive_or(c ? c->tight_pct : 0, d.tight_pct);
	adv->cfg.underused_pct = positive_or(c ? c->underused_pct : 0, d.underused_pct);
	adv->cfg.max_gap_s = positive_or(c ? c->max_gap_s : 0, d.max_gap_s);
	adv->width = adv->cfg.window_minutes * 60.0 / ADVISOR_BUCKETS;
	windows_reset(adv);
	adv->ev.window_s = adv->cfg.window_minutes * 60.0;
	return adv;
}

void advisor_free(struct advisor *adv)
{
	free(adv);
}

void advisor_get_config(const struct advisor *adv, struct advisor_config *out)
{
	*out = adv->cfg;
}

/* ---- what one tick says ------------------------------------------------ */

/*
 * What the pools may grow into: free hugepages summed over the nodes, or
 * with enable_numa the least free node's (each node must hold the growth).
 */
static bool hugepages_budget(const struct snapshot *s, uint64_t *out)
{
	const struct hugepage_snapshot *hp = &s->hugepages;
	uint64_t sum = 0, least = UINT64_MAX;
	bool any = false;

	for (size_t i = 0; i < hp->nnodes && i < SNAP_MAX_NODES; i++) {
		const struct hugepage_node *n = &hp->nodes[i];
		uint64_t f = pool_memory_node_free(n);

		if (n->memoryless)
			continue;
		any = any || n->nsizes > 0;
		sum += f;
		if (f < least)
			least = f;
	}
	if (!any) {
		for (size_t k = 0; k < hp->global.nsizes && k < SNAP_MAX_PAGE_SIZES; k++) {
			sum += hp->global.sizes[k].free * hp->global.sizes[k].page_kb * 1024;
			any = true;
		}
		least = sum;
	}
	*out = s->iobuf.opts.valid && s->iobuf.opts.enable_numa ? least : sum;
	return any;
}

/* Exact utilization, per node when the rings give it: one dry node is a dry pool. */
static bool exact_util(const struct snapshot *s, bool large, double *out)
{
	const struct iobuf_pool_summary *ps = large ? &s->iobuf.large : &s->iobuf.small;
	const struct iobuf_rings *r = &s->iobuf.rings;
	double peak = -1;

	if (ps->util_kind != UTIL_EXACT || !isfinite(ps->util))
		return false;
	if (ps->util_source == UTIL_FROM_RING) {
		for (size_t i = 0; i < r->n && i < SNAP_MAX_RINGS; i++) {
			const struct pool_ring_occupancy *o = &r->rings[i];
			double u;

			if (o->large != large || o->capacity == 0 || o->free > o->capacity)
				continue;
			u = (double)(o->capacity - o->free) / (double)o->capacity;
			if (u > peak)
				peak = u;
		}
	}
	*out = peak >= 0 ? peak : ps->util;
	return true;
}

/* ---- the window -------------------------------------------------------- */

static struct bucket *bucket_at(struct advisor *adv, struct pool_window *w, double t)
{
	int64_t id = (int64_t)floor(t / adv->width);
	int64_t slot = (id % ADVISOR_BUCKETS + ADVISOR_BUCKETS) % ADVISOR_BUCKETS;
	struct bucket *b = &w->b[slot];

	if (b->id != id)
		*b = (struct bucket){ .id = id };
	return b;
}

/* pr: this pool's rates, NULL when the tick has none. */
static void pool_tick(struct advisor *adv, int p, const struct snapshot *s,
		      const struct iobuf_pool_rates *pr, unsigned nodes)
{
	const struct iobuf_pool_summary *ps = p == POOL_LARGE ? &s->iobuf.large : &s->iobuf.small;
	struct pool_window *w = &adv->pool[p];
	struct bucket *b;
	uint64_t reserved;
	double util;

	/*
	 * A new count is a new pool (a restart with new options): what the old
	 * one went through says nothing of it.  A tick without options keeps it.
	 */
	if (ps->count && w->count && ps->count != w->count)
		pool_window_reset(w, ps->count);
	if (ps->count)
		w->count = ps->count;
	b = bucket_at(adv, w, s->mono);
	if (pr) {
		b->rated = true;
		if (pr->retry > b->peak_retry_rate)
			b->peak_retry_rate = pr->retry;
	}
	if (exact_util(s, p == POOL_LARGE, &util)) {
		if (!b->exact || util > b->peak_util)
			b->peak_util = util;
		b->exact = true;
		if (isnan(w->exact_since) || s->mono - w->last_exact > adv->cfg.max_gap_s)
			w->exact_since = s->mono;
		w->last_exact = s->mono;
	} else {
		w->exact_since = NAN;
	}
	if (pool_memory_reserved(s, p == POOL_LARGE, nodes, &reserved)) {
		if (reserved > b->peak_reserved)
			b->peak_reserved = reserved;
		b->reserved_known = true;
	}
}

static void pool_evidence(const struct advisor *adv, int p, const struct snapshot *s,
			  bool stats, struct advisor_pool_evidence *e)
{
	const struct iobuf_pool_summary *ps = p == POOL_LARGE ? &s->iobuf.large : &s->iobuf.small;
	const struct pool_window *w = &adv->pool[p];
	int64_t now_id = (int64_t)floor(s->mono / adv->width);

	memset(e, 0, sizeof(*e));
	e->stats = stats;
	if (!stats)
		return;
	e->count = ps->count;
	e->bufsize = ps->bufsize;
	e->retry_total = ps->retry;
	for (size_t i = 0; i < ADVISOR_BUCKETS; i++) {
		const struct bucket *b = &w->b[i];

		if (b->id == BUCKET_EMPTY || b->id > now_id || b->id <= now_id - ADVISOR_BUCKETS)
			continue;
		e->rated = e->rated || b->rated;
		if (b->peak_retry_rate > e->peak_retry_rate)
			e->peak_retry_rate = b->peak_retry_rate;
		if (b->exact && (!e->has_exact || b->peak_util > e->peak_util))
			e->peak_util = b->peak_util;
		e->has_exact = e->has_exact || b->exact;
		if (b->reserved_known && b->peak_reserved > e->reserved)
			e->reserved = b->peak_reserved;
		e->has_reserved = e->has_reserved || b->reserved_known;
	}
	if (!isnan(w->exact_since))
		e->exact_span_s = s->mono - w->exact_since;
}

void advisor_update(struct advisor *adv, const struct snapshot *s, const struct iobuf_rates *rates)
{
	bool rated = rates && rates->valid && rates->dt > 0;
	/* a tick that cannot be placed in time says nothing about the window */
	bool stats = s->state != TARGET_UNREACHABLE && s->iobuf.form != IOBUF_FORM_NONE &&
		     isfinite(s->mono);
	struct advisor_evidence *ev = &adv->ev;
	unsigned nodes = pool_memory_nodes(s);

	if (adv->have_last && s->mono < adv->last_mono)
		windows_reset(adv);   /* time went backwards: nothing in the window is placed */
	if (isfinite(s->mono)) {
		adv->have_last = true;
		adv->last_mono = s->mono;
	}
	if (stats) {
		/* rates speak for the interval before the tick: it was observed too */
		if (isnan(adv->stats_since))
			adv->stats_since = s->mono - (rated ? rates->dt : 0);
		pool_tick(adv, POOL_SMALL, s, rated ? &rates->small : NULL, nodes);
		pool_tick(adv, POOL_LARGE, s, rated ? &rates->large : NULL, nodes);
	} else {
		/* nothing observed: no exact run survives it */
		adv->pool[POOL_SMALL].exact_since = NAN;
		adv->pool[POOL_LARGE].exact_since = NAN;
	}

	memset(ev, 0, sizeof(*ev));
	ev->seen = true;
	ev->state = s->state;
	ev->enable_numa = s->iobuf.opts.valid && s->iobuf.opts.enable_numa;
	ev->nodes = nodes;
	ev->hugepages_known = hugepages_budget(s, &ev->hugepages_free);
	ev->window_s = adv->cfg.window_minutes * 60.0;
	if (!isnan(adv->stats_since) && isfinite(s->mono))
		ev->observed_s = fmin(ev->window_s, s->mono - adv->stats_since);
	pool_evidence(adv, POOL_SMALL, s, stats, &ev->small);
	pool_evidence(adv, POOL_LARGE, s, stats, &ev->large);
}

void advisor_evidence(const struct advisor *adv, struct advisor_evidence *out)
{
	*out = adv->ev;
}

void advisor_advise(const struct advisor *adv, struct advice *out)
{
	advice_decide(&adv->cfg, &adv->ev, out);
}
