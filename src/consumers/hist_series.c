/* One series' two tiers: the fine ring and the minute buckets (contract: history.h). */
#include <math.h>

#include "history_impl.h"

void hist_series_start(struct hist_series *s, uint64_t tick, int64_t minute)
{
	s->born = tick;
	s->born_minute = minute;
	s->acc_minute = INT64_MIN;   /* the first push resets its bucket */
	s->sum = 0;
	s->nsum = 0;
}

void hist_series_push(struct hist_series *s, uint64_t tick, int64_t minute, double v)
{
	size_t b = hist_minute_slot(minute);
	float f = (float)v;

	s->fine[hist_fine_slot(tick)] = f;
	if (s->acc_minute != minute) {
		/* A new bucket, or a slot last used 24 h ago: start it as a gap. */
		s->acc_minute = minute;
		s->sum = 0;
		s->nsum = 0;
		s->min[b] = s->max[b] = s->mean[b] = NAN;
	}
	if (isnan(v))
		return;
	s->sum += v;
	s->nsum++;
	if (s->nsum == 1 || f < s->min[b])
		s->min[b] = f;
	if (s->nsum == 1 || f > s->max[b])
		s->max[b] = f;
	s->mean[b] = (float)(s->sum / s->nsum);
}
