/* screen_main: the dashboard, composed from the widgets per layout_compute(). */
#include <math.h>
#include <string.h>

#include "screens.h"

static void draw_pool(WINDOW *win, struct rect r, const struct widget_env *env,
		      const struct screen_data *d, bool small, bool sparkline)
{
	double hist[HISTORY_CAP];
	const struct iobuf_snapshot *io = &d->snap->iobuf;
	const struct iobuf_rates *rt = d->rates;
	struct pool_view pv = {
		.name = small ? "small" : "large",
		.sum = small ? &io->small : &io->large,
		.retry_rate = NAN,
		.hist = hist,
		.nhist = 0,
	};

	if (rect_empty(r))
		return;
	if (rt && rt->valid)
		pv.retry_rate = small ? rt->small.retry : rt->large.retry;
	if (d->hist) {
		size_t want = r.w > 0 && r.w < HISTORY_CAP ? (size_t)r.w : HISTORY_CAP;

		pv.nhist = hist_series_latest(small ? &d->hist->retry_small : &d->hist->retry_large,
					      want, hist);
	}
	widget_pool_draw(win, r, env, &pv, sparkline);
}

void screen_main_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
		      struct dash_state *st)
{
	const struct snapshot *s = d->snap;
	struct layout_input in;
	struct layout lay;
	struct header_view hv;
	struct module_table_view mv;
	struct node_cols nc;
	int rows, cols;

	getmaxyx(win, rows, cols);
	memset(&in, 0, sizeof(in));
	in.cols = cols;
	in.rows = rows;
	in.nmodules = s->iobuf.form == IOBUF_FORM_PER_MODULE ? (int)s->iobuf.nmodules : 0;
	in.nnodes = (int)(s->hugepages.nnodes < LAYOUT_MAX_PANES ? s->hugepages.nnodes
								    : LAYOUT_MAX_PANES);
	/* One set of columns for every node, visible or not: scrolling moves no column. */
	widget_node_cols(&s->hugepages, &nc);
	in.max_page_sizes = nc.nsizes;
	in.module_offset = (int)st->modules.offset;
	in.node_offset = (int)st->nodes.offset;
	layout_compute(&in, &lay);
	if (lay.too_small) {
		widget_too_small_draw(win, cols, rows, env);
		return;
	}

	/* The layout clamped the offsets: the state follows, so keys scroll from there. */
	st->modules.offset = (size_t)lay.module_first;
	dash_scroll_resize(&st->modules, (size_t)in.nmodules, (size_t)lay.module_visible);
	st->nodes.offset = (size_t)lay.node_first;
	dash_scroll_resize(&st->nodes, (size_t)in.nnodes, (size_t)lay.node_visible);

	memset(&hv, 0, sizeof(hv));
	hv.snap = d->have_snap ? s : NULL;
	hv.unreachable_since = st->unreachable ? st->unreachable_since : 0;
	hv.interval = st->interval;
	hv.paused = st->paused;
	hv.now = d->now_wall;
	widget_header_draw(win, lay.header, env, &hv);

	widget_banner_draw(win, lay.banner, env, d->sum, dash_state_emphasis(st));

	draw_pool(win, lay.pool_small, env, d, true, lay.show_sparklines);
	draw_pool(win, lay.pool_large, env, d, false, lay.show_sparklines);

	if (!rect_empty(lay.modules)) {
		mv.snap = s;
		mv.rates = d->rates;
		mv.sort = st->sort;
		widget_module_table_draw(win, &lay, env, &mv);
	}

	for (int i = 0; i < lay.npanes; i++) {
		const struct hugepage_node *n = &s->hugepages.nodes[lay.panes[i].node];
		bool unbalanced = d->alerts &&
				  alerts_is_active(d->alerts, ALERT_NUMA_IMBALANCE, n->id);

		widget_node_pane_draw(win, lay.panes[i].r, env, lay.node_form, &nc, n, unbalanced);
	}
	widget_nodes_status_draw(win, &lay, env, in.nnodes);

	widget_footer_draw(win, lay.footer, env, dash_state_current_note(st, d->now_mono));
}
