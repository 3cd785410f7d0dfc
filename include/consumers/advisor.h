/*
 * advisor: what the iobuf pool counts should be, and why, from a window of ticks.
 *
 * A small state machine fed one snapshot (and its rates against the previous
 * one) per tick.  It keeps, per pool, a window of window_minutes in
 * ADVISOR_BUCKETS buckets (so the window is exact to one bucket): the peak
 * retry rate, the peak exact utilization (per NUMA node when the rings say
 * it), the peak cache reservation, and how long exact data has run without a
 * gap.  advisor_advise() turns that into one status per pool:
 *
 *   EXHAUSTED  retries rose within the window; or, before any rates (one
 *              snapshot, --once), the cumulative retry counter is > 0: the
 *              pool ran dry at some point since the channels were created
 *   TIGHT      exact utilization reached tight_pct in the window, or the
 *              caches' reservation (sum of cache_size: configured, not live)
 *              reached tight_pct of the pool count
 *   UNDERUSED  exact utilization under underused_pct for the whole window,
 *              with exact data covering all of it (no hole over max_gap_s,
 *              no tick without exact data)
 *   FINE       none of these
 *   UNKNOWN    nothing to judge: no snapshot yet, the target unreachable or
 *              without iobuf stats in the latest tick, or no pool count
 *
 * and a suggested count with its hugepage cost (count x bufsize, x the nodes
 * with enable_numa, where every node holds pools of the full counts):
 * grow by doubling, rounded up to a power of two; shrink by halving at most,
 * and only when UNDERUSED; never below SPDK's minimums (64 / 8), nor below
 * what the caches reserve (scripts/calc-iobuf.py's minimum: the sum of every
 * per-thread cache), kept under tight_pct so the advice does not turn TIGHT;
 * never above what free hugepages hold (their sum, or per node the least free
 * with enable_numa; both pools grow from one budget, the more urgent first).
 * docs/advisor.md has the rules and their reasons.
 *
 * Times come from the snapshots (mono), so tests drive them.  Time going
 * backwards, or a pool count that changed (a restart with new options),
 * starts that window over.  Everything is bounded; no allocation after
 * advisor_new().
 */
#ifndef ADVISOR_H
#define ADVISOR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "iobuf_rates.h"
#include "snapshot.h"

#define ADVISOR_BUCKETS 120
#define ADVICE_REASON_LEN 101       /* one line: at most 100 characters */
#define ADVISOR_MIN_SMALL_COUNT 64  /* SPDK's IOBUF_MIN_SMALL_POOL_SIZE */
#define ADVISOR_MIN_LARGE_COUNT 8   /* SPDK's IOBUF_MIN_LARGE_POOL_SIZE */

struct advisor_config {
	double window_minutes;      /* 30: the window; UNDERUSED needs all of it */
	double tight_pct;           /* 80 */
	double underused_pct;       /* 10 */
	double max_gap_s;           /* 60: a longer hole between ticks is a gap */
};

enum advice_status {
	ADVICE_UNKNOWN = 0,
	ADVICE_FINE,
	ADVICE_UNDERUSED,
	ADVICE_TIGHT,
	ADVICE_EXHAUSTED,
};

/* Which fact decided the status. */
enum advice_basis {
	ADVICE_BASIS_NONE = 0,        /* UNKNOWN or FINE */
	ADVICE_BASIS_RETRIES,         /* retries/s > 0 within the window */
	ADVICE_BASIS_RETRIES_TOTAL,   /* no rates yet: cumulative retry counter > 0 */
	ADVICE_BASIS_EXACT_PEAK,      /* exact utilization reached tight_pct */
	ADVICE_BASIS_RESERVED,        /* the caches' configured reservation reached tight_pct */
	ADVICE_BASIS_EXACT_LOW,       /* exact utilization under underused_pct all window */
};

/* What the window holds for one pool: everything the sizing rules read. */
struct advisor_pool_evidence {
	bool stats;                 /* the latest tick had iobuf stats */
	uint64_t count, bufsize;    /* the latest options; 0 when unknown */
	uint64_t retry_total;       /* the latest cumulative retry counter */
	bool rated;                 /* the window holds a tick with valid rates */
	double peak_retry_rate;     /* retries/s, the window's highest; 0 when none rose */
	bool has_exact;             /* the window holds exact utilization */
	double peak_util;           /* its highest, 0..1, per node when the rings say it */
	double exact_span_s;        /* exact data without a gap, up to the latest tick */
	bool has_reserved;          /* every module reported cache_size (per-module form) */
	uint64_t reserved;          /* the window's highest sum of cache_size, per node */
};

struct advisor_evidence {
	bool seen;                  /* at least one tick */
	enum target_state state;    /* of the latest tick */
	bool enable_numa;
	unsigned nodes;             /* pools per size: NUMA nodes with enable_numa, else 1 */
	bool hugepages_known;       /* the latest tick had free hugepage counts */
	uint64_t hugepages_free;    /* bytes: the sum over nodes, or the least node's */
	double window_s;
	double observed_s;          /* of the window, the time since the first tick with stats */
	struct advisor_pool_evidence small, large;
};

struct pool_advice {
	enum advice_status status;
	enum advice_basis basis;
	uint64_t current, suggested;            /* pool counts (each node's, with enable_numa) */
	uint64_t current_bytes, suggested_bytes; /* hugepage memory of the pool, all nodes */
	bool limited_by_memory;                 /* growth cut to what free hugepages hold */
	bool memory_checked;                    /* free hugepages were known */
	char reason[ADVICE_REASON_LEN];         /* "large pool ran dry: ...; double it (...)" */
};

struct advice {
	enum target_state state;
	double window_s, observed_s;
	bool enable_numa;
	unsigned nodes;
	struct pool_advice small, large;
};

struct advisor;

void advisor_config_default(struct advisor_config *c);
/* "unknown", "fine", "underused", "tight", "exhausted" */
const char *advice_status_name(enum advice_status s);
/* "none", "retries", "retries_total", "exact_peak", "reserved", "exact_low" */
const char *advice_basis_name(enum advice_basis b);

/* c NULL = defaults; a value that is not positive takes its default.  NULL on out of memory. */
struct advisor *advisor_new(const struct advisor_config *c);
void advisor_free(struct advisor *adv);
void advisor_get_config(const struct advisor *adv, struct advisor_config *out);

/* One tick.  rates: s against the previous snapshot; may be NULL or !valid. */
void advisor_update(struct advisor *adv, const struct snapshot *s, const struct iobuf_rates *rates);

/* The facts after the last update (for a pane that shows them). */
void advisor_evidence(const struct advisor *adv, struct advisor_evidence *out);
/* The advice for the latest tick: advice_decide() over advisor_evidence(). */
void advisor_advise(const struct advisor *adv, struct advice *out);
/* Pure: the rules over a set of facts; c with positive values, as advisor_get_config() gives. */
void advice_decide(const struct advisor_config *c, const struct advisor_evidence *ev,
		   struct advice *out);

/* The advice as lines of plain ASCII: a header, each pool and its reason, notes. */
#define ADVICE_TEXT_LINES 8
#define ADVICE_LINE_LEN 160
struct advice_text {
	size_t n;
	char line[ADVICE_TEXT_LINES][ADVICE_LINE_LEN];
};
void advice_text(const struct advice *a, struct advice_text *out);
/* advice_text's lines for --once's text report, each with a newline. */
void advisor_write_text(FILE *out, const struct advice *a);
/* NULL only when memory runs out.  Declared with the struct tag: jansson's json_t. */
struct json_t *advice_to_json(const struct advice *a);

#endif
