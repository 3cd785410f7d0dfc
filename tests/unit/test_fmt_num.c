/* fmt_num: thousands separators, rates and binary sizes. */
#include <check.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "fmt_num.h"

START_TEST(thousands)
{
	char b[FMT_NUM_LEN];

	ck_assert_str_eq(fmt_thousands(b, sizeof(b), 0), "0");
	ck_assert_str_eq(fmt_thousands(b, sizeof(b), 999), "999");
	ck_assert_str_eq(fmt_thousands(b, sizeof(b), 1000), "1,000");
	ck_assert_str_eq(fmt_thousands(b, sizeof(b), 148507), "148,507");
	ck_assert_str_eq(fmt_thousands(b, sizeof(b), 1234567), "1,234,567");
	ck_assert_str_eq(fmt_thousands(b, sizeof(b), UINT64_MAX), "18,446,744,073,709,551,615");
	/* a short buffer is cut, never overrun */
	ck_assert_str_eq(fmt_thousands(b, 4, 148507), "148");
	memset(b, 'x', sizeof(b));
	ck_assert_str_eq(fmt_thousands(b, 8, 148507), "148,507");   /* just fits */
	ck_assert_int_eq(b[8], 'x');
	memset(b, 'x', sizeof(b));
	ck_assert_str_eq(fmt_thousands(b, 7, 148507), "148,50");
	ck_assert_int_eq(b[7], 'x');
	memset(b, 'x', sizeof(b));
	ck_assert_str_eq(fmt_thousands(b, 1, 148507), "");
	ck_assert_int_eq(b[1], 'x');
	ck_assert_ptr_null(fmt_thousands(NULL, 0, 1));
}
END_TEST

START_TEST(rates)
{
	char b[FMT_NUM_LEN];

	ck_assert_str_eq(fmt_rate(b, sizeof(b), 148506.6), "148,507");
	ck_assert_str_eq(fmt_rate(b, sizeof(b), -2500.2), "-2,500");
	ck_assert_str_eq(fmt_rate(b, sizeof(b), -0.2), "0");
	ck_assert_str_eq(fmt_rate(b, sizeof(b), NAN), "-");
	ck_assert_str_eq(fmt_rate(b, sizeof(b), INFINITY), "inf");
}
END_TEST

START_TEST(short_numbers)
{
	char b[FMT_NUM_LEN];

	ck_assert_str_eq(fmt_short(b, sizeof(b), 0), "0");
	ck_assert_str_eq(fmt_short(b, sizeof(b), 1266.4), "1266");
	ck_assert_str_eq(fmt_short(b, sizeof(b), 9999.4), "9999");
	ck_assert_str_eq(fmt_short(b, sizeof(b), 9999.5), "10k");
	ck_assert_str_eq(fmt_short(b, sizeof(b), 148507), "149k");
	ck_assert_str_eq(fmt_short(b, sizeof(b), 999499), "999k");
	ck_assert_str_eq(fmt_short(b, sizeof(b), 999500), "1.0M");   /* never "1000k" */
	ck_assert_str_eq(fmt_short(b, sizeof(b), 1234567), "1.2M");
	ck_assert_str_eq(fmt_short(b, sizeof(b), 9949999), "9.9M");
	ck_assert_str_eq(fmt_short(b, sizeof(b), 9950000), "10M");
	ck_assert_str_eq(fmt_short(b, sizeof(b), 12345678), "12M");
	ck_assert_str_eq(fmt_short(b, sizeof(b), 3.2e9), "3.2G");
	ck_assert_str_eq(fmt_short(b, sizeof(b), 1.8e19), "18E");
	ck_assert_str_eq(fmt_short(b, sizeof(b), 5e22), "50000E");   /* past E: no wrap */
	ck_assert_str_eq(fmt_short(b, sizeof(b), -148507), "-149k");
	ck_assert_str_eq(fmt_short(b, sizeof(b), -0.2), "0");
	ck_assert_str_eq(fmt_short(b, sizeof(b), NAN), "-");
	ck_assert_str_eq(fmt_short(b, sizeof(b), INFINITY), "inf");
	/* Every value below 10^21 takes at most 5 columns. */
	for (double v = 1; v < 1e21; v *= 1.37)
		ck_assert_int_le((int)strlen(fmt_short(b, sizeof(b), v)), 5);
	ck_assert_str_eq(fmt_short(b, 3, 148507), "14");
}
END_TEST

START_TEST(bytes)
{
	char b[FMT_NUM_LEN];

	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 0), "0 B");
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 512), "512 B");
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 1023), "1023 B");
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 1024), "1.0 KiB");
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 8192), "8.0 KiB");
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 135168), "132 KiB");
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 8589934592ULL), "8.0 GiB");
	/* 8192 x 8 KiB and 1024 x 132 KiB: the default pools */
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 8192ULL * 8192), "64 MiB");
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 1024ULL * 135168), "132 MiB");
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 1048575), "1.0 MiB");
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 10137), "9.9 KiB");
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 10189), "10 KiB");   /* 9.95 rounds up */
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), 10240), "10 KiB");
	ck_assert_str_eq(fmt_bytes(b, sizeof(b), UINT64_MAX), "16 EiB");
	ck_assert_str_eq(fmt_kib(b, sizeof(b), 2048), "2.0 MiB");
	ck_assert_str_eq(fmt_kib(b, sizeof(b), 1048576), "1.0 GiB");
}
END_TEST

/* Digits as PRIu64 writes them, and their count, at every length and its edges. */
START_TEST(u64_digits)
{
	char want[24], buf[24], *end = buf + sizeof(buf), *p;
	uint64_t v = 1;

	for (int len = 1; len <= 20; len++, v = v <= UINT64_MAX / 10 ? v * 10 : UINT64_MAX) {
		const uint64_t near[] = { v - 1, v, v + 1, v * 2 - 1, UINT64_MAX, 0 };

		for (size_t i = 0; i < sizeof(near) / sizeof(near[0]); i++) {
			snprintf(want, sizeof(want), "%" PRIu64, near[i]);
			memset(buf, 'x', sizeof(buf));
			p = fmt_u64_digits(near[i], end);
			ck_assert_uint_eq((size_t)(end - p), strlen(want));
			ck_assert(memcmp(p, want, strlen(want)) == 0);
			ck_assert_int_eq(p[-1], 'x');
			ck_assert_uint_eq(fmt_u64_len(near[i]), strlen(want));
		}
	}
	/* and at random, every length as likely */
	for (int i = 0; i < 100000; i++) {
		v = ((uint64_t)rand() << 42 ^ (uint64_t)rand() << 21 ^ (uint64_t)rand()) >> (i % 64);
		snprintf(want, sizeof(want), "%" PRIu64, v);
		p = fmt_u64_digits(v, end);
		ck_assert_uint_eq((size_t)(end - p), strlen(want));
		ck_assert(memcmp(p, want, strlen(want)) == 0);
		ck_assert_uint_eq(fmt_u64_len(v), strlen(want));
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fmt_num");
	TCase *tc = tcase_create("fmt_num");

	tcase_add_test(tc, thousands);
	tcase_add_test(tc, rates);
	tcase_add_test(tc, short_numbers);
	tcase_add_test(tc, bytes);
	tcase_add_test(tc, u64_digits);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
