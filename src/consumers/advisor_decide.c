/*
 * The sizing rules (contract: advisor.h; reasons: docs/advisor.md).  Pure:
 * a status per pool from the evidence, then a count, its cost and one line
 * saying why.  Counts move the way operators move them: up by doubling, down
 * by halving at most, never below what the caches need to fill nor above
 * what free hugepages hold.
 */
#include "advisor.h"

#include <math.h>
#include <string.h>

#include "fmt_num.h"
#include "pool_memory.h"

enum { POOL_SMALL = 0, POOL_LARGE = 1 };

static const char *const pool_name[2] = { "small", "large" };

/* 1000 -> 1024; a value past the last power of two saturates rather than shrink. */
static uint64_t ceil_pow2(uint64_t v)
{
	uint64_t p = 1;

	if (v > UINT64_C(1) << 63)
		return UINT64_MAX;
	while (p < v)
		p <<= 1;
	return p;
}

/* Percentages are cut, not rounded, so "under 10%" never prints a peak of "10%". */
static const char *pct(char *buf, size_t len, double frac)
{
	double v = frac * 100.0;

	if (v < 10)
		snprintf(buf, len, "%.1f%%", floor(v * 10) / 10);
	else
		snprintf(buf, len, "%.0f%%", floor(v));
	return buf;
}

static const char *duration(char *buf, size_t len, double s)
{
	if (s < 60)
		snprintf(buf, len, "%.0f s", floor(s));
	else if (s < 7200)
		snprintf(buf, len, "%.0f min", floor(s / 60));
	else
		snprintf(buf, len, "%.1f h", floor(s / 360) / 10);
	return buf;
}

/* Rates under 10/s keep a decimal so a slow trickle never reads "0 retries/s". */
static const char *rate(char *buf, size_t len, double v)
{
	if (v < 9.95)
		snprintf(buf, len, "%.1f", v);
	else
		fmt_rate(buf, len, v);
	return buf;
}

/* ---- status ------------------------------------------------------------ */

static bool is_tight(const struct advisor_config *c, const struct advisor_pool_evidence *e,
		     enum advice_basis *basis)
{
	if (e->has_exact && e->peak_util * 100.0 >= c->tight_pct) {
		*basis = ADVICE_BASIS_EXACT_PEAK;
		return true;
	}
	if (e->has_reserved && e->count &&
	    (double)e->reserved * 100.0 >= c->tight_pct * (double)e->count) {
		*basis = ADVICE_BASIS_RESERVED;
		return true;
	}
	return false;
}

static enum advice_status judge(const struct advisor_config *c, const struct advisor_evidence *ev,
				const struct advisor_pool_evidence *e, enum advice_basis *basis)
{
	*basis = ADVICE_BASIS_NONE;
	if (!e->stats)
		return ADVICE_UNKNOWN;
	/* With rates the window decides; before any, the counter's whole life does. */
	if (e->rated && e->peak_retry_rate > 0) {
		*basis = ADVICE_BASIS_RETRIES;
		return ADVICE_EXHAUSTED;
	}
	if (!e->rated && e->retry_total > 0) {
		*basis = ADVICE_BASIS_RETRIES_TOTAL;
		return ADVICE_EXHAUSTED;
	}
	if (!e->count)
		return ADVICE_UNKNOWN;
	if (is_tight(c, e, basis))
		return ADVICE_TIGHT;
	if (e->has_exact && e->exact_span_s >= ev->window_s &&
	    e->peak_util * 100.0 < c->underused_pct) {
		*basis = ADVICE_BASIS_EXACT_LOW;
		return ADVICE_UNDERUSED;
	}
	return ADVICE_FINE;
}

/* ---- reasons ----------------------------------------------------------- */

static void cause_text(char *buf, size_t len, const struct advisor_config *c,
		       const struct advisor_evidence *ev, const struct advisor_pool_evidence *e,
		       int p, enum advice_basis basis)
{
	char a[FMT_NUM_LEN], b[FMT_NUM_LEN], d[FMT_NUM_LEN];

	switch (basis) {
	case ADVICE_BASIS_RETRIES:
		snprintf(buf, len, "%s pool ran dry: %s retries/s at peak", pool_name[p],
			 rate(a, sizeof(a), e->peak_retry_rate));
		return;
	case ADVICE_BASIS_RETRIES_TOTAL:
		snprintf(buf, len, "%s pool ran dry since the channels were created: %s retries",
			 pool_name[p], fmt_thousands(a, sizeof(a), e->retry_total));
		return;
	case ADVICE_BASIS_EXACT_PEAK:
		snprintf(buf, len, "%s pool reached %s used", pool_name[p],
			 pct(a, sizeof(a), e->peak_util));
		return;
	case ADVICE_BASIS_RESERVED:
		snprintf(buf, len, "%s pool %s reserved (configured) by caches", pool_name[p],
			 pct(a, sizeof(a), (double)e->reserved / (double)e->count));
		return;
	case ADVICE_BASIS_EXACT_LOW:
		snprintf(buf, len, "%s pool under %s used for %s (peak %s)", pool_name[p],
			 pct(a, sizeof(a), c->underused_pct / 100.0),
			 duration(d, sizeof(d), e->exact_span_s), pct(b, sizeof(b), e->peak_util));
		return;
	case ADVICE_BASIS_NONE:
		break;
	}
	if (!e->rated)
		snprintf(buf, len, "%s pool: no retries since the channels were created",
			 pool_name[p]);
	else if (e->has_exact)
		snprintf(buf, len, "%s pool peak %s used, no retries in %s", pool_name[p],
			 pct(a, sizeof(a), e->peak_util), duration(d, sizeof(d), ev->observed_s));
	else
		snprintf(buf, len, "%s pool: no retries in %s", pool_name[p],
			 duration(d, sizeof(d), ev->observed_s));
}

/* "cause; action", with the shorter action when the longer does not fit one line. */
static void compose(char *out, const char *cause, const char *action, const char *brief)
{
	if (strlen(cause) + 2 + strlen(action) < ADVICE_REASON_LEN)
		snprintf(out, ADVICE_REASON_LEN, "%s; %s", cause, action);
	else
		snprintf(out, ADVICE_REASON_LEN, "%s; %s", cause, brief);
}

static void unknown_reason(char *out, const struct advisor_evidence *ev)
{
	if (!ev->seen)
		snprintf(out, ADVICE_REASON_LEN, "no advice yet: no snapshot");
	else if (ev->state == TARGET_UNREACHABLE)
		snprintf(out, ADVICE_REASON_LEN, "no advice: target unreachable");
	else if (!ev->small.stats)
		snprintf(out, ADVICE_REASON_LEN, "no advice: no iobuf stats (target %s)",
			 target_state_name(ev->state));
	else
		snprintf(out, ADVICE_REASON_LEN,
			 "no advice: pool count unknown (no iobuf options)");
}

/* ---- sizing ------------------------------------------------------------ */

struct sizing {
	const struct advisor_config *c;
	const struct advisor_evidence *ev;
	uint64_t budget;            /* free hugepage bytes not yet given to the other pool */
};

static uint64_t pool_bytes(const struct advisor_evidence *ev, uint64_t count, uint64_t bufsize)
{
	return pool_memory_bytes(count, bufsize, ev->nodes);
}

/*
 * The least count the caches allow.  calc-iobuf.py's minimum is every
 * per-thread cache filled (the reservation); below it channel creation fails.
 * One more rule on top: the reservation must stay under tight_pct of the
 * count, or the shrunk pool would be TIGHT on the next tick and the advice
 * would flap.
 */
static uint64_t floor_count(const struct advisor_config *c, const struct advisor_pool_evidence *e,
			    int p, bool *by_caches)
{
	uint64_t f = p == POOL_LARGE ? ADVISOR_MIN_LARGE_COUNT : ADVISOR_MIN_SMALL_COUNT;

	*by_caches = false;
	if (e->has_reserved && e->reserved) {
		double soft = floor((double)e->reserved * 100.0 / c->tight_pct) + 1;
		uint64_t need = soft >= (double)UINT64_MAX ? UINT64_MAX : (uint64_t)soft;

		if (need < e->reserved)
			need = e->reserved;
		if (need > f) {
			f = need;
			*by_caches = true;
		}
	}
	return f;
}

static void delta_text(char *buf, size_t len, uint64_t from, uint64_t to)
{
	char b[FMT_NUM_LEN];

	if (to >= from)
		snprintf(buf, len, "+%s", fmt_bytes(b, sizeof(b), to - from));
	else
		snprintf(buf, len, "-%s", fmt_bytes(b, sizeof(b), from - to));
}

static void grow(struct sizing *z, const struct advisor_pool_evidence *e, int p,
		 const char *cause, struct pool_advice *out)
{
	uint64_t cur = e->count, doubled = ceil_pow2(pool_memory_mul(cur, 2)), want = doubled;
	char from[FMT_NUM_LEN], to[FMT_NUM_LEN], d[FMT_NUM_LEN];
	char action[ADVICE_REASON_LEN], brief[ADVICE_REASON_LEN];
	bool by_caches;
	uint64_t floor_c = floor_count(z->c, e, p, &by_caches);

	if (floor_c > want)
		want = ceil_pow2(floor_c);
	out->memory_checked = z->ev->hugepages_known && e->bufsize;
	out->suggested = want;
	if (out->memory_checked) {
		uint64_t need = pool_memory_mul(want - cur, e->bufsize);

		if (need <= z->budget) {
			z->budget -= need;
		} else {
			/* the largest count whose growth fits, or none */
			out->suggested = cur + z->budget / e->bufsize;
			out->limited_by_memory = true;
			z->budget -= (out->suggested - cur) * e->bufsize;
		}
	}
	out->suggested_bytes = pool_bytes(z->ev, out->suggested, e->bufsize);
	fmt_thousands(from, sizeof(from), cur);
	fmt_thousands(to, sizeof(to), out->suggested);
	delta_text(d, sizeof(d), out->current_bytes, out->suggested_bytes);
	if (out->suggested == cur) {
		snprintf(action, sizeof(action),
			 "keep %s: cannot grow, free hugepages hold no more", from);
		snprintf(brief, sizeof(brief), "cannot grow: free hugepages hold no more");
	} else if (out->limited_by_memory) {
		snprintf(action, sizeof(action), "limited by free hugepages: %s -> %s (%s)",
			 from, to, d);
		snprintf(brief, sizeof(brief), "%s -> %s, limited by free hugepages", from, to);
	} else {
		snprintf(action, sizeof(action), "%s it (%s -> %s, %s)",
			 want == doubled ? "double" : "raise", from, to, d);
		snprintf(brief, sizeof(brief), "%s -> %s (%s)", from, to, d);
	}
	compose(out->reason, cause, action, brief);
}

static void shrink(struct sizing *z, const struct advisor_pool_evidence *e, int p,
		   const char *cause, struct pool_advice *out)
{
	uint64_t cur = e->count, half = ceil_pow2(cur / 2 + cur % 2), want = half;
	char from[FMT_NUM_LEN], to[FMT_NUM_LEN], d[FMT_NUM_LEN], r[FMT_NUM_LEN];
	char action[ADVICE_REASON_LEN], brief[ADVICE_REASON_LEN];
	char why[ADVICE_REASON_LEN] = "", why_brief[ADVICE_REASON_LEN] = "";
	bool by_caches;
	uint64_t floor_c = floor_count(z->c, e, p, &by_caches);

	if (floor_c > want) {
		want = floor_c;
		if (by_caches) {
			fmt_thousands(r, sizeof(r), e->reserved);
			snprintf(why, sizeof(why), "caches reserve %s (configured)", r);
			snprintf(why_brief, sizeof(why_brief), "caches reserve %s", r);
		} else {
			fmt_thousands(r, sizeof(r), floor_c);
			snprintf(why, sizeof(why), "SPDK's minimum is %s", r);
			snprintf(why_brief, sizeof(why_brief), "SPDK's minimum");
		}
	}
	fmt_thousands(from, sizeof(from), cur);
	out->memory_checked = z->ev->hugepages_known;
	if (want >= cur) {
		out->suggested = cur;
		out->suggested_bytes = out->current_bytes;
		snprintf(action, sizeof(action), "keep %s: %s", from, why);
		snprintf(brief, sizeof(brief), "keep %s: %s", from, why_brief);
		compose(out->reason, cause, action, brief);
		return;
	}
	out->suggested = want;
	out->suggested_bytes = pool_bytes(z->ev, want, e->bufsize);
	fmt_thousands(to, sizeof(to), want);
	delta_text(d, sizeof(d), out->current_bytes, out->suggested_bytes);
	snprintf(action, sizeof(action), "%s it (%s -> %s, %s)%s%s",
		 want * 2 == cur ? "halve" : "shrink", from, to, d, why[0] ? ": " : "", why);
	snprintf(brief, sizeof(brief), "%s -> %s (%s)%s%s", from, to, d,
		 why_brief[0] ? ", " : "", why_brief);
	compose(out->reason, cause, action, brief);
}

static void size_pool(struct sizing *z, const struct advisor_pool_evidence *e, int p,
		      struct pool_advice *out)
{
	char cause[ADVICE_REASON_LEN], from[FMT_NUM_LEN], action[ADVICE_REASON_LEN];

	if (out->status == ADVICE_UNKNOWN) {
		unknown_reason(out->reason, z->ev);
		return;
	}
	cause_text(cause, sizeof(cause), z->c, z->ev, e, p, out->basis);
	out->current = e->count;
	out->current_bytes = pool_bytes(z->ev, e->count, e->bufsize);
	if (!e->count) {
		/* ran dry, yet no options: the status stands, the size cannot be given */
		compose(out->reason, cause, "pool count unknown, cannot size it", "count unknown");
		return;
	}
	switch (out->status) {
	case ADVICE_EXHAUSTED:
	case ADVICE_TIGHT:
		grow(z, e, p, cause, out);
		return;
	case ADVICE_UNDERUSED:
		shrink(z, e, p, cause, out);
		return;
	case ADVICE_FINE:
	case ADVICE_UNKNOWN:
		break;
	}
	out->suggested = e->count;
	out->suggested_bytes = out->current_bytes;
	out->memory_checked = z->ev->hugepages_known;
	snprintf(action, sizeof(action), "keep %s", fmt_thousands(from, sizeof(from), e->count));
	compose(out->reason, cause, action, action);
}

static int urgency(enum advice_status s)
{
	return s == ADVICE_EXHAUSTED ? 2 : s == ADVICE_TIGHT ? 1 : 0;
}

void advice_decide(const struct advisor_config *c, const struct advisor_evidence *ev,
		   struct advice *out)
{
	struct sizing z = { .c = c, .ev = ev, .budget = ev->hugepages_free };
	const struct advisor_pool_evidence *e[2] = { &ev->small, &ev->large };
	struct pool_advice *pa[2] = { &out->small, &out->large };
	int first;

	memset(out, 0, sizeof(*out));
	out->state = ev->state;
	out->window_s = ev->window_s;
	out->observed_s = ev->observed_s;
	out->enable_numa = ev->enable_numa;
	out->nodes = ev->nodes ? ev->nodes : 1;
	for (int p = POOL_SMALL; p <= POOL_LARGE; p++)
		pa[p]->status = judge(c, ev, e[p], &pa[p]->basis);
	/* One budget for both pools: the more urgent grows first. */
	first = urgency(pa[POOL_LARGE]->status) > urgency(pa[POOL_SMALL]->status)
		? POOL_LARGE : POOL_SMALL;
	size_pool(&z, e[first], first, pa[first]);
	size_pool(&z, e[!first], !first, pa[!first]);
}
