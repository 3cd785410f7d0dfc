/* config_file: the path from the environment, key = value lines, errors at file:line. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "config_file.h"
#include "fixture_io.h"

START_TEST(path_from_environment)
{
	char p[256];

	ck_assert_int_eq(config_file_path("/x/cfg", "/home/u", p, sizeof(p)), 0);
	ck_assert_str_eq(p, "/x/cfg/spdk-memtop/config");
	/* XDG: a relative value is invalid and is ignored, as is an empty one. */
	ck_assert_int_eq(config_file_path("rel", "/home/u", p, sizeof(p)), 0);
	ck_assert_str_eq(p, "/home/u/.config/spdk-memtop/config");
	ck_assert_int_eq(config_file_path("", "/home/u", p, sizeof(p)), 0);
	ck_assert_int_eq(config_file_path(NULL, NULL, p, sizeof(p)), -1);
	ck_assert_int_eq(config_file_path("/x", NULL, p, 8), -1);
}
END_TEST

START_TEST(lines_applied)
{
	char text[] = "# spdk-memtop settings\n"
		      "\n"
		      "socket = /run/spdk/spdk.sock\n"
		      "  interval=2.5  \r\n"
		      "theme = mono\n"
		      "warn-pool-pct = 75\n"
		      "baseline-dir = /var/lib/memtop baselines\n"
		      "bell = true";
	struct cli_options o;
	struct mt_err e = { 0 };

	cli_options_defaults(&o);
	ck_assert_int_eq(config_text_apply(text, "cfg", &o, &e), 0);
	ck_assert_str_eq(o.socket, "/run/spdk/spdk.sock");
	ck_assert_double_eq(o.interval, 2.5);
	ck_assert_str_eq(o.theme, "mono");
	ck_assert_double_eq(o.warn_pool_pct, 75);
	ck_assert_str_eq(o.baseline_dir, "/var/lib/memtop baselines");
	ck_assert(o.bell);
}
END_TEST

#define ck_config_fails(text_, expected)                                       \
	do {                                                                   \
		char t_[] = text_;                                             \
		struct cli_options o_;                                         \
		struct mt_err e_ = { 0 };                                      \
		cli_options_defaults(&o_);                                     \
		ck_assert_int_eq(config_text_apply(t_, "cfg", &o_, &e_), -1);  \
		ck_assert_str_eq(e_.msg, expected);                            \
	} while (0)

START_TEST(bad_lines_named)
{
	ck_config_fails("theme = mono\ninterval = fast\n",
			"cfg:2: interval: expected seconds >= 0.1, got 'fast'");
	ck_config_fails("\n\n\nsocket /x\n", "cfg:4: expected key = value, got 'socket /x'");
	ck_config_fails("once = true\n", "cfg:1: 'once' is not a setting: a mode or a one-shot "
			"option, given on the command line (--once)");
	/* A replay setting would make every run one; a recording, all write one file. */
	ck_config_fails("theme = mono\nreplay = /var/tmp/incident.jsonl\n",
			"cfg:2: 'replay' is not a setting: a mode or a one-shot option, given on "
			"the command line (--replay)");
	ck_config_fails("record = /var/tmp/all.jsonl\n", "cfg:1: 'record' is not a setting: a "
			"mode or a one-shot option, given on the command line (--record)");
	ck_config_fails("colour = 1\n", "cfg:1: unknown setting 'colour'");
	ck_config_fails("warn-pool-pct = 101\n",
			"cfg:1: warn-pool-pct: expected a percentage from 0 to 100, got '101'");
	ck_config_fails("theme =\n", "cfg:1: theme: expected a theme name or path, got ''");
}
END_TEST

START_TEST(files)
{
	char dir[] = "/tmp/memtop-config.XXXXXX", path[128];
	struct cli_options o;
	struct mt_err e = { 0 };
	char *text = (char *)1;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/config", dir);
	cli_options_defaults(&o);
	ck_assert_int_eq(config_file_apply(path, &o, &text, &e), 0);   /* none: fine */
	ck_assert_ptr_null(text);
	fixture_write(path, "interval = 3\nport = 0\n");
	ck_assert_int_eq(config_file_apply(path, &o, &text, &e), -1);
	ck_assert_str_eq(strstr(e.msg, "/config:2: "), "/config:2: port: expected a port from 1 "
			 "to 65535, got '0'");
	ck_assert_double_eq(o.interval, 3);
	free(text);
	fixture_rm_tree(dir);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("config_file");
	TCase *t = tcase_create("settings");

	tcase_add_test(t, path_from_environment);
	tcase_add_test(t, lines_applied);
	tcase_add_test(t, bad_lines_named);
	tcase_add_test(t, files);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
