/* screen_fp: a fingerprint changes with any bit of what it covers, and only then. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "screen_fp.h"

/* Every length across the four-chain block (32 bytes) and word (8) edges, every bit flipped. */
START_TEST(test_any_bit_changes_it)
{
	unsigned char buf[300];

	srand(7);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)rand();
	for (size_t n = 0; n <= sizeof(buf); n += n < 80 ? 1 : 37) {
		uint64_t base = fp_bytes(FP_SEED, buf, n);

		ck_assert_uint_eq(fp_bytes(FP_SEED, buf, n), base);
		for (size_t i = 0; i < n; i++) {
			for (int bit = 0; bit < 8; bit++) {
				buf[i] ^= (unsigned char)(1u << bit);
				ck_assert_msg(fp_bytes(FP_SEED, buf, n) != base,
					      "length %zu: bit %d of byte %zu left it", n, bit, i);
				buf[i] ^= (unsigned char)(1u << bit);
			}
		}
		/* The seed (what came before) counts too. */
		ck_assert_uint_ne(fp_bytes(FP_SEED + 1, buf, n), base);
	}
}
END_TEST

/* Two 32-byte blocks swapped are another input. */
START_TEST(test_order_counts)
{
	unsigned char a[64], b[64];

	for (int i = 0; i < 64; i++)
		a[i] = (unsigned char)i;
	memcpy(b, a + 32, 32);
	memcpy(b + 32, a, 32);
	ck_assert_uint_ne(fp_bytes(FP_SEED, a, 64), fp_bytes(FP_SEED, b, 64));
	ck_assert_uint_ne(fp_str(FP_SEED, NULL), fp_str(FP_SEED, ""));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("screen_fp");
	TCase *tc = tcase_create("fp");

	tcase_add_test(tc, test_any_bit_changes_it);
	tcase_add_test(tc, test_order_counts);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
