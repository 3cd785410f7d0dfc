/*
 * layout: where each part of the dashboard goes, as a pure function.
 *
 * layout_compute() turns (terminal size, what there is to show, scroll
 * offsets) into rectangles: header, alert banner, the two pool panes, the
 * module table, one pane per visible NUMA node, footer.  No ncurses, no I/O,
 * no state: the same input always gives the same output, so it is tested
 * without a terminal.  Guarantees, for every input:
 *   - every rect lies inside cols x rows and no two rects overlap;
 *   - unless too_small: header, banner, both pools and footer are visible
 *     (h >= 1, w >= LAYOUT_MIN_COLS), the module table has at least its
 *     header row and one data row, and at least one node is visible when
 *     there are nodes;
 *   - nodes never overflow: they compress (NODE_FORM_FULL -> SHORT ->
 *     COMPACT) and, when even one line per node does not fit, scroll: the
 *     visible range is returned together with "more above/below" flags;
 *     all panes have one size, rows of panes are filled evenly;
 *   - modules and nodes get the rows they want first; what they leave goes,
 *     in this order, to the pools' retry graphs (up to
 *     LAYOUT_RETRY_GRAPH_MAX_ROWS), to a free-hugepage history in every node
 *     pane (up to LAYOUT_NODE_HIST_MAX_ROWS), to a gets/s graph under each
 *     retry graph (LAYOUT_GETS_GRAPH_MIN_ROWS .. _MAX_ROWS); rows left after
 *     that stay blank above the footer: a taller graph tells nothing more.
 * A rect with h == 0 or w == 0 is absent and must not be drawn.
 */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stdbool.h>

#include "snapshot.h"

/* Below this the dashboard draws only "terminal too small" (widget_too_small). */
#define LAYOUT_MIN_COLS 40
#define LAYOUT_MIN_ROWS 12
/* The size at which nothing is left out (named in the too-small message too). */
#define LAYOUT_GOOD_COLS 80
#define LAYOUT_GOOD_ROWS 24

#define LAYOUT_MAX_PANES SNAP_MAX_NODES
/* History rows stop here: taller, a graph is mostly blank or a solid block. */
#define LAYOUT_RETRY_GRAPH_MAX_ROWS 8
#define LAYOUT_GETS_GRAPH_MIN_ROWS 3   /* its legend: title, peak, time span */
#define LAYOUT_GETS_GRAPH_MAX_ROWS 6
#define LAYOUT_NODE_HIST_MAX_ROWS 4    /* a label line and a graph of three rows */
/* From here the module table has a retry sparkline per pool group. */
#define LAYOUT_MODULE_HISTORY_MIN_COLS 160

struct rect {
	int y, x, h, w;
};

/* How many columns of the module table are shown (more as the terminal widens). */
enum modcols {
	MODCOLS_MINIMAL = 0,  /* retries/s per pool */
	MODCOLS_REDUCED,      /* gets/s, hit %, retries/s per pool */
	MODCOLS_COMPACT,      /* all five per pool, numbers shortened (148.5k) */
	MODCOLS_FULL,         /* all five per pool, numbers with thousands separators */
};

/* How a NUMA node pane is drawn. */
enum node_form {
	NODE_FORM_FULL = 0,   /* bordered box: title, MemFree, [heap,] one line per page size */
	NODE_FORM_SHORT,      /* no border: title line with MemFree, [heap,] one line per size */
	NODE_FORM_COMPACT,    /* one line per node */
};

struct layout_input {
	int cols, rows;        /* terminal size */
	int nmodules;          /* rows of the module table (0: per-module stats absent) */
	int nnodes;            /* NUMA nodes to show (0..LAYOUT_MAX_PANES) */
	int max_page_sizes;    /* most page sizes any node has (0..SNAP_MAX_PAGE_SIZES) */
	int module_offset;     /* requested first module row; clamped */
	int node_offset;       /* requested first node; clamped */
	bool node_heap_line;   /* SPDK's heap is known: a line in boxed and short node panes */
};

struct node_pane {
	struct rect r;
	int node;              /* index into the snapshot's hugepages.nodes[] */
};

struct layout {
	bool too_small;        /* only widget_too_small may draw; all rects are empty */
	int cols, rows;

	struct rect header;    /* 1 line */
	struct rect banner;    /* 1 line */
	/*
	 * Pools: 1 line below 20 rows, else 2 (utilization, size), then
	 * graph_rows of history: the retries (1: a sparkline line; more: a
	 * graph), and under them, once the retry graph has all its rows, a
	 * gets/s graph.  Side by side from 160 columns.
	 */
	struct rect pool_small, pool_large;
	bool show_sparklines;
	int graph_rows;                /* pool lines below the first two: retry + gets rows */
	int retry_graph_rows;          /* 0 .. LAYOUT_RETRY_GRAPH_MAX_ROWS */
	int gets_graph_rows;           /* 0, or GETS_GRAPH_MIN_ROWS .. _MAX_ROWS */

	/* Module table: header_rows of column titles, then module_visible data rows. */
	struct rect modules;
	int module_header_rows;        /* 1 or 2 */
	enum modcols module_columns;
	int module_first;              /* clamped module_offset */
	int module_visible;            /* data rows that fit (>= 1 when not too_small) */
	int module_offset_max;         /* largest useful module_offset */
	bool modules_more_above, modules_more_below;
	bool module_history;           /* a retries/s sparkline column per pool group */

	/* NUMA nodes: a status line (only while scrolling), then the panes. */
	struct rect nodes;             /* the whole node area */
	struct rect nodes_status;      /* "nodes 4-9 of 16  more above/below"; h = 0 if none */
	enum node_form node_form;
	/*
	 * The heap line was asked for and costs little: a history row may go,
	 * but not the pools' retry history as a whole, a module row, a node or
	 * the node form (else it is left out).
	 */
	bool node_heap_line;
	int node_first;                /* clamped node_offset */
	int node_visible;              /* = npanes */
	int node_offset_max;           /* largest useful node_offset */
	int nodes_per_row;             /* panes side by side */
	/*
	 * Lines at the bottom of every pane (inside its box) for the node's
	 * free-hugepage history: 0 .. LAYOUT_NODE_HIST_MAX_ROWS, only in the
	 * FULL and SHORT forms and never while the nodes scroll.
	 */
	int node_hist_rows;
	bool nodes_more_above, nodes_more_below;
	int npanes;
	struct node_pane panes[LAYOUT_MAX_PANES];

	struct rect footer;            /* 1 line, the last row */
};

void layout_compute(const struct layout_input *in, struct layout *out);

/* Rect helpers (pure). */
bool rect_empty(struct rect r);
bool rect_inside(struct rect r, int cols, int rows);
bool rect_overlap(struct rect a, struct rect b);

#endif
