/*
 * flight_ring_delta: a delta rebuilds exactly the line it was made from,
 * is short when little changed, is refused when it would not be, and a
 * delta applied to the wrong line is refused rather than overrun.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "flight_ring_delta.h"

/* Makes the delta old -> new (worth: no limit) and checks that it rebuilds new. */
static size_t round_trip(const char *old, const char *new)
{
	size_t ol = strlen(old), nl = strlen(new), dl = 0;
	unsigned char *d = flight_delta_make(old, ol, new, nl, (size_t)-1, &dl);
	char *out = malloc(nl + 1);

	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(flight_delta_apply(old, ol, d, dl, out, nl), 0);
	ck_assert_mem_eq(out, new, nl);
	free(out);
	free(d);
	return dl;
}

START_TEST(test_rebuilds_what_it_was_made_from)
{
	static const char *const pairs[][2] = {
		{ "{\"seq\":1,\"a\":[1,2,3]}\n", "{\"seq\":2,\"a\":[1,2,3]}\n" },
		{ "{\"seq\":9,\"a\":[1,2,3]}\n", "{\"seq\":10,\"a\":[1,2,3,4]}\n" },
		{ "{\"a\":[1,2,3,4],\"b\":5}\n", "{\"a\":[1,4],\"b\":5}\n" },
		{ "{\"e\":[\"x, y: z\",\"w\"]}\n", "{\"e\":[\"x, y: q\",\"w\"]}\n" },
		{ "", "{\"all\":\"new\"}\n" },
		{ "{\"all\":\"gone\"}\n", "" },
		{ "", "" },
		{ "no delimiter at all", "no delimiter at all, now one" },
		{ ",,,::,", ",:,:,," },
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		round_trip(pairs[i][0], pairs[i][1]);
}
END_TEST

START_TEST(test_identical_and_one_number_are_short)
{
	char old[4096], new[4096];
	size_t n = 0;

	for (int i = 0; i < 300; i++)
		n += (size_t)snprintf(old + n, sizeof(old) - n, "\"k%d\":%d,", i, i * 7);
	memcpy(new, old, n + 1);
	ck_assert_uint_le(round_trip(old, new), 3);
	/* "k150":1050, -> "k150":1051, : one chunk of five bytes, and three numbers. */
	memcpy(strstr(new, "\"k150\":1050,"), "\"k150\":1051,", 12);
	ck_assert_uint_le(round_trip(old, new), 3 + 3 + 5);
}
END_TEST

/*
 * The ops are those of the chunk-by-chunk walk, whether a run of equal chunks
 * is taken at once or not: a changed number is cut at the ',' or ':' before
 * it, not where the bytes first differ.
 */
START_TEST(test_ops_cut_at_chunks)
{
	static const struct {
		const char *old, *new;
		unsigned char d[16];
		size_t dl;
	} c[] = {
		/* copy "a":1,"b": (10), skip 2,, insert 22, */
		{ "\"a\":1,\"b\":2,\"c\":3\n", "\"a\":1,\"b\":22,\"c\":3\n",
		  { 10, 2, 3, '2', '2', ',' }, 6 },
		/* "k":12 is shared, but the op starts after "k": */
		{ "\"k\":123,\"x\":1,", "\"k\":124,\"x\":1,", { 4, 4, 4, '1', '2', '4', ',' }, 7 },
		/* two changes a long equal run apart: two ops */
		{ "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17", "0,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,18",
		  { 0, 2, 2, '0', ',', 37, 2, 2, '1', '8' }, 10 },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		size_t dl = 0;
		unsigned char *d = flight_delta_make(c[i].old, strlen(c[i].old), c[i].new,
						     strlen(c[i].new), (size_t)-1, &dl);

		ck_assert_ptr_nonnull(d);
		ck_assert_uint_eq(dl, c[i].dl);
		ck_assert_mem_eq(d, c[i].d, dl);
		free(d);
		ck_assert_uint_eq(round_trip(c[i].old, c[i].new), c[i].dl);
	}
}
END_TEST

START_TEST(test_refused_when_not_worth_it)
{
	const char *old = "\"a\":1,\"b\":2,\"c\":3,\"d\":4\n";
	const char *new = "\"z\":0,\"a\":1,\"b\":2,\"c\":3,\"d\":4\n";   /* every chunk shifted */
	size_t dl = 12345;

	ck_assert_ptr_null(flight_delta_make(old, strlen(old), new, strlen(new), strlen(new) / 2,
					     &dl));
	ck_assert_uint_eq(dl, 12345);
}
END_TEST

START_TEST(test_applied_to_the_wrong_line)
{
	const char *old = "\"a\":1,\"b\":2,\"c\":3\n", *new = "\"a\":1,\"b\":22,\"c\":3\n";
	size_t dl, nl = strlen(new);
	unsigned char *d = flight_delta_make(old, strlen(old), new, nl, (size_t)-1, &dl);
	char out[64];

	ck_assert_ptr_nonnull(d);
	/* A shorter base, a wrong length, a cut delta: refused, nothing past out + nl. */
	memset(out, 'x', sizeof(out));
	ck_assert_int_eq(flight_delta_apply(old, 4, d, dl, out, nl), -1);
	ck_assert_int_eq(flight_delta_apply(old, strlen(old), d, dl, out, nl - 1), -1);
	ck_assert_int_eq(flight_delta_apply(old, strlen(old), d, dl, out, nl + 1), -1);
	ck_assert_int_eq(flight_delta_apply(old, strlen(old), d, dl - 1, out, nl), -1);
	for (size_t i = nl + 1; i < sizeof(out); i++)
		ck_assert_int_eq(out[i], 'x');
	free(d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("flight_ring_delta");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_rebuilds_what_it_was_made_from);
	tcase_add_test(tc, test_identical_and_one_number_are_short);
	tcase_add_test(tc, test_ops_cut_at_chunks);
	tcase_add_test(tc, test_refused_when_not_worth_it);
	tcase_add_test(tc, test_applied_to_the_wrong_line);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
