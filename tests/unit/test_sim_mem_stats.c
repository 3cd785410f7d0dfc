/*
 * env_dpdk_get_mem_stats end to end, as the dashboard will use it: a real
 * simulator writes its dump, a small parser here (written against the recorded
 * dump's format) finds the RG_ring_* memzones, and process_vm_readv reads each
 * ring header from the simulator's memory.  Checks capacity, size and mask,
 * one small-pool and one large-pool ring among the decoys, idle free counts, the
 * large ring running dry under exhaustion and coming back at idle, tails moving
 * with no request at all (the server's tick), the dump directory's life, and
 * what the dump file holds besides the zones.
 */
#include <check.h>
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "fixture_io.h"
#include "mt_clock.h"
#include "sim_harness.h"

#define ANSWER 5.0
#define MAX_RINGS 16
#define HDR 384

struct zone {
	char name[32];
	uint64_t len, virt;
	int socket, segments;   /* segments: the "  addr: ... pagesz: ..." lines after it */
};

struct ring {
	struct zone z;
	uint32_t size, mask, capacity, prod, cons, free;
	int32_t flags;
	uint64_t memzone;
	char hdr_name[32];
};

static struct sim_proc start(const char *const extra[])
{
	struct mt_err err = { 0 };
	struct sim_proc p;

	ck_assert_msg(sim_start(&p, extra, &err) == 0, "%s", err.msg);
	return p;
}

static json_t *call(const struct sim_proc *p, const char *method, const char *params)
{
	struct mt_err err = { 0 };
	json_t *r = sim_rpc(p, method, params, ANSWER, &err);

	ck_assert_msg(r, "%s", err.msg);
	return r;
}

/* The dump's file name, from the reply in SPDK's shape: {"filename": "..."} only. */
static char *dump_file(const struct sim_proc *p)
{
	json_t *r = call(p, "env_dpdk_get_mem_stats", NULL);
	json_t *res = json_object_get(r, "result");
	char *name;

	ck_assert_msg(json_is_object(res) && json_object_size(res) == 1, "%s",
		      json_dumps(r, JSON_COMPACT));
	ck_assert(json_is_string(json_object_get(res, "filename")));
	name = strdup(json_string_value(json_object_get(res, "filename")));
	json_decref(r);
	return name;
}

/*
 * The parser a client would write against the recorded dump: Zone lines in the
 * "DPDK memzones." section, each followed by "physical segments used:" and its
 * "  addr: ... pagesz: ..." lines.
 */
static size_t parse_zones(const char *text, struct zone *out, size_t cap)
{
	const char *line = strstr(text, "\nDPDK memzones.\n"), *end;
	uint64_t addr, iova, len, pgsz;
	size_t n = 0;
	unsigned idx;

	ck_assert_ptr_nonnull(line);
	end = strstr(line, "\nDPDK mempools.\n");
	ck_assert_ptr_nonnull(end);
	for (line++; line < end; line = strchr(line, '\n') + 1) {
		struct zone z = { 0 };

		if (strncmp(line, "  addr: 0x", 10) == 0) {
			ck_assert_int_eq(sscanf(line, "  addr: 0x%" SCNx64 " iova: 0x%" SCNx64
						" len: 0x%" SCNx64 " pagesz: 0x%" SCNx64, &addr,
						&iova, &len, &pgsz), 4);
			ck_assert_uint_gt(n, 0);
			out[n - 1].segments++;
		}
		if (strncmp(line, "Zone ", 5) != 0)
			continue;
		ck_assert_msg(sscanf(line, "Zone %u: name:<%31[^>]>, len:0x%" SCNx64
				     ", virt:0x%" SCNx64 ", socket_id:%d, flags:0", &idx, z.name,
				     &z.len, &z.virt, &z.socket) == 5, "%.120s", line);
		ck_assert_uint_eq(idx, n);
		ck_assert_msg(strncmp(strchr(line, '\n') + 1, "physical segments used:\n", 24) == 0,
			      "%.120s", line);
		ck_assert_uint_lt(n, cap);
		out[n++] = z;
	}
	return n;
}

static void read_remote(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len }, remote = { (void *)(uintptr_t)addr, len };
	ssize_t n = process_vm_readv(pid, &local, 1, &remote, 1, 0);

	ck_assert_msg(n == (ssize_t)len, "process_vm_readv %d at 0x%" PRIx64 ": %s", (int)pid,
		      addr, n < 0 ? strerror(errno) : "short read");
}

static uint32_t u32(const unsigned char *h, size_t off)
{
	uint32_t v;

	memcpy(&v, h + off, 4);
	return v;
}

static void decode(pid_t pid, struct ring *r)
{
	unsigned char h[HDR];

	read_remote(pid, r->z.virt, h, sizeof(h));
	memcpy(r->hdr_name, h, 29);
	r->hdr_name[29] = '\0';
	memcpy(&r->flags, h + 32, 4);
	memcpy(&r->memzone, h + 40, 8);
	r->size = u32(h, 48);
	r->mask = u32(h, 52);
	r->capacity = u32(h, 56);
	r->prod = u32(h, 132);
	r->cons = u32(h, 260);
	r->free = (r->prod - r->cons) & r->mask;
}

/* Every RG_ring_* zone of a fresh dump, headers read from the simulator. */
static size_t rings(const struct sim_proc *p, struct ring *out)
{
	struct zone zones[64];
	char *file = dump_file(p), *text = fixture_read(file, NULL);
	size_t nz = parse_zones(text, zones, 64), i, n = 0;

	for (i = 0; i < nz; i++) {
		if (strncmp(zones[i].name, "RG_ring_", 8) != 0)
			continue;
		ck_assert_uint_lt(n, MAX_RINGS);
		memset(&out[n], 0, sizeof(out[n]));
		out[n].z = zones[i];
		decode(p->pid, &out[n]);
		n++;
	}
	free(text);
	free(file);
	return n;
}

static const struct ring *by_capacity(const struct ring *r, size_t n, uint32_t capacity)
{
	const struct ring *found = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (r[i].capacity == capacity) {
			ck_assert_msg(!found, "two rings of capacity %u", capacity);
			found = &r[i];
		}
	}
	ck_assert_msg(found, "no ring of capacity %u", capacity);
	return found;
}

static uint32_t next_pow2_above(uint32_t c)
{
	uint32_t s = 1;

	while (s <= c)
		s <<= 1;
	return s;
}

static void set_scenario(const struct sim_proc *p, const char *name)
{
	char params[64];
	json_t *r;

	snprintf(params, sizeof(params), "{\"scenario\":\"%s\"}", name);
	r = call(p, "sim_set_scenario", params);
	ck_assert(json_is_true(json_object_get(r, "result")));
	json_decref(r);
}

/* Re-reads the ring's header until its free count is `want`, or fails after 5 s. */
static void await_free(pid_t pid, struct ring *r, uint32_t want)
{
	double deadline = mt_now() + ANSWER;

	for (decode(pid, r); r->free != want && mt_now() < deadline; decode(pid, r))
		;
	ck_assert_msg(r->free == want, "%s: %u free, expected %u", r->z.name, r->free, want);
}

START_TEST(idle_rings_as_on_the_real_target)
{
	const char *const args[] = { "--scenario", "idle", NULL };
	struct sim_proc p = start(args);
	struct ring r[MAX_RINGS];
	const struct ring *small, *large;
	char want[32];
	size_t n, i;
	uint64_t entry_addr, entry_len;
	unsigned char entry[72];

	n = rings(&p, r);
	ck_assert_uint_ge(n, 4);
	for (i = 0; i < n; i++) {
		/* Named ring_<n>_<pid> in creation order, the memzone RG_ + the ring's name. */
		snprintf(want, sizeof(want), "RG_ring_%zu_%d", i, (int)p.pid);
		ck_assert_str_eq(r[i].z.name, want);
		ck_assert_str_eq(r[i].hdr_name, want + 3);
		ck_assert_int_eq(r[i].z.socket, 0);
		ck_assert_int_ge(r[i].z.segments, 1);
		ck_assert_uint_eq(r[i].size, next_pow2_above(r[i].capacity));
		ck_assert_uint_eq(r[i].mask, r[i].size - 1);
		ck_assert_uint_eq(r[i].z.len, 384 + (uint64_t)r[i].size * 8);
		ck_assert_int_eq(r[i].flags & 0x4, 0x4);        /* RING_F_EXACT_SZ */
		/* The header's memzone pointer leads to this zone's struct rte_memzone. */
		read_remote(p.pid, r[i].memzone, entry, sizeof(entry));
		memcpy(&entry_addr, entry + 40, 8);
		memcpy(&entry_len, entry + 48, 8);
		ck_assert_str_eq((const char *)entry, r[i].z.name);
		ck_assert_uint_eq(entry_addr, r[i].z.virt);
		ck_assert_uint_eq(entry_len, r[i].z.len);
	}
	small = by_capacity(r, n, 8192);
	large = by_capacity(r, n, 1024);
	/* SPDK's order: the small pool, then the large, after the first thread rings. */
	ck_assert_ptr_eq(large, small + 1);
	ck_assert(small > &r[0]);
	ck_assert_uint_eq(small->size, 16384);
	ck_assert_uint_eq(large->size, 2048);
	ck_assert_uint_eq(small->free, 8192);
	ck_assert_uint_eq(large->free, 1024);
	/* The rest are decoys of another capacity: SPDK's thread message rings. */
	for (i = 0; i < n; i++) {
		if (&r[i] != small && &r[i] != large)
			ck_assert_uint_eq(r[i].capacity, 65536);
	}
	sim_stop(&p);
	ck_assert(WIFEXITED(p.status) && WEXITSTATUS(p.status) == 0);
}
END_TEST

START_TEST(large_ring_runs_dry_and_comes_back)
{
	const char *const args[] = { "--scenario", "idle", NULL };
	struct sim_proc p = start(args);
	struct ring r[MAX_RINGS], *large;
	json_t *stats;
	uint64_t retry;
	size_t n;

	n = rings(&p, r);
	large = (struct ring *)by_capacity(r, n, 1024);
	ck_assert_uint_eq(large->free, 1024);
	set_scenario(&p, "exhaustion");
	await_free(p.pid, large, 0);
	/* What iobuf_get_stats says agrees: bdev's large pool retries. */
	stats = call(&p, "iobuf_get_stats", NULL);
	retry = (uint64_t)json_integer_value(json_object_get(json_object_get(
		json_array_get(json_object_get(stats, "result"), 1), "large_pool"), "retry"));
	json_decref(stats);
	ck_assert_uint_gt(retry, 0);
	/* Still dry in a fresh dump, the small ring holds all but the caches (3 x 8). */
	n = rings(&p, r);
	ck_assert_uint_eq(by_capacity(r, n, 1024)->free, 0);
	ck_assert_uint_eq(by_capacity(r, n, 8192)->free, 8192 - 24);
	set_scenario(&p, "idle");
	await_free(p.pid, large, 1024);
	sim_stop(&p);
}
END_TEST

/* A reader that never sends a request still sees the rings move. */
START_TEST(tails_move_without_requests)
{
	const char *const args[] = { "--scenario", "steady", NULL };
	struct sim_proc p = start(args);
	struct ring r[MAX_RINGS], *small;
	double deadline;
	uint32_t first;
	size_t n;

	n = rings(&p, r);
	small = (struct ring *)by_capacity(r, n, 8192);
	first = small->cons;
	deadline = mt_now() + ANSWER;
	do {
		decode(p.pid, small);
	} while (small->cons == first && mt_now() < deadline);
	ck_assert_msg(small->cons != first, "consumer tail stuck at %u", first);
	ck_assert_uint_le(small->prod - small->cons, 8192);
	sim_stop(&p);
}
END_TEST

START_TEST(private_dump_directory_removed_on_exit)
{
	struct sim_proc p = start(NULL);
	char *file = dump_file(&p), *again, dir[4096], *slash;
	struct stat st;

	snprintf(dir, sizeof(dir), "%s", file);
	slash = strrchr(dir, '/');
	ck_assert_ptr_nonnull(slash);
	*slash = '\0';
	ck_assert_str_eq(slash + 1, "spdk_mem_dump.txt");
	ck_assert_int_eq(stat(dir, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0700);
	/* The same file, replaced whole: only it is in the directory. */
	again = dump_file(&p);
	ck_assert_str_eq(again, file);
	sim_stop(&p);
	ck_assert(WIFEXITED(p.status) && WEXITSTATUS(p.status) == 0);
	ck_assert_int_eq(stat(dir, &st), -1);
	free(again);
	free(file);
}
END_TEST

START_TEST(chosen_dump_directory_kept)
{
	char dir[] = "/tmp/memtop-dump.XXXXXX", want[128];
	const char *args[] = { "--dump-dir", dir, "--no-ptracer", NULL };
	struct sim_proc p;
	char *file;
	struct stat st;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	p = start(args);
	file = dump_file(&p);
	snprintf(want, sizeof(want), "%s/spdk_mem_dump.txt", dir);
	ck_assert_str_eq(file, want);
	sim_stop(&p);
	/* As SPDK leaves /tmp/spdk_mem_dump.txt: the file stays. */
	ck_assert_int_eq(stat(file, &st), 0);
	ck_assert_int_eq(unlink(file), 0);
	ck_assert_int_eq(rmdir(dir), 0);
	free(file);
}
END_TEST

/* The sections of the recorded dump, in its order, with its line shapes. */
START_TEST(dump_sections_in_dpdk_order)
{
	static const char *const sections[] = {
		"DPDK memory size ", "\nDPDK memory layout\nSegment 0-0: IOVA:0x",
		"\nDPDK memzones.\nZone 0: name:<", "\nDPDK mempools.\nmempool <evtpool_",
		"\nDPDK malloc stats.\nHeap id:0\n\tHeap name:socket_0\n\tHeap_size:",
		"\nHeap id:31\n\tHeap name:\n\tHeap_size:0,\n",
		"\nDPDK malloc heaps.\nHeap id: 0\nHeap size: 0x", "\nMalloc element at 0x",
		"\nHeap id: 31\nHeap size: 0x0\nHeap alloc count: 0\n",
	};
	struct sim_proc p = start(NULL);
	char *file = dump_file(&p), *text = fixture_read(file, NULL), *at = text, *next;
	unsigned long long size;
	size_t i;

	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		next = strstr(at, sections[i]);
		ck_assert_msg(next, "'%s' missing or out of order", sections[i]);
		at = next + 1;
	}
	ck_assert_int_eq(sscanf(text, "DPDK memory size %llu\n", &size), 1);
	ck_assert_uint_eq(size % (2u << 20), 0);
	ck_assert_msg(strstr(text, ", len:2097152, virt:0x") &&
		      strstr(text, ", socket_id:0, hugepage_sz:2097152, nchannel:0, nrank:0 fd:"),
		      "Segment lines not in DPDK's shape");
	ck_assert(text[strlen(text) - 1] == '\n');
	sim_stop(&p);
	free(text);
	free(file);
}
END_TEST

/*
 * Heap figures a real target could show: the iobuf pools' buffers come from
 * socket 0's heap (spdk_malloc), so it holds at least 8192 x 8 KiB + 1024 x
 * 132 KiB; size = allocated + free = the memory size; the largest free block
 * is no more than what is free.
 */
START_TEST(heap_holds_the_pool_buffers)
{
	struct sim_proc p = start(NULL);
	char *file = dump_file(&p), *text = fixture_read(file, NULL), *at;
	unsigned long long mem, size, fr, alloc, greatest, na, nf;

	ck_assert_int_eq(sscanf(text, "DPDK memory size %llu\n", &mem), 1);
	at = strstr(text, "Heap name:socket_0\n");
	ck_assert_ptr_nonnull(at);
	ck_assert_int_eq(sscanf(at, "Heap name:socket_0\n\tHeap_size:%llu,\n\tFree_size:%llu,\n"
				    "\tAlloc_size:%llu,\n\tGreatest_free_size:%llu,\n"
				    "\tAlloc_count:%llu,\n\tFree_count:%llu,", &size, &fr, &alloc,
				&greatest, &na, &nf), 6);
	ck_assert_uint_ge(alloc, 8192ull * 8192 + 1024ull * 135168);
	ck_assert_uint_eq(size, alloc + fr);
	ck_assert_uint_eq(size, mem);
	ck_assert_uint_le(greatest, fr);
	ck_assert_uint_ge(na, 2 + 4);      /* the two pools' buffers, their rings, ... */
	/* The buffers are heap elements, not memzones. */
	ck_assert_ptr_null(strstr(text, "iobuf"));
	sim_stop(&p);
	free(text);
	free(file);
}
END_TEST

/* Running only, as the recorded state table says; no params, as SPDK. */
START_TEST(startup_state_and_params_refused)
{
	const char *const args[] = { "--wait-for-rpc", NULL };
	struct sim_proc p = start(args);
	json_t *r = call(&p, "env_dpdk_get_mem_stats", NULL), *e;

	e = json_object_get(r, "error");
	ck_assert_int_eq(json_integer_value(json_object_get(e, "code")), -1);
	json_decref(r);
	r = call(&p, "framework_start_init", NULL);
	ck_assert(json_is_true(json_object_get(r, "result")));
	json_decref(r);
	r = call(&p, "env_dpdk_get_mem_stats", "{}");
	e = json_object_get(r, "error");
	ck_assert_int_eq(json_integer_value(json_object_get(e, "code")), -32602);
	ck_assert_str_eq(json_string_value(json_object_get(e, "message")),
			 "env_dpdk_get_mem_stats doesn't accept any parameters.\n");
	json_decref(r);
	sim_stop(&p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("sim_mem_stats");
	TCase *tc = tcase_create("mem_stats");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, idle_rings_as_on_the_real_target);
	tcase_add_test(tc, large_ring_runs_dry_and_comes_back);
	tcase_add_test(tc, tails_move_without_requests);
	tcase_add_test(tc, private_dump_directory_removed_on_exit);
	tcase_add_test(tc, chosen_dump_directory_kept);
	tcase_add_test(tc, dump_sections_in_dpdk_order);
	tcase_add_test(tc, heap_holds_the_pool_buffers);
	tcase_add_test(tc, startup_state_and_params_refused);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
