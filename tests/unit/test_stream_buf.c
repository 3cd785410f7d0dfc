/* stream_buf and the sim_buf built on it: growth, lazy consumption, compaction, limits. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "sim_buf.h"
#include "stream_buf.h"

/* Bytes that say where they stand, so a move that loses or shifts one shows. */
static void pattern(char *p, size_t n, size_t from)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (char)('a' + (from + i) % 26);
}

static void expect_pattern(const char *p, size_t n, size_t from)
{
	size_t i = 0;

	while (i < n && p[i] == (char)('a' + (from + i) % 26))
		i++;
	ck_assert_msg(i == n, "byte %zu of %zu moved", i, n);
}

START_TEST(append_grows_and_keeps_content)
{
	struct stream_buf b = { 0 };
	char chunk[1000];
	size_t total = 0;

	ck_assert_uint_eq(stream_buf_pending(&b), 0);
	ck_assert_int_eq(stream_buf_append(&b, "", 0), 0);
	ck_assert_uint_eq(stream_buf_pending(&b), 0);
	/* Just past 2 MiB, through several reallocations. */
	while (total <= (2u << 20)) {
		pattern(chunk, sizeof(chunk), total);
		ck_assert_int_eq(stream_buf_append(&b, chunk, sizeof(chunk)), 0);
		total += sizeof(chunk);
	}
	ck_assert_uint_eq(stream_buf_pending(&b), total);
	ck_assert_uint_ge(b.cap, total);
	/* Growing by half past 1 MiB: doubling would have reached 4 MiB. */
	ck_assert_uint_lt(b.cap, total + total / 2);
	expect_pattern(b.data, total, 0);
	stream_buf_free(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.cap, 0);
}
END_TEST

START_TEST(consume_moves_head_until_empty)
{
	struct stream_buf b = { 0 };
	char text[100];

	pattern(text, sizeof(text), 0);
	ck_assert_int_eq(stream_buf_append(&b, text, sizeof(text)), 0);
	stream_buf_consume(&b, 30);
	ck_assert_uint_eq(b.head, 30);
	ck_assert_uint_eq(stream_buf_pending(&b), 70);
	expect_pattern(b.data + b.head, 70, 30);
	stream_buf_consume(&b, 0);
	ck_assert_uint_eq(stream_buf_pending(&b), 70);
	/* The last byte taken empties the buffer: head and len start over. */
	stream_buf_consume(&b, 70);
	ck_assert_uint_eq(b.head, 0);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(stream_buf_append(&b, text, 10), 0);
	stream_buf_consume(&b, 1000);
	ck_assert_uint_eq(b.head, 0);
	ck_assert_uint_eq(b.len, 0);
	stream_buf_free(&b);
}
END_TEST

START_TEST(reserve_compacts_only_when_cheap)
{
	struct stream_buf b = { 0 };
	char text[256];
	size_t cap;

	pattern(text, sizeof(text), 0);
	ck_assert_int_eq(stream_buf_append(&b, text, 200), 0);
	cap = b.cap;
	/* Less than half consumed and room enough: nothing moves. */
	stream_buf_consume(&b, 10);
	ck_assert_int_eq(stream_buf_reserve(&b, 1), 0);
	ck_assert_uint_eq(b.head, 10);
	/* Half consumed: the rest moves to the front, and no bigger buffer is needed. */
	stream_buf_consume(&b, cap / 2 - 10);
	ck_assert_int_eq(stream_buf_reserve(&b, cap - (200 - cap / 2)), 0);
	ck_assert_uint_eq(b.head, 0);
	ck_assert_uint_eq(b.len, 200 - cap / 2);
	ck_assert_uint_eq(b.cap, cap);
	expect_pattern(b.data, b.len, cap / 2);
	/* A writer appending behind what a reader has not taken yet. */
	ck_assert_int_eq(stream_buf_append(&b, text, sizeof(text)), 0);
	expect_pattern(b.data + b.head, 200 - cap / 2, cap / 2);
	expect_pattern(b.data + b.head + 200 - cap / 2, sizeof(text), 0);
	stream_buf_free(&b);
}
END_TEST

START_TEST(impossible_sizes_fail_and_keep_content)
{
	struct stream_buf b = { 0 };

	ck_assert_int_eq(stream_buf_append(&b, "abc", 3), 0);
	ck_assert_int_eq(stream_buf_reserve(&b, SIZE_MAX), -1);
	ck_assert_int_eq(stream_buf_reserve(&b, SIZE_MAX / 2), -1);
	ck_assert_int_eq(stream_buf_append(&b, "x", SIZE_MAX - 1), -1);
	ck_assert_uint_eq(stream_buf_pending(&b), 3);
	ck_assert_int_eq(memcmp(b.data, "abc", 3), 0);
	stream_buf_free(&b);
}
END_TEST

START_TEST(reset_keeps_small_storage_only)
{
	struct stream_buf b = { 0 };
	static char big[8192];
	char *small;

	ck_assert_int_eq(stream_buf_append(&b, "hello", 5), 0);
	small = b.data;
	stream_buf_reset(&b, 4096);
	ck_assert_ptr_eq(b.data, small);
	ck_assert_uint_eq(stream_buf_pending(&b), 0);
	ck_assert_uint_gt(b.cap, 0);
	ck_assert_int_eq(stream_buf_append(&b, big, sizeof(big)), 0);
	stream_buf_reset(&b, 4096);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.cap, 0);
	ck_assert_uint_eq(stream_buf_pending(&b), 0);
	/* Usable again after a reset that freed it. */
	ck_assert_int_eq(stream_buf_append(&b, "again", 5), 0);
	ck_assert_int_eq(memcmp(b.data + b.head, "again", 5), 0);
	stream_buf_free(&b);
}
END_TEST

START_TEST(sim_buf_grows_through_stream_buf)
{
	struct sim_buf b = { 0 };
	char chunk[4096];
	size_t total = 0;

	for (int i = 0; i < 400; i++) {
		pattern(chunk, sizeof(chunk), total);
		ck_assert_int_eq(sim_buf_append(&b, chunk, sizeof(chunk)), 0);
		total += sizeof(chunk);
	}
	ck_assert_uint_eq(b.len, total);
	expect_pattern(b.data, total, 0);
	ck_assert_int_eq(sim_buf_printf(&b, "%s-%d", "id", 42), 0);
	ck_assert_int_eq(memcmp(b.data + total, "id-42", 5), 0);
	ck_assert_int_eq(b.data[b.len], '\0');
	/* Consumed bytes leave at once: the content always starts at data. */
	sim_buf_consume(&b, total);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_int_eq(memcmp(b.data, "id-42", 5), 0);
	ck_assert_int_eq(sim_buf_reserve(&b, SIZE_MAX), -1);
	ck_assert_int_eq(sim_buf_append(&b, "x", SIZE_MAX - 2), -1);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_int_eq(sim_buf_reserve(&b, 65536), 0);
	ck_assert_uint_ge(b.cap - b.len, 65536);
	ck_assert_int_eq(memcmp(b.data, "id-42", 5), 0);
	sim_buf_free(&b);
	ck_assert_ptr_null(b.data);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("stream_buf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, append_grows_and_keeps_content);
	tcase_add_test(tc, consume_moves_head_until_empty);
	tcase_add_test(tc, reserve_compacts_only_when_cheap);
	tcase_add_test(tc, impossible_sizes_fail_and_keep_content);
	tcase_add_test(tc, reset_keeps_small_storage_only);
	tcase_add_test(tc, sim_buf_grows_through_stream_buf);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
