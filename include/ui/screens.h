/*
 * screens: what the dashboard draws, planned and then drawn, frame by frame.
 *
 * A frame is made in two steps.  Planning decides where everything goes
 * on a screen of the given size (the layout, the columns the node panes
 * share, the open overlay's box) and measures how much each scrolled view
 * holds: it is the only place where dash_state's scroll views change for a
 * frame (their totals and pages, and offsets clamped to what can scroll).
 * Drawing composes the widgets (widgets.h) from the plan, reading the
 * state and the data without changing either; it writes only the window,
 * never refreshes and does no I/O.  screen_frame_plan and
 * screen_frame_draw make a whole frame, the main screen with the open
 * overlay over it; the pairs below them are its parts.  Keys are
 * interpreted by dashboard_state, which is pure and tested without a
 * terminal.
 */
#ifndef SCREENS_H
#define SCREENS_H

#include <stdbool.h>
#include <stdint.h>

#include <curses.h>

#include "advisor.h"
#include "alerts.h"
#include "dashboard_state.h"
#include "error_log.h"
#include "history.h"
#include "hp_consumers_text.h"
#include "iobuf_rates.h"
#include "snapshot.h"
#include "widgets.h"

/* What a frame reads; everything is borrowed. */
struct screen_data {
	const struct snapshot *snap;      /* newest snapshot; an empty one before the first */
	bool have_snap;                   /* false until the first round completed */
	const struct iobuf_rates *rates;  /* snap against the one before; may be !valid */
	const struct history *hist;
	const struct alerts *alerts;
	const struct alerts_summary *sum;
	const char *theme_name;
	double now_wall;                  /* header clock, alert log times */
	double now_mono;                  /* footer note expiry */
	const struct error_log *errors;   /* collection errors so far; may be NULL */
	const struct advice *advice;      /* the sizing advisor's, for v; may be NULL */
	bool read_only;                   /* --read-only: no c in the footer */
	const char *replay;               /* replay: the header's tag (widget_header); else NULL */
	const struct compare_view *cmp;   /* compare mode (B) with a baseline; else NULL */
	/* H: the last hugepage consumers scan (may be NULL), and one under way */
	const struct hugepage_consumers *consumers;
	bool consumers_scanning;
	uint64_t consumers_seen;          /* processes looked at by the scan under way */
	const char *consumers_note;       /* why there is no scan (a replay); else NULL */
};

/* Where the main screen's parts go in one frame. */
struct main_plan {
	struct layout_input in;   /* what the layout was computed for */
	struct layout lay;        /* lay.too_small: only widget_too_small is drawn */
	struct node_cols cols;    /* the columns every node pane shares */
	uint64_t nodes_fp;        /* of the nodes cols were measured on */
};

/* An overlay's box and how much of its content shows, in one frame. */
struct overlay_plan {
	struct rect box;          /* empty: no room for it on this screen, nothing is drawn */
	size_t total;             /* lines of content */
	size_t page;              /* lines that fit in the box */
};

/* One frame: the main screen and the overlay open when it was planned. */
struct screen_plan {
	struct main_plan main;
	enum dash_overlay overlay;
	struct overlay_plan over;     /* when overlay is not OVERLAY_NONE */
};

/* Plans a frame on a cols x rows screen for st->overlay; the scroll views follow. */
void screen_frame_plan(int cols, int rows, const struct widget_env *env,
		       const struct screen_data *d, struct dash_state *st,
		       struct screen_plan *plan);

/* Erases the window and draws the planned frame: the main screen, then the overlay. */
void screen_frame_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
		       const struct dash_state *st, const struct screen_plan *plan);

/*
 * What made a frame due, as bits, beyond what the painter sees by itself
 * (the header clock's second, the alert banner's flash, the footer's note):
 * it redraws only what they reach.  SCREEN_CH_ALL (keys, resize, theme, a
 * repaint) redraws everything; so does any frame while an overlay is open.
 */
enum screen_change {
	SCREEN_CH_DATA = 1 << 0,    /* a new snapshot, with its rates, history and alerts */
	SCREEN_CH_ALL = 1 << 1,
};

/* What each part of the main screen was last drawn from: fingerprints of its inputs. */
#define MAIN_MODULE_ROW_MARKS 128   /* a taller table is drawn whole */

struct main_marks {
	uint64_t header, banner, pool_small, pool_large, modules, nodes, node_heaps, footer;
	/* The pools' inputs (their bar width left out) the shared width was measured from. */
	uint64_t pools_in[2];
	int pool_bar_w;
	/* The module table's lines (widget_module_table_draw's row_marks). */
	uint64_t module_rows[MAIN_MODULE_ROW_MARKS];
	/* The header's clock: the second shown, and its column (-1: not to be drawn alone). */
	double header_sec;
	int clock_x;
	/* Each node pane's room for its heap line's age (widget_node_pane_heap_age_room). */
	int heap_age_room[LAYOUT_MAX_PANES];
	/* What the window holds of each pool pane (widget_pool_draw's memo): small, large. */
	struct pool_memo pools[2];
};

/* Paints frames into one window, remembering what the window holds between them. */
struct screen_painter {
	bool valid;               /* the window holds a whole frame this painter drew */
	struct screen_plan plan;  /* the last frame's */
	struct main_marks marks;  /* the main screen's parts in it */
};

void screen_painter_init(struct screen_painter *p);

/*
 * Plans the frame for a cols x rows window (screen_frame_plan) and draws
 * into win what `changes` reach; a window it did not draw the last frame
 * of (the first call, after screen_painter_init) gets a whole frame.  The
 * caller refreshes.
 */
void screen_paint(struct screen_painter *p, WINDOW *win, int cols, int rows,
		  const struct widget_env *env, const struct screen_data *d,
		  struct dash_state *st, unsigned changes);

/*
 * The dashboard filling a cols x rows screen: the layout for the snapshot
 * and st's module and node offsets, which st's views are clamped to and
 * sized by.
 */
void screen_main_plan(int cols, int rows, const struct screen_data *d, struct dash_state *st,
		      struct main_plan *p);
/*
 * The same, after the frame planned as prev (NULL: none): its node columns
 * are taken over when the nodes are the same, not measured again (they
 * format every node's numbers).
 */
void screen_main_plan_after(const struct main_plan *prev, int cols, int rows,
			    const struct screen_data *d, struct dash_state *st,
			    struct main_plan *p);
void screen_main_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
		      const struct dash_state *st, const struct main_plan *p);
/*
 * The parts of the main screen (header, banner, pools, module table, nodes,
 * footer) whose inputs changed since m was taken, each blanked and drawn
 * again (a pool pane leaves its graphs' rows that stand, the module table
 * its lines that stand); with all, every part, over a window the caller
 * has just erased.
 * Records what it drew in m.  A part's inputs are what its widget reads,
 * compared by fingerprint: a graph's clock values only by the time span
 * they show, the heap line's age by its text.  Without data (a frame for
 * the clock, the banner's flash or a note: no new snapshot, rates,
 * history or alerts since m) the parts drawn from the data alone (pools,
 * module table, nodes) are not even fingerprinted: the flash's two frames a
 * second cost the header, banner and footer.  A comparison with a baseline
 * (its age moves with the clock) and a view scrolled back keep them checked.
 */
void screen_main_draw_changed(WINDOW *win, const struct widget_env *env,
			      const struct screen_data *d, const struct dash_state *st,
			      const struct main_plan *p, struct main_marks *m, bool all,
			      bool data);

/* The key list (keymap_help) and current settings in a box; sizes st->help. */
void screen_help_plan(int cols, int rows, const struct screen_data *d, struct dash_state *st,
		      struct overlay_plan *p);
void screen_help_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
		      const struct dash_state *st, const struct overlay_plan *p);

/* Every alert, newest first, with start, end and state; sizes st->log. */
void screen_alert_log_plan(int cols, int rows, const struct screen_data *d,
			   struct dash_state *st, struct overlay_plan *p);
void screen_alert_log_draw(WINDOW *win, const struct widget_env *env,
			   const struct screen_data *d, const struct dash_state *st,
			   const struct overlay_plan *p);

/*
 * Every collection error so far (d->errors): the current ones first, each
 * with "current" or "cleared", in how many rounds it was seen, first and
 * last seen, and its message wrapped whole over as many lines as it needs
 * (a path is never cut).  The box is wider than the other overlays on a
 * wide screen, for those messages.  Sizes st->errors, counted in lines
 * (the wrapping depends on env's glyph set).
 */
void screen_errors_plan(int cols, int rows, const struct widget_env *env,
			const struct screen_data *d, struct dash_state *st,
			struct overlay_plan *p);
void screen_errors_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
			const struct dash_state *st, const struct overlay_plan *p);

/*
 * The advisor's advice (advice_text) and how to act on it, each line
 * wrapped whole; sizes st->advice, counted in lines.
 */
void screen_advice_plan(int cols, int rows, const struct widget_env *env,
			const struct screen_data *d, struct dash_state *st,
			struct overlay_plan *p);
void screen_advice_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
			const struct dash_state *st, const struct overlay_plan *p);

/*
 * The pool-count dialog (st->pools, pool_dialog.h) in its stage: the fields
 * with their reasons, the review, the wait, the result.  No scrolling: on a
 * short screen the last line, the keys, stays.
 */
void screen_pools_plan(int cols, int rows, struct overlay_plan *p);
void screen_pools_draw(WINDOW *win, const struct widget_env *env, const struct dash_state *st,
		       const struct overlay_plan *p);

/*
 * The target's mempools from the last memory dump (snap->heaps), largest
 * first: count, element size, memory, in use and available ("unknown"
 * where the dump does not show it), a total line; when there is no dump,
 * why.  Sizes st->mempools.
 */
void screen_mempools_plan(int cols, int rows, const struct screen_data *d,
			  struct dash_state *st, struct overlay_plan *p);
void screen_mempools_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
			  const struct dash_state *st, const struct overlay_plan *p);

/*
 * Who holds the hugepages (d->consumers, hp_consumers_text.h), per node and
 * page size against the snapshot's sysfs figures, the target first, then
 * the leaked files; "scanning" with the count so far while a scan runs.
 * Sizes st->consumers.
 */
void screen_consumers_plan(int cols, int rows, const struct screen_data *d,
			   struct dash_state *st, struct overlay_plan *p);
void screen_consumers_draw(WINDOW *win, const struct widget_env *env,
			   const struct screen_data *d, const struct dash_state *st,
			   const struct overlay_plan *p);

/* The box an overlay uses on a cols x rows screen (pure; shared by the overlays). */
struct rect screen_overlay_rect(int cols, int rows);

/* The same box up to max_w wide on a wide screen, for long lines (paths, reasons). */
struct rect screen_overlay_rect_wide(int cols, int rows, int max_w);

/* "HH:MM:SS" local time of a wall clock value into buf (at least 9 bytes). */
void screen_clock(double wall, char *buf, size_t len);
/* screen_clock's, or with minutes "HH:MM" ("t+12m" for a timeline's relative clock). */
void screen_time_text(double wall, bool minutes, char *buf, size_t len);

#endif
