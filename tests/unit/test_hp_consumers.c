/*
 * hp_consumers: the numa_maps and mount table parsers on buffers (the
 * recorded spdk_tgt numa_maps, escapes, cut fields, any chunking, random
 * bytes), hugepage file names, and the scan of the fixture /proc
 * (procfs/consumers, see its README.md): holders per node and size, the
 * target first, the unreadable process counted, leaked files of dead pids
 * and unmapped rtemap_ files, the sums against sysfs/2node, steps that stop
 * at their deadline, and the JSON.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mt_clock.h"

#include "check_main.h"
#include "fixture_io.h"
#include "hp_consumers.h"
#include "hp_consumers_parse.h"
#include "hugepages.h"

#define REC_NUMA_MAPS MEMTOP_FIXTURES "/transcripts/proc_spdk_tgt/numa_maps"
#define CONSUMERS MEMTOP_FIXTURES "/procfs/consumers"
#define SYSFS_2NODE MEMTOP_FIXTURES "/sysfs/2node"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(f != NULL, "%s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

struct files {
	size_t n, deleted;
	char last[HP_NAME_LEN];
};

static void on_file(void *ctx, const char *name, bool deleted)
{
	struct files *f = ctx;

	f->n++;
	f->deleted += deleted;
	snprintf(f->last, sizeof(f->last), "%s", name);
}

/* The target's own numa_maps, fed in chunks of `chunk` bytes. */
static void parse_chunked(const char *buf, size_t len, size_t chunk,
			  struct numa_maps_parser *p, struct files *f)
{
	numa_maps_init(p);
	p->on_file = on_file;
	p->file_ctx = f;
	for (size_t i = 0; i < len; i += chunk)
		numa_maps_feed(p, buf + i, len - i < chunk ? len - i : chunk);
	numa_maps_finish(p);
}

/* 391 mappings of one 2 MiB page on node 0: 800768 kB, as its smaps_rollup says. */
START_TEST(test_recorded_numa_maps)
{
	static struct numa_maps_parser p;
	struct files f = { 0 };
	size_t len;
	char *buf = slurp(REC_NUMA_MAPS, &len);

	parse_chunked(buf, len, len, &p, &f);
	ck_assert_uint_eq(p.huge_lines, 391);
	ck_assert_uint_eq(p.ncells, 1);
	ck_assert_int_eq(p.cells[0].node, 0);
	ck_assert_uint_eq(p.cells[0].page_kb, 2048);
	ck_assert_uint_eq(p.cells[0].pages, 391);
	ck_assert_uint_eq(p.cells[0].pages * p.cells[0].page_kb, 800768);
	ck_assert_uint_eq(p.bad_fields, 0);
	ck_assert_uint_eq(f.n, 391);
	ck_assert_uint_eq(f.deleted, 391);
	ck_assert_str_eq(f.last, "spdk_pid31468map_390");
	free(buf);
}
END_TEST

/* The same sums whatever the chunks: a field or a line split anywhere. */
START_TEST(test_any_chunking)
{
	static struct numa_maps_parser whole, part;
	struct files fw = { 0 }, fp = { 0 };
	size_t len;
	char *buf = slurp(REC_NUMA_MAPS, &len);

	parse_chunked(buf, len, len, &whole, &fw);
	for (size_t chunk = 1; chunk < 300; chunk += 37) {
		memset(&fp, 0, sizeof(fp));
		parse_chunked(buf, len, chunk, &part, &fp);
		ck_assert_uint_eq(part.huge_lines, whole.huge_lines);
		ck_assert_uint_eq(part.cells[0].pages, whole.cells[0].pages);
		ck_assert_uint_eq(fp.n, fw.n);
	}
	free(buf);
}
END_TEST

/* Two nodes and two sizes; escapes; a path far longer than a field keeps its name. */
START_TEST(test_numa_maps_lines)
{
	static struct numa_maps_parser p;
	struct files f = { 0 };
	char line[4096], *q = line;
	const char *text =
		"7f00 default file=/dev/hugepages/rtemap_0 huge dirty=3 N0=2 N1=1 "
		"kernelpagesize_kB=2048\n"
		"7f40 bind:1 file=/dev/huge\\040pages/x\\040(deleted) huge N1=1 "
		"kernelpagesize_kB=1048576\n"
		"7f80 default anon=5 dirty=5 N0=5 kernelpagesize_kB=4\n"
		"7fc0 default huge N0=1\n"                              /* no page size */
		"7fd0 default huge N0=x kernelpagesize_kB=2048\n"        /* a bad count */
		"7fe0 default huge N1=4 kernelpagesize_kB=2048";         /* no newline */

	numa_maps_init(&p);
	p.on_file = on_file;
	p.file_ctx = &f;
	numa_maps_feed(&p, text, strlen(text));
	numa_maps_finish(&p);
	ck_assert_uint_eq(p.huge_lines, 5);
	ck_assert_uint_eq(p.bad_fields, 2);
	ck_assert_uint_eq(p.ncells, 3);
	ck_assert_uint_eq(p.cells[0].pages, 2);     /* node 0, 2 MiB */
	ck_assert_int_eq(p.cells[1].node, 1);
	ck_assert_uint_eq(p.cells[1].pages, 1 + 4); /* node 1, 2 MiB */
	ck_assert_uint_eq(p.cells[2].page_kb, 1048576);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_uint_eq(f.deleted, 1);
	ck_assert_str_eq(f.last, "x");

	q += sprintf(q, "7f00 default file=/");
	for (int i = 0; i < 300; i++)
		q += sprintf(q, "dir%03d/", i);
	sprintf(q, "spdk_pid42map_7 huge N0=1 kernelpagesize_kB=2048\n");
	memset(&f, 0, sizeof(f));
	numa_maps_init(&p);
	p.on_file = on_file;
	p.file_ctx = &f;
	numa_maps_feed(&p, line, strlen(line));
	numa_maps_finish(&p);
	ck_assert_uint_eq(p.cells[0].pages, 1);
	ck_assert_str_eq(f.last, "spdk_pid42map_7");
}
END_TEST

/* Random bytes: no crash, nothing read out of bounds (the sanitizer build), counts sane. */
START_TEST(test_random_bytes)
{
	static struct numa_maps_parser p;
	static struct mounts_parser m;
	static const char alphabet[] = "N0123456789=hugefil/\\ \n\tkernelpagesize_kB(deleted)";
	char buf[4096];
	unsigned seed = 11;

	for (int round = 0; round < 200; round++) {
		size_t n = (size_t)(rand_r(&seed) % sizeof(buf));

		for (size_t i = 0; i < n; i++)
			buf[i] = rand_r(&seed) % 4 ? alphabet[rand_r(&seed) % (sizeof(alphabet) - 1)]
						   : (char)rand_r(&seed);
		numa_maps_init(&p);
		numa_maps_feed(&p, buf, n);
		numa_maps_finish(&p);
		ck_assert_uint_le(p.ncells, HPC_MAX_CELLS);
		mounts_init(&m);
		mounts_feed(&m, buf, n);
		mounts_finish(&m);
		ck_assert_uint_le(m.nmounts, HPC_MAX_MOUNTS);
	}
}
END_TEST

START_TEST(test_mounts)
{
	static struct mounts_parser m;
	const char *text =
		"proc /proc proc rw 0 0\n"
		"hugetlbfs /dev/hugepages hugetlbfs rw,relatime,pagesize=2M 0 0\n"
		"nodev /mnt/huge\\0401G hugetlbfs rw,pagesize=1024M,uid=0 0 0\n"
		"hugetlbfs /mnt/h hugetlbfs rw 0 0";

	mounts_init(&m);
	mounts_feed(&m, text, strlen(text));
	mounts_finish(&m);
	ck_assert_uint_eq(m.nmounts, 3);
	ck_assert_str_eq(m.mounts[0].path, "/dev/hugepages");
	ck_assert_uint_eq(m.mounts[0].page_kb, 2048);
	ck_assert_str_eq(m.mounts[1].path, "/mnt/huge 1G");
	ck_assert_uint_eq(m.mounts[1].page_kb, 1048576);
	ck_assert_uint_eq(m.mounts[2].page_kb, 0);   /* no pagesize=: not made up */
	ck_assert_uint_eq(hp_size_kb("2048k", 5), 2048);
	ck_assert_uint_eq(hp_size_kb("1G", 2), 1048576);
	ck_assert_uint_eq(hp_size_kb("2097152", 7), 2048);
	ck_assert_uint_eq(hp_size_kb("2X", 2), 0);
}
END_TEST

START_TEST(test_file_kinds)
{
	struct hpc_file_name f = hpc_file_kind("spdk_pid31468map_0");

	ck_assert_int_eq(f.kind, HPC_FILE_SPDK);
	ck_assert_int_eq(f.pid, 31468);
	f = hpc_file_kind("rtemap_12");
	ck_assert_int_eq(f.kind, HPC_FILE_RTE);
	ck_assert_uint_eq(f.num, 12);
	/* SPDK's prefix with -i 3 (lib/env_dpdk/init.c: --file-prefix=spdk%d) */
	f = hpc_file_kind("spdk3map_17");
	ck_assert_int_eq(f.kind, HPC_FILE_SPDK_SHM);
	ck_assert_uint_eq(f.shm_id, 3);
	ck_assert_uint_eq(f.num, 17);
	ck_assert_int_eq(f.pid, 0);
	ck_assert_int_eq(hpc_file_kind("spdk3map_").kind, HPC_FILE_OTHER);
	ck_assert_int_eq(hpc_file_kind("spdkmap_0").kind, HPC_FILE_OTHER);
	ck_assert_int_eq(hpc_file_kind("spdk3map_1x").kind, HPC_FILE_OTHER);
	ck_assert_int_eq(hpc_file_kind("spdk99999999999999999999map_0").kind, HPC_FILE_OTHER);
	ck_assert_int_eq(hpc_file_kind("spdk_pid31468map_").kind, HPC_FILE_OTHER);
	ck_assert_int_eq(hpc_file_kind("spdk_pidmap_0").kind, HPC_FILE_OTHER);
	ck_assert_int_eq(hpc_file_kind("spdk_pid0map_0").kind, HPC_FILE_OTHER);
	ck_assert_int_eq(hpc_file_kind("rtemap_1x").kind, HPC_FILE_OTHER);
	ck_assert_int_eq(hpc_file_kind("README").kind, HPC_FILE_OTHER);
}
END_TEST

static const struct hpc_process *proc_of(const struct hugepage_consumers *c, int pid)
{
	for (size_t i = 0; i < c->nprocs; i++)
		if (c->procs[i].pid == pid)
			return &c->procs[i];
	return NULL;
}

/* The fixture /proc as its README.md describes it. */
START_TEST(test_scan_fixture)
{
	static struct hugepage_consumers c;
	struct hp_scan_config cfg = { .procfs_root = CONSUMERS, .target_pid = 31468 };
	const struct hpc_process *p;

	ck_assert_int_eq(hp_scan_run(&cfg, &c), 0);
	ck_assert_int_eq(c.state, HPC_DONE);
	ck_assert_uint_eq(c.procs_seen, 6);
	ck_assert_uint_eq(c.procs_unreadable, 1);
	ck_assert_int_eq(c.unreadable_pids[0], 6000);
	ck_assert_uint_eq(c.nprocs, 3);
	/* the target first, then by hugepage memory */
	ck_assert_int_eq(c.procs[0].pid, 31468);
	ck_assert(c.procs[0].target);
	ck_assert(c.procs[0].spdk);
	ck_assert_str_eq(c.procs[0].comm, "reactor_0");
	ck_assert_uint_eq(c.procs[0].private_kb, 409600);
	ck_assert_uint_eq(hpc_process_pages(&c.procs[0], 0, 2048), 200);
	ck_assert_int_eq(c.procs[1].pid, 4242);
	ck_assert(!c.procs[1].spdk);
	ck_assert_uint_eq(hpc_process_pages(&c.procs[1], 0, 2048), 40);
	ck_assert_uint_eq(hpc_process_pages(&c.procs[1], 0, 1048576), 1);
	p = proc_of(&c, 5000);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->comm, "qemu-system-x86");
	ck_assert_uint_eq(p->shared_kb, 16384);
	ck_assert_uint_eq(hpc_process_pages(p, 1, 2048), 8);
	ck_assert_ptr_null(proc_of(&c, 6000));   /* counted, not listed */
	ck_assert_ptr_null(proc_of(&c, 7000));
	ck_assert_uint_eq(hpc_found_pages(&c, 0, 2048), 240);
	ck_assert_uint_eq(hpc_found_pages(&c, 0, 1048576), 1);
	ck_assert_uint_eq(hpc_found_pages(&c, 1, 2048), 8);
	/* mounts and leaks */
	ck_assert_uint_eq(c.nmounts, 2);
	ck_assert_uint_eq(c.mounts[1].page_kb, 1048576);
	ck_assert_uint_eq(c.nleaks, 3);
	ck_assert_str_eq(c.leaks[0].path, "hugepages-1G/rtemap_7");
	ck_assert_int_eq(c.leaks[0].pid, 0);
	ck_assert_uint_eq(c.leaks[0].bytes, 1024);
	ck_assert_str_eq(c.leaks[1].path, "hugepages/spdk_pid999map_0");
	ck_assert_int_eq(c.leaks[1].pid, 999);
	ck_assert_uint_eq(c.leaks[1].page_kb, 2048);
	ck_assert_str_eq(c.leaks[2].path, "hugepages/spdk_pid999map_1");
	ck_assert_uint_eq(c.leaked_bytes, 9216);
	ck_assert_uint_eq(c.errors.n, 0);
}
END_TEST

/* Against sysfs/2node: in use, found, unaccounted per node and size; and the JSON of it. */
START_TEST(test_rows_and_json)
{
	static struct hugepage_consumers c;
	static struct hugepage_snapshot hp;
	struct hugepages_source src = { .sysfs_root = SYSFS_2NODE, .procfs_root = CONSUMERS };
	struct hp_scan_config cfg = { .procfs_root = CONSUMERS, .target_pid = 31468 };
	struct mt_errlist errors = { 0 };
	struct hpc_node_row rows[8];
	json_t *j, *nodes;
	size_t n;

	ck_assert_int_eq(hp_scan_run(&cfg, &c), 0);
	ck_assert_int_eq(hugepages_collect(&src, &hp, &errors), 0);
	n = hpc_node_rows(&c, &hp, rows, 8);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(rows[0].node, 0);
	ck_assert_uint_eq(rows[0].page_kb, 2048);
	ck_assert_uint_eq(rows[0].used, 256);
	ck_assert_uint_eq(rows[0].found, 240);
	ck_assert_uint_eq(rows[1].page_kb, 1048576);
	ck_assert_uint_eq(rows[1].used, 2);
	ck_assert_uint_eq(rows[1].found, 1);
	ck_assert_uint_eq(rows[2].used, 12);
	ck_assert_uint_eq(rows[2].found, 8);
	ck_assert_uint_eq(rows[3].used, 0);

	j = hugepage_consumers_to_json(&c, &hp);
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(j, "state")), "done");
	ck_assert_int_eq(json_integer_value(json_object_get(j, "target_pid")), 31468);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "processes_unreadable")), 1);
	nodes = json_object_get(j, "nodes");
	ck_assert_uint_eq(json_array_size(nodes), 4);
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(nodes, 0),
							    "unaccounted")), 16);
	ck_assert_uint_eq(json_array_size(json_object_get(j, "leaked_files")), 3);
	ck_assert(json_is_null(json_object_get(json_array_get(json_object_get(j, "leaked_files"),
							      0), "pid")));
	json_decref(j);
}
END_TEST

/* A step with its deadline passed still does a few processes, then returns; steps finish it. */
START_TEST(test_steps)
{
	struct hp_scan *s = hp_scan_new();
	struct hp_scan_config cfg = { .procfs_root = CONSUMERS, .target_pid = 0 };
	int steps = 0;

	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(hp_scan_last(s)->state, HPC_NONE);
	hp_scan_begin(s, &cfg, 0);
	ck_assert(hp_scan_running(s));
	while (!hp_scan_step(s, -INFINITY))
		ck_assert_int_lt(++steps, 100);
	ck_assert(!hp_scan_running(s));
	ck_assert_int_eq(hp_scan_last(s)->state, HPC_DONE);
	ck_assert_uint_eq(hp_scan_last(s)->nprocs, 3);
	ck_assert(!hp_scan_last(s)->procs[0].target);   /* no target pid given */
	/* a root that is not there: failed at once, and why */
	cfg.procfs_root = MEMTOP_FIXTURES "/procfs/no-such-dir";
	hp_scan_begin(s, &cfg, 0);
	ck_assert(!hp_scan_running(s));
	ck_assert_int_eq(hp_scan_last(s)->state, HPC_FAILED);
	ck_assert_msg(strstr(hp_scan_last(s)->why, "no-such-dir") != NULL, "%s",
		      hp_scan_last(s)->why);
	hp_scan_free(s);
}
END_TEST

/*
 * An SPDK app started with -i 3 and a secondary process of it: their files are
 * spdk3map_<N>, which name no pid.  The one a process maps is held and makes
 * that process an SPDK app; the ones nobody maps are leaked, also when only
 * the number (spdk4map_0, rtemap_0) or only the id (spdk3map_1) matches.
 */
START_TEST(test_shm_id_files)
{
	char root[] = "/tmp/memtop-hpc-XXXXXX";
	static struct hugepage_consumers c;
	struct hp_scan_config cfg = { root, 0 };

	ck_assert_ptr_nonnull(mkdtemp(root));
	fixture_put(root, "mounts", "hugetlbfs hp hugetlbfs rw,relatime,pagesize=2M 0 0\n");
	fixture_put(root, "100/comm", "reactor_0\n");
	fixture_put(root, "100/smaps_rollup", "Shared_Hugetlb:     4096 kB\n"
		    "Private_Hugetlb:       0 kB\n");
	fixture_put(root, "100/numa_maps",
		    "7f00 default file=/dev/hugepages/spdk3map_0 huge N0=2 kernelpagesize_kB=2048\n");
	fixture_put(root, "hp/spdk3map_0", "0123");
	fixture_put(root, "hp/spdk3map_1", "0123");
	fixture_put(root, "hp/spdk4map_0", "0123");
	fixture_put(root, "hp/rtemap_0", "0123");

	ck_assert_int_eq(hp_scan_run(&cfg, &c), 0);
	ck_assert_uint_eq(c.nprocs, 1);
	ck_assert(c.procs[0].spdk);
	ck_assert_uint_eq(c.nleaks, 3);
	ck_assert_str_eq(c.leaks[0].path, "hp/rtemap_0");
	ck_assert_str_eq(c.leaks[1].path, "hp/spdk3map_1");
	ck_assert_int_eq(c.leaks[1].pid, 0);
	ck_assert_str_eq(c.leaks[2].path, "hp/spdk4map_0");
	ck_assert_uint_eq(c.leaked_bytes, 12);
	ck_assert_uint_eq(c.errors.n, 0);
	fixture_rm_tree(root);
}
END_TEST

/*
 * 1500 processes (a tree made here, one holder among them): a step given
 * 5 ms returns after its slice, with keys served between slices, and the
 * steps together see every process.
 */
START_TEST(test_many_processes_in_slices)
{
	char root[] = "/tmp/memtop-hpc-XXXXXX", path[256];
	struct hp_scan *s = hp_scan_new();
	struct hp_scan_config cfg = { root, 0 };
	double t0, longest = 0;
	int steps = 0;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(root));
	for (int pid = 1; pid <= 1500; pid++) {
		snprintf(path, sizeof(path), "%s/%d", root, pid);
		ck_assert_int_eq(mkdir(path, 0755), 0);
		snprintf(path, sizeof(path), "%s/%d/smaps_rollup", root, pid);
		f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		fprintf(f, "Shared_Hugetlb:        0 kB\nPrivate_Hugetlb:  %6d kB\n",
			pid == 1000 ? 4096 : 0);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/1000/numa_maps", root);
	f = fopen(path, "w");
	fprintf(f, "7f00 default file=/dev/hugepages/rtemap_0 huge N1=2 kernelpagesize_kB=2048\n");
	fclose(f);
	t0 = mt_now();
	hp_scan_begin(s, &cfg, t0);
	for (;;) {
		double a = mt_now();
		bool done = hp_scan_step(s, a + 0.005);

		longest = fmax(longest, mt_now() - a);
		steps++;
		if (done)
			break;
	}
	printf("hp_consumers: 1500 processes in %.3f s, %d steps, longest step %.1f ms\n",
	       mt_now() - t0, steps, longest * 1000);
	ck_assert_uint_eq(hp_scan_last(s)->procs_seen, 1500);
	ck_assert_int_gt(steps, 1);
	ck_assert_uint_eq(hp_scan_last(s)->nprocs, 1);
	ck_assert_uint_eq(hpc_found_pages(hp_scan_last(s), 1, 2048), 2);
	/* one process past the deadline at most: far below a key's patience */
	ck_assert_double_lt(longest, 0.5);
	hp_scan_free(s);
	snprintf(path, sizeof(path), "rm -rf '%s'", root);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("hp_consumers");
	TCase *tc = tcase_create("parse");
	TCase *scan = tcase_create("scan");

	tcase_add_test(tc, test_recorded_numa_maps);
	tcase_add_test(tc, test_any_chunking);
	tcase_add_test(tc, test_numa_maps_lines);
	tcase_add_test(tc, test_random_bytes);
	tcase_add_test(tc, test_mounts);
	tcase_add_test(tc, test_file_kinds);
	tcase_add_test(scan, test_scan_fixture);
	tcase_add_test(scan, test_rows_and_json);
	tcase_add_test(scan, test_shm_id_files);
	tcase_add_test(scan, test_steps);
	tcase_add_test(scan, test_many_processes_in_slices);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, scan);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
