#include "sim_model.h"

#include <math.h>
#include <string.h>

#define PI 3.14159265358979323846

/* Registration order of the modules in a target that runs all three. */
static const char *const module_names[SIM_MAX_MODULES] = { "accel", "bdev", "nvmf_TCP" };

/*
 * Steady gets per second per module.  nvmf_TCP moves most data through large
 * buffers (PDUs of 128 KiB I/O), accel mostly small ones.
 */
static const double steady_rate[SIM_MAX_MODULES][2] = {
	{ 20000.0, 1500.0 },
	{ 60000.0, 8000.0 },
	{ 30000.0, 12000.0 },
};

/* Per-thread cache sizes: SPDK's defaults in steady, the recorded 8/1 in exhaustion. */
#define STEADY_CACHE_SMALL 128
#define STEADY_CACHE_LARGE 16
#define EXHAUST_CACHE_SMALL 8
#define EXHAUST_CACHE_LARGE 1
/* bdevperf 128 KiB at QD128 on an 8-buffer large pool: retries per second (recorded ~152k). */
#define EXHAUST_RETRY_RATE 150000.0
/* The same load when every I/O gets its buffer: large gets per second (128 KiB each). */
#define EXHAUST_IO_RATE 40000.0
/* Seconds an I/O holds its buffer: buffers in flight = rate x this. */
#define HOLD_TIME 0.002

/* Channel lifetime in churn: period per module, alive for the first ALIVE_SHARE of it. */
static const double churn_period[SIM_MAX_MODULES] = { 5.0, 4.0, 6.0 };
#define CHURN_ALIVE_SHARE 0.7

static const char *const scenario_names[] = { "idle", "steady", "exhaustion", "churn" };

int sim_scenario_parse(const char *name, enum sim_scenario *out)
{
	size_t i;

	for (i = 0; i < sizeof(scenario_names) / sizeof(scenario_names[0]); i++) {
		if (strcmp(name, scenario_names[i]) == 0) {
			*out = (enum sim_scenario)i;
			return 0;
		}
	}
	return -1;
}

const char *sim_scenario_name(enum sim_scenario s)
{
	if ((size_t)s < sizeof(scenario_names) / sizeof(scenario_names[0]))
		return scenario_names[s];
	return "?";
}

const char *sim_scenario_names(void)
{
	return "idle|steady|exhaustion|churn";
}

void sim_pool_opts_default(struct sim_pool_opts *o)
{
	o->small_pool_count = SIM_DEFAULT_SMALL_POOL_COUNT;
	o->large_pool_count = SIM_DEFAULT_LARGE_POOL_COUNT;
	o->small_bufsize = SIM_DEFAULT_SMALL_BUFSIZE;
	o->large_bufsize = SIM_DEFAULT_LARGE_BUFSIZE;
	o->enable_numa = false;
}

/* splitmix64: a well-mixed number from (seed, stream) without any state. */
static uint64_t mix(uint64_t seed, uint64_t stream)
{
	uint64_t z = seed + (stream + 1) * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double unit(uint64_t seed, uint64_t stream)
{
	return (double)(mix(seed, stream) >> 11) / 9007199254740992.0;
}

/*
 * Events by time t at `rate` per second, the rate swinging by +-amp with
 * `period` and phase: the integral of rate * (1 + amp sin(2 pi s / period + phase)).
 * Never decreases, since amp < 1.
 */
static double events(double rate, double amp, double period, double phase, double t)
{
	double w = 2.0 * PI / period;

	if (t <= 0.0)
		return 0.0;
	return rate * (t + amp / w * (cos(phase) - cos(w * t + phase)));
}

static uint64_t to_count(double x)
{
	if (!(x > 0.0))
		return 0;
	if (x >= 1.8e19)
		return UINT64_MAX;
	return (uint64_t)floor(x);
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* Gets split into refills from the central pool (one per batch) and cache hits. */
static void fill_gets(struct sim_pool_counters *p, double gets)
{
	uint64_t total = to_count(gets);

	p->main = total / SIM_REFILL_BATCH + (total % SIM_REFILL_BATCH ? 1 : 0);
	p->cache = total - p->main;
}

struct pool_jitter {
	double rate_mult, phase;
};

static struct pool_jitter jitter(uint64_t seed, size_t module, int pool)
{
	struct pool_jitter j;
	uint64_t stream = (uint64_t)module * 4 + (uint64_t)pool * 2;

	j.rate_mult = 0.9 + 0.2 * unit(seed, stream);
	j.phase = 2.0 * PI * unit(seed, stream + 1);
	return j;
}

/* One module doing steady I/O for t seconds. */
static void module_steady(struct sim_module_counters *m, size_t idx, uint64_t seed, double t,
			  uint64_t small_share, uint64_t large_share)
{
	struct pool_jitter js = jitter(seed, idx, 0), jl = jitter(seed, idx, 1);

	fill_gets(&m->small, events(steady_rate[idx][0] * js.rate_mult, 0.25, 7.0, js.phase, t));
	fill_gets(&m->large, events(steady_rate[idx][1] * jl.rate_mult, 0.25, 7.0, jl.phase, t));
	m->small.retry = m->large.retry = 0;
	m->small.cache_size = min_u64(STEADY_CACHE_SMALL, small_share);
	m->large.cache_size = min_u64(STEADY_CACHE_LARGE, large_share);
}

static bool churn_alive(size_t idx, double t, double *local)
{
	double period = churn_period[idx];
	double phase = fmod(t, period);

	if (t < 0.0)
		return false;
	*local = phase;
	return phase < period * CHURN_ALIVE_SHARE;
}

/* Buffers held by I/O in flight (not in caches) for the modules that are busy. */
static uint64_t in_flight(const struct sim_stats *s, const bool busy[], int pool, uint64_t seed,
			  double t)
{
	double rate = 0.0, wave;
	size_t i;

	for (i = 0; i < s->nmodules; i++) {
		if (busy[i])
			rate += steady_rate[i][pool];
	}
	wave = 1.0 + 0.25 * sin(2.0 * PI * t / 5.0 + 2.0 * PI * unit(seed, 100 + (uint64_t)pool));
	return to_count(rate * HOLD_TIME * wave);
}

/*
 * held[pool]: buffers that I/O holds on top of the busy modules' traffic (bdevperf's
 * queue in exhaustion).  A dry large pool has every buffer out.
 */
static void aggregate(struct sim_stats *s, const struct sim_pool_opts *o, const bool busy[],
		      const uint64_t held[2], bool large_dry, uint64_t seed, double t)
{
	struct sim_pool_aggregate *agg[2] = { &s->small, &s->large };
	uint64_t count[2] = { o->small_pool_count, o->large_pool_count };
	int pool;
	size_t i;

	for (pool = 0; pool < 2; pool++) {
		struct sim_pool_aggregate *a = agg[pool];

		memset(a, 0, sizeof(*a));
		for (i = 0; i < s->nmodules; i++) {
			const struct sim_pool_counters *p =
				pool ? &s->modules[i].large : &s->modules[i].small;

			a->retry_count += p->retry;
			a->cache_count += p->cache_size;
		}
		if (pool == 1 && large_dry)
			a->alloc_count = count[pool];
		else
			a->alloc_count = min_u64(count[pool], a->cache_count + held[pool] +
						 in_flight(s, busy, pool, seed, t));
		a->available_count = count[pool] - a->alloc_count;
	}
}

uint64_t sim_model_exhaustion_threshold(const struct sim_pool_opts *opts)
{
	uint64_t share = opts->large_pool_count / SIM_MAX_MODULES;

	return SIM_EXHAUST_LARGE_DEMAND + SIM_MAX_MODULES * min_u64(EXHAUST_CACHE_LARGE, share);
}

/*
 * bdevperf's jobs keep SIM_EXHAUST_LARGE_DEMAND large buffers busy.  A pool
 * short of that plus the caches runs dry: the gets that find it empty retry at
 * the recorded rate whatever the shortfall, cache and main stand still (as
 * recorded).  A pool big enough serves every get: no retry, the slack stays free.
 */
static void exhaustion(struct sim_stats *out, const struct sim_pool_opts *opts, uint64_t seed,
		       double t, uint64_t small_share, uint64_t large_share, uint64_t held[2],
		       bool *large_dry)
{
	struct sim_pool_counters *bl = &out->modules[1].large;
	size_t i;

	for (i = 0; i < out->nmodules; i++) {
		struct sim_module_counters *m = &out->modules[i];

		m->small.cache_size = min_u64(EXHAUST_CACHE_SMALL, small_share);
		m->large.cache_size = min_u64(EXHAUST_CACHE_LARGE, large_share);
	}
	*large_dry = opts->large_pool_count < sim_model_exhaustion_threshold(opts);
	if (!*large_dry) {
		struct pool_jitter j = jitter(seed, 1, 1);

		held[1] = SIM_EXHAUST_LARGE_DEMAND;
		fill_gets(bl, events(EXHAUST_IO_RATE * (0.98 + 0.04 * unit(seed, 202)), 0.02, 3.0,
				     j.phase, t));
		return;
	}
	if (t > 0.0) {
		double rate = EXHAUST_RETRY_RATE * (0.98 + 0.04 * unit(seed, 200));
		double phase = 2.0 * PI * unit(seed, 201);

		/* Every buffer is out: gets wait instead of hitting cache or pool. */
		bl->cache = 1;
		bl->main = 6;
		bl->retry = to_count(events(rate, 0.02, 3.0, phase, t));
	}
}

void sim_model_compute(enum sim_scenario scenario, const struct sim_pool_opts *opts,
		       uint64_t seed, double t, struct sim_stats *out)
{
	bool busy[SIM_MAX_MODULES] = { false, false, false };
	uint64_t held[2] = { 0, 0 };
	bool large_dry = false;
	uint64_t small_share, large_share;
	double local;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->nmodules = scenario == SIM_SCENARIO_IDLE ? 2 : SIM_MAX_MODULES;
	for (i = 0; i < out->nmodules; i++)
		out->modules[i].name = module_names[i];
	/* Every cache must fit in the pool, or SPDK fails to create the channel. */
	small_share = opts->small_pool_count / out->nmodules;
	large_share = opts->large_pool_count / out->nmodules;

	switch (scenario) {
	case SIM_SCENARIO_IDLE:
		break;
	case SIM_SCENARIO_STEADY:
		for (i = 0; i < out->nmodules; i++) {
			module_steady(&out->modules[i], i, seed, t, small_share, large_share);
			busy[i] = true;
		}
		break;
	case SIM_SCENARIO_EXHAUSTION:
		exhaustion(out, opts, seed, t, small_share, large_share, held, &large_dry);
		break;
	case SIM_SCENARIO_CHURN:
		for (i = 0; i < out->nmodules; i++) {
			if (!churn_alive(i, t, &local))
				continue;
			module_steady(&out->modules[i], i, seed, local, small_share, large_share);
			busy[i] = true;
		}
		break;
	}
	aggregate(out, opts, busy, held, large_dry, seed, t);
	out->nnodes = 1;
	out->node_small[0] = out->small;
	out->node_large[0] = out->large;
}
