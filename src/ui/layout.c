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

/*
 * The rows the regions settle between them before any rect is placed: the
 * pools take theirs first, the module table and the nodes share what is
 * left (avail), and what they leave (spare) becomes history.
 */
struct budget {
	int cols, rows;
	int nmod, nn, sizes;           /* clamped inputs; sizes: body lines of a pane */
	bool side;                     /* pools side by side */
	int pool_h;                    /* rows of one pool pane */
	int avail;                     /* rows for the module table and the nodes */
	int hdr;                       /* module table title rows */
	int mod_rows_want;             /* data rows the table wants */
	int mod_want, mod_min;         /* table rows wanted, and the least it takes */
	int mod_h, node_area_h;        /* what each got */
	bool scroll;                   /* the nodes scroll */
};

/* One line each: header and banner on top, the footer on the last row. */
static void frame_place(const struct budget *b, struct layout *out)
{
	out->header = mkrect(0, 0, 1, b->cols);
	out->banner = mkrect(1, 0, 1, b->cols);
	out->footer = mkrect(b->rows - 1, 0, 1, b->cols);
}

/* Pools: their first lines, before anything else; what remains is avail. */
static void pools_size(struct budget *b)
{
	int pool_lines;

	b->pool_h = b->rows >= 20 ? 2 : 1;
	pool_lines = b->side ? b->pool_h : 2 * b->pool_h;
	b->avail = b->rows - 3 - pool_lines;
}

static void modules_want(struct budget *b)
{
	/* Pool group names get their own title row once there is room (>= 24 rows). */
	b->hdr = b->rows >= LAYOUT_GOOD_ROWS ? 2 : 1;
	b->mod_rows_want = imax(b->nmod, 1);   /* no modules: one line says why */
	b->mod_want = b->hdr + b->mod_rows_want;
	b->mod_min = b->hdr + imin(b->mod_rows_want, MODULE_MIN_ROWS);
}

/*
 * The richest node form whose panes fit beside the module table, and the
 * rows each gets; when none fits, compact lines that scroll.
 */
static void nodes_size(struct budget *b, struct layout *out)
{
	const struct stage *st = NULL;
	size_t i;

	if (b->nn == 0) {
		/* One line for "no NUMA nodes reported". */
		b->node_area_h = 1;
		b->mod_h = imin(b->mod_want, b->avail - b->node_area_h);
		out->node_form = NODE_FORM_SHORT;
		out->nodes_per_row = 1;
		return;
	}
	for (i = 0; i < sizeof(stages) / sizeof(stages[0]); i++) {
		int m = stages[i].all_modules ? b->mod_want : b->mod_min;
		int nh = nodes_h(stages[i].form, b->cols, b->nn, b->sizes);

		if (stages[i].scroll || nh + m <= b->avail) {
			st = &stages[i];
			break;
		}
	}
	out->node_form = st->form;
	out->nodes_per_row = per_row(st->form, b->cols, b->nn);
	b->scroll = st->scroll;
	if (!b->scroll) {
		/* As many rows as needed, filled evenly: 2+2 rather than 3+1. */
		int prow = (b->nn + out->nodes_per_row - 1) / out->nodes_per_row;

		out->nodes_per_row = (b->nn + prow - 1) / prow;
		b->node_area_h = nodes_h(st->form, b->cols, b->nn, b->sizes);
		b->mod_h = imin(b->mod_want, b->avail - b->node_area_h);
	} else {
		/* Modules grow to what they want while a few nodes stay in view. */
		int keep = b->avail - 1 - NODE_SCROLL_MIN_LINES;

		b->mod_h = imax(b->mod_min, imin(b->mod_want, keep));
		b->node_area_h = b->avail - b->mod_h;
	}
}

/*
 * What the modules and nodes leave becomes history, most telling first:
 * the pools' retries (a sparkline line, then a graph), each node's free
 * hugepages, the pools' gets/s.  Each stops at its cap; what is left after
 * that stays blank.
 */
static void spare_share(struct budget *b, struct layout *out)
{
	int spare = b->avail - b->mod_h - b->node_area_h;
	int per = b->side ? 1 : 2;
	int retry, gets;

	out->show_sparklines = b->cols >= SPARKLINE_MIN_COLS && b->pool_h == 2;
	if (out->show_sparklines) {
		retry = clampi(spare / per, 0, LAYOUT_RETRY_GRAPH_MAX_ROWS);
		spare -= retry * per;
		if (retry == LAYOUT_RETRY_GRAPH_MAX_ROWS && b->nn > 0 && !b->scroll &&
		    out->node_form != NODE_FORM_COMPACT) {
			int prow = (b->nn + out->nodes_per_row - 1) / out->nodes_per_row;
			int hist = imin(spare / prow, LAYOUT_NODE_HIST_MAX_ROWS);

			out->node_hist_rows = hist;
			b->node_area_h += hist * prow;
			spare -= hist * prow;
		}
		gets = retry == LAYOUT_RETRY_GRAPH_MAX_ROWS ?
		       imin(spare / per, LAYOUT_GETS_GRAPH_MAX_ROWS) : 0;
		if (gets < LAYOUT_GETS_GRAPH_MIN_ROWS)
			gets = 0;
		out->retry_graph_rows = retry;
		out->gets_graph_rows = gets;
		b->pool_h += retry + gets;
	}
	out->graph_rows = out->retry_graph_rows + out->gets_graph_rows;
}

/* The two pool panes from row y, stacked or side by side; returns the row after them. */
static int pools_place(const struct budget *b, struct layout *out, int y)
{
	if (b->side) {
		int wl = (b->cols - 1) / 2;

		out->pool_small = mkrect(y, 0, b->pool_h, wl);
		out->pool_large = mkrect(y, wl + 1, b->pool_h, b->cols - wl - 1);
		return y + b->pool_h;
	}
	out->pool_small = mkrect(y, 0, b->pool_h, b->cols);
	out->pool_large = mkrect(y + b->pool_h, 0, b->pool_h, b->cols);
	return y + 2 * b->pool_h;
}

/* The module table from row y, its columns and its scroll range; returns the row after it. */
static int modules_place(const struct budget *b, int offset, struct layout *out, int y)
{
	out->modules = mkrect(y, 0, b->mod_h, b->cols);
	out->module_header_rows = b->hdr;
	out->module_columns = modcols_for(b->cols);
	out->module_visible = imin(b->mod_h - b->hdr, b->mod_rows_want);
	out->module_offset_max = imax(b->nmod - out->module_visible, 0);
	out->module_first = clampi(offset, 0, out->module_offset_max);
	out->modules_more_above = out->module_first > 0;
	out->modules_more_below = out->module_first + out->module_visible < b->nmod;
	out->module_history = b->cols >= LAYOUT_MODULE_HISTORY_MIN_COLS &&
			      out->module_columns == MODCOLS_FULL;
	return y + b->mod_h;
}

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

/* The node area from row y: a status line while scrolling, then the visible panes. */
static void nodes_place(const struct budget *b, int offset, struct layout *out, int y)
{
	int k = out->nodes_per_row;
	struct rect panes_area;
	int first = 0, count = b->nn;

	out->nodes = mkrect(y, 0, b->node_area_h, b->cols);
	if (b->nn == 0)
		return;
	panes_area = out->nodes;
	if (b->scroll) {
		int fit = (b->node_area_h - 1) * k;

		out->nodes_status = mkrect(y, 0, 1, b->cols);
		panes_area.y++;
		panes_area.h--;
		out->node_offset_max = (b->nn - fit + k - 1) / k * k;
		first = clampi(offset, 0, out->node_offset_max) / k * k;
		count = imin(fit, b->nn - first);
	}
	out->node_first = first;
	out->node_visible = count;
	out->nodes_more_above = first > 0;
	out->nodes_more_below = first + count < b->nn;
	place_panes(out, panes_area, b->sizes, first, count);
}

static void compute(const struct layout_input *in, struct layout *out)
{
	struct budget b = {
		.cols = in->cols,
		.rows = in->rows,
		.nmod = imax(in->nmodules, 0),
		.nn = clampi(in->nnodes, 0, LAYOUT_MAX_PANES),
		/* The heap line is one more body line in the forms that have a body. */
		.sizes = imax(clampi(in->max_page_sizes, 0, SNAP_MAX_PAGE_SIZES), 1) +
			 (in->node_heap_line ? 1 : 0),
		.side = in->cols >= POOLS_SIDE_BY_SIDE_COLS,
	};
	int y;

	memset(out, 0, sizeof(*out));
	out->cols = b.cols;
	out->rows = b.rows;
	if (b.cols < LAYOUT_MIN_COLS || b.rows < LAYOUT_MIN_ROWS) {
		out->too_small = true;
		return;
	}
	frame_place(&b, out);
	/* Sizes first, in the order the regions are served; then top to bottom. */
	pools_size(&b);
	modules_want(&b);
	nodes_size(&b, out);
	spare_share(&b, out);
	y = pools_place(&b, out, 2);
	y = modules_place(&b, in->module_offset, out, y);
	nodes_place(&b, in->node_offset, out, y);
}

/*
 * The heap line may take a history row, but never the pools' retry history
 * as a whole, a module row, a node or the panes' form.
 */
static bool costs_little(const struct layout *with, const struct layout *without)
{
	return with->node_form == without->node_form &&
	       (with->retry_graph_rows > 0) == (without->retry_graph_rows > 0) &&
	       with->show_sparklines == without->show_sparklines &&
	       with->module_visible == without->module_visible &&
	       with->node_visible == without->node_visible &&
	       with->too_small == without->too_small;
}

void layout_compute(const struct layout_input *in, struct layout *out)
{
	struct layout_input plain = *in;
	struct layout without;

	plain.node_heap_line = false;
	compute(&plain, &without);
	if (in->node_heap_line) {
		compute(in, out);
		if (costs_little(out, &without) && out->node_form != NODE_FORM_COMPACT &&
		    out->npanes > 0) {
			out->node_heap_line = true;
			return;
		}
	}
	*out = without;
}
