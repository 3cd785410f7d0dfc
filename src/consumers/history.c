/* Bounded rings of the series the dashboard plots; NaN is a gap. */
#include "history.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hist_series_clear(struct hist_series *s)
{
	s->head = 0;
	s->len = 0;
}

void hist_series_push(struct hist_series *s, double v)
{
	s->v[s->head] = v;
	s->head = (s->head + 1) % HISTORY_CAP;
	if (s->len < HISTORY_CAP)
		s->len++;
}

size_t hist_series_latest(const struct hist_series *s, size_t n, double *out)
{
	size_t k = n < s->len ? n : s->len;
	size_t start = (s->head + HISTORY_CAP - k) % HISTORY_CAP;

	for (size_t i = 0; i < k; i++)
		out[i] = s->v[(start + i) % HISTORY_CAP];
	return k;
}

double hist_series_last(const struct hist_series *s)
{
	if (s->len == 0)
		return NAN;
	return s->v[(s->head + HISTORY_CAP - 1) % HISTORY_CAP];
}

double hist_series_max(const struct hist_series *s, size_t n)
{
	size_t k = n < s->len ? n : s->len;
	double best = NAN;

	for (size_t i = 1; i <= k; i++) {
		double v = s->v[(s->head + HISTORY_CAP - i) % HISTORY_CAP];

		if (!isnan(v) && (isnan(best) || v > best))
			best = v;
	}
	return best;
}

struct history *history_new(void)
{
	struct history *h = calloc(1, sizeof(*h));

	return h;
}

void history_free(struct history *h)
{
	free(h);
}

void history_clear(struct history *h)
{
	memset(h, 0, sizeof(*h));
}

/* A series that starts now must still line up with the others. */
static void backfill(struct hist_series *s, uint64_t ticks_before)
{
	uint64_t n = ticks_before < HISTORY_CAP ? ticks_before : HISTORY_CAP;

	hist_series_clear(s);
	for (uint64_t i = 0; i < n; i++)
		hist_series_push(s, NAN);
}

/*
 * Slot for a module name: the existing one, else a free one, else the one
 * least recently seen that is not in this tick (so a churn of short-lived
 * modules cannot push out the live ones).  NULL when all are live.
 */
static struct history_module *module_slot(struct history *h, const char *name)
{
	struct history_module *m, *victim = NULL;

	for (size_t i = 0; i < h->nmodules; i++)
		if (strcmp(h->modules[i].name, name) == 0)
			return &h->modules[i];
	if (h->nmodules < SNAP_MAX_MODULES) {
		m = &h->modules[h->nmodules++];
	} else {
		for (size_t i = 0; i < h->nmodules; i++) {
			m = &h->modules[i];
			if (m->last_seen >= h->ticks)
				continue;
			if (!victim || m->last_seen < victim->last_seen)
				victim = m;
		}
		if (!victim)
			return NULL;
		m = victim;
	}
	snprintf(m->name, sizeof(m->name), "%s", name);
	backfill(&m->retry_small, h->ticks - 1);
	backfill(&m->retry_large, h->ticks - 1);
	m->last_seen = 0;
	return m;
}

static struct history_node *node_slot(struct history *h, int id)
{
	struct history_node *n, *victim = NULL;

	for (size_t i = 0; i < h->nnodes; i++)
		if (h->nodes[i].id == id)
			return &h->nodes[i];
	if (h->nnodes < SNAP_MAX_NODES) {
		n = &h->nodes[h->nnodes++];
	} else {
		for (size_t i = 0; i < h->nnodes; i++) {
			n = &h->nodes[i];
			if (n->last_seen >= h->ticks)
				continue;
			if (!victim || n->last_seen < victim->last_seen)
				victim = n;
		}
		if (!victim)
			return NULL;
		n = victim;
	}
	n->id = id;
	backfill(&n->free_kb, h->ticks - 1);
	backfill(&n->free_pct, h->ticks - 1);
	n->last_seen = 0;
	return n;
}

static const struct iobuf_module_rates *module_rates(const struct iobuf_rates *r,
						     const char *name)
{
	if (!r)
		return NULL;
	for (size_t i = 0; i < r->nmodules && i < SNAP_MAX_MODULES; i++)
		if (strcmp(r->modules[i].name, name) == 0)
			return &r->modules[i];
	return NULL;
}

static double util_of(const struct iobuf_pool_summary *p)
{
	if (p->util_kind == UTIL_UNKNOWN || p->capacity == 0)
		return NAN;
	return p->util;
}

static void push_iobuf(struct history *h, const struct snapshot *s, const struct iobuf_rates *r)
{
	bool reachable = s->state != TARGET_UNREACHABLE;
	bool have_stats = reachable && s->iobuf.form != IOBUF_FORM_NONE;
	bool rated = have_stats && r && r->valid;

	hist_series_push(&h->retry_small, rated ? r->small.retry : NAN);
	hist_series_push(&h->retry_large, rated ? r->large.retry : NAN);
	hist_series_push(&h->gets_small, rated ? r->small.gets : NAN);
	hist_series_push(&h->gets_large, rated ? r->large.gets : NAN);
	hist_series_push(&h->util_small, have_stats ? util_of(&s->iobuf.small) : NAN);
	hist_series_push(&h->util_large, have_stats ? util_of(&s->iobuf.large) : NAN);
	h->util_kind_small = have_stats ? s->iobuf.small.util_kind : UTIL_UNKNOWN;
	h->util_kind_large = have_stats ? s->iobuf.large.util_kind : UTIL_UNKNOWN;

	if (have_stats && s->iobuf.form == IOBUF_FORM_PER_MODULE) {
		for (size_t i = 0; i < s->iobuf.nmodules && i < SNAP_MAX_MODULES; i++) {
			const char *name = s->iobuf.modules[i].name;
			struct history_module *m = module_slot(h, name);
			const struct iobuf_module_rates *mr;

			if (!m || m->last_seen == h->ticks)
				continue;   /* table full of live modules, or a duplicate name */
			mr = rated ? module_rates(r, name) : NULL;
			hist_series_push(&m->retry_small, mr ? mr->small.retry : NAN);
			hist_series_push(&m->retry_large, mr ? mr->large.retry : NAN);
			m->last_seen = h->ticks;
		}
	}
	for (size_t i = 0; i < h->nmodules; i++) {
		struct history_module *m = &h->modules[i];

		if (m->last_seen != h->ticks) {
			hist_series_push(&m->retry_small, NAN);
			hist_series_push(&m->retry_large, NAN);
		}
	}
}

static void push_nodes(struct history *h, const struct snapshot *s)
{
	const struct hugepage_snapshot *hp = &s->hugepages;

	for (size_t i = 0; i < hp->nnodes && i < SNAP_MAX_NODES; i++) {
		const struct hugepage_node *sn = &hp->nodes[i];
		struct history_node *n = node_slot(h, sn->id);
		uint64_t total = 0, free_kb = 0;

		if (!n || n->last_seen == h->ticks)
			continue;
		for (size_t k = 0; k < sn->nsizes && k < SNAP_MAX_PAGE_SIZES; k++) {
			total += sn->sizes[k].nr * sn->sizes[k].page_kb;
			free_kb += sn->sizes[k].free * sn->sizes[k].page_kb;
		}
		hist_series_push(&n->free_kb, (double)free_kb);
		hist_series_push(&n->free_pct,
				 total ? 100.0 * (double)free_kb / (double)total : NAN);
		n->last_seen = h->ticks;
	}
	for (size_t i = 0; i < h->nnodes; i++) {
		struct history_node *n = &h->nodes[i];

		if (n->last_seen != h->ticks) {
			hist_series_push(&n->free_kb, NAN);
			hist_series_push(&n->free_pct, NAN);
		}
	}
}

void history_push(struct history *h, const struct snapshot *s, const struct iobuf_rates *rates)
{
	h->ticks++;
	hist_series_push(&h->wall, s->wall);
	push_iobuf(h, s, rates);
	push_nodes(h, s);
}

const struct history_module *history_module(const struct history *h, const char *name)
{
	for (size_t i = 0; i < h->nmodules; i++)
		if (strcmp(h->modules[i].name, name) == 0)
			return &h->modules[i];
	return NULL;
}

const struct history_node *history_node(const struct history *h, int node_id)
{
	for (size_t i = 0; i < h->nnodes; i++)
		if (h->nodes[i].id == node_id)
			return &h->nodes[i];
	return NULL;
}
