/*
 * Snapshot to JSON (contract: snapshot_json.h; field reference: docs/snapshot.md).
 *
 * The shape is written once, through json_emit, which gives the jansson tree
 * (snapshot_to_json) or the compact line straight away (snapshot_to_json_line,
 * every tick for the flight recorder and --record: no tree to build and free).
 * A uint64 above INT64_MAX is written as a string of decimal digits (a
 * jansson reader would otherwise reject the number: json_emit.h).  Our
 * strings are cut at fixed lengths, possibly inside a character, and JSON
 * wants UTF-8: bytes that are not part of valid UTF-8 are written as '?'.
 * Reals are written with 17 significant digits (jansson's default), which
 * strtod reads back to the same double; NaN and infinities become null.
 * Absent values (a flag says "not known") are null, never a made-up 0.
 */
#include "snapshot_json.h"
#include "json_emit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
static void e_str(struct jemit *e, const char *key, const char *s, size_t cap)
{
	char buf[MT_ERR_LEN > SNAP_TARGET_LEN ? MT_ERR_LEN : SNAP_TARGET_LEN];

	clean_utf8(s, strnlen(s, cap), buf, sizeof(buf));
	je_string(e, key, buf);
}

#define E_STR(e, key, field) e_str(e, key, field, sizeof(field))

static void e_opt_str(struct jemit *e, const char *key, const char *s, size_t cap)
{
	if (s[0])
		e_str(e, key, s, cap);
	else
		je_null(e, key);
}

/* "2025-06-01T12:00:00.250Z", or null when wall is not a plausible time. */
/* d decimal digits of v at p, zero-padded (v >= 0). */
static void put_digits(char *p, long v, int d)
{
	while (d-- > 0) {
		p[d] = (char)('0' + v % 10);
		v /= 10;
	}
}

/*
 * "2026-12-01T19:04:59.123Z": the proleptic Gregorian date of a day count
 * (H. Hinnant's civil_from_days), as gmtime_r and strftime give it, without
 * their time-zone lock and tables: every tick writes one (the flight recorder).
 */
static void e_wall_iso(struct jemit *e, const char *key, double wall)
{
	char buf[32];
	double secs;
	long ms, days, sod, era, doe, yoe, doy, mp, y, m, d;

	/* Beyond +-3e10 s (years about 1019 to 2920) a time_t would do, but it is not a clock. */
	if (!isfinite(wall) || fabs(wall) > 3e10) {
		je_null(e, key);
		return;
	}
	secs = floor(wall);
	ms = lround((wall - secs) * 1000.0);
	if (ms >= 1000) {
		secs += 1;
		ms -= 1000;
	}
	days = (long)floor(secs / 86400.0);
	sod = (long)(secs - (double)days * 86400.0);
	days += 719468;                       /* from 1970-01-01 to 0000-03-01 */
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	memcpy(buf, "0000-00-00T00:00:00.000Z", 25);
	put_digits(buf, y, 4);
	put_digits(buf + 5, m, 2);
	put_digits(buf + 8, d, 2);
	put_digits(buf + 11, sod / 3600, 2);
	put_digits(buf + 14, sod / 60 % 60, 2);
	put_digits(buf + 17, sod % 60, 2);
	put_digits(buf + 20, ms, 3);
	je_string(e, key, buf);
}

/* ---- iobuf ------------------------------------------------------------ */

static void e_pool_counters(struct jemit *e, const char *key, const struct iobuf_pool_counters *p)
{
	je_object(e, key);
	je_u64(e, "cache", p->cache);
	je_u64(e, "main", p->main);
	je_u64(e, "retry", p->retry);
	je_opt_u64(e, "cache_size", p->has_cache_size, p->cache_size);
	je_end(e);
}

static void e_module(struct jemit *e, const struct iobuf_module_stats *m)
{
	je_object(e, NULL);
	E_STR(e, "name", m->name);
	e_pool_counters(e, "small", &m->small);
	e_pool_counters(e, "large", &m->large);
	je_end(e);
}

static void e_aggregate_pool(struct jemit *e, const char *key, const struct iobuf_pool_aggregate *a)
{
	je_object(e, key);
	je_u64(e, "retry_count", a->retry_count);
	je_u64(e, "alloc_count", a->alloc_count);
	je_u64(e, "available_count", a->available_count);
	je_opt_u64(e, "cache_count", a->has_cache_count, a->cache_count);
	je_end(e);
}

static void e_options(struct jemit *e, const struct iobuf_options *opt)
{
	if (!opt->valid) {
		je_null(e, "options");
		return;
	}
	je_object(e, "options");
	je_u64(e, "small_pool_count", opt->small_pool_count);
	je_u64(e, "large_pool_count", opt->large_pool_count);
	je_u64(e, "small_bufsize", opt->small_bufsize);
	je_u64(e, "large_bufsize", opt->large_bufsize);
	je_bool(e, "enable_numa", opt->enable_numa);
	je_end(e);
}

static void e_summary(struct jemit *e, const char *key, const struct iobuf_pool_summary *s)
{
	je_object(e, key);
	je_u64(e, "cache", s->cache);
	je_u64(e, "main", s->main);
	je_u64(e, "retry", s->retry);
	je_opt_u64(e, "reserved", s->has_reserved, s->reserved);
	je_u64(e, "count", s->count);
	je_u64(e, "bufsize", s->bufsize);
	je_string(e, "util_kind", util_kind_name(s->util_kind));
	je_string(e, "util_source", util_source_name(s->util_source));
	je_u64(e, "used", s->used);
	je_u64(e, "capacity", s->capacity);
	je_real(e, "util", s->util);
	je_opt_u64(e, "free", s->util_kind == UTIL_EXACT, s->free);
	je_end(e);
}

static void e_rings(struct jemit *e, const struct iobuf_rings *r)
{
	size_t n = r->n < SNAP_MAX_RINGS ? r->n : SNAP_MAX_RINGS;

	je_object(e, "rings");
	je_string(e, "state", rings_state_name(r->state));
	je_opt_int(e, "pid", r->pid > 0, r->pid);
	if (r->state == RINGS_UNAVAILABLE)
		E_STR(e, "why", r->why);
	else
		je_null(e, "why");
	je_array(e, "rings");
	for (size_t i = 0; i < n; i++) {
		je_object(e, NULL);
		je_int(e, "node", r->rings[i].node);
		je_string(e, "pool", r->rings[i].large ? "large" : "small");
		je_u64(e, "capacity", r->rings[i].capacity);
		je_u64(e, "free", r->rings[i].free);
		je_end(e);
	}
	je_end(e);
	je_end(e);
}

static void e_iobuf(struct jemit *e, const struct iobuf_snapshot *io)
{
	size_t n = io->nmodules < SNAP_MAX_MODULES ? io->nmodules : SNAP_MAX_MODULES;

	je_object(e, "iobuf");
	je_string(e, "form", iobuf_stats_form_name(io->form));
	e_options(e, &io->opts);
	je_array(e, "modules");
	for (size_t i = 0; i < n; i++)
		e_module(e, &io->modules[i]);
	je_end(e);
	if (io->form == IOBUF_FORM_AGGREGATE) {
		je_object(e, "aggregate");
		e_aggregate_pool(e, "small", &io->agg_small);
		e_aggregate_pool(e, "large", &io->agg_large);
		je_end(e);
	} else {
		je_null(e, "aggregate");
	}
	e_rings(e, &io->rings);
	e_summary(e, "small", &io->small);
	e_summary(e, "large", &io->large);
	je_end(e);
}

/* ---- hugepages -------------------------------------------------------- */

static void e_node(struct jemit *e, const struct hugepage_node *nd)
{
	size_t n = nd->nsizes < SNAP_MAX_PAGE_SIZES ? nd->nsizes : SNAP_MAX_PAGE_SIZES;

	je_object(e, NULL);
	je_int(e, "id", nd->id);
	je_opt_u64(e, "mem_total_kb", nd->has_meminfo, nd->mem_total_kb);
	je_opt_u64(e, "mem_free_kb", nd->has_meminfo, nd->mem_free_kb);
	je_bool(e, "memoryless", nd->memoryless);
	je_array(e, "sizes");
	for (size_t i = 0; i < n; i++) {
		const struct hugepage_size_stats *s = &nd->sizes[i];

		je_object(e, NULL);
		je_u64(e, "page_kb", s->page_kb);
		je_u64(e, "nr", s->nr);
		je_u64(e, "free", s->free);
		je_u64(e, "surplus", s->surplus);
		je_end(e);
	}
	je_end(e);
	je_end(e);
}

static void e_global(struct jemit *e, const struct hugepage_global *g)
{
	size_t n = g->nsizes < SNAP_MAX_PAGE_SIZES ? g->nsizes : SNAP_MAX_PAGE_SIZES;

	je_object(e, "global");
	je_array(e, "sizes");
	for (size_t i = 0; i < n; i++) {
		const struct hugepage_global_size *s = &g->sizes[i];

		je_object(e, NULL);
		je_u64(e, "page_kb", s->page_kb);
		je_u64(e, "nr", s->nr);
		je_u64(e, "free", s->free);
		je_u64(e, "resv", s->resv);
		je_u64(e, "surplus", s->surplus);
		je_end(e);
	}
	je_end(e);
	if (g->has_meminfo) {
		je_object(e, "meminfo");
		je_u64(e, "hugepages_total", g->total);
		je_u64(e, "hugepages_free", g->free);
		je_u64(e, "hugepages_rsvd", g->rsvd);
		je_u64(e, "hugepages_surp", g->surp);
		je_u64(e, "hugepagesize_kb", g->default_page_kb);
		je_u64(e, "hugetlb_kb", g->hugetlb_kb);
		je_end(e);
	} else {
		je_null(e, "meminfo");
	}
	je_end(e);
}

static void e_hugepages(struct jemit *e, const struct hugepage_snapshot *hp)
{
	size_t n = hp->nnodes < SNAP_MAX_NODES ? hp->nnodes : SNAP_MAX_NODES;

	je_object(e, "hugepages");
	je_string(e, "node_source", hp->numa_from_libnuma ? "libnuma" : "sysfs");
	je_array(e, "nodes");
	for (size_t i = 0; i < n; i++)
		e_node(e, &hp->nodes[i]);
	je_end(e);
	e_global(e, &hp->global);
	je_end(e);
}

/* ---- SPDK's heaps ------------------------------------------------------ */

/* null when the dump had no mempools section: "none" and "not shown" differ. */
static void e_mempools(struct jemit *e, const struct spdk_heaps *h)
{
	size_t n = h->nmempools < SNAP_MAX_MEMPOOLS ? h->nmempools : SNAP_MAX_MEMPOOLS;

	if (!h->has_mempools) {
		je_null(e, "mempools");
		return;
	}
	je_array(e, "mempools");
	for (size_t i = 0; i < n; i++) {
		const struct spdk_mempool *m = &h->mempools[i];

		je_object(e, NULL);
		E_STR(e, "name", m->name);
		je_opt_int(e, "node", m->node >= 0, m->node);
		je_u64(e, "count", m->count);
		je_u64(e, "elt_size", m->elt_size);
		je_opt_u64(e, "obj_size", m->obj_size != 0, m->obj_size);
		je_u64(e, "bytes", spdk_mempool_bytes(m));
		je_opt_u64(e, "available", m->has_available, m->available);
		je_end(e);
	}
	je_end(e);
}

static void e_heaps(struct jemit *e, const struct spdk_heaps *h)
{
	size_t n = h->n < SNAP_MAX_HEAPS ? h->n : SNAP_MAX_HEAPS;

	je_object(e, "spdk_heaps");
	je_string(e, "state", heaps_state_name(h->state));
	/* Shaped like "time", so that what changes every run has the same keys. */
	if (h->read_wall > 0) {
		je_object(e, "read");
		je_real(e, "mono", h->read_mono);
		je_real(e, "wall", h->read_wall);
		je_end(e);
	} else {
		je_null(e, "read");
	}
	if (h->state == HEAPS_UNAVAILABLE)
		E_STR(e, "why", h->why);
	else
		je_null(e, "why");
	je_array(e, "heaps");
	for (size_t i = 0; i < n; i++) {
		const struct spdk_heap *hp = &h->heaps[i];

		je_object(e, NULL);
		je_int(e, "node", hp->node);
		je_u64(e, "size", hp->size);
		je_u64(e, "free", hp->free);
		je_u64(e, "alloc", hp->alloc);
		je_u64(e, "greatest_free", hp->greatest_free);
		je_u64(e, "alloc_count", hp->alloc_count);
		je_u64(e, "free_count", hp->free_count);
		je_end(e);
	}
	je_end(e);
	e_mempools(e, h);
	je_u64(e, "mempools_dropped", h->mempools_dropped);
	je_end(e);
}

/* ---- the snapshot ----------------------------------------------------- */

static void e_snapshot(struct jemit *e, const struct snapshot *s)
{
	size_t nerr = s->errors.n < MT_ERRLIST_MAX ? s->errors.n : MT_ERRLIST_MAX;

	je_object(e, NULL);
	/* Members come out in the order written: the schema tag first. */
	je_string(e, "schema", SNAPSHOT_SCHEMA);
	je_u64(e, "seq", s->seq);
	je_object(e, "time");
	je_real(e, "mono", s->mono);
	je_real(e, "wall", s->wall);
	e_wall_iso(e, "wall_iso", s->wall);
	je_end(e);
	E_STR(e, "target", s->target);
	je_string(e, "state", target_state_name(s->state));
	e_opt_str(e, "unreachable_reason", s->unreachable_reason, sizeof(s->unreachable_reason));
	E_STR(e, "version", s->version);
	e_iobuf(e, &s->iobuf);
	e_hugepages(e, &s->hugepages);
	e_heaps(e, &s->heaps);
	je_array(e, "errors");
	for (size_t i = 0; i < nerr; i++)
		E_STR(e, NULL, s->errors.msg[i]);
	je_end(e);
	je_u64(e, "errors_dropped", s->errors.dropped);
	je_end(e);
}

json_t *snapshot_to_json(const struct snapshot *s)
{
	struct jemit e;

	je_init_tree(&e);
	e_snapshot(&e, s);
	return je_take_tree(&e);
}

int snapshot_json_line_into(const struct snapshot *s, struct stream_buf *buf)
{
	struct jemit e;

	je_init_text_into(&e, buf);
	e_snapshot(&e, s);
	return je_take_text_into(&e, "\n", buf);
}

char *snapshot_to_json_line(const struct snapshot *s, size_t *len)
{
	/* A line of 8 modules and 2 nodes is about 3 KB: one allocation, not five. */
	struct stream_buf b = { 0 };

	*len = 0;
	if (stream_buf_reserve(&b, 4096) || snapshot_json_line_into(s, &b)) {
		free(b.data);
		return NULL;
	}
	*len = b.len;
	return b.data;
}
