/* cli_parse: defaults, every flag, and errors that name the flag and the value. */
#include <check.h>
#include <stdarg.h>
#include <string.h>

#include "check_main.h"
#include "cli_options.h"

#define MAXARGS 32

/* Parses a NULL-terminated list of arguments (argv[0] is supplied). */
static int parse(struct cli_options *o, struct mt_err *err, ...)
{
	char *argv[MAXARGS] = { (char *)"spdk-memtop" };
	int argc = 1;
	va_list ap;
	const char *a;

	va_start(ap, err);
	while ((a = va_arg(ap, const char *)) && argc < MAXARGS - 1)
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	memset(err, 0, sizeof(*err));
	return cli_parse(argc, argv, o, err);
}

#define ck_parse_fails(expected_msg, ...)                                         \
	do {                                                                      \
		struct cli_options o_;                                            \
		struct mt_err e_;                                                 \
		ck_assert_int_eq(parse(&o_, &e_, __VA_ARGS__, NULL), -1);         \
		ck_assert_str_eq(e_.msg, expected_msg);                           \
	} while (0)

START_TEST(defaults)
{
	struct cli_options o;
	struct mt_err e;

	ck_assert_int_eq(parse(&o, &e, NULL), 0);
	ck_assert_int_eq(o.action, CLI_RUN);
	ck_assert_ptr_null(o.socket);
	ck_assert_int_eq(o.port, -1);
	ck_assert_double_eq(o.rpc_timeout, 1.0);
	ck_assert_double_eq(o.interval, 1.0);
	ck_assert(!o.once && !o.batch && !o.json && !o.demo);
	ck_assert_int_eq(o.count, 0);
	ck_assert_str_eq(o.demo_scenario, "steady");
	ck_assert_ptr_null(o.sysfs_root);
	ck_assert_ptr_null(o.procfs_root);
	ck_assert_ptr_null(o.theme);
	ck_assert(!o.no_color && !o.ascii && !o.no_flash && !o.bell && !o.read_only);
	ck_assert_double_eq(o.warn_pool_pct, 90);
	ck_assert_double_eq(o.warn_hugepages_free_pct, 10);
	ck_assert_double_eq(o.warn_imbalance_pct, 25);
	ck_assert_double_eq(o.leak_minutes, 10);
	ck_assert(!cli_is_headless(&o));
}
END_TEST

START_TEST(target_flags)
{
	struct cli_options o;
	struct mt_err e;

	ck_assert_int_eq(parse(&o, &e, "-s", "/tmp/x.sock", "-t", "2.5", NULL), 0);
	ck_assert_str_eq(o.socket, "/tmp/x.sock");
	ck_assert_double_eq(o.rpc_timeout, 2.5);
	ck_assert_int_eq(parse(&o, &e, "-s127.0.0.1", "-p5260", NULL), 0);
	ck_assert_str_eq(o.socket, "127.0.0.1");
	ck_assert_int_eq(o.port, 5260);
}
END_TEST

START_TEST(modes)
{
	struct cli_options o;
	struct mt_err e;

	ck_assert_int_eq(parse(&o, &e, "--once", NULL), 0);
	ck_assert(o.once && o.batch);
	ck_assert_int_eq(o.count, 1);
	ck_assert(cli_is_headless(&o));

	ck_assert_int_eq(parse(&o, &e, "--once", "--json", NULL), 0);
	ck_assert(o.once && o.json);

	/* clustered short flags, the value glued on */
	ck_assert_int_eq(parse(&o, &e, "-bn3", "-d", "0.1", "--json", NULL), 0);
	ck_assert(o.batch && !o.once && o.json);
	ck_assert_int_eq(o.count, 3);
	ck_assert_double_eq(o.interval, 0.1);

	ck_assert_int_eq(parse(&o, &e, "--batch", NULL), 0);
	ck_assert(o.batch);
	ck_assert_int_eq(o.count, 0);

	ck_assert_int_eq(parse(&o, &e, "-b", "-n", "7", "-d2", NULL), 0);
	ck_assert_int_eq(o.count, 7);
	ck_assert_double_eq(o.interval, 2.0);
}
END_TEST

START_TEST(demo_and_sources)
{
	struct cli_options o;
	struct mt_err e;

	ck_assert_int_eq(parse(&o, &e, "--demo", "--demo-scenario", "exhaustion",
			       "--sysfs-root=/fx/sys", "--procfs-root", "/fx/proc", NULL), 0);
	ck_assert(o.demo);
	ck_assert_str_eq(o.demo_scenario, "exhaustion");
	ck_assert_str_eq(o.sysfs_root, "/fx/sys");
	ck_assert_str_eq(o.procfs_root, "/fx/proc");

	for (size_t i = 0; cli_demo_scenarios[i]; i++) {
		ck_assert_int_eq(parse(&o, &e, "--demo", "--demo-scenario", cli_demo_scenarios[i],
				       NULL), 0);
		ck_assert_str_eq(o.demo_scenario, cli_demo_scenarios[i]);
	}
}
END_TEST

START_TEST(dashboard_flags)
{
	struct cli_options o;
	struct mt_err e;

	ck_assert_int_eq(parse(&o, &e, "--theme", "light", "--no-color", "--ascii", "--no-flash",
			       "--bell", "--read-only", "--warn-pool-pct", "75.5",
			       "--warn-hugepages-free-pct=5", "--warn-imbalance-pct", "0",
			       "--leak-minutes", "0.5", NULL), 0);
	ck_assert_str_eq(o.theme, "light");
	ck_assert(o.no_color && o.ascii && o.no_flash && o.bell && o.read_only);
	ck_assert_double_eq(o.warn_pool_pct, 75.5);
	ck_assert_double_eq(o.warn_hugepages_free_pct, 5);
	ck_assert_double_eq(o.warn_imbalance_pct, 0);
	ck_assert_double_eq(o.leak_minutes, 0.5);
}
END_TEST

START_TEST(help_and_version)
{
	struct cli_options o;
	struct mt_err e;

	ck_assert_int_eq(parse(&o, &e, "-h", NULL), 0);
	ck_assert_int_eq(o.action, CLI_HELP);
	ck_assert_int_eq(parse(&o, &e, "--version", NULL), 0);
	ck_assert_int_eq(o.action, CLI_VERSION);
	/* help wins over what follows, even nonsense */
	ck_assert_int_eq(parse(&o, &e, "--help", "--bogus", NULL), 0);
	ck_assert_int_eq(o.action, CLI_HELP);
	ck_assert_int_eq(parse(&o, &e, "-bV", NULL), 0);
	ck_assert_int_eq(o.action, CLI_VERSION);
}
END_TEST

START_TEST(bad_values)
{
	ck_parse_fails("-d: expected seconds >= 0.1, got 'abc'", "-d", "abc");
	ck_parse_fails("-d: expected seconds >= 0.1, got '0.05'", "-d", "0.05");
	ck_parse_fails("-d: expected seconds >= 0.1, got ''", "-d", "");
	ck_parse_fails("-d: expected seconds >= 0.1, got '1s'", "-d1s");
	ck_parse_fails("-d: expected seconds >= 0.1, got 'nan'", "-d", "nan");
	ck_parse_fails("-d: expected seconds >= 0.1, got '0x10'", "-d", "0x10");
	ck_parse_fails("-d: expected seconds <= 86400, got '1e9'", "-d", "1e9");
	/* Blanks on either side are refused alike (strtod skips leading ones). */
	ck_parse_fails("-d: expected seconds >= 0.1, got ' 1'", "-d", " 1");
	ck_parse_fails("-d: expected seconds >= 0.1, got '1 '", "-d", "1 ");
	ck_parse_fails("-d: expected seconds >= 0.1, got '\t1'", "-d", "\t1");
	ck_parse_fails("-n: expected a count >= 1, got ' 3'", "-b", "-n", " 3");
	ck_parse_fails("-t: expected seconds > 0, got '0'", "-t", "0");
	ck_parse_fails("-t: expected seconds > 0, got '-1'", "-t", "-1");
	ck_parse_fails("-p: expected a port from 1 to 65535, got '70000'", "-p", "70000");
	ck_parse_fails("-p: expected a port from 1 to 65535, got 'http'", "-p", "http");
	ck_parse_fails("-n: expected a count >= 1, got '0'", "-b", "-n", "0");
	ck_parse_fails("-n: expected a count >= 1, got '99999999999999999999'", "-b", "-n",
		       "99999999999999999999");
	ck_parse_fails("-s: expected a path, got ''", "-s", "");
	ck_parse_fails("--demo-scenario: expected idle, steady, exhaustion or churn, got 'busy'",
		       "--demo", "--demo-scenario", "busy");
	ck_parse_fails("--warn-pool-pct: expected a percentage from 0 to 100, got '101'",
		       "--warn-pool-pct", "101");
	ck_parse_fails("--warn-imbalance-pct: expected a percentage from 0 to 100, got 'x'",
		       "--warn-imbalance-pct=x");
	ck_parse_fails("--leak-minutes: expected minutes > 0, got '0'", "--leak-minutes", "0");
	ck_parse_fails("--theme: expected a theme name or path, got ''", "--theme=");
}
END_TEST

START_TEST(bad_flags)
{
	ck_parse_fails("unknown option '--frobnicate'", "--frobnicate");
	ck_parse_fails("unknown option '--frob'", "--frob=1");
	ck_parse_fails("unknown option '-x'", "-x");
	ck_parse_fails("unknown option '-z'", "-bz");
	ck_parse_fails("unexpected argument 'extra'", "extra");
	ck_parse_fails("unexpected argument '-'", "-");
	ck_parse_fails("unexpected argument 'x'", "--", "x");
	ck_parse_fails("-d: missing value", "-d");
	ck_parse_fails("--theme: missing value", "--theme");
	ck_parse_fails("--once: takes no value, got 'yes'", "--once=yes");
}
END_TEST

START_TEST(bad_combinations)
{
	ck_parse_fails("-n: needs -b (batch mode)", "-n", "3");
	ck_parse_fails("-b: conflicts with --once (use -b -n 1 for one snapshot in batch form)",
		       "--once", "-b");
	ck_parse_fails("-b: conflicts with --once (use -b -n 1 for one snapshot in batch form)",
		       "--batch", "--once", "--json");
	ck_parse_fails("-n: conflicts with --once (use -b -n N for several snapshots)", "--once",
		       "-n", "3");
	ck_parse_fails("--json: needs --once, -b or --check (the dashboard draws, it does not "
		       "print JSON)", "--json");
	ck_parse_fails("--demo: conflicts with -s (the demo uses a private socket)", "--demo",
		       "-s", "/x");
	ck_parse_fails("--demo: conflicts with -p (the demo uses a private socket)", "--demo",
		       "-p", "4420");
	ck_parse_fails("--demo-scenario: needs --demo", "--demo-scenario", "idle");
}
END_TEST

/* recording and replay */
START_TEST(recording_flags)
{
	struct cli_options o;
	struct mt_err e;

	ck_assert_int_eq(parse(&o, &e, NULL), 0);
	ck_assert_ptr_null(o.record);
	ck_assert_ptr_null(o.replay);
	ck_assert(o.flight_minutes == 15 && o.record_max_mb == 0);
	ck_assert_int_eq(parse(&o, &e, "--record", "r.jsonl", "--record-max-mb", "64",
			       "--flight-minutes=5", "--flight-dir", "/var/tmp/f", NULL), 0);
	ck_assert_str_eq(o.record, "r.jsonl");
	ck_assert(o.record_max_mb == 64 && o.flight_minutes == 5);
	ck_assert_str_eq(o.flight_dir, "/var/tmp/f");
	ck_assert_int_eq(parse(&o, &e, "--replay", "r.jsonl", "-b", "-n", "3", NULL), 0);
	ck_assert_str_eq(o.replay, "r.jsonl");
	ck_parse_fails("--replay: conflicts with -s (a recording is the target)", "--replay",
		       "r", "-s", "/x");
	ck_parse_fails("--replay: conflicts with --demo (a recording is the target)", "--demo",
		       "--replay", "r");
	ck_parse_fails("--record-max-mb: needs --record", "--record-max-mb", "5");
	ck_parse_fails("--record-max-mb: expected MiB from 1 to 1048576, got '0'", "--record",
		       "r", "--record-max-mb", "0");
	ck_parse_fails("--flight-minutes: expected minutes from 0 to 1440, got 'x'",
		       "--flight-minutes", "x");
	ck_parse_fails("--record: expected a path, got ''", "--record", "");
	ck_parse_fails("--record: conflicts with --replay (the recording exists; to pick out a "
		       "part, -b --json --replay FILE writes it again)", "--record", "a",
		       "--replay", "b");
}
END_TEST

START_TEST(double_dash_ends_options)
{
	struct cli_options o;
	struct mt_err e;

	ck_assert_int_eq(parse(&o, &e, "--once", "--", NULL), 0);
	ck_assert(o.once);
}
END_TEST

START_TEST(usage_texts)
{
	char buf[4096] = { 0 };
	FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");

	ck_assert_ptr_nonnull(f);
	cli_usage(f);
	fclose(f);
	ck_assert(strncmp(buf, "usage: spdk-memtop ", 19) == 0);
	ck_assert_int_eq(strchr(buf, '\n') - buf, (long)strlen(buf) - 1);   /* one line */

	memset(buf, 0, sizeof(buf));
	f = fmemopen(buf, sizeof(buf) - 1, "w");
	cli_help(f);
	fclose(f);
	/* every flag is documented in -h */
	static const char *const flags[] = {
		"-s PATH", "-p PORT", "-t SECONDS", "-d SECONDS", "--once", "--batch", "-n N",
		"--json", "--demo", "--demo-scenario", "--sysfs-root", "--procfs-root", "--theme",
		"--no-color", "--ascii", "--no-flash", "--bell", "--read-only", "--warn-pool-pct",
		"--warn-hugepages-free-pct", "--warn-imbalance-pct", "--leak-minutes", "--help",
		"--version", "--baseline FILE", "--baseline-dir", "--check", "--prometheus ",
		"--prometheus-textfile", "--no-config", "diff A B",
	};
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		ck_assert_msg(strstr(buf, flags[i]), "-h does not mention %s", flags[i]);
}
END_TEST

/* Baselines, checks, export and settings (issue 9). */
START_TEST(issue9_flags)
{
	struct cli_options o;
	struct mt_err e;

	ck_assert_int_eq(parse(&o, &e, "--baseline", "b.json", "--baseline-dir=/d",
			       "--prometheus-textfile", "/x.prom", "--no-config", NULL), 0);
	ck_assert_str_eq(o.baseline, "b.json");
	ck_assert_str_eq(o.baseline_dir, "/d");
	ck_assert_str_eq(o.prometheus_textfile, "/x.prom");
	ck_assert(o.no_config && !cli_is_headless(&o));
	ck_assert_int_eq(parse(&o, &e, "--check", "--json", NULL), 0);
	ck_assert(o.check && o.json && cli_is_headless(&o));
	ck_assert_int_eq(parse(&o, &e, "-b", "--prometheus", "-n", "2", NULL), 0);
	ck_assert(o.prometheus && o.batch);

	ck_parse_fails("--check: conflicts with --once (it takes its own two snapshots)",
		       "--check", "--once");
	ck_parse_fails("--check: conflicts with -b (it takes its own two snapshots)", "--check",
		       "-b");
	ck_parse_fails("--prometheus: needs --once or -b (for the dashboard, use "
		       "--prometheus-textfile PATH)", "--prometheus");
	ck_parse_fails("--prometheus: conflicts with --json (one output format)", "--once",
		       "--prometheus", "--json");
	ck_parse_fails("--prometheus-textfile: conflicts with --check (it exits at once; use a "
		       "mode that keeps running)", "--check", "--prometheus-textfile", "p");
	ck_parse_fails("--baseline: needs the dashboard (to compare two files, use "
		       "`spdk-memtop diff A B`)", "--once", "--baseline", "b");
	ck_parse_fails("--baseline: expected a path, got ''", "--baseline=");
}
END_TEST

START_TEST(diff_subcommand)
{
	struct cli_options o;
	struct mt_err e;

	ck_assert_int_eq(parse(&o, &e, "diff", "a.json", "b.json", NULL), 0);
	ck_assert_int_eq(o.action, CLI_DIFF);
	ck_assert_str_eq(o.diff_a, "a.json");
	ck_assert_str_eq(o.diff_b, "b.json");
	ck_assert(!o.json);
	ck_assert_int_eq(parse(&o, &e, "diff", "--json", "a", "--", "-b", NULL), 0);
	ck_assert(o.json);
	ck_assert_str_eq(o.diff_b, "-b");
	ck_assert_int_eq(parse(&o, &e, "diff", "-h", NULL), 0);
	ck_assert_int_eq(o.action, CLI_HELP);

	ck_parse_fails("diff: expected two files, A and B, got none", "diff");
	ck_parse_fails("diff: expected two files, A and B, got one", "diff", "a");
	ck_parse_fails("diff: unexpected argument 'c' (two files: A B)", "diff", "a", "b", "c");
	ck_parse_fails("diff: unknown option '--once' (only --json)", "diff", "--once", "a", "b");
	/* Only as the first word: elsewhere it is a stray argument. */
	ck_parse_fails("unexpected argument 'diff'", "--once", "diff");
}
END_TEST

START_TEST(settings)
{
	struct cli_options o;
	struct mt_err e = { 0 };
	char *argv[] = { (char *)"spdk-memtop", (char *)"-d", (char *)"5", NULL };

	cli_options_defaults(&o);
	ck_assert_int_eq(cli_apply_setting(&o, "socket", "/run/spdk.sock", &e), 0);
	ck_assert_int_eq(cli_apply_setting(&o, "interval", "2", &e), 0);
	ck_assert_int_eq(cli_apply_setting(&o, "theme", "mono", &e), 0);
	ck_assert_int_eq(cli_apply_setting(&o, "warn-pool-pct", "80", &e), 0);
	ck_assert_int_eq(cli_apply_setting(&o, "baseline-dir", "/b", &e), 0);
	ck_assert_int_eq(cli_apply_setting(&o, "read-only", "yes", &e), 0);
	ck_assert_str_eq(o.socket, "/run/spdk.sock");
	ck_assert_double_eq(o.interval, 2);
	ck_assert_double_eq(o.warn_pool_pct, 80);
	ck_assert(o.read_only);
	/* Flags win. */
	ck_assert_int_eq(cli_parse_over(3, argv, &o, &e), 0);
	ck_assert_double_eq(o.interval, 5);
	ck_assert_str_eq(o.theme, "mono");

	ck_assert_int_eq(cli_apply_setting(&o, "interval", "abc", &e), -1);
	ck_assert_str_eq(e.msg, "interval: expected seconds >= 0.1, got 'abc'");
	ck_assert_int_eq(cli_apply_setting(&o, "once", "true", &e), -1);
	ck_assert_str_eq(e.msg, "'once' is not a setting: a mode or a one-shot option, given on "
			 "the command line (--once)");
	ck_assert_int_eq(cli_apply_setting(&o, "colour", "1", &e), -1);
	ck_assert_str_eq(e.msg, "unknown setting 'colour'");
	ck_assert_int_eq(cli_apply_setting(&o, "bell", "no", &e), -1);
	ck_assert_str_eq(e.msg, "bell: expected true, yes or 1 (leave the line out for false), "
			 "got 'no'");
}
END_TEST

/* --consumers (issue 11): with --once only, text or JSON; not with a recording. */
START_TEST(consumers_flag)
{
	struct cli_options o;
	struct mt_err e;

	ck_assert_int_eq(parse(&o, &e, "--once", "--consumers", NULL), 0);
	ck_assert(o.consumers);
	ck_assert_int_eq(parse(&o, &e, "--once", "--json", "--consumers", NULL), 0);
	ck_assert(o.consumers && o.json);
	ck_parse_fails("--consumers: needs --once, as text or --json (the dashboard shows them "
		       "on key H)", "--consumers");
	ck_parse_fails("--consumers: needs --once, as text or --json (the dashboard shows them "
		       "on key H)", "-b", "--consumers");
	ck_parse_fails("--consumers: needs --once, as text or --json (the dashboard shows them "
		       "on key H)", "--once", "--prometheus", "--consumers");
	ck_parse_fails("--consumers: conflicts with --replay (it scans this host's processes "
		       "now, not the recording's)", "--once", "--consumers", "--replay", "x.jsonl");
}
END_TEST

static Suite *cli_suite(void)
{
	Suite *s = suite_create("cli_options");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, defaults);
	tcase_add_test(tc, target_flags);
	tcase_add_test(tc, modes);
	tcase_add_test(tc, demo_and_sources);
	tcase_add_test(tc, dashboard_flags);
	tcase_add_test(tc, help_and_version);
	tcase_add_test(tc, bad_values);
	tcase_add_test(tc, bad_flags);
	tcase_add_test(tc, bad_combinations);
	tcase_add_test(tc, recording_flags);
	tcase_add_test(tc, double_dash_ends_options);
	tcase_add_test(tc, usage_texts);
	tcase_add_test(tc, issue9_flags);
	tcase_add_test(tc, diff_subcommand);
	tcase_add_test(tc, settings);
	tcase_add_test(tc, consumers_flag);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(cli_suite());
}
