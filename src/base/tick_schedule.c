/* tick_schedule: a fixed grid that skips what it missed (contract: tick_schedule.h). */
#include "tick_schedule.h"

#include <math.h>

static double clamp_interval(double interval)
{
	return interval >= TICK_MIN_INTERVAL && isfinite(interval) ? interval : TICK_MIN_INTERVAL;
}

void tick_schedule_init(struct tick_schedule *ts, double interval, double now)
{
	ts->interval = clamp_interval(interval);
	ts->due = now;
	ts->last = -INFINITY;
}

bool tick_schedule_due(const struct tick_schedule *ts, double now)
{
	return now >= ts->due;
}

/* Moves due past now in whole grid steps, keeping the phase; returns the steps. */
static unsigned long skip_to_after(struct tick_schedule *ts, double now)
{
	double missed;

	if (ts->due > now)
		return 0;
	missed = floor((now - ts->due) / ts->interval) + 1;
	ts->due += missed * ts->interval;
	ts->last = ts->due - ts->interval;
	return (unsigned long)missed;
}

unsigned long tick_schedule_take(struct tick_schedule *ts, double now)
{
	ts->last = ts->due;
	ts->due += ts->interval;
	return skip_to_after(ts, now);
}

unsigned long tick_schedule_round_done(struct tick_schedule *ts, double now)
{
	return skip_to_after(ts, now);
}

void tick_schedule_set_interval(struct tick_schedule *ts, double interval, double now)
{
	ts->interval = clamp_interval(interval);
	if (isfinite(ts->last))
		ts->due = ts->last + ts->interval;
	else
		ts->due = now;
}

void tick_schedule_restart(struct tick_schedule *ts, double now)
{
	ts->due = now;
	ts->last = -INFINITY;
}
