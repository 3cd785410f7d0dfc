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
#include "ring_bytes.h"

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

static const struct ring_bytes pool = {
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

		ring_bytes_header(buf, sizes[i], &pool);
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
	struct ring_bytes s = pool;
	unsigned char buf[384];
	struct dpdk_ring_expect want = { "RG_ring_7_4242", 384 + 128 * 8, 0 };
	struct dpdk_ring_header h;
	struct mt_err err = { 0, "" };

	s.flags = 0;
	s.capacity = 127;
	ring_bytes_header(buf, 384, &s);
	ck_assert_msg(dpdk_ring_decode(buf, 384, &want, &h, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(h.capacity, 127);

	/* SP/SC: sync_type 1 on both sides. */
	s = pool;
	s.flags |= DPDK_RING_F_SP_ENQ | DPDK_RING_F_SC_DEQ;
	ring_bytes_header(buf, 384, &s);
	ck_assert_int_eq(dpdk_ring_decode(buf, 384, &want, &h, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "RG_ring_7_4242: prod.sync_type 0, the flags say 1");
	ring_bytes_put32(buf + 128 + 8, 1);
	ring_bytes_put32(buf + 256 + 8, 1);
	ck_assert_msg(dpdk_ring_decode(buf, 384, &want, &h, &err) == 0, "%s", err.msg);

	/* RTS: the head/tail struct is 24 bytes, htd_max at +12. */
	s = pool;
	s.flags |= DPDK_RING_F_MP_RTS_ENQ;
	ring_bytes_header(buf, 384, &s);
	ring_bytes_put32(buf + 128 + 8, 2);
	ring_bytes_put32(buf + 128 + 12, 12);
	ring_bytes_put32(buf + 128 + 20, 1000);
	ck_assert_msg(dpdk_ring_decode(buf, 384, &want, &h, &err) == 0, "%s", err.msg);
	s.flags |= DPDK_RING_F_SP_ENQ;
	ring_bytes_header(buf, 384, &s);
	ck_assert_int_eq(dpdk_ring_decode(buf, 384, &want, &h, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "two sync modes on one side"));
}
END_TEST

/* A damage: up to 8 words or bytes written over a good header, and what it must say. */
struct poke {
	unsigned off, val, width;   /* width 4: a little-endian word; 1: a byte; 0: unused */
};

struct damage {
	struct poke p[8];
	size_t len;
	int rc;
	const char *msg;
};

#define RRRR 0x72727272u    /* "rrrr" */

static const struct damage damages[] = {
	{ { { 52, 126, 4 } }, 384, -EINVAL, "mask 0x7e, expected size - 1 = 0x7f" },
	{ { { 48, 96, 4 }, { 52, 95, 4 } }, 384, -EINVAL,
	  "size 96: not a power of two from 16 to 2^30" },
	{ { { 48, 8, 4 }, { 52, 7, 4 } }, 384, -EINVAL,
	  "size 8: not a power of two from 16 to 2^30" },
	{ { { 56, 63, 4 } }, 384, -EINVAL, "capacity 63 in a ring of size 128" },
	{ { { 56, 128, 4 } }, 384, -EINVAL, "capacity 128 in a ring of size 128" },
	{ { { 128, 1101, 4 }, { 132, 1101, 4 } }, 384, -EAGAIN,
	  "prod.tail 1101 - cons.tail 930 = 171 exceeds capacity 100" },
	{ { { 128, 1500, 4 } }, 384, -EAGAIN, "a head runs more than capacity 100 ahead" },
	{ { { 5, '8', 1 } }, 384, -EINVAL, "header name 'ring_8_4242', expected 'ring_7_4242'" },
	{ { { 0, RRRR, 4 }, { 4, RRRR, 4 }, { 8, RRRR, 4 }, { 12, RRRR, 4 }, { 16, RRRR, 4 },
	    { 20, RRRR, 4 }, { 24, RRRR, 4 }, { 28, RRRR, 4 } },
	  384, -EINVAL, "header name has no NUL within 32 bytes" },
	{ { { 3, 1, 1 } }, 384, -EINVAL, "header name byte 3 is 0x01" },
	{ { { 32, 0x84, 4 } }, 384, -EINVAL, "bits DPDK does not define (0x80)" },
	{ { { 100, 1, 1 } }, 384, -EINVAL, "non-zero byte 100 after capacity" },
	{ { { 168, 1, 1 } }, 384, -EINVAL, "non-zero byte 168 in the prod group" },
	{ { { 383, 1, 1 } }, 384, -EINVAL, "non-zero byte 383 in the cons group" },
	{ { { 30, 'x', 1 } }, 384, -EINVAL, "padding around the name or flags (byte 30)" },
	{ { { 0 } }, 383, -EINVAL, "383 bytes, the zone implies a 384-byte header" },
	{ { { 0 } }, 40, -EINVAL, "40 bytes, too short for a ring header" },
};

START_TEST(damaged_headers_are_errors)
{
	const struct damage *d = &damages[_i];
	unsigned char buf[384];
	struct dpdk_ring_expect want = { "RG_ring_7_4242", 384 + 128 * 8, 100 };
	struct dpdk_ring_header h;
	struct mt_err err = { 0, "" };

	ring_bytes_header(buf, 384, &pool);
	for (size_t k = 0; k < 8 && d->p[k].width; k++) {
		if (d->p[k].width == 4)
			ring_bytes_put32(buf + d->p[k].off, d->p[k].val);
		else
			buf[d->p[k].off] = (unsigned char)d->p[k].val;
	}
	ck_assert_int_eq(dpdk_ring_decode(buf, d->len, &want, &h, &err), d->rc);
	ck_assert_msg(strstr(err.msg, d->msg) != NULL, "'%s' not in '%s'", d->msg, err.msg);
	ck_assert_uint_eq(h.capacity, 0);  /* nothing half-filled */
}
END_TEST

START_TEST(zone_and_expectations_checked)
{
	unsigned char buf[768];
	struct dpdk_ring_expect want = { "RG_ring_7_4242", 384 + 128 * 8 + 64, 0 };
	struct dpdk_ring_header h;
	struct mt_err err = { 0, "" };

	ring_bytes_header(buf, 384, &pool);
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
	ring_bytes_header(buf, 384, &pool);
	want.zone_name = "RG_ring_7_4242";
	want.zone_len = 768 + 128 * 8;
	ck_assert_int_eq(dpdk_ring_decode(buf, 768, &want, &h, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "non-zero byte 128 after capacity"));
	/* The other way round the producer's words land on the consumer's: tails disagree. */
	ring_bytes_header(buf, 768, &pool);
	want.zone_len = 384 + 128 * 8;
	ck_assert_int_eq(dpdk_ring_decode(buf, 768, &want, &h, &err), -EAGAIN);
	ck_assert_ptr_nonnull(strstr(err.msg, "prod.tail 0 - cons.tail 1000"));
}
END_TEST

START_TEST(tails_wrapping_past_2_32)
{
	unsigned char buf[384];
	struct ring_bytes s = pool;
	struct dpdk_ring_expect want = { "RG_ring_7_4242", 384 + 128 * 8, 100 };
	struct dpdk_ring_header h;
	struct mt_err err = { 0, "" };
	uint32_t n;

	s.prod_head = s.prod_tail = 5;
	s.cons_head = s.cons_tail = 0xfffffffeu;
	ring_bytes_header(buf, 384, &s);
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
	tcase_add_loop_test(tc, damaged_headers_are_errors, 0,
			    (int)(sizeof(damages) / sizeof(damages[0])));
	tcase_add_test(tc, zone_and_expectations_checked);
	tcase_add_test(tc, tails_wrapping_past_2_32);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(dpdk_ring_suite());
}
