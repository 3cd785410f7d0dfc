/* history's own: where a tick and a minute live in the tiers (history.c, hist_series.c, history_view.c). */
#ifndef HISTORY_IMPL_H
#define HISTORY_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "history.h"

/* Fine slot of tick t (ticks count from 1). */
static inline size_t hist_fine_slot(uint64_t t)
{
	return (size_t)((t - 1) % HIST_FINE_CAP);
}

/* Coarse slot of a minute; minutes before 1970 (never in practice) wrap the same way. */
static inline size_t hist_minute_slot(int64_t m)
{
	int64_t r = m % HIST_MINUTES;

	return (size_t)(r < 0 ? r + HIST_MINUTES : r);
}

/* The oldest tick the fine tier holds (1 before it wraps); ticks + 1 when empty. */
static inline uint64_t hist_oldest_tick(const struct history *h)
{
	return h->ticks > HIST_FINE_CAP ? h->ticks - HIST_FINE_CAP + 1 : 1;
}

/* The oldest minute a bucket can hold: 24 h before the newest, or the first. */
static inline int64_t hist_oldest_minute(const struct history *h)
{
	int64_t lo = h->open_minute - HIST_MINUTES + 1;

	return h->first_minute > lo ? h->first_minute : lo;
}

#endif
