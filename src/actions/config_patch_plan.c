/*
 * config_patch_plan: find the iobuf_set_options params in a config file,
 * change them in the tree and render the result and a short diff; nothing is
 * written here (contract: config_patch.h).
 */
#include "config_patch_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const key_names[CONFIG_PATCH_NKEYS] = {
	"small_pool_count", "large_pool_count", "small_bufsize", "large_bufsize",
};
/* What SPDK's iobuf_set_options accepts (its minimums; uint64 counts, uint32 sizes). */
static const uint64_t key_min[CONFIG_PATCH_NKEYS] = { 64, 8, 4096, 8192 };
static const uint64_t key_max[CONFIG_PATCH_NKEYS] = {
	INT64_MAX, INT64_MAX, UINT32_MAX, UINT32_MAX,
};

/* Where the iobuf entry is; NULL members are missing from the file. */
struct where {
	json_t *subsystems, *subsystem, *config, *entry, *params;
	size_t si, ci;
};

const char *config_patch_key_name(enum config_patch_key k)
{
	return k < CONFIG_PATCH_NKEYS ? key_names[k] : "?";
}

static const char *kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return json_integer_value(v) < 0 ? "a negative integer" : "an integer";
	case JSON_REAL:
		return "a real";
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	case JSON_NULL:
		return "null";
	}
	return "?";
}

static bool is_string(const json_t *v, const char *s)
{
	size_t n = strlen(s);

	return json_is_string(v) && json_string_length(v) == n &&
	       !memcmp(json_string_value(v), s, n);
}

static int take_request(const struct iobuf_set_request *req, struct config_patch *p,
			struct mt_err *err)
{
	const bool has[CONFIG_PATCH_NKEYS] = {
		req->has_small_pool_count, req->has_large_pool_count,
		req->has_small_bufsize, req->has_large_bufsize,
	};
	const uint64_t val[CONFIG_PATCH_NKEYS] = {
		req->small_pool_count, req->large_pool_count,
		req->small_bufsize, req->large_bufsize,
	};
	bool any = false;
	int k;

	for (k = 0; k < CONFIG_PATCH_NKEYS; k++) {
		p->values[k].requested = has[k];
		p->values[k].new_value = val[k];
		if (!has[k])
			continue;
		any = true;
		if (val[k] < key_min[k]) {
			mt_err_set(err, -EINVAL, "%s %" PRIu64 " is below SPDK's minimum of "
				   "%" PRIu64 ": spdk_tgt would not start with it", key_names[k],
				   val[k], key_min[k]);
			return -1;
		}
		if (val[k] > key_max[k]) {
			mt_err_set(err, -ERANGE, "%s %" PRIu64 " is above %" PRIu64 ", the most "
				   "SPDK's decoder takes", key_names[k], val[k], key_max[k]);
			return -1;
		}
	}
	if (!any) {
		mt_err_set(err, -EINVAL, "nothing to change: the request sets no pool option");
		return -1;
	}
	return 0;
}

/* The params SPDK decodes must have the types it takes, or the old values mean nothing. */
static int read_params(const char *shown, const struct where *w, struct config_patch *p,
		       struct mt_err *err)
{
	json_t *v;
	int k;

	p->enable_numa = -1;
	if (!w->params)
		return 0;
	for (k = 0; k < CONFIG_PATCH_NKEYS; k++) {
		v = json_object_get(w->params, key_names[k]);
		if (!v)
			continue;
		if (!json_is_integer(v) || json_integer_value(v) < 0) {
			mt_err_set(err, -EINVAL, "%s: subsystems[%zu].config[%zu].params.%s: "
				   "expected a non-negative integer, found %s", shown, w->si, w->ci,
				   key_names[k], kind(v));
			return -1;
		}
		p->values[k].old_present = true;
		p->values[k].old_value = (uint64_t)json_integer_value(v);
		if (!p->values[k].requested)
			p->values[k].new_value = p->values[k].old_value;
	}
	v = json_object_get(w->params, "enable_numa");
	if (v && !json_is_boolean(v)) {
		mt_err_set(err, -EINVAL, "%s: subsystems[%zu].config[%zu].params.enable_numa: "
			   "expected true or false, found %s", shown, w->si, w->ci, kind(v));
		return -1;
	}
	if (v)
		p->enable_numa = json_is_true(v);
	return 0;
}

static int find_entry(const char *shown, struct where *w, struct mt_err *err)
{
	json_t *e;
	size_t j;

	w->config = json_object_get(w->subsystem, "config");
	if (w->config && !json_is_array(w->config) && !json_is_null(w->config)) {
		mt_err_set(err, -EINVAL, "%s: subsystems[%zu].config: expected an array or null, "
			   "found %s", shown, w->si, kind(w->config));
		return -1;
	}
	json_array_foreach(w->config, j, e) {
		if (!is_string(json_object_get(e, "method"), "iobuf_set_options"))
			continue;
		if (w->entry) {
			mt_err_set(err, -EINVAL, "%s: subsystems[%zu].config[%zu] and [%zu] are "
				   "both iobuf_set_options: which one to change is unclear; fix it "
				   "by hand", shown, w->si, w->ci, j);
			return -1;
		}
		w->entry = e;
		w->ci = j;
	}
	if (!w->entry)
		return 0;
	w->params = json_object_get(w->entry, "params");
	if (w->params && !json_is_object(w->params)) {
		mt_err_set(err, -EINVAL, "%s: subsystems[%zu].config[%zu].params: expected an "
			   "object, found %s", shown, w->si, w->ci, kind(w->params));
		return -1;
	}
	return 0;
}

static int find_iobuf(const char *shown, json_t *root, struct where *w, struct mt_err *err)
{
	json_t *s;
	size_t i;

	memset(w, 0, sizeof(*w));
	w->subsystems = json_object_get(root, "subsystems");
	if (!w->subsystems)
		return 0;
	if (!json_is_array(w->subsystems)) {
		mt_err_set(err, -EINVAL, "%s: subsystems: expected an array, found %s", shown,
			   kind(w->subsystems));
		return -1;
	}
	/* Entries that are not iobuf are not ours to judge: spdk_tgt does that. */
	json_array_foreach(w->subsystems, i, s) {
		if (!is_string(json_object_get(s, "subsystem"), "iobuf"))
			continue;
		if (w->subsystem) {
			mt_err_set(err, -EINVAL, "%s: subsystems[%zu] and [%zu] are both iobuf: "
				   "which one to change is unclear; fix it by hand", shown, w->si,
				   i);
			return -1;
		}
		w->subsystem = s;
		w->si = i;
	}
	return w->subsystem ? find_entry(shown, w, err) : 0;
}

json_t *cp_params_json(const struct config_patch *p)
{
	json_t *o = json_object();
	int k;

	for (k = 0; o && k < CONFIG_PATCH_NKEYS; k++) {
		if (p->values[k].requested &&
		    json_object_set_new(o, key_names[k],
					json_integer((json_int_t)p->values[k].new_value))) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

json_t *cp_entry_json(const struct config_patch *p)
{
	return json_pack("{s:s, s:o}", "method", "iobuf_set_options", "params", cp_params_json(p));
}

json_t *cp_subsystem_json(const struct config_patch *p)
{
	return json_pack("{s:s, s:[o]}", "subsystem", "iobuf", "config", cp_entry_json(p));
}

/* save_config lists vmd and keyring before iobuf, every other subsystem after it. */
static size_t subsystem_slot(const json_t *subsystems)
{
	size_t i;

	for (i = 0; i < json_array_size(subsystems); i++) {
		const json_t *name = json_object_get(json_array_get(subsystems, i), "subsystem");

		if (!is_string(name, "vmd") && !is_string(name, "keyring"))
			break;
	}
	return i;
}

/* "+ subsystems[2]: {...}" for what is added, "X: null -> [...]" for what is replaced. */
static void add_line(struct config_patch *p, const char *at, const json_t *old, const json_t *v)
{
	char *json = v ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY) : NULL;

	if (p->n_diff < CONFIG_PATCH_DIFF_LINES)
		snprintf(p->diff[p->n_diff++], CONFIG_PATCH_LINE_LEN, "%s%s: %s%s",
			 old ? "" : "+ ", at, old ? "null -> " : "", json ? json : "?");
	free(json);
}

static void value_lines(struct config_patch *p)
{
	int k;

	for (k = 0; k < CONFIG_PATCH_NKEYS && p->n_diff < CONFIG_PATCH_DIFF_LINES; k++) {
		const struct config_patch_value *v = &p->values[k];
		char *line = p->diff[p->n_diff];

		if (!v->requested)
			continue;
		if (!v->old_present)
			snprintf(line, CONFIG_PATCH_LINE_LEN, "%s.%s: absent -> %" PRIu64,
				 p->params_path, key_names[k], v->new_value);
		else if (v->old_value == v->new_value)
			snprintf(line, CONFIG_PATCH_LINE_LEN, "%s.%s: %" PRIu64 " (unchanged)",
				 p->params_path, key_names[k], v->new_value);
		else
			snprintf(line, CONFIG_PATCH_LINE_LEN, "%s.%s: %" PRIu64 " -> %" PRIu64,
				 p->params_path, key_names[k], v->old_value, v->new_value);
		p->n_diff++;
	}
}

/* Changes the tree where w says, fills added, params_path, the diff; -1 only when out of memory. */
static int change(json_t *root, struct where *w, struct config_patch *p)
{
	char at[96];
	json_t *add;
	int k, rc = 0;

	if (!w->subsystems) {
		p->added = CONFIG_PATCH_ADDED_SUBSYSTEMS;
		add = json_pack("[o]", cp_subsystem_json(p));
		rc = json_object_set(root, "subsystems", add);
		add_line(p, "subsystems", NULL, add);
		w->si = w->ci = 0;
	} else if (!w->subsystem) {
		p->added = CONFIG_PATCH_ADDED_SUBSYSTEM;
		w->si = subsystem_slot(w->subsystems);
		w->ci = 0;
		add = cp_subsystem_json(p);
		rc = json_array_insert(w->subsystems, w->si, add);
		snprintf(at, sizeof(at), "subsystems[%zu]", w->si);
		add_line(p, at, NULL, add);
	} else if (!w->entry) {
		p->added = CONFIG_PATCH_ADDED_ENTRY;
		w->ci = 0;
		add = cp_entry_json(p);
		snprintf(at, sizeof(at), "subsystems[%zu].config", w->si);
		if (json_is_array(w->config)) {
			p->in.config_was = 0;
			rc = json_array_insert(w->config, 0, add);
			snprintf(at, sizeof(at), "subsystems[%zu].config[0]", w->si);
			add_line(p, at, NULL, add);
		} else {
			json_t *arr = json_pack("[O]", add);

			p->in.config_was = w->config ? 1 : 2;
			rc = json_object_set(w->subsystem, "config", arr);
			add_line(p, at, w->config, arr);
			json_decref(arr);
		}
	} else if (!w->params) {
		p->added = CONFIG_PATCH_ADDED_PARAMS;
		add = cp_params_json(p);
		rc = json_object_set(w->entry, "params", add);
		snprintf(at, sizeof(at), "subsystems[%zu].config[%zu].params", w->si, w->ci);
		add_line(p, at, NULL, add);
	} else {
		add = NULL;
		for (k = 0; k < CONFIG_PATCH_NKEYS && !rc; k++) {
			json_int_t v = (json_int_t)p->values[k].new_value;

			if (p->values[k].requested)
				rc = json_object_set_new(w->params, key_names[k], json_integer(v));
		}
	}
	json_decref(add);
	p->in.subsystem_index = w->si;
	p->in.entry_index = w->ci;
	snprintf(p->params_path, sizeof(p->params_path), "subsystems[%zu].config[%zu].params",
		 w->si, w->ci);
	if (p->added == CONFIG_PATCH_ADDED_NONE)
		value_lines(p);
	return rc ? -1 : 0;
}

static bool any_change(const struct config_patch *p)
{
	int k;

	if (p->added != CONFIG_PATCH_ADDED_NONE)
		return true;
	for (k = 0; k < CONFIG_PATCH_NKEYS; k++)
		if (p->values[k].requested &&
		    (!p->values[k].old_present || p->values[k].old_value != p->values[k].new_value))
			return true;
	return false;
}

int config_patch_plan(const char *path, const struct iobuf_set_request *req,
		      struct config_patch *out, struct mt_err *err)
{
	struct config_patch *p = out;
	struct where w;
	struct stat st;
	json_t *root = NULL;
	char *before;
	size_t before_len;

	memset(p, 0, sizeof(*p));
	if (take_request(req, p, err) || cp_resolve(path, p, err) ||
	    cp_read(p->real_path, p->path, &p->in.orig, &p->in.orig_len, &st, err))
		goto fail;
	p->in.dev = st.st_dev;
	p->in.ino = st.st_ino;
	if (st.st_nlink > 1) {
		mt_err_set(err, -EMLINK, "%s: has %ju hard links; replacing it would leave the "
			   "others with the old text; not changed", p->path,
			   (uintmax_t)st.st_nlink);
		goto fail;
	}
	root = cp_parse(p->path, p->in.orig, p->in.orig_len, err);
	if (!root)
		goto fail;
	if (!json_is_object(root)) {
		mt_err_set(err, -EINVAL, "%s: the top level is %s, expected an object with a "
			   "\"subsystems\" array", p->path, kind(root));
		goto fail;
	}
	if (find_iobuf(p->path, root, &w, err) || read_params(p->path, &w, p, err))
		goto fail;
	before = cp_dump(root, &before_len);
	if (!before)
		goto oom;
	p->relayout = before_len != p->in.orig_len || memcmp(before, p->in.orig, before_len);
	free(before);
	if (change(root, &w, p))
		goto oom;
	p->changes = any_change(p);
	p->in.text = cp_dump(root, &p->in.text_len);
	if (!p->in.text)
		goto oom;
	if (p->changes && cp_check_writable(p->real_path, err))
		goto fail;
	json_decref(root);
	return 0;
oom:
	mt_err_set(err, -ENOMEM, "%s: out of memory", p->path);
fail:
	json_decref(root);
	config_patch_free(p);
	return -1;
}

void config_patch_free(struct config_patch *p)
{
	if (!p)
		return;
	free(p->in.orig);
	free(p->in.text);
	memset(p, 0, sizeof(*p));
}
