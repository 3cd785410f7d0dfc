/*
 * compare_view: compare mode (`B`) as data for the widgets.
 *
 * Built once per frame from baseline_diff.h's rows (never recomputed here)
 * and the current rates; each widget draws the piece meant for it through
 * its ordinary view (a text in place of a line, a cell per column), so
 * compare mode has no drawing path of its own.  A figure the baseline does
 * not hold reads "?", a counter that fell reads "reset" (what was counted
 * since the reset follows), never a negative number.  "then vs now" for a
 * rate is the average over the time since the baseline against the rate of
 * the last tick: one snapshot holds counters, not rates.  The pool's exact
 * use changes in percentage points ("in use +12.5 pts").  Pure; no I/O.
 */
#ifndef COMPARE_VIEW_H
#define COMPARE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "baseline_diff.h"
#include "iobuf_rates.h"
#include "snapshot.h"

#define CMP_TEXT_LEN 192
#define CMP_CELL_LEN 16

/* The module table's cells in compare mode, per pool. */
enum cmp_cell { CMP_GETS = 0, CMP_RETRY, CMP_CACHE, CMP_MAIN, CMP_HIT, CMP_NCELLS };

struct compare_module {
	char name[SNAP_NAME_LEN];
	char cell[2][CMP_NCELLS][CMP_CELL_LEN];   /* [small, large][...]: "+1.2M", "reset", "?" */
	/*
	 * [small, large]: the share of the gets since the baseline served from
	 * the cache, in percent (after a reset, of those counted since it); NAN
	 * when no get came since.  Meant only where cell[p][CMP_HIT] is not "?".
	 */
	double hit_pct[2];
};

struct compare_node {
	int id;
	char text[CMP_TEXT_LEN];   /* "vs base: 2M free -12  1G free +0" */
};

struct compare_view {
	char header[CMP_TEXT_LEN];         /* "vs baseline-x.json, 12m ago" */
	char header_name[CMP_TEXT_LEN];    /* "baseline-x.json": the header cuts it when narrow */
	char header_age[32];               /* "12m ago", "12m old" (the file's): beside the name */
	char pool[2][CMP_TEXT_LEN];        /* [small, large]: the pool pane's second line */
	size_t nmodules;
	struct compare_module modules[SNAP_MAX_MODULES];
	size_t nnodes;
	struct compare_node nodes[SNAP_MAX_NODES];
};

/* What the header names: the baseline's file (its base name) and when it was taken. */
struct compare_source {
	const char *label;     /* the file's base name */
	double wall;           /* its time (recorded, or the file's mtime) */
	bool time_recorded;    /* false: wall is the file's mtime, said as "file age" */
};

/*
 * Fills v from d (baseline A against the current snapshot B), the rates of
 * the last tick (may be NULL or !valid: "now ?") and the wall clock now.
 */
void compare_view_build(struct compare_view *v, const struct baseline_diff *d,
			const struct iobuf_rates *rates, const struct compare_source *src,
			double now_wall);

/* The module's cells, or NULL when it has none. */
const struct compare_module *compare_view_module(const struct compare_view *v, const char *name);
/* The node's line, or NULL. */
const char *compare_view_node(const struct compare_view *v, int id);

/* "45s", "12m", "3h05m", "2d04h": how long ago, for the header; "?" when negative. */
void compare_age_text(double seconds, char *buf, size_t len);

#endif
