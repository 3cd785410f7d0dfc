/* pool_change: validation and memory verdict of new pool values (contract: pool_change.h). */
#include "pool_change.h"

#include <stdio.h>
#include <string.h>

#include "fmt_num.h"
#include "pool_memory.h"

static const char *const field_names[POOL_FIELDS] = {
	"small count", "large count", "small bufsize", "large bufsize",
};

static const uint64_t field_min[POOL_FIELDS] = {
	POOL_MIN_SMALL_COUNT, POOL_MIN_LARGE_COUNT, POOL_MIN_SMALL_BUFSIZE, POOL_MIN_LARGE_BUFSIZE,
};

/* A request's JSON integers are int64; SPDK decodes bufsizes as uint32. */
static const uint64_t field_max[POOL_FIELDS] = {
	INT64_MAX, INT64_MAX, UINT32_MAX, UINT32_MAX,
};

const char *pool_field_name(enum pool_field f)
{
	return (unsigned)f < POOL_FIELDS ? field_names[f] : "?";
}

static void base_free_memory(const struct snapshot *s, struct pool_base *b)
{
	const struct hugepage_snapshot *hp = &s->hugepages;

	for (size_t i = 0; i < hp->nnodes && i < SNAP_MAX_NODES; i++) {
		const struct hugepage_node *n = &hp->nodes[i];

		if (n->memoryless)
			continue;
		b->hugepages_known = b->hugepages_known || n->nsizes > 0;
		b->free_node[b->nfree] = n->id;
		b->free_bytes[b->nfree++] = pool_memory_node_free(n);
	}
	if (b->hugepages_known)
		return;
	b->nfree = 0;
	if (hp->global.nsizes == 0)
		return;
	b->hugepages_known = true;
	b->nfree = 1;
	b->free_node[0] = -1;
	b->free_bytes[0] = 0;
	for (size_t k = 0; k < hp->global.nsizes && k < SNAP_MAX_PAGE_SIZES; k++)
		b->free_bytes[0] += pool_memory_mul(pool_memory_mul(hp->global.sizes[k].free,
								    hp->global.sizes[k].page_kb), 1024);
}

void pool_base_from_snapshot(const struct snapshot *s, struct pool_base *b)
{
	const struct iobuf_options *o = &s->iobuf.opts;

	memset(b, 0, sizeof(*b));
	b->state = s->state;
	b->current_known = o->valid;
	b->current[POOL_FIELD_SMALL_COUNT] = o->valid ? o->small_pool_count : POOL_DEFAULT_SMALL_COUNT;
	b->current[POOL_FIELD_LARGE_COUNT] = o->valid ? o->large_pool_count : POOL_DEFAULT_LARGE_COUNT;
	b->current[POOL_FIELD_SMALL_BUFSIZE] = o->valid && o->small_bufsize ? o->small_bufsize
									     : POOL_DEFAULT_SMALL_BUFSIZE;
	b->current[POOL_FIELD_LARGE_BUFSIZE] = o->valid && o->large_bufsize ? o->large_bufsize
									     : POOL_DEFAULT_LARGE_BUFSIZE;
	b->bufsizes_accepted = !(o->valid && (o->small_bufsize == 0 || o->large_bufsize == 0));
	b->enable_numa = o->valid && o->enable_numa;
	b->nodes = pool_memory_nodes(s);
	b->has_reserved[0] = pool_memory_reserved(s, false, b->nodes, &b->reserved[0]);
	b->has_reserved[1] = pool_memory_reserved(s, true, b->nodes, &b->reserved[1]);
	base_free_memory(s, b);
}

static bool parse_whole(const char *t, uint64_t *out, bool *overflow)
{
	uint64_t v = 0;

	*overflow = false;
	if (!t || !*t)
		return false;
	for (; *t; t++) {
		if (*t < '0' || *t > '9')
			return false;
		if (v > (UINT64_MAX - (uint64_t)(*t - '0')) / 10)
			*overflow = true;
		else
			v = v * 10 + (uint64_t)(*t - '0');
	}
	*out = v;
	return true;
}

int pool_field_check(enum pool_field f, const char *text, const struct pool_base *b,
		     uint64_t *value, char *reason, size_t len)
{
	char n[FMT_NUM_LEN];
	uint64_t v = 0;
	bool overflow;
	int pool = f == POOL_FIELD_LARGE_COUNT;

	if ((unsigned)f >= POOL_FIELDS) {
		snprintf(reason, len, "no such field");
		return -1;
	}
	if (!parse_whole(text, &v, &overflow)) {
		snprintf(reason, len, "%s: type a whole number", field_names[f]);
		return -1;
	}
	if (overflow || v > field_max[f]) {
		fmt_thousands(n, sizeof(n), field_max[f]);
		snprintf(reason, len, "%s: at most %s", field_names[f], n);
		return -1;
	}
	if (v < field_min[f]) {
		fmt_thousands(n, sizeof(n), field_min[f]);
		snprintf(reason, len, "%s: at least %s (SPDK's minimum)", field_names[f], n);
		return -1;
	}
	if (f <= POOL_FIELD_LARGE_COUNT && b->has_reserved[pool] && v < b->reserved[pool]) {
		fmt_thousands(n, sizeof(n), b->reserved[pool]);
		snprintf(reason, len, "%s: at least %s, what the caches reserve", field_names[f], n);
		return -1;
	}
	*value = v;
	return 0;
}

/* Bytes one set of pools (one node's) needs beyond what it holds now. */
static uint64_t need_per_set(const struct pool_base *b, const struct pool_change *c)
{
	uint64_t now = 0, new = 0;

	for (int p = 0; p < 2; p++) {
		uint64_t nb = pool_memory_mul(c->value[p], c->value[POOL_FIELD_SMALL_BUFSIZE + p]);
		uint64_t ob = pool_memory_mul(b->current[p], b->current[POOL_FIELD_SMALL_BUFSIZE + p]);

		new = nb > UINT64_MAX - new ? UINT64_MAX : new + nb;
		now = ob > UINT64_MAX - now ? UINT64_MAX : now + ob;
	}
	if (c->growth_only)
		return new > now ? new - now : 0;
	return new;
}

static void verdict(const struct pool_base *b, struct pool_change *c)
{
	uint64_t sum = 0;

	c->growth_only = b->current_known && b->state == TARGET_RUNNING;
	c->need = need_per_set(b, c);
	c->short_node = -1;
	c->memory_known = c->valid && b->hugepages_known && b->nfree > 0;
	if (!c->memory_known)
		return;
	if (b->enable_numa) {
		/* Every node holds full pools: the node short by the most decides. */
		for (size_t i = 0; i < b->nfree; i++) {
			uint64_t lack = c->need > b->free_bytes[i] ? c->need - b->free_bytes[i] : 0;

			if (lack > c->shortfall) {
				c->shortfall = lack;
				c->short_node = b->free_node[i];
			}
		}
		c->fits = c->shortfall == 0;
		return;
	}
	for (size_t i = 0; i < b->nfree; i++)
		sum = b->free_bytes[i] > UINT64_MAX - sum ? UINT64_MAX : sum + b->free_bytes[i];
	c->fits = c->need <= sum;
	c->shortfall = c->fits ? 0 : c->need - sum;
}

void pool_change_assess(const struct pool_base *b, const char *const text[POOL_FIELDS],
			struct pool_change *out)
{
	memset(out, 0, sizeof(*out));
	out->valid = true;
	for (int f = 0; f < POOL_FIELDS; f++) {
		out->ok[f] = !text[f] || pool_field_check((enum pool_field)f, text[f], b,
							   &out->value[f], out->reason[f],
							   POOL_REASON_LEN) == 0;
		if (!text[f])
			out->value[f] = b->current[f];
		out->valid = out->valid && out->ok[f];
	}
	for (int p = 0; p < 2; p++) {
		uint64_t bs = out->value[POOL_FIELD_SMALL_BUFSIZE + p];
		uint64_t cost = pool_memory_bytes(out->value[p], bs, b->nodes);

		out->bytes_now[p] = pool_memory_bytes(b->current[p],
						      b->current[POOL_FIELD_SMALL_BUFSIZE + p], b->nodes);
		out->bytes_new[p] = cost;
		if (out->ok[p] && out->ok[POOL_FIELD_SMALL_BUFSIZE + p] && cost == UINT64_MAX) {
			out->ok[p] = false;
			out->valid = false;
			snprintf(out->reason[p], POOL_REASON_LEN,
				 "%s: count x bufsize overflows 64 bits", field_names[p]);
		}
	}
	verdict(b, out);
}
