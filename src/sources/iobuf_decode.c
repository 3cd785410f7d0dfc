/*
 * Decoding of SPDK's iobuf-related RPC results (contract: iobuf_decode.h).
 *
 * Lenient like SPDK's own tools should have been: unknown members are
 * skipped (spdk_top broke when an RPC gained a field), optional members may
 * be absent, but a required member that is missing or has the wrong type is
 * an error whose message names the method and the path to the member, so a
 * user can see exactly which part of which reply was wrong.
 *
 * Return values: 0 on success, -1 on error (err set, output left cleared).
 * iobuf_decode_stats() may succeed with a warning: when the target reports
 * more modules than a snapshot holds it keeps the first SNAP_MAX_MODULES,
 * returns 0 and leaves a message in err with code 0; err->msg is empty when
 * there is nothing to report.
 */
#include "iobuf_decode.h"
#include "json_bigint.h"
#include "mt_text.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define M_STATS "iobuf_get_stats"
#define M_CONFIG "framework_get_config"
#define M_VERSION "spdk_get_version"
#define M_METHODS "rpc_get_methods"

/* A path like "[1].large_pool"; members are appended with a dot. */
struct jpath {
	char s[96];
};

static const char *json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "object";
	case JSON_ARRAY:
		return "array";
	case JSON_STRING:
		return "string";
	case JSON_INTEGER:
		return "integer";
	case JSON_REAL:
		return "real";
	case JSON_TRUE:
	case JSON_FALSE:
		return "boolean";
	case JSON_NULL:
		return "null";
	}
	return "unknown";
}

static void path_member(struct jpath *out, const char *base, const char *key)
{
	if (base && base[0])
		snprintf(out->s, sizeof(out->s), "%s.%s", base, key);
	else
		snprintf(out->s, sizeof(out->s), "%s", key);
}

static void path_index(struct jpath *out, const char *base, size_t i)
{
	snprintf(out->s, sizeof(out->s), "%s[%zu]", base ? base : "", i);
}

/* "method: path: what", or "method: what" when the path is the whole result. */
static int fail(struct mt_err *err, const char *method, const char *path, const char *fmt, ...)
	MT_PRINTF(4, 5);

static int fail(struct mt_err *err, const char *method, const char *path, const char *fmt, ...)
{
	char what[MT_ERR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (path && path[0])
		mt_err_set(err, -EINVAL, "%s: %s: %s", method, path, what);
	else
		mt_err_set(err, -EINVAL, "%s: %s", method, what);
	return -1;
}

static int fail_type(struct mt_err *err, const char *method, const char *path,
		     const char *expected, const json_t *got)
{
	return fail(err, method, path, "expected %s, got %s", expected, json_kind(got));
}

/*
 * SPDK writes its counters as uint64.  jansson holds integers as int64: the
 * client hands those above INT64_MAX over as marked strings (json_bigint.h).
 * A client that decodes big integers as reals hands us a double: accept that
 * too when it is integral, because the value is still what SPDK meant.
 */
static int as_u64(const json_t *v, uint64_t *out)
{
	if (json_is_string(v))
		return json_bigint_u64(json_string_value(v), out) ? 0 : -1;
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);

		if (i < 0)
			return -1;
		*out = (uint64_t)i;
		return 0;
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);

		if (!isfinite(d) || d < 0 || d >= 18446744073709551616.0 || floor(d) != d)
			return -1;
		*out = (uint64_t)d;
		return 0;
	}
	return -1;
}

/*
 * Reads obj[key] as a non-negative integer.  With present == NULL the member
 * is required; otherwise its absence (or null) only clears *present.
 */
static int get_u64(const json_t *obj, const char *key, const char *method, const char *base,
		   uint64_t *out, bool *present, struct mt_err *err)
{
	const json_t *v = json_object_get(obj, key);
	struct jpath p;

	path_member(&p, base, key);
	if (present)
		*present = false;
	if (!v || (present && json_is_null(v))) {
		if (present)
			return 0;
		return fail(err, method, p.s, "missing");
	}
	if (as_u64(v, out) < 0) {
		char got[64];

		if (json_is_integer(v))
			snprintf(got, sizeof(got), "negative integer %lld",
				 (long long)json_integer_value(v));
		else if (json_is_string(v) && json_bigint_text(json_string_value(v)))
			snprintf(got, sizeof(got), "%.40s (outside uint64)",
				 json_bigint_text(json_string_value(v)));
		else if (json_is_real(v))
			snprintf(got, sizeof(got), "real %g", json_real_value(v));
		else
			snprintf(got, sizeof(got), "%s", json_kind(v));
		return fail(err, method, p.s, "expected a non-negative integer, got %s", got);
	}
	if (present)
		*present = true;
	return 0;
}

static int get_object(const json_t *obj, const char *key, const char *method, const char *base,
		      const json_t **out, struct jpath *p, struct mt_err *err)
{
	const json_t *v = json_object_get(obj, key);

	path_member(p, base, key);
	if (!v)
		return fail(err, method, p->s, "missing");
	if (!json_is_object(v))
		return fail_type(err, method, p->s, "an object", v);
	*out = v;
	return 0;
}

/*
 * A warning (code 0) joins those already in err: the caller reports err.msg
 * once, so cut names and dropped modules share it.
 */
static void warn(struct mt_err *err, const char *fmt, ...) MT_PRINTF(2, 3);

static void warn(struct mt_err *err, const char *fmt, ...)
{
	size_t used = strlen(err->msg);
	va_list ap;

	if (used && used + 2 < sizeof(err->msg)) {
		memcpy(err->msg + used, "; ", 3);
		used += 2;
	}
	va_start(ap, fmt);
	vsnprintf(err->msg + used, sizeof(err->msg) - used, fmt, ap);
	va_end(ap);
	err->code = 0;
}

/*
 * Copies at most len - 1 bytes, cut on a UTF-8 character boundary so a long
 * name never ends in half a character.  Returns true when it was cut.
 */
static bool copy_name(char *dst, size_t len, const char *src)
{
	size_t n = mt_utf8_fit(src, len - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
	return src[n] != '\0';
}

/* ---- iobuf_get_stats: per-module array ---------------------------------- */

static int decode_module_pool(const json_t *mod, const char *key, const char *base,
			      struct iobuf_pool_counters *out, struct mt_err *err)
{
	const json_t *pool;
	struct jpath p;

	if (get_object(mod, key, M_STATS, base, &pool, &p, err) < 0)
		return -1;
	if (get_u64(pool, "cache", M_STATS, p.s, &out->cache, NULL, err) < 0 ||
	    get_u64(pool, "main", M_STATS, p.s, &out->main, NULL, err) < 0 ||
	    get_u64(pool, "retry", M_STATS, p.s, &out->retry, NULL, err) < 0 ||
	    get_u64(pool, "cache_size", M_STATS, p.s, &out->cache_size, &out->has_cache_size,
		    err) < 0)
		return -1;
	return 0;
}

static int decode_module(const json_t *mod, size_t i, struct iobuf_module_stats *out,
			 bool *cut, struct mt_err *err)
{
	struct jpath base, p;
	const json_t *name;

	path_index(&base, "", i);
	if (!json_is_object(mod))
		return fail_type(err, M_STATS, base.s, "an object", mod);
	name = json_object_get(mod, "module");
	path_member(&p, base.s, "module");
	if (!name)
		return fail(err, M_STATS, p.s, "missing");
	if (!json_is_string(name))
		return fail_type(err, M_STATS, p.s, "a string", name);
	*cut = copy_name(out->name, sizeof(out->name), json_string_value(name));
	if (decode_module_pool(mod, "small_pool", base.s, &out->small, err) < 0 ||
	    decode_module_pool(mod, "large_pool", base.s, &out->large, err) < 0)
		return -1;
	return 0;
}

/* Taken by an earlier module, or by a later one that keeps its name (not cut). */
static bool name_taken(const struct iobuf_snapshot *s, const bool *cut, size_t self,
		       const char *name)
{
	for (size_t i = 0; i < s->nmodules; i++)
		if (i != self && (i < self || !cut[i]) && strcmp(s->modules[i].name, name) == 0)
			return true;
	return false;
}

/*
 * Two modules whose names share the first 63 bytes would merge into one row
 * and one rate: a cut name that meets an earlier one, or one that needed no
 * cut, gets "~2", "~3", ... in place of its last characters.  Names that were
 * not cut are never renamed.
 */
static void make_distinct(struct iobuf_snapshot *s, const bool *cut, size_t i, const char *full)
{
	char *name = s->modules[i].name;

	for (unsigned k = 2; name_taken(s, cut, i, name); k++) {
		char suffix[16];
		int sl = snprintf(suffix, sizeof(suffix), "~%u", k);
		size_t keep = mt_utf8_fit(full, SNAP_NAME_LEN - 1 - (size_t)sl);

		snprintf(name, SNAP_NAME_LEN, "%.*s%s", (int)keep, full, suffix);
	}
}

static const char *module_name(const json_t *result, size_t i)
{
	return json_string_value(json_object_get(json_array_get(result, i), "module"));
}

static void settle_cut_names(const json_t *result, struct iobuf_snapshot *out, const bool *cut,
			     struct mt_err *err)
{
	size_t ncut = 0, first = 0;

	for (size_t i = 0; i < out->nmodules; i++) {
		if (!cut[i])
			continue;
		if (!ncut++)
			first = i;
		make_distinct(out, cut, i, module_name(result, i));
	}
	if (ncut)
		warn(err, "%s: %zu module name%s longer than %d bytes cut on a character "
		     "boundary, kept distinct (first: [%zu].module, %zu bytes, shown as \"%s\")",
		     M_STATS, ncut, ncut == 1 ? "" : "s", SNAP_NAME_LEN - 1, first,
		     strlen(module_name(result, first)), out->modules[first].name);
}

static int decode_per_module(const json_t *result, struct iobuf_snapshot *out,
			     struct mt_err *err)
{
	size_t n = json_array_size(result);
	bool cut[SNAP_MAX_MODULES] = { false };

	/*
	 * Every element is checked, also those beyond the bound: a malformed
	 * reply is malformed wherever the fault sits.
	 */
	for (size_t i = 0; i < n; i++) {
		struct iobuf_module_stats scratch;
		struct iobuf_module_stats *m = i < SNAP_MAX_MODULES ? &out->modules[i] : &scratch;
		bool scratch_cut;

		memset(m, 0, sizeof(*m));
		if (decode_module(json_array_get(result, i), i, m,
				  i < SNAP_MAX_MODULES ? &cut[i] : &scratch_cut, err) < 0)
			return -1;
	}
	out->nmodules = n < SNAP_MAX_MODULES ? n : SNAP_MAX_MODULES;
	out->form = IOBUF_FORM_PER_MODULE;
	if (n > SNAP_MAX_MODULES)
		warn(err, "%s: %zu modules reported, kept the first %d", M_STATS, n,
		     SNAP_MAX_MODULES);
	settle_cut_names(result, out, cut, err);
	return 0;
}

/* ---- iobuf_get_stats: aggregate object ---------------------------------- */

static int decode_aggregate_pool(const json_t *result, const char *key,
				 struct iobuf_pool_aggregate *out, struct mt_err *err)
{
	const json_t *pool;
	struct jpath p;

	if (get_object(result, key, M_STATS, "", &pool, &p, err) < 0)
		return -1;
	if (get_u64(pool, "retry_count", M_STATS, p.s, &out->retry_count, NULL, err) < 0 ||
	    get_u64(pool, "alloc_count", M_STATS, p.s, &out->alloc_count, NULL, err) < 0 ||
	    get_u64(pool, "available_count", M_STATS, p.s, &out->available_count, NULL, err) < 0 ||
	    get_u64(pool, "cache_count", M_STATS, p.s, &out->cache_count, &out->has_cache_count,
		    err) < 0)
		return -1;
	return 0;
}

static int decode_aggregate(const json_t *result, struct iobuf_snapshot *out, struct mt_err *err)
{
	if (decode_aggregate_pool(result, "small_pool", &out->agg_small, err) < 0 ||
	    decode_aggregate_pool(result, "large_pool", &out->agg_large, err) < 0)
		return -1;
	out->form = IOBUF_FORM_AGGREGATE;
	return 0;
}

/*
 * Only the stats part of *out is written: opts usually come from another
 * method and are kept as they are.
 */
int iobuf_decode_stats(const json_t *result, struct iobuf_snapshot *out, struct mt_err *err)
{
	int rc;

	mt_err_clear(err);
	out->form = IOBUF_FORM_NONE;
	out->nmodules = 0;
	memset(out->modules, 0, sizeof(out->modules));
	memset(&out->agg_small, 0, sizeof(out->agg_small));
	memset(&out->agg_large, 0, sizeof(out->agg_large));
	if (!result)
		return fail(err, M_STATS, "", "no result");
	if (json_is_array(result))
		rc = decode_per_module(result, out, err);
	else if (json_is_object(result))
		rc = decode_aggregate(result, out, err);
	else
		return fail_type(err, M_STATS, "", "an array of modules or an aggregate object",
				 result);
	if (rc < 0) {
		out->form = IOBUF_FORM_NONE;
		out->nmodules = 0;
	}
	return rc;
}

/* ---- framework_get_config {"name":"iobuf"} ------------------------------ */

static int decode_options_params(const json_t *params, const char *base, struct iobuf_options *out,
				 struct mt_err *err)
{
	const json_t *numa = json_object_get(params, "enable_numa");
	struct jpath p;

	if (get_u64(params, "small_pool_count", M_CONFIG, base, &out->small_pool_count, NULL,
		    err) < 0 ||
	    get_u64(params, "large_pool_count", M_CONFIG, base, &out->large_pool_count, NULL,
		    err) < 0 ||
	    get_u64(params, "small_bufsize", M_CONFIG, base, &out->small_bufsize, NULL, err) < 0 ||
	    get_u64(params, "large_bufsize", M_CONFIG, base, &out->large_bufsize, NULL, err) < 0)
		return -1;
	/* Older targets have no NUMA-aware pools and no enable_numa: false. */
	out->enable_numa = false;
	if (numa && !json_is_null(numa)) {
		path_member(&p, base, "enable_numa");
		if (!json_is_boolean(numa))
			return fail_type(err, M_CONFIG, p.s, "a boolean", numa);
		out->enable_numa = json_is_true(numa);
	}
	return 0;
}

int iobuf_decode_options(const json_t *result, struct iobuf_options *out, struct mt_err *err)
{
	const json_t *list = result;
	const char *where = "";
	size_t n;

	mt_err_clear(err);
	memset(out, 0, sizeof(*out));
	if (!result)
		return fail(err, M_CONFIG, "", "no result");
	/* save_config's subsystem entry {"subsystem":"iobuf","config":[...]} reads alike. */
	if (json_is_object(result)) {
		list = json_object_get(result, "config");
		where = "config";
		if (!list)
			return fail(err, M_CONFIG, where, "missing");
	}
	if (!json_is_array(list))
		return fail_type(err, M_CONFIG, where, "an array of config entries", list);
	n = json_array_size(list);
	for (size_t i = 0; i < n; i++) {
		const json_t *entry = json_array_get(list, i);
		const json_t *method, *params;
		struct jpath base, p;

		path_index(&base, where, i);
		if (!json_is_object(entry))
			return fail_type(err, M_CONFIG, base.s, "an object", entry);
		method = json_object_get(entry, "method");
		path_member(&p, base.s, "method");
		if (!method)
			return fail(err, M_CONFIG, p.s, "missing");
		if (!json_is_string(method))
			return fail_type(err, M_CONFIG, p.s, "a string", method);
		/* Other methods may join the iobuf subsystem's config one day. */
		if (strcmp(json_string_value(method), "iobuf_set_options") != 0)
			continue;
		if (get_object(entry, "params", M_CONFIG, base.s, &params, &p, err) < 0 ||
		    decode_options_params(params, p.s, out, err) < 0) {
			memset(out, 0, sizeof(*out));
			return -1;
		}
		out->valid = true;
		return 0;
	}
	return fail(err, M_CONFIG, "", "no iobuf_set_options entry in the iobuf config");
}

/* ---- spdk_get_version --------------------------------------------------- */

int iobuf_decode_version(const json_t *result, char *buf, size_t len, struct mt_err *err)
{
	const json_t *v;

	mt_err_clear(err);
	if (len)
		buf[0] = '\0';
	if (!result)
		return fail(err, M_VERSION, "", "no result");
	if (!json_is_object(result))
		return fail_type(err, M_VERSION, "", "an object", result);
	v = json_object_get(result, "version");
	if (!v)
		return fail(err, M_VERSION, "version", "missing");
	if (!json_is_string(v))
		return fail_type(err, M_VERSION, "version", "a string", v);
	if (len && copy_name(buf, len, json_string_value(v)))
		warn(err, "%s: version: %zu bytes, cut to %zu on a character boundary", M_VERSION,
		     strlen(json_string_value(v)), strlen(buf));
	return 0;
}

/* ---- rpc_get_methods {"current":true} ----------------------------------- */

/*
 * framework_start_init is callable exactly while the target waits for it
 * (--wait-for-rpc); once initialised SPDK no longer lists it as current.
 */
int iobuf_decode_state(const json_t *result, enum target_state *out, struct mt_err *err)
{
	bool startup = false;
	size_t n;

	mt_err_clear(err);
	*out = TARGET_UNKNOWN;
	if (!result)
		return fail(err, M_METHODS, "", "no result");
	if (!json_is_array(result))
		return fail_type(err, M_METHODS, "", "an array of method names", result);
	n = json_array_size(result);
	for (size_t i = 0; i < n; i++) {
		const json_t *m = json_array_get(result, i);
		struct jpath p;

		if (!json_is_string(m)) {
			path_index(&p, "", i);
			return fail_type(err, M_METHODS, p.s, "a string", m);
		}
		if (strcmp(json_string_value(m), "framework_start_init") == 0)
			startup = true;
	}
	*out = startup ? TARGET_STARTUP : TARGET_RUNNING;
	return 0;
}
