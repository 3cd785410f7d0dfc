/*
 * baseline_diff: the rows (contract: baseline_diff.h).  Every row is built
 * by one of three helpers so a counter, a gauge and a percentage each follow
 * one rule wherever they come from.
 */
#include "baseline_diff.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "iobuf_rates.h"

static struct diff_row *add_row(struct baseline_diff *d, enum diff_row_kind kind,
				const char *fmt, ...) MT_PRINTF(3, 4);

static struct diff_row *add_row(struct baseline_diff *d, enum diff_row_kind kind,
				const char *fmt, ...)
{
	struct diff_row *r;
	va_list ap;

	if (d->nrows >= DIFF_MAX_ROWS)
		return NULL;
	r = &d->rows[d->nrows++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	va_start(ap, fmt);
	vsnprintf(r->what, sizeof(r->what), fmt, ap);
	va_end(ap);
	return r;
}

static void settle(struct baseline_diff *d, struct diff_row *r, bool ka, uint64_t a, bool kb,
		   uint64_t b)
{
	if (!r)
		return;
	r->known_a = ka;
	r->known_b = kb;
	r->a = ka ? a : 0;
	r->b = kb ? b : 0;
	if (!ka || !kb)
		return;
	if (r->kind == DIFF_COUNTER) {
		r->fell = b < a;
		r->change = (int64_t)counter_delta(a, b);
		d->any_fell |= r->fell;
	} else {
		r->change = (int64_t)(b - a);
	}
}

static uint64_t pct_hundredths(double util)
{
	return util > 0 ? (uint64_t)llround(util * 10000.0) : 0;
}

static bool has_counters(const struct snapshot *s)
{
	return s->iobuf.form != IOBUF_FORM_NONE;
}

static void pool_rows(struct baseline_diff *d, const char *name, const struct diff_side *sa,
		      const struct iobuf_pool_summary *a, const struct diff_side *sb,
		      const struct iobuf_pool_summary *b)
{
	/* cache and main exist only per module: the aggregate form has retry_count alone. */
	bool ca = sa->snap->iobuf.form == IOBUF_FORM_PER_MODULE;
	bool cb = sb->snap->iobuf.form == IOBUF_FORM_PER_MODULE;
	bool ra = has_counters(sa->snap), rb = has_counters(sb->snap);

	settle(d, add_row(d, DIFF_COUNTER, "%s.gets", name), ca, a->cache + a->main + a->retry,
	       cb, b->cache + b->main + b->retry);
	settle(d, add_row(d, DIFF_COUNTER, "%s.cache", name), ca, a->cache, cb, b->cache);
	settle(d, add_row(d, DIFF_COUNTER, "%s.main", name), ca, a->main, cb, b->main);
	settle(d, add_row(d, DIFF_COUNTER, "%s.retry", name), ra, a->retry, rb, b->retry);
	settle(d, add_row(d, DIFF_GAUGE, "%s.reserved", name), ra && a->has_reserved,
	       a->reserved, rb && b->has_reserved, b->reserved);
	settle(d, add_row(d, DIFF_GAUGE, "%s.count", name), sa->has_options && a->count,
	       a->count, sb->has_options && b->count, b->count);
	settle(d, add_row(d, DIFF_GAUGE, "%s.bufsize", name), sa->has_options && a->bufsize,
	       a->bufsize, sb->has_options && b->bufsize, b->bufsize);
	settle(d, add_row(d, DIFF_PERCENT, "%s.in_use_pct", name), a->util_kind == UTIL_EXACT,
	       pct_hundredths(a->util), b->util_kind == UTIL_EXACT, pct_hundredths(b->util));
	settle(d, add_row(d, DIFF_PERCENT, "%s.reserved_pct", name),
	       a->util_kind == UTIL_RESERVED, pct_hundredths(a->util),
	       b->util_kind == UTIL_RESERVED, pct_hundredths(b->util));
}

static const struct iobuf_module_stats *find_module(const struct snapshot *s, const char *name)
{
	if (s->iobuf.form != IOBUF_FORM_PER_MODULE)
		return NULL;
	for (size_t i = 0; i < s->iobuf.nmodules; i++)
		if (strcmp(s->iobuf.modules[i].name, name) == 0)
			return &s->iobuf.modules[i];
	return NULL;
}

static void module_pool_rows(struct baseline_diff *d, const char *mod, const char *pool,
			     const struct iobuf_pool_counters *a,
			     const struct iobuf_pool_counters *b)
{
	settle(d, add_row(d, DIFF_COUNTER, "module.%s.%s.gets", mod, pool), a != NULL,
	       a ? a->cache + a->main + a->retry : 0, b != NULL,
	       b ? b->cache + b->main + b->retry : 0);
	/* cache and main as the pool rows have them: the hit share and the refills since A. */
	settle(d, add_row(d, DIFF_COUNTER, "module.%s.%s.cache", mod, pool), a != NULL,
	       a ? a->cache : 0, b != NULL, b ? b->cache : 0);
	settle(d, add_row(d, DIFF_COUNTER, "module.%s.%s.main", mod, pool), a != NULL,
	       a ? a->main : 0, b != NULL, b ? b->main : 0);
	settle(d, add_row(d, DIFF_COUNTER, "module.%s.%s.retry", mod, pool), a != NULL,
	       a ? a->retry : 0, b != NULL, b ? b->retry : 0);
	settle(d, add_row(d, DIFF_GAUGE, "module.%s.%s.cache_size", mod, pool),
	       a && a->has_cache_size, a ? a->cache_size : 0, b && b->has_cache_size,
	       b ? b->cache_size : 0);
}

static void module_rows(struct baseline_diff *d, const struct snapshot *a,
			const struct snapshot *b)
{
	/* A's modules in A's order, then those only B has. */
	for (int side = 0; side < 2; side++) {
		const struct snapshot *s = side ? b : a;

		if (s->iobuf.form != IOBUF_FORM_PER_MODULE)
			continue;
		for (size_t i = 0; i < s->iobuf.nmodules; i++) {
			const char *name = s->iobuf.modules[i].name;
			const struct iobuf_module_stats *ma = find_module(a, name);
			const struct iobuf_module_stats *mb = find_module(b, name);

			if (side && ma)
				continue;
			module_pool_rows(d, name, "small", ma ? &ma->small : NULL,
					 mb ? &mb->small : NULL);
			module_pool_rows(d, name, "large", ma ? &ma->large : NULL,
					 mb ? &mb->large : NULL);
		}
	}
}

static const struct hugepage_size_stats *find_size(const struct diff_side *side, int node,
						   uint64_t page_kb)
{
	const struct hugepage_snapshot *hp = &side->snap->hugepages;

	if (!side->has_hugepages)
		return NULL;
	for (size_t i = 0; i < hp->nnodes; i++) {
		if (hp->nodes[i].id != node)
			continue;
		for (size_t k = 0; k < hp->nodes[i].nsizes; k++)
			if (hp->nodes[i].sizes[k].page_kb == page_kb)
				return &hp->nodes[i].sizes[k];
	}
	return NULL;
}

static bool row_exists(const struct baseline_diff *d, const char *what)
{
	return baseline_diff_find(d, what) != NULL;
}

static void node_rows(struct baseline_diff *d, const struct diff_side *a,
		      const struct diff_side *b)
{
	for (int side = 0; side < 2; side++) {
		const struct diff_side *s = side ? b : a;
		const struct hugepage_snapshot *hp = &s->snap->hugepages;

		if (!s->has_hugepages)
			continue;
		for (size_t i = 0; i < hp->nnodes; i++) {
			for (size_t k = 0; k < hp->nodes[i].nsizes; k++) {
				int id = hp->nodes[i].id;
				uint64_t kb = hp->nodes[i].sizes[k].page_kb;
				const struct hugepage_size_stats *za = find_size(a, id, kb);
				const struct hugepage_size_stats *zb = find_size(b, id, kb);
				char what[DIFF_WHAT_LEN];

				snprintf(what, sizeof(what), "node%d.%llukB.free", id,
					 (unsigned long long)kb);
				if (row_exists(d, what))
					continue;
				settle(d, add_row(d, DIFF_GAUGE, "%s", what), za != NULL,
				       za ? za->free : 0, zb != NULL, zb ? zb->free : 0);
			}
		}
	}
}

/* Retries by module where both sides have modules, so one module's reset hides no rise. */
static bool retries_rose(const struct baseline_diff *d, const struct snapshot *a,
			 const struct snapshot *b)
{
	bool per_module = a->iobuf.form == IOBUF_FORM_PER_MODULE &&
			  b->iobuf.form == IOBUF_FORM_PER_MODULE;

	for (size_t i = 0; i < d->nrows; i++) {
		const struct diff_row *r = &d->rows[i];
		size_t n = strlen(r->what);
		bool is_module = strncmp(r->what, "module.", 7) == 0;

		if (n < 6 || strcmp(r->what + n - 6, ".retry") != 0 || is_module != per_module)
			continue;
		/* A module B has and A had not: everything it counted is new. */
		if (r->known_b && (r->known_a ? r->change > 0 : per_module && r->b > 0))
			return true;
	}
	return false;
}

void baseline_diff_compute(const struct diff_side *a, const struct diff_side *b,
			   struct baseline_diff *out)
{
	memset(out, 0, sizeof(*out));
	pool_rows(out, "small", a, &a->snap->iobuf.small, b, &b->snap->iobuf.small);
	pool_rows(out, "large", a, &a->snap->iobuf.large, b, &b->snap->iobuf.large);
	module_rows(out, a->snap, b->snap);
	node_rows(out, a, b);
	out->retries_rose = retries_rose(out, a->snap, b->snap);
	out->has_dt = a->has_time && b->has_time && b->snap->wall > a->snap->wall;
	out->dt = out->has_dt ? b->snap->wall - a->snap->wall : 0;
}

const struct diff_row *baseline_diff_find(const struct baseline_diff *d, const char *what)
{
	for (size_t i = 0; i < d->nrows; i++)
		if (strcmp(d->rows[i].what, what) == 0)
			return &d->rows[i];
	return NULL;
}
