/*
 * mode_check driven by a scripted source: its two snapshots follow the tick
 * schedule every headless mode shares.  A live source's second round waits
 * for the next tick; a recording's comes at once, whatever clock its
 * snapshots were taken on (a recording's mono is another boot's, and was
 * once added to this one's as a deadline); a recording that ends after one
 * snapshot, or a stop, is UNKNOWN at once.  No socket anywhere.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "cli_options.h"
#include "mode_check.h"
#include "mt_clock.h"
#include "scripted_source.h"

static struct snapshot snaps[2];
static struct cli_options o;
static struct scripted_source ss;
static FILE *out;

static void setup(void)
{
	scripted_snapshots_running(snaps, 2);
	cli_options_defaults(&o);
	o.check = true;
	out = tmpfile();
	ck_assert_ptr_nonnull(out);
}

static void teardown(void)
{
	fclose(out);
}

/* --check over snaps[0..n), live-like or as a recording: its exit status. */
static int run(size_t n, bool recorded, int stop_fd)
{
	struct source src;

	scripted_source_init(&ss, snaps, n, NULL, 0);
	ss.recorded = recorded;
	scripted_source_as_source(&ss, &src);
	return mode_check_run(&o, &src, out, stop_fd);
}

/* The one line --check wrote. */
static const char *line_of(void)
{
	static char buf[512];

	rewind(out);
	if (!fgets(buf, sizeof(buf), out))
		buf[0] = '\0';
	return buf;
}

/* --replay rec.jsonl --check -d 60, recorded on a machine up a million seconds longer. */
START_TEST(test_recorded_far_future_returns_at_once)
{
	double t0 = mt_now();

	o.interval = 60;
	for (int i = 0; i < 2; i++) {
		snaps[i].seq = (uint64_t)i + 1;
		snaps[i].mono = t0 + 1e6 + i;
		snaps[i].wall = mt_wall() + i;
	}
	ck_assert_int_eq(run(2, true, -1), CLI_EXIT_CHECK_OK);
	ck_assert_double_lt(mt_now() - t0, 2.0);
	ck_assert_uint_eq(ss.takes, 2);
	ck_assert_str_eq(line_of(), "SPDK-MEMTOP OK - no alerts, target running | "
		"small_retries_per_s=0.000 large_retries_per_s=0.000 small_gets_per_s=0.000 "
		"large_gets_per_s=0.000\n");
}
END_TEST

/* -d 0.2 live: the second round starts on the next tick of the grid. */
START_TEST(test_live_second_snapshot_one_interval_later)
{
	double t0 = mt_now();

	o.interval = 0.2;
	ck_assert_int_eq(run(2, false, -1), CLI_EXIT_CHECK_OK);
	ck_assert_uint_eq(ss.takes, 2);
	/* The grid starts when the run does; the second tick is 0.2 s on. */
	ck_assert_double_ge(ss.begin_at[1] - t0, 0.2);
	/*
	 * The first take follows the grid's start by its round's length (none
	 * here, microseconds of work), so the gap is the interval less that.
	 */
	ck_assert_double_ge(ss.take_at[1] - ss.take_at[0], 0.2 - 0.005);
}
END_TEST

/* A recording of one snapshot: there is no second, and waiting for it would never end. */
START_TEST(test_recording_ends_after_one)
{
	double t0 = mt_now();

	o.interval = 60;
	snaps[0].seq = 1;
	snaps[0].mono = t0 - 1e3;
	ck_assert_int_eq(run(1, true, -1), CLI_EXIT_CHECK_UNKNOWN);
	ck_assert_double_lt(mt_now() - t0, 2.0);
	ck_assert_uint_eq(ss.takes, 1);
	ck_assert_str_eq(line_of(),
			 "SPDK-MEMTOP UNKNOWN - the recording ended before the second snapshot\n");
}
END_TEST

/* A stop (SIGTERM's byte in stop_fd) before the run started: UNKNOWN, no round. */
START_TEST(test_stopped)
{
	int p[2];

	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(write(p[1], "x", 1), 1);
	ck_assert_int_eq(run(2, false, p[0]), CLI_EXIT_CHECK_UNKNOWN);
	ck_assert_uint_eq(ss.takes, 0);
	ck_assert_str_eq(line_of(), "SPDK-MEMTOP UNKNOWN - stopped before the first snapshot\n");
	close(p[0]);
	close(p[1]);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mode_check");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_recorded_far_future_returns_at_once);
	tcase_add_test(tc, test_live_second_snapshot_one_interval_later);
	tcase_add_test(tc, test_recording_ends_after_one);
	tcase_add_test(tc, test_stopped);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
