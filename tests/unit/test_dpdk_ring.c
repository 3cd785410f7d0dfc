/*
 * dpdk_ring_decode() on the headers recorded from real targets
 * (tests/fixtures/rings/, checked against the *.decoded.txt written at the
 * time), on headers synthesised for every supported size, and on damaged
 * ones: each damage must be an error naming what failed, never a figure.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "dpdk_ring.h"
#include "fixture_io.h"

#define RINGS MEMTOP_FIXTURES "/rings"

/* One line of *.decoded.txt. */
struct decoded {
	char zone[64];
	unsigned long long len, virt;
	int socket;
	unsigned size, mask, capacity, prod, cons, free;
};

static size_t read_decoded(const char *which, struct decoded *d, size_t max)
{
	char path[512], tag[32], *text, *line, *save = NULL;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/%s.decoded.txt", RINGS, which);
	text = fixture_read(path, NULL);
	for (line = strtok_r(text, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save)) {
		int got = sscanf(line, "%31s %63s len=%llx virt=%llx socket=%d size=%u mask=%u "
				 "capacity=%u prod.tail=%u cons.tail=%u free=%u", tag, d[n].zone,
				 &d[n].len, &d[n].virt, &d[n].socket, &d[n].size, &d[n].mask,
				 &d[n].capacity, &d[n].prod, &d[n].cons, &d[n].free);

		ck_assert_msg(got == 11, "%s: cannot read '%s'", path, line);
		n++;
	}
	free(text);
	return n;
}

static void check_recorded(const char *which, size_t want_rings)
{
	struct decoded d[8];
	size_t n = read_decoded(which, d, 8);

	ck_assert_uint_eq(n, want_rings);
	for (size_t i = 0; i < n; i++) {
		char path[512], *bytes;
		size_t len;
		struct dpdk_ring_expect want = { d[i].zone, d[i].len, 0 };
		struct dpdk_ring_header h;
		struct mt_err err = { 0, "" };
		int rc;

		snprintf(path, sizeof(path), "%s/%s.%s.header.bin", RINGS, which, d[i].zone);
		bytes = fixture_read(path, &len);
		ck_assert_uint_eq(len, 384);
		rc = dpdk_ring_decode(bytes, len, &want, &h, &err);
		ck_assert_msg(rc == 0, "%s: %s", path, err.msg);
		ck_assert_str_eq(h.name, d[i].zone + 3);
		/* iobuf pools are MP/MC; the 65536-entry thread message rings MP/SC. */
		ck_assert_uint_eq(h.flags, d[i].capacity == 65536 ?
				  DPDK_RING_F_EXACT_SZ | DPDK_RING_F_SC_DEQ : DPDK_RING_F_EXACT_SZ);
		ck_assert_uint_eq(h.size, d[i].size);
		ck_assert_uint_eq(h.mask, d[i].mask);
		ck_assert_uint_eq(h.capacity, d[i].capacity);
		ck_assert_uint_eq(h.prod_tail, d[i].prod);
		ck_assert_uint_eq(h.cons_tail, d[i].cons);
		ck_assert_uint_eq(h.free, d[i].free);
		ck_assert_uint_eq(h.layout.header_size, 384);
		ck_assert_uint_eq(h.layout.prod_tail_off, 132);
		ck_assert_uint_eq(h.layout.cons_tail_off, 260);
		free(bytes);
	}
}

START_TEST(recorded_idle_headers)
{
	check_recorded("idle", 6);
}
END_TEST

START_TEST(recorded_exhausted_headers)
{
	check_recorded("exhausted", 5);
}
END_TEST

START_TEST(recorded_capacity_checked_against_pool_count)
{
	char *bytes = fixture_read(RINGS "/idle.RG_ring_3_23677.header.bin", NULL);
	struct dpdk_ring_expect want = { "RG_ring_3_23677", 0x4180, 1024 };
	struct dpdk_ring_header h;
	struct mt_err err = { 0, "" };

	ck_assert_int_eq(dpdk_ring_decode(bytes, 384, &want, &h, &err), 0);
	ck_assert_uint_eq(h.free, 1024);
	want.capacity = 8192;
	ck_assert_int_eq(dpdk_ring_decode(bytes, 384, &want, &h, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "RG_ring_3_23677: capacity 1024, expected the pool count 8192");
	free(bytes);
}
END_TEST

/* A header as rte_ring_init() leaves it, in a buffer of hsize bytes. */
struct synth {
	const char *name;
	unsigned flags, size, mask, capacity;
	unsigned prod_head, prod_tail, cons_head, cons_tail;
};

static void put32(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static void synth(unsigned char *buf, unsigned hsize, const struct synth *s)
{
	unsigned g = hsize / 3;

	memset(buf, 0, hsize);
	memcpy(buf, s->name, strlen(s->name));
	put32(buf + 32, s->flags);
	put32(buf + 40, 0x00000240);
	put32(buf + 44, 0x00002000);   /* the memzone pointer, 0x200000000240 */
	put32(buf + 48, s->size);
	put32(buf + 52, s->mask);
	put32(buf + 56, s->capacity);
	put32(buf + g, s->prod_head);
	put32(buf + g + 4, s->prod_tail);
	put32(buf + 2 * g, s->cons_head);
	put32(buf + 2 * g + 4, s->cons_tail);
}

static const struct synth pool = {
	"ring_7_4242", DPDK_RING_F_EXACT_SZ, 128, 127, 100, 1000, 1000, 930, 930,
};

START_TEST(every_supported_header_size)
{
	static const unsigned sizes[] = { 384, 576, 768, 1152 };
	unsigned char buf[1152];

	for (size_t i = 0; i < 4; i++) {
		struct dpdk_ring_expect want = { "RG_ring_7_4242", sizes[i] + 128 * 8, 100 };
		struct dpdk_ring_header h;
		struct mt_err err = { 0, "" };

		synth(buf, sizes[i], &pool);
		ck_assert_msg(dpdk_ring_decode(buf, sizes[i], &want, &h, &err) == 0, "%u: %s",
			      sizes[i], err.msg);
		ck_assert_uint_eq(h.layout.header_size, sizes[i]);
		ck_assert_uint_eq(h.layout.group, sizes[i] / 3);
		ck_assert_uint_eq(h.layout.prod_tail_off, sizes[i] / 3 + 4);
		ck_assert_uint_eq(h.layout.cons_tail_off, 2 * sizes[i] / 3 + 4);
		ck_assert_uint_eq(h.prod_tail, 1000);
		ck_assert_uint_eq(h.cons_tail, 930);
		ck_assert_uint_eq(h.free, 70);
	}
}
END_TEST

START_TEST(layout_offsets_follow_the_size)
{
	struct dpdk_ring_layout l;
	struct mt_err err = { 0, "" };

	ck_assert_int_eq(dpdk_ring_layout_for_header(768, &l, &err), 0);
	ck_assert_uint_eq(l.group, 256);
	ck_assert_uint_eq(l.prod_tail_off, 260);
	ck_assert_uint_eq(l.cons_tail_off, 516);
	ck_assert_int_eq(dpdk_ring_layout_for_header(512, &l, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "512 bytes: not a layout we know"));
	ck_assert_int_eq(dpdk_ring_layout_for_zone(0x20180, 16384, &l, &err), 0);
	ck_assert_uint_eq(l.header_size, 384);
	ck_assert_int_eq(dpdk_ring_layout_for_zone(0x20200, 16384, &l, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "zone length 0x20200 - 16384 slots x 8"));
	ck_assert_int_eq(dpdk_ring_layout_for_zone(0x100, 16384, &l, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "leaves no room for a header"));
}
END_TEST

START_TEST(exact_size_rule)
{
	ck_assert_uint_eq(dpdk_ring_exact_size(8), 16);
	ck_assert_uint_eq(dpdk_ring_exact_size(15), 16);
	ck_assert_uint_eq(dpdk_ring_exact_size(16), 32);
	ck_assert_uint_eq(dpdk_ring_exact_size(64), 128);
	ck_assert_uint_eq(dpdk_ring_exact_size(1024), 2048);
	ck_assert_uint_eq(dpdk_ring_exact_size(8192), 16384);
	ck_assert_uint_eq(dpdk_ring_exact_size((1u << 30) - 1), 1u << 30);
	ck_assert_uint_eq(dpdk_ring_exact_size(1u << 30), 0);
	ck_assert_uint_eq(dpdk_ring_exact_size(0), 0);
}
END_TEST

START_TEST(non_exact_ring_and_sync_modes)
{
	struct synth s = pool;
	unsigned char buf[384];
	struct dpdk_ring_expect want = { "RG_ring_7_4242", 384 + 128 * 8, 0 };
	struct dpdk_ring_header h;
	struct mt_err err = { 0, "" };

	s.flags = 0;
	s.capacity = 127;
	synth(buf, 384, &s);
	ck_assert_msg(dpdk_ring_decode(buf, 384, &want, &h, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(h.capacity, 127);

	/* SP/SC: sync_type 1 on both sides. */
	s = pool;
	s.flags |= DPDK_RING_F_SP_ENQ | DPDK_RING_F_SC_DEQ;
	synth(buf, 384, &s);
	ck_assert_int_eq(dpdk_ring_decode(buf, 384, &want, &h, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "RG_ring_7_4242: prod.sync_type 0, the flags say 1");
	put32(buf + 128 + 8, 1);
	put32(buf + 256 + 8, 1);
	ck_assert_msg(dpdk_ring_decode(buf, 384, &want, &h, &err) == 0, "%s", err.msg);

	/* RTS: the head/tail struct is 24 bytes, htd_max at +12. */
	s = pool;
	s.flags |= DPDK_RING_F_MP_RTS_ENQ;
	synth(buf, 384, &s);
	put32(buf + 128 + 8, 2);
	put32(buf + 128 + 12, 12);
	put32(buf + 128 + 20, 1000);
	ck_assert_msg(dpdk_ring_decode(buf, 384, &want, &h, &err) == 0, "%s", err.msg);
	s.flags |= DPDK_RING_F_SP_ENQ;
	synth(buf, 384, &s);
	ck_assert_int_eq(dpdk_ring_decode(buf, 384, &want, &h, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "two sync modes on one side"));
}
END_TEST

/* Decodes a copy of `pool` damaged by fn; the error must be rc with msg in it. */
static void expect_damage(void (*fn)(unsigned char *buf), size_t len, int rc, const char *msg)
{
	unsigned char buf[384];
	struct dpdk_ring_expect want = { "RG_ring_7_4242", 384 + 128 * 8, 100 };
	struct dpdk_ring_header h;
	struct mt_err err = { 0, "" };

	synth(buf, 384, &pool);
	if (fn)
		fn(buf);
	ck_assert_int_eq(dpdk_ring_decode(buf, len, &want, &h, &err), rc);
	ck_assert_msg(strstr(err.msg, msg) != NULL, "'%s' not in '%s'", msg, err.msg);
	ck_assert_uint_eq(h.capacity, 0);  /* nothing half-filled */
}

static void bad_mask(unsigned char *b) { put32(b + 52, 126); }
static void size_not_pow2(unsigned char *b) { put32(b + 48, 96); put32(b + 52, 95); }
static void size_tiny(unsigned char *b) { put32(b + 48, 8); put32(b + 52, 7); }
static void cap_too_small(unsigned char *b) { put32(b + 56, 63); }
static void cap_too_big(unsigned char *b) { put32(b + 56, 128); }
static void count_over_cap(unsigned char *b) { put32(b + 132, 1101); put32(b + 128, 1101); }
static void head_runs_away(unsigned char *b) { put32(b + 128, 1500); }
static void name_other(unsigned char *b) { memcpy(b, "ring_8_4242", 11); }
static void name_no_nul(unsigned char *b) { memset(b, 'r', 32); }
static void name_binary(unsigned char *b) { b[3] = 0x01; }
static void flags_unknown(unsigned char *b) { put32(b + 32, 0x84); }
static void pad_after_cap(unsigned char *b) { b[100] = 1; }
static void pad_in_prod(unsigned char *b) { b[128 + 40] = 1; }
static void pad_in_cons(unsigned char *b) { b[383] = 1; }
static void pad_in_name(unsigned char *b) { b[30] = 'x'; }

START_TEST(damaged_headers_are_errors)
{
	expect_damage(bad_mask, 384, -EINVAL, "mask 0x7e, expected size - 1 = 0x7f");
	expect_damage(size_not_pow2, 384, -EINVAL, "size 96: not a power of two from 16 to 2^30");
	expect_damage(size_tiny, 384, -EINVAL, "size 8: not a power of two from 16 to 2^30");
	expect_damage(cap_too_small, 384, -EINVAL, "capacity 63 in a ring of size 128");
	expect_damage(cap_too_big, 384, -EINVAL, "capacity 128 in a ring of size 128");
	expect_damage(count_over_cap, 384, -EAGAIN,
		      "prod.tail 1101 - cons.tail 930 = 171 exceeds capacity 100");
	expect_damage(head_runs_away, 384, -EAGAIN, "a head runs more than capacity 100 ahead");
	expect_damage(name_other, 384, -EINVAL,
		      "header name 'ring_8_4242', expected 'ring_7_4242'");
	expect_damage(name_no_nul, 384, -EINVAL, "header name has no NUL within 32 bytes");
	expect_damage(name_binary, 384, -EINVAL, "header name byte 3 is 0x01");
	expect_damage(flags_unknown, 384, -EINVAL, "bits DPDK does not define (0x80)");
	expect_damage(pad_after_cap, 384, -EINVAL, "non-zero byte 100 after capacity");
	expect_damage(pad_in_prod, 384, -EINVAL, "non-zero byte 168 in the prod group");
	expect_damage(pad_in_cons, 384, -EINVAL, "non-zero byte 383 in the cons group");
	expect_damage(pad_in_name, 384, -EINVAL, "padding around the name or flags (byte 30)");
	expect_damage(NULL, 383, -EINVAL, "383 bytes, the zone implies a 384-byte header");
	expect_damage(NULL, 40, -EINVAL, "40 bytes, too short for a ring header");
}
END_TEST

START_TEST(zone_and_expectations_checked)
{
	unsigned char buf[768];
	struct dpdk_ring_expect want = { "RG_ring_7_4242", 384 + 128 * 8 + 64, 0 };
	struct dpdk_ring_header h;
	struct mt_err err = { 0, "" };

	synth(buf, 384, &pool);
	ck_assert_int_eq(dpdk_ring_decode(buf, 384, &want, &h, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "RG_ring_7_4242: zone length 0x5c0 - 128 slots x 8: ring "
			 "header of 448 bytes: not a layout we know (384, 576, 768 or 1152: "
			 "three groups of one cache line of 64 or 128 bytes plus 1 or 2 guard "
			 "lines)");
	want.zone_len = 384 + 128 * 8;
	want.zone_name = "ring_7_4242";
	ck_assert_int_eq(dpdk_ring_decode(buf, 384, &want, &h, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "ring_7_4242: not a ring's memzone (no \"RG_\" prefix)");
	want.zone_name = NULL;
	ck_assert_int_eq(dpdk_ring_decode(buf, 384, &want, &h, &err), -EINVAL);
	/* A zone implying 768 bytes over a 384-byte header: its tails are in our padding. */
	memset(buf, 0, sizeof(buf));
	synth(buf, 384, &pool);
	want.zone_name = "RG_ring_7_4242";
	want.zone_len = 768 + 128 * 8;
	ck_assert_int_eq(dpdk_ring_decode(buf, 768, &want, &h, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "non-zero byte 128 after capacity"));
	/* The other way round the producer's words land on the consumer's: tails disagree. */
	synth(buf, 768, &pool);
	want.zone_len = 384 + 128 * 8;
	ck_assert_int_eq(dpdk_ring_decode(buf, 768, &want, &h, &err), -EAGAIN);
	ck_assert_ptr_nonnull(strstr(err.msg, "prod.tail 0 - cons.tail 1000"));
}
END_TEST

START_TEST(tails_wrapping_past_2_32)
{
	unsigned char buf[384];
	struct synth s = pool;
	struct dpdk_ring_expect want = { "RG_ring_7_4242", 384 + 128 * 8, 100 };
	struct dpdk_ring_header h;
	struct mt_err err = { 0, "" };
	uint32_t n;

	s.prod_head = s.prod_tail = 5;
	s.cons_head = s.cons_tail = 0xfffffffeu;
	synth(buf, 384, &s);
	ck_assert_msg(dpdk_ring_decode(buf, 384, &want, &h, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(h.free, 7);
	ck_assert_int_eq(dpdk_ring_free(5, 0xfffffffeu, 100, &n), 0);
	ck_assert_uint_eq(n, 7);
	ck_assert_int_eq(dpdk_ring_free(3, 0, 2, &n), -ERANGE);
	ck_assert_int_eq(dpdk_ring_free(0, 1, 100, &n), -ERANGE);   /* -1: a torn read */
	ck_assert_int_eq(dpdk_ring_free(100, 0, 100, &n), 0);
	ck_assert_uint_eq(n, 100);
}
END_TEST

static Suite *dpdk_ring_suite(void)
{
	Suite *s = suite_create("dpdk_ring");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, recorded_idle_headers);
	tcase_add_test(tc, recorded_exhausted_headers);
	tcase_add_test(tc, recorded_capacity_checked_against_pool_count);
	tcase_add_test(tc, every_supported_header_size);
	tcase_add_test(tc, layout_offsets_follow_the_size);
	tcase_add_test(tc, exact_size_rule);
	tcase_add_test(tc, non_exact_ring_and_sync_modes);
	tcase_add_test(tc, damaged_headers_are_errors);
	tcase_add_test(tc, zone_and_expectations_checked);
	tcase_add_test(tc, tails_wrapping_past_2_32);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(dpdk_ring_suite());
}
