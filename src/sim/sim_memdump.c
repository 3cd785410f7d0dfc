#include "sim_memdump.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#define MAX_HEAPS 32            /* RTE_MAX_HEAPS */
#define MAX_LCORE 128           /* RTE_MAX_LCORE: one cache_count line each */

static uintptr_t va(const void *p)
{
	return (uintptr_t)p;
}

/* Chunks in address order, as DPDK walks its memseg lists and heap. */
static size_t chunk_order(const struct sim_mem *m, size_t order[])
{
	size_t i, j, t;

	for (i = 0; i < m->nchunks; i++)
		order[i] = i;
	for (i = 1; i < m->nchunks; i++) {
		for (j = i; j > 0 && m->chunks[order[j]].base < m->chunks[order[j - 1]].base; j--) {
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	}
	return m->nchunks;
}

static int layout(const struct sim_mem *m, const size_t order[], struct sim_buf *b)
{
	size_t i, s;

	if (sim_buf_printf(b, "DPDK memory size %zu\nDPDK memory layout\n", sim_mem_size(m)) < 0)
		return -1;
	for (i = 0; i < m->nchunks; i++) {
		const struct sim_mem_chunk *c = &m->chunks[order[i]];

		for (s = 0; s < c->len / SIM_MEM_SEGMENT; s++) {
			uintptr_t a = va(c->base + s * SIM_MEM_SEGMENT);

			if (sim_buf_printf(b, "Segment %zu-%zu: IOVA:0x%" PRIxPTR ", len:%zu, "
					   "virt:0x%" PRIxPTR ", socket_id:0, hugepage_sz:%zu, "
					   "nchannel:0, nrank:0 fd:-1\n", i, s, a, SIM_MEM_SEGMENT,
					   a, SIM_MEM_SEGMENT) < 0)
				return -1;
		}
	}
	return 0;
}

static int memzones(const struct sim_mem *m, struct sim_buf *b)
{
	size_t i;
	uintptr_t seg, end;

	if (sim_buf_puts(b, "DPDK memzones.\n") < 0)
		return -1;
	for (i = 0; i < m->nzones; i++) {
		const struct sim_memzone *z = &m->zones[i];

		if (sim_buf_printf(b, "Zone %zu: name:<%s>, len:0x%zx, virt:0x%" PRIxPTR
				   ", socket_id:%d, flags:0\nphysical segments used:\n", i, z->name,
				   z->len, va(z->addr), z->socket_id) < 0)
			return -1;
		end = va(z->addr) + (z->len ? z->len : 1);
		for (seg = va(z->addr) / SIM_MEM_SEGMENT * SIM_MEM_SEGMENT; seg < end;
		     seg += SIM_MEM_SEGMENT) {
			if (sim_buf_printf(b, "  addr: 0x%" PRIxPTR " iova: 0x%" PRIxPTR
					   " len: 0x%zx pagesz: 0x%zx\n", seg, seg, SIM_MEM_SEGMENT,
					   SIM_MEM_SEGMENT) < 0)
				return -1;
		}
	}
	return 0;
}

static int mempool(const struct sim_mempool_info *p, struct sim_buf *b)
{
	uint32_t total = p->header_size + p->elt_size + p->trailer_size;
	size_t mem = p->objects ? p->objects->len : 0;
	int lc;

	if (sim_buf_printf(b, "mempool <%s>@0x%" PRIxPTR "\n  flags=10\n  socket_id=-1\n"
			   "  pool=0x%" PRIxPTR "\n  iova=0x%" PRIxPTR "\n  nb_mem_chunks=%d\n"
			   "  size=%" PRIu32 "\n  populated_size=%" PRIu32 "\n"
			   "  header_size=%" PRIu32 "\n  elt_size=%" PRIu32 "\n"
			   "  trailer_size=%" PRIu32 "\n  total_obj_size=%" PRIu32 "\n"
			   "  private_data_size=0\n  ops_index=0\n  ops_name: <ring_mp_mc>\n"
			   "  avg bytes/object=%f\n  internal cache infos:\n    cache_size=%" PRIu32
			   "\n", p->name, va(p->zone->addr), va(p->ring->addr), va(p->zone->addr),
			   p->objects ? 1 : 0, p->size, p->size, p->header_size, p->elt_size,
			   p->trailer_size, total, p->size ? (double)mem / p->size : 0.0,
			   p->cache_size) < 0)
		return -1;
	if (p->cache_size) {
		for (lc = 0; lc < MAX_LCORE; lc++) {
			if (sim_buf_printf(b, "    cache_count[%d]=0\n", lc) < 0)
				return -1;
		}
		if (sim_buf_puts(b, "    total_cache_count=0\n") < 0)
			return -1;
	}
	return sim_buf_printf(b, "  common_pool_count=%" PRIu32 "\n  no statistics available\n",
			      p->common_count);
}

struct heap_totals {
	size_t alloc, free, greatest;
	size_t nalloc, nfree;
};

static void heap_totals(const struct sim_mem *m, struct heap_totals *h)
{
	size_t i, rest;

	memset(h, 0, sizeof(*h));
	for (i = 0; i < m->nzones; i++) {
		h->alloc += m->zones[i].elem_len;
		h->nalloc++;
	}
	for (i = 0; i < m->nallocs; i++) {
		h->alloc += m->allocs[i].elem_len;
		h->nalloc++;
	}
	for (i = 0; i < m->nchunks; i++) {
		rest = m->chunks[i].len - m->chunks[i].used;
		if (!rest)
			continue;
		h->free += rest;
		h->nfree++;
		if (rest > h->greatest)
			h->greatest = rest;
	}
}

static int malloc_stats(const struct sim_mem *m, struct sim_buf *b)
{
	struct heap_totals h;
	int id;

	heap_totals(m, &h);
	if (sim_buf_puts(b, "DPDK malloc stats.\n") < 0)
		return -1;
	for (id = 0; id < MAX_HEAPS; id++) {
		/* Heap 0 is socket 0's and holds everything; the other 31 are empty. */
		if (id)
			memset(&h, 0, sizeof(h));
		if (sim_buf_printf(b, "Heap id:%d\n\tHeap name:%s\n\tHeap_size:%zu,\n"
				   "\tFree_size:%zu,\n\tAlloc_size:%zu,\n"
				   "\tGreatest_free_size:%zu,\n\tAlloc_count:%zu,\n"
				   "\tFree_count:%zu,\n", id, id ? "" : "socket_0",
				   id ? 0 : sim_mem_size(m), h.free, h.alloc, h.greatest, h.nalloc,
				   h.nfree) < 0)
			return -1;
	}
	return 0;
}

struct elem {
	uintptr_t at;
	size_t len;
	bool busy;
};

static void elems_by_address(struct elem *e, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct elem v = e[i];
		size_t j = i;

		for (; j > 0 && e[j - 1].at > v.at; j--)
			e[j] = e[j - 1];
		e[j] = v;
	}
}

static int print_link(struct sim_buf *b, const char *what, const struct elem *e)
{
	if (!e)
		return sim_buf_printf(b, "%s: (nil)", what);
	return sim_buf_printf(b, "%s: 0x%" PRIxPTR, what, e->at);
}

static int malloc_heaps(const struct sim_mem *m, const size_t order[], struct sim_buf *b)
{
	struct elem el[SIM_MEM_MAX_ZONES + SIM_MEM_MAX_ALLOCS + SIM_MEM_MAX_CHUNKS];
	struct heap_totals h;
	size_t n = 0, i, k, first;
	int id;

	heap_totals(m, &h);
	/* Each chunk: its zones and plain allocations in address order, then what is left. */
	for (i = 0; i < m->nchunks; i++) {
		const struct sim_mem_chunk *c = &m->chunks[order[i]];

		first = n;
		for (k = 0; k < m->nzones; k++) {
			if (m->zones[k].chunk == order[i])
				el[n++] = (struct elem){ va(m->zones[k].elem), m->zones[k].elem_len,
							 true };
		}
		for (k = 0; k < m->nallocs; k++) {
			if (m->allocs[k].chunk == order[i])
				el[n++] = (struct elem){ va(m->allocs[k].elem),
							 m->allocs[k].elem_len, true };
		}
		elems_by_address(el + first, n - first);
		if (c->used < c->len)
			el[n++] = (struct elem){ va(c->base + c->used), c->len - c->used, false };
	}
	if (sim_buf_printf(b, "DPDK malloc heaps.\nHeap id: 0\nHeap size: 0x%zx\n"
			   "Heap alloc count: %zu\n", sim_mem_size(m), h.nalloc) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (sim_buf_printf(b, "Malloc element at 0x%" PRIxPTR " (%s)\n"
				   "  len: 0x%zx pad: 0x0\n  ", el[i].at,
				   el[i].busy ? "BUSY" : "FREE", el[i].len) < 0 ||
		    print_link(b, "prev", i ? &el[i - 1] : NULL) < 0 || sim_buf_puts(b, " ") < 0 ||
		    print_link(b, "next", i + 1 < n ? &el[i + 1] : NULL) < 0 ||
		    sim_buf_puts(b, "\n") < 0)
			return -1;
	}
	for (id = 1; id < MAX_HEAPS; id++) {
		if (sim_buf_printf(b, "Heap id: %d\nHeap size: 0x0\nHeap alloc count: 0\n", id) < 0)
			return -1;
	}
	return 0;
}

int sim_memdump_render(const struct sim_mem *m, const struct sim_mempool_info *pools,
		       size_t npools, struct sim_buf *out)
{
	size_t order[SIM_MEM_MAX_CHUNKS], i;

	chunk_order(m, order);
	if (layout(m, order, out) < 0 || memzones(m, out) < 0 ||
	    sim_buf_puts(out, "DPDK mempools.\n") < 0)
		return -1;
	for (i = 0; i < npools; i++) {
		if (mempool(&pools[i], out) < 0)
			return -1;
	}
	if (malloc_stats(m, out) < 0 || malloc_heaps(m, order, out) < 0)
		return -1;
	return 0;
}
