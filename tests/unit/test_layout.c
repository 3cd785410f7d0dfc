/* layout_compute: geometry invariants over many terminal sizes and contents. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "layout.h"

static const int sizes[][2] = {
	{ 80, 24 }, { 120, 40 }, { 200, 60 }, { 250, 80 },
	{ 40, 12 }, { 60, 16 }, { 79, 23 }, { 100, 30 }, { 159, 50 }, { 160, 24 },
};
static const int node_counts[] = { 0, 1, 2, 4, 16, 64 };
static const int module_counts[] = { 0, 1, 3, 8, 32 };

static struct layout_input input(int cols, int rows, int nmod, int nn, int ps)
{
	struct layout_input in = {
		.cols = cols, .rows = rows, .nmodules = nmod, .nnodes = nn,
		.max_page_sizes = ps, .module_offset = 0, .node_offset = 0,
	};

	return in;
}

/* Every rect of a layout, with a name for messages. */
struct named {
	const char *name;
	struct rect r;
};

static int collect(const struct layout *l, struct named *v)
{
	int n = 0, i;

	v[n++] = (struct named){ "header", l->header };
	v[n++] = (struct named){ "banner", l->banner };
	v[n++] = (struct named){ "pool_small", l->pool_small };
	v[n++] = (struct named){ "pool_large", l->pool_large };
	v[n++] = (struct named){ "modules", l->modules };
	v[n++] = (struct named){ "nodes_status", l->nodes_status };
	for (i = 0; i < l->npanes; i++)
		v[n++] = (struct named){ "pane", l->panes[i].r };
	v[n++] = (struct named){ "footer", l->footer };
	return n;
}

static void check_history(const struct layout_input *in, const struct layout *l,
			  const char *ctx);

static void check_invariants(const struct layout_input *in, const struct layout *l)
{
	struct named v[8 + LAYOUT_MAX_PANES];
	int n = collect(l, v), i, j, lines;
	char ctx[96];

	snprintf(ctx, sizeof(ctx), "%dx%d mods=%d nodes=%d ps=%d", in->cols, in->rows,
		 in->nmodules, in->nnodes, in->max_page_sizes);
	ck_assert_msg(!l->too_small, "%s: too small", ctx);
	for (i = 0; i < n; i++) {
		ck_assert_msg(rect_inside(v[i].r, in->cols, in->rows),
			      "%s: %s outside (%d,%d %dx%d)", ctx, v[i].name, v[i].r.y, v[i].r.x,
			      v[i].r.h, v[i].r.w);
		for (j = i + 1; j < n; j++)
			ck_assert_msg(!rect_overlap(v[i].r, v[j].r), "%s: %s overlaps %s", ctx,
				      v[i].name, v[j].name);
	}
	/* Always there. */
	ck_assert_msg(l->header.h == 1 && l->header.w == in->cols, "%s header", ctx);
	ck_assert_msg(l->banner.h == 1 && l->banner.w == in->cols, "%s banner", ctx);
	ck_assert_msg(l->footer.h == 1 && l->footer.y == in->rows - 1, "%s footer", ctx);
	ck_assert_msg(!rect_empty(l->pool_small) && !rect_empty(l->pool_large), "%s pools", ctx);
	ck_assert_msg(l->pool_small.w >= LAYOUT_MIN_COLS, "%s pool width", ctx);
	/* Module table: title rows plus at least one data row, and its rows fit. */
	ck_assert_msg(l->module_visible >= 1, "%s module rows", ctx);
	ck_assert_msg(l->modules.h >= l->module_header_rows + l->module_visible, "%s table", ctx);
	ck_assert_msg(l->module_visible <= (in->nmodules > 0 ? in->nmodules : 1), "%s rows", ctx);
	ck_assert_int_eq(l->modules_more_below,
			 l->module_first + l->module_visible < in->nmodules);
	/* Nodes: at least one visible, a consistent range, panes inside the node area. */
	if (in->nnodes > 0) {
		ck_assert_msg(l->npanes >= 1, "%s no node visible", ctx);
		ck_assert_int_eq(l->npanes, l->node_visible);
		ck_assert_msg(l->node_first + l->node_visible <= in->nnodes, "%s node range", ctx);
		ck_assert_int_eq(l->nodes_more_below, l->node_first + l->node_visible < in->nnodes);
		ck_assert_int_eq(l->nodes_more_above, l->node_first > 0);
		if (l->nodes_more_above || l->nodes_more_below)
			ck_assert_msg(l->nodes_status.h == 1, "%s scroll without status", ctx);
		for (i = 0; i < l->npanes; i++) {
			struct rect p = l->panes[i].r, a = l->nodes;

			ck_assert_int_eq(l->panes[i].node, l->node_first + i);
			ck_assert_msg(p.y >= a.y && p.y + p.h <= a.y + a.h && p.x >= a.x &&
				      p.x + p.w <= a.x + a.w, "%s pane %d outside node area", ctx,
				      i);
			ck_assert_msg(p.w >= 20, "%s pane %d too narrow (%d)", ctx, i, p.w);
			/* One width for every pane: their bars and columns line up. */
			ck_assert_msg(p.w == l->panes[0].r.w && p.h == l->panes[0].r.h,
				      "%s pane %d is %dx%d, pane 0 %dx%d", ctx, i, p.w, p.h,
				      l->panes[0].r.w, l->panes[0].r.h);
		}
	} else {
		ck_assert_int_eq(l->npanes, 0);
		ck_assert_msg(l->nodes.h >= 1, "%s no line for 'no nodes'", ctx);
	}
	/* Nothing between the regions overlaps the footer, and they stack in order. */
	lines = l->modules.y + l->modules.h;
	ck_assert_msg(lines <= l->nodes.y, "%s modules below nodes", ctx);
	ck_assert_msg(l->nodes.y + l->nodes.h <= l->footer.y, "%s nodes over footer", ctx);
	/* The pools' history rows are what they say, and a graph only with sparklines. */
	ck_assert_int_eq(l->graph_rows, l->show_sparklines ? l->pool_small.h - 2 : 0);
	ck_assert_int_eq(l->pool_small.h, l->pool_large.h);
	check_history(in, l, ctx);
}

/* Rows nobody else wants turn into history, in order, each up to its cap, never beyond. */
static void check_history(const struct layout_input *in, const struct layout *l, const char *ctx)
{
	bool side = l->pool_small.y == l->pool_large.y;
	bool scroll = !rect_empty(l->nodes_status);
	int per = side ? 1 : 2, prow = 0, blank, last;
	int retry = l->retry_graph_rows, gets = l->gets_graph_rows, hist = l->node_hist_rows;
	bool hist_ok = in->nnodes > 0 && !scroll && l->node_form != NODE_FORM_COMPACT;

	ck_assert_int_eq(l->graph_rows, retry + gets);
	ck_assert_msg(retry >= 0 && retry <= LAYOUT_RETRY_GRAPH_MAX_ROWS, "%s retry %d", ctx,
		      retry);
	ck_assert_msg(gets == 0 || (gets >= LAYOUT_GETS_GRAPH_MIN_ROWS &&
				    gets <= LAYOUT_GETS_GRAPH_MAX_ROWS), "%s gets %d", ctx, gets);
	ck_assert_msg(hist >= 0 && hist <= LAYOUT_NODE_HIST_MAX_ROWS, "%s hist %d", ctx, hist);
	/* Retries first: the others only once the retry graph is whole. */
	if (gets > 0 || hist > 0)
		ck_assert_msg(retry == LAYOUT_RETRY_GRAPH_MAX_ROWS, "%s retry %d, gets %d, hist %d",
			      ctx, retry, gets, hist);
	if (hist > 0)
		ck_assert_msg(hist_ok, "%s node history in a form without it", ctx);
	if (!l->show_sparklines)
		ck_assert_msg(retry + gets + hist == 0, "%s history without sparklines", ctx);
	/* Modules cut short: no row went to history. */
	if (l->module_visible < in->nmodules)
		ck_assert_msg(retry + gets + hist == 0, "%s modules cut for history", ctx);
	/* Every pane is its form's height plus the history lines. */
	if (l->npanes > 0) {
		/* Page-size lines, and the heap line where asked for. */
		int nps = (in->max_page_sizes > 0 ? in->max_page_sizes : 1) +
			  (l->node_heap_line ? 1 : 0);
		int base = l->node_form == NODE_FORM_FULL ? 3 + nps :
			   l->node_form == NODE_FORM_SHORT ? 1 + nps : 1;

		ck_assert_msg(l->panes[0].r.h == base + hist, "%s pane %d tall, want %d + %d", ctx,
			      l->panes[0].r.h, base, hist);
		prow = (l->npanes + l->nodes_per_row - 1) / l->nodes_per_row;
	}
	ck_assert_int_eq(l->module_history,
			 in->cols >= LAYOUT_MODULE_HISTORY_MIN_COLS &&
			 l->module_columns == MODCOLS_FULL);
	if (!l->show_sparklines)
		return;
	/* Blank rows above the footer only when nothing that wants a row could take one. */
	last = rect_empty(l->nodes) ? l->modules.y + l->modules.h : l->nodes.y + l->nodes.h;
	blank = l->footer.y - last;
	ck_assert_msg(blank >= 0, "%s regions past the footer", ctx);
	if (retry < LAYOUT_RETRY_GRAPH_MAX_ROWS)
		ck_assert_msg(blank < per, "%s %d blank rows, retry graph %d", ctx, blank, retry);
	if (hist_ok && hist < LAYOUT_NODE_HIST_MAX_ROWS)
		ck_assert_msg(blank < (retry < LAYOUT_RETRY_GRAPH_MAX_ROWS ? per : prow),
			      "%s %d blank rows, node history %d", ctx, blank, hist);
	if (retry == LAYOUT_RETRY_GRAPH_MAX_ROWS && gets < LAYOUT_GETS_GRAPH_MAX_ROWS)
		ck_assert_msg(blank < per * (gets == 0 ? LAYOUT_GETS_GRAPH_MIN_ROWS : 1),
			      "%s %d blank rows, gets graph %d", ctx, blank, gets);
}

START_TEST(test_invariants_grid)
{
	size_t s, n, m;
	int ps;

	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (n = 0; n < sizeof(node_counts) / sizeof(node_counts[0]); n++)
			for (m = 0; m < sizeof(module_counts) / sizeof(module_counts[0]); m++)
				for (ps = 0; ps <= 2 * SNAP_MAX_PAGE_SIZES + 1; ps++) {
					/* Each page-size count without and with the heap line. */
					struct layout_input in = input(sizes[s][0], sizes[s][1],
						module_counts[m], node_counts[n], ps / 2);
					struct layout l;

					in.node_heap_line = ps % 2;
					layout_compute(&in, &l);
					check_invariants(&in, &l);
				}
}
END_TEST

/* Every size from the minimum to 250x80, a few contents: exhaustive sweep. */
START_TEST(test_invariants_sweep)
{
	int c, r;

	for (c = LAYOUT_MIN_COLS; c <= 250; c += 7)
		for (r = LAYOUT_MIN_ROWS; r <= 80; r++) {
			struct layout_input in = input(c, r, 5, (c + r) % 20, 1 + r % 3);
			struct layout l;

			in.node_offset = r % 11;
			in.module_offset = c % 4;
			layout_compute(&in, &l);
			check_invariants(&in, &l);
		}
}
END_TEST

START_TEST(test_too_small)
{
	static const int bad[][2] = { { 39, 24 }, { 80, 11 }, { 20, 5 }, { 0, 0 }, { -1, 30 } };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct layout_input in = input(bad[i][0], bad[i][1], 3, 2, 2);
		struct layout l;

		layout_compute(&in, &l);
		ck_assert(l.too_small);
		ck_assert_int_eq(l.cols, bad[i][0]);
		ck_assert_int_eq(l.rows, bad[i][1]);
		ck_assert(rect_empty(l.header) && rect_empty(l.footer) && rect_empty(l.modules));
		ck_assert_int_eq(l.npanes, 0);
	}
	{
		struct layout_input in = input(LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, 3, 2, 2);
		struct layout l;

		layout_compute(&in, &l);
		ck_assert(!l.too_small);
	}
}
END_TEST

/* 80x24 with a typical target: everything fits, no scrolling, sparklines on. */
START_TEST(test_80x24_typical)
{
	struct layout_input in = input(80, 24, 4, 2, 2);
	struct layout l;

	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert(l.show_sparklines);
	ck_assert_int_eq(l.module_visible, 4);
	ck_assert(!l.modules_more_below);
	ck_assert_int_eq(l.npanes, 2);
	ck_assert_int_eq(l.node_form, NODE_FORM_FULL);
	ck_assert_int_eq(l.nodes_per_row, 2);
	ck_assert_int_eq(l.module_columns, MODCOLS_COMPACT);
	ck_assert_int_eq(l.module_header_rows, 2);
	ck_assert(rect_empty(l.nodes_status));
	/* Pools stacked, header and banner on top. */
	ck_assert_int_eq(l.header.y, 0);
	ck_assert_int_eq(l.banner.y, 1);
	ck_assert_int_eq(l.pool_small.y, 2);
	ck_assert_int_eq(l.pool_large.y, l.pool_small.y + l.pool_small.h);
	ck_assert_int_eq(l.pool_small.w, 80);
}
END_TEST

/*
 * The SPDK heap line: one more line in a boxed or short pane where it costs
 * at most a history row; 80x24 with two nodes has room for it, with four it
 * would take the retry sparklines and is left out.
 */
START_TEST(test_80x24_heap_line)
{
	/* The simulator's three modules. */
	struct layout_input in = input(80, 24, 3, 2, 2);
	struct layout without, with;

	layout_compute(&in, &without);
	ck_assert(!without.node_heap_line);
	in.node_heap_line = true;
	layout_compute(&in, &with);
	check_invariants(&in, &with);
	ck_assert(with.node_heap_line);
	ck_assert_int_eq(with.npanes, 2);
	ck_assert_int_eq(with.module_visible, 3);
	ck_assert_int_eq(with.node_form, NODE_FORM_FULL);
	ck_assert_int_gt(with.retry_graph_rows, 0);
	ck_assert_int_eq(with.panes[0].r.h - with.node_hist_rows,
			 without.panes[0].r.h - without.node_hist_rows + 1);

	in = input(80, 24, 3, 4, 2);
	layout_compute(&in, &without);
	in.node_heap_line = true;
	layout_compute(&in, &with);
	check_invariants(&in, &with);
	ck_assert(!with.node_heap_line);
	ck_assert_int_eq(memcmp(&with, &without, sizeof(with)), 0);

	/* 200x60: boxed panes with the line. */
	in = input(200, 60, 4, 2, 2);
	in.node_heap_line = true;
	layout_compute(&in, &with);
	check_invariants(&in, &with);
	ck_assert(with.node_heap_line);
	ck_assert_int_eq(with.node_form, NODE_FORM_FULL);
	ck_assert_int_ge(with.panes[0].r.h - with.node_hist_rows, 3 + 2 + 1);
}
END_TEST

/* 16 nodes at 80x24: they compress to one line each and scroll. */
START_TEST(test_80x24_sixteen_nodes_scroll)
{
	struct layout_input in = input(80, 24, 4, 16, 2);
	struct layout l, l2, l3;

	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_eq(l.node_form, NODE_FORM_COMPACT);
	ck_assert(l.nodes_more_below);
	ck_assert(!l.nodes_more_above);
	ck_assert_int_eq(l.node_first, 0);
	ck_assert_int_eq(l.nodes_status.h, 1);
	ck_assert(l.node_visible < 16);
	ck_assert_int_eq(l.node_offset_max, 16 - l.node_visible);

	in.node_offset = 5;
	layout_compute(&in, &l2);
	check_invariants(&in, &l2);
	ck_assert_int_eq(l2.node_first, 5);
	ck_assert(l2.nodes_more_above);
	ck_assert_int_eq(l2.panes[0].node, 5);

	in.node_offset = 1000;   /* clamped: the last page, nothing more below */
	layout_compute(&in, &l3);
	check_invariants(&in, &l3);
	ck_assert_int_eq(l3.node_first, l3.node_offset_max);
	ck_assert(!l3.nodes_more_below);
	ck_assert_int_eq(l3.panes[l3.npanes - 1].node, 15);

	in.node_offset = -3;
	layout_compute(&in, &l3);
	ck_assert_int_eq(l3.node_first, 0);
}
END_TEST

/* Compression order: full boxes, then short panes, then one line per node. */
START_TEST(test_node_forms_compress)
{
	struct layout l;
	struct layout_input in;

	in = input(250, 80, 4, 16, 2);
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_eq(l.node_form, NODE_FORM_FULL);
	ck_assert_int_eq(l.npanes, 16);
	ck_assert(rect_empty(l.nodes_status));

	in = input(200, 60, 4, 16, 2);
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_eq(l.npanes, 16);
	ck_assert(!l.nodes_more_below);

	in = input(120, 40, 4, 16, 2);
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_ne(l.node_form, NODE_FORM_FULL);
	ck_assert_int_eq(l.npanes, 16);

	in = input(120, 40, 4, 4, 2);
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_eq(l.node_form, NODE_FORM_FULL);
	ck_assert_int_eq(l.npanes, 4);

	/* Rows filled evenly: 2+2 rather than 3+1, in panes of the whole width. */
	ck_assert_int_eq(l.nodes_per_row, 2);
	ck_assert_int_eq(l.panes[1].r.x + l.panes[1].r.w, 120);
	ck_assert_int_eq(l.panes[2].r.y, l.panes[0].r.y + l.panes[0].r.h);

	in = input(200, 60, 4, 16, 2);
	layout_compute(&in, &l);
	ck_assert_int_eq(l.node_form, NODE_FORM_FULL);
	ck_assert_int_eq(l.nodes_per_row, 4);   /* 4 rows of 4, not 5+5+5+1 */
	ck_assert_int_eq(l.panes[0].r.w, 50);

	in = input(80, 24, 4, 4, 2);
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_eq(l.npanes, 4);
	ck_assert(!l.nodes_more_below);

	in = input(80, 24, 4, 1, 4);
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_eq(l.node_form, NODE_FORM_FULL);
	ck_assert_int_eq(l.panes[0].r.h, 3 + 4);
}
END_TEST

START_TEST(test_modules_scroll)
{
	struct layout_input in = input(80, 24, 32, 2, 2);
	struct layout l;

	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert(l.module_visible >= 3);
	ck_assert(l.modules_more_below);
	ck_assert_int_eq(l.module_offset_max, 32 - l.module_visible);

	in.module_offset = 10;
	layout_compute(&in, &l);
	ck_assert_int_eq(l.module_first, 10);
	ck_assert(l.modules_more_above);

	in.module_offset = 999;
	layout_compute(&in, &l);
	ck_assert_int_eq(l.module_first, l.module_offset_max);
	ck_assert(!l.modules_more_below);

	/* Few modules: nothing to scroll, offsets ignored. */
	in = input(200, 60, 3, 2, 2);
	in.module_offset = 2;
	layout_compute(&in, &l);
	ck_assert_int_eq(l.module_first, 0);
	ck_assert_int_eq(l.module_offset_max, 0);
	ck_assert_int_eq(l.module_visible, 3);
}
END_TEST

START_TEST(test_degrade_columns_and_sparklines)
{
	struct layout_input in;
	struct layout l;

	in = input(250, 80, 4, 2, 2);
	layout_compute(&in, &l);
	ck_assert_int_eq(l.module_columns, MODCOLS_FULL);
	ck_assert(l.show_sparklines);
	/* Wide: pools side by side; tall: graphs of retries and gets, each at its cap. */
	ck_assert_int_eq(l.pool_small.y, l.pool_large.y);
	ck_assert_int_eq(l.retry_graph_rows, LAYOUT_RETRY_GRAPH_MAX_ROWS);
	ck_assert_int_eq(l.gets_graph_rows, LAYOUT_GETS_GRAPH_MAX_ROWS);
	ck_assert_int_eq(l.pool_small.h, 2 + 8 + 6);
	ck_assert(l.module_history);

	/* 80x24 with a typical target: one sparkline line per pool, as ever. */
	in = input(80, 24, 3, 4, 2);
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_eq(l.pool_small.h, 3);
	ck_assert_int_eq(l.graph_rows, 1);
	ck_assert_int_eq(l.node_form, NODE_FORM_FULL);
	ck_assert_int_eq(l.module_visible, 3);

	/* 120x40: retry graphs of eight rows, the last rows a line of history per node. */
	in = input(120, 40, 3, 4, 2);
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_eq(l.graph_rows, 8);
	ck_assert_int_eq(l.node_hist_rows, 1);
	ck_assert_int_eq(l.node_form, NODE_FORM_FULL);
	ck_assert_int_eq(l.npanes, 4);
	ck_assert_int_eq(l.nodes.y + l.nodes.h, l.footer.y);
	ck_assert(!l.module_history);
	/* 200x60: every history at its cap, the rest blank above the footer. */
	in = input(200, 60, 3, 4, 2);
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_eq(l.graph_rows, 8 + 6);
	ck_assert_int_eq(l.node_hist_rows, LAYOUT_NODE_HIST_MAX_ROWS);
	ck_assert_int_eq(l.panes[0].r.h, 3 + 2 + 4);
	ck_assert_int_eq(l.footer.y - (l.nodes.y + l.nodes.h), 55 - 5 - 9 - 14);

	/* Many modules take their rows before any history does. */
	in = input(200, 60, 32, 4, 2);
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_eq(l.module_visible, 32);
	ck_assert(!l.modules_more_below);
	ck_assert_int_eq(l.retry_graph_rows, 8);
	ck_assert_int_eq(l.node_hist_rows, 4);
	ck_assert_int_eq(l.gets_graph_rows, 55 - 34 - 9 - 8);

	in = input(79, 24, 4, 2, 2);
	layout_compute(&in, &l);
	ck_assert_int_eq(l.module_columns, MODCOLS_REDUCED);
	ck_assert(l.show_sparklines);

	in = input(59, 24, 4, 2, 2);
	layout_compute(&in, &l);
	ck_assert_int_eq(l.module_columns, MODCOLS_MINIMAL);
	ck_assert(!l.show_sparklines);
	ck_assert_int_eq(l.graph_rows, 0);
	ck_assert_int_eq(l.pool_small.h, 2);

	in = input(80, 16, 4, 2, 2);
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert(!l.show_sparklines);
	ck_assert_int_eq(l.pool_small.h, 1);
	ck_assert_int_eq(l.module_header_rows, 1);
}
END_TEST

/*
 * The history each size gives, with 1, 2, 4 and 16 nodes: caps hold, 80x24
 * stays as it was (no node history, a sparkline line per pool), and a big
 * terminal spends rows on information, not on taller graphs.
 */
START_TEST(test_history_rows)
{
	static const struct {
		int cols, rows, nodes;
		int retry, gets, hist, blank;   /* blank: rows left above the footer */
		enum node_form form;
	} want[] = {
		/* 80x24: what it always was (stacked pools share rows in pairs). */
		{ 80, 24, 1, 3, 0, 0, 1, NODE_FORM_FULL },
		{ 80, 24, 2, 3, 0, 0, 1, NODE_FORM_FULL },
		{ 80, 24, 4, 1, 0, 0, 0, NODE_FORM_FULL },
		{ 80, 24, 16, 0, 0, 0, 0, NODE_FORM_COMPACT },
		/* 120x40: stacked pools, two panes a row. */
		{ 120, 40, 1, 8, 0, 4, 3, NODE_FORM_FULL },
		{ 120, 40, 2, 8, 0, 4, 3, NODE_FORM_FULL },
		{ 120, 40, 4, 8, 0, 1, 0, NODE_FORM_FULL },
		{ 120, 40, 16, 5, 0, 0, 0, NODE_FORM_SHORT },
		/* 200x60 and 250x80: pools side by side, everything at its cap. */
		{ 200, 60, 1, 8, 6, 4, 55 - 5 - 9 - 14, NODE_FORM_FULL },
		{ 200, 60, 2, 8, 6, 4, 55 - 5 - 9 - 14, NODE_FORM_FULL },
		{ 200, 60, 4, 8, 6, 4, 55 - 5 - 9 - 14, NODE_FORM_FULL },
		{ 200, 60, 16, 8, 6, 4, 55 - 5 - 4 * 9 - 14, NODE_FORM_FULL },
		{ 250, 80, 1, 8, 6, 4, 75 - 5 - 9 - 14, NODE_FORM_FULL },
		{ 250, 80, 4, 8, 6, 4, 75 - 5 - 9 - 14, NODE_FORM_FULL },
		{ 250, 80, 16, 8, 6, 4, 75 - 5 - 3 * 9 - 14, NODE_FORM_FULL },
	};
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct layout_input in = input(want[i].cols, want[i].rows, 3, want[i].nodes, 2);
		struct layout l;
		char ctx[64];

		snprintf(ctx, sizeof(ctx), "%dx%d, %d nodes", want[i].cols, want[i].rows,
			 want[i].nodes);
		layout_compute(&in, &l);
		check_invariants(&in, &l);
		ck_assert_msg(l.retry_graph_rows == want[i].retry, "%s: retry %d", ctx,
			      l.retry_graph_rows);
		ck_assert_msg(l.gets_graph_rows == want[i].gets, "%s: gets %d", ctx,
			      l.gets_graph_rows);
		ck_assert_msg(l.node_hist_rows == want[i].hist, "%s: node history %d", ctx,
			      l.node_hist_rows);
		ck_assert_msg(l.node_form == want[i].form, "%s: form %d", ctx, l.node_form);
		ck_assert_msg(l.footer.y - (l.nodes.y + l.nodes.h) == want[i].blank,
			      "%s: %d blank rows", ctx, l.footer.y - (l.nodes.y + l.nodes.h));
		ck_assert_int_eq(l.npanes, want[i].nodes < l.node_visible ? want[i].nodes :
					   l.node_visible);
		ck_assert_int_eq(l.module_visible, 3);
	}
}
END_TEST

/* No history where it cannot be read: narrow, short, or nodes scrolling. */
START_TEST(test_history_absent)
{
	struct layout_input in;
	struct layout l;

	in = input(59, 80, 3, 2, 2);   /* too narrow for sparklines */
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_eq(l.graph_rows + l.node_hist_rows, 0);
	in = input(200, 19, 3, 2, 2);  /* one-line pools */
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert_int_eq(l.graph_rows + l.node_hist_rows, 0);
	in = input(100, 40, 3, 64, 2); /* nodes scroll */
	layout_compute(&in, &l);
	check_invariants(&in, &l);
	ck_assert(l.nodes_more_below);
	ck_assert_int_eq(l.node_hist_rows, 0);
	in = input(159, 60, 3, 2, 2);  /* the table has no room for a history column */
	layout_compute(&in, &l);
	ck_assert(!l.module_history);
	in = input(160, 60, 3, 2, 2);
	layout_compute(&in, &l);
	ck_assert(l.module_history);
}
END_TEST

START_TEST(test_pure)
{
	struct layout_input in = input(123, 45, 7, 9, 3);
	struct layout a, b;

	layout_compute(&in, &a);
	layout_compute(&in, &b);
	ck_assert_int_eq(memcmp(&a, &b, sizeof(a)), 0);
}
END_TEST

START_TEST(test_rect_helpers)
{
	struct rect a = { 0, 0, 2, 10 }, b = { 1, 9, 1, 5 }, c = { 2, 0, 1, 10 };
	struct rect e = { 0, 0, 0, 5 };

	ck_assert(rect_overlap(a, b));
	ck_assert(!rect_overlap(a, c));
	ck_assert(!rect_overlap(a, e));
	ck_assert(rect_empty(e));
	ck_assert(rect_inside(a, 10, 2));
	ck_assert(!rect_inside(a, 9, 2));
	ck_assert(!rect_inside(b, 13, 5));
}
END_TEST

static Suite *layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("core");

	/* Thousands of layouts: seconds under ASan on a loaded machine, not a hang. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_invariants_grid);
	tcase_add_test(tc, test_invariants_sweep);
	tcase_add_test(tc, test_too_small);
	tcase_add_test(tc, test_80x24_typical);
	tcase_add_test(tc, test_80x24_sixteen_nodes_scroll);
	tcase_add_test(tc, test_80x24_heap_line);
	tcase_add_test(tc, test_node_forms_compress);
	tcase_add_test(tc, test_modules_scroll);
	tcase_add_test(tc, test_degrade_columns_and_sparklines);
	tcase_add_test(tc, test_history_rows);
	tcase_add_test(tc, test_history_absent);
	tcase_add_test(tc, test_pure);
	tcase_add_test(tc, test_rect_helpers);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(layout_suite());
}
