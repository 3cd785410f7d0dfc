/*
 * mt_clock: time as doubles of seconds.
 *
 * mt_now() reads CLOCK_MONOTONIC: every deadline, interval and rate uses it.
 * mt_wall() reads CLOCK_REALTIME: only for display and for snapshots.
 * Modules that need time take it as a parameter so tests can drive it.
 */
#ifndef MT_CLOCK_H
#define MT_CLOCK_H

double mt_now(void);
double mt_wall(void);

#endif
