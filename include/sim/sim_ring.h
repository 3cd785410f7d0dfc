/*
 * sim_ring: a DPDK 22.11 struct rte_ring (x86_64) in plain memory, byte for byte.
 *
 * The header is 384 bytes, three 128-byte groups: name[29] at 0, int flags at 32,
 * the memzone pointer at 40, uint32 size/mask/capacity at 48/52/56; the producer's
 * head/tail/sync_type at 128/132/136; the consumer's at 256/260/264.  `size` 8-byte
 * slots follow, so a zone holds 384 + size * 8 bytes.  Fields live at these fixed
 * offsets (native byte order, as DPDK writes them), never in a C struct of ours.
 * Heads and tails only advance, mod 2^32, and never cross: at every store,
 * 0 <= prod.tail - cons.tail <= capacity, so a reader in another process that
 * computes free = (prod.tail - cons.tail) & mask never sees garbage.  Slots stay 0:
 * no reader of the header looks at them.
 */
#ifndef SIM_RING_H
#define SIM_RING_H

#include <stddef.h>
#include <stdint.h>

#include "mt_error.h"

#define SIM_RING_HDR_SIZE 384
#define SIM_RING_NAMESIZE 29            /* RTE_MEMZONE_NAMESIZE - sizeof("RG_") + 1 */
#define SIM_RING_SLOT_SIZE 8
#define SIM_RING_SZ_MASK 0x7fffffffu    /* RTE_RING_SZ_MASK: slots are a power of two below */
#define SIM_RING_MAX_EXACT 0x3fffffffu  /* so a RING_F_EXACT_SZ ring holds at most 2^30 - 1 */

#define SIM_RING_OFF_NAME 0
#define SIM_RING_OFF_FLAGS 32
#define SIM_RING_OFF_MEMZONE 40
#define SIM_RING_OFF_SIZE 48
#define SIM_RING_OFF_MASK 52
#define SIM_RING_OFF_CAPACITY 56
#define SIM_RING_OFF_PROD_HEAD 128
#define SIM_RING_OFF_PROD_TAIL 132
#define SIM_RING_OFF_PROD_SYNC 136
#define SIM_RING_OFF_CONS_HEAD 256
#define SIM_RING_OFF_CONS_TAIL 260
#define SIM_RING_OFF_CONS_SYNC 264

/* rte_ring_create flags, and the sync types they give (enum rte_ring_sync_type). */
#define SIM_RING_F_SP_ENQ 0x1u
#define SIM_RING_F_SC_DEQ 0x2u
#define SIM_RING_F_EXACT_SZ 0x4u
#define SIM_RING_SYNC_MT 0u
#define SIM_RING_SYNC_ST 1u

/*
 * The slots rte_ring_create gives `count` entries: with RING_F_EXACT_SZ the
 * next power of two above count (8192 -> 16384), else count itself, which must
 * be a power of two.  0 when DPDK refuses the count (EINVAL).
 */
uint32_t sim_ring_slots(uint64_t count, unsigned flags);
/* 0, or -1 with err set when DPDK would refuse this name or count. */
int sim_ring_check(const char *name, uint64_t count, unsigned flags, struct mt_err *err);
/* The zone length for `slots` slots: 384 + slots * 8. */
size_t sim_ring_memsize(uint32_t slots);

/*
 * Writes an empty ring's header into mem (at least sim_ring_memsize(slots)
 * bytes, zeroed, 8-byte aligned) as rte_ring_init does: capacity = count with
 * RING_F_EXACT_SZ, else slots - 1.  `memzone` is the address of the zone's
 * struct rte_memzone.  0, or -1 with err set (a name too long, a bad count).
 */
int sim_ring_init(unsigned char *mem, const char *name, uint64_t count, unsigned flags,
		  uint64_t memzone, struct mt_err *err);

uint32_t sim_ring_u32(const unsigned char *mem, size_t off);
/* (prod.tail - cons.tail) & mask: what a reader computes. */
uint32_t sim_ring_free(const unsigned char *mem);

/* rte_ring_enqueue_bulk / dequeue_bulk of n entries: head, then tail. */
void sim_ring_enqueue(unsigned char *mem, uint32_t n);
void sim_ring_dequeue(unsigned char *mem, uint32_t n);

/*
 * Leaves `want` entries free (at most capacity) after `moved` entries went out
 * and came back: the traffic that kept the pool busy.  A dry ring moves nothing
 * (SPDK hands returned buffers to waiting gets directly); otherwise traffic
 * passes in at most 16 steps, each within what is free or has room (the rest of
 * an estimate is dropped), then the difference is enqueued or dequeued.
 */
void sim_ring_settle(unsigned char *mem, uint32_t want, uint64_t moved);

#endif
