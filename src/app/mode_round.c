/* mode_round: wait for the tick, run the round (contract: mode_round.h). */
#include "mode_round.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdbool.h>

#include "mt_clock.h"

/* Waits until `deadline` (mt_now) or until stop_fd turns readable; true if stopped. */
static bool mode_wait_or_stop(int stop_fd, double deadline)
{
	for (;;) {
		struct pollfd p = { .fd = stop_fd, .events = POLLIN };
		double left = deadline - mt_now();
		int r = poll(&p, stop_fd >= 0 ? 1 : 0, left > 0 ? (int)ceil(left * 1000) : 0);

		if (r > 0)
			return true;
		if (r < 0 && errno == EINTR)
			continue;   /* the signal's byte is in stop_fd now */
		if (r < 0 || mt_now() >= deadline)
			return false;
	}
}

enum mode_round mode_next_round(struct tick_schedule *ts, struct source *src, int stop_fd,
				struct snapshot *out)
{
	if (source_ended(src))
		return MODE_ROUND_ENDED;
	if (mode_wait_or_stop(stop_fd, src->ops->recorded ? 0 : ts->due))
		return MODE_ROUND_STOPPED;
	tick_schedule_take(ts, mt_now());
	source_run_blocking(src, out);
	tick_schedule_round_done(ts, mt_now());
	return MODE_ROUND_TAKEN;
}
