/* screen_main: the dashboard, planned by layout_compute() and composed from the widgets. */
#include <math.h>
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
			  bool small, double *hist, double *wall, double *gets, char *node_use)
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
		size_t want = r.w > 0 && r.w < HISTORY_CAP ? (size_t)r.w : HISTORY_CAP;
		size_t nw;

		pv->nhist = hist_series_latest(small ? &d->hist->retry_small :
					       &d->hist->retry_large, want, hist);
		/* All series advance together: the same newest points of the clock. */
		nw = hist_series_latest(&d->hist->wall, want, wall);
		pv->wall = nw == pv->nhist ? wall : NULL;
		nw = hist_series_latest(small ? &d->hist->gets_small : &d->hist->gets_large, want,
					gets);
		pv->gets = nw == pv->nhist ? gets : NULL;
	}
}

static void draw_pools(WINDOW *win, const struct layout *lay, const struct widget_env *env,
		       const struct screen_data *d)
{
	double hs[HISTORY_CAP], hl[HISTORY_CAP], ws[HISTORY_CAP], wl[HISTORY_CAP];
	double gs[HISTORY_CAP], gl[HISTORY_CAP];
	char us[NODE_USE_LEN], ul[NODE_USE_LEN];
	struct pool_view ps, pl;
	int bs, bl;

	pool_view_for(&ps, lay->pool_small, d, true, hs, ws, gs, us);
	pool_view_for(&pl, lay->pool_large, d, false, hl, wl, gl, ul);
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

/* Pane i's free-hugepage history: the newest points its width can show. */
static void draw_node_history(WINDOW *win, const struct layout *lay, int i,
			      const struct widget_env *env, const struct screen_data *d,
			      const struct hugepage_node *n)
{
	const struct history_node *hn = d->hist ? history_node(d->hist, n->id) : NULL;
	double v[HISTORY_CAP], wall[HISTORY_CAP];
	struct rect r = lay->panes[i].r;
	size_t want = r.w > 0 && r.w < HISTORY_CAP ? (size_t)r.w : HISTORY_CAP, k;
	struct node_history_view h;

	memset(&h, 0, sizeof(h));
	h.free_pct = v;
	h.form = lay->node_form;
	h.rows = lay->node_hist_rows;
	for (k = 0; k < n->nsizes && k < SNAP_MAX_PAGE_SIZES; k++) {
		h.free_kb += n->sizes[k].free * n->sizes[k].page_kb;
		h.total_kb += n->sizes[k].nr * n->sizes[k].page_kb;
	}
	if (hn) {
		h.n = hist_series_latest(&hn->free_pct, want, v);
		/* All series advance together: the same newest points of the clock. */
		if (hist_series_latest(&d->hist->wall, want, wall) == h.n)
			h.wall = wall;
	}
	widget_node_history_draw(win, r, env, &h);
}

/* The table's view: the data, and what the layout decided about its rows and columns. */
static void module_table_view_for(struct module_table_view *v, const struct layout *lay,
				  const struct screen_data *d, enum module_sort sort)
{
	memset(v, 0, sizeof(*v));
	v->snap = d->snap;
	v->rates = d->rates;
	v->sort = sort;
	v->hist = d->hist;
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
}

void screen_main_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
		      const struct dash_state *st, const struct main_plan *p)
{
	const struct snapshot *s = d->snap;
	const struct layout *lay = &p->lay;
	struct header_view hv;
	struct module_table_view mv;

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
	widget_header_draw(win, lay->header, env, &hv);

	widget_banner_draw(win, lay->banner, env,
			   &(struct banner_view){ d->sum, dash_state_emphasis(st) });

	draw_pools(win, lay, env, d);

	if (!rect_empty(lay->modules)) {
		module_table_view_for(&mv, lay, d, st->sort);
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
			draw_node_history(win, lay, i, env, d, pv.node);
	}
	draw_nodes_status(win, lay, env, p->in.nnodes);

	widget_footer_draw(win, lay->footer, env,
			   &(struct footer_view){ dash_state_current_note(st, d->now_mono),
						  d->read_only });
}
