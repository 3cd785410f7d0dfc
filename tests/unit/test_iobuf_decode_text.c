/*
 * iobuf_decode_text against iobuf_decode_stats: every value in every
 * transcript and fixture, and hostile texts, go through both (the tree as
 * the RPC client builds it: json_budget_check, json_bigint_rewrite,
 * json_loadb) and must give the same return, error code and message, and
 * the same snapshot field by field.  Text jansson cannot load must be
 * refused by the text decoder too.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client_tree.h"
#include "fixture_sweep.h"
#include "iobuf_decode.h"
#include "iobuf_decode_text.h"

#define POOL "{\"cache\":1,\"main\":2,\"retry\":3,\"cache_size\":4}"
#define MOD(name) "{\"module\":" name ",\"small_pool\":" POOL ",\"large_pool\":" POOL "}"
#define ONE_POOL(pool) "[{\"module\":\"m\",\"small_pool\":" pool ",\"large_pool\":" POOL "}]"
#define CACHE(v) ONE_POOL("{\"cache\":" v ",\"main\":0,\"retry\":0}")

enum outcome { SAME_OK, SAME_ERROR, REFUSED, OVER_BUDGET };

static void same_pool(const struct iobuf_pool_counters *a, const struct iobuf_pool_counters *b,
		      const char *what, size_t i)
{
	ck_assert_msg(a->cache == b->cache && a->main == b->main && a->retry == b->retry &&
		      a->cache_size == b->cache_size && a->has_cache_size == b->has_cache_size,
		      "module %zu %s: tree %llu/%llu/%llu/%llu/%d, text %llu/%llu/%llu/%llu/%d", i,
		      what, (unsigned long long)a->cache, (unsigned long long)a->main,
		      (unsigned long long)a->retry, (unsigned long long)a->cache_size,
		      a->has_cache_size, (unsigned long long)b->cache,
		      (unsigned long long)b->main, (unsigned long long)b->retry,
		      (unsigned long long)b->cache_size, b->has_cache_size);
}

static void same_agg(const struct iobuf_pool_aggregate *a, const struct iobuf_pool_aggregate *b)
{
	ck_assert_uint_eq(a->retry_count, b->retry_count);
	ck_assert_uint_eq(a->alloc_count, b->alloc_count);
	ck_assert_uint_eq(a->available_count, b->available_count);
	ck_assert_uint_eq(a->cache_count, b->cache_count);
	ck_assert_int_eq(a->has_cache_count, b->has_cache_count);
}

/* Every stats field, also of the slots not in use (both decoders clear them). */
static void same_stats(const struct iobuf_snapshot *a, const struct iobuf_snapshot *b)
{
	ck_assert_int_eq(a->form, b->form);
	ck_assert_uint_eq(a->nmodules, b->nmodules);
	for (size_t i = 0; i < SNAP_MAX_MODULES; i++) {
		ck_assert_msg(memcmp(a->modules[i].name, b->modules[i].name, SNAP_NAME_LEN) == 0,
			      "module %zu: tree \"%s\", text \"%s\"", i, a->modules[i].name,
			      b->modules[i].name);
		same_pool(&a->modules[i].small, &b->modules[i].small, "small_pool", i);
		same_pool(&a->modules[i].large, &b->modules[i].large, "large_pool", i);
	}
	same_agg(&a->agg_small, &b->agg_small);
	same_agg(&a->agg_large, &b->agg_large);
	/* Neither touches the options, which come from another method. */
	ck_assert_uint_eq(a->opts.small_pool_count, 1234);
	ck_assert_uint_eq(b->opts.small_pool_count, 1234);
}

/* Both decoders over text[0..n); *text_out holds what the text decoder made. */
static enum outcome both(const char *text, size_t n, struct iobuf_snapshot *text_out,
			 struct mt_err *text_err)
{
	static struct iobuf_snapshot tree_out;
	struct mt_err tree_err;
	bool budget;
	json_t *v = client_tree(text, n, &budget);
	int rc_text, rc_tree;

	/* Different garbage in each: a field one of them forgets to write shows. */
	memset(&tree_out, 0xa5, sizeof(tree_out));
	memset(text_out, 0x5a, sizeof(*text_out));
	tree_out.opts.small_pool_count = text_out->opts.small_pool_count = 1234;
	rc_text = iobuf_decode_stats_text(text, n, text_out, text_err);
	ck_assert_int_ge(rc_text, -1);
	if (!v) {
		if (!budget)
			return OVER_BUDGET;
		ck_assert_msg(rc_text == -1 && text_err->code == -EPROTO &&
			      strstr(text_err->msg, "result is not valid JSON"),
			      "jansson refuses %.*s; the text decoder said %d: %s",
			      n > 300 ? 300 : (int)n, text,
			      rc_text, text_err->msg);
		return REFUSED;
	}
	rc_tree = iobuf_decode_stats(v, &tree_out, &tree_err);
	json_decref(v);
	ck_assert_msg(rc_tree == rc_text && tree_err.code == text_err->code &&
		      strcmp(tree_err.msg, text_err->msg) == 0,
		      "%.*s\ntree %d (%d) \"%s\"\ntext %d (%d) \"%s\"", n > 300 ? 300 : (int)n, text,
		      rc_tree, tree_err.code, tree_err.msg, rc_text, text_err->code,
		      text_err->msg);
	same_stats(&tree_out, text_out);
	return rc_text == 0 ? SAME_OK : SAME_ERROR;
}

static enum outcome both_str(const char *text, struct iobuf_snapshot *out, struct mt_err *err)
{
	return both(text, strlen(text), out, err);
}

/* ---- every value of every fixture ---------------------------------------- */

struct sweep {
	size_t values;   /* spans compared */
	size_t stats;    /* of which decoded as per-module stats */
	size_t aggregate;
};

/* The value itself as a result: wrong shapes must fail alike. */
static void sweep_value(const char *text, size_t n, void *ctx)
{
	struct sweep *sw = ctx;
	struct iobuf_snapshot out;
	struct mt_err err;

	sw->values++;
	switch (both(text, n, &out, &err)) {
	case SAME_OK:
		sw->stats += out.form == IOBUF_FORM_PER_MODULE;
		sw->aggregate += out.form == IOBUF_FORM_AGGREGATE;
		break;
	case OVER_BUDGET:
		ck_abort_msg("a fixture over the client's budget");
		break;
	default:
		break;
	}
}

START_TEST(every_fixture_value_alike)
{
	struct sweep sw = { 0 };

	fixture_sweep_all(sweep_value, &sw);
	/*
	 * The recorded stats results: idle, unexpected params, batch,
	 * pipelined, wire and rpc.py copies, wait_for_rpc, both exhaustion
	 * runs (replies, rpc.py output, 27 timeline lines each), the rings'.
	 */
	ck_assert_uint_ge(sw.stats, 79);
	ck_assert_uint_ge(sw.aggregate, 2);
	ck_assert_uint_ge(sw.values, 500);
}
END_TEST

/* ---- hostile texts ----------------------------------------------------- */

struct hostile {
	const char *text;
	enum outcome expect;
	const char *msg; /* the text decoder's message, when one is expected */
};

static void run_hostile(const struct hostile *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct iobuf_snapshot out;
		struct mt_err err;
		enum outcome o = both_str(h[i].text, &out, &err);

		ck_assert_msg(o == h[i].expect, "%s: outcome %d, not %d (%s)", h[i].text, o,
			      h[i].expect, err.msg);
		if (h[i].msg)
			ck_assert_msg(strcmp(err.msg, h[i].msg) == 0, "%s:\n\"%s\"\nnot\n\"%s\"",
				      h[i].text, err.msg, h[i].msg);
	}
}

START_TEST(wrong_types_alike)
{
	static const struct hostile h[] = {
		{ "5", SAME_ERROR, "iobuf_get_stats: expected an array of modules or an aggregate "
				   "object, got integer" },
		{ "\"x\"", SAME_ERROR, NULL },
		{ "null", SAME_ERROR, NULL },
		{ "true", SAME_ERROR, NULL },
		{ "1.5", SAME_ERROR, "iobuf_get_stats: expected an array of modules or an "
				     "aggregate object, got real" },
		{ "99999999999999999999", SAME_ERROR, "iobuf_get_stats: expected an array of "
						      "modules or an aggregate object, got integer" },
		{ "[5]", SAME_ERROR, "iobuf_get_stats: [0]: expected an object, got integer" },
		{ "[" MOD("\"a\"") ",[]]", SAME_ERROR, "iobuf_get_stats: [1]: expected an object, "
							 "got array" },
		{ "[null]", SAME_ERROR, NULL },
		{ "[\"m\"]", SAME_ERROR, NULL },
		{ "[" MOD("5") "]", SAME_ERROR, "iobuf_get_stats: [0].module: expected a string, "
						"got integer" },
		{ "[" MOD("null") "]", SAME_ERROR, NULL },
		{ "[" MOD("[]") "]", SAME_ERROR, NULL },
		{ "[" MOD("{}") "]", SAME_ERROR, NULL },
		{ "[" MOD("18446744073709551616") "]", SAME_ERROR, "iobuf_get_stats: [0].module: "
								   "expected a string, got integer" },
		{ ONE_POOL("[]"), SAME_ERROR, "iobuf_get_stats: [0].small_pool: expected an object, "
					      "got array" },
		{ ONE_POOL("\"x\""), SAME_ERROR, NULL },
		{ ONE_POOL("1"), SAME_ERROR, NULL },
		{ ONE_POOL("null"), SAME_ERROR, NULL },
		{ CACHE("\"1\""), SAME_ERROR, "iobuf_get_stats: [0].small_pool.cache: expected a "
					      "non-negative integer, got string" },
		{ CACHE("true"), SAME_ERROR, NULL },
		{ CACHE("false"), SAME_ERROR, NULL },
		{ CACHE("null"), SAME_ERROR, NULL },
		{ CACHE("[]"), SAME_ERROR, NULL },
		{ CACHE("[[[1]]]"), SAME_ERROR, NULL },
		{ CACHE("{}"), SAME_ERROR, NULL },
		{ CACHE("-1"), SAME_ERROR, "iobuf_get_stats: [0].small_pool.cache: expected a "
					   "non-negative integer, got negative integer -1" },
		{ CACHE("1.5"), SAME_ERROR, "iobuf_get_stats: [0].small_pool.cache: expected a "
					    "non-negative integer, got real 1.5" },
		{ CACHE("-0.5e-3"), SAME_ERROR, NULL },
		{ ONE_POOL("{\"cache\":0,\"main\":0,\"retry\":0,\"cache_size\":\"x\"}"), SAME_ERROR,
		  NULL },
		{ ONE_POOL("{\"cache\":0,\"main\":0,\"retry\":0,\"cache_size\":false}"), SAME_ERROR,
		  NULL },
		{ ONE_POOL("{\"cache\":0,\"main\":0,\"retry\":0,\"cache_size\":null}"), SAME_OK,
		  "" },
		{ "{\"small_pool\":[],\"large_pool\":{}}", SAME_ERROR, NULL },
		{ "{\"small_pool\":{\"retry_count\":1,\"alloc_count\":2,\"available_count\":3,"
		  "\"cache_count\":\"4\"},\"large_pool\":{}}", SAME_ERROR, NULL },
	};

	run_hostile(h, sizeof(h) / sizeof(h[0]));
}
END_TEST

START_TEST(missing_members_alike)
{
	static const struct hostile h[] = {
		{ "[{\"small_pool\":" POOL ",\"large_pool\":" POOL "}]", SAME_ERROR,
		  "iobuf_get_stats: [0].module: missing" },
		{ "[{\"module\":\"m\",\"large_pool\":" POOL "}]", SAME_ERROR,
		  "iobuf_get_stats: [0].small_pool: missing" },
		{ "[" MOD("\"a\"") ",{\"module\":\"m\",\"small_pool\":" POOL "}]", SAME_ERROR,
		  "iobuf_get_stats: [1].large_pool: missing" },
		{ ONE_POOL("{\"main\":0,\"retry\":0}"), SAME_ERROR,
		  "iobuf_get_stats: [0].small_pool.cache: missing" },
		{ ONE_POOL("{\"cache\":0,\"retry\":0}"), SAME_ERROR,
		  "iobuf_get_stats: [0].small_pool.main: missing" },
		{ ONE_POOL("{\"cache\":0,\"main\":0}"), SAME_ERROR, NULL },
		{ ONE_POOL("{}"), SAME_ERROR, NULL },
		{ ONE_POOL("{\"cache\":0,\"main\":0,\"retry\":0}"), SAME_OK, "" },
		{ "{}", SAME_ERROR, "iobuf_get_stats: small_pool: missing" },
		{ "{\"small_pool\":{}}", SAME_ERROR,
		  "iobuf_get_stats: small_pool.retry_count: missing" },
		{ "{\"small_pool\":{\"retry_count\":1,\"alloc_count\":2,\"available_count\":3},"
		  "\"large_pool\":{\"retry_count\":1,\"alloc_count\":2}}", SAME_ERROR,
		  "iobuf_get_stats: large_pool.available_count: missing" },
		{ "{\"small_pool\":{\"retry_count\":1,\"alloc_count\":2,\"available_count\":3},"
		  "\"large_pool\":{\"retry_count\":1,\"alloc_count\":2,\"available_count\":3,"
		  "\"cache_count\":null}}", SAME_OK, "" },
		{ "[]", SAME_OK, "" },
		{ " \n[ ]\t", SAME_OK, "" },
	};

	run_hostile(h, sizeof(h) / sizeof(h[0]));
}
END_TEST

START_TEST(huge_and_odd_counters_alike)
{
	static const struct hostile h[] = {
		{ CACHE("9223372036854775807"), SAME_OK, "" },
		{ CACHE("9223372036854775808"), SAME_OK, "" },
		{ CACHE("18446744073709551615"), SAME_OK, "" },
		{ CACHE("18446744073709551616"), SAME_ERROR, "iobuf_get_stats: [0].small_pool.cache: "
			"expected a non-negative integer, got 18446744073709551616 (outside uint64)" },
		{ CACHE("123456789012345678901234567890123456789012345678901234567890"), SAME_ERROR,
		  "iobuf_get_stats: [0].small_pool.cache: expected a non-negative integer, got "
		  "1234567890123456789012345678901234567890 (outside uint64)" },
		{ CACHE("-9223372036854775808"), SAME_ERROR, "iobuf_get_stats: [0].small_pool.cache: "
			"expected a non-negative integer, got negative integer -9223372036854775808" },
		{ CACHE("-9223372036854775809"), SAME_ERROR, "iobuf_get_stats: [0].small_pool.cache: "
			"expected a non-negative integer, got -9223372036854775809 (outside uint64)" },
		{ CACHE("-0"), SAME_OK, "" },
		{ CACHE("-0.0"), SAME_OK, "" },
		{ CACHE("0.0"), SAME_OK, "" },
		{ CACHE("1E2"), SAME_OK, "" },
		{ CACHE("1e19"), SAME_OK, "" },
		{ CACHE("1.8446744073709552e19"), SAME_ERROR, NULL },
		{ CACHE("1e-400"), SAME_OK, "" },
		{ CACHE("1e400"), REFUSED, "iobuf_get_stats: result is not valid JSON: real number "
					   "overflow (byte 37)" },
		{ CACHE("-1e400"), REFUSED, NULL },
		/* What the client marks, and the same written by the target: one reading. */
		{ CACHE("\"\\u0001bigint:5\""), SAME_OK, "" },
		{ CACHE("\"\\u0001bigint:x\""), SAME_ERROR, NULL },
		{ CACHE("\"\\u0001bigin\""), SAME_ERROR, NULL },
		{ "[" MOD("\"\\u0001bigint:7\"") "]", SAME_ERROR, "iobuf_get_stats: [0].module: "
								  "expected a string, got integer" },
	};
	struct iobuf_snapshot out;
	struct mt_err err;

	run_hostile(h, sizeof(h) / sizeof(h[0]));
	ck_assert_int_eq(both_str(CACHE("18446744073709551615"), &out, &err), SAME_OK);
	ck_assert_uint_eq(out.modules[0].small.cache, UINT64_MAX);
	ck_assert_int_eq(both_str(CACHE("1e19"), &out, &err), SAME_OK);
	ck_assert_uint_eq(out.modules[0].small.cache, 10000000000000000000ull);
}
END_TEST

/* n modules named m<i>; module bad (if < n) carries fault in place of its small pool. */
static char *modules_text(size_t n, size_t bad, const char *fault)
{
	size_t cap = n * 200 + 200, used = 0;
	char *t = malloc(cap);

	ck_assert_ptr_nonnull(t);
	t[used++] = '[';
	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(t + used, cap - used,
					 "%s{\"module\":\"m%zu\",\"small_pool\":%s,\"large_pool\":"
					 POOL "}", i ? "," : "", i, i == bad ? fault : POOL);
	snprintf(t + used, cap - used, "]");
	return t;
}

START_TEST(thousand_modules_alike)
{
	struct iobuf_snapshot out;
	struct mt_err err;
	char *t = modules_text(1000, SIZE_MAX, NULL);

	ck_assert_int_eq(both_str(t, &out, &err), SAME_OK);
	ck_assert_uint_eq(out.nmodules, SNAP_MAX_MODULES);
	ck_assert_str_eq(out.modules[31].name, "m31");
	ck_assert_str_eq(err.msg, "iobuf_get_stats: 1000 modules reported, kept the first 32");
	free(t);
	/* A fault beyond the bound is still a fault. */
	t = modules_text(1000, 999, "{\"cache\":1}");
	ck_assert_int_eq(both_str(t, &out, &err), SAME_ERROR);
	ck_assert_str_eq(err.msg, "iobuf_get_stats: [999].small_pool.main: missing");
	ck_assert_uint_eq(out.nmodules, 0);
	free(t);
	/* A bad string anywhere wins over a decoding error earlier on. */
	t = modules_text(1000, 5, "{\"cache\":1}");
	memcpy(strstr(t, "\"m900\""), "\"\xff", 2);
	ck_assert_int_eq(both_str(t, &out, &err), REFUSED);
	free(t);
}
END_TEST

START_TEST(nesting_alike)
{
	char deep[4096];
	size_t used = 0;
	struct iobuf_snapshot out;
	struct mt_err err;

	/* Unknown members nest as they like; within the client's depth both read the rest. */
	used += (size_t)snprintf(deep + used, sizeof(deep) - used, "[{\"x\":");
	for (int k = 0; k < 60; k++)
		deep[used++] = k % 2 ? '[' : '{', used += k % 2 ? 0 : (size_t)snprintf(
			deep + used, sizeof(deep) - used, "\"k\":");
	for (int k = 59; k >= 0; k--)
		deep[used++] = k % 2 ? ']' : '}';
	snprintf(deep + used, sizeof(deep) - used,
		 ",\"module\":\"m\",\"small_pool\":" POOL ",\"large_pool\":" POOL "}]");
	ck_assert_int_eq(both_str(deep, &out, &err), SAME_OK);
	ck_assert_str_eq(out.modules[0].name, "m");
	/* Past 64 levels the client refuses the reply; this reader has no such need. */
	used = (size_t)snprintf(deep, sizeof(deep), "[{\"x\":");
	for (int k = 0; k < 1000; k++)
		deep[used++] = '[';
	for (int k = 0; k < 1000; k++)
		deep[used++] = ']';
	snprintf(deep + used, sizeof(deep) - used,
		 ",\"module\":\"m\",\"small_pool\":" POOL ",\"large_pool\":" POOL "}]");
	ck_assert_int_eq(both_str(deep, &out, &err), OVER_BUDGET);
	ck_assert_int_eq(iobuf_decode_stats_text(deep, strlen(deep), &out, &err), 0);
	ck_assert_uint_eq(out.modules[0].large.cache_size, 4);
}
END_TEST

START_TEST(escapes_in_names_alike)
{
	static const struct hostile h[] = {
		{ "[" MOD("\"\\u00e9t\\u00E9\"") "]", SAME_OK, "" },
		{ "[" MOD("\"\\ud83d\\ude00 x\"") "]", SAME_OK, "" },
		{ "[" MOD("\"a\\\"b\\\\c\\/d\\n\\t\\b\\f\\r\"") "]", SAME_OK, "" },
		{ "[" MOD("\"\xc3\xa9t\xc3\xa9\"") "]", SAME_OK, "" },
		{ "[" MOD("\"\\u0000\"") "]", REFUSED, "iobuf_get_stats: result is not valid JSON: "
						      "\\u0000 (NUL) (byte 12)" },
		{ "[" MOD("\"a\\ud800\"") "]", REFUSED, "iobuf_get_stats: result is not valid JSON: "
						       "unpaired surrogate \\uD800 (byte 13)" },
		{ "[" MOD("\"\\udc00\"") "]", REFUSED, NULL },
		{ "[" MOD("\"\\ud800\\u0041\"") "]", REFUSED, NULL },
		{ "[" MOD("\"\\ud800\\n\"") "]", REFUSED, NULL },
		{ "[" MOD("\"\xff\"") "]", REFUSED, "iobuf_get_stats: result is not valid JSON: "
						    "byte 0xff is not UTF-8 (byte 12)" },
		{ "[" MOD("\"\xc0\x80\"") "]", REFUSED, NULL },
		{ "[" MOD("\"\xed\xa0\x80\"") "]", REFUSED, NULL },
		{ "[" MOD("\"\xf4\x90\x80\x80\"") "]", REFUSED, NULL },
		{ "[" MOD("\"\xe2\x82\"") "]", REFUSED, NULL },
		/* Keys: escaped alike, refused alike; repeated: the last one counts. */
		{ "[{\"\\u006dodule\":\"m\",\"small_pool\":" POOL ",\"large_pool\":" POOL "}]",
		  SAME_OK, "" },
		{ "[{\"module\":\"a\",\"module\":\"b\",\"small_pool\":" POOL ",\"large_pool\":" POOL
		  "}]", SAME_OK, "" },
		{ "[{\"module\":5,\"module\":\"b\",\"small_pool\":" POOL ",\"large_pool\":" POOL
		  "}]", SAME_OK, "" },
		{ "[{\"module\":\"b\",\"module\":5,\"small_pool\":" POOL ",\"large_pool\":" POOL
		  "}]", SAME_ERROR, NULL },
		{ "[{\"module\":\"\\u0000\",\"module\":\"b\",\"small_pool\":" POOL ",\"large_pool\":"
		  POOL "}]", REFUSED, NULL },
		{ ONE_POOL("{\"cache\":1e999,\"cache\":0,\"main\":0,\"retry\":0}"), REFUSED, NULL },
		{ ONE_POOL("{\"cache\":\"x\",\"cache\":7,\"main\":0,\"retry\":0}"), SAME_OK, "" },
		{ "[{\"x\xff\":1,\"module\":\"m\",\"small_pool\":" POOL ",\"large_pool\":" POOL "}]",
		  REFUSED, NULL },
		{ "[{\"x\\u0000\":1,\"module\":\"m\",\"small_pool\":" POOL ",\"large_pool\":" POOL
		  "}]", REFUSED, NULL },
		{ "[{\"x\":[\"\\udfff\"],\"module\":\"m\",\"small_pool\":" POOL ",\"large_pool\":"
		  POOL "}]", REFUSED, NULL },
		{ "[{\"x\":[1e400],\"module\":\"m\",\"small_pool\":" POOL ",\"large_pool\":" POOL
		  "}]", REFUSED, NULL },
		{ "[{\"x\":{\"y\":[true,false,null,-1.5e3,\"\\u00e9\"]},\"module\":\"m\","
		  "\"small_pool\":" POOL ",\"large_pool\":" POOL "}]", SAME_OK, "" },
	};
	struct iobuf_snapshot out;
	struct mt_err err;

	run_hostile(h, sizeof(h) / sizeof(h[0]));
	ck_assert_int_eq(both_str("[" MOD("\"\\u00e9t\\u00E9\"") "]", &out, &err), SAME_OK);
	ck_assert_str_eq(out.modules[0].name, "\xc3\xa9t\xc3\xa9");
	ck_assert_int_eq(both_str("[" MOD("\"\\ud83d\\ude00 x\"") "]", &out, &err), SAME_OK);
	ck_assert_str_eq(out.modules[0].name, "\xf0\x9f\x98\x80 x");
}
END_TEST

/*
 * Keys and names read without escapes (reply_text's plain path): a key
 * that is a wanted one's prefix or extension, an empty key, DEL and
 * control bytes, a key escaped into a wanted one, a string cut off at the
 * end of the text.
 */
START_TEST(plain_keys_and_names_alike)
{
	static const struct hostile h[] = {
		{ ONE_POOL("{\"cach\":9,\"cache\":1,\"main\":2,\"retry\":3}"), SAME_OK, "" },
		{ ONE_POOL("{\"cache_\":9,\"cache\":1,\"main\":2,\"retry\":3,\"cache_sizes\":8}"),
		  SAME_OK, "" },
		{ ONE_POOL("{\"\":9,\"cache\":1,\"mainx\":7,\"main\":2,\"retry\":3}"), SAME_OK, "" },
		{ ONE_POOL("{\"cache\":1,\"main\":2,\"retr\":3}"), SAME_ERROR, NULL },
		{ ONE_POOL("{\"\\u0063ache\":1,\"main\":2,\"retry\":3,\"cache\\u005fsize\":4}"),
		  SAME_OK, "" },
		{ ONE_POOL("{\"c\\\"ache\":1,\"cache\":5,\"main\":2,\"retry\":3}"), SAME_OK, "" },
		{ "[" MOD("\"a\x7f" "b\"") "]", SAME_OK, "" },
		{ "[" MOD("\"a\x1f" "b\"") "]", REFUSED, "iobuf_get_stats: result is not valid JSON: "
						      "control character 0x1f (byte 13)" },
		{ ONE_POOL("{\"ca\x01" "che\":1,\"main\":2,\"retry\":3}"), REFUSED, NULL },
		{ "[{\"module\":\"abc", REFUSED, NULL },
		{ "[{\"modu", REFUSED, NULL },
	};
	struct iobuf_snapshot out;
	struct mt_err err;

	run_hostile(h, sizeof(h) / sizeof(h[0]));
	ck_assert_int_eq(both_str(h[1].text, &out, &err), SAME_OK);
	ck_assert_uint_eq(out.modules[0].small.cache, 1);
	ck_assert(!out.modules[0].small.has_cache_size);
	ck_assert_int_eq(both_str(h[4].text, &out, &err), SAME_OK);
	ck_assert_uint_eq(out.modules[0].small.cache_size, 4);
	ck_assert_int_eq(both_str(h[6].text, &out, &err), SAME_OK);
	ck_assert_str_eq(out.modules[0].name, "a\x7f" "b");
}
END_TEST

/* Long names: cut on a character boundary, kept distinct, said once. */
START_TEST(long_names_alike)
{
	char t[8192], e_acute[64 * 6 + 1] = "", ascii[80];
	struct iobuf_snapshot out;
	struct mt_err err;

	/* 64 escaped two-byte characters: 128 bytes cut to 62. */
	for (int k = 0; k < 64; k++)
		strcat(e_acute, "\\u00e9");
	memset(ascii, 'a', 70);
	ascii[70] = '\0';
	snprintf(t, sizeof(t), "[" MOD("\"%s\"") "," MOD("\"%s\"") "," MOD("\"%s\"") ","
		 MOD("\"%.63s\"") "]", e_acute, e_acute, ascii, ascii);
	ck_assert_int_eq(both_str(t, &out, &err), SAME_OK);
	ck_assert_uint_eq(strlen(out.modules[0].name), 62);
	ck_assert_str_eq(out.modules[3].name, ascii + 7);
	ck_assert_ptr_nonnull(strstr(out.modules[1].name, "~2"));
	ck_assert_ptr_nonnull(strstr(out.modules[2].name, "~2"));
	ck_assert_ptr_nonnull(strstr(err.msg, "3 module names longer than 63 bytes"));
	ck_assert_ptr_nonnull(strstr(err.msg, "first: [0].module, 128 bytes"));
}
END_TEST

START_TEST(no_result_and_broken_text)
{
	struct iobuf_snapshot out;
	struct mt_err err;

	ck_assert_int_eq(iobuf_decode_stats_text(NULL, 0, &out, &err), -1);
	ck_assert_str_eq(err.msg, "iobuf_get_stats: no result");
	ck_assert_int_eq(iobuf_decode_stats(NULL, &out, &err), -1);
	ck_assert_str_eq(err.msg, "iobuf_get_stats: no result");
	/* Never framed (outside the contract): refused, never read past the end. */
	ck_assert_int_eq(iobuf_decode_stats_text("", 0, &out, &err), -1);
	ck_assert_int_eq(err.code, -EPROTO);
	ck_assert_int_eq(iobuf_decode_stats_text("[{\"module\"", 10, &out, &err), -1);
	ck_assert_str_eq(err.msg, "iobuf_get_stats: result is not valid JSON: it ends early "
				  "(byte 10)");
	/* Structure is the framing's to check: this one is only not read as stats. */
	ck_assert_int_eq(iobuf_decode_stats_text("[1 2]", 5, &out, &err), -1);
	ck_assert_int_eq(iobuf_decode_stats_text("[] x", 4, &out, &err), -1);
	ck_assert_str_eq(err.msg, "iobuf_get_stats: result is not valid JSON: unexpected byte "
				  "0x78 (byte 3)");
	ck_assert_uint_eq(out.nmodules, 0);
	ck_assert_int_eq(out.form, IOBUF_FORM_NONE);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("iobuf_decode_text");
	TCase *t = tcase_create("alike");

	tcase_add_test(t, every_fixture_value_alike);
	tcase_add_test(t, wrong_types_alike);
	tcase_add_test(t, missing_members_alike);
	tcase_add_test(t, huge_and_odd_counters_alike);
	tcase_add_test(t, thousand_modules_alike);
	tcase_add_test(t, nesting_alike);
	tcase_add_test(t, escapes_in_names_alike);
	tcase_add_test(t, plain_keys_and_names_alike);
	tcase_add_test(t, long_names_alike);
	tcase_add_test(t, no_result_and_broken_text);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
