/* Fingerprints and repaint decisions for screen_main's parts (contract: screen_fp.h). */
#include "screen_fp.h"

#include <limits.h>
#include <math.h>
#include <string.h>

uint64_t fp_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i = 0;

	/*
	 * Four words at a time in four independent chains, joined after: one
	 * chain waits on its multiply every word, and a graph's history is
	 * kilobytes a frame.
	 */
	if (n >= 64) {
		uint64_t l[4] = { h, h ^ 0x9e3779b97f4a7c15ULL, h ^ 0xc2b2ae3d27d4eb4fULL,
				  h ^ 0x165667b19e3779f9ULL };

		for (; i + 32 <= n; i += 32) {
			for (int k = 0; k < 4; k++) {
				uint64_t w;

				memcpy(&w, b + i + 8 * k, 8);
				l[k] = (l[k] ^ w) * 1099511628211ULL;
				l[k] ^= l[k] >> 29;
			}
		}
		for (int k = 0; k < 4; k++) {
			h = (h ^ l[k]) * 1099511628211ULL;
			h ^= h >> 29;
		}
	}
	/* The rest a word at a time. */
	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, b + i, 8);
		h = (h ^ w) * 1099511628211ULL;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

uint64_t fp_double(uint64_t h, double v)
{
	return fp_bytes(h, &v, sizeof(v));
}

uint64_t fp_str(uint64_t h, const char *s)
{
	return s ? fp_bytes(h, s, strlen(s) + 1) : fp_bytes(h, "\xff", 1);
}

/*
 * A series' time span as widget_span_text shows it (whole seconds back from
 * the newest point, for any width): not the clock values, which move every
 * tick even when the graph does not.
 */
/* lround without the call, for the span's seconds (far inside a long's range). */
static long round_half_away(double s)
{
	long r;

	if (!(fabs(s) < 1e15))
		return lround(s);
	r = (long)s;   /* toward zero; s - r is exact */
	if (s - (double)r >= 0.5)
		r++;
	else if (s - (double)r <= -0.5)
		r--;
	return r;
}

uint64_t fp_span(uint64_t h, const double *wall, size_t n)
{
	long back[256];
	size_t k = 0;

	if (!wall || n < 2)
		return fp_bytes(h, "\xfe", 1);
	/* Hashed a buffer at a time: a call per point was most of a pool's print. */
	for (size_t i = 0; i < n; i++) {
		double s = wall[n - 1] - wall[i];

		back[k++] = isinf(s) ? LONG_MAX : isnan(s) ? LONG_MIN : round_half_away(s);
		if (k == sizeof(back) / sizeof(back[0]) || i + 1 == n) {
			h = fp_bytes(h, back, k * sizeof(back[0]));
			k = 0;
		}
	}
	return h;
}

/* Blanks r, as werase would, before a part is drawn again over it. */
static void clear_rect(WINDOW *win, struct rect r)
{
	for (int y = r.y; y < r.y + r.h; y++)
		mvwhline(win, y, r.x, ' ', r.w);
}

/*
 * Whether a part drawn from inputs of fingerprint fp must be drawn: always
 * over an erased window (all), else when fp differs from the one it was
 * drawn from, its areas a and b (either may be empty) then blanked.
 */
bool part_due(WINDOW *win, uint64_t fp, uint64_t *mark, bool all, struct rect a,
		     struct rect b)
{
	if (!all && fp == *mark)
		return false;
	*mark = fp;
	if (!all) {
		clear_rect(win, a);
		clear_rect(win, b);
	}
	return true;
}

