/*
 * mode_round: the headless modes' next snapshot (--once, -b, --check).
 *
 * One step for every mode that blocks: wait for the tick schedule's next
 * tick (tick_schedule.h; a recorded source is not sampled on a clock, so
 * its rounds come back to back), run the round with source_run_blocking()
 * and tell the schedule when it started and ended, so an overrun skips the
 * ticks it missed.  The wait is a poll on stop_fd: a signal that makes
 * stop_fd readable ends it at once.  A source with nothing more to give
 * (a recording played out) is not asked again: its round would never end.
 */
#ifndef MODE_ROUND_H
#define MODE_ROUND_H

#include "snapshot.h"
#include "source.h"
#include "tick_schedule.h"

enum mode_round {
	MODE_ROUND_TAKEN,     /* *out holds the next snapshot */
	MODE_ROUND_STOPPED,   /* stop_fd turned readable before the tick */
	MODE_ROUND_ENDED,     /* the source has nothing more (source_ended) */
};

/* The round at ts's next tick (at once for a recorded source), into *out. */
enum mode_round mode_next_round(struct tick_schedule *ts, struct source *src, int stop_fd,
				struct snapshot *out);

#endif
