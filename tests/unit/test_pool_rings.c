/*
 * pool_rings: identifying the iobuf pools and sampling them.  The recorded
 * targets (zones from their dumps, header bytes from *.header.bin served by
 * an injected reader), scenes made of synthesised rings (decoys, two pairs,
 * equal counts, NUMA nodes, damaged and torn headers, failing readers), and
 * rings laid out in this test's own memory read with process_vm_readv,
 * including tails that wrap past 2^32.
 */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "dpdk_mem_dump.h"
#include "fixture_io.h"
#include "pool_rings.h"
#include "ring_bytes.h"

#define RINGS MEMTOP_FIXTURES "/rings"
#define BASE 0x200000000000ull
#define MAX_REGIONS 80
#define PID 4242

/* ---- a target's memory, served from byte buffers ---------------------- */

struct region {
	uint64_t addr;
	size_t len;
	unsigned char bytes[DPDK_RING_HEADER_MAX];
};

struct fake {
	struct region r[MAX_REGIONS];
	size_t n;
	int calls;
	pid_t last_pid;
	size_t last_nremote;
	uint64_t last_remote[8];
	ssize_t fail;                              /* -errno to answer every call with */
	void (*hook)(struct fake *f, int call);    /* runs before each call is served */
	int hook_arg;
};

static struct region *find(struct fake *f, uint64_t addr, size_t len)
{
	for (size_t i = 0; i < f->n; i++)
		if (addr >= f->r[i].addr && addr + len <= f->r[i].addr + f->r[i].len)
			return &f->r[i];
	return NULL;
}

static ssize_t fake_readv(void *ctx, pid_t pid, const struct iovec *local, size_t nlocal,
			  const struct iovec *remote, size_t nremote)
{
	struct fake *f = ctx;
	size_t li = 0, loff = 0;
	ssize_t total = 0;

	f->last_pid = pid;
	if (f->hook)
		f->hook(f, f->calls);
	f->calls++;
	f->last_nremote = nremote;
	for (size_t i = 0; i < nremote && i < 8; i++)
		f->last_remote[i] = (uint64_t)(uintptr_t)remote[i].iov_base;
	if (f->fail)
		return f->fail;
	for (size_t i = 0; i < nremote; i++) {
		uint64_t addr = (uint64_t)(uintptr_t)remote[i].iov_base;
		struct region *r = find(f, addr, remote[i].iov_len);
		const unsigned char *src;

		if (!r)
			return total ? total : -EFAULT;
		src = r->bytes + (addr - r->addr);
		for (size_t left = remote[i].iov_len; left;) {
			size_t room = local[li].iov_len - loff, n = left < room ? left : room;

			memcpy((char *)local[li].iov_base + loff, src, n);
			src += n;
			left -= n;
			loff += n;
			total += (ssize_t)n;
			if (loff == local[li].iov_len && li + 1 < nlocal) {
				li++;
				loff = 0;
			}
		}
	}
	return total;
}

/* ---- scenes: zones plus the memory behind them ------------------------ */

struct scene {
	struct dpdk_memzone zones[MAX_REGIONS];
	size_t nz;
	struct fake mem;
	struct iobuf_options opts;
	struct pool_rings pr;
	struct pool_rings_sample smp;
	struct mt_err err;
};

static struct scene *scene_new(unsigned small, unsigned large, bool numa)
{
	struct scene *s = calloc(1, sizeof(*s));

	ck_assert_ptr_nonnull(s);
	s->opts.valid = true;
	s->opts.small_pool_count = small;
	s->opts.large_pool_count = large;
	s->opts.small_bufsize = 8192;
	s->opts.large_bufsize = 135168;
	s->opts.enable_numa = numa;
	return s;
}

static struct region *scene_zone(struct scene *s, const char *name, uint64_t len, int socket)
{
	struct dpdk_memzone *z = &s->zones[s->nz];
	struct region *r = &s->mem.r[s->mem.n++];

	snprintf(z->name, sizeof(z->name), "%s", name);
	z->len = len;
	z->virt = BASE + 0x100000ull * s->nz;
	z->socket_id = socket;
	z->line = 100 + s->nz;
	r->addr = z->virt;
	r->len = DPDK_RING_HEADER_MAX;
	s->nz++;
	return r;
}

/* A pool-like ring ring_<n>_<pid> of `capacity` holding `nfree`, on socket. */
static struct region *scene_ring(struct scene *s, unsigned n, long pid, int socket,
				 unsigned capacity, unsigned nfree)
{
	char zone[DPDK_DUMP_NAME_LEN];
	struct ring_bytes rb;
	struct region *r;

	snprintf(zone, sizeof(zone), "RG_ring_%u_%ld", n, pid);
	rb = ring_bytes_pool(zone + 3, capacity, nfree, 1000);
	r = scene_zone(s, zone, 384 + 8ull * rb.size, socket);
	ring_bytes_header(r->bytes, 384, &rb);
	return r;
}

static int identify(struct scene *s, size_t nodes)
{
	struct pool_rings_query q = { s->zones, s->nz, PID, &s->opts, nodes };
	struct target_mem m = { fake_readv, &s->mem, NULL };

	return pool_rings_identify(&q, &m, &s->pr, &s->err);
}

static int sample(struct scene *s)
{
	struct target_mem m = { fake_readv, &s->mem, NULL };

	return pool_rings_sample(&s->pr, &m, &s->smp, &s->err);
}

static void check_ring(const struct pool_ring *r, int node, enum pool_kind k, unsigned n,
		       unsigned capacity)
{
	ck_assert_int_eq(r->node, node);
	ck_assert_int_eq(r->pool, k);
	ck_assert_uint_eq(r->ring_no, n);
	ck_assert_uint_eq(r->capacity, capacity);
}

static void check_sample(const struct pool_ring_sample *s, int node, enum pool_kind k,
			 unsigned capacity, unsigned nfree)
{
	ck_assert_int_eq(s->node, node);
	ck_assert_int_eq(s->pool, k);
	ck_assert_uint_eq(s->capacity, capacity);
	ck_assert_uint_eq(s->free, nfree);
	ck_assert_uint_eq(s->in_use, capacity - nfree);
}

/* ---- the recorded targets --------------------------------------------- */

/* Zones from the dump, memory from every recorded header at its zone's virt. */
static struct scene *recorded(const char *which, unsigned small, unsigned large)
{
	struct scene *s = scene_new(small, large, false);
	struct dpdk_mem_dump *d = malloc(sizeof(*d));
	char path[512];
	struct mt_err err = { 0, "" };

	ck_assert_ptr_nonnull(d);
	snprintf(path, sizeof(path), "%s/%s.spdk_mem_dump.txt", RINGS, which);
	ck_assert_msg(dpdk_mem_dump_read(path, 0, d, &err) == 0, "%s", err.msg);
	memcpy(s->zones, d->zones, d->nzones * sizeof(d->zones[0]));
	s->nz = d->nzones;
	for (size_t i = 0; i < d->nzones; i++) {
		const struct dpdk_memzone *z = &d->zones[i];
		struct region *r;
		char *bytes;
		size_t len;

		if (strncmp(z->name, "RG_ring_", 8) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s.%s.header.bin", RINGS, which, z->name);
		bytes = fixture_read(path, &len);
		r = &s->mem.r[s->mem.n++];
		r->addr = z->virt;
		r->len = len;
		memcpy(r->bytes, bytes, len);
		free(bytes);
	}
	free(d);
	return s;
}

static int identify_recorded(struct scene *s, pid_t pid)
{
	struct pool_rings_query q = { s->zones, s->nz, pid, &s->opts, 0 };
	struct target_mem m = { fake_readv, &s->mem, NULL };

	return pool_rings_identify(&q, &m, &s->pr, &s->err);
}

START_TEST(recorded_idle_target)
{
	struct scene *s = recorded("idle", 8192, 1024);

	ck_assert_msg(identify_recorded(s, 23677) == 0, "%s", s->err.msg);
	ck_assert_uint_eq(s->pr.nrings, 2);
	ck_assert_uint_eq(s->pr.candidates, 2);   /* the six 65536-entry rings are not read */
	ck_assert_uint_eq(s->pr.left_out, 0);
	ck_assert_int_eq(s->mem.calls, 2);
	check_ring(&s->pr.rings[0], 0, POOL_SMALL, 2, 8192);
	check_ring(&s->pr.rings[1], 0, POOL_LARGE, 3, 1024);
	ck_assert_str_eq(s->pr.rings[0].zone, "RG_ring_2_23677");
	ck_assert_uint_eq(s->pr.rings[0].virt, 0x2000008df9c0ull);
	ck_assert_uint_eq(s->pr.rings[1].size, 2048);

	ck_assert_int_eq(s->mem.last_pid, 23677);
	ck_assert_msg(sample(s) == 0, "%s", s->err.msg);
	/* One read of four words, each ring's consumer tail before its producer tail. */
	ck_assert_int_eq(s->mem.calls, 3);
	ck_assert_uint_eq(s->mem.last_nremote, 4);
	ck_assert_uint_eq(s->mem.last_remote[0], 0x2000008df9c0ull + 260);
	ck_assert_uint_eq(s->mem.last_remote[1], 0x2000008df9c0ull + 132);
	ck_assert_uint_eq(s->mem.last_remote[2], 0x2000008db700ull + 260);
	ck_assert_uint_eq(s->mem.last_remote[3], 0x2000008db700ull + 132);
	ck_assert_uint_eq(s->smp.n, 2);
	check_sample(&s->smp.rings[0], 0, POOL_SMALL, 8192, 8192);
	check_sample(&s->smp.rings[1], 0, POOL_LARGE, 1024, 1024);
	free(s);
}
END_TEST

START_TEST(recorded_exhausted_target)
{
	struct scene *s = recorded("exhausted", 64, 8);

	ck_assert_msg(identify_recorded(s, 23757) == 0, "%s", s->err.msg);
	check_ring(&s->pr.rings[0], 0, POOL_SMALL, 2, 64);
	check_ring(&s->pr.rings[1], 0, POOL_LARGE, 3, 8);
	ck_assert_msg(sample(s) == 0, "%s", s->err.msg);
	check_sample(&s->smp.rings[0], 0, POOL_SMALL, 64, 48);
	check_sample(&s->smp.rings[1], 0, POOL_LARGE, 8, 0);   /* the dry large pool */
	free(s);
}
END_TEST

START_TEST(recorded_wrong_pid_or_counts)
{
	struct scene *s = recorded("idle", 8192, 1024);

	ck_assert_int_eq(identify_recorded(s, 999), -ENOENT);
	ck_assert_str_eq(s->err.msg, "iobuf rings: no RG_ring_*_999 memzone; the dump's rings are "
			 "pid 23677's (a dump of another target, or a PID namespace?)");
	s->opts.small_pool_count = 4096;
	s->opts.large_pool_count = 512;
	ck_assert_int_eq(identify_recorded(s, 23677), -ENOENT);
	ck_assert_str_eq(s->err.msg, "iobuf rings: none of 6 RG_ring_*_23677 memzones (of 30 "
			 "zones) is 8192 or 1024 slots long (small_pool_count 4096, "
			 "large_pool_count 512)");
	ck_assert_int_eq(s->mem.calls, 0);
	s->opts.small_pool_count = 4;
	ck_assert_int_eq(identify_recorded(s, 23677), -EINVAL);
	ck_assert_str_eq(s->err.msg, "iobuf rings: pool counts 4/512: each must be 8 to 2^30 - 1 "
			 "for a ring we can read");
	s->opts.valid = false;
	ck_assert_int_eq(identify_recorded(s, 23677), -EINVAL);
	ck_assert_str_eq(s->err.msg, "iobuf rings: the pool counts are unknown "
			 "(framework_get_config iobuf not read)");
	ck_assert_int_eq(identify_recorded(s, 0), -EINVAL);
	free(s);
}
END_TEST

/* ---- identification rules --------------------------------------------- */

START_TEST(decoys_of_the_same_capacity_left_out)
{
	struct scene *s = scene_new(8192, 1024, false);

	scene_ring(s, 0, PID, 0, 65536, 0);      /* thread message ring: not even read */
	scene_ring(s, 1, PID, 0, 8192, 10);      /* decoy: small capacity, no large after it */
	scene_ring(s, 2, PID, 0, 8192, 8000);
	scene_ring(s, 3, PID, 0, 1024, 1000);
	scene_ring(s, 5, PID, 0, 1024, 3);       /* decoy: large capacity, not after a small */
	scene_ring(s, 8, PID, 0, 1024, 4);       /* a large before a small is no pair */
	scene_ring(s, 9, PID, 0, 8192, 5);
	scene_ring(s, 10, 77, 0, 8192, 5);       /* another pid's rings */
	scene_ring(s, 11, 77, 0, 1024, 5);
	scene_zone(s, "MP_msgpool_4242", 384 + 16384 * 8, 0);
	ck_assert_msg(identify(s, 0) == 0, "%s", s->err.msg);
	ck_assert_uint_eq(s->pr.nrings, 2);
	check_ring(&s->pr.rings[0], 0, POOL_SMALL, 2, 8192);
	check_ring(&s->pr.rings[1], 0, POOL_LARGE, 3, 1024);
	ck_assert_uint_eq(s->pr.candidates, 6);
	ck_assert_uint_eq(s->pr.left_out, 4);
	ck_assert_msg(sample(s) == 0, "%s", s->err.msg);
	check_sample(&s->smp.rings[0], 0, POOL_SMALL, 8192, 8000);
	check_sample(&s->smp.rings[1], 0, POOL_LARGE, 1024, 1000);
	free(s);
}
END_TEST

START_TEST(two_pairs_are_ambiguous)
{
	struct scene *s = scene_new(8192, 1024, false);

	scene_ring(s, 2, PID, 0, 8192, 1);
	scene_ring(s, 3, PID, 0, 1024, 1);
	scene_ring(s, 7, PID, 1, 8192, 1);
	scene_ring(s, 8, PID, 1, 1024, 1);
	ck_assert_int_eq(identify(s, 0), -EEXIST);
	ck_assert_str_eq(s->err.msg, "pid 4242: two small->large ring pairs: ring_2/ring_3 and "
			 "ring_7/ring_8; which is iobuf's cannot be told");
	ck_assert_uint_eq(s->pr.nrings, 0);
	free(s);
}
END_TEST

START_TEST(no_pair_lists_what_was_seen)
{
	struct scene *s = scene_new(8192, 1024, false);

	scene_ring(s, 2, PID, 0, 8192, 1);
	scene_ring(s, 4, PID, 0, 1024, 1);
	ck_assert_int_eq(identify(s, 0), -ENOENT);
	ck_assert_str_eq(s->err.msg, "pid 4242: no ring of 8192 followed by a ring of 1024 among "
			 "ring_2 (8192, socket 0), ring_4 (1024, socket 0)");
	free(s);

	/* Sized like a pool but of another capacity (not RING_F_EXACT_SZ's 8192). */
	s = scene_new(8192, 1024, false);
	scene_ring(s, 2, PID, 0, 10000, 1);
	scene_ring(s, 3, PID, 0, 1024, 1);
	ck_assert_int_eq(identify(s, 0), -ENOENT);
	ck_assert_str_eq(s->err.msg, "pid 4242: no ring of 8192 followed by a ring of 1024 among "
			 "ring_3 (1024, socket 0)");
	free(s);
}
END_TEST

START_TEST(equal_pool_counts)
{
	struct scene *s = scene_new(1024, 1024, false);

	scene_ring(s, 2, PID, 0, 1024, 1);
	scene_ring(s, 3, PID, 0, 1024, 2);
	ck_assert_msg(identify(s, 0) == 0, "%s", s->err.msg);
	check_ring(&s->pr.rings[0], 0, POOL_SMALL, 2, 1024);
	check_ring(&s->pr.rings[1], 0, POOL_LARGE, 3, 1024);
	scene_ring(s, 4, PID, 0, 1024, 3);
	ck_assert_int_eq(identify(s, 0), -EEXIST);
	ck_assert_str_eq(s->err.msg, "pid 4242: ring_2, ring_3 and ring_4 all hold 1024: which two "
			 "are the pools cannot be told");
	free(s);
}
END_TEST

START_TEST(numa_two_nodes)
{
	struct scene *s = scene_new(8192, 1024, true);

	scene_ring(s, 2, PID, 0, 8192, 8192);
	scene_ring(s, 3, PID, 0, 1024, 1000);
	scene_ring(s, 4, PID, 1, 8192, 100);
	scene_ring(s, 5, PID, 1, 1024, 0);
	ck_assert_msg(identify(s, 2) == 0, "%s", s->err.msg);
	ck_assert(s->pr.numa);
	ck_assert_uint_eq(s->pr.nrings, 4);
	check_ring(&s->pr.rings[0], 0, POOL_SMALL, 2, 8192);
	check_ring(&s->pr.rings[1], 0, POOL_LARGE, 3, 1024);
	check_ring(&s->pr.rings[2], 1, POOL_SMALL, 4, 8192);
	check_ring(&s->pr.rings[3], 1, POOL_LARGE, 5, 1024);
	ck_assert_msg(sample(s) == 0, "%s", s->err.msg);
	ck_assert_uint_eq(s->mem.last_nremote, 8);
	check_sample(&s->smp.rings[0], 0, POOL_SMALL, 8192, 8192);
	check_sample(&s->smp.rings[1], 0, POOL_LARGE, 1024, 1000);
	check_sample(&s->smp.rings[2], 1, POOL_SMALL, 8192, 100);
	check_sample(&s->smp.rings[3], 1, POOL_LARGE, 1024, 0);
	/* Without a node count any number of pairs on distinct sockets is fine. */
	ck_assert_int_eq(identify(s, 0), 0);
	ck_assert_int_eq(identify(s, 3), -ENOENT);
	ck_assert_str_eq(s->err.msg, "pid 4242: 2 ring pairs for 3 NUMA nodes (enable_numa makes "
			 "one pair per node)");
	free(s);
}
END_TEST

START_TEST(numa_pairs_keep_to_their_socket)
{
	struct scene *s = scene_new(8192, 1024, true);

	scene_ring(s, 2, PID, 0, 8192, 1);
	scene_ring(s, 3, PID, 1, 1024, 1);
	ck_assert_int_eq(identify(s, 0), -ENOENT);
	ck_assert_str_eq(s->err.msg, "pid 4242: no ring of 8192 followed by a ring of 1024 on its "
			 "socket among ring_2 (8192, socket 0), ring_3 (1024, socket 1)");
	/* Without enable_numa both come from SOCKET_ID_ANY and may sit apart. */
	s->opts.enable_numa = false;
	ck_assert_msg(identify(s, 0) == 0, "%s", s->err.msg);
	check_ring(&s->pr.rings[1], 1, POOL_LARGE, 3, 1024);
	free(s);

	s = scene_new(8192, 1024, true);
	scene_ring(s, 2, PID, 0, 8192, 1);
	scene_ring(s, 3, PID, 0, 1024, 1);
	scene_ring(s, 6, PID, 0, 8192, 1);
	scene_ring(s, 7, PID, 0, 1024, 1);
	ck_assert_int_eq(identify(s, 0), -EEXIST);
	ck_assert_str_eq(s->err.msg, "pid 4242: two small->large ring pairs on one socket: "
			 "ring_2/ring_3 and ring_6/ring_7; which is iobuf's cannot be told");
	free(s);
}
END_TEST

START_TEST(damaged_candidate_is_an_error)
{
	struct scene *s = scene_new(8192, 1024, false);
	struct region *r;

	scene_ring(s, 2, PID, 0, 8192, 1);
	r = scene_ring(s, 3, PID, 0, 1024, 1);
	ring_bytes_put32(r->bytes + 52, 1000);   /* mask */
	ck_assert_int_eq(identify(s, 0), -EINVAL);
	ck_assert_str_eq(s->err.msg, "pid 4242, dump line 101: RG_ring_3_4242: mask 0x3e8, "
			 "expected size - 1 = 0x7ff");
	free(s);

	s = scene_new(8192, 1024, false);
	scene_ring(s, 2, PID, 0, 8192, 1);
	scene_ring(s, 3, PID, 0, 1024, 1);
	s->zones[1].virt = 0;
	ck_assert_int_eq(identify(s, 0), -EINVAL);
	ck_assert_str_eq(s->err.msg, "dump line 101: RG_ring_3_4242: virt 0x0 is no address");
	free(s);
}
END_TEST

/* Calls below hook_arg see ring_3's producer tail far ahead: a copy taken mid-update. */
static void tear(struct fake *f, int call)
{
	ring_bytes_put32(f->r[1].bytes + 132, call < f->hook_arg ? 999999 : 1001);
	ring_bytes_put32(f->r[1].bytes + 128, call < f->hook_arg ? 999999 : 1001);
}

START_TEST(torn_header_read_again)
{
	struct scene *s = scene_new(8192, 1024, false);

	scene_ring(s, 2, PID, 0, 8192, 1);
	scene_ring(s, 3, PID, 0, 1024, 1);
	s->mem.hook = tear;
	s->mem.hook_arg = 3;          /* ring_2 is call 0; ring_3 torn at calls 1 and 2 */
	ck_assert_msg(identify(s, 0) == 0, "%s", s->err.msg);
	ck_assert_int_eq(s->mem.calls, 4);
	s->mem.calls = 0;
	s->mem.hook_arg = 100;
	ck_assert_int_eq(identify(s, 0), -EAGAIN);
	ck_assert_int_eq(s->mem.calls, 4);   /* 1 + 3 tries */
	ck_assert_str_eq(s->err.msg, "pid 4242, dump line 101: RG_ring_3_4242: prod.tail 999999 - "
			 "cons.tail 1000 = 998999 exceeds capacity 1024");
	free(s);
}
END_TEST

START_TEST(reader_errors_pass_through)
{
	struct scene *s = scene_new(8192, 1024, false);
	char want[256];

	scene_ring(s, 2, PID, 0, 8192, 1);
	scene_ring(s, 3, PID, 0, 1024, 1);
	s->mem.fail = -ESRCH;
	ck_assert_int_eq(identify(s, 0), -ESRCH);
	ck_assert_str_eq(s->err.msg, "pid 4242 is gone (the target exited or restarted): its rings "
			 "must be found again from a new env_dpdk_get_mem_stats dump");
	s->mem.fail = 0;
	ck_assert_int_eq(identify(s, 0), 0);
	s->mem.fail = -ESRCH;
	ck_assert_int_eq(sample(s), -ESRCH);
	ck_assert_str_eq(s->err.msg, "iobuf ring tails: pid 4242 is gone (the target exited or "
			 "restarted): its rings must be found again from a new "
			 "env_dpdk_get_mem_stats dump");
	ck_assert_uint_eq(s->smp.n, 0);
	s->mem.fail = 0;
	s->mem.n = 1;                 /* ring_3's memory is gone */
	ck_assert_int_eq(sample(s), -EFAULT);
	snprintf(want, sizeof(want), "iobuf ring tails: pid 4242 has nothing readable at 4 bytes "
		 "at 0x%llx (region 3 of 4)", BASE + 0x100000ull + 260);
	ck_assert_msg(strncmp(s->err.msg, want, strlen(want)) == 0, "%s", s->err.msg);
	free(s);
}
END_TEST

/* Calls below hook_arg see ring_2's consumer tail ahead of its producer tail. */
static void cons_ahead(struct fake *f, int call)
{
	ring_bytes_put32(f->r[0].bytes + 260, call < f->hook_arg ? 1002 : 1000);
}

START_TEST(inconsistent_sample_read_again_then_reported)
{
	struct scene *s = scene_new(8192, 1024, false);

	scene_ring(s, 2, PID, 0, 8192, 1);
	scene_ring(s, 3, PID, 0, 1024, 1);
	ck_assert_int_eq(identify(s, 0), 0);
	s->mem.calls = 0;
	s->mem.hook = cons_ahead;
	s->mem.hook_arg = 1;
	ck_assert_msg(sample(s) == 0, "%s", s->err.msg);
	ck_assert_int_eq(s->mem.calls, 2);
	check_sample(&s->smp.rings[0], 0, POOL_SMALL, 8192, 1);
	s->mem.calls = 0;
	s->mem.hook_arg = 100;
	ck_assert_int_eq(sample(s), -ERANGE);
	ck_assert_int_eq(s->mem.calls, 2);
	ck_assert_str_eq(s->err.msg, "pid 4242 RG_ring_2_4242 (small pool, node 0): prod.tail 1001 "
			 "- cons.tail 1002 exceeds capacity 8192 in 2 reads: not the ring it was, "
			 "or the target restarted");
	ck_assert_uint_eq(s->smp.n, 0);
	free(s);
}
END_TEST

START_TEST(candidate_bound)
{
	struct scene *s = scene_new(8192, 1024, false);

	for (unsigned i = 0; i < POOL_RINGS_MAX_CANDIDATES + 1; i++)
		scene_ring(s, 100 + i, PID, 0, 1024, 1);
	ck_assert_int_eq(identify(s, 0), -E2BIG);
	ck_assert_str_eq(s->err.msg, "iobuf rings: more than 64 RG_ring_*_4242 zones of 16384 or "
			 "2048 slots; not reading them all");
	ck_assert_int_eq(s->mem.calls, POOL_RINGS_MAX_CANDIDATES);
	free(s);
}
END_TEST

/* ---- this process's own memory through process_vm_readv --------------- */

struct own_ring {
	unsigned char *mem;
	struct dpdk_memzone zone;
};

static void own_ring(struct own_ring *o, unsigned n, const struct ring_bytes *rb)
{
	size_t len = 384 + 8u * rb->size;

	o->mem = aligned_alloc(128, len);
	ck_assert_ptr_nonnull(o->mem);
	memset(o->mem, 0xa5, len);            /* the slots: anything */
	ring_bytes_header(o->mem, 384, rb);
	snprintf(o->zone.name, sizeof(o->zone.name), "RG_ring_%u_%ld", n, (long)getpid());
	o->zone.len = len;
	o->zone.virt = (uint64_t)(uintptr_t)o->mem;
	o->zone.socket_id = 0;
}

START_TEST(own_memory_with_wrapping_tails)
{
	struct own_ring o[2];
	struct dpdk_memzone zones[2];
	char n0[32], n1[32];
	struct ring_bytes small, large;
	struct iobuf_options opts = { true, 64, 8, 8192, 135168, false };
	struct pool_rings_query q = { zones, 2, getpid(), &opts, 0 };
	struct target_mem m = target_mem_system();
	struct pool_rings pr;
	struct pool_rings_sample smp;
	struct mt_err err = { 0, "" };

	snprintf(n0, sizeof(n0), "ring_5_%ld", (long)getpid());
	snprintf(n1, sizeof(n1), "ring_6_%ld", (long)getpid());
	small = ring_bytes_pool(n0, 64, 64, 0);
	/* The large ring starts out with tails already past 2^32. */
	large = ring_bytes_pool(n1, 8, 8, 0xfffffffcu);
	own_ring(&o[0], 5, &small);
	own_ring(&o[1], 6, &large);
	zones[0] = o[0].zone;
	zones[1] = o[1].zone;
	ck_assert_msg(pool_rings_identify(&q, &m, &pr, &err) == 0, "%s", err.msg);
	ck_assert_msg(pool_rings_sample(&pr, &m, &smp, &err) == 0, "%s", err.msg);
	check_sample(&smp.rings[0], 0, POOL_SMALL, 64, 64);
	check_sample(&smp.rings[1], 0, POOL_LARGE, 8, 8);

	/* Buffers taken and returned: tails move on, the large ring's both past 2^32. */
	ring_bytes_put32(o[0].mem + 260, 10);
	ring_bytes_put32(o[1].mem + 132, 0xfffffffcu + 8 + 3);   /* 7 */
	ring_bytes_put32(o[1].mem + 260, 0xfffffffcu + 7);       /* 3 */
	ck_assert_msg(pool_rings_sample(&pr, &m, &smp, &err) == 0, "%s", err.msg);
	check_sample(&smp.rings[0], 0, POOL_SMALL, 64, 54);
	check_sample(&smp.rings[1], 0, POOL_LARGE, 8, 4);

	/* Consumer tail past the producer's by more than the ring holds: reported. */
	ring_bytes_put32(o[1].mem + 260, 20);
	ck_assert_int_eq(pool_rings_sample(&pr, &m, &smp, &err), -ERANGE);
	free(o[0].mem);
	free(o[1].mem);
}
END_TEST

static Suite *pool_rings_suite(void)
{
	Suite *s = suite_create("pool_rings");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, recorded_idle_target);
	tcase_add_test(tc, recorded_exhausted_target);
	tcase_add_test(tc, recorded_wrong_pid_or_counts);
	tcase_add_test(tc, decoys_of_the_same_capacity_left_out);
	tcase_add_test(tc, two_pairs_are_ambiguous);
	tcase_add_test(tc, no_pair_lists_what_was_seen);
	tcase_add_test(tc, equal_pool_counts);
	tcase_add_test(tc, numa_two_nodes);
	tcase_add_test(tc, numa_pairs_keep_to_their_socket);
	tcase_add_test(tc, damaged_candidate_is_an_error);
	tcase_add_test(tc, torn_header_read_again);
	tcase_add_test(tc, reader_errors_pass_through);
	tcase_add_test(tc, inconsistent_sample_read_again_then_reported);
	tcase_add_test(tc, candidate_bound);
	tcase_add_test(tc, own_memory_with_wrapping_tails);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(pool_rings_suite());
}
