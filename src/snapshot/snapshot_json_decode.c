/*
 * JSON to snapshot (contract: snapshot_json.h; field reference: docs/snapshot.md).
 *
 * The reader of a recording or a baseline needs to know where a file is
 * wrong, so every lookup carries the path of the member it reads and the
 * first failure is reported as "<path>: <what was expected>"; later lookups
 * then do nothing.  Unknown members are ignored (a newer memtop may add
 * some), null and absent are the same for the optional ones, and a uint64
 * may come as a number or as a string of decimal digits (how the encoder
 * writes values above INT64_MAX).  Bounds are errors, not silent cuts: a file
 * that does not fit a snapshot is not the file it claims to be.
 */
#include "snapshot_json.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define PATH_LEN 96

struct dec {
	struct mt_err *err;
	bool failed;
};

struct path {
	char s[PATH_LEN];
};

static void fail(struct dec *d, const char *path, const char *fmt, ...) MT_PRINTF(3, 4);

static void fail(struct dec *d, const char *path, const char *fmt, ...)
{
	char what[MT_ERR_LEN];
	va_list ap;

	if (d->failed)
		return;
	d->failed = true;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	mt_err_set(d->err, -EINVAL, "%s: %s", path, what);
}

static struct path member(const char *base, const char *key)
{
	struct path p;

	if (base[0])
		snprintf(p.s, sizeof(p.s), "%s.%s", base, key);
	else
		snprintf(p.s, sizeof(p.s), "%s", key);
	return p;
}

static struct path element(const char *base, size_t i)
{
	struct path p;

	snprintf(p.s, sizeof(p.s), "%s[%zu]", base, i);
	return p;
}

/* The member, or NULL when it is absent or null (then *absent is set). */
static const json_t *lookup(struct dec *d, const json_t *obj, const char *key, bool *absent)
{
	const json_t *v;

	*absent = true;
	if (d->failed || !obj)
		return NULL;
	v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return NULL;
	*absent = false;
	return v;
}

static const json_t *need(struct dec *d, const json_t *obj, const char *base, const char *key)
{
	bool absent;
	const json_t *v = lookup(d, obj, key, &absent);

	if (absent && obj && !d->failed) {
		bool present = json_object_get(obj, key) != NULL;

		fail(d, member(base, key).s,
		     present ? "null where a value is required" : "missing");
	}
	return v;
}

static bool parse_u64_text(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned dgt;

		if (*s < '0' || *s > '9')
			return false;
		dgt = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - dgt) / 10)
			return false;
		v = v * 10 + dgt;
	}
	*out = v;
	return true;
}

static void as_u64(struct dec *d, const json_t *v, const char *path, uint64_t *out)
{
	if (!v || d->failed)
		return;
	if (json_is_integer(v) && json_integer_value(v) >= 0) {
		*out = (uint64_t)json_integer_value(v);
		return;
	}
	if (json_is_string(v) && parse_u64_text(json_string_value(v), out))
		return;
	fail(d, path, "expected a non-negative integer");
}

static void get_u64(struct dec *d, const json_t *obj, const char *base, const char *key,
		    uint64_t *out)
{
	as_u64(d, need(d, obj, base, key), member(base, key).s, out);
}

/* Optional: *has says whether it was there. */
static void get_opt_u64(struct dec *d, const json_t *obj, const char *base, const char *key,
			uint64_t *out, bool *has)
{
	bool absent;
	const json_t *v = lookup(d, obj, key, &absent);

	*has = !absent;
	as_u64(d, v, member(base, key).s, out);
}

/* Required, but null stands for a value that was not a finite number. */
static void get_double(struct dec *d, const json_t *obj, const char *base, const char *key,
		       double *out)
{
	const json_t *v;

	if (d->failed || !obj)
		return;
	v = json_object_get(obj, key);
	if (!v)
		fail(d, member(base, key).s, "missing");
	else if (json_is_null(v))
		*out = NAN;
	else if (json_is_number(v))
		*out = json_number_value(v);
	else
		fail(d, member(base, key).s, "expected a number");
}

static void get_bool(struct dec *d, const json_t *obj, const char *base, const char *key,
		     bool *out)
{
	const json_t *v = need(d, obj, base, key);

	if (!v)
		return;
	if (json_is_boolean(v))
		*out = json_is_true(v);
	else
		fail(d, member(base, key).s, "expected true or false");
}

/* Identities (names, target) must fit whole; messages may be cut (fit = false). */
static void as_str(struct dec *d, const json_t *v, const char *path, char *buf, size_t len,
		   bool must_fit)
{
	size_t n;

	if (!v || d->failed)
		return;
	if (!json_is_string(v)) {
		fail(d, path, "expected a string");
		return;
	}
	n = json_string_length(v);
	if (memchr(json_string_value(v), '\0', n)) {
		fail(d, path, "contains a NUL character");
		return;
	}
	if (n >= len) {
		if (must_fit) {
			fail(d, path, "longer than %zu bytes", len - 1);
			return;
		}
		n = len - 1;
	}
	memcpy(buf, json_string_value(v), n);
	buf[n] = '\0';
}

static void get_str(struct dec *d, const json_t *obj, const char *base, const char *key,
		    char *buf, size_t len, bool must_fit)
{
	as_str(d, need(d, obj, base, key), member(base, key).s, buf, len, must_fit);
}

static const json_t *get_obj(struct dec *d, const json_t *obj, const char *base,
			     const char *key, bool optional)
{
	bool absent;
	const json_t *v = optional ? lookup(d, obj, key, &absent) : need(d, obj, base, key);

	if (v && !json_is_object(v)) {
		fail(d, member(base, key).s, "expected an object%s", optional ? " or null" : "");
		return NULL;
	}
	return d->failed ? NULL : v;
}

/* The array, checked against a bound; *n is its size. */
static const json_t *get_arr(struct dec *d, const json_t *obj, const char *base,
			     const char *key, size_t max, size_t *n)
{
	const json_t *v = need(d, obj, base, key);

	*n = 0;
	if (!v)
		return NULL;
	if (!json_is_array(v)) {
		fail(d, member(base, key).s, "expected an array");
		return NULL;
	}
	if (json_array_size(v) > max) {
		fail(d, member(base, key).s, "%zu entries, at most %zu fit a snapshot",
		     json_array_size(v), max);
		return NULL;
	}
	*n = json_array_size(v);
	return v;
}

static const json_t *arr_obj(struct dec *d, const json_t *arr, size_t i, const char *path)
{
	const json_t *v = json_array_get(arr, i);

	if (!json_is_object(v)) {
		fail(d, path, "expected an object");
		return NULL;
	}
	return v;
}

/* An enumeration by name; names from snapshot_names.c. */
static const char *get_name(struct dec *d, const json_t *obj, const char *base, const char *key)
{
	const json_t *v = need(d, obj, base, key);

	if (!v)
		return NULL;
	if (!json_is_string(v)) {
		fail(d, member(base, key).s, "expected a string");
		return NULL;
	}
	return json_string_value(v);
}

/* ---- iobuf ------------------------------------------------------------ */

static void dec_pool_counters(struct dec *d, const json_t *o, const char *path,
			      struct iobuf_pool_counters *p)
{
	get_u64(d, o, path, "cache", &p->cache);
	get_u64(d, o, path, "main", &p->main);
	get_u64(d, o, path, "retry", &p->retry);
	get_opt_u64(d, o, path, "cache_size", &p->cache_size, &p->has_cache_size);
}

static void dec_modules(struct dec *d, const json_t *io, const char *base,
			struct iobuf_snapshot *out)
{
	struct path ap = member(base, "modules");
	size_t n;
	const json_t *arr = get_arr(d, io, base, "modules", SNAP_MAX_MODULES, &n);

	for (size_t i = 0; arr && i < n && !d->failed; i++) {
		struct path ep = element(ap.s, i);
		struct iobuf_module_stats *m = &out->modules[i];
		const json_t *mo = arr_obj(d, arr, i, ep.s);
		const json_t *small, *large;

		get_str(d, mo, ep.s, "name", m->name, sizeof(m->name), true);
		small = get_obj(d, mo, ep.s, "small", false);
		dec_pool_counters(d, small, member(ep.s, "small").s, &m->small);
		large = get_obj(d, mo, ep.s, "large", false);
		dec_pool_counters(d, large, member(ep.s, "large").s, &m->large);
	}
	out->nmodules = d->failed ? 0 : n;
}

static void dec_aggregate_pool(struct dec *d, const json_t *o, const char *path,
			       struct iobuf_pool_aggregate *a)
{
	get_u64(d, o, path, "retry_count", &a->retry_count);
	get_u64(d, o, path, "alloc_count", &a->alloc_count);
	get_u64(d, o, path, "available_count", &a->available_count);
	get_opt_u64(d, o, path, "cache_count", &a->cache_count, &a->has_cache_count);
}

static void dec_options(struct dec *d, const json_t *io, const char *base,
			struct iobuf_options *opt)
{
	struct path p = member(base, "options");
	const json_t *o = get_obj(d, io, base, "options", true);

	if (!o)
		return;
	get_u64(d, o, p.s, "small_pool_count", &opt->small_pool_count);
	get_u64(d, o, p.s, "large_pool_count", &opt->large_pool_count);
	get_u64(d, o, p.s, "small_bufsize", &opt->small_bufsize);
	get_u64(d, o, p.s, "large_bufsize", &opt->large_bufsize);
	get_bool(d, o, p.s, "enable_numa", &opt->enable_numa);
	opt->valid = !d->failed;
}

static void dec_summary(struct dec *d, const json_t *io, const char *base, const char *key,
			struct iobuf_pool_summary *s)
{
	struct path p = member(base, key);
	const json_t *o = get_obj(d, io, base, key, false);
	const char *kind;

	get_u64(d, o, p.s, "cache", &s->cache);
	get_u64(d, o, p.s, "main", &s->main);
	get_u64(d, o, p.s, "retry", &s->retry);
	bool absent, has_free;
	const json_t *src;

	/* Snapshots written before the reservation was named for what it is say "pinned". */
	get_opt_u64(d, o, p.s, o && json_object_get(o, "reserved") ? "reserved" : "pinned",
		    &s->reserved, &s->has_reserved);
	get_u64(d, o, p.s, "count", &s->count);
	get_u64(d, o, p.s, "bufsize", &s->bufsize);
	kind = get_name(d, o, p.s, "util_kind");
	if (kind && util_kind_from_name(kind, &s->util_kind) < 0)
		fail(d, member(p.s, "util_kind").s, "unknown utilization kind \"%s\"", kind);
	/* Optional: older snapshots did not say where the figure came from. */
	src = lookup(d, o, "util_source", &absent);
	if (src && (!json_is_string(src) ||
		    util_source_from_name(json_string_value(src), &s->util_source) < 0))
		fail(d, member(p.s, "util_source").s, "expected a utilization source name");
	get_u64(d, o, p.s, "used", &s->used);
	get_u64(d, o, p.s, "capacity", &s->capacity);
	get_double(d, o, p.s, "util", &s->util);
	get_opt_u64(d, o, p.s, "free", &s->free, &has_free);
}

/* "node": a NUMA node id, as the rings and the heaps name theirs. */
static void get_node_id(struct dec *d, const json_t *obj, const char *base, int *out)
{
	const json_t *node = need(d, obj, base, "node");

	if (node && (!json_is_integer(node) || json_integer_value(node) < 0 ||
		     json_integer_value(node) > INT_MAX))
		fail(d, member(base, "node").s, "expected a node id");
	else if (node)
		*out = (int)json_integer_value(node);
}

/* Optional as a whole: snapshots from before the rings were read have none. */
static void dec_rings(struct dec *d, const json_t *io, struct iobuf_rings *r)
{
	const char *base = "iobuf.rings";
	const json_t *o = get_obj(d, io, "iobuf", "rings", true);
	const json_t *arr, *pid;
	const char *state;
	bool absent;
	size_t n;

	if (!o)
		return;
	state = get_name(d, o, base, "state");
	if (state && rings_state_from_name(state, &r->state) < 0)
		fail(d, member(base, "state").s, "unknown state \"%s\"", state);
	pid = lookup(d, o, "pid", &absent);
	if (pid && (!json_is_integer(pid) || json_integer_value(pid) <= 0 ||
		    json_integer_value(pid) > INT_MAX))
		fail(d, member(base, "pid").s, "expected a process id");
	else if (pid)
		r->pid = (int)json_integer_value(pid);
	if (json_is_string(json_object_get(o, "why")))
		as_str(d, json_object_get(o, "why"), member(base, "why").s, r->why,
		       sizeof(r->why), false);
	arr = get_arr(d, o, base, "rings", SNAP_MAX_RINGS, &n);
	for (size_t i = 0; arr && i < n && !d->failed; i++) {
		struct path ep = element(member(base, "rings").s, i);
		const json_t *e = arr_obj(d, arr, i, ep.s);
		const char *pool;

		get_node_id(d, e, ep.s, &r->rings[i].node);
		pool = get_name(d, e, ep.s, "pool");
		if (pool && strcmp(pool, "small") != 0 && strcmp(pool, "large") != 0)
			fail(d, member(ep.s, "pool").s, "expected \"small\" or \"large\"");
		r->rings[i].large = pool && strcmp(pool, "large") == 0;
		get_u64(d, e, ep.s, "capacity", &r->rings[i].capacity);
		get_u64(d, e, ep.s, "free", &r->rings[i].free);
	}
	r->n = d->failed ? 0 : n;
}

static void dec_iobuf(struct dec *d, const json_t *top, struct iobuf_snapshot *out)
{
	const char *base = "iobuf";
	const json_t *io = get_obj(d, top, "", base, false);
	const json_t *agg;
	const char *form = get_name(d, io, base, "form");

	if (form && iobuf_stats_form_from_name(form, &out->form) < 0)
		fail(d, "iobuf.form", "unknown stats form \"%s\"", form);
	dec_options(d, io, base, &out->opts);
	dec_modules(d, io, base, out);
	agg = get_obj(d, io, base, "aggregate", true);
	if (agg) {
		dec_aggregate_pool(d, get_obj(d, agg, "iobuf.aggregate", "small", false),
				   "iobuf.aggregate.small", &out->agg_small);
		dec_aggregate_pool(d, get_obj(d, agg, "iobuf.aggregate", "large", false),
				   "iobuf.aggregate.large", &out->agg_large);
	} else if (!d->failed && out->form == IOBUF_FORM_AGGREGATE) {
		fail(d, "iobuf.aggregate", "missing (form is \"aggregate\")");
	}
	dec_rings(d, io, &out->rings);
	dec_summary(d, io, base, "small", &out->small);
	dec_summary(d, io, base, "large", &out->large);
}

/* ---- hugepages -------------------------------------------------------- */

static void dec_node(struct dec *d, const json_t *o, const char *path, struct hugepage_node *nd)
{
	const json_t *id = need(d, o, path, "id");
	const json_t *arr;
	bool has_total, has_free;
	size_t n;

	if (id && (!json_is_integer(id) || json_integer_value(id) < 0 ||
		   json_integer_value(id) > INT_MAX))
		fail(d, member(path, "id").s, "expected a non-negative integer");
	else if (id)
		nd->id = (int)json_integer_value(id);
	get_opt_u64(d, o, path, "mem_total_kb", &nd->mem_total_kb, &has_total);
	get_opt_u64(d, o, path, "mem_free_kb", &nd->mem_free_kb, &has_free);
	if (has_total != has_free)
		fail(d, member(path, has_total ? "mem_free_kb" : "mem_total_kb").s,
		     "null while %s is known", has_total ? "mem_total_kb" : "mem_free_kb");
	nd->has_meminfo = has_total && has_free;
	get_bool(d, o, path, "memoryless", &nd->memoryless);
	arr = get_arr(d, o, path, "sizes", SNAP_MAX_PAGE_SIZES, &n);
	for (size_t i = 0; arr && i < n && !d->failed; i++) {
		struct path ep = element(member(path, "sizes").s, i);
		struct hugepage_size_stats *s = &nd->sizes[i];
		const json_t *so = arr_obj(d, arr, i, ep.s);

		get_u64(d, so, ep.s, "page_kb", &s->page_kb);
		get_u64(d, so, ep.s, "nr", &s->nr);
		get_u64(d, so, ep.s, "free", &s->free);
		get_u64(d, so, ep.s, "surplus", &s->surplus);
	}
	nd->nsizes = d->failed ? 0 : n;
}

static void dec_global(struct dec *d, const json_t *hp, struct hugepage_global *g)
{
	const char *base = "hugepages.global";
	const json_t *o = get_obj(d, hp, "hugepages", "global", false);
	const json_t *arr, *mi;
	size_t n;

	arr = get_arr(d, o, base, "sizes", SNAP_MAX_PAGE_SIZES, &n);
	for (size_t i = 0; arr && i < n && !d->failed; i++) {
		struct path ep = element("hugepages.global.sizes", i);
		struct hugepage_global_size *s = &g->sizes[i];
		const json_t *so = arr_obj(d, arr, i, ep.s);

		get_u64(d, so, ep.s, "page_kb", &s->page_kb);
		get_u64(d, so, ep.s, "nr", &s->nr);
		get_u64(d, so, ep.s, "free", &s->free);
		get_u64(d, so, ep.s, "resv", &s->resv);
		get_u64(d, so, ep.s, "surplus", &s->surplus);
	}
	g->nsizes = d->failed ? 0 : n;
	mi = get_obj(d, o, base, "meminfo", true);
	if (!mi)
		return;
	get_u64(d, mi, "hugepages.global.meminfo", "hugepages_total", &g->total);
	get_u64(d, mi, "hugepages.global.meminfo", "hugepages_free", &g->free);
	get_u64(d, mi, "hugepages.global.meminfo", "hugepages_rsvd", &g->rsvd);
	get_u64(d, mi, "hugepages.global.meminfo", "hugepages_surp", &g->surp);
	get_u64(d, mi, "hugepages.global.meminfo", "hugepagesize_kb", &g->default_page_kb);
	get_u64(d, mi, "hugepages.global.meminfo", "hugetlb_kb", &g->hugetlb_kb);
	g->has_meminfo = !d->failed;
}

static void dec_hugepages(struct dec *d, const json_t *top, struct hugepage_snapshot *out)
{
	const json_t *hp = get_obj(d, top, "", "hugepages", false);
	const char *src = get_name(d, hp, "hugepages", "node_source");
	const json_t *arr;
	size_t n;

	if (src && strcmp(src, "libnuma") == 0)
		out->numa_from_libnuma = true;
	else if (src && strcmp(src, "sysfs") != 0)
		fail(d, "hugepages.node_source", "expected \"libnuma\" or \"sysfs\", not \"%s\"",
		     src);
	arr = get_arr(d, hp, "hugepages", "nodes", SNAP_MAX_NODES, &n);
	for (size_t i = 0; arr && i < n && !d->failed; i++) {
		struct path ep = element("hugepages.nodes", i);

		dec_node(d, arr_obj(d, arr, i, ep.s), ep.s, &out->nodes[i]);
	}
	out->nnodes = d->failed ? 0 : n;
	dec_global(d, hp, &out->global);
}

/* ---- the snapshot ----------------------------------------------------- */

/* Optional: null when the dump had no mempools section, absent before they were kept. */
static void dec_mempools(struct dec *d, const json_t *o, const char *base, struct spdk_heaps *h)
{
	struct path ap = member(base, "mempools");
	const json_t *arr;
	bool absent;
	size_t n;

	lookup(d, o, "mempools", &absent);
	if (absent)
		return;
	arr = get_arr(d, o, base, "mempools", SNAP_MAX_MEMPOOLS, &n);
	for (size_t i = 0; arr && i < n && !d->failed; i++) {
		struct path ep = element(ap.s, i);
		const json_t *e = arr_obj(d, arr, i, ep.s);
		struct spdk_mempool *m = &h->mempools[i];
		const json_t *node = lookup(d, e, "node", &absent);
		bool has_obj;

		get_str(d, e, ep.s, "name", m->name, sizeof(m->name), true);
		m->node = -1;
		if (node)
			get_node_id(d, e, ep.s, &m->node);
		get_u64(d, e, ep.s, "count", &m->count);
		get_u64(d, e, ep.s, "elt_size", &m->elt_size);
		get_opt_u64(d, e, ep.s, "obj_size", &m->obj_size, &has_obj);
		get_opt_u64(d, e, ep.s, "available", &m->available, &m->has_available);
	}
	h->has_mempools = !d->failed;
	h->nmempools = d->failed ? 0 : n;
	get_opt_u64(d, o, base, "mempools_dropped", &h->mempools_dropped, &absent);
}

/* Optional as a whole: snapshots from before the heaps were read have none. */
static void dec_heaps(struct dec *d, const json_t *top, struct spdk_heaps *h)
{
	const char *base = "spdk_heaps";
	const json_t *o = get_obj(d, top, "", base, true), *arr, *read;
	const char *state;
	size_t n;

	if (!o)
		return;
	state = get_name(d, o, base, "state");
	if (state && heaps_state_from_name(state, &h->state) < 0)
		fail(d, member(base, "state").s, "unknown state \"%s\"", state);
	read = get_obj(d, o, base, "read", true);
	if (read) {
		get_double(d, read, member(base, "read").s, "mono", &h->read_mono);
		get_double(d, read, member(base, "read").s, "wall", &h->read_wall);
	}
	if (json_is_string(json_object_get(o, "why")))
		as_str(d, json_object_get(o, "why"), member(base, "why").s, h->why,
		       sizeof(h->why), false);
	arr = get_arr(d, o, base, "heaps", SNAP_MAX_HEAPS, &n);
	for (size_t i = 0; arr && i < n && !d->failed; i++) {
		struct path ep = element(member(base, "heaps").s, i);
		const json_t *e = arr_obj(d, arr, i, ep.s);
		struct spdk_heap *hp = &h->heaps[i];

		get_node_id(d, e, ep.s, &hp->node);
		get_u64(d, e, ep.s, "size", &hp->size);
		get_u64(d, e, ep.s, "free", &hp->free);
		get_u64(d, e, ep.s, "alloc", &hp->alloc);
		get_u64(d, e, ep.s, "greatest_free", &hp->greatest_free);
		get_u64(d, e, ep.s, "alloc_count", &hp->alloc_count);
		get_u64(d, e, ep.s, "free_count", &hp->free_count);
	}
	h->n = d->failed ? 0 : n;
	dec_mempools(d, o, base, h);
}

static void dec_errors(struct dec *d, const json_t *top, struct mt_errlist *out)
{
	const json_t *arr = need(d, top, "", "errors");
	uint64_t dropped = 0;
	bool has_dropped;

	if (arr && !json_is_array(arr)) {
		fail(d, "errors", "expected an array");
		return;
	}
	for (size_t i = 0; arr && i < json_array_size(arr) && !d->failed; i++) {
		struct path ep = element("errors", i);

		if (i >= MT_ERRLIST_MAX) {
			/* A bounded list overflows into the count, as mt_errlist_add does. */
			if (!json_is_string(json_array_get(arr, i)))
				fail(d, ep.s, "expected a string");
			out->dropped++;
			continue;
		}
		as_str(d, json_array_get(arr, i), ep.s, out->msg[i], sizeof(out->msg[i]), false);
		out->n = i + 1;
	}
	get_opt_u64(d, top, "", "errors_dropped", &dropped, &has_dropped);
	if (dropped > SIZE_MAX - out->dropped)
		fail(d, "errors_dropped", "too large");
	else
		out->dropped += (size_t)dropped;
}

static void dec_schema(struct dec *d, const json_t *top)
{
	const json_t *v;

	if (!json_is_object(top)) {
		fail(d, "snapshot", "expected a JSON object");
		return;
	}
	v = json_object_get(top, "schema");
	if (!v)
		fail(d, "schema", "missing (not a spdk-memtop snapshot?)");
	else if (!json_is_string(v))
		fail(d, "schema", "expected a string");
	else if (strcmp(json_string_value(v), SNAPSHOT_SCHEMA) != 0)
		fail(d, "schema", "unknown schema \"%s\" (this spdk-memtop reads \"%s\")",
		     json_string_value(v), SNAPSHOT_SCHEMA);
}

int snapshot_from_json(const json_t *j, struct snapshot *out, struct mt_err *err)
{
	struct dec d = { .err = err };
	const json_t *time;
	const char *state;

	memset(out, 0, sizeof(*out));
	mt_err_clear(err);
	dec_schema(&d, j);
	get_u64(&d, j, "", "seq", &out->seq);
	time = get_obj(&d, j, "", "time", false);
	get_double(&d, time, "time", "mono", &out->mono);
	get_double(&d, time, "time", "wall", &out->wall);
	/* time.wall_iso is derived from wall and not read back. */
	get_str(&d, j, "", "target", out->target, sizeof(out->target), true);
	state = get_name(&d, j, "", "state");
	if (state && target_state_from_name(state, &out->state) < 0)
		fail(&d, "state", "unknown target state \"%s\"", state);
	{
		bool absent;
		const json_t *r = lookup(&d, j, "unreachable_reason", &absent);

		as_str(&d, r, "unreachable_reason", out->unreachable_reason,
		       sizeof(out->unreachable_reason), false);
	}
	get_str(&d, j, "", "version", out->version, sizeof(out->version), true);
	dec_iobuf(&d, j, &out->iobuf);
	dec_hugepages(&d, j, &out->hugepages);
	dec_heaps(&d, j, &out->heaps);
	dec_errors(&d, j, &out->errors);
	if (d.failed) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	return 0;
}

int snapshot_from_json_text(const char *text, size_t len, struct snapshot *out,
			    struct mt_err *err)
{
	json_error_t jerr;
	json_t *j = json_loadb(text, len, 0, &jerr);
	int rc;

	if (!j) {
		memset(out, 0, sizeof(*out));
		mt_err_set(err, -EINVAL, "snapshot JSON: line %d column %d: %s", jerr.line,
			   jerr.column, jerr.text);
		return -1;
	}
	rc = snapshot_from_json(j, out, err);
	json_decref(j);
	return rc;
}
