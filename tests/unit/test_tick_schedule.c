/* tick_schedule: a fixed grid, late rounds skip what they missed, interval and restart. */
#include <check.h>
#include <math.h>

#include "check_main.h"
#include "tick_schedule.h"

START_TEST(test_first_tick_at_once)
{
	struct tick_schedule ts;

	tick_schedule_init(&ts, 1.0, 100.0);
	ck_assert(tick_schedule_due(&ts, 100.0));
	ck_assert_uint_eq(tick_schedule_take(&ts, 100.0), 0);
	ck_assert(!tick_schedule_due(&ts, 100.5));
	ck_assert(tick_schedule_due(&ts, 101.0));
}
END_TEST

START_TEST(test_grid_does_not_drift)
{
	struct tick_schedule ts;

	tick_schedule_init(&ts, 0.5, 0.0);
	/* Taken a little late every time: the grid stays on multiples of 0.5. */
	for (int i = 0; i < 10; i++) {
		double now = i * 0.5 + 0.03;

		ck_assert(tick_schedule_due(&ts, now));
		ck_assert_uint_eq(tick_schedule_take(&ts, now), 0);
		ck_assert_uint_eq(tick_schedule_round_done(&ts, now + 0.1), 0);
		ck_assert_double_eq_tol(ts.due, (i + 1) * 0.5, 1e-9);
	}
}
END_TEST

/* -d 0.2 with one 0.9 s round: the next round waits for the grid, no burst. */
START_TEST(test_overrun_skips_missed_ticks)
{
	struct tick_schedule ts;

	tick_schedule_init(&ts, 0.2, 0.0);
	tick_schedule_take(&ts, 0.0);
	ck_assert_uint_eq(tick_schedule_round_done(&ts, 0.9), 4);   /* 0.2 .. 0.8 */
	ck_assert(!tick_schedule_due(&ts, 0.9));
	ck_assert_double_eq_tol(ts.due, 1.0, 1e-9);
	/* A round that ends exactly on a grid point skips that point too. */
	tick_schedule_take(&ts, 1.0);
	ck_assert_uint_eq(tick_schedule_round_done(&ts, 1.2), 1);
	ck_assert_double_eq_tol(ts.due, 1.4, 1e-9);
}
END_TEST

START_TEST(test_late_take_skips)
{
	struct tick_schedule ts;

	tick_schedule_init(&ts, 1.0, 0.0);
	tick_schedule_take(&ts, 0.0);
	/* Woken 3.5 s late (a stopped process): one tick now, the next on the grid. */
	ck_assert_uint_eq(tick_schedule_take(&ts, 4.5), 3);
	ck_assert_double_eq_tol(ts.due, 5.0, 1e-9);
}
END_TEST

START_TEST(test_interval_change_counts_from_last_tick)
{
	struct tick_schedule ts;

	tick_schedule_init(&ts, 5.0, 0.0);
	tick_schedule_take(&ts, 0.0);
	tick_schedule_set_interval(&ts, 1.0, 2.5);
	ck_assert(tick_schedule_due(&ts, 2.5));     /* 0 + 1 is past: due at once */
	tick_schedule_take(&ts, 2.5);
	ck_assert_double_eq_tol(ts.due, 3.0, 1e-9);
	tick_schedule_set_interval(&ts, 10.0, 2.6);
	ck_assert_double_eq_tol(ts.due, 12.0, 1e-9);
}
END_TEST

START_TEST(test_minimum_and_restart)
{
	struct tick_schedule ts;

	tick_schedule_init(&ts, 0.01, 0.0);
	ck_assert_double_eq(ts.interval, TICK_MIN_INTERVAL);
	tick_schedule_init(&ts, NAN, 0.0);
	ck_assert_double_eq(ts.interval, TICK_MIN_INTERVAL);
	tick_schedule_set_interval(&ts, -1, 0.0);
	ck_assert_double_eq(ts.interval, TICK_MIN_INTERVAL);
	tick_schedule_init(&ts, 2.0, 0.0);
	tick_schedule_take(&ts, 0.0);
	tick_schedule_restart(&ts, 0.7);
	ck_assert(tick_schedule_due(&ts, 0.7));
	tick_schedule_take(&ts, 0.7);
	ck_assert_double_eq_tol(ts.due, 2.7, 1e-9);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("tick_schedule");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_first_tick_at_once);
	tcase_add_test(tc, test_grid_does_not_drift);
	tcase_add_test(tc, test_overrun_skips_missed_ticks);
	tcase_add_test(tc, test_late_take_skips);
	tcase_add_test(tc, test_interval_change_counts_from_last_tick);
	tcase_add_test(tc, test_minimum_and_restart);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
