/* Sparklines and taller graphs over a history window, with gaps kept visible.  See widgets.h. */
#include "widgets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "screen_fp.h"

int widget_sparkline_level(double v, double max, int levels)
{
	double l;

	if (isnan(v))
		return -1;
	if (!(v > 0) || levels < 1)
		return 0;
	if (!(max > 0) || v >= max)
		return levels;
	/* Any value above zero shows: a single retry must not vanish. */
	l = ceil(v / max * levels);
	return l < 1 ? 1 : l > levels ? levels : (int)l;
}

double widget_graph_scale(const double *v, size_t n, int w)
{
	size_t i, start = w > 0 && n > (size_t)w ? n - (size_t)w : 0;
	double m = NAN;

	for (i = start; i < n; i++)
		if (!isnan(v[i]) && (isnan(m) || v[i] > m))
			m = v[i];
	return m;
}

/*
 * Every cell a graph can show, made once per graph: a moving graph changes
 * every cell each tick, and a setcchar per cell was most of its cost.
 */
struct graph_cells {
	cchar_t blank, gap, gap_above, alert_blank;
	cchar_t level[2][GLYPH_SPARK_MAX + 1];   /* [alert][level] */
	bool alert_blanks;   /* blanks between alert columns may be alert_blank */
};

/* The colour pair a cell of attribute a is shown in: the window's background's when it has none. */
static short shown_pair(WINDOW *win, attr_t a)
{
	short p = (short)PAIR_NUMBER(a);

	return p ? p : (short)PAIR_NUMBER(getbkgd(win));
}

/*
 * Whether a blank looks the same in attributes a and b: what shows on a
 * space is its background colour, and reverse video, standout, underline
 * and blink (a bright background on the Linux console); bold, dim and the
 * foreground do not show.  A theme may give any of them: looked at, not
 * assumed.
 */
static bool blank_same(WINDOW *win, attr_t a, attr_t b)
{
	const attr_t shows = A_REVERSE | A_STANDOUT | A_UNDERLINE | A_BLINK | A_INVIS;
	short pa = shown_pair(win, a), pb = shown_pair(win, b), fa, ba, fb, bb;

	if ((a | b | getbkgd(win)) & shows)
		return false;
	if (pa == pb)
		return true;
	return pair_content(pa, &fa, &ba) == OK && pair_content(pb, &fb, &bb) == OK && ba == bb;
}

static void graph_cells_make(struct graph_cells *gc, WINDOW *win, const struct widget_env *env)
{
	const struct glyphs *g = env->gl;
	const attr_t *pal = env->pal->attr;

	memset(gc, 0, sizeof(*gc));   /* every byte known: a memo compares its print */
	gc->alert_blanks = g->spark_wc[0] == L' ' &&
			   blank_same(win, pal[UI_SPARKLINE], pal[UI_SPARKLINE_ALERT]);
	widget_cell(&gc->alert_blank, L' ', pal[UI_SPARKLINE_ALERT]);
	widget_cell(&gc->blank, L' ', pal[UI_SPARKLINE]);
	widget_cell(&gc->gap, g->spark_gap_wc, pal[UI_GAP]);
	widget_cell(&gc->gap_above, g->spark_wc[0], pal[UI_SPARKLINE]);
	for (int l = 0; l <= g->spark_levels && l <= GLYPH_SPARK_MAX; l++) {
		widget_cell(&gc->level[0][l], g->spark_wc[l], pal[UI_SPARKLINE]);
		widget_cell(&gc->level[1][l], g->spark_wc[l], pal[l > 0 ? UI_SPARKLINE_ALERT : UI_SPARKLINE]);
	}
}

/*
 * Whether row `row` (0: the bottom) of columns of heights a[] holds the
 * same cells as of heights b[]: a row's cells are a function of each
 * column's height clamped to the row (0 .. levels), the blank and gap
 * columns' of theirs (the alert-coloured blanks, too, follow from the
 * clamped heights).
 */
static bool row_same(const int *a, const short *b, int k, int row, int levels)
{
	int base = row * levels;

	for (int j = 0; j < k; j++) {
		int x = a[j], y = b[j];

		if (x == y)
			continue;
		if (x < 0 || y < 0)
			return false;
		x -= base;
		y -= base;
		if ((x < 0 ? 0 : x > levels ? levels : x) != (y < 0 ? 0 : y > levels ? levels : y))
			return false;
	}
	return true;
}

/*
 * Up to GRAPH_CHUNK columns of a graph from column c0, every row of them:
 * each column's height worked out once (not once per row), then each row
 * built whole and copied with wadd_wchnstr: adding cells one by one through
 * waddstr's multibyte path was most of the frame.  With a memo, a row it
 * knows to hold the same cells is left alone, and the heights are kept.
 */
#define GRAPH_CHUNK 256

static void graph_chunk(WINDOW *win, struct rect r, int c0, int k, int blank,
			const struct graph_cells *gc, int levels,
			const struct sparkline_view *v, double max, size_t start,
			struct graph_memo *m)
{
	const cchar_t *lv = gc->level[v->alert_nonzero ? 1 : 0];
	int lvl[GRAPH_CHUNK];   /* -2: before the data; -1: no data; else the level */
	cchar_t cells[GRAPH_CHUNK];
	short *old = m ? m->lvl + c0 : NULL;
	int j, row, same = 0;   /* leading columns of the heights the memo holds */

	for (j = 0; j < k; j++) {
		int col = c0 + j;

		lvl[j] = col < blank ? -2 :
			 widget_sparkline_level(v->v[start + (size_t)(col - blank)], max,
						levels * r.h);
	}
	if (old && m->known)
		while (same < k && lvl[same] == old[same])
			same++;
	/* Row 0 is the bottom: a column of height L fills whole cells below its top. */
	for (row = 0; row < r.h; row++) {
		int first = -1, last = -1, nalert = 0;

		if (old && (m->known >> row & 1) &&
		    row_same(lvl + same, old + same, k - same, row, levels))
			continue;
		for (j = 0; j < k; j++) {
			int c = lvl[j] - row * levels;

			if (lvl[j] == -2) {
				cells[j] = gc->blank;
			} else if (lvl[j] < 0) {
				/* No data: marked once, on the baseline, never drawn as a zero. */
				cells[j] = row == 0 ? gc->gap : gc->gap_above;
			} else {
				cells[j] = lv[c < 0 ? 0 : c > levels ? levels : c];
				if (c > 0) {
					first = first < 0 ? j : first;
					last = j;
					nalert++;
				}
			}
		}
		/*
		 * A retry graph's blanks between its alert-coloured cells: in the
		 * alert's attribute where that cannot be seen on a space, so the
		 * row is one run for the terminal, not an attribute switch there
		 * and back around every blank (a cost in ncurses, and bytes).
		 */
		if (v->alert_nonzero && gc->alert_blanks && last - first + 1 > nalert)
			for (j = first + 1; j < last; j++)
				if (lvl[j] >= 0 && lvl[j] - row * levels <= 0)
					cells[j] = gc->alert_blank;
		mvwadd_wchnstr(win, r.y + r.h - 1 - row, r.x + c0, cells, k);
		if (m)
			m->drawn |= 1u << row;
	}
	for (j = same; old && j < k; j++)
		old[j] = (short)lvl[j];
}

/* What a memo's rows were drawn in: the cells each level is, and the rule choosing them. */
static uint64_t graph_look(const struct graph_cells *gc, bool alert, int levels)
{
	uint64_t h = fp_bytes(FP_SEED, gc, sizeof(*gc));

	h = fp_bytes(h, &alert, sizeof(alert));
	return fp_bytes(h, &levels, sizeof(levels));
}

/*
 * The memo to draw r with, its rows that hold what they show still marked
 * known; NULL when r is too big for one (the graph draws every row).
 */
static struct graph_memo *memo_for(struct graph_memo *m, WINDOW *win, struct rect r,
				   uint64_t look)
{
	if (r.w > GRAPH_MEMO_COLS || r.h > GRAPH_MEMO_ROWS) {
		m->valid = false;
		return NULL;
	}
	if (!m->valid || m->win != win || memcmp(&m->r, &r, sizeof(r)) != 0 || m->look != look)
		m->known = 0;
	m->valid = true;
	m->win = win;
	m->r = r;
	m->look = look;
	return m;
}

void widget_graph_draw(WINDOW *win, struct rect r, const struct widget_env *env,
		       const struct sparkline_view *v)
{
	widget_graph_draw_memo(win, r, env, v, NULL);
}

void widget_graph_draw_memo(WINDOW *win, struct rect r, const struct widget_env *env,
			    const struct sparkline_view *v, struct graph_memo *memo)
{
	const double *val = v->v;
	size_t n = v->n, shown, start;
	double max = v->max;
	int c0, w = r.w, levels = env->gl->spark_levels;
	struct graph_cells gc;
	struct graph_memo *m;

	if (memo)
		memo->drawn = 0;
	if (w > getmaxx(win) - r.x)
		w = getmaxx(win) - r.x;   /* never wrap onto the next line */
	if (w <= 0 || r.h <= 0 || r.x < 0 || r.y < 0 || r.y + r.h > getmaxy(win))
		return;
	if (levels > GLYPH_SPARK_MAX)
		levels = GLYPH_SPARK_MAX;
	shown = n < (size_t)w ? n : (size_t)w;
	start = n - shown;
	if (!(max > 0)) {
		max = widget_graph_scale(val, n, w);
		if (!(max > 0))
			max = 0;
	}
	graph_cells_make(&gc, win, env);
	m = memo ? memo_for(memo, win, (struct rect){ r.y, r.x, r.h, w },
			       graph_look(&gc, v->alert_nonzero, levels)) : NULL;
	for (c0 = 0; c0 < w; c0 += GRAPH_CHUNK)
		graph_chunk(win, (struct rect){ r.y, r.x, r.h, w }, c0,
			    w - c0 < GRAPH_CHUNK ? w - c0 : GRAPH_CHUNK, w - (int)shown, &gc, levels,
			    v, max, start, m);
	/* Every row holds its cells now; without a memo to use, every row was drawn. */
	if (m)
		m->known = r.h >= GRAPH_MEMO_ROWS ? ~0u : (1u << r.h) - 1;
	else if (memo)
		memo->drawn = r.h >= GRAPH_MEMO_ROWS ? ~0u : (1u << r.h) - 1;
}

void widget_sparkline_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			   const struct sparkline_view *v)
{
	if (r.h > 1)
		r.h = 1;
	widget_graph_draw(win, r, env, v);
}

/* Whether the first tick, in w, has no rates: every rate series has a gap there. */
static bool first_tick_rateless(const struct history *h, const struct hist_window *w)
{
	struct hist_window one = { HIST_RES_FINE, w->live, w->first, w->first, 1 };
	double v;

	if (w->res != HIST_RES_FINE || w->first > 1 || w->n < 2)
		return false;
	history_values(h, &h->retry_small, &one, HIST_MAX, &v);
	return isnan(v);
}

void widget_graph_window(const struct history *h, const struct hist_pos *p, size_t width,
			 bool rates, struct hist_window *w)
{
	bool filling;
	size_t k;

	history_window(h, p, width, w);
	/* Against the columns history_window can give: a window that wide is full. */
	filling = w->live && w->n < (width < HISTORY_CAP ? width : HISTORY_CAP);
	if (rates && first_tick_rateless(h, w)) {
		w->first++;
		w->n--;
	}
	if (!filling || w->n == 0)
		return;
	k = 1 + (w->n - 1) / GRAPH_REVEAL_STEP * GRAPH_REVEAL_STEP;
	w->first = w->last - (int64_t)k + 1;
	w->n = k;
}

/* "over 42s", "over 2m30s", "over 1h05m": the time the newest w of n points cover. */
void widget_span_text(const double *wall, size_t n, int w, char *buf, size_t len)
{
	size_t first = n > (size_t)w ? n - (size_t)w : 0;
	double s;
	long t;

	buf[0] = '\0';
	if (!wall || n < 2)
		return;
	s = wall[n - 1] - wall[first];
	if (!(s >= 1) || isinf(s))
		return;
	t = lround(s);
	if (t < 120)
		snprintf(buf, len, "over %lds", t);
	else if (t < 7200)
		snprintf(buf, len, "over %ldm%02lds", t / 60, t % 60);
	else
		snprintf(buf, len, "over %ldh%02ldm", t / 3600, t / 60 % 60);
}
