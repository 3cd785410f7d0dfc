/* iobuf decoding and summary: every recorded transcript, both stats forms, exact errors. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "fixture_io.h"
#include "iobuf_decode.h"
#include "iobuf_summary.h"

#define TRANSCRIPTS MEMTOP_FIXTURES "/transcripts"

static json_t *parse(const char *text)
{
	json_error_t jerr;
	json_t *v = json_loads(text, JSON_DECODE_ANY, &jerr);

	ck_assert_msg(v != NULL, "bad test JSON: %s: %s", jerr.text, text);
	return v;
}

static int decode_stats_text(const char *text, struct iobuf_snapshot *s, struct mt_err *err)
{
	json_t *v = parse(text);
	int rc;

	memset(s, 0, sizeof(*s));
	rc = iobuf_decode_stats(v, s, err);
	json_decref(v);
	return rc;
}

/* ---- every transcript --------------------------------------------------- */

/*
 * Decodes one exchange if its request is one of the methods we read; returns
 * true when it did.  Error replies and other methods are skipped.
 */
static bool decode_exchange(const char *dir, const char *resp_name)
{
	char req_path[600], resp_path[600];
	size_t stem = strlen(resp_name) - strlen(".response.json");
	json_t *req, *resp, *result, *params;
	const char *method;
	struct mt_err err;
	bool done = true;

	snprintf(resp_path, sizeof(resp_path), "%s/%s", dir, resp_name);
	snprintf(req_path, sizeof(req_path), "%s/%.*s.request.json", dir, (int)stem, resp_name);
	req = json_load_file(req_path, 0, NULL);
	resp = json_load_file(resp_path, 0, NULL);
	/* id 2^64-1 does not fit jansson's integers; the result still must decode. */
	if (!req)
		req = json_load_file(req_path, JSON_DECODE_INT_AS_REAL, NULL);
	if (!resp)
		resp = json_load_file(resp_path, JSON_DECODE_INT_AS_REAL, NULL);
	/* Invalid JSON, batches, empty replies: not decoding material. */
	if (!json_is_object(req) || !json_is_object(resp) ||
	    !json_is_string(json_object_get(req, "method")) ||
	    !(result = json_object_get(resp, "result"))) {
		json_decref(req);
		json_decref(resp);
		return false;
	}
	method = json_string_value(json_object_get(req, "method"));
	params = json_object_get(req, "params");
	mt_err_clear(&err);
	if (strcmp(method, "iobuf_get_stats") == 0) {
		struct iobuf_snapshot s;

		memset(&s, 0, sizeof(s));
		ck_assert_msg(iobuf_decode_stats(result, &s, &err) == 0, "%s: %s", resp_path,
			      err.msg);
		ck_assert_int_eq(s.form, IOBUF_FORM_PER_MODULE);
		ck_assert_uint_ge(s.nmodules, 2);
		ck_assert_str_eq(s.modules[0].name, "accel");
		ck_assert_str_eq(s.modules[1].name, "bdev");
		ck_assert(s.modules[1].large.has_cache_size);
	} else if (strcmp(method, "framework_get_config") == 0 &&
		   json_is_string(json_object_get(params, "name")) &&
		   strcmp(json_string_value(json_object_get(params, "name")), "iobuf") == 0) {
		struct iobuf_options o;

		ck_assert_msg(iobuf_decode_options(result, &o, &err) == 0, "%s: %s", resp_path,
			      err.msg);
		ck_assert(o.valid);
		ck_assert_uint_eq(o.small_bufsize, 8192);
		ck_assert_uint_eq(o.large_bufsize, 135168);
	} else if (strcmp(method, "spdk_get_version") == 0) {
		char version[SNAP_VERSION_LEN];

		ck_assert_msg(iobuf_decode_version(result, version, sizeof(version), &err) == 0,
			      "%s: %s", resp_path, err.msg);
		ck_assert_str_eq(version, "SPDK v26.09-pre git sha1 3230130e6a");
	} else if (strcmp(method, "rpc_get_methods") == 0) {
		enum target_state st;

		ck_assert_msg(iobuf_decode_state(result, &st, &err) == 0, "%s: %s", resp_path,
			      err.msg);
	} else {
		done = false;
	}
	json_decref(req);
	json_decref(resp);
	return done;
}

static int decode_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		const char *suffix = ".response.json";

		if (len > strlen(suffix) && strcmp(e->d_name + len - strlen(suffix), suffix) == 0)
			n += decode_exchange(dir, e->d_name);
	}
	closedir(d);
	return n;
}

START_TEST(every_transcript_decodes)
{
	int n = 0;

	n += decode_dir(TRANSCRIPTS);
	n += decode_dir(TRANSCRIPTS "/wait_for_rpc");
	n += decode_dir(TRANSCRIPTS "/exhaustion_bdevperf.hide_md");
	n += decode_dir(TRANSCRIPTS "/exhaustion_bdevperf.plain");
	/* 13 at idle, 5 in wait_for_rpc, 3 in each exhaustion run. */
	ck_assert_int_ge(n, 24);
}
END_TEST

/* What users redirect from scripts/rpc.py into files (baselines) reads alike. */
START_TEST(rpc_py_stdout_decodes)
{
	static const char *const stats[] = {
		"rpc_py/iobuf_get_stats.idle.stdout.txt",
		"exhaustion_bdevperf.hide_md/rpc_py.iobuf_get_stats.before.stdout.txt",
		"exhaustion_bdevperf.hide_md/rpc_py.iobuf_get_stats.during.stdout.txt",
		"exhaustion_bdevperf.hide_md/rpc_py.iobuf_get_stats.after.stdout.txt",
	};
	char path[512];
	struct iobuf_snapshot s;
	struct iobuf_options o;
	char version[SNAP_VERSION_LEN];
	struct mt_err err;
	json_t *v;

	for (size_t i = 0; i < sizeof(stats) / sizeof(stats[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", TRANSCRIPTS, stats[i]);
		v = fixture_json(path);
		memset(&s, 0, sizeof(s));
		ck_assert_msg(iobuf_decode_stats(v, &s, &err) == 0, "%s: %s", path, err.msg);
		ck_assert_uint_eq(s.nmodules, 2);
		if (i == 2)
			ck_assert_uint_gt(s.modules[1].large.retry, 0);
		json_decref(v);
	}
	v = fixture_json(TRANSCRIPTS "/rpc_py/framework_get_config.iobuf.stdout.txt");
	ck_assert_int_eq(iobuf_decode_options(v, &o, &err), 0);
	ck_assert_uint_eq(o.small_pool_count, 8192);
	json_decref(v);
	v = fixture_json(TRANSCRIPTS "/rpc_py/spdk_get_version.stdout.txt");
	ck_assert_int_eq(iobuf_decode_version(v, version, sizeof(version), &err), 0);
	ck_assert_str_eq(version, "SPDK v26.09-pre git sha1 3230130e6a");
	json_decref(v);
}
END_TEST

START_TEST(idle_stats_values)
{
	json_t *r = transcript_result("iobuf_get_stats.idle.response.json");
	struct iobuf_snapshot s;
	struct mt_err err;

	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(iobuf_decode_stats(r, &s, &err), 0);
	ck_assert_str_eq(err.msg, "");
	ck_assert_uint_eq(s.nmodules, 2);
	for (size_t i = 0; i < 2; i++) {
		ck_assert_uint_eq(s.modules[i].small.cache + s.modules[i].small.main +
					  s.modules[i].small.retry + s.modules[i].small.cache_size,
				  0);
		ck_assert(s.modules[i].small.has_cache_size);
	}
	json_decref(r);
}
END_TEST

START_TEST(options_values)
{
	json_t *r = transcript_result("framework_get_config.iobuf.response.json");
	json_t *w = transcript_result("wait_for_rpc/17.framework_get_config.iobuf.after_start_init"
				".response.json");
	struct iobuf_options o;
	struct mt_err err;

	ck_assert_int_eq(iobuf_decode_options(r, &o, &err), 0);
	ck_assert(o.valid);
	ck_assert_uint_eq(o.small_pool_count, 8192);
	ck_assert_uint_eq(o.large_pool_count, 1024);
	ck_assert_uint_eq(o.small_bufsize, 8192);
	ck_assert_uint_eq(o.large_bufsize, 135168);
	ck_assert(!o.enable_numa);
	ck_assert_int_eq(iobuf_decode_options(w, &o, &err), 0);
	ck_assert_uint_eq(o.small_pool_count, 64);
	ck_assert_uint_eq(o.large_pool_count, 8);
	json_decref(r);
	json_decref(w);
}
END_TEST

START_TEST(options_from_save_config_part)
{
	json_t *v = fixture_json(TRANSCRIPTS "/save_config.iobuf_part.json");
	struct iobuf_options o;
	struct mt_err err;

	ck_assert_int_eq(iobuf_decode_options(v, &o, &err), 0);
	ck_assert_uint_eq(o.large_pool_count, 1024);
	json_decref(v);
}
END_TEST

START_TEST(options_enable_numa_optional)
{
	json_t *v = parse("[{\"method\":\"iobuf_set_options\",\"params\":{\"small_pool_count\":"
			  "100,\"large_pool_count\":10,\"small_bufsize\":4096,\"large_bufsize\":"
			  "8192}}]");
	json_t *numa = parse("[{\"method\":\"other\"},{\"method\":\"iobuf_set_options\","
			     "\"params\":{\"small_pool_count\":1,\"large_pool_count\":2,"
			     "\"small_bufsize\":3,\"large_bufsize\":4,\"enable_numa\":true,"
			     "\"future\":[1]}}]");
	struct iobuf_options o;
	struct mt_err err;

	ck_assert_int_eq(iobuf_decode_options(v, &o, &err), 0);
	ck_assert(o.valid && !o.enable_numa);
	ck_assert_uint_eq(o.small_pool_count, 100);
	ck_assert_int_eq(iobuf_decode_options(numa, &o, &err), 0);
	ck_assert(o.valid && o.enable_numa);
	ck_assert_uint_eq(o.large_bufsize, 4);
	json_decref(v);
	json_decref(numa);
}
END_TEST

START_TEST(options_errors)
{
	static const struct {
		const char *json, *msg;
	} cases[] = {
		{ "[{\"method\":\"iobuf_set_options\",\"params\":{\"small_pool_count\":1,"
		  "\"large_pool_count\":2,\"small_bufsize\":3}}]",
		  "framework_get_config: [0].params.large_bufsize: missing" },
		{ "[{\"method\":\"iobuf_set_options\",\"params\":{\"small_pool_count\":\"1\","
		  "\"large_pool_count\":2,\"small_bufsize\":3,\"large_bufsize\":4}}]",
		  "framework_get_config: [0].params.small_pool_count: expected a non-negative "
		  "integer, got string" },
		{ "[{\"method\":\"iobuf_set_options\",\"params\":{\"small_pool_count\":1,"
		  "\"large_pool_count\":2,\"small_bufsize\":3,\"large_bufsize\":4,"
		  "\"enable_numa\":\"yes\"}}]",
		  "framework_get_config: [0].params.enable_numa: expected a boolean, got string" },
		{ "[{\"method\":\"iobuf_set_options\"}]",
		  "framework_get_config: [0].params: missing" },
		{ "[{\"params\":{}}]", "framework_get_config: [0].method: missing" },
		{ "[]", "framework_get_config: no iobuf_set_options entry in the iobuf config" },
		{ "{\"subsystem\":\"iobuf\"}", "framework_get_config: config: missing" },
		{ "true",
		  "framework_get_config: expected an array of config entries, got boolean" },
	};
	struct iobuf_options o;
	struct mt_err err;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *v = parse(cases[i].json);

		ck_assert_int_eq(iobuf_decode_options(v, &o, &err), -1);
		ck_assert_str_eq(err.msg, cases[i].msg);
		ck_assert(!o.valid);
		json_decref(v);
	}
}
END_TEST

START_TEST(version_and_errors)
{
	json_t *ok = transcript_result("spdk_get_version.response.json");
	json_t *missing = parse("{\"fields\":{}}");
	json_t *wrong = parse("{\"version\":26}");
	char small[8];
	struct mt_err err;

	ck_assert_int_eq(iobuf_decode_version(ok, small, sizeof(small), &err), 0);
	ck_assert_str_eq(small, "SPDK v2");
	ck_assert_int_eq(err.code, 0);
	ck_assert_str_eq(err.msg, "spdk_get_version: version: 35 bytes, cut to 7 on a character "
				  "boundary");
	ck_assert_int_eq(iobuf_decode_version(missing, small, sizeof(small), &err), -1);
	ck_assert_str_eq(err.msg, "spdk_get_version: version: missing");
	ck_assert_int_eq(iobuf_decode_version(wrong, small, sizeof(small), &err), -1);
	ck_assert_str_eq(err.msg, "spdk_get_version: version: expected a string, got integer");
	ck_assert_str_eq(small, "");
	json_decref(ok);
	json_decref(missing);
	json_decref(wrong);
}
END_TEST

START_TEST(state_from_methods)
{
	json_t *running = transcript_result("rpc_get_methods.current.response.json");
	json_t *startup = transcript_result("wait_for_rpc/02.rpc_get_methods.current.startup"
				      ".response.json");
	json_t *bad = parse("[\"spdk_get_version\",7]");
	json_t *notarray = parse("{\"methods\":[]}");
	enum target_state st;
	struct mt_err err;

	ck_assert_int_eq(iobuf_decode_state(running, &st, &err), 0);
	ck_assert_int_eq(st, TARGET_RUNNING);
	ck_assert_int_eq(iobuf_decode_state(startup, &st, &err), 0);
	ck_assert_int_eq(st, TARGET_STARTUP);
	ck_assert_int_eq(iobuf_decode_state(bad, &st, &err), -1);
	ck_assert_str_eq(err.msg, "rpc_get_methods: [1]: expected a string, got integer");
	ck_assert_int_eq(st, TARGET_UNKNOWN);
	ck_assert_int_eq(iobuf_decode_state(notarray, &st, &err), -1);
	ck_assert_str_eq(err.msg,
			 "rpc_get_methods: expected an array of method names, got object");
	json_decref(running);
	json_decref(startup);
	json_decref(bad);
	json_decref(notarray);
}
END_TEST

/* ---- the exhaustion timeline -------------------------------------------- */

START_TEST(timeline_decodes_line_by_line)
{
	FILE *f = fopen(TRANSCRIPTS "/exhaustion_bdevperf.hide_md/timeline.iobuf_get_stats.jsonl",
			"r");
	char line[8192];
	uint64_t last_retry = 0;
	int lines = 0, drops = 0;
	double drop_t = -1;

	ck_assert(f != NULL);
	while (fgets(line, sizeof(line), f)) {
		json_t *v = parse(line);
		json_t *result = json_object_get(json_object_get(v, "response"), "result");
		double t = json_number_value(json_object_get(v, "t"));
		struct iobuf_snapshot s;
		struct mt_err err;
		uint64_t retry;

		memset(&s, 0, sizeof(s));
		ck_assert_msg(iobuf_decode_stats(result, &s, &err) == 0, "t=%g: %s", t, err.msg);
		ck_assert_uint_eq(s.nmodules, 2);
		ck_assert_str_eq(s.modules[1].name, "bdev");
		retry = s.modules[1].large.retry;
		if (retry < last_retry) {
			drops++;
			drop_t = t;
			ck_assert_uint_eq(retry, 0);
		}
		/* The small pool was never short: 64 buffers for 128 KiB I/O. */
		ck_assert_uint_eq(s.modules[1].small.retry, 0);
		last_retry = retry;
		lines++;
		json_decref(v);
	}
	fclose(f);
	ck_assert_int_eq(lines, 27);
	ck_assert_int_eq(drops, 1);
	ck_assert_double_eq_tol(drop_t, 11.0, 1e-9);
}
END_TEST

START_TEST(timeline_pinned_util)
{
	FILE *f = fopen(TRANSCRIPTS "/exhaustion_bdevperf.hide_md/timeline.iobuf_get_stats.jsonl",
			"r");
	json_t *opts = transcript_result("exhaustion_bdevperf.hide_md/08.framework_get_config.iobuf"
				   ".response.json");
	char line[8192];
	struct iobuf_snapshot s;
	struct mt_err err;

	ck_assert(f != NULL);
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(iobuf_decode_options(opts, &s.opts, &err), 0);
	/* The third sample, t = 1.0: bdevperf's channels hold their caches. */
	for (int i = 0; i < 3; i++)
		ck_assert(fgets(line, sizeof(line), f) != NULL);
	fclose(f);
	{
		json_t *v = parse(line);

		ck_assert_int_eq(iobuf_decode_stats(json_object_get(json_object_get(v, "response"),
								    "result"),
						    &s, &err),
				 0);
		json_decref(v);
	}
	ck_assert(s.opts.valid);
	iobuf_summarize(&s);
	ck_assert_int_eq(s.small.util_kind, UTIL_RESERVED);
	ck_assert_uint_eq(s.small.reserved, 16);
	ck_assert_uint_eq(s.small.capacity, 64);
	ck_assert_double_eq_tol(s.small.util, 0.25, 1e-12);
	ck_assert_int_eq(s.large.util_kind, UTIL_RESERVED);
	ck_assert_uint_eq(s.large.used, 2);
	ck_assert_uint_eq(s.large.count, 8);
	ck_assert_uint_eq(s.large.bufsize, 135168);
	ck_assert_uint_eq(s.large.retry, 73614);
	ck_assert_uint_eq(s.large.main, 6);
	ck_assert_uint_eq(s.large.cache, 1);
	json_decref(opts);
}
END_TEST

/* ---- aggregate form ----------------------------------------------------- */

START_TEST(aggregate_exact_util)
{
	struct iobuf_snapshot s;
	struct mt_err err;

	ck_assert_int_eq(decode_stats_text("{\"small_pool\":{\"retry_count\":3,"
					   "\"alloc_count\":1024,\"available_count\":7168,"
					   "\"cache_count\":512},\"large_pool\":{\"retry_count\":0,"
					   "\"alloc_count\":1,\"available_count\":1023,"
					   "\"new\":\"x\"},\"v\":2}",
					   &s, &err),
			 0);
	ck_assert_int_eq(s.form, IOBUF_FORM_AGGREGATE);
	ck_assert_uint_eq(s.nmodules, 0);
	ck_assert_uint_eq(s.agg_small.alloc_count, 1024);
	ck_assert(s.agg_small.has_cache_count);
	ck_assert(!s.agg_large.has_cache_count);
	/* No options at all: the aggregate form is exact by itself. */
	iobuf_summarize(&s);
	ck_assert_int_eq(s.small.util_kind, UTIL_EXACT);
	ck_assert_uint_eq(s.small.used, 1024);
	ck_assert_uint_eq(s.small.capacity, 8192);
	ck_assert_double_eq_tol(s.small.util, 0.125, 1e-12);
	ck_assert_uint_eq(s.small.retry, 3);
	ck_assert(s.small.has_reserved);
	ck_assert_uint_eq(s.small.reserved, 512);
	ck_assert_uint_eq(s.small.count, 0);
	ck_assert_int_eq(s.large.util_kind, UTIL_EXACT);
	ck_assert(!s.large.has_reserved);
}
END_TEST

START_TEST(aggregate_errors)
{
	struct iobuf_snapshot s;
	struct mt_err err;

	ck_assert_int_eq(decode_stats_text("{\"small_pool\":{\"retry_count\":0,\"alloc_count\":1,"
					   "\"available_count\":1},\"large_pool\":{"
					   "\"retry_count\":0,\"available_count\":1}}",
					   &s, &err),
			 -1);
	ck_assert_str_eq(err.msg, "iobuf_get_stats: large_pool.alloc_count: missing");
	ck_assert_int_eq(s.form, IOBUF_FORM_NONE);
	ck_assert_int_eq(decode_stats_text("{\"small_pool\":[]}", &s, &err), -1);
	ck_assert_str_eq(err.msg, "iobuf_get_stats: small_pool: expected an object, got array");
	ck_assert_int_eq(decode_stats_text("{\"small_pool\":{\"retry_count\":0,\"alloc_count\":1,"
					   "\"available_count\":1,\"cache_count\":true},"
					   "\"large_pool\":{}}",
					   &s, &err),
			 -1);
	ck_assert_str_eq(err.msg, "iobuf_get_stats: small_pool.cache_count: expected a "
				  "non-negative integer, got boolean");
}
END_TEST

/* ---- per-module errors and leniency ------------------------------------- */

#define POOL_OK "{\"cache\":1,\"main\":2,\"retry\":3,\"cache_size\":4}"
#define MOD_OK(name) \
	"{\"module\":\"" name "\",\"small_pool\":" POOL_OK ",\"large_pool\":" POOL_OK "}"

START_TEST(per_module_errors_are_named)
{
	static const struct {
		const char *json, *msg;
	} cases[] = {
		{ "[" MOD_OK("accel") ",{\"module\":\"bdev\",\"small_pool\":" POOL_OK
		  ",\"large_pool\":{\"cache\":1,\"main\":2,\"retry\":\"3\"}}]",
		  "iobuf_get_stats: [1].large_pool.retry: expected a non-negative integer, got "
		  "string" },
		{ "[" MOD_OK("accel") ",{\"module\":\"bdev\",\"small_pool\":" POOL_OK
		  ",\"large_pool\":{\"cache\":1,\"main\":2}}]",
		  "iobuf_get_stats: [1].large_pool.retry: missing" },
		{ "[{\"module\":\"a\",\"small_pool\":{\"cache\":-1,\"main\":2,\"retry\":3},"
		  "\"large_pool\":" POOL_OK "}]",
		  "iobuf_get_stats: [0].small_pool.cache: expected a non-negative integer, got "
		  "negative integer -1" },
		{ "[{\"module\":\"a\",\"small_pool\":{\"cache\":1.5,\"main\":2,\"retry\":3},"
		  "\"large_pool\":" POOL_OK "}]",
		  "iobuf_get_stats: [0].small_pool.cache: expected a non-negative integer, got "
		  "real 1.5" },
		{ "[{\"module\":\"a\",\"small_pool\":{\"cache\":1,\"main\":null,\"retry\":3},"
		  "\"large_pool\":" POOL_OK "}]",
		  "iobuf_get_stats: [0].small_pool.main: expected a non-negative integer, "
		  "got null" },
		{ "[{\"module\":\"a\",\"small_pool\":" POOL_OK ",\"large_pool\":{\"cache\":1,"
		  "\"main\":2,\"retry\":3,\"cache_size\":\"4\"}}]",
		  "iobuf_get_stats: [0].large_pool.cache_size: expected a non-negative "
		  "integer, got string" },
		{ "[{\"small_pool\":" POOL_OK ",\"large_pool\":" POOL_OK "}]",
		  "iobuf_get_stats: [0].module: missing" },
		{ "[{\"module\":7,\"small_pool\":" POOL_OK ",\"large_pool\":" POOL_OK "}]",
		  "iobuf_get_stats: [0].module: expected a string, got integer" },
		{ "[{\"module\":\"a\",\"large_pool\":" POOL_OK "}]",
		  "iobuf_get_stats: [0].small_pool: missing" },
		{ "[" MOD_OK("a") ",\"bdev\"]",
		  "iobuf_get_stats: [1]: expected an object, got string" },
		{ "\"stats\"",
		  "iobuf_get_stats: expected an array of modules or an aggregate object, "
		  "got string" },
	};
	struct iobuf_snapshot s;
	struct mt_err err;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(decode_stats_text(cases[i].json, &s, &err), -1);
		ck_assert_str_eq(err.msg, cases[i].msg);
		ck_assert_int_ne(err.code, 0);
		ck_assert_int_eq(s.form, IOBUF_FORM_NONE);
		ck_assert_uint_eq(s.nmodules, 0);
	}
}
END_TEST

START_TEST(unknown_fields_ignored)
{
	struct iobuf_snapshot s;
	struct mt_err err;

	ck_assert_int_eq(
		decode_stats_text("[{\"module\":\"nvmf_TCP\",\"numa_id\":0,\"small_pool\":{"
				  "\"cache\":10,\"main\":20,\"retry\":30,\"cache_size\":40,"
				  "\"hits\":{\"x\":[]}},"
				  "\"large_pool\":{\"cache\":1,\"main\":2,\"retry\":3,"
				  "\"cache_size\":4,\"extra\":\"s\"},\"huge_pool\":{}}]",
				  &s, &err),
		0);
	ck_assert_str_eq(err.msg, "");
	ck_assert_uint_eq(s.nmodules, 1);
	ck_assert_str_eq(s.modules[0].name, "nvmf_TCP");
	ck_assert_uint_eq(s.modules[0].small.cache, 10);
	ck_assert_uint_eq(s.modules[0].small.main, 20);
	ck_assert_uint_eq(s.modules[0].small.retry, 30);
	ck_assert_uint_eq(s.modules[0].small.cache_size, 40);
	ck_assert_uint_eq(s.modules[0].large.retry, 3);
}
END_TEST

START_TEST(integral_reals_accepted)
{
	struct iobuf_snapshot s;
	struct mt_err err;

	/* What a client decoding big integers as reals would hand over. */
	ck_assert_int_eq(decode_stats_text("[{\"module\":\"a\",\"small_pool\":{\"cache\":1e3,"
					   "\"main\":2,\"retry\":3},\"large_pool\":" POOL_OK "}]",
					   &s, &err),
			 0);
	ck_assert_uint_eq(s.modules[0].small.cache, 1000);
}
END_TEST

START_TEST(cache_size_absent_pinned_unknown)
{
	struct iobuf_snapshot s;
	struct mt_err err;

	/* Pre-v26.05 target: no cache_size anywhere. */
	ck_assert_int_eq(decode_stats_text("[{\"module\":\"bdev\",\"small_pool\":{\"cache\":1,"
					   "\"main\":2,\"retry\":3},\"large_pool\":{\"cache\":4,"
					   "\"main\":5,\"retry\":6}}]",
					   &s, &err),
			 0);
	ck_assert(!s.modules[0].small.has_cache_size);
	s.opts = (struct iobuf_options){ .valid = true, .small_pool_count = 8192,
					 .large_pool_count = 1024, .small_bufsize = 8192,
					 .large_bufsize = 135168 };
	iobuf_summarize(&s);
	ck_assert_int_eq(s.small.util_kind, UTIL_UNKNOWN);
	ck_assert(!s.small.has_reserved);
	ck_assert_uint_eq(s.small.count, 8192);
	ck_assert_uint_eq(s.large.retry, 6);
	ck_assert_int_eq(s.large.util_kind, UTIL_UNKNOWN);

	/* Only one module says: a partial sum would understate, still unknown. */
	ck_assert_int_eq(decode_stats_text("[" MOD_OK("accel") ",{\"module\":\"bdev\","
					   "\"small_pool\":{\"cache\":1,\"main\":2,\"retry\":3},"
					   "\"large_pool\":" POOL_OK "}]",
					   &s, &err),
			 0);
	s.opts = (struct iobuf_options){ .valid = true, .small_pool_count = 64,
					 .large_pool_count = 8 };
	iobuf_summarize(&s);
	ck_assert_int_eq(s.small.util_kind, UTIL_UNKNOWN);
	ck_assert_int_eq(s.large.util_kind, UTIL_RESERVED);
	ck_assert_uint_eq(s.large.reserved, 8);
	ck_assert_double_eq_tol(s.large.util, 1.0, 1e-12);

	/* cache_size known but no options: no capacity to divide by. */
	s.opts.valid = false;
	iobuf_summarize(&s);
	ck_assert_int_eq(s.large.util_kind, UTIL_UNKNOWN);
	ck_assert(s.large.has_reserved);
	ck_assert_uint_eq(s.large.count, 0);
}
END_TEST

START_TEST(summary_of_nothing)
{
	struct iobuf_snapshot s;

	memset(&s, 0, sizeof(s));
	s.opts = (struct iobuf_options){ .valid = true, .small_pool_count = 64,
					 .large_pool_count = 8, .small_bufsize = 8192,
					 .large_bufsize = 135168 };
	iobuf_summarize(&s);
	ck_assert_int_eq(s.small.util_kind, UTIL_UNKNOWN);
	ck_assert_uint_eq(s.small.count, 64);
	ck_assert_uint_eq(s.large.bufsize, 135168);
	ck_assert_uint_eq(s.large.retry, 0);
}
END_TEST

START_TEST(too_many_modules_kept_and_reported)
{
	json_t *arr = json_array();
	struct iobuf_snapshot s;
	struct mt_err err;

	for (int i = 0; i < SNAP_MAX_MODULES + 8; i++) {
		char text[512];

		snprintf(text, sizeof(text),
			 "{\"module\":\"m%d\",\"small_pool\":{\"cache\":%d,\"main\":0,\"retry\":0},"
			 "\"large_pool\":{\"cache\":0,\"main\":0,\"retry\":0}}",
			 i, i);
		json_array_append_new(arr, parse(text));
	}
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(iobuf_decode_stats(arr, &s, &err), 0);
	ck_assert_uint_eq(s.nmodules, SNAP_MAX_MODULES);
	ck_assert_str_eq(s.modules[SNAP_MAX_MODULES - 1].name, "m31");
	ck_assert_uint_eq(s.modules[SNAP_MAX_MODULES - 1].small.cache, 31);
	ck_assert_int_eq(err.code, 0);
	ck_assert_str_eq(err.msg, "iobuf_get_stats: 40 modules reported, kept the first 32");

	/* A broken module beyond the bound is still a broken reply. */
	json_object_set_new(json_object_get(json_array_get(arr, 35), "large_pool"), "retry",
			    json_string("x"));
	ck_assert_int_eq(iobuf_decode_stats(arr, &s, &err), -1);
	ck_assert_str_eq(err.msg, "iobuf_get_stats: [35].large_pool.retry: expected a "
				  "non-negative integer, got string");
	json_decref(arr);
}
END_TEST

START_TEST(long_module_name_truncated)
{
	char name[300], text[1024];
	struct iobuf_snapshot s;
	struct mt_err err;

	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	snprintf(text, sizeof(text),
		 "[{\"module\":\"%s\",\"small_pool\":" POOL_OK ",\"large_pool\":" POOL_OK "}]",
		 name);
	ck_assert_int_eq(decode_stats_text(text, &s, &err), 0);
	ck_assert_uint_eq(strlen(s.modules[0].name), SNAP_NAME_LEN - 1);
	ck_assert_int_eq(strncmp(s.modules[0].name, name, SNAP_NAME_LEN - 1), 0);
	ck_assert_uint_eq(s.modules[0].small.cache, 1);
	ck_assert_int_eq(err.code, 0);
	ck_assert_str_eq(err.msg, "iobuf_get_stats: 1 module name longer than 63 bytes cut on a "
				  "character boundary, kept distinct (first: [0].module, 299 bytes, "
				  "shown as \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
				  "xxxxxxxxx\")");
}
END_TEST

/* 62 ASCII bytes then "é": byte 63 would be half of it, so the cut is at 62. */
#define P62 "nvmf_tcp_poll_group_with_a_very_long_name_for_a_transport_0123"
#define LONG_A P62 "\u00e9-transport-a"
#define LONG_B P62 "\u00e9-transport-b"

START_TEST(cut_names_on_boundary_and_distinct)
{
	char text[2048], name_a[SNAP_NAME_LEN + 8], name_b[SNAP_NAME_LEN + 8];
	struct iobuf_snapshot s;
	struct mt_err err;

	ck_assert_uint_eq(strlen(P62), 62);
	snprintf(text, sizeof(text), "[{\"module\":\"" LONG_A "\",\"small_pool\":" POOL_OK
		 ",\"large_pool\":" POOL_OK "},{\"module\":\"" P62 "\",\"small_pool\":"
		 POOL_OK ",\"large_pool\":" POOL_OK "},{\"module\":\"" LONG_B "\","
		 "\"small_pool\":" POOL_OK ",\"large_pool\":" POOL_OK "}]");
	ck_assert_int_eq(decode_stats_text(text, &s, &err), 0);
	ck_assert_uint_eq(s.nmodules, 3);
	/* The one not cut keeps its name; the cut ones never end in half a character. */
	ck_assert_str_eq(s.modules[1].name, P62);
	snprintf(name_a, sizeof(name_a), "%.61s~2", P62);
	snprintf(name_b, sizeof(name_b), "%.61s~3", P62);
	ck_assert_str_eq(s.modules[0].name, name_a);
	ck_assert_str_eq(s.modules[2].name, name_b);
	ck_assert_int_eq(err.code, 0);
	snprintf(text, sizeof(text), "iobuf_get_stats: 2 module names longer than 63 bytes cut "
		 "on a character boundary, kept distinct (first: [0].module, 76 bytes, shown as "
		 "\"%s\")", name_a);
	ck_assert_str_eq(err.msg, text);

	/* Two cut names alone: the first keeps the cut, the later one moves aside. */
	snprintf(text, sizeof(text), "[{\"module\":\"" LONG_A "\",\"small_pool\":" POOL_OK
		 ",\"large_pool\":" POOL_OK "},{\"module\":\"" LONG_B "\","
		 "\"small_pool\":" POOL_OK ",\"large_pool\":" POOL_OK "}]");
	ck_assert_int_eq(decode_stats_text(text, &s, &err), 0);
	ck_assert_str_eq(s.modules[0].name, P62);
	ck_assert_str_eq(s.modules[1].name, name_a);
}
END_TEST

START_TEST(decode_keeps_options)
{
	struct iobuf_snapshot s;
	struct mt_err err;
	json_t *v = parse("[" MOD_OK("bdev") "]");

	memset(&s, 0, sizeof(s));
	s.opts.valid = true;
	s.opts.large_pool_count = 8;
	ck_assert_int_eq(iobuf_decode_stats(v, &s, &err), 0);
	ck_assert(s.opts.valid);
	ck_assert_uint_eq(s.opts.large_pool_count, 8);
	json_decref(v);
}
END_TEST

/* What the RPC client hands over for a counter past INT64_MAX (json_bigint.h). */
#define BIG "\"\\u0001bigint:18446744073709551615\""
#define POOL_BIG "{\"cache\":" BIG ",\"main\":" BIG ",\"retry\":3,\"cache_size\":" BIG "}"

START_TEST(sums_saturate_and_say_so)
{
	struct iobuf_snapshot s;
	struct mt_errlist errs = { 0 };
	struct mt_err err;

	/* Four modules whose cache_size and counters are 2^64-1: every sum passes 2^64. */
	ck_assert_msg(decode_stats_text("[{\"module\":\"a\",\"small_pool\":" POOL_BIG
					",\"large_pool\":" POOL_OK "},"
					"{\"module\":\"b\",\"small_pool\":" POOL_BIG
					",\"large_pool\":" POOL_OK "}]", &s, &err) == 0,
		      "%s", err.msg);
	ck_assert_uint_eq(s.modules[1].small.cache_size, UINT64_MAX);
	s.opts = (struct iobuf_options){ .valid = true, .small_pool_count = 8192,
					 .large_pool_count = UINT64_MAX, .small_bufsize = 8192,
					 .large_bufsize = UINT64_MAX };
	iobuf_summarize(&s);
	ck_assert_uint_eq(s.small.reserved, UINT64_MAX);
	ck_assert_uint_eq(s.small.cache, UINT64_MAX);
	ck_assert_uint_eq(s.small.main, UINT64_MAX);
	ck_assert_uint_eq(s.small.retry, 6);
	ck_assert_uint_eq(s.small.bytes, 8192ull * 8192);
	ck_assert(s.small.saturated);
	/* count x bufsize past 2^64: UINT64_MAX, never the wrapped 1 B. */
	ck_assert_uint_eq(s.large.bytes, UINT64_MAX);
	ck_assert(s.large.saturated);
	iobuf_summary_note_saturated(&s, &errs);
	ck_assert_uint_eq(errs.n, 2);
	ck_assert_str_eq(errs.msg[0], "iobuf small pool: a total passed 2^64-1 and stops there "
				      "(saturated: a floor, not a measurement)");
	ck_assert_ptr_nonnull(strstr(errs.msg[1], "iobuf large pool"));

	/* Within range: nothing saturated, nothing said. */
	ck_assert_int_eq(decode_stats_text("[" MOD_OK("bdev") "]", &s, &err), 0);
	s.opts = (struct iobuf_options){ .valid = true, .small_pool_count = 8192,
					 .large_pool_count = 1024, .small_bufsize = 8192,
					 .large_bufsize = 135168 };
	iobuf_summarize(&s);
	ck_assert(!s.small.saturated && !s.large.saturated);
	ck_assert_uint_eq(s.large.bytes, 1024ull * 135168);
	mt_errlist_clear(&errs);
	iobuf_summary_note_saturated(&s, &errs);
	ck_assert_uint_eq(errs.n, 0);

	/* Beyond uint64 (or negative) as the client marks it: named, not wrapped. */
	ck_assert_int_eq(decode_stats_text("[{\"module\":\"a\",\"small_pool\":{\"cache\":"
					   "\"\\u0001bigint:18446744073709551616\",\"main\":0,"
					   "\"retry\":0},\"large_pool\":" POOL_OK "}]", &s, &err),
			 -1);
	ck_assert_str_eq(err.msg, "iobuf_get_stats: [0].small_pool.cache: expected a non-negative "
				  "integer, got 18446744073709551616 (outside uint64)");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("iobuf_decode");
	TCase *t = tcase_create("decode");

	tcase_add_test(t, every_transcript_decodes);
	tcase_add_test(t, rpc_py_stdout_decodes);
	tcase_add_test(t, idle_stats_values);
	tcase_add_test(t, options_values);
	tcase_add_test(t, options_from_save_config_part);
	tcase_add_test(t, options_enable_numa_optional);
	tcase_add_test(t, options_errors);
	tcase_add_test(t, version_and_errors);
	tcase_add_test(t, state_from_methods);
	tcase_add_test(t, timeline_decodes_line_by_line);
	tcase_add_test(t, timeline_pinned_util);
	tcase_add_test(t, aggregate_exact_util);
	tcase_add_test(t, aggregate_errors);
	tcase_add_test(t, per_module_errors_are_named);
	tcase_add_test(t, unknown_fields_ignored);
	tcase_add_test(t, integral_reals_accepted);
	tcase_add_test(t, cache_size_absent_pinned_unknown);
	tcase_add_test(t, summary_of_nothing);
	tcase_add_test(t, too_many_modules_kept_and_reported);
	tcase_add_test(t, long_module_name_truncated);
	tcase_add_test(t, decode_keeps_options);
	tcase_add_test(t, sums_saturate_and_say_so);
	tcase_add_test(t, cut_names_on_boundary_and_distinct);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
