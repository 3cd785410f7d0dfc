/*
 * The ring-header decoder on bytes read from the target's memory (which a
 * target can make anything): the input is a zone name (length byte, then
 * the name), the zone's length (u64, little-endian) and the required
 * capacity (u32), then the bytes read at the zone's start.  What it accepts
 * must hold what dpdk_ring.h promises: free <= capacity, mask == size - 1.
 */
#include <stdlib.h>
#include <string.h>

#include "dpdk_ring.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dpdk_ring_expect want = { 0 };
	struct dpdk_ring_header h;
	struct mt_err err = { 0 };
	char name[256];
	size_t n;
	uint32_t nfree;

	if (size < 1 || size < 1 + (size_t)data[0] + 12)
		return 0;
	n = data[0];
	memcpy(name, data + 1, n);
	name[n] = '\0';
	want.zone_name = name;
	want.zone_len = le(data + 1 + n, 8);
	want.capacity = (uint32_t)le(data + 9 + n, 4);
	data += 13 + n;
	size -= 13 + n;
	if (dpdk_ring_decode(data, size, &want, &h, &err) == 0) {
		if (h.free > h.capacity || h.mask != h.size - 1)
			abort();
		if (dpdk_ring_free(h.prod_tail, h.cons_tail, h.capacity, &nfree) != 0 ||
		    nfree != h.free)
			abort();
	}
	return 0;
}
