/*
 * Identifying the iobuf pools, part two: pairing the decoded rings
 * (contract: pool_rings.h, pool_rings_impl.h).
 *
 * spdk_iobuf_initialize() creates, per node, the small ring and then the
 * large one with nothing that makes a ring in between, and spdk_ring_create
 * numbers rings from one process-wide counter: so the pools are a
 * small-capacity ring n and a large-capacity ring n + 1.  With enable_numa
 * both are asked of the node's socket; without it both come from
 * SOCKET_ID_ANY and may land on different sockets, so only then is the
 * socket left out of the rule.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pool_rings_impl.h"

struct pair {
	size_t small, large;
};

static void sort_by_ring_no(struct pr_candidate *c, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct pr_candidate t = c[i];
		size_t j = i;

		for (; j > 0 && c[j - 1].ring.ring_no > t.ring.ring_no; j--)
			c[j] = c[j - 1];
		c[j] = t;
	}
}

/* "ring_2 (8192, socket 0), ring_3 (1024, socket 0)" into buf, cut to fit. */
static void list_rings(const struct pr_candidate *c, size_t n, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++) {
		int w = snprintf(buf + used, len - used, "%sring_%u (%u, socket %d)",
				 i ? ", " : "", c[i].ring.ring_no, c[i].ring.capacity,
				 c[i].ring.node);

		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static bool pairs_with(const struct pool_rings_query *q, const struct pr_candidate *s,
		       const struct pr_candidate *l)
{
	return s->is_small && l->is_large && l->ring.ring_no == s->ring.ring_no + 1 &&
	       (!q->opts->enable_numa || l->ring.node == s->ring.node);
}

static int check_pairs(const struct pool_rings_query *q, const struct pr_candidate *c,
		       size_t n, const struct pair *p, size_t np, struct mt_err *err)
{
	char seen[160];
	long pid = (long)q->pid;

	if (np == 0) {
		list_rings(c, n, seen, sizeof(seen));
		mt_err_set(err, -ENOENT, "pid %ld: no ring of %llu followed by a ring of %llu%s "
			   "among %s", pid, (unsigned long long)q->opts->small_pool_count,
			   (unsigned long long)q->opts->large_pool_count,
			   q->opts->enable_numa ? " on its socket" : "",
			   n ? seen : "no ring of either capacity");
		return -ENOENT;
	}
	for (size_t k = 0; k + 1 < np; k++) {
		if (p[k].large == p[k + 1].small) {
			mt_err_set(err, -EEXIST, "pid %ld: ring_%u, ring_%u and ring_%u all hold "
				   "%u: which two are the pools cannot be told", pid,
				   c[p[k].small].ring.ring_no, c[p[k].large].ring.ring_no,
				   c[p[k + 1].large].ring.ring_no, c[p[k].small].ring.capacity);
			return -EEXIST;
		}
	}
	for (size_t a = 0; a < np; a++) {
		for (size_t b = a + 1; b < np; b++) {
			if (q->opts->enable_numa &&
			    c[p[a].small].ring.node != c[p[b].small].ring.node)
				continue;
			mt_err_set(err, -EEXIST, "pid %ld: two small->large ring pairs%s: ring_%u/"
				   "ring_%u and ring_%u/ring_%u; which is iobuf's cannot be told",
				   pid, q->opts->enable_numa ? " on one socket" : "",
				   c[p[a].small].ring.ring_no, c[p[a].large].ring.ring_no,
				   c[p[b].small].ring.ring_no, c[p[b].large].ring.ring_no);
			return -EEXIST;
		}
	}
	if (q->opts->enable_numa && q->nodes && np != q->nodes) {
		mt_err_set(err, np < q->nodes ? -ENOENT : -EEXIST, "pid %ld: %zu ring pairs for "
			   "%zu NUMA nodes (enable_numa makes one pair per node)", pid, np,
			   q->nodes);
		return np < q->nodes ? -ENOENT : -EEXIST;
	}
	if (2 * np > POOL_RINGS_MAX) {
		mt_err_set(err, -E2BIG, "pid %ld: %zu ring pairs, more than the %d rings kept", pid,
			   np, POOL_RINGS_MAX);
		return -E2BIG;
	}
	return 0;
}

static void take(struct pool_rings *out, const struct pr_candidate *c, enum pool_kind k)
{
	struct pool_ring *r = &out->rings[out->nrings++];

	*r = c->ring;
	r->pool = k;
}

int pool_rings_pair(const struct pool_rings_query *q, struct pr_candidate *c, size_t n,
		    struct pool_rings *out, struct mt_err *err)
{
	struct pair p[POOL_RINGS_MAX_CANDIDATES];
	size_t np = 0;
	int rc;

	sort_by_ring_no(c, n);
	for (size_t i = 0; i + 1 < n; i++) {
		if (c[i].ring.ring_no == c[i + 1].ring.ring_no) {
			mt_err_set(err, -EEXIST, "pid %ld: ring_%u listed twice (dump lines %lu "
				   "and %lu)", (long)q->pid, c[i].ring.ring_no, c[i].line,
				   c[i + 1].line);
			return -EEXIST;
		}
		if (pairs_with(q, &c[i], &c[i + 1])) {
			p[np].small = i;
			p[np].large = i + 1;
			np++;
		}
	}
	rc = check_pairs(q, c, n, p, np, err);
	if (rc)
		return rc;
	out->pid = q->pid;
	out->numa = q->opts->enable_numa;
	for (size_t k = 0; k < np; k++) {
		take(out, &c[p[k].small], POOL_SMALL);
		take(out, &c[p[k].large], POOL_LARGE);
	}
	out->left_out = n - 2 * np;
	return 0;
}
