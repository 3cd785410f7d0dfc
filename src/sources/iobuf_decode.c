/*
 * Decoding of SPDK's iobuf-related RPC results from jansson trees (contract:
 * iobuf_decode.h); what a value may be is judged by the rules shared with
 * the text reader (iobuf_decode_impl.h).
 *
 * Return values: 0 on success, -1 on error (err set, output left cleared).
 * iobuf_decode_stats() may succeed with a warning: when the target reports
 * more modules than a snapshot holds it keeps the first SNAP_MAX_MODULES,
 * returns 0 and leaves a message in err with code 0; err->msg is empty when
 * there is nothing to report.
 */
#include "iobuf_decode.h"
#include "iobuf_decode_impl.h"
#include "json_bigint.h"

#include <string.h>

#define M_STATS IOBUF_M_STATS
#define M_CONFIG "framework_get_config"
#define M_VERSION "spdk_get_version"
#define M_METHODS IOBUF_M_METHODS

/*
 * A value as the shared rules judge it.  The client hands integers above
 * INT64_MAX over as marked strings (json_bigint.h): those are integers here.
 */
static struct jval tree_val(const json_t *v)
{
	struct jval j = { .kind = JK_NULL };

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		j.kind = JK_OBJECT;
		break;
	case JSON_ARRAY:
		j.kind = JK_ARRAY;
		break;
	case JSON_STRING:
		j.big = json_bigint_text(json_string_value(v));
		j.kind = j.big ? JK_BIG : JK_STRING;
		j.nbig = j.big ? strlen(j.big) : 0;
		break;
	case JSON_INTEGER:
		j.kind = JK_INTEGER;
		j.i = json_integer_value(v);
		break;
	case JSON_REAL:
		j.kind = JK_REAL;
		j.d = json_real_value(v);
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		j.kind = JK_BOOLEAN;
		break;
	case JSON_NULL:
		break;
	}
	return j;
}

static int fail_type(struct mt_err *err, const char *method, const char *path,
		     const char *expected, const json_t *got)
{
	return iobuf_fail(err, method, path, "expected %s, got %s", expected,
			  jkind_name(tree_val(got).kind));
}

/* v must be a string that is not a marked big integer. */
static bool is_text(const json_t *v)
{
	return json_is_string(v) && !json_bigint_text(json_string_value(v));
}

static int get_u64(const json_t *obj, const char *key, const char *method, const char *base,
		   uint64_t *out, bool *present, struct mt_err *err)
{
	const json_t *v = json_object_get(obj, key);
	struct jval j;

	if (v)
		j = tree_val(v);
	return iobuf_read_u64(v ? &j : NULL, method, base, key, out, present, err);
}

static int get_object(const json_t *obj, const char *key, const char *method, const char *base,
		      const json_t **out, struct jpath *p, struct mt_err *err)
{
	const json_t *v = json_object_get(obj, key);
	struct jval j;

	jpath_member(p, base, key);
	if (v)
		j = tree_val(v);
	if (iobuf_need(v ? &j : NULL, JK_OBJECT, "an object", method, p->s, err) < 0)
		return -1;
	*out = v;
	return 0;
}

/* The pool object obj[key] at base, its counters read by the fields' table. */
static int decode_pool(const json_t *obj, const char *key, const char *base,
		       const struct iobuf_u64_field *fields, void *out, struct mt_err *err)
{
	const json_t *pool;
	struct jpath p;

	if (get_object(obj, key, M_STATS, base, &pool, &p, err) < 0)
		return -1;
	for (size_t k = 0; k < IOBUF_POOL_FIELDS; k++) {
		const json_t *v = json_object_get(pool, fields[k].key);
		struct jval j;

		if (v)
			j = tree_val(v);
		if (iobuf_read_field(&fields[k], v ? &j : NULL, M_STATS, p.s, out, err) < 0)
			return -1;
	}
	return 0;
}

/* ---- iobuf_get_stats: per-module array ---------------------------------- */

static int decode_module(const json_t *mod, size_t i, struct iobuf_module_stats *out,
			 struct iobuf_names *names, struct mt_err *err)
{
	struct jpath base, p;
	const json_t *name;

	jpath_index(&base, "", i);
	if (!json_is_object(mod))
		return fail_type(err, M_STATS, base.s, "an object", mod);
	name = json_object_get(mod, "module");
	jpath_member(&p, base.s, "module");
	if (!name)
		return iobuf_fail(err, M_STATS, p.s, "missing");
	if (!is_text(name))
		return fail_type(err, M_STATS, p.s, "a string", name);
	iobuf_take_name(names, i, out->name, json_string_value(name),
			json_string_length(name));
	if (decode_pool(mod, "small_pool", base.s, iobuf_module_pool_fields, &out->small,
			err) < 0 ||
	    decode_pool(mod, "large_pool", base.s, iobuf_module_pool_fields, &out->large, err) < 0)
		return -1;
	return 0;
}

static int decode_per_module(const json_t *result, struct iobuf_snapshot *out,
			     struct mt_err *err)
{
	size_t n = json_array_size(result);
	struct iobuf_names names;

	memset(&names, 0, sizeof(names));

	/*
	 * Every element is checked, also those beyond the bound: a malformed
	 * reply is malformed wherever the fault sits.
	 */
	for (size_t i = 0; i < n; i++) {
		struct iobuf_module_stats scratch;
		struct iobuf_module_stats *m = i < SNAP_MAX_MODULES ? &out->modules[i] : &scratch;

		memset(m, 0, sizeof(*m));
		if (decode_module(json_array_get(result, i), i, m, &names, err) < 0)
			return -1;
	}
	iobuf_finish_per_module(out, n, &names, err);
	return 0;
}

/* ---- iobuf_get_stats: aggregate object ---------------------------------- */

static int decode_aggregate(const json_t *result, struct iobuf_snapshot *out, struct mt_err *err)
{
	if (decode_pool(result, "small_pool", "", iobuf_aggregate_pool_fields, &out->agg_small,
			err) < 0 ||
	    decode_pool(result, "large_pool", "", iobuf_aggregate_pool_fields, &out->agg_large,
			err) < 0)
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
	iobuf_stats_clear(out);
	if (!result)
		return iobuf_fail(err, M_STATS, "", "no result");
	if (json_is_array(result))
		rc = decode_per_module(result, out, err);
	else if (json_is_object(result))
		rc = decode_aggregate(result, out, err);
	else
		return fail_type(err, M_STATS, "", "an array of modules or an aggregate object",
				 result);
	if (rc < 0)
		iobuf_stats_clear(out);
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
		jpath_member(&p, base, "enable_numa");
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
		return iobuf_fail(err, M_CONFIG, "", "no result");
	/* save_config's subsystem entry {"subsystem":"iobuf","config":[...]} reads alike. */
	if (json_is_object(result)) {
		list = json_object_get(result, "config");
		where = "config";
		if (!list)
			return iobuf_fail(err, M_CONFIG, where, "missing");
	}
	if (!json_is_array(list))
		return fail_type(err, M_CONFIG, where, "an array of config entries", list);
	n = json_array_size(list);
	for (size_t i = 0; i < n; i++) {
		const json_t *entry = json_array_get(list, i);
		const json_t *method, *params;
		struct jpath base, p;

		jpath_index(&base, where, i);
		if (!json_is_object(entry))
			return fail_type(err, M_CONFIG, base.s, "an object", entry);
		method = json_object_get(entry, "method");
		jpath_member(&p, base.s, "method");
		if (!method)
			return iobuf_fail(err, M_CONFIG, p.s, "missing");
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
	return iobuf_fail(err, M_CONFIG, "", "no iobuf_set_options entry in the iobuf config");
}

/* ---- spdk_get_version --------------------------------------------------- */

int iobuf_decode_version(const json_t *result, char *buf, size_t len, struct mt_err *err)
{
	const json_t *v;

	mt_err_clear(err);
	if (len)
		buf[0] = '\0';
	if (!result)
		return iobuf_fail(err, M_VERSION, "", "no result");
	if (!json_is_object(result))
		return fail_type(err, M_VERSION, "", "an object", result);
	v = json_object_get(result, "version");
	if (!v)
		return iobuf_fail(err, M_VERSION, "version", "missing");
	if (!json_is_string(v))
		return fail_type(err, M_VERSION, "version", "a string", v);
	if (len && iobuf_copy_name(buf, len, json_string_value(v), json_string_length(v)))
		iobuf_warn(err, "%s: version: %zu bytes, cut to %zu on a character boundary", M_VERSION,
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
		return iobuf_fail(err, M_METHODS, "", "no result");
	if (!json_is_array(result))
		return fail_type(err, M_METHODS, "", IOBUF_METHODS_EXPECTED, result);
	n = json_array_size(result);
	for (size_t i = 0; i < n; i++) {
		const json_t *m = json_array_get(result, i);
		struct jpath p;

		/* An integer beyond int64 comes as a marked string: no method name either. */
		if (!is_text(m)) {
			jpath_index(&p, "", i);
			return fail_type(err, M_METHODS, p.s, IOBUF_METHOD_EXPECTED, m);
		}
		if (strcmp(json_string_value(m), IOBUF_START_INIT) == 0)
			startup = true;
	}
	*out = startup ? TARGET_STARTUP : TARGET_RUNNING;
	return 0;
}
