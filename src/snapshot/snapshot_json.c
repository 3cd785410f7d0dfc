/*
 * Snapshot to JSON (contract: snapshot_json.h; field reference: docs/snapshot.md).
 *
 * Two things jansson will not do for us decide the shape of the output:
 * - json_int_t is int64, so a uint64 above INT64_MAX is written as a string
 *   of decimal digits (a jansson reader would otherwise reject the number);
 * - json_string() refuses invalid UTF-8, and our strings are cut at fixed
 *   lengths, possibly inside a character; such bytes are written as '?'.
 * Reals are written by jansson with 17 significant digits (its default), which
 * strtod reads back to the same double; NaN and infinities become null.
 * Absent values (a flag says "not known") are null, never a made-up 0.
 */
#include "snapshot_json.h"
#include "json_build.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static json_t *j_u64(uint64_t v)
{
	char buf[24];

	if (v <= (uint64_t)INT64_MAX)
		return json_integer((json_int_t)v);
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	return json_string(buf);
}

static json_t *j_opt_u64(bool has, uint64_t v)
{
	return has ? j_u64(v) : json_null();
}

static json_t *j_num(double d)
{
	return isfinite(d) ? json_real(d) : json_null();
}

/* Length of a valid UTF-8 sequence at s (RFC 3629), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n;
	unsigned min, cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		min = 0x80;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		min = 0x800;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		min = 0x10000;
		cp = c & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)  /* also stops at the terminating NUL */
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* Copies in to out, writing each byte that is not part of valid UTF-8 as '?'. */
static void clean_utf8(const char *in, size_t inlen, char *out, size_t outlen)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, o = 0;

	if (outlen == 0)
		return;
	while (i < inlen && s[i] && o + 1 < outlen) {
		size_t n = utf8_seq(s + i);

		if (n == 0) {
			out[o++] = '?';
			i++;
			continue;
		}
		if (o + n >= outlen)
			break;
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
}

/* A fixed-size char array of the snapshot, which may lack its NUL if misused. */
static json_t *j_str(const char *s, size_t cap)
{
	char buf[MT_ERR_LEN > SNAP_TARGET_LEN ? MT_ERR_LEN : SNAP_TARGET_LEN];

	clean_utf8(s, strnlen(s, cap), buf, sizeof(buf));
	return json_string(buf);
}

#define J_STR(field) j_str(field, sizeof(field))

static json_t *j_opt_str(const char *s, size_t cap)
{
	return s[0] ? j_str(s, cap) : json_null();
}

/* "2025-06-01T12:00:00.250Z", or null when wall is not a plausible time. */
static json_t *j_wall_iso(double wall)
{
	char buf[48], date[32];
	double secs;
	long ms;
	time_t t;
	struct tm tm;

	/* Beyond +-3e10 s (year ~2900) a time_t would do, but it is not a clock. */
	if (!isfinite(wall) || fabs(wall) > 3e10)
		return json_null();
	secs = floor(wall);
	ms = lround((wall - secs) * 1000.0);
	if (ms >= 1000) {
		secs += 1;
		ms -= 1000;
	}
	t = (time_t)secs;
	if (!gmtime_r(&t, &tm))
		return json_null();
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, sizeof(buf), "%s.%03ldZ", date, ms);
	return json_string(buf);
}

/* ---- iobuf ------------------------------------------------------------ */

static json_t *j_pool_counters(struct jb *e, const struct iobuf_pool_counters *p)
{
	json_t *o = json_object();

	jb_put(e, o, "cache", j_u64(p->cache));
	jb_put(e, o, "main", j_u64(p->main));
	jb_put(e, o, "retry", j_u64(p->retry));
	jb_put(e, o, "cache_size", j_opt_u64(p->has_cache_size, p->cache_size));
	return o;
}

static json_t *j_module(struct jb *e, const struct iobuf_module_stats *m)
{
	json_t *o = json_object();

	jb_put(e, o, "name", J_STR(m->name));
	jb_put(e, o, "small", j_pool_counters(e, &m->small));
	jb_put(e, o, "large", j_pool_counters(e, &m->large));
	return o;
}

static json_t *j_aggregate_pool(struct jb *e, const struct iobuf_pool_aggregate *a)
{
	json_t *o = json_object();

	jb_put(e, o, "retry_count", j_u64(a->retry_count));
	jb_put(e, o, "alloc_count", j_u64(a->alloc_count));
	jb_put(e, o, "available_count", j_u64(a->available_count));
	jb_put(e, o, "cache_count", j_opt_u64(a->has_cache_count, a->cache_count));
	return o;
}

static json_t *j_options(struct jb *e, const struct iobuf_options *opt)
{
	json_t *o;

	if (!opt->valid)
		return json_null();
	o = json_object();
	jb_put(e, o, "small_pool_count", j_u64(opt->small_pool_count));
	jb_put(e, o, "large_pool_count", j_u64(opt->large_pool_count));
	jb_put(e, o, "small_bufsize", j_u64(opt->small_bufsize));
	jb_put(e, o, "large_bufsize", j_u64(opt->large_bufsize));
	jb_put(e, o, "enable_numa", json_boolean(opt->enable_numa));
	return o;
}

static json_t *j_summary(struct jb *e, const struct iobuf_pool_summary *s)
{
	json_t *o = json_object();

	jb_put(e, o, "cache", j_u64(s->cache));
	jb_put(e, o, "main", j_u64(s->main));
	jb_put(e, o, "retry", j_u64(s->retry));
	jb_put(e, o, "reserved", j_opt_u64(s->has_reserved, s->reserved));
	jb_put(e, o, "count", j_u64(s->count));
	jb_put(e, o, "bufsize", j_u64(s->bufsize));
	jb_put(e, o, "util_kind", json_string(util_kind_name(s->util_kind)));
	jb_put(e, o, "util_source", json_string(util_source_name(s->util_source)));
	jb_put(e, o, "used", j_u64(s->used));
	jb_put(e, o, "capacity", j_u64(s->capacity));
	jb_put(e, o, "util", j_num(s->util));
	jb_put(e, o, "free", j_opt_u64(s->util_kind == UTIL_EXACT, s->free));
	return o;
}

static json_t *j_rings(struct jb *e, const struct iobuf_rings *r)
{
	json_t *o = json_object(), *arr = json_array();
	size_t n = r->n < SNAP_MAX_RINGS ? r->n : SNAP_MAX_RINGS;

	jb_put(e, o, "state", json_string(rings_state_name(r->state)));
	jb_put(e, o, "pid", r->pid > 0 ? json_integer(r->pid) : json_null());
	jb_put(e, o, "why", r->state == RINGS_UNAVAILABLE ? J_STR(r->why) : json_null());
	for (size_t i = 0; i < n; i++) {
		json_t *ring = json_object();

		jb_put(e, ring, "node", json_integer(r->rings[i].node));
		jb_put(e, ring, "pool", json_string(r->rings[i].large ? "large" : "small"));
		jb_put(e, ring, "capacity", j_u64(r->rings[i].capacity));
		jb_put(e, ring, "free", j_u64(r->rings[i].free));
		jb_push(e, arr, ring);
	}
	jb_put(e, o, "rings", arr);
	return o;
}

static json_t *j_iobuf(struct jb *e, const struct iobuf_snapshot *io)
{
	json_t *o = json_object(), *mods = json_array(), *agg;
	size_t n = io->nmodules < SNAP_MAX_MODULES ? io->nmodules : SNAP_MAX_MODULES;

	jb_put(e, o, "form", json_string(iobuf_stats_form_name(io->form)));
	jb_put(e, o, "options", j_options(e, &io->opts));
	for (size_t i = 0; i < n; i++)
		jb_push(e, mods, j_module(e, &io->modules[i]));
	jb_put(e, o, "modules", mods);
	if (io->form == IOBUF_FORM_AGGREGATE) {
		agg = json_object();
		jb_put(e, agg, "small", j_aggregate_pool(e, &io->agg_small));
		jb_put(e, agg, "large", j_aggregate_pool(e, &io->agg_large));
	} else {
		agg = json_null();
	}
	jb_put(e, o, "aggregate", agg);
	jb_put(e, o, "rings", j_rings(e, &io->rings));
	jb_put(e, o, "small", j_summary(e, &io->small));
	jb_put(e, o, "large", j_summary(e, &io->large));
	return o;
}

/* ---- hugepages -------------------------------------------------------- */

static json_t *j_node(struct jb *e, const struct hugepage_node *nd)
{
	json_t *o = json_object(), *sizes = json_array();
	size_t n = nd->nsizes < SNAP_MAX_PAGE_SIZES ? nd->nsizes : SNAP_MAX_PAGE_SIZES;

	jb_put(e, o, "id", json_integer(nd->id));
	jb_put(e, o, "mem_total_kb", j_opt_u64(nd->has_meminfo, nd->mem_total_kb));
	jb_put(e, o, "mem_free_kb", j_opt_u64(nd->has_meminfo, nd->mem_free_kb));
	jb_put(e, o, "memoryless", json_boolean(nd->memoryless));
	for (size_t i = 0; i < n; i++) {
		const struct hugepage_size_stats *s = &nd->sizes[i];
		json_t *so = json_object();

		jb_put(e, so, "page_kb", j_u64(s->page_kb));
		jb_put(e, so, "nr", j_u64(s->nr));
		jb_put(e, so, "free", j_u64(s->free));
		jb_put(e, so, "surplus", j_u64(s->surplus));
		jb_push(e, sizes, so);
	}
	jb_put(e, o, "sizes", sizes);
	return o;
}

static json_t *j_global(struct jb *e, const struct hugepage_global *g)
{
	json_t *o = json_object(), *sizes = json_array(), *mi;
	size_t n = g->nsizes < SNAP_MAX_PAGE_SIZES ? g->nsizes : SNAP_MAX_PAGE_SIZES;

	for (size_t i = 0; i < n; i++) {
		const struct hugepage_global_size *s = &g->sizes[i];
		json_t *so = json_object();

		jb_put(e, so, "page_kb", j_u64(s->page_kb));
		jb_put(e, so, "nr", j_u64(s->nr));
		jb_put(e, so, "free", j_u64(s->free));
		jb_put(e, so, "resv", j_u64(s->resv));
		jb_put(e, so, "surplus", j_u64(s->surplus));
		jb_push(e, sizes, so);
	}
	jb_put(e, o, "sizes", sizes);
	if (g->has_meminfo) {
		mi = json_object();
		jb_put(e, mi, "hugepages_total", j_u64(g->total));
		jb_put(e, mi, "hugepages_free", j_u64(g->free));
		jb_put(e, mi, "hugepages_rsvd", j_u64(g->rsvd));
		jb_put(e, mi, "hugepages_surp", j_u64(g->surp));
		jb_put(e, mi, "hugepagesize_kb", j_u64(g->default_page_kb));
		jb_put(e, mi, "hugetlb_kb", j_u64(g->hugetlb_kb));
	} else {
		mi = json_null();
	}
	jb_put(e, o, "meminfo", mi);
	return o;
}

static json_t *j_hugepages(struct jb *e, const struct hugepage_snapshot *hp)
{
	json_t *o = json_object(), *nodes = json_array();
	size_t n = hp->nnodes < SNAP_MAX_NODES ? hp->nnodes : SNAP_MAX_NODES;

	jb_put(e, o, "node_source", json_string(hp->numa_from_libnuma ? "libnuma" : "sysfs"));
	for (size_t i = 0; i < n; i++)
		jb_push(e, nodes, j_node(e, &hp->nodes[i]));
	jb_put(e, o, "nodes", nodes);
	jb_put(e, o, "global", j_global(e, &hp->global));
	return o;
}

/* ---- SPDK's heaps ------------------------------------------------------ */

/* null when the dump had no mempools section: "none" and "not shown" differ. */
static json_t *j_mempools(struct jb *e, const struct spdk_heaps *h)
{
	json_t *arr = json_array();
	size_t n = h->nmempools < SNAP_MAX_MEMPOOLS ? h->nmempools : SNAP_MAX_MEMPOOLS;

	for (size_t i = 0; i < n; i++) {
		const struct spdk_mempool *m = &h->mempools[i];
		json_t *mo = json_object();

		jb_put(e, mo, "name", J_STR(m->name));
		jb_put(e, mo, "node", m->node >= 0 ? json_integer(m->node) : json_null());
		jb_put(e, mo, "count", j_u64(m->count));
		jb_put(e, mo, "elt_size", j_u64(m->elt_size));
		jb_put(e, mo, "obj_size", j_opt_u64(m->obj_size != 0, m->obj_size));
		jb_put(e, mo, "bytes", j_u64(spdk_mempool_bytes(m)));
		jb_put(e, mo, "available", j_opt_u64(m->has_available, m->available));
		jb_push(e, arr, mo);
	}
	return arr;
}

static json_t *j_heaps(struct jb *e, const struct spdk_heaps *h)
{
	json_t *o = json_object(), *arr = json_array(), *read = json_null();
	size_t n = h->n < SNAP_MAX_HEAPS ? h->n : SNAP_MAX_HEAPS;

	/* Shaped like "time", so that what changes every run has the same keys. */
	if (h->read_wall > 0) {
		read = json_object();
		jb_put(e, read, "mono", j_num(h->read_mono));
		jb_put(e, read, "wall", j_num(h->read_wall));
	}
	jb_put(e, o, "state", json_string(heaps_state_name(h->state)));
	jb_put(e, o, "read", read);
	jb_put(e, o, "why", h->state == HEAPS_UNAVAILABLE ? J_STR(h->why) : json_null());
	for (size_t i = 0; i < n; i++) {
		const struct spdk_heap *hp = &h->heaps[i];
		json_t *ho = json_object();

		jb_put(e, ho, "node", json_integer(hp->node));
		jb_put(e, ho, "size", j_u64(hp->size));
		jb_put(e, ho, "free", j_u64(hp->free));
		jb_put(e, ho, "alloc", j_u64(hp->alloc));
		jb_put(e, ho, "greatest_free", j_u64(hp->greatest_free));
		jb_put(e, ho, "alloc_count", j_u64(hp->alloc_count));
		jb_put(e, ho, "free_count", j_u64(hp->free_count));
		jb_push(e, arr, ho);
	}
	jb_put(e, o, "heaps", arr);
	jb_put(e, o, "mempools", h->has_mempools ? j_mempools(e, h) : json_null());
	jb_put(e, o, "mempools_dropped", j_u64(h->mempools_dropped));
	return o;
}

/* ---- the snapshot ----------------------------------------------------- */

json_t *snapshot_to_json(const struct snapshot *s)
{
	struct jb e = { .ok = true };
	json_t *o = json_object(), *time = json_object(), *errs = json_array();
	size_t nerr = s->errors.n < MT_ERRLIST_MAX ? s->errors.n : MT_ERRLIST_MAX;

	/* jansson keeps insertion order: the schema tag comes first. */
	jb_put(&e, o, "schema", json_string(SNAPSHOT_SCHEMA));
	jb_put(&e, o, "seq", j_u64(s->seq));
	jb_put(&e, time, "mono", j_num(s->mono));
	jb_put(&e, time, "wall", j_num(s->wall));
	jb_put(&e, time, "wall_iso", j_wall_iso(s->wall));
	jb_put(&e, o, "time", time);
	jb_put(&e, o, "target", J_STR(s->target));
	jb_put(&e, o, "state", json_string(target_state_name(s->state)));
	jb_put(&e, o, "unreachable_reason",
	    j_opt_str(s->unreachable_reason, sizeof(s->unreachable_reason)));
	jb_put(&e, o, "version", J_STR(s->version));
	jb_put(&e, o, "iobuf", j_iobuf(&e, &s->iobuf));
	jb_put(&e, o, "hugepages", j_hugepages(&e, &s->hugepages));
	jb_put(&e, o, "spdk_heaps", j_heaps(&e, &s->heaps));
	for (size_t i = 0; i < nerr; i++)
		jb_push(&e, errs, J_STR(s->errors.msg[i]));
	jb_put(&e, o, "errors", errs);
	jb_put(&e, o, "errors_dropped", j_u64(s->errors.dropped));
	if (!e.ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

char *snapshot_to_json_line(const struct snapshot *s, size_t *len)
{
	json_t *j = snapshot_to_json(s);
	char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
	char *line;
	size_t n;

	json_decref(j);
	if (!text)
		return NULL;
	n = strlen(text);
	line = realloc(text, n + 2);
	if (!line) {
		free(text);
		return NULL;
	}
	line[n++] = '\n';
	line[n] = '\0';
	*len = n;
	return line;
}

json_t *snapshot_json_u64(uint64_t v)
{
	return j_u64(v);
}
