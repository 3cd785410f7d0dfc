/*
 * What both iobuf readers judge alike (contract: iobuf_decode_impl.h).
 *
 * Lenient like SPDK's own tools should have been: unknown members are
 * skipped (spdk_top broke when an RPC gained a field), optional members may
 * be absent, but a required member that is missing or has the wrong type is
 * an error whose message names the method and the path to the member, so a
 * user can see exactly which part of which reply was wrong.
 */
#include "iobuf_decode_impl.h"
#include "json_bigint.h"
#include "mt_text.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const struct iobuf_u64_field iobuf_module_pool_fields[IOBUF_POOL_FIELDS] = {
	{ "cache", offsetof(struct iobuf_pool_counters, cache), -1 },
	{ "main", offsetof(struct iobuf_pool_counters, main), -1 },
	{ "retry", offsetof(struct iobuf_pool_counters, retry), -1 },
	{ "cache_size", offsetof(struct iobuf_pool_counters, cache_size),
	  offsetof(struct iobuf_pool_counters, has_cache_size) },
};

const struct iobuf_u64_field iobuf_aggregate_pool_fields[IOBUF_POOL_FIELDS] = {
	{ "retry_count", offsetof(struct iobuf_pool_aggregate, retry_count), -1 },
	{ "alloc_count", offsetof(struct iobuf_pool_aggregate, alloc_count), -1 },
	{ "available_count", offsetof(struct iobuf_pool_aggregate, available_count), -1 },
	{ "cache_count", offsetof(struct iobuf_pool_aggregate, cache_count),
	  offsetof(struct iobuf_pool_aggregate, has_cache_count) },
};

/*
 * Paths are built for every member read, errors or not: plain copies, not
 * snprintf, which cost more than the rest of a text decode.  Cut to fit as
 * snprintf would cut them.
 */
static size_t put(struct jpath *out, size_t used, const char *src, size_t n)
{
	if (n > sizeof(out->s) - 1 - used)
		n = sizeof(out->s) - 1 - used;
	memcpy(out->s + used, src, n);
	return used + n;
}

void jpath_member(struct jpath *out, const char *base, const char *key)
{
	size_t used = 0;

	if (base && base[0]) {
		used = put(out, used, base, strlen(base));
		used = put(out, used, ".", 1);
	}
	used = put(out, used, key, strlen(key));
	out->s[used] = '\0';
}

void jpath_index(struct jpath *out, const char *base, size_t i)
{
	char num[32];
	size_t k = sizeof(num), used = base ? put(out, 0, base, strlen(base)) : 0;

	num[--k] = ']';
	do {
		num[--k] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	num[--k] = '[';
	used = put(out, used, num + k, sizeof(num) - k);
	out->s[used] = '\0';
}

const char *jkind_name(enum jkind k)
{
	switch (k) {
	case JK_OBJECT:
		return "object";
	case JK_ARRAY:
		return "array";
	case JK_STRING:
		return "string";
	case JK_INTEGER:
	case JK_BIG:
		return "integer";
	case JK_REAL:
		return "real";
	case JK_BOOLEAN:
		return "boolean";
	case JK_NULL:
		return "null";
	}
	return "unknown";
}

int iobuf_fail(struct mt_err *err, const char *method, const char *path, const char *fmt, ...)
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

int iobuf_need(const struct jval *v, enum jkind want, const char *expected, const char *method,
	       const char *path, struct mt_err *err)
{
	if (!v)
		return iobuf_fail(err, method, path, "missing");
	if (v->kind != want)
		return iobuf_fail(err, method, path, "expected %s, got %s", expected,
				  jkind_name(v->kind));
	return 0;
}

/*
 * SPDK writes its counters as uint64.  An integer beyond int64 is taken
 * exactly (json_bigint.h).  A client that decodes big integers as reals
 * hands us a double: accept that too when it is integral, because the
 * value is still what SPDK meant.
 */
static int as_u64(const struct jval *v, uint64_t *out)
{
	switch (v->kind) {
	case JK_BIG:
		return json_bigint_digits_u64(v->big, v->nbig, out) ? 0 : -1;
	case JK_INTEGER:
		if (v->i < 0)
			return -1;
		*out = (uint64_t)v->i;
		return 0;
	case JK_REAL:
		if (!isfinite(v->d) || v->d < 0 || v->d >= 18446744073709551616.0 ||
		    floor(v->d) != v->d)
			return -1;
		*out = (uint64_t)v->d;
		return 0;
	default:
		return -1;
	}
}

int iobuf_read_u64(const struct jval *v, const char *method, const char *base, const char *key,
		   uint64_t *out, bool *present, struct mt_err *err)
{
	struct jpath p;
	char got[64];

	if (present)
		*present = false;
	if (!v || (present && v->kind == JK_NULL)) {
		if (present)
			return 0;
		jpath_member(&p, base, key);
		return iobuf_fail(err, method, p.s, "missing");
	}
	if (as_u64(v, out) == 0) {
		if (present)
			*present = true;
		return 0;
	}
	jpath_member(&p, base, key);
	if (v->kind == JK_INTEGER)
		snprintf(got, sizeof(got), "negative integer %lld", (long long)v->i);
	else if (v->kind == JK_BIG)
		snprintf(got, sizeof(got), "%.*s (outside uint64)", (int)(v->nbig < 40 ? v->nbig : 40),
			 v->big);
	else if (v->kind == JK_REAL)
		snprintf(got, sizeof(got), "real %g", v->d);
	else
		snprintf(got, sizeof(got), "%s", jkind_name(v->kind));
	return iobuf_fail(err, method, p.s, "expected a non-negative integer, got %s", got);
}

int iobuf_read_field(const struct iobuf_u64_field *f, const struct jval *v, const char *method,
		     const char *base, void *pool, struct mt_err *err)
{
	char *at = pool;

	return iobuf_read_u64(v, method, base, f->key, (uint64_t *)(void *)(at + f->off),
			      f->has < 0 ? NULL : (bool *)(void *)(at + f->has), err);
}

/* The caller reports err.msg once, so cut names and dropped modules share it. */
void iobuf_warn(struct mt_err *err, const char *fmt, ...)
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

/* So a long name never ends in half a character. */
bool iobuf_copy_name(char *dst, size_t dst_len, const char *src, size_t len)
{
	size_t n = mt_utf8_fit(src, dst_len - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
	return len > n;
}

void iobuf_stats_clear(struct iobuf_snapshot *out)
{
	out->form = IOBUF_FORM_NONE;
	out->nmodules = 0;
	memset(out->modules, 0, sizeof(out->modules));
	memset(&out->agg_small, 0, sizeof(out->agg_small));
	memset(&out->agg_large, 0, sizeof(out->agg_large));
}

void iobuf_take_name(struct iobuf_names *names, size_t i, char *dst, const char *full, size_t len)
{
	bool cut = iobuf_copy_name(dst, SNAP_NAME_LEN, full, len);

	if (i >= SNAP_MAX_MODULES)
		return;
	names->cut[i] = cut;
	names->full[i] = full;
	names->len[i] = len;
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

static void settle_cut_names(struct iobuf_snapshot *out, const struct iobuf_names *names,
			     struct mt_err *err)
{
	size_t ncut = 0, first = 0;

	for (size_t i = 0; i < out->nmodules; i++) {
		if (!names->cut[i])
			continue;
		if (!ncut++)
			first = i;
		make_distinct(out, names->cut, i, names->full[i]);
	}
	if (ncut)
		iobuf_warn(err, "%s: %zu module name%s longer than %d bytes cut on a character "
			   "boundary, kept distinct (first: [%zu].module, %zu bytes, shown as \"%s\")",
			   IOBUF_M_STATS, ncut, ncut == 1 ? "" : "s", SNAP_NAME_LEN - 1, first,
			   names->len[first], out->modules[first].name);
}

void iobuf_finish_per_module(struct iobuf_snapshot *out, size_t n, const struct iobuf_names *names,
			     struct mt_err *err)
{
	out->nmodules = n < SNAP_MAX_MODULES ? n : SNAP_MAX_MODULES;
	out->form = IOBUF_FORM_PER_MODULE;
	if (n > SNAP_MAX_MODULES)
		iobuf_warn(err, "%s: %zu modules reported, kept the first %d", IOBUF_M_STATS, n,
			   SNAP_MAX_MODULES);
	settle_cut_names(out, names, err);
}
