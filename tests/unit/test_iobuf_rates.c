/* iobuf rates: resets, module churn, degenerate intervals, the recorded exhaustion. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "iobuf_decode.h"
#include "iobuf_rates.h"

#define TIMELINE \
	MEMTOP_FIXTURES "/transcripts/exhaustion_bdevperf.hide_md/timeline.iobuf_get_stats.jsonl"

static void set_pool(struct iobuf_pool_counters *p, uint64_t cache, uint64_t main, uint64_t retry)
{
	p->cache = cache;
	p->main = main;
	p->retry = retry;
}

static struct iobuf_module_stats *add_module(struct snapshot *s, const char *name)
{
	struct iobuf_module_stats *m = &s->iobuf.modules[s->iobuf.nmodules++];

	s->iobuf.form = IOBUF_FORM_PER_MODULE;
	snprintf(m->name, sizeof(m->name), "%s", name);
	return m;
}

START_TEST(counter_delta_rules)
{
	ck_assert_uint_eq(counter_delta(0, 0), 0);
	ck_assert_uint_eq(counter_delta(5, 12), 7);
	/* Channels went away and the sum restarted: everything now is new. */
	ck_assert_uint_eq(counter_delta(1521452, 0), 0);
	ck_assert_uint_eq(counter_delta(100, 30), 30);
	ck_assert_uint_eq(counter_delta(0, UINT64_MAX), UINT64_MAX);
	ck_assert_uint_eq(counter_delta(UINT64_MAX, 1), 1);
}
END_TEST

START_TEST(rates_per_module_and_totals)
{
	static struct snapshot prev, cur;
	struct iobuf_rates r;

	memset(&prev, 0, sizeof(prev));
	memset(&cur, 0, sizeof(cur));
	prev.mono = 100.0;
	cur.mono = 102.0;
	set_pool(&add_module(&prev, "accel")->small, 10, 2, 0);
	set_pool(&add_module(&prev, "bdev")->large, 100, 10, 0);
	set_pool(&add_module(&cur, "accel")->small, 30, 6, 0);
	set_pool(&add_module(&cur, "bdev")->large, 160, 30, 20);

	iobuf_rates_compute(&prev, &cur, &r);
	ck_assert(r.valid);
	ck_assert_double_eq_tol(r.dt, 2.0, 1e-12);
	ck_assert_uint_eq(r.nmodules, 2);
	ck_assert_str_eq(r.modules[0].name, "accel");
	ck_assert_double_eq_tol(r.modules[0].small.cache, 10.0, 1e-9);
	ck_assert_double_eq_tol(r.modules[0].small.main, 2.0, 1e-9);
	ck_assert_double_eq_tol(r.modules[0].small.gets, 12.0, 1e-9);
	ck_assert_double_eq_tol(r.modules[0].small.hit_pct, 20.0 / 24.0 * 100.0, 1e-9);
	ck_assert(!r.modules[0].small.reset);
	ck_assert_double_eq_tol(r.modules[0].large.gets, 0.0, 1e-12);
	ck_assert_double_eq_tol(r.modules[0].large.hit_pct, 0.0, 1e-12);
	/* bdev large: 60 cache + 20 main + 20 retry in 2 s. */
	ck_assert_double_eq_tol(r.modules[1].large.gets, 50.0, 1e-9);
	ck_assert_double_eq_tol(r.modules[1].large.retry, 10.0, 1e-9);
	ck_assert_double_eq_tol(r.modules[1].large.hit_pct, 60.0, 1e-9);
	ck_assert_double_eq_tol(r.small.gets, 12.0, 1e-9);
	ck_assert_double_eq_tol(r.large.gets, 50.0, 1e-9);
	ck_assert_double_eq_tol(r.large.retry, 10.0, 1e-9);
	ck_assert(!r.small.reset && !r.large.reset);
}
END_TEST

START_TEST(reset_is_not_negative)
{
	static struct snapshot prev, cur;
	struct iobuf_rates r;

	memset(&prev, 0, sizeof(prev));
	memset(&cur, 0, sizeof(cur));
	prev.mono = 10.0;
	cur.mono = 11.0;
	set_pool(&add_module(&prev, "bdev")->large, 1000, 500, 90000);
	/* The job ended and a new one began: the sums restarted below the old ones. */
	set_pool(&add_module(&cur, "bdev")->large, 40, 2000, 5);

	iobuf_rates_compute(&prev, &cur, &r);
	ck_assert(r.valid);
	ck_assert(r.modules[0].large.reset);
	ck_assert(r.large.reset);
	ck_assert(!r.modules[0].small.reset);
	ck_assert_double_eq_tol(r.modules[0].large.cache, 40.0, 1e-9);   /* reset: cur */
	ck_assert_double_eq_tol(r.modules[0].large.main, 1500.0, 1e-9);  /* rose: delta */
	ck_assert_double_eq_tol(r.modules[0].large.retry, 5.0, 1e-9);    /* reset: cur */
	ck_assert(r.large.retry >= 0 && r.large.gets >= 0);
}
END_TEST

START_TEST(new_and_vanished_modules)
{
	static struct snapshot prev, cur;
	struct iobuf_rates r;

	memset(&prev, 0, sizeof(prev));
	memset(&cur, 0, sizeof(cur));
	prev.mono = 1.0;
	cur.mono = 1.5;
	set_pool(&add_module(&prev, "accel")->small, 100, 0, 0);
	set_pool(&add_module(&prev, "bdev")->small, 5000, 50, 7);
	/* bdev's channels are gone; nvmf_TCP is new; accel moved to the back. */
	set_pool(&add_module(&cur, "nvmf_TCP")->small, 8, 1, 1);
	set_pool(&add_module(&cur, "accel")->small, 110, 0, 0);

	iobuf_rates_compute(&prev, &cur, &r);
	ck_assert(r.valid);
	ck_assert_uint_eq(r.nmodules, 2);
	ck_assert_str_eq(r.modules[0].name, "nvmf_TCP");
	ck_assert_double_eq_tol(r.modules[0].small.gets, 20.0, 1e-9);  /* from 0 */
	ck_assert(!r.modules[0].small.reset);
	ck_assert_str_eq(r.modules[1].name, "accel");
	ck_assert_double_eq_tol(r.modules[1].small.cache, 20.0, 1e-9);
	/*
	 * The summed counter fell from 5157 to 120, yet nothing reset: totals
	 * are the modules' deltas, and bdev's vanishing costs nothing.
	 */
	ck_assert_double_eq_tol(r.small.gets, 40.0, 1e-9);
	ck_assert_double_eq_tol(r.small.retry, 2.0, 1e-9);
	ck_assert(!r.small.reset);
}
END_TEST

START_TEST(invalid_intervals)
{
	static struct snapshot prev, cur;
	struct iobuf_rates r;

	memset(&prev, 0, sizeof(prev));
	memset(&cur, 0, sizeof(cur));
	set_pool(&add_module(&prev, "bdev")->small, 1, 1, 1);
	set_pool(&add_module(&cur, "bdev")->small, 2, 2, 2);

	prev.mono = cur.mono = 5.0;
	iobuf_rates_compute(&prev, &cur, &r);
	ck_assert(!r.valid);
	ck_assert_uint_eq(r.nmodules, 0);
	ck_assert_double_eq_tol(r.small.gets, 0.0, 1e-12);

	cur.mono = 4.0;
	iobuf_rates_compute(&prev, &cur, &r);
	ck_assert(!r.valid);

	cur.mono = 6.0;
	iobuf_rates_compute(&prev, &cur, &r);
	ck_assert(r.valid);

	iobuf_rates_compute(NULL, &cur, &r);
	ck_assert(!r.valid);

	/* Unreachable in between, or a form switch: nothing to compare. */
	prev.iobuf.form = IOBUF_FORM_NONE;
	iobuf_rates_compute(&prev, &cur, &r);
	ck_assert(!r.valid);
	prev.iobuf.form = IOBUF_FORM_AGGREGATE;
	iobuf_rates_compute(&prev, &cur, &r);
	ck_assert(!r.valid);
	prev.iobuf.form = cur.iobuf.form = IOBUF_FORM_NONE;
	iobuf_rates_compute(&prev, &cur, &r);
	ck_assert(!r.valid);
}
END_TEST

START_TEST(aggregate_totals_only)
{
	static struct snapshot prev, cur;
	struct iobuf_rates r;

	memset(&prev, 0, sizeof(prev));
	memset(&cur, 0, sizeof(cur));
	prev.iobuf.form = cur.iobuf.form = IOBUF_FORM_AGGREGATE;
	prev.mono = 0.0;
	cur.mono = 0.25;
	prev.iobuf.agg_small = (struct iobuf_pool_aggregate){ .retry_count = 10,
							      .alloc_count = 100 };
	cur.iobuf.agg_small = (struct iobuf_pool_aggregate){ .retry_count = 35,
							     .alloc_count = 20 };
	prev.iobuf.agg_large.retry_count = 50;
	cur.iobuf.agg_large.retry_count = 4;

	iobuf_rates_compute(&prev, &cur, &r);
	ck_assert(r.valid);
	ck_assert_uint_eq(r.nmodules, 0);
	ck_assert_double_eq_tol(r.small.retry, 100.0, 1e-9);
	ck_assert(!r.small.reset);  /* alloc_count is a gauge: falling is no reset */
	ck_assert_double_eq_tol(r.large.retry, 16.0, 1e-9);
	ck_assert(r.large.reset);
	ck_assert_double_eq_tol(r.small.hit_pct, 0.0, 1e-12);
}
END_TEST

/* Reads the recorded timeline into snapshots, mono = the recorded t. */
static size_t load_timeline(struct snapshot *snaps, size_t max)
{
	FILE *f = fopen(TIMELINE, "r");
	char line[8192];
	size_t n = 0;

	ck_assert(f != NULL);
	while (n < max && fgets(line, sizeof(line), f)) {
		json_t *v = json_loads(line, 0, NULL);
		struct mt_err err;

		ck_assert(v != NULL);
		memset(&snaps[n], 0, sizeof(snaps[n]));
		snaps[n].mono = json_number_value(json_object_get(v, "t"));
		ck_assert_int_eq(iobuf_decode_stats(json_object_get(json_object_get(v, "response"),
								    "result"),
						    &snaps[n].iobuf, &err),
				 0);
		json_decref(v);
		n++;
	}
	fclose(f);
	return n;
}

START_TEST(recorded_exhaustion)
{
	static struct snapshot snaps[40];
	size_t n = load_timeline(snaps, 40);
	int resets = 0, dry = 0;

	ck_assert_uint_eq(n, 27);
	for (size_t i = 1; i < n; i++) {
		struct iobuf_rates r;
		double t = snaps[i].mono;

		iobuf_rates_compute(&snaps[i - 1], &snaps[i], &r);
		ck_assert(r.valid);
		ck_assert_double_eq_tol(r.dt, 0.5, 1e-9);
		ck_assert_msg(r.large.retry >= 0 && r.small.retry >= 0 && r.large.gets >= 0,
			      "negative rate at t=%g", t);
		if (r.large.reset) {
			resets++;
			/* bdevperf's channels closed at t=11.0: a reset to 0, rate 0. */
			ck_assert_double_eq_tol(t, 11.0, 1e-9);
			ck_assert_double_eq_tol(r.large.retry, 0.0, 1e-12);
			ck_assert(r.modules[1].large.reset);
		}
		if (t >= 1.0 && t <= 10.5) {
			/* 8 large buffers for QD128: the pool is dry all the time. */
			ck_assert_msg(r.large.retry > 100000.0, "t=%g: %g retries/s", t,
				      r.large.retry);
			ck_assert_double_eq_tol(r.small.retry, 0.0, 1e-12);
			dry++;
		} else {
			ck_assert_double_eq_tol(r.large.retry, 0.0, 1e-12);
		}
	}
	ck_assert_int_eq(resets, 1);
	ck_assert_int_eq(dry, 20);
	/* t 0.5 -> 1.0: 73614 retries and 7 gets that succeeded. */
	{
		struct iobuf_rates r;

		iobuf_rates_compute(&snaps[1], &snaps[2], &r);
		ck_assert_double_eq_tol(r.large.retry, 147228.0, 1e-6);
		ck_assert_double_eq_tol(r.large.gets, (73614.0 + 7.0) / 0.5, 1e-6);
		ck_assert_double_eq_tol(r.large.hit_pct, 100.0 / 73621.0, 1e-9);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("iobuf_rates");
	TCase *t = tcase_create("rates");

	tcase_add_test(t, counter_delta_rules);
	tcase_add_test(t, rates_per_module_and_totals);
	tcase_add_test(t, reset_is_not_negative);
	tcase_add_test(t, new_and_vanished_modules);
	tcase_add_test(t, invalid_intervals);
	tcase_add_test(t, aggregate_totals_only);
	tcase_add_test(t, recorded_exhaustion);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
