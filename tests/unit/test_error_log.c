/*
 * error_log: distinct messages with first/last seen, counts and current/cleared,
 * in display order, bounded without losing what the latest snapshot reported.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "error_log.h"

static struct error_log lg;
static struct snapshot snap;

static void setup(void)
{
	error_log_init(&lg);
	memset(&snap, 0, sizeof(snap));
}

/* A snapshot at wall time `wall` whose errors are the NULL-terminated msgs. */
static const struct snapshot *at(double wall, const char *const *msgs)
{
	memset(&snap, 0, sizeof(snap));
	snap.wall = wall;
	snap.mono = wall - 1000;
	for (; msgs && *msgs; msgs++)
		mt_errlist_add(&snap.errors, "%s", *msgs);
	return &snap;
}

#define ERRS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const char *const SYSFS = "cannot read /sys/devices/system/node/node1/meminfo: "
				 "Is a directory";
static const char *const STATS = "iobuf_get_stats: [0].small_pool.retry: expected a "
				 "non-negative integer";
static const char *const CONFIG = "framework_get_config: SPDK error -32602: Invalid arguments";

START_TEST(test_empty)
{
	ck_assert_uint_eq(lg.n, 0);
	ck_assert_uint_eq(lg.current, 0);
	error_log_update(&lg, at(100, NULL));
	ck_assert_uint_eq(lg.n, 0);
	ck_assert_uint_eq(lg.snapshots, 1);
	ck_assert_double_eq(lg.latest_wall, 100);
	ck_assert_uint_eq(errlist_distinct(&snap.errors), 0);
}
END_TEST

START_TEST(test_first_snapshot)
{
	error_log_update(&lg, at(100, ERRS(SYSFS, STATS)));
	ck_assert_uint_eq(lg.n, 2);
	ck_assert_uint_eq(lg.current, 2);
	/* In the order the snapshot reported them. */
	ck_assert_str_eq(lg.e[0].msg, SYSFS);
	ck_assert_str_eq(lg.e[1].msg, STATS);
	for (size_t i = 0; i < 2; i++) {
		ck_assert(lg.e[i].current);
		ck_assert_uint_eq(lg.e[i].count, 1);
		ck_assert_double_eq(lg.e[i].first_wall, 100);
		ck_assert_double_eq(lg.e[i].last_wall, 100);
	}
}
END_TEST

START_TEST(test_repeat_within_a_snapshot_counts_once)
{
	error_log_update(&lg, at(100, ERRS(SYSFS, SYSFS, STATS, SYSFS)));
	ck_assert_uint_eq(errlist_distinct(&snap.errors), 2);
	ck_assert_uint_eq(lg.n, 2);
	ck_assert_uint_eq(lg.current, 2);
	ck_assert_uint_eq(lg.e[0].count, 1);
}
END_TEST

START_TEST(test_counts_and_clearing)
{
	error_log_update(&lg, at(100, ERRS(SYSFS, STATS)));
	error_log_update(&lg, at(101, ERRS(STATS, CONFIG)));
	ck_assert_uint_eq(lg.n, 3);
	ck_assert_uint_eq(lg.current, 2);
	/* Current first, oldest first appearance first; the cleared one last. */
	ck_assert_str_eq(lg.e[0].msg, STATS);
	ck_assert_uint_eq(lg.e[0].count, 2);
	ck_assert_double_eq(lg.e[0].first_wall, 100);
	ck_assert_double_eq(lg.e[0].last_wall, 101);
	ck_assert_str_eq(lg.e[1].msg, CONFIG);
	ck_assert(lg.e[1].current);
	ck_assert_double_eq(lg.e[1].first_wall, 101);
	ck_assert_str_eq(lg.e[2].msg, SYSFS);
	ck_assert(!lg.e[2].current);
	ck_assert_double_eq(lg.e[2].last_wall, 100);

	/* Nothing wrong any more: everything cleared, the most recently seen first. */
	error_log_update(&lg, at(102, NULL));
	ck_assert_uint_eq(lg.current, 0);
	ck_assert_uint_eq(lg.n, 3);
	for (size_t i = 0; i < lg.n; i++)
		ck_assert(!lg.e[i].current);
	ck_assert_double_eq(lg.e[0].last_wall, 101);
	ck_assert_double_eq(lg.e[2].last_wall, 100);
	ck_assert_str_eq(lg.e[2].msg, SYSFS);

	/* It comes back: current again, first seen kept, counted once more. */
	error_log_update(&lg, at(110, ERRS(SYSFS)));
	ck_assert_str_eq(lg.e[0].msg, SYSFS);
	ck_assert(lg.e[0].current);
	ck_assert_uint_eq(lg.e[0].count, 2);
	ck_assert_double_eq(lg.e[0].first_wall, 100);
	ck_assert_double_eq(lg.e[0].last_wall, 110);
	ck_assert_uint_eq(lg.current, 1);
}
END_TEST

START_TEST(test_snapshot_overflow_is_counted)
{
	char msg[64];

	memset(&snap, 0, sizeof(snap));
	snap.wall = 100;
	for (int i = 0; i < MT_ERRLIST_MAX + 3; i++) {
		snprintf(msg, sizeof(msg), "error %d", i);
		mt_errlist_add(&snap.errors, "%s", msg);
	}
	ck_assert_uint_eq(snap.errors.dropped, 3);
	ck_assert_uint_eq(errlist_distinct(&snap.errors), MT_ERRLIST_MAX + 3);
	error_log_update(&lg, &snap);
	ck_assert_uint_eq(lg.current, MT_ERRLIST_MAX);
	ck_assert_uint_eq(lg.latest_dropped, 3);
	ck_assert_uint_eq(lg.current + lg.latest_dropped, errlist_distinct(&snap.errors));
}
END_TEST

/* Full: the cleared entry seen longest ago goes first; what is current never goes. */
START_TEST(test_bounded)
{
	char msg[64];

	for (int i = 0; i < ERROR_LOG_MAX + 36; i++) {
		snprintf(msg, sizeof(msg), "sysfs file %d unreadable", i);
		error_log_update(&lg, at(1000 + i, ERRS(msg)));
		ck_assert_uint_le(lg.n, ERROR_LOG_MAX);
	}
	ck_assert_uint_eq(lg.n, ERROR_LOG_MAX);
	ck_assert_uint_eq(lg.forgotten, 36);
	ck_assert_str_eq(lg.e[0].msg, msg);
	ck_assert(lg.e[0].current);
	/* The newest 64 are kept, newest first after the current one. */
	ck_assert_str_eq(lg.e[1].msg, "sysfs file 98 unreadable");
	ck_assert_str_eq(lg.e[ERROR_LOG_MAX - 1].msg, "sysfs file 36 unreadable");

	/* A whole snapshot of new messages in a full log: all of them kept. */
	memset(&snap, 0, sizeof(snap));
	snap.wall = 5000;
	for (int i = 0; i < MT_ERRLIST_MAX; i++)
		mt_errlist_add(&snap.errors, "rpc error %d", i);
	error_log_update(&lg, &snap);
	ck_assert_uint_eq(lg.n, ERROR_LOG_MAX);
	ck_assert_uint_eq(lg.current, MT_ERRLIST_MAX);
	ck_assert_uint_eq(lg.forgotten, 36 + MT_ERRLIST_MAX);
	for (int i = 0; i < MT_ERRLIST_MAX; i++) {
		snprintf(msg, sizeof(msg), "rpc error %d", i);
		ck_assert_str_eq(lg.e[i].msg, msg);
		ck_assert(lg.e[i].current);
	}
	/* The one that was current a moment ago is the newest cleared entry. */
	ck_assert_str_eq(lg.e[MT_ERRLIST_MAX].msg, "sysfs file 99 unreadable");
	ck_assert(!lg.e[MT_ERRLIST_MAX].current);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("error_log");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_first_snapshot);
	tcase_add_test(tc, test_repeat_within_a_snapshot_counts_once);
	tcase_add_test(tc, test_counts_and_clearing);
	tcase_add_test(tc, test_snapshot_overflow_is_counted);
	tcase_add_test(tc, test_bounded);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
