/*
 * dpdk_mem_dump_read() on the two dumps recorded from real targets
 * (tests/fixtures/rings/, idle and exhausted) and on variants made from them
 * or written here: cut short, garbage, sections missing, CRLF, another
 * spacing, over every bound, a large --no-huge-like file read in bounded
 * memory, the byte cap, and paths that are not regular files (a FIFO must be
 * refused at once, not waited on).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "dpdk_mem_dump.h"
#include "fixture_io.h"

#define RINGS MEMTOP_FIXTURES "/rings"
#define IDLE RINGS "/idle.spdk_mem_dump.txt"
#define EXHAUSTED RINGS "/exhausted.spdk_mem_dump.txt"

static struct dpdk_mem_dump *dump_new(void)
{
	struct dpdk_mem_dump *d = malloc(sizeof(*d));

	ck_assert_ptr_nonnull(d);
	return d;
}

static struct dpdk_mem_dump *read_ok(const char *path)
{
	struct dpdk_mem_dump *d = dump_new();
	struct mt_err err = { 0, "" };
	int rc = dpdk_mem_dump_read(path, 0, d, &err);

	ck_assert_msg(rc == 0, "%s: %d %s", path, rc, err.msg);
	return d;
}

/* The streaming core over a string, as the reader would feed it. */
static struct dpdk_mem_dump *parse_text(const char *text)
{
	struct dpdk_mem_dump *d = dump_new();
	const char *p = text;

	dpdk_mem_dump_init(d, "text");
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		dpdk_mem_dump_line(d, p, n);
		p += n + (nl != NULL);
	}
	dpdk_mem_dump_finish(d);
	return d;
}

static void check_zone(const struct dpdk_mem_dump *d, const char *name, unsigned long long len,
		       unsigned long long virt, int socket, unsigned long line)
{
	const struct dpdk_memzone *z = dpdk_mem_dump_zone(d, name);

	ck_assert_msg(z != NULL, "no zone %s", name);
	ck_assert_uint_eq(z->len, len);
	ck_assert_uint_eq(z->virt, virt);
	ck_assert_int_eq(z->socket_id, socket);
	if (line)
		ck_assert_uint_eq(z->line, line);
}

static void check_heap(const struct dpdk_heap_stats *h, unsigned long long size,
		       unsigned long long free_sz, unsigned long long alloc,
		       unsigned long long greatest, unsigned long long nalloc,
		       unsigned long long nfree)
{
	ck_assert_uint_eq(h->id, 0);
	ck_assert_str_eq(h->name, "socket_0");
	ck_assert_int_eq(h->socket_id, 0);
	ck_assert_uint_eq(h->heap_size, size);
	ck_assert_uint_eq(h->free_size, free_sz);
	ck_assert_uint_eq(h->alloc_size, alloc);
	ck_assert_uint_eq(h->greatest_free_size, greatest);
	ck_assert_uint_eq(h->alloc_count, nalloc);
	ck_assert_uint_eq(h->free_count, nfree);
}

static void check_clean(const struct dpdk_mem_dump *d)
{
	ck_assert_msg(d->warnings.n == 0, "warning: %s", d->warnings.msg[0]);
	ck_assert_uint_eq(d->bad_records, 0);
	ck_assert_uint_eq(d->long_lines, 0);
}

START_TEST(idle_dump)
{
	struct dpdk_mem_dump *d = read_ok(IDLE);
	const struct dpdk_mempool *m;

	check_clean(d);
	ck_assert_uint_eq(d->sections, 0x1f);
	ck_assert(d->has_memory_size);
	ck_assert_uint_eq(d->memory_size, 819986432ull);
	ck_assert_uint_eq(d->nzones, 30);
	ck_assert_str_eq(d->zones[0].name, "MP_evtpool_23677");
	ck_assert_str_eq(d->zones[29].name, "RG_ring_5_23677");
	check_zone(d, "RG_ring_2_23677", 0x20180, 0x2000008df9c0ull, 0, 445);
	check_zone(d, "RG_ring_3_23677", 0x4180, 0x2000008db700ull, 0, 448);
	ck_assert_uint_eq(dpdk_mem_dump_zone(d, "RG_ring_3_23677")->flags, 0);
	check_zone(d, "MP_PDU_immediate_data_Pool_0", 0xd36aa80, 0x200018895580ull, 0, 0);
	/* 32 heap ids: one named, 31 unused ones counted, and the element lists ignored. */
	ck_assert_uint_eq(d->nheaps, 1);
	ck_assert_uint_eq(d->heaps_unused, 31);
	check_heap(&d->heaps[0], 819986432ull, 11893760, 808092672ull, 1048448, 180, 15);
	ck_assert_uint_eq(d->segments, 391);
	ck_assert_uint_eq(d->nseg_totals, 1);
	ck_assert_int_eq(d->seg_totals[0].socket_id, 0);
	ck_assert_uint_eq(d->seg_totals[0].hugepage_sz, 2097152);
	ck_assert_uint_eq(d->seg_totals[0].segments, 391);
	ck_assert_uint_eq(d->seg_totals[0].bytes, d->memory_size);
	ck_assert_uint_eq(d->nmempools, 8);
	m = &d->mempools[0];
	ck_assert_str_eq(m->name, "evtpool_23677");
	ck_assert_uint_eq(m->addr, 0x2000002d7d80ull);
	ck_assert_int_eq(m->socket_id, -1);
	ck_assert_uint_eq(m->flags, 0x10);
	ck_assert_uint_eq(m->size, 16383);
	ck_assert_uint_eq(m->populated_size, 16383);
	ck_assert_uint_eq(m->header_size, 64);
	ck_assert_uint_eq(m->elt_size, 32);
	ck_assert_uint_eq(m->trailer_size, 96);
	ck_assert_uint_eq(m->total_obj_size, 192);
	ck_assert_uint_eq(m->cache_size, 512);
	ck_assert(m->has_total_cache_count && m->has_common_pool_count);
	ck_assert_uint_eq(m->total_cache_count, 513);
	ck_assert_uint_eq(m->common_pool_count, 15870);
	m = &d->mempools[1];
	ck_assert_str_eq(m->name, "msgpool_23677");
	ck_assert_uint_eq(m->cache_size, 0);
	ck_assert(!m->has_total_cache_count);
	ck_assert_uint_eq(m->common_pool_count, 259071);
	ck_assert_str_eq(d->mempools[7].name, "SCSI_TASK_Pool");
	ck_assert_uint_eq(d->mempools[7].elt_size, 440);
	free(d);
}
END_TEST

START_TEST(exhausted_dump)
{
	struct dpdk_mem_dump *d = read_ok(EXHAUSTED);

	check_clean(d);
	ck_assert_uint_eq(d->memory_size, 257949696ull);
	ck_assert_uint_eq(d->nzones, 15);
	ck_assert_str_eq(d->zones[0].name, "rte_eth_dev_data");
	check_zone(d, "RG_ring_2_23757", 0x580, 0x2000008ff5c0ull, 0, 180);
	check_zone(d, "RG_ring_3_23757", 0x200, 0x2000008ff280ull, 0, 183);
	ck_assert_uint_eq(d->nheaps, 1);
	check_heap(&d->heaps[0], 257949696ull, 2456000, 255493696ull, 916352, 229, 15);
	ck_assert_uint_eq(d->segments, 123);
	ck_assert_uint_eq(d->seg_totals[0].bytes, 257949696ull);
	ck_assert_uint_eq(d->nmempools, 3);
	ck_assert_str_eq(d->mempools[2].name, "bdev_io_23757");
	ck_assert_uint_eq(d->mempools[2].common_pool_count, 65279);
	free(d);
}
END_TEST

/* Every RG_ring zone of a dump agrees with the decoded.txt written when it was recorded. */
static void zones_match_decoded(const char *which)
{
	char path[512], *text, *line, *save = NULL;
	struct dpdk_mem_dump *d;
	int n = 0;

	snprintf(path, sizeof(path), "%s/%s.spdk_mem_dump.txt", RINGS, which);
	d = read_ok(path);
	snprintf(path, sizeof(path), "%s/%s.decoded.txt", RINGS, which);
	text = fixture_read(path, NULL);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char tag[32], zone[64];
		unsigned long long len, virt;
		int socket;

		ck_assert_int_eq(sscanf(line, "%31s %63s len=%llx virt=%llx socket=%d", tag, zone,
					&len, &virt, &socket), 5);
		check_zone(d, zone, len, virt, socket, 0);
		n++;
	}
	ck_assert_int_gt(n, 4);
	free(text);
	free(d);
}

START_TEST(zones_agree_with_decoded)
{
	zones_match_decoded("idle");
	zones_match_decoded("exhausted");
}
END_TEST

struct tmp {
	char dir[64];
	char path[128];
};

static void tmp_make(struct tmp *t, const char *name)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/memtop-dump-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/%s", t->dir, name);
}

static void write_bytes(const char *path, const char *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(p, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(cut_short_mid_line)
{
	struct tmp t;
	size_t len;
	char *text = fixture_read(IDLE, &len), *cut;
	struct dpdk_mem_dump *d = dump_new();
	struct mt_err err = { 0, "" };
	char want[256];

	cut = strstr(text, "Zone 9: name:<RG_ring_3_23677>, len:0x4180, virt:0x2000");
	ck_assert_ptr_nonnull(cut);
	tmp_make(&t, "cut.txt");
	/* Ends inside virt: a zone with a wrong address if it were taken. */
	write_bytes(t.path, text, (size_t)(cut - text) + 52);
	ck_assert_int_eq(dpdk_mem_dump_read(t.path, 0, d, &err), 0);
	ck_assert_uint_eq(d->nzones, 9);
	ck_assert_ptr_null(dpdk_mem_dump_zone(d, "RG_ring_3_23677"));
	ck_assert_uint_eq(d->bad_records, 1);
	snprintf(want, sizeof(want), "%s:448: last line has no newline: the dump was cut short; "
		 "line ignored", t.path);
	ck_assert_str_eq(d->warnings.msg[0], want);
	ck_assert_uint_eq(d->nmempools, 0);
	ck_assert_uint_eq(d->sections, 0x03);
	unlink(t.path);
	rmdir(t.dir);
	free(text);
	free(d);
}
END_TEST

START_TEST(garbage_lines_named_by_line)
{
	struct dpdk_mem_dump *d = parse_text(
		"DPDK memzones.\n"
		"Zone 0: name:<good_0>, len:0x100, virt:0x2000, socket_id:1, flags:8\n"
		"Zone 1: name:<no_close, len:0x100, virt:0x2000, socket_id:0, flags:0\n"
		"Zone 2: name:<bad_len>, len:zz, virt:0x2000, socket_id:0, flags:0\n"
		"Zone 3: name:<no_virt>, len:0x100, socket_id:0, flags:0\n"
		"Zone 4: name:<a_name_longer_than_thirty_one_chars>, len:0x1, virt:0x1, "
		"socket_id:0\n"
		"Zone 5: name:<bin\001ary>, len:0x100, virt:0x2000, socket_id:0\n"
		"Zone 6: name:<good_0>, len:0x100, virt:0x3000, socket_id:0, flags:0\n"
		"Zone x: name:<not_numbered>, len:0x1, virt:0x1, socket_id:0\n"
		"Zonk 7: garbage\n"
		"\x7f\x45\x4c\x46\x02\x01\x01 binary junk\n"
		"Zone 8: name:<good_1>, len:0x200, virt:(nil), socket_id:-1, flags:0\n"
		"Segment 0-0: IOVA:0x0, len:oops, virt:0x0, socket_id:0, hugepage_sz:4096\n"
		"mempool <unterminated@0x1\n"
		"DPDK memory size many\n");

	ck_assert_uint_eq(d->nzones, 2);
	check_zone(d, "good_0", 0x100, 0x2000, 1, 2);
	ck_assert_uint_eq(d->zones[0].flags, 8);
	check_zone(d, "good_1", 0x200, 0, -1, 12);
	ck_assert_uint_eq(d->bad_records, 9);
	ck_assert_uint_eq(d->warnings.n, 9);
	ck_assert_str_eq(d->warnings.msg[0], "text:3: memzone line without name:<...>");
	ck_assert_str_eq(d->warnings.msg[1], "text:4: memzone bad_len: len, virt or socket_id "
			 "missing or not a number");
	ck_assert_str_eq(d->warnings.msg[2], "text:5: memzone no_virt: len, virt or socket_id "
			 "missing or not a number");
	ck_assert_str_eq(d->warnings.msg[3], "text:6: memzone name of 35 bytes is not a DPDK "
			 "name (at most 31 printable)");
	ck_assert_str_eq(d->warnings.msg[4], "text:7: memzone name of 7 bytes is not a DPDK "
			 "name (at most 31 printable)");
	ck_assert_str_eq(d->warnings.msg[5], "text:8: memzone good_0 listed twice; the second "
			 "is ignored");
	ck_assert_str_eq(d->warnings.msg[6], "text:13: segment: len, socket_id or hugepage_sz "
			 "missing or not a number");
	ck_assert_str_eq(d->warnings.msg[7], "text:14: mempool line without <name>@address");
	ck_assert_str_eq(d->warnings.msg[8], "text:15: \"DPDK memory size\" without a number");
	ck_assert(!d->has_memory_size);
	free(d);
}
END_TEST

START_TEST(sections_missing_or_alone)
{
	/* Only zone lines, no header: still zones.  Only heap stats: still heaps. */
	struct dpdk_mem_dump *d = parse_text(
		"Zone 0: name:<RG_ring_0_1>, len:0x580, virt:0x1000, socket_id:0, flags:0\n"
		"Heap id:1\n"
		"\tHeap name:socket_1\n"
		"\tHeap_size:1024,\n"
		"\tFree_size:512,\n");

	ck_assert_uint_eq(d->sections, 0);
	ck_assert_uint_eq(d->nzones, 1);
	ck_assert_uint_eq(d->nheaps, 1);
	ck_assert_int_eq(d->heaps[0].socket_id, 1);
	ck_assert_uint_eq(d->heaps[0].heap_size, 1024);
	ck_assert_uint_eq(d->heaps[0].free_size, 512);
	ck_assert_uint_eq(d->nmempools, 0);
	ck_assert(!d->has_memory_size);
	free(d);

	/* The element lists' "Heap id: N" titles are no stats, with or without their header. */
	d = parse_text("Heap id: 0\nHeap size: 0x30e00000\nHeap alloc count: 180\n"
		       "Malloc element at 0x200000200000 (FREE)\n");
	ck_assert_uint_eq(d->nheaps, 0);
	ck_assert_uint_eq(d->warnings.n, 0);
	free(d);

	/* A stats record cut before its sizes is reported, not kept. */
	d = parse_text("DPDK malloc stats.\nHeap id:0\n\tHeap name:socket_0\nDPDK malloc heaps.\n");
	ck_assert_uint_eq(d->nheaps, 0);
	ck_assert_str_eq(d->warnings.msg[0], "text:4: heap 0 (socket_0): no Heap_size before "
			 "the record ended");
	free(d);

	/* Empty input. */
	d = parse_text("");
	ck_assert_uint_eq(d->lines, 0);
	ck_assert_uint_eq(d->nzones, 0);
	free(d);
}
END_TEST

START_TEST(crlf_reads_the_same)
{
	struct tmp t;
	size_t len, n = 0;
	char *text = fixture_read(IDLE, &len), *crlf = malloc(2 * len);
	struct dpdk_mem_dump *plain = read_ok(IDLE), *d;

	ck_assert_ptr_nonnull(crlf);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			crlf[n++] = '\r';
		crlf[n++] = text[i];
	}
	tmp_make(&t, "crlf.txt");
	write_bytes(t.path, crlf, n);
	d = read_ok(t.path);
	check_clean(d);
	/* Entries [0, n) are the lists; nothing past them is cleared or read. */
	ck_assert_uint_eq(d->nzones, plain->nzones);
	ck_assert_mem_eq(d->zones, plain->zones, d->nzones * sizeof(d->zones[0]));
	ck_assert_uint_eq(d->nheaps, plain->nheaps);
	ck_assert_mem_eq(d->heaps, plain->heaps, d->nheaps * sizeof(d->heaps[0]));
	ck_assert_uint_eq(d->nmempools, plain->nmempools);
	ck_assert_mem_eq(d->mempools, plain->mempools, d->nmempools * sizeof(d->mempools[0]));
	ck_assert_uint_eq(d->nseg_totals, plain->nseg_totals);
	ck_assert_mem_eq(d->seg_totals, plain->seg_totals,
			 d->nseg_totals * sizeof(d->seg_totals[0]));
	unlink(t.path);
	rmdir(t.dir);
	free(text);
	free(crlf);
	free(plain);
	free(d);
}
END_TEST

START_TEST(other_spacing)
{
	struct dpdk_mem_dump *d = parse_text(
		"DPDK memory size  4096 \n"
		"Zone 8 :  name: <RG_ring_2_1>,  len : 0x20180 ,virt:0x2000008df9c0,socket_id: 0\n"
		"Zone 9: name:<with space>, len:0x40, virt:0x4000, socket_id:1, flags:1f\n"
		"Segment 3: IOVA:0x0, len:2097152, virt:0x1, socket_id:1, hugepage_sz:2097152\n"
		"Segment 1-7: IOVA:0x0,len:0x200000,virt:0x1,socket_id:1,hugepage_sz:2097152\n"
		"mempool  <p>@0x10\n"
		"    size = 7\n"
		"\tcommon_pool_count=5\n"
		"Heap id : 2\n"
		"  Heap name : socket_3 \n"
		"  Heap_size : 10 ,\n");

	ck_assert_msg(d->warnings.n == 0, "%s", d->warnings.msg[0]);
	ck_assert_uint_eq(d->memory_size, 4096);
	check_zone(d, "RG_ring_2_1", 0x20180, 0x2000008df9c0ull, 0, 2);
	ck_assert_str_eq(d->zones[1].name, "with space");
	ck_assert_uint_eq(d->zones[1].flags, 0x1f);
	ck_assert_uint_eq(d->nseg_totals, 1);
	ck_assert_uint_eq(d->seg_totals[0].segments, 2);
	ck_assert_uint_eq(d->seg_totals[0].bytes, 2 * 2097152ull);
	ck_assert_uint_eq(d->nmempools, 1);
	ck_assert_uint_eq(d->mempools[0].size, 7);
	ck_assert_uint_eq(d->mempools[0].common_pool_count, 5);
	ck_assert_uint_eq(d->nheaps, 1);
	ck_assert_uint_eq(d->heaps[0].id, 2);
	ck_assert_int_eq(d->heaps[0].socket_id, 3);
	ck_assert_uint_eq(d->heaps[0].heap_size, 10);
	free(d);
}
END_TEST

/* A key is a whole word: "len" is not found in "total_len" or "xlen", nor "id" in "socket_id". */
START_TEST(field_keys_are_whole_words)
{
	struct dpdk_mem_dump *d = parse_text(
		"Zone 1: name:<lenny>, total_len:0x99, xlen :0x98,len:0x40, virt:0x8, "
		"socket_id:1\n"
		"Zone 2: name:<b>,len:0x41 virt:0x9 xsocket_id:3 socket_id:0 flags:0\n");

	ck_assert_msg(d->warnings.n == 0, "%s", d->warnings.msg[0]);
	check_zone(d, "lenny", 0x40, 0x8, 1, 1);
	check_zone(d, "b", 0x41, 0x9, 0, 2);
	free(d);
}
END_TEST

START_TEST(bounds_count_what_is_dropped)
{
	size_t cap = 64 * 1024;
	char *text = malloc(cap), *p = text;
	struct dpdk_mem_dump *d;

	ck_assert_ptr_nonnull(text);
	for (int i = 0; i < 300; i++)
		p += sprintf(p, "Zone %d: name:<z%d>, len:0x40, virt:0x%x, socket_id:0\n", i, i,
			     0x1000 * (i + 1));
	for (int i = 0; i < 70; i++)
		p += sprintf(p, "Heap id:%d\n\tHeap name:socket_%d\n\tHeap_size:1,\n", i, i);
	for (int i = 0; i < 40; i++)
		p += sprintf(p, "Segment 0-%d: len:4096, socket_id:%d, hugepage_sz:4096\n", i, i);
	ck_assert_uint_lt((size_t)(p - text), cap);
	d = parse_text(text);
	ck_assert_uint_eq(d->nzones, DPDK_DUMP_MAX_ZONES);
	ck_assert_uint_eq(d->zones_dropped, 300 - DPDK_DUMP_MAX_ZONES);
	ck_assert_str_eq(d->zones[255].name, "z255");
	ck_assert_uint_eq(d->nheaps, DPDK_DUMP_MAX_HEAPS);
	ck_assert_uint_eq(d->heaps_dropped, 6);
	ck_assert_uint_eq(d->nseg_totals, DPDK_DUMP_MAX_SEG_TOTALS);
	ck_assert_uint_eq(d->seg_totals_dropped, 8);
	ck_assert_uint_eq(d->segments, 40);
	ck_assert_uint_eq(d->warnings.n, 3);
	ck_assert_str_eq(d->warnings.msg[0], "text:257: more than 256 memzones; the rest are "
			 "counted, not kept");
	free(d);

	p = text;
	for (int i = 0; i < 300; i++)
		p += sprintf(p, "mempool <m%d>@0x%x\n  size=%d\n", i, i + 1, i);
	d = parse_text(text);
	ck_assert_uint_eq(d->nmempools, DPDK_DUMP_MAX_MEMPOOLS);
	ck_assert_uint_eq(d->mempools_dropped, 44);
	ck_assert_uint_eq(d->mempools[255].size, 255);
	free(d);
	free(text);
}
END_TEST

START_TEST(long_lines_skipped_whole)
{
	struct tmp t;
	FILE *f;
	struct dpdk_mem_dump *d;

	tmp_make(&t, "long.txt");
	f = fopen(t.path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("Zone 0: name:<a>, len:0x40, virt:0x1000, socket_id:0\n", f);
	/* A zone line buried in a line too long to be DPDK's must not be taken. */
	fputs("Zone 1: name:<b>, len:0x40, virt:0x2000, socket_id:0", f);
	for (int i = 0; i < 100; i++)
		fputs("xxxxxxxxxx", f);
	fputs("\nZone 2: name:<c>, len:0x40, virt:0x3000, socket_id:0\n", f);
	ck_assert_int_eq(fclose(f), 0);
	d = read_ok(t.path);
	ck_assert_uint_eq(d->nzones, 2);
	ck_assert_str_eq(d->zones[1].name, "c");
	ck_assert_uint_eq(d->zones[1].line, 3);
	ck_assert_uint_eq(d->long_lines, 1);
	ck_assert_ptr_nonnull(strstr(d->warnings.msg[0], ":2: line longer than 512 bytes"));
	unlink(t.path);
	rmdir(t.dir);
	free(d);
}
END_TEST

/* A --no-huge-like dump: every 4 KiB page a Segment line, then the zones. */
static unsigned long long write_big(const char *path, unsigned pages)
{
	FILE *f = fopen(path, "w");
	long size;

	ck_assert_ptr_nonnull(f);
	fprintf(f, "DPDK memory size %llu\nDPDK memory layout\n", 4096ull * pages);
	for (unsigned i = 0; i < pages; i++)
		fprintf(f, "Segment 0-%u: IOVA:0x%llx, len:4096, virt:0x%llx, socket_id:%u, "
			"hugepage_sz:4096, nchannel:0, nrank:0 fd:-1\n", i,
			0x100000000ull + 4096ull * i, 0x200000000000ull + 4096ull * i, i & 1);
	fputs("DPDK memzones.\n", f);
	for (unsigned z = 0; z < 3; z++) {
		fprintf(f, "Zone %u: name:<RG_ring_%u_7>, len:0x580, virt:0x%llx, socket_id:0, "
			"flags:0\nphysical segments used:\n", z, z, 0x200000001000ull * (z + 1));
		for (unsigned i = 0; i < 1000; i++)
			fprintf(f, "  addr: 0x%llx iova: 0x0 len: 0x1000 pagesz: 0x1000\n",
				0x200000000000ull + 4096ull * i);
	}
	fputs("DPDK mempools.\nDPDK malloc stats.\nDPDK malloc heaps.\n", f);
	size = ftell(f);
	ck_assert_int_eq(fclose(f), 0);
	return (unsigned long long)size;
}

static long max_rss_kb(void)
{
	struct rusage ru;

	ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

START_TEST(large_file_in_bounded_memory)
{
	struct tmp t;
	unsigned long long size;
	struct dpdk_mem_dump *d = dump_new();
	struct mt_err err = { 0, "" };
	long before;

	tmp_make(&t, "big.txt");
	size = write_big(t.path, 300000);
	ck_assert_uint_gt(size, 32ull << 20);
	memset(d, 0, sizeof(*d));
	before = max_rss_kb();
	ck_assert_msg(dpdk_mem_dump_read(t.path, 0, d, &err) == 0, "%s", err.msg);
	/* Reading ~36 MB grew the peak by less than 4 MB: nothing was slurped. */
	ck_assert_int_lt(max_rss_kb() - before, 4096);
	ck_assert_uint_eq(d->bytes, size);
	check_clean(d);
	ck_assert_uint_eq(d->segments, 300000);
	ck_assert_uint_eq(d->nseg_totals, 2);
	ck_assert_uint_eq(d->seg_totals[0].bytes + d->seg_totals[1].bytes, 4096ull * 300000);
	ck_assert_uint_eq(d->nzones, 3);
	check_zone(d, "RG_ring_2_7", 0x580, 0x200000001000ull * 3, 0, 0);
	ck_assert_uint_eq(d->sections, 0x1f);

	/* The byte cap: refused from its size before a byte is read. */
	ck_assert_int_eq(dpdk_mem_dump_read(t.path, 1 << 20, d, &err), -EFBIG);
	ck_assert_ptr_nonnull(strstr(err.msg, t.path));
	ck_assert_ptr_nonnull(strstr(err.msg, "more than the 1048576 read at most"));
	ck_assert_uint_eq(d->bytes, 0);
	unlink(t.path);
	rmdir(t.dir);
	free(d);
}
END_TEST

/* The lists are not cleared ahead: a dump read into stale memory reads the same as into zeros. */
START_TEST(stale_memory_reads_the_same)
{
	struct dpdk_mem_dump *zeroed = calloc(1, sizeof(*zeroed)), *stale = dump_new();
	struct mt_err err = { 0, "" };

	ck_assert_ptr_nonnull(zeroed);
	memset(stale, 0xa5, sizeof(*stale));
	ck_assert_int_eq(dpdk_mem_dump_read(EXHAUSTED, 0, zeroed, &err), 0);
	ck_assert_int_eq(dpdk_mem_dump_read(EXHAUSTED, 0, stale, &err), 0);
	check_clean(stale);
	ck_assert_mem_eq(stale, zeroed, offsetof(struct dpdk_mem_dump, warnings));
	ck_assert_uint_gt(stale->nseg_totals, 0);
	ck_assert_mem_eq(stale->seg_totals, zeroed->seg_totals,
			 stale->nseg_totals * sizeof(stale->seg_totals[0]));
	ck_assert_uint_gt(stale->nzones, 0);
	ck_assert_mem_eq(stale->zones, zeroed->zones, stale->nzones * sizeof(stale->zones[0]));
	ck_assert_uint_gt(stale->nheaps, 0);
	ck_assert_mem_eq(stale->heaps, zeroed->heaps, stale->nheaps * sizeof(stale->heaps[0]));
	ck_assert_mem_eq(stale->mempools, zeroed->mempools,
			 stale->nmempools * sizeof(stale->mempools[0]));
	/* Read again over itself: the sums start from zero, not from the last read. */
	ck_assert_int_eq(dpdk_mem_dump_read(EXHAUSTED, 0, stale, &err), 0);
	ck_assert_mem_eq(stale->seg_totals, zeroed->seg_totals,
			 stale->nseg_totals * sizeof(stale->seg_totals[0]));
	free(zeroed);
	free(stale);
}
END_TEST

START_TEST(not_regular_files_refused_at_once)
{
	struct tmp t;
	struct dpdk_mem_dump *d = dump_new();
	struct mt_err err = { 0, "" };
	char want[256];

	tmp_make(&t, "fifo");
	ck_assert_int_eq(mkfifo(t.path, 0600), 0);
	alarm(10);   /* a hang fails here, not at check's timeout */
	ck_assert_int_eq(dpdk_mem_dump_read(t.path, 0, d, &err), -EINVAL);
	alarm(0);
	snprintf(want, sizeof(want), "%s: a FIFO; env_dpdk_get_mem_stats writes a regular file, "
		 "nothing else is read", t.path);
	ck_assert_str_eq(err.msg, want);
	unlink(t.path);

	ck_assert_int_eq(dpdk_mem_dump_read(t.dir, 0, d, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, ": a directory;"));
	ck_assert_int_eq(dpdk_mem_dump_read("/dev/null", 0, d, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "/dev/null: a character device;"));
	ck_assert_int_eq(dpdk_mem_dump_read(t.path, 0, d, &err), -ENOENT);
	snprintf(want, sizeof(want), "%s: cannot open the env_dpdk_get_mem_stats dump: %s (the "
		 "target writes it on its own host, in its own file system)", t.path,
		 strerror(ENOENT));
	ck_assert_str_eq(err.msg, want);
	rmdir(t.dir);
	free(d);
}
END_TEST

/*
 * A target in another mount namespace wrote "its" /tmp file under
 * /proc/<pid>/root: read there when ours is missing or another file, ours
 * when both names are one file or theirs cannot be reached.
 */
START_TEST(dump_path_in_the_targets_namespace)
{
	char root[] = "/tmp/memtop-dumpns-XXXXXX", ours[256], rel[512], theirs[512], buf[1024];

	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(ours, sizeof(ours), "%s/tmp/spdk_mem_dump.txt", root);
	snprintf(rel, sizeof(rel), "4242/root%s", ours);
	snprintf(theirs, sizeof(theirs), "%s/%s", root, rel);
	/* Nothing anywhere: ours, for the message to name. */
	ck_assert_str_eq(dpdk_mem_dump_path_for(root, 4242, ours, buf, sizeof(buf)), ours);
	/* Only theirs (PrivateTmp: our /tmp has none). */
	fixture_put(root, rel, "theirs\n");
	ck_assert_str_eq(dpdk_mem_dump_path_for(root, 4242, ours, buf, sizeof(buf)), theirs);
	/* Both, different files (ours a stale dump of another target). */
	fixture_put(root, "tmp/spdk_mem_dump.txt", "ours\n");
	ck_assert_str_eq(dpdk_mem_dump_path_for(root, 4242, ours, buf, sizeof(buf)), theirs);
	/* One file under both names (our own namespace). */
	ck_assert_int_eq(unlink(theirs), 0);
	ck_assert_int_eq(link(ours, theirs), 0);
	ck_assert_str_eq(dpdk_mem_dump_path_for(root, 4242, ours, buf, sizeof(buf)), ours);
	/* No pid, another pid's root missing, a relative name: as given. */
	ck_assert_str_eq(dpdk_mem_dump_path_for(root, 0, ours, buf, sizeof(buf)), ours);
	ck_assert_str_eq(dpdk_mem_dump_path_for(root, 4343, ours, buf, sizeof(buf)), ours);
	ck_assert_str_eq(dpdk_mem_dump_path_for(root, 4242, "spdk_mem_dump.txt", buf,
						sizeof(buf)), "spdk_mem_dump.txt");
	fixture_rm_tree(root);
}
END_TEST

/*
 * A round's readers of one path share one parse, failures included; another
 * path is parsed in its place.
 */
START_TEST(read_once_per_round)
{
	struct dpdk_mem_dump_once *o = calloc(1, sizeof(*o));
	const struct dpdk_mem_dump *a, *b;
	struct mt_err err = { 0, "" }, err2 = { 0, "" };

	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(dpdk_mem_dump_read_once(o, IDLE, 0, &a, &err), 0);
	ck_assert_int_eq(dpdk_mem_dump_read_once(o, IDLE, 0, &b, &err), 0);
	ck_assert_ptr_eq(a, b);
	ck_assert_uint_eq(o->reads, 1);
	ck_assert_uint_eq(a->nzones, 30);
	/* Another file: parsed, in place of the first. */
	ck_assert_int_eq(dpdk_mem_dump_read_once(o, EXHAUSTED, 0, &b, &err), 0);
	ck_assert_uint_eq(o->reads, 2);
	ck_assert_str_eq(b->path, EXHAUSTED);
	dpdk_mem_dump_once_clear(o);
	/* A failure is the same for the next reader, without a second open. */
	ck_assert_int_eq(dpdk_mem_dump_read_once(o, RINGS "/no-such-dump.txt", 0, &a, &err),
			 -ENOENT);
	ck_assert_int_eq(dpdk_mem_dump_read_once(o, RINGS "/no-such-dump.txt", 0, &b, &err2),
			 -ENOENT);
	ck_assert_uint_eq(o->reads, 3);
	ck_assert_str_eq(err.msg, err2.msg);
	ck_assert_ptr_nonnull(strstr(err2.msg, "no-such-dump.txt: cannot open"));
	dpdk_mem_dump_once_clear(o);
	ck_assert_ptr_null(o->d);
	free(o);
}
END_TEST

static Suite *dpdk_mem_dump_suite(void)
{
	Suite *s = suite_create("dpdk_mem_dump");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, idle_dump);
	tcase_add_test(tc, exhausted_dump);
	tcase_add_test(tc, zones_agree_with_decoded);
	tcase_add_test(tc, cut_short_mid_line);
	tcase_add_test(tc, garbage_lines_named_by_line);
	tcase_add_test(tc, sections_missing_or_alone);
	tcase_add_test(tc, crlf_reads_the_same);
	tcase_add_test(tc, other_spacing);
	tcase_add_test(tc, field_keys_are_whole_words);
	tcase_add_test(tc, bounds_count_what_is_dropped);
	tcase_add_test(tc, long_lines_skipped_whole);
	tcase_add_test(tc, dump_path_in_the_targets_namespace);
	tcase_add_test(tc, large_file_in_bounded_memory);
	tcase_add_test(tc, not_regular_files_refused_at_once);
	tcase_add_test(tc, stale_memory_reads_the_same);
	tcase_add_test(tc, read_once_per_round);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(dpdk_mem_dump_suite());
}
