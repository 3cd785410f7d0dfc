/* history's own: where a tick and a minute live in the tiers (history.c, hist_series.c, history_view.c). */
#ifndef HISTORY_IMPL_H
#define HISTORY_IMPL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/*
 * hist_pack: a non-negative value in 16 bits, a float cut short.  6 bits of
 * exponent (2^-24 to 2^38) over 10 of mantissa: relative error at most
 * 2^-11 (1 part in 2,048) after rounding.  0 below 2^-24 and for negative
 * values; 0xfffe (5.5e11) at and past the top; 0xffff is NaN.  The order of
 * the codes is the order of the values, so min and max compare codes.
 */
#define HIST_PACK_NAN 0xffffu
#define HIST_PACK_TOP 0xfffeu
#define HIST_PACK_EMIN (-24)
#define HIST_PACK_EMAX 38

static inline uint16_t hist_pack(double v)
{
	float f = (float)v;
	uint32_t b;
	int e;

	if (isnan(v))
		return HIST_PACK_NAN;
	if (!(v > 0))
		return 0;
	if (isinf(f))
		return HIST_PACK_TOP;
	memcpy(&b, &f, sizeof(b));
	b += 1u << 12;                       /* round the 13 bits dropped to nearest */
	e = (int)(b >> 23) - 127;
	if (e < HIST_PACK_EMIN)
		return 0;
	if (e > HIST_PACK_EMAX)
		return HIST_PACK_TOP;
	b = ((uint32_t)(e - HIST_PACK_EMIN + 1) << 10) | ((b >> 13) & 0x3ffu);
	return (uint16_t)(b == HIST_PACK_NAN ? HIST_PACK_TOP : b);
}

static inline double hist_unpack(uint16_t c)
{
	uint32_t e = c >> 10, b;
	float f;

	if (c == HIST_PACK_NAN)
		return NAN;
	if (e == 0)
		return 0;
	b = ((e + (uint32_t)(127 - 1 + HIST_PACK_EMIN)) << 23) | ((uint32_t)(c & 0x3ffu) << 13);
	memcpy(&f, &b, sizeof(f));
	return f;
}

/* Where a series keeps one of its arrays: floats or packed codes (one is NULL). */
struct hist_src {
	const float *f;
	const uint16_t *p;
};

static inline double hist_src_at(struct hist_src a, size_t i)
{
	return a.f ? a.f[i] : hist_unpack(a.p[i]);
}

/* The series' fine ring. */
static inline struct hist_src hist_src_fine(const struct hist_series *s)
{
	return s->x ? (struct hist_src){ s->x->fine, NULL } : (struct hist_src){ NULL, s->c->fine };
}

/* The series' buckets of one statistic. */
static inline struct hist_src hist_src_bucket(const struct hist_series *s, enum hist_stat stat)
{
	if (s->x)
		return stat == HIST_MAX ? (struct hist_src){ s->x->max, NULL } :
		       (struct hist_src){ NULL, stat == HIST_MIN ? s->x->min : s->x->mean };
	return (struct hist_src){ NULL, stat == HIST_MAX ? s->c->max :
					stat == HIST_MIN ? s->c->min : s->c->mean };
}

#endif
