#include "sim_target.h"

#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_buf.h"
#include "sim_env.h"
#include "sim_iobuf_opts.h"
#include "sim_subsystems.h"

#define SIM_ERR_EINVAL -22      /* SPDK answers -errno with strerror's text */
#define SIM_ERR_INTERNAL -32603
/* SPDK's own texts, trailing newlines included. */
#define MSG_MEM_STATS_PARAMS "env_dpdk_get_mem_stats doesn't accept any parameters.\n"
#define MSG_MEM_STATS_FILE "Unable to open file for writing.\n"
/* The pool rings change only while the workload runs; idle stands still. */
#define TICK_MS 50

static const char version_result[] =
	"{\"version\":\"" SIM_VERSION_STRING "\",\"fields\":{\"major\":26,\"minor\":9,"
	"\"patch\":0,\"suffix\":\"-pre\",\"commit\":\"3230130e6a\"}}";

void sim_target_init(struct sim_target *t, bool wait_for_rpc, enum sim_scenario scenario,
		     uint64_t seed, enum sim_stats_form form, double now)
{
	memset(t, 0, sizeof(*t));
	t->state = wait_for_rpc ? SIM_STATE_STARTUP : SIM_STATE_RUNNING;
	sim_pool_opts_default(&t->opts);
	t->scenario = scenario;
	t->seed = seed;
	t->form = form;
	t->t0 = now;
}

/* The workload's clock from zero: the wall's now, or no --clock-step served yet. */
static void workload_restart(struct sim_target *t, double now)
{
	t->t0 = now;
	t->stats_served = 0;
}

void sim_target_stats(const struct sim_target *t, double now, struct sim_stats *out)
{
	/* With --clock-step the workload's time counts the stats served, not the wall's. */
	double elapsed = t->clock_step > 0 ? t->clock_step * (double)t->stats_served : now - t->t0;

	sim_model_compute(t->scenario, &t->opts, t->seed, elapsed, out);
	if (t->opts.enable_numa)
		sim_model_numa(out, t->numa_nodes);
}

/* The pool rings follow the model: what iobuf_get_stats says, the rings show. */
static void sync_rings(struct sim_target *t, double now)
{
	struct sim_stats s;

	if (!t->env || !sim_env_has_pools(t->env))
		return;
	sim_target_stats(t, now, &s);
	sim_env_sync(t->env, &s);
}

int sim_target_set_env(struct sim_target *t, struct sim_env *env, double now,
		       struct mt_err *err)
{
	t->env = env;
	if (!env || t->state != SIM_STATE_RUNNING || sim_env_has_pools(env))
		return 0;
	if (sim_env_init_pools(env, &t->opts, t->numa_nodes, err) < 0)
		return -1;
	sync_rings(t, now);
	return 0;
}

void sim_target_tick(struct sim_target *t, double now)
{
	sync_rings(t, now);
}

int sim_target_tick_ms(const struct sim_target *t)
{
	if (!t->env || !sim_env_has_pools(t->env) || t->scenario == SIM_SCENARIO_IDLE)
		return -1;
	return TICK_MS;
}

static int fail(struct sim_call *c, int code, const char *fmt, ...) MT_PRINTF(3, 4);

static int fail(struct sim_call *c, int code, const char *fmt, ...)
{
	va_list ap;

	c->kind = SIM_CALL_ERROR;
	c->code = code;
	va_start(ap, fmt);
	vsnprintf(c->message, sizeof(c->message), fmt, ap);
	va_end(ap);
	return 0;
}

static int result_text(struct sim_call *c, const char *text)
{
	c->result = strdup(text);
	if (!c->result)
		return -1;
	c->kind = SIM_CALL_RESULT;
	return 0;
}

/* Takes over a buffer holding the result text. */
static int result_buf(struct sim_call *c, struct sim_buf *b)
{
	if (sim_buf_append(b, "", 1) < 0) {
		sim_buf_free(b);
		return -1;
	}
	c->result = b->data;
	c->kind = SIM_CALL_RESULT;
	return 0;
}

/*
 * The members of an object params, checked against what a method decodes:
 * SPDK's spdk_json_decode_object refuses a non-object, an unknown key and a
 * value its decoder cannot take.
 */
static bool only_keys(const json_t *params, const char *const keys[])
{
	const char *key;
	json_t *value;
	size_t i;

	if (!json_is_object(params))
		return false;
	json_object_foreach((json_t *)params, key, value) {
		for (i = 0; keys[i]; i++) {
			if (strcmp(key, keys[i]) == 0)
				break;
		}
		if (!keys[i])
			return false;
	}
	return true;
}

/* An optional bool member: absent is fine, anything but true/false is not. */
static bool opt_bool(const json_t *params, const char *key, bool *out)
{
	const json_t *v = json_object_get(params, key);

	if (!v)
		return true;
	if (!json_is_boolean(v))
		return false;
	*out = json_is_true(v);
	return true;
}

static int do_get_version(struct sim_target *t, const json_t *params, double now,
			  struct sim_call *c)
{
	(void)t;
	(void)now;
	if (params)
		return fail(c, SIM_ERR_INVALID_PARAMS,
			    "spdk_get_version method requires no parameters");
	return result_text(c, version_result);
}

static int do_get_methods(struct sim_target *t, const json_t *params, double now,
			  struct sim_call *c)
{
	static const char *const keys[] = { "current", "include_aliases", NULL };
	struct sim_buf b = { 0 };
	bool current = false, aliases = false;
	bool first = true;
	size_t i;

	(void)now;
	if (params && (!only_keys(params, keys) || !opt_bool(params, "current", &current) ||
		       !opt_bool(params, "include_aliases", &aliases)))
		return fail(c, SIM_ERR_INVALID_PARAMS, "Invalid parameters");
	/* The recording has no deprecated aliases, so include_aliases adds nothing. */
	if (sim_buf_puts(&b, "[") < 0)
		return -1;
	for (i = 0; i < sim_methods_count; i++) {
		if (current && !(sim_methods[i].states & t->state))
			continue;
		if (sim_buf_printf(&b, "%s\"%s\"", first ? "" : ",", sim_methods[i].name) < 0) {
			sim_buf_free(&b);
			return -1;
		}
		first = false;
	}
	if (sim_buf_puts(&b, "]") < 0) {
		sim_buf_free(&b);
		return -1;
	}
	return result_buf(c, &b);
}

static int do_wait_init(struct sim_target *t, const json_t *params, double now,
			struct sim_call *c)
{
	(void)params;
	(void)now;
	if (t->state == SIM_STATE_RUNNING)
		return result_text(c, "true");
	c->kind = SIM_CALL_WAIT_INIT;
	return 0;
}

static int do_start_init(struct sim_target *t, const json_t *params, double now,
			 struct sim_call *c)
{
	struct mt_err err = { 0 };

	if (params)
		return fail(c, SIM_ERR_INVALID_PARAMS,
			    "framework_start_init requires no parameters");
	/* iobuf's init makes the pool rings with the options set until now. */
	if (t->env && !sim_env_has_pools(t->env) &&
	    sim_env_init_pools(t->env, &t->opts, t->numa_nodes, &err) < 0) {
		/* SPDK logs why on its console and stays in the startup state. */
		fprintf(stderr, "framework_start_init: %s\n", err.msg);
		return fail(c, SIM_ERR_INTERNAL, "framework_initialization failed");
	}
	t->state = SIM_STATE_RUNNING;
	workload_restart(t, now);   /* the workload starts with the framework */
	c->initialized = true;
	sync_rings(t, now);
	return result_text(c, "true");
}

static int iobuf_config(const struct sim_target *t, struct sim_call *c)
{
	struct sim_buf b = { 0 };

	if (sim_buf_printf(&b, "[{\"method\":\"iobuf_set_options\",\"params\":{"
			   "\"small_pool_count\":%" PRIu64 ",\"large_pool_count\":%" PRIu64 ","
			   "\"small_bufsize\":%" PRIu32 ",\"large_bufsize\":%" PRIu32 ","
			   "\"enable_numa\":%s}}]",
			   t->opts.small_pool_count, t->opts.large_pool_count,
			   t->opts.small_bufsize, t->opts.large_bufsize,
			   t->opts.enable_numa ? "true" : "false") < 0)
		return -1;
	return result_buf(c, &b);
}

static int do_get_config(struct sim_target *t, const json_t *params, double now,
			 struct sim_call *c)
{
	static const char *const keys[] = { "name", "with_batches", NULL };
	const struct sim_subsystem *sub;
	const json_t *name;
	bool batches;

	(void)now;
	name = json_object_get(params, "name");
	if (!params || !only_keys(params, keys) || !json_is_string(name) ||
	    !opt_bool(params, "with_batches", &batches))
		return fail(c, SIM_ERR_INVALID_PARAMS, "Invalid arguments");
	sub = sim_subsystem_find(json_string_value(name), json_string_length(name));
	if (!sub)
		return fail(c, SIM_ERR_INVALID_PARAMS, "Subsystem '%s' not found",
			    json_string_value(name));
	if (!sub->config)
		return iobuf_config(t, c);
	return result_text(c, sub->config);
}

static int do_get_subsystems(struct sim_target *t, const json_t *params, double now,
			     struct sim_call *c)
{
	(void)t;
	(void)now;
	if (params)
		return fail(c, SIM_ERR_INVALID_PARAMS,
			    "'framework_get_subsystems' requires no arguments");
	return result_text(c, sim_subsystems_json);
}

/* `off` is the huge-counters fault's offset (0 otherwise): the counters, not the sizes. */
static int pool_counters(struct sim_buf *b, const char *name, const struct sim_pool_counters *p,
			 uint64_t off)
{
	return sim_buf_printf(b, "\"%s\":{\"cache\":%" PRIu64 ",\"main\":%" PRIu64
			      ",\"retry\":%" PRIu64 ",\"cache_size\":%" PRIu64 "}",
			      name, p->cache + off, p->main + off, p->retry + off, p->cache_size);
}

static int pool_aggregate(struct sim_buf *b, const char *name, const struct sim_pool_aggregate *a,
			  uint64_t off)
{
	return sim_buf_printf(b, "\"%s\":{\"retry_count\":%" PRIu64 ",\"alloc_count\":%" PRIu64
			      ",\"available_count\":%" PRIu64 ",\"cache_count\":%" PRIu64 "}",
			      name, a->retry_count + off, a->alloc_count, a->available_count,
			      a->cache_count);
}

static int module_text(struct sim_buf *b, size_t i, const char *name,
		       const struct sim_module_counters *m, uint64_t off)
{
	if (sim_buf_printf(b, "%s{\"module\":\"%s\",", i ? "," : "", name) < 0 ||
	    pool_counters(b, "small_pool", &m->small, off) < 0 || sim_buf_puts(b, ",") < 0 ||
	    pool_counters(b, "large_pool", &m->large, off) < 0)
		return -1;
	return sim_buf_puts(b, "}");
}

static int stats_text(const struct sim_target *t, const struct sim_stats *s, struct sim_buf *b)
{
	uint64_t off = sim_fault_counter_offset(&t->fault);
	size_t i;

	if (t->form == SIM_FORM_AGGREGATE) {
		if (sim_buf_puts(b, "{") < 0 ||
		    pool_aggregate(b, "small_pool", &s->small, off) < 0 ||
		    sim_buf_puts(b, ",") < 0 || pool_aggregate(b, "large_pool", &s->large, off) < 0)
			return -1;
		return sim_buf_puts(b, "}");
	}
	if (sim_buf_puts(b, "[") < 0)
		return -1;
	for (i = 0; i < s->nmodules; i++) {
		const struct sim_module_counters *m = &s->modules[i];

		if (module_text(b, i, m->name, m, off) < 0)
			return -1;
	}
	/* --modules: idle ones after the scenario's, named by their place in the list. */
	for (; i < t->modules; i++) {
		static const struct sim_module_counters idle;
		char name[32];

		snprintf(name, sizeof(name), "idle_%zu", i);
		if (module_text(b, i, name, &idle, off) < 0)
			return -1;
	}
	return sim_buf_puts(b, "]");
}

static int do_get_stats(struct sim_target *t, const json_t *params, double now,
			struct sim_call *c)
{
	struct sim_buf b = { 0 };
	struct sim_stats s;
	int hostile;

	(void)params;           /* SPDK ignores them: accepted.unexpected_params */
	t->stats_served++;      /* first: the rings, synced between replies, show this reply's time */
	sim_target_stats(t, now, &s);
	if (t->env && sim_env_has_pools(t->env))
		sim_env_sync(t->env, &s);
	hostile = sim_fault_stats_result(&t->fault, &b);
	if (hostile < 0 || (hostile == 0 && stats_text(t, &s, &b) < 0)) {
		sim_buf_free(&b);
		return -1;
	}
	c->reply_size = sim_fault_reply_size(&t->fault);
	return result_buf(c, &b);
}

static int do_set_options(struct sim_target *t, const json_t *params, double now,
			  struct sim_call *c)
{
	struct sim_opts_problem why;

	(void)now;
	switch (sim_iobuf_opts_decode(params, &t->opts, &why)) {
	case SIM_OPTS_OK:
		return result_text(c, "true");
	case SIM_OPTS_DECODE:
		return fail(c, SIM_ERR_INVALID_PARAMS, "spdk_json_decode_object failed");
	case SIM_OPTS_RANGE:
		break;
	}
	/* spdk_iobuf_set_opts: -EINVAL leaves the options alone. */
	return fail(c, SIM_ERR_EINVAL, "Invalid argument");
}

/*
 * The dump file of the DPDK memory, with the pool rings brought up to date
 * first: a reader of the file and then of the rings sees the model's now.
 * SPDK answers a params error and then writes the dump and answers again (two
 * replies to one id); the simulator answers the error only.
 */
static int do_get_mem_stats(struct sim_target *t, const json_t *params, double now,
			    struct sim_call *c)
{
	char path[PATH_MAX];
	struct mt_err err = { 0 };
	json_t *result;
	char *text;

	if (params)
		return fail(c, SIM_ERR_INVALID_PARAMS, "%s", MSG_MEM_STATS_PARAMS);
	if (!t->env)
		return fail(c, SIM_ERR_INTERNAL, "%s", MSG_MEM_STATS_FILE);
	sync_rings(t, now);
	if (sim_env_dump(t->env, path, sizeof(path), &err) < 0) {
		fprintf(stderr, "env_dpdk_get_mem_stats: %s\n", err.msg);
		return fail(c, SIM_ERR_INTERNAL, "%s", MSG_MEM_STATS_FILE);
	}
	/* jansson escapes what a path may hold; the shape is SPDK's {"filename":...}. */
	result = json_pack("{s:s}", "filename", path);
	text = result ? json_dumps(result, JSON_COMPACT) : NULL;
	json_decref(result);
	if (!text)
		return -1;
	c->result = text;
	c->kind = SIM_CALL_RESULT;
	return 0;
}

static int do_set_scenario(struct sim_target *t, const json_t *params, double now,
			   struct sim_call *c)
{
	static const char *const keys[] = { "scenario", NULL };
	const json_t *name = json_object_get(params, "scenario");
	enum sim_scenario s;

	if (!params || !only_keys(params, keys) || !json_is_string(name) ||
	    strlen(json_string_value(name)) != json_string_length(name) ||
	    sim_scenario_parse(json_string_value(name), &s) < 0)
		return fail(c, SIM_ERR_INVALID_PARAMS, "Invalid parameters");
	t->scenario = s;
	workload_restart(t, now);
	sync_rings(t, now);
	return result_text(c, "true");
}

void sim_target_set_fault(struct sim_target *t, const struct sim_fault *f)
{
	t->fault = *f;
	t->fault_gen++;
}

/* The simulator's own: {"fault":NAME} (+ "ms" or "seconds"); the error says what is wrong. */
static int do_set_fault(struct sim_target *t, const json_t *params, double now,
			struct sim_call *c)
{
	struct mt_err err = { 0 };
	struct sim_fault f;

	(void)now;
	if (sim_fault_from_json(params, &f, &err) < 0)
		return fail(c, SIM_ERR_INVALID_PARAMS, "Invalid parameters (%s)", err.msg);
	sim_target_set_fault(t, &f);
	return result_text(c, "true");
}

typedef int (*sim_handler)(struct sim_target *t, const json_t *params, double now,
			   struct sim_call *c);

struct handler {
	const char *name;
	sim_handler fn;
};

static const struct handler served[] = {
	{ "spdk_get_version", do_get_version },
	{ "rpc_get_methods", do_get_methods },
	{ "framework_wait_init", do_wait_init },
	{ "framework_start_init", do_start_init },
	{ "framework_get_config", do_get_config },
	{ "framework_get_subsystems", do_get_subsystems },
	{ "iobuf_get_stats", do_get_stats },
	{ "iobuf_set_options", do_set_options },
	{ "env_dpdk_get_mem_stats", do_get_mem_stats },
};

static int do_get_call_counts(struct sim_target *t, const json_t *params, double now,
			      struct sim_call *c)
{
	(void)now;
	if (params)
		return fail(c, SIM_ERR_INVALID_PARAMS, "sim_get_call_counts requires no parameters");
	c->result = sim_call_counts_json(&t->calls);
	if (!c->result)
		return -1;
	c->kind = SIM_CALL_RESULT;
	return 0;
}

/* The simulator's own methods: a real target has none of them. */
static const struct handler sim_only[] = {
	{ "sim_set_scenario", do_set_scenario },
	{ "sim_set_fault", do_set_fault },
	{ "sim_get_call_counts", do_get_call_counts },
};

int sim_target_call(struct sim_target *t, const char *method, size_t mlen,
		    const json_t *params, double now, struct sim_call *c)
{
	const struct sim_method *m;
	size_t i;

	memset(c, 0, sizeof(*c));
	m = sim_method_find(method, mlen);
	if (!m) {
		for (i = 0; i < sizeof(sim_only) / sizeof(sim_only[0]); i++) {
			if (mlen == strlen(sim_only[i].name) &&
			    memcmp(method, sim_only[i].name, mlen) == 0) {
				c->sim_only = true;
				return sim_only[i].fn(t, params, now, c);
			}
		}
		return fail(c, SIM_ERR_METHOD_NOT_FOUND, "Method not found");
	}
	sim_call_counts_add(&t->calls, m);
	if (!(m->states & t->state))
		return fail(c, SIM_ERR_INVALID_STATE, "%s", t->state == SIM_STATE_STARTUP ?
			    SIM_MSG_RUNTIME_ONLY : SIM_MSG_STARTUP_ONLY);
	for (i = 0; i < sizeof(served) / sizeof(served[0]); i++) {
		if (strcmp(served[i].name, m->name) == 0)
			return served[i].fn(t, params, now, c);
	}
	/* A method the recorded target has but the simulator does not model. */
	return fail(c, SIM_ERR_METHOD_NOT_FOUND, "Method not found");
}
