#include "sim_config.h"

#include <errno.h>
#include <jansson.h>
#include <string.h>

#include "sim_iobuf_opts.h"

static json_t *load(const char *path, struct mt_err *err)
{
	json_error_t e;
	json_t *v = json_load_file(path, 0, &e);

	/* uint64 counts past INT64_MAX: as reals, as the RPC reads them. */
	if (!v && json_error_code(&e) == json_error_numeric_overflow)
		v = json_load_file(path, JSON_DECODE_INT_AS_REAL, &e);
	if (v)
		return v;
	if (json_error_code(&e) == json_error_cannot_open_file)
		mt_err_set(err, -ENOENT, "%s", e.text);
	else
		mt_err_set(err, -EINVAL, "%s:%d:%d: not JSON: %s", path, e.line, e.column,
			   e.text);
	return NULL;
}

static int shape(struct mt_err *err, const char *path, const char *where, const char *what)
{
	mt_err_set(err, -EINVAL, "%s: %s: %s", path, where, what);
	return -1;
}

/* One entry of a subsystem's config: {"method": S, "params": {...}}. */
static int entry(const char *path, const char *where, const json_t *c, bool iobuf,
		 struct sim_pool_opts *o, struct mt_err *err)
{
	const json_t *method = json_object_get(c, "method");
	const json_t *params = json_object_get(c, "params");
	struct sim_opts_problem why;
	char at[160];

	if (!json_is_object(c))
		return shape(err, path, where, "expected an object");
	if (!json_is_string(method))
		return shape(err, path, where, method ? "method: expected a string" :
			     "method: missing");
	if (!iobuf || strcmp(json_string_value(method), "iobuf_set_options") != 0)
		return 0;
	snprintf(at, sizeof(at), "%s.params", where);
	if (!params)
		return shape(err, path, at, "missing");
	if (sim_iobuf_opts_decode(params, o, &why) == SIM_OPTS_OK)
		return 0;
	if (why.key[0])
		mt_err_set(err, -EINVAL, "%s: %s.%s: %s", path, at, why.key, why.what);
	else
		mt_err_set(err, -EINVAL, "%s: %s: %s", path, at, why.what);
	return -1;
}

static int subsystem(const char *path, size_t i, const json_t *s, struct sim_pool_opts *o,
		     struct mt_err *err)
{
	const json_t *name = json_object_get(s, "subsystem");
	const json_t *config = json_object_get(s, "config");
	char where[96], at[128];
	const json_t *c;
	size_t k;
	bool iobuf;

	snprintf(where, sizeof(where), "subsystems[%zu]", i);
	if (!json_is_object(s))
		return shape(err, path, where, "expected an object");
	if (!json_is_string(name))
		return shape(err, path, where, name ? "subsystem: expected a string" :
			     "subsystem: missing");
	/* save_config writes "config": null for a subsystem with nothing to say. */
	if (!config || json_is_null(config))
		return 0;
	if (!json_is_array(config)) {
		snprintf(at, sizeof(at), "%s.config", where);
		return shape(err, path, at, "expected an array or null");
	}
	iobuf = strcmp(json_string_value(name), "iobuf") == 0;
	json_array_foreach(config, k, c) {
		snprintf(at, sizeof(at), "%s.config[%zu]", where, k);
		if (entry(path, at, c, iobuf, o, err) < 0)
			return -1;
	}
	return 0;
}

int sim_config_load(const char *path, struct sim_pool_opts *out, struct mt_err *err)
{
	struct sim_pool_opts o;
	const json_t *subs, *s;
	json_t *root;
	size_t i;
	int rc = 0;

	root = load(path, err);
	if (!root)
		return -1;
	sim_pool_opts_default(&o);
	subs = json_object_get(root, "subsystems");
	if (!json_is_object(root))
		rc = shape(err, path, "$", "expected an object with \"subsystems\"");
	else if (!subs)
		rc = shape(err, path, "subsystems", "missing");
	else if (!json_is_array(subs))
		rc = shape(err, path, "subsystems", "expected an array");
	for (i = 0; rc == 0 && i < json_array_size(subs); i++) {
		s = json_array_get(subs, i);
		rc = subsystem(path, i, s, &o, err);
	}
	json_decref(root);
	if (rc == 0)
		*out = o;
	return rc;
}
