/* Views of the history: columns of one resolution ending at a position (contract: history.h). */
#include <math.h>
#include <string.h>

#include "history_impl.h"

struct hist_pos hist_pos_live(void)
{
	return (struct hist_pos){ .live = true, .res = HIST_RES_FINE, .end = 0 };
}

static size_t clamp_width(size_t width)
{
	return width > HISTORY_CAP ? HISTORY_CAP : width;
}

void history_window(const struct history *h, const struct hist_pos *p, size_t width,
		    struct hist_window *w)
{
	int64_t lo = (int64_t)hist_oldest_tick(h), hi = (int64_t)h->ticks;

	memset(w, 0, sizeof(*w));
	w->live = p->live;
	w->res = p->live ? HIST_RES_FINE : p->res;
	width = clamp_width(width);
	if (h->ticks == 0 || width == 0)
		return;
	if (w->res == HIST_RES_MINUTE) {
		w->last = p->end < h->open_minute ? p->end : h->open_minute;
		w->first = w->last - (int64_t)width + 1;
	} else {
		w->last = p->live || p->end > hi ? hi : p->end < lo ? lo : p->end;
		w->first = w->last - (int64_t)width + 1 < lo ? lo : w->last - (int64_t)width + 1;
	}
	w->n = (size_t)(w->last - w->first + 1);
}

static double fine_value(const struct history *h, const struct hist_series *s, int64_t t)
{
	if (t < 1 || (uint64_t)t < s->born || (uint64_t)t < hist_oldest_tick(h) ||
	    (uint64_t)t > h->ticks)
		return NAN;
	return hist_src_at(hist_src_fine(s), hist_fine_slot((uint64_t)t));
}

/* Columns first.. of w at fine resolution: the array and the bounds looked up once. */
static void fine_values(const struct history *h, const struct hist_series *s,
			const struct hist_window *w, double *out)
{
	struct hist_src a = hist_src_fine(s);
	int64_t lo = (int64_t)hist_oldest_tick(h), hi = (int64_t)h->ticks;

	if ((int64_t)s->born > lo)
		lo = (int64_t)s->born;
	for (size_t i = 0; i < w->n; i++) {
		int64_t t = w->first + (int64_t)i;

		out[i] = t < lo || t > hi || t < 1 ? NAN : hist_src_at(a, hist_fine_slot((uint64_t)t));
	}
}

static void minute_values(const struct history *h, const struct hist_series *s,
			  const struct hist_window *w, enum hist_stat stat, double *out)
{
	struct hist_src a = hist_src_bucket(s, stat);
	int64_t lo = hist_oldest_minute(h);

	if (s->born_minute > lo)
		lo = s->born_minute;
	for (size_t i = 0; i < w->n; i++) {
		int64_t m = w->first + (int64_t)i;
		size_t b = hist_minute_slot(m);

		out[i] = m < lo || m > h->open_minute || h->bucket_tag[b] != m + 1 ?
			 NAN : hist_src_at(a, b);
	}
}

size_t history_values(const struct history *h, const struct hist_series *s,
		      const struct hist_window *w, enum hist_stat stat, double *out)
{
	if (w->res == HIST_RES_MINUTE)
		minute_values(h, s, w, stat, out);
	else
		fine_values(h, s, w, out);
	return w->n;
}

double history_window_max(const struct history *h, const struct hist_series *s,
			  const struct hist_window *w, enum hist_stat stat)
{
	double v[HISTORY_CAP], best = NAN;
	size_t n = history_values(h, s, w, stat, v);

	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]) && (isnan(best) || v[i] > best))
			best = v[i];
	return best;
}

static double wall_of_tick(const struct history *h, int64_t t)
{
	return h->wall[hist_fine_slot((uint64_t)t)];
}

size_t history_walls(const struct history *h, const struct hist_window *w, double *out)
{
	for (size_t i = 0; i < w->n; i++) {
		int64_t c = w->first + (int64_t)i;

		out[i] = w->res == HIST_RES_MINUTE ? (double)c * HIST_BUCKET_SECONDS
						    : wall_of_tick(h, c);
	}
	return w->n;
}

bool history_window_span(const struct history *h, const struct hist_window *w, double *from,
			 double *to)
{
	double newest;

	if (w->n == 0)
		return false;
	if (w->res == HIST_RES_FINE) {
		*from = wall_of_tick(h, w->first);
		*to = wall_of_tick(h, w->last);
		return true;
	}
	/* The open minute ends now, not at its end. */
	newest = wall_of_tick(h, (int64_t)h->ticks);
	*from = (double)w->first * HIST_BUCKET_SECONDS;
	*to = (double)(w->last + 1) * HIST_BUCKET_SECONDS;
	if (w->last == h->open_minute && newest < *to && newest >= *from)
		*to = newest;
	return true;
}

/* The bucket a held tick went into, as history_push placed it (within what is held). */
static int64_t minute_of_tick(const struct history *h, int64_t t)
{
	double m = floor(wall_of_tick(h, t) / HIST_BUCKET_SECONDS);
	int64_t lo = hist_oldest_minute(h);

	if (!isfinite(m) || m >= (double)h->open_minute)
		return h->open_minute;
	return (int64_t)m < lo ? lo : (int64_t)m;
}

/* The newest held tick in minute m or before; 0 when none. */
static int64_t tick_at_minute(const struct history *h, int64_t m)
{
	int64_t lo = (int64_t)hist_oldest_tick(h);

	for (int64_t t = (int64_t)h->ticks; t >= lo; t--)
		if (minute_of_tick(h, t) <= m)
			return t;
	return 0;
}

/*
 * The furthest back a window may end: with the oldest column held in its
 * newest eighth, so that the narrow graphs (a module's column, a node
 * pane) reach it too, not only the widest.
 */
static int64_t oldest_in_view(int64_t oldest, int64_t width)
{
	return oldest + width / 8;
}

static void scroll_fine(const struct history *h, struct hist_pos *p, long cols, int64_t width)
{
	int64_t lo = (int64_t)hist_oldest_tick(h), end = p->end + cols;

	if (end >= (int64_t)h->ticks) {
		*p = hist_pos_live();
		return;
	}
	if (end - width + 1 >= lo) {
		p->end = end;   /* a whole window of points is held */
		return;
	}
	if (h->ticks <= HIST_FINE_CAP) {
		/* Every point since the start is here: back as far as the oldest in view. */
		int64_t floor_end = oldest_in_view(lo, width);

		p->end = end > floor_end ? end : floor_end;
		if (p->end >= (int64_t)h->ticks)
			*p = hist_pos_live();
		return;
	}
	/* Older than the fine tier: the minutes, ending where that window would have. */
	p->res = HIST_RES_MINUTE;
	p->end = minute_of_tick(h, end < lo ? lo : end);
}

static void scroll_minute(const struct history *h, struct hist_pos *p, long cols, int64_t width)
{
	int64_t lo = hist_oldest_minute(h), end = p->end + cols;
	int64_t floor_end = oldest_in_view(lo, width) < h->open_minute ? oldest_in_view(lo, width)
									: h->open_minute;
	int64_t t;

	if (end < floor_end)
		end = floor_end;
	if (end > h->open_minute)
		end = h->open_minute;
	if (cols > 0) {
		/* Nearer now, full resolution again where a whole window of it is held. */
		t = tick_at_minute(h, end);
		if (t > 0 && t - width + 1 >= (int64_t)hist_oldest_tick(h)) {
			p->res = HIST_RES_FINE;
			p->end = t;
			if (t >= (int64_t)h->ticks)
				*p = hist_pos_live();
			return;
		}
		if (p->end + cols > h->open_minute) {
			*p = hist_pos_live();   /* past the newest bucket */
			return;
		}
	}
	p->end = end;
}

bool history_scroll(const struct history *h, struct hist_pos *p, long cols, size_t width)
{
	struct hist_pos old = *p;
	int64_t wd = (int64_t)clamp_width(width);

	if (wd < 1)
		wd = 1;
	if (h->ticks == 0) {
		*p = hist_pos_live();
		return !old.live;
	}
	if (p->live) {
		if (cols >= 0)
			return false;
		*p = (struct hist_pos){ .live = false, .res = HIST_RES_FINE,
					.end = (int64_t)h->ticks };
	}
	if (p->res == HIST_RES_MINUTE)
		scroll_minute(h, p, cols, wd);
	else
		scroll_fine(h, p, cols, wd);
	return p->live != old.live || p->res != old.res || (!p->live && p->end != old.end);
}

size_t history_latest(const struct history *h, const struct hist_series *s, size_t n,
		      double *out)
{
	struct hist_pos live = hist_pos_live();
	struct hist_window w;

	history_window(h, &live, n, &w);
	return history_values(h, s, &w, HIST_MAX, out);
}

double history_last(const struct history *h, const struct hist_series *s)
{
	return h->ticks ? fine_value(h, s, (int64_t)h->ticks) : NAN;
}
