/* One iobuf pool: utilization bar, size and memory, retries, sparkline or graph.  See widgets.h. */
#include "widgets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt_num.h"
#include "mt_text.h"
#include "screen_fp.h"

#define NAME_W 6        /* "small " / "large ": also the graph's scale column */
#define BAR_MIN 4
#define BAR_MAX 60
#define BAR_GOOD 20     /* a bar narrower than this gives way to a shorter text first */
#define SPARK_MIN 8
#define DRY_FULL "  !! RAN DRY"
#define DRY_SHORT "  !! DRY"
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void retry_text(double rate, char *buf, size_t len)
{
	char n[FMT_NUM_LEN];

	mt_text_join(buf, len, "retries ", fmt_rate(n, sizeof(n), rate), "/s", NULL);
}

/* "retries 148k/s": for a one-line pane. */
static void retry_text_short(double rate, char *buf, size_t len)
{
	char n[FMT_NUM_LEN];

	if (isnan(rate) || rate < 9999.5) {
		retry_text(rate, buf, len);
		return;
	}
	mt_text_join(buf, len, "retries ", fmt_short(n, sizeof(n), rate), "/s", NULL);
}

/*
 * Line 1 beside its bar: a base (the figure in one of six forms, richest
 * first) and a tail.  The tail is the dry marker, shown only while the
 * pool runs dry but always given its room, so the bar keeps its width when
 * the pool runs dry; or, on a one-line pane, the retries, always shown.
 */
enum tail { TAIL_NONE, TAIL_DRY, TAIL_DRY_SHORT, TAIL_RETRIES, TAIL_RETRIES_SHORTER,
	    TAIL_RETRIES_BARE, NTAIL };

#define NBASE 6
#define BASE_RICH NBASE   /* one line's richest base: 2 for the pool, 3 per node */

struct cand {
	unsigned char base, tail;
};

/*
 * Two lines and more: the six bases, richest first, each with room kept
 * for the dry marker, then the shortest with the short marker, then bare.
 */
static const struct cand ladder[] = {
	{ 0, TAIL_DRY }, { 1, TAIL_DRY }, { 2, TAIL_DRY }, { 3, TAIL_DRY }, { 4, TAIL_DRY },
	{ 4, TAIL_DRY_SHORT }, { 5, TAIL_DRY_SHORT }, { 5, TAIL_NONE },
};

/*
 * One line: the retries join it, marked "!!" while the pool runs dry: the
 * richest base with them in full, then base 4 with them shorter and
 * shorter ("retries 149k/s", at last unmarked), base 5 with the shortest,
 * then bare.
 */
static const struct cand one_line_ladder[] = {
	{ BASE_RICH, TAIL_RETRIES }, { 4, TAIL_RETRIES }, { 4, TAIL_RETRIES_SHORTER },
	{ 4, TAIL_RETRIES_BARE }, { 5, TAIL_RETRIES_BARE }, { 4, TAIL_NONE }, { 5, TAIL_NONE },
};

_Static_assert(NELEM(one_line_ladder) <= NELEM(ladder), "reserve[] holds the longer ladder");

/*
 * The candidates of one pane's line 1, formatted as util_choice reaches
 * them: it nearly always takes the first, and formatting all of them, for
 * the bar width and again for the line, was nearly a tenth of a frame.  reserve
 * is what the bar must leave for candidate i's text (base and the tail's
 * room); widths are -1 until their text is formatted.
 */
struct util_cands {
	const struct widget_env *env;
	const struct pool_view *p;
	const struct pool_node_use *node;   /* the fullest node's ring, or NULL: the pool's */
	const struct cand *cand;
	int n, rich;
	char used[FMT_NUM_LEN], cap[FMT_NUM_LEN];   /* "" until a base needs them */
	char base[NBASE][112], tail[NTAIL][80];
	int base_w[NBASE], tail_w[NTAIL], reserve[NELEM(ladder)];
};

/* Pools per NUMA node: the fullest node's ring, which the bar and line 1 show; else NULL. */
static const struct pool_node_use *fullest_node(const struct pool_view *p)
{
	if (!p->nodes || !pool_nodes_split(p->nodes) || p->sum->util_kind != UTIL_EXACT)
		return NULL;
	return &p->nodes->nodes[p->nodes->fullest];
}

static void util_cands_init(struct util_cands *c, const struct widget_env *env,
			    const struct pool_view *p, bool one)
{
	int i;

	c->env = env;
	c->p = p;
	c->node = fullest_node(p);
	c->cand = one ? one_line_ladder : ladder;
	c->n = one ? (int)NELEM(one_line_ladder) : (int)NELEM(ladder);
	c->rich = c->node ? 3 : 2;
	c->used[0] = c->cap[0] = '\0';
	for (i = 0; i < NBASE; i++)
		c->base_w[i] = -1;
	for (i = 0; i < NTAIL; i++)
		c->tail_w[i] = -1;
	for (i = 0; i < c->n; i++)
		c->reserve[i] = -1;
}

/* The counts "used" and "capacity" with separators, once for the bases that carry them. */
static void counts(struct util_cands *c, uint64_t used, uint64_t capacity)
{
	if (c->cap[0])
		return;
	fmt_thousands(c->used, sizeof(c->used), used);
	fmt_thousands(c->cap, sizeof(c->cap), capacity);
}

/*
 * What line 1 says the figure is, longest first.  Exact: buffers out of the
 * central pool now.  Reserved: the caches' configured size, which does not
 * move with load, so every form says "configured" in some way.
 */
static const char *const exact_words[] = { "in use", "in use", "in use", "in use" };
static const char *const reserved_words[] = { "reserved by thread caches (configured)",
					       "reserved by caches (configured)",
					       "reserved (config)", "rsvd" };

/* The pool's base b (the same exact text thrice is harmless: the first that fits wins). */
static void pool_base(struct util_cands *c, int b, char *t, size_t len)
{
	const struct iobuf_pool_summary *s = c->p->sum;
	const char *const *words = s->util_kind == UTIL_EXACT ? exact_words : reserved_words;
	double pct = s->util * 100;

	if (b < 3) {
		counts(c, s->used, s->capacity);
		/* The count right-aligned to the capacity's width: the text keeps its length. */
		snprintf(t, len, "%5.1f%% %s  %*s / %s", pct, words[b], (int)strlen(c->cap),
			 c->used, c->cap);
	} else if (b < 5) {
		snprintf(t, len, "%.0f%% %s", pct, words[b - 1]);
	} else {
		snprintf(t, len, "%.0f%%", pct);
	}
}

/* Per node, base b: the fullest node first, then the sum, shortening to "node 0 100%". */
static void node_base(struct util_cands *c, int b, char *t, size_t len)
{
	const struct pool_node_use *u = c->node;
	double pct = u->util * 100, all = c->p->sum->util * 100;
	size_t n = c->p->nodes->n;

	switch (b) {
	case 0:
		counts(c, u->used, u->capacity);
		snprintf(t, len, "node %d %5.1f%% in use  %*s / %s  fullest of %zu, all %.0f%%",
			 u->node, pct, (int)strlen(c->cap), c->used, c->cap, n, all);
		break;
	case 1:
		snprintf(t, len, "node %d %5.1f%% in use  fullest of %zu nodes, all %.0f%%",
			 u->node, pct, n, all);
		break;
	case 2:
		snprintf(t, len, "node %d %.0f%% in use  all %zu nodes %.0f%%", u->node, pct, n,
			 all);
		break;
	case 3:
		snprintf(t, len, "node %d %.0f%% in use  all %.0f%%", u->node, pct, all);
		break;
	case 4:
		snprintf(t, len, "node %d %.0f%%  all %.0f%%", u->node, pct, all);
		break;
	default:
		snprintf(t, len, "node %d %.0f%%", u->node, pct);
		break;
	}
}

/* Candidate i's base, formatted when first asked for. */
static const char *base_text(struct util_cands *c, int i, int *width)
{
	int b = c->cand[i].base == BASE_RICH ? c->rich : c->cand[i].base;

	if (c->base_w[b] < 0) {
		if (c->node)
			node_base(c, b, c->base[b], sizeof(c->base[b]));
		else
			pool_base(c, b, c->base[b], sizeof(c->base[b]));
		c->base_w[b] = widget_text_width(c->env, c->base[b]);
	}
	*width = c->base_w[b];
	return c->base[b];
}

/* Tail t, formatted when first asked for. */
static const char *tail_text(struct util_cands *c, enum tail t, int *width)
{
	double rate = c->p->retry_rate;
	const char *mark = rate > 0 ? "!! " : "";
	char *x = c->tail[t], rt[64];

	if (c->tail_w[t] < 0) {
		switch (t) {
		case TAIL_DRY:
			mt_text_join(x, sizeof(c->tail[t]), DRY_FULL, NULL);
			break;
		case TAIL_DRY_SHORT:
			mt_text_join(x, sizeof(c->tail[t]), DRY_SHORT, NULL);
			break;
		case TAIL_RETRIES:
			retry_text(rate, rt, sizeof(rt));
			mt_text_join(x, sizeof(c->tail[t]), "  ", mark, rt, NULL);
			break;
		case TAIL_RETRIES_SHORTER:
			retry_text_short(rate, rt, sizeof(rt));
			mt_text_join(x, sizeof(c->tail[t]), "  ", mark, rt, NULL);
			break;
		case TAIL_RETRIES_BARE:
			retry_text_short(rate, rt, sizeof(rt));
			mt_text_join(x, sizeof(c->tail[t]), "  ", rt, NULL);
			break;
		default:
			x[0] = '\0';
			break;
		}
		c->tail_w[t] = widget_text_width(c->env, x);
	}
	*width = c->tail_w[t];
	return x;
}

/* What the bar must leave for candidate i: its base and its tail, shown or only given room. */
static int cand_reserve(struct util_cands *c, int i)
{
	if (c->reserve[i] < 0) {
		int bw, tw;

		base_text(c, i, &bw);
		tail_text(c, (enum tail)c->cand[i].tail, &tw);
		c->reserve[i] = bw + tw;
	}
	return c->reserve[i];
}

/* The tail candidate i shows: a dry marker only while the pool runs dry. */
static enum tail shown_tail(const struct util_cands *c, int i)
{
	enum tail t = (enum tail)c->cand[i].tail;

	if ((t == TAIL_DRY || t == TAIL_DRY_SHORT) && !(c->p->retry_rate > 0))
		return TAIL_NONE;
	return t;
}

/*
 * The bar takes two fifths of the width (at most BAR_MAX) beside the
 * richest text that leaves it BAR_GOOD cells; only when no text does, the
 * richest that leaves BAR_MIN.  So a long label gives way before the bar
 * becomes a sliver.  With forced_bw > 0 the bar has that width and the text
 * adapts.  Returns the candidate, *bw the bar (< 1: none).
 */
static int util_choice(struct util_cands *c, int w, int forced_bw, int *bw)
{
	int pref = (w - 3) * 2 / 5, i;
	/* Only a pane wide enough for a good bar insists on one; a narrow one keeps its words. */
	int good = pref >= BAR_GOOD ? BAR_GOOD : BAR_MIN;

	if (pref > BAR_MAX)
		pref = BAR_MAX;
	if (forced_bw > 0) {
		for (i = 0; i < c->n; i++)
			if (w - 3 - cand_reserve(c, i) >= forced_bw) {
				*bw = forced_bw;
				return i;
			}
	}
	for (int floor = good;; floor = BAR_MIN) {
		for (i = 0; i < c->n; i++) {
			int room = w - 3 - cand_reserve(c, i);

			*bw = room < pref ? room : pref;
			if (*bw >= floor)
				return i;
		}
		if (floor == BAR_MIN)
			break;
	}
	return c->n - 1;   /* bw is what the shortest text leaves */
}

/*
 * Candidate i's text at col, then its retries or dry marker drawn again
 * over their place in the alert colour.
 */
static void draw_cand(WINDOW *win, int y, int col, int end, struct util_cands *c, int i)
{
	const attr_t *pal = c->env->pal->attr;
	enum tail t = shown_tail(c, i);
	const char *base, *tail;
	char text[192];
	int at, tw;

	base = base_text(c, i, &at);
	tail = tail_text(c, t, &tw);
	widget_text(win, y, col, end - col, pal[UI_VALUE], c->env,
		    mt_text_join(text, sizeof(text), base, tail, NULL));
	at += 2;   /* past the two blanks the tail starts with */
	if (t != TAIL_NONE && c->p->retry_rate > 0 && col + at < end)
		widget_text(win, y, col + at, end - col - at, pal[UI_ALERT_CRITICAL], c->env,
			    tail + 2);
}

static bool util_known(const struct pool_view *p)
{
	const struct iobuf_pool_summary *s = p->sum;

	return s && s->util_kind != UTIL_UNKNOWN && s->capacity > 0;
}

int widget_pool_bar_width(const struct widget_env *env, struct rect r, const struct pool_view *p)
{
	struct util_cands c;
	int bw = 0;

	if (rect_empty(r) || !util_known(p) || r.w <= NAME_W)
		return 0;
	util_cands_init(&c, env, p, r.h == 1);
	util_choice(&c, r.w - NAME_W, 0, &bw);
	return bw > 0 ? bw : 0;
}

/* Line 1: name, bar, percentage and numbers, and the dry marker or the retries. */
static void draw_util_line(WINDOW *win, int y, int x, int w, const struct widget_env *env,
			   const struct pool_view *p, bool one_line)
{
	const attr_t *pal = env->pal->attr;
	struct util_cands c;
	int i, bw = 0, col = x + NAME_W, end = x + w;

	widget_text(win, y, x, w, pal[UI_LABEL], env, p->name);
	w -= NAME_W;
	if (w <= 0)
		return;
	if (!util_known(p)) {
		char rt[64];

		col += widget_text(win, y, col, w, pal[UI_DIM], env, "occupancy not reported");
		retry_text(p->retry_rate, rt, sizeof(rt));
		if (one_line && col + 2 < end)
			widget_text(win, y, col + 2, end - col - 2,
				    pal[p->retry_rate > 0 ? UI_ALERT_CRITICAL : UI_VALUE], env, rt);
		return;
	}
	util_cands_init(&c, env, p, one_line);
	i = util_choice(&c, w, p->bar_w, &bw);
	if (bw >= 1) {
		const struct iobuf_pool_summary *s = p->sum;
		const struct pool_node_use *u = c.node;
		uint64_t used = u ? u->used : s->used, capacity = u ? u->capacity : s->capacity;
		/* Every channel fills a cache of the same configured size on every node. */
		uint64_t reserved = u ? s->reserved / p->nodes->n : s->reserved;

		/*
		 * Exact: out of the pool, with the part the caches may hold (their
		 * configured reservation) drawn apart.  Otherwise only that
		 * reservation is known, drawn as such and never as use.
		 */
		struct bar_view bv = { 0, 0, (double)capacity };

		if (s->util_kind == UTIL_EXACT) {
			uint64_t rsv = s->has_reserved && reserved < used ? reserved : used;

			if (!s->has_reserved)
				rsv = 0;
			bv.used = (double)(used - rsv);
			bv.cached = (double)rsv;
		} else {
			bv.cached = (double)s->used;
		}
		widget_text(win, y, col, 1, pal[UI_DIM], env, "[");
		widget_bar_draw(win, (struct rect){ y, col + 1, 1, bw }, env, &bv);
		widget_text(win, y, col + 1 + bw, 1, pal[UI_DIM], env, "]");
		col += bw + 3;
	}
	draw_cand(win, y, col, end, &c, i);
}

/* Line 2: buffer size, pool memory, retries/s; returns the columns used. */
static int draw_size_line(WINDOW *win, int y, int x, int w, const struct widget_env *env,
			  const struct pool_view *p)
{
	const struct iobuf_pool_summary *s = p->sum;
	const attr_t *pal = env->pal->attr;
	char line[160], bs[FMT_NUM_LEN], cnt[FMT_NUM_LEN], mem[FMT_NUM_LEN], rt[48];
	const char *size = "pool size not reported";
	int used, rw;

	if (p->compare)
		return NAME_W + widget_text(win, y, x + NAME_W, w - NAME_W, pal[UI_VALUE], env,
					    p->compare);
	if (s && s->count > 0 && s->bufsize > 0) {
		uint64_t bytes = s->bufsize > UINT64_MAX / s->count ? UINT64_MAX :
				 s->count * s->bufsize;

		fmt_bytes(bs, sizeof(bs), s->bufsize);
		fmt_thousands(cnt, sizeof(cnt), s->count);
		fmt_bytes(mem, sizeof(mem), bytes);
		size = mt_text_join(line, sizeof(line), bs, " x ", cnt, " = ", mem, NULL);
	}
	used = NAME_W;
	used += widget_text(win, y, x + used, w - used, pal[s && s->count ? UI_VALUE : UI_DIM], env,
			    size);
	retry_text(p->retry_rate, rt, sizeof(rt));
	rw = widget_text_width(env, rt);
	if (used + 3 + rw <= w) {
		used += 3;
		used += widget_text(win, y, x + used, w - used,
				    pal[p->retry_rate > 0 ? UI_ALERT_CRITICAL : UI_VALUE], env, rt);
	}
	if (p->node_use && p->node_use[0]) {
		rw = widget_text_width(env, p->node_use);
		if (used + 3 + rw <= w) {
			used += 3;
			used += widget_text(win, y, x + used, w - used, pal[UI_VALUE], env,
					    p->node_use);
		}
	}
	/* Without the exact figure, what the counters say live: how often gets reach the pool. */
	if (s && s->util_kind != UTIL_EXACT && isfinite(p->central_pct)) {
		snprintf(line, sizeof(line), "from pool %.0f%% of gets", p->central_pct);
		rw = widget_text_width(env, line);
		if (used + 3 + rw <= w) {
			used += 3;
			used += widget_text(win, y, x + used, w - used, pal[UI_VALUE], env, line);
		}
	}
	return used;
}

/* Line 3 of a three-line pane: "retries/s <sparkline>  peak 12,000". */
static void draw_spark_line(WINDOW *win, struct rect r, const struct widget_env *env,
			    const struct pool_view *p)
{
	char peak[64], n[FMT_NUM_LEN];
	int lw = widget_text_width(env, "retries/s "), pw, sw;

	sw = r.w - NAME_W - lw;
	mt_text_join(peak, sizeof(peak), "  peak ",
	     fmt_rate(n, sizeof(n), widget_graph_scale(p->hist, p->nhist, sw)), NULL);
	pw = widget_text_width(env, peak);
	if (sw - pw >= SPARK_MIN * 2) {
		sw -= pw;
		mt_text_join(peak, sizeof(peak), "  peak ",
		     fmt_rate(n, sizeof(n), widget_graph_scale(p->hist, p->nhist, sw)), NULL);
	} else {
		peak[0] = '\0';
	}
	if (sw < SPARK_MIN)
		return;
	widget_text(win, r.y, r.x + NAME_W, lw, env->pal->attr[UI_LABEL], env, "retries/s ");
	widget_sparkline_draw(win, (struct rect){ r.y, r.x + NAME_W + lw, 1, sw }, env,
			      &(struct sparkline_view){ p->hist, p->nhist, 0, true });
	if (peak[0])
		widget_text(win, r.y, r.x + NAME_W + lw + sw, r.w - NAME_W - lw - sw,
			    env->pal->attr[UI_DIM], env, peak);
}

/*
 * A graph of v in a band of the pane's rows, with its scale at the left
 * (the top's value, 0 at the baseline) and at the right what it shows: its
 * title, the exact peak and the time it covers.  Where each goes and what
 * it says, worked out before anything is drawn.
 */
struct graph_plan {
	struct rect band, g;    /* g.w 0: no room for the graph, the band stays blank */
	int lw, nl;             /* the legend's width (0: none) and lines */
	char legend[3][48], top[FMT_NUM_LEN];
	const char *why;        /* over the middle row when the graph is empty, or NULL */
};

static void graph_plan(struct graph_plan *gp, struct rect r, const struct widget_env *env,
		       const char *title, const double *v, size_t n, const double *wall)
{
	char num[FMT_NUM_LEN];
	int gw = r.w - NAME_W, lw = 0, i, nl = r.h >= 3 ? 3 : 2;
	double scale;

	memset(gp, 0, sizeof(*gp));
	gp->band = r;
	gp->g = (struct rect){ r.y, r.x + NAME_W, r.h, 0 };
	/* The legend's numbers depend on the width they describe: settle it first. */
	mt_text_join(gp->legend[0], sizeof(gp->legend[0]), title, NULL);
	for (i = 0; i < 2; i++) {
		scale = widget_graph_scale(v, n, gw);
		mt_text_join(gp->legend[1], sizeof(gp->legend[1]), "peak ",
			     fmt_rate(num, sizeof(num), scale), NULL);
		widget_span_text(wall, n, gw, gp->legend[2], sizeof(gp->legend[2]));
		lw = 0;
		for (int k = 0; k < nl; k++)
			if (widget_text_width(env, gp->legend[k]) > lw)
				lw = widget_text_width(env, gp->legend[k]);
		lw += 2;
		gw = r.w - NAME_W - lw;
	}
	if (gw < SPARK_MIN * 2) {
		lw = 0;
		gw = r.w - NAME_W;
	}
	if (gw < SPARK_MIN)
		return;
	gp->g.w = gw;
	gp->lw = lw;
	gp->nl = nl;
	scale = widget_graph_scale(v, n, gw);
	if (scale > 0)
		fmt_short(gp->top, sizeof(gp->top), scale);
	else if (r.h >= 3)
		/* A tall empty frame says why it is empty. */
		gp->why = isnan(scale) ? "no data yet" : "none in view";
}

/* The print of everything row i of the band shows but its graph's cells. */
static uint64_t band_row_fp(uint64_t base, const struct graph_plan *gp, int i)
{
	uint64_t h = fp_bytes(base, &i, sizeof(i));

	if (gp->g.w == 0)
		return h;
	if (i == 0)
		h = fp_str(h, gp->top);
	if (gp->lw && i < gp->nl)
		h = fp_str(h, gp->legend[i]);
	if (gp->why && i == gp->g.h / 2)
		h = fp_str(h, gp->why);
	return h;
}

/* What every row of the band depends on: where the graph is, the theme. */
static uint64_t band_fp(const struct graph_plan *gp, const struct widget_env *env)
{
	uint64_t h = fp_bytes(FP_SEED, &gp->band, sizeof(gp->band));

	h = fp_bytes(h, &gp->g, sizeof(gp->g));
	h = fp_bytes(h, &gp->lw, sizeof(gp->lw));
	h = fp_bytes(h, env->pal->attr, sizeof(env->pal->attr));
	h = fp_bytes(h, &env->gl->set, sizeof(env->gl->set));
	return fp_str(h, env->gl->sep);
}

/* Blanks row y of the band but for the graph's columns. */
static void clear_beside(WINDOW *win, struct rect b, struct rect g, int y,
			 const struct widget_env *env)
{
	if (g.w == 0) {
		widget_clear(win, (struct rect){ y, b.x, 1, b.w }, env);
		return;
	}
	widget_clear(win, (struct rect){ y, b.x, 1, g.x - b.x }, env);
	widget_clear(win, (struct rect){ y, g.x + g.w, 1, b.x + b.w - g.x - g.w }, env);
}

/*
 * The band planned in gp.  With keep, over what bm says the window holds:
 * a row whose print is the same is left beside its graph, the others are
 * blanked there and drawn again, and the graph writes the rows that differ.
 * Without, over blanks, everything.
 */
static void band_draw(WINDOW *win, const struct graph_plan *gp, const struct widget_env *env,
		      const double *v, size_t n, bool alert, struct pool_band_memo *bm, bool keep)
{
	const attr_t *pal = env->pal->attr;
	struct rect b = gp->band, g = gp->g;
	uint64_t base = bm ? band_fp(gp, env) : 0, fp[POOL_MEMO_BAND_ROWS];
	unsigned redo = 0;   /* the rows drawn beside the graph */
	int i, label = g.h / 2;

	for (i = 0; i < b.h; i++) {
		if (bm) {
			fp[i] = band_row_fp(base, gp, i);
			if (keep && bm->row_fp[i] == fp[i])
				continue;
		}
		redo |= 1u << i;
		if (!keep)
			continue;
		clear_beside(win, b, g, b.y + i, env);
		/* A label that stood over the graph's row goes with the row. */
		if (bm->label_row == i)
			bm->graph.known &= ~(1u << (g.h - 1 - i));
	}
	if (bm) {
		memcpy(bm->row_fp, fp, (size_t)b.h * sizeof(fp[0]));
		bm->label_row = gp->why ? label : -1;
		if (g.w == 0)
			bm->graph.valid = false;
	}
	if (g.w == 0)
		return;
	/* The scale column: the top's value, the axis, 0 at the baseline. */
	wattrset(win, (int)pal[UI_BORDER]);
	for (i = 0; i < b.h; i++)
		if (redo >> i & 1)
			mvwaddstr(win, b.y + i, g.x - 1, env->gl->sep);
	wattrset(win, A_NORMAL);
	if (gp->top[0] && (redo & 1))
		widget_text(win, b.y, g.x - 1 - widget_text_width(env, gp->top), NAME_W - 1,
			    pal[UI_DIM], env, gp->top);
	if (redo >> (b.h - 1) & 1)
		widget_text(win, b.y + b.h - 1, g.x - 2, 1, pal[UI_DIM], env, "0");
	widget_graph_draw_memo(win, g, env, &(struct sparkline_view){ v, n, 0, alert },
			       bm ? &bm->graph : NULL);
	if (gp->why && (!bm || (redo >> label & 1) || (bm->graph.drawn >> (g.h - 1 - label) & 1)))
		widget_text(win, g.y + label, g.x + 2, g.w - 2, pal[UI_DIM], env, gp->why);
	for (i = 0; gp->lw && i < gp->nl && i < b.h; i++)
		if (redo >> i & 1)
			widget_text(win, b.y + i, g.x + g.w + 2, gp->lw - 2,
				    pal[i == 0 ? UI_LABEL : UI_DIM], env, gp->legend[i]);
}

_Static_assert(LAYOUT_RETRY_GRAPH_MAX_ROWS <= POOL_MEMO_BAND_ROWS &&
	       LAYOUT_GETS_GRAPH_MAX_ROWS <= POOL_MEMO_BAND_ROWS, "a band's rows in its memo");

/*
 * Lines 3..: the retries' graph up to its cap; what is left below (as the
 * layout grants it) shows the demand they come from, with its own scale.
 * Rows beyond both caps stay blank.
 */
static void draw_graphs(WINDOW *win, struct rect r, const struct widget_env *env,
			const struct pool_view *v, struct pool_memo *m, bool keep)
{
	int g = r.h - 2, gr = g < LAYOUT_RETRY_GRAPH_MAX_ROWS ? g : LAYOUT_RETRY_GRAPH_MAX_ROWS;
	int gg = g - gr < LAYOUT_GETS_GRAPH_MAX_ROWS ? g - gr : LAYOUT_GETS_GRAPH_MAX_ROWS;
	struct rect band = { r.y + 2 + gr, r.x, gg, r.w };
	struct graph_plan gp;

	graph_plan(&gp, (struct rect){ r.y + 2, r.x, gr, r.w }, env, "retries/s", v->hist,
		   v->nhist, v->wall);
	band_draw(win, &gp, env, v->hist, v->nhist, true, m ? &m->band[0] : NULL, keep);
	if (v->gets && gg >= LAYOUT_GETS_GRAPH_MIN_ROWS) {
		graph_plan(&gp, band, env, "gets/s", v->gets, v->nhist, v->wall);
	} else {
		/* No graph there: the rows stay blank (a memo still knows them). */
		memset(&gp, 0, sizeof(gp));
		gp.band = band;
		gp.g = (struct rect){ band.y, band.x + NAME_W, band.h, 0 };
	}
	band_draw(win, &gp, env, v->gets, v->nhist, false, m ? &m->band[1] : NULL, keep);
}

void widget_pool_draw(WINDOW *win, struct rect r, const struct widget_env *env,
		      const struct pool_view *v)
{
	widget_pool_draw_memo(win, r, env, v, NULL);
}

void widget_pool_draw_memo(WINDOW *win, struct rect r, const struct widget_env *env,
			   const struct pool_view *v, struct pool_memo *m)
{
	struct sparkline_view retries = { v->hist, v->nhist, 0, true };
	bool graphs = r.h >= 4 && v->show_sparkline && v->hist, keep = false;
	int used;

	if (rect_empty(r))
		return;
	if (m && !graphs) {
		m->valid = false;
		m = NULL;
	}
	if (m) {
		keep = m->valid && m->win == win && memcmp(&m->r, &r, sizeof(r)) == 0;
		if (!keep)
			m->band[0].graph.valid = m->band[1].graph.valid = false;
		m->valid = true;
		m->win = win;
		m->r = r;
	}
	/* Kept: only lines 1 and 2 are blanked whole, the graphs' rows as they need. */
	widget_clear(win, keep ? (struct rect){ r.y, r.x, 2, r.w } : r, env);
	draw_util_line(win, r.y, r.x, r.w, env, v, r.h == 1);
	if (r.h < 2)
		return;
	used = draw_size_line(win, r.y + 1, r.x, r.w, env, v);
	if (!v->show_sparkline || !v->hist)
		return;
	if (r.h == 2) {
		int sw = r.w - used - 3;

		if (sw >= SPARK_MIN)
			widget_sparkline_draw(win, (struct rect){ r.y + 1, r.x + used + 3, 1, sw },
					      env, &retries);
		return;
	}
	if (r.h == 3) {
		draw_spark_line(win, (struct rect){ r.y + 2, r.x, 1, r.w }, env, v);
		return;
	}
	draw_graphs(win, r, env, v, m, keep);
}
