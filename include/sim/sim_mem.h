/*
 * sim_mem: the simulator's stand-in for DPDK memory: memzones in anonymous
 * mappings, and the struct rte_memzone table that their owners point to.
 *
 * Zones are carved first-fit, in the order they are reserved, from chunks mapped
 * MAP_NORESERVE and 2 MiB aligned.  A chunk is listed as 2 MiB segments the way
 * DPDK lists its memsegs, but it is ordinary memory, not hugepages, and its IOVA
 * is its virtual address (DPDK's iova-mode va).  Pages nobody writes cost
 * nothing: a 65536-entry ring costs the one page of its header.  Each zone
 * follows a 128-byte malloc element header, as rte_memzone_reserve's do, and
 * has a packed 72-byte struct rte_memzone entry (name[32], iova, addr, len,
 * hugepage_sz, int32 socket_id, uint32 flags) in a table mapped first, at
 * DPDK's base address 0x200000000000 when the kernel agrees.  Zones are never
 * freed one by one: sim_mem_free() unmaps everything.
 */
#ifndef SIM_MEM_H
#define SIM_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "mt_error.h"

#define SIM_MEM_SEGMENT ((size_t)2 << 20)
#define SIM_MEM_ELEM_HDR 128
#define SIM_MEM_MAX_ZONES 64
#define SIM_MEM_MAX_CHUNKS 64
#define SIM_MEMZONE_NAMESIZE 32
#define SIM_MEMZONE_ENTRY 72
#define SIM_MEM_MAX_ALLOCS 32      /* a small and a large pool per node, 16 nodes */

/* A plain malloc element (rte_malloc, not a memzone): iobuf's pool buffers. */
struct sim_mem_alloc {
	unsigned char *elem;    /* header, then the memory */
	size_t elem_len;
	size_t chunk;
};

struct sim_memzone {
	char name[SIM_MEMZONE_NAMESIZE];
	unsigned char *addr;    /* the zone: what DPDK's dump prints as virt */
	size_t len;
	unsigned char *elem;    /* its malloc element: header, then the zone */
	size_t elem_len;
	size_t chunk;
	unsigned char *entry;   /* its struct rte_memzone */
	int socket_id;
};

struct sim_mem_chunk {
	unsigned char *base;
	size_t len, used;
};

struct sim_mem {
	unsigned char *table;
	size_t table_len;
	struct sim_mem_chunk chunks[SIM_MEM_MAX_CHUNKS];
	size_t nchunks;
	struct sim_memzone zones[SIM_MEM_MAX_ZONES];
	size_t nzones;
	struct sim_mem_alloc allocs[SIM_MEM_MAX_ALLOCS];
	size_t nallocs;
	uintptr_t hint;         /* where the next mapping is asked for */
};

/* Maps the memzone table.  0, or -1 with err set. */
int sim_mem_init(struct sim_mem *m, struct mt_err *err);
/* A zeroed zone of len bytes on socket 0, or NULL with err set. */
const struct sim_memzone *sim_mem_reserve(struct sim_mem *m, const char *name, size_t len,
					  struct mt_err *err);
/*
 * The same, listed on socket_id (what the dump and its struct rte_memzone
 * say; the memory is the same ordinary memory whatever the socket).
 */
const struct sim_memzone *sim_mem_reserve_on(struct sim_mem *m, const char *name, size_t len,
					     int socket_id, struct mt_err *err);
/*
 * len bytes from the heap that are no memzone (spdk_malloc), carved like
 * zones; never written, so they cost nothing.  The memory, or NULL with err.
 */
void *sim_mem_alloc(struct sim_mem *m, const char *what, size_t len, struct mt_err *err);
/* Bytes mapped as segments (DPDK's "memory size"). */
size_t sim_mem_size(const struct sim_mem *m);
/* Unmaps every chunk and the table; m may be zeroed or half-built. */
void sim_mem_free(struct sim_mem *m);

#endif
