/* screen_main: the dashboard, planned by layout_compute() and composed from the widgets. */
#include <math.h>
#include <string.h>

#include "screen_fp.h"
#include "screens.h"

/* What one pool pane shows; hist and wall are the caller's buffers of HISTORY_CAP. */
#define NODE_USE_LEN 160

/*
 * With pools per NUMA node (enable_numa), each node's ring: "node 0 100%
 * node 1 12%", line 2's full list beside line 1's fullest node; "" with one ring.
 */
static void node_use_text(const struct pool_nodes *pn, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	if (!pool_nodes_split(pn))
		return;
	for (size_t i = 0; i < pn->n && used < len; i++) {
		int n = snprintf(buf + used, len - used, "%snode %d %.0f%%", used ? "  " : "",
				 pn->nodes[i].node, pn->nodes[i].util * 100.0);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static void pool_view_for(struct pool_view *pv, struct rect r, const struct screen_data *d,
			  const struct hist_pos *pos, bool small, double *hist, double *wall,
			  double *gets, char *node_use, struct pool_nodes *nodes)
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
	/* Per node only what the rings say: the aggregate form's gauges are the pool's. */
	memset(nodes, 0, sizeof(*nodes));
	if (pv->sum->util_source == UTIL_FROM_RING)
		pool_nodes_of(&io->rings, !small, nodes);
	pv->nodes = nodes;
	node_use_text(nodes, node_use, NODE_USE_LEN);
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
		widget_graph_window(d->hist, pos, (size_t)r.w, true, &w);
		pv->nhist = history_values(d->hist, small ? &d->hist->retry_small :
					   &d->hist->retry_large, &w, HIST_MAX, hist);
		pv->wall = wall;
		history_walls(d->hist, &w, wall);
		pv->gets = gets;
		history_values(d->hist, small ? &d->hist->gets_small : &d->hist->gets_large, &w,
			       HIST_MAX, gets);
	}
}

static uint64_t fp_pool(uint64_t h, const struct pool_view *v)
{
	h = fp_str(h, v->name);
	h = v->sum ? fp_bytes(h, v->sum, sizeof(*v->sum)) : h;
	h = fp_double(h, v->retry_rate);
	h = fp_double(h, v->central_pct);
	h = fp_bytes(h, &v->nhist, sizeof(v->nhist));
	h = fp_bytes(h, v->hist, v->nhist * sizeof(*v->hist));
	h = v->gets ? fp_bytes(h, v->gets, v->nhist * sizeof(*v->gets)) : fp_str(h, NULL);
	h = fp_span(h, v->wall, v->nhist);
	h = fp_bytes(h, &v->show_sparkline, sizeof(v->show_sparkline));
	h = fp_str(h, v->node_use);
	h = v->nodes ? fp_bytes(h, v->nodes->nodes, v->nodes->n * sizeof(*v->nodes->nodes)) : h;
	return fp_str(h, v->compare);
}

static void draw_pools(WINDOW *win, const struct layout *lay, const struct widget_env *env,
		       const struct screen_data *d, const struct hist_pos *pos,
		       struct main_marks *m, bool all)
{
	double hs[HISTORY_CAP], hl[HISTORY_CAP], ws[HISTORY_CAP], wl[HISTORY_CAP];
	double gs[HISTORY_CAP], gl[HISTORY_CAP];
	char us[NODE_USE_LEN], ul[NODE_USE_LEN];
	struct pool_nodes ns, nl;
	struct pool_view ps, pl;
	uint64_t fp, in[2];
	int bs, bl;

	pool_view_for(&ps, lay->pool_small, d, pos, true, hs, ws, gs, us, &ns);
	pool_view_for(&pl, lay->pool_large, d, pos, false, hl, wl, gl, ul, &nl);
	ps.show_sparkline = pl.show_sparkline = lay->show_sparklines;
	in[0] = fp_pool(FP_SEED, &ps);
	in[1] = fp_pool(FP_SEED, &pl);
	/*
	 * Both bars one width, so the two pools compare at a glance.  Measuring
	 * it formats line 1's texts down to the one the bar settles beside, for
	 * both pools: done again only when what it is measured from changed (the
	 * layout and the theme change only with a whole frame).
	 */
	if (all || in[0] != m->pools_in[0] || in[1] != m->pools_in[1]) {
		bs = widget_pool_bar_width(env, lay->pool_small, &ps);
		bl = widget_pool_bar_width(env, lay->pool_large, &pl);
		m->pool_bar_w = bs > 0 && bl > 0 ? (bs < bl ? bs : bl) : 0;
		m->pools_in[0] = in[0];
		m->pools_in[1] = in[1];
	}
	ps.bar_w = pl.bar_w = m->pool_bar_w;
	/*
	 * Each pane remembers what it drew, to write only what differs (its
	 * graphs' rows that moved): nothing of it is known over an erased window.
	 */
	if (all)
		m->pools[0].valid = m->pools[1].valid = false;
	/*
	 * Each pool on its own (the bar width shared is in both prints): one
	 * running dry leaves the other's rows untouched, for ncurses to skip.
	 * Scrolled back the graphs say their times of day: drawn every time.
	 * A pane blanks what it draws again itself: part_due blanks nothing.
	 */
	fp = pos->live ? fp_bytes(in[0], &ps.bar_w, sizeof(ps.bar_w)) : ~m->pool_small;
	if (part_due(win, fp, &m->pool_small, all, NO_RECT, NO_RECT) &&
	    !rect_empty(lay->pool_small))
		widget_pool_draw_memo(win, lay->pool_small, env, &ps, &m->pools[0]);
	fp = pos->live ? fp_bytes(in[1], &pl.bar_w, sizeof(pl.bar_w)) : ~m->pool_large;
	if (part_due(win, fp, &m->pool_large, all, NO_RECT, NO_RECT) &&
	    !rect_empty(lay->pool_large))
		widget_pool_draw_memo(win, lay->pool_large, env, &pl, &m->pools[1]);
}

/* Pane i's free-hugepage history: as many columns as its width shows, the minute's lowest. */
static void node_history_view_for(struct node_history_view *h, const struct layout *lay, int i,
				  const struct screen_data *d, const struct hist_pos *pos,
				  const struct hugepage_node *n, double *v, double *wall)
{
	const struct history_node *hn = d->hist ? history_node(d->hist, n->id) : NULL;
	struct rect r = lay->panes[i].r;
	struct hist_window w;
	size_t k;

	memset(h, 0, sizeof(*h));
	h->free_pct = v;
	h->form = lay->node_form;
	h->rows = lay->node_hist_rows;
	for (k = 0; k < n->nsizes && k < SNAP_MAX_PAGE_SIZES; k++) {
		h->free_kb += n->sizes[k].free * n->sizes[k].page_kb;
		h->total_kb += n->sizes[k].nr * n->sizes[k].page_kb;
	}
	if (hn && r.w > 0) {
		widget_graph_window(d->hist, pos, (size_t)r.w, false, &w);
		h->n = history_values(d->hist, &hn->free_pct, &w, HIST_MIN, v);
		history_walls(d->hist, &w, wall);
		h->wall = wall;
	}
}

static uint64_t fp_node_history(uint64_t h, const struct node_history_view *v)
{
	h = fp_bytes(h, &v->n, sizeof(v->n));
	h = fp_bytes(h, v->free_pct, v->n * sizeof(*v->free_pct));
	h = fp_span(h, v->wall, v->n);
	h = fp_bytes(h, &v->free_kb, sizeof(v->free_kb));
	return fp_bytes(h, &v->total_kb, sizeof(v->total_kb));
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
	screen_main_plan_after(NULL, cols, rows, d, st, p);
}

/* The node columns for s's nodes: prev's when they were measured on the same nodes. */
static void plan_node_cols(const struct main_plan *prev, const struct snapshot *s,
			   struct main_plan *p)
{
	const struct hugepage_snapshot *hp = &s->hugepages;
	size_t n = hp->nnodes < SNAP_MAX_NODES ? hp->nnodes : SNAP_MAX_NODES;

	p->nodes_fp = fp_bytes(fp_bytes(FP_SEED, &n, sizeof(n)), hp->nodes,
			       n * sizeof(hp->nodes[0]));
	if (prev && prev->nodes_fp == p->nodes_fp)
		p->cols = prev->cols;
	else
		widget_node_cols(hp, &p->cols);
}

void screen_main_plan_after(const struct main_plan *prev, int cols, int rows,
			    const struct screen_data *d, struct dash_state *st,
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
	plan_node_cols(prev, s, p);
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

static void draw_header(WINDOW *win, const struct layout *lay, const struct widget_env *env,
			const struct screen_data *d, const struct dash_state *st,
			struct main_marks *m, bool all)
{
	struct header_view hv;
	char hist_tag[96], hist_short[48];
	uint64_t fp = FP_SEED, *mark = &m->header;
	double sec;

	memset(&hv, 0, sizeof(hv));
	hv.snap = d->have_snap ? d->snap : NULL;
	hv.unreachable_since = st->unreachable ? st->unreachable_since : 0;
	hv.interval = st->interval;
	hv.paused = st->paused;
	hv.now = d->now_wall;
	hv.replay = d->replay;
	hv.compare = d->cmp ? d->cmp->header : NULL;
	hv.compare_name = d->cmp ? d->cmp->header_name : NULL;
	hv.compare_age = d->cmp ? d->cmp->header_age : NULL;
	history_tag(d, st, env, false, hist_tag, sizeof(hist_tag));
	history_tag(d, st, env, true, hist_short, sizeof(hist_short));
	hv.history = hist_tag[0] ? hist_tag : NULL;
	hv.history_short = hist_short;
	/* What the line shows of the snapshot; the clock's second apart, below. */
	if (hv.snap) {
		size_t nerr = errlist_distinct(&hv.snap->errors);

		fp = fp_str(fp_str(fp, hv.snap->target), hv.snap->version);
		fp = fp_bytes(fp, &hv.snap->state, sizeof(hv.snap->state));
		fp = fp_str(fp, hv.snap->unreachable_reason);
		fp = fp_bytes(fp, &nerr, sizeof(nerr));
	} else {
		fp = fp_str(fp, NULL);
	}
	fp = fp_double(fp, hv.unreachable_since);
	fp = fp_double(fp, hv.interval);
	fp = fp_bytes(fp, &hv.paused, sizeof(hv.paused));
	fp = fp_str(fp_str(fp_str(fp, hv.replay), hv.compare), hv.compare_name);
	fp = fp_str(fp, hv.compare_age);
	fp = fp_str(fp_str(fp, hv.history), hv.history_short);
	sec = floor(hv.now);
	if (!all && fp == *mark) {
		/* The line stands: a new second redraws the clock alone, where it can. */
		if (sec == m->header_sec)
			return;
		m->header_sec = sec;
		if (m->clock_x >= 0) {
			widget_header_draw_clock(win, lay->header.y, m->clock_x, env, hv.now);
			return;
		}
	}
	/* The header draws its whole line, blanks included: nothing to clear first. */
	*mark = fp;
	m->header_sec = sec;
	m->clock_x = widget_header_draw(win, lay->header, env, &hv);
}

static void draw_banner(WINDOW *win, const struct layout *lay, const struct widget_env *env,
			const struct screen_data *d, const struct dash_state *st, uint64_t *mark,
			bool all)
{
	struct banner_view bv = { d->sum, dash_state_emphasis(st) };
	uint64_t fp = fp_bytes(FP_SEED, &bv.emphasis, sizeof(bv.emphasis));

	fp = bv.sum ? fp_bytes(fp, bv.sum, sizeof(*bv.sum)) : fp_str(fp, NULL);
	if (!part_due(win, fp, mark, all, lay->banner, NO_RECT))
		return;
	widget_banner_draw(win, lay->banner, env, &bv);
}

/* What the module table shows without its history column or compare mode. */
static uint64_t modules_fp(const struct screen_data *d, const struct module_table_view *mv)
{
	const struct iobuf_snapshot *io = &d->snap->iobuf;
	/* The modules listed, not the whole array: kilobytes of it are empty. */
	size_t n = io->nmodules < SNAP_MAX_MODULES ? io->nmodules : SNAP_MAX_MODULES;
	uint64_t fp = fp_bytes(FP_SEED, &io->form, sizeof(io->form));

	fp = fp_bytes(fp, &io->nmodules, sizeof(io->nmodules));
	fp = fp_bytes(fp, io->modules, n * sizeof(io->modules[0]));
	fp = fp_bytes(fp, &io->agg_small,
		      (size_t)((const char *)(io + 1) - (const char *)&io->agg_small));
	if (d->rates) {
		/* The rates, not the seconds between the snapshots: those move every tick. */
		const struct iobuf_rates *rt = d->rates;
		size_t nr = rt->nmodules < SNAP_MAX_MODULES ? rt->nmodules : SNAP_MAX_MODULES;

		fp = fp_bytes(fp, &rt->valid, sizeof(rt->valid));
		fp = fp_bytes(fp, &rt->nmodules, sizeof(rt->nmodules));
		fp = fp_bytes(fp, rt->modules, nr * sizeof(rt->modules[0]));
		fp = fp_bytes(fp, &rt->small, sizeof(rt->small));
		fp = fp_bytes(fp, &rt->large, sizeof(rt->large));
	}
	return fp_bytes(fp, &mv->sort, sizeof(mv->sort));
}

static void draw_modules(WINDOW *win, const struct layout *lay, const struct widget_env *env,
			 const struct screen_data *d, const struct dash_state *st,
			 struct main_marks *m, bool all)
{
	struct module_table_view mv;
	bool printed;
	uint64_t fp;

	if (rect_empty(lay->modules))
		return;
	module_table_view_for(&mv, lay, d, st);
	/* Its sparklines and compare mode read more than a fingerprint covers: drawn every time. */
	printed = !mv.history && !mv.cmp && st->hist.live;
	fp = printed ? modules_fp(d, &mv) : ~m->modules;
	if (!all && fp == m->modules)
		return;
	m->modules = fp;
	/* The table blanks what it redraws: its rows that changed, or all of it. */
	mv.row_marks = m->module_rows;
	mv.nrow_marks = MAIN_MODULE_ROW_MARKS;
	mv.keep = !all && printed;
	widget_module_table_draw(win, lay->modules, env, &mv);
}

static void node_pane_view_for(struct node_pane_view *pv, const struct main_plan *p, int i,
			       const struct screen_data *d)
{
	const struct snapshot *s = d->snap;
	const struct layout *lay = &p->lay;

	*pv = (struct node_pane_view){
		.node = &s->hugepages.nodes[lay->panes[i].node],
		.cols = &p->cols,
		.form = lay->node_form,
	};
	if (d->cmp)
		pv->compare = compare_view_node(d->cmp, pv->node->id);
	if (lay->node_heap_line) {
		pv->heaps = &s->heaps;
		pv->now = s->mono;
		pv->large_bufsize = s->iobuf.opts.valid ? s->iobuf.opts.large_bufsize : 0;
	}
	pv->unbalanced = d->alerts &&
			 alerts_is_active(d->alerts, ALERT_NUMA_IMBALANCE, pv->node->id);
}

/* What a pane is drawn from, its heap line's text left to fp_node_heap. */
static uint64_t fp_node_pane(uint64_t h, const struct node_pane_view *pv)
{
	h = fp_bytes(h, pv->node, sizeof(*pv->node));
	h = fp_bytes(h, &pv->unbalanced, sizeof(pv->unbalanced));
	h = fp_str(h, pv->compare);
	if (pv->heaps) {
		/* What the heap line is made of; not the kilobytes of mempools beside it. */
		const struct spdk_heaps *hs = pv->heaps;

		h = fp_bytes(h, &hs->state, sizeof(hs->state));
		h = fp_double(h, hs->read_mono);
		h = fp_str(h, hs->why);
		h = fp_bytes(h, hs->heaps, (hs->n < SNAP_MAX_HEAPS ? hs->n : SNAP_MAX_HEAPS) *
						   sizeof(hs->heaps[0]));
		h = fp_bytes(h, &pv->large_bufsize, sizeof(pv->large_bufsize));
	}
	return h;
}

/*
 * The heap line's age ("read 12 s ago"), which moves with time, not with
 * the heaps (fp_node_pane has those): the words alone, not the whole line
 * formatted every frame only to be hashed and formatted again to be drawn;
 * and only when the line has room to show them (room, measured when the
 * pane was drawn): a narrow pane's line, which never says its age, is not
 * drawn again every second for nothing.
 */
static uint64_t fp_node_heap(uint64_t h, const struct widget_env *env,
			     const struct node_pane_view *pv, int room)
{
	char age[64];

	if (!pv->heaps || room < 0)
		return h;
	widget_node_heap_age(pv->heaps, pv->now, age, sizeof(age));
	return fp_str(h, widget_text_width(env, age) <= room ? age : "");
}

static void draw_nodes(WINDOW *win, const struct main_plan *p, const struct widget_env *env,
		       const struct screen_data *d, const struct hist_pos *pos,
		       struct main_marks *m, bool all)
{
	const struct layout *lay = &p->lay;
	double v[HISTORY_CAP], wall[HISTORY_CAP];
	struct node_history_view hv;
	struct node_pane_view pv[LAYOUT_MAX_PANES];
	uint64_t fp = fp_bytes(FP_SEED, &p->cols, sizeof(p->cols)), heaps = FP_SEED;

	for (int i = 0; i < lay->npanes; i++) {
		node_pane_view_for(&pv[i], p, i, d);
		fp = fp_node_pane(fp, &pv[i]);
		if (lay->node_hist_rows > 0) {
			node_history_view_for(&hv, lay, i, d, pos, pv[i].node, v, wall);
			fp = fp_node_history(fp, &hv);
		}
	}
	fp = fp_bytes(fp, &p->in.nnodes, sizeof(p->in.nnodes));
	if (!pos->live)
		fp = ~m->nodes;
	if (!part_due(win, fp, &m->nodes, all, lay->nodes, NO_RECT)) {
		/* The panes stand; only their heap lines' ages may have moved (a second a tick). */
		for (int i = 0; i < lay->npanes; i++)
			heaps = fp_node_heap(heaps, env, &pv[i], m->heap_age_room[i]);
		if (heaps != m->node_heaps)
			for (int i = 0; i < lay->npanes; i++)
				widget_node_pane_draw_heap(win, lay->panes[i].r, env, &pv[i]);
		m->node_heaps = heaps;
		return;
	}
	for (int i = 0; i < lay->npanes; i++) {
		m->heap_age_room[i] = widget_node_pane_heap_age_room(lay->panes[i].r, env, &pv[i]);
		heaps = fp_node_heap(heaps, env, &pv[i], m->heap_age_room[i]);
	}
	m->node_heaps = heaps;
	for (int i = 0; i < lay->npanes; i++) {
		widget_node_pane_draw(win, lay->panes[i].r, env, &pv[i]);
		/* The history again into the one buffer: a pane's window is copied, not kept. */
		if (lay->node_hist_rows > 0) {
			node_history_view_for(&hv, lay, i, d, pos, pv[i].node, v, wall);
			widget_node_history_draw(win, lay->panes[i].r, env, &hv);
		}
	}
	draw_nodes_status(win, lay, env, p->in.nnodes);
}

static void draw_footer(WINDOW *win, const struct layout *lay, const struct widget_env *env,
			const struct screen_data *d, const struct dash_state *st, uint64_t *mark,
			bool all)
{
	struct footer_view fv = { dash_state_current_note(st, d->now_mono), d->read_only,
				  d->replay != NULL };
	uint64_t fp = fp_bytes(fp_bytes(fp_str(FP_SEED, fv.note), &fv.read_only,
					sizeof(fv.read_only)), &fv.replay, sizeof(fv.replay));

	if (!part_due(win, fp, mark, all, lay->footer, NO_RECT))
		return;
	widget_footer_draw(win, lay->footer, env, &fv);
}

void screen_main_draw_changed(WINDOW *win, const struct widget_env *env,
			      const struct screen_data *d, const struct dash_state *st,
			      const struct main_plan *p, struct main_marks *m, bool all,
			      bool data)
{
	const struct layout *lay = &p->lay;
	bool from_data = all || data || d->cmp || !st->hist.live;

	if (lay->too_small) {
		widget_too_small_draw(win, (struct rect){ 0, 0, lay->rows, lay->cols }, env,
				      &(struct too_small_view){ lay->cols, lay->rows });
		return;
	}
	draw_header(win, lay, env, d, st, m, all);
	draw_banner(win, lay, env, d, st, &m->banner, all);
	if (from_data) {
		draw_pools(win, lay, env, d, &st->hist, m, all);
		draw_modules(win, lay, env, d, st, m, all);
		draw_nodes(win, p, env, d, &st->hist, m, all);
	}
	draw_footer(win, lay, env, d, st, &m->footer, all);
}

void screen_main_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
		      const struct dash_state *st, const struct main_plan *p)
{
	struct main_marks m;

	screen_main_draw_changed(win, env, d, st, p, &m, true, true);
}
