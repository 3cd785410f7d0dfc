/* compare_view: what compare mode shows, from baseline_diff's rows - resets, unknowns, ages. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "baseline_diff.h"
#include "check_main.h"
#include "compare_view.h"
#include "iobuf_summary.h"

struct fx {
	struct snapshot a, b;
	struct baseline_diff d;
	struct compare_view v;
	struct iobuf_rates rates;
};

static void module(struct snapshot *s, const char *name, uint64_t small_retry,
		   uint64_t small_cache, uint64_t large_retry, uint64_t cache_size)
{
	struct iobuf_module_stats *m = &s->iobuf.modules[s->iobuf.nmodules++];

	snprintf(m->name, sizeof(m->name), "%s", name);
	m->small = (struct iobuf_pool_counters){ small_cache, 10, small_retry, cache_size, true };
	m->large = (struct iobuf_pool_counters){ 5, 1, large_retry, cache_size / 8, true };
}

static void node(struct snapshot *s, int id, uint64_t free_2m)
{
	struct hugepage_node *n = &s->hugepages.nodes[s->hugepages.nnodes++];

	n->id = id;
	n->nsizes = 1;
	n->sizes[0] = (struct hugepage_size_stats){ 2048, 1024, free_2m, 0 };
}

/* A at wall 1000, B 60 s later: bdev's small retries fell (a reset), its large ones rose. */
static struct fx *make(bool a_has_hugepages, bool a_has_time)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct diff_side sa, sb;

	f->a.iobuf.form = f->b.iobuf.form = IOBUF_FORM_PER_MODULE;
	f->a.wall = 1000;
	f->b.wall = 1060;
	module(&f->a, "bdev", 100, 1000, 10, 128);
	module(&f->a, "nvmf.tcp", 0, 500, 0, 64);
	module(&f->b, "bdev", 40, 7000, 130, 256);
	module(&f->b, "nvmf.tcp", 0, 6500, 0, 64);
	module(&f->b, "accel", 0, 0, 0, 32);            /* not in the baseline */
	f->a.iobuf.opts = f->b.iobuf.opts = (struct iobuf_options){ true, 8192, 1024, 8192,
								    135168, false };
	f->b.iobuf.opts.large_pool_count = 2048;
	iobuf_summarize(&f->a.iobuf);
	iobuf_summarize(&f->b.iobuf);
	node(&f->a, 0, 500);
	node(&f->b, 0, 480);
	sa = (struct diff_side){ &f->a, a_has_hugepages, true, a_has_time, "base.json", "snapshot" };
	sb = (struct diff_side){ &f->b, true, true, true, "now", "snapshot" };
	baseline_diff_compute(&sa, &sb, &f->d);
	f->rates.valid = true;
	f->rates.large.retry = 2.5;
	f->rates.large.gets = 100;
	f->rates.small.gets = 50;
	compare_view_build(&f->v, &f->d, &f->rates,
			   &(struct compare_source){ "base.json", f->a.wall, a_has_time },
			   f->a.wall + 12 * 60 + 5);
	return f;
}

START_TEST(test_header_names_baseline_and_age)
{
	struct fx *f = make(true, true);

	ck_assert_str_eq(f->v.header, "vs base.json, 12m ago");
	ck_assert_str_eq(f->v.header_name, "base.json");
	ck_assert_str_eq(f->v.header_age, "12m ago");
	free(f);
	/* rpc.py output has no time of its own: the file's age, said as such. */
	f = make(true, false);
	ck_assert_str_eq(f->v.header, "vs base.json, file 12m old");
	ck_assert_str_eq(f->v.header_age, "12m old");
	free(f);
}
END_TEST

START_TEST(test_pool_lines)
{
	struct fx *f = make(true, true);

	/* small: bdev fell 100 -> 40, so the pool's retries fell: a reset, never -60. */
	ck_assert_msg(strstr(f->v.pool[0], "retries reset, +40 since avg ") == f->v.pool[0],
		      "%s", f->v.pool[0]);
	ck_assert_msg(!strstr(f->v.pool[0], "-60"), "%s", f->v.pool[0]);
	/* large: 10 -> 130 in 60 s: +120, 2.0/s on average, 2.5/s in the last tick. */
	ck_assert_msg(strstr(f->v.pool[1], "retries +120 avg 2.0/s now 2.5/s"), "%s", f->v.pool[1]);
	ck_assert_msg(strstr(f->v.pool[1], "count +1,024"), "%s", f->v.pool[1]);
	ck_assert_msg(strstr(f->v.pool[0], "count +0"), "%s", f->v.pool[0]);
	/* gets: small 1000+10+100 + 500+10 -> 7000+10+40 + 6500+10 (fell by one module, rose). */
	ck_assert_msg(strstr(f->v.pool[0], "now 50/s"), "%s", f->v.pool[0]);
	/* Use from the caches' reservation, not exact: the exact change is unknown. */
	ck_assert_msg(strstr(f->v.pool[0], "now 0/s  in use ?  gets "), "%s", f->v.pool[0]);
	free(f);
}
END_TEST

/* Exact use on both sides: its change in percentage points, either sign. */
START_TEST(test_pool_in_use)
{
	struct fx *f = make(true, true);
	struct diff_side sa = { &f->a, true, true, true, "base.json", "snapshot" };
	struct diff_side sb = { &f->b, true, true, true, "now", "snapshot" };

	f->a.iobuf.small.util_kind = f->b.iobuf.small.util_kind = UTIL_EXACT;
	f->a.iobuf.small.util = 0.40;
	f->b.iobuf.small.util = 0.525;
	f->a.iobuf.large.util_kind = f->b.iobuf.large.util_kind = UTIL_EXACT;
	f->a.iobuf.large.util = 0.75;
	f->b.iobuf.large.util = 0.125;
	baseline_diff_compute(&sa, &sb, &f->d);
	compare_view_build(&f->v, &f->d, &f->rates,
			   &(struct compare_source){ "base.json", f->a.wall, true }, f->b.wall);
	ck_assert_msg(strstr(f->v.pool[0], "  in use +12.5 pts  gets "), "%s", f->v.pool[0]);
	ck_assert_msg(strstr(f->v.pool[1], "  in use -62.5 pts  gets "), "%s", f->v.pool[1]);
	free(f);
}
END_TEST

START_TEST(test_module_cells)
{
	struct fx *f = make(true, true);
	const struct compare_module *m = compare_view_module(&f->v, "bdev");

	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->cell[0][CMP_RETRY], "reset");
	ck_assert_str_eq(m->cell[1][CMP_RETRY], "+120");
	ck_assert_str_eq(m->cell[0][CMP_CACHE], "+128");
	ck_assert_str_eq(m->cell[1][CMP_CACHE], "+16");
	/* Refills (main) held at 10 and 1: +0.  Hit %: small's retries were reset, so the
	 * share is of what B counted, 7000 of 7050; large's +120 gets were all retries. */
	ck_assert_str_eq(m->cell[0][CMP_MAIN], "+0");
	ck_assert_str_eq(m->cell[1][CMP_MAIN], "+0");
	ck_assert_str_eq(m->cell[0][CMP_HIT], "");
	ck_assert_double_eq_tol(m->hit_pct[0], 100.0 * 7000 / 7050, 1e-9);
	ck_assert_double_eq_tol(m->hit_pct[1], 0, 1e-9);
	/* A dotted name is found whole. */
	m = compare_view_module(&f->v, "nvmf.tcp");
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->cell[0][CMP_GETS], "+6000");
	ck_assert_str_eq(m->cell[0][CMP_CACHE], "+0");
	ck_assert_double_eq_tol(m->hit_pct[0], 100, 1e-9);   /* the 6000 all from the cache */
	ck_assert(isnan(m->hit_pct[1]));                     /* no large get since: no share */
	/* A module the baseline lacks: unknown, not zero. */
	m = compare_view_module(&f->v, "accel");
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->cell[0][CMP_RETRY], "?");
	ck_assert_str_eq(m->cell[1][CMP_GETS], "?");
	ck_assert_str_eq(m->cell[0][CMP_MAIN], "?");
	ck_assert_str_eq(m->cell[1][CMP_HIT], "?");
	ck_assert_ptr_null(compare_view_module(&f->v, "nope"));
	free(f);
}
END_TEST

START_TEST(test_nodes)
{
	struct fx *f = make(true, true);

	ck_assert_str_eq(compare_view_node(&f->v, 0), "vs base:  2M free -20");
	ck_assert_ptr_null(compare_view_node(&f->v, 1));
	free(f);
	/* rpc.py output holds no hugepages: unknown, never "+0" or "-480". */
	f = make(false, true);
	ck_assert_str_eq(compare_view_node(&f->v, 0), "vs base:  2M free ?");
	free(f);
}
END_TEST

START_TEST(test_no_rates_no_time)
{
	struct fx *f = make(true, false);

	/* Without both times no average; without rates no "now". */
	compare_view_build(&f->v, &f->d, NULL,
			   &(struct compare_source){ "b", f->a.wall, false }, f->a.wall);
	ck_assert_msg(strstr(f->v.pool[1], "retries +120 avg ?/s now ?/s"), "%s", f->v.pool[1]);
	free(f);
}
END_TEST

START_TEST(test_age_text)
{
	char b[32];

	compare_age_text(45, b, sizeof(b));
	ck_assert_str_eq(b, "45s");
	compare_age_text(12 * 60 + 59, b, sizeof(b));
	ck_assert_str_eq(b, "12m");
	compare_age_text(3 * 3600 + 5 * 60, b, sizeof(b));
	ck_assert_str_eq(b, "3h05m");
	compare_age_text(2 * 86400 + 4 * 3600, b, sizeof(b));
	ck_assert_str_eq(b, "2d04h");
	compare_age_text(-5, b, sizeof(b));
	ck_assert_str_eq(b, "?");
	compare_age_text(NAN, b, sizeof(b));
	ck_assert_str_eq(b, "?");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("compare_view");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_header_names_baseline_and_age);
	tcase_add_test(tc, test_pool_lines);
	tcase_add_test(tc, test_pool_in_use);
	tcase_add_test(tc, test_module_cells);
	tcase_add_test(tc, test_nodes);
	tcase_add_test(tc, test_no_rates_no_time);
	tcase_add_test(tc, test_age_text);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
