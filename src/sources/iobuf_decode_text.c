/*
 * iobuf_get_stats from the reply text (contract: iobuf_decode_text.h).
 *
 * The reply as targets write it is read by iobuf_decode_plain.h in one
 * pass; what it leaves is read here, from the start.
 *
 * A cursor (reply_text.h) walks the framed text.  An object is read in
 * one pass that notes where the members wanted begin (the last of a
 * repeated key, as jansson keeps it); those are then judged in the tree
 * decoder's order by the shared rules (iobuf_decode_impl.h), so the first
 * error named is the same one.  Everything else is stepped over but still
 * checked as jansson checks it: on success every string and real has been
 * checked; after a decoding error rt_finish checks the whole text once
 * more, and a refusal wins over the error.
 */
#include "iobuf_decode_text.h"
#include "iobuf_decode_impl.h"
#include "iobuf_decode_plain.h"
#include "json_strings.h"
#include "reply_text.h"

#include <string.h>

#define MODULE_KEYS 3

/* The pool object at at (key of the object at base), its counters by the fields' table. */
static int decode_pool(struct rt_cur *c, size_t at, const char *key, const char *base,
		       const struct iobuf_u64_field *fields, void *out)
{
	const char *keys[IOBUF_POOL_FIELDS];
	size_t f[IOBUF_POOL_FIELDS], end;
	const struct jval *pv;
	struct jval v;
	struct jpath p;

	jpath_member(&p, base, key);
	if (rt_member_val(c, at, &v, &pv) < 0 ||
	    iobuf_need(pv, JK_OBJECT, "an object", IOBUF_M_STATS, p.s, c->err) < 0)
		return -1;
	for (size_t k = 0; k < IOBUF_POOL_FIELDS; k++)
		keys[k] = fields[k].key;
	if (rt_members(c, at, keys, IOBUF_POOL_FIELDS, f, &end) < 0)
		return -1;
	for (size_t k = 0; k < IOBUF_POOL_FIELDS; k++) {
		if (rt_member_val(c, f[k], &v, &pv) < 0 ||
		    iobuf_read_field(&fields[k], pv, IOBUF_M_STATS, p.s, out, c->err) < 0)
			return -1;
	}
	return 0;
}

/* Module idx at c->s[i]; its name's first bytes go to head (SNAP_NAME_LEN + 1 bytes). */
static int decode_module(struct rt_cur *c, size_t i, size_t idx, struct iobuf_module_stats *out,
			 struct iobuf_names *names, char *head, size_t *end)
{
	static const char *const keys[MODULE_KEYS] = { "module", "small_pool", "large_pool" };
	size_t at[MODULE_KEYS], send;
	const struct jval *pv;
	struct jpath base, p;
	struct jval v;

	jpath_index(&base, "", idx);
	if (rt_val(c, i, &v) < 0 ||
	    iobuf_need(&v, JK_OBJECT, "an object", IOBUF_M_STATS, base.s, c->err) < 0 ||
	    rt_members(c, i, keys, MODULE_KEYS, at, end) < 0)
		return -1;
	jpath_member(&p, base.s, "module");
	if (rt_member_val(c, at[0], &v, &pv) < 0 ||
	    iobuf_need(pv, JK_STRING, "a string", IOBUF_M_STATS, p.s, c->err) < 0 ||
	    rt_string_at(c, at[0], true, &send) < 0)
		return -1;
	iobuf_take_name(names, idx, out->name, head,
			json_string_decode(c->s + at[0] + 1, send - at[0] - 2, head,
					   SNAP_NAME_LEN + 1));
	if (decode_pool(c, at[1], "small_pool", base.s, iobuf_module_pool_fields, &out->small) < 0 ||
	    decode_pool(c, at[2], "large_pool", base.s, iobuf_module_pool_fields, &out->large) < 0)
		return -1;
	return 0;
}

/* The array at c->s[i]; every element is checked, also those beyond the bound. */
static int decode_per_module(struct rt_cur *c, size_t i, struct iobuf_snapshot *out, size_t *end)
{
	char heads[SNAP_MAX_MODULES + 1][SNAP_NAME_LEN + 1]; /* the last: modules past the bound */
	struct iobuf_names names;
	size_t n = 0;
	int more = rt_first(c, &i, ']');

	memset(&names, 0, sizeof(names));
	for (; more; n++) {
		struct iobuf_module_stats scratch;
		struct iobuf_module_stats *m = n < SNAP_MAX_MODULES ? &out->modules[n] : &scratch;
		size_t mend;

		memset(m, 0, sizeof(*m));
		if (decode_module(c, i, n, m, &names, heads[n < SNAP_MAX_MODULES ? n : SNAP_MAX_MODULES],
				  &mend) < 0)
			return -1;
		i = mend;
		if ((more = rt_next(c, &i, ']')) < 0)
			return rt_not_json(c, i);
	}
	*end = i;
	iobuf_finish_per_module(out, n, &names, c->err);
	return 0;
}

static int decode_aggregate(struct rt_cur *c, size_t i, struct iobuf_snapshot *out, size_t *end)
{
	static const char *const keys[2] = { "small_pool", "large_pool" };
	size_t at[2];

	if (rt_members(c, i, keys, 2, at, end) < 0 ||
	    decode_pool(c, at[0], "small_pool", "", iobuf_aggregate_pool_fields, &out->agg_small) < 0 ||
	    decode_pool(c, at[1], "large_pool", "", iobuf_aggregate_pool_fields, &out->agg_large) < 0)
		return -1;
	out->form = IOBUF_FORM_AGGREGATE;
	return 0;
}

static int decode(struct rt_cur *c, struct iobuf_snapshot *out)
{
	size_t i = rt_ws(c, 0), end = 0;
	struct jval v;
	int rc;

	if (i < c->n && c->s[i] == '[') {
		rc = decode_per_module(c, i, out, &end);
	} else if (i < c->n && c->s[i] == '{') {
		rc = decode_aggregate(c, i, out, &end);
	} else {
		if (rt_val(c, i, &v) < 0)
			return -1;
		return iobuf_need(&v, JK_ARRAY, "an array of modules or an aggregate object",
				  IOBUF_M_STATS, "", c->err);
	}
	if (rc == 0 && rt_ws(c, end) != c->n)
		return rt_not_json(c, rt_ws(c, end));
	return rc;
}

int iobuf_decode_stats_text(const char *text, size_t n, struct iobuf_snapshot *out,
			    struct mt_err *err)
{
	struct rt_cur c = { .s = text, .n = n, .method = IOBUF_M_STATS, .err = err };
	int rc;

	mt_err_clear(err);
	iobuf_stats_clear(out);
	if (!text)
		return iobuf_fail(err, IOBUF_M_STATS, "", "no result");
	if (iobuf_decode_plain(&c, out))
		return rt_finish(&c, 0);
	/* Left by the plain reader: from the start, as if it had not looked. */
	c.final = false;
	mt_err_clear(err);
	iobuf_stats_clear(out);
	rc = rt_finish(&c, decode(&c, out));
	if (rc < 0)
		iobuf_stats_clear(out);
	return rc;
}
