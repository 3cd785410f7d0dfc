/* module_order: the module table's row order for each sort key. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "module_order.h"

static struct snapshot snap;
static struct iobuf_rates rates;

static void add(const char *name, uint64_t small_cs, uint64_t large_cs, double retry, double gets)
{
	size_t i = snap.iobuf.nmodules++;

	snprintf(snap.iobuf.modules[i].name, SNAP_NAME_LEN, "%s", name);
	snap.iobuf.modules[i].small.cache_size = small_cs;
	snap.iobuf.modules[i].small.has_cache_size = true;
	snap.iobuf.modules[i].large.cache_size = large_cs;
	snap.iobuf.modules[i].large.has_cache_size = true;
	snprintf(rates.modules[i].name, SNAP_NAME_LEN, "%s", name);
	rates.modules[i].large.retry = retry;
	rates.modules[i].small.gets = gets;
	rates.nmodules = snap.iobuf.nmodules;
}

static void setup(void)
{
	memset(&snap, 0, sizeof(snap));
	memset(&rates, 0, sizeof(rates));
	rates.valid = true;
	snap.iobuf.form = IOBUF_FORM_PER_MODULE;
	add("accel", 128, 16, 0, 10);
	add("bdev", 256, 32, 5, 300);
	add("nvmf_TCP", 64, 8, 0, 50);
	add("bdev_raid", 512, 0, 7, 0);
}

static void expect(enum module_sort key, const struct iobuf_rates *r, const char *const *names)
{
	size_t idx[SNAP_MAX_MODULES];
	size_t n = module_order(&snap, r, key, idx, SNAP_MAX_MODULES);

	ck_assert_uint_eq(n, 4);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(snap.iobuf.modules[idx[i]].name, names[i]);
}

START_TEST(test_by_retry)
{
	static const char *const want[] = { "bdev_raid", "bdev", "accel", "nvmf_TCP" };

	expect(MODULE_SORT_RETRY, &rates, want);
}
END_TEST

START_TEST(test_by_gets)
{
	static const char *const want[] = { "bdev", "nvmf_TCP", "accel", "bdev_raid" };

	expect(MODULE_SORT_GETS, &rates, want);
}
END_TEST

START_TEST(test_by_pinned)
{
	static const char *const want[] = { "bdev_raid", "bdev", "accel", "nvmf_TCP" };

	expect(MODULE_SORT_RESERVED, NULL, want);
}
END_TEST

START_TEST(test_by_name_and_order)
{
	static const char *const by_name[] = { "accel", "bdev", "bdev_raid", "nvmf_TCP" };
	static const char *const by_reg[] = { "accel", "bdev", "nvmf_TCP", "bdev_raid" };

	expect(MODULE_SORT_NAME, &rates, by_name);
	expect(MODULE_SORT_ORDER, &rates, by_reg);
}
END_TEST

/* No rates yet (the first tick) or invalid ones: registration order, not garbage. */
START_TEST(test_rate_keys_without_rates)
{
	static const char *const by_reg[] = { "accel", "bdev", "nvmf_TCP", "bdev_raid" };

	expect(MODULE_SORT_RETRY, NULL, by_reg);
	rates.valid = false;
	expect(MODULE_SORT_GETS, &rates, by_reg);
}
END_TEST

/* Rates are matched by name even when their order differs from the snapshot's. */
START_TEST(test_rates_matched_by_name)
{
	static const char *const want[] = { "bdev", "accel", "nvmf_TCP", "bdev_raid" };
	struct iobuf_module_rates tmp = rates.modules[0];

	rates.modules[0] = rates.modules[1];
	rates.modules[1] = tmp;
	rates.modules[3].large.retry = 0;
	rates.modules[3].small.gets = 0;
	rates.modules[1].large.retry = 0;   /* accel */
	rates.modules[0].large.retry = 9;   /* bdev */
	expect(MODULE_SORT_RETRY, &rates, want);
}
END_TEST

START_TEST(test_ties_keep_registration_order)
{
	static const char *const by_reg[] = { "accel", "bdev", "nvmf_TCP", "bdev_raid" };

	for (size_t i = 0; i < rates.nmodules; i++)
		rates.modules[i].large.retry = 0;
	expect(MODULE_SORT_RETRY, &rates, by_reg);
}
END_TEST

START_TEST(test_names_and_cycle)
{
	enum module_sort k = MODULE_SORT_RETRY;

	ck_assert_str_eq(module_sort_name(MODULE_SORT_RETRY), "retries/s");
	ck_assert_str_eq(module_sort_name(MODULE_SORT_COUNT), "?");
	for (int i = 0; i < MODULE_SORT_COUNT; i++)
		k = module_sort_next(k);
	ck_assert_int_eq(k, MODULE_SORT_RETRY);
}
END_TEST

START_TEST(test_max_bounds_output)
{
	size_t idx[2];

	ck_assert_uint_eq(module_order(&snap, &rates, MODULE_SORT_NAME, idx, 2), 2);
	snap.iobuf.nmodules = 0;
	ck_assert_uint_eq(module_order(&snap, &rates, MODULE_SORT_NAME, idx, 2), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("module_order");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_by_retry);
	tcase_add_test(tc, test_by_gets);
	tcase_add_test(tc, test_by_pinned);
	tcase_add_test(tc, test_by_name_and_order);
	tcase_add_test(tc, test_rate_keys_without_rates);
	tcase_add_test(tc, test_rates_matched_by_name);
	tcase_add_test(tc, test_ties_keep_registration_order);
	tcase_add_test(tc, test_names_and_cycle);
	tcase_add_test(tc, test_max_bounds_output);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
