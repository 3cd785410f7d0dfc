/* The per-module iobuf table, a column group per pool.  See widgets.h. */
#include "widgets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt_num.h"
#include "screen_fp.h"

#define NAME_MIN 6
#define NAME_MAX 20
#define SPARK_COL_MIN 12   /* narrower, a retry history shows no trend */

enum col { C_GETS, C_HIT, C_MAIN, C_RETRY, C_CACHE, C_N };

/* What stands before a pool group's separator on a title row. */
enum { GROUP_SEP_ONLY, GROUP_LETTER, GROUP_NAME };

struct col_spec {
	const char *title_full, *title_short;
	int w_full, w_short;
};

static const struct col_spec cols[C_N] = {
	[C_GETS] = { "gets/s", "gets/s", 10, 6 },
	[C_HIT] = { "hit %", "hit%", 5, 4 },
	[C_MAIN] = { "refills/s", "refl/s", 9, 6 },
	[C_RETRY] = { "retries/s", "retry/s", 9, 7 },
	[C_CACHE] = { "cache", "cache", 7, 5 },
};

/* Columns per pool at each level (MODCOLS_*), in display order. */
static const enum col level_cols[4][C_N + 1] = {
	[MODCOLS_MINIMAL] = { C_RETRY, C_N },
	[MODCOLS_REDUCED] = { C_GETS, C_HIT, C_RETRY, C_N },
	[MODCOLS_COMPACT] = { C_GETS, C_HIT, C_MAIN, C_RETRY, C_CACHE, C_N },
	[MODCOLS_FULL] = { C_GETS, C_HIT, C_MAIN, C_RETRY, C_CACHE, C_N },
};

struct geom {
	const enum col *cols;
	bool full;
	int name_w;
	int group_w;          /* one pool's columns, each with its leading blank */
	int x_small, x_large; /* where the pool groups start (the separator cell) */
	int spark_w;          /* the retry history at the end of each group; 0: none */
	double spark_max[2];  /* its scale per pool: the peak of every module in view */
};

static int col_w(const struct geom *g, enum col c)
{
	return g->full ? cols[c].w_full : cols[c].w_short;
}

static void compute_geom(struct rect r, const struct module_table_view *v, bool have_hist,
			 struct geom *g)
{
	enum modcols lvl = v->columns;
	int i;

	if ((unsigned)lvl > MODCOLS_FULL)
		lvl = MODCOLS_MINIMAL;
	g->cols = level_cols[lvl];
	g->full = lvl == MODCOLS_FULL;
	g->group_w = 2;   /* " |" */
	for (i = 0; g->cols[i] != C_N; i++)
		g->group_w += 1 + col_w(g, g->cols[i]);
	g->name_w = r.w - 2 * g->group_w;
	if (g->name_w > NAME_MAX)
		g->name_w = NAME_MAX;
	if (g->name_w < NAME_MIN)
		g->name_w = NAME_MIN;
	/* What the numbers leave of a wide table: a history column per group, blank before. */
	g->spark_w = 0;
	if (v->history && have_hist) {
		int sw = (r.w - g->name_w - 2 * g->group_w) / 2 - 1;

		if (sw >= SPARK_COL_MIN) {
			g->spark_w = sw;
			g->group_w += 1 + sw;
		}
	}
	g->x_small = r.x + g->name_w;
	g->x_large = g->x_small + g->group_w;
}

/* A number that fits w: with separators when it can, shortened when it must. */
static void fit_num(double v, int w, bool full, char *buf, size_t len)
{
	if (isnan(v)) {
		snprintf(buf, len, "-");
		return;
	}
	if (full) {
		fmt_rate(buf, len, v);
		if ((int)strlen(buf) <= w)
			return;
	}
	fmt_short(buf, len, v < 0 ? NAN : v);   /* a rate below zero is not known */
}

static bool sort_col_shown(const struct geom *g, enum module_sort key, enum col *c)
{
	int i;

	switch (key) {
	case MODULE_SORT_RETRY:
		*c = C_RETRY;
		break;
	case MODULE_SORT_GETS:
		*c = C_GETS;
		break;
	case MODULE_SORT_RESERVED:
		*c = C_CACHE;
		break;
	default:
		return false;
	}
	for (i = 0; g->cols[i] != C_N; i++)
		if (g->cols[i] == *c)
			return true;
	return false;
}

/*
 * The separator before each pool group, with the group's name centred over
 * its columns; on a lone title row the separator itself becomes the group's
 * letter (S, L), as the name has no row of its own.
 */
static void draw_groups(WINDOW *win, int y, const struct geom *g, const struct widget_env *env,
			int mode)
{
	static const char *const names[2] = { "small pool", "large pool" };
	static const char *const letters[2] = { "S", "L" };
	int p;

	for (p = 0; p < 2; p++) {
		int x0 = p ? g->x_large : g->x_small;

		if (mode == GROUP_LETTER) {
			widget_text(win, y, x0 + 1, 1, env->pal->attr[UI_TITLE], env, letters[p]);
			continue;
		}
		if (mode == GROUP_NAME) {
			int tw = widget_text_width(env, names[p]);
			int off = 2 + (g->group_w - 2 - tw) / 2;

			widget_text(win, y, x0 + (off > 2 ? off : 2), g->group_w - 2,
				    env->pal->attr[UI_TITLE], env, names[p]);
		}
		wattrset(win, (int)env->pal->attr[UI_BORDER]);
		mvwaddstr(win, y, x0 + 1, env->gl->sep);
		wattrset(win, A_NORMAL);
	}
}

/*
 * "▼ retries/s": what the rows are sorted by, for the name cell of the first
 * title row, in at most w columns: "▼ retries" when the unit does not fit.
 * The blank after the mark keeps it from reading as part of the word
 * ("vretries") in ASCII.
 */
static void sort_label(const struct widget_env *env, enum module_sort key, int w, char *buf,
		       size_t len)
{
	const char *name = module_sort_name(key);
	int n = (int)strlen(name), mw = widget_text_width(env, env->gl->sort_mark) + 1;

	if (key == MODULE_SORT_ORDER) {
		snprintf(buf, len, "%s", w >= 10 ? "SPDK order" : "as SPDK");
		return;
	}
	if (mw + n > w && n > 2 && strcmp(name + n - 2, "/s") == 0)
		n -= 2;
	snprintf(buf, len, "%s %.*s", env->gl->sort_mark, n, name);
}

/* Over a history column, right-aligned like the numbers: its scale, when it fits. */
static void spark_title(WINDOW *win, int y, int x, int w, const struct widget_env *env,
			double peak)
{
	char t[3][64], num[FMT_NUM_LEN];
	int i, tw;

	fmt_short(num, sizeof(num), peak > 0 ? peak : 0);
	snprintf(t[0], sizeof(t[0]), "retries/s history, peak %s", num);
	snprintf(t[1], sizeof(t[1]), "history, peak %s", num);
	snprintf(t[2], sizeof(t[2]), "history");
	for (i = 0; i < 2 && widget_text_width(env, t[i]) > w; i++)
		;
	tw = widget_text_width(env, t[i]);
	widget_text(win, y, x + (w > tw ? w - tw : 0), w, env->pal->attr[UI_LABEL], env, t[i]);
}

/* Compare mode's column titles: counts since the baseline, not rates. */
static const char *compare_title(enum col c, bool full)
{
	switch (c) {
	case C_GETS:
		return "+gets";
	case C_MAIN:
		return full ? "+refills" : "+refl";
	case C_RETRY:
		return full ? "+retries" : "+retr";
	case C_CACHE:
		return full ? "+cache" : "cache";
	default:   /* hit %: a share, titled as live */
		return full ? cols[c].title_full : cols[c].title_short;
	}
}

/* The column-title row; the name cell carries the scroll marks at its right end. */
static void draw_header(WINDOW *win, int y, struct rect r, const struct geom *g,
			const struct widget_env *env, const struct module_table_view *v,
			bool one_row)
{
	const attr_t *pal = env->pal->attr;
	enum module_sort key = v->sort;
	char name[64], more[16] = "";
	enum col sc = C_N;
	bool shown = sort_col_shown(g, key, &sc);
	int p, i, mw;

	snprintf(more, sizeof(more), "%s%s", v->more_above ? env->gl->more_above : "",
		 v->more_below ? env->gl->more_below : "");
	mw = widget_text_width(env, more);
	/* The name cell holds the label, the scroll marks and a blank before the groups. */
	if (one_row)
		sort_label(env, key, g->name_w - mw - 1, name, sizeof(name));
	else
		snprintf(name, sizeof(name), "module");
	widget_text(win, y, r.x, g->name_w - mw - 1, pal[UI_LABEL], env, name);
	if (mw)
		widget_text(win, y, r.x + g->name_w - mw - 1, mw, pal[UI_DIM], env, more);

	for (p = 0; p < 2; p++) {
		int x = (p ? g->x_large : g->x_small) + 2;

		for (i = 0; g->cols[i] != C_N; i++) {
			enum col c = g->cols[i];
			int w = col_w(g, c);
			const char *t = v->cmp ? compare_title(c, g->full) :
				       g->full ? cols[c].title_full : cols[c].title_short;
			int tw = widget_text_width(env, t);
			/* The sorted column's title is underlined as well as named on the left. */
			attr_t a = pal[UI_LABEL] | (c == sc && shown ? A_UNDERLINE : 0);

			widget_text(win, y, x + 1 + (w > tw ? w - tw : 0), w, a, env, t);
			x += w + 1;
		}
		if (g->spark_w)
			spark_title(win, y, x + 1, g->spark_w, env, g->spark_max[p]);
	}
	/* With one title row the groups are told apart by a letter: S and L. */
	draw_groups(win, y, g, env, one_row ? GROUP_LETTER : GROUP_SEP_ONLY);
}

/* Rates come in cur's order; match by name all the same, as module_order does. */
static const struct iobuf_module_rates *rates_for(const struct module_table_view *v, size_t idx)
{
	const struct iobuf_rates *r = v->rates;
	const char *name = v->snap->iobuf.modules[idx].name;
	size_t i;

	if (!r || !r->valid)
		return NULL;
	if (idx < r->nmodules && strcmp(r->modules[idx].name, name) == 0)
		return &r->modules[idx];
	for (i = 0; i < r->nmodules; i++)
		if (strcmp(r->modules[i].name, name) == 0)
			return &r->modules[i];
	return NULL;
}

/* The window of the history column: as wide as the column, ending where the graphs do. */
static void spark_window(const struct module_table_view *v, const struct geom *g,
			 struct hist_window *w)
{
	struct hist_pos live = hist_pos_live();

	widget_graph_window(v->hist, v->hist_pos ? v->hist_pos : &live, (size_t)g->spark_w, true,
			    w);
}

/* One module's retries/s on one pool, newest at the right, on the pool's shared scale. */
static void draw_spark(WINDOW *win, int y, int x, const struct geom *g,
		       const struct widget_env *env, const struct module_table_view *v,
		       const char *name, int pool)
{
	const struct history_module *hm = history_module(v->hist, name);
	double buf[HISTORY_CAP];
	struct hist_window w;
	size_t n;

	if (!hm)
		return;
	spark_window(v, g, &w);
	n = history_values(v->hist, pool ? &hm->retry_large : &hm->retry_small, &w, HIST_MAX,
			   buf);
	widget_sparkline_draw(win, (struct rect){ y, x, 1, g->spark_w }, env,
			      &(struct sparkline_view){ buf, n, g->spark_max[pool], true });
}

/* The scale of each pool's history column: the largest retries/s of any module in view. */
static void spark_scales(const struct module_table_view *v, struct geom *g)
{
	const struct iobuf_snapshot *io = &v->snap->iobuf;
	struct hist_window w;
	size_t i;
	int p;

	g->spark_max[0] = g->spark_max[1] = 0;
	spark_window(v, g, &w);
	for (i = 0; i < io->nmodules && i < SNAP_MAX_MODULES; i++) {
		const struct history_module *hm = history_module(v->hist, io->modules[i].name);

		for (p = 0; hm && p < 2; p++) {
			double m = history_window_max(v->hist, p ? &hm->retry_large :
						      &hm->retry_small, &w, HIST_MAX);

			if (m > g->spark_max[p])
				g->spark_max[p] = m;
		}
	}
}

/*
 * Compare mode: the cell since the baseline; hit % is the cache's share of
 * the gets since, "-" when none came, in the live column's format.
 */
static void compare_cell(const struct compare_module *cm, int pool, enum col c, bool full,
			 char *buf, size_t len)
{
	static const int cell_of[C_N] = { [C_GETS] = CMP_GETS, [C_HIT] = CMP_HIT,
					  [C_MAIN] = CMP_MAIN, [C_RETRY] = CMP_RETRY,
					  [C_CACHE] = CMP_CACHE };
	const char *t = cm ? cm->cell[pool][cell_of[c]] : "?";

	if (c == C_HIT && strcmp(t, "?") != 0)
		snprintf(buf, len, isnan(cm->hit_pct[pool]) ? "-" : full ? "%.1f" : "%.0f",
			 cm->hit_pct[pool]);
	else
		snprintf(buf, len, "%s", t);
}

static void draw_row(WINDOW *win, int y, int x0, const struct geom *g,
		     const struct widget_env *env, const struct module_table_view *v, size_t idx)
{
	const attr_t *pal = env->pal->attr;
	const struct iobuf_module_stats *m = &v->snap->iobuf.modules[idx];
	const struct iobuf_module_rates *mr = rates_for(v, idx);
	const struct compare_module *cm = v->cmp ? compare_view_module(v->cmp, m->name) : NULL;
	int p, i;

	widget_text(win, y, x0, g->name_w - 1, pal[UI_NORMAL], env, m->name);
	for (p = 0; p < 2; p++) {
		const struct iobuf_pool_counters *c = p ? &m->large : &m->small;
		const struct iobuf_pool_rates *pr = mr ? (p ? &mr->large : &mr->small) : NULL;
		int x = (p ? g->x_large : g->x_small) + 2;

		wattrset(win, (int)pal[UI_BORDER]);
		mvwaddstr(win, y, x - 1, env->gl->sep);
		for (i = 0; g->cols[i] != C_N; i++) {
			enum col col = g->cols[i];
			int w = col_w(g, col);
			double val = NAN;
			char buf[FMT_NUM_LEN];
			enum ui_element e = UI_VALUE;

			switch (col) {
			case C_GETS:
				val = pr ? pr->gets : NAN;
				break;
			case C_HIT:
				val = pr && pr->gets > 0 ? pr->hit_pct : NAN;
				break;
			case C_MAIN:
				val = pr ? pr->main : NAN;
				break;
			case C_RETRY:
				val = pr ? pr->retry : NAN;
				if (val > 0)
					e = UI_SPARKLINE_ALERT;
				break;
			case C_CACHE:
				val = c->has_cache_size ? (double)c->cache_size : NAN;
				break;
			default:
				break;
			}
			if (v->cmp) {
				compare_cell(cm, p, col, g->full, buf, sizeof(buf));
				val = strcmp(buf, "?") && strcmp(buf, "-") ? 0 : NAN;
				e = col == C_RETRY && buf[0] == '+' && strcmp(buf, "+0") ?
				    UI_SPARKLINE_ALERT : UI_VALUE;
			} else if (col == C_HIT && !isnan(val))
				snprintf(buf, sizeof(buf), g->full ? "%.1f" : "%.0f", val);
			else
				fit_num(val, w, g->full, buf, sizeof(buf));
			{
				int tw = widget_text_width(env, buf);

				widget_text(win, y, x + 1 + (w > tw ? w - tw : 0), w,
					    pal[isnan(val) ? UI_DIM : e], env, buf);
			}
			x += w + 1;
		}
		if (g->spark_w)
			draw_spark(win, y, x + 1, g, env, v, m->name, p);
	}
	wattrset(win, A_NORMAL);
}

/*
 * Whether line y of the table is to be drawn for what prints as fp: always
 * without marks; with keep only when its mark differs, the line then
 * blanked (the window holds the last frame's).
 */
static bool line_due(WINDOW *win, struct rect r, int y, const struct widget_env *env,
		     uint64_t *marks, bool keep, uint64_t fp)
{
	if (!marks)
		return true;
	if (keep && marks[y - r.y] == fp)
		return false;
	if (keep)
		widget_clear(win, (struct rect){ y, r.x, 1, r.w }, env);
	marks[y - r.y] = fp;
	return true;
}

/* A row's print: the table's, the module's counters and its rates. */
static uint64_t row_fp(uint64_t base, const struct module_table_view *v, size_t idx)
{
	const struct iobuf_module_rates *mr = rates_for(v, idx);
	uint64_t h = fp_bytes(base, &v->snap->iobuf.modules[idx],
			      sizeof(v->snap->iobuf.modules[idx]));

	return mr ? fp_bytes(h, mr, sizeof(*mr)) : fp_str(h, NULL);
}

void widget_module_table_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			      const struct module_table_view *v)
{
	const struct iobuf_snapshot *io = &v->snap->iobuf;
	size_t order[SNAP_MAX_MODULES], n;
	uint64_t *marks = v->row_marks && v->nrow_marks >= r.h ? v->row_marks : NULL;
	bool keep = marks && v->keep, one_row;
	uint64_t base;
	struct geom g;
	int y, i;

	if (rect_empty(r))
		return;
	/* Without per-module history the table keeps its plain columns. */
	memset(&g, 0, sizeof(g));
	compute_geom(r, v, v->hist && io->form == IOBUF_FORM_PER_MODULE, &g);
	/* What the history column and compare mode draw is in no print: never kept. */
	if (marks && (g.spark_w || v->cmp)) {
		memset(marks, 0xff, (size_t)r.h * sizeof(marks[0]));
		marks = NULL;
		keep = false;
	}
	if (!keep)
		widget_clear(win, r, env);
	if (g.spark_w)
		spark_scales(v, &g);
	/* What every line depends on: the geometry, the order, the marks, the form. */
	base = marks ? fp_bytes(FP_SEED, &g, sizeof(g)) : FP_SEED;
	base = fp_bytes(base, &r, sizeof(r));
	base = fp_bytes(base, &v->sort, sizeof(v->sort));
	base = fp_bytes(base, &v->header_rows, sizeof(v->header_rows));
	base = fp_bytes(base, &v->first, sizeof(v->first));
	base = fp_bytes(base, &v->visible, sizeof(v->visible));
	base = fp_bytes(base, &v->more_above, sizeof(v->more_above));
	base = fp_bytes(base, &v->more_below, sizeof(v->more_below));
	base = fp_bytes(base, &io->form, sizeof(io->form));
	base = fp_bytes(base, &io->nmodules, sizeof(io->nmodules));
	base = fp_str(base, v->cmp ? "compare" : NULL);
	y = r.y;
	one_row = v->header_rows < 2 || r.h < 3;
	if (!one_row) {
		char label[64];

		if (line_due(win, r, y, env, marks, keep, fp_str(base, "groups"))) {
			sort_label(env, v->sort, g.name_w - 1, label, sizeof(label));
			widget_text(win, y, r.x, g.name_w - 1, env->pal->attr[UI_LABEL], env,
				    label);
			draw_groups(win, y, &g, env, GROUP_NAME);
		}
		y++;
	}
	if (line_due(win, r, y, env, marks, keep, fp_str(base, "titles")))
		draw_header(win, y, r, &g, env, v, one_row);
	y++;

	if (io->form != IOBUF_FORM_PER_MODULE || io->nmodules == 0) {
		const char *why = io->form == IOBUF_FORM_AGGREGATE ?
			"per-module statistics not reported (aggregate form): pool totals above" :
			io->form == IOBUF_FORM_NONE ? "no iobuf statistics from the target" :
			"no modules use iobuf";

		if (y < r.y + r.h && line_due(win, r, y, env, marks, keep, fp_str(base, why)))
			widget_text(win, y, r.x + 1, r.w - 1, env->pal->attr[UI_DIM], env, why);
		y++;
	} else {
		n = module_order(v->snap, v->rates, v->sort, order, SNAP_MAX_MODULES);
		for (i = 0; i < v->visible && y < r.y + r.h; i++, y++) {
			size_t k = (size_t)v->first + (size_t)i;

			if (k >= n)
				break;
			if (line_due(win, r, y, env, marks, keep,
				     marks ? row_fp(base, v, order[k]) : 0))
				draw_row(win, y, r.x, &g, env, v, order[k]);
		}
	}
	/* The lines below the rows stay blank. */
	for (; marks && y < r.y + r.h; y++)
		line_due(win, r, y, env, marks, keep, fp_str(base, ""));
}
