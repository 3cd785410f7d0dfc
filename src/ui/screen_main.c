/* screen_main: the dashboard, planned by layout_compute() and composed from the widgets. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"

/* What one pool pane shows; hist and wall are the caller's buffers of HISTORY_CAP. */
#define NODE_USE_LEN 160

/*
 * With pools per NUMA node (enable_numa), each node's ring: "node 0 100%
 * node 1 12%", so one dry node is not hidden in the total; "" with one ring.
 */
static void node_use_text(const struct iobuf_rings *r, bool large, char *buf, size_t len)
{
	size_t used = 0, nrings = 0;

	buf[0] = '\0';
	if (r->state != RINGS_EXACT)
		return;
	for (size_t i = 0; i < r->n && i < SNAP_MAX_RINGS; i++)
		nrings += r->rings[i].large == large;
	if (nrings < 2)
		return;
	for (size_t i = 0; i < r->n && i < SNAP_MAX_RINGS && used < len; i++) {
		const struct pool_ring_occupancy *o = &r->rings[i];
		double pct;
		int n;

		if (o->large != large || !o->capacity)
			continue;
		pct = (double)(o->capacity - (o->free < o->capacity ? o->free : o->capacity)) * 100.0 /
		      (double)o->capacity;
		n = snprintf(buf + used, len - used, "%snode %d %.0f%%", used ? "  " : "", o->node,
			     pct);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static void pool_view_for(struct pool_view *pv, struct rect r, const struct screen_data *d,
			  const struct hist_pos *pos, bool small, double *hist, double *wall,
			  double *gets, char *node_use)
{
	const struct iobuf_snapshot *io = &d->snap->iobuf;
	const struct iobuf_rates *rt = d->rates;

	memset(pv, 0, sizeof(*pv));
	pv->name = small ? "small" : "large";
	pv->sum = small ? &io->small : &io->large;
	pv->retry_rate = NAN;
	pv->central_pct = NAN;
	pv->node_use = node_use;
	pv->compare = d->cmp ? d->cmp->pool[small ? 0 : 1] : NULL;
	node_use_text(&io->rings, !small, node_use, NODE_USE_LEN);
	pv->hist = hist;
	if (rt && rt->valid) {
		const struct iobuf_pool_rates *pr = small ? &rt->small : &rt->large;

		pv->retry_rate = pr->retry;
		/* A get that misses its cache goes to the central pool: `main` counts those. */
		if (pr->gets > 0)
			pv->central_pct = pr->main / pr->gets * 100.0;
	}
	if (d->hist && !rect_empty(r)) {
		struct hist_window w;

		/* Retries and gets as their minute's max when scrolled back: a burst shows. */
		history_window(d->hist, pos, (size_t)r.w, &w);
		pv->nhist = history_values(d->hist, small ? &d->hist->retry_small :
					   &d->hist->retry_large, &w, HIST_MAX, hist);
		pv->wall = wall;
		history_walls(d->hist, &w, wall);
		pv->gets = gets;
		history_values(d->hist, small ? &d->hist->gets_small : &d->hist->gets_large, &w,
			       HIST_MAX, gets);
	}
}

static void draw_pools(WINDOW *win, const struct layout *lay, const struct widget_env *env,
		       const struct screen_data *d, const struct hist_pos *pos)
{
	double hs[HISTORY_CAP], hl[HISTORY_CAP], ws[HISTORY_CAP], wl[HISTORY_CAP];
	double gs[HISTORY_CAP], gl[HISTORY_CAP];
	char us[NODE_USE_LEN], ul[NODE_USE_LEN];
	struct pool_view ps, pl;
	int bs, bl;

	pool_view_for(&ps, lay->pool_small, d, pos, true, hs, ws, gs, us);
	pool_view_for(&pl, lay->pool_large, d, pos, false, hl, wl, gl, ul);
	ps.show_sparkline = pl.show_sparkline = lay->show_sparklines;
	/* Both bars one width, so the two pools compare at a glance. */
	bs = widget_pool_bar_width(env, lay->pool_small, &ps);
	bl = widget_pool_bar_width(env, lay->pool_large, &pl);
	if (bs > 0 && bl > 0)
		ps.bar_w = pl.bar_w = bs < bl ? bs : bl;
	if (!rect_empty(lay->pool_small))
		widget_pool_draw(win, lay->pool_small, env, &ps);
	if (!rect_empty(lay->pool_large))
		widget_pool_draw(win, lay->pool_large, env, &pl);
}

/* Pane i's free-hugepage history: as many columns as its width shows, the minute's lowest. */
static void draw_node_history(WINDOW *win, const struct layout *lay, int i,
			      const struct widget_env *env, const struct screen_data *d,
			      const struct hist_pos *pos, const struct hugepage_node *n)
{
	const struct history_node *hn = d->hist ? history_node(d->hist, n->id) : NULL;
	double v[HISTORY_CAP], wall[HISTORY_CAP];
	struct rect r = lay->panes[i].r;
	struct node_history_view h;
	struct hist_window w;
	size_t k;

	memset(&h, 0, sizeof(h));
	h.free_pct = v;
	h.form = lay->node_form;
	h.rows = lay->node_hist_rows;
	for (k = 0; k < n->nsizes && k < SNAP_MAX_PAGE_SIZES; k++) {
		h.free_kb += n->sizes[k].free * n->sizes[k].page_kb;
		h.total_kb += n->sizes[k].nr * n->sizes[k].page_kb;
	}
	if (hn && r.w > 0) {
		history_window(d->hist, pos, (size_t)r.w, &w);
		h.n = history_values(d->hist, &hn->free_pct, &w, HIST_MIN, v);
		history_walls(d->hist, &w, wall);
		h.wall = wall;
	}
	widget_node_history_draw(win, r, env, &h);
}

/* The table's view: the data, and what the layout decided about its rows and columns. */
static void module_table_view_for(struct module_table_view *v, const struct layout *lay,
				  const struct screen_data *d, const struct dash_state *st)
{
	memset(v, 0, sizeof(*v));
	v->snap = d->snap;
	v->rates = d->rates;
	v->sort = st->sort;
	v->hist = d->hist;
	v->hist_pos = &st->hist;
	v->header_rows = lay->module_header_rows;
	v->columns = lay->module_columns;
	v->first = lay->module_first;
	v->visible = lay->module_visible;
	v->more_above = lay->modules_more_above;
	v->more_below = lay->modules_more_below;
	v->history = lay->module_history;
	v->cmp = d->cmp;
}

/* The status line while the nodes scroll; without nodes, the area's first line says so. */
static void draw_nodes_status(WINDOW *win, const struct layout *lay,
			      const struct widget_env *env, int nnodes)
{
	struct nodes_status_view v = { lay->node_first, lay->node_visible, nnodes };
	struct rect r = lay->nodes_status;

	if (nnodes <= 0 && !rect_empty(lay->nodes))
		r = (struct rect){ lay->nodes.y, lay->nodes.x, 1, lay->nodes.w };
	widget_nodes_status_draw(win, r, env, &v);
}

/*
 * The history position: the moves asked for, half a page each (a page is
 * the pool panes' width, the widest graphs) at the resolution in force when
 * each is made, as if the keys came one frame apart; then settled against
 * what the history holds now (a past point that left the fine tier
 * becomes its minute).
 */
static void plan_history(const struct screen_data *d, struct dash_state *st,
			 const struct layout *lay)
{
	size_t page = (size_t)(lay->pool_small.w > 0 ? lay->pool_small.w : lay->cols);
	long half = page > 2 ? (long)page / 2 : 1, n = labs(st->hist_moves);

	for (long i = 0; d->hist && i < n && i < HIST_MINUTES; i++)
		history_scroll(d->hist, &st->hist, st->hist_moves < 0 ? -half : half, page);
	if (d->hist)
		history_scroll(d->hist, &st->hist, 0, page);
	st->hist_moves = 0;
}

/*
 * The header's tag while scrolled back: where the graphs end and at what
 * resolution ("< history to 14:02 (1-min max)"); each graph says the time
 * it covers.  "" when live.
 */
static void history_tag(const struct screen_data *d, const struct dash_state *st,
			const struct widget_env *env, bool brief, char *buf, size_t len)
{
	struct hist_window w;
	double from, to;
	char t[32];
	bool minutes;

	buf[0] = '\0';
	if (!d->hist || st->hist.live)
		return;
	history_window(d->hist, &st->hist, 1, &w);
	if (!history_window_span(d->hist, &w, &from, &to))
		return;
	minutes = w.res == HIST_RES_MINUTE;
	screen_time_text(to, minutes, t, sizeof(t));
	snprintf(buf, len, brief ? "%s %s %s" : "%s history to %s (%s)", env->gl->back_mark, t,
		 minutes ? "1-min max" : "each tick");
}

void screen_main_plan(int cols, int rows, const struct screen_data *d, struct dash_state *st,
		      struct main_plan *p)
{
	const struct snapshot *s = d->snap;
	struct layout_input *in = &p->in;

	memset(in, 0, sizeof(*in));
	in->cols = cols;
	in->rows = rows;
	in->nmodules = s->iobuf.form == IOBUF_FORM_PER_MODULE ? (int)s->iobuf.nmodules : 0;
	in->nnodes = (int)(s->hugepages.nnodes < LAYOUT_MAX_PANES ? s->hugepages.nnodes
								     : LAYOUT_MAX_PANES);
	/* One set of columns for every node, visible or not: scrolling moves no column. */
	widget_node_cols(&s->hugepages, &p->cols);
	in->max_page_sizes = p->cols.nsizes;
	/* Only once the heaps were asked for: older snapshots and replays keep their panes. */
	in->node_heap_line = s->heaps.state != HEAPS_NONE;
	in->module_offset = (int)st->modules.offset;
	in->node_offset = (int)st->nodes.offset;
	layout_compute(in, &p->lay);
	if (p->lay.too_small)
		return;
	/* The layout clamped the offsets: the state follows, so keys scroll from there. */
	st->modules.offset = (size_t)p->lay.module_first;
	dash_scroll_resize(&st->modules, (size_t)in->nmodules, (size_t)p->lay.module_visible);
	st->nodes.offset = (size_t)p->lay.node_first;
	dash_scroll_resize(&st->nodes, (size_t)in->nnodes, (size_t)p->lay.node_visible);
	plan_history(d, st, &p->lay);
}

void screen_main_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
		      const struct dash_state *st, const struct main_plan *p)
{
	const struct snapshot *s = d->snap;
	const struct layout *lay = &p->lay;
	struct header_view hv;
	struct module_table_view mv;
	char hist_tag[96], hist_short[48];

	if (lay->too_small) {
		widget_too_small_draw(win, (struct rect){ 0, 0, lay->rows, lay->cols }, env,
				      &(struct too_small_view){ lay->cols, lay->rows });
		return;
	}

	memset(&hv, 0, sizeof(hv));
	hv.snap = d->have_snap ? s : NULL;
	hv.unreachable_since = st->unreachable ? st->unreachable_since : 0;
	hv.interval = st->interval;
	hv.paused = st->paused;
	hv.now = d->now_wall;
	hv.replay = d->replay;
	hv.compare = d->cmp ? d->cmp->header : NULL;
	hv.compare_short = d->cmp ? d->cmp->header_short : NULL;
	history_tag(d, st, env, false, hist_tag, sizeof(hist_tag));
	history_tag(d, st, env, true, hist_short, sizeof(hist_short));
	hv.history = hist_tag[0] ? hist_tag : NULL;
	hv.history_short = hist_short;
	widget_header_draw(win, lay->header, env, &hv);

	widget_banner_draw(win, lay->banner, env,
			   &(struct banner_view){ d->sum, dash_state_emphasis(st) });

	draw_pools(win, lay, env, d, &st->hist);

	if (!rect_empty(lay->modules)) {
		module_table_view_for(&mv, lay, d, st);
		widget_module_table_draw(win, lay->modules, env, &mv);
	}

	for (int i = 0; i < lay->npanes; i++) {
		struct node_pane_view pv = {
			.node = &s->hugepages.nodes[lay->panes[i].node],
			.cols = &p->cols,
			.form = lay->node_form,
		};

		if (d->cmp)
			pv.compare = compare_view_node(d->cmp, pv.node->id);
		if (lay->node_heap_line) {
			pv.heaps = &s->heaps;
			pv.now = s->mono;
			pv.large_bufsize = s->iobuf.opts.valid ? s->iobuf.opts.large_bufsize : 0;
		}

		pv.unbalanced = d->alerts &&
				alerts_is_active(d->alerts, ALERT_NUMA_IMBALANCE, pv.node->id);
		widget_node_pane_draw(win, lay->panes[i].r, env, &pv);
		if (lay->node_hist_rows > 0)
			draw_node_history(win, lay, i, env, d, &st->hist, pv.node);
	}
	draw_nodes_status(win, lay, env, p->in.nnodes);

	widget_footer_draw(win, lay->footer, env,
			   &(struct footer_view){ dash_state_current_note(st, d->now_mono),
						  d->read_only });
}
