#include "sim_ring.h"

#include <errno.h>
#include <string.h>

uint32_t sim_ring_slots(uint64_t count, unsigned flags)
{
	uint64_t slots = count;

	if (count > SIM_RING_SZ_MASK)
		return 0;
	if (flags & SIM_RING_F_EXACT_SZ) {
		/* rte_align32pow2(count + 1): room for count plus the one slot kept empty. */
		slots = 1;
		while (slots < count + 1 && slots <= SIM_RING_SZ_MASK)
			slots <<= 1;
	}
	/* rte_ring_get_memsize_elem: a power of two no larger than RTE_RING_SZ_MASK. */
	if (slots == 0 || (slots & (slots - 1)) || slots > SIM_RING_SZ_MASK)
		return 0;
	return (uint32_t)slots;
}

size_t sim_ring_memsize(uint32_t slots)
{
	return SIM_RING_HDR_SIZE + (size_t)slots * SIM_RING_SLOT_SIZE;
}

static void put32(unsigned char *mem, size_t off, uint32_t v)
{
	/* Aligned 32-bit stores: a concurrent reader sees the old or the new value. */
	__atomic_store_n((uint32_t *)(void *)(mem + off), v, __ATOMIC_RELEASE);
}

uint32_t sim_ring_u32(const unsigned char *mem, size_t off)
{
	return __atomic_load_n((const uint32_t *)(const void *)(mem + off), __ATOMIC_ACQUIRE);
}

int sim_ring_check(const char *name, uint64_t count, unsigned flags, struct mt_err *err)
{
	if (strlen(name) >= SIM_RING_NAMESIZE) {
		mt_err_set(err, -ENAMETOOLONG, "ring name '%s': longer than %d bytes", name,
			   SIM_RING_NAMESIZE - 1);
		return -1;
	}
	if (sim_ring_slots(count, flags))
		return 0;
	if (flags & SIM_RING_F_EXACT_SZ)
		mt_err_set(err, -EINVAL, "ring %s: %llu entries: DPDK rings hold at most %u", name,
			   (unsigned long long)count, SIM_RING_MAX_EXACT);
	else
		mt_err_set(err, -EINVAL, "ring %s: %llu slots: not a power of two up to %u", name,
			   (unsigned long long)count, SIM_RING_MAX_EXACT + 1);
	return -1;
}

int sim_ring_init(unsigned char *mem, const char *name, uint64_t count, unsigned flags,
		  uint64_t memzone, struct mt_err *err)
{
	uint32_t slots = sim_ring_slots(count, flags);
	int32_t iflags = (int32_t)flags;

	if (sim_ring_check(name, count, flags, err) < 0)
		return -1;
	memset(mem, 0, SIM_RING_HDR_SIZE);
	memcpy(mem + SIM_RING_OFF_NAME, name, strlen(name));
	memcpy(mem + SIM_RING_OFF_FLAGS, &iflags, sizeof(iflags));
	memcpy(mem + SIM_RING_OFF_MEMZONE, &memzone, sizeof(memzone));
	put32(mem, SIM_RING_OFF_SIZE, slots);
	put32(mem, SIM_RING_OFF_MASK, slots - 1);
	put32(mem, SIM_RING_OFF_CAPACITY,
	      (flags & SIM_RING_F_EXACT_SZ) ? (uint32_t)count : slots - 1);
	put32(mem, SIM_RING_OFF_PROD_SYNC,
	      (flags & SIM_RING_F_SP_ENQ) ? SIM_RING_SYNC_ST : SIM_RING_SYNC_MT);
	put32(mem, SIM_RING_OFF_CONS_SYNC,
	      (flags & SIM_RING_F_SC_DEQ) ? SIM_RING_SYNC_ST : SIM_RING_SYNC_MT);
	return 0;
}

uint32_t sim_ring_free(const unsigned char *mem)
{
	uint32_t prod = sim_ring_u32(mem, SIM_RING_OFF_PROD_TAIL);
	uint32_t cons = sim_ring_u32(mem, SIM_RING_OFF_CONS_TAIL);

	return (prod - cons) & sim_ring_u32(mem, SIM_RING_OFF_MASK);
}

/* Unsigned arithmetic wraps mod 2^32, as DPDK's indexes do. */
static void advance(unsigned char *mem, size_t head, size_t tail, uint32_t n)
{
	put32(mem, head, sim_ring_u32(mem, head) + n);
	put32(mem, tail, sim_ring_u32(mem, tail) + n);
}

void sim_ring_enqueue(unsigned char *mem, uint32_t n)
{
	advance(mem, SIM_RING_OFF_PROD_HEAD, SIM_RING_OFF_PROD_TAIL, n);
}

void sim_ring_dequeue(unsigned char *mem, uint32_t n)
{
	advance(mem, SIM_RING_OFF_CONS_HEAD, SIM_RING_OFF_CONS_TAIL, n);
}

/* Traffic rounds per settle: the traffic is an estimate, the tails' bound is what matters. */
#define SETTLE_ROUNDS 16

void sim_ring_settle(unsigned char *mem, uint32_t want, uint64_t moved)
{
	uint32_t cap = sim_ring_u32(mem, SIM_RING_OFF_CAPACITY);
	uint32_t now = sim_ring_free(mem), step;
	int round;

	if (want > cap)
		want = cap;
	/*
	 * A dry ring moves nothing: SPDK hands a returned buffer straight to a
	 * waiting get (the recorded exhausted large ring stood at 10/10).  Otherwise
	 * out and back in (or in and back out), each step within what is free (or
	 * what has room), so the tails never cross.
	 */
	for (round = 0; moved && now && round < SETTLE_ROUNDS; round++) {
		if (now >= cap - now) {
			step = moved < now ? (uint32_t)moved : now;
			sim_ring_dequeue(mem, step);
			sim_ring_enqueue(mem, step);
		} else {
			step = moved < cap - now ? (uint32_t)moved : cap - now;
			sim_ring_enqueue(mem, step);
			sim_ring_dequeue(mem, step);
		}
		moved -= step;
	}
	if (want > now)
		sim_ring_enqueue(mem, want - now);
	else if (want < now)
		sim_ring_dequeue(mem, now - want);
}
