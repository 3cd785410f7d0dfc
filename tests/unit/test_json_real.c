/*
 * json_real: every real's text is byte for byte what jansson's json_dumps
 * writes for it: edges (zeros, the ends of the printf-free range, powers of
 * ten and their neighbours, integers about 2^53, ties that round half to
 * even, subnormals, the largest doubles), random doubles at every decimal
 * magnitude the plain form covers and beyond, and random bit patterns.
 */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "check_main.h"
#include "json_real.h"

static uint64_t rng = 0x2545f4914f6cdd1dull;

/* splitmix64: every bit of the 64 as likely, for doubles made of raw bits */
static uint64_t next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static long checked;

/* v's text and jansson's agree (both signs); where they part when not. */
static void same_as_jansson(double v)
{
	for (int sign = 0; sign < 2; sign++, v = -v) {
		char buf[JSON_REAL_LEN];
		json_t *j;
		char *dump;
		size_t n;

		if (!isfinite(v))
			return;
		j = json_real(v);
		ck_assert_ptr_nonnull(j);
		dump = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
		ck_assert_ptr_nonnull(dump);
		memset(buf, 'x', sizeof(buf));
		n = json_real_text(v, buf);
		if (n != strlen(dump) || strcmp(buf, dump) != 0)
			ck_abort_msg("%a: \"%s\" (%zu), jansson \"%s\"", v, buf, n, dump);
		free(dump);
		json_decref(j);
		checked++;
	}
}

/* v and the doubles either side of it. */
static void around(double v)
{
	same_as_jansson(nextafter(v, -INFINITY));
	same_as_jansson(v);
	same_as_jansson(nextafter(v, INFINITY));
}

START_TEST(test_edges)
{
	static const double edge[] = { 0.0, -0.0, 1e-4, 1e17, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
				       0.5, 1.5, 2.5, 1e-5, 9.9999999999999995e-5, 1e16, 1e15,
				       99999999999999984.0, 9007199254740993.0, 123.456, 1.7e9,
				       1764612345.123456, 5e-324, DBL_MIN, DBL_MAX, 1e300, 1e22,
				       1e23, 12345.678901234567, 0.00012345678901234567 };
	char buf[JSON_REAL_LEN];

	for (size_t i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
		around(edge[i]);
	for (int p = -30; p <= 30; p++)
		around(pow(10, p));
	for (int p = -60; p <= 70; p++)
		around(ldexp(1, p));
	/* integers about 2^53, where doubles stop being every integer */
	for (int64_t i = -2000; i <= 2000; i++)
		same_as_jansson((double)((INT64_C(1) << 53) + i));
	for (int64_t i = 0; i <= 2000; i++)
		same_as_jansson((double)i);
	/* the plain form, its ".0" and a tie rounded to even, spelled out */
	ck_assert_uint_eq(json_real_text(0.0, buf), 3);
	ck_assert_str_eq(buf, "0.0");
	json_real_text(-0.0, buf);
	ck_assert_str_eq(buf, "-0.0");
	json_real_text(1e16, buf);
	ck_assert_str_eq(buf, "10000000000000000.0");
	json_real_text(-1234567890123456.25, buf);
	ck_assert_str_eq(buf, "-1234567890123456.2");
	json_real_text(1234567890123456.75, buf);
	ck_assert_str_eq(buf, "1234567890123456.8");
	json_real_text(0.1, buf);
	ck_assert_str_eq(buf, "0.10000000000000001");
	json_real_text(1e-4, buf);
	ck_assert_str_eq(buf, "0.0001");
	json_real_text(1e17, buf);
	ck_assert_str_eq(buf, "1e17");
	json_real_text(1.5e-7, buf);
	ck_assert_str_eq(buf, "1.4999999999999999e-7");
}
END_TEST

/* Doubles whose exact value ends within a few bits: ties at the 18th digit among them. */
START_TEST(test_short_fractions)
{
	for (int e = -70; e <= 10; e++) {
		for (int i = 0; i < 400; i++) {
			uint64_t m = (UINT64_C(1) << 52) | (next() >> 12);

			/* few low bits set: an exact value a few digits past the 17th */
			m &= ~((UINT64_C(1) << (next() % 50)) - 1);
			same_as_jansson(ldexp((double)m, e));
		}
	}
}
END_TEST

START_TEST(test_random_magnitudes)
{
	for (int p = -8; p <= 19; p++) {
		double scale = pow(10, p);

		for (int i = 0; i < 4000; i++)
			same_as_jansson((double)(next() >> 11) / 9007199254740992.0 * scale);
	}
}
END_TEST

START_TEST(test_random_bits)
{
	for (int i = 0; i < 100000; i++) {
		uint64_t bits = next();
		double v;

		memcpy(&v, &bits, sizeof(v));
		same_as_jansson(v);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("json_real");
	TCase *tc = tcase_create("real");

	tcase_add_test(tc, test_edges);
	tcase_add_test(tc, test_short_fractions);
	tcase_add_test(tc, test_random_magnitudes);
	tcase_add_test(tc, test_random_bits);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
