/* json_bigint: integers beyond int64 rewritten as marked strings, and read back exactly. */
#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "json_bigint.h"

/* The rewritten text, or a copy of the input when nothing needed rewriting. */
static char *rewrite(const char *in, int want_rc)
{
	char *out = NULL;
	size_t n = 0;
	int rc = json_bigint_rewrite(in, strlen(in), &out, &n);

	ck_assert_int_eq(rc, want_rc);
	if (rc == 0) {
		ck_assert_ptr_null(out);
		return strdup(in);
	}
	ck_assert_uint_eq(strlen(out), n);
	return out;
}

static uint64_t loaded_u64(const json_t *v)
{
	uint64_t u = 0;

	ck_assert_msg(json_is_string(v), "not a marked string");
	ck_assert(json_bigint_u64(json_string_value(v), &u));
	return u;
}

START_TEST(in_range_untouched)
{
	const char *texts[] = {
		"{\"a\":9223372036854775807,\"b\":-9223372036854775808,\"c\":0}",
		"[1.5e300,18446744073709551615.0,1e19,-0,12345678901234567890e0]",
		"{\"s\":\"18446744073709551615\",\"k\\\"99999999999999999999\":1}",
		"\"99999999999999999999\"",
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		free(rewrite(texts[i], 0));
}
END_TEST

START_TEST(beyond_int64_becomes_marked)
{
	char *t = rewrite("{\"x\":18446744073709551615,\"y\":[9223372036854775808, 7],"
			  "\"s\":\"12345678901234567890\",\"n\":-9223372036854775809}", 1);
	json_error_t jerr;
	json_t *v = json_loads(t, 0, &jerr);
	uint64_t u;

	ck_assert_msg(v != NULL, "%s: %s", jerr.text, t);
	ck_assert_uint_eq(loaded_u64(json_object_get(v, "x")), UINT64_MAX);
	ck_assert_uint_eq(loaded_u64(json_array_get(json_object_get(v, "y"), 0)),
			  (uint64_t)INT64_MAX + 1);
	ck_assert_int_eq(json_integer_value(json_array_get(json_object_get(v, "y"), 1)), 7);
	/* A string that only looks like a number stays a plain string. */
	ck_assert_str_eq(json_string_value(json_object_get(v, "s")), "12345678901234567890");
	ck_assert(!json_bigint_u64(json_string_value(json_object_get(v, "s")), &u));
	/* Below INT64_MIN: loadable, kept as written, but no uint64. */
	ck_assert_str_eq(json_bigint_text(json_string_value(json_object_get(v, "n"))),
			 "-9223372036854775809");
	ck_assert(!json_bigint_u64(json_string_value(json_object_get(v, "n")), &u));
	json_decref(v);
	free(t);
}
END_TEST

START_TEST(beyond_uint64_refused_by_reader)
{
	char *t = rewrite("[18446744073709551616,99999999999999999999999999]", 1);
	json_t *v = json_loads(t, 0, NULL);
	uint64_t u = 42;

	ck_assert_ptr_nonnull(v);
	ck_assert(!json_bigint_u64(json_string_value(json_array_get(v, 0)), &u));
	ck_assert(!json_bigint_u64(json_string_value(json_array_get(v, 1)), &u));
	ck_assert_uint_eq(u, 42);
	ck_assert_str_eq(json_bigint_text(json_string_value(json_array_get(v, 0))),
			 "18446744073709551616");
	ck_assert(!json_bigint_u64(JSON_BIGINT_MARK, &u));
	ck_assert(!json_bigint_u64(NULL, &u));
	ck_assert_ptr_null(json_bigint_text("bigint:1"));
	json_decref(v);
	free(t);
}
END_TEST

/* What readers of the text itself use: the same line between int64 and the rest. */
START_TEST(text_readers_helpers)
{
	uint64_t v = 0;

	ck_assert(!json_bigint_outside_int64("9223372036854775807", 19));
	ck_assert(json_bigint_outside_int64("9223372036854775808", 19));
	ck_assert(!json_bigint_outside_int64("-9223372036854775808", 20));
	ck_assert(json_bigint_outside_int64("-9223372036854775809", 20));
	ck_assert(json_bigint_outside_int64("100000000000000000000", 21));
	ck_assert(!json_bigint_outside_int64("1e30", 4));
	ck_assert(!json_bigint_outside_int64("99999999999999999999.5", 22));
	ck_assert(json_bigint_digits_u64("18446744073709551615", 20, &v));
	ck_assert_uint_eq(v, UINT64_MAX);
	ck_assert(json_bigint_digits_u64("0000000000000000000000042", 25, &v));
	ck_assert_uint_eq(v, 42);
	ck_assert(!json_bigint_digits_u64("18446744073709551616", 20, &v));
	ck_assert(!json_bigint_digits_u64("-1", 2, &v));
	ck_assert(!json_bigint_digits_u64("", 0, &v));
	/* Only n bytes count: what follows is not read. */
	ck_assert(json_bigint_digits_u64("12x", 2, &v));
	ck_assert_uint_eq(v, 12);
}
END_TEST

static Suite *json_bigint_suite(void)
{
	Suite *s = suite_create("json_bigint");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, in_range_untouched);
	tcase_add_test(tc, beyond_int64_becomes_marked);
	tcase_add_test(tc, beyond_uint64_refused_by_reader);
	tcase_add_test(tc, text_readers_helpers);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(json_bigint_suite());
}
