/*
 * One tick of exact pool occupancy (contract: pool_rings.h).
 *
 * The two tails of a ring sit in different cache lines and no read takes
 * both at one instant.  process_vm_readv copies the regions in order, so
 * each ring's cons.tail is read before its prod.tail: the consumer tail can
 * then only be older, which overstates the free count, never makes it
 * negative (a wrap to ~2^32).  An overstatement beyond capacity is caught by
 * dpdk_ring_free(); the sample is read once more before it is reported.
 */
#include "pool_rings.h"

#include <errno.h>
#include <string.h>

#define READS 2

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int pool_rings_sample(const struct pool_rings *pr, const struct target_mem *mem,
		      struct pool_rings_sample *out, struct mt_err *err)
{
	unsigned char words[POOL_RINGS_MAX][2][4];
	struct iovec remote[2 * POOL_RINGS_MAX];
	struct iovec local = { words, 8 * pr->nrings };
	size_t bad = 0;

	memset(out, 0, sizeof(*out));
	if (pr->nrings == 0 || pr->nrings > POOL_RINGS_MAX) {
		mt_err_set(err, -EINVAL, "iobuf rings: %zu rings to sample (1 to %d)", pr->nrings,
			   POOL_RINGS_MAX);
		return -EINVAL;
	}
	for (size_t i = 0; i < pr->nrings; i++) {
		const struct pool_ring *r = &pr->rings[i];

		remote[2 * i].iov_base = (void *)(uintptr_t)(r->virt + r->layout.cons_tail_off);
		remote[2 * i].iov_len = 4;
		remote[2 * i + 1].iov_base = (void *)(uintptr_t)(r->virt + r->layout.prod_tail_off);
		remote[2 * i + 1].iov_len = 4;
	}
	for (int attempt = 0; attempt < READS; attempt++) {
		int rc = target_mem_read(mem, pr->pid, &local, 1, remote, 2 * pr->nrings, err);

		if (rc) {
			mt_err_prefix(err, "iobuf ring tails");
			return rc;
		}
		for (bad = 0; bad < pr->nrings; bad++) {
			const struct pool_ring *r = &pr->rings[bad];
			struct pool_ring_sample *s = &out->rings[bad];

			if (dpdk_ring_free(le32(words[bad][1]), le32(words[bad][0]), r->capacity,
					   &s->free))
				break;
			s->node = r->node;
			s->pool = r->pool;
			s->capacity = r->capacity;
			s->in_use = r->capacity - s->free;
		}
		if (bad == pr->nrings) {
			out->n = pr->nrings;
			return 0;
		}
	}
	mt_err_set(err, -ERANGE, "pid %ld %s (%s pool, node %d): prod.tail %u - cons.tail %u "
		   "exceeds capacity %u in %d reads: not the ring it was, or the target restarted",
		   (long)pr->pid, pr->rings[bad].zone, pool_kind_name(pr->rings[bad].pool),
		   pr->rings[bad].node, le32(words[bad][1]), le32(words[bad][0]),
		   pr->rings[bad].capacity, READS);
	memset(out, 0, sizeof(*out));
	return -ERANGE;
}
