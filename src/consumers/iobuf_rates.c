/*
 * Per-second iobuf rates between two snapshots (contract: iobuf_rates.h).
 *
 * Totals are the sum of the per-module deltas, not the delta of the summed
 * counters: when one module's channels go away its counters vanish from the
 * sum, and the summed total would drop (a false reset that wipes out the
 * other modules' real increase).  Per module, a decrease is a reset and the
 * new value is the whole delta.  A module that vanished contributes nothing;
 * one that appeared is rated from 0.
 */
#include "iobuf_rates.h"

#include <string.h>

uint64_t counter_delta(uint64_t prev, uint64_t cur)
{
	return cur >= prev ? cur - prev : cur;
}

struct pool_delta {
	uint64_t cache, main, retry;
	bool reset;
};

static void delta_add(struct pool_delta *d, uint64_t prev, uint64_t cur, uint64_t *field)
{
	if (cur < prev)
		d->reset = true;
	*field += counter_delta(prev, cur);
}

static void pool_delta(const struct iobuf_pool_counters *prev,
		       const struct iobuf_pool_counters *cur, struct pool_delta *d)
{
	static const struct iobuf_pool_counters zero;

	if (!prev)
		prev = &zero;
	delta_add(d, prev->cache, cur->cache, &d->cache);
	delta_add(d, prev->main, cur->main, &d->main);
	delta_add(d, prev->retry, cur->retry, &d->retry);
}

static void pool_rates(const struct pool_delta *d, double dt, struct iobuf_pool_rates *r)
{
	uint64_t gets = d->cache + d->main + d->retry;

	r->cache = (double)d->cache / dt;
	r->main = (double)d->main / dt;
	r->retry = (double)d->retry / dt;
	r->gets = (double)gets / dt;
	r->hit_pct = gets ? (double)d->cache / (double)gets * 100.0 : 0.0;
	r->reset = d->reset;
}

static void total_add(struct pool_delta *total, const struct pool_delta *d)
{
	total->cache += d->cache;
	total->main += d->main;
	total->retry += d->retry;
	total->reset = total->reset || d->reset;
}

static const struct iobuf_module_stats *find_module(const struct iobuf_snapshot *s,
						    const char *name)
{
	for (size_t i = 0; i < s->nmodules; i++)
		if (strncmp(s->modules[i].name, name, SNAP_NAME_LEN) == 0)
			return &s->modules[i];
	return NULL;
}

static void rates_per_module(const struct iobuf_snapshot *prev, const struct iobuf_snapshot *cur,
			     struct iobuf_rates *out)
{
	struct pool_delta small_total = { 0 }, large_total = { 0 };

	for (size_t i = 0; i < cur->nmodules && i < SNAP_MAX_MODULES; i++) {
		const struct iobuf_module_stats *c = &cur->modules[i];
		const struct iobuf_module_stats *p = find_module(prev, c->name);
		struct iobuf_module_rates *r = &out->modules[i];
		struct pool_delta ds = { 0 }, dl = { 0 };

		memcpy(r->name, c->name, sizeof(r->name));
		r->name[sizeof(r->name) - 1] = '\0';
		pool_delta(p ? &p->small : NULL, &c->small, &ds);
		pool_delta(p ? &p->large : NULL, &c->large, &dl);
		pool_rates(&ds, out->dt, &r->small);
		pool_rates(&dl, out->dt, &r->large);
		total_add(&small_total, &ds);
		total_add(&large_total, &dl);
		out->nmodules++;
	}
	pool_rates(&small_total, out->dt, &out->small);
	pool_rates(&large_total, out->dt, &out->large);
}

/* The aggregate form has no get counters: only retries can be rated. */
static void rates_aggregate(const struct iobuf_snapshot *prev, const struct iobuf_snapshot *cur,
			    struct iobuf_rates *out)
{
	struct pool_delta ds = { 0 }, dl = { 0 };

	delta_add(&ds, prev->agg_small.retry_count, cur->agg_small.retry_count, &ds.retry);
	delta_add(&dl, prev->agg_large.retry_count, cur->agg_large.retry_count, &dl.retry);
	pool_rates(&ds, out->dt, &out->small);
	pool_rates(&dl, out->dt, &out->large);
}

void iobuf_rates_compute(const struct snapshot *prev, const struct snapshot *cur,
			 struct iobuf_rates *out)
{
	memset(out, 0, sizeof(*out));
	if (!prev || !cur)
		return;
	out->dt = cur->mono - prev->mono;
	/* !(dt > 0) also refuses a NaN time. */
	if (!(out->dt > 0) || cur->iobuf.form == IOBUF_FORM_NONE ||
	    cur->iobuf.form != prev->iobuf.form)
		return;
	out->valid = true;
	if (cur->iobuf.form == IOBUF_FORM_PER_MODULE)
		rates_per_module(&prev->iobuf, &cur->iobuf, out);
	else
		rates_aggregate(&prev->iobuf, &cur->iobuf, out);
}
