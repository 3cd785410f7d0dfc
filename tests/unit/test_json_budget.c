/* json_budget: values and depth counted before jansson builds anything. */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "check_main.h"
#include "json_budget.h"

static int check(const char *text, size_t max_values, unsigned max_depth, struct mt_err *err)
{
	mt_err_clear(err);
	return json_budget_check(text, strlen(text), max_values, max_depth, err);
}

START_TEST(values_counted)
{
	struct mt_err err;
	const char *t = "{\"a\":[1,-2.5e3,true],\"b\":\"x\",\"c\":null}";

	/* object, 3 keys, array, 3 numbers/literals, a string, null: 10. */
	ck_assert_int_eq(check(t, 10, 8, &err), 0);
	ck_assert_int_eq(check(t, 9, 8, &err), -1);
	ck_assert_int_eq(err.code, -E2BIG);
	ck_assert_str_eq(err.msg, "more than 9 JSON values (refused before parsing, at byte 33)");
	/* Brackets, quotes and digits inside strings are not values. */
	ck_assert_int_eq(check("[\"[[[{1,2,3}]]] \\\" [\"]", 1 + 1, 1, &err), 0);
	ck_assert_int_eq(check("42", 1, 0, &err), 0);
	ck_assert_int_eq(check("[{},{},{}]", 3, 2, &err), -1);
	ck_assert_int_eq(check("[{},{},{}]", 4, 2, &err), 0);
}
END_TEST

START_TEST(depth_bounded)
{
	struct mt_err err;

	ck_assert_int_eq(check("[[[]]]", 10, 3, &err), 0);
	ck_assert_int_eq(check("[[[[]]]]", 10, 3, &err), -1);
	ck_assert_str_eq(err.msg, "nesting deeper than 3 levels (refused before parsing, "
				  "at byte 3)");
	/* Depth comes back down: siblings are not deeper. */
	ck_assert_int_eq(check("[[[]],[[]],{\"k\":[]}]", 20, 3, &err), 0);
}
END_TEST

static Suite *json_budget_suite(void)
{
	Suite *s = suite_create("json_budget");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, values_counted);
	tcase_add_test(tc, depth_bounded);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(json_budget_suite());
}
