/*
 * hp_consumers_text: the lines of a consumers scan of the fixture /proc
 * against sysfs/2node (per node and size: in use, the target first and
 * marked, the others, what is unaccounted and why; the unreadable process
 * said; leaked files as warnings), and the states with no scan: never
 * scanned, failed, no target known, a scan with nothing unreadable.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "hp_consumers.h"
#include "hp_consumers_text.h"
#include "hugepages.h"

#define CONSUMERS MEMTOP_FIXTURES "/procfs/consumers"

static struct hugepage_consumers c;
static struct hugepage_snapshot hp;
static struct hpc_text t;

static void setup(void)
{
	struct hp_scan_config cfg = { .procfs_root = CONSUMERS, .target_pid = 31468 };
	struct hugepages_source src = { .sysfs_root = MEMTOP_FIXTURES "/sysfs/2node",
					.procfs_root = CONSUMERS };
	struct mt_errlist errors = { 0 };

	ck_assert_int_eq(hp_scan_run(&cfg, &c), 0);
	ck_assert_int_eq(hugepages_collect(&src, &hp, &errors), 0);
}

/* The index of the first line containing s at or after from; -1 when none. */
static int find(const char *s, int from)
{
	for (size_t i = (size_t)from; i < t.n; i++)
		if (strstr(t.line[i], s))
			return (int)i;
	return -1;
}

START_TEST(test_fixture_lines)
{
	int n0, n0g, n1, n1g, leak;

	hpc_text_build(&c, &hp, &t);
	ck_assert_int_ge(find("6 processes, 3 hold hugepages", 0), 0);
	ck_assert_int_eq(t.kind[find("1 process unreadable (pid 6000)", 0)], HPC_LINE_WARNING);
	n0 = find("node 0, 2.0 MiB pages: 256 in use (sysfs), 240 or more found", 0);
	n0g = find("node 0, 1.0 GiB pages: 2 in use", 0);
	n1 = find("node 1, 2.0 MiB pages: 12 in use", 0);
	n1g = find("node 1, 1.0 GiB pages: none in use", 0);
	ck_assert_int_ge(n0, 0);
	ck_assert_int_gt(n0g, n0);
	ck_assert_int_gt(n1, n0g);
	ck_assert_int_gt(n1g, n1);
	/* node 0, 2 MiB: the target first and marked, then 4242, then what is left */
	ck_assert_int_eq(find("* 31468", n0), n0 + 1);
	ck_assert_int_eq(t.kind[n0 + 1], HPC_LINE_TARGET);
	ck_assert_msg(strstr(t.line[n0 + 1], "SPDK target") && strstr(t.line[n0 + 1], "200 pages"),
		      "%s", t.line[n0 + 1]);
	ck_assert_int_eq(find("4242", n0), n0 + 2);
	ck_assert_int_eq(find("unaccounted", n0), n0 + 3);
	ck_assert_msg(strstr(t.line[n0 + 3], "16 pages") &&
		      strstr(t.line[n0 + 3], "unreadable processes"), "%s", t.line[n0 + 3]);
	ck_assert_int_eq(find("5000", n1), n1 + 1);
	ck_assert_int_eq(find("unaccounted", n1), n1 + 2);
	leak = find("Leaked hugepage files: 3, 9.0 KiB", 0);
	ck_assert_int_gt(leak, n1g);
	ck_assert_int_eq(t.kind[leak], HPC_LINE_WARNING);
	ck_assert_int_ge(find("hugepages/spdk_pid999map_0", leak), 0);
	ck_assert_int_ge(find("pid 999 is not running", leak), 0);
	ck_assert_int_ge(find("rtemap_7", leak), 0);
	ck_assert_int_ge(find("no process maps it", leak), 0);
	ck_assert_uint_eq(t.dropped, 0);
}
END_TEST

/* No unreadable process: the sums are exact and what is left is in files. */
START_TEST(test_all_readable)
{
	c.procs_unreadable = 0;
	hpc_text_build(&c, &hp, &t);
	ck_assert_int_lt(find("unreadable", 0), 0);
	ck_assert_int_ge(find("240 found in processes", 0), 0);
	ck_assert_int_ge(find("(in hugetlbfs files no process maps)", 0), 0);
}
END_TEST

/* Without sysfs figures nothing is unaccounted for certain: "unknown", not 0. */
START_TEST(test_no_sysfs)
{
	hpc_text_build(&c, NULL, &t);
	ck_assert_int_ge(find("node 0, 2.0 MiB pages: unknown in use", 0), 0);
	ck_assert_int_ge(find("in use unknown (no sysfs figures)", 0), 0);
}
END_TEST

START_TEST(test_states)
{
	static struct hugepage_consumers none, failed;

	hpc_text_build(&none, &hp, &t);
	ck_assert_uint_eq(t.n, 1);
	ck_assert_str_eq(t.line[0], "Not scanned yet.");
	failed.state = HPC_FAILED;
	strcpy(failed.why, "cannot list the processes in /nowhere: No such file or directory");
	hpc_text_build(&failed, &hp, &t);
	ck_assert_int_ge(find("The scan failed: cannot list the processes in /nowhere", 0), 0);
	c.target_pid = 0;
	c.procs[0].target = false;
	hpc_text_build(&c, &hp, &t);
	ck_assert_int_ge(find("The SPDK target's process is not known", 0), 0);
	ck_assert_int_lt(find("* 31468", 0), 0);
	ck_assert_int_ge(find("SPDK app", 0), 0);   /* still an SPDK application */
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("hp_consumers_text");
	TCase *tc = tcase_create("text");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_fixture_lines);
	tcase_add_test(tc, test_all_readable);
	tcase_add_test(tc, test_no_sysfs);
	tcase_add_test(tc, test_states);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
