/*
 * The simulator's workload model: a pure function of scenario, options,
 * seed and time.  Checks the shapes the dashboard must show: idle zeros as
 * recorded, steady growth, ~150k retries per second in exhaustion with the
 * large pool empty unless it holds bdevperf's demand, churn dropping to 0,
 * alloc + available = pool count.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "sim_model.h"

static struct sim_pool_opts defaults(void)
{
	struct sim_pool_opts o;

	sim_pool_opts_default(&o);
	return o;
}

static uint64_t sum_field(const struct sim_stats *s, int large, int field)
{
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < s->nmodules; i++) {
		const struct sim_module_counters *m = &s->modules[i];
		const struct sim_pool_counters *p = large ? &m->large : &m->small;
		uint64_t v[4] = { p->cache, p->main, p->retry, p->cache_size };

		total += v[field];
	}
	return total;
}

START_TEST(scenario_names)
{
	enum sim_scenario s;

	ck_assert_int_eq(sim_scenario_parse("idle", &s), 0);
	ck_assert_int_eq(s, SIM_SCENARIO_IDLE);
	ck_assert_int_eq(sim_scenario_parse("exhaustion", &s), 0);
	ck_assert_int_eq(s, SIM_SCENARIO_EXHAUSTION);
	ck_assert_int_eq(sim_scenario_parse("churn", &s), 0);
	ck_assert_str_eq(sim_scenario_name(s), "churn");
	ck_assert_int_eq(sim_scenario_parse("Idle", &s), -1);
	ck_assert_int_eq(sim_scenario_parse("", &s), -1);
}
END_TEST

START_TEST(idle_is_the_recorded_target)
{
	struct sim_pool_opts o = defaults();
	struct sim_stats s;
	int f;

	sim_model_compute(SIM_SCENARIO_IDLE, &o, 1, 123.4, &s);
	ck_assert_uint_eq(s.nmodules, 2);
	ck_assert_str_eq(s.modules[0].name, "accel");
	ck_assert_str_eq(s.modules[1].name, "bdev");
	for (f = 0; f < 4; f++) {
		ck_assert_uint_eq(sum_field(&s, 0, f), 0);
		ck_assert_uint_eq(sum_field(&s, 1, f), 0);
	}
	ck_assert_uint_eq(s.small.alloc_count, 0);
	ck_assert_uint_eq(s.small.available_count, 8192);
	ck_assert_uint_eq(s.large.available_count, 1024);
}
END_TEST

START_TEST(steady_grows_without_retries)
{
	struct sim_pool_opts o = defaults();
	struct sim_stats a, b;
	size_t i;

	sim_model_compute(SIM_SCENARIO_STEADY, &o, 7, 0.0, &a);
	ck_assert_uint_eq(a.nmodules, 3);
	ck_assert_str_eq(a.modules[2].name, "nvmf_TCP");
	ck_assert_uint_eq(sum_field(&a, 0, 0), 0);
	sim_model_compute(SIM_SCENARIO_STEADY, &o, 7, 10.0, &b);
	for (i = 0; i < 3; i++) {
		const struct sim_module_counters *m = &b.modules[i];

		ck_assert_uint_gt(m->small.cache, 0);
		ck_assert_uint_gt(m->small.main, 0);
		/* Refills come in batches: far fewer than cache hits. */
		ck_assert_uint_lt(m->small.main * 10, m->small.cache);
		ck_assert_uint_eq(m->small.retry, 0);
		ck_assert_uint_eq(m->large.retry, 0);
		ck_assert_uint_eq(m->small.cache_size, 128);
		ck_assert_uint_eq(m->large.cache_size, 16);
	}
	/* Rates of tens of thousands per second, not a toy trickle. */
	ck_assert_uint_gt(b.modules[1].small.cache, 10 * 40000);
	ck_assert_uint_lt(b.modules[1].small.cache, 10 * 80000);
}
END_TEST

START_TEST(steady_never_decreases)
{
	struct sim_pool_opts o = defaults();
	struct sim_stats prev, cur;
	double t;
	int f;

	sim_model_compute(SIM_SCENARIO_STEADY, &o, 3, 0.0, &prev);
	for (t = 0.05; t < 30.0; t += 0.05) {
		sim_model_compute(SIM_SCENARIO_STEADY, &o, 3, t, &cur);
		for (f = 0; f < 2; f++) {
			ck_assert_uint_ge(sum_field(&cur, 0, f), sum_field(&prev, 0, f));
			ck_assert_uint_ge(sum_field(&cur, 1, f), sum_field(&prev, 1, f));
		}
		prev = cur;
	}
}
END_TEST

START_TEST(exhaustion_retries_150k_per_second)
{
	struct sim_pool_opts o = defaults();
	struct sim_stats a, b;
	double rate;
	uint64_t seed;

	for (seed = 1; seed < 6; seed++) {
		sim_model_compute(SIM_SCENARIO_EXHAUSTION, &o, seed, 4.0, &a);
		sim_model_compute(SIM_SCENARIO_EXHAUSTION, &o, seed, 9.0, &b);
		rate = (double)(b.modules[1].large.retry - a.modules[1].large.retry) / 5.0;
		ck_assert_msg(rate > 140000.0 && rate < 160000.0, "seed %llu: %.0f retries/s",
			      (unsigned long long)seed, rate);
		/* Only bdev's large pool waits; main stays small, caches 8/1. */
		ck_assert_uint_eq(b.modules[1].large.main, 6);
		ck_assert_uint_eq(b.modules[1].large.cache, 1);
		ck_assert_uint_eq(b.modules[1].small.retry, 0);
		ck_assert_uint_eq(b.modules[0].large.retry, 0);
		ck_assert_uint_eq(b.modules[2].large.retry, 0);
		ck_assert_uint_eq(b.modules[0].small.cache_size, 8);
		ck_assert_uint_eq(b.modules[0].large.cache_size, 1);
		/* The aggregate form: the large pool is empty. */
		ck_assert_uint_eq(b.large.available_count, 0);
		ck_assert_uint_eq(b.large.alloc_count, 1024);
		ck_assert_uint_eq(b.large.retry_count, b.modules[1].large.retry);
		ck_assert_uint_gt(b.small.available_count, 0);
	}
}
END_TEST

START_TEST(exhaustion_on_the_recorded_64_8_pool)
{
	struct sim_pool_opts o = defaults();
	struct sim_stats s;

	o.small_pool_count = 64;
	o.large_pool_count = 8;
	sim_model_compute(SIM_SCENARIO_EXHAUSTION, &o, 1, 10.0, &s);
	ck_assert_uint_eq(s.large.alloc_count, 8);
	ck_assert_uint_eq(s.large.available_count, 0);
	ck_assert_uint_eq(s.small.alloc_count + s.small.available_count, 64);
	/* Recorded after ~10 s: 1,449,905.  Same order, within 10 %. */
	ck_assert_uint_gt(s.modules[1].large.retry, 1350000);
	ck_assert_uint_lt(s.modules[1].large.retry, 1650000);
}
END_TEST

/*
 * enable_numa on two nodes: node 0 carries the load and runs dry, node 1
 * holds its pool less its caches; cache_size is summed over the nodes.
 */
START_TEST(numa_exhaustion_drains_node_0)
{
	struct sim_pool_opts o = defaults();
	struct sim_stats one, s;

	sim_model_compute(SIM_SCENARIO_EXHAUSTION, &o, 1, 10.0, &s);
	one = s;
	ck_assert_uint_eq(s.nnodes, 1);
	ck_assert_uint_eq(s.node_large[0].available_count, s.large.available_count);
	sim_model_numa(&s, 1);                  /* one node: nothing changes */
	ck_assert_mem_eq(&s, &one, sizeof(s));
	sim_model_numa(&s, 2);
	ck_assert_uint_eq(s.nnodes, 2);
	ck_assert_uint_eq(s.node_large[0].available_count, 0);
	ck_assert_uint_eq(s.node_large[0].alloc_count, 1024);
	ck_assert_uint_eq(s.node_large[1].available_count, 1024 - 3);
	ck_assert_uint_eq(s.node_large[1].retry_count, 0);
	ck_assert_uint_eq(s.node_small[1].available_count, 8192 - 24);
	ck_assert_uint_eq(s.large.alloc_count + s.large.available_count, 2 * 1024);
	ck_assert_uint_eq(s.large.available_count, 1021);
	ck_assert_uint_eq(s.large.retry_count, one.large.retry_count);
	ck_assert_uint_eq(s.large.cache_count, 6);
	ck_assert_uint_eq(s.modules[1].large.cache_size, 2);
	ck_assert_uint_eq(s.modules[1].small.cache_size, 16);
	ck_assert_uint_eq(s.modules[1].large.retry, one.modules[1].large.retry);
	/* idle: every node's pool full */
	sim_model_compute(SIM_SCENARIO_IDLE, &o, 1, 10.0, &s);
	sim_model_numa(&s, 4);
	for (int k = 0; k < 4; k++) {
		ck_assert_uint_eq(s.node_small[k].available_count, 8192);
		ck_assert_uint_eq(s.node_large[k].available_count, 1024);
	}
	ck_assert_uint_eq(s.small.available_count, 4 * 8192);
}
END_TEST

/* 16 jobs x QD128 = 2048 large buffers in flight, plus 3 caches of 1: 2051 is enough. */
START_TEST(exhaustion_stops_when_the_large_pool_holds_the_demand)
{
	struct sim_pool_opts o = defaults();
	struct sim_stats a, b;

	ck_assert_uint_eq(SIM_EXHAUST_LARGE_DEMAND, 2048);
	ck_assert_uint_eq(sim_model_exhaustion_threshold(&o), 2051);
	/* One short: dry, retrying, as at the default 1024. */
	o.large_pool_count = 2050;
	sim_model_compute(SIM_SCENARIO_EXHAUSTION, &o, 1, 10.0, &b);
	ck_assert_uint_gt(b.modules[1].large.retry, 1000000);
	ck_assert_uint_eq(b.large.available_count, 0);
	/* Just enough: no retry, nothing spare. */
	o.large_pool_count = 2051;
	sim_model_compute(SIM_SCENARIO_EXHAUSTION, &o, 1, 10.0, &b);
	ck_assert_uint_eq(b.large.retry_count, 0);
	ck_assert_uint_eq(b.large.available_count, 0);
	/* 4096: the slack stays free and bdev's gets are served from cache and pool. */
	o.large_pool_count = 4096;
	sim_model_compute(SIM_SCENARIO_EXHAUSTION, &o, 1, 4.0, &a);
	sim_model_compute(SIM_SCENARIO_EXHAUSTION, &o, 1, 9.0, &b);
	ck_assert_uint_eq(b.large.retry_count, 0);
	ck_assert_uint_eq(b.large.available_count, 4096 - 2051);
	ck_assert_uint_eq(b.large.alloc_count, 2051);
	ck_assert_uint_gt(b.modules[1].large.cache, a.modules[1].large.cache);
	ck_assert_uint_gt(b.modules[1].large.main, a.modules[1].large.main);
	ck_assert_uint_eq(b.modules[1].large.cache_size, 1);
	/* The small pool is untouched by 128 KiB I/O: only the caches' reservation. */
	ck_assert_uint_eq(b.small.alloc_count, 3 * 8);
}
END_TEST

START_TEST(churn_falls_back_to_zero)
{
	struct sim_pool_opts o = defaults();
	struct sim_stats up, down, again;

	/* bdev: channels live 2.8 s of every 4 s. */
	sim_model_compute(SIM_SCENARIO_CHURN, &o, 1, 2.5, &up);
	sim_model_compute(SIM_SCENARIO_CHURN, &o, 1, 3.5, &down);
	sim_model_compute(SIM_SCENARIO_CHURN, &o, 1, 4.5, &again);
	ck_assert_uint_gt(up.modules[1].small.cache, 0);
	ck_assert_uint_gt(up.modules[1].small.cache_size, 0);
	ck_assert_uint_eq(down.modules[1].small.cache, 0);
	ck_assert_uint_eq(down.modules[1].small.main, 0);
	ck_assert_uint_eq(down.modules[1].large.cache, 0);
	ck_assert_uint_eq(down.modules[1].small.cache_size, 0);
	ck_assert_uint_gt(again.modules[1].small.cache, 0);
	ck_assert_uint_lt(again.modules[1].small.cache, up.modules[1].small.cache);
}
END_TEST

START_TEST(churn_every_module_drops_within_a_minute)
{
	struct sim_pool_opts o = defaults();
	struct sim_stats prev, cur;
	int drops[SIM_MAX_MODULES] = { 0 };
	double t;
	size_t i;

	sim_model_compute(SIM_SCENARIO_CHURN, &o, 9, 0.0, &prev);
	for (t = 0.1; t < 60.0; t += 0.1) {
		sim_model_compute(SIM_SCENARIO_CHURN, &o, 9, t, &cur);
		for (i = 0; i < cur.nmodules; i++) {
			if (cur.modules[i].small.cache < prev.modules[i].small.cache)
				drops[i]++;
		}
		prev = cur;
	}
	for (i = 0; i < SIM_MAX_MODULES; i++)
		ck_assert_msg(drops[i] >= 8, "module %zu dropped %d times", i, drops[i]);
}
END_TEST

START_TEST(aggregate_alloc_plus_available_is_the_pool)
{
	static const enum sim_scenario all[] = { SIM_SCENARIO_IDLE, SIM_SCENARIO_STEADY,
						 SIM_SCENARIO_EXHAUSTION, SIM_SCENARIO_CHURN };
	static const uint64_t counts[][2] = { { 8192, 1024 }, { 64, 8 }, { 100000, 9 },
					      { 65, 4096 } };
	struct sim_pool_opts o = defaults();
	struct sim_stats s;
	size_t a, c;
	double t;

	for (a = 0; a < 4; a++) {
		for (c = 0; c < 4; c++) {
			o.small_pool_count = counts[c][0];
			o.large_pool_count = counts[c][1];
			for (t = 0.0; t < 20.0; t += 0.37) {
				sim_model_compute(all[a], &o, 5, t, &s);
				ck_assert_uint_eq(s.small.alloc_count + s.small.available_count,
						  o.small_pool_count);
				ck_assert_uint_eq(s.large.alloc_count + s.large.available_count,
						  o.large_pool_count);
				/* Caches fit in their pool, as SPDK requires. */
				ck_assert_uint_le(sum_field(&s, 0, 3), o.small_pool_count);
				ck_assert_uint_le(sum_field(&s, 1, 3), o.large_pool_count);
				ck_assert_uint_eq(s.small.cache_count, sum_field(&s, 0, 3));
				ck_assert_uint_ge(s.small.alloc_count, s.small.cache_count);
			}
		}
	}
}
END_TEST

START_TEST(same_seed_same_counters)
{
	struct sim_pool_opts o = defaults();
	struct sim_stats a, b, c;

	sim_model_compute(SIM_SCENARIO_STEADY, &o, 42, 12.5, &a);
	sim_model_compute(SIM_SCENARIO_STEADY, &o, 42, 12.5, &b);
	sim_model_compute(SIM_SCENARIO_STEADY, &o, 43, 12.5, &c);
	ck_assert(memcmp(&a, &b, sizeof(a)) == 0);
	ck_assert_uint_ne(a.modules[1].small.cache, c.modules[1].small.cache);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("sim_model");
	TCase *tc = tcase_create("model");

	tcase_add_test(tc, scenario_names);
	tcase_add_test(tc, idle_is_the_recorded_target);
	tcase_add_test(tc, steady_grows_without_retries);
	tcase_add_test(tc, steady_never_decreases);
	tcase_add_test(tc, exhaustion_retries_150k_per_second);
	tcase_add_test(tc, exhaustion_on_the_recorded_64_8_pool);
	tcase_add_test(tc, exhaustion_stops_when_the_large_pool_holds_the_demand);
	tcase_add_test(tc, churn_falls_back_to_zero);
	tcase_add_test(tc, churn_every_module_drops_within_a_minute);
	tcase_add_test(tc, aggregate_alloc_plus_available_is_the_pool);
	tcase_add_test(tc, same_seed_same_counters);
	tcase_add_test(tc, numa_exhaustion_drains_node_0);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
