/* alerts: every rule raising and clearing, ack, new-critical, ordering, log, leak. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "check_main.h"

#define WALL0 1700000000.0

static struct snapshot *snap;
static struct iobuf_rates rates;
static struct alerts *al;

static void setup(void)
{
	snap = calloc(1, sizeof(*snap));
	al = alerts_new(NULL);
	ck_assert_ptr_nonnull(snap);
	ck_assert_ptr_nonnull(al);
}

static void teardown(void)
{
	free(snap);
	alerts_free(al);
}

/* A healthy running target at time t: per-module stats, no retries, pools unknown. */
static void running(double t)
{
	memset(snap, 0, sizeof(*snap));
	snap->mono = t;
	snap->wall = WALL0 + t;
	snprintf(snap->target, sizeof(snap->target), "/var/tmp/spdk.sock");
	snap->state = TARGET_RUNNING;
	snap->iobuf.form = IOBUF_FORM_PER_MODULE;
	memset(&rates, 0, sizeof(rates));
	rates.valid = true;
	rates.dt = 1;
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

static void pool(struct iobuf_pool_summary *p, enum util_kind kind, uint64_t used, uint64_t cap)
{
	p->util_kind = kind;
	p->used = used;
	p->capacity = cap;
	p->count = cap;
	p->util = (double)used / (double)cap;
}

/* A ring read this tick: the ring of one node's pool, and the pool's summed figure from it. */
static void ring(int node, bool large, uint64_t cap, uint64_t free_now)
{
	struct iobuf_rings *r = &snap->iobuf.rings;
	struct iobuf_pool_summary *ps = large ? &snap->iobuf.large : &snap->iobuf.small;

	r->state = RINGS_EXACT;
	r->rings[r->n++] = (struct pool_ring_occupancy){ node, large, cap, free_now };
	pool(ps, UTIL_EXACT, ps->used + cap - free_now, ps->capacity + cap);
	ps->util_source = UTIL_FROM_RING;
	ps->free += free_now;
}

static struct hugepage_node *add_node(int id, uint64_t nr, uint64_t free_pages)
{
	struct hugepage_node *n = &snap->hugepages.nodes[snap->hugepages.nnodes++];

	n->id = id;
	n->has_meminfo = true;
	n->mem_total_kb = 64ULL << 20;
	n->nsizes = 1;
	n->sizes[0].page_kb = 2048;
	n->sizes[0].nr = nr;
	n->sizes[0].free = free_pages;
	return n;
}

static void tick(void)
{
	alerts_update(al, snap, &rates);
}

static struct alerts_summary summary(void)
{
	struct alerts_summary s;

	alerts_summary(al, &s);
	return s;
}

/* The newest log entry of a kind and subject. */
static bool logged(enum alert_kind kind, int subject, struct alert *out)
{
	for (size_t i = 0; i < alerts_log_count(al); i++) {
		ck_assert(alerts_log_get(al, i, out));
		if (out->kind == kind && out->subject == subject)
			return true;
	}
	return false;
}

/* The text of the active alert (kind, subject), or "" when none is active. */
static const char *active_text(enum alert_kind kind, int subject)
{
	static struct alert list[ALERT_MAX_ACTIVE];
	size_t n = alerts_active(al, list, ALERT_MAX_ACTIVE);

	for (size_t i = 0; i < n; i++)
		if (list[i].kind == kind && list[i].subject == subject)
			return list[i].text;
	return "";
}

START_TEST(quiet_target_no_alerts)
{
	for (int t = 0; t < 5; t++) {
		running(t);
		add_rate("bdev", 0, 0);
		pool(&snap->iobuf.small, UTIL_RESERVED, 100, 8192);
		add_node(0, 1024, 900);
		tick();
	}
	ck_assert_uint_eq(summary().active, 0);
	ck_assert(!summary().has_top);
	ck_assert_uint_eq(alerts_log_count(al), 0);
}
END_TEST

START_TEST(retries_raise_refresh_and_clear)
{
	struct alerts_summary s;
	struct alert a;
	uint64_t id;

	running(0);
	add_rate("accel", 0, 12);
	add_rate("bdev", 0, 148507);
	tick();
	s = summary();
	ck_assert_uint_eq(s.active, 1);
	ck_assert_uint_eq(s.critical, 1);
	ck_assert(s.new_critical);
	ck_assert(s.has_top);
	ck_assert_int_eq(s.top.kind, ALERT_RETRIES);
	ck_assert_int_eq(s.top.subject, ALERT_POOL_LARGE);
	ck_assert_int_eq(s.top.severity, ALERT_CRITICAL);
	ck_assert_str_eq(s.top.text, "LARGE POOL EXHAUSTED  bdev +148,507 retries/s");
	ck_assert_double_eq(s.top.start_wall, WALL0);
	ck_assert(s.top.active && !s.top.acked);
	id = s.top.id;

	/* still retrying: same alert, fresh text, not new */
	running(1);
	add_rate("accel", 0, 2000);
	add_rate("bdev", 0, 5);
	tick();
	s = summary();
	ck_assert_uint_eq(s.active, 1);
	ck_assert(!s.new_critical);
	ck_assert_uint_eq(s.top.id, id);
	ck_assert_str_eq(s.top.text, "LARGE POOL EXHAUSTED  accel +2,000 retries/s");
	ck_assert_double_eq(s.top.start_wall, WALL0);

	/* a tick without new retries ends it, with that tick's wall clock */
	running(2);
	add_rate("accel", 0, 0);
	add_rate("bdev", 0, 0);
	tick();
	ck_assert_uint_eq(summary().active, 0);
	ck_assert(logged(ALERT_RETRIES, ALERT_POOL_LARGE, &a));
	ck_assert(!a.active);
	ck_assert_uint_eq(a.id, id);
	ck_assert_double_eq(a.start_wall, WALL0);
	ck_assert_double_eq(a.end_wall, WALL0 + 2);
	ck_assert_str_eq(a.text, "LARGE POOL EXHAUSTED  accel +2,000 retries/s");

	/* retrying again is a new alert */
	running(3);
	add_rate("bdev", 0.5, 0);
	tick();
	s = summary();
	ck_assert(s.new_critical);
	ck_assert_int_eq(s.top.subject, ALERT_POOL_SMALL);
	ck_assert_str_eq(s.top.text, "SMALL POOL EXHAUSTED  bdev +0.5 retries/s");
	ck_assert_uint_ne(s.top.id, id);
	ck_assert_uint_eq(alerts_log_count(al), 2);
}
END_TEST

START_TEST(retries_aggregate_form)
{
	running(0);
	snap->iobuf.form = IOBUF_FORM_AGGREGATE;
	rates.large.retry = 2500;
	tick();
	ck_assert_str_eq(summary().top.text, "LARGE POOL EXHAUSTED  +2,500 retries/s");
}
END_TEST

START_TEST(retries_held_without_rates_ended_when_unreachable)
{
	running(0);
	add_rate("bdev", 7, 0);
	tick();
	ck_assert(alerts_is_active(al, ALERT_RETRIES, ALERT_POOL_SMALL));

	/* reachable, but no valid rates (e.g. forms differ): nothing seen, keep it */
	running(1);
	rates.valid = false;
	tick();
	ck_assert(alerts_is_active(al, ALERT_RETRIES, ALERT_POOL_SMALL));
	running(2);
	tick();
	alerts_update(al, snap, NULL);
	ck_assert(!alerts_is_active(al, ALERT_RETRIES, ALERT_POOL_SMALL));

	running(3);
	add_rate("bdev", 7, 0);
	tick();
	ck_assert(alerts_is_active(al, ALERT_RETRIES, ALERT_POOL_SMALL));
	/* unreachable: iobuf alerts end, the unreachable one starts */
	running(4);
	snap->state = TARGET_UNREACHABLE;
	tick();
	ck_assert(!alerts_is_active(al, ALERT_RETRIES, ALERT_POOL_SMALL));
	ck_assert(alerts_is_active(al, ALERT_UNREACHABLE, -1));
}
END_TEST

START_TEST(unreachable_raise_and_clear)
{
	struct alerts_summary s;
	struct alert a;

	running(0);
	snap->state = TARGET_UNREACHABLE;
	snprintf(snap->unreachable_reason, sizeof(snap->unreachable_reason),
		 "connect: No such file or directory");
	tick();
	s = summary();
	ck_assert_uint_eq(s.critical, 1);
	ck_assert(s.new_critical);
	ck_assert_int_eq(s.top.kind, ALERT_UNREACHABLE);
	ck_assert_int_eq(s.top.subject, -1);
	ck_assert_ptr_nonnull(strstr(s.top.text, "TARGET UNREACHABLE"));
	ck_assert_ptr_nonnull(strstr(s.top.text, "/var/tmp/spdk.sock"));
	ck_assert_ptr_nonnull(strstr(s.top.text, "connect: No such file or directory"));

	running(1);
	snap->state = TARGET_UNREACHABLE;
	snprintf(snap->unreachable_reason, sizeof(snap->unreachable_reason), "timeout after 1 s");
	tick();
	s = summary();
	ck_assert(!s.new_critical);
	ck_assert_ptr_nonnull(strstr(s.top.text, "timeout after 1 s"));

	running(2);
	snap->state = TARGET_STARTUP;
	snap->iobuf.form = IOBUF_FORM_NONE;
	tick();
	ck_assert_uint_eq(summary().active, 0);
	ck_assert(logged(ALERT_UNREACHABLE, -1, &a));
	ck_assert_double_eq(a.end_wall, WALL0 + 2);
}
END_TEST

/* Answered, nothing collected (garbage, an HTTP server, errors): not "OK no active alerts". */
START_TEST(no_iobuf_raise_and_clear)
{
	struct alerts_summary s;
	struct alert a;

	running(0);
	snap->state = TARGET_UNKNOWN;
	snap->iobuf.form = IOBUF_FORM_NONE;
	mt_errlist_add(&snap->errors, "rpc_get_methods: reply is not JSON (bad byte 0x48)");
	mt_errlist_add(&snap->errors, "iobuf_get_stats: SPDK error -32601: Method not found");
	tick();
	s = summary();
	ck_assert_uint_eq(s.active, 1);
	ck_assert_uint_eq(s.critical, 1);
	ck_assert(s.new_critical);
	ck_assert_int_eq(s.top.kind, ALERT_NO_IOBUF);
	ck_assert_str_eq(alert_kind_name(ALERT_NO_IOBUF), "no_iobuf");
	/* The iobuf_get_stats error is the one that says why, not the first one. */
	ck_assert_str_eq(s.top.text, "NO IOBUF DATA  /var/tmp/spdk.sock: "
		       "iobuf_get_stats: SPDK error -32601: Method not found");

	/* Running but the reply still undecodable: the same alert, the first error as reason. */
	running(1);
	snap->iobuf.form = IOBUF_FORM_NONE;
	mt_errlist_add(&snap->errors, "framework_get_config: reply is not JSON (bad byte 0x01)");
	tick();
	s = summary();
	ck_assert(!s.new_critical);
	ck_assert_ptr_nonnull(strstr(s.top.text, "framework_get_config: reply is not JSON"));

	/* Unreachable and --wait-for-rpc startup have their own story: no such alert. */
	running(2);
	snap->state = TARGET_UNREACHABLE;
	snap->iobuf.form = IOBUF_FORM_NONE;
	tick();
	ck_assert(!alerts_is_active(al, ALERT_NO_IOBUF, -1));
	running(3);
	snap->state = TARGET_STARTUP;
	snap->iobuf.form = IOBUF_FORM_NONE;
	tick();
	ck_assert_uint_eq(summary().active, 0);
	ck_assert(logged(ALERT_NO_IOBUF, -1, &a));
	ck_assert_double_eq(a.end_wall, WALL0 + 2);

	/* And data again clears it. */
	running(4);
	snap->state = TARGET_UNKNOWN;
	snap->iobuf.form = IOBUF_FORM_NONE;
	tick();
	ck_assert(alerts_is_active(al, ALERT_NO_IOBUF, -1));
	running(5);
	tick();
	ck_assert_uint_eq(summary().active, 0);
}
END_TEST

START_TEST(pool_util_exact_and_pinned)
{
	struct alert list[8];
	size_t n;

	running(0);
	pool(&snap->iobuf.small, UTIL_EXACT, 7618, 8192);     /* 93% */
	pool(&snap->iobuf.large, UTIL_RESERVED, 974, 1024);     /* 95% */
	tick();
	n = alerts_active(al, list, 8);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(summary().warning, 2);
	ck_assert(!summary().new_critical);
	ck_assert(alerts_is_active(al, ALERT_POOL_UTIL, ALERT_POOL_SMALL));
	ck_assert(alerts_is_active(al, ALERT_POOL_RESERVED, ALERT_POOL_LARGE));
	ck_assert(!alerts_is_active(al, ALERT_POOL_UTIL, ALERT_POOL_LARGE));
	ck_assert(!alerts_is_active(al, ALERT_POOL_RESERVED, ALERT_POOL_SMALL));
	for (size_t i = 0; i < n; i++) {
		if (list[i].kind == ALERT_POOL_UTIL)
			ck_assert_str_eq(list[i].text,
					 "SMALL POOL 93% USED  7,618 of 8,192 buffers");
		else
			ck_assert_str_eq(list[i].text,
					 "LARGE POOL 95% RESERVED BY CACHES (CONFIGURED)  974 of 1,024");
	}

	/* exactly at the threshold counts; just under does not */
	running(1);
	pool(&snap->iobuf.small, UTIL_EXACT, 9, 10);
	pool(&snap->iobuf.large, UTIL_RESERVED, 921, 1024);     /* 89.9% */
	tick();
	ck_assert(alerts_is_active(al, ALERT_POOL_UTIL, ALERT_POOL_SMALL));
	ck_assert(!alerts_is_active(al, ALERT_POOL_RESERVED, ALERT_POOL_LARGE));

	/* unknown utilization raises nothing and clears */
	running(2);
	tick();
	ck_assert_uint_eq(summary().active, 0);

	/* thresholds are settable */
	struct alert_thresholds th;
	alerts_get_thresholds(al, &th);
	ck_assert_double_eq(th.pool_pct, 90);
	th.pool_pct = 50;
	alerts_set_thresholds(al, &th);
	running(3);
	pool(&snap->iobuf.small, UTIL_EXACT, 6, 10);
	tick();
	ck_assert(alerts_is_active(al, ALERT_POOL_UTIL, ALERT_POOL_SMALL));
}
END_TEST

START_TEST(hugepages_low_per_node)
{
	struct alerts_summary s;

	running(0);
	add_node(0, 1024, 51);     /* 4.98% free */
	add_node(1, 0, 0);         /* no hugepages: never "low" */
	add_node(2, 1024, 1024);
	tick();
	s = summary();
	ck_assert(alerts_is_active(al, ALERT_HUGEPAGES_LOW, 0));
	ck_assert(!alerts_is_active(al, ALERT_HUGEPAGES_LOW, 1));
	ck_assert(!alerts_is_active(al, ALERT_HUGEPAGES_LOW, 2));
	ck_assert_int_eq(s.top.severity, ALERT_WARNING);
	ck_assert_str_eq(s.top.text, "NODE 0 HUGEPAGES LOW  5.0% free (102 MiB of 2.0 GiB)");

	/* hugepages are local data: still judged while the target is unreachable */
	running(1);
	snap->state = TARGET_UNREACHABLE;
	add_node(0, 1024, 51);
	add_node(1, 0, 0);
	add_node(2, 1024, 50);
	tick();
	ck_assert(alerts_is_active(al, ALERT_HUGEPAGES_LOW, 0));
	ck_assert(alerts_is_active(al, ALERT_HUGEPAGES_LOW, 2));

	running(2);
	add_node(0, 1024, 103);    /* 10.06% */
	add_node(1, 0, 0);
	add_node(2, 1024, 50);
	tick();
	ck_assert(!alerts_is_active(al, ALERT_HUGEPAGES_LOW, 0));
	ck_assert(alerts_is_active(al, ALERT_HUGEPAGES_LOW, 2));
}
END_TEST

START_TEST(imbalance_one_two_four_nodes)
{
	struct alert a;

	/* one node: nothing to compare */
	running(0);
	add_node(0, 4096, 4096);
	tick();
	ck_assert_uint_eq(summary().active, 0);

	/* two nodes 1024/512: mean 768, both 33% off */
	running(1);
	add_node(0, 1024, 1024);
	add_node(1, 512, 512);
	tick();
	ck_assert(alerts_is_active(al, ALERT_NUMA_IMBALANCE, 0));
	ck_assert(alerts_is_active(al, ALERT_NUMA_IMBALANCE, 1));
	ck_assert(logged(ALERT_NUMA_IMBALANCE, 1, &a));
	ck_assert_str_eq(a.text, "NODE 1 HUGEPAGES IMBALANCED  1.0 GiB vs mean 1.5 GiB (-33%)");

	/* two nodes 1024/900: mean 962, 6% off: clears */
	running(2);
	add_node(0, 1024, 1024);
	add_node(1, 900, 900);
	tick();
	ck_assert_uint_eq(summary().active, 0);

	/* four nodes, one short: mean 896, node 3 is -43%, the others +14% */
	running(3);
	add_node(0, 1024, 1024);
	add_node(1, 1024, 1024);
	add_node(2, 1024, 1024);
	add_node(3, 512, 512);
	tick();
	ck_assert_uint_eq(summary().active, 1);
	ck_assert(alerts_is_active(al, ALERT_NUMA_IMBALANCE, 3));

	/* a memoryless node has nothing to place hugepages on: left out of the mean */
	running(4);
	add_node(0, 1024, 1024);
	add_node(1, 1024, 1024);
	add_node(2, 0, 0)->memoryless = true;
	tick();
	ck_assert_uint_eq(summary().active, 0);

	/* a node with memory but no hugepages at all is the imbalance */
	running(5);
	add_node(0, 2048, 2048);
	add_node(1, 0, 0);
	tick();
	ck_assert(alerts_is_active(al, ALERT_NUMA_IMBALANCE, 0));
	ck_assert(alerts_is_active(al, ALERT_NUMA_IMBALANCE, 1));
	ck_assert(!alerts_is_active(al, ALERT_HUGEPAGES_LOW, 1));
}
END_TEST

START_TEST(ack_semantics)
{
	struct alerts_summary s;
	struct alert list[8];

	running(0);
	add_rate("bdev", 0, 10);
	pool(&snap->iobuf.small, UTIL_EXACT, 95, 100);
	tick();
	s = summary();
	ck_assert_uint_eq(s.unacked_critical, 1);
	alerts_ack(al);
	s = summary();
	ck_assert_uint_eq(s.unacked_critical, 0);
	ck_assert_uint_eq(s.critical, 1);
	ck_assert(s.top.acked);
	ck_assert_str_eq(s.top.text, "LARGE POOL EXHAUSTED  bdev +10 retries/s");
	/* warnings are not acknowledged */
	ck_assert_uint_eq(alerts_active(al, list, 8), 2);
	ck_assert(!list[1].acked);

	/* still active: stays acked, text refreshed */
	running(1);
	add_rate("bdev", 0, 20);
	tick();
	s = summary();
	ck_assert(s.top.acked);
	ck_assert_uint_eq(s.unacked_critical, 0);
	ck_assert_str_eq(s.top.text, "LARGE POOL EXHAUSTED  bdev +20 retries/s");

	/* a new critical alert is unacked and flagged new */
	running(2);
	add_rate("bdev", 3, 20);
	tick();
	s = summary();
	ck_assert(s.new_critical);
	ck_assert_uint_eq(s.critical, 2);
	ck_assert_uint_eq(s.unacked_critical, 1);

	/* new_critical lasts one update only */
	running(3);
	add_rate("bdev", 3, 20);
	tick();
	ck_assert(!summary().new_critical);

	/* after it clears and comes back, unacked again */
	running(4);
	tick();
	running(5);
	add_rate("bdev", 0, 1);
	tick();
	s = summary();
	ck_assert(s.new_critical);
	ck_assert(!s.top.acked);
}
END_TEST

START_TEST(order_severity_then_age)
{
	struct alert list[8];
	struct alerts_summary s;
	size_t n;

	running(0);
	add_node(0, 1024, 10);                                /* warning, oldest */
	tick();
	running(1);
	add_node(0, 1024, 10);
	add_rate("bdev", 0, 9);                               /* critical, newer */
	tick();
	running(2);
	add_node(0, 1024, 10);
	add_rate("bdev", 0, 9);
	snap->state = TARGET_RUNNING;
	pool(&snap->iobuf.small, UTIL_EXACT, 99, 100);        /* warning, newest */
	add_rate("bdev", 4, 0);                               /* critical, newest */
	tick();
	n = alerts_active(al, list, 8);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(list[0].severity, ALERT_CRITICAL);
	ck_assert_int_eq(list[0].subject, ALERT_POOL_LARGE);  /* older critical first */
	ck_assert_int_eq(list[1].severity, ALERT_CRITICAL);
	ck_assert_int_eq(list[1].subject, ALERT_POOL_SMALL);
	ck_assert_int_eq(list[2].kind, ALERT_HUGEPAGES_LOW);
	ck_assert_int_eq(list[3].kind, ALERT_POOL_UTIL);
	s = summary();
	ck_assert_uint_eq(s.others, 3);
	ck_assert_uint_eq(s.top.id, list[0].id);
	/* a short caller array gets the most important ones */
	ck_assert_uint_eq(alerts_active(al, list, 1), 1);
	ck_assert_int_eq(list[0].subject, ALERT_POOL_LARGE);
}
END_TEST

START_TEST(log_is_bounded_newest_first)
{
	struct alert a;

	for (int i = 0; i < 2 * ALERT_LOG_MAX + 3; i++) {
		running(2 * i);
		add_rate("bdev", 1, 0);
		tick();
		running(2 * i + 1);
		tick();
	}
	ck_assert_uint_eq(alerts_log_count(al), ALERT_LOG_MAX);
	ck_assert(alerts_log_get(al, 0, &a));
	ck_assert_double_eq(a.start_wall, WALL0 + 2 * (2 * ALERT_LOG_MAX + 2));
	ck_assert_double_eq(a.end_wall, a.start_wall + 1);
	ck_assert(alerts_log_get(al, ALERT_LOG_MAX - 1, &a));
	ck_assert_double_eq(a.start_wall, WALL0 + 2 * (ALERT_LOG_MAX + 3));
	ck_assert(!alerts_log_get(al, ALERT_LOG_MAX, &a));
	ck_assert_str_eq(alert_kind_name(ALERT_LEAK), "leak");
	ck_assert_str_eq(alert_severity_name(ALERT_CRITICAL), "critical");
}
END_TEST

/* ---- leak detection --------------------------------------------------- */

/* Deterministic noise in [-1, 1]. */
static double noise(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return ((double)((*state >> 8) % 2001) - 1000.0) / 1000.0;
}

/* One tick at t with the small pool's exact `used`. */
static void leak_tick(double t, uint64_t used)
{
	running(t);
	pool(&snap->iobuf.small, UTIL_EXACT, used, 8192);
	tick();
}

START_TEST(leak_detected_after_window)
{
	struct alert a;
	double first_alert = -1;

	/* 12 minutes at 1 s ticks: +1 buffer every 2 s, a dip now and then */
	for (int t = 0; t <= 720; t++) {
		uint64_t used = 1000 + (uint64_t)(t / 2);

		if (t % 37 == 0 && t > 0)
			used -= 1;           /* 1 in 37 steps goes down: still steady */
		leak_tick(t, used);
		if (first_alert < 0 && alerts_is_active(al, ALERT_LEAK, ALERT_POOL_SMALL))
			first_alert = t;
	}
	/* not before the window is covered, soon after */
	ck_assert_double_ge(first_alert, 600);
	ck_assert_double_le(first_alert, 602);
	ck_assert(logged(ALERT_LEAK, ALERT_POOL_SMALL, &a));
	ck_assert_int_eq(a.severity, ALERT_WARNING);
	ck_assert_str_eq(a.text, "SMALL POOL ALLOCATIONS RISING  +300 buffers in 10 min");
	ck_assert(!alerts_is_active(al, ALERT_LEAK, ALERT_POOL_LARGE));

	/* allocations fall back: the leak alert ends */
	leak_tick(721, 900);
	ck_assert(!alerts_is_active(al, ALERT_LEAK, ALERT_POOL_SMALL));
}
END_TEST

START_TEST(leak_not_for_noisy_flat)
{
	unsigned seed = 42;

	for (int t = 0; t <= 1500; t++) {
		leak_tick(t, (uint64_t)llround(4000 + 50 * noise(&seed)));
		ck_assert(!alerts_is_active(al, ALERT_LEAK, ALERT_POOL_SMALL));
	}
	/* perfectly flat: non-decreasing, but no growth */
	for (int t = 1501; t <= 2400; t++) {
		leak_tick(t, 4000);
		ck_assert(!alerts_is_active(al, ALERT_LEAK, ALERT_POOL_SMALL));
	}
}
END_TEST

START_TEST(leak_not_for_noisy_rise_or_one_step)
{
	unsigned seed = 3;

	/* rising, but half the steps go down: not steady */
	for (int t = 0; t <= 900; t++) {
		leak_tick(t, (uint64_t)llround(1000 + t * 0.2 + 20 * noise(&seed)));
		ck_assert(!alerts_is_active(al, ALERT_LEAK, ALERT_POOL_SMALL));
	}
	/* caches warming up once: one step, then flat */
	for (int t = 901; t <= 2400; t++) {
		leak_tick(t, t < 1200 ? 500 : 800);
		ck_assert(!alerts_is_active(al, ALERT_LEAK, ALERT_POOL_SMALL));
	}
}
END_TEST

START_TEST(leak_window_restarts_after_gap)
{
	int t;

	for (t = 0; t < 400; t++)
		leak_tick(t, 1000 + (uint64_t)t);
	running(t++);
	pool(&snap->iobuf.small, UTIL_EXACT, 1400, 8192);   /* stale values must not count */
	snap->state = TARGET_UNREACHABLE;
	tick();
	/* rising on for 9.9 more minutes: the gap may hide a restart, no alert yet */
	for (int k = 0; k < 594; k++, t++) {
		leak_tick(t, 2000 + (uint64_t)k);
		ck_assert(!alerts_is_active(al, ALERT_LEAK, ALERT_POOL_SMALL));
	}
	for (int k = 0; k < 10; k++, t++)
		leak_tick(t, 3000 + (uint64_t)k);
	ck_assert(alerts_is_active(al, ALERT_LEAK, ALERT_POOL_SMALL));
}
END_TEST

START_TEST(leak_pinned_slow_ticks)
{
	/* 5 s ticks for 15 minutes, pinned buffers growing by 32 every 30 s (channel leak) */
	bool seen = false;

	for (int t = 0; t <= 900; t += 5) {
		running(t);
		pool(&snap->iobuf.large, UTIL_RESERVED, 64 + 32 * (uint64_t)(t / 30), 1024);
		tick();
		if (alerts_is_active(al, ALERT_LEAK, ALERT_POOL_LARGE)) {
			ck_assert_int_ge(t, 600);
			seen = true;
		}
	}
	ck_assert(seen);
	ck_assert_ptr_nonnull(strstr(summary().top.text, "LARGE POOL CACHE RESERVATION RISING"));
}
END_TEST

/* Retries with a full batch free in the ring read: the exact figure is called in doubt. */
START_TEST(ring_doubt_when_retries_meet_a_full_ring)
{
	struct alert a;

	running(0);
	add_rate("bdev", 0, 150000);
	pool(&snap->iobuf.large, UTIL_EXACT, 1024, 1024);
	snap->iobuf.large.util_source = UTIL_FROM_RING;
	snap->iobuf.large.free = 0;
	tick();
	ck_assert(alerts_is_active(al, ALERT_RETRIES, ALERT_POOL_LARGE));
	ck_assert(!alerts_is_active(al, ALERT_RING_DOUBT, ALERT_POOL_LARGE));   /* dry and empty */

	running(1);
	add_rate("bdev", 0, 150000);
	pool(&snap->iobuf.large, UTIL_EXACT, 24, 1024);
	snap->iobuf.large.util_source = UTIL_FROM_RING;
	snap->iobuf.large.free = 1000;
	tick();
	ck_assert(alerts_is_active(al, ALERT_RING_DOUBT, ALERT_POOL_LARGE));
	ck_assert(logged(ALERT_RING_DOUBT, ALERT_POOL_LARGE, &a));
	ck_assert_str_eq(a.text,
			 "LARGE POOL RETRIES WITH 1,000 FREE IN THE RING  exact figure in doubt");
	ck_assert_int_eq(a.severity, ALERT_WARNING);

	/* The aggregate form's exact figure is the target's word, not our read: no doubt. */
	running(2);
	add_rate("bdev", 0, 150000);
	pool(&snap->iobuf.large, UTIL_EXACT, 24, 1024);
	snap->iobuf.large.util_source = UTIL_FROM_AGGREGATE;
	snap->iobuf.large.free = 1000;
	tick();
	ck_assert(!alerts_is_active(al, ALERT_RING_DOUBT, ALERT_POOL_LARGE));
}
END_TEST

/*
 * Rings per NUMA node: one dry node explains the retries while another's
 * ring is full, so only every ring holding more than a batch is in doubt.
 */
START_TEST(ring_doubt_only_when_every_node_has_a_batch)
{
	running(0);
	add_rate("bdev", 0, 150000);
	ring(0, true, 1024, 0);
	ring(1, true, 1024, 1024);
	ck_assert_uint_eq(snap->iobuf.large.free, 1024);     /* the sum: a full ring's worth */
	tick();
	ck_assert(alerts_is_active(al, ALERT_RETRIES, ALERT_POOL_LARGE));
	ck_assert(!alerts_is_active(al, ALERT_RING_DOUBT, ALERT_POOL_LARGE));

	/* node 0 holds a batch too, exactly: still explainable */
	running(1);
	add_rate("bdev", 0, 150000);
	ring(0, true, 1024, 32);
	ring(1, true, 1024, 1024);
	tick();
	ck_assert(!alerts_is_active(al, ALERT_RING_DOUBT, ALERT_POOL_LARGE));

	running(2);
	add_rate("bdev", 0, 150000);
	ring(0, true, 1024, 33);
	ring(1, true, 1024, 1024);
	tick();
	ck_assert_str_eq(active_text(ALERT_RING_DOUBT, ALERT_POOL_LARGE),
			 "LARGE POOL RETRIES WITH AT LEAST 33 FREE IN EVERY NODE'S RING  "
			 "exact figure in doubt");

	/* one ring: its own free, as before */
	running(3);
	add_rate("bdev", 0, 150000);
	ring(0, true, 1024, 500);
	tick();
	ck_assert_str_eq(active_text(ALERT_RING_DOUBT, ALERT_POOL_LARGE),
			 "LARGE POOL RETRIES WITH 500 FREE IN THE RING  exact figure in doubt");
}
END_TEST

/* Rings per NUMA node: the pool alert judges the fullest node, not the sum, and names it. */
START_TEST(pool_util_judges_the_fullest_node)
{
	running(0);
	ring(0, false, 8192, 0);
	ring(1, false, 8192, 8192);
	ck_assert_double_eq_tol(snap->iobuf.small.util, 0.5, 1e-9);   /* the sum: half */
	tick();
	ck_assert_uint_eq(summary().active, 1);
	ck_assert_str_eq(active_text(ALERT_POOL_UTIL, ALERT_POOL_SMALL),
			 "SMALL POOL NODE 0 100% USED  8,192 of 8,192 buffers (fullest of 2 nodes)");

	/* the other node, three nodes: the fullest is named */
	running(1);
	ring(0, false, 8192, 8192);
	ring(1, false, 8192, 400);
	ring(2, false, 8192, 4096);
	tick();
	ck_assert_uint_eq(summary().active, 1);
	ck_assert_str_eq(active_text(ALERT_POOL_UTIL, ALERT_POOL_SMALL),
			 "SMALL POOL NODE 1 95% USED  7,792 of 8,192 buffers (fullest of 3 nodes)");

	/* no node over the threshold, even where the sum would be with a lying summary */
	running(2);
	ring(0, false, 8192, 1000);
	ring(1, false, 8192, 1000);
	snap->iobuf.small.util = 0.99;
	tick();
	ck_assert(!alerts_is_active(al, ALERT_POOL_UTIL, ALERT_POOL_SMALL));
}
END_TEST

/* SPDK's heap on a node whose largest free block cannot hold one large buffer. */
static void heaps(uint64_t greatest0, uint64_t greatest1)
{
	snap->iobuf.opts = (struct iobuf_options){ true, 8192, 1024, 8192, 135168, false };
	snap->heaps.state = HEAPS_READ;
	snap->heaps.n = 2;
	snap->heaps.heaps[0] = (struct spdk_heap){ 0, 819986432ull, 11711168, 808275264ull,
						   greatest0, 107, 15 };
	snap->heaps.heaps[1] = (struct spdk_heap){ 1, 4194304, 2097152, 2097152, greatest1, 3,
						   1 };
}

START_TEST(heap_block_below_a_large_buffer)
{
	struct alert a;

	running(0);
	heaps(1048448, 2097152);
	tick();
	ck_assert(!alerts_is_active(al, ALERT_HEAP_BLOCK, 0));
	ck_assert(!alerts_is_active(al, ALERT_HEAP_BLOCK, 1));

	running(1);
	heaps(1048448, 65536);
	tick();
	ck_assert(!alerts_is_active(al, ALERT_HEAP_BLOCK, 0));
	ck_assert(alerts_is_active(al, ALERT_HEAP_BLOCK, 1));
	ck_assert(logged(ALERT_HEAP_BLOCK, 1, &a));
	ck_assert_str_eq(a.text, "NODE 1 SPDK HEAP SHORT  largest free block 64 KiB < one large "
				 "buffer 132 KiB");
	ck_assert_int_eq(a.severity, ALERT_WARNING);
	ck_assert_str_eq(alert_kind_name(ALERT_HEAP_BLOCK), "heap_block");

	/* The same size as a buffer fits it. */
	running(2);
	heaps(1048448, 135168);
	tick();
	ck_assert(!alerts_is_active(al, ALERT_HEAP_BLOCK, 1));

	/* Not read, or no pool size known: nothing to compare. */
	running(3);
	heaps(0, 0);
	snap->heaps.state = HEAPS_UNAVAILABLE;
	tick();
	ck_assert(!alerts_is_active(al, ALERT_HEAP_BLOCK, 0));
	running(4);
	heaps(0, 0);
	snap->iobuf.opts.valid = false;
	tick();
	ck_assert(!alerts_is_active(al, ALERT_HEAP_BLOCK, 0));
	/* Unreachable: the last dump is not observed now. */
	running(5);
	heaps(0, 0);
	snap->state = TARGET_UNREACHABLE;
	tick();
	ck_assert(!alerts_is_active(al, ALERT_HEAP_BLOCK, 0));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("alerts");
	TCase *rules = tcase_create("rules");
	TCase *leak = tcase_create("leak");

	tcase_add_checked_fixture(rules, setup, teardown);
	tcase_add_test(rules, quiet_target_no_alerts);
	tcase_add_test(rules, heap_block_below_a_large_buffer);
	tcase_add_test(rules, retries_raise_refresh_and_clear);
	tcase_add_test(rules, retries_aggregate_form);
	tcase_add_test(rules, retries_held_without_rates_ended_when_unreachable);
	tcase_add_test(rules, unreachable_raise_and_clear);
	tcase_add_test(rules, no_iobuf_raise_and_clear);
	tcase_add_test(rules, pool_util_exact_and_pinned);
	tcase_add_test(rules, ring_doubt_when_retries_meet_a_full_ring);
	tcase_add_test(rules, ring_doubt_only_when_every_node_has_a_batch);
	tcase_add_test(rules, pool_util_judges_the_fullest_node);
	tcase_add_test(rules, hugepages_low_per_node);
	tcase_add_test(rules, imbalance_one_two_four_nodes);
	tcase_add_test(rules, ack_semantics);
	tcase_add_test(rules, order_severity_then_age);
	tcase_add_test(rules, log_is_bounded_newest_first);
	suite_add_tcase(s, rules);
	tcase_add_checked_fixture(leak, setup, teardown);
	tcase_add_test(leak, leak_detected_after_window);
	tcase_add_test(leak, leak_not_for_noisy_flat);
	tcase_add_test(leak, leak_not_for_noisy_rise_or_one_step);
	tcase_add_test(leak, leak_window_restarts_after_gap);
	tcase_add_test(leak, leak_pinned_slow_ticks);
	suite_add_tcase(s, leak);
	return run_suite(s);
}
