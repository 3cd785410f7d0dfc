/*
 * sim_memdump: the text spdk_env_dpdk_dump_mem_stats() writes, for sim_mem.
 *
 * Sections in DPDK 22.11's order and line formats (the recorded dumps in
 * transcripts/rings/): "DPDK memory size N"; "DPDK memory layout" with one
 * Segment line per 2 MiB segment (fd:-1: no hugepage file behind it);
 * "DPDK memzones." with each Zone line and its "physical segments used:";
 * "DPDK mempools."; "DPDK malloc stats." for the 32 heaps (socket_0 holds
 * everything: memzones and plain allocations such as iobuf's buffers); "DPDK malloc heaps." with every malloc element of heap 0.
 * Pure: text into a buffer, nothing written anywhere.
 */
#ifndef SIM_MEMDUMP_H
#define SIM_MEMDUMP_H

#include <stddef.h>
#include <stdint.h>

#include "sim_buf.h"
#include "sim_mem.h"

/* A mempool as rte_mempool_dump shows it: its own zone, its ring's, its objects'. */
struct sim_mempool_info {
	const char *name;
	const struct sim_memzone *zone, *ring, *objects;
	uint32_t size, header_size, elt_size, trailer_size, cache_size;
	uint32_t common_count;          /* objects in the ring now */
};

/* Appends the whole dump to out; 0, or -1 when memory ran out. */
int sim_memdump_render(const struct sim_mem *m, const struct sim_mempool_info *pools,
		       size_t npools, struct sim_buf *out);

#endif
