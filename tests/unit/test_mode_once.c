/*
 * mode_once driven by a scripted source: batch output follows the shared
 * tick schedule (one slow round is not followed by a burst of snapshots),
 * --once writes one pretty JSON object, and the exit status says when the
 * target was unreachable.  No socket anywhere.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "cli_options.h"
#include "mode_once.h"
#include "scripted_source.h"

static struct snapshot snaps[2];

static void setup(void)
{
	scripted_snapshots_running(snaps, 2);
}

static int count_lines(FILE *f)
{
	int c, n = 0;

	rewind(f);
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	return n;
}

/* -b -n 4 -d 0.2 with a 0.9 s first round: the rest wait for the grid. */
START_TEST(test_batch_no_burst_after_overrun)
{
	static const double durations[] = { 0.9, 0, 0, 0 };
	struct scripted_source ss;
	struct source src;
	struct cli_options o;
	FILE *out = tmpfile(), *diag = tmpfile();

	cli_options_defaults(&o);
	o.batch = true;
	o.json = true;
	o.count = 4;
	o.interval = 0.2;
	scripted_source_init(&ss, snaps, 1, durations, 4);
	scripted_source_as_source(&ss, &src);
	ck_assert_int_eq(mode_once_run(&o, &src, out, diag, -1), CLI_EXIT_OK);
	ck_assert_uint_eq(ss.takes, 4);
	ck_assert_int_eq(count_lines(out), 4);
	/* The old fixed-rate loop ran the three missed ticks back to back (ms apart). */
	for (size_t i = 1; i < 4; i++)
		ck_assert_msg(ss.take_at[i] - ss.take_at[i - 1] > 0.05,
			      "snapshots %zu and %zu only %.3f s apart", i, i + 1,
			      ss.take_at[i] - ss.take_at[i - 1]);
	/* And the grid is kept: the second round began on it (1.0 s), not at 0.9 s. */
	ck_assert_double_ge(ss.begin_at[1] - ss.begin_at[0], 0.95);
	fclose(out);
	fclose(diag);
}
END_TEST

START_TEST(test_once_pretty_json_and_unreachable)
{
	struct scripted_source ss;
	struct source src;
	struct cli_options o;
	FILE *out = tmpfile(), *diag = tmpfile();
	char buf[256];

	cli_options_defaults(&o);
	o.once = true;
	o.json = true;
	o.count = 1;
	snaps[0].state = TARGET_UNREACHABLE;
	snprintf(snaps[0].unreachable_reason, sizeof(snaps[0].unreachable_reason),
		 "no such socket /scripted.sock");
	scripted_source_init(&ss, snaps, 1, NULL, 0);
	scripted_source_as_source(&ss, &src);
	ck_assert_int_eq(mode_once_run(&o, &src, out, diag, -1), CLI_EXIT_UNREACHABLE);
	ck_assert_uint_eq(ss.takes, 1);
	ck_assert_int_gt(count_lines(out), 5);   /* indented, one member a line */
	rewind(diag);
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), diag));
	ck_assert_ptr_nonnull(strstr(buf, "no such socket /scripted.sock"));
	fclose(out);
	fclose(diag);
}
END_TEST

/*
 * -b -n 3: one good snapshot, then two where the target answered only errors.
 * Not 0: its own status, and the reason said once for the stretch, not per line.
 */
START_TEST(test_batch_no_iobuf_data)
{
	struct scripted_source ss;
	struct source src;
	struct cli_options o;
	FILE *out = tmpfile(), *diag = tmpfile();
	char buf[256];

	cli_options_defaults(&o);
	o.batch = true;
	o.json = true;
	o.count = 3;
	o.interval = TICK_MIN_INTERVAL;
	snaps[1].state = TARGET_UNKNOWN;
	snaps[1].iobuf.form = IOBUF_FORM_NONE;
	mt_errlist_add(&snaps[1].errors, "iobuf_get_stats: SPDK error -32601: Method not found");
	scripted_source_init(&ss, snaps, 2, NULL, 0);
	scripted_source_as_source(&ss, &src);
	ck_assert_int_eq(mode_once_run(&o, &src, out, diag, -1), CLI_EXIT_NO_IOBUF);
	ck_assert_uint_eq(ss.takes, 3);
	ck_assert_int_eq(count_lines(out), 3);
	ck_assert_int_eq(count_lines(diag), 1);
	rewind(diag);
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), diag));
	ck_assert_str_eq(buf, "spdk-memtop: no iobuf data from /scripted.sock: "
		       "iobuf_get_stats: SPDK error -32601: Method not found\n");
	fclose(out);
	fclose(diag);

	/* An unreachable snapshot in the same run says more: 3 wins. */
	out = tmpfile();
	diag = tmpfile();
	snaps[0].state = TARGET_UNREACHABLE;
	scripted_source_init(&ss, snaps, 2, NULL, 0);
	scripted_source_as_source(&ss, &src);
	ck_assert_int_eq(mode_once_run(&o, &src, out, diag, -1), CLI_EXIT_UNREACHABLE);
	fclose(out);
	fclose(diag);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mode_once");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_batch_no_burst_after_overrun);
	tcase_add_test(tc, test_once_pretty_json_and_unreachable);
	tcase_add_test(tc, test_batch_no_iobuf_data);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
