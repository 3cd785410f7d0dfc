/* One iobuf pool: utilization bar, size and memory, retries, sparkline.  See widgets.h. */
#include "widgets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt_num.h"

#define NAME_W 6        /* "small " / "large " */
#define BAR_MIN 4
#define BAR_MAX 60
#define SPARK_MIN 8

static void retry_text(double rate, char *buf, size_t len)
{
	char n[FMT_NUM_LEN];

	snprintf(buf, len, "retries %s/s", fmt_rate(n, sizeof(n), rate));
}

/* "retries 148k/s": for a one-line pane. */
static void retry_text_short(double rate, char *buf, size_t len)
{
	char n[FMT_NUM_LEN];

	if (isnan(rate) || rate < 9999.5) {
		retry_text(rate, buf, len);
		return;
	}
	snprintf(buf, len, "retries %s/s", fmt_short(n, sizeof(n), rate));
}

/*
 * Line 1.  The bar takes two fifths of the width, the same for both pools so
 * they line up, and the richest text that fits beside it; for a poorer text
 * the bar first shrinks to BAR_MIN.  "pinned" stays as long as any word
 * does, and on a one-line pane the retries come before the numbers.
 */
static void draw_util_line(WINDOW *win, int y, int x, int w, const struct widget_env *env,
			   const struct pool_view *p, bool with_retries)
{
	const struct iobuf_pool_summary *s = p->sum;
	const attr_t *pal = env->pal->attr;
	char used[FMT_NUM_LEN], cap[FMT_NUM_LEN], rt[48] = "", rts[48] = "", sep[3] = "";
	char cand[6][160];
	const char *what, *brief;
	int ncand = 0, i, bw = 0, room, pref, end = x + w, col = x;
	double pct;

	widget_text(win, y, col, w, pal[UI_LABEL], env, p->name);
	col += NAME_W;
	w -= NAME_W;
	if (w <= 0)
		return;
	if (with_retries) {
		retry_text(p->retry_rate, rt, sizeof(rt));
		retry_text_short(p->retry_rate, rts, sizeof(rts));
		snprintf(sep, sizeof(sep), "  ");
	}

	if (!s || s->util_kind == UTIL_UNKNOWN || !(s->capacity > 0)) {
		col += widget_text(win, y, col, w, pal[UI_DIM], env, "occupancy not reported");
		if (rt[0] && col + 2 < end)
			widget_text(win, y, col + 2, end - col - 2,
				    pal[p->retry_rate > 0 ? UI_ALERT_CRITICAL : UI_VALUE], env, rt);
		return;
	}
	pct = s->util * 100;
	what = s->util_kind == UTIL_EXACT ? "used" : "pinned in caches";
	brief = s->util_kind == UTIL_EXACT ? "used" : "pinned";
	fmt_thousands(used, sizeof(used), s->used);
	fmt_thousands(cap, sizeof(cap), s->capacity);
	snprintf(cand[ncand++], sizeof(cand[0]), "%5.1f%% %s  %s / %s%s%s", pct, what, used, cap,
		 sep, rt);
	snprintf(cand[ncand++], sizeof(cand[0]), "%.0f%% %s%s%s", pct, what, sep, rt);
	snprintf(cand[ncand++], sizeof(cand[0]), "%.0f%% %s%s%s", pct, brief, sep, rt);
	snprintf(cand[ncand++], sizeof(cand[0]), "%.0f%% %s%s%s", pct, brief, sep, rts);
	snprintf(cand[ncand++], sizeof(cand[0]), "%.0f%% %s", pct, brief);
	snprintf(cand[ncand++], sizeof(cand[0]), "%.0f%%", pct);

	pref = (w - 3) * 2 / 5;
	if (pref > BAR_MAX)
		pref = BAR_MAX;
	for (i = 0; i < ncand; i++) {
		room = w - 3 - widget_text_width(env, cand[i]);
		bw = room < pref ? room : pref;
		if (bw >= BAR_MIN)
			break;
	}
	if (i == ncand)
		i = ncand - 1;   /* bw is what the shortest text leaves */
	if (bw < 1) {
		widget_text(win, y, col, w, pal[UI_VALUE], env, cand[i]);
		return;
	}
	widget_text(win, y, col, 1, pal[UI_DIM], env, "[");
	if (s->util_kind == UTIL_EXACT)
		widget_bar_draw(win, y, col + 1, bw, env, (double)s->used, 0, (double)s->capacity);
	else
		widget_bar_draw(win, y, col + 1, bw, env, 0, (double)s->used, (double)s->capacity);
	widget_text(win, y, col + 1 + bw, 1, pal[UI_DIM], env, "]");
	col += bw + 3;
	widget_text(win, y, col, end - col, pal[UI_VALUE], env, cand[i]);
	/* Retries are drawn again over their place in the text, in alert colours. */
	if (rt[0] && p->retry_rate > 0) {
		const char *r = strstr(cand[i], rt) ? rt : strstr(cand[i], rts) ? rts : NULL;
		int at = r ? widget_text_width(env, cand[i]) - widget_text_width(env, r) : 0;

		if (r && col + at < end)
			widget_text(win, y, col + at, end - col - at, pal[UI_ALERT_CRITICAL], env,
				    r);
	}
}

/* Line 2: buffer size, pool memory, retries/s; returns the columns used. */
static int draw_size_line(WINDOW *win, int y, int x, int w, const struct widget_env *env,
			  const struct pool_view *p)
{
	const struct iobuf_pool_summary *s = p->sum;
	const attr_t *pal = env->pal->attr;
	char line[160], bs[FMT_NUM_LEN], cnt[FMT_NUM_LEN], mem[FMT_NUM_LEN], rt[48];
	int used, rw;

	if (s && s->count > 0 && s->bufsize > 0) {
		uint64_t bytes = s->bufsize > UINT64_MAX / s->count ? UINT64_MAX :
				 s->count * s->bufsize;

		fmt_bytes(bs, sizeof(bs), s->bufsize);
		fmt_thousands(cnt, sizeof(cnt), s->count);
		fmt_bytes(mem, sizeof(mem), bytes);
		snprintf(line, sizeof(line), "%s x %s = %s", bs, cnt, mem);
	} else {
		snprintf(line, sizeof(line), "pool size not reported");
	}
	used = NAME_W;
	used += widget_text(win, y, x + used, w - used, pal[s && s->count ? UI_VALUE : UI_DIM], env,
			    line);
	retry_text(p->retry_rate, rt, sizeof(rt));
	rw = widget_text_width(env, rt);
	if (used + 3 + rw <= w) {
		used += 3;
		used += widget_text(win, y, x + used, w - used,
				    pal[p->retry_rate > 0 ? UI_ALERT_CRITICAL : UI_VALUE], env, rt);
	}
	return used;
}

static double visible_peak(const double *v, size_t n, int w)
{
	size_t i, start = n > (size_t)w ? n - (size_t)w : 0;
	double m = NAN;

	for (i = start; i < n; i++)
		if (!isnan(v[i]) && (isnan(m) || v[i] > m))
			m = v[i];
	return m;
}

void widget_pool_draw(WINDOW *win, struct rect r, const struct widget_env *env,
		      const struct pool_view *p, bool show_sparkline)
{
	const attr_t *pal = env->pal->attr;
	int used;

	if (rect_empty(r))
		return;
	widget_clear(win, r, env);
	draw_util_line(win, r.y, r.x, r.w, env, p, r.h == 1);
	if (r.h < 2)
		return;
	used = draw_size_line(win, r.y + 1, r.x, r.w, env, p);
	if (!show_sparkline || !p->hist)
		return;
	if (r.h == 2) {
		int sw = r.w - used - 3;

		if (sw >= SPARK_MIN)
			widget_sparkline_draw(win, r.y + 1, r.x + used + 3, sw, env, p->hist,
					      p->nhist, 0, true);
		return;
	}
	{
		char peak[64], n[FMT_NUM_LEN];
		int lw = widget_text_width(env, "retries/s "), pw, sw;
		double pk;

		sw = r.w - NAME_W - lw;
		pk = visible_peak(p->hist, p->nhist, sw);
		snprintf(peak, sizeof(peak), "  peak %s", fmt_rate(n, sizeof(n), pk));
		pw = widget_text_width(env, peak);
		if (sw - pw >= SPARK_MIN * 2) {
			sw -= pw;
			pk = visible_peak(p->hist, p->nhist, sw);
			snprintf(peak, sizeof(peak), "  peak %s", fmt_rate(n, sizeof(n), pk));
		} else {
			peak[0] = '\0';
		}
		if (sw < SPARK_MIN)
			return;
		widget_text(win, r.y + 2, r.x + NAME_W, lw, pal[UI_LABEL], env, "retries/s ");
		widget_sparkline_draw(win, r.y + 2, r.x + NAME_W + lw, sw, env, p->hist,
				      p->nhist, 0, true);
		if (peak[0])
			widget_text(win, r.y + 2, r.x + NAME_W + lw + sw, r.w - NAME_W - lw - sw,
				    pal[UI_DIM], env, peak);
	}
}
