/*
 * Decoding an rte_ring header (contract and layout: dpdk_ring.h).
 *
 * Fields are assembled byte by byte as little-endian, so the result does not
 * depend on how this program was built.  The padding checks are what catch a
 * layout we do not know: a field moved by a future DPDK lands in bytes we
 * expect to be zero, and the decode fails instead of reading the wrong word.
 */
#include "dpdk_ring.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define OFF_FLAGS 32u
#define OFF_MEMZONE 40u
#define OFF_SIZE 48u
#define OFF_MASK 52u
#define OFF_CAPACITY 56u
#define GROUP0_USED 60u          /* bytes of group 0 holding fields */
#define HEADTAIL_USED 12u        /* head, tail, sync_type */
#define RTS_HEADTAIL_USED 24u    /* tail (8), sync_type, htd_max, head (8) */

/* enum rte_ring_sync_type */
#define SYNC_MT 0u
#define SYNC_ST 1u
#define SYNC_MT_RTS 2u
#define SYNC_MT_HTS 3u

static const uint32_t header_sizes[] = { 384, 576, 768, 1152 };

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static bool is_pow2(uint32_t v)
{
	return v != 0 && (v & (v - 1)) == 0;
}

int dpdk_ring_layout_for_header(uint32_t header_size, struct dpdk_ring_layout *out,
				struct mt_err *err)
{
	for (size_t i = 0; i < sizeof(header_sizes) / sizeof(header_sizes[0]); i++) {
		if (header_sizes[i] != header_size)
			continue;
		out->header_size = header_size;
		out->group = header_size / 3;
		out->prod_tail_off = out->group + 4;
		out->cons_tail_off = 2 * out->group + 4;
		return 0;
	}
	mt_err_set(err, -EINVAL,
		   "ring header of %u bytes: not a layout we know (384, 576, 768 or 1152: three "
		   "groups of one cache line of 64 or 128 bytes plus 1 or 2 guard lines)",
		   header_size);
	return -EINVAL;
}

int dpdk_ring_layout_for_zone(uint64_t zone_len, uint32_t size, struct dpdk_ring_layout *out,
			      struct mt_err *err)
{
	uint64_t slots = (uint64_t)size * DPDK_RING_ELT_SIZE;

	if (zone_len <= slots) {
		mt_err_set(err, -EINVAL, "zone length 0x%llx leaves no room for a header before "
			   "%u slots x 8 bytes", (unsigned long long)zone_len, size);
		return -EINVAL;
	}
	if (zone_len - slots > DPDK_RING_HEADER_MAX) {
		mt_err_set(err, -EINVAL, "zone length 0x%llx - %u slots x 8 leaves %llu bytes, "
			   "more than any ring header (384, 576, 768 or 1152)",
			   (unsigned long long)zone_len, size,
			   (unsigned long long)(zone_len - slots));
		return -EINVAL;
	}
	if (dpdk_ring_layout_for_header((uint32_t)(zone_len - slots), out, err)) {
		mt_err_prefix(err, "zone length 0x%llx - %u slots x 8",
			      (unsigned long long)zone_len, size);
		return -EINVAL;
	}
	return 0;
}

uint32_t dpdk_ring_exact_size(uint32_t capacity)
{
	uint32_t size = 1;

	if (capacity == 0 || capacity >= DPDK_RING_MAX_SIZE)
		return 0;
	while (size <= capacity)
		size <<= 1;
	return size;
}

int dpdk_ring_free(uint32_t prod_tail, uint32_t cons_tail, uint32_t capacity, uint32_t *nfree)
{
	uint32_t d = prod_tail - cons_tail;

	if (d > capacity)
		return -ERANGE;
	*nfree = d;
	return 0;
}

static bool all_zero(const unsigned char *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (p[i])
			return false;
	return true;
}

/* The first non-zero byte in [from, to), for the message. */
static size_t first_nonzero(const unsigned char *p, size_t from, size_t to)
{
	while (from < to && !p[from])
		from++;
	return from;
}

static int check_name(const unsigned char *p, const char *zone, struct dpdk_ring_header *out,
		      struct mt_err *err)
{
	size_t plen = strlen(DPDK_RING_MZ_PREFIX), n;
	const char *want;

	if (strncmp(zone, DPDK_RING_MZ_PREFIX, plen) != 0) {
		mt_err_set(err, -EINVAL, "%s: not a ring's memzone (no \"%s\" prefix)", zone,
			   DPDK_RING_MZ_PREFIX);
		return -EINVAL;
	}
	want = zone + plen;
	for (n = 0; n < DPDK_RING_NAME_MAX && p[n]; n++)
		if (p[n] < 0x20 || p[n] > 0x7e)
			break;
	if (n == DPDK_RING_NAME_MAX) {
		mt_err_set(err, -EINVAL, "%s: header name has no NUL within %u bytes", zone,
			   DPDK_RING_NAME_MAX);
		return -EINVAL;
	}
	if (p[n]) {
		mt_err_set(err, -EINVAL, "%s: header name byte %zu is 0x%02x, not printable", zone,
			   n, p[n]);
		return -EINVAL;
	}
	memcpy(out->name, p, n);
	out->name[n] = '\0';
	if (strcmp(out->name, want) != 0) {
		mt_err_set(err, -EINVAL, "%s: header name '%s', expected '%s'", zone, out->name,
			   want);
		return -EINVAL;
	}
	if (!all_zero(p, n, DPDK_RING_NAME_MAX) || !all_zero(p, OFF_FLAGS + 4, OFF_MEMZONE)) {
		mt_err_set(err, -EINVAL, "%s: non-zero padding around the name or flags (byte "
			   "%zu): not a ring header laid out as DPDK 20.11-25.11 do", zone,
			   all_zero(p, n, DPDK_RING_NAME_MAX) ?
			   first_nonzero(p, OFF_FLAGS + 4, OFF_MEMZONE) :
			   first_nonzero(p, n, DPDK_RING_NAME_MAX));
		return -EINVAL;
	}
	return 0;
}

static int check_sizes(const char *zone, const struct dpdk_ring_header *h, uint32_t want_cap,
		       struct mt_err *err)
{
	if (!is_pow2(h->size) || h->size < DPDK_RING_MIN_SIZE || h->size > DPDK_RING_MAX_SIZE) {
		mt_err_set(err, -EINVAL, "%s: size %u: not a power of two from %u to 2^30", zone,
			   h->size, DPDK_RING_MIN_SIZE);
		return -EINVAL;
	}
	if (h->mask != h->size - 1) {
		mt_err_set(err, -EINVAL, "%s: mask 0x%x, expected size - 1 = 0x%x", zone, h->mask,
			   h->size - 1);
		return -EINVAL;
	}
	if (h->flags & DPDK_RING_F_EXACT_SZ) {
		if (dpdk_ring_exact_size(h->capacity) != h->size) {
			mt_err_set(err, -EINVAL, "%s: capacity %u in a ring of size %u "
				   "(RING_F_EXACT_SZ makes size the smallest power of two above "
				   "capacity)", zone,
				   h->capacity, h->size);
			return -EINVAL;
		}
	} else if (h->capacity != h->size - 1) {
		mt_err_set(err, -EINVAL, "%s: capacity %u, expected size - 1 = %u (no "
			   "RING_F_EXACT_SZ)", zone, h->capacity, h->size - 1);
		return -EINVAL;
	}
	if (want_cap && h->capacity != want_cap) {
		mt_err_set(err, -EINVAL, "%s: capacity %u, expected the pool count %u", zone,
			   h->capacity, want_cap);
		return -EINVAL;
	}
	return 0;
}

/* The sync_type rte_ring_init() derives from the flags for one side. */
static int side_sync(uint32_t flags, uint32_t single, uint32_t rts, uint32_t hts, uint32_t *out)
{
	int n = !!(flags & single) + !!(flags & rts) + !!(flags & hts);

	if (n > 1)
		return -1;
	*out = (flags & single) ? SYNC_ST : (flags & rts) ? SYNC_MT_RTS :
	       (flags & hts) ? SYNC_MT_HTS : SYNC_MT;
	return 0;
}

/* One head/tail group: its sync_type matches the flags, the rest of it is padding. */
static int check_group(const unsigned char *p, const char *zone, const char *side,
		       uint32_t base, uint32_t group, uint32_t sync, struct mt_err *err)
{
	uint32_t used = sync == SYNC_MT_RTS ? RTS_HEADTAIL_USED : HEADTAIL_USED;
	uint32_t got = le32(p + base + 8);

	if (got != sync) {
		mt_err_set(err, -EINVAL, "%s: %s.sync_type %u, the flags say %u", zone, side, got,
			   sync);
		return -EINVAL;
	}
	if (!all_zero(p, base + used, base + group)) {
		mt_err_set(err, -EINVAL, "%s: non-zero byte %zu in the %s group's padding: not "
			   "the layout a %u-byte header has in DPDK 20.11-25.11", zone,
			   first_nonzero(p, base + used, base + group), side, 3 * group);
		return -EINVAL;
	}
	return 0;
}

static int check_layout(const unsigned char *p, const char *zone, struct dpdk_ring_header *h,
			struct mt_err *err)
{
	uint32_t s = h->layout.group, psync, csync;

	if (h->flags & ~DPDK_RING_F_KNOWN) {
		mt_err_set(err, -EINVAL, "%s: flags 0x%x have bits DPDK does not define (0x%x)",
			   zone, h->flags, h->flags & ~DPDK_RING_F_KNOWN);
		return -EINVAL;
	}
	if (side_sync(h->flags, DPDK_RING_F_SP_ENQ, DPDK_RING_F_MP_RTS_ENQ,
		      DPDK_RING_F_MP_HTS_ENQ, &psync) ||
	    side_sync(h->flags, DPDK_RING_F_SC_DEQ, DPDK_RING_F_MC_RTS_DEQ,
		      DPDK_RING_F_MC_HTS_DEQ, &csync)) {
		mt_err_set(err, -EINVAL, "%s: flags 0x%x ask for two sync modes on one side",
			   zone, h->flags);
		return -EINVAL;
	}
	if (!all_zero(p, GROUP0_USED, s)) {
		mt_err_set(err, -EINVAL, "%s: non-zero byte %zu after capacity: not the layout a "
			   "%u-byte header has in DPDK 20.11-25.11", zone,
			   first_nonzero(p, GROUP0_USED, s), 3 * s);
		return -EINVAL;
	}
	if (check_group(p, zone, "prod", s, s, psync, err) ||
	    check_group(p, zone, "cons", 2 * s, s, csync, err))
		return -EINVAL;
	return 0;
}

static int check_tails(const char *zone, struct dpdk_ring_header *h, struct mt_err *err)
{
	if (dpdk_ring_free(h->prod_tail, h->cons_tail, h->capacity, &h->free)) {
		mt_err_set(err, -EAGAIN, "%s: prod.tail %u - cons.tail %u = %u exceeds capacity %u",
			   zone, h->prod_tail, h->cons_tail, h->prod_tail - h->cons_tail,
			   h->capacity);
		return -EAGAIN;
	}
	if (h->prod_head - h->prod_tail > h->capacity ||
	    h->cons_head - h->cons_tail > h->capacity) {
		mt_err_set(err, -EAGAIN, "%s: a head runs more than capacity %u ahead of its tail "
			   "(prod %u/%u, cons %u/%u)", zone, h->capacity, h->prod_head,
			   h->prod_tail, h->cons_head, h->cons_tail);
		return -EAGAIN;
	}
	return 0;
}

int dpdk_ring_decode(const void *bytes, size_t len, const struct dpdk_ring_expect *want,
		     struct dpdk_ring_header *out, struct mt_err *err)
{
	const unsigned char *p = bytes;
	const char *zone = want->zone_name ? want->zone_name : "(no zone)";
	struct dpdk_ring_header h;

	memset(&h, 0, sizeof(h));
	memset(out, 0, sizeof(*out));
	if (!want->zone_name) {
		mt_err_set(err, -EINVAL, "ring header: no memzone name to check it against");
		return -EINVAL;
	}
	if (len < GROUP0_USED) {
		mt_err_set(err, -EINVAL, "%s: %zu bytes, too short for a ring header", zone, len);
		return -EINVAL;
	}
	h.flags = le32(p + OFF_FLAGS);
	h.size = le32(p + OFF_SIZE);
	h.mask = le32(p + OFF_MASK);
	h.capacity = le32(p + OFF_CAPACITY);
	if (check_sizes(zone, &h, want->capacity, err))
		return -EINVAL;
	if (dpdk_ring_layout_for_zone(want->zone_len, h.size, &h.layout, err)) {
		mt_err_prefix(err, "%s", zone);
		return -EINVAL;
	}
	if (len < h.layout.header_size) {
		mt_err_set(err, -EINVAL, "%s: %zu bytes, the zone implies a %u-byte header", zone,
			   len, h.layout.header_size);
		return -EINVAL;
	}
	if (check_name(p, zone, &h, err) || check_layout(p, zone, &h, err))
		return -EINVAL;
	h.prod_head = le32(p + h.layout.group);
	h.prod_tail = le32(p + h.layout.prod_tail_off);
	h.cons_head = le32(p + 2 * h.layout.group);
	h.cons_tail = le32(p + h.layout.cons_tail_off);
	if (check_tails(zone, &h, err))
		return -EAGAIN;
	*out = h;
	return 0;
}
