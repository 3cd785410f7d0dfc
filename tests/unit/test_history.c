/* history: ring wraparound, gaps, module and node alignment. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "history.h"

static struct snapshot *snap;
static struct iobuf_rates rates;
static struct history *h;

static void setup(void)
{
	snap = calloc(1, sizeof(*snap));
	h = history_new();
	ck_assert_ptr_nonnull(snap);
	ck_assert_ptr_nonnull(h);
	memset(&rates, 0, sizeof(rates));
}

static void teardown(void)
{
	free(snap);
	history_free(h);
}

static void add_module(const char *name)
{
	struct iobuf_module_stats *m = &snap->iobuf.modules[snap->iobuf.nmodules++];

	snprintf(m->name, sizeof(m->name), "%s", name);
}

static void add_rate(const char *name, double small, double large)
{
	struct iobuf_module_rates *m = &rates.modules[rates.nmodules++];

	snprintf(m->name, sizeof(m->name), "%s", name);
	m->small.retry = small;
	m->large.retry = large;
	rates.small.retry += small;
	rates.large.retry += large;
}

/* A running target, per-module stats, pinned utilization. */
static void running(double t)
{
	memset(snap, 0, sizeof(*snap));
	snap->mono = t;
	snap->wall = 1000 + t;
	snap->state = TARGET_RUNNING;
	snap->iobuf.form = IOBUF_FORM_PER_MODULE;
	snap->iobuf.small.util_kind = UTIL_RESERVED;
	snap->iobuf.small.util = 0.25;
	snap->iobuf.small.used = 2048;
	snap->iobuf.small.capacity = 8192;
	snap->iobuf.large.util_kind = UTIL_UNKNOWN;
	memset(&rates, 0, sizeof(rates));
	rates.valid = true;
	rates.dt = 1;
}

static void add_node(int id, uint64_t nr, uint64_t free_pages)
{
	struct hugepage_node *n = &snap->hugepages.nodes[snap->hugepages.nnodes++];

	n->id = id;
	n->nsizes = 1;
	n->sizes[0].page_kb = 2048;
	n->sizes[0].nr = nr;
	n->sizes[0].free = free_pages;
}

START_TEST(ring_wraps)
{
	struct hist_series *s = calloc(1, sizeof(*s));
	double out[HISTORY_CAP];
	size_t n;

	ck_assert(isnan(hist_series_last(s)));
	ck_assert_uint_eq(hist_series_latest(s, 10, out), 0);
	for (int i = 0; i < 3; i++)
		hist_series_push(s, i);
	n = hist_series_latest(s, 10, out);
	ck_assert_uint_eq(n, 3);
	ck_assert(out[0] == 0 && out[1] == 1 && out[2] == 2);
	for (int i = 3; i < 600; i++)
		hist_series_push(s, i);
	ck_assert_uint_eq(s->len, HISTORY_CAP);
	n = hist_series_latest(s, HISTORY_CAP + 100, out);
	ck_assert_uint_eq(n, HISTORY_CAP);
	for (size_t i = 0; i < n; i++)
		ck_assert_double_eq(out[i], 600 - HISTORY_CAP + (double)i);
	n = hist_series_latest(s, 5, out);
	ck_assert_uint_eq(n, 5);
	ck_assert_double_eq(out[0], 595);
	ck_assert_double_eq(out[4], 599);
	ck_assert_double_eq(hist_series_last(s), 599);
	ck_assert_double_eq(hist_series_max(s, 5), 599);
	hist_series_clear(s);
	ck_assert_uint_eq(s->len, 0);
	free(s);
}
END_TEST

START_TEST(max_skips_gaps)
{
	struct hist_series *s = calloc(1, sizeof(*s));

	hist_series_push(s, 3);
	hist_series_push(s, NAN);
	hist_series_push(s, 7);
	hist_series_push(s, NAN);
	ck_assert(isnan(hist_series_max(s, 1)));
	ck_assert_double_eq(hist_series_max(s, 2), 7);
	ck_assert_double_eq(hist_series_max(s, 100), 7);
	free(s);
}
END_TEST

START_TEST(push_values_and_first_tick_gap)
{
	double out[4];

	running(0);
	add_module("bdev");
	history_push(h, snap, NULL);            /* first tick: no rates yet */
	running(1);
	add_module("bdev");
	add_rate("bdev", 3, 148507);
	history_push(h, snap, &rates);

	ck_assert_uint_eq(h->ticks, 2);
	ck_assert_uint_eq(hist_series_latest(&h->retry_large, 4, out), 2);
	ck_assert(isnan(out[0]));
	ck_assert_double_eq(out[1], 148507);
	ck_assert_double_eq(hist_series_last(&h->retry_small), 3);
	/* utilization needs no rates: present from the first tick */
	hist_series_latest(&h->util_small, 4, out);
	ck_assert_double_eq(out[0], 0.25);
	ck_assert_double_eq(out[1], 0.25);
	ck_assert(isnan(hist_series_last(&h->util_large)));   /* UTIL_UNKNOWN */
	ck_assert_int_eq(h->util_kind_small, UTIL_RESERVED);
	ck_assert_double_eq(hist_series_last(&h->wall), 1001);
	const struct history_module *m = history_module(h, "bdev");
	ck_assert_ptr_nonnull(m);
	hist_series_latest(&m->retry_large, 4, out);
	ck_assert(isnan(out[0]));
	ck_assert_double_eq(out[1], 148507);

	/* rates present but not valid (a reconnect) is a gap as well */
	running(2);
	add_module("bdev");
	rates.valid = false;
	history_push(h, snap, &rates);
	ck_assert(isnan(hist_series_last(&h->retry_large)));
	ck_assert(isnan(hist_series_last(&m->retry_large)));
}
END_TEST

START_TEST(unreachable_is_a_gap_not_zero)
{
	const struct history_node *n;

	running(0);
	add_module("bdev");
	add_rate("bdev", 0, 0);
	add_node(0, 1024, 512);
	history_push(h, snap, &rates);
	ck_assert_double_eq(hist_series_last(&h->retry_large), 0);

	/* unreachable, with stale iobuf values and rates left in place by a careless caller */
	snap->state = TARGET_UNREACHABLE;
	snap->wall = 1005;
	rates.valid = true;
	history_push(h, snap, &rates);
	ck_assert(isnan(hist_series_last(&h->retry_small)));
	ck_assert(isnan(hist_series_last(&h->retry_large)));
	ck_assert(isnan(hist_series_last(&h->gets_small)));
	ck_assert(isnan(hist_series_last(&h->util_small)));
	ck_assert(isnan(hist_series_last(&h->util_large)));
	ck_assert(isnan(hist_series_last(&history_module(h, "bdev")->retry_large)));
	ck_assert_int_eq(h->util_kind_small, UTIL_UNKNOWN);
	ck_assert_double_eq(hist_series_last(&h->wall), 1005);
	/* hugepages are local: the node keeps its values */
	n = history_node(h, 0);
	ck_assert_ptr_nonnull(n);
	ck_assert_double_eq(hist_series_last(&n->free_pct), 50);
	ck_assert_double_eq(hist_series_last(&n->free_kb), 512.0 * 2048);

	/* no node in the snapshot: a gap for the node too */
	snap->hugepages.nnodes = 0;
	history_push(h, snap, &rates);
	ck_assert(isnan(hist_series_last(&n->free_pct)));
	ck_assert(isnan(hist_series_last(&n->free_kb)));
	ck_assert_uint_eq(n->free_pct.len, 3);
}
END_TEST

START_TEST(modules_stay_aligned)
{
	double out[8];
	const struct history_module *late, *gone;

	for (int t = 0; t < 3; t++) {
		running(t);
		add_module("accel");
		add_module("bdev");
		add_rate("accel", 1, 1);
		add_rate("bdev", 2, 2);
		history_push(h, snap, &rates);
	}
	running(3);
	add_module("accel");
	add_module("nvmf_TCP");       /* new; bdev gone */
	add_rate("accel", 1, 1);
	add_rate("nvmf_TCP", 5, 6);
	history_push(h, snap, &rates);

	late = history_module(h, "nvmf_TCP");
	gone = history_module(h, "bdev");
	ck_assert_ptr_nonnull(late);
	ck_assert_ptr_nonnull(gone);
	ck_assert_uint_eq(late->retry_large.len, 4);
	ck_assert_uint_eq(gone->retry_large.len, 4);
	ck_assert_uint_eq(hist_series_latest(&late->retry_large, 8, out), 4);
	ck_assert(isnan(out[0]) && isnan(out[1]) && isnan(out[2]));
	ck_assert_double_eq(out[3], 6);
	hist_series_latest(&gone->retry_small, 8, out);
	ck_assert_double_eq(out[2], 2);
	ck_assert(isnan(out[3]));
	ck_assert_ptr_null(history_module(h, "never"));
	ck_assert_ptr_null(history_node(h, 7));
}
END_TEST

START_TEST(full_module_table_evicts_the_stale)
{
	char name[SNAP_NAME_LEN];

	running(0);
	for (int i = 0; i < SNAP_MAX_MODULES; i++) {
		snprintf(name, sizeof(name), "m%d", i);
		add_module(name);
	}
	history_push(h, snap, NULL);
	ck_assert_uint_eq(h->nmodules, SNAP_MAX_MODULES);

	/* m0 leaves and a newcomer arrives: the newcomer takes m0's slot */
	running(1);
	for (int i = 1; i < SNAP_MAX_MODULES; i++) {
		snprintf(name, sizeof(name), "m%d", i);
		add_module(name);
	}
	add_module("newcomer");
	history_push(h, snap, NULL);
	ck_assert_ptr_null(history_module(h, "m0"));
	ck_assert_ptr_nonnull(history_module(h, "newcomer"));
	ck_assert_uint_eq(history_module(h, "newcomer")->retry_small.len, 2);
	ck_assert_ptr_nonnull(history_module(h, "m31"));
}
END_TEST

START_TEST(long_run_stays_bounded)
{
	double out[HISTORY_CAP];

	for (int t = 0; t < 3 * HISTORY_CAP + 7; t++) {
		running(t);
		add_module("bdev");
		add_rate("bdev", 0, t);
		add_node(0, 100, 100 - (t % 100));
		add_node(1, 0, 0);
		if (t % 10 == 9)
			snap->state = TARGET_UNREACHABLE;
		history_push(h, snap, t ? &rates : NULL);
	}
	ck_assert_uint_eq(h->retry_large.len, HISTORY_CAP);
	ck_assert_uint_eq(history_module(h, "bdev")->retry_large.len, HISTORY_CAP);
	hist_series_latest(&h->retry_large, HISTORY_CAP, out);
	for (size_t i = 0; i < HISTORY_CAP; i++) {
		int t = 3 * HISTORY_CAP + 7 - HISTORY_CAP + (int)i;

		if (t % 10 == 9)
			ck_assert(isnan(out[i]));
		else
			ck_assert_double_eq(out[i], t);
	}
	/* a node without hugepages has no percentage to plot */
	ck_assert(isnan(hist_series_last(&history_node(h, 1)->free_pct)));
	ck_assert_double_eq(hist_series_last(&history_node(h, 1)->free_kb), 0);
	history_clear(h);
	ck_assert_uint_eq(h->ticks, 0);
	ck_assert_uint_eq(h->nmodules, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("history");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, ring_wraps);
	tcase_add_test(tc, max_skips_gaps);
	tcase_add_test(tc, push_values_and_first_tick_gap);
	tcase_add_test(tc, unreachable_is_a_gap_not_zero);
	tcase_add_test(tc, modules_stay_aligned);
	tcase_add_test(tc, full_module_table_evicts_the_stale);
	tcase_add_test(tc, long_run_stays_bounded);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
