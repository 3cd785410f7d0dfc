/*
 * history: bounded time series of what the dashboard plots.
 *
 * Every series is a ring of HISTORY_CAP doubles, filled in place: no
 * allocation after history_new().  All series advance together, one point
 * per history_push(), so point i of every series belongs to the same tick.
 * NaN marks a gap: a tick with nothing honest to plot.  A snapshot whose
 * target is unreachable pushes NaN into every iobuf series (never zeros);
 * hugepage series come from the local sysfs and keep their values when the
 * snapshot carries the node.  Retry and get rates are NaN when `rates` is
 * NULL or not valid (the first tick, a reconnect).  Modules are tracked by
 * name; a module seen for the first time is back-filled with gaps so it stays
 * aligned, one absent from a tick gets a gap.  Nodes likewise by node id.
 */
#ifndef HISTORY_H
#define HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iobuf_rates.h"
#include "snapshot.h"

#define HISTORY_CAP 512

struct hist_series {
	double v[HISTORY_CAP];
	size_t head;            /* index of the next write */
	size_t len;             /* points held, <= HISTORY_CAP */
};

struct history_module {
	char name[SNAP_NAME_LEN];
	struct hist_series retry_small, retry_large;  /* retries/s */
	uint64_t last_seen;     /* history tick that last had this module */
};

struct history_node {
	int id;
	struct hist_series free_kb;    /* free hugepage memory, all page sizes, KiB */
	struct hist_series free_pct;   /* free / total * 100; NaN when total is 0 */
	uint64_t last_seen;
};

struct history {
	uint64_t ticks;                        /* pushes so far */
	struct hist_series wall;               /* snapshot wall clock per tick (never NaN) */
	struct hist_series retry_small, retry_large;  /* total retries/s */
	struct hist_series gets_small, gets_large;    /* total gets/s */
	struct hist_series util_small, util_large;    /* 0..1, NaN when UTIL_UNKNOWN */
	enum util_kind util_kind_small, util_kind_large;  /* of the newest tick */
	size_t nmodules;
	struct history_module modules[SNAP_MAX_MODULES];
	size_t nnodes;
	struct history_node nodes[SNAP_MAX_NODES];
};

/* One series alone (the ring the history is made of). */
void hist_series_clear(struct hist_series *s);
void hist_series_push(struct hist_series *s, double v);
/* Copies the newest min(n, len) points into out[0..], oldest first; returns that count. */
size_t hist_series_latest(const struct hist_series *s, size_t n, double *out);
/* Newest point, NaN when empty. */
double hist_series_last(const struct hist_series *s);
/* Largest non-NaN value among the newest n points; NaN if there is none. */
double hist_series_max(const struct hist_series *s, size_t n);

/* About 0.8 MiB: allocate it once.  NULL on out of memory. */
struct history *history_new(void);
void history_free(struct history *h);
void history_clear(struct history *h);

/* rates: s against the previous snapshot; may be NULL or !valid. */
void history_push(struct history *h, const struct snapshot *s, const struct iobuf_rates *rates);

/* NULL when the name or node id was never seen (or was evicted). */
const struct history_module *history_module(const struct history *h, const char *name);
const struct history_node *history_node(const struct history *h, int node_id);

#endif
