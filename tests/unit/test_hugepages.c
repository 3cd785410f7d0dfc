/*
 * hugepages_collect() against the fixture trees in tests/fixtures/{sysfs,procfs}/
 * (numbers in each tree's README.md), trees built on the fly for the bounds,
 * and the real /sys of whatever machine runs the tests; the reader that keeps
 * its files open: the same snapshots, no open on a steady tick, new values
 * read through the kept files, nodes that appear and disappear.
 */
#include <check.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "mt_clock.h"
#include "fixture_io.h"
#include "hugepages.h"

#define G1 1048576u
#define M2 2048u

struct fx {
	char sys[512], proc[512];
	struct hugepage_snapshot hp;
	struct mt_errlist errs;
	int rc;
};

static void collect(struct fx *f, const char *name)
{
	struct hugepages_source src = { f->sys, f->proc };

	snprintf(f->sys, sizeof(f->sys), "%s/sysfs/%s", MEMTOP_FIXTURES, name);
	snprintf(f->proc, sizeof(f->proc), "%s/procfs/%s", MEMTOP_FIXTURES, name);
	mt_errlist_clear(&f->errs);
	f->rc = hugepages_collect(&src, &f->hp, &f->errs);
}

struct want_size {
	uint64_t kb, nr, free, surplus;
};

struct want_node {
	int id;
	uint64_t total, mfree;
	size_t nsizes;
	struct want_size sizes[2];
};

static void check_node(const struct hugepage_node *n, const struct want_node *w)
{
	ck_assert_int_eq(n->id, w->id);
	ck_assert(n->has_meminfo);
	ck_assert(!n->memoryless);
	ck_assert_uint_eq(n->mem_total_kb, w->total);
	ck_assert_uint_eq(n->mem_free_kb, w->mfree);
	ck_assert_uint_eq(n->nsizes, w->nsizes);
	for (size_t i = 0; i < w->nsizes; i++) {
		ck_assert_uint_eq(n->sizes[i].page_kb, w->sizes[i].kb);
		ck_assert_uint_eq(n->sizes[i].nr, w->sizes[i].nr);
		ck_assert_uint_eq(n->sizes[i].free, w->sizes[i].free);
		ck_assert_uint_eq(n->sizes[i].surplus, w->sizes[i].surplus);
	}
}

static void check_gsize(const struct hugepage_global_size *s, uint64_t kb, uint64_t nr,
			uint64_t free, uint64_t resv, uint64_t surplus)
{
	ck_assert_uint_eq(s->page_kb, kb);
	ck_assert_uint_eq(s->nr, nr);
	ck_assert_uint_eq(s->free, free);
	ck_assert_uint_eq(s->resv, resv);
	ck_assert_uint_eq(s->surplus, surplus);
}

static void check_meminfo(const struct hugepage_global *g, uint64_t total, uint64_t free,
			  uint64_t rsvd, uint64_t surp, uint64_t page_kb, uint64_t hugetlb_kb)
{
	ck_assert(g->has_meminfo);
	ck_assert_uint_eq(g->total, total);
	ck_assert_uint_eq(g->free, free);
	ck_assert_uint_eq(g->rsvd, rsvd);
	ck_assert_uint_eq(g->surp, surp);
	ck_assert_uint_eq(g->default_page_kb, page_kb);
	ck_assert_uint_eq(g->hugetlb_kb, hugetlb_kb);
}

static void check_no_errors(const struct fx *f)
{
	ck_assert_msg(f->errs.n == 0, "unexpected error: %s", f->errs.msg[0]);
	ck_assert_int_eq(f->rc, 0);
}

START_TEST(one_node_matches_transcript)
{
	struct fx f;
	const struct want_node n0 = { 0, 16384000, 9876544, 2,
				      { { M2, 1024, 633, 0 }, { G1, 0, 0, 0 } } };

	collect(&f, "1node");
	check_no_errors(&f);
	ck_assert(!f.hp.numa_from_libnuma);
	ck_assert_uint_eq(f.hp.nnodes, 1);
	check_node(&f.hp.nodes[0], &n0);
	ck_assert_uint_eq(f.hp.global.nsizes, 2);
	check_gsize(&f.hp.global.sizes[0], M2, 1024, 633, 0, 0);
	check_gsize(&f.hp.global.sizes[1], G1, 0, 0, 0, 0);
	check_meminfo(&f.hp.global, 1024, 633, 0, 0, M2, 2097152);
}
END_TEST

START_TEST(two_nodes)
{
	struct fx f;
	const struct want_node w[] = {
		{ 0, 32768000, 12345678, 2, { { M2, 512, 256, 0 }, { G1, 4, 2, 0 } } },
		{ 1, 32768000, 23456789, 2, { { M2, 512, 500, 0 }, { G1, 4, 4, 0 } } },
	};

	collect(&f, "2node");
	check_no_errors(&f);
	ck_assert_uint_eq(f.hp.nnodes, 2);
	for (size_t i = 0; i < 2; i++)
		check_node(&f.hp.nodes[i], &w[i]);
	ck_assert_uint_eq(f.hp.global.nsizes, 2);
	check_gsize(&f.hp.global.sizes[0], M2, 1024, 756, 7, 0);
	check_gsize(&f.hp.global.sizes[1], G1, 8, 6, 0, 0);
	check_meminfo(&f.hp.global, 1024, 756, 7, 0, M2, 10485760);
}
END_TEST

START_TEST(four_nodes_one_unbalanced)
{
	struct fx f;
	const struct want_node w[] = {
		{ 0, 65536000, 40000000, 2, { { M2, 1000, 100, 0 }, { G1, 16, 4, 0 } } },
		{ 1, 65536000, 41000000, 2, { { M2, 1001, 111, 1 }, { G1, 16, 5, 0 } } },
		{ 2, 65536000, 42000000, 2, { { M2, 1002, 122, 2 }, { G1, 16, 6, 0 } } },
		{ 3, 65536000, 43000000, 2, { { M2, 600, 333, 3 }, { G1, 8, 7, 1 } } },
	};
	double mean = 0;

	collect(&f, "4node");
	check_no_errors(&f);
	ck_assert_uint_eq(f.hp.nnodes, 4);
	for (size_t i = 0; i < 4; i++)
		check_node(&f.hp.nodes[i], &w[i]);
	check_gsize(&f.hp.global.sizes[0], M2, 3603, 666, 12, 6);
	check_gsize(&f.hp.global.sizes[1], G1, 56, 22, 2, 1);
	check_meminfo(&f.hp.global, 3603, 666, 12, 6, M2, 66099200);

	/* The fixture's promise: exactly one node >25% off the mean hugepage memory. */
	for (size_t i = 0; i < 4; i++)
		mean += (double)(w[i].sizes[0].nr * M2 + w[i].sizes[1].nr * G1) / 4;
	for (size_t i = 0; i < 4; i++) {
		double kb = (double)(w[i].sizes[0].nr * M2 + w[i].sizes[1].nr * G1);
		double off = (kb > mean ? kb - mean : mean - kb) / mean;

		ck_assert_msg((off > 0.25) == (i == 3), "node%zu off the mean by %.2f", i, off);
	}
}
END_TEST

START_TEST(memoryless_node_reported_others_kept)
{
	struct fx f;
	char want[512];
	const struct want_node n0 = { 0, 16384000, 8000000, 1, { { M2, 256, 200, 0 } } };
	const struct want_node n2 = { 2, 16384000, 9000000, 1, { { M2, 256, 56, 0 } } };

	collect(&f, "memoryless");
	ck_assert_int_eq(f.rc, 1);
	ck_assert_uint_eq(f.errs.n, 1);
	snprintf(want, sizeof(want),
		 "node1: memoryless (MemTotal 0 kB in %s/devices/system/node/node1/meminfo; "
		 "no %s/devices/system/node/node1/hugepages)", f.sys, f.sys);
	ck_assert_str_eq(f.errs.msg[0], want);

	ck_assert_uint_eq(f.hp.nnodes, 3);
	check_node(&f.hp.nodes[0], &n0);
	check_node(&f.hp.nodes[2], &n2);
	ck_assert_int_eq(f.hp.nodes[1].id, 1);
	ck_assert(f.hp.nodes[1].memoryless);
	ck_assert(f.hp.nodes[1].has_meminfo);
	ck_assert_uint_eq(f.hp.nodes[1].mem_total_kb, 0);
	ck_assert_uint_eq(f.hp.nodes[1].nsizes, 0);
	/* No 1 GiB pages on this machine at all: not an error, just one size. */
	ck_assert_uint_eq(f.hp.global.nsizes, 1);
	check_gsize(&f.hp.global.sizes[0], M2, 512, 256, 0, 0);
	check_meminfo(&f.hp.global, 512, 256, 0, 0, M2, 1048576);
}
END_TEST

START_TEST(unreadable_files_reported_with_errno)
{
	struct fx f;
	char want[2][512];
	const struct want_node n0 = { 0, 8192000, 4096000, 2,
				      { { M2, 128, 64, 0 }, { G1, 2, 1, 0 } } };
	const struct hugepage_node *n1, *n2;

	collect(&f, "unreadable");
	snprintf(want[0], sizeof(want[0]),
		 "cannot read %s/devices/system/node/node1/meminfo: %s", f.sys, strerror(EISDIR));
	snprintf(want[1], sizeof(want[1]),
		 "cannot read %s/devices/system/node/node2/hugepages/hugepages-2048kB/"
		 "free_hugepages: %s", f.sys, strerror(ENOENT));
	ck_assert_int_eq(f.rc, 2);
	ck_assert_uint_eq(f.errs.n, 2);
	ck_assert_str_eq(f.errs.msg[0], want[0]);
	ck_assert_str_eq(f.errs.msg[1], want[1]);

	ck_assert_uint_eq(f.hp.nnodes, 3);
	check_node(&f.hp.nodes[0], &n0);
	n1 = &f.hp.nodes[1];
	ck_assert_int_eq(n1->id, 1);
	ck_assert(!n1->has_meminfo);
	ck_assert(!n1->memoryless);
	ck_assert_uint_eq(n1->nsizes, 2);
	ck_assert_uint_eq(n1->sizes[0].free, 32);
	ck_assert_uint_eq(n1->sizes[1].free, 2);
	n2 = &f.hp.nodes[2];
	ck_assert(n2->has_meminfo);
	ck_assert_uint_eq(n2->mem_free_kb, 2048000);
	/* A size with an unreadable count is left out rather than shown as 0 free. */
	ck_assert_uint_eq(n2->nsizes, 1);
	ck_assert_uint_eq(n2->sizes[0].page_kb, G1);
	ck_assert_uint_eq(n2->sizes[0].nr, 2);
	ck_assert_uint_eq(n2->sizes[0].free, 0);
	check_meminfo(&f.hp.global, 384, 112, 0, 0, M2, 7077888);
}
END_TEST

START_TEST(absent_page_size_reported)
{
	struct fx f;
	char want[512];
	const struct want_node n0 = { 0, 16384000, 10000000, 2,
				      { { M2, 300, 150, 0 }, { G1, 2, 2, 0 } } };
	const struct want_node n1 = { 1, 16384000, 11000000, 1, { { M2, 300, 200, 0 } } };

	collect(&f, "absent-size");
	snprintf(want, sizeof(want),
		 "node1: no 1048576 kB hugepages (no %s/devices/system/node/node1/hugepages/"
		 "hugepages-1048576kB)", f.sys);
	ck_assert_int_eq(f.rc, 1);
	ck_assert_uint_eq(f.errs.n, 1);
	ck_assert_str_eq(f.errs.msg[0], want);
	check_node(&f.hp.nodes[0], &n0);
	check_node(&f.hp.nodes[1], &n1);
}
END_TEST

START_TEST(no_numa_is_node0_from_globals)
{
	struct fx f;
	const struct want_node n0 = { 0, 2048000, 1024000, 1, { { M2, 64, 60, 0 } } };

	collect(&f, "nonuma");
	check_no_errors(&f);
	ck_assert_uint_eq(f.hp.nnodes, 1);
	check_node(&f.hp.nodes[0], &n0);
	check_gsize(&f.hp.global.sizes[0], M2, 64, 60, 1, 0);
	check_meminfo(&f.hp.global, 64, 60, 1, 0, M2, 131072);
}
END_TEST

START_TEST(missing_roots_reported_not_fatal)
{
	struct hugepages_source src = { "/nonexistent-memtop-sys", "/nonexistent-memtop-proc" };
	struct hugepage_snapshot hp;
	struct mt_errlist errs;
	char want[256];

	mt_errlist_clear(&errs);
	ck_assert_int_eq(hugepages_collect(&src, &hp, &errs), 2);
	ck_assert_uint_eq(errs.n, 2);
	snprintf(want, sizeof(want), "cannot open sysfs root /nonexistent-memtop-sys: %s",
		 strerror(ENOENT));
	ck_assert_str_eq(errs.msg[0], want);
	ck_assert_ptr_nonnull(strstr(errs.msg[1], "/nonexistent-memtop-proc"));
	/* Still one node, with nothing known about it. */
	ck_assert_uint_eq(hp.nnodes, 1);
	ck_assert(!hp.nodes[0].has_meminfo);
	ck_assert_uint_eq(hp.nodes[0].nsizes, 0);
	ck_assert(!hp.global.has_meminfo);

	/* Counts errors even without a list to put them in. */
	ck_assert_int_eq(hugepages_collect(&src, &hp, NULL), 2);
}
END_TEST

/* ---- trees built here, for bounds and ordering ------------------------- */

START_TEST(many_nodes_sorted_and_bounded)
{
	char root[] = "/tmp/memtop-hp-XXXXXX";
	struct hugepages_source src = { root, root };
	struct hugepage_snapshot hp;
	struct mt_errlist errs;
	char rel[128], text[128];
	const int nodes = SNAP_MAX_NODES + 6;

	ck_assert_ptr_nonnull(mkdtemp(root));
	fixture_put(root, "meminfo", "MemTotal: 100 kB\nMemFree: 50 kB\n");
	/* Created in reverse so directory order is unlikely to be numeric order. */
	for (int n = nodes - 1; n >= 0; n--) {
		snprintf(rel, sizeof(rel), "devices/system/node/node%d/meminfo", n);
		snprintf(text, sizeof(text), "Node %d MemTotal: %d kB\nNode %d MemFree: %d kB\n", n,
			 1000 + n, n, n);
		fixture_put(root, rel, text);
		/* Sizes listed out of order, with one beyond the bound. */
		for (unsigned kb = 64; kb <= 64u << 8; kb <<= 2) {
			snprintf(rel, sizeof(rel), "devices/system/node/node%d/hugepages/"
				 "hugepages-%ukB/%s", n, kb, "nr_hugepages");
			snprintf(text, sizeof(text), "%u\n", kb + (unsigned)n);
			fixture_put(root, rel, text);
			snprintf(rel, sizeof(rel), "devices/system/node/node%d/hugepages/"
				 "hugepages-%ukB/free_hugepages", n, kb);
			fixture_put(root, rel, "1\n");
			snprintf(rel, sizeof(rel), "devices/system/node/node%d/hugepages/"
				 "hugepages-%ukB/surplus_hugepages", n, kb);
			fixture_put(root, rel, "0\n");
		}
	}
	fixture_put(root, "devices/system/node/nodeX/meminfo", "not a node\n");

	mt_errlist_clear(&errs);
	hugepages_collect(&src, &hp, &errs);
	fixture_rm_tree(root);

	ck_assert_uint_eq(hp.nnodes, SNAP_MAX_NODES);
	for (size_t i = 0; i < hp.nnodes; i++) {
		ck_assert_int_eq(hp.nodes[i].id, (int)i);
		ck_assert_uint_eq(hp.nodes[i].mem_total_kb, 1000 + i);
		ck_assert_uint_eq(hp.nodes[i].nsizes, SNAP_MAX_PAGE_SIZES);
		for (size_t s = 0; s < SNAP_MAX_PAGE_SIZES; s++) {
			ck_assert_uint_eq(hp.nodes[i].sizes[s].page_kb, 64u << (2 * s));
			ck_assert_uint_eq(hp.nodes[i].sizes[s].nr, (64u << (2 * s)) + i);
		}
	}
	/* nodeX refused, one message for the node bound, and one per node for the
	 * size bound, beyond which the list only counts. */
	ck_assert_uint_eq(errs.n + errs.dropped, 2 + SNAP_MAX_NODES + 0u);
	ck_assert_ptr_nonnull(strstr(errs.msg[0], "nodeX: not a node directory name"));
	ck_assert_ptr_nonnull(strstr(errs.msg[1], "70 NUMA nodes"));
	ck_assert_ptr_nonnull(strstr(errs.msg[2], "5 page sizes, only the 4 smallest"));
}
END_TEST

/*
 * Only canonical node names count, each read under the name found: node01
 * is not node1 again, node4294967296 not a second node0, node2147483648 not
 * a node -2147483648.
 */
START_TEST(odd_node_names_refused_with_path)
{
	char root[] = "/tmp/memtop-hp-XXXXXX";
	struct hugepages_source src = { root, root };
	struct hugepage_snapshot hp;
	struct mt_errlist errs;
	const char *odd[] = { "node01", "node00", "node4294967296", "node2147483648", "node-1",
			      "node+1", "node1x", "node", "nodeX" };
	const int good[] = { 0, 1, 2147483647 };
	char rel[128], text[128], want[600];

	ck_assert_ptr_nonnull(mkdtemp(root));
	fixture_put(root, "meminfo", "MemTotal: 100 kB\nMemFree: 50 kB\n");
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(rel, sizeof(rel), "devices/system/node/node%d/meminfo", good[i]);
		snprintf(text, sizeof(text), "Node %d MemTotal: %zu kB\nNode %d MemFree: 1 kB\n",
			 good[i], 100 + i, good[i]);
		fixture_put(root, rel, text);
	}
	/* Each odd one holds what would pass for a node: reading it would show. */
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		snprintf(rel, sizeof(rel), "devices/system/node/%s/meminfo", odd[i]);
		fixture_put(root, rel, "Node 1 MemTotal: 999 kB\nNode 1 MemFree: 999 kB\n");
	}
	fixture_put(root, "devices/system/node/online", "0-1\n");

	mt_errlist_clear(&errs);
	hugepages_collect(&src, &hp, &errs);

	ck_assert_uint_eq(hp.nnodes, 3);
	for (size_t i = 0; i < 3; i++) {
		ck_assert_int_eq(hp.nodes[i].id, good[i]);
		ck_assert_uint_eq(hp.nodes[i].mem_total_kb, 100 + i);
	}
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		bool found = false;

		snprintf(want, sizeof(want), "ignored %s/devices/system/node/%s: not a node "
			 "directory name (node0 to node2147483647, no leading zero)", root, odd[i]);
		for (size_t k = 0; k < errs.n; k++)
			found = found || strcmp(errs.msg[k], want) == 0;
		ck_assert_msg(found, "no report for %s", odd[i]);
	}
	ck_assert_uint_eq(errs.dropped, 0);
	fixture_rm_tree(root);
}
END_TEST

START_TEST(garbage_values_reported_with_path)
{
	char root[] = "/tmp/memtop-hp-XXXXXX";
	struct hugepages_source src = { root, root };
	struct hugepage_snapshot hp;
	struct mt_errlist errs;
	char want[2][512];
	const char *d0 = "devices/system/node/node0", *d1 = "devices/system/node/node1";
	char rel[128];

	ck_assert_ptr_nonnull(mkdtemp(root));
	fixture_put(root, "meminfo", "MemTotal: 100 kB\n");
	snprintf(rel, sizeof(rel), "%s/meminfo", d0);
	fixture_put(root, rel, "Node 0 MemTotal: 100 kB\nNode 0 MemFree: 7 kB\n");
	snprintf(rel, sizeof(rel), "%s/hugepages/hugepages-2048kB/nr_hugepages", d0);
	fixture_put(root, rel, "12abc\n");
	snprintf(rel, sizeof(rel), "%s/meminfo", d1);
	fixture_put(root, rel, "Node 1 MemTotal: 100 kB\nNode 1 MemFree: 8 kB\n");
	snprintf(rel, sizeof(rel), "%s/hugepages/hugepages-2048kB/nr_hugepages", d1);
	fixture_put(root, rel, "99999999999999999999\n");

	mt_errlist_clear(&errs);
	ck_assert_int_eq(hugepages_collect(&src, &hp, &errs), 2);
	fixture_rm_tree(root);

	snprintf(want[0], sizeof(want[0]), "cannot parse %s/%s/hugepages/hugepages-2048kB/"
		 "nr_hugepages: not the expected format", root, d0);
	snprintf(want[1], sizeof(want[1]), "cannot parse %s/%s/hugepages/hugepages-2048kB/"
		 "nr_hugepages: number too large", root, d1);
	ck_assert_str_eq(errs.msg[0], want[0]);
	ck_assert_str_eq(errs.msg[1], want[1]);
	/* /proc/meminfo without HugePages_ lines is a kernel without hugetlb: no error. */
	ck_assert_uint_eq(hp.nnodes, 2);
	ck_assert_uint_eq(hp.nodes[0].mem_free_kb, 7);
	ck_assert_uint_eq(hp.nodes[1].mem_free_kb, 8);
	ck_assert_uint_eq(hp.nodes[0].nsizes, 0);
	ck_assert(!hp.global.has_meminfo);
}
END_TEST

/*
 * A FIFO with no writer and a link to /dev/zero under the roots: refused at
 * once with the path named, never a hang on open or an endless read.
 */
START_TEST(fifo_and_device_refused_unread)
{
	char root[] = "/tmp/memtop-hp-XXXXXX", path[256], want[512];
	struct hugepages_source src = { root, root };
	struct hugepage_snapshot hp;
	struct mt_errlist errs;
	const char *d0 = "devices/system/node/node0";
	double t0;
	bool fifo_said = false, dev_said = false;

	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(path, sizeof(path), "%s/%s/hugepages/hugepages-2048kB/free_hugepages", root, d0);
	fixture_put(root, "devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages",
		    "4\n");
	fixture_put(root, "devices/system/node/node0/hugepages/hugepages-2048kB/surplus_hugepages",
		    "0\n");
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	snprintf(path, sizeof(path), "%s/%s/meminfo", root, d0);
	ck_assert_int_eq(symlink("/dev/zero", path), 0);
	snprintf(path, sizeof(path), "%s/meminfo", root);
	ck_assert_int_eq(mkfifo(path, 0600), 0);

	mt_errlist_clear(&errs);
	t0 = mt_now();
	hugepages_collect(&src, &hp, &errs);
	ck_assert_double_lt(mt_now() - t0, 1.0);
	for (size_t i = 0; i < errs.n; i++) {
		snprintf(want, sizeof(want), "refused %s/%s/hugepages/hugepages-2048kB/"
			 "free_hugepages: not a regular file", root, d0);
		fifo_said |= strncmp(errs.msg[i], want, strlen(want)) == 0;
		snprintf(want, sizeof(want), "refused %s/%s/meminfo: not a regular file", root, d0);
		dev_said |= strncmp(errs.msg[i], want, strlen(want)) == 0;
	}
	fixture_rm_tree(root);
	ck_assert_msg(fifo_said, "no refusal of the FIFO among %zu errors: %s", errs.n,
		      errs.n ? errs.msg[0] : "");
	ck_assert_msg(dev_said, "no refusal of /dev/zero among %zu errors", errs.n);
}
END_TEST

START_TEST(real_sys_does_not_crash)
{
	struct hugepage_snapshot hp;
	struct mt_errlist errs;
	int rc;

	mt_errlist_clear(&errs);
	rc = hugepages_collect(NULL, &hp, &errs);
	ck_assert_uint_eq((size_t)rc, errs.n + errs.dropped);
	for (size_t i = 0; i < errs.n; i++)
		fprintf(stderr, "real /sys: %s\n", errs.msg[i]);
	ck_assert_uint_ge(hp.nnodes, 1);
	ck_assert_uint_le(hp.nnodes, SNAP_MAX_NODES);
	for (size_t i = 0; i < hp.nnodes; i++) {
		const struct hugepage_node *n = &hp.nodes[i];

		if (i)
			ck_assert_int_gt(n->id, hp.nodes[i - 1].id);
		ck_assert_uint_le(n->nsizes, SNAP_MAX_PAGE_SIZES);
		for (size_t s = 1; s < n->nsizes; s++)
			ck_assert_uint_gt(n->sizes[s].page_kb, n->sizes[s - 1].page_kb);
		if (n->has_meminfo)
			ck_assert_uint_le(n->mem_free_kb, n->mem_total_kb);
	}
	for (size_t s = 1; s < hp.global.nsizes; s++)
		ck_assert_uint_gt(hp.global.sizes[s].page_kb, hp.global.sizes[s - 1].page_kb);

	/* "/sys/" and "/proc/" are the real roots too. */
	{
		struct hugepages_source src = { "/sys/", "/proc/" };
		struct hugepage_snapshot hp2;

		hugepages_collect(&src, &hp2, NULL);
		ck_assert_int_eq(hp2.numa_from_libnuma, hp.numa_from_libnuma);
		ck_assert_uint_eq(hp2.nnodes, hp.nnodes);
	}
}
END_TEST

/* ---- the reader: files kept open between ticks ------------------------- */

static bool same_errors(const struct mt_errlist *a, const struct mt_errlist *b)
{
	if (a->n != b->n || a->dropped != b->dropped)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->msg[i], b->msg[i]) != 0)
			return false;
	return true;
}

/* Each tick of a reader says what a fresh hugepages_collect says; a steady one opens nothing. */
START_TEST(reader_matches_one_shot_on_every_fixture)
{
	static const char *const names[] = { "1node", "2node", "4node", "memoryless",
					     "absent-size", "nonuma", "unreadable" };
	static struct hugepage_snapshot want, got;
	static struct mt_errlist want_errs, errs;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char sys[512], proc[512];
		struct hugepages_source src = { sys, proc };
		struct hugepages_reader *r;
		uint64_t opens;
		int rc;

		snprintf(sys, sizeof(sys), "%s/sysfs/%s", MEMTOP_FIXTURES, names[i]);
		snprintf(proc, sizeof(proc), "%s/procfs/%s", MEMTOP_FIXTURES, names[i]);
		mt_errlist_clear(&want_errs);
		rc = hugepages_collect(&src, &want, &want_errs);
		r = hugepages_reader_new(&src);
		ck_assert_ptr_nonnull(r);
		for (int tick = 0; tick < 3; tick++) {
			opens = hugepages_reader_opens(r);
			mt_errlist_clear(&errs);
			ck_assert_int_eq(hugepages_reader_collect(r, tick, &got, &errs), rc);
			ck_assert_msg(memcmp(&got, &want, sizeof(got)) == 0, "%s: tick %d differs",
				      names[i], tick);
			ck_assert_msg(same_errors(&errs, &want_errs), "%s: tick %d errors differ",
				      names[i], tick);
		}
		/* The unreadable tree's broken entries are tried again each tick. */
		if (strcmp(names[i], "unreadable") != 0)
			ck_assert_msg(hugepages_reader_opens(r) == opens, "%s: %" PRIu64
				      " opens on a steady tick", names[i],
				      hugepages_reader_opens(r) - opens);
		hugepages_reader_free(r);
	}
}
END_TEST

/* A node with one 2 MiB size: MemTotal 1000+id, nr 100+id, free `free`. */
static void put_node(const char *root, int id, int free)
{
	char rel[128], text[128];

	snprintf(rel, sizeof(rel), "devices/system/node/node%d/meminfo", id);
	snprintf(text, sizeof(text), "Node %d MemTotal: %d kB\nNode %d MemFree: 10 kB\n", id,
		 1000 + id, id);
	fixture_put(root, rel, text);
	snprintf(rel, sizeof(rel), "devices/system/node/node%d/hugepages/hugepages-2048kB/"
		 "nr_hugepages", id);
	snprintf(text, sizeof(text), "%d\n", 100 + id);
	fixture_put(root, rel, text);
	snprintf(rel, sizeof(rel), "devices/system/node/node%d/hugepages/hugepages-2048kB/"
		 "free_hugepages", id);
	snprintf(text, sizeof(text), "%d\n", free);
	fixture_put(root, rel, text);
	snprintf(rel, sizeof(rel), "devices/system/node/node%d/hugepages/hugepages-2048kB/"
		 "surplus_hugepages", id);
	fixture_put(root, rel, "0\n");
}

/* A two-node tree in a temporary directory, and a reader on it. */
struct tree {
	char root[32];
	struct hugepages_source src;
	struct hugepages_reader *r;
};

static void tree_start(struct tree *t)
{
	snprintf(t->root, sizeof(t->root), "/tmp/memtop-hpr-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t->root));
	fixture_put(t->root, "meminfo", "MemTotal: 3000 kB\nMemFree: 50 kB\n");
	put_node(t->root, 0, 7);
	put_node(t->root, 1, 8);
	t->src = (struct hugepages_source){ t->root, t->root };
	t->r = hugepages_reader_new(&t->src);
	ck_assert_ptr_nonnull(t->r);
}

static void tree_stop(struct tree *t)
{
	hugepages_reader_free(t->r);
	fixture_rm_tree(t->root);
}

/* One tick at `now`: no errors; returns the files it opened. */
static uint64_t tick(struct hugepages_reader *r, double now, struct hugepage_snapshot *hp)
{
	struct mt_errlist errs;
	uint64_t opens = hugepages_reader_opens(r);

	mt_errlist_clear(&errs);
	ck_assert_int_eq(hugepages_reader_collect(r, now, hp, &errs), 0);
	ck_assert_msg(errs.n == 0, "%s", errs.msg[0]);
	return hugepages_reader_opens(r) - opens;
}

/* Appends to the text s (capacity cap) a line padded to make it exactly len bytes. */
static void put_line(char *s, size_t cap, const char *key, const char *value, size_t len)
{
	size_t at = strlen(s), kl = strlen(key), vl = strlen(value);

	ck_assert(kl + vl + 1 < len && at + len < cap);
	memcpy(s + at, key, kl);
	memset(s + at + kl, ' ', len - kl - vl - 1);
	memcpy(s + at + len - vl - 1, value, vl);
	s[at + len - 1] = '\n';
	s[at + len] = '\0';
}

/*
 * /proc/meminfo of more than two reads of 4 KiB: lines cut by a read's end
 * put together, lines too long to be the kernel's skipped whole (where they
 * lie and across a cut), the last line without its newline still read.
 */
START_TEST(meminfo_lines_across_reads)
{
	static char text[12288];
	struct tree t;
	struct hugepage_snapshot *hp = calloc(1, sizeof(*hp));

	ck_assert_ptr_nonnull(hp);
	text[0] = '\0';
	put_line(text, sizeof(text), "MemTotal:", "3000 kB", 40);
	put_line(text, sizeof(text), "HugePages_Free:", "22", 160);    /* the longest kept */
	put_line(text, sizeof(text), "HugePages_Free:", "999", 161);   /* too long: skipped */
	while (strlen(text) < 4096 - 40)
		put_line(text, sizeof(text), "Filler:", "1 kB", 40);
	put_line(text, sizeof(text), "HugePages_Total:", "11", 80);    /* across 4096 */
	while (strlen(text) < 8192 - 100)
		put_line(text, sizeof(text), "Filler:", "1 kB", 40);
	put_line(text, sizeof(text), "HugePages_Rsvd:", "3", 30);
	put_line(text, sizeof(text), "HugePages_Rsvd:", "999", 300);   /* long, across 8192 */
	strcat(text, "HugePages_Surp: 4");
	tree_start(&t);
	fixture_put(t.root, "meminfo", text);
	tick(t.r, 0.0, hp);
	ck_assert(hp->global.has_meminfo);
	ck_assert_uint_eq(hp->global.total, 11);
	ck_assert_uint_eq(hp->global.free, 22);
	ck_assert_uint_eq(hp->global.rsvd, 3);
	ck_assert_uint_eq(hp->global.surp, 4);
	tree_stop(&t);
	free(hp);
}
END_TEST

/*
 * A refill over the snapshot another collect left (any fixture, more nodes
 * or fewer, other errors) gives byte for byte what a fresh collect gives:
 * it clears only what that used, so nothing of it may stay behind.
 */
START_TEST(refill_over_any_fixture_gives_what_collect_gives)
{
	static const char *const names[] = { "4node", "1node", "2node", "memoryless",
					     "absent-size", "nonuma", "unreadable" };
	static struct hugepage_snapshot want, got;
	static struct mt_errlist want_errs, errs;
	const size_t n = sizeof(names) / sizeof(names[0]);

	for (size_t a = 0; a < n; a++) {
		for (size_t b = 0; b < n; b++) {
			char sys[2][512], proc[2][512];
			struct hugepages_source src[2] = { { sys[0], proc[0] }, { sys[1], proc[1] } };
			struct hugepages_reader *r;
			int rc;

			for (int k = 0; k < 2; k++) {
				const char *name = names[k ? b : a];

				snprintf(sys[k], sizeof(sys[k]), "%s/sysfs/%s", MEMTOP_FIXTURES, name);
				snprintf(proc[k], sizeof(proc[k]), "%s/procfs/%s", MEMTOP_FIXTURES,
					 name);
			}
			mt_errlist_clear(&want_errs);
			rc = hugepages_collect(&src[1], &want, &want_errs);
			hugepages_collect(&src[0], &got, NULL);
			r = hugepages_reader_new(&src[1]);
			ck_assert_ptr_nonnull(r);
			mt_errlist_clear(&errs);
			ck_assert_int_eq(hugepages_reader_refill(r, 0.0, &got, &errs), rc);
			ck_assert_msg(memcmp(&got, &want, sizeof(got)) == 0, "%s over %s differs",
				      names[b], names[a]);
			ck_assert_msg(same_errors(&errs, &want_errs), "%s over %s: errors differ",
				      names[b], names[a]);
			hugepages_reader_free(r);
		}
	}
}
END_TEST

/*
 * The parse stops once it has every key it keeps, which cannot depend on
 * where they lie: keys in another order, far apart, or missing read as
 * before, and a key is matched whole (no longer key, no space before the
 * colon, no broken "Node N" prefix); the rest of a file is still read, so
 * one too large is refused.
 */
START_TEST(meminfo_keys_in_any_order_or_missing)
{
	static char big[(1 << 20) + 4096];
	static struct hugepage_snapshot hp;
	struct mt_errlist errs;
	struct tree t;
	char want[2][512];
	size_t len;

	tree_start(&t);
	fixture_put(t.root, "meminfo",
		    "Hugetlb: 8192 kB\nHugePages_Surp: 4\nFiller: 1 kB\nMemFree: 50 kB\n"
		    "HugePages_Rsvd: 3\nHugepagesize: 2048 kB\nHugePages_Free: 22\n"
		    "Mlocked: 0 kB\nHugePages_Total: 11\nHardwareCorrupted: 0 kB\n"
		    "MemTotalish: 7 kB\nHugetlb : 7 kB\nMemTotal: 3000 kB\n");
	fixture_put(t.root, "devices/system/node/node0/meminfo",
		    "Node 0 MemUsed: 1 kB\nNode 0 MemFree: 10 kB\nNode 0 Active: 2 kB\n"
		    "Node 0 MemTota: 7 kB\nNode x MemTotal: 7 kB\nNode 0 MemTotal: 1000 kB\n");
	tick(t.r, 0.0, &hp);
	ck_assert(hp.global.has_meminfo);
	ck_assert_uint_eq(hp.global.total, 11);
	ck_assert_uint_eq(hp.global.free, 22);
	ck_assert_uint_eq(hp.global.rsvd, 3);
	ck_assert_uint_eq(hp.global.surp, 4);
	ck_assert_uint_eq(hp.global.default_page_kb, M2);
	ck_assert_uint_eq(hp.global.hugetlb_kb, 8192);
	ck_assert(hp.nodes[0].has_meminfo);
	ck_assert_uint_eq(hp.nodes[0].mem_total_kb, 1000);
	ck_assert_uint_eq(hp.nodes[0].mem_free_kb, 10);

	/* Missing keys: said as before, the rest kept. */
	fixture_put(t.root, "meminfo", "MemTotal: 3000 kB\nHugePages_Total: 11\n"
		    "HugePages_Free: 22\nHugePages_Rsvd: 3\nHugepagesize: 2048 kB\n");
	fixture_put(t.root, "devices/system/node/node0/meminfo", "Node 0 MemTotal: 1000 kB\n");
	mt_errlist_clear(&errs);
	ck_assert_int_eq(hugepages_reader_collect(t.r, 1.0, &hp, &errs), 2);
	snprintf(want[0], sizeof(want[0]), "%s/meminfo: HugePages_Total/Free/Rsvd/Surp incomplete",
		 t.root);
	snprintf(want[1], sizeof(want[1]), "%s/devices/system/node/node0/meminfo: no "
		 "MemTotal/MemFree", t.root);
	ck_assert_str_eq(errs.msg[0], want[0]);
	ck_assert_str_eq(errs.msg[1], want[1]);
	ck_assert(!hp.global.has_meminfo);
	ck_assert(!hp.nodes[0].has_meminfo);
	ck_assert(hp.nodes[1].has_meminfo);

	/* Both keys on the first lines of a file far beyond a meminfo's size: still refused. */
	len = (size_t)snprintf(big, sizeof(big), "Node 0 MemTotal: 1000 kB\nNode 0 MemFree: 10 kB\n");
	while (len < (1u << 20) + 100)
		len += (size_t)snprintf(big + len, sizeof(big) - len, "Node 0 Filler: 1 kB\n");
	fixture_put(t.root, "devices/system/node/node0/meminfo", big);
	mt_errlist_clear(&errs);
	hugepages_reader_collect(t.r, 2.0, &hp, &errs);
	snprintf(want[0], sizeof(want[0]), "refused %s/devices/system/node/node0/meminfo: larger "
		 "than such a file can be (read stopped at 1 MiB)", t.root);
	ck_assert_uint_ge(errs.n, 2);
	ck_assert_str_eq(errs.msg[1], want[0]);
	ck_assert(!hp.nodes[0].has_meminfo);
	tree_stop(&t);
}
END_TEST

START_TEST(reader_reads_new_values_through_kept_files)
{
	static struct hugepage_snapshot hp;
	struct tree t;
	struct hugepages_reader *r;
	const char *root;

	tree_start(&t);
	r = t.r;
	root = t.root;
	/*
	 * The two roots; four listings (the kernel's page sizes, absent here, the
	 * nodes, each node's sizes); meminfo; each node's meminfo and three files.
	 */
	ck_assert_uint_eq(tick(r, 0.0, &hp), 2 + 4 + 1 + 2 * 4);
	ck_assert_uint_eq(hp.nodes[1].sizes[0].free, 8);
	fixture_put(root, "devices/system/node/node1/hugepages/hugepages-2048kB/free_hugepages",
		    "5\n");
	fixture_put(root, "devices/system/node/node0/meminfo",
		    "Node 0 MemTotal: 1000 kB\nNode 0 MemFree: 999 kB\n");
	ck_assert_uint_eq(tick(r, 1.0, &hp), 0);
	ck_assert_uint_eq(hp.nodes[1].sizes[0].free, 5);
	ck_assert_uint_eq(hp.nodes[0].mem_free_kb, 999);
	tree_stop(&t);
}
END_TEST

START_TEST(reader_sees_nodes_appear_and_disappear)
{
	static struct hugepage_snapshot hp;
	struct tree t;
	struct hugepages_reader *r;
	const char *root;
	char dir[256];

	tree_start(&t);
	r = t.r;
	root = t.root;
	tick(r, 0.0, &hp);
	ck_assert_uint_eq(hp.nnodes, 2);

	put_node(root, 2, 9);
	ck_assert_uint_gt(tick(r, 1.0, &hp), 0);
	ck_assert_uint_eq(hp.nnodes, 3);
	ck_assert_int_eq(hp.nodes[2].id, 2);
	ck_assert_uint_eq(hp.nodes[2].sizes[0].free, 9);
	ck_assert_uint_eq(tick(r, 2.0, &hp), 0);
	ck_assert_uint_eq(hp.nnodes, 3);

	snprintf(dir, sizeof(dir), "%s/devices/system/node/node1", root);
	fixture_rm_tree(dir);
	tick(r, 3.0, &hp);
	ck_assert_uint_eq(hp.nnodes, 2);
	ck_assert_int_eq(hp.nodes[0].id, 0);
	ck_assert_int_eq(hp.nodes[1].id, 2);
	ck_assert_uint_eq(hp.nodes[1].sizes[0].free, 9);
	ck_assert_uint_eq(tick(r, 4.0, &hp), 0);
	tree_stop(&t);
}
END_TEST

/* A page size the node directory does not show is found at the slow rescan. */
START_TEST(reader_lists_again_every_rescan_interval)
{
	static struct hugepage_snapshot hp;
	struct tree t;
	struct hugepages_reader *r;
	const char *root;

	tree_start(&t);
	r = t.r;
	root = t.root;
	tick(r, 0.0, &hp);
	ck_assert_uint_eq(hp.nodes[0].nsizes, 1);
	fixture_put(root, "devices/system/node/node0/hugepages/hugepages-1048576kB/nr_hugepages",
		    "2\n");
	fixture_put(root, "devices/system/node/node0/hugepages/hugepages-1048576kB/"
		    "free_hugepages", "1\n");
	fixture_put(root, "devices/system/node/node0/hugepages/hugepages-1048576kB/"
		    "surplus_hugepages", "0\n");
	ck_assert_uint_eq(tick(r, HUGEPAGES_RESCAN - 1.0, &hp), 0);
	ck_assert_uint_eq(hp.nodes[0].nsizes, 1);
	ck_assert_uint_gt(tick(r, HUGEPAGES_RESCAN + 1.0, &hp), 0);
	ck_assert_uint_eq(hp.nodes[0].nsizes, 2);
	ck_assert_uint_eq(hp.nodes[0].sizes[1].page_kb, G1);
	ck_assert_uint_eq(hp.nodes[0].sizes[1].free, 1);
	tree_stop(&t);
}
END_TEST

/* The machine's own /sys, whatever it holds: a second tick opens nothing. */
START_TEST(reader_real_sys_steady)
{
	static struct hugepage_snapshot a, b;
	struct hugepages_reader *r = hugepages_reader_new(NULL);
	uint64_t opens;

	ck_assert_ptr_nonnull(r);
	hugepages_reader_collect(r, 0.0, &a, NULL);
	opens = hugepages_reader_opens(r);
	hugepages_reader_collect(r, 1.0, &b, NULL);
	ck_assert_uint_eq(hugepages_reader_opens(r), opens);
	ck_assert_uint_eq(b.nnodes, a.nnodes);
	hugepages_reader_free(r);
}
END_TEST

static Suite *hugepages_suite(void)
{
	Suite *s = suite_create("hugepages");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, one_node_matches_transcript);
	tcase_add_test(tc, two_nodes);
	tcase_add_test(tc, four_nodes_one_unbalanced);
	tcase_add_test(tc, memoryless_node_reported_others_kept);
	tcase_add_test(tc, unreadable_files_reported_with_errno);
	tcase_add_test(tc, absent_page_size_reported);
	tcase_add_test(tc, no_numa_is_node0_from_globals);
	tcase_add_test(tc, missing_roots_reported_not_fatal);
	tcase_add_test(tc, many_nodes_sorted_and_bounded);
	tcase_add_test(tc, odd_node_names_refused_with_path);
	tcase_add_test(tc, garbage_values_reported_with_path);
	tcase_add_test(tc, fifo_and_device_refused_unread);
	tcase_add_test(tc, real_sys_does_not_crash);
	tcase_add_test(tc, reader_matches_one_shot_on_every_fixture);
	tcase_add_test(tc, reader_reads_new_values_through_kept_files);
	tcase_add_test(tc, meminfo_lines_across_reads);
	tcase_add_test(tc, reader_sees_nodes_appear_and_disappear);
	tcase_add_test(tc, reader_lists_again_every_rescan_interval);
	tcase_add_test(tc, reader_real_sys_steady);
	tcase_add_test(tc, refill_over_any_fixture_gives_what_collect_gives);
	tcase_add_test(tc, meminfo_keys_in_any_order_or_missing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(hugepages_suite());
}
