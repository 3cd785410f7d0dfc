/*
 * iobuf_rates: per-second rates between two snapshots.
 *
 * SPDK's counters are sums over the I/O channels alive at that moment and
 * drop (even to 0) when channels go away.  A counter that went down is a
 * reset: its delta is the new value, never negative.  Modules are matched by
 * name; a module new in `cur` is rated from 0.
 */
#ifndef IOBUF_RATES_H
#define IOBUF_RATES_H

#include <stdbool.h>
#include <stdint.h>

#include "snapshot.h"

struct iobuf_pool_rates {
	double gets;       /* (cache + main + retry) per second */
	double cache;      /* cache hits per second */
	double main;       /* central-pool refills per second */
	double retry;      /* retries per second: > 0 means the pool ran dry */
	double hit_pct;    /* cache / gets * 100; 0 when no gets */
	bool reset;        /* some counter went down in this interval */
};

struct iobuf_module_rates {
	char name[SNAP_NAME_LEN];
	struct iobuf_pool_rates small, large;
};

struct iobuf_rates {
	bool valid;        /* both snapshots had iobuf stats of one form and dt > 0 */
	double dt;         /* seconds between the snapshots (monotonic) */
	size_t nmodules;   /* in cur's order */
	struct iobuf_module_rates modules[SNAP_MAX_MODULES];
	struct iobuf_pool_rates small, large;
};

/* Delta of a cumulative counter, treating a decrease as a reset. */
uint64_t counter_delta(uint64_t prev, uint64_t cur);

void iobuf_rates_compute(const struct snapshot *prev, const struct snapshot *cur,
			 struct iobuf_rates *out);

#endif
