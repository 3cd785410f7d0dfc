/*
 * ring_bytes: DPDK rte_ring headers made in tests, byte for byte as
 * rte_ring_init() leaves them (everything zero but the fields), for any of
 * the header sizes dpdk_ring.h supports: groups of hsize / 3 bytes, the
 * producer's head/tail starting the second, the consumer's the third.
 */
#ifndef RING_BYTES_H
#define RING_BYTES_H

#include <stddef.h>

struct ring_bytes {
	const char *name;          /* "ring_2_23677", without the RG_ prefix */
	unsigned flags, size, mask, capacity;
	unsigned prod_head, prod_tail, cons_head, cons_tail;
};

/* Little-endian, as the targets we read are. */
void ring_bytes_put32(unsigned char *p, unsigned v);
/* Writes hsize bytes at buf. */
void ring_bytes_header(unsigned char *buf, unsigned hsize, const struct ring_bytes *r);
/*
 * An iobuf pool ring as spdk_ring_create makes it (RING_F_EXACT_SZ, MP/MC)
 * holding `free` of `capacity` buffers, its tails at base and base + free.
 */
struct ring_bytes ring_bytes_pool(const char *name, unsigned capacity, unsigned free,
				  unsigned base);

#endif
