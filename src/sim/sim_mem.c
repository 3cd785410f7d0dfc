#include "sim_mem.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* DPDK's default --base-virtaddr on x86_64: the recorded addresses all start there. */
#define BASE_HINT ((uintptr_t)0x200000000000ULL)
/* A new chunk holds at least this much, so small zones share segments as in DPDK. */
#define CHUNK_MIN ((size_t)8 << 20)

static size_t round_up(size_t n, size_t to)
{
	return (n + to - 1) / to * to;
}

/*
 * len bytes (a multiple of SIM_MEM_SEGMENT) at a SIM_MEM_SEGMENT boundary, asked
 * for at the hint: map more and trim, since the kernel may place it elsewhere.
 */
static unsigned char *map_aligned(uintptr_t hint, size_t len)
{
	size_t span = len + SIM_MEM_SEGMENT;
	unsigned char *p, *a;

	p = mmap((void *)hint, span, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	a = (unsigned char *)round_up((uintptr_t)p, SIM_MEM_SEGMENT);
	if (a > p)
		munmap(p, (size_t)(a - p));
	if (p + span > a + len)
		munmap(a + len, (size_t)(p + span - (a + len)));
	return a;
}

int sim_mem_init(struct sim_mem *m, struct mt_err *err)
{
	memset(m, 0, sizeof(*m));
	m->table_len = round_up(SIM_MEM_MAX_ZONES * SIM_MEMZONE_ENTRY, 4096);
	m->table = mmap((void *)BASE_HINT, m->table_len, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m->table == MAP_FAILED) {
		m->table = NULL;
		mt_err_set(err, -errno, "mmap the memzone table (%zu bytes): %s", m->table_len,
			   strerror(errno));
		return -1;
	}
	m->hint = round_up((uintptr_t)m->table + m->table_len, SIM_MEM_SEGMENT);
	return 0;
}

static struct sim_mem_chunk *chunk_for(struct sim_mem *m, size_t need, const char *name,
				       struct mt_err *err)
{
	struct sim_mem_chunk *c;
	size_t i, len;

	for (i = 0; i < m->nchunks; i++) {
		if (m->chunks[i].len - m->chunks[i].used >= need)
			return &m->chunks[i];
	}
	if (m->nchunks == SIM_MEM_MAX_CHUNKS) {
		mt_err_set(err, -ENOSPC, "%s: all %d memory chunks are full", name,
			   SIM_MEM_MAX_CHUNKS);
		return NULL;
	}
	len = round_up(need, SIM_MEM_SEGMENT);
	if (len < CHUNK_MIN)
		len = CHUNK_MIN;
	c = &m->chunks[m->nchunks];
	c->base = map_aligned(m->hint, len);
	if (!c->base) {
		mt_err_set(err, -errno, "%s: mmap %zu bytes: %s", name, len, strerror(errno));
		return NULL;
	}
	c->len = len;
	c->used = 0;
	m->nchunks++;
	m->hint = (uintptr_t)c->base + len;
	return c;
}

/* The packed struct rte_memzone: DPDK's memzone pointer in a ring leads here. */
static void write_entry(unsigned char *e, const struct sim_memzone *z)
{
	uint64_t addr = (uint64_t)(uintptr_t)z->addr, len = z->len, pgsz = SIM_MEM_SEGMENT;
	int32_t socket = z->socket_id;
	uint32_t flags = 0;

	memcpy(e, z->name, SIM_MEMZONE_NAMESIZE);
	memcpy(e + 32, &addr, 8);       /* iova: va mode */
	memcpy(e + 40, &addr, 8);
	memcpy(e + 48, &len, 8);
	memcpy(e + 56, &pgsz, 8);
	memcpy(e + 64, &socket, 4);
	memcpy(e + 68, &flags, 4);
}

const struct sim_memzone *sim_mem_reserve(struct sim_mem *m, const char *name, size_t len,
					  struct mt_err *err)
{
	return sim_mem_reserve_on(m, name, len, 0, err);
}

const struct sim_memzone *sim_mem_reserve_on(struct sim_mem *m, const char *name, size_t len,
					     int socket_id, struct mt_err *err)
{
	struct sim_memzone *z;
	struct sim_mem_chunk *c;
	size_t need = round_up(SIM_MEM_ELEM_HDR + len, SIM_MEM_ELEM_HDR), i;
	char what[SIM_MEMZONE_NAMESIZE + 16];

	if (strlen(name) >= SIM_MEMZONE_NAMESIZE) {
		mt_err_set(err, -ENAMETOOLONG, "memzone name '%s': longer than %d bytes", name,
			   SIM_MEMZONE_NAMESIZE - 1);
		return NULL;
	}
	for (i = 0; i < m->nzones; i++) {
		if (strcmp(m->zones[i].name, name) == 0) {
			mt_err_set(err, -EEXIST, "memzone %s: exists already", name);
			return NULL;
		}
	}
	if (m->nzones == SIM_MEM_MAX_ZONES) {
		mt_err_set(err, -ENOSPC, "memzone %s: all %d memzones are taken", name,
			   SIM_MEM_MAX_ZONES);
		return NULL;
	}
	snprintf(what, sizeof(what), "memzone %s", name);
	c = chunk_for(m, need, what, err);
	if (!c)
		return NULL;
	z = &m->zones[m->nzones];
	memset(z, 0, sizeof(*z));
	snprintf(z->name, sizeof(z->name), "%s", name);
	z->elem = c->base + c->used;
	z->elem_len = need;
	z->addr = z->elem + SIM_MEM_ELEM_HDR;
	z->len = len;
	z->chunk = (size_t)(c - m->chunks);
	z->entry = m->table + m->nzones * SIM_MEMZONE_ENTRY;
	z->socket_id = socket_id;
	c->used += need;
	write_entry(z->entry, z);
	m->nzones++;
	return z;
}

void *sim_mem_alloc(struct sim_mem *m, const char *what, size_t len, struct mt_err *err)
{
	struct sim_mem_alloc *a;
	struct sim_mem_chunk *c;
	size_t need;

	if (len > SIZE_MAX / 2) {
		mt_err_set(err, -ENOMEM, "%s: %zu bytes", what, len);
		return NULL;
	}
	if (m->nallocs == SIM_MEM_MAX_ALLOCS) {
		mt_err_set(err, -ENOSPC, "%s: all %d allocations are taken", what,
			   SIM_MEM_MAX_ALLOCS);
		return NULL;
	}
	need = round_up(SIM_MEM_ELEM_HDR + len, SIM_MEM_ELEM_HDR);
	c = chunk_for(m, need, what, err);
	if (!c)
		return NULL;
	a = &m->allocs[m->nallocs++];
	a->elem = c->base + c->used;
	a->elem_len = need;
	a->chunk = (size_t)(c - m->chunks);
	c->used += need;
	return a->elem + SIM_MEM_ELEM_HDR;
}

size_t sim_mem_size(const struct sim_mem *m)
{
	size_t i, total = 0;

	for (i = 0; i < m->nchunks; i++)
		total += m->chunks[i].len;
	return total;
}

void sim_mem_free(struct sim_mem *m)
{
	size_t i;

	for (i = 0; i < m->nchunks; i++) {
		if (m->chunks[i].base)
			munmap(m->chunks[i].base, m->chunks[i].len);
	}
	if (m->table)
		munmap(m->table, m->table_len);
	memset(m, 0, sizeof(*m));
}
