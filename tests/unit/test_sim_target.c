/*
 * The simulator's JSON-RPC layer and target, in process: the startup/running
 * state machine, iobuf_set_options decoding and limits, id echo, batches,
 * notifications, invalid requests, framework_wait_init waiting for
 * framework_start_init, sim_set_scenario and the aggregate form; with a DPDK
 * environment, pool rings made at framework init with the options set until
 * then, settled on the model, and the ticks that keep them moving.
 */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "sim_env.h"
#include "sim_jsonrpc.h"
#include "sim_ring.h"
#include "sim_target.h"

#define ERR_STARTUP_ONLY "{\"code\":-1,\"message\":\"" SIM_MSG_STARTUP_ONLY "\"}"
#define ERR_RUNTIME_ONLY "{\"code\":-1,\"message\":\"" SIM_MSG_RUNTIME_ONLY "\"}"

/* One request through the layer: the bytes a client would read, "" for none. */
static char out[1 << 16];
static bool was_closed, was_waiting, did_init;
static struct sim_reply pending;

static const char *rpc(struct sim_target *t, const char *req, double now)
{
	struct sim_reply r = { 0 };
	struct sim_buf b = { 0 };
	bool init = false;

	was_closed = sim_jsonrpc_handle(t, req, strlen(req), now, &r, &init) != SIM_JSONRPC_OK;
	did_init = init;
	was_waiting = sim_reply_waiting(&r);
	out[0] = '\0';
	if (was_waiting) {
		sim_reply_free(&pending);
		pending = r;
		return out;
	}
	ck_assert_int_eq(sim_reply_render(&r, &b), 0);
	ck_assert_uint_lt(b.len, sizeof(out));
	if (b.len)
		memcpy(out, b.data, b.len);
	out[b.len] = '\0';
	sim_buf_free(&b);
	sim_reply_free(&r);
	return out;
}

static void expect_error(struct sim_target *t, const char *req, const char *id,
			 const char *error)
{
	char want[1024];

	snprintf(want, sizeof(want), "{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":%s}\n", id, error);
	ck_assert_str_eq(rpc(t, req, 1.0), want);
}

static void expect_result(struct sim_target *t, const char *req, const char *id,
			  const char *result)
{
	char want[4096];

	snprintf(want, sizeof(want), "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":%s}\n", id, result);
	ck_assert_str_eq(rpc(t, req, 1.0), want);
}

static void set_options(struct sim_target *t, const char *params, const char *error)
{
	char req[512];

	snprintf(req, sizeof(req),
		 "{\"jsonrpc\":\"2.0\",\"method\":\"iobuf_set_options\",\"id\":1,\"params\":%s}",
		 params);
	if (error)
		expect_error(t, req, "1", error);
	else
		expect_result(t, req, "1", "true");
}

static const char *iobuf_config(struct sim_target *t)
{
	static char cfg[1024];
	const char *r = rpc(t, "{\"jsonrpc\":\"2.0\",\"method\":\"framework_get_config\",\"id\":2,"
			    "\"params\":{\"name\":\"iobuf\"}}", 1.0);
	const char *p = strstr(r, "\"params\":{");

	ck_assert_ptr_nonnull(p);
	snprintf(cfg, sizeof(cfg), "%s", p + strlen("\"params\":"));
	*strchr(cfg, '}') = '\0';
	return cfg;
}

START_TEST(running_refuses_startup_methods)
{
	struct sim_target t;

	sim_target_init(&t, false, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	/* The state check comes before decoding: a bad value still gets -1. */
	set_options(&t, "{\"small_pool_count\":\"lots\"}", ERR_STARTUP_ONLY);
	set_options(&t, "{\"small_pool_count\":16384}", ERR_STARTUP_ONLY);
	expect_error(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"framework_start_init\",\"id\":3}", "3",
		     ERR_STARTUP_ONLY);
	expect_result(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"framework_wait_init\",\"id\":4}", "4",
		      "true");
	ck_assert_int_eq(t.state, SIM_STATE_RUNNING);
}
END_TEST

START_TEST(startup_state_machine)
{
	struct sim_target t;

	sim_target_init(&t, true, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	expect_error(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"iobuf_get_stats\",\"id\":3}", "3",
		     ERR_RUNTIME_ONLY);
	expect_error(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"framework_get_config\",\"id\":4,"
		     "\"params\":{\"name\":\"iobuf\"}}", "4", ERR_RUNTIME_ONLY);
	/* A recorded runtime method the simulator does not model: still the state error. */
	expect_error(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"bdev_get_bdevs\",\"id\":5}", "5",
		     ERR_RUNTIME_ONLY);
	expect_error(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":6}", "6",
		     "{\"code\":-32601,\"message\":\"Method not found\"}");
	expect_error(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"framework_start_init\",\"id\":7,"
		     "\"params\":{}}", "7",
		     "{\"code\":-32602,\"message\":"
		     "\"framework_start_init requires no parameters\"}");
	ck_assert_int_eq(t.state, SIM_STATE_STARTUP);

	/* framework_wait_init waits for the framework. */
	rpc(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"framework_wait_init\",\"id\":14}", 1.0);
	ck_assert(was_waiting);
	expect_result(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"framework_start_init\",\"id\":15}",
		      "15", "true");
	ck_assert(did_init);
	ck_assert_int_eq(t.state, SIM_STATE_RUNNING);
	{
		struct sim_buf b = { 0 };

		ck_assert_int_eq(sim_reply_release(&pending), 0);
		ck_assert(!sim_reply_waiting(&pending));
		ck_assert_int_eq(sim_reply_render(&pending, &b), 0);
		ck_assert_int_eq(sim_buf_append(&b, "", 1), 0);
		ck_assert_str_eq(b.data, "{\"jsonrpc\":\"2.0\",\"id\":14,\"result\":true}\n");
		sim_buf_free(&b);
		sim_reply_free(&pending);
	}
	expect_error(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"framework_start_init\",\"id\":19}",
		     "19", ERR_STARTUP_ONLY);
	set_options(&t, "{\"small_pool_count\":16384}", ERR_STARTUP_ONLY);
}
END_TEST

START_TEST(set_options_decode_then_minimums)
{
	static const char *const decode_fail =
		"{\"code\":-32602,\"message\":\"spdk_json_decode_object failed\"}";
	static const char *const einval = "{\"code\":-22,\"message\":\"Invalid argument\"}";
	struct sim_target t;
	const char *dflt = "{\"small_pool_count\":8192,\"large_pool_count\":1024,"
			   "\"small_bufsize\":8192,\"large_bufsize\":135168,\"enable_numa\":false";

	sim_target_init(&t, true, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	set_options(&t, "{\"small_pool_count\":\"lots\"}", decode_fail);
	set_options(&t, "{\"tiny_pool_count\":1}", decode_fail);
	set_options(&t, "{\"small_pool_count\":-1}", decode_fail);
	set_options(&t, "{\"small_pool_count\":64.5}", decode_fail);
	set_options(&t, "{\"small_bufsize\":4294967296}", decode_fail);
	set_options(&t, "{\"enable_numa\":1}", decode_fail);
	set_options(&t, "[64]", decode_fail);
	set_options(&t, "{\"small_pool_count\":63,\"large_pool_count\":8}", einval);
	set_options(&t, "{\"small_pool_count\":64,\"large_pool_count\":7}", einval);
	set_options(&t, "{\"small_bufsize\":4095}", einval);
	set_options(&t, "{\"large_bufsize\":8191}", einval);
	/* Refused calls change nothing. */
	sim_target_init(&t, false, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	ck_assert_str_eq(iobuf_config(&t), dflt);

	sim_target_init(&t, true, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	expect_error(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"iobuf_set_options\",\"id\":1}", "1",
		     decode_fail);
	set_options(&t, "{}", NULL);
	set_options(&t, "{\"small_pool_count\":64,\"large_pool_count\":8}", NULL);
	set_options(&t, "{\"small_bufsize\":4096,\"large_bufsize\":8192,\"enable_numa\":true}",
		    NULL);
	set_options(&t, "{\"large_pool_count\":1e3}", NULL);
	rpc(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"framework_start_init\",\"id\":2}", 1.0);
	ck_assert_str_eq(iobuf_config(&t), "{\"small_pool_count\":64,\"large_pool_count\":1000,"
			 "\"small_bufsize\":4096,\"large_bufsize\":8192,\"enable_numa\":true");
}
END_TEST

START_TEST(ids_echoed_verbatim)
{
	struct sim_target t;

	sim_target_init(&t, false, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	expect_result(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"framework_wait_init\","
		      "\"id\":18446744073709551615}", "18446744073709551615", "true");
	expect_result(&t, "{\"id\":1.50,\"method\":\"framework_wait_init\"}", "1.50", "true");
	expect_result(&t, "{\"id\":-7e0,\"method\":\"framework_wait_init\"}", "-7e0", "true");
	expect_result(&t, "{\"id\":\"a\\\"b\",\"method\":\"framework_wait_init\"}", "\"a\\\"b\"",
		      "true");
	expect_result(&t, "{ \"id\" :\t\"x\" , \"method\":\"framework_wait_init\"}", "\"x\"",
		      "true");
}
END_TEST

START_TEST(notifications_and_invalid_requests)
{
	static const char *const invalid = "{\"code\":-32600,\"message\":\"Invalid request\"}";
	struct sim_target t;

	sim_target_init(&t, false, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	ck_assert_str_eq(rpc(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"spdk_get_version\"}", 1.0), "");
	ck_assert(!was_closed);
	ck_assert_str_eq(rpc(&t, "{\"method\":\"no_such\",\"id\":null}", 1.0), "");
	expect_error(&t, "42", "null", invalid);
	expect_error(&t, "[]", "null", invalid);
	expect_error(&t, "\"x\"", "null", invalid);
	expect_error(&t, "{\"jsonrpc\":\"1.0\",\"method\":\"spdk_get_version\",\"id\":1}", "null",
		     invalid);
	expect_error(&t, "{\"method\":5,\"id\":30}", "null", invalid);
	expect_error(&t, "{\"id\":30}", "null", invalid);
	expect_error(&t, "{\"method\":\"spdk_get_version\",\"id\":[1]}", "null", invalid);
	expect_error(&t, "{\"method\":\"spdk_get_version\",\"id\":true}", "null", invalid);
	expect_error(&t, "{\"method\":\"spdk_get_version\",\"id\":1,\"params\":5}", "null",
		     invalid);
	expect_error(&t, "{\"method\":\"spdk_get_version\",\"id\":1,\"extra\":5}", "null",
		     invalid);
	/* Not JSON: nothing at all, and the connection closes. */
	ck_assert_str_eq(rpc(&t, "{\"id\":1,}", 1.0), "");
	ck_assert(was_closed);
	ck_assert_str_eq(rpc(&t, "hello", 1.0), "");
	ck_assert(was_closed);
}
END_TEST

START_TEST(params_rules_per_method)
{
	static const char *const inval_args = "{\"code\":-32602,\"message\":\"Invalid arguments\"}";
	struct sim_target t;

	sim_target_init(&t, false, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	expect_error(&t, "{\"method\":\"spdk_get_version\",\"id\":1,\"params\":{}}", "1",
		     "{\"code\":-32602,\"message\":\"spdk_get_version method requires no "
		     "parameters\"}");
	expect_error(&t, "{\"method\":\"framework_get_subsystems\",\"id\":1,\"params\":[]}", "1",
		     "{\"code\":-32602,\"message\":\"'framework_get_subsystems' requires no "
		     "arguments\"}");
	expect_error(&t, "{\"method\":\"framework_get_config\",\"id\":1}", "1", inval_args);
	expect_error(&t, "{\"method\":\"framework_get_config\",\"id\":1,\"params\":{\"name\":"
		     "\"iobuf\",\"x\":1}}", "1", inval_args);
	expect_error(&t, "{\"method\":\"framework_get_config\",\"id\":1,\"params\":{\"name\":"
		     "\"n\\\"o\"}}", "1",
		     "{\"code\":-32602,\"message\":\"Subsystem 'n\\\"o' not found\"}");
	expect_result(&t, "{\"method\":\"framework_get_config\",\"id\":1,\"params\":{\"name\":"
		      "\"scsi\",\"with_batches\":false}}", "1", "null");
	expect_result(&t, "{\"method\":\"framework_get_config\",\"id\":1,\"params\":{\"name\":"
		      "\"nbd\"}}", "1", "[]");
	expect_error(&t, "{\"method\":\"rpc_get_methods\",\"id\":1,\"params\":{\"current\":1}}",
		     "1", "{\"code\":-32602,\"message\":\"Invalid parameters\"}");
	expect_error(&t, "{\"method\":\"rpc_get_methods\",\"id\":1,\"params\":[true]}",
		     "1", "{\"code\":-32602,\"message\":\"Invalid parameters\"}");
}
END_TEST

START_TEST(batch_replies_in_one_array)
{
	struct sim_target t;

	sim_target_init(&t, false, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	ck_assert_str_eq(rpc(&t, "[ {\"method\":\"framework_wait_init\",\"id\":\"a\"} ,42,"
			     "{\"method\":\"framework_wait_init\"},"
			     "{\"method\":\"x\",\"id\":7}]", 1.0),
			 "[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":true},"
			 "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
			 "\"message\":\"Invalid request\"}},"
			 "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32601,"
			 "\"message\":\"Method not found\"}}]\n");
	/* Only notifications: nothing to say. */
	ck_assert_str_eq(rpc(&t, "[{\"method\":\"framework_wait_init\"}]", 1.0), "");
	ck_assert(!was_closed);
}
END_TEST

START_TEST(rpc_get_methods_by_state)
{
	struct sim_target t;
	json_t *all, *cur;
	size_t i;

	sim_target_init(&t, true, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	all = json_loads(rpc(&t, "{\"method\":\"rpc_get_methods\",\"id\":1}", 1.0), 0, NULL);
	cur = json_loads(rpc(&t, "{\"method\":\"rpc_get_methods\",\"id\":1,\"params\":"
			     "{\"current\":true,\"include_aliases\":false}}", 1.0), 0, NULL);
	ck_assert_ptr_nonnull(all);
	ck_assert_ptr_nonnull(cur);
	ck_assert_uint_eq(json_array_size(json_object_get(all, "result")), 226);
	ck_assert_uint_eq(json_array_size(json_object_get(cur, "result")), 41);
	for (i = 0; i < json_array_size(json_object_get(all, "result")); i++) {
		const json_t *name = json_array_get(json_object_get(all, "result"), i);

		ck_assert_str_ne(json_string_value(name), "sim_set_scenario");
	}
	json_decref(all);
	json_decref(cur);
}
END_TEST

START_TEST(call_counts_per_method)
{
	struct sim_target t;

	ck_assert_uint_le(sim_methods_count, SIM_CALL_COUNTS_MAX);
	sim_target_init(&t, true, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	expect_result(&t, "{\"method\":\"sim_get_call_counts\",\"id\":1}", "1", "{}");
	/* Refused for the state or the params, a call still counts; unknown names do not. */
	rpc(&t, "{\"method\":\"iobuf_get_stats\",\"id\":1}", 1.0);
	rpc(&t, "{\"method\":\"rpc_get_methods\",\"id\":2,\"params\":{\"current\":true}}", 1.0);
	rpc(&t, "{\"method\":\"spdk_get_version\",\"id\":3,\"params\":{\"x\":1}}", 1.0);
	rpc(&t, "{\"method\":\"framework_start_init\",\"id\":4}", 1.0);
	rpc(&t, "{\"method\":\"iobuf_get_stats\",\"id\":5}", 1.0);
	rpc(&t, "{\"method\":\"no_such_method\",\"id\":6}", 1.0);
	rpc(&t, "{\"method\":\"sim_set_scenario\",\"id\":7,\"params\":{\"scenario\":\"idle\"}}",
	    1.0);
	/* In rpc_get_methods order. */
	expect_result(&t, "{\"method\":\"sim_get_call_counts\",\"id\":8}", "8",
		      "{\"framework_start_init\":1,\"iobuf_get_stats\":2,"
		      "\"spdk_get_version\":1,\"rpc_get_methods\":1}");
	expect_error(&t, "{\"method\":\"sim_get_call_counts\",\"id\":9,\"params\":{}}", "9",
		     "{\"code\":-32602,\"message\":\"sim_get_call_counts requires no parameters\"}");
}
END_TEST

START_TEST(set_scenario_and_aggregate)
{
	static const char *const bad = "{\"code\":-32602,\"message\":\"Invalid parameters\"}";
	struct sim_target t;
	json_t *v, *large;

	sim_target_init(&t, false, SIM_SCENARIO_IDLE, 1, SIM_FORM_AGGREGATE, 0.0);
	expect_result(&t, "{\"method\":\"iobuf_get_stats\",\"id\":1}", "1",
		      "{\"small_pool\":{\"retry_count\":0,\"alloc_count\":0,"
		      "\"available_count\":8192,\"cache_count\":0},"
		      "\"large_pool\":{\"retry_count\":0,\"alloc_count\":0,"
		      "\"available_count\":1024,\"cache_count\":0}}");
	expect_error(&t, "{\"method\":\"sim_set_scenario\",\"id\":1,\"params\":{\"scenario\":"
		     "\"nope\"}}", "1", bad);
	expect_error(&t, "{\"method\":\"sim_set_scenario\",\"id\":1}", "1", bad);
	expect_error(&t, "{\"method\":\"sim_set_scenario\",\"id\":1,\"params\":{\"scenario\":"
		     "\"idle\",\"x\":1}}", "1", bad);
	expect_result(&t, "{\"method\":\"sim_set_scenario\",\"id\":1,\"params\":{\"scenario\":"
		      "\"exhaustion\"}}", "1", "true");
	ck_assert_int_eq(t.scenario, SIM_SCENARIO_EXHAUSTION);
	/* The scenario's clock starts at the switch (now = 1.0): 2 s later, ~300k retries. */
	v = json_loads(rpc(&t, "{\"method\":\"iobuf_get_stats\",\"id\":2}", 3.0), 0, NULL);
	ck_assert_ptr_nonnull(v);
	large = json_object_get(json_object_get(v, "result"), "large_pool");
	ck_assert_int_eq(json_integer_value(json_object_get(large, "available_count")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(large, "alloc_count")), 1024);
	ck_assert_int_gt(json_integer_value(json_object_get(large, "retry_count")), 280000);
	ck_assert_int_lt(json_integer_value(json_object_get(large, "retry_count")), 320000);
	json_decref(v);
}
END_TEST

/*
 * --clock-step: each iobuf_get_stats moves the workload's clock a step,
 * whatever the wall's; a scenario switch starts it again.
 */
START_TEST(clock_steps_per_stats_request)
{
	struct sim_target t;
	json_int_t retries[3];

	sim_target_init(&t, false, SIM_SCENARIO_EXHAUSTION, 1, SIM_FORM_AGGREGATE, 0.0);
	t.clock_step = 1.0;
	for (int i = 0; i < 3; i++) {
		/* The wall stands still at 0.001: only the steps move the counters. */
		json_t *v = json_loads(rpc(&t, "{\"method\":\"iobuf_get_stats\",\"id\":1}", 0.001),
				       0, NULL);

		ck_assert_ptr_nonnull(v);
		retries[i] = json_integer_value(json_object_get(
			json_object_get(json_object_get(v, "result"), "large_pool"), "retry_count"));
		json_decref(v);
	}
	/* About 150k retries a second in exhaustion: one step each. */
	ck_assert_int_gt(retries[0], 130000);
	ck_assert_int_lt(retries[0], 170000);
	ck_assert_int_gt(retries[1] - retries[0], 130000);
	ck_assert_int_lt(retries[1] - retries[0], 170000);
	ck_assert_int_gt(retries[2] - retries[1], 130000);
	ck_assert_uint_eq(t.stats_served, 3);
	expect_result(&t, "{\"method\":\"sim_set_scenario\",\"id\":1,\"params\":{\"scenario\":"
		      "\"exhaustion\"}}", "1", "true");
	ck_assert_uint_eq(t.stats_served, 0);
}
END_TEST

/* --modules: the scenario's modules first, as the model has them, then idle ones. */
START_TEST(modules_padded_with_idle_ones)
{
	struct sim_target t;
	json_t *v, *res, *last;

	sim_target_init(&t, false, SIM_SCENARIO_EXHAUSTION, 1, SIM_FORM_PER_MODULE, 0.0);
	t.modules = 8;
	v = json_loads(rpc(&t, "{\"method\":\"iobuf_get_stats\",\"id\":1}", 3.0), 0, NULL);
	ck_assert_ptr_nonnull(v);
	res = json_object_get(v, "result");
	ck_assert_uint_eq(json_array_size(res), 8);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(res, 2), "module")),
			 "nvmf_TCP");
	ck_assert_int_gt(json_integer_value(json_object_get(json_object_get(
			 json_array_get(res, 1), "large_pool"), "retry")), 0);
	last = json_array_get(res, 7);
	ck_assert_str_eq(json_string_value(json_object_get(last, "module")), "idle_7");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(last, "large_pool"),
							    "cache")), 0);
	json_decref(v);
	/* Fewer than the scenario's: the scenario's stay. */
	t.modules = 1;
	v = json_loads(rpc(&t, "{\"method\":\"iobuf_get_stats\",\"id\":1}", 3.0), 0, NULL);
	ck_assert_uint_eq(json_array_size(json_object_get(v, "result")), 3);
	json_decref(v);
}
END_TEST

static struct sim_env *new_env(void)
{
	struct sim_dumpdir d;
	struct mt_err err = { 0 };
	struct sim_env *e;

	ck_assert_int_eq(sim_dumpdir_open(&d, NULL, &err), 0);
	e = sim_env_new(getpid(), &d, &err);
	ck_assert_msg(e, "%s", err.msg);
	return e;
}

/* The header of memzone RG_ring_<n>_<our pid>, or NULL. */
static const unsigned char *ring_n(const struct sim_env *e, unsigned n)
{
	const struct sim_mem *m = sim_env_mem(e);
	char name[32];
	size_t i;

	snprintf(name, sizeof(name), "RG_ring_%u_%d", n, (int)getpid());
	for (i = 0; i < m->nzones; i++) {
		if (strcmp(m->zones[i].name, name) == 0)
			return m->zones[i].addr;
	}
	return NULL;
}

START_TEST(pool_rings_made_at_framework_init)
{
	struct sim_env *e = new_env();
	struct mt_err err = { 0 };
	struct sim_target t;

	sim_target_init(&t, true, SIM_SCENARIO_EXHAUSTION, 1, SIM_FORM_PER_MODULE, 0.0);
	ck_assert_int_eq(sim_target_set_env(&t, e, 0.0, &err), 0);
	/* Startup: SPDK's first thread rings only, the pools come with the framework. */
	ck_assert_ptr_nonnull(ring_n(e, 1));
	ck_assert_ptr_null(ring_n(e, 2));
	ck_assert(!sim_env_has_pools(e));
	ck_assert_int_eq(sim_target_tick_ms(&t), -1);
	set_options(&t, "{\"large_pool_count\":4096}", NULL);
	expect_result(&t, "{\"method\":\"framework_start_init\",\"id\":1}", "1", "true");
	ck_assert_uint_eq(sim_ring_u32(ring_n(e, 2), SIM_RING_OFF_CAPACITY), 8192);
	ck_assert_uint_eq(sim_ring_u32(ring_n(e, 3), SIM_RING_OFF_CAPACITY), 4096);
	ck_assert_uint_eq(sim_ring_u32(ring_n(e, 3), SIM_RING_OFF_SIZE), 8192);
	ck_assert_uint_eq(sim_ring_u32(ring_n(e, 4), SIM_RING_OFF_CAPACITY),
			  SIM_THREAD_RING_COUNT);
	ck_assert_ptr_nonnull(ring_n(e, 5));
	ck_assert_ptr_null(ring_n(e, 6));
	/* 4096 holds bdevperf's 2048 and the 3 caches: the slack stays free. */
	rpc(&t, "{\"method\":\"iobuf_get_stats\",\"id\":2}", 5.0);
	ck_assert_uint_eq(sim_ring_free(ring_n(e, 3)), 4096 - 2051);
	ck_assert_uint_eq(sim_ring_free(ring_n(e, 2)), 8192 - 24);
	/* The workload moves: the server must tick. */
	ck_assert_int_eq(sim_target_tick_ms(&t), 50);
	sim_env_free(e);
}
END_TEST

START_TEST(rings_follow_the_model)
{
	struct sim_env *e = new_env();
	struct mt_err err = { 0 };
	const unsigned char *large;
	struct sim_target t;
	uint32_t cons;

	sim_target_init(&t, false, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	ck_assert_int_eq(sim_target_set_env(&t, e, 0.0, &err), 0);
	large = ring_n(e, 3);
	ck_assert_uint_eq(sim_ring_free(ring_n(e, 2)), 8192);
	ck_assert_uint_eq(sim_ring_free(large), 1024);
	ck_assert_int_eq(sim_target_tick_ms(&t), -1);   /* idle stands still */
	expect_result(&t, "{\"method\":\"sim_set_scenario\",\"id\":1,\"params\":{\"scenario\":"
		      "\"exhaustion\"}}", "1", "true");
	ck_assert_uint_eq(sim_ring_free(large), 0);     /* at once, no request needed */
	expect_result(&t, "{\"method\":\"sim_set_scenario\",\"id\":1,\"params\":{\"scenario\":"
		      "\"steady\"}}", "1", "true");
	sim_target_tick(&t, 2.0);
	cons = sim_ring_u32(large, SIM_RING_OFF_CONS_TAIL);
	sim_target_tick(&t, 3.0);
	ck_assert_uint_gt(sim_ring_u32(large, SIM_RING_OFF_CONS_TAIL), cons);
	ck_assert_uint_gt(sim_ring_free(large), 900);   /* steady: caches and a few in flight */
	ck_assert_uint_lt(sim_ring_free(large), 1024);
	expect_result(&t, "{\"method\":\"sim_set_scenario\",\"id\":1,\"params\":{\"scenario\":"
		      "\"idle\"}}", "1", "true");
	ck_assert_uint_eq(sim_ring_free(large), 1024);
	sim_env_free(e);
}
END_TEST

/* Memzone RG_ring_<n>_<our pid>, or NULL. */
static const struct sim_memzone *zone_n(const struct sim_env *e, unsigned n)
{
	const struct sim_mem *m = sim_env_mem(e);
	char name[32];

	snprintf(name, sizeof(name), "RG_ring_%u_%d", n, (int)getpid());
	for (size_t i = 0; i < m->nzones; i++)
		if (strcmp(m->zones[i].name, name) == 0)
			return &m->zones[i];
	return NULL;
}

/*
 * enable_numa on three nodes, as iobuf_node_initialize: a small then a large
 * ring per node in node order, each of the full counts on its node's socket;
 * the exhaustion drains node 0's large ring (SPDK's gets take from node 0),
 * the other nodes keep the count less their caches.
 */
START_TEST(pool_rings_per_numa_node)
{
	struct sim_env *e = new_env();
	struct mt_err err = { 0 };
	struct sim_target t;
	const char *r;

	sim_target_init(&t, true, SIM_SCENARIO_EXHAUSTION, 1, SIM_FORM_PER_MODULE, 0.0);
	t.numa_nodes = 3;
	ck_assert_int_eq(sim_target_set_env(&t, e, 0.0, &err), 0);
	set_options(&t, "{\"enable_numa\":true}", NULL);
	expect_result(&t, "{\"method\":\"framework_start_init\",\"id\":1}", "1", "true");
	for (unsigned k = 0; k < 3; k++) {
		const struct sim_memzone *s = zone_n(e, 2 + 2 * k), *l = zone_n(e, 3 + 2 * k);

		ck_assert_ptr_nonnull(s);
		ck_assert_ptr_nonnull(l);
		ck_assert_int_eq(s->socket_id, (int)k);
		ck_assert_int_eq(l->socket_id, (int)k);
		ck_assert_uint_eq(sim_ring_u32(s->addr, SIM_RING_OFF_CAPACITY), 8192);
		ck_assert_uint_eq(sim_ring_u32(l->addr, SIM_RING_OFF_CAPACITY), 1024);
	}
	/* then SPDK's two later thread rings, on socket 0 */
	ck_assert_uint_eq(sim_ring_u32(ring_n(e, 8), SIM_RING_OFF_CAPACITY), SIM_THREAD_RING_COUNT);
	ck_assert_ptr_nonnull(ring_n(e, 9));
	ck_assert_ptr_null(ring_n(e, 10));
	r = rpc(&t, "{\"method\":\"iobuf_get_stats\",\"id\":2}", 5.0);
	/* cache_size summed over the three nodes: 8 small / 1 large per node */
	ck_assert_msg(strstr(r, "\"module\":\"bdev\",\"small_pool\":{\"cache\":0,\"main\":0,"
			     "\"retry\":0,\"cache_size\":24}"), "%s", r);
	ck_assert_uint_eq(sim_ring_free(ring_n(e, 3)), 0);
	ck_assert_uint_eq(sim_ring_free(ring_n(e, 5)), 1024 - 3);
	ck_assert_uint_eq(sim_ring_free(ring_n(e, 7)), 1024 - 3);
	ck_assert_uint_eq(sim_ring_free(ring_n(e, 2)), 8192 - 24);
	ck_assert_uint_eq(sim_ring_free(ring_n(e, 4)), 8192 - 24);
	expect_result(&t, "{\"method\":\"sim_set_scenario\",\"id\":1,\"params\":{\"scenario\":"
		      "\"idle\"}}", "1", "true");
	for (unsigned n = 2; n <= 7; n++)
		ck_assert_uint_eq(sim_ring_free(ring_n(e, n)), n % 2 ? 1024 : 8192);
	sim_env_free(e);
}
END_TEST

/* Without enable_numa a machine of several nodes still has one pair, as SPDK makes it. */
START_TEST(one_pool_pair_without_enable_numa)
{
	struct sim_env *e = new_env();
	struct mt_err err = { 0 };
	struct sim_target t;

	sim_target_init(&t, false, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	t.numa_nodes = 2;
	ck_assert_int_eq(sim_target_set_env(&t, e, 0.0, &err), 0);
	ck_assert_uint_eq(sim_ring_u32(ring_n(e, 3), SIM_RING_OFF_CAPACITY), 1024);
	ck_assert_uint_eq(sim_ring_u32(ring_n(e, 4), SIM_RING_OFF_CAPACITY), SIM_THREAD_RING_COUNT);
	ck_assert_int_eq(zone_n(e, 3)->socket_id, 0);
	ck_assert_ptr_null(ring_n(e, 6));
	sim_env_free(e);
}
END_TEST

START_TEST(framework_init_fails_on_counts_dpdk_refuses)
{
	struct sim_env *e = new_env();
	struct mt_err err = { 0 };
	struct sim_target t;

	sim_target_init(&t, true, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	ck_assert_int_eq(sim_target_set_env(&t, e, 0.0, &err), 0);
	set_options(&t, "{\"small_pool_count\":1073741824}", NULL);
	expect_error(&t, "{\"method\":\"framework_start_init\",\"id\":1}", "1",
		     "{\"code\":-32603,\"message\":\"framework_initialization failed\"}");
	ck_assert_int_eq(t.state, SIM_STATE_STARTUP);
	ck_assert(!sim_env_has_pools(e));
	/* Fixed, it starts; the refused attempt took no ring number. */
	set_options(&t, "{\"small_pool_count\":100000}", NULL);
	expect_result(&t, "{\"method\":\"framework_start_init\",\"id\":2}", "2", "true");
	ck_assert_uint_eq(sim_ring_u32(ring_n(e, 2), SIM_RING_OFF_SIZE), 131072);
	ck_assert_uint_eq(sim_ring_free(ring_n(e, 2)), 100000);
	sim_env_free(e);
}
END_TEST

START_TEST(mem_stats_without_an_environment)
{
	struct sim_target t;

	sim_target_init(&t, false, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	expect_error(&t, "{\"method\":\"env_dpdk_get_mem_stats\",\"id\":1}", "1",
		     "{\"code\":-32603,\"message\":\"Unable to open file for writing.\\n\"}");
	sim_target_init(&t, true, SIM_SCENARIO_IDLE, 1, SIM_FORM_PER_MODULE, 0.0);
	expect_error(&t, "{\"method\":\"env_dpdk_get_mem_stats\",\"id\":1}", "1",
		     ERR_RUNTIME_ONLY);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("sim_target");
	TCase *tc = tcase_create("target");

	tcase_add_test(tc, running_refuses_startup_methods);
	tcase_add_test(tc, call_counts_per_method);
	tcase_add_test(tc, startup_state_machine);
	tcase_add_test(tc, set_options_decode_then_minimums);
	tcase_add_test(tc, ids_echoed_verbatim);
	tcase_add_test(tc, notifications_and_invalid_requests);
	tcase_add_test(tc, params_rules_per_method);
	tcase_add_test(tc, batch_replies_in_one_array);
	tcase_add_test(tc, rpc_get_methods_by_state);
	tcase_add_test(tc, set_scenario_and_aggregate);
	tcase_add_test(tc, clock_steps_per_stats_request);
	tcase_add_test(tc, modules_padded_with_idle_ones);
	tcase_add_test(tc, pool_rings_made_at_framework_init);
	tcase_add_test(tc, rings_follow_the_model);
	tcase_add_test(tc, pool_rings_per_numa_node);
	tcase_add_test(tc, one_pool_pair_without_enable_numa);
	tcase_add_test(tc, framework_init_fails_on_counts_dpdk_refuses);
	tcase_add_test(tc, mem_stats_without_an_environment);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
