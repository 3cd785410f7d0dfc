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

START_TEST(test_utf8_fit)
{
	/* "é" is 2 bytes, "€" 3, "😀" 4: a cut never lands inside one. */
	ck_assert_uint_eq(mt_utf8_fit("abc", 3), 3);
	ck_assert_uint_eq(mt_utf8_fit("abc", 10), 3);
	ck_assert_uint_eq(mt_utf8_fit("abcd", 3), 3);
	ck_assert_uint_eq(mt_utf8_fit("ab\xc3\xa9", 3), 2);
	ck_assert_uint_eq(mt_utf8_fit("ab\xc3\xa9", 4), 4);
	ck_assert_uint_eq(mt_utf8_fit("a\xe2\x82\xac" "b", 2), 1);
	ck_assert_uint_eq(mt_utf8_fit("a\xe2\x82\xac" "b", 3), 1);
	ck_assert_uint_eq(mt_utf8_fit("a\xe2\x82\xac" "b", 4), 4);
	ck_assert_uint_eq(mt_utf8_fit("\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 7), 4);
	ck_assert_uint_eq(mt_utf8_fit("\xf0\x9f\x98\x80", 3), 0);
	ck_assert_uint_eq(mt_utf8_fit("", 0), 0);
	ck_assert_uint_eq(mt_utf8_fit("x", 0), 0);
}
END_TEST

/* Each length's first and last code point, against their UTF-8 bytes. */
START_TEST(test_utf8_encode)
{
	static const struct {
		unsigned long cp;
		const char *utf8;
	} cases[] = {
		{ 0x41, "A" },
		{ 0x7f, "\x7f" },
		{ 0x80, "\xc2\x80" },
		{ 0xb7, "\xc2\xb7" },
		{ 0x7ff, "\xdf\xbf" },
		{ 0x800, "\xe0\xa0\x80" },
		{ 0x2500, "\xe2\x94\x80" },
		{ 0xffff, "\xef\xbf\xbf" },
		{ 0x10000, "\xf0\x90\x80\x80" },
		{ 0x10ffff, "\xf4\x8f\xbf\xbf" },
	};
	char out[4];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = mt_utf8_encode(cases[i].cp, out);

		ck_assert_uint_eq(n, strlen(cases[i].utf8));
		ck_assert_mem_eq(out, cases[i].utf8, n);
	}
}
END_TEST

START_TEST(test_join)
{
	char buf[8];

	ck_assert_str_eq(mt_text_join(buf, sizeof(buf), "ab", "", "cd", NULL), "abcd");
	ck_assert_str_eq(mt_text_join(buf, sizeof(buf), NULL), "");
	/* Cut to fit, always terminated: 7 bytes and the NUL. */
	ck_assert_str_eq(mt_text_join(buf, sizeof(buf), "abcdef", "ghij", "k", NULL), "abcdefg");
	ck_assert_str_eq(mt_text_join(buf, 1, "x", NULL), "");
	buf[0] = 'z';
	ck_assert_ptr_eq(mt_text_join(buf, 0, "x", NULL), buf);
	ck_assert_int_eq(buf[0], 'z');
	ck_assert_ptr_null(mt_text_join(NULL, 4, "x", NULL));
}
END_TEST

START_TEST(test_elide)
{
	char buf[64];
	const char *path = "/var/tmp/a-rather-long-directory-name/of-sockets/spdk.sock";
	const char *fits = "/tmp/x.sock";

	ck_assert_ptr_eq(mt_text_elide(fits, 11, buf, sizeof(buf)), fits);
	/* 24 bytes: 7 of the head, "...", 14 of the tail (the file name kept). */
	ck_assert_str_eq(mt_text_elide(path, 24, buf, sizeof(buf)), "/var/tm...kets/spdk.sock");
	ck_assert_uint_eq(strlen(buf), 24);
	/* The buffer's size bounds it too. */
	ck_assert_uint_eq(strlen(mt_text_elide(path, 200, buf, 16)), 15);
	/* No cut inside "\xc3\xa9" (2 bytes): the head gives way to nothing, the tail to 2 bytes. */
	ck_assert_str_eq(mt_text_elide("\xc3\xa9/x/\xc3\xa9\xc3\xa9", 6, buf, sizeof(buf)), "...\xc3\xa9");
	ck_assert_str_eq(mt_text_elide("\xc3\xa9\xc3\xa9\xc3\xa9/abcdefgh/x", 9, buf, sizeof(buf)),
			 "\xc3\xa9...gh/x");
	ck_assert_str_eq(mt_text_elide("abcdefgh", 4, buf, sizeof(buf)), "abcd");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mt_text");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_hex_digit);
	tcase_add_test(tc, test_file_kind);
	tcase_add_test(tc, test_utf8_fit);
	tcase_add_test(tc, test_utf8_encode);
	tcase_add_test(tc, test_elide);
	tcase_add_test(tc, test_join);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
