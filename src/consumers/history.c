/* What the dashboard plots, fed one snapshot at a time; NaN is a gap (contract: history.h). */
#include "history.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history_impl.h"

/* One allocation; calloc'd pages are touched only as the tiers fill. */
struct history *history_new(void)
{
	struct history *h = calloc(1, sizeof(struct history));
	size_t x = 0;

	if (!h)
		return NULL;
	/* Each series keeps its store for good: a slot given to another module keeps it too. */
	h->retry_small.x = &h->exact[x++];
	h->retry_large.x = &h->exact[x++];
	h->gets_small.x = &h->exact[x++];
	h->gets_large.x = &h->exact[x++];
	for (size_t i = 0; i < SNAP_MAX_MODULES; i++) {
		h->modules[i].retry_small.x = &h->exact[x++];
		h->modules[i].retry_large.x = &h->exact[x++];
	}
	h->util_small.c = &h->compact[0];
	h->util_large.c = &h->compact[1];
	for (size_t i = 0; i < SNAP_MAX_NODES; i++)
		h->nodes[i].free_pct.c = &h->compact[2 + i];
	return h;
}

void history_free(struct history *h)
{
	free(h);
}

/*
 * The series' data need no clearing: every read checks a series' birth and
 * the bucket tags, so only those are reset.  A memset of the whole would
 * touch every page at once (a replay rewinds often).
 */
void history_clear(struct history *h)
{
	h->ticks = 0;
	h->first_minute = 0;
	h->open_minute = 0;
	memset(h->bucket_tag, 0, sizeof(h->bucket_tag));
	h->util_kind_small = h->util_kind_large = UTIL_UNKNOWN;
	h->nmodules = 0;
	h->nnodes = 0;
}

/* Pushes into s at the history's newest tick and bucket. */
static void push(struct history *h, struct hist_series *s, double v)
{
	hist_series_push(s, h->ticks, h->open_minute, v);
}

static void start(struct history *h, struct hist_series *s)
{
	hist_series_start(s, h->ticks, h->open_minute);
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
	start(h, &m->retry_small);
	start(h, &m->retry_large);
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
	start(h, &n->free_pct);
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

	push(h, &h->retry_small, rated ? r->small.retry : NAN);
	push(h, &h->retry_large, rated ? r->large.retry : NAN);
	push(h, &h->gets_small, rated ? r->small.gets : NAN);
	push(h, &h->gets_large, rated ? r->large.gets : NAN);
	push(h, &h->util_small, have_stats ? util_of(&s->iobuf.small) : NAN);
	push(h, &h->util_large, have_stats ? util_of(&s->iobuf.large) : NAN);
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
			push(h, &m->retry_small, mr ? mr->small.retry : NAN);
			push(h, &m->retry_large, mr ? mr->large.retry : NAN);
			m->last_seen = h->ticks;
		}
	}
	for (size_t i = 0; i < h->nmodules; i++) {
		struct history_module *m = &h->modules[i];

		if (m->last_seen != h->ticks) {
			push(h, &m->retry_small, NAN);
			push(h, &m->retry_large, NAN);
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
		push(h, &n->free_pct, total ? 100.0 * (double)free_kb / (double)total : NAN);
		n->last_seen = h->ticks;
	}
	for (size_t i = 0; i < h->nnodes; i++) {
		struct history_node *n = &h->nodes[i];

		if (n->last_seen != h->ticks)
			push(h, &n->free_pct, NAN);
	}
}

/*
 * The bucket of a snapshot: its wall clock's minute, never before the open
 * one (a clock stepped back joins it), the open one for a clock that is
 * not a number.
 */
static int64_t minute_of(const struct history *h, double wall)
{
	double m = floor(wall / HIST_BUCKET_SECONDS);

	if (!isfinite(m) || m > 9e15 || m < -9e15)
		return h->open_minute;
	if (h->ticks > 0 && (int64_t)m < h->open_minute)
		return h->open_minute;
	return (int64_t)m;
}

static void advance(struct history *h, double wall)
{
	int64_t m = minute_of(h, wall);
	size_t b = hist_minute_slot(m);

	if (h->ticks == 0)
		h->first_minute = m;
	h->ticks++;
	h->open_minute = m;
	if (h->bucket_tag[b] != m + 1) {
		h->bucket_tag[b] = m + 1;
		h->bucket_ticks[b] = 0;
	}
	if (h->bucket_ticks[b] < UINT16_MAX)
		h->bucket_ticks[b]++;
	h->wall[hist_fine_slot(h->ticks)] = wall;
	if (h->ticks == 1) {
		start(h, &h->retry_small);
		start(h, &h->retry_large);
		start(h, &h->gets_small);
		start(h, &h->gets_large);
		start(h, &h->util_small);
		start(h, &h->util_large);
	}
}

void history_push(struct history *h, const struct snapshot *s, const struct iobuf_rates *rates)
{
	advance(h, s->wall);
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
