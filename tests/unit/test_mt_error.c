/* mt_error: a bounded error list, and taking it back to an earlier count. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "mt_error.h"

/* A list back to n entries equals one that only ever had those: zero past its count. */
START_TEST(test_truncate_as_fresh)
{
	struct mt_errlist *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	mt_errlist_add(a, "first");
	mt_errlist_add(b, "first");
	for (int i = 0; i < MT_ERRLIST_MAX + 3; i++)
		mt_errlist_add(a, "a much longer message number %d that must leave no trace", i);
	ck_assert_uint_eq(a->n, MT_ERRLIST_MAX);
	ck_assert_uint_eq(a->dropped, 4);
	mt_errlist_truncate(a, 1, 0);
	ck_assert_uint_eq(a->n, 1);
	ck_assert_uint_eq(a->dropped, 0);
	ck_assert_int_eq(memcmp(a, b, sizeof(*a)), 0);
	mt_errlist_add(a, "x");
	mt_errlist_add(b, "x");
	ck_assert_int_eq(memcmp(a, b, sizeof(*a)), 0);
	/* Keeping what it holds, or more than it holds, changes only the dropped count. */
	mt_errlist_truncate(a, 5, 7);
	ck_assert_uint_eq(a->n, 2);
	ck_assert_uint_eq(a->dropped, 7);
	mt_errlist_truncate(a, 0, 0);
	memset(b, 0, sizeof(*b));
	ck_assert_int_eq(memcmp(a, b, sizeof(*a)), 0);
	mt_errlist_truncate(NULL, 0, 0);
	free(a);
	free(b);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mt_error");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_truncate_as_fresh);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
