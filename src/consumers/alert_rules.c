/* The alert rules: what in a snapshot is worth an alert, and its banner text. */
#include "alerts_impl.h"
#include "fmt_num.h"
#include "pool_nodes.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const pool_upper[2] = { "SMALL", "LARGE" };

/* Rates under 10/s keep a decimal so "+0.5 retries/s" never reads "+0". */
static void fmt_small_rate(char *buf, size_t len, double v)
{
	if (v < 9.95)
		snprintf(buf, len, "%.1f", v);
	else
		fmt_rate(buf, len, v);
}

/* ---- retries ---------------------------------------------------------- */

/* A get refills its cache with up to this many buffers at once (lib/thread/iobuf.c). */
#define IOBUF_BATCH 32

/*
 * Retries rose while every ring of the pool we read held more than a batch:
 * a get that misses its cache takes a batch from a ring and retries only
 * when that ring cannot give one, so either a ring was empty between our
 * reads or the read is wrong.  With a ring per NUMA node one dry node
 * explains the retries whatever the others hold, so it takes all of them.
 * Worth a warning, never a silent number.
 */
static void ring_doubt(struct alerts *a, int p, const struct snapshot *s,
		       const struct iobuf_pool_summary *ps)
{
	char text[ALERT_TEXT_LEN], n[FMT_NUM_LEN];
	struct pool_nodes pn;
	uint64_t least;

	if (ps->util_kind != UTIL_EXACT || ps->util_source != UTIL_FROM_RING)
		return;
	pool_nodes_of(&s->iobuf.rings, p == ALERT_POOL_LARGE, &pn);
	/* A snapshot without its rings (decoded from an older file): the pool's one figure. */
	least = pn.n ? pn.min_free : ps->free;
	if (least <= IOBUF_BATCH)
		return;
	fmt_thousands(n, sizeof(n), least);
	if (pool_nodes_split(&pn))
		snprintf(text, sizeof(text), "%s POOL RETRIES WITH AT LEAST %s FREE IN EVERY NODE'S RING  "
			 "exact figure in doubt", pool_upper[p], n);
	else
		snprintf(text, sizeof(text), "%s POOL RETRIES WITH %s FREE IN THE RING  "
			 "exact figure in doubt", pool_upper[p], n);
	alert_raise(a, ALERT_RING_DOUBT, p, ALERT_WARNING, text);
}

static void rule_retries(struct alerts *a, const struct snapshot *s, const struct iobuf_rates *r)
{
	bool have_stats = s->state != TARGET_UNREACHABLE && s->iobuf.form != IOBUF_FORM_NONE;

	for (int p = ALERT_POOL_SMALL; p <= ALERT_POOL_LARGE; p++) {
		const struct iobuf_pool_rates *pr;
		const char *top = NULL;
		double top_rate = 0;
		char rate[FMT_NUM_LEN], text[ALERT_TEXT_LEN];

		if (!have_stats)
			continue;           /* ends: nothing observed */
		if (!r || !r->valid) {
			alert_hold(a, ALERT_RETRIES, p);
			continue;
		}
		pr = p == ALERT_POOL_SMALL ? &r->small : &r->large;
		if (!(pr->retry > 0))
			continue;
		for (size_t i = 0; i < r->nmodules && i < SNAP_MAX_MODULES; i++) {
			const struct iobuf_module_rates *m = &r->modules[i];
			double v = p == ALERT_POOL_SMALL ? m->small.retry : m->large.retry;

			if (v > top_rate) {
				top_rate = v;
				top = m->name;
			}
		}
		if (top) {
			fmt_small_rate(rate, sizeof(rate), top_rate);
			snprintf(text, sizeof(text), "%s POOL EXHAUSTED  %s +%s retries/s",
				 pool_upper[p], top, rate);
		} else {
			fmt_small_rate(rate, sizeof(rate), pr->retry);
			snprintf(text, sizeof(text), "%s POOL EXHAUSTED  +%s retries/s",
				 pool_upper[p], rate);
		}
		alert_raise(a, ALERT_RETRIES, p, ALERT_CRITICAL, text);
		ring_doubt(a, p, s, p == ALERT_POOL_SMALL ? &s->iobuf.small : &s->iobuf.large);
	}
}

/* ---- utilization ------------------------------------------------------ */

/*
 * Pools per NUMA node: the fullest node's ring is judged, as a get waits
 * when its node's ring is empty however full the others are.
 */
static bool util_fullest_node(struct alerts *a, int p, const struct snapshot *s,
			      const struct iobuf_pool_summary *ps)
{
	char used[FMT_NUM_LEN], cap[FMT_NUM_LEN], text[ALERT_TEXT_LEN];
	const struct pool_node_use *u;
	struct pool_nodes pn;

	if (ps->util_kind != UTIL_EXACT || ps->util_source != UTIL_FROM_RING)
		return false;
	pool_nodes_of(&s->iobuf.rings, p == ALERT_POOL_LARGE, &pn);
	if (!pool_nodes_split(&pn))
		return false;
	u = &pn.nodes[pn.fullest];
	if (u->util * 100.0 >= a->th.pool_pct) {
		fmt_thousands(used, sizeof(used), u->used);
		fmt_thousands(cap, sizeof(cap), u->capacity);
		snprintf(text, sizeof(text), "%s POOL NODE %d %.0f%% USED  %s of %s buffers "
			 "(fullest of %zu nodes)", pool_upper[p], u->node, u->util * 100.0, used, cap,
			 pn.n);
		alert_raise(a, ALERT_POOL_UTIL, p, ALERT_WARNING, text);
	}
	return true;
}

static void rule_util(struct alerts *a, const struct snapshot *s)
{
	if (s->state == TARGET_UNREACHABLE || s->iobuf.form == IOBUF_FORM_NONE)
		return;
	for (int p = ALERT_POOL_SMALL; p <= ALERT_POOL_LARGE; p++) {
		const struct iobuf_pool_summary *ps =
			p == ALERT_POOL_SMALL ? &s->iobuf.small : &s->iobuf.large;
		char used[FMT_NUM_LEN], cap[FMT_NUM_LEN], text[ALERT_TEXT_LEN];
		double pct = ps->util * 100.0;

		if (ps->capacity == 0 || isnan(pct) || util_fullest_node(a, p, s, ps))
			continue;
		fmt_thousands(used, sizeof(used), ps->used);
		fmt_thousands(cap, sizeof(cap), ps->capacity);
		if (ps->util_kind == UTIL_EXACT && pct >= a->th.pool_pct) {
			snprintf(text, sizeof(text), "%s POOL %.0f%% USED  %s of %s buffers",
				 pool_upper[p], pct, used, cap);
			alert_raise(a, ALERT_POOL_UTIL, p, ALERT_WARNING, text);
		} else if (ps->util_kind == UTIL_RESERVED && pct >= a->th.reserved_pct) {
			snprintf(text, sizeof(text),
				 "%s POOL %.0f%% RESERVED BY CACHES (CONFIGURED)  %s of %s",
				 pool_upper[p], pct, used, cap);
			alert_raise(a, ALERT_POOL_RESERVED, p, ALERT_WARNING, text);
		}
	}
}

/* ---- target ----------------------------------------------------------- */

static void rule_unreachable(struct alerts *a, const struct snapshot *s)
{
	char text[ALERT_TEXT_LEN], why[MT_ERR_LEN];

	if (s->state != TARGET_UNREACHABLE)
		return;
	/* The address once: the reason without it ("no such socket"). */
	snapshot_reason_brief(s, why, sizeof(why));
	snprintf(text, sizeof(text), "TARGET UNREACHABLE  %s%s%s", s->target,
		 s->target[0] ? ": " : "", why[0] ? why : "no reply");
	alert_raise(a, ALERT_UNREACHABLE, -1, ALERT_CRITICAL, text);
}

/* Not "OK no active alerts" while nothing was collected: say what came back instead. */
static void rule_no_iobuf(struct alerts *a, const struct snapshot *s)
{
	char text[ALERT_TEXT_LEN], why[MT_ERR_LEN];

	if (!snapshot_lacks_iobuf(s))
		return;
	snapshot_lacks_iobuf_reason(s, why, sizeof(why));
	snprintf(text, sizeof(text), "NO IOBUF DATA  %s%s%s", s->target, s->target[0] ? ": " : "",
		 why);
	alert_raise(a, ALERT_NO_IOBUF, -1, ALERT_CRITICAL, text);
}

/* ---- hugepages -------------------------------------------------------- */

static void rule_hugepages_low(struct alerts *a, const struct snapshot *s)
{
	const struct hugepage_snapshot *hp = &s->hugepages;

	for (size_t i = 0; i < hp->nnodes && i < SNAP_MAX_NODES; i++) {
		const struct hugepage_node *n = &hp->nodes[i];
		char fr[FMT_NUM_LEN], tot[FMT_NUM_LEN], text[ALERT_TEXT_LEN];
		uint64_t total, free_kb;
		double pct;

		hugepage_node_kb(n, &total, &free_kb);
		if (total == 0)
			continue;
		pct = 100.0 * (double)free_kb / (double)total;
		if (pct >= a->th.hugepages_free_pct)
			continue;
		fmt_kib(fr, sizeof(fr), free_kb);
		fmt_kib(tot, sizeof(tot), total);
		snprintf(text, sizeof(text), "NODE %d HUGEPAGES LOW  %.1f%% free (%s of %s)",
			 n->id, pct, fr, tot);
		alert_raise(a, ALERT_HUGEPAGES_LOW, n->id, ALERT_WARNING, text);
	}
}

static void rule_imbalance(struct alerts *a, const struct snapshot *s)
{
	const struct hugepage_snapshot *hp = &s->hugepages;
	uint64_t totals[SNAP_MAX_NODES];
	double sum = 0, mean;
	size_t counted = 0;

	for (size_t i = 0; i < hp->nnodes && i < SNAP_MAX_NODES; i++) {
		uint64_t free_kb;

		hugepage_node_kb(&hp->nodes[i], &totals[i], &free_kb);
		if (hp->nodes[i].memoryless)
			continue;   /* nothing to allocate from: not a placement choice */
		sum += (double)totals[i];
		counted++;
	}
	if (counted < 2 || sum <= 0)
		return;
	mean = sum / (double)counted;
	for (size_t i = 0; i < hp->nnodes && i < SNAP_MAX_NODES; i++) {
		const struct hugepage_node *n = &hp->nodes[i];
		char have[FMT_NUM_LEN], avg[FMT_NUM_LEN], text[ALERT_TEXT_LEN];
		double dev = ((double)totals[i] - mean) / mean * 100.0;

		if (n->memoryless || fabs(dev) <= a->th.imbalance_pct)
			continue;
		fmt_kib(have, sizeof(have), totals[i]);
		fmt_kib(avg, sizeof(avg), (uint64_t)llround(mean));
		snprintf(text, sizeof(text),
			 "NODE %d HUGEPAGES IMBALANCED  %s vs mean %s (%+.0f%%)",
			 n->id, have, avg, dev);
		alert_raise(a, ALERT_NUMA_IMBALANCE, n->id, ALERT_WARNING, text);
	}
}

/* ---- leak ------------------------------------------------------------- */

void leak_window_reset(struct leak_window *w)
{
	w->head = 0;
	w->len = 0;
	w->kind = UTIL_UNKNOWN;
}

static const struct leak_sample *sample_at(const struct leak_window *w, size_t i)
{
	/* i = 0 is the oldest held */
	return &w->s[(w->head + LEAK_CAP - w->len + i) % LEAK_CAP];
}

void leak_window_add(struct leak_window *w, double t, double v, double window_s)
{
	if (w->len > 0 && t < sample_at(w, w->len - 1)->t)
		leak_window_reset(w);   /* time went backwards: start over */
	/*
	 * The newest sample is always the latest value; it only becomes
	 * permanent once it is a spacing away from the one before it, so fast
	 * ticks cannot shrink the ring below two windows.
	 */
	if (w->len >= 2 && t - sample_at(w, w->len - 2)->t < window_s / LEAK_SPACING_DIV) {
		struct leak_sample *last = &w->s[(w->head + LEAK_CAP - 1) % LEAK_CAP];

		last->t = t;
		last->v = v;
		return;
	}
	w->s[w->head].t = t;
	w->s[w->head].v = v;
	w->head = (w->head + 1) % LEAK_CAP;
	if (w->len < LEAK_CAP)
		w->len++;
}

/* Fewer points than this cannot tell steady growth from chance. */
#define LEAK_MIN_SAMPLES 8
/* A hole this large in the samples means the window is not really covered. */
#define LEAK_MAX_HOLE_DIV 4
/*
 * "Steadily": the value rose within at least LEAK_RISING_PARTS of the
 * window's LEAK_PARTS parts, so one step (caches warming up once) is not a leak.
 */
#define LEAK_PARTS 4
#define LEAK_RISING_PARTS 3

/* The value held at time t: the newest sample at or before t, from index first on. */
static double value_at(const struct leak_window *w, size_t first, double t)
{
	double v = sample_at(w, first)->v;

	for (size_t i = first + 1; i < w->len && sample_at(w, i)->t <= t; i++)
		v = sample_at(w, i)->v;
	return v;
}

static int rising_parts(const struct leak_window *w, size_t first, double now, double window_s)
{
	int rising = 0;

	for (int q = 0; q < LEAK_PARTS; q++) {
		double tb = now - window_s + window_s * q / LEAK_PARTS;
		double te = now - window_s + window_s * (q + 1) / LEAK_PARTS;

		if (value_at(w, first, te) > value_at(w, first, tb))
			rising++;
	}
	return rising;
}

bool leak_window_rising(const struct leak_window *w, double now, double window_s,
			double *growth)
{
	size_t first = SIZE_MAX, n, nondecr = 0;
	double st = 0, sv = 0, stt = 0, stv = 0, slope_num, slope_den;
	const struct leak_sample *a0, *z;

	if (window_s <= 0 || w->len < LEAK_MIN_SAMPLES)
		return false;
	/* The newest sample at or before the window's start must exist: covered. */
	for (size_t i = w->len; i-- > 0;) {
		if (sample_at(w, i)->t <= now - window_s) {
			first = i;
			break;
		}
	}
	if (first == SIZE_MAX)
		return false;
	n = w->len - first;
	if (n < LEAK_MIN_SAMPLES)
		return false;
	for (size_t i = first; i < w->len; i++) {
		const struct leak_sample *p = sample_at(w, i);
		double t = p->t - now;   /* centre near 0 for precision */

		st += t;
		sv += p->v;
		stt += t * t;
		stv += t * p->v;
		if (i > first) {
			const struct leak_sample *q = sample_at(w, i - 1);

			if (p->t - q->t > window_s / LEAK_MAX_HOLE_DIV)
				return false;
			if (p->v >= q->v)
				nondecr++;
		}
	}
	slope_den = (double)n * stt - st * st;
	slope_num = (double)n * stv - st * sv;
	a0 = sample_at(w, first);
	z = sample_at(w, w->len - 1);
	if (growth)
		*growth = z->v - a0->v;
	if (slope_den <= 0 || slope_num <= 0 || z->v <= a0->v)
		return false;
	/* at least 90% of the steps non-decreasing, in integers */
	if (nondecr * 10 < (n - 1) * 9)
		return false;
	return rising_parts(w, first, now, window_s) >= LEAK_RISING_PARTS;
}

static void rule_leak(struct alerts *a, const struct snapshot *s)
{
	double window = a->th.leak_minutes * 60.0;
	bool have_stats = s->state != TARGET_UNREACHABLE && s->iobuf.form != IOBUF_FORM_NONE;

	for (int p = ALERT_POOL_SMALL; p <= ALERT_POOL_LARGE; p++) {
		const struct iobuf_pool_summary *ps =
			p == ALERT_POOL_SMALL ? &s->iobuf.small : &s->iobuf.large;
		struct leak_window *w = &a->leak[p];
		char grown[FMT_NUM_LEN], text[ALERT_TEXT_LEN];
		double growth = 0;

		/* A gap may hide a restart: the window must be seen whole. */
		if (!have_stats || ps->util_kind == UTIL_UNKNOWN || ps->util_kind != w->kind) {
			leak_window_reset(w);
			if (!have_stats || ps->util_kind == UTIL_UNKNOWN)
				continue;
			w->kind = ps->util_kind;
		}
		leak_window_add(w, s->mono, (double)ps->used, window);
		if (!leak_window_rising(w, s->mono, window, &growth))
			continue;
		fmt_rate(grown, sizeof(grown), growth);
		snprintf(text, sizeof(text), "%s POOL %s RISING  +%s buffers in %.0f min",
			 pool_upper[p], ps->util_kind == UTIL_EXACT ? "ALLOCATIONS" : "CACHE RESERVATION",
			 grown, a->th.leak_minutes);
		alert_raise(a, ALERT_LEAK, p, ALERT_WARNING, text);
	}
}

/* ---- SPDK's heap per node ---------------------------------------------- */

static void rule_heap_block(struct alerts *a, const struct snapshot *s)
{
	const struct spdk_heaps *h = &s->heaps;
	uint64_t large = s->iobuf.opts.large_bufsize;

	/* Unreachable: the last dump's figures are not observed now. */
	if (s->state == TARGET_UNREACHABLE || h->state != HEAPS_READ || !s->iobuf.opts.valid ||
	    large == 0)
		return;
	for (size_t i = 0; i < h->n && i < SNAP_MAX_HEAPS; i++) {
		const struct spdk_heap *hp = &h->heaps[i];
		char g[FMT_NUM_LEN], l[FMT_NUM_LEN], text[ALERT_TEXT_LEN];

		if (hp->greatest_free >= large)
			continue;
		fmt_bytes(g, sizeof(g), hp->greatest_free);
		fmt_bytes(l, sizeof(l), large);
		snprintf(text, sizeof(text),
			 "NODE %d SPDK HEAP SHORT  largest free block %s < one large buffer %s",
			 hp->node, g, l);
		alert_raise(a, ALERT_HEAP_BLOCK, hp->node, ALERT_WARNING, text);
	}
}

void alert_rules_run(struct alerts *a, const struct snapshot *s, const struct iobuf_rates *r)
{
	rule_unreachable(a, s);
	rule_no_iobuf(a, s);
	rule_retries(a, s, r);
	rule_util(a, s);
	rule_leak(a, s);
	rule_hugepages_low(a, s);
	rule_imbalance(a, s);
	rule_heap_block(a, s);
}
