/*
 * config_patch_verify: the written file, parsed back, must be the original
 * plus the planned change and nothing else (contract: config_patch.h).
 * The check undoes the change in the parsed tree using only the plan's
 * record of where it went, then compares with the original, so a wrong
 * edit, a lost key or a number jansson spelled differently is caught
 * before the file is replaced.
 */
#include "config_patch_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct same_ctx {
	char path[512];   /* where the walk is; cut short on very deep paths */
	size_t len;
};

static size_t push_text(struct same_ctx *c, const char *text, size_t n)
{
	size_t was = c->len;

	if (n > sizeof(c->path) - 1 - c->len)
		n = sizeof(c->path) - 1 - c->len;
	memcpy(c->path + c->len, text, n);
	c->len += n;
	c->path[c->len] = '\0';
	return was;
}

static size_t push_key(struct same_ctx *c, const char *key)
{
	size_t was = c->len;

	if (c->len)
		push_text(c, ".", 1);
	push_text(c, key, strlen(key));
	return was;
}

static size_t push_index(struct same_ctx *c, size_t i)
{
	char s[32];
	int n = snprintf(s, sizeof(s), "[%zu]", i);

	return push_text(c, s, (size_t)n);
}

static void pop(struct same_ctx *c, size_t was)
{
	c->len = was;
	c->path[was] = '\0';
}

static bool same(const json_t *a, const json_t *b, struct same_ctx *c);

static bool same_object(const json_t *a, const json_t *b, struct same_ctx *c)
{
	void *ia = json_object_iter((json_t *)a), *ib = json_object_iter((json_t *)b);

	if (json_object_size(a) != json_object_size(b))
		return false;
	for (; ia && ib; ia = json_object_iter_next((json_t *)a, ia),
			 ib = json_object_iter_next((json_t *)b, ib)) {
		size_t n = json_object_iter_key_len(ia), was;

		/* A key out of place is reported at the original's key. */
		was = push_key(c, json_object_iter_key(ia));
		if (n != json_object_iter_key_len(ib) ||
		    memcmp(json_object_iter_key(ia), json_object_iter_key(ib), n))
			return false;
		if (!same(json_object_iter_value(ia), json_object_iter_value(ib), c))
			return false;
		pop(c, was);
	}
	return true;
}

static bool same(const json_t *a, const json_t *b, struct same_ctx *c)
{
	double x, y;
	size_t i, was;

	if (json_typeof(a) != json_typeof(b))
		return false;
	switch (json_typeof(a)) {
	case JSON_OBJECT:
		return same_object(a, b, c);
	case JSON_ARRAY:
		if (json_array_size(a) != json_array_size(b))
			return false;
		for (i = 0; i < json_array_size(a); i++) {
			was = push_index(c, i);
			if (!same(json_array_get(a, i), json_array_get(b, i), c))
				return false;
			pop(c, was);
		}
		return true;
	case JSON_STRING:
		return json_string_length(a) == json_string_length(b) &&
		       !memcmp(json_string_value(a), json_string_value(b), json_string_length(a));
	case JSON_INTEGER:
		return json_integer_value(a) == json_integer_value(b);
	case JSON_REAL:
		/* Bit for bit: -0.0 is not 0.0 here. */
		x = json_real_value(a);
		y = json_real_value(b);
		return !memcmp(&x, &y, sizeof(x));
	default:
		return true;
	}
}

bool cp_same(const json_t *a, const json_t *b, const char *at, char *where, size_t len)
{
	struct same_ctx c;

	c.len = 0;
	c.path[0] = '\0';
	push_text(&c, at, strlen(at));
	if (same(a, b, &c))
		return true;
	snprintf(where, len, "%s", c.len ? c.path : "the top level");
	return false;
}

/* The requested values must be there; old ones go back, added ones go. */
static int undo_values(const struct config_patch *p, json_t *params, const char **what)
{
	int k;

	if (!json_is_object(params)) {
		*what = "the params are gone";
		return -1;
	}
	for (k = 0; k < CONFIG_PATCH_NKEYS; k++) {
		const struct config_patch_value *v = &p->values[k];
		const char *key = config_patch_key_name(k);
		json_t *got = json_object_get(params, key);

		if (!v->requested)
			continue;
		if (!json_is_integer(got) || (uint64_t)json_integer_value(got) != v->new_value) {
			*what = "a new value is not what was asked";
			return -1;
		}
		if (v->old_present)
			json_object_set_new(params, key, json_integer((json_int_t)v->old_value));
		else
			json_object_del(params, key);
	}
	return 0;
}

/* Checks that `got` is what the plan added; consumes expect. */
static bool added_is(json_t *expect, const json_t *got, const char *at, const char **what)
{
	char where[8];
	bool ok = expect && got && cp_same(expect, got, at, where, sizeof(where));

	json_decref(expect);
	if (!ok)
		*what = "what was added is not what was planned";
	return ok;
}

static int undo(const struct config_patch *p, json_t *w, const char **what)
{
	json_t *subs = json_object_get(w, "subsystems");
	json_t *sub = json_array_get(subs, p->in.subsystem_index);
	json_t *cfg = json_object_get(sub, "config");
	json_t *entry = json_array_get(cfg, p->in.entry_index);

	switch (p->added) {
	case CONFIG_PATCH_ADDED_SUBSYSTEMS:
		if (!added_is(json_pack("[o]", cp_subsystem_json(p)), subs, "", what))
			return -1;
		return json_object_del(w, "subsystems");
	case CONFIG_PATCH_ADDED_SUBSYSTEM:
		if (!added_is(cp_subsystem_json(p), sub, "", what))
			return -1;
		return json_array_remove(subs, p->in.subsystem_index);
	case CONFIG_PATCH_ADDED_ENTRY:
		if (!added_is(cp_entry_json(p), entry, "", what))
			return -1;
		if (p->in.config_was == 0)
			return json_array_remove(cfg, p->in.entry_index);
		if (json_array_size(cfg) != 1) {
			*what = "the new config array holds more than the entry";
			return -1;
		}
		if (p->in.config_was == 1)
			return json_object_set_new(sub, "config", json_null());
		return json_object_del(sub, "config");
	case CONFIG_PATCH_ADDED_PARAMS:
		if (!added_is(cp_params_json(p), json_object_get(entry, "params"), "", what))
			return -1;
		return json_object_del(entry, "params");
	case CONFIG_PATCH_ADDED_NONE:
		break;
	}
	return undo_values(p, json_object_get(entry, "params"), what);
}

int cp_verify(const struct config_patch *p, const json_t *orig, json_t *written,
	      struct mt_err *err)
{
	const char *what = "the change could not be taken out";
	char where[256];

	if (undo(p, written, &what)) {
		mt_err_set(err, -EIO, "%s: the written file is wrong (%s at %s); not changed",
			   p->real_path, what, p->params_path);
		return -1;
	}
	if (!cp_same(orig, written, "", where, sizeof(where))) {
		mt_err_set(err, -EIO, "%s: the written file differs from the original at %s, "
			   "not only in the change; not changed", p->real_path, where);
		return -1;
	}
	return 0;
}
