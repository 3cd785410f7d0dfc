#include "sim_env.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_buf.h"
#include "sim_dumpdir.h"
#include "sim_memdump.h"
#include "sim_ring.h"

/* Thread rings' tails: a few messages passed, as on the recorded idle target (3, 4, 2, 1). */
static const uint32_t thread_ring_messages[] = { 3, 4, 2, 1 };

/* The event mempool as the recorded target dumped it: 16383 objects of 192 bytes. */
#define EVT_SIZE 16383
#define EVT_HEADER 64
#define EVT_ELT 32
#define EVT_TRAILER 96
#define EVT_CACHE 512
#define EVT_MEMPOOL_LEN 0x1020c0        /* the struct rte_mempool and its per-lcore caches */

struct pool_ring {
	unsigned char *hdr;
	uint64_t last_traffic;  /* refills x batch, as the model counted them last time */
};

struct sim_env {
	pid_t pid;
	unsigned next_ring;     /* SPDK's g_ring_num: every spdk_ring_create takes one */
	struct sim_mem mem;
	struct sim_dumpdir dump;
	struct sim_mempool_info evtpool;
	char evtpool_name[32];
	bool has_pools;
	size_t npairs;                  /* pool pairs: one per NUMA node with enable_numa */
	struct pool_ring pools[SIM_MAX_NUMA_NODES][2];  /* per node: small, large */
	size_t nthread_rings;
};

/* rte_ring_create: its memzone on socket, then the header in it. */
static unsigned char *ring_create(struct sim_env *e, const char *name, uint64_t count,
				  unsigned flags, int socket, const struct sim_memzone **zone,
				  struct mt_err *err)
{
	uint32_t slots = sim_ring_slots(count, flags);
	const struct sim_memzone *z;
	char zname[SIM_MEMZONE_NAMESIZE];

	if (sim_ring_check(name, count, flags, err) < 0)
		return NULL;
	snprintf(zname, sizeof(zname), "RG_%s", name);
	z = sim_mem_reserve_on(&e->mem, zname, sim_ring_memsize(slots), socket, err);
	if (!z)
		return NULL;
	if (sim_ring_init(z->addr, name, count, flags, (uint64_t)(uintptr_t)z->entry, err) < 0)
		return NULL;
	if (zone)
		*zone = z;
	return z->addr;
}

/* spdk_ring_create: the next number, then the DPDK ring. */
static unsigned char *spdk_ring(struct sim_env *e, uint64_t count, unsigned flags, int socket,
				struct mt_err *err)
{
	char name[SIM_RING_NAMESIZE];

	snprintf(name, sizeof(name), "ring_%u_%d", e->next_ring++, (int)e->pid);
	return ring_create(e, name, count, flags, socket, NULL, err);
}

static int thread_ring(struct sim_env *e, struct mt_err *err)
{
	size_t n = sizeof(thread_ring_messages) / sizeof(thread_ring_messages[0]);
	unsigned char *r = spdk_ring(e, SIM_THREAD_RING_COUNT,
				     SIM_RING_F_SC_DEQ | SIM_RING_F_EXACT_SZ, 0, err);

	if (!r)
		return -1;
	sim_ring_enqueue(r, thread_ring_messages[e->nthread_rings % n]);
	sim_ring_dequeue(r, thread_ring_messages[e->nthread_rings % n]);
	e->nthread_rings++;
	return 0;
}

static int event_mempool(struct sim_env *e, struct mt_err *err)
{
	struct sim_mempool_info *p = &e->evtpool;
	char name[SIM_MEMZONE_NAMESIZE];
	unsigned char *r;

	snprintf(e->evtpool_name, sizeof(e->evtpool_name), "evtpool_%d", (int)e->pid);
	memset(p, 0, sizeof(*p));
	p->name = e->evtpool_name;
	p->size = EVT_SIZE;
	p->header_size = EVT_HEADER;
	p->elt_size = EVT_ELT;
	p->trailer_size = EVT_TRAILER;
	p->cache_size = EVT_CACHE;
	p->common_count = EVT_SIZE;
	snprintf(name, sizeof(name), "MP_%s", e->evtpool_name);
	p->zone = sim_mem_reserve(&e->mem, name, EVT_MEMPOOL_LEN, err);
	if (!p->zone)
		return -1;
	/* struct rte_mempool begins with its name. */
	memcpy(p->zone->addr, e->evtpool_name, strlen(e->evtpool_name));
	/* The mempool's ring: rte_align32pow2(size + 1) slots, not exact-size, MP/MC. */
	snprintf(name, sizeof(name), "MP_%s", e->evtpool_name);
	r = ring_create(e, name, (uint64_t)EVT_SIZE + 1, 0, 0, &p->ring, err);
	if (!r)
		return -1;
	sim_ring_enqueue(r, EVT_SIZE);
	snprintf(name, sizeof(name), "MP_%s_0", e->evtpool_name);
	p->objects = sim_mem_reserve(&e->mem, name,
				     (size_t)EVT_SIZE * (EVT_HEADER + EVT_ELT + EVT_TRAILER) + 64,
				     err);
	return p->objects ? 0 : -1;
}

struct sim_env *sim_env_new(pid_t pid, const struct sim_dumpdir *dump, struct mt_err *err)
{
	struct sim_env *e = calloc(1, sizeof(*e));

	if (!e) {
		mt_err_set(err, -ENOMEM, "out of memory");
		return NULL;
	}
	e->pid = pid;
	e->dump = *dump;
	if (sim_mem_init(&e->mem, err) < 0 || event_mempool(e, err) < 0 ||
	    thread_ring(e, err) < 0 || thread_ring(e, err) < 0) {
		sim_env_free(e);
		return NULL;
	}
	return e;
}

static const char *const pool_what[2] = { "small_pool_count", "large_pool_count" };

/*
 * One node's pools as iobuf_node_initialize makes them: the small ring then
 * the large ring (numbered one after the other).  SPDK mallocs each pool's
 * buffers right after its ring, the simulator after both, which only moves
 * them in the heap listing.
 */
static int node_pools(struct sim_env *e, const struct sim_pool_opts *o, const uint64_t count[2],
		      size_t node, struct mt_err *err)
{
	const unsigned flags = SIM_RING_F_EXACT_SZ;     /* SPDK_RING_TYPE_MP_MC */
	/* Without enable_numa SPDK asks SOCKET_ID_ANY: DPDK serves it from socket 0 here. */
	int socket = o->enable_numa ? (int)node : 0;
	int i;

	for (i = 0; i < 2; i++) {
		e->pools[node][i].hdr = spdk_ring(e, count[i], flags, socket, err);
		if (!e->pools[node][i].hdr) {
			mt_err_prefix(err, "iobuf %s", pool_what[i]);
			return -1;
		}
		e->pools[node][i].last_traffic = 0;
	}
	/*
	 * Then the buffers themselves, one spdk_malloc per pool, from the heap
	 * (never written: they cost nothing here), and every buffer into its ring.
	 */
	for (i = 0; i < 2; i++) {
		uint64_t bytes = count[i] * (i ? o->large_bufsize : o->small_bufsize);

		if (!sim_mem_alloc(&e->mem, pool_what[i], (size_t)bytes, err)) {
			mt_err_prefix(err, "iobuf buffers");
			return -1;
		}
		sim_ring_enqueue(e->pools[node][i].hdr, (uint32_t)count[i]);
	}
	return 0;
}

int sim_env_init_pools(struct sim_env *e, const struct sim_pool_opts *o, size_t nodes,
		       struct mt_err *err)
{
	const uint64_t count[2] = { o->small_pool_count, o->large_pool_count };
	size_t pairs = o->enable_numa && nodes > 1 ? nodes : 1;

	if (pairs > SIM_MAX_NUMA_NODES) {
		mt_err_set(err, -EINVAL, "%zu NUMA nodes: built for at most %d", nodes,
			   SIM_MAX_NUMA_NODES);
		return -1;
	}
	/* A count DPDK refuses fails before any ring is made. */
	for (int i = 0; i < 2; i++) {
		if (!sim_ring_slots(count[i], SIM_RING_F_EXACT_SZ)) {
			mt_err_set(err, -EINVAL, "iobuf %s %llu: DPDK rings hold at most %u "
				   "entries", pool_what[i], (unsigned long long)count[i],
				   SIM_RING_MAX_EXACT);
			return -1;
		}
	}
	for (size_t k = 0; k < pairs; k++)
		if (node_pools(e, o, count, k, err) < 0)
			return -1;
	e->npairs = pairs;
	e->has_pools = true;
	if (thread_ring(e, err) < 0 || thread_ring(e, err) < 0)
		return -1;
	return 0;
}

bool sim_env_has_pools(const struct sim_env *e)
{
	return e->has_pools;
}

void sim_env_sync(struct sim_env *e, const struct sim_stats *s)
{
	if (!e->has_pools)
		return;
	for (size_t k = 0; k < e->npairs; k++) {
		/* Stats of fewer nodes than rings: the model's one pair stands for each. */
		size_t n = k < s->nnodes ? k : 0;
		const struct sim_pool_aggregate *agg[2] = { &s->node_small[n], &s->node_large[n] };

		for (int i = 0; i < 2; i++) {
			struct pool_ring *p = &e->pools[k][i];
			uint64_t traffic = 0, moved;

			/* The refill traffic is node 0's: SPDK's gets take from it alone. */
			for (size_t m = 0; k == 0 && m < s->nmodules; m++)
				traffic += (i ? s->modules[m].large.main : s->modules[m].small.main) *
					   SIM_REFILL_BATCH;
			/* Counters restart with a scenario or a channel: count from 0 again. */
			moved = traffic >= p->last_traffic ? traffic - p->last_traffic : traffic;
			p->last_traffic = traffic;
			sim_ring_settle(p->hdr, agg[i]->available_count > UINT32_MAX ? UINT32_MAX :
					(uint32_t)agg[i]->available_count, moved);
		}
	}
}

int sim_env_dump(struct sim_env *e, char *path, size_t cap, struct mt_err *err)
{
	struct sim_buf b = { 0 };
	int rc;

	if (sim_memdump_render(&e->mem, &e->evtpool, 1, &b) < 0) {
		sim_buf_free(&b);
		mt_err_set(err, -ENOMEM, "memory dump: out of memory");
		return -1;
	}
	rc = sim_dumpdir_write(&e->dump, b.data, b.len, path, cap, err);
	sim_buf_free(&b);
	return rc;
}

const struct sim_mem *sim_env_mem(const struct sim_env *e)
{
	return &e->mem;
}

void sim_env_free(struct sim_env *e)
{
	if (!e)
		return;
	sim_mem_free(&e->mem);
	sim_dumpdir_close(&e->dump);
	free(e);
}
