/* Names of the snapshot's enumerations, shared by JSON, text and UI. */
#include "snapshot.h"

#include <stdio.h>
#include <string.h>

static const char *const state_names[] = {
	[TARGET_UNREACHABLE] = "unreachable",
	[TARGET_UNKNOWN] = "unknown",
	[TARGET_STARTUP] = "startup",
	[TARGET_RUNNING] = "running",
};

static const char *const util_names[] = {
	[UTIL_UNKNOWN] = "unknown",
	[UTIL_EXACT] = "exact",
	[UTIL_RESERVED] = "reserved",
};

static const char *const source_names[] = {
	[UTIL_FROM_NONE] = "none",
	[UTIL_FROM_RING] = "dpdk_ring",
	[UTIL_FROM_AGGREGATE] = "aggregate",
	[UTIL_FROM_CACHE_SIZE] = "cache_size",
};

static const char *const rings_names[] = {
	[RINGS_NONE] = "none",
	[RINGS_EXACT] = "exact",
	[RINGS_UNAVAILABLE] = "unavailable",
};

static const char *const heaps_names[] = {
	[HEAPS_NONE] = "none",
	[HEAPS_READ] = "read",
	[HEAPS_UNAVAILABLE] = "unavailable",
};

static const char *const form_names[] = {
	[IOBUF_FORM_NONE] = "none",
	[IOBUF_FORM_PER_MODULE] = "per_module",
	[IOBUF_FORM_AGGREGATE] = "aggregate",
};

#define NAME_OF(table, v) \
	(((unsigned)(v) < sizeof(table) / sizeof(table[0])) ? table[v] : "invalid")

const char *target_state_name(enum target_state s)
{
	return NAME_OF(state_names, s);
}

const char *util_kind_name(enum util_kind k)
{
	return NAME_OF(util_names, k);
}

const char *iobuf_stats_form_name(enum iobuf_stats_form f)
{
	return NAME_OF(form_names, f);
}

const char *util_source_name(enum util_source u)
{
	return NAME_OF(source_names, u);
}

const char *rings_state_name(enum rings_state r)
{
	return NAME_OF(rings_names, r);
}

const char *heaps_state_name(enum heaps_state h)
{
	return NAME_OF(heaps_names, h);
}

static int lookup(const char *const *table, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (s && strcmp(table[i], s) == 0)
			return (int)i;
	return -1;
}

#define LOOKUP(table, s) lookup(table, sizeof(table) / sizeof(table[0]), s)

int target_state_from_name(const char *s, enum target_state *out)
{
	int i = LOOKUP(state_names, s);

	if (i < 0)
		return -1;
	*out = (enum target_state)i;
	return 0;
}

int util_kind_from_name(const char *s, enum util_kind *out)
{
	/* Snapshots written before the rename said "pinned" for the cache reservation. */
	int i = s && strcmp(s, "pinned") == 0 ? UTIL_RESERVED : LOOKUP(util_names, s);

	if (i < 0)
		return -1;
	*out = (enum util_kind)i;
	return 0;
}

int iobuf_stats_form_from_name(const char *s, enum iobuf_stats_form *out)
{
	int i = LOOKUP(form_names, s);

	if (i < 0)
		return -1;
	*out = (enum iobuf_stats_form)i;
	return 0;
}

int util_source_from_name(const char *s, enum util_source *out)
{
	int i = LOOKUP(source_names, s);

	if (i < 0)
		return -1;
	*out = (enum util_source)i;
	return 0;
}

int rings_state_from_name(const char *s, enum rings_state *out)
{
	int i = LOOKUP(rings_names, s);

	if (i < 0)
		return -1;
	*out = (enum rings_state)i;
	return 0;
}

int heaps_state_from_name(const char *s, enum heaps_state *out)
{
	int i = LOOKUP(heaps_names, s);

	if (i < 0)
		return -1;
	*out = (enum heaps_state)i;
	return 0;
}

const struct spdk_heap *snapshot_heap(const struct snapshot *s, int node)
{
	size_t n = s->heaps.n < SNAP_MAX_HEAPS ? s->heaps.n : SNAP_MAX_HEAPS;

	for (size_t i = 0; i < n; i++)
		if (s->heaps.heaps[i].node == node)
			return &s->heaps.heaps[i];
	return NULL;
}

uint64_t spdk_mempool_bytes(const struct spdk_mempool *m)
{
	uint64_t per = m->obj_size ? m->obj_size : m->elt_size;

	if (per && m->count > UINT64_MAX / per)
		return UINT64_MAX;
	return m->count * per;
}

void hugepage_node_kb(const struct hugepage_node *n, uint64_t *total_kb, uint64_t *free_kb)
{
	*total_kb = 0;
	*free_kb = 0;
	for (size_t k = 0; k < n->nsizes && k < SNAP_MAX_PAGE_SIZES; k++) {
		*total_kb += n->sizes[k].nr * n->sizes[k].page_kb;
		*free_kb += n->sizes[k].free * n->sizes[k].page_kb;
	}
}

static void cut(char *at, size_t n)
{
	memmove(at, at + n, strlen(at + n) + 1);
}

/* Tidies what taking the address out left: blanks, and "by", "on", "to" left dangling. */
static void tidy_reason(char *buf)
{
	static const char *const dangling[] = { " by", " on", " to" };
	char *p, pat[8];
	size_t n;

	while ((p = strstr(buf, " :")))
		cut(p, 1);
	while ((p = strstr(buf, "  ")))
		cut(p, 1);
	while (buf[0] == ' ')
		cut(buf, 1);
	while ((n = strlen(buf)) && buf[n - 1] == ' ')
		buf[n - 1] = '\0';
	for (size_t i = 0; i < sizeof(dangling) / sizeof(dangling[0]); i++) {
		size_t w = strlen(dangling[i]);

		n = strlen(buf);
		if (n >= w && strcmp(buf + n - w, dangling[i]) == 0)
			buf[n - w] = '\0';
		snprintf(pat, sizeof(pat), "%s:", dangling[i]);
		if ((p = strstr(buf, pat)))
			cut(p, w);
	}
}

void snapshot_reason_brief(const struct snapshot *s, char *buf, size_t len)
{
	const char *r = s->unreachable_reason, *hit;
	size_t tl = strlen(s->target);

	if (!len)
		return;
	hit = tl ? strstr(r, s->target) : NULL;
	if (!hit) {
		snprintf(buf, len, "%s", r);
		return;
	}
	snprintf(buf, len, "%.*s%s", (int)(hit - r), r, hit + tl);
	tidy_reason(buf);
}

bool snapshot_lacks_iobuf(const struct snapshot *s)
{
	return s->state != TARGET_UNREACHABLE && s->state != TARGET_STARTUP &&
	       s->iobuf.form == IOBUF_FORM_NONE;
}

void snapshot_lacks_iobuf_reason(const struct snapshot *s, char *buf, size_t len)
{
	static const char method[] = "iobuf_get_stats";

	if (!len)
		return;
	for (size_t i = 0; i < s->errors.n; i++)
		if (strncmp(s->errors.msg[i], method, sizeof(method) - 1) == 0) {
			snprintf(buf, len, "%s", s->errors.msg[i]);
			return;
		}
	snprintf(buf, len, "%s", s->errors.n ? s->errors.msg[0] : "no iobuf_get_stats reply");
}

bool snapshot_wall_relative(double wall)
{
	return wall >= 0 && wall < SNAPSHOT_RELATIVE_WALL_MAX;
}
