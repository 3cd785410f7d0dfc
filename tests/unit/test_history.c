/* history: what each push holds, gaps, alignment; the two tiers, views and scrolling. */
#include <check.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "history.h"

static struct snapshot *snap;
static struct iobuf_rates rates;
static struct history *h;

static void setup(void)
{
	snap = calloc(1, sizeof(*snap));
	h = history_new();
	ck_assert_ptr_nonnull(snap);
	ck_assert_ptr_nonnull(h);
	memset(&rates, 0, sizeof(rates));
}

static void teardown(void)
{
	free(snap);
	history_free(h);
}

static void add_module(const char *name)
{
	struct iobuf_module_stats *m = &snap->iobuf.modules[snap->iobuf.nmodules++];

	snprintf(m->name, sizeof(m->name), "%s", name);
}

static void add_rate(const char *name, double small, double large)
{
	struct iobuf_module_rates *m = &rates.modules[rates.nmodules++];

	snprintf(m->name, sizeof(m->name), "%s", name);
	m->small.retry = small;
	m->large.retry = large;
	rates.small.retry += small;
	rates.large.retry += large;
}

/* A running target, per-module stats, pinned utilization. */
static void running(double t)
{
	memset(snap, 0, sizeof(*snap));
	snap->mono = t;
	snap->wall = 1000 + t;
	snap->state = TARGET_RUNNING;
	snap->iobuf.form = IOBUF_FORM_PER_MODULE;
	snap->iobuf.small.util_kind = UTIL_RESERVED;
	snap->iobuf.small.util = 0.25;
	snap->iobuf.small.used = 2048;
	snap->iobuf.small.capacity = 8192;
	snap->iobuf.large.util_kind = UTIL_UNKNOWN;
	memset(&rates, 0, sizeof(rates));
	rates.valid = true;
	rates.dt = 1;
}

static double newest_wall(void)
{
	return h->wall[(h->ticks - 1) % HIST_FINE_CAP];
}

static void add_node(int id, uint64_t nr, uint64_t free_pages)
{
	struct hugepage_node *n = &snap->hugepages.nodes[snap->hugepages.nnodes++];

	n->id = id;
	n->nsizes = 1;
	n->sizes[0].page_kb = 2048;
	n->sizes[0].nr = nr;
	n->sizes[0].free = free_pages;
}

START_TEST(push_values_and_first_tick_gap)
{
	double out[4];

	running(0);
	add_module("bdev");
	history_push(h, snap, NULL);            /* first tick: no rates yet */
	running(1);
	add_module("bdev");
	add_rate("bdev", 3, 148507);
	history_push(h, snap, &rates);

	ck_assert_uint_eq(h->ticks, 2);
	ck_assert_uint_eq(history_latest(h, &h->retry_large, 4, out), 2);
	ck_assert(isnan(out[0]));
	ck_assert_double_eq(out[1], 148507);
	ck_assert_double_eq(history_last(h, &h->retry_small), 3);
	/* utilization needs no rates: present from the first tick */
	history_latest(h, &h->util_small, 4, out);
	ck_assert_double_eq(out[0], 0.25);
	ck_assert_double_eq(out[1], 0.25);
	ck_assert(isnan(history_last(h, &h->util_large)));   /* UTIL_UNKNOWN */
	ck_assert_int_eq(h->util_kind_small, UTIL_RESERVED);
	ck_assert_double_eq(newest_wall(), 1001);
	const struct history_module *m = history_module(h, "bdev");
	ck_assert_ptr_nonnull(m);
	history_latest(h, &m->retry_large, 4, out);
	ck_assert(isnan(out[0]));
	ck_assert_double_eq(out[1], 148507);

	/* rates present but not valid (a reconnect) is a gap as well */
	running(2);
	add_module("bdev");
	rates.valid = false;
	history_push(h, snap, &rates);
	ck_assert(isnan(history_last(h, &h->retry_large)));
	ck_assert(isnan(history_last(h, &m->retry_large)));
}
END_TEST

START_TEST(unreachable_is_a_gap_not_zero)
{
	const struct history_node *n;
	double out[8];

	running(0);
	add_module("bdev");
	add_rate("bdev", 0, 0);
	add_node(0, 1024, 512);
	history_push(h, snap, &rates);
	ck_assert_double_eq(history_last(h, &h->retry_large), 0);

	/* unreachable, with stale iobuf values and rates left in place by a careless caller */
	snap->state = TARGET_UNREACHABLE;
	snap->wall = 1005;
	rates.valid = true;
	history_push(h, snap, &rates);
	ck_assert(isnan(history_last(h, &h->retry_small)));
	ck_assert(isnan(history_last(h, &h->retry_large)));
	ck_assert(isnan(history_last(h, &h->gets_small)));
	ck_assert(isnan(history_last(h, &h->util_small)));
	ck_assert(isnan(history_last(h, &h->util_large)));
	ck_assert(isnan(history_last(h, &history_module(h, "bdev")->retry_large)));
	ck_assert_int_eq(h->util_kind_small, UTIL_UNKNOWN);
	ck_assert_double_eq(newest_wall(), 1005);
	/* hugepages are local: the node keeps its values */
	n = history_node(h, 0);
	ck_assert_ptr_nonnull(n);
	ck_assert_double_eq(history_last(h, &n->free_pct), 50);

	/* no node in the snapshot: a gap for the node too */
	snap->hugepages.nnodes = 0;
	history_push(h, snap, &rates);
	ck_assert(isnan(history_last(h, &n->free_pct)));
	ck_assert_uint_eq(history_latest(h, &n->free_pct, 8, out), 3);
}
END_TEST

START_TEST(modules_stay_aligned)
{
	double out[8];
	const struct history_module *late, *gone;

	for (int t = 0; t < 3; t++) {
		running(t);
		add_module("accel");
		add_module("bdev");
		add_rate("accel", 1, 1);
		add_rate("bdev", 2, 2);
		history_push(h, snap, &rates);
	}
	running(3);
	add_module("accel");
	add_module("nvmf_TCP");       /* new; bdev gone */
	add_rate("accel", 1, 1);
	add_rate("nvmf_TCP", 5, 6);
	history_push(h, snap, &rates);

	late = history_module(h, "nvmf_TCP");
	gone = history_module(h, "bdev");
	ck_assert_ptr_nonnull(late);
	ck_assert_ptr_nonnull(gone);
	ck_assert_uint_eq(history_latest(h, &late->retry_large, 8, out), 4);
	ck_assert(isnan(out[0]) && isnan(out[1]) && isnan(out[2]));
	ck_assert_double_eq(out[3], 6);
	history_latest(h, &gone->retry_small, 8, out);
	ck_assert_double_eq(out[2], 2);
	ck_assert(isnan(out[3]));
	ck_assert_ptr_null(history_module(h, "never"));
	ck_assert_ptr_null(history_node(h, 7));
}
END_TEST

START_TEST(full_module_table_evicts_the_stale)
{
	char name[SNAP_NAME_LEN];

	running(0);
	for (int i = 0; i < SNAP_MAX_MODULES; i++) {
		snprintf(name, sizeof(name), "m%d", i);
		add_module(name);
	}
	history_push(h, snap, NULL);
	ck_assert_uint_eq(h->nmodules, SNAP_MAX_MODULES);

	/* m0 leaves and a newcomer arrives: the newcomer takes m0's slot */
	running(1);
	for (int i = 1; i < SNAP_MAX_MODULES; i++) {
		snprintf(name, sizeof(name), "m%d", i);
		add_module(name);
	}
	add_module("newcomer");
	history_push(h, snap, NULL);
	ck_assert_ptr_null(history_module(h, "m0"));
	ck_assert_ptr_nonnull(history_module(h, "newcomer"));
	ck_assert_uint_eq(history_module(h, "newcomer")->retry_small.born, 2);
	ck_assert_ptr_nonnull(history_module(h, "m31"));
}
END_TEST

START_TEST(long_run_stays_bounded)
{
	double out[HISTORY_CAP];

	for (int t = 0; t < 3 * HIST_FINE_CAP + 7; t++) {
		running(t);
		add_module("bdev");
		add_rate("bdev", 0, t);
		add_node(0, 100, 100 - (t % 100));
		add_node(1, 0, 0);
		if (t % 10 == 9)
			snap->state = TARGET_UNREACHABLE;
		history_push(h, snap, t ? &rates : NULL);
	}
	ck_assert_uint_eq(history_latest(h, &h->retry_large, HISTORY_CAP, out), HISTORY_CAP);
	ck_assert_uint_eq(history_latest(h, &history_module(h, "bdev")->retry_large, HISTORY_CAP,
					 out), HISTORY_CAP);
	history_latest(h, &h->retry_large, HISTORY_CAP, out);
	for (size_t i = 0; i < HISTORY_CAP; i++) {
		int t = 3 * HIST_FINE_CAP + 7 - HISTORY_CAP + (int)i;

		if (t % 10 == 9)
			ck_assert(isnan(out[i]));
		else
			ck_assert_double_eq(out[i], t);
	}
	/* a node without hugepages has no percentage to plot */
	ck_assert(isnan(history_last(h, &history_node(h, 1)->free_pct)));
	history_clear(h);
	ck_assert_uint_eq(h->ticks, 0);
	ck_assert_uint_eq(h->nmodules, 0);
}
END_TEST


/* ---- the tiers ------------------------------------------------------------ */

#define T0 (60.0 * 28333333)   /* a minute boundary (2023-11-14 22:13 UTC) */

/* One tick at wall T0 + sec with total large retries/s `large` (NaN: target unreachable). */
static void tick_at(double sec, double large)
{
	running(0);
	snap->wall = T0 + sec;
	add_module("bdev");
	add_rate("bdev", 1, isnan(large) ? 0 : large);
	add_node(0, 100, 50);
	if (isnan(large))
		snap->state = TARGET_UNREACHABLE;
	history_push(h, snap, &rates);
}

static struct hist_pos minute_pos(int64_t minute)
{
	return (struct hist_pos){ .live = false, .res = HIST_RES_MINUTE, .end = minute };
}

static const int64_t M0 = 28333333;

/* A burst of one tick in a quiet minute is that minute's max; min and mean are kept too. */
START_TEST(bucket_keeps_min_max_mean)
{
	struct hist_pos p = minute_pos(M0);
	struct hist_window w;
	double v[4];

	for (int s = 0; s < 60; s++)
		tick_at(s, s == 17 ? 148507 : 10);
	tick_at(60, 3);   /* opens the next minute */
	history_window(h, &p, 1, &w);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_int_eq(w.first, M0);
	history_values(h, &h->retry_large, &w, HIST_MAX, v);
	ck_assert_double_eq(v[0], 148507);
	history_values(h, &h->retry_large, &w, HIST_MIN, v);
	ck_assert_double_eq(v[0], 10);
	history_values(h, &h->retry_large, &w, HIST_MEAN, v);
	/* the mean is kept in 16 bits: to 1 part in 2,048 (packed_stats below) */
	ck_assert_double_eq_tol(v[0], (59 * 10 + 148507) / 60.0, 2484.95 / 2048);
	ck_assert_uint_eq(h->bucket_ticks[M0 % HIST_MINUTES], 60);
	/* the open minute reads as far as it went */
	p.end = M0 + 1;
	history_window(h, &p, 2, &w);
	ck_assert_uint_eq(history_values(h, &h->retry_large, &w, HIST_MAX, v), 2);
	ck_assert_double_eq(v[0], 148507);
	ck_assert_double_eq(v[1], 3);
}
END_TEST

/* The 16 bits' precision: 1 part in 2,048, and 0 for what is below 2^-24. */
static double packed_tol(double x)
{
	return x / 2048 + 0x1p-24;
}

/*
 * What is drawn and printed of a rate stays float: its points and its
 * buckets' max.  Its min and mean, and a share's every value, are packed in
 * 16 bits, within 1 part in 2,048 of the value at every magnitude.
 */
START_TEST(packed_stats)
{
	static const double vals[] = { 0, 1e-6, 0.001, 0.1, 0.5, 1, 3, 10.7, 99.99, 100,
				       2484.95, 65535, 148507, 1.6777217e7, 1e9, 3e11 };
	struct hist_pos p;
	struct hist_window w;
	double v[1], out[1], two[2];

	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		double x = vals[i], tol = packed_tol(x);

		tick_at(60.0 * (double)i, x);
		tick_at(60.0 * (double)i + 1, x);
		snap->iobuf.small.util = x / 1000;
		snap->hugepages.nodes[0].sizes[0].free = 7;   /* 7 % free: the node */
		history_push(h, snap, &rates);
		ck_assert_double_eq(history_last(h, &h->retry_large), (float)x);
		ck_assert_double_eq_tol(history_last(h, &h->util_small), x / 1000,
					packed_tol(x / 1000));
		p = minute_pos(M0 + (int64_t)i);
		history_window(h, &p, 1, &w);
		history_values(h, &h->retry_large, &w, HIST_MAX, v);
		ck_assert_double_eq(v[0], (float)x);
		history_values(h, &h->retry_large, &w, HIST_MIN, v);
		ck_assert_double_eq_tol(v[0], x, tol);
		history_values(h, &h->retry_large, &w, HIST_MEAN, v);
		ck_assert_double_eq_tol(v[0], x, tol);
		history_values(h, &history_node(h, 0)->free_pct, &w, HIST_MAX, v);
		ck_assert_double_eq(v[0], 50);
		history_values(h, &history_node(h, 0)->free_pct, &w, HIST_MIN, v);
		ck_assert_double_eq_tol(v[0], 7, packed_tol(7));
		history_values(h, &h->util_small, &w, HIST_MEAN, out);
		ck_assert_double_eq_tol(out[0], (2 * 0.25 + x / 1000) / 3,
					packed_tol((2 * 0.25 + x / 1000) / 3));
	}
	/* Past the 16 bits' top (5.5e11): kept as the top; below 2^-24: 0. */
	tick_at(3600, 1e13);
	tick_at(3660, 1e-9);
	p = minute_pos(M0 + 61);
	history_window(h, &p, 2, &w);
	history_values(h, &h->retry_large, &w, HIST_MEAN, two);
	ck_assert(two[0] > 5.4e11 && two[0] < 5.5e11);
	ck_assert_double_eq(two[1], 0);
	history_values(h, &h->retry_large, &w, HIST_MAX, two);
	ck_assert_double_eq(two[0], (float)1e13);
}
END_TEST

/* Gaps: a minute of nothing but gaps is a gap; a partial one counts only its points. */
START_TEST(bucket_gaps)
{
	struct hist_pos p = minute_pos(M0 + 2);
	struct hist_window w;
	double v[3];

	for (int s = 0; s < 60; s++)
		tick_at(s, s < 30 ? NAN : 4);       /* minute 0: half gaps */
	for (int s = 60; s < 120; s++)
		tick_at(s, NAN);                    /* minute 1: all gaps */
	tick_at(120, 8);
	history_window(h, &p, 3, &w);
	history_values(h, &h->retry_large, &w, HIST_MEAN, v);
	ck_assert_double_eq(v[0], 4);
	ck_assert(isnan(v[1]));
	ck_assert_double_eq(v[2], 8);
	history_values(h, &h->retry_large, &w, HIST_MIN, v);
	ck_assert(isnan(v[1]));
	/* hugepages are local: the node has all three minutes */
	history_values(h, &history_node(h, 0)->free_pct, &w, HIST_MIN, v);
	ck_assert_double_eq(v[1], 50);
	/* minutes never pushed (before the first) are gaps, not zeros */
	p.end = M0;
	history_window(h, &p, 3, &w);
	history_values(h, &h->retry_large, &w, HIST_MAX, v);
	ck_assert(isnan(v[0]) && isnan(v[1]));
	ck_assert_double_eq(v[2], 4);
}
END_TEST

/* 25 h at one point every 10 s: 24 h of minutes stay, the oldest hour is gone. */
START_TEST(minutes_wrap_after_24h)
{
	const int per_min = 6, minutes = 25 * 60;
	struct hist_pos p = minute_pos(M0 + minutes - 1);
	struct hist_window w;
	double v[HISTORY_CAP];

	for (int m = 0; m < minutes; m++)
		for (int k = 0; k < per_min; k++)
			tick_at(m * 60.0 + k * 10, m);
	ck_assert_int_eq(h->open_minute, M0 + minutes - 1);
	history_window(h, &p, 3, &w);
	history_values(h, &h->retry_large, &w, HIST_MAX, v);
	ck_assert_double_eq(v[0], minutes - 3);
	ck_assert_double_eq(v[2], minutes - 1);
	/* the window that ends 24 h back: only its newest column is still held */
	p.end = M0 + 60;
	history_window(h, &p, 3, &w);
	history_values(h, &h->retry_large, &w, HIST_MAX, v);
	ck_assert(isnan(v[0]) && isnan(v[1]));
	ck_assert_double_eq(v[2], 60);
	history_values(h, &history_module(h, "bdev")->retry_small, &w, HIST_MAX, v);
	ck_assert_double_eq(v[2], 1);
	/* scrolling back stops with the oldest minute in the window's newest eighth */
	p = hist_pos_live();
	for (int i = 0; i < 100; i++)
		history_scroll(h, &p, -100, 100);
	ck_assert(!p.live);
	ck_assert_int_eq(p.res, HIST_RES_MINUTE);
	ck_assert_int_eq(p.end, M0 + 60 + 100 / 8);
	ck_assert(!history_scroll(h, &p, -50, 100));
}
END_TEST

/* The clock steps back: points join the open minute.  Forward: the minutes between are gaps. */
START_TEST(clock_jumps)
{
	struct hist_pos p = minute_pos(M0 + 1);
	struct hist_window w;
	double v[8];

	tick_at(0, 1);
	tick_at(65, 2);
	tick_at(5, 900);      /* stepped back a minute */
	ck_assert_int_eq(h->open_minute, M0 + 1);
	history_window(h, &p, 2, &w);
	history_values(h, &h->retry_large, &w, HIST_MAX, v);
	ck_assert_double_eq(v[0], 1);
	ck_assert_double_eq(v[1], 900);
	tick_at(6 * 60 + 1, 7);    /* five minutes ahead */
	p.end = M0 + 6;
	history_window(h, &p, 6, &w);
	history_values(h, &h->retry_large, &w, HIST_MAX, v);
	ck_assert_double_eq(v[0], 900);
	for (int i = 1; i < 5; i++)
		ck_assert(isnan(v[i]));
	ck_assert_double_eq(v[5], 7);
	/* the fine tier keeps every point in push order */
	ck_assert_uint_eq(history_latest(h, &h->retry_large, 8, v), 4);
	ck_assert_double_eq(v[2], 900);
}
END_TEST

/* A module that takes an evicted module's slot starts with gaps in both tiers. */
START_TEST(new_series_start_as_gaps)
{
	char name[SNAP_NAME_LEN];
	struct hist_pos p = minute_pos(M0);
	struct hist_window w;
	double v[2];

	running(0);
	snap->wall = T0;
	for (int i = 0; i < SNAP_MAX_MODULES; i++) {
		snprintf(name, sizeof(name), "m%d", i);
		add_module(name);
		add_rate(name, 100, 100);
	}
	history_push(h, snap, &rates);
	running(1);
	snap->wall = T0 + 1;
	for (int i = 1; i <= SNAP_MAX_MODULES; i++) {
		snprintf(name, sizeof(name), "m%d", i);
		add_module(name);
	}
	history_push(h, snap, NULL);
	history_window(h, &p, 1, &w);
	history_values(h, &history_module(h, "m32")->retry_small, &w, HIST_MAX, v);
	ck_assert(isnan(v[0]));    /* not m0's 100 */
	ck_assert_uint_eq(history_latest(h, &history_module(h, "m32")->retry_small, 2, v), 2);
	ck_assert(isnan(v[0]) && isnan(v[1]));
}
END_TEST

/* Views: live, a past tick, minutes; the walls and the span of each. */
START_TEST(windows_and_spans)
{
	struct hist_pos p = hist_pos_live();
	struct hist_window w;
	double v[HISTORY_CAP], wall[HISTORY_CAP], from, to;

	history_window(h, &p, 10, &w);
	ck_assert_uint_eq(w.n, 0);
	ck_assert(!history_window_span(h, &w, &from, &to));
	for (int s = 0; s < 300; s++)
		tick_at(s, s);
	history_window(h, &p, 10, &w);
	ck_assert(w.live);
	ck_assert_uint_eq(w.n, 10);
	history_values(h, &h->retry_large, &w, HIST_MAX, v);
	history_walls(h, &w, wall);
	ck_assert_double_eq(v[9], 299);
	ck_assert_double_eq(wall[0], T0 + 290);
	ck_assert(history_window_span(h, &w, &from, &to));
	ck_assert_double_eq(from, T0 + 290);
	ck_assert_double_eq(to, T0 + 299);
	/* a past tick, and a window wider than what is held */
	p = (struct hist_pos){ .live = false, .res = HIST_RES_FINE, .end = 100 };
	history_window(h, &p, 1000, &w);
	ck_assert_uint_eq(w.n, 100);
	history_values(h, &h->retry_large, &w, HIST_MAX, v);
	ck_assert_double_eq(v[0], 0);
	ck_assert_double_eq(v[99], 99);
	/* minutes: walls at their starts; the open one's span ends at the newest point */
	p = minute_pos(M0 + 4);
	history_window(h, &p, 5, &w);
	history_walls(h, &w, wall);
	ck_assert_double_eq(wall[0], T0);
	ck_assert_double_eq(wall[4], T0 + 240);
	ck_assert(history_window_span(h, &w, &from, &to));
	ck_assert_double_eq(from, T0);
	ck_assert_double_eq(to, T0 + 299);
	ck_assert_double_eq(history_window_max(h, &h->retry_large, &w, HIST_MAX), 299);
	ck_assert_double_eq(history_window_max(h, &h->retry_large, &w, HIST_MIN), 240);
}
END_TEST

/* Back from live through the fine tier, into the minutes, and forward to live again. */
START_TEST(scroll_through_the_tiers)
{
	const int n = 2 * HIST_FINE_CAP;   /* 30 minutes at 1 s */
	struct hist_pos p = hist_pos_live();
	struct hist_window w;
	double from, to;

	ck_assert(!history_scroll(h, &p, -50, 100));   /* nothing held: stays live */
	ck_assert(p.live);
	for (int s = 0; s < n; s++)
		tick_at(s, s);
	ck_assert(!history_scroll(h, &p, 50, 100));    /* forward from live: nowhere */
	ck_assert(history_scroll(h, &p, -50, 100));
	ck_assert(!p.live);
	ck_assert_int_eq(p.res, HIST_RES_FINE);
	ck_assert_int_eq(p.end, n - 50);
	/* back while a whole window of points is held */
	ck_assert(history_scroll(h, &p, -(HIST_FINE_CAP - 150), 100));
	ck_assert_int_eq(p.res, HIST_RES_FINE);
	ck_assert_int_eq(p.end, n - HIST_FINE_CAP + 100);
	/* one more and the window would leave the tier: the minute of its end */
	ck_assert(history_scroll(h, &p, -50, 100));
	ck_assert_int_eq(p.res, HIST_RES_MINUTE);
	ck_assert_int_eq(p.end, M0 + (n - HIST_FINE_CAP + 50 - 1) / 60);
	history_window(h, &p, 100, &w);
	ck_assert(history_window_span(h, &w, &from, &to));
	ck_assert_double_eq(to, T0 + 60.0 * (double)(p.end - M0 + 1));
	/* back to the oldest minute, which is as far as it goes */
	history_scroll(h, &p, -1000, 100);
	ck_assert_int_eq(p.end, M0 + 100 / 8);
	ck_assert(!history_scroll(h, &p, -1, 100));
	/* forward (10 columns wide): the fine tier again where a whole window of it fits */
	p = minute_pos(M0 + 10);
	ck_assert(history_scroll(h, &p, 3, 10));
	ck_assert_int_eq(p.res, HIST_RES_MINUTE);
	ck_assert_int_eq(p.end, M0 + 13);
	ck_assert(history_scroll(h, &p, 2, 10));
	ck_assert_int_eq(p.res, HIST_RES_FINE);
	ck_assert_int_eq(p.end, 16 * 60);    /* the newest tick of minute 15 */
	ck_assert(history_scroll(h, &p, 10000, 10));
	ck_assert(p.live);
	/* a past point that leaves the fine tier as time passes becomes its minute */
	p = (struct hist_pos){ .live = false, .res = HIST_RES_FINE, .end = n - HIST_FINE_CAP + 100 };
	tick_at(n, 0);
	ck_assert(history_scroll(h, &p, 0, 100));
	ck_assert_int_eq(p.res, HIST_RES_MINUTE);
}
END_TEST

/* Before the fine tier wraps everything is in it: scrolling stays there, down to tick 1. */
START_TEST(scroll_short_history)
{
	struct hist_pos p = hist_pos_live();

	for (int s = 0; s < 300; s++)
		tick_at(s, s);
	history_scroll(h, &p, -1000, 100);
	ck_assert_int_eq(p.res, HIST_RES_FINE);
	ck_assert_int_eq(p.end, 1 + 100 / 8);
	ck_assert(!history_scroll(h, &p, -1, 100));
	ck_assert(history_scroll(h, &p, 300, 100));
	ck_assert(p.live);
	/* a rewind (replay) while scrolled back: the position settles to live */
	p = (struct hist_pos){ .live = false, .res = HIST_RES_FINE, .end = 250 };
	history_clear(h);
	tick_at(0, 1);
	history_scroll(h, &p, 0, 100);
	ck_assert(p.live);
}
END_TEST

/* Memory: allocated once by history_new; pushes, views and clears allocate nothing. */
START_TEST(no_allocation_after_new)
{
	struct mallinfo2 before, after;
	struct hist_pos p = hist_pos_live();
	struct hist_window w;
	double v[HISTORY_CAP];

	tick_at(0, 1);
	before = mallinfo2();
	for (int s = 1; s < 3 * HIST_FINE_CAP; s++)
		tick_at(s * 7.0, s);
	history_scroll(h, &p, -2000, 200);
	history_window(h, &p, 200, &w);
	history_values(h, &h->retry_large, &w, HIST_MAX, v);
	history_clear(h);
	tick_at(0, 1);
	after = mallinfo2();
	ck_assert_uint_eq(after.uordblks, before.uordblks);
	ck_assert_uint_eq(after.hblkhd, before.hblkhd);
	/* the whole, every slot in use, stays within the budget the header states */
	ck_assert_uint_lt(sizeof(struct history), 1.7 * 1024 * 1024);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("history");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, push_values_and_first_tick_gap);
	tcase_add_test(tc, unreachable_is_a_gap_not_zero);
	tcase_add_test(tc, modules_stay_aligned);
	tcase_add_test(tc, full_module_table_evicts_the_stale);
	tcase_add_test(tc, long_run_stays_bounded);
	suite_add_tcase(s, tc);
	tc = tcase_create("tiers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, bucket_keeps_min_max_mean);
	tcase_add_test(tc, packed_stats);
	tcase_add_test(tc, bucket_gaps);
	tcase_add_test(tc, minutes_wrap_after_24h);
	tcase_add_test(tc, clock_jumps);
	tcase_add_test(tc, new_series_start_as_gaps);
	tcase_add_test(tc, windows_and_spans);
	tcase_add_test(tc, scroll_through_the_tiers);
	tcase_add_test(tc, scroll_short_history);
	tcase_add_test(tc, no_allocation_after_new);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
