/* advisor: every status from scripted ticks, the sizing limits, the text and the JSON. */
#include <check.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advisor.h"
#include "check_main.h"

#define WALL0 1700000000.0
#define MIB (1024ULL * 1024)
#define LARGE_BUF 135168ULL
#define SMALL_BUF 8192ULL

static struct snapshot *snap;
static struct iobuf_rates rates;
static struct advisor *adv;
static struct advice adv_out;

static void setup(void)
{
	snap = calloc(1, sizeof(*snap));
	adv = advisor_new(NULL);
	ck_assert_ptr_nonnull(snap);
	ck_assert_ptr_nonnull(adv);
}

static void teardown(void)
{
	free(snap);
	advisor_free(adv);
}

static void counts(uint64_t small, uint64_t large)
{
	snap->iobuf.opts.small_pool_count = small;
	snap->iobuf.opts.large_pool_count = large;
	snap->iobuf.small.count = small;
	snap->iobuf.large.count = large;
}

/* One NUMA node's hugepages: 2 MiB pages, `free_pages` of them free. */
static struct hugepage_node *node(int id, uint64_t free_pages)
{
	struct hugepage_node *n = &snap->hugepages.nodes[snap->hugepages.nnodes++];

	n->id = id;
	n->has_meminfo = true;
	n->mem_total_kb = 64ULL << 20;
	n->nsizes = 1;
	n->sizes[0].page_kb = 2048;
	n->sizes[0].nr = 8192;
	n->sizes[0].free = free_pages;
	return n;
}

/*
 * A running target at time t with SPDK's default pools, per-module stats,
 * nothing retried, utilization unknown, 8 GiB of free hugepages on node 0,
 * and valid rates against a tick one second earlier.
 */
static void running(double t)
{
	memset(snap, 0, sizeof(*snap));
	snap->mono = t;
	snap->wall = WALL0 + t;
	snprintf(snap->target, sizeof(snap->target), "/var/tmp/spdk.sock");
	snap->state = TARGET_RUNNING;
	snap->iobuf.form = IOBUF_FORM_PER_MODULE;
	snap->iobuf.opts.valid = true;
	snap->iobuf.opts.small_bufsize = SMALL_BUF;
	snap->iobuf.opts.large_bufsize = LARGE_BUF;
	snap->iobuf.small.bufsize = SMALL_BUF;
	snap->iobuf.large.bufsize = LARGE_BUF;
	counts(8192, 1024);
	node(0, 4096);
	memset(&rates, 0, sizeof(rates));
	rates.valid = true;
	rates.dt = 1;
}

static void exact(struct iobuf_pool_summary *p, uint64_t used)
{
	p->util_kind = UTIL_EXACT;
	p->util_source = UTIL_FROM_AGGREGATE;
	p->used = used;
	p->capacity = p->count;
	p->util = (double)used / (double)p->count;
	p->free = p->count - used;
}

static void reserved(struct iobuf_pool_summary *p, uint64_t pinned)
{
	p->has_reserved = true;
	p->reserved = pinned;
	if (p->util_kind == UTIL_UNKNOWN) {
		p->util_kind = UTIL_RESERVED;
		p->util_source = UTIL_FROM_CACHE_SIZE;
		p->used = pinned;
		p->capacity = p->count;
		p->util = (double)pinned / (double)p->count;
	}
}

static void tick(void)
{
	advisor_update(adv, snap, &rates);
}

static const struct advice *advise(void)
{
	advisor_advise(adv, &adv_out);
	return &adv_out;
}

/* Ticks every `step` seconds from t0 up to t1 with the small pool exactly `used` busy. */
static void exact_ticks(double t0, double t1, double step, uint64_t used)
{
	for (double t = t0; t <= t1; t += step) {
		running(t);
		exact(&snap->iobuf.small, used);
		rates.dt = step;
		tick();
	}
}

static char *render(const struct advice *a)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	advisor_write_text(f, a);
	fclose(f);
	return buf;
}

static void assert_reason_ok(const struct pool_advice *p)
{
	ck_assert_uint_gt(strlen(p->reason), 0);
	ck_assert_uint_le(strlen(p->reason), 100);
	ck_assert_ptr_null(strstr(p->reason, "in use"));
}

/* ---- EXHAUSTED --------------------------------------------------------- */

START_TEST(exhausted_doubles_to_a_power_of_two)
{
	const struct advice *a;

	running(0);
	counts(8192, 1000);
	rates.large.retry = 152472;
	tick();
	a = advise();
	ck_assert_int_eq(a->large.status, ADVICE_EXHAUSTED);
	ck_assert_int_eq(a->large.basis, ADVICE_BASIS_RETRIES);
	ck_assert_uint_eq(a->large.current, 1000);
	ck_assert_uint_eq(a->large.suggested, 2048);
	ck_assert_uint_eq(a->large.current_bytes, 1000 * LARGE_BUF);
	ck_assert_uint_eq(a->large.suggested_bytes, 2048 * LARGE_BUF);
	ck_assert(!a->large.limited_by_memory);
	ck_assert(a->large.memory_checked);
	ck_assert_str_eq(a->large.reason,
			 "large pool ran dry: 152,472 retries/s at peak; "
			 "double it (1,000 -> 2,048, +135 MiB)");
	ck_assert_int_eq(a->small.status, ADVICE_FINE);
	ck_assert_uint_eq(a->small.suggested, 8192);
	ck_assert_str_eq(a->small.reason, "small pool: no retries in 1 s; keep 8,192");
	assert_reason_ok(&a->large);
	assert_reason_ok(&a->small);
}
END_TEST

START_TEST(exhausted_example_from_the_issue)
{
	running(0);
	rates.large.retry = 152472;
	tick();
	ck_assert_str_eq(advise()->large.reason,
			 "large pool ran dry: 152,472 retries/s at peak; "
			 "double it (1,024 -> 2,048, +132 MiB)");
}
END_TEST

START_TEST(exhausted_lasts_the_window_then_fine)
{
	running(0);
	rates.small.retry = 0.5;
	tick();
	ck_assert_str_eq(advise()->small.reason,
			 "small pool ran dry: 0.5 retries/s at peak; "
			 "double it (8,192 -> 16,384, +64 MiB)");
	/* quiet for 29 minutes: the retry is still in the window */
	for (int t = 60; t <= 29 * 60; t += 60) {
		running(t);
		rates.dt = 60;
		tick();
	}
	ck_assert_int_eq(advise()->small.status, ADVICE_EXHAUSTED);
	/* 31 minutes on, it has left the window */
	for (int t = 30 * 60; t <= 31 * 60; t += 60) {
		running(t);
		rates.dt = 60;
		tick();
	}
	ck_assert_int_eq(advise()->small.status, ADVICE_FINE);
	ck_assert_str_eq(advise()->small.reason, "small pool: no retries in 30 min; keep 8,192");
}
END_TEST

START_TEST(peak_rate_is_the_window_highest)
{
	double r[] = { 10, 4000, 20 };

	for (int i = 0; i < 3; i++) {
		running(i);
		rates.large.retry = r[i];
		tick();
	}
	ck_assert_ptr_nonnull(strstr(advise()->large.reason, "4,000 retries/s at peak"));
}
END_TEST

START_TEST(single_snapshot_cumulative_retries)
{
	const struct advice *a;

	running(100);
	snap->iobuf.large.retry = 1234;
	advisor_update(adv, snap, NULL);
	a = advise();
	ck_assert_int_eq(a->large.status, ADVICE_EXHAUSTED);
	ck_assert_int_eq(a->large.basis, ADVICE_BASIS_RETRIES_TOTAL);
	ck_assert_uint_eq(a->large.suggested, 2048);
	ck_assert_str_eq(a->large.reason,
			 "large pool ran dry since the channels were created: 1,234 retries; "
			 "1,024 -> 2,048 (+132 MiB)");
	ck_assert_int_eq(a->small.status, ADVICE_FINE);
	ck_assert_str_eq(a->small.reason,
			 "small pool: no retries since the channels were created; keep 8,192");
	assert_reason_ok(&a->large);
}
END_TEST

START_TEST(rates_take_over_from_the_cumulative_counter)
{
	/* retries from before we watched, none since: the window decides */
	running(0);
	snap->iobuf.large.retry = 1234;
	advisor_update(adv, snap, NULL);
	ck_assert_int_eq(advise()->large.status, ADVICE_EXHAUSTED);
	running(1);
	snap->iobuf.large.retry = 1234;
	tick();
	ck_assert_int_eq(advise()->large.status, ADVICE_FINE);
}
END_TEST

/* ---- TIGHT ------------------------------------------------------------- */

START_TEST(tight_by_reservation_says_configured)
{
	const struct advice *a;

	running(0);
	reserved(&snap->iobuf.small, 6964);  /* 85% of 8192 */
	tick();
	a = advise();
	ck_assert_int_eq(a->small.status, ADVICE_TIGHT);
	ck_assert_int_eq(a->small.basis, ADVICE_BASIS_RESERVED);
	ck_assert_uint_eq(a->small.suggested, 16384);
	ck_assert_str_eq(a->small.reason,
			 "small pool 85% reserved (configured) by caches; "
			 "double it (8,192 -> 16,384, +64 MiB)");
	assert_reason_ok(&a->small);
	ck_assert_ptr_null(strstr(a->small.reason, "used"));

	/* 79%: not tight */
	running(1);
	reserved(&snap->iobuf.small, 6471);
	advisor_free(adv);
	adv = advisor_new(NULL);
	tick();
	ck_assert_int_eq(advise()->small.status, ADVICE_FINE);
}
END_TEST

START_TEST(tight_by_exact_peak_in_the_window)
{
	const struct advice *a;

	running(0);
	exact(&snap->iobuf.large, 870);   /* 84.9% */
	tick();
	running(1);
	exact(&snap->iobuf.large, 300);
	tick();
	a = advise();
	ck_assert_int_eq(a->large.status, ADVICE_TIGHT);
	ck_assert_int_eq(a->large.basis, ADVICE_BASIS_EXACT_PEAK);
	ck_assert_str_eq(a->large.reason,
			 "large pool reached 84% used; double it (1,024 -> 2,048, +132 MiB)");
	assert_reason_ok(&a->large);
}
END_TEST

START_TEST(aggregate_cache_count_is_not_a_reservation)
{
	/* the aggregate form's cache_count is what caches hold now, not configured */
	running(0);
	snap->iobuf.form = IOBUF_FORM_AGGREGATE;
	exact(&snap->iobuf.small, 1000);
	snap->iobuf.small.has_reserved = true;
	snap->iobuf.small.reserved = 7000;
	tick();
	ck_assert_int_eq(advise()->small.status, ADVICE_FINE);
}
END_TEST

START_TEST(exact_per_node_from_the_rings)
{
	struct iobuf_rings *r = &snap->iobuf.rings;

	/* node 0 dry, node 1 idle: 50% overall, yet one node ran out */
	running(0);
	snap->iobuf.opts.enable_numa = true;
	node(1, 4096);
	r->state = RINGS_EXACT;
	r->n = 2;
	r->rings[0] = (struct pool_ring_occupancy){ .node = 0, .large = true,
						    .capacity = 1024, .free = 0 };
	r->rings[1] = (struct pool_ring_occupancy){ .node = 1, .large = true,
						    .capacity = 1024, .free = 1024 };
	snap->iobuf.large.util_kind = UTIL_EXACT;
	snap->iobuf.large.util_source = UTIL_FROM_RING;
	snap->iobuf.large.used = 1024;
	snap->iobuf.large.capacity = 2048;
	snap->iobuf.large.util = 0.5;
	tick();
	ck_assert_int_eq(advise()->large.status, ADVICE_TIGHT);
	ck_assert_ptr_nonnull(strstr(advise()->large.reason, "reached 100% used"));
}
END_TEST

/* ---- UNDERUSED --------------------------------------------------------- */

START_TEST(underused_after_the_whole_window)
{
	const struct advice *a;

	exact_ticks(0, 29 * 60 + 50, 10, 410);   /* 5% */
	a = advise();
	ck_assert_int_eq(a->small.status, ADVICE_FINE);
	ck_assert_str_eq(a->small.reason,
			 "small pool peak 5.0% used, no retries in 30 min; keep 8,192");
	exact_ticks(30 * 60, 31 * 60, 10, 410);
	a = advise();
	ck_assert_int_eq(a->small.status, ADVICE_UNDERUSED);
	ck_assert_int_eq(a->small.basis, ADVICE_BASIS_EXACT_LOW);
	ck_assert_uint_eq(a->small.suggested, 4096);
	ck_assert_uint_eq(a->small.suggested_bytes, 4096 * SMALL_BUF);
	ck_assert_str_eq(a->small.reason,
			 "small pool under 10% used for 31 min (peak 5.0%); "
			 "halve it (8,192 -> 4,096, -32 MiB)");
	/* the large pool had no exact data: never underused */
	ck_assert_int_eq(a->large.status, ADVICE_FINE);
	assert_reason_ok(&a->small);
}
END_TEST

START_TEST(underused_never_below_minimums)
{
	const struct advice *a;

	for (int t = 0; t <= 31 * 60; t += 10) {
		running(t);
		counts(64, 16);
		exact(&snap->iobuf.small, 3);
		exact(&snap->iobuf.large, 0);
		rates.dt = 10;
		tick();
	}
	a = advise();
	ck_assert_int_eq(a->small.status, ADVICE_UNDERUSED);
	ck_assert_uint_eq(a->small.suggested, 64);
	ck_assert_str_eq(a->small.reason,
			 "small pool under 10% used for 31 min (peak 4.6%); "
			 "keep 64: SPDK's minimum is 64");
	ck_assert_int_eq(a->large.status, ADVICE_UNDERUSED);
	ck_assert_uint_eq(a->large.suggested, 8);
	ck_assert_str_eq(a->large.reason,
			 "large pool under 10% used for 31 min (peak 0.0%); "
			 "halve it (16 -> 8, -1.0 MiB)");
}
END_TEST

START_TEST(underused_never_below_the_reservation)
{
	const struct advice *a;

	/*
	 * 3,500 reserved: calc-iobuf.py's minimum is 3,500, and 4,376 keeps it
	 * under 80% so the shrunk pool is not TIGHT at once.
	 */
	for (int t = 0; t <= 31 * 60; t += 10) {
		running(t);
		exact(&snap->iobuf.small, 410);
		reserved(&snap->iobuf.small, 3500);
		rates.dt = 10;
		tick();
	}
	a = advise();
	ck_assert_int_eq(a->small.status, ADVICE_UNDERUSED);
	ck_assert_uint_eq(a->small.suggested, 4376);
	ck_assert_str_eq(a->small.reason,
			 "small pool under 10% used for 31 min (peak 5.0%); "
			 "8,192 -> 4,376 (-30 MiB), caches reserve 3,500");
	assert_reason_ok(&a->small);
}
END_TEST

START_TEST(gap_in_the_window_is_not_underused)
{
	exact_ticks(0, 15 * 60, 10, 410);
	running(15 * 60 + 10);
	snap->state = TARGET_UNREACHABLE;
	snap->iobuf.form = IOBUF_FORM_NONE;
	rates.valid = false;
	tick();
	ck_assert_int_eq(advise()->small.status, ADVICE_UNKNOWN);
	exact_ticks(15 * 60 + 20, 31 * 60, 10, 410);
	ck_assert_int_eq(advise()->small.status, ADVICE_FINE);
	/* a whole window after the gap, it is */
	exact_ticks(31 * 60 + 10, 46 * 60, 10, 410);
	ck_assert_int_eq(advise()->small.status, ADVICE_UNDERUSED);
}
END_TEST

START_TEST(hole_in_the_ticks_is_a_gap)
{
	exact_ticks(0, 15 * 60, 10, 410);
	/* nothing for two minutes (> max_gap_s 60) */
	exact_ticks(17 * 60, 31 * 60, 10, 410);
	ck_assert_int_eq(advise()->small.status, ADVICE_FINE);
}
END_TEST

START_TEST(non_exact_tick_is_a_gap)
{
	exact_ticks(0, 15 * 60, 10, 410);
	running(15 * 60 + 10);
	reserved(&snap->iobuf.small, 100);  /* reserved only: not exact */
	tick();
	exact_ticks(15 * 60 + 20, 31 * 60, 10, 410);
	ck_assert_int_eq(advise()->small.status, ADVICE_FINE);
}
END_TEST

START_TEST(window_is_configurable)
{
	struct advisor_config c;

	advisor_free(adv);
	advisor_config_default(&c);
	ck_assert_double_eq(c.window_minutes, 30);
	ck_assert_double_eq(c.tight_pct, 80);
	ck_assert_double_eq(c.underused_pct, 10);
	c.window_minutes = 10;
	c.max_gap_s = -1;            /* not positive: the default */
	adv = advisor_new(&c);
	advisor_get_config(adv, &c);
	ck_assert_double_eq(c.window_minutes, 10);
	ck_assert_double_eq(c.max_gap_s, 60);
	exact_ticks(0, 10 * 60, 10, 410);
	ck_assert_int_eq(advise()->small.status, ADVICE_UNDERUSED);
	ck_assert_ptr_nonnull(strstr(advise()->small.reason, "for 10 min"));
}
END_TEST

/* ---- memory ------------------------------------------------------------ */

START_TEST(limited_by_free_hugepages)
{
	const struct advice *a;

	running(0);
	snap->hugepages.nodes[0].sizes[0].free = 50;   /* 100 MiB: doubling needs 132 */
	rates.large.retry = 10;
	tick();
	a = advise();
	ck_assert_int_eq(a->large.status, ADVICE_EXHAUSTED);
	ck_assert(a->large.limited_by_memory);
	ck_assert_uint_eq(a->large.suggested, 1024 + (50 * 2 * MIB) / LARGE_BUF);
	ck_assert_uint_le((a->large.suggested - 1024) * LARGE_BUF, 50 * 2 * MIB);
	ck_assert_str_eq(a->large.reason,
			 "large pool ran dry: 10 retries/s at peak; "
			 "limited by free hugepages: 1,024 -> 1,799 (+100 MiB)");

	running(1);
	snap->hugepages.nodes[0].sizes[0].free = 0;
	rates.large.retry = 10;
	tick();
	a = advise();
	ck_assert(a->large.limited_by_memory);
	ck_assert_uint_eq(a->large.suggested, 1024);
	ck_assert_uint_eq(a->large.suggested_bytes, a->large.current_bytes);
	ck_assert_str_eq(a->large.reason,
			 "large pool ran dry: 10 retries/s at peak; "
			 "keep 1,024: cannot grow, free hugepages hold no more");
	assert_reason_ok(&a->large);
}
END_TEST

START_TEST(both_pools_share_one_budget)
{
	const struct advice *a;

	/* 150 MiB free: the small pool's +64 MiB first (tie), the large gets the rest */
	running(0);
	snap->hugepages.nodes[0].sizes[0].free = 75;
	rates.small.retry = 1;
	rates.large.retry = 1;
	tick();
	a = advise();
	ck_assert_uint_eq(a->small.suggested, 16384);
	ck_assert(!a->small.limited_by_memory);
	ck_assert(a->large.limited_by_memory);
	ck_assert_uint_eq(a->large.suggested, 1024 + (150 * MIB - 64 * MIB) / LARGE_BUF);

	/* the exhausted large pool goes before the merely tight small one */
	advisor_free(adv);
	adv = advisor_new(NULL);
	running(0);
	snap->hugepages.nodes[0].sizes[0].free = 75;
	reserved(&snap->iobuf.small, 7000);
	rates.large.retry = 1;
	tick();
	a = advise();
	ck_assert_int_eq(a->small.status, ADVICE_TIGHT);
	ck_assert_uint_eq(a->large.suggested, 2048);
	ck_assert(a->small.limited_by_memory);
	ck_assert_uint_eq(a->small.suggested, 8192 + (150 * MIB - 132 * MIB) / SMALL_BUF);
}
END_TEST

START_TEST(hugepages_unknown_is_unchecked)
{
	char *text;

	running(0);
	snap->hugepages.nnodes = 0;
	rates.large.retry = 1;
	tick();
	ck_assert(!advise()->large.memory_checked);
	ck_assert_uint_eq(advise()->large.suggested, 2048);
	text = render(advise());
	ck_assert_ptr_nonnull(strstr(text, "free hugepages unknown"));
	free(text);
}
END_TEST

START_TEST(enable_numa_two_nodes)
{
	const struct advice *a;

	running(0);
	snap->iobuf.opts.enable_numa = true;
	node(1, 4096);
	rates.large.retry = 100;
	tick();
	a = advise();
	ck_assert(a->enable_numa);
	ck_assert_uint_eq(a->nodes, 2);
	ck_assert_uint_eq(a->large.current, 1024);
	ck_assert_uint_eq(a->large.suggested, 2048);
	ck_assert_uint_eq(a->large.current_bytes, 2 * 1024 * LARGE_BUF);
	ck_assert_uint_eq(a->large.suggested_bytes, 2 * 2048 * LARGE_BUF);
	ck_assert_str_eq(a->large.reason,
			 "large pool ran dry: 100 retries/s at peak; "
			 "double it (1,024 -> 2,048, +264 MiB)");

	/* every node must hold the growth: the least free node limits it */
	running(1);
	snap->iobuf.opts.enable_numa = true;
	node(1, 50);
	rates.large.retry = 100;
	tick();
	a = advise();
	ck_assert(a->large.limited_by_memory);
	ck_assert_uint_eq(a->large.suggested, 1799);
	ck_assert_uint_eq(a->large.suggested_bytes, 2 * 1799 * LARGE_BUF);
}
END_TEST

START_TEST(enable_numa_reservation_per_node)
{
	/* cache_size sums every node's caches: 1,200 over 2 nodes is 600 a node, 58% */
	running(0);
	snap->iobuf.opts.enable_numa = true;
	node(1, 4096);
	reserved(&snap->iobuf.large, 1200);
	tick();
	ck_assert_int_eq(advise()->large.status, ADVICE_FINE);
	/* 1,742 is 871 a node: 85% */
	running(1);
	snap->iobuf.opts.enable_numa = true;
	node(1, 4096);
	reserved(&snap->iobuf.large, 1742);
	tick();
	ck_assert_int_eq(advise()->large.status, ADVICE_TIGHT);
	ck_assert_str_eq(advise()->large.reason,
			 "large pool 85% reserved (configured) by caches; "
			 "double it (1,024 -> 2,048, +264 MiB)");
}
END_TEST

/* ---- UNKNOWN and restarts ---------------------------------------------- */

START_TEST(unknown_without_data)
{
	const struct advice *a = advise();

	ck_assert_int_eq(a->small.status, ADVICE_UNKNOWN);
	ck_assert_str_eq(a->small.reason, "no advice yet: no snapshot");

	for (int t = 0; t < 3; t++) {
		running(t);
		snap->state = TARGET_UNREACHABLE;
		snap->iobuf.form = IOBUF_FORM_NONE;
		rates.valid = false;
		tick();
	}
	a = advise();
	ck_assert_int_eq(a->small.status, ADVICE_UNKNOWN);
	ck_assert_int_eq(a->large.status, ADVICE_UNKNOWN);
	ck_assert_uint_eq(a->large.suggested, 0);
	ck_assert_str_eq(a->large.reason, "no advice: target unreachable");

	running(3);
	snap->state = TARGET_STARTUP;
	snap->iobuf.form = IOBUF_FORM_NONE;
	tick();
	ck_assert_str_eq(advise()->small.reason, "no advice: no iobuf stats (target startup)");

	running(4);
	snap->iobuf.opts.valid = false;
	counts(0, 0);
	tick();
	ck_assert_int_eq(advise()->small.status, ADVICE_UNKNOWN);
	ck_assert_str_eq(advise()->small.reason,
			 "no advice: pool count unknown (no iobuf options)");
}
END_TEST

START_TEST(unreachable_after_retries_is_unknown)
{
	running(0);
	rates.large.retry = 5;
	tick();
	running(1);
	snap->state = TARGET_UNREACHABLE;
	snap->iobuf.form = IOBUF_FORM_NONE;
	rates.valid = false;
	tick();
	ck_assert_int_eq(advise()->large.status, ADVICE_UNKNOWN);
}
END_TEST

START_TEST(ran_dry_without_options)
{
	running(0);
	snap->iobuf.opts.valid = false;
	counts(0, 0);
	rates.large.retry = 5;
	tick();
	ck_assert_int_eq(advise()->large.status, ADVICE_EXHAUSTED);
	ck_assert_uint_eq(advise()->large.suggested, 0);
	ck_assert_str_eq(advise()->large.reason,
			 "large pool ran dry: 5.0 retries/s at peak; "
			 "pool count unknown, cannot size it");
}
END_TEST

START_TEST(new_count_starts_the_window_over)
{
	running(0);
	rates.large.retry = 5;
	tick();
	/* restarted with the advice taken */
	running(60);
	counts(8192, 2048);
	tick();
	ck_assert_int_eq(advise()->large.status, ADVICE_FINE);
	ck_assert_uint_eq(advise()->large.current, 2048);
}
END_TEST

START_TEST(time_backwards_starts_over)
{
	running(1000);
	rates.large.retry = 5;
	tick();
	running(10);
	tick();
	ck_assert_int_eq(advise()->large.status, ADVICE_FINE);
	/* a tick that cannot be placed in time is not observed, and breaks nothing */
	running(NAN);
	rates.large.retry = 5;
	tick();
	ck_assert_int_eq(advise()->large.status, ADVICE_UNKNOWN);
	running(11);
	tick();
	ck_assert_int_eq(advise()->large.status, ADVICE_FINE);
}
END_TEST

START_TEST(long_numbers_stay_on_one_line)
{
	running(0);
	counts(UINT64_C(1) << 40, UINT64_C(1) << 40);
	snap->iobuf.large.retry = UINT64_MAX;
	snap->iobuf.small.retry = UINT64_C(1234567890123);
	snap->hugepages.nnodes = 0;
	advisor_update(adv, snap, NULL);
	assert_reason_ok(&advise()->small);
	assert_reason_ok(&advise()->large);
	ck_assert_int_eq(advise()->large.status, ADVICE_EXHAUSTED);
}
END_TEST

/* ---- output ------------------------------------------------------------ */

START_TEST(text_once)
{
	const char *expected =
		"iobuf pool advice (one snapshot: counters since the channels were created)\n"
		"  small  FINE       keep 8,192 (64 MiB)\n"
		"    small pool: no retries since the channels were created; keep 8,192\n"
		"  large  EXHAUSTED  1,024 -> 2,048 (132 MiB -> 264 MiB)\n"
		"    large pool ran dry since the channels were created: 1,234 retries; "
		"1,024 -> 2,048 (+132 MiB)\n"
		"  counts apply at the next start: iobuf_set_options in the target's config\n";
	char *text;

	running(0);
	snap->iobuf.large.retry = 1234;
	advisor_update(adv, snap, NULL);
	text = render(advise());
	if (strcmp(text, expected) != 0)
		fprintf(stderr, "--- got:\n%s--- end\n", text);
	ck_assert_str_eq(text, expected);
	free(text);
}
END_TEST

START_TEST(text_window_numa_unknown)
{
	const char *expected =
		"iobuf pool advice (window 30 min, 30 min observed)\n"
		"  small  UNDERUSED  8,192 -> 4,096 (128 MiB -> 64 MiB)\n"
		"    small pool under 10% used for 31 min (peak 5.0%); "
		"halve it (8,192 -> 4,096, -64 MiB)\n"
		"  large  FINE       keep 1,024 (264 MiB)\n"
		"    large pool: no retries in 30 min; keep 1,024\n"
		"  enable_numa: counts are per node, memory is for all 2 nodes\n"
		"  counts apply at the next start: iobuf_set_options in the target's config\n";
	const char *unknown =
		"iobuf pool advice (window 30 min, 30 min observed)\n"
		"  small  UNKNOWN\n"
		"    no advice: target unreachable\n"
		"  large  UNKNOWN\n"
		"    no advice: target unreachable\n";
	char *text;

	for (int t = 0; t <= 31 * 60; t += 10) {
		running(t);
		snap->iobuf.opts.enable_numa = true;
		node(1, 4096);
		exact(&snap->iobuf.small, 410);
		rates.dt = 10;
		tick();
	}
	text = render(advise());
	if (strcmp(text, expected) != 0)
		fprintf(stderr, "--- got:\n%s--- end\n", text);
	ck_assert_str_eq(text, expected);
	free(text);

	running(31 * 60 + 10);
	snap->state = TARGET_UNREACHABLE;
	snap->iobuf.form = IOBUF_FORM_NONE;
	tick();
	text = render(advise());
	if (strcmp(text, unknown) != 0)
		fprintf(stderr, "--- got:\n%s--- end\n", text);
	ck_assert_str_eq(text, unknown);
	free(text);
}
END_TEST

START_TEST(json_form)
{
	json_t *j, *l;

	running(0);
	rates.large.retry = 152472;
	tick();
	j = advice_to_json(advise());
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(j, "target_state")), "running");
	ck_assert_double_eq(json_real_value(json_object_get(j, "window_s")), 1800);
	ck_assert(json_is_false(json_object_get(j, "enable_numa")));
	ck_assert_int_eq(json_integer_value(json_object_get(j, "nodes")), 1);
	l = json_object_get(j, "large");
	ck_assert_str_eq(json_string_value(json_object_get(l, "status")), "exhausted");
	ck_assert_str_eq(json_string_value(json_object_get(l, "basis")), "retries");
	ck_assert_int_eq(json_integer_value(json_object_get(l, "current")), 1024);
	ck_assert_int_eq(json_integer_value(json_object_get(l, "suggested")), 2048);
	ck_assert_int_eq(json_integer_value(json_object_get(l, "suggested_bytes")),
			 (json_int_t)(2048 * LARGE_BUF));
	ck_assert(json_is_false(json_object_get(l, "limited_by_memory")));
	ck_assert(json_is_true(json_object_get(l, "memory_checked")));
	ck_assert_str_eq(json_string_value(json_object_get(l, "reason")), advise()->large.reason);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "small"),
							   "status")), "fine");
	json_decref(j);
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(advice_status_name(ADVICE_UNKNOWN), "unknown");
	ck_assert_str_eq(advice_status_name(ADVICE_FINE), "fine");
	ck_assert_str_eq(advice_status_name(ADVICE_UNDERUSED), "underused");
	ck_assert_str_eq(advice_status_name(ADVICE_TIGHT), "tight");
	ck_assert_str_eq(advice_status_name(ADVICE_EXHAUSTED), "exhausted");
	ck_assert_str_eq(advice_status_name((enum advice_status)99), "invalid");
	ck_assert_str_eq(advice_basis_name(ADVICE_BASIS_RESERVED), "reserved");
	ck_assert_str_eq(advice_basis_name(ADVICE_BASIS_RETRIES_TOTAL), "retries_total");
}
END_TEST

START_TEST(evidence_is_exposed)
{
	struct advisor_evidence ev;

	exact_ticks(0, 120, 10, 2048);
	advisor_evidence(adv, &ev);
	ck_assert(ev.seen);
	ck_assert(ev.small.has_exact);
	ck_assert_double_eq(ev.small.peak_util, 0.25);
	ck_assert_double_eq(ev.small.exact_span_s, 120);
	ck_assert_double_eq(ev.observed_s, 130);   /* the first rates cover 10 s before */
	ck_assert(ev.hugepages_known);
	ck_assert_uint_eq(ev.hugepages_free, 4096 * 2 * MIB);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("advisor");
	TCase *status = tcase_create("status");
	TCase *sizing = tcase_create("sizing");
	TCase *output = tcase_create("output");

	tcase_add_checked_fixture(status, setup, teardown);
	tcase_add_test(status, exhausted_doubles_to_a_power_of_two);
	tcase_add_test(status, exhausted_example_from_the_issue);
	tcase_add_test(status, exhausted_lasts_the_window_then_fine);
	tcase_add_test(status, peak_rate_is_the_window_highest);
	tcase_add_test(status, single_snapshot_cumulative_retries);
	tcase_add_test(status, rates_take_over_from_the_cumulative_counter);
	tcase_add_test(status, tight_by_reservation_says_configured);
	tcase_add_test(status, tight_by_exact_peak_in_the_window);
	tcase_add_test(status, aggregate_cache_count_is_not_a_reservation);
	tcase_add_test(status, exact_per_node_from_the_rings);
	tcase_add_test(status, underused_after_the_whole_window);
	tcase_add_test(status, gap_in_the_window_is_not_underused);
	tcase_add_test(status, hole_in_the_ticks_is_a_gap);
	tcase_add_test(status, non_exact_tick_is_a_gap);
	tcase_add_test(status, window_is_configurable);
	tcase_add_test(status, unknown_without_data);
	tcase_add_test(status, unreachable_after_retries_is_unknown);
	tcase_add_test(status, ran_dry_without_options);
	tcase_add_test(status, new_count_starts_the_window_over);
	tcase_add_test(status, time_backwards_starts_over);
	suite_add_tcase(s, status);
	tcase_add_checked_fixture(sizing, setup, teardown);
	tcase_add_test(sizing, underused_never_below_minimums);
	tcase_add_test(sizing, underused_never_below_the_reservation);
	tcase_add_test(sizing, limited_by_free_hugepages);
	tcase_add_test(sizing, both_pools_share_one_budget);
	tcase_add_test(sizing, hugepages_unknown_is_unchecked);
	tcase_add_test(sizing, enable_numa_two_nodes);
	tcase_add_test(sizing, enable_numa_reservation_per_node);
	tcase_add_test(sizing, long_numbers_stay_on_one_line);
	suite_add_tcase(s, sizing);
	tcase_add_checked_fixture(output, setup, teardown);
	tcase_add_test(output, text_once);
	tcase_add_test(output, text_window_numa_unknown);
	tcase_add_test(output, json_form);
	tcase_add_test(output, names);
	tcase_add_test(output, evidence_is_exposed);
	suite_add_tcase(s, output);
	return run_suite(s);
}
