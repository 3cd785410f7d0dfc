/*
 * heap_stats: the heaps of the dump on a slow timer (contract: heap_stats.h).
 */
#include "heap_stats.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mt_clock.h"

/* A --no-huge target lists every 4 KiB page: the heaps come before, but cap the read. */
#define DUMP_MAX_BYTES (256ull << 20)

struct heap_stats {
	struct heap_stats_config cfg;
	bool requested;              /* the user asked: due at the next round */
	double next_due;             /* mono; INFINITY: only on request */
	uint64_t connection;         /* the connection the figures come from */
	struct spdk_heaps last;      /* what the last dump said */
	char said[MT_ERR_LEN];       /* the last reason put in errors */
};

struct heap_stats *heap_stats_new(const struct heap_stats_config *cfg)
{
	struct heap_stats *hs = calloc(1, sizeof(*hs));

	if (!hs)
		return NULL;
	hs->cfg = *cfg;
	if (!(hs->cfg.interval >= 0))
		hs->cfg.interval = HEAP_STATS_DEFAULT_INTERVAL;
	/* The first round reads the heaps, unless the user wants them only on request. */
	hs->next_due = hs->cfg.interval > 0 ? -INFINITY : INFINITY;
	return hs;
}

void heap_stats_free(struct heap_stats *hs)
{
	free(hs);
}

void heap_stats_request(struct heap_stats *hs)
{
	hs->requested = true;
}

bool heap_stats_wants_dump(struct heap_stats *hs, const struct rpc_addr *addr,
			   uint64_t connection, double now)
{
	if (addr->is_tcp)
		return false;
	if (hs->requested)
		return true;
	if (hs->last.state == HEAPS_READ && connection != hs->connection)
		return hs->cfg.interval > 0;
	return now >= hs->next_due;
}

static void sort_by_node(struct spdk_heaps *h)
{
	for (size_t i = 1; i < h->n; i++) {
		struct spdk_heap v = h->heaps[i];
		size_t j = i;

		for (; j > 0 && h->heaps[j - 1].node > v.node; j--)
			h->heaps[j] = h->heaps[j - 1];
		h->heaps[j] = v;
	}
}

/*
 * DPDK prints no cache counts for a pool without caches (cache_size 0):
 * then the ring holds every free object.  A pool with caches whose total
 * the dump lacks (cut short) has no honest figure.
 */
static void mempool_from_dump(const struct dpdk_mempool *src, struct spdk_mempool *m)
{
	snprintf(m->name, sizeof(m->name), "%s", src->name);
	m->node = src->socket_id;
	m->count = src->size;
	m->elt_size = src->elt_size;
	m->obj_size = src->has_total_obj_size ? src->total_obj_size : 0;
	m->has_available = src->has_common_pool_count &&
			   (src->has_total_cache_count || src->cache_size == 0);
	if (m->has_available)
		m->available = src->common_pool_count + src->total_cache_count;
}

/* Larger first; equal ones by name, so the order does not move between dumps. */
static bool mempool_before(const struct spdk_mempool *a, const struct spdk_mempool *b)
{
	uint64_t ba = spdk_mempool_bytes(a), bb = spdk_mempool_bytes(b);

	return ba != bb ? ba > bb : strcmp(a->name, b->name) < 0;
}

/* Keeps the SNAP_MAX_MEMPOOLS largest, sorted; the others are counted. */
static void mempools_from_dump(const struct dpdk_mem_dump *d, struct spdk_heaps *out)
{
	out->has_mempools = (d->sections & DPDK_DUMP_SEC_MEMPOOLS) != 0;
	out->mempools_dropped = d->mempools_dropped;
	for (size_t i = 0; i < d->nmempools; i++) {
		struct spdk_mempool m = { 0 };
		size_t j;

		if (!d->mempools[i].has_size)
			continue;
		mempool_from_dump(&d->mempools[i], &m);
		if (out->nmempools == SNAP_MAX_MEMPOOLS) {
			out->mempools_dropped++;
			if (!mempool_before(&m, &out->mempools[SNAP_MAX_MEMPOOLS - 1]))
				continue;
			out->nmempools--;
		}
		for (j = out->nmempools; j > 0 && mempool_before(&m, &out->mempools[j - 1]); j--)
			out->mempools[j] = out->mempools[j - 1];
		out->mempools[j] = m;
		out->nmempools++;
	}
}

void heap_stats_from_dump(const struct dpdk_mem_dump *d, struct spdk_heaps *out)
{
	memset(out, 0, sizeof(*out));
	out->state = HEAPS_READ;
	for (size_t i = 0; i < d->nheaps && out->n < SNAP_MAX_HEAPS; i++) {
		const struct dpdk_heap_stats *src = &d->heaps[i];
		struct spdk_heap *h;

		/* External heaps (socket_id -1) belong to no node. */
		if (src->socket_id < 0)
			continue;
		h = &out->heaps[out->n++];
		h->node = src->socket_id;
		h->size = src->heap_size;
		h->free = src->free_size;
		h->alloc = src->alloc_size;
		h->greatest_free = src->greatest_free_size;
		h->alloc_count = src->alloc_count;
		h->free_count = src->free_count;
	}
	sort_by_node(out);
	mempools_from_dump(d, out);
}

/* Reads the file the reply names (once a round: r->dump); 0, or -1 with err. */
static int read_dump(const struct pool_occupancy_round *r, struct spdk_heaps *out,
		     struct mt_err *err)
{
	const json_t *fn = json_object_get(r->dump_result, "filename");
	struct dpdk_mem_dump_once own = { .d = NULL }, *once = r->dump ? r->dump : &own;
	const struct dpdk_mem_dump *d;
	int rc;

	if (!json_is_string(fn)) {
		mt_err_set(err, -EPROTO, "env_dpdk_get_mem_stats: no \"filename\" in the reply");
		return -1;
	}
	rc = dpdk_mem_dump_read_once(once, json_string_value(fn), DUMP_MAX_BYTES, &d, err);
	if (rc == 0 && !(d->sections & DPDK_DUMP_SEC_STATS)) {
		mt_err_set(err, -EPROTO, "%s: no \"DPDK malloc stats.\" section", d->path);
		rc = -1;
	}
	if (rc == 0)
		heap_stats_from_dump(d, out);
	dpdk_mem_dump_once_clear(&own);
	return rc ? -1 : 0;
}

static void unavailable(struct heap_stats *hs, const char *why, struct mt_errlist *errors)
{
	memset(&hs->last, 0, sizeof(hs->last));
	hs->last.state = HEAPS_UNAVAILABLE;
	snprintf(hs->last.why, sizeof(hs->last.why), "%s", why);
	if (strcmp(hs->said, why) != 0)
		mt_errlist_add(errors, "SPDK heap per node: %s", why);
	snprintf(hs->said, sizeof(hs->said), "%s", why);
}

void heap_stats_round(struct heap_stats *hs, const struct pool_occupancy_round *r,
		      struct spdk_heaps *out, struct mt_errlist *errors)
{
	struct mt_err err = { 0 };

	if (r->addr->is_tcp) {
		unavailable(hs, "the target is reached over TCP; the dump it writes is on its "
				"own host", errors);
		*out = hs->last;
		return;
	}
	if (hs->last.state == HEAPS_READ && r->connection != hs->connection)
		memset(&hs->last, 0, sizeof(hs->last));   /* maybe another target now */
	if (r->dump_asked) {
		hs->requested = false;
		hs->next_due = hs->cfg.interval > 0 ? r->now + hs->cfg.interval : INFINITY;
		if (!r->dump_result && r->state != TARGET_RUNNING) {
			/*
			 * Before framework_start_init SPDK refuses the method, and an
			 * unreachable target is said already: nothing to add.  Startup
			 * ends soon, so the heaps are due again at once then.
			 */
			if (r->state == TARGET_STARTUP && hs->cfg.interval > 0)
				hs->next_due = -INFINITY;
		} else if (!r->dump_result) {
			mt_err_set(&err, 0, "env_dpdk_get_mem_stats: %s",
				   r->dump_failure && r->dump_failure[0] ? r->dump_failure
									 : "no reply");
			unavailable(hs, err.msg, errors);
		} else if (read_dump(r, &hs->last, &err) == 0) {
			hs->last.read_mono = r->now;
			hs->last.read_wall = mt_wall();
			hs->connection = r->connection;
			hs->said[0] = '\0';
		} else {
			unavailable(hs, err.msg, errors);
		}
	}
	*out = hs->last;
}
