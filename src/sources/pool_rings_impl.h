/*
 * pool_rings_impl: what identification passes from reading the candidate
 * rings (pool_rings.c) to pairing them (pool_rings_pair.c).
 *
 * A candidate is a decoded ring of the target whose capacity is one of the
 * pool counts; is_small and is_large may both hold when the counts are
 * equal.  pool_rings_pair() sorts them by ring number, pairs them and fills
 * the result, or fails with the message saying which rings it saw.
 */
#ifndef POOL_RINGS_IMPL_H
#define POOL_RINGS_IMPL_H

#include "pool_rings.h"

struct pr_candidate {
	struct pool_ring ring;     /* pool and node still to be decided */
	bool is_small, is_large;
	bool paired;
	unsigned long line;        /* in the dump */
};

int pool_rings_pair(const struct pool_rings_query *q, struct pr_candidate *c, size_t n,
		    struct pool_rings *out, struct mt_err *err);

#endif
