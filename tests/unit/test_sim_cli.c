/* spdk-memtop-sim's command line: defaults, every flag, and usage errors. */
#include <check.h>
#include <string.h>

#include "check_main.h"
#include "sim_cli.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

START_TEST(defaults)
{
	char *argv[] = { "sim", NULL };
	struct mt_err err = { 0 };
	struct sim_cli c;

	ck_assert_int_eq(sim_cli_parse(ARGC(argv), argv, &c, &err), SIM_CLI_RUN);
	ck_assert_str_eq(c.unix_path, SIM_DEFAULT_SOCKET);
	ck_assert_ptr_null(c.tcp_listen);
	ck_assert(!c.wait_for_rpc);
	ck_assert_int_eq(c.scenario, SIM_SCENARIO_IDLE);
	ck_assert_uint_eq(c.seed, 1);
	ck_assert_int_eq(c.form, SIM_FORM_PER_MODULE);
	ck_assert_int_eq(c.ready_fd, -1);
	ck_assert_ptr_null(c.config);
	ck_assert_ptr_null(c.dump_dir);
	ck_assert(!c.no_ptracer);
}
END_TEST

START_TEST(every_flag)
{
	char *argv[] = { "sim", "-r", "/tmp/x.sock", "--listen=127.0.0.1:0", "--wait-for-rpc",
			 "--scenario", "churn", "--seed=18446744073709551615",
			 "--stats-form", "aggregate", "--ready-fd", "7", "--config", "cfg.json",
			 "--dump-dir=/tmp/d", "--no-ptracer", NULL };
	struct mt_err err = { 0 };
	struct sim_cli c;

	ck_assert_int_eq(sim_cli_parse(ARGC(argv), argv, &c, &err), SIM_CLI_RUN);
	ck_assert_str_eq(c.unix_path, "/tmp/x.sock");
	ck_assert_str_eq(c.tcp_listen, "127.0.0.1:0");
	ck_assert(c.wait_for_rpc);
	ck_assert_int_eq(c.scenario, SIM_SCENARIO_CHURN);
	ck_assert_uint_eq(c.seed, UINT64_MAX);
	ck_assert_int_eq(c.form, SIM_FORM_AGGREGATE);
	ck_assert_int_eq(c.ready_fd, 7);
	ck_assert_str_eq(c.config, "cfg.json");
	ck_assert_str_eq(c.dump_dir, "/tmp/d");
	ck_assert(c.no_ptracer);
}
END_TEST

/* spdk_tgt's short form of its JSON config flag. */
START_TEST(modules_listed)
{
	char *a[] = { "sim", "--modules", "1000", NULL };
	char *b[] = { "sim", NULL };
	struct mt_err err = { 0 };
	struct sim_cli c;

	ck_assert_int_eq(sim_cli_parse(ARGC(a), a, &c, &err), SIM_CLI_RUN);
	ck_assert_uint_eq(c.modules, 1000);
	ck_assert_int_eq(sim_cli_parse(ARGC(b), b, &c, &err), SIM_CLI_RUN);
	ck_assert_uint_eq(c.modules, 0);
	ck_assert_uint_eq(c.numa_nodes, 1);
}
END_TEST

START_TEST(clock_step_given)
{
	char *a[] = { "sim", "--clock-step", "1", NULL };
	char *b[] = { "sim", "--clock-step=0.25", NULL };
	char *c0[] = { "sim", NULL };
	struct mt_err err = { 0 };
	struct sim_cli c;

	ck_assert_int_eq(sim_cli_parse(ARGC(a), a, &c, &err), SIM_CLI_RUN);
	ck_assert_double_eq(c.clock_step, 1.0);
	ck_assert_int_eq(sim_cli_parse(ARGC(b), b, &c, &err), SIM_CLI_RUN);
	ck_assert_double_eq(c.clock_step, 0.25);
	ck_assert_int_eq(sim_cli_parse(ARGC(c0), c0, &c, &err), SIM_CLI_RUN);
	ck_assert_double_eq(c.clock_step, 0.0);
}
END_TEST

START_TEST(numa_nodes_given)
{
	char *a[] = { "sim", "--numa-nodes", "2", NULL };
	char *b[] = { "sim", "--numa-nodes=16", NULL };
	struct mt_err err = { 0 };
	struct sim_cli c;

	ck_assert_int_eq(sim_cli_parse(ARGC(a), a, &c, &err), SIM_CLI_RUN);
	ck_assert_uint_eq(c.numa_nodes, 2);
	ck_assert_int_eq(sim_cli_parse(ARGC(b), b, &c, &err), SIM_CLI_RUN);
	ck_assert_uint_eq(c.numa_nodes, 16);
}
END_TEST

START_TEST(config_short_form)
{
	char *argv[] = { "sim", "-c", "spdk.json", NULL };
	struct mt_err err = { 0 };
	struct sim_cli c;

	ck_assert_int_eq(sim_cli_parse(ARGC(argv), argv, &c, &err), SIM_CLI_RUN);
	ck_assert_str_eq(c.config, "spdk.json");
}
END_TEST

START_TEST(listen_alone_serves_no_unix_socket)
{
	char *argv[] = { "sim", "--listen", "[::1]:5260", NULL };
	struct mt_err err = { 0 };
	struct sim_cli c;

	ck_assert_int_eq(sim_cli_parse(ARGC(argv), argv, &c, &err), SIM_CLI_RUN);
	ck_assert_ptr_null(c.unix_path);
	ck_assert_str_eq(c.tcp_listen, "[::1]:5260");
}
END_TEST

START_TEST(help_and_version)
{
	char *h[] = { "sim", "--scenario", "steady", "-h", NULL };
	char *v[] = { "sim", "--version", NULL };
	struct mt_err err = { 0 };
	struct sim_cli c;

	ck_assert_int_eq(sim_cli_parse(ARGC(h), h, &c, &err), SIM_CLI_INFO);
	ck_assert(c.help);
	ck_assert_int_eq(sim_cli_parse(ARGC(v), v, &c, &err), SIM_CLI_INFO);
	ck_assert(c.version);
}
END_TEST

static void usage_error(char **argv, int argc, const char *needle)
{
	struct mt_err err = { 0 };
	struct sim_cli c;

	ck_assert_int_eq(sim_cli_parse(argc, argv, &c, &err), SIM_CLI_USAGE);
	ck_assert_msg(strstr(err.msg, needle) != NULL, "'%s' lacks '%s'", err.msg, needle);
}

START_TEST(usage_errors)
{
	char *a[] = { "sim", "--scenario", "storm", NULL };
	char *b[] = { "sim", "--seed", "-3", NULL };
	char *c[] = { "sim", "--stats-form", "flat", NULL };
	char *d[] = { "sim", "--ready-fd", "x", NULL };
	char *e[] = { "sim", "--bogus", NULL };
	char *f[] = { "sim", "extra", NULL };
	char *g[] = { "sim", "-r", NULL };
	char *h[] = { "sim", "--wait-for-rpc=yes", NULL };
	char *i[] = { "sim", "-r", "", NULL };
	char *j[] = { "sim", "--ready-fd", "99999999999", NULL };
	char *k[] = { "sim", "--config", "", NULL };
	char *l[] = { "sim", "--dump-dir", NULL };
	char *m[] = { "sim", "--no-ptracer=1", NULL };
	char *nn[] = { "sim", "--numa-nodes", "17", NULL };
	char *nz[] = { "sim", "--numa-nodes=0", NULL };
	char *n[] = { "sim", "--modules", "0", NULL };
	char *o[] = { "sim", "--modules=4097", NULL };
	char *cs0[] = { "sim", "--clock-step", "0", NULL };
	char *csx[] = { "sim", "--clock-step=1s", NULL };
	char *csb[] = { "sim", "--clock-step", "3601", NULL };
	char *csn[] = { "sim", "--clock-step=nan", NULL };

	usage_error(a, ARGC(a), "--scenario storm: unknown, expected one of idle|steady");
	usage_error(b, ARGC(b), "--seed -3");
	usage_error(c, ARGC(c), "--stats-form flat");
	usage_error(d, ARGC(d), "--ready-fd x");
	usage_error(e, ARGC(e), "unknown option --bogus");
	usage_error(f, ARGC(f), "unexpected argument extra");
	usage_error(g, ARGC(g), "option -r needs a value");
	usage_error(h, ARGC(h), "option --wait-for-rpc takes no value");
	usage_error(i, ARGC(i), "empty socket path");
	usage_error(j, ARGC(j), "--ready-fd 99999999999");
	usage_error(k, ARGC(k), "--config: empty file name");
	usage_error(l, ARGC(l), "option --dump-dir needs a value");
	usage_error(m, ARGC(m), "option --no-ptracer takes no value");
	usage_error(n, ARGC(n), "--modules 0: expected a number from 1 to 4096");
	usage_error(o, ARGC(o), "--modules 4097: expected a number from 1 to 4096");
	usage_error(nn, ARGC(nn), "--numa-nodes 17: expected a number from 1 to 16");
	usage_error(nz, ARGC(nz), "--numa-nodes 0: expected a number from 1 to 16");
	usage_error(cs0, ARGC(cs0), "--clock-step 0: expected seconds, more than 0 and at most 3600");
	usage_error(csx, ARGC(csx), "--clock-step 1s: expected seconds");
	usage_error(csb, ARGC(csb), "--clock-step 3601: expected seconds");
	usage_error(csn, ARGC(csn), "--clock-step nan: expected seconds");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("sim_cli");
	TCase *tc = tcase_create("cli");

	tcase_add_test(tc, defaults);
	tcase_add_test(tc, every_flag);
	tcase_add_test(tc, config_short_form);
	tcase_add_test(tc, modules_listed);
	tcase_add_test(tc, numa_nodes_given);
	tcase_add_test(tc, clock_step_given);
	tcase_add_test(tc, listen_alone_serves_no_unix_socket);
	tcase_add_test(tc, help_and_version);
	tcase_add_test(tc, usage_errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
