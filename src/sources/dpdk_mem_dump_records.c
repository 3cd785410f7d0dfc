/*
 * One record line of the dump into struct dpdk_mem_dump (contract:
 * dpdk_mem_dump_impl.h).  The formats are DPDK's fprintf strings in
 * lib/eal/common/eal_common_memzone.c (Zone), eal_common_memory.c (Segment),
 * rte_malloc.c (Heap stats) and lib/mempool/rte_mempool.c (mempool), the
 * same from 20.11 to 25.11.
 */
#include "dpdk_mem_dump_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static struct dd_span after(struct dd_span s, size_t n)
{
	struct dd_span r = { s.p + n, s.n - n };

	return r;
}

static struct dd_span skip_blanks(struct dd_span s)
{
	while (s.n && is_blank(s.p[0]))
		s = after(s, 1);
	return s;
}

void dd_bad(struct dpdk_mem_dump *d, const char *fmt, ...)
{
	char what[MT_ERR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	d->bad_records++;
	mt_errlist_add(&d->warnings, "%s:%lu: %s", d->path, d->lines, what);
}

/* "<label> <digits>:" at the start of s; returns what follows the colon. */
static bool numbered_head(struct dd_span s, const char *label, struct dd_span *rest)
{
	size_t i = strlen(label), digits;

	if (!dd_text_starts(s, label))
		return false;
	s = skip_blanks(after(s, i));
	for (digits = 0; digits < s.n && s.p[digits] >= '0' && s.p[digits] <= '9'; digits++)
		;
	/* Segment lines number "list-index" since DPDK 18.05. */
	if (digits && digits < s.n && s.p[digits] == '-') {
		size_t j = digits + 1;

		while (j < s.n && s.p[j] >= '0' && s.p[j] <= '9')
			j++;
		digits = j > digits + 1 ? j : 0;
	}
	if (!digits)
		return false;
	s = skip_blanks(after(s, digits));
	if (!s.n || s.p[0] != ':')
		return false;
	*rest = after(s, 1);
	return true;
}

/* name:<...> up to the first '>' that a comma or the line's end follows. */
static bool zone_name(struct dd_span s, struct dd_span *name, struct dd_span *rest)
{
	struct dd_span v;

	if (!dd_text_field(s, "name", ':', &v))
		return false;
	v.n = s.n - (size_t)(v.p - s.p);
	if (!v.n || v.p[0] != '<')
		return false;
	for (size_t i = 1; i < v.n; i++) {
		size_t j = i + 1;

		if (v.p[i] != '>')
			continue;
		while (j < v.n && is_blank(v.p[j]))
			j++;
		if (j < v.n && v.p[j] != ',')
			continue;
		name->p = v.p + 1;
		name->n = i - 1;
		*rest = after(v, i + 1);
		return true;
	}
	return false;
}

static bool field_u64(struct dd_span s, const char *key, char sep, int base, uint64_t *out)
{
	struct dd_span v;

	return dd_text_field(s, key, sep, &v) && dd_text_u64(v, base, out);
}

static bool field_int(struct dd_span s, const char *key, char sep, int *out)
{
	struct dd_span v;

	return dd_text_field(s, key, sep, &v) && dd_text_int(v, out);
}

bool dd_record_zone(struct dpdk_mem_dump *d, struct dd_span line)
{
	struct dpdk_memzone z;
	struct dd_span rest, name;
	uint64_t flags = 0;

	memset(&z, 0, sizeof(z));
	if (!numbered_head(line, "Zone", &rest))
		return false;
	if (!zone_name(rest, &name, &rest)) {
		dd_bad(d, "memzone line without name:<...>");
		return false;
	}
	if (!dd_text_name(name, z.name)) {
		dd_bad(d, "memzone name of %zu bytes is not a DPDK name (at most %d printable)",
		       name.n, DPDK_DUMP_NAME_LEN - 1);
		return false;
	}
	if (!field_u64(rest, "len", ':', 0, &z.len) || !field_u64(rest, "virt", ':', 0, &z.virt) ||
	    !field_int(rest, "socket_id", ':', &z.socket_id)) {
		dd_bad(d, "memzone %s: len, virt or socket_id missing or not a number", z.name);
		return false;
	}
	if (dd_text_field(rest, "flags", ':', &name) &&
	    (!dd_text_u64(name, 16, &flags) || flags > UINT32_MAX)) {
		dd_bad(d, "memzone %s: flags not a hex number", z.name);
		return false;
	}
	z.flags = (uint32_t)flags;
	z.line = d->lines;
	if (dpdk_mem_dump_zone(d, z.name)) {
		dd_bad(d, "memzone %s listed twice; the second is ignored", z.name);
		return false;
	}
	if (d->nzones == DPDK_DUMP_MAX_ZONES) {
		if (!d->zones_dropped++)
			mt_errlist_add(&d->warnings, "%s:%lu: more than %d memzones; the rest are "
				       "counted, not kept", d->path, d->lines, DPDK_DUMP_MAX_ZONES);
		return true;
	}
	d->zones[d->nzones++] = z;
	return true;
}

bool dd_record_segment(struct dpdk_mem_dump *d, struct dd_span line)
{
	struct dd_span rest;
	uint64_t len, pagesz;
	int socket;
	size_t i;

	if (!numbered_head(line, "Segment", &rest))
		return false;
	if (!field_u64(rest, "len", ':', 0, &len) || !field_int(rest, "socket_id", ':', &socket) ||
	    !field_u64(rest, "hugepage_sz", ':', 0, &pagesz)) {
		dd_bad(d, "segment: len, socket_id or hugepage_sz missing or not a number");
		return false;
	}
	d->segments++;
	for (i = 0; i < d->nseg_totals; i++)
		if (d->seg_totals[i].socket_id == socket && d->seg_totals[i].hugepage_sz == pagesz)
			break;
	if (i == d->nseg_totals) {
		if (i == DPDK_DUMP_MAX_SEG_TOTALS) {
			if (!d->seg_totals_dropped++)
				mt_errlist_add(&d->warnings, "%s:%lu: segments of more than %d "
					       "(socket, page size) pairs; the rest are counted, "
					       "not summed", d->path, d->lines,
					       DPDK_DUMP_MAX_SEG_TOTALS);
			return true;
		}
		d->seg_totals[i] = (struct dpdk_seg_total){ .socket_id = socket,
							    .hugepage_sz = pagesz };
		d->nseg_totals++;
	}
	d->seg_totals[i].segments++;
	d->seg_totals[i].bytes += len;
	return true;
}

bool dd_record_mempool(struct dpdk_mem_dump *d, struct dd_span line)
{
	struct dpdk_mempool *m;
	struct dd_span rest = after(line, strlen("mempool")), name;
	size_t at;

	rest = skip_blanks(rest);
	if (!rest.n || rest.p[0] != '<')
		return false;
	for (at = rest.n; at > 1; at--)
		if (rest.p[at - 2] == '>' && rest.p[at - 1] == '@')
			break;
	if (at <= 1) {
		dd_bad(d, "mempool line without <name>@address");
		return false;
	}
	name.p = rest.p + 1;
	name.n = at - 3;
	if (d->nmempools == DPDK_DUMP_MAX_MEMPOOLS) {
		if (!d->mempools_dropped++)
			mt_errlist_add(&d->warnings, "%s:%lu: more than %d mempools; the rest are "
				       "counted, not kept", d->path, d->lines,
				       DPDK_DUMP_MAX_MEMPOOLS);
		return true;
	}
	m = &d->mempools[d->nmempools];
	memset(m, 0, sizeof(*m));
	if (!dd_text_name(name, m->name) || !dd_text_u64(after(rest, at), 0, &m->addr)) {
		dd_bad(d, "mempool line: name too long or not printable, or address not a number");
		return false;
	}
	m->socket_id = -1;
	m->line = d->lines;
	d->nmempools++;
	d->pool_open = true;
	return true;
}

/* key=value with the key starting the (trimmed) line. */
static bool key_value(struct dd_span s, char sep, struct dd_span *key, struct dd_span *val)
{
	size_t i;

	for (i = 0; i < s.n && s.p[i] != sep; i++)
		;
	if (i == s.n)
		return false;
	key->p = s.p;
	key->n = i;
	while (key->n && is_blank(key->p[key->n - 1]))
		key->n--;
	*val = dd_text_trim(after(s, i + 1));
	return true;
}

static bool key_is(struct dd_span key, const char *name)
{
	return key.n == strlen(name) && memcmp(key.p, name, key.n) == 0;
}

void dd_record_mempool_field(struct dpdk_mem_dump *d, struct dd_span line)
{
	static const struct {
		const char *key;
		size_t off;
	} nums[] = {
		{ "size", offsetof(struct dpdk_mempool, size) },
		{ "populated_size", offsetof(struct dpdk_mempool, populated_size) },
		{ "header_size", offsetof(struct dpdk_mempool, header_size) },
		{ "elt_size", offsetof(struct dpdk_mempool, elt_size) },
		{ "trailer_size", offsetof(struct dpdk_mempool, trailer_size) },
		{ "total_obj_size", offsetof(struct dpdk_mempool, total_obj_size) },
		{ "cache_size", offsetof(struct dpdk_mempool, cache_size) },
		{ "total_cache_count", offsetof(struct dpdk_mempool, total_cache_count) },
		{ "common_pool_count", offsetof(struct dpdk_mempool, common_pool_count) },
	};
	struct dpdk_mempool *m = &d->mempools[d->nmempools - 1];
	struct dd_span key, val;
	uint64_t v;

	if (!key_value(dd_text_trim(line), '=', &key, &val))
		return;
	if (key_is(key, "socket_id")) {
		if (!dd_text_int(val, &m->socket_id))
			dd_bad(d, "mempool %s: socket_id not a number", m->name);
		return;
	}
	if (key_is(key, "flags")) {
		if (!dd_text_u64(val, 16, &v) || v > UINT32_MAX)
			dd_bad(d, "mempool %s: flags not a hex number", m->name);
		else
			m->flags = (uint32_t)v;
		return;
	}
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		if (!key_is(key, nums[i].key))
			continue;
		if (!dd_text_u64(val, 10, &v)) {
			dd_bad(d, "mempool %s: %s not a number", m->name, nums[i].key);
			return;
		}
		memcpy((char *)m + nums[i].off, &v, sizeof(v));
		m->has_size |= i == 0;
		m->has_total_obj_size |= key_is(key, "total_obj_size");
		m->has_total_cache_count |= key_is(key, "total_cache_count");
		m->has_common_pool_count |= key_is(key, "common_pool_count");
		return;
	}
}

bool dd_record_heap_open(struct dpdk_mem_dump *d, struct dd_span line)
{
	struct dd_span rest;
	uint64_t id;

	line = dd_text_trim(line);
	if (!dd_text_starts(line, "Heap id"))
		return false;
	rest = skip_blanks(after(line, strlen("Heap id")));
	if (!rest.n || rest.p[0] != ':' || !dd_text_u64(dd_text_trim(after(rest, 1)), 10, &id) ||
	    id > UINT32_MAX)
		return false;
	dd_record_heap_close(d);
	memset(&d->heap, 0, sizeof(d->heap));
	d->heap.id = (unsigned)id;
	d->heap.socket_id = -1;
	d->heap_open = true;
	d->heap_has_size = false;
	return true;
}

static int socket_of_heap(const char *name)
{
	struct dd_span s = { name, strlen(name) };
	int n;

	if (!dd_text_starts(s, "socket_") || !dd_text_int(after(s, 7), &n) || n < 0)
		return -1;
	return n;
}

bool dd_record_heap_field(struct dpdk_mem_dump *d, struct dd_span line)
{
	static const struct {
		const char *key;
		size_t off;
	} nums[] = {
		{ "Heap_size", offsetof(struct dpdk_heap_stats, heap_size) },
		{ "Free_size", offsetof(struct dpdk_heap_stats, free_size) },
		{ "Alloc_size", offsetof(struct dpdk_heap_stats, alloc_size) },
		{ "Greatest_free_size", offsetof(struct dpdk_heap_stats, greatest_free_size) },
		{ "Alloc_count", offsetof(struct dpdk_heap_stats, alloc_count) },
		{ "Free_count", offsetof(struct dpdk_heap_stats, free_count) },
	};
	struct dd_span key, val;
	uint64_t v;

	if (!key_value(dd_text_trim(line), ':', &key, &val))
		return false;
	if (key_is(key, "Heap name")) {
		if (!dd_text_name(val, d->heap.name))
			dd_bad(d, "heap %u: name too long or not printable", d->heap.id);
		d->heap.socket_id = socket_of_heap(d->heap.name);
		return true;
	}
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		if (!key_is(key, nums[i].key))
			continue;
		if (!dd_text_u64(val, 10, &v))
			dd_bad(d, "heap %u: %s not a number", d->heap.id, nums[i].key);
		else
			memcpy((char *)&d->heap + nums[i].off, &v, sizeof(v));
		d->heap_has_size |= i == 0;
		return true;
	}
	return false;
}

void dd_record_heap_close(struct dpdk_mem_dump *d)
{
	if (!d->heap_open)
		return;
	d->heap_open = false;
	if (!d->heap_has_size) {
		/* "Heap id: N" of the element lists has no stats: not a record. */
		if (d->heap.name[0])
			dd_bad(d, "heap %u (%s): no Heap_size before the record ended", d->heap.id,
			       d->heap.name);
		return;
	}
	if (!d->heap.name[0] && d->heap.heap_size == 0) {
		d->heaps_unused++;
		return;
	}
	if (d->nheaps == DPDK_DUMP_MAX_HEAPS) {
		if (!d->heaps_dropped++)
			mt_errlist_add(&d->warnings, "%s:%lu: more than %d heaps; the rest are "
				       "counted, not kept", d->path, d->lines, DPDK_DUMP_MAX_HEAPS);
		return;
	}
	d->heaps[d->nheaps++] = d->heap;
}
