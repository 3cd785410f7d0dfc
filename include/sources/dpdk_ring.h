/*
 * dpdk_ring: decode the header of a DPDK struct rte_ring from raw bytes.
 *
 * The bytes come from another process, so nothing in them is trusted: every
 * field is checked against DPDK's own rules and any doubt is an error value
 * naming what failed, never a guess.  Targets: 64-bit little-endian
 * (x86_64, aarch64, ppc64le); pointer rings (8-byte slots) of 16 slots or more.
 *
 * Layout, the same from DPDK 20.11 to 25.11 and main (checked in
 * lib/ring/rte_ring_core.h of each): the header is three groups of S bytes.
 * Group 0 holds name (char[29] since 21.11, char[32] in 20.11; both end by
 * byte 32), flags (int, 32), memzone (pointer, 40), size (48), mask (52),
 * capacity (56).  Group 1 is the producer head/tail {head, tail, sync_type},
 * group 2 the consumer's; tail is at +4 there in the plain, HTS and RTS forms
 * alike (DPDK asserts so at build time).  Everything else is padding that
 * rte_ring_init() zeroes.  S = cache line x (1 + guard lines): up to 22.11 a
 * one-byte member aligned to a cache line pads each group; from 23.11
 * RTE_CACHE_GUARD pads RTE_CACHE_GUARD_LINES (default 1) lines.  So the
 * header size H fixes S = H / 3, prod.tail at S + 4 and cons.tail at 2S + 4.
 * Supported H: 384 (64-byte lines: x86_64, most arm64), 576 (64-byte lines,
 * 2 guard lines), 768 (128-byte lines: ppc64le and some arm64 SoCs; or 64-byte
 * lines with 3 guard lines), 1152 (128-byte lines, 2 guard lines).  H is read
 * off the memzone, whose length is H + size x 8 (exact for 16 slots or more;
 * below that the zone is rounded up to a cache line and H cannot be told).
 */
#ifndef DPDK_RING_H
#define DPDK_RING_H

#include <stddef.h>
#include <stdint.h>

#include "mt_error.h"

#define DPDK_RING_MZ_PREFIX "RG_"
#define DPDK_RING_NAME_MAX 32       /* bytes the name may use, NUL included */
#define DPDK_RING_ELT_SIZE 8u       /* pointer rings */
#define DPDK_RING_MIN_SIZE 16u      /* below this the zone length hides H */
#define DPDK_RING_MAX_SIZE (1u << 30) /* RTE_RING_SZ_MASK allows no more */
#define DPDK_RING_HEADER_MAX 1152u

/* rte_ring flags (RING_F_*); bits outside DPDK_RING_F_KNOWN fail the decode. */
#define DPDK_RING_F_SP_ENQ 0x01u
#define DPDK_RING_F_SC_DEQ 0x02u
#define DPDK_RING_F_EXACT_SZ 0x04u
#define DPDK_RING_F_MP_RTS_ENQ 0x08u
#define DPDK_RING_F_MC_RTS_DEQ 0x10u
#define DPDK_RING_F_MP_HTS_ENQ 0x20u
#define DPDK_RING_F_MC_HTS_DEQ 0x40u
#define DPDK_RING_F_KNOWN 0x7fu

struct dpdk_ring_layout {
	uint32_t header_size;   /* H */
	uint32_t group;         /* S = H / 3 */
	uint32_t prod_tail_off; /* S + 4 */
	uint32_t cons_tail_off; /* 2S + 4 */
};

struct dpdk_ring_header {
	char name[DPDK_RING_NAME_MAX];
	uint32_t flags;
	uint32_t size, mask, capacity;
	uint32_t prod_head, prod_tail, cons_head, cons_tail;
	uint32_t free;          /* entries in the ring: (prod.tail - cons.tail) & mask */
	struct dpdk_ring_layout layout;
};

/* What the header must agree with; zone_name and zone_len are required. */
struct dpdk_ring_expect {
	const char *zone_name;  /* "RG_ring_2_23677": the ring must be named "ring_2_23677" */
	uint64_t zone_len;      /* memzone length from the dump */
	uint32_t capacity;      /* required capacity; 0 = any */
};

/*
 * The layout of header_size bytes (one of the supported sizes), or -EINVAL
 * with a message listing the supported ones.
 */
int dpdk_ring_layout_for_header(uint32_t header_size, struct dpdk_ring_layout *out,
				struct mt_err *err);

/*
 * The layout a memzone of zone_len bytes implies for a ring of `size` slots:
 * H = zone_len - size x 8 must be supported.  -EINVAL otherwise.
 */
int dpdk_ring_layout_for_zone(uint64_t zone_len, uint32_t size, struct dpdk_ring_layout *out,
			      struct mt_err *err);

/* The ring size DPDK gives a RING_F_EXACT_SZ ring of `capacity` entries (0 if none). */
uint32_t dpdk_ring_exact_size(uint32_t capacity);

/*
 * Decodes len bytes read at the start of a ring's memzone.  len must cover
 * the header the zone implies.  Checks: size a power of two in
 * [DPDK_RING_MIN_SIZE, DPDK_RING_MAX_SIZE]; H from the zone supported; mask
 * == size - 1; capacity by DPDK's rules (RING_F_EXACT_SZ: size is the
 * smallest power of two above capacity; otherwise capacity == size - 1) and
 * equal to want->capacity when given; no unknown flag; the name, NUL
 * terminated, equal to the zone's without "RG_"; padding all zero; free <=
 * capacity.  Returns 0; -EINVAL with err naming the field and both values;
 * -EAGAIN when only the heads and tails disagree (prod.tail - cons.tail above
 * capacity, a head more than capacity past its tail): a copy taken while the
 * target moved them, worth reading again.
 */
int dpdk_ring_decode(const void *bytes, size_t len, const struct dpdk_ring_expect *want,
		     struct dpdk_ring_header *out, struct mt_err *err);

/*
 * Entries in a ring from its two tails: prod_tail - cons_tail in unsigned
 * 32-bit arithmetic, so tails that wrapped past 2^32 count right.  Returns 0,
 * or -ERANGE when the difference exceeds capacity (tails copied at different
 * moments, or not a ring): the caller reports it and keeps no figure.
 */
int dpdk_ring_free(uint32_t prod_tail, uint32_t cons_tail, uint32_t capacity, uint32_t *nfree);

#endif
