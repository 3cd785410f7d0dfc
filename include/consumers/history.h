/*
 * history: what the dashboard plots, for the last 24 hours, in two tiers.
 *
 * Fine: the newest HIST_FINE_CAP points at the tick rate (15 minutes at
 * HIST_FINE_FLOOR s; at a faster interval it covers less, 90 s at 0.1 s).
 * Coarse: one bucket per minute of the snapshots' wall clock for
 * HIST_MINUTES minutes (24 h), keeping each series' min, max and mean, so a
 * burst of retries is never averaged away.  Every series advances together,
 * one point per history_push(); NaN marks a gap, a tick with nothing honest
 * to plot, and a bucket whose points were all gaps is a gap.
 *
 * Storage, chosen by what is drawn and printed: a rate (retries/s, gets/s)
 * keeps its points and its buckets' max as float, exact to 7 significant
 * digits (its graph draws them, and the graph's scale, their largest, is
 * printed as an integer); its buckets' min and mean, which nothing draws,
 * and every value of a share (a node's free %, utilization: drawn at most
 * a few rows high against a fixed 100 %, the figures beside it are the
 * snapshot's) are kept in 16 bits: non-negative, to 1 part in 2,048
 * (hist_pack in history_impl.h; a negative value is kept as 0).  The wall
 * clock stays double.  Everything is allocated once by history_new(), 1.7
 * MiB with every module and node slot in use; pages are touched as they
 * fill, so memory grows for 24 h and then stays flat.  Nothing allocates
 * after.
 *
 * Buckets follow the snapshots' wall clock, minute aligned (floor(wall/60)),
 * so a replay fills them as the recording happened.  The bucket key never
 * goes back: when the clock steps back, points join the open bucket until
 * the clock passes it again (nothing is lost, the bucket's time is late).
 * A step forward leaves the minutes between as gaps; buckets older than 24 h
 * of the clock are gaps even if still stored.
 *
 * What comes from where: a snapshot whose target is unreachable pushes NaN
 * into every iobuf series (never zeros); hugepage series come from the local
 * sysfs and keep their values when the snapshot carries the node.  Retry and
 * get rates are NaN when `rates` is NULL or not valid (the first tick, a
 * reconnect).  Modules are tracked by name, nodes by id; a series that
 * starts late reads as gaps before it started, one absent from a tick gets
 * a gap.
 *
 * Views (history_window and friends) read W columns ending at a position
 * (live, or a tick or minute back in time) at one resolution, for the
 * widgets to draw without knowing the tiers.
 */
#ifndef HISTORY_H
#define HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iobuf_rates.h"
#include "snapshot.h"

#define HIST_FINE_FLOOR 1.0        /* the interval the fine tier is sized for, s */
#define HIST_FINE_CAP 900          /* fine points: 15 minutes at HIST_FINE_FLOOR */
#define HIST_BUCKET_SECONDS 60
#define HIST_MINUTES 1440          /* 1-minute buckets: 24 hours */
#define HISTORY_CAP 512            /* the most columns one view reads (a screen's width) */
/* Stores: 4 total rates and 2 per module slot; 2 utilizations and 1 per node slot. */
#define HIST_EXACT_SERIES (4 + 2 * SNAP_MAX_MODULES)
#define HIST_COMPACT_SERIES (2 + SNAP_MAX_NODES)

/* A rate's points: fine by tick % HIST_FINE_CAP, buckets by minute % HIST_MINUTES. */
struct hist_exact {
	float fine[HIST_FINE_CAP];
	float max[HIST_MINUTES];
	uint16_t min[HIST_MINUTES], mean[HIST_MINUTES];   /* hist_pack */
};

/* A share's, every value in hist_pack's 16 bits. */
struct hist_compact {
	uint16_t fine[HIST_FINE_CAP];
	uint16_t min[HIST_MINUTES], max[HIST_MINUTES], mean[HIST_MINUTES];
};

struct hist_series {
	uint64_t born;           /* tick of its first point; earlier ticks are gaps */
	int64_t born_minute;     /* minute of its first point; earlier buckets are gaps */
	int64_t acc_minute;      /* the bucket sum and nsum add up */
	double sum;              /* valid points of that bucket, for its mean */
	uint32_t nsum;
	/* Its store in the history, set by history_new: one of the two. */
	struct hist_exact *x;
	struct hist_compact *c;
};

struct history_module {
	char name[SNAP_NAME_LEN];
	struct hist_series retry_small, retry_large;  /* retries/s */
	uint64_t last_seen;     /* history tick that last had this module */
};

/*
 * A node's free share only: the graphs draw it, and the absolute figure is
 * the snapshot's (a free_kb series, which would have to be exact, would cost
 * about 1 MiB more of the 8 MiB budget).
 */
struct history_node {
	int id;
	struct hist_series free_pct;   /* free / total * 100, all page sizes; NaN when total is 0 */
	uint64_t last_seen;
};

struct history {
	uint64_t ticks;                        /* pushes so far; tick k is the k-th, from 1 */
	int64_t first_minute;                  /* bucket of tick 1 */
	int64_t open_minute;                   /* the newest bucket's minute */
	double wall[HIST_FINE_CAP];            /* snapshot wall clock per fine point */
	int64_t bucket_tag[HIST_MINUTES];      /* minute + 1 a slot holds; 0: none */
	uint16_t bucket_ticks[HIST_MINUTES];   /* pushes that went into it (saturating) */
	struct hist_series retry_small, retry_large;  /* total retries/s */
	struct hist_series gets_small, gets_large;    /* total gets/s */
	struct hist_series util_small, util_large;    /* 0..1, NaN when UTIL_UNKNOWN */
	enum util_kind util_kind_small, util_kind_large;  /* of the newest tick */
	size_t nmodules;
	struct history_module modules[SNAP_MAX_MODULES];
	size_t nnodes;
	struct history_node nodes[SNAP_MAX_NODES];
	/* The series' points, last so that what a push reads first is together. */
	struct hist_exact exact[HIST_EXACT_SERIES];
	struct hist_compact compact[HIST_COMPACT_SERIES];
};

/* NULL on out of memory.  The only allocation: see the contract above. */
struct history *history_new(void);
void history_free(struct history *h);
/* Forgets every point (a replay rewinding); touches no more memory than it must. */
void history_clear(struct history *h);

/* rates: s against the previous snapshot; may be NULL or !valid. */
void history_push(struct history *h, const struct snapshot *s, const struct iobuf_rates *rates);

/* NULL when the name or node id was never seen (or was evicted). */
const struct history_module *history_module(const struct history *h, const char *name);
const struct history_node *history_node(const struct history *h, int node_id);

/* ---- one series (hist_series.c) ---------------------------------------- */

/* A series that starts at tick `tick` in bucket `minute`: what it held before is gone. */
void hist_series_start(struct hist_series *s, uint64_t tick, int64_t minute);
/* Point `tick` (fine slot) in bucket `minute` (coarse slot); NaN is a gap. */
void hist_series_push(struct hist_series *s, uint64_t tick, int64_t minute, double v);

/* ---- views (history_view.c) --------------------------------------------- */

enum hist_res {
	HIST_RES_FINE = 0,     /* one column per tick */
	HIST_RES_MINUTE,       /* one column per 1-minute bucket */
};

/* Which value of a bucket a column shows (a fine column is its point). */
enum hist_stat {
	HIST_MAX = 0,          /* retries and rates: a burst is never averaged away */
	HIST_MIN,              /* free memory: the lowest it went */
	HIST_MEAN,
};

/* Where a view ends. */
struct hist_pos {
	bool live;             /* at the newest point, following it */
	enum hist_res res;     /* not live: the resolution of end */
	int64_t end;           /* not live: the newest column, a tick or a minute */
};

/* W columns of one resolution: ticks or minutes first..last. */
struct hist_window {
	enum hist_res res;
	bool live;
	int64_t first, last;
	size_t n;              /* last - first + 1, at most HISTORY_CAP; 0: nothing held */
};

/* The live position. */
struct hist_pos hist_pos_live(void);

/*
 * At most width columns ending at p: live, the newest fine points; a
 * past tick, the fine points up to it (clamped to what the tier holds);
 * a minute, the minutes up to it, held or not (a minute without a bucket
 * is a gap column).
 */
void history_window(const struct history *h, const struct hist_pos *p, size_t width,
		    struct hist_window *w);

/* s's value per column of w into out[0..w->n), oldest first, NaN = gap; returns w->n. */
size_t history_values(const struct history *h, const struct hist_series *s,
		      const struct hist_window *w, enum hist_stat stat, double *out);
/* The largest value s shows in w (the scale a graph of it takes); NaN if none. */
double history_window_max(const struct history *h, const struct hist_series *s,
			  const struct hist_window *w, enum hist_stat stat);
/* The wall clock of each column: a point's own, a minute's start; returns w->n. */
size_t history_walls(const struct history *h, const struct hist_window *w, double *out);
/*
 * What w covers on the wall clock: the first column's time to the last
 * one's (a minute's end).  false when w is empty.
 */
bool history_window_span(const struct history *h, const struct hist_window *w, double *from,
			 double *to);

/*
 * Moves p by cols columns (negative: back in time) for a view width
 * columns wide; cols 0 settles p (a past fine position whose window leaves
 * the fine tier becomes its minute).  Back, the fine tier serves while a
 * whole window of it is held; beyond it the minutes, until the oldest
 * bucket is in the window's newest eighth (so narrow views reach it too).  Forward, the fine tier takes over again where a whole window
 * fits, and past the newest point p is live.  Returns whether p moved.
 */
bool history_scroll(const struct history *h, struct hist_pos *p, long cols, size_t width);

/* Convenience for the newest points: the live fine window's values. */
size_t history_latest(const struct history *h, const struct hist_series *s, size_t n,
		      double *out);
/* The newest point of s; NaN when none. */
double history_last(const struct history *h, const struct hist_series *s);

#endif
