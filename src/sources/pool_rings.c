/*
 * Identifying the iobuf pools, part one: which zones are worth a read, and
 * what their headers say (contract: pool_rings.h).
 *
 * Only zones named for the target's pid whose length fits a ring of exactly
 * the small or the large pool's size are read, so the 65536-entry thread
 * message rings and every mempool ring cost nothing.  A zone that passes
 * that filter and then fails to decode is an error, not a skip: a ring of
 * the target named and sized like a pool that we cannot read is a doubt.
 */
#include "pool_rings.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pool_rings_impl.h"

#define TORN_READS 3   /* header copies taken while the tails moved */

const char *pool_kind_name(enum pool_kind k)
{
	return k == POOL_LARGE ? "large" : "small";
}

/* Digits only, no sign, no leading zero but "0", below limit. */
static bool parse_dec(const char *s, size_t n, unsigned long long limit,
		      unsigned long long *out)
{
	unsigned long long v = 0;

	if (n == 0 || (n > 1 && s[0] == '0'))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (limit - (unsigned)(s[i] - '0')) / 10)
			return false;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return true;
}

/* "RG_ring_<n>_<pid>": n and pid, or false. */
static bool ring_zone_name(const char *name, unsigned *ring_no, long *pid)
{
	const char *prefix = DPDK_RING_MZ_PREFIX "ring_", *us;
	unsigned long long n, p;

	if (strncmp(name, prefix, strlen(prefix)) != 0)
		return false;
	name += strlen(prefix);
	us = strchr(name, '_');
	if (!us || !parse_dec(name, (size_t)(us - name), UINT32_MAX, &n) ||
	    !parse_dec(us + 1, strlen(us + 1), 0x7fffffffull, &p))
		return false;
	*ring_no = (unsigned)n;
	*pid = (long)p;
	return true;
}

static int check_query(const struct pool_rings_query *q, uint32_t *ssize, uint32_t *lsize,
		       struct mt_err *err)
{
	const struct iobuf_options *o = q->opts;

	if (q->pid <= 0) {
		mt_err_set(err, -EINVAL, "iobuf rings: no target pid");
		return -EINVAL;
	}
	if (!o || !o->valid) {
		mt_err_set(err, -EINVAL, "iobuf rings: the pool counts are unknown "
			   "(framework_get_config iobuf not read)");
		return -EINVAL;
	}
	*ssize = o->small_pool_count < DPDK_RING_MAX_SIZE ?
		 dpdk_ring_exact_size((uint32_t)o->small_pool_count) : 0;
	*lsize = o->large_pool_count < DPDK_RING_MAX_SIZE ?
		 dpdk_ring_exact_size((uint32_t)o->large_pool_count) : 0;
	if (*ssize < DPDK_RING_MIN_SIZE || *lsize < DPDK_RING_MIN_SIZE) {
		mt_err_set(err, -EINVAL, "iobuf rings: pool counts %llu/%llu: each must be 8 to "
			   "2^30 - 1 for a ring we can read",
			   (unsigned long long)o->small_pool_count,
			   (unsigned long long)o->large_pool_count);
		return -EINVAL;
	}
	return 0;
}

/*
 * Header bytes to read from a zone that may be a ring of ssize or lsize
 * slots: the larger header either size implies (0: neither fits).  Both can
 * fit one length (128 slots under 384 bytes, 32 under 1152); the decode then
 * takes the size from the header itself.
 */
static uint32_t header_bytes(uint64_t len, uint32_t ssize, uint32_t lsize)
{
	struct dpdk_ring_layout a, b;
	bool fa = dpdk_ring_layout_for_zone(len, ssize, &a, NULL) == 0;
	bool fb = dpdk_ring_layout_for_zone(len, lsize, &b, NULL) == 0;

	if (fa && fb)
		return a.header_size > b.header_size ? a.header_size : b.header_size;
	return fa ? a.header_size : fb ? b.header_size : 0;
}

/* Reads and decodes one zone's header; a copy torn by moving tails is taken again. */
static int read_header(const struct dpdk_memzone *z, uint32_t bytes, pid_t pid,
		       const struct target_mem *mem, struct dpdk_ring_header *h,
		       struct mt_err *err)
{
	unsigned char buf[DPDK_RING_HEADER_MAX];
	struct dpdk_ring_expect want = { z->name, z->len, 0 };
	int rc = -EAGAIN;

	if (z->virt == 0 || z->virt > UINT64_MAX - bytes) {
		mt_err_set(err, -EINVAL, "dump line %lu: %s: virt 0x%llx is no address", z->line,
			   z->name, (unsigned long long)z->virt);
		return -EINVAL;
	}
	for (int i = 0; i < TORN_READS && rc == -EAGAIN; i++) {
		struct iovec local = { buf, bytes };
		struct iovec remote = { (void *)(uintptr_t)z->virt, bytes };

		rc = target_mem_read(mem, pid, &local, 1, &remote, 1, err);
		if (rc)
			return rc;
		rc = dpdk_ring_decode(buf, bytes, &want, h, err);
	}
	if (rc)
		mt_err_prefix(err, "pid %ld, dump line %lu", (long)pid, z->line);
	return rc;
}

struct scan {
	size_t ring_zones;         /* RG_ring_* of our pid */
	size_t other_pid_zones;
	long other_pid;
};

static int no_zone_error(const struct pool_rings_query *q, const struct scan *s,
			 uint32_t ssize, uint32_t lsize, struct mt_err *err)
{
	if (!s->ring_zones && s->other_pid_zones) {
		mt_err_set(err, -ENOENT, "iobuf rings: no RG_ring_*_%ld memzone; the dump's rings "
			   "are pid %ld's (a dump of another target, or a PID namespace?)",
			   (long)q->pid, s->other_pid);
		return -ENOENT;
	}
	mt_err_set(err, -ENOENT, "iobuf rings: none of %zu RG_ring_*_%ld memzones (of %zu zones) "
		   "is %u or %u slots long (small_pool_count %llu, large_pool_count %llu)",
		   s->ring_zones, (long)q->pid, q->nzones, ssize, lsize,
		   (unsigned long long)q->opts->small_pool_count,
		   (unsigned long long)q->opts->large_pool_count);
	return -ENOENT;
}

int pool_rings_identify(const struct pool_rings_query *q, const struct target_mem *mem,
			struct pool_rings *out, struct mt_err *err)
{
	struct pr_candidate cand[POOL_RINGS_MAX_CANDIDATES];
	struct scan s = { 0, 0, 0 };
	uint32_t ssize, lsize;
	size_t nc = 0, nread = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = check_query(q, &ssize, &lsize, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < q->nzones; i++) {
		const struct dpdk_memzone *z = &q->zones[i];
		struct dpdk_ring_header h;
		unsigned ring_no;
		long pid;
		uint32_t bytes;

		if (!ring_zone_name(z->name, &ring_no, &pid))
			continue;
		if (pid != (long)q->pid) {
			s.other_pid_zones++;
			s.other_pid = pid;
			continue;
		}
		s.ring_zones++;
		bytes = header_bytes(z->len, ssize, lsize);
		if (!bytes)
			continue;
		if (nread == POOL_RINGS_MAX_CANDIDATES) {
			mt_err_set(err, -E2BIG, "iobuf rings: more than %d RG_ring_*_%ld zones of "
				   "%u or %u slots; not reading them all",
				   POOL_RINGS_MAX_CANDIDATES, (long)q->pid, ssize, lsize);
			return -E2BIG;
		}
		nread++;
		rc = read_header(z, bytes, q->pid, mem, &h, err);
		if (rc)
			return rc;
		if (h.capacity != q->opts->small_pool_count &&
		    h.capacity != q->opts->large_pool_count)
			continue;
		memset(&cand[nc], 0, sizeof(cand[nc]));
		snprintf(cand[nc].ring.zone, sizeof(cand[nc].ring.zone), "%s", z->name);
		cand[nc].ring.node = z->socket_id;
		cand[nc].ring.ring_no = ring_no;
		cand[nc].ring.virt = z->virt;
		cand[nc].ring.layout = h.layout;
		cand[nc].ring.size = h.size;
		cand[nc].ring.mask = h.mask;
		cand[nc].ring.capacity = h.capacity;
		cand[nc].is_small = h.capacity == q->opts->small_pool_count;
		cand[nc].is_large = h.capacity == q->opts->large_pool_count;
		cand[nc].line = z->line;
		nc++;
	}
	if (!nread)
		return no_zone_error(q, &s, ssize, lsize, err);
	out->candidates = nread;
	return pool_rings_pair(q, cand, nc, out, err);
}
