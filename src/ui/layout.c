/* Screen geometry from terminal size and content: pure, see layout.h. */
#include "layout.h"

#include <string.h>

#define POOLS_SIDE_BY_SIDE_COLS 160   /* two pool panes of 80 columns each */
#define NODE_FULL_MIN_W 38            /* a boxed pane still shows bar and numbers */
#define NODE_SHORT_MIN_W 36
#define NODE_COMPACT_MIN_W 50
#define PANE_GAP 2                    /* blanks between unboxed panes side by side */
#define MODULE_MIN_ROWS 3             /* the modules in trouble sort to the top */
#define NODE_SCROLL_MIN_LINES 4       /* node lines kept while the module table grows */
#define SPARKLINE_MIN_COLS 60         /* narrower: no room for a readable history */

static int imin(int a, int b)
{
	return a < b ? a : b;
}

static int imax(int a, int b)
{
	return a > b ? a : b;
}

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static struct rect mkrect(int y, int x, int h, int w)
{
	struct rect r = { y, x, h, w };

	return r;
}

bool rect_empty(struct rect r)
{
	return r.h <= 0 || r.w <= 0;
}

bool rect_inside(struct rect r, int cols, int rows)
{
	if (rect_empty(r))
		return true;
	return r.y >= 0 && r.x >= 0 && r.y + r.h <= rows && r.x + r.w <= cols;
}

bool rect_overlap(struct rect a, struct rect b)
{
	if (rect_empty(a) || rect_empty(b))
		return false;
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static enum modcols modcols_for(int cols)
{
	if (cols >= 110)
		return MODCOLS_FULL;
	if (cols >= 80)
		return MODCOLS_COMPACT;
	if (cols >= 60)
		return MODCOLS_REDUCED;
	return MODCOLS_MINIMAL;
}

/* Panes side by side in a form: never more than there are nodes. */
static int per_row(enum node_form f, int cols, int nnodes)
{
	int k;

	switch (f) {
	case NODE_FORM_FULL:
		k = cols / NODE_FULL_MIN_W;
		break;
	case NODE_FORM_SHORT:
		k = (cols + PANE_GAP) / (NODE_SHORT_MIN_W + PANE_GAP);
		break;
	default:
		k = (cols + PANE_GAP) / (NODE_COMPACT_MIN_W + PANE_GAP);
		break;
	}
	return clampi(k, 1, imax(nnodes, 1));
}

static int pane_h(enum node_form f, int sizes)
{
	sizes = imax(sizes, 1);
	switch (f) {
	case NODE_FORM_FULL:
		return 3 + sizes;     /* borders, MemFree line, page sizes */
	case NODE_FORM_SHORT:
		return 1 + sizes;     /* title with MemFree, page sizes */
	default:
		return 1;
	}
}

static int nodes_h(enum node_form f, int cols, int nnodes, int sizes)
{
	int k = per_row(f, cols, nnodes);

	return (nnodes + k - 1) / k * pane_h(f, sizes);
}

struct stage {
	enum node_form form;
	bool all_modules;     /* modules get every row they want, else their minimum */
	bool scroll;
};

/* Richest node form first, keeping every module row before squeezing modules. */
static const struct stage stages[] = {
	{ NODE_FORM_FULL, true, false },
	{ NODE_FORM_SHORT, true, false },
	{ NODE_FORM_SHORT, false, false },
	{ NODE_FORM_COMPACT, true, false },
	{ NODE_FORM_COMPACT, false, false },
	{ NODE_FORM_COMPACT, false, true },
};

static void place_panes(struct layout *out, struct rect area, int sizes, int first, int count)
{
	enum node_form f = out->node_form;
	int k = out->nodes_per_row;
	int gap = f == NODE_FORM_FULL ? 0 : PANE_GAP;   /* boxes separate themselves */
	int ph = pane_h(f, sizes) + out->node_hist_rows;
	/* One width for all, so bars and columns line up (spare cells stay at the right). */
	int pw = (area.w - (k - 1) * gap) / k;
	int i;

	out->npanes = 0;
	for (i = 0; i < count; i++) {
		int row = i / k, col = i % k;
		struct node_pane *p = &out->panes[out->npanes++];

		p->r = mkrect(area.y + row * ph, area.x + col * (pw + gap), ph, pw);
		p->node = first + i;
	}
}

void layout_compute(const struct layout_input *in, struct layout *out)
{
	int cols = in->cols, rows = in->rows;
	int nmod = imax(in->nmodules, 0);
	int nn = clampi(in->nnodes, 0, LAYOUT_MAX_PANES);
	int sizes = clampi(in->max_page_sizes, 0, SNAP_MAX_PAGE_SIZES);
	bool side = cols >= POOLS_SIDE_BY_SIDE_COLS;
	int pool_h, pool_lines, avail, hdr, mod_rows_want, mod_want, mod_min;
	int mod_h = 0, node_area_h = 0, spare, y;
	const struct stage *st = NULL;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->cols = cols;
	out->rows = rows;
	if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS) {
		out->too_small = true;
		return;
	}

	out->header = mkrect(0, 0, 1, cols);
	out->banner = mkrect(1, 0, 1, cols);
	out->footer = mkrect(rows - 1, 0, 1, cols);

	pool_h = rows >= 20 ? 2 : 1;
	pool_lines = side ? pool_h : 2 * pool_h;
	avail = rows - 3 - pool_lines;

	/* Pool group names get their own title row once there is room (>= 24 rows). */
	hdr = rows >= LAYOUT_GOOD_ROWS ? 2 : 1;
	mod_rows_want = imax(nmod, 1);   /* no modules: one line says why */
	mod_want = hdr + mod_rows_want;
	mod_min = hdr + imin(mod_rows_want, MODULE_MIN_ROWS);

	if (nn == 0) {
		/* One line for "no NUMA nodes reported". */
		node_area_h = 1;
		mod_h = imin(mod_want, avail - node_area_h);
		out->node_form = NODE_FORM_SHORT;
		out->nodes_per_row = 1;
	} else {
		for (i = 0; i < sizeof(stages) / sizeof(stages[0]); i++) {
			int m = stages[i].all_modules ? mod_want : mod_min;
			int nh = nodes_h(stages[i].form, cols, nn, sizes);

			if (stages[i].scroll || nh + m <= avail) {
				st = &stages[i];
				break;
			}
		}
		out->node_form = st->form;
		out->nodes_per_row = per_row(st->form, cols, nn);
		if (!st->scroll) {
			/* As many rows as needed, filled evenly: 2+2 rather than 3+1. */
			int prow = (nn + out->nodes_per_row - 1) / out->nodes_per_row;

			out->nodes_per_row = (nn + prow - 1) / prow;
		}
		if (st->scroll) {
			/* Modules grow to what they want while a few nodes stay in view. */
			mod_h = imax(mod_min, imin(mod_want, avail - 1 - NODE_SCROLL_MIN_LINES));
			node_area_h = avail - mod_h;
		} else {
			node_area_h = nodes_h(st->form, cols, nn, sizes);
			mod_h = imin(mod_want, avail - node_area_h);
		}
	}

	/*
	 * What the modules and nodes leave becomes history, most telling
	 * first: the pools' retries (a sparkline line, then a graph), each
	 * node's free hugepages, the pools' gets/s.  Each stops at its cap;
	 * what is left after that stays blank.
	 */
	spare = avail - mod_h - node_area_h;
	out->show_sparklines = cols >= SPARKLINE_MIN_COLS && pool_h == 2;
	if (out->show_sparklines) {
		int per = side ? 1 : 2;
		int retry = clampi(spare / per, 0, LAYOUT_RETRY_GRAPH_MAX_ROWS), gets;

		spare -= retry * per;
		if (retry == LAYOUT_RETRY_GRAPH_MAX_ROWS && nn > 0 && !st->scroll &&
		    st->form != NODE_FORM_COMPACT) {
			int prow = (nn + out->nodes_per_row - 1) / out->nodes_per_row;
			int hist = imin(spare / prow, LAYOUT_NODE_HIST_MAX_ROWS);

			out->node_hist_rows = hist;
			node_area_h += hist * prow;
			spare -= hist * prow;
		}
		gets = retry == LAYOUT_RETRY_GRAPH_MAX_ROWS ?
		       imin(spare / per, LAYOUT_GETS_GRAPH_MAX_ROWS) : 0;
		if (gets < LAYOUT_GETS_GRAPH_MIN_ROWS)
			gets = 0;
		out->retry_graph_rows = retry;
		out->gets_graph_rows = gets;
		pool_h += retry + gets;
	}
	out->graph_rows = out->retry_graph_rows + out->gets_graph_rows;

	/* Pools. */
	y = 2;
	if (side) {
		int wl = (cols - 1) / 2;

		out->pool_small = mkrect(y, 0, pool_h, wl);
		out->pool_large = mkrect(y, wl + 1, pool_h, cols - wl - 1);
		y += pool_h;
	} else {
		out->pool_small = mkrect(y, 0, pool_h, cols);
		out->pool_large = mkrect(y + pool_h, 0, pool_h, cols);
		y += 2 * pool_h;
	}

	/* Module table. */
	out->modules = mkrect(y, 0, mod_h, cols);
	out->module_header_rows = hdr;
	out->module_columns = modcols_for(cols);
	out->module_visible = imin(mod_h - hdr, mod_rows_want);
	out->module_offset_max = imax(nmod - out->module_visible, 0);
	out->module_first = clampi(in->module_offset, 0, out->module_offset_max);
	out->modules_more_above = out->module_first > 0;
	out->modules_more_below = out->module_first + out->module_visible < nmod;
	out->module_history = cols >= LAYOUT_MODULE_HISTORY_MIN_COLS &&
			      out->module_columns == MODCOLS_FULL;
	y += mod_h;

	/* Nodes. */
	out->nodes = mkrect(y, 0, node_area_h, cols);
	if (nn > 0) {
		int k = out->nodes_per_row;
		struct rect panes_area = out->nodes;
		int first = 0, count = nn;

		if (st->scroll) {
			int lines = node_area_h - 1;
			int fit = lines * k;

			out->nodes_status = mkrect(y, 0, 1, cols);
			panes_area.y++;
			panes_area.h--;
			out->node_offset_max = (nn - fit + k - 1) / k * k;
			first = clampi(in->node_offset, 0, out->node_offset_max) / k * k;
			count = imin(fit, nn - first);
		}
		out->node_first = first;
		out->node_visible = count;
		out->nodes_more_above = first > 0;
		out->nodes_more_below = first + count < nn;
		place_panes(out, panes_area, sizes, first, count);
	}
}
