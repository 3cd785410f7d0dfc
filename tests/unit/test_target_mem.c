/*
 * target_mem: both system readers on this test's own memory (split local and
 * remote regions, an unmapped page, a process that is gone), the facts read
 * from a fake procfs, and every explanation of a failed read.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "fixture_io.h"
#include "target_mem.h"

static const char secret[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* Reads secret[2..6) and secret[20..28) into three local pieces of 3, 4 and 5 bytes. */
static void read_split(target_mem_readv_fn fn)
{
	char a[3], b[4], c[5];
	struct iovec local[3] = { { a, 3 }, { b, 4 }, { c, 5 } };
	struct iovec remote[2] = { { (void *)(secret + 2), 4 }, { (void *)(secret + 20), 8 } };

	ck_assert_int_eq(fn(NULL, getpid(), local, 3, remote, 2), 12);
	ck_assert_mem_eq(a, "234", 3);
	ck_assert_mem_eq(b, "5klm", 4);
	ck_assert_mem_eq(c, "nopqr", 5);
}

START_TEST(both_readers_read_our_memory)
{
	read_split(target_mem_vm_readv);
	read_split(target_mem_proc_mem);
}
END_TEST

START_TEST(system_reader_checks_every_byte)
{
	struct target_mem m = target_mem_system();
	unsigned word = 0xdeadbeef, got = 0;
	struct iovec local = { &got, 4 }, remote = { &word, 4 };
	struct mt_err err = { 0, "" };

	ck_assert_int_eq(target_mem_read(&m, getpid(), &local, 1, &remote, 1, &err), 0);
	ck_assert_uint_eq(got, 0xdeadbeef);
}
END_TEST

/* An address with nothing mapped: a page we map and unmap again. */
static void *hole(void)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert_ptr_ne(p, MAP_FAILED);
	ck_assert_int_eq(munmap(p, 4096), 0);
	return p;
}

START_TEST(unmapped_address_named)
{
	unsigned word = 7, got[2];
	void *gone = hole();
	struct iovec local = { got, 8 }, remote[2] = { { &word, 4 }, { gone, 4 } };
	struct target_mem m = target_mem_system();
	struct mt_err err = { 0, "" };
	char want[256];

	/* process_vm_readv stops after the first region; /proc/<pid>/mem too. */
	ck_assert_int_eq(target_mem_vm_readv(NULL, getpid(), &local, 1, remote, 2), 4);
	ck_assert_int_eq(target_mem_proc_mem(NULL, getpid(), &local, 1, remote, 2), 4);
	ck_assert_int_eq(target_mem_proc_mem(NULL, getpid(), &local, 1, remote + 1, 1), -EIO);
	ck_assert_int_eq(target_mem_read(&m, getpid(), &local, 1, remote, 2, &err), -EFAULT);
	snprintf(want, sizeof(want), "pid %ld has nothing readable at 4 bytes at %p (region 2 of "
		 "2): the dump came from another process, or the target restarted; find the "
		 "rings again", (long)getpid(), gone);
	ck_assert_str_eq(err.msg, want);
}
END_TEST

START_TEST(process_gone)
{
	struct target_mem m = target_mem_system();
	unsigned word = 1, got;
	struct iovec local = { &got, 4 }, remote = { &word, 4 };
	struct mt_err err = { 0, "" };
	pid_t child = fork();
	char want[256];

	ck_assert_int_ge(child, 0);
	if (child == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(child, NULL, 0), child);
	ck_assert_int_eq(target_mem_read(&m, child, &local, 1, &remote, 1, &err), -ESRCH);
	snprintf(want, sizeof(want), "pid %ld is gone (the target exited or restarted): its rings "
		 "must be found again from a new env_dpdk_get_mem_stats dump", (long)child);
	ck_assert_str_eq(err.msg, want);
}
END_TEST

START_TEST(bad_arguments)
{
	struct target_mem m = target_mem_system();
	unsigned word = 1, got[2];
	struct iovec local = { got, 8 }, remote = { &word, 4 };
	struct mt_err err = { 0, "" };

	ck_assert_int_eq(target_mem_read(&m, getpid(), &local, 1, &remote, 1, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, ": 1 regions of 4 bytes into 8 bytes (1 to 1024 "
				     "regions, sizes equal)"));
	ck_assert_int_eq(target_mem_read(&m, 0, &local, 1, &remote, 0, &err), -EINVAL);
}
END_TEST

static ssize_t refuse(void *ctx, pid_t pid, const struct iovec *local, size_t nlocal,
		      const struct iovec *remote, size_t nremote)
{
	(void)pid;
	(void)local;
	(void)nlocal;
	(void)remote;
	(void)nremote;
	return -(ssize_t)(long)ctx;
}

START_TEST(injected_reader_and_facts_from_procfs)
{
	char root[] = "/tmp/memtop-mem-XXXXXX";
	struct target_mem m = { refuse, (void *)(long)EPERM, root };
	struct target_mem_facts f;
	unsigned got, word = 0;
	struct iovec local = { &got, 4 }, remote = { &word, 4 };
	struct mt_err err = { 0, "" };

	ck_assert_ptr_nonnull(mkdtemp(root));
	fixture_put(root, "self/status", "Name:\tspdk-memtop\nCapEff:\t0000000000080000\n");
	fixture_put(root, "4242/status", "Name:\treactor_0\nUid:\t1000\t1000\t1000\t1000\n");
	fixture_put(root, "sys/kernel/yama/ptrace_scope", "1\n");
	target_mem_facts_gather(root, 4242, &f);
	ck_assert_int_eq(f.our_uid, (long)geteuid());
	ck_assert(f.cap_sys_ptrace);
	ck_assert_int_eq(f.target_uid, 1000);
	ck_assert_int_eq(f.ptrace_scope, 1);
	/* Files we made belong to us; root-owned ones mean "not dumpable" for uid 1000. */
	ck_assert(f.target_dumpable == (geteuid() != 0));

	ck_assert_int_eq(target_mem_read(&m, 4242, &local, 1, &remote, 1, &err), -EPERM);
	ck_assert_ptr_nonnull(strstr(err.msg, "pid 4242: may not read 4 bytes at"));

	fixture_put(root, "self/status", "CapEff:\t0000000000000000\n");
	fixture_put(root, "sys/kernel/yama/ptrace_scope", "garbage\n");
	target_mem_facts_gather(root, 4243, &f);
	ck_assert(!f.cap_sys_ptrace);
	ck_assert_int_eq(f.target_uid, -1);
	ck_assert_int_eq(f.ptrace_scope, -1);
	ck_assert(f.target_dumpable);
	fixture_rm_tree(root);
}
END_TEST

struct why {
	int errnum;
	struct target_mem_facts f;
	const char *msg;
};

static const struct why whys[] = {
	{ -EPERM, { 1000, 1000, false, 3, true },
	  "pid 77: may not read X: kernel.yama.ptrace_scope=3 forbids it to everyone until "
	  "reboot" },
	{ -EPERM, { 0, 1000, true, 1, true },
	  "pid 77: may not read X even with CAP_SYS_PTRACE: seccomp or an LSM refuses it (in a "
	  "container: add SYS_PTRACE, allow process_vm_readv)" },
	{ -EACCES, { 1000, 0, false, 0, true },
	  "pid 77: may not read X: it runs as uid 0, we as 1000; run as root or with "
	  "CAP_SYS_PTRACE, or as uid 0" },
	{ -EPERM, { 1000, 1001, false, 1, true },
	  "pid 77: may not read X: it runs as uid 1001, we as 1000; run as root or with "
	  "CAP_SYS_PTRACE" },
	{ -EPERM, { 1000, 1000, false, 0, false },
	  "pid 77: may not read X: the target is not dumpable (set-uid, or PR_SET_DUMPABLE 0); "
	  "run as root or with CAP_SYS_PTRACE" },
	{ -EPERM, { 1000, 1000, false, 1, true },
	  "pid 77: may not read X: kernel.yama.ptrace_scope=1; run as root or with "
	  "CAP_SYS_PTRACE, set it to 0, or have the target call prctl(PR_SET_PTRACER)" },
	{ -EPERM, { 1000, 1000, false, 2, true },
	  "pid 77: may not read X: kernel.yama.ptrace_scope=2 allows only CAP_SYS_PTRACE; run "
	  "as root or with CAP_SYS_PTRACE" },
	{ -EPERM, { 1000, 1000, false, -1, true },
	  "pid 77: may not read X though it runs as our uid: seccomp or an LSM refuses it; run "
	  "as root or with CAP_SYS_PTRACE" },
	{ -EREMOTE, { 0, -1, true, -1, true },
	  "exact pool occupancy reads the target's memory; a target reached over TCP is no "
	  "process on this host: run spdk-memtop on its host with -s <its Unix socket>" },
	{ -ENOSYS, { 0, -1, true, -1, true },
	  "pid 77: this kernel has no process_vm_readv and /proc/77/mem could not be read "
	  "either" },
	{ -ENOMEM, { 0, -1, true, -1, true }, "pid 77: reading X: Cannot allocate memory" },
};

START_TEST(every_explanation)
{
	const struct why *w = &whys[_i];
	struct mt_err err = { 0, "" };

	target_mem_explain(w->errnum, 77, "X", &w->f, &err);
	ck_assert_int_eq(err.code, w->errnum);
	ck_assert_str_eq(err.msg, w->msg);
}
END_TEST

/* 1000 and 1001 as ten-digit uids (user namespaces map that high); 0 and -1 as they are. */
static long long_uid(long uid)
{
	return uid > 0 ? 4294967294L - (uid - 1000) : uid;
}

/*
 * The same explanations for the longest realistic case, a 7-digit pid,
 * ten-digit uids and the longest region target_mem_read names, behind the
 * errors overlay's prefix: nothing is cut, and each ends with the remedy
 * the short one ends with (what follows its last ';', or else its last ':',
 * with the pid in it the long one's).
 */
START_TEST(longest_explanation_keeps_its_remedy)
{
	const struct why *w = &whys[_i];
	const char *what = "18446744073709551615 bytes at 0x7fffffffffff (region 128 of 128)";
	const char *cut = strrchr(w->msg, ';') ? strrchr(w->msg, ';') : strrchr(w->msg, ':');
	struct target_mem_facts f = w->f;
	struct mt_err err = { 0, "" };
	char line[MT_ERR_LEN], tail[MT_ERR_LEN] = "";
	const char *p77;

	f.our_uid = long_uid(f.our_uid);
	f.target_uid = long_uid(f.target_uid);
	target_mem_explain(w->errnum, 4194304, what, &f, &err);
	snprintf(line, sizeof(line), "exact pool occupancy: %s", err.msg);
	ck_assert_msg(strlen(line) < MT_ERR_LEN - 1, "%zu bytes: %s", strlen(line), line);
	ck_assert_ptr_nonnull(cut);
	while ((p77 = strstr(cut, "77")) != NULL) {
		strncat(tail, cut, (size_t)(p77 - cut));
		strcat(tail, "4194304");
		cut = p77 + 2;
	}
	strcat(tail, cut);
	cut = tail;
	ck_assert_msg(strlen(line) >= strlen(cut) &&
		      strcmp(line + strlen(line) - strlen(cut), cut) == 0, "%s\ndoes not end with %s",
		      line, cut);
}
END_TEST

static Suite *target_mem_suite(void)
{
	Suite *s = suite_create("target_mem");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, both_readers_read_our_memory);
	tcase_add_test(tc, system_reader_checks_every_byte);
	tcase_add_test(tc, unmapped_address_named);
	tcase_add_test(tc, process_gone);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, injected_reader_and_facts_from_procfs);
	tcase_add_loop_test(tc, every_explanation, 0, (int)(sizeof(whys) / sizeof(whys[0])));
	tcase_add_loop_test(tc, longest_explanation_keeps_its_remedy, 0,
			    (int)(sizeof(whys) / sizeof(whys[0])));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(target_mem_suite());
}
