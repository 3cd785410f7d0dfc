/*
 * methods_decode_text against iobuf_decode_state: every value of every
 * fixture, a table of valid, wrong and hostile method lists, and mutations
 * of them go through both (the tree as the RPC client builds it,
 * client_tree.h) and must give the same return, error code, message and
 * state.  Text jansson cannot load must be refused by the text decoder
 * with -EPROTO; over the client's bounds, only its return is checked here
 * (the client's words for such a reply are test_rpc_client's).
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client_tree.h"
#include "fixture_io.h"
#include "fixture_sweep.h"
#include "iobuf_decode.h"
#include "json_stream.h"
#include "methods_decode_text.h"

#define SI "\"framework_start_init\""

enum outcome { SAME_OK, SAME_ERROR, REFUSED, OVER_BUDGET };

/* Both decoders over text[0..n); the text decoder's state and error in *state and *err. */
static enum outcome both(const char *text, size_t n, enum target_state *state,
			 struct mt_err *err)
{
	enum target_state tree_state = TARGET_UNREACHABLE;
	struct mt_err tree_err;
	bool budget;
	json_t *v = client_tree(text, n, &budget);
	int rc_text, rc_tree;

	*state = TARGET_UNREACHABLE;
	rc_text = methods_decode_text(text, n, state, err);
	ck_assert_int_ge(rc_text, -1);
	ck_assert_int_eq(rc_text, *state == TARGET_UNKNOWN ? -1 : 0);
	if (!v) {
		if (!budget)
			return OVER_BUDGET;
		ck_assert_msg(rc_text == -1 && err->code == -EPROTO &&
			      strstr(err->msg, "rpc_get_methods: result is not valid JSON: "),
			      "jansson refuses %.*s; the text decoder said %d: %s",
			      n > 300 ? 300 : (int)n, text, rc_text, err->msg);
		return REFUSED;
	}
	rc_tree = iobuf_decode_state(v, &tree_state, &tree_err);
	json_decref(v);
	ck_assert_msg(rc_tree == rc_text && tree_err.code == err->code &&
		      strcmp(tree_err.msg, err->msg) == 0 && tree_state == *state,
		      "%.*s\ntree %d (%d) \"%s\" state %d\ntext %d (%d) \"%s\" state %d",
		      n > 300 ? 300 : (int)n, text, rc_tree, tree_err.code, tree_err.msg,
		      tree_state, rc_text, err->code, err->msg, *state);
	return rc_text == 0 ? SAME_OK : SAME_ERROR;
}

struct want {
	const char *text;
	enum outcome expect;
	enum target_state state; /* when SAME_OK */
	const char *msg;         /* the text decoder's message, when one is expected */
};

static void run_table(const struct want *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		enum target_state state;
		struct mt_err err;
		enum outcome o = both(w[i].text, strlen(w[i].text), &state, &err);

		ck_assert_msg(o == w[i].expect, "%s: outcome %d, not %d (%s)", w[i].text, o,
			      w[i].expect, err.msg);
		if (o == SAME_OK)
			ck_assert_msg(state == w[i].state, "%s: state %d, not %d", w[i].text, state,
				      w[i].state);
		if (w[i].msg)
			ck_assert_msg(strcmp(err.msg, w[i].msg) == 0, "%s:\n\"%s\"\nnot\n\"%s\"",
				      w[i].text, err.msg, w[i].msg);
	}
}

/* ---- every value of every fixture ---------------------------------------- */

struct sweep {
	size_t values, startup, running;
};

/* The value itself as a list: wrong shapes must fail alike. */
static void sweep_value(const char *text, size_t n, void *ctx)
{
	struct sweep *sw = ctx;
	enum target_state state;
	struct mt_err err;
	enum outcome o = both(text, n, &state, &err);

	ck_assert_msg(o != OVER_BUDGET, "a fixture over the client's budget");
	sw->values++;
	sw->startup += o == SAME_OK && state == TARGET_STARTUP;
	sw->running += o == SAME_OK && state == TARGET_RUNNING;
}

START_TEST(every_fixture_value_alike)
{
	struct sweep sw = { 0 };

	fixture_sweep_all(sweep_value, &sw);
	/* The recorded lists, startup (wait_for_rpc) and running, and every array of names. */
	ck_assert_uint_ge(sw.startup, 1);
	ck_assert_uint_ge(sw.running, 2);
	ck_assert_uint_ge(sw.values, 500);
}
END_TEST

START_TEST(recorded_lists_read_alike)
{
	enum target_state state;
	struct mt_err err;
	size_t n, s, e;
	char *t = transcript_read("rpc_get_methods.current.response.json", &n);

	ck_assert(json_stream_member_raw(t, n, "result", &s, &e));
	ck_assert_int_eq(both(t + s, e - s, &state, &err), SAME_OK);
	ck_assert_int_eq(state, TARGET_RUNNING);
	free(t);
	t = transcript_read("wait_for_rpc/02.rpc_get_methods.current.startup.response.json", &n);
	ck_assert(json_stream_member_raw(t, n, "result", &s, &e));
	ck_assert_int_eq(both(t + s, e - s, &state, &err), SAME_OK);
	ck_assert_int_eq(state, TARGET_STARTUP);
	ck_assert_str_eq(err.msg, "");
	free(t);
}
END_TEST

/* ---- tables ------------------------------------------------------------- */

START_TEST(lists_alike)
{
	static const struct want w[] = {
		{ "[]", SAME_OK, TARGET_RUNNING, "" },
		{ " \n[ ]\t", SAME_OK, TARGET_RUNNING, "" },
		{ "[" SI "]", SAME_OK, TARGET_STARTUP, "" },
		{ "[\"a\"," SI ",\"b\"]", SAME_OK, TARGET_STARTUP, "" },
		{ "[\"a\",\"b\"," SI "]", SAME_OK, TARGET_STARTUP, "" },
		{ " \r\n[ \"a\" ,\t" SI " ]\r\n", SAME_OK, TARGET_STARTUP, "" },
		{ "[" SI "," SI "]", SAME_OK, TARGET_STARTUP, "" },
		/* Escapes are read: these are framework_start_init. */
		{ "[\"\\u0066ramework_start_init\"]", SAME_OK, TARGET_STARTUP, "" },
		{ "[\"framework\\u005Fstart\\u005finit\"]", SAME_OK, TARGET_STARTUP, "" },
		{ "[\"framework_start\\/init\"]", SAME_OK, TARGET_RUNNING, "" },
		{ "[\"framework_start_init\\/\"]", SAME_OK, TARGET_RUNNING, "" },
		/* Near misses are other methods. */
		{ "[\"framework_start_ini\"]", SAME_OK, TARGET_RUNNING, "" },
		{ "[\"framework_start_initx\"]", SAME_OK, TARGET_RUNNING, "" },
		{ "[\"Framework_start_init\"]", SAME_OK, TARGET_RUNNING, "" },
		{ "[\" framework_start_init\"]", SAME_OK, TARGET_RUNNING, "" },
		{ "[\"framework_start_init\\n\"]", SAME_OK, TARGET_RUNNING, "" },
		{ "[\"\"]", SAME_OK, TARGET_RUNNING, "" },
		{ "[\"\\u00e9t\\u00E9\",\"\\ud83d\\ude00\",\"\xc3\xa9\"]", SAME_OK, TARGET_RUNNING,
		  "" },
		{ "[\"a\\\"b\\\\c\\/d\\n\\t\\b\\f\\r\"]", SAME_OK, TARGET_RUNNING, "" },
	};

	run_table(w, sizeof(w) / sizeof(w[0]));
}
END_TEST

START_TEST(wrong_shapes_alike)
{
	static const struct want w[] = {
		{ "{}", SAME_ERROR, 0, "rpc_get_methods: expected an array of method names, "
				       "got object" },
		{ "{\"methods\":[" SI "]}", SAME_ERROR, 0, NULL },
		{ "\"framework_start_init\"", SAME_ERROR, 0, "rpc_get_methods: expected an array "
							   "of method names, got string" },
		{ "5", SAME_ERROR, 0, "rpc_get_methods: expected an array of method names, "
				      "got integer" },
		{ "-1.5e3", SAME_ERROR, 0, "rpc_get_methods: expected an array of method names, "
					   "got real" },
		{ "null", SAME_ERROR, 0, NULL },
		{ "true", SAME_ERROR, 0, "rpc_get_methods: expected an array of method names, "
					 "got boolean" },
		{ "false", SAME_ERROR, 0, NULL },
		{ "99999999999999999999", SAME_ERROR, 0, "rpc_get_methods: expected an array of "
							 "method names, got integer" },
		{ "\"\\u0001bigint:5\"", SAME_ERROR, 0, "rpc_get_methods: expected an array of "
						       "method names, got integer" },
		{ "[1]", SAME_ERROR, 0, "rpc_get_methods: [0]: expected a string, got integer" },
		{ "[\"a\",{}]", SAME_ERROR, 0, "rpc_get_methods: [1]: expected a string, got "
					       "object" },
		{ "[\"a\",\"b\",[" SI "]]", SAME_ERROR, 0, "rpc_get_methods: [2]: expected a "
							  "string, got array" },
		{ "[null]", SAME_ERROR, 0, "rpc_get_methods: [0]: expected a string, got null" },
		{ "[" SI ",true]", SAME_ERROR, 0, "rpc_get_methods: [1]: expected a string, got "
						  "boolean" },
		{ "[1.5]", SAME_ERROR, 0, "rpc_get_methods: [0]: expected a string, got real" },
		{ "[-0]", SAME_ERROR, 0, NULL },
		{ "[1e400]", REFUSED, 0, "rpc_get_methods: result is not valid JSON: real number "
					 "overflow (byte 1)" },
		/* Integers beyond int64, written or marked, are integers, not names. */
		{ "[99999999999999999999]", SAME_ERROR, 0, "rpc_get_methods: [0]: expected a "
							   "string, got integer" },
		{ "[-99999999999999999999]", SAME_ERROR, 0, NULL },
		{ "[\"a\",\"\\u0001bigint:7\"]", SAME_ERROR, 0, "rpc_get_methods: [1]: expected a "
							       "string, got integer" },
		{ "[\"\\u0001bigint:x\"]", SAME_ERROR, 0, NULL },
		{ "[\"\\u0001bigin\"]", SAME_OK, TARGET_RUNNING, "" },
		{ "[\"\\u0002bigint:7\"]", SAME_OK, TARGET_RUNNING, "" },
	};

	run_table(w, sizeof(w) / sizeof(w[0]));
}
END_TEST

START_TEST(bad_text_anywhere_refused)
{
	static const struct want w[] = {
		{ "[\"\\u0000\"]", REFUSED, 0, "rpc_get_methods: result is not valid JSON: "
					      "\\u0000 (NUL) (byte 2)" },
		{ "[" SI ",\"framework_start_init\\u0000\"]", REFUSED, 0, NULL },
		{ "[\"a\\ud800\"]", REFUSED, 0, "rpc_get_methods: result is not valid JSON: "
					       "unpaired surrogate \\uD800 (byte 3)" },
		{ "[\"\\udc00\"]", REFUSED, 0, NULL },
		{ "[\"\\ud800\\u0041\"]", REFUSED, 0, NULL },
		{ "[\"\xff\"]", REFUSED, 0, "rpc_get_methods: result is not valid JSON: byte 0xff "
					    "is not UTF-8 (byte 2)" },
		{ "[\"\xc0\x80\"]", REFUSED, 0, NULL },
		{ "[\"\xed\xa0\x80\"]", REFUSED, 0, NULL },
		{ "[\"\xe2\x82\"]", REFUSED, 0, NULL },
		/* A bad string after a wrong element still refuses the whole text. */
		{ "[1,\"\xff\"]", REFUSED, 0, NULL },
		{ "[\"a\",5,\"\\udc00\"]", REFUSED, 0, NULL },
		{ "[{\"x\":\"\\ud800\"}]", REFUSED, 0, NULL },
		{ "[{\"\xff\":1}]", REFUSED, 0, NULL },
		{ "[[1e400]]", REFUSED, 0, NULL },
		{ "{\"a\":[1,-1e400]}", REFUSED, 0, NULL },
		{ "{\"a\":\"\\u0000\",\"a\":1}", REFUSED, 0, NULL },
		{ "\"\xff\"", REFUSED, 0, NULL },
		/* Fine ones inside a wrong element: only the element is wrong. */
		{ "[{\"x\":[true,false,null,-1.5e3,\"\\u00e9\",{}]}]", SAME_ERROR, 0,
		  "rpc_get_methods: [0]: expected a string, got object" },
	};

	run_table(w, sizeof(w) / sizeof(w[0]));
}
END_TEST

/* n names m<i>, and framework_start_init at index at (if < n). */
static char *names_text(size_t n, size_t at)
{
	size_t cap = n * 32 + 64, used = 0;
	char *t = malloc(cap);

	ck_assert_ptr_nonnull(t);
	t[used++] = '[';
	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(t + used, cap - used, "%s%s", i ? ",\n" : "",
					 i == at ? SI : "\"m\"");
	snprintf(t + used, cap - used, "]");
	return t;
}

START_TEST(long_lists_and_nesting_alike)
{
	enum target_state state;
	struct mt_err err;
	char deep[4096], *t;
	size_t used;

	t = names_text(5000, 4999);
	ck_assert_int_eq(both(t, strlen(t), &state, &err), SAME_OK);
	ck_assert_int_eq(state, TARGET_STARTUP);
	free(t);
	t = names_text(5000, SIZE_MAX);
	ck_assert_int_eq(both(t, strlen(t), &state, &err), SAME_OK);
	ck_assert_int_eq(state, TARGET_RUNNING);
	/* A bad byte at the very end of a long list. */
	memcpy(t + strlen(t) - 3, "\xff", 1);
	ck_assert_int_eq(both(t, strlen(t), &state, &err), REFUSED);
	free(t);
	/* Nested within the client's depth: a wrong element, named alike. */
	used = (size_t)snprintf(deep, sizeof(deep), "[\"a\",");
	for (int k = 0; k < 60; k++)
		deep[used++] = '[';
	for (int k = 0; k < 60; k++)
		deep[used++] = ']';
	snprintf(deep + used, sizeof(deep) - used, "," SI "]");
	ck_assert_int_eq(both(deep, strlen(deep), &state, &err), SAME_ERROR);
	ck_assert_str_eq(err.msg, "rpc_get_methods: [1]: expected a string, got array");
	/* Past the client's 64 levels: the tree is never built; the text decoder still says. */
	used = (size_t)snprintf(deep, sizeof(deep), "[\"a\",");
	for (int k = 0; k < 1000; k++)
		deep[used++] = '[';
	for (int k = 0; k < 1000; k++)
		deep[used++] = ']';
	snprintf(deep + used, sizeof(deep) - used, "]");
	ck_assert_int_eq(both(deep, strlen(deep), &state, &err), OVER_BUDGET);
	ck_assert_str_eq(err.msg, "rpc_get_methods: [1]: expected a string, got array");
}
END_TEST

/* ---- mutations ---------------------------------------------------------- */

/* A byte that matters to a JSON reader, or any byte. */
static char mutant_byte(unsigned r)
{
	static const char bytes[] = "\"\\[]{},:0123456789.eE-+ \ntfnulu\x01\xff\xc3\xa9\xed\xa0";

	if (r % 8 == 0)
		return (char)(r >> 8);
	return bytes[(r >> 3) % (sizeof(bytes) - 1)];
}

/* One to three random edits of seed into out: replace, insert or delete a byte, or a \u escape. */
static size_t mutate(const char *seed, char *out, size_t cap, unsigned *rng)
{
	size_t n = strlen(seed);
	int edits = 1 + (int)(rand_r(rng) % 3);

	ck_assert_uint_lt(n, cap);

	memcpy(out, seed, n);
	for (int k = 0; k < edits && n + 8 < cap; k++) {
		size_t at = n ? (size_t)rand_r(rng) % n : 0;
		unsigned r = (unsigned)rand_r(rng);

		switch (r % 4) {
		case 0:
			out[at] = mutant_byte(r >> 2);
			break;
		case 1:
			memmove(out + at + 1, out + at, n - at);
			out[at] = mutant_byte(r >> 2);
			n++;
			break;
		case 2:
			if (n > 1) {
				memmove(out + at, out + at + 1, n - at - 1);
				n--;
			}
			break;
		default: {
			char esc[7];

			snprintf(esc, sizeof(esc), "\\u%04x", (r >> 2) & 0xffff);
			memmove(out + at + 6, out + at, n - at);
			memcpy(out + at, esc, 6);
			n += 6;
			break;
		}
		}
	}
	return n;
}

START_TEST(mutations_alike)
{
	static const char *const seeds[] = {
		"[\"bdev_get_bdevs\"," SI ",\"iobuf_get_stats\"]",
		"[\"a\",\"\\u0066ramework_start_init\",\"\\ud83d\\ude00\"]",
		"[ \"x\" , 99999999999999999999 , -1.5e3 , {\"k\":[null,true]} ]",
		"[\"\xc3\xa9\",\"\\u00e9\",\"\\u0001bigint:7\"]",
		"{\"a\":[\"b\"],\"c\":1e5}",
	};
	size_t counts[4] = { 0 };
	unsigned rng = 10;
	char buf[256];

	for (int i = 0; i < 40000; i++) {
		const char *seed = seeds[(size_t)i % (sizeof(seeds) / sizeof(seeds[0]))];
		size_t n = mutate(seed, buf, sizeof(buf), &rng), s, e;
		enum target_state state;
		struct mt_err err;

		/* The decoders' contract: one value framed as the client frames it. */
		if (json_stream_scan(buf, n, &s, &e) != JSON_SCAN_COMPLETE)
			continue;
		counts[both(buf + s, e - s, &state, &err)]++;
	}
	/* Each outcome met often enough to have been tried. */
	ck_assert_uint_ge(counts[SAME_OK], 1000);
	ck_assert_uint_ge(counts[SAME_ERROR], 1000);
	ck_assert_uint_ge(counts[REFUSED], 1000);
}
END_TEST

START_TEST(no_result_and_broken_text)
{
	enum target_state state;
	struct mt_err err;

	ck_assert_int_eq(methods_decode_text(NULL, 0, &state, &err), -1);
	ck_assert_str_eq(err.msg, "rpc_get_methods: no result");
	ck_assert_int_eq(state, TARGET_UNKNOWN);
	ck_assert_int_eq(iobuf_decode_state(NULL, &state, &err), -1);
	ck_assert_str_eq(err.msg, "rpc_get_methods: no result");
	/* Never framed (outside the contract): refused, never read past the end. */
	ck_assert_int_eq(methods_decode_text("", 0, &state, &err), -1);
	ck_assert_int_eq(err.code, -EPROTO);
	ck_assert_int_eq(methods_decode_text("[\"a\"", 4, &state, &err), -1);
	ck_assert_str_eq(err.msg, "rpc_get_methods: result is not valid JSON: it ends early "
				  "(byte 4)");
	ck_assert_int_eq(methods_decode_text("[\"a\" \"b\"]", 9, &state, &err), -1);
	ck_assert_str_eq(err.msg, "rpc_get_methods: result is not valid JSON: unexpected byte "
				  "0x22 (byte 5)");
	ck_assert_int_eq(methods_decode_text("[] x", 4, &state, &err), -1);
	ck_assert_int_eq(err.code, -EPROTO);
	ck_assert_int_eq(state, TARGET_UNKNOWN);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("methods_decode_text");
	TCase *t = tcase_create("alike");

	tcase_add_test(t, every_fixture_value_alike);
	tcase_add_test(t, recorded_lists_read_alike);
	tcase_add_test(t, lists_alike);
	tcase_add_test(t, wrong_shapes_alike);
	tcase_add_test(t, bad_text_anywhere_refused);
	tcase_add_test(t, long_lists_and_nesting_alike);
	tcase_add_test(t, mutations_alike);
	tcase_add_test(t, no_result_and_broken_text);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
