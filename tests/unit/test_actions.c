/*
 * actions against the real simulator: iobuf_set_options and
 * framework_start_init in the startup state, SPDK's refusals verbatim once
 * running and below the minimums, --read-only refusing before anything is
 * sent, one action at a time, a hung target giving a timeout without
 * blocking, and a missing socket.  The actions' connection is their own:
 * a separate client checks the target's state.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "actions.h"
#include "check_main.h"
#include "mt_clock.h"
#include "rpc_client.h"
#include "sim_harness.h"

static const char *const startup_args[] = { "--wait-for-rpc", NULL };

static struct actions *open_actions(const char *sock, bool read_only, double timeout)
{
	struct actions_config cfg = { .read_only = read_only, .rpc_timeout = timeout };
	struct rpc_addr addr;
	struct mt_err err = { 0 };

	ck_assert_msg(rpc_addr_parse(sock, -1, &addr, &err) == 0, "%s", err.msg);
	return actions_new(&cfg, &addr);
}

/*
 * framework_get_config's iobuf counts, on a connection of the test's own.
 * SPDK answers it only once initialised (wait_for_rpc/13), so with init the
 * test starts the framework itself first.
 */
static void pool_counts(const char *sock, bool init, json_int_t *small, json_int_t *large)
{
	struct rpc_addr addr;
	struct rpc_client *c;
	struct rpc_result r;
	json_t *params = json_pack("{s:s}", "name", "iobuf");
	json_t *p;

	ck_assert_int_eq(rpc_addr_parse(sock, -1, &addr, NULL), 0);
	c = rpc_client_new(&addr);
	if (init) {
		ck_assert_int_eq(rpc_client_call(c, "framework_start_init", NULL, 2.0, &r), RPC_OK);
		rpc_result_clear(&r);
	}
	ck_assert_int_eq(rpc_client_call(c, "framework_get_config", params, 2.0, &r), RPC_OK);
	p = json_object_get(json_array_get(r.result, 0), "params");
	*small = json_integer_value(json_object_get(p, "small_pool_count"));
	*large = json_integer_value(json_object_get(p, "large_pool_count"));
	rpc_result_clear(&r);
	json_decref(params);
	rpc_client_free(c);
}

START_TEST(test_startup_apply_then_init_then_refused)
{
	struct sim_harness *h = sim_harness_start(startup_args);
	struct iobuf_set_request req = { .has_small_pool_count = true, .small_pool_count = 128,
					 .has_large_pool_count = true, .large_pool_count = 16 };
	struct action_result res;
	struct actions *a;
	json_int_t small, large;
	char line[MT_ERR_LEN + 64];

	ck_assert_ptr_nonnull(h);
	a = open_actions(sim_harness_socket(h), false, 2.0);
	ck_assert_int_eq(actions_iobuf_set_options(a, &req, mt_now(), &res), 0);
	ck_assert_int_eq(res.outcome, ACTION_PENDING);
	ck_assert(actions_busy(a));
	actions_wait(a, &res);
	ck_assert_int_eq(res.kind, ACTION_IOBUF_SET_OPTIONS);
	ck_assert_msg(res.outcome == ACTION_OK, "%d %s", res.outcome, res.message);
	/* What SPDK answered (wait_for_rpc/12: "result":true), not our reading of it. */
	action_result_describe(&res, line, sizeof(line));
	ck_assert_str_eq(line, "iobuf_set_options: SPDK answered true");

	ck_assert_int_eq(actions_framework_start_init(a, mt_now(), &res), 0);
	actions_wait(a, &res);
	ck_assert_msg(res.outcome == ACTION_OK, "%s", res.message);
	action_result_describe(&res, line, sizeof(line));
	ck_assert_str_eq(line, "framework_start_init: SPDK answered true");
	pool_counts(sim_harness_socket(h), false, &small, &large);
	ck_assert_int_eq(small, 128);
	ck_assert_int_eq(large, 16);

	/* Running now: SPDK's refusal comes back word for word. */
	ck_assert_int_eq(actions_iobuf_set_options(a, &req, mt_now(), &res), 0);
	actions_wait(a, &res);
	ck_assert_int_eq(res.outcome, ACTION_REJECTED);
	ck_assert_int_eq(res.code, -1);
	ck_assert_str_eq(res.message,
			 "Method may only be called before framework is initialized. Use "
			 "--wait-for-rpc command line parameter and then issue this RPC before "
			 "the framework_start_init RPC.");
	action_result_describe(&res, line, sizeof(line));
	ck_assert_ptr_nonnull(strstr(line, "iobuf_set_options: SPDK error -1: Method may only"));
	actions_free(a);
	sim_harness_stop(h);
}
END_TEST

START_TEST(test_below_minimum_rejected)
{
	struct sim_harness *h = sim_harness_start(startup_args);
	struct iobuf_set_request req = { .has_large_pool_count = true, .large_pool_count = 7 };
	struct action_result res;
	struct actions *a;
	json_int_t small, large;

	ck_assert_ptr_nonnull(h);
	a = open_actions(sim_harness_socket(h), false, 2.0);
	ck_assert_int_eq(actions_iobuf_set_options(a, &req, mt_now(), &res), 0);
	actions_wait(a, &res);
	ck_assert_int_eq(res.outcome, ACTION_REJECTED);
	ck_assert_int_eq(res.code, -22);
	ck_assert_str_eq(res.message, "Invalid argument");
	pool_counts(sim_harness_socket(h), true, &small, &large);
	ck_assert_int_eq(large, 1024);
	actions_free(a);
	sim_harness_stop(h);
}
END_TEST

START_TEST(test_read_only_sends_nothing)
{
	struct sim_harness *h = sim_harness_start(startup_args);
	struct iobuf_set_request req = { .has_large_pool_count = true, .large_pool_count = 4096 };
	struct action_result res;
	struct actions *a;
	json_int_t small, large;

	ck_assert_ptr_nonnull(h);
	a = open_actions(sim_harness_socket(h), true, 2.0);
	ck_assert(actions_read_only(a));
	ck_assert_int_eq(actions_iobuf_set_options(a, &req, mt_now(), &res), -1);
	ck_assert_int_eq(res.outcome, ACTION_REFUSED);
	ck_assert_ptr_nonnull(strstr(res.message, "--read-only"));
	ck_assert_int_eq(actions_framework_start_init(a, mt_now(), &res), -1);
	ck_assert_int_eq(res.outcome, ACTION_REFUSED);
	ck_assert(!actions_busy(a));
	/* The same gate answers for actions that write files. */
	ck_assert_int_eq(actions_check(a, ACTION_IOBUF_SET_OPTIONS, &res), -1);
	pool_counts(sim_harness_socket(h), true, &small, &large);
	ck_assert_int_eq(large, 1024);
	actions_free(a);
	sim_harness_stop(h);
}
END_TEST

START_TEST(test_one_at_a_time_and_hung_target)
{
	struct sim_harness *h = sim_harness_start(startup_args);
	struct iobuf_set_request req = { .has_small_pool_count = true, .small_pool_count = 256 };
	struct action_result res, res2;
	struct actions *a;
	double t0, took;

	ck_assert_ptr_nonnull(h);
	a = open_actions(sim_harness_socket(h), false, 0.5);
	kill(sim_harness_pid(h), SIGSTOP);
	t0 = mt_now();
	ck_assert_int_eq(actions_iobuf_set_options(a, &req, t0, &res), 0);
	ck_assert_int_eq(actions_framework_start_init(a, mt_now(), &res2), -1);
	ck_assert_int_eq(res2.outcome, ACTION_REFUSED);
	ck_assert_int_eq(res2.code, -EBUSY);
	/* A step never waits: it returns at once while the target says nothing. */
	took = mt_now();
	ck_assert(!actions_step(a, 0, mt_now()));
	ck_assert_double_lt(mt_now() - took, 0.05);
	actions_wait(a, &res);
	took = mt_now() - t0;
	kill(sim_harness_pid(h), SIGCONT);
	ck_assert_int_eq(res.outcome, ACTION_FAILED);
	ck_assert_ptr_nonnull(strstr(res.message, "no reply within 0.5 s"));
	ck_assert_double_ge(took, 0.45);
	ck_assert_double_lt(took, 0.5 + 0.5);
	actions_free(a);
	sim_harness_stop(h);
}
END_TEST

START_TEST(test_no_target)
{
	struct actions *a = open_actions("/nonexistent-dir/spdk.sock", false, 0.5);
	struct action_result res;

	if (actions_framework_start_init(a, mt_now(), &res) == 0)
		actions_wait(a, &res);
	ck_assert_int_eq(res.outcome, ACTION_FAILED);
	ck_assert_ptr_nonnull(strstr(res.message, "/nonexistent-dir/spdk.sock"));
	actions_free(a);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("actions");
	TCase *tc = tcase_create("sim");

	tcase_add_test(tc, test_startup_apply_then_init_then_refused);
	tcase_add_test(tc, test_below_minimum_rejected);
	tcase_add_test(tc, test_read_only_sends_nothing);
	tcase_add_test(tc, test_one_at_a_time_and_hung_target);
	tcase_add_test(tc, test_no_target);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
