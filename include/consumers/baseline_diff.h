/*
 * baseline_diff: what changed from one snapshot (A, the baseline) to another
 * (B), as a list of rows that `spdk-memtop diff` prints as a table or JSON
 * and that compare mode reads.
 *
 * Each side says what it holds (a raw rpc.py baseline holds no hugepages, no
 * options and no time of its own); a figure a side does not hold is unknown,
 * never 0.  Cumulative counters (cache, main, retry, gets = their sum) that
 * fell from A to B were reset (a restarted target or closed I/O channels):
 * the row says so (`fell`), its change is B's value (what was counted since
 * the reset, the rule of iobuf_rates.h), never a negative number.  Gauges
 * (cache_size sums, pool counts, buffer sizes, utilization, free hugepages)
 * change by B - A, either sign.  Modules are matched by name; a module only
 * one side has is unknown on the other.  `retries_rose`: some pool's retries
 * grew between A and B (by module when both sides have modules, else by the
 * pool totals) - what `diff` exits 1 for.  Pure; bounded; no allocation.
 */
#ifndef BASELINE_DIFF_H
#define BASELINE_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "snapshot.h"

#define DIFF_WHAT_LEN 96
/* pools 2x9, modules 32x2x5, nodes 64x4 */
#define DIFF_MAX_ROWS (2 * 9 + SNAP_MAX_MODULES * 2 * 5 + SNAP_MAX_NODES * SNAP_MAX_PAGE_SIZES)

enum diff_row_kind {
	DIFF_COUNTER = 0,   /* cumulative: a fall is a reset */
	DIFF_GAUGE,         /* a level: changes either way */
	DIFF_PERCENT,       /* a level in percent (a, b hold hundredths of a percent) */
};

struct diff_row {
	/* "small.retry", "module.bdev.large.main", "node0.2048kB.free" */
	char what[DIFF_WHAT_LEN];
	enum diff_row_kind kind;
	bool known_a, known_b;
	uint64_t a, b;
	bool fell;                  /* DIFF_COUNTER: B < A, a reset */
	int64_t change;             /* counters: since A (B after a reset); gauges: B - A */
};

/* What one side holds; snap must outlive the call. */
struct diff_side {
	const struct snapshot *snap;
	bool has_hugepages, has_options, has_time;
	const char *label;          /* the file name, for the header */
	const char *form;           /* "snapshot", "rpc.py", "aggregate" */
};

struct baseline_diff {
	size_t nrows;
	struct diff_row rows[DIFF_MAX_ROWS];
	bool retries_rose;
	bool any_fell;              /* some counter was reset between A and B */
	bool has_dt;                /* both sides carry their time and B is later */
	double dt;                  /* seconds from A to B */
};

void baseline_diff_compute(const struct diff_side *a, const struct diff_side *b,
			   struct baseline_diff *out);

/* The row named `what`, or NULL. */
const struct diff_row *baseline_diff_find(const struct baseline_diff *d, const char *what);

/* A fixed-width ASCII table with a header naming both sides; "?" for unknown. */
void baseline_diff_write_text(FILE *out, const struct diff_side *a, const struct diff_side *b,
			      const struct baseline_diff *d);
/* One JSON object (pretty); unknown values are null.  -1 on a write error. */
int baseline_diff_write_json(FILE *out, const struct diff_side *a, const struct diff_side *b,
			     const struct baseline_diff *d);

#endif
