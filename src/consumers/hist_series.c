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

/* A rate: points and maxima as float, min and mean packed. */
static void push_exact(struct hist_exact *x, const struct hist_series *s, size_t b, double v)
{
	float f = (float)v;
	uint16_t p = hist_pack(v);

	if (s->nsum == 1 || f > x->max[b])
		x->max[b] = f;
	if (s->nsum == 1 || p < x->min[b])
		x->min[b] = p;
	x->mean[b] = hist_pack(s->sum / s->nsum);
}

/* A share: every value packed (the codes compare as the values do). */
static void push_compact(struct hist_compact *c, const struct hist_series *s, size_t b, double v)
{
	uint16_t p = hist_pack(v);

	if (s->nsum == 1 || p > c->max[b])
		c->max[b] = p;
	if (s->nsum == 1 || p < c->min[b])
		c->min[b] = p;
	c->mean[b] = hist_pack(s->sum / s->nsum);
}

void hist_series_push(struct hist_series *s, uint64_t tick, int64_t minute, double v)
{
	size_t b = hist_minute_slot(minute), i = hist_fine_slot(tick);

	if (s->x)
		s->x->fine[i] = (float)v;
	else
		s->c->fine[i] = hist_pack(v);
	if (s->acc_minute != minute) {
		/* A new bucket, or a slot last used 24 h ago: start it as a gap. */
		s->acc_minute = minute;
		s->sum = 0;
		s->nsum = 0;
		if (s->x) {
			s->x->max[b] = NAN;
			s->x->min[b] = s->x->mean[b] = HIST_PACK_NAN;
		} else {
			s->c->min[b] = s->c->max[b] = s->c->mean[b] = HIST_PACK_NAN;
		}
	}
	if (isnan(v))
		return;
	s->sum += v;
	s->nsum++;
	if (s->x)
		push_exact(s->x, s, b, v);
	else
		push_compact(s->c, s, b, v);
}
