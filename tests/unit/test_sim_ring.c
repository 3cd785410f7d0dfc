/*
 * The simulator's DPDK rings and memzones, in process: headers byte for byte
 * against the ones read from a real SPDK target (the .header.bin files of
 * transcripts/rings), sizes for RING_F_EXACT_SZ, the limits DPDK refuses, tails
 * that only advance and wrap mod 2^32, and memzones with their struct
 * rte_memzone entries.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "sim_mem.h"
#include "sim_ring.h"

/*
 * The recorded headers as xxd shows them (DPDK 22.11.11, x86_64): each row is
 * 16 bytes at an offset; rows not listed are all zero.
 */
struct recorded {
	const char *file;
	uint64_t capacity;
	unsigned flags;
	const char *rows[6];
};

static const struct recorded idle_thread_ring = {
	"idle.RG_ring_0_23677", 65536, SIM_RING_F_SC_DEQ | SIM_RING_F_EXACT_SZ, {
		"0000: 72696e675f305f323336373700000000",
		"0020: 0600000000000000b001000000200000",
		"0030: 00000200ffff01000000010000000000",
		"0080: 03000000030000000000000000000000",
		"0100: 03000000030000000100000000000000", NULL } };
static const struct recorded idle_small = {
	"idle.RG_ring_2_23677", 8192, SIM_RING_F_EXACT_SZ, {
		"0000: 72696e675f325f323336373700000000",
		"0020: 04000000000000004002000000200000",
		"0030: 00400000ff3f00000020000000000000",
		"0080: 00200000002000000000000000000000", NULL } };
static const struct recorded idle_large = {
	"idle.RG_ring_3_23677", 1024, SIM_RING_F_EXACT_SZ, {
		"0000: 72696e675f335f323336373700000000",
		"0020: 04000000000000008802000000200000",
		"0030: 00080000ff0700000004000000000000",
		"0080: 00040000000400000000000000000000", NULL } };
static const struct recorded exhausted_small = {
	"exhausted.RG_ring_2_23757", 64, SIM_RING_F_EXACT_SZ, {
		"0000: 72696e675f325f323337353700000000",
		"0020: 04000000000000008802000000200000",
		"0030: 800000007f0000004000000000000000",
		"0080: 50000000500000000000000000000000",
		"0100: 20000000200000000000000000000000", NULL } };
static const struct recorded exhausted_large = {
	"exhausted.RG_ring_3_23757", 8, SIM_RING_F_EXACT_SZ, {
		"0000: 72696e675f335f323337353700000000",
		"0020: 0400000000000000d002000000200000",
		"0030: 100000000f0000000800000000000000",
		"0080: 0a0000000a0000000000000000000000",
		"0100: 0a0000000a0000000000000000000000", NULL } };

static const struct recorded *const all_recorded[] = {
	&idle_thread_ring, &idle_small, &idle_large, &exhausted_small, &exhausted_large,
};

static void expand(const struct recorded *r, unsigned char out[SIM_RING_HDR_SIZE])
{
	unsigned off, byte;
	size_t i, k;

	memset(out, 0, SIM_RING_HDR_SIZE);
	for (i = 0; r->rows[i]; i++) {
		ck_assert_int_eq(sscanf(r->rows[i], "%x:", &off), 1);
		ck_assert_uint_lt(off + 16, SIM_RING_HDR_SIZE + 1);
		for (k = 0; k < 16; k++) {
			ck_assert_int_eq(sscanf(r->rows[i] + 6 + 2 * k, "%2x", &byte), 1);
			out[off + k] = (unsigned char)byte;
		}
	}
}

static uint32_t u32_at(const unsigned char *h, size_t off)
{
	uint32_t v;

	memcpy(&v, h + off, sizeof(v));
	return v;
}

static uint64_t u64_at(const unsigned char *h, size_t off)
{
	uint64_t v;

	memcpy(&v, h + off, sizeof(v));
	return v;
}

/* A zeroed, 64-byte aligned ring with room for its slots. */
static unsigned char *ring_mem(uint64_t count, unsigned flags)
{
	size_t len = sim_ring_memsize(sim_ring_slots(count, flags));
	unsigned char *m = aligned_alloc(64, (len + 63) / 64 * 64);

	ck_assert_ptr_nonnull(m);
	memset(m, 0, len);
	return m;
}

/* The byte ranges that differ by design: name, memzone pointer, heads and tails. */
static bool varies(size_t off)
{
	return off < SIM_RING_NAMESIZE ||
	       (off >= SIM_RING_OFF_MEMZONE && off < SIM_RING_OFF_MEMZONE + 8) ||
	       (off >= SIM_RING_OFF_PROD_HEAD && off < SIM_RING_OFF_PROD_TAIL + 4) ||
	       (off >= SIM_RING_OFF_CONS_HEAD && off < SIM_RING_OFF_CONS_TAIL + 4);
}

START_TEST(recorded_headers_reproduced_byte_for_byte)
{
	const struct recorded *r = all_recorded[_i];
	unsigned char want[SIM_RING_HDR_SIZE], *mem = ring_mem(r->capacity, r->flags);
	struct mt_err err = { 0 };
	char name[SIM_RING_NAMESIZE];
	size_t off;

	expand(r, want);
	/* Same name, memzone pointer and traffic as the real ring: every byte equal. */
	snprintf(name, sizeof(name), "%s", (const char *)want);
	ck_assert_int_eq(sim_ring_init(mem, name, r->capacity, r->flags,
				       u64_at(want, SIM_RING_OFF_MEMZONE), &err), 0);
	sim_ring_enqueue(mem, u32_at(want, SIM_RING_OFF_PROD_TAIL));
	sim_ring_dequeue(mem, u32_at(want, SIM_RING_OFF_CONS_TAIL));
	for (off = 0; off < SIM_RING_HDR_SIZE; off++)
		ck_assert_msg(mem[off] == want[off], "%s: byte %zu is 0x%02x, recorded 0x%02x",
			      r->file, off, mem[off], want[off]);
	/* A reader computes the recorded free counts (decoded.txt) from both. */
	ck_assert_uint_eq(sim_ring_free(mem), sim_ring_free(want));
	free(mem);
}
END_TEST

START_TEST(recorded_free_counts)
{
	unsigned char h[SIM_RING_HDR_SIZE];

	expand(&idle_small, h);
	ck_assert_uint_eq(sim_ring_free(h), 8192);
	expand(&idle_large, h);
	ck_assert_uint_eq(sim_ring_free(h), 1024);
	expand(&idle_thread_ring, h);
	ck_assert_uint_eq(sim_ring_free(h), 0);
	expand(&exhausted_small, h);
	ck_assert_uint_eq(sim_ring_free(h), 48);
	expand(&exhausted_large, h);
	ck_assert_uint_eq(sim_ring_free(h), 0);
}
END_TEST

/* Another name, pointer and tails: the structure is still the recorded one. */
START_TEST(structure_equal_but_for_name_pointer_and_tails)
{
	unsigned char want[SIM_RING_HDR_SIZE], *mem = ring_mem(8192, SIM_RING_F_EXACT_SZ);
	struct mt_err err = { 0 };
	size_t off;

	expand(&idle_small, want);
	ck_assert_int_eq(sim_ring_init(mem, "ring_12_4194304", 8192, SIM_RING_F_EXACT_SZ,
				       0x7f0011223344ULL, &err), 0);
	sim_ring_enqueue(mem, 8192);
	sim_ring_settle(mem, 8000, 100000);
	for (off = 0; off < SIM_RING_HDR_SIZE; off++) {
		if (!varies(off))
			ck_assert_msg(mem[off] == want[off], "byte %zu is 0x%02x, recorded 0x%02x",
				      off, mem[off], want[off]);
	}
	ck_assert_str_eq((const char *)mem, "ring_12_4194304");
	ck_assert_uint_eq(u64_at(mem, SIM_RING_OFF_MEMZONE), 0x7f0011223344ULL);
	free(mem);
}
END_TEST

START_TEST(exact_size_rounds_up)
{
	static const struct {
		uint64_t count;
		uint32_t slots;
	} cases[] = {
		{ 8192, 16384 }, { 1024, 2048 }, { 64, 128 }, { 8, 16 }, { 65536, 131072 },
		{ 4096, 8192 }, { 2051, 4096 }, { 1, 2 }, { 0x3fffffff, 0x40000000 },
	};
	struct mt_err err = { 0 };
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_uint_eq(sim_ring_slots(cases[i].count, SIM_RING_F_EXACT_SZ),
				  cases[i].slots);
	ck_assert_uint_eq(sim_ring_memsize(16384), 384 + 16384 * 8);
	ck_assert_uint_eq(sim_ring_memsize(2048), 0x4180);     /* the recorded zone len */
	/* DPDK refuses 2^30 entries and more: slots would pass RTE_RING_SZ_MASK. */
	ck_assert_uint_eq(sim_ring_slots(0x40000000, SIM_RING_F_EXACT_SZ), 0);
	ck_assert_uint_eq(sim_ring_slots(UINT64_MAX, SIM_RING_F_EXACT_SZ), 0);
	ck_assert_int_eq(sim_ring_check("ring_2_1", 0x40000000, SIM_RING_F_EXACT_SZ, &err), -1);
	ck_assert_msg(strstr(err.msg, "1073741823"), "%s", err.msg);
	/* Without RING_F_EXACT_SZ the count is the slots: a power of two, capacity one less. */
	ck_assert_uint_eq(sim_ring_slots(16384, 0), 16384);
	ck_assert_uint_eq(sim_ring_slots(16383, 0), 0);
	ck_assert_int_eq(sim_ring_check("a_name_of_twenty_nine_bytes__", 8, SIM_RING_F_EXACT_SZ,
					&err), -1);
	ck_assert_msg(strstr(err.msg, "longer than 28"), "%s", err.msg);
}
END_TEST

START_TEST(capacity_mask_and_sync_types)
{
	unsigned char *m = ring_mem(16384, 0);
	struct mt_err err = { 0 };

	ck_assert_int_eq(sim_ring_init(m, "MP_evtpool_1", 16384, 0, 0, &err), 0);
	ck_assert_uint_eq(sim_ring_u32(m, SIM_RING_OFF_SIZE), 16384);
	ck_assert_uint_eq(sim_ring_u32(m, SIM_RING_OFF_MASK), 16383);
	ck_assert_uint_eq(sim_ring_u32(m, SIM_RING_OFF_CAPACITY), 16383);
	ck_assert_uint_eq(sim_ring_u32(m, SIM_RING_OFF_PROD_SYNC), SIM_RING_SYNC_MT);
	ck_assert_uint_eq(sim_ring_u32(m, SIM_RING_OFF_CONS_SYNC), SIM_RING_SYNC_MT);
	free(m);
	m = ring_mem(8, SIM_RING_F_SP_ENQ | SIM_RING_F_SC_DEQ | SIM_RING_F_EXACT_SZ);
	ck_assert_int_eq(sim_ring_init(m, "r", 8, SIM_RING_F_SP_ENQ | SIM_RING_F_SC_DEQ |
				       SIM_RING_F_EXACT_SZ, 0, &err), 0);
	ck_assert_uint_eq(sim_ring_u32(m, SIM_RING_OFF_PROD_SYNC), SIM_RING_SYNC_ST);
	ck_assert_uint_eq(sim_ring_u32(m, SIM_RING_OFF_CONS_SYNC), SIM_RING_SYNC_ST);
	ck_assert_uint_eq(sim_ring_free(m), 0);
	free(m);
}
END_TEST

struct tails {
	uint32_t prod_head, prod, cons_head, cons;
};

static struct tails tails_of(const unsigned char *m)
{
	return (struct tails){ sim_ring_u32(m, SIM_RING_OFF_PROD_HEAD),
			       sim_ring_u32(m, SIM_RING_OFF_PROD_TAIL),
			       sim_ring_u32(m, SIM_RING_OFF_CONS_HEAD),
			       sim_ring_u32(m, SIM_RING_OFF_CONS_TAIL) };
}

/* Both tails moved forward (mod 2^32) by less than half the range, heads with them. */
static void advanced(const struct tails *a, const struct tails *b)
{
	ck_assert_uint_lt((uint32_t)(b->prod - a->prod), 0x80000000u);
	ck_assert_uint_lt((uint32_t)(b->cons - a->cons), 0x80000000u);
	ck_assert_uint_eq(b->prod_head, b->prod);
	ck_assert_uint_eq(b->cons_head, b->cons);
}

START_TEST(settle_moves_tails_forward_only)
{
	unsigned char *m = ring_mem(1024, SIM_RING_F_EXACT_SZ);
	struct mt_err err = { 0 };
	struct tails a, b;

	ck_assert_int_eq(sim_ring_init(m, "ring_3_1", 1024, SIM_RING_F_EXACT_SZ, 0, &err), 0);
	sim_ring_enqueue(m, 1024);                      /* SPDK fills the pool */
	ck_assert_uint_eq(sim_ring_free(m), 1024);
	a = tails_of(m);
	sim_ring_settle(m, 1000, 0);                    /* 24 taken */
	b = tails_of(m);
	ck_assert_uint_eq(sim_ring_free(m), 1000);
	ck_assert_uint_eq(b.prod, a.prod);
	ck_assert_uint_eq(b.cons, a.cons + 24);
	a = b;
	sim_ring_settle(m, 1010, 5000);                 /* busy: traffic, then 10 back */
	b = tails_of(m);
	ck_assert_uint_eq(sim_ring_free(m), 1010);
	advanced(&a, &b);
	ck_assert_uint_ge(b.cons - a.cons, 1000);       /* traffic moved the tails */
	a = b;
	sim_ring_settle(m, 0, 100);                     /* dry */
	b = tails_of(m);
	ck_assert_uint_eq(sim_ring_free(m), 0);
	advanced(&a, &b);
	a = b;
	sim_ring_settle(m, 0, 1000000);                 /* a dry ring moves nothing */
	b = tails_of(m);
	ck_assert_mem_eq(&a, &b, sizeof(a));
	sim_ring_settle(m, 5000, 0);                    /* never above the capacity */
	ck_assert_uint_eq(sim_ring_free(m), 1024);
	free(m);
}
END_TEST

/* Tails near 2^32 wrap as DPDK's do, and prod.tail - cons.tail stays right. */
START_TEST(tails_wrap_around)
{
	unsigned char *m = ring_mem(8192, SIM_RING_F_EXACT_SZ);
	struct mt_err err = { 0 };
	uint32_t near = 0xffff0000u;
	struct tails a, b;
	int i;

	ck_assert_int_eq(sim_ring_init(m, "ring_2_1", 8192, SIM_RING_F_EXACT_SZ, 0, &err), 0);
	/* As if 2^32 - 65536 buffers had passed already, 8192 free. */
	sim_ring_enqueue(m, near + 8192);
	sim_ring_dequeue(m, near);
	ck_assert_uint_eq(sim_ring_free(m), 8192);
	for (i = 0; i < 50; i++) {
		a = tails_of(m);
		sim_ring_settle(m, (uint32_t)(8192 - (i * 97) % 3000), 2000);
		b = tails_of(m);
		advanced(&a, &b);
		ck_assert_uint_eq(sim_ring_free(m), 8192 - (i * 97) % 3000);
		ck_assert_uint_le(b.prod - b.cons, 8192);
	}
	/* 100,000 buffers later both indexes wrapped past 0. */
	ck_assert_uint_lt(tails_of(m).prod, near);
	ck_assert_uint_lt(tails_of(m).cons, near);
	sim_ring_settle(m, 4, 0);
	ck_assert_uint_eq(sim_ring_free(m), 4);
	free(m);
}
END_TEST

START_TEST(memzones_and_their_table)
{
	struct sim_mem mem;
	struct mt_err err = { 0 };
	const struct sim_memzone *a, *b, *big;
	uint64_t addr, len;
	int32_t socket;
	size_t i;

	ck_assert_int_eq(sim_mem_init(&mem, &err), 0);
	a = sim_mem_reserve(&mem, "RG_ring_0_7", sim_ring_memsize(131072), &err);
	ck_assert_ptr_nonnull(a);
	b = sim_mem_reserve(&mem, "RG_ring_1_7", 0x4180, &err);
	ck_assert_ptr_nonnull(b);
	/* Placed after a malloc element header, cache-line aligned, one after the other. */
	ck_assert_uint_eq((uintptr_t)a->addr % 64, 0);
	ck_assert_ptr_eq(a->addr, a->elem + SIM_MEM_ELEM_HDR);
	ck_assert_ptr_eq(b->elem, a->elem + a->elem_len);
	ck_assert_uint_eq(a->len, 384 + 131072 * 8);
	for (i = 0; i < b->len; i++)
		ck_assert_uint_eq(b->addr[i], 0);
	/* The struct rte_memzone a ring's header points to. */
	ck_assert_str_eq((const char *)b->entry, "RG_ring_1_7");
	memcpy(&addr, b->entry + 40, 8);
	memcpy(&len, b->entry + 48, 8);
	memcpy(&socket, b->entry + 64, 4);
	ck_assert_uint_eq(addr, (uintptr_t)b->addr);
	ck_assert_uint_eq(len, 0x4180);
	ck_assert_int_eq(socket, 0);
	ck_assert_ptr_eq(b->entry, a->entry + SIM_MEMZONE_ENTRY);
	/* A zone bigger than a chunk gets a chunk of its own, segments of 2 MiB. */
	big = sim_mem_reserve(&mem, "RG_ring_2_7", (size_t)40 << 20, &err);
	ck_assert_ptr_nonnull(big);
	ck_assert_uint_eq((uintptr_t)mem.chunks[big->chunk].base % SIM_MEM_SEGMENT, 0);
	ck_assert_uint_eq(sim_mem_size(&mem) % SIM_MEM_SEGMENT, 0);
	ck_assert_uint_ge(sim_mem_size(&mem), (size_t)40 << 20);
	big->addr[big->len - 1] = 1;    /* all of it is there */
	ck_assert_ptr_null(sim_mem_reserve(&mem, "RG_ring_1_7", 64, &err));
	ck_assert_msg(strstr(err.msg, "exists already"), "%s", err.msg);
	ck_assert_ptr_null(sim_mem_reserve(&mem, "a_memzone_name_of_32_bytes_long_", 64, &err));
	ck_assert_msg(strstr(err.msg, "longer than 31"), "%s", err.msg);
	sim_mem_free(&mem);
	ck_assert_uint_eq(mem.nchunks, 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("sim_ring");
	TCase *tc = tcase_create("ring");

	tcase_add_loop_test(tc, recorded_headers_reproduced_byte_for_byte, 0,
			    (int)(sizeof(all_recorded) / sizeof(all_recorded[0])));
	tcase_add_test(tc, recorded_free_counts);
	tcase_add_test(tc, structure_equal_but_for_name_pointer_and_tails);
	tcase_add_test(tc, exact_size_rounds_up);
	tcase_add_test(tc, capacity_mask_and_sync_types);
	tcase_add_test(tc, settle_moves_tails_forward_only);
	tcase_add_test(tc, tails_wrap_around);
	tcase_add_test(tc, memzones_and_their_table);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
