/*
 * snapshot_to_json / snapshot_from_json: exact round trips of full snapshots
 * (compared field by field, not with memcmp: padding and unused slots differ),
 * uint64 beyond INT64_MAX, and decoding errors that name the field.
 */
#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_main.h"
#include "fixture_io.h"
#include "snapshot_json.h"

/* ---- a field-by-field comparator ---------------------------------------- */

struct diff {
	char what[256];
};

static bool differ(struct diff *d, const char *fmt, ...) MT_PRINTF(2, 3);

static bool differ(struct diff *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->what, sizeof(d->what), fmt, ap);
	va_end(ap);
	return false;
}

#define EQ_U(path, a, b) \
	do { \
		if ((a) != (b)) \
			return differ(d, "%s: %llu != %llu", path, (unsigned long long)(a), \
				      (unsigned long long)(b)); \
	} while (0)
#define EQ_D(path, a, b) \
	do { \
		if (!((isnan(a) && isnan(b)) || (a) == (b))) \
			return differ(d, "%s: %.17g != %.17g", path, (a), (b)); \
	} while (0)
#define EQ_S(path, a, b) \
	do { \
		if (strcmp((a), (b)) != 0) \
			return differ(d, "%s: \"%s\" != \"%s\"", path, (a), (b)); \
	} while (0)

static bool eq_counters(struct diff *d, const char *p, const struct iobuf_pool_counters *a,
			const struct iobuf_pool_counters *b)
{
	EQ_U(p, a->cache, b->cache);
	EQ_U(p, a->main, b->main);
	EQ_U(p, a->retry, b->retry);
	EQ_U(p, a->has_cache_size, b->has_cache_size);
	if (a->has_cache_size)
		EQ_U(p, a->cache_size, b->cache_size);
	return true;
}

static bool eq_agg(struct diff *d, const char *p, const struct iobuf_pool_aggregate *a,
		   const struct iobuf_pool_aggregate *b)
{
	EQ_U(p, a->retry_count, b->retry_count);
	EQ_U(p, a->alloc_count, b->alloc_count);
	EQ_U(p, a->available_count, b->available_count);
	EQ_U(p, a->has_cache_count, b->has_cache_count);
	if (a->has_cache_count)
		EQ_U(p, a->cache_count, b->cache_count);
	return true;
}

static bool eq_summary(struct diff *d, const char *p, const struct iobuf_pool_summary *a,
		       const struct iobuf_pool_summary *b)
{
	EQ_U(p, a->cache, b->cache);
	EQ_U(p, a->main, b->main);
	EQ_U(p, a->retry, b->retry);
	EQ_U(p, a->has_reserved, b->has_reserved);
	if (a->has_reserved)
		EQ_U(p, a->reserved, b->reserved);
	EQ_U(p, a->count, b->count);
	EQ_U(p, a->bufsize, b->bufsize);
	EQ_U(p, a->util_kind, b->util_kind);
	EQ_U(p, a->used, b->used);
	EQ_U(p, a->capacity, b->capacity);
	EQ_D(p, a->util, b->util);
	return true;
}

static bool eq_iobuf(struct diff *d, const struct iobuf_snapshot *a,
		     const struct iobuf_snapshot *b)
{
	char p[64];

	EQ_U("iobuf.form", a->form, b->form);
	EQ_U("iobuf.nmodules", a->nmodules, b->nmodules);
	for (size_t i = 0; i < a->nmodules; i++) {
		snprintf(p, sizeof(p), "iobuf.modules[%zu]", i);
		EQ_S(p, a->modules[i].name, b->modules[i].name);
		if (!eq_counters(d, p, &a->modules[i].small, &b->modules[i].small) ||
		    !eq_counters(d, p, &a->modules[i].large, &b->modules[i].large))
			return false;
	}
	if (a->form == IOBUF_FORM_AGGREGATE &&
	    (!eq_agg(d, "agg_small", &a->agg_small, &b->agg_small) ||
	     !eq_agg(d, "agg_large", &a->agg_large, &b->agg_large)))
		return false;
	EQ_U("opts.valid", a->opts.valid, b->opts.valid);
	if (a->opts.valid) {
		EQ_U("opts", a->opts.small_pool_count, b->opts.small_pool_count);
		EQ_U("opts", a->opts.large_pool_count, b->opts.large_pool_count);
		EQ_U("opts", a->opts.small_bufsize, b->opts.small_bufsize);
		EQ_U("opts", a->opts.large_bufsize, b->opts.large_bufsize);
		EQ_U("opts", a->opts.enable_numa, b->opts.enable_numa);
	}
	return eq_summary(d, "small", &a->small, &b->small) &&
	       eq_summary(d, "large", &a->large, &b->large);
}

static bool eq_hugepages(struct diff *d, const struct hugepage_snapshot *a,
			 const struct hugepage_snapshot *b)
{
	const struct hugepage_global *ga = &a->global, *gb = &b->global;
	char p[64];

	EQ_U("numa_from_libnuma", a->numa_from_libnuma, b->numa_from_libnuma);
	EQ_U("nnodes", a->nnodes, b->nnodes);
	for (size_t i = 0; i < a->nnodes; i++) {
		const struct hugepage_node *na = &a->nodes[i], *nb = &b->nodes[i];

		snprintf(p, sizeof(p), "nodes[%zu]", i);
		EQ_U(p, na->id, nb->id);
		EQ_U(p, na->has_meminfo, nb->has_meminfo);
		if (na->has_meminfo) {
			EQ_U(p, na->mem_total_kb, nb->mem_total_kb);
			EQ_U(p, na->mem_free_kb, nb->mem_free_kb);
		}
		EQ_U(p, na->memoryless, nb->memoryless);
		EQ_U(p, na->nsizes, nb->nsizes);
		for (size_t s = 0; s < na->nsizes; s++) {
			EQ_U(p, na->sizes[s].page_kb, nb->sizes[s].page_kb);
			EQ_U(p, na->sizes[s].nr, nb->sizes[s].nr);
			EQ_U(p, na->sizes[s].free, nb->sizes[s].free);
			EQ_U(p, na->sizes[s].surplus, nb->sizes[s].surplus);
		}
	}
	EQ_U("global.nsizes", ga->nsizes, gb->nsizes);
	for (size_t s = 0; s < ga->nsizes; s++) {
		EQ_U("global", ga->sizes[s].page_kb, gb->sizes[s].page_kb);
		EQ_U("global", ga->sizes[s].nr, gb->sizes[s].nr);
		EQ_U("global", ga->sizes[s].free, gb->sizes[s].free);
		EQ_U("global", ga->sizes[s].resv, gb->sizes[s].resv);
		EQ_U("global", ga->sizes[s].surplus, gb->sizes[s].surplus);
	}
	EQ_U("global.has_meminfo", ga->has_meminfo, gb->has_meminfo);
	if (ga->has_meminfo) {
		EQ_U("global.total", ga->total, gb->total);
		EQ_U("global.free", ga->free, gb->free);
		EQ_U("global.rsvd", ga->rsvd, gb->rsvd);
		EQ_U("global.surp", ga->surp, gb->surp);
		EQ_U("global.default_page_kb", ga->default_page_kb, gb->default_page_kb);
		EQ_U("global.hugetlb_kb", ga->hugetlb_kb, gb->hugetlb_kb);
	}
	return true;
}

static bool eq_heaps(struct diff *d, const struct spdk_heaps *a, const struct spdk_heaps *b)
{
	char p[64];

	EQ_U("heaps.state", a->state, b->state);
	EQ_D("heaps.read_mono", a->read_mono, b->read_mono);
	EQ_D("heaps.read_wall", a->read_wall, b->read_wall);
	if (a->state == HEAPS_UNAVAILABLE)
		EQ_S("heaps.why", a->why, b->why);
	EQ_U("heaps.n", a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct spdk_heap *ha = &a->heaps[i], *hb = &b->heaps[i];

		snprintf(p, sizeof(p), "heaps[%zu]", i);
		EQ_U(p, ha->node, hb->node);
		EQ_U(p, ha->size, hb->size);
		EQ_U(p, ha->free, hb->free);
		EQ_U(p, ha->alloc, hb->alloc);
		EQ_U(p, ha->greatest_free, hb->greatest_free);
		EQ_U(p, ha->alloc_count, hb->alloc_count);
		EQ_U(p, ha->free_count, hb->free_count);
	}
	EQ_U("heaps.has_mempools", a->has_mempools, b->has_mempools);
	EQ_U("heaps.nmempools", a->nmempools, b->nmempools);
	EQ_U("heaps.mempools_dropped", a->mempools_dropped, b->mempools_dropped);
	for (size_t i = 0; i < a->nmempools; i++) {
		const struct spdk_mempool *ma = &a->mempools[i], *mb = &b->mempools[i];

		snprintf(p, sizeof(p), "mempools[%zu]", i);
		EQ_S(p, ma->name, mb->name);
		EQ_U(p, (uint64_t)(ma->node + 1), (uint64_t)(mb->node + 1));
		EQ_U(p, ma->count, mb->count);
		EQ_U(p, ma->elt_size, mb->elt_size);
		EQ_U(p, ma->obj_size, mb->obj_size);
		EQ_U(p, ma->has_available, mb->has_available);
		if (ma->has_available)
			EQ_U(p, ma->available, mb->available);
	}
	return true;
}

static bool snap_equal(struct diff *d, const struct snapshot *a, const struct snapshot *b)
{
	EQ_U("seq", a->seq, b->seq);
	EQ_D("mono", a->mono, b->mono);
	EQ_D("wall", a->wall, b->wall);
	EQ_S("target", a->target, b->target);
	EQ_U("state", a->state, b->state);
	EQ_S("unreachable_reason", a->unreachable_reason, b->unreachable_reason);
	EQ_S("version", a->version, b->version);
	if (!eq_iobuf(d, &a->iobuf, &b->iobuf) || !eq_hugepages(d, &a->hugepages, &b->hugepages) ||
	    !eq_heaps(d, &a->heaps, &b->heaps))
		return false;
	EQ_U("errors.n", a->errors.n, b->errors.n);
	EQ_U("errors.dropped", a->errors.dropped, b->errors.dropped);
	for (size_t i = 0; i < a->errors.n; i++)
		EQ_S("errors", a->errors.msg[i], b->errors.msg[i]);
	return true;
}

/* ---- snapshots to test with --------------------------------------------- */

/* Every field set, every bound reached, values at the edges of uint64. */
static void make_full(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->seq = 123456789012345ull;
	s->mono = 98765.4321;
	s->wall = 1700000000.25;
	snprintf(s->target, sizeof(s->target), "/var/tmp/spdk.sock");
	s->state = TARGET_UNREACHABLE;
	snprintf(s->unreachable_reason, sizeof(s->unreachable_reason),
		 "connect /var/tmp/spdk.sock: Connection refused");
	snprintf(s->version, sizeof(s->version), "SPDK v26.09-pre git sha1 3230130e6a");

	s->iobuf.form = IOBUF_FORM_PER_MODULE;
	s->iobuf.nmodules = SNAP_MAX_MODULES;
	for (size_t i = 0; i < SNAP_MAX_MODULES; i++) {
		struct iobuf_module_stats *m = &s->iobuf.modules[i];

		snprintf(m->name, sizeof(m->name), "module_%02zu", i);
		m->small =
			(struct iobuf_pool_counters){ 1000 + i, 2000 + i, i, 64 + i, i % 2 == 0 };
		m->large = (struct iobuf_pool_counters){ 3000 + i, 4000 + i, 7 * i, 8, i % 3 == 0 };
	}
	/* The edges of int64/uint64 where jansson's json_int_t stops. */
	s->iobuf.modules[2].large.retry = UINT64_MAX;
	s->iobuf.modules[3].small.cache = (uint64_t)INT64_MAX;
	s->iobuf.modules[3].small.main = (uint64_t)INT64_MAX + 1;
	s->iobuf.opts = (struct iobuf_options){ true, 8192, 1024, 8192, 135168, true };
	s->iobuf.small = (struct iobuf_pool_summary){ 99, 98, 97, 4096, true, 8192, 8192,
						      UTIL_RESERVED, UTIL_FROM_CACHE_SIZE, 4096, 8192,
						      0.5, 0, 8192ull * 8192, false };
	s->iobuf.large = (struct iobuf_pool_summary){ 1, 2, UINT64_MAX, 0, false, 1024, 135168,
						      UTIL_EXACT, UTIL_FROM_RING, 1000, 1024,
						      1000.0 / 1024, 24, 1024ull * 135168, false };
	s->iobuf.rings.state = RINGS_EXACT;
	s->iobuf.rings.pid = 23757;
	s->iobuf.rings.n = 2;
	s->iobuf.rings.rings[0] = (struct pool_ring_occupancy){ 0, false, 8192, 48 };
	s->iobuf.rings.rings[1] = (struct pool_ring_occupancy){ 1, true, 1024, 24 };
	s->heaps.state = HEAPS_READ;
	s->heaps.read_mono = 5000.25;
	s->heaps.read_wall = 1796114833.5;
	s->heaps.n = 2;
	s->heaps.heaps[0] = (struct spdk_heap){ 0, 819986432ull, 11893760, 808092672ull, 1048448,
						180, 15 };
	s->heaps.heaps[1] = (struct spdk_heap){ 1, 2097152, 0, 2097152, 0, 1, 0 };
	s->heaps.has_mempools = true;
	s->heaps.nmempools = SNAP_MAX_MEMPOOLS;
	s->heaps.mempools_dropped = 3;
	for (size_t i = 0; i < SNAP_MAX_MEMPOOLS; i++)
		s->heaps.mempools[i] = (struct spdk_mempool){ "", (int)(i % 3) - 1, 1000 - i,
							      64 + i, i % 2 ? 0 : 192 + i, i % 4 != 0,
							      i % 4 ? 17 + i : 0 };
	for (size_t i = 0; i < SNAP_MAX_MEMPOOLS; i++)
		snprintf(s->heaps.mempools[i].name, SNAP_MEMPOOL_NAME_LEN, "pool_%02zu_%.20s", i,
			 "abcdefghijklmnopqrstuvwxyz");

	s->hugepages.numa_from_libnuma = true;
	s->hugepages.nnodes = 4;
	for (size_t n = 0; n < 4; n++) {
		struct hugepage_node *nd = &s->hugepages.nodes[n];

		nd->id = (int)n;
		nd->has_meminfo = n != 2;
		nd->mem_total_kb = nd->has_meminfo ? 65536000 : 0;
		nd->mem_free_kb = nd->has_meminfo ? 40000000 + n : 0;
		nd->memoryless = false;
		nd->nsizes = 2;
		nd->sizes[0] = (struct hugepage_size_stats){ 2048, 1000 + n, 100 + 11 * n, n };
		nd->sizes[1] = (struct hugepage_size_stats){ 1048576, 16, 4 + n, 0 };
	}
	s->hugepages.global.nsizes = 2;
	s->hugepages.global.sizes[0] = (struct hugepage_global_size){ 2048, 4006, 466, 12, 6 };
	s->hugepages.global.sizes[1] = (struct hugepage_global_size){ 1048576, 64, 22, 2, 0 };
	s->hugepages.global.has_meminfo = true;
	s->hugepages.global.total = 4006;
	s->hugepages.global.free = 466;
	s->hugepages.global.rsvd = 12;
	s->hugepages.global.surp = 6;
	s->hugepages.global.default_page_kb = 2048;
	s->hugepages.global.hugetlb_kb = 4006 * 2048 + 64 * 1048576;

	for (int i = 0; i < MT_ERRLIST_MAX + 3; i++)
		mt_errlist_add(&s->errors, "error %d: \"quoted\" \\ and \xc3\xa9t\xc3\xa9", i);
}

/* The aggregate form of a running target, with the odd values. */
static void make_aggregate(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->seq = 1;
	s->mono = 0.0;
	s->wall = -1.5;     /* before 1970: still a time */
	snprintf(s->target, sizeof(s->target), "127.0.0.1:5260");
	s->state = TARGET_RUNNING;
	s->iobuf.form = IOBUF_FORM_AGGREGATE;
	s->iobuf.agg_small = (struct iobuf_pool_aggregate){ 0, 1024, 7168, 512, true };
	s->iobuf.agg_large = (struct iobuf_pool_aggregate){ 5, 1000, 24, 0, false };
	s->iobuf.small = (struct iobuf_pool_summary){ 0, 0, 0, 512, true, 8192, 0, UTIL_EXACT,
						      UTIL_FROM_AGGREGATE, 1024, 8192, 0.125, 7168,
						      0, false };
	s->iobuf.large = (struct iobuf_pool_summary){ 0, 0, 5, 0, false, 0, 0, UTIL_EXACT,
						      UTIL_FROM_AGGREGATE, 1000, 1024, NAN, 24, 0,
						      false };
	s->hugepages.nnodes = 1;
	s->hugepages.nodes[0].memoryless = true;
	s->hugepages.nodes[0].has_meminfo = true;
}

static char *encode_text(const struct snapshot *s, size_t flags)
{
	json_t *j = snapshot_to_json(s);
	char *t;

	ck_assert_ptr_nonnull(j);
	t = json_dumps(j, flags);
	json_decref(j);
	ck_assert_ptr_nonnull(t);
	return t;
}

static void check_round_trip(const struct snapshot *s)
{
	struct snapshot *back = malloc(sizeof(*back));
	struct mt_err err = { 0 };
	struct diff d = { "" };
	char *t1 = encode_text(s, JSON_COMPACT), *t2, *t3;

	ck_assert_msg(snapshot_from_json_text(t1, strlen(t1), back, &err) == 0, "%s", err.msg);
	ck_assert_msg(snap_equal(&d, s, back), "differs after decoding: %s", d.what);
	t2 = encode_text(back, JSON_COMPACT);
	ck_assert_str_eq(t1, t2);

	/* Indentation is cosmetic. */
	t3 = encode_text(s, JSON_INDENT(2));
	ck_assert_int_eq(snapshot_from_json_text(t3, strlen(t3), back, &err), 0);
	ck_assert_msg(snap_equal(&d, s, back), "differs from indented text: %s", d.what);
	free(t1);
	free(t2);
	free(t3);
	free(back);
}

/* ---- round trips ------------------------------------------------------- */

START_TEST(full_snapshot_round_trips)
{
	struct snapshot *s = malloc(sizeof(*s));

	make_full(s);
	check_round_trip(s);
	free(s);
}
END_TEST

START_TEST(aggregate_snapshot_round_trips)
{
	struct snapshot *s = malloc(sizeof(*s));

	make_aggregate(s);
	check_round_trip(s);
	free(s);
}
END_TEST

START_TEST(zero_snapshot_round_trips)
{
	struct snapshot *s = calloc(1, sizeof(*s));

	check_round_trip(s);
	free(s);
}
END_TEST

START_TEST(schema_first_and_field_shapes)
{
	struct snapshot *s = malloc(sizeof(*s));
	json_t *j;
	char *t;

	make_full(s);
	j = snapshot_to_json(s);
	ck_assert_str_eq(json_object_iter_key(json_object_iter(j)), "schema");
	ck_assert_str_eq(json_string_value(json_object_get(j, "schema")), SNAPSHOT_SCHEMA);
	ck_assert_str_eq(json_string_value(json_object_get(j, "state")), "unreachable");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "time"), "wall_iso")),
			 "2023-11-14T22:13:20.250Z");
	ck_assert_int_eq(json_array_size(json_object_get(json_object_get(j, "iobuf"), "modules")),
			 SNAP_MAX_MODULES);
	ck_assert(json_is_null(json_object_get(json_object_get(j, "iobuf"), "aggregate")));
	ck_assert_int_eq(json_array_size(json_object_get(j, "errors")), MT_ERRLIST_MAX);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "errors_dropped")), 3);
	json_decref(j);

	t = encode_text(s, JSON_COMPACT);
	ck_assert_msg(strncmp(t, "{\"schema\":\"spdk-memtop/snapshot/1\",", 35) == 0, "%.60s", t);
	/* Above INT64_MAX: a string; at INT64_MAX: still a number. */
	ck_assert_ptr_nonnull(strstr(t, "\"retry\":\"18446744073709551615\""));
	ck_assert_ptr_nonnull(strstr(t, "\"main\":\"9223372036854775808\""));
	ck_assert_ptr_nonnull(strstr(t, "\"cache\":9223372036854775807"));
	free(t);
	free(s);
}
END_TEST

/* wall_iso is what gmtime_r and strftime say, over the years a clock can show and then some. */
START_TEST(wall_iso_is_gmtime)
{
	static struct snapshot s;

	srand(11);
	for (int i = 0; i < 20000; i++) {
		/* Days either side of 1970 up to 2900, leap days, ends of centuries. */
		double wall = i < 10 ? (double[]){ 0, -1, 951782400, 951868800, 4107542399.9996,
						  -62135596800.0 / 10, 1796151899.5, 86399.9994,
						  -86400.0005, 29999999999.0 }[i]
				     : ((double)rand() / RAND_MAX * 2 - 1) * 3e10;
		double secs = floor(wall);
		long ms = lround((wall - secs) * 1000.0);
		time_t t;
		struct tm tm;
		char date[32], want[48];
		json_t *j;

		if (ms >= 1000) {
			secs += 1;
			ms -= 1000;
		}
		t = (time_t)secs;
		ck_assert_ptr_nonnull(gmtime_r(&t, &tm));
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
		snprintf(want, sizeof(want), "%s.%03ldZ", date, ms);
		memset(&s, 0, sizeof(s));
		s.wall = wall;
		j = snapshot_to_json(&s);
		ck_assert_ptr_nonnull(j);
		ck_assert_msg(strcmp(json_string_value(json_object_get(json_object_get(j, "time"),
									"wall_iso")), want) == 0,
			      "wall %.4f: %s, gmtime says %s", wall,
			      json_string_value(json_object_get(json_object_get(j, "time"),
								"wall_iso")), want);
		json_decref(j);
	}
}
END_TEST

START_TEST(nan_and_bad_utf8_are_written_as_valid_json)
{
	struct snapshot *s = calloc(1, sizeof(*s)), *back = malloc(sizeof(*s));
	struct mt_err err;
	json_t *j;
	char *t1, *t2;

	s->mono = NAN;
	s->wall = INFINITY;
	s->iobuf.small.util = NAN;
	/* A message cut inside a two-byte character, and a stray continuation byte. */
	snprintf(s->version, sizeof(s->version), "v1 \xc3");
	mt_errlist_add(&s->errors, "bad \x80 byte");
	j = snapshot_to_json(s);
	ck_assert_ptr_nonnull(j);
	ck_assert(json_is_null(json_object_get(json_object_get(j, "time"), "mono")));
	ck_assert(json_is_null(json_object_get(json_object_get(j, "time"), "wall_iso")));
	ck_assert_str_eq(json_string_value(json_object_get(j, "version")), "v1 ?");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(j, "errors"), 0)),
			 "bad ? byte");
	ck_assert_int_eq(snapshot_from_json(j, back, &err), 0);
	ck_assert(isnan(back->mono) && isnan(back->wall) && isnan(back->iobuf.small.util));
	json_decref(j);
	t1 = encode_text(s, JSON_COMPACT);
	t2 = encode_text(back, JSON_COMPACT);
	ck_assert_str_eq(t1, t2);
	free(t1);
	free(t2);
	free(s);
	free(back);
}
END_TEST

/* ---- decoding errors --------------------------------------------------- */

/* Encodes the full snapshot, lets `edit` spoil it, decodes; returns the message. */
static const char *decode_edited(void (*edit)(json_t *j), struct mt_err *err)
{
	struct snapshot *s = malloc(sizeof(*s));
	json_t *j;
	int rc;

	make_full(s);
	j = snapshot_to_json(s);
	edit(j);
	memset(s, 0xa5, sizeof(*s));
	rc = snapshot_from_json(j, s, err);
	json_decref(j);
	ck_assert_int_eq(rc, -1);
	/* Left zeroed, not half filled. */
	ck_assert_uint_eq(s->seq, 0);
	ck_assert_uint_eq(s->iobuf.nmodules, 0);
	ck_assert_uint_eq(s->hugepages.nnodes, 0);
	free(s);
	return err->msg;
}

static json_t *module2_large(json_t *j)
{
	return json_object_get(
		json_array_get(json_object_get(json_object_get(j, "iobuf"), "modules"), 2),
		"large");
}

static void drop_retry(json_t *j)
{
	json_object_del(module2_large(j), "retry");
}

static void retry_string(json_t *j)
{
	json_object_set_new(module2_large(j), "retry", json_string("lots"));
}

static void retry_negative(json_t *j)
{
	json_object_set_new(module2_large(j), "retry", json_integer(-1));
}

static void retry_real(json_t *j)
{
	json_object_set_new(module2_large(j), "retry", json_real(1.5));
}

static void retry_too_big(json_t *j)
{
	json_object_set_new(module2_large(j), "retry", json_string("18446744073709551616"));
}

static void mono_string(json_t *j)
{
	json_object_set_new(json_object_get(j, "time"), "mono", json_string("soon"));
}

static void drop_node_free(json_t *j)
{
	json_t *nodes = json_object_get(json_object_get(j, "hugepages"), "nodes");

	json_object_del(json_array_get(json_object_get(json_array_get(nodes, 3), "sizes"), 1),
			"free");
}

static void schema_v2(json_t *j)
{
	json_object_set_new(j, "schema", json_string("spdk-memtop/snapshot/2"));
}

static void drop_schema(json_t *j)
{
	json_object_del(j, "schema");
}

static void bad_state(json_t *j)
{
	json_object_set_new(j, "state", json_string("sleeping"));
}

static void long_target(json_t *j)
{
	char buf[SNAP_TARGET_LEN + 1];

	memset(buf, 'x', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	json_object_set_new(j, "target", json_string(buf));
}

static void module_33(json_t *j)
{
	json_t *mods = json_object_get(json_object_get(j, "iobuf"), "modules");

	json_array_append(mods, json_array_get(mods, 0));
}

static void modules_object(json_t *j)
{
	json_object_set_new(json_object_get(j, "iobuf"), "modules", json_object());
}

static void heap_node_negative(json_t *j)
{
	json_t *h = json_array_get(json_object_get(json_object_get(j, "spdk_heaps"), "heaps"), 1);

	json_object_set_new(h, "node", json_integer(-1));
}

static void heap_state_bad(json_t *j)
{
	json_object_set_new(json_object_get(j, "spdk_heaps"), "state", json_string("stale"));
}

static void null_hugepages(json_t *j)
{
	json_object_set_new(j, "hugepages", json_null());
}

START_TEST(decode_errors_name_the_field)
{
	static const struct {
		void (*edit)(json_t *j);
		const char *msg;
	} cases[] = {
		{ drop_retry, "iobuf.modules[2].large.retry: missing" },
		{ retry_string, "iobuf.modules[2].large.retry: expected a non-negative integer" },
		{ retry_negative, "iobuf.modules[2].large.retry: expected a non-negative integer" },
		{ retry_real, "iobuf.modules[2].large.retry: expected a non-negative integer" },
		{ retry_too_big, "iobuf.modules[2].large.retry: expected a non-negative integer" },
		{ mono_string, "time.mono: expected a number" },
		{ drop_node_free, "hugepages.nodes[3].sizes[1].free: missing" },
		{ schema_v2, "schema: unknown schema \"spdk-memtop/snapshot/2\" "
			     "(this spdk-memtop reads \"spdk-memtop/snapshot/1\")" },
		{ drop_schema, "schema: missing (not a spdk-memtop snapshot?)" },
		{ bad_state, "state: unknown target state \"sleeping\"" },
		{ long_target, "target: longer than 159 bytes" },
		{ module_33, "iobuf.modules: 33 entries, at most 32 fit a snapshot" },
		{ modules_object, "iobuf.modules: expected an array" },
		{ null_hugepages, "hugepages: null where a value is required" },
		{ heap_node_negative, "spdk_heaps.heaps[1].node: expected a node id" },
		{ heap_state_bad, "spdk_heaps.state: unknown state \"stale\"" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mt_err err = { 0 };

		ck_assert_str_eq(decode_edited(cases[i].edit, &err), cases[i].msg);
		ck_assert_int_ne(err.code, 0);
	}
}
END_TEST

START_TEST(decode_rejects_non_objects_and_truncated_text)
{
	struct snapshot *s = malloc(sizeof(*s));
	struct mt_err err;
	json_t *arr = json_array();
	char *t;
	size_t len, tried = 0;

	ck_assert_int_eq(snapshot_from_json(arr, s, &err), -1);
	ck_assert_str_eq(err.msg, "snapshot: expected a JSON object");
	json_decref(arr);

	make_full(s);
	t = encode_text(s, JSON_COMPACT);
	len = strlen(t);
	/* Every cut of an object's text is invalid; the message says where. */
	for (size_t cut = 0; cut < len; cut += (cut < 400 ? 1 : 37)) {
		mt_err_clear(&err);
		ck_assert_msg(snapshot_from_json_text(t, cut, s, &err) == -1, "cut at %zu", cut);
		ck_assert_msg(strncmp(err.msg, "snapshot JSON: line 1 column ", 29) == 0,
			      "cut at %zu: %s", cut, err.msg);
		tried++;
	}
	ck_assert_uint_gt(tried, 400);
	ck_assert_int_eq(snapshot_from_json_text(t, len, s, &err), 0);
	free(t);
	free(s);
}
END_TEST

START_TEST(decode_is_lenient_where_it_should_be)
{
	static const char text[] =
		"{\"schema\":\"spdk-memtop/snapshot/1\",\"seq\":7,\"from_the_future\":[1,2],"
		"\"time\":{\"mono\":12,\"wall\":1700000000},"
		"\"target\":\"/var/tmp/spdk.sock\",\"state\":\"running\",\"version\":\"\","
		"\"iobuf\":{\"form\":\"per_module\",\"options\":null,\"modules\":["
		"{\"name\":\"bdev\",\"small\":{\"cache\":1,\"main\":2,\"retry\":\"3\"},"
		"\"large\":{\"cache\":4,\"main\":5,\"retry\":\"18446744073709551615\","
		"\"cache_size\":null}}],"
		"\"small\":{\"cache\":1,\"main\":2,\"retry\":3,\"count\":8192,\"bufsize\":8192,"
		"\"util_kind\":\"unknown\",\"used\":0,\"capacity\":0,\"util\":0},"
		"\"large\":{\"cache\":4,\"main\":5,\"retry\":6,\"pinned\":null,\"count\":0,"
		"\"bufsize\":0,\"util_kind\":\"pinned\",\"used\":0,\"capacity\":0,\"util\":1}},"
		"\"hugepages\":{\"node_source\":\"sysfs\",\"nodes\":[{\"id\":0,"
		"\"mem_total_kb\":null,\"memoryless\":false,\"sizes\":[]}],"
		"\"global\":{\"sizes\":[]}},"
		"\"errors\":[]}";
	struct snapshot *s = malloc(sizeof(*s));
	struct mt_err err = { 0 };

	ck_assert_msg(snapshot_from_json_text(text, strlen(text), s, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(s->seq, 7);
	ck_assert(s->mono == 12.0);
	ck_assert_int_eq(s->state, TARGET_RUNNING);
	ck_assert_str_eq(s->unreachable_reason, "");
	ck_assert(!s->iobuf.opts.valid);
	ck_assert_uint_eq(s->iobuf.nmodules, 1);
	ck_assert_str_eq(s->iobuf.modules[0].name, "bdev");
	ck_assert_uint_eq(s->iobuf.modules[0].small.retry, 3);
	ck_assert_uint_eq(s->iobuf.modules[0].large.retry, UINT64_MAX);
	ck_assert(!s->iobuf.modules[0].large.has_cache_size);
	ck_assert(!s->iobuf.small.has_reserved);
	ck_assert_int_eq(s->iobuf.large.util_kind, UTIL_RESERVED);
	ck_assert(!s->hugepages.nodes[0].has_meminfo);
	ck_assert(!s->hugepages.global.has_meminfo);
	ck_assert_uint_eq(s->errors.dropped, 0);
	free(s);
}
END_TEST

START_TEST(decode_counts_errors_beyond_the_bound)
{
	struct snapshot *s = calloc(1, sizeof(*s));
	struct mt_err err = { 0 };
	json_t *j = snapshot_to_json(s), *errs = json_object_get(j, "errors");

	for (int i = 0; i < MT_ERRLIST_MAX + 5; i++)
		json_array_append_new(errs, json_string("e"));
	json_object_set_new(j, "errors_dropped", json_integer(2));
	ck_assert_int_eq(snapshot_from_json(j, s, &err), 0);
	ck_assert_uint_eq(s->errors.n, MT_ERRLIST_MAX);
	ck_assert_uint_eq(s->errors.dropped, 7);
	json_decref(j);
	free(s);
}
END_TEST

/*
 * A snapshot written before the rings were read (commit a7acdbc's program):
 * "pinned" for the cache reservation, no rings, no util_source, no free.
 * It still loads, with the reservation read and the rings not tried.
 */
START_TEST(test_reads_snapshot_from_before_rings)
{
	json_t *j = fixture_json(MEMTOP_FIXTURES "/snapshots/before-rings.steady.json");
	struct snapshot *s = calloc(1, sizeof(*s));
	struct mt_err err = { 0 };

	ck_assert_msg(snapshot_from_json(j, s, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(s->iobuf.small.util_kind, UTIL_RESERVED);
	ck_assert(s->iobuf.small.has_reserved);
	ck_assert_uint_eq(s->iobuf.small.reserved, 384);
	ck_assert_uint_eq(s->iobuf.large.reserved, 48);
	ck_assert_int_eq(s->iobuf.small.util_source, UTIL_FROM_NONE);
	ck_assert_int_eq(s->iobuf.rings.state, RINGS_NONE);
	ck_assert_uint_eq(s->iobuf.rings.n, 0);
	/* ... and no heaps: not read, not zeros. */
	ck_assert_int_eq(s->heaps.state, HEAPS_NONE);
	ck_assert_uint_eq(s->heaps.n, 0);
	json_decref(j);
	free(s);
}
END_TEST

static Suite *snapshot_json_suite(void)
{
	Suite *s = suite_create("snapshot_json");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, full_snapshot_round_trips);
	tcase_add_test(tc, test_reads_snapshot_from_before_rings);
	tcase_add_test(tc, aggregate_snapshot_round_trips);
	tcase_add_test(tc, zero_snapshot_round_trips);
	tcase_add_test(tc, schema_first_and_field_shapes);
	tcase_add_test(tc, nan_and_bad_utf8_are_written_as_valid_json);
	tcase_add_test(tc, wall_iso_is_gmtime);
	tcase_add_test(tc, decode_errors_name_the_field);
	tcase_add_test(tc, decode_rejects_non_objects_and_truncated_text);
	tcase_add_test(tc, decode_is_lenient_where_it_should_be);
	tcase_add_test(tc, decode_counts_errors_beyond_the_bound);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(snapshot_json_suite());
}
