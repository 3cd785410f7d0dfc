/* baseline_file: the three forms from recorded and made-up files, and errors naming the file. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline_file.h"
#include "check_main.h"
#include "fixture_io.h"
#include "snapshot_json.h"

#define EXH MEMTOP_FIXTURES "/transcripts/exhaustion_bdevperf.hide_md/"
#define BASE MEMTOP_FIXTURES "/baselines/"

START_TEST(rpc_py_stdout)
{
	struct baseline *b = calloc(1, sizeof(*b));
	struct mt_err e = { 0 };

	ck_assert_int_eq(baseline_load(MEMTOP_FIXTURES "/transcripts/rpc_py/"
				       "iobuf_get_stats.idle.stdout.txt", b, &e), 0);
	ck_assert_int_eq(b->form, BASELINE_RPC_STATS);
	ck_assert_str_eq(baseline_form_name(b->form), "rpc.py");
	ck_assert_uint_eq(b->snap.iobuf.nmodules, 2);
	ck_assert_str_eq(b->snap.iobuf.modules[1].name, "bdev");
	/* rpc.py prints counters only: the rest is unknown, not 0. */
	ck_assert(!b->has_hugepages && !b->has_options && !b->has_time);
	ck_assert_uint_eq(b->snap.hugepages.nnodes, 0);
	ck_assert(b->snap.wall > 0);   /* the file's mtime */

	ck_assert_int_eq(baseline_load(EXH "rpc_py.iobuf_get_stats.during.stdout.txt", b, &e), 0);
	ck_assert_uint_eq(b->snap.iobuf.modules[1].large.retry, 772823);
	ck_assert_uint_eq(b->snap.iobuf.large.retry, 772823);
	ck_assert(b->snap.iobuf.large.has_reserved);
	ck_assert_uint_eq(b->snap.iobuf.large.reserved, 2);
	free(b);
}
END_TEST

START_TEST(whole_response_and_aggregate)
{
	struct baseline *b = calloc(1, sizeof(*b));
	struct mt_err e = { 0 };

	ck_assert_int_eq(baseline_load(MEMTOP_FIXTURES "/transcripts/"
				       "iobuf_get_stats.idle.response.json", b, &e), 0);
	ck_assert_int_eq(b->form, BASELINE_RPC_STATS);
	ck_assert_uint_eq(b->snap.iobuf.nmodules, 2);

	ck_assert_int_eq(baseline_load(BASE "aggregate.after.json", b, &e), 0);
	ck_assert_int_eq(b->form, BASELINE_AGGREGATE);
	ck_assert_uint_eq(b->snap.iobuf.large.retry, 41);
	ck_assert_int_eq(b->snap.iobuf.large.util_kind, UTIL_EXACT);
	ck_assert_uint_eq(b->snap.iobuf.large.used, 1024);
	ck_assert(!b->has_hugepages && !b->has_options);
	free(b);
}
END_TEST

START_TEST(snapshot_round_trip)
{
	struct baseline *b = calloc(1, sizeof(*b)), *c = calloc(1, sizeof(*c));
	struct mt_err e = { 0 };
	json_t *j;
	char *text;

	ck_assert_int_eq(baseline_load(MEMTOP_FIXTURES "/snapshots/before-rings.steady.json", b,
				       &e), 0);
	ck_assert_int_eq(b->form, BASELINE_SNAPSHOT);
	ck_assert(b->has_hugepages && b->has_options && b->has_time);
	ck_assert_double_eq(b->snap.wall, 1796110067.0441022);
	ck_assert_uint_eq(b->snap.hugepages.nnodes, 2);

	j = snapshot_to_json(&b->snap);
	text = json_dumps(j, JSON_INDENT(2));
	ck_assert_int_eq(baseline_parse(text, strlen(text), "again", c, &e), 0);
	ck_assert_mem_eq(&c->snap.iobuf, &b->snap.iobuf, sizeof(b->snap.iobuf));
	ck_assert_mem_eq(&c->snap.hugepages, &b->snap.hugepages, sizeof(b->snap.hugepages));
	free(text);
	json_decref(j);
	free(b);
	free(c);
}
END_TEST

#define ck_load_fails(path, expected)                                       \
	do {                                                                \
		struct baseline *b_ = calloc(1, sizeof(*b_));               \
		struct mt_err e_ = { 0 };                                   \
		ck_assert_int_eq(baseline_load(path, b_, &e_), -1);         \
		ck_assert_msg(strstr(e_.msg, expected), "'%s' lacks '%s'", e_.msg, expected); \
		ck_assert_uint_eq(b_->snap.iobuf.nmodules, 0);              \
		free(b_);                                                   \
	} while (0)

START_TEST(errors_name_the_file)
{
	ck_load_fails(BASE "not_json.json", "not_json.json:2:");
	ck_load_fails(BASE "aggregate.bad_field.json", "aggregate.bad_field.json: ");
	ck_load_fails(BASE "aggregate.bad_field.json", "retry_count");
	ck_load_fails(BASE "unknown_shape.json", "unknown_shape.json: neither");
	ck_load_fails(BASE "no_such_file.json", "no_such_file.json: No such file");
	ck_load_fails(BASE, "not a regular file");
}
END_TEST

START_TEST(empty_and_wrong_schema)
{
	struct baseline *b = calloc(1, sizeof(*b));
	struct mt_err e = { 0 };
	const char *bad = "{\"schema\":\"other/2\"}";

	ck_assert_int_eq(baseline_parse("", 0, "empty", b, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "empty:"));
	ck_assert_int_eq(baseline_parse(bad, strlen(bad), "x.json", b, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "x.json: "));
	ck_assert_ptr_nonnull(strstr(e.msg, "schema"));
	free(b);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("baseline_file");
	TCase *t = tcase_create("forms");

	tcase_add_test(t, rpc_py_stdout);
	tcase_add_test(t, whole_response_and_aggregate);
	tcase_add_test(t, snapshot_round_trip);
	tcase_add_test(t, errors_name_the_file);
	tcase_add_test(t, empty_and_wrong_schema);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
