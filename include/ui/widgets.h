/*
 * widgets: draw one part of the dashboard into a rectangle of a WINDOW.
 *
 * Every widget has one shape:
 *
 *   void widget_X_draw(WINDOW *win, struct rect r, const struct widget_env *env,
 *                      const struct X_view *v);
 *
 * v is a view of what it shows: borrowed data (snapshot pieces, rates,
 * history arrays) and whatever the layout decided beyond the rectangle
 * (rows of history, the columns of a table, the rows in view).  r is where
 * it draws, env how it looks: the palette (ui_palette.h, semantic elements)
 * and the glyph table (glyphs.h).  A widget reads only those and writes
 * only cells of r (clearing or filling them, cutting text at the edge); it
 * never scrolls the window, never refreshes, does no I/O and keeps no
 * state of its own (what a few remember of the window between frames, to
 * leave what stands, is the caller's: the module table's row marks, the
 * graph and pool memos).  Every meaning also has a text or glyph marker, so monochrome and
 * ASCII lose nothing.  Which rect and which geometry is layout.h's job,
 * composing them the screens' (screens.h).  docs/screen.md describes what
 * each part shows.
 *
 * The widgets: bar, sparkline, graph, header, banner, pool, module table,
 * node pane, node history, nodes status, footer, too small.  The other
 * functions here are not widgets and have shapes of their own:
 *   - drawing primitives the widgets are made of: widget_clear,
 *     widget_text, widget_box;
 *   - text and measures, which draw nothing: widget_text_width,
 *     widget_text_elide, widget_span_text, widget_bar_cells,
 *     widget_sparkline_level, widget_graph_scale, widget_graph_window,
 *     widget_pool_bar_width, widget_node_cols (what a caller needs to
 *     fill or line up views).
 */
#ifndef WIDGETS_H
#define WIDGETS_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "alerts.h"
#include "compare_view.h"
#include "glyphs.h"
#include "history.h"
#include "iobuf_rates.h"
#include "layout.h"
#include "module_order.h"
#include "pool_nodes.h"
#include "snapshot.h"
#include "ui_palette.h"

/* The theme every widget draws with. */
struct widget_env {
	const struct ui_palette *pal;
	const struct glyphs *gl;
};

/* ---- primitives and text (not widgets) ---------------------------------- */

/* Fills r with blanks in UI_NORMAL. */
void widget_clear(WINDOW *win, struct rect r, const struct widget_env *env);

/* A cell ready to copy into a window: ch in attr, its colour pair split out. */
void widget_cell(cchar_t *c, wchar_t ch, attr_t attr);

/*
 * Writes s at (y, x) in at most maxw columns, cutting with the ellipsis
 * glyph when it does not fit; returns the columns written.  Control bytes
 * and, in ASCII, every non-ASCII byte are drawn as '?', so foreign text
 * (a version string, an error message) cannot break the screen.
 */
int widget_text(WINDOW *win, int y, int x, int maxw, attr_t attr, const struct widget_env *env,
		const char *s);

/* Columns s takes on screen under env's glyph set (same rules as widget_text). */
int widget_text_width(const struct widget_env *env, const char *s);

/*
 * s in at most w columns by taking out its middle, marked with the ellipsis
 * glyph ("unix:/tmp/spdk-m~o/spdk.sock"), into buf; s itself when it fits.
 * For names whose end matters as much as their start.  Returns buf.
 */
char *widget_text_elide(const struct widget_env *env, const char *s, int w, char *buf,
			size_t len);

/*
 * The first line of s in w columns: its length in bytes, and in *skip how
 * far the next line starts.  A line breaks at a blank (dropped) or after a
 * '/', whichever comes later, when that keeps at least half the line; else
 * it is cut at the edge.  Nothing is lost: the lines together are s.
 */
size_t widget_wrap_line(const struct widget_env *env, const char *s, int w, size_t *skip);

/* A border round r (UI_BORDER) with a title in its top edge (UI_TITLE); title may be NULL. */
void widget_box(WINDOW *win, struct rect r, const struct widget_env *env, const char *title);

/* ---- bar -------------------------------------------------------------- */

struct bar_view {
	double used, cached, total;
};

/*
 * An r.w-cell bar on the first row of r: `used` cells (bar_used,
 * UI_BAR_USED), then `cached` cells (bar_cached, UI_BAR_CACHED), then free
 * (bar_free, UI_BAR_FREE), as shares of total.  Cells are rounded, but a
 * non-zero part gets at least one cell and a bar that is not full never
 * looks full.  total <= 0 or NaN draws an all-free bar.
 */
void widget_bar_draw(WINDOW *win, struct rect r, const struct widget_env *env,
		     const struct bar_view *v);
/* The cell counts widget_bar_draw uses for a w-cell bar. */
void widget_bar_cells(int w, double used, double cached, double total, int *nused, int *ncached);

/* ---- sparkline and graph ---------------------------------------------- */

/*
 * What a graph drew into a window, for the next draw to write only the rows
 * that differ: a busy graph moves in its top row alone, and building,
 * copying and comparing every cell of it was most of a busy frame (issue
 * 10).  The caller owns it; zeroed it knows nothing.  The caller sets valid
 * to false whenever something else may have written over the graph (an
 * erased window, a resize, another theme) and clears a row's bit in known
 * when it wrote over that row (a label), unless it knows the row holds what
 * it held.  The graph itself draws every row when the window, the rect or
 * the look of its cells (glyphs, palette, alert colour) changed.
 */
#define GRAPH_MEMO_COLS 512   /* a wider graph draws every row */
#define GRAPH_MEMO_ROWS 32

struct graph_memo {
	bool valid;
	const WINDOW *win;
	struct rect r;               /* as given to the draw */
	uint64_t look;               /* of the cells each level is drawn as */
	uint32_t known;              /* rows holding lvl's cells; bit i: i rows up from the bottom */
	uint32_t drawn;              /* out: the rows the last draw wrote */
	short lvl[GRAPH_MEMO_COLS];  /* each column's height; -1 no data, -2 left of the data */
};

/* A series over time, for a sparkline or a graph. */
struct sparkline_view {
	const double *v;       /* oldest first; NaN = no data */
	size_t n;
	double max;            /* the scale; <= 0 or NaN: the largest value shown */
	bool alert_nonzero;    /* cells > 0 in UI_SPARKLINE_ALERT */
};

/*
 * The newest min(n, r.w) of v[0..n), right-aligned in the first row of r;
 * cells without a value are blank.  0 draws spark[0] (blank), any value > 0
 * at least level 1, NaN the gap glyph in UI_GAP (a gap is never drawn as
 * zero).
 */
void widget_sparkline_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			   const struct sparkline_view *v);
/* Level 0..levels of v under max (> 0); -1 for NaN. */
int widget_sparkline_level(double v, double max, int levels);

/*
 * A sparkline r.h rows tall in r: the same rules, with r.h x spark_levels
 * levels, each column filled from the bottom row up (whole cells below its
 * top).  A gap is marked on the bottom row only.  widget_sparkline_draw is
 * this graph one row tall.
 */
void widget_graph_draw(WINDOW *win, struct rect r, const struct widget_env *env,
		       const struct sparkline_view *v);
/* The same with a memo of what it drew there (NULL: every row drawn); see graph_memo. */
void widget_graph_draw_memo(WINDOW *win, struct rect r, const struct widget_env *env,
			    const struct sparkline_view *v, struct graph_memo *m);
/* The largest value among the newest w of v[0..n) (what a graph w wide scales to); NaN if none. */
double widget_graph_scale(const double *v, size_t n, int w);
/*
 * The columns of h a graph width columns wide ending at p shows:
 * history_window's, and two rules while the history is young.
 *   - rates (the series are rates, retries or gets): without the first
 *     tick while the window reaches back to it and that tick has no rates
 *     (the first snapshot has none before it to compare with); drawn, its
 *     gap would cross the graph one column a tick as the history fills.
 *     Later gaps stay.
 *   - live, while the history is shorter than width: only its newest 1,
 *     11, 21, ... of those columns (one more than a multiple of
 *     GRAPH_REVEAL_STEP).  The graph's old edge, and the time span its
 *     legend states, then move GRAPH_REVEAL_STEP columns at a time instead
 *     of every tick, so that an idle tick while the history fills writes
 *     the clock alone (issue 10).  What is left out is the oldest few
 *     points, never more than GRAPH_REVEAL_STEP - 1: what is drawn is data,
 *     and its span is said exactly.  Once the window is full, every column
 *     shows.
 */
#define GRAPH_REVEAL_STEP 10
void widget_graph_window(const struct history *h, const struct hist_pos *p, size_t width,
			 bool rates, struct hist_window *w);
/*
 * "over 42s", "over 2m30s", "over 1h05m": the time the newest w of the n
 * points of wall (a wall clock per point) cover; "" when not known.
 */
void widget_span_text(const double *wall, size_t n, int w, char *buf, size_t len);

/* ---- header ----------------------------------------------------------- */

struct header_view {
	const struct snapshot *snap;   /* NULL before the first snapshot: "connecting" */
	double unreachable_since;      /* wall clock of the first failed tick; 0 = unknown */
	double interval;               /* seconds */
	bool paused;
	double now;                    /* wall clock, shown as local HH:MM:SS */
	const char *replay;            /* replay: "REPLAY 14:03:22 x10" in the clock's place */
	const char *compare;           /* compare mode: "vs baseline-x.json, 12m ago"; or NULL */
	const char *compare_name;      /* ... the file it names: "baseline-x.json" */
	const char *compare_age;       /* ... its age when room is short: "12m ago", "12m old" */
	const char *history;           /* scrolled back: "< history to 14:02, 1-min max  ] live" */
	const char *history_short;     /* ... when that does not fit: "< 14:02 1m" */
};

/*
 * One line: program, target address (a socket path without "unix:"), SPDK
 * version, state ("running", "startup", "unreachable since 03:12:07:
 * connection refused"), and on the right "!2 errors (e)" in
 * UI_ALERT_WARNING while the snapshot's errors hold anything (distinct
 * messages plus those it had no room for), PAUSED, the interval, the local
 * time.  Narrow: detail goes least useful first (git hash, program name,
 * "every", "SPDK"), the target loses its middle ("/tmp/spdk-m~/spdk.sock"),
 * the error count its words ("!2 err"), the state takes its short form;
 * only then the version, more of the target, the clock and the interval.
 * At 80 columns a running or starting target keeps every part (in compare
 * mode the version gives way to the baseline's name).  PAUSED,
 * the error count and the state stay.  In replay the clock's place shows
 * v->replay (REPLAY, the recorded time, the speed) in UI_ALERT_WARNING
 * instead of the interval and the clock, and it stays as long as PAUSED does.
 * In compare mode the baseline and its age stand on the right
 * (UI_ALERT_WARNING), in their short form ("vs NAME AGE") first when room
 * is short; the name then loses its middle like the target and keeps a
 * readable part of both ends until the interval, the version and the clock
 * have gone: which file is compared with is never left out.
 * While the graphs are scrolled back, v->history stands on the right in
 * UI_ALERT_WARNING the same way (short form first), and stays.
 * Returns the column the clock starts at when it is shown whole at the
 * right end (widget_header_draw_clock can then redraw it alone), else -1.
 */
int widget_header_draw(WINDOW *win, struct rect r, const struct widget_env *env,
		       const struct header_view *v);
/*
 * Only the clock of a header line drawn before with the clock at column x
 * (widget_header_draw's answer): from one second to the next nothing else
 * of the line moves.
 */
void widget_header_draw_clock(WINDOW *win, int y, int x, const struct widget_env *env,
			      double now);

/* ---- alert banner ----------------------------------------------------- */

struct banner_view {
	const struct alerts_summary *sum;   /* NULL: nothing active */
	/*
	 * The flash phase of an unacknowledged critical alert (the caller
	 * toggles it at most twice a second; false for --no-flash).
	 */
	bool emphasis;
};

/*
 * One line.  Nothing active: "OK no active alerts" in UI_ALERT_OK.  Else the
 * most severe alert's text after a marker ("!!" critical, "!" warning),
 * "+N more" when others are active, and "(ack: a)" while a critical alert
 * is unacknowledged ("(acked)" once it is).  Unacknowledged critical:
 * emphasis draws the line with A_REVERSE|A_BOLD added, its absence with
 * both removed.  Never A_BLINK.
 */
void widget_banner_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			const struct banner_view *v);

/* ---- pool pane -------------------------------------------------------- */

/*
 * What a pool pane drew into a window, for the next draw to leave what
 * stands in its graphs' rows: a row whose scale and legend say the same
 * is not blanked and written again beside its graph, and the graph's rows
 * are kept as graph_memo keeps them.  Lines 1 and 2 are drawn every time.
 * The caller owns it; zeroed it knows nothing.  The caller sets valid to
 * false whenever something else may have written over the pane (an erased
 * window, a resize, another theme); another window or rect draws it whole.
 */
#define POOL_MEMO_BAND_ROWS 8   /* the taller of the two graphs' row caps */

struct pool_memo {
	bool valid;
	const WINDOW *win;
	struct rect r;
	struct pool_band_memo {
		uint64_t row_fp[POOL_MEMO_BAND_ROWS];   /* what each row shows beside its graph */
		int label_row;                          /* the row a label covers, or -1 */
		struct graph_memo graph;
	} band[2];   /* the retries' graph, the gets' */
};

struct pool_view {
	const char *name;                     /* "small", "large" */
	const struct iobuf_pool_summary *sum;
	double retry_rate;                    /* retries/s now; NaN when not known */
	const double *hist;                   /* retries/s, oldest first, NaN = gap */
	size_t nhist;
	const double *wall;                   /* wall clock of each hist point, or NULL */
	int bar_w;                            /* 0: the widget's choice; else this bar width */
	const double *gets;                   /* gets/s at the same points as hist, or NULL */
	bool show_sparkline;                  /* history below line 1 (layout's show_sparklines) */
	double central_pct;                   /* share of gets that went to the central pool; NaN */
	const char *node_use;                 /* "node 0 100%  node 1 12%" (enable_numa), or NULL */
	const char *compare;                  /* compare mode: line 2 (compare_view.h), or NULL */
	const struct pool_nodes *nodes;       /* the pool's rings per node (exact, ring read), or NULL */
};

/*
 * Line 1: name, utilization bar, percent and numbers.  UTIL_EXACT: buffers
 * out of the central pool, "87.5% in use  896 / 1,024", the part the caches'
 * configured reservation may hold in cached cells, the rest in used cells.
 * UTIL_RESERVED: only the reservation is known, in cached cells: "42.0%
 * reserved by thread caches (configured)  3,441 / 8,192" (never called use
 * or occupancy; shortened to "reserved (cfg)"), and line 2 adds what the
 * counters say live: the share of gets that went to the central pool.
 * Pools per NUMA node (nodes with more than one ring, enable_numa): the bar
 * and the figure are the fullest node's ring, never the sum, so a dry node
 * next to an idle one reads 100%: "node 0 100.0% in use  1,024 / 1,024
 * fullest of 2 nodes, all 50%", its reservation the pool's divided by the
 * nodes (every channel fills a cache of the same size on every node).  As
 * the width shrinks the numbers go first, then the words, then the sum;
 * "node 0 100%" stays while there is a bar at all.  With node_use line 2
 * ends in each node's use ("node 0 100%  node 1 0%") where it fits.
 * UTIL_UNKNOWN: "occupancy not reported", no bar.  While retries happen
 * (retry_rate > 0) the line ends in "!! RAN DRY" in UI_ALERT_CRITICAL, so a
 * low reserved share next to a dry pool is never read as "fine"; room for it
 * is kept all the time, so the bar does not jump.  On a one-line pane the
 * retries join line 1 instead ("!! retries 148,507/s").
 * Line 2: buffer size, pool memory (count x bufsize), retries/s now; with
 * show_sparkline and only 2 lines, the retry sparkline fills the rest.
 * Line 3 (r.h == 3, show_sparkline): "retries/s <sparkline>  peak N".
 * Lines 3.. (r.h >= 4, show_sparkline): a graph of the retries, r.h - 2
 * rows tall up to LAYOUT_RETRY_GRAPH_MAX_ROWS, its scale at the left (the
 * top's value, 0), at the right "retries/s", the exact peak and the time
 * the graph covers (from wall).  With gets and at least
 * LAYOUT_GETS_GRAPH_MIN_ROWS below it, a graph of gets/s there (the demand
 * the retries come from, its own scale, at most _MAX_ROWS); rows beyond
 * both stay blank.  In compare mode (compare set) line 2 is that text, the
 * changes since the baseline, instead.
 */
void widget_pool_draw(WINDOW *win, struct rect r, const struct widget_env *env,
		      const struct pool_view *v);
/* The same with a memo of what it drew there (NULL: drawn whole); see pool_memo. */
void widget_pool_draw_memo(WINDOW *win, struct rect r, const struct widget_env *env,
			   const struct pool_view *v, struct pool_memo *m);

/*
 * The bar width line 1 of p would take in r (0: no bar).  The caller gives
 * both pools the smaller of theirs as bar_w, so the two bars line up.
 */
int widget_pool_bar_width(const struct widget_env *env, struct rect r, const struct pool_view *p);

/* ---- module table ----------------------------------------------------- */

struct module_table_view {
	const struct snapshot *snap;          /* modules, names, cache_size */
	const struct iobuf_rates *rates;      /* NULL or !valid: rates drawn as "-" */
	enum module_sort sort;                /* order (module_order.h), marked in the header */
	const struct history *hist;           /* per-module retries/s; NULL: no history column */
	const struct hist_pos *hist_pos;      /* where the column ends (live or scrolled back) */
	/* What the layout decided (its module_* fields). */
	int header_rows;                      /* title rows: 1 or 2 */
	enum modcols columns;                 /* which columns per pool */
	int first, visible;                   /* the rows in view, in sort order */
	bool more_above, more_below;          /* rows out of view */
	bool history;                         /* room for a history column per pool */
	const struct compare_view *cmp;       /* compare mode: cells since the baseline; or NULL */
	/*
	 * What each line of r holds (NULL, or fewer than r.h: not kept), set
	 * by every draw.  With keep the window still holds what the marks
	 * say, and a line whose print is the same is left as it stands: a
	 * tick that moves one module's rates redraws that row alone.  The
	 * history column and compare mode are not in a print: keep them off.
	 */
	uint64_t *row_marks;
	int nrow_marks;
	bool keep;
};

/*
 * The table in r: header_rows title rows (the sort key and the pool group
 * names, then column names with the sorted columns underlined and "more
 * above/below" marks; one row: the key replaces "module" and the
 * separators read S and L), then the rows first .. first + visible - 1 in
 * sort order.  Per pool: gets/s, cache hit %, refills/s from the central
 * pool, retries/s, cache_size, cut down to columns.  Rows with retries use
 * UI_SPARKLINE_ALERT for the retries cell.  With history and hist, each
 * pool group ends in a column of the module's retries/s over time (a
 * sparkline, newest at the right, NaN a gap), in the columns the numbers
 * leave, one scale per pool for every module (the peak in the title).
 * Without per-module stats one line says why (aggregate form, or no stats).
 * In compare mode (cmp) the columns are the changes since the baseline:
 * gets, refills and retries counted since (a reset says "reset"), the
 * cache's share of the gets since as hit % ("-" when none came), the
 * cache_size change; a module the baseline lacks reads "?".
 */
void widget_module_table_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			      const struct module_table_view *v);

/* ---- NUMA node panes -------------------------------------------------- */

/*
 * The columns every node pane shares, so that bars and numbers line up from
 * line to line and pane to pane: the page sizes of all nodes (smallest
 * first, one line or slot each) and the widest number of each kind.  Fill
 * it from the whole snapshot, not only the visible nodes, so that scrolling
 * never moves a column.
 */
struct node_cols {
	int nsizes;                              /* distinct page sizes over all nodes */
	uint64_t page_kb[SNAP_MAX_PAGE_SIZES];
	int label_w;                             /* "2M", "1G" */
	int used_w, total_w, free_w, surp_w;     /* widest numbers, separators included */
	bool any_surplus;                        /* some node has surplus pages */
	int id_w;                                /* widest node id */
	int mem_w;                               /* widest "MemFree 12 GiB" */
};

/* Fills c from every node of hp. */
void widget_node_cols(const struct hugepage_snapshot *hp, struct node_cols *c);

struct node_pane_view {
	const struct hugepage_node *node;
	const struct node_cols *cols;   /* the columns all panes share; NULL: this node's own */
	enum node_form form;
	bool unbalanced;                /* the imbalance alert is active for this node */
	const char *compare;            /* compare mode: free pages since the baseline, or NULL */
	/* The SPDK heap line (layout's node_heap_line): the snapshot's heaps, or NULL: none. */
	const struct spdk_heaps *heaps;
	double now;                     /* mono, for the figures' age */
	uint64_t large_bufsize;         /* iobuf's, 0 unknown: a smaller largest block is low */
};

/*
 * The SPDK heap line of a node pane, the richest form that fits w columns:
 * "SPDK heap 771 MiB used of 782 MiB, largest free 1.0 MiB, read 12 s ago"
 * then "heap 771M/782M, largest free 1.0M" (units named as the page sizes
 * are) down to "heap 771 MiB/782 MiB"; "SPDK heap: none on this node" when the
 * dump lists no heap for it; "SPDK heap: " and why when it cannot be read.
 * A largest free block below large_bufsize says so in words
 * ("largest free 64 KiB < 1 large buffer", "64K LOW") and returns true.
 */
#define WIDGET_NODE_HEAP_TEXT_LEN (MT_ERR_LEN + 32)   /* the longest line, why included */
bool widget_node_heap_text(const struct spdk_heaps *h, int node, double now,
			   uint64_t large_bufsize, int w, const struct widget_env *env, char *buf,
			   size_t len);

/*
 * One node in r, in the given form, in the columns of cols.  Per page size
 * (labelled like the kernel's hugepagesz: 2M, 1G): a used/total bar
 * (UI_BAR_USED) of one width for every line of every pane of that width,
 * used/total with the slash in one column, free and surplus right-aligned
 * (surplus dropped, everywhere at once, only when no node has any and
 * space is short); and the node's MemFree.  A size with no pages says
 * "none configured", one the node does not list "not reported"; a node
 * without any pages says so in one line.  unbalanced adds "UNBALANCED" in
 * UI_NODE_IMBALANCED, which is the last thing to give way.  In compare
 * mode, compare takes MemFree's place.
 */
void widget_node_pane_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			   const struct node_pane_view *v);
/*
 * Only the SPDK heap line of a pane drawn before in r with v's form: its age
 * ("read 12 s ago") moves every second while the rest of the pane stays.
 */
void widget_node_pane_draw_heap(WINDOW *win, struct rect r, const struct widget_env *env,
				const struct node_pane_view *v);
/*
 * The part of the heap line that moves with time alone (", read 12 s ago",
 * or ""): what else the line says follows the heaps, so a caller that
 * fingerprints those need not format the whole line to see it move.
 */
void widget_node_heap_age(const struct spdk_heaps *h, double now, char *buf, size_t len);
/*
 * The columns a heap line w wide leaves for that age beside the rest of its
 * richest form, or -1 when it never shows one (not read, no heap on the
 * node): an age wider than that is not drawn, so moving it changes nothing.
 */
int widget_node_heap_age_room(const struct spdk_heaps *h, int node, uint64_t large_bufsize,
			      int w, const struct widget_env *env);
/* The same for the heap line of a pane of v in r (-1: the pane has none). */
int widget_node_pane_heap_age_room(struct rect r, const struct widget_env *env,
				   const struct node_pane_view *v);

/* A node's free-hugepage history, as history_node() holds it, and where it stands now. */
struct node_history_view {
	const double *free_pct;  /* free share of the node's hugepage memory, 0..100; NaN = gap */
	size_t n;                /* points, oldest first */
	const double *wall;      /* wall clock of each point, or NULL */
	uint64_t free_kb, total_kb;   /* now, every page size (the label) */
	enum node_form form;     /* the pane's */
	int rows;                /* lines the layout gives it (layout's node_hist_rows) */
};

/*
 * The history in the last `rows` lines of the pane r (inside its box in
 * the FULL form), which widget_node_pane_draw leaves blank when the layout
 * gives the pane that many more.  One line: "free <sparkline>
 * 4.2 GiB of 18 GiB".  More: "hugepages free 4.2 GiB of 18 GiB  over
 * 2m30s" (shortened from the front and the end), then a graph rows - 1
 * tall.  Scaled to the whole (100% free at the top, 0 at the baseline), so
 * heights compare across nodes and a node draining shows as a falling
 * line; a gap (NaN) is drawn as a gap, never as zero.  Nothing is drawn
 * for a node without hugepages (total_kb 0) or in a COMPACT pane.
 */
void widget_node_history_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			      const struct node_history_view *v);

/* Which nodes are in view, as positions from 0 in the snapshot's list. */
struct nodes_status_view {
	int first, visible, total;
};

/*
 * "nodes 5-8 of 16" (positions from 1, not node ids) with more-above/below
 * marks, in r: the layout's nodes_status line, present while the nodes
 * scroll.  With total == 0, "hugepages: no NUMA nodes reported" instead,
 * for which the caller gives the first line of the node area.
 */
void widget_nodes_status_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			      const struct nodes_status_view *v);

/* ---- footer ----------------------------------------------------------- */

struct footer_view {
	const char *note;   /* a passing message (dash_state's note), or NULL */
	bool read_only;     /* --read-only: the key that changes the pools is not offered */
	bool replay;        /* a replay: nor are the keys that act on a live target */
};

/*
 * Key hints (q quit, ? help, a ack, p pause, v advice, c pools, l alerts,
 * b/B baseline, s sort, +/- interval, r reconnect, t theme; no c with
 * read_only, no c, +/- or r in a replay), two blanks apart, one when that
 * makes all fit, else one apart with whole hints dropped from the end; the note is shown at the right, taking the place of
 * the last hints when needed.
 */
void widget_footer_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			const struct footer_view *v);

/* ---- too small -------------------------------------------------------- */

struct too_small_view {
	int cols, rows;   /* the terminal's size, as the message names it */
};

/*
 * Clears r, the whole window (nothing else is drawn on a terminal this
 * small), and centres in it "terminal too small: need 40x12 (80x24 for the
 * full view), have WxH": the real minimum (LAYOUT_MIN_*), then the size at
 * which nothing is left out (LAYOUT_GOOD_*); on three lines when narrow.
 */
void widget_too_small_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			   const struct too_small_view *v);

#endif
