/* mt_text: hex digits and the names of file kinds that are refused. */
#include <check.h>
#include <sys/stat.h>

#include "check_main.h"
#include "mt_text.h"

START_TEST(test_hex_digit)
{
	ck_assert_int_eq(mt_hex_digit('0'), 0);
	ck_assert_int_eq(mt_hex_digit('9'), 9);
	ck_assert_int_eq(mt_hex_digit('a'), 10);
	ck_assert_int_eq(mt_hex_digit('F'), 15);
	ck_assert_int_eq(mt_hex_digit('g'), -1);
	ck_assert_int_eq(mt_hex_digit('/'), -1);
	ck_assert_int_eq(mt_hex_digit(0x80), -1);
}
END_TEST

START_TEST(test_file_kind)
{
	ck_assert_str_eq(mt_file_kind(S_IFDIR | 0755), "a directory");
	ck_assert_str_eq(mt_file_kind(S_IFIFO | 0644), "a FIFO");
	ck_assert_str_eq(mt_file_kind(S_IFSOCK | 0777), "a socket");
	ck_assert_str_eq(mt_file_kind(S_IFCHR | 0666), "a character device");
	ck_assert_str_eq(mt_file_kind(S_IFBLK | 0660), "a block device");
	ck_assert_str_eq(mt_file_kind(S_IFLNK | 0777), "not a file");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mt_text");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_hex_digit);
	tcase_add_test(tc, test_file_kind);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
