/* pool_change: the field rules as a table, the base a snapshot gives, and the memory verdict. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "pool_change.h"

#define MIB (1024ULL * 1024)

static struct snapshot *snap;

static void setup(void)
{
	snap = calloc(1, sizeof(*snap));
	ck_assert_ptr_nonnull(snap);
}

static void teardown(void)
{
	free(snap);
}

/* A running target with SPDK's defaults, per-module stats reserving `rs`/`rl`. */
static void running(uint64_t rs, uint64_t rl)
{
	snap->state = TARGET_RUNNING;
	snap->iobuf.form = IOBUF_FORM_PER_MODULE;
	snap->iobuf.opts = (struct iobuf_options){ .valid = true, .small_pool_count = 8192,
		.large_pool_count = 1024, .small_bufsize = 8192, .large_bufsize = 135168 };
	snap->iobuf.small.has_reserved = true;
	snap->iobuf.small.reserved = rs;
	snap->iobuf.large.has_reserved = true;
	snap->iobuf.large.reserved = rl;
}

static void node(int id, uint64_t free_2m_pages)
{
	struct hugepage_node *n = &snap->hugepages.nodes[snap->hugepages.nnodes++];

	n->id = id;
	n->nsizes = 1;
	n->sizes[0].page_kb = 2048;
	n->sizes[0].nr = 4096;
	n->sizes[0].free = free_2m_pages;
}

static const struct {
	enum pool_field f;
	const char *text;
	int rc;
	uint64_t value;
	const char *reason;   /* a part of it */
} field_cases[] = {
	{ POOL_FIELD_SMALL_COUNT, "8192", 0, 8192, NULL },
	{ POOL_FIELD_SMALL_COUNT, "64", -1, 0, "at least 384, what the caches reserve" },
	{ POOL_FIELD_SMALL_COUNT, "384", 0, 384, NULL },
	{ POOL_FIELD_SMALL_COUNT, "63", -1, 0, "at least 64 (SPDK's minimum)" },
	{ POOL_FIELD_SMALL_COUNT, "", -1, 0, "small count: type a whole number" },
	{ POOL_FIELD_SMALL_COUNT, "12a", -1, 0, "whole number" },
	{ POOL_FIELD_SMALL_COUNT, "-64", -1, 0, "whole number" },
	{ POOL_FIELD_SMALL_COUNT, " 64", -1, 0, "whole number" },
	{ POOL_FIELD_SMALL_COUNT, "1.5", -1, 0, "whole number" },
	{ POOL_FIELD_SMALL_COUNT, "9223372036854775807", 0, INT64_MAX, NULL },
	{ POOL_FIELD_SMALL_COUNT, "9223372036854775808", -1, 0, "at most 9,223,372,036,854,775,807" },
	{ POOL_FIELD_SMALL_COUNT, "99999999999999999999999", -1, 0, "at most" },
	{ POOL_FIELD_LARGE_COUNT, "7", -1, 0, "large count: at least 8 (SPDK's minimum)" },
	{ POOL_FIELD_LARGE_COUNT, "47", -1, 0, "at least 48, what the caches reserve" },
	{ POOL_FIELD_LARGE_COUNT, "0048", 0, 48, NULL },
	{ POOL_FIELD_SMALL_BUFSIZE, "4095", -1, 0, "small bufsize: at least 4,096" },
	{ POOL_FIELD_SMALL_BUFSIZE, "4096", 0, 4096, NULL },
	{ POOL_FIELD_LARGE_BUFSIZE, "8191", -1, 0, "large bufsize: at least 8,192" },
	{ POOL_FIELD_LARGE_BUFSIZE, "4294967295", 0, 4294967295ULL, NULL },
	{ POOL_FIELD_LARGE_BUFSIZE, "4294967296", -1, 0, "at most 4,294,967,295" },
};

START_TEST(test_field_table)
{
	struct pool_base b;
	char reason[POOL_REASON_LEN];
	uint64_t v;

	running(384, 48);
	pool_base_from_snapshot(snap, &b);
	for (size_t i = 0; i < sizeof(field_cases) / sizeof(field_cases[0]); i++) {
		int rc;

		v = 12345;
		reason[0] = '\0';
		rc = pool_field_check(field_cases[i].f, field_cases[i].text, &b, &v, reason,
				      sizeof(reason));
		ck_assert_msg(rc == field_cases[i].rc, "case %zu '%s': rc %d", i,
			      field_cases[i].text, rc);
		if (rc == 0)
			ck_assert_msg(v == field_cases[i].value, "case %zu: value %llu", i,
				      (unsigned long long)v);
		else
			ck_assert_msg(strstr(reason, field_cases[i].reason), "case %zu: reason '%s'",
				      i, reason);
	}
}
END_TEST

START_TEST(test_reserved_needs_per_module_stats)
{
	struct pool_base b;
	char reason[POOL_REASON_LEN];
	uint64_t v;

	running(384, 48);
	snap->iobuf.form = IOBUF_FORM_AGGREGATE;   /* cache_count is live, not the reservation */
	pool_base_from_snapshot(snap, &b);
	ck_assert(!b.has_reserved[0]);
	ck_assert_int_eq(pool_field_check(POOL_FIELD_SMALL_COUNT, "64", &b, &v, reason,
					  sizeof(reason)), 0);
}
END_TEST

START_TEST(test_reserved_split_over_numa_nodes)
{
	struct pool_base b;

	running(385, 48);
	snap->iobuf.opts.enable_numa = true;
	node(0, 100);
	node(1, 100);
	pool_base_from_snapshot(snap, &b);
	ck_assert_uint_eq(b.nodes, 2);
	ck_assert_uint_eq(b.reserved[0], 193);   /* 385 / 2 rounded up */
	ck_assert_uint_eq(b.reserved[1], 24);
}
END_TEST

START_TEST(test_startup_base_uses_defaults_and_whole_cost)
{
	struct pool_base b;
	struct pool_change c;
	const char *text[POOL_FIELDS] = { "8192", "2048", NULL, NULL };

	snap->state = TARGET_STARTUP;
	node(0, 1024);   /* 2 GiB free */
	pool_base_from_snapshot(snap, &b);
	ck_assert(!b.current_known);
	ck_assert(b.bufsizes_accepted);
	ck_assert_uint_eq(b.current[POOL_FIELD_LARGE_BUFSIZE], 135168);
	pool_change_assess(&b, text, &c);
	ck_assert(c.valid);
	ck_assert(!c.growth_only);
	ck_assert_uint_eq(c.bytes_new[0], 8192ULL * 8192);
	ck_assert_uint_eq(c.bytes_new[1], 2048ULL * 135168);
	ck_assert_uint_eq(c.need, 8192ULL * 8192 + 2048ULL * 135168);
	ck_assert(c.memory_known);
	ck_assert(c.fits);
}
END_TEST

START_TEST(test_running_counts_only_growth)
{
	struct pool_base b;
	struct pool_change c;
	const char *text[POOL_FIELDS] = { "8192", "2048", NULL, NULL };

	running(384, 48);
	node(0, 100);   /* 200 MiB free: less than the whole new cost, more than the growth */
	pool_base_from_snapshot(snap, &b);
	pool_change_assess(&b, text, &c);
	ck_assert(c.growth_only);
	ck_assert_uint_eq(c.need, 1024ULL * 135168);
	ck_assert(c.fits);
	ck_assert_uint_eq(c.bytes_now[1], 1024ULL * 135168);
}
END_TEST

START_TEST(test_does_not_fit_shows_shortfall)
{
	struct pool_base b;
	struct pool_change c;
	const char *text[POOL_FIELDS] = { "8192", "4096", NULL, NULL };

	running(384, 48);
	node(0, 10);   /* 20 MiB */
	node(1, 20);   /* 40 MiB: 60 MiB in all */
	pool_base_from_snapshot(snap, &b);
	pool_change_assess(&b, text, &c);
	ck_assert_uint_eq(c.need, 3072ULL * 135168);
	ck_assert(!c.fits);
	ck_assert_uint_eq(c.shortfall, 3072ULL * 135168 - 60 * MIB);
	ck_assert_int_eq(c.short_node, -1);
}
END_TEST

START_TEST(test_numa_every_node_must_hold_it)
{
	struct pool_base b;
	struct pool_change c;
	const char *text[POOL_FIELDS] = { "8192", "2048", NULL, NULL };

	running(384, 48);
	snap->iobuf.opts.enable_numa = true;
	node(0, 1000);
	node(1, 10);   /* 20 MiB: short of the 132 MiB growth */
	pool_base_from_snapshot(snap, &b);
	pool_change_assess(&b, text, &c);
	ck_assert_uint_eq(c.bytes_new[1], 2ULL * 2048 * 135168);   /* x 2 nodes */
	ck_assert(!c.fits);
	ck_assert_int_eq(c.short_node, 1);
	ck_assert_uint_eq(c.shortfall, 1024ULL * 135168 - 20 * MIB);
}
END_TEST

START_TEST(test_overflow_and_invalid_fields)
{
	struct pool_base b;
	struct pool_change c;
	const char *text[POOL_FIELDS] = { "9223372036854775807", "abc", "8192", NULL };

	running(0, 0);
	pool_base_from_snapshot(snap, &b);
	pool_change_assess(&b, text, &c);
	ck_assert(!c.valid);
	ck_assert(!c.ok[0]);
	ck_assert_str_eq(c.reason[0], "small count: count x bufsize overflows 64 bits");
	ck_assert(!c.ok[1]);
	ck_assert_str_eq(c.reason[1], "large count: type a whole number");
	ck_assert(c.ok[2] && c.ok[3]);
	ck_assert(!c.memory_known);
}
END_TEST

START_TEST(test_unknown_hugepages_give_no_verdict)
{
	struct pool_base b;
	struct pool_change c;
	const char *text[POOL_FIELDS] = { "8192", "2048", NULL, NULL };

	running(0, 0);
	pool_base_from_snapshot(snap, &b);
	pool_change_assess(&b, text, &c);
	ck_assert(c.valid);
	ck_assert(!c.memory_known);
	ck_assert(!c.fits);
}
END_TEST

START_TEST(test_global_counts_without_nodes)
{
	struct pool_base b;

	running(0, 0);
	snap->hugepages.global.nsizes = 1;
	snap->hugepages.global.sizes[0] = (struct hugepage_global_size){ .page_kb = 1048576,
									 .nr = 4, .free = 3 };
	pool_base_from_snapshot(snap, &b);
	ck_assert(b.hugepages_known);
	ck_assert_uint_eq(b.nfree, 1);
	ck_assert_int_eq(b.free_node[0], -1);
	ck_assert_uint_eq(b.free_bytes[0], 3ULL << 30);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pool_change");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_field_table);
	tcase_add_test(tc, test_reserved_needs_per_module_stats);
	tcase_add_test(tc, test_reserved_split_over_numa_nodes);
	tcase_add_test(tc, test_startup_base_uses_defaults_and_whole_cost);
	tcase_add_test(tc, test_running_counts_only_growth);
	tcase_add_test(tc, test_does_not_fit_shows_shortfall);
	tcase_add_test(tc, test_numa_every_node_must_hold_it);
	tcase_add_test(tc, test_overflow_and_invalid_fields);
	tcase_add_test(tc, test_unknown_hugepages_give_no_verdict);
	tcase_add_test(tc, test_global_counts_without_nodes);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
