/*
 * alerts: rules over snapshots, turned into alerts with a start and an end.
 *
 * A small state machine fed one snapshot per tick (plus its rates against
 * the previous one).  Each rule raises at most one alert per subject (a pool
 * or a NUMA node); the alert lives while its condition holds and ends, with
 * the tick's wall clock as end time, on the first tick where it does not.
 * Rules (thresholds in struct alert_thresholds):
 *   retries      critical, per pool: retries rose since the last tick
 *   pool_util    warning, per pool: exact utilization >= pool_pct (UTIL_EXACT)
 *   pool_reserved warning, per pool: the caches' configured reservation is
 *                >= reserved_pct of the pool (UTIL_RESERVED; not live use)
 *   hugepages    warning, per node with hugepages: free < hugepages_free_pct
 *   unreachable  critical: the target did not answer (text has the reason)
 *   no_iobuf     critical: something answered but no iobuf stats came of it
 *                (garbage, not SPDK, error replies; snapshot_lacks_iobuf)
 *   imbalance    warning, per node, >= 2 nodes with memory: the node's
 *                hugepage total is more than imbalance_pct off the mean
 *   leak         warning, per pool: `used` rose steadily for leak_minutes
 *                (least-squares slope > 0, >= 90% of steps non-decreasing,
 *                a rise within 3 of the window's 4 quarters so one step is
 *                not a leak, the whole window covered by samples)
 *   ring_doubt   warning, per pool: retries rose while the ring read this
 *                tick held more than one refill batch (32, SPDK's
 *                IOBUF_BATCH_SIZE) free: a get should not have found it
 *                empty, so the exact figure is in doubt (or the read stale)
 *   heap_block   warning, per node: the largest free block of SPDK's heap on
 *                the node (the last env_dpdk_get_mem_stats dump) is smaller
 *                than one large iobuf buffer: a large allocation there fails
 *                unless the heap can grow
 * While the target is unreachable the iobuf alerts end (nothing observed) and
 * the leak windows restart; hugepage rules keep running on local data.  A
 * retries alert is held, not ended, on a reachable tick without valid rates.
 * Acknowledging marks the active critical alerts acked: the UI stops
 * flashing but keeps the text until the condition clears.  A critical alert
 * that starts later is unacked.  Everything is bounded; no allocation after
 * alerts_new().  Times are taken from the snapshots (wall for display,
 * mono for the leak window), so tests drive them.
 */
#ifndef ALERTS_H
#define ALERTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iobuf_rates.h"
#include "snapshot.h"

#define ALERT_TEXT_LEN 256
#define ALERT_MAX_ACTIVE 256   /* > every rule x subject combination (3 per-node rules x 64 nodes + pools) */
#define ALERT_LOG_MAX 256

enum alert_severity {
	ALERT_WARNING = 1,
	ALERT_CRITICAL = 2,
};

enum alert_kind {
	ALERT_RETRIES = 0,
	ALERT_POOL_UTIL,
	ALERT_POOL_RESERVED,
	ALERT_HUGEPAGES_LOW,
	ALERT_UNREACHABLE,
	ALERT_NUMA_IMBALANCE,
	ALERT_LEAK,
	ALERT_RING_DOUBT,
	ALERT_NO_IOBUF,
	ALERT_HEAP_BLOCK,
	ALERT_KIND_COUNT
};

/* Subjects of per-pool rules; per-node rules use the node id; others -1. */
enum alert_pool {
	ALERT_POOL_SMALL = 0,
	ALERT_POOL_LARGE = 1,
};

struct alert_thresholds {
	double pool_pct;            /* 90 */
	double reserved_pct;          /* 90 */
	double hugepages_free_pct;  /* 10 */
	double imbalance_pct;       /* 25 */
	double leak_minutes;        /* 10 */
};

struct alert {
	uint64_t id;                /* unique, increasing from 1 */
	enum alert_kind kind;
	enum alert_severity severity;
	int subject;                /* enum alert_pool, node id, or -1 */
	char text[ALERT_TEXT_LEN];  /* banner text, refreshed every tick while active */
	double start_wall;          /* wall clock of the tick that raised it */
	double end_wall;            /* of the tick that cleared it; 0 while active */
	bool active;
	bool acked;
};

/* What the banner and the bell need after an update. */
struct alerts_summary {
	size_t active;              /* active alerts */
	size_t critical, warning;   /* active, by severity */
	size_t unacked_critical;    /* flash while > 0 */
	bool new_critical;          /* a critical alert started in the last update (--bell) */
	bool has_top;
	struct alert top;           /* most severe, then oldest; valid when has_top */
	size_t others;              /* active - 1, or 0 */
};

struct alerts;

void alert_thresholds_default(struct alert_thresholds *t);
const char *alert_kind_name(enum alert_kind k);        /* "retries", "pool_util", ... */
const char *alert_severity_name(enum alert_severity s); /* "warning", "critical" */

/* t NULL = defaults.  NULL on out of memory. */
struct alerts *alerts_new(const struct alert_thresholds *t);
void alerts_free(struct alerts *a);
void alerts_set_thresholds(struct alerts *a, const struct alert_thresholds *t);
void alerts_get_thresholds(const struct alerts *a, struct alert_thresholds *out);

/* One tick.  rates: s against the previous snapshot; may be NULL or !valid. */
void alerts_update(struct alerts *a, const struct snapshot *s, const struct iobuf_rates *rates);

/* Marks every active critical alert acked. */
void alerts_ack(struct alerts *a);

void alerts_summary(const struct alerts *a, struct alerts_summary *out);
/* Copies up to max active alerts, most severe first, then oldest first; returns the count. */
size_t alerts_active(const struct alerts *a, struct alert *out, size_t max);
/* Whether an alert of this kind and subject is active (e.g. node imbalance markers). */
bool alerts_is_active(const struct alerts *a, enum alert_kind kind, int subject);

/* The log: ended and active alerts, newest start first, at most ALERT_LOG_MAX. */
size_t alerts_log_count(const struct alerts *a);
/* i = 0 is the newest; false when i is out of range. */
bool alerts_log_get(const struct alerts *a, size_t i, struct alert *out);

#endif
