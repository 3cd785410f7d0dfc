/*
 * tick_schedule: when the next snapshot is due, in every mode.
 *
 * Ticks fall on a fixed grid (anchor + k * interval) so a series does not
 * drift with the time a round takes.  A round that overruns skips the grid
 * points it missed, the late one included: the next round starts at the
 * first grid point after it ended, never at once and never in a burst (a
 * burst uses up `-n` on near-duplicate snapshots, useless for rates).  Changing the
 * interval keeps the last tick as the anchor; restarting (resume from
 * pause, reconnect) makes a tick due at once.  Pure: time comes in as a
 * parameter (mt_now() seconds).
 */
#ifndef TICK_SCHEDULE_H
#define TICK_SCHEDULE_H

#include <stdbool.h>

/* The shortest interval any mode accepts: -d, the dashboard's - key. */
#define TICK_MIN_INTERVAL 0.1
/* The same number as text, for help lines that are string constants ("0.1"). */
#define TICK_TEXT_(x) #x
#define TICK_TEXT(x) TICK_TEXT_(x)
#define TICK_MIN_INTERVAL_TEXT TICK_TEXT(TICK_MIN_INTERVAL)

struct tick_schedule {
	double interval;   /* seconds, >= TICK_MIN_INTERVAL */
	double due;        /* when the next tick is due */
	double last;       /* grid point of the last tick taken; -INFINITY before the first */
};

/* The first tick is due at `now`.  An interval below the minimum (or NaN) is raised to it. */
void tick_schedule_init(struct tick_schedule *ts, double interval, double now);
bool tick_schedule_due(const struct tick_schedule *ts, double now);
/*
 * Takes the tick due now: the next one is the first grid point after `now`.
 * Returns how many grid points were skipped (0 when on time).
 */
unsigned long tick_schedule_take(struct tick_schedule *ts, double now);
/*
 * A round finished at `now`: grid points it ran past are skipped.  Returns
 * how many (0 when it finished before the next tick was due).
 */
unsigned long tick_schedule_round_done(struct tick_schedule *ts, double now);
/* A new interval, counted from the last tick taken (so it may be due at once). */
void tick_schedule_set_interval(struct tick_schedule *ts, double interval, double now);
/* A tick due at `now`, the grid starting again from there. */
void tick_schedule_restart(struct tick_schedule *ts, double now);

#endif
