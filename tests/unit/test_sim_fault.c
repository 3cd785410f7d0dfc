/*
 * The simulator's faults: --fault specs and sim_set_fault params (every name,
 * the numbers two of them take, errors that name the bad spec and list the
 * faults), the bytes the stream faults put on the wire, the content faults'
 * sizes and counters, --fault on the command line, and sim_set_fault through
 * the target (a simulator method, never listed, never faulted itself).
 */
#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "json_budget.h"
#include "json_stream.h"
#include "sim_cli.h"
#include "sim_fault.h"
#include "sim_jsonrpc.h"
#include "sim_target.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

static const char *const names[] = {
	"none", "hang-accept", "hang-reply", "slow:800", "close-reply", "garbage", "bad-json",
	"wrong-id", "big-under", "big-over", "dense", "deep", "huge-counters", "die:3",
	"conns-full",
};

START_TEST(every_name_round_trips)
{
	struct mt_err err = { 0 };
	struct sim_fault f;
	char back[64];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		ck_assert_msg(sim_fault_parse(names[i], &f, &err) == 0, "%s: %s", names[i],
			      err.msg);
		ck_assert_int_eq(f.kind, (int)i);
		sim_fault_format(&f, back, sizeof(back));
		ck_assert_str_eq(back, names[i]);
	}
	ck_assert_int_eq(sim_fault_parse("slow:800", &f, &err), 0);
	ck_assert_uint_eq(f.arg, 800);
	ck_assert_int_eq(sim_fault_parse("die:3", &f, &err), 0);
	ck_assert_uint_eq(f.arg, 3);
}
END_TEST

static void parse_error(const char *spec, const char *want)
{
	struct mt_err err = { 0 };
	struct sim_fault f;

	ck_assert_int_eq(sim_fault_parse(spec, &f, &err), -1);
	ck_assert_msg(strstr(err.msg, want), "%s: got '%s', want '%s'", spec, err.msg, want);
}

START_TEST(spec_errors_name_the_spec)
{
	parse_error("nope", "--fault nope: unknown fault, expected one of none|hang-accept|");
	parse_error("", "--fault : unknown fault");
	parse_error("slow", "--fault slow: slow needs a number of milliseconds from 1 to 600000 "
		    "(slow:MS)");
	parse_error("slow:", "--fault slow:: '' is not a number of milliseconds");
	parse_error("slow:0", "slow needs a number of milliseconds from 1 to 600000");
	parse_error("slow:600001", "from 1 to 600000");
	parse_error("slow:-5", "'-5' is not a number of milliseconds");
	parse_error("slow:5x", "'5x' is not a number");
	parse_error("slow:99999999999999999999999", "is not a number");
	parse_error("die", "--fault die: die needs a number of seconds from 1 to 3600 "
		    "(die:SECONDS)");
	parse_error("die:3601", "from 1 to 3600");
	parse_error("garbage:3", "--fault garbage:3: garbage takes no number");
	parse_error("none:0", "none takes no number");
	parse_error("Slow:5", "unknown fault");
}
END_TEST

static void json_ok(const char *text, enum sim_fault_kind kind, uint64_t arg)
{
	struct mt_err err = { 0 };
	json_t *p = json_loads(text, 0, NULL);
	struct sim_fault f;

	ck_assert_ptr_nonnull(p);
	ck_assert_msg(sim_fault_from_json(p, &f, &err) == 0, "%s: %s", text, err.msg);
	ck_assert_int_eq(f.kind, kind);
	ck_assert_uint_eq(f.arg, arg);
	json_decref(p);
}

static void json_error(const char *text, const char *want)
{
	struct mt_err err = { 0 };
	json_t *p = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
	struct sim_fault f;

	ck_assert_int_eq(sim_fault_from_json(p, &f, &err), -1);
	ck_assert_msg(strstr(err.msg, want), "%s: got '%s', want '%s'", text, err.msg, want);
	json_decref(p);
}

START_TEST(rpc_params)
{
	json_ok("{\"fault\":\"none\"}", SIM_FAULT_NONE, 0);
	json_ok("{\"fault\":\"slow\",\"ms\":800}", SIM_FAULT_SLOW, 800);
	json_ok("{\"fault\":\"die\",\"seconds\":2}", SIM_FAULT_DIE, 2);
	json_ok("{\"fault\":\"conns-full\"}", SIM_FAULT_CONNS_FULL, 0);

	json_error(NULL, "sim_set_fault: expected {\"fault\": NAME}, NAME one of none|");
	json_error("[]", "expected {\"fault\": NAME}");
	json_error("{\"fault\":7}", "expected {\"fault\": NAME}");
	json_error("{\"fault\":\"nope\"}", "sim_set_fault: fault 'nope': unknown, expected one of");
	json_error("{\"fault\":\"slow\"}", "sim_set_fault: slow needs \"ms\", milliseconds from 1 "
		   "to 600000");
	json_error("{\"fault\":\"slow\",\"ms\":\"800\"}", "slow: \"ms\" must be a non-negative "
		   "integer");
	json_error("{\"fault\":\"slow\",\"ms\":-1}", "must be a non-negative integer");
	json_error("{\"fault\":\"slow\",\"seconds\":1}", "slow: unknown key 'seconds'");
	json_error("{\"fault\":\"die\",\"seconds\":0}", "die needs \"seconds\"");
	json_error("{\"fault\":\"garbage\",\"ms\":5}", "garbage: unknown key 'ms'");
}
END_TEST

static const char reply[] = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[{\"module\":\"bdev\"}]}\n";

/* The stream fault's bytes: now, later and what the connection does next. */
static void stream(enum sim_fault_kind kind, struct sim_buf *now, struct sim_buf *later,
		   enum sim_fault_then *then)
{
	struct sim_fault f = { .kind = kind };

	memset(now, 0, sizeof(*now));
	memset(later, 0, sizeof(*later));
	ck_assert_int_eq(sim_fault_reply(&f, reply, strlen(reply), now, later, then), 0);
	ck_assert_int_eq(sim_buf_append(now, "", 1), 0);
	now->len--;
}

static enum json_scan scan_all(const struct sim_buf *b)
{
	size_t s, e;

	return json_stream_scan(b->data, b->len, &s, &e);
}

START_TEST(stream_faults)
{
	struct sim_buf now, later;
	enum sim_fault_then then;
	const size_t cut = strlen("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":");

	/* Passed through: no fault, and the faults that are not the stream's. */
	stream(SIM_FAULT_NONE, &now, &later, &then);
	ck_assert_str_eq(now.data, reply);
	ck_assert_uint_eq(later.len, 0);
	ck_assert_int_eq(then, SIM_THEN_GO_ON);
	sim_buf_free(&now);
	stream(SIM_FAULT_HUGE_COUNTERS, &now, &later, &then);
	ck_assert_str_eq(now.data, reply);
	sim_buf_free(&now);

	/* hang-reply: up to the result now, the rest when the fault is cleared. */
	stream(SIM_FAULT_HANG_REPLY, &now, &later, &then);
	ck_assert_uint_eq(now.len, cut);
	ck_assert(memcmp(now.data, reply, cut) == 0);
	ck_assert_uint_eq(later.len, strlen(reply) - cut);
	ck_assert(memcmp(later.data, reply + cut, later.len) == 0);
	ck_assert_int_eq(then, SIM_THEN_STALL);
	ck_assert_int_eq(scan_all(&now), JSON_SCAN_INCOMPLETE);
	sim_buf_free(&now);
	sim_buf_free(&later);

	/* close-reply: the same start, nothing later, then close. */
	stream(SIM_FAULT_CLOSE_REPLY, &now, &later, &then);
	ck_assert_uint_eq(now.len, cut);
	ck_assert_uint_eq(later.len, 0);
	ck_assert_int_eq(then, SIM_THEN_CLOSE);
	sim_buf_free(&now);

	/* garbage: not even the first byte can start JSON. */
	stream(SIM_FAULT_GARBAGE, &now, &later, &then);
	ck_assert_int_eq(scan_all(&now), JSON_SCAN_INVALID);
	ck_assert_int_eq((unsigned char)now.data[0], 0x9c);
	ck_assert_int_eq(then, SIM_THEN_GO_ON);
	sim_buf_free(&now);

	/* bad-json: the real start, then a bracket that closes nothing. */
	stream(SIM_FAULT_BAD_JSON, &now, &later, &then);
	ck_assert(memcmp(now.data, reply, cut) == 0);
	ck_assert_str_eq(now.data + cut, "]}\n");
	ck_assert_int_eq(scan_all(&now), JSON_SCAN_INVALID);
	sim_buf_free(&now);

	/* wrong-id: the same reply for an id nobody sent. */
	stream(SIM_FAULT_WRONG_ID, &now, &later, &then);
	ck_assert_str_eq(now.data, "{\"jsonrpc\":\"2.0\",\"id\":\"not-7\",\"result\":"
			 "[{\"module\":\"bdev\"}]}\n");
	sim_buf_free(&now);
}
END_TEST

START_TEST(wrong_id_of_string_ids_and_batches)
{
	static const char str_id[] = "{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\",\"result\":true}\n";
	static const char batch[] = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}]\n";
	struct sim_fault f = { .kind = SIM_FAULT_WRONG_ID };
	struct sim_buf now = { 0 }, later = { 0 };
	enum sim_fault_then then;

	ck_assert_int_eq(sim_fault_reply(&f, str_id, strlen(str_id), &now, &later, &then), 0);
	ck_assert_int_eq(sim_buf_append(&now, "", 1), 0);
	ck_assert_str_eq(now.data, "{\"jsonrpc\":\"2.0\",\"id\":\"not-ab\",\"result\":true}\n");
	sim_buf_free(&now);
	/* A batch has no id of its own: it goes as it is. */
	ck_assert_int_eq(sim_fault_reply(&f, batch, strlen(batch), &now, &later, &then), 0);
	ck_assert_uint_eq(now.len, strlen(batch));
	sim_buf_free(&now);
}
END_TEST

START_TEST(content_faults)
{
	struct sim_fault f = { .kind = SIM_FAULT_NONE };
	struct sim_buf b = { 0 };
	struct mt_err err = { 0 };

	ck_assert_uint_eq(sim_fault_counter_offset(&f), 0);
	ck_assert_uint_eq(sim_fault_reply_size(&f), 0);
	ck_assert_int_eq(sim_fault_stats_result(&f, &b), 0);
	ck_assert_uint_eq(b.len, 0);

	f.kind = SIM_FAULT_HUGE_COUNTERS;
	ck_assert_uint_eq(sim_fault_counter_offset(&f), 9223372036854775808ull);
	f.kind = SIM_FAULT_BIG_UNDER;
	ck_assert_uint_eq(sim_fault_reply_size(&f), 32u * 1024 * 1024 - 1);
	f.kind = SIM_FAULT_BIG_OVER;
	ck_assert_uint_eq(sim_fault_reply_size(&f), 32u * 1024 * 1024 + 1);

	/* dense: valid JSON under the limit, far more values than a reply holds. */
	f.kind = SIM_FAULT_DENSE;
	ck_assert_int_eq(sim_fault_stats_result(&f, &b), 1);
	ck_assert_uint_lt(b.len, SIM_REPLY_LIMIT - 200);
	ck_assert_uint_gt(b.len, SIM_REPLY_LIMIT - 400);
	ck_assert(memcmp(b.data, "[{},{},", 7) == 0);
	ck_assert(memcmp(b.data + b.len - 4, ",{}]", 4) == 0);
	ck_assert_int_eq(json_budget_check(b.data, b.len, 20000000, 64, &err), 0);
	sim_buf_free(&b);

	/* deep: valid JSON, 100000 levels. */
	f.kind = SIM_FAULT_DEEP;
	ck_assert_int_eq(sim_fault_stats_result(&f, &b), 1);
	ck_assert_uint_eq(b.len, 200000);
	ck_assert_int_eq(b.data[99999], '[');
	ck_assert_int_eq(b.data[100000], ']');
	ck_assert_int_eq(json_budget_check(b.data, b.len, 1000000, 100000, &err), 0);
	sim_buf_free(&b);
}
END_TEST

START_TEST(command_line)
{
	char *ok[] = { "sim", "--fault", "slow:250", "--control-socket", "/tmp/c.sock", NULL };
	char *eq[] = { "sim", "--fault=die:4", NULL };
	char *bad[] = { "sim", "--fault", "sloww:1", NULL };
	char *empty[] = { "sim", "--control-socket", "", NULL };
	struct mt_err err = { 0 };
	struct sim_cli c;

	ck_assert_int_eq(sim_cli_parse(ARGC(ok), ok, &c, &err), SIM_CLI_RUN);
	ck_assert_int_eq(c.fault.kind, SIM_FAULT_SLOW);
	ck_assert_uint_eq(c.fault.arg, 250);
	ck_assert_str_eq(c.control, "/tmp/c.sock");
	ck_assert_int_eq(sim_cli_parse(ARGC(eq), eq, &c, &err), SIM_CLI_RUN);
	ck_assert_int_eq(c.fault.kind, SIM_FAULT_DIE);
	ck_assert_ptr_null(c.control);
	ck_assert_int_eq(sim_cli_parse(ARGC(bad), bad, &c, &err), SIM_CLI_USAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "--fault sloww:1: unknown fault"));
	ck_assert_int_eq(sim_cli_parse(ARGC(empty), empty, &c, &err), SIM_CLI_USAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "--control-socket: empty socket path"));
	/* Without --fault: none. */
	ck_assert_int_eq(sim_cli_parse(1, (char *[]){ "sim", NULL }, &c, &err), SIM_CLI_RUN);
	ck_assert_int_eq(c.fault.kind, SIM_FAULT_NONE);
}
END_TEST

/* One request through the target's JSON-RPC layer; the rendered reply (malloc'd). */
static char *call(struct sim_target *t, const char *req, bool *faultable)
{
	struct sim_reply r = { 0 };
	struct sim_buf out = { 0 };
	bool init = false;

	ck_assert_int_eq(sim_jsonrpc_handle(t, req, strlen(req), 1.0, &r, &init), SIM_JSONRPC_OK);
	ck_assert_int_eq(sim_reply_render(&r, &out), 0);
	ck_assert_int_eq(sim_buf_append(&out, "", 1), 0);
	*faultable = r.faultable;
	sim_reply_free(&r);
	return out.data;
}

START_TEST(set_fault_through_the_target)
{
	struct sim_target t;
	bool faultable;
	uint64_t gen;
	char *s;

	sim_target_init(&t, false, SIM_SCENARIO_STEADY, 1, SIM_FORM_PER_MODULE, 0.0);
	gen = t.fault_gen;
	s = call(&t, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sim_set_fault\","
		 "\"params\":{\"fault\":\"slow\",\"ms\":300}}", &faultable);
	ck_assert_str_eq(s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}\n");
	ck_assert(!faultable);  /* the simulator's own reply: never faulted */
	free(s);
	ck_assert_int_eq(t.fault.kind, SIM_FAULT_SLOW);
	ck_assert_uint_eq(t.fault.arg, 300);
	ck_assert_uint_eq(t.fault_gen, gen + 1);

	s = call(&t, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"sim_set_fault\","
		 "\"params\":{\"fault\":\"bogus\"}}", &faultable);
	ck_assert_ptr_nonnull(strstr(s, "\"code\":-32602,\"message\":\"Invalid parameters "
				     "(sim_set_fault: fault 'bogus': unknown"));
	free(s);
	ck_assert_int_eq(t.fault.kind, SIM_FAULT_SLOW);      /* unchanged */

	s = call(&t, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"spdk_get_version\"}", &faultable);
	ck_assert(faultable);
	free(s);

	/* huge-counters: every counter above INT64_MAX, cache_size as it was. */
	sim_target_set_fault(&t, &(struct sim_fault){ .kind = SIM_FAULT_HUGE_COUNTERS });
	s = call(&t, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"iobuf_get_stats\"}", &faultable);
	ck_assert_ptr_nonnull(strstr(s, "\"retry\":9223372036854775808,\"cache_size\":128"));
	free(s);

	/* big-under and big-over: the reply value is exactly the limit -1 and +1. */
	sim_target_set_fault(&t, &(struct sim_fault){ .kind = SIM_FAULT_BIG_UNDER });
	s = call(&t, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"iobuf_get_stats\"}", &faultable);
	ck_assert_uint_eq(strlen(s), SIM_REPLY_LIMIT - 1 + 1);
	ck_assert_ptr_nonnull(strstr(s + SIM_REPLY_LIMIT - 200, "{\"module\":\"nvmf_TCP\""));
	free(s);
	sim_target_set_fault(&t, &(struct sim_fault){ .kind = SIM_FAULT_BIG_OVER });
	s = call(&t, "{\"jsonrpc\":\"2.0\",\"id\":12345,\"method\":\"iobuf_get_stats\"}",
		 &faultable);
	ck_assert_uint_eq(strlen(s), SIM_REPLY_LIMIT + 1 + 1);
	free(s);
	/* Other methods are left alone. */
	s = call(&t, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"spdk_get_version\"}", &faultable);
	ck_assert_uint_lt(strlen(s), 300);
	free(s);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("sim_fault");
	TCase *tc = tcase_create("fault");

	tcase_add_test(tc, every_name_round_trips);
	tcase_add_test(tc, spec_errors_name_the_spec);
	tcase_add_test(tc, rpc_params);
	tcase_add_test(tc, stream_faults);
	tcase_add_test(tc, wrong_id_of_string_ids_and_batches);
	tcase_add_test(tc, content_faults);
	tcase_add_test(tc, command_line);
	tcase_add_test(tc, set_fault_through_the_target);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
