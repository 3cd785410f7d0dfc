/*
 * Why another process's memory could not be read, said so a user can act
 * (contract: target_mem.h).
 *
 * The kernel's rule (ptrace_may_access in PTRACE_MODE_ATTACH): a process
 * may read another one that runs with its uid and is dumpable, or any one
 * with CAP_SYS_PTRACE; Yama's ptrace_scope narrows the first case to
 * descendants (1) or to nobody (2), and with 3 refuses everyone.  A
 * non-dumpable process's /proc/<pid> files belong to root, which is how
 * its dumpability shows from outside.  Seccomp filters and LSMs may refuse
 * on top of that; they leave no trace we can read, so the message for a
 * refusal that the rules above do not explain names them.
 */
#include "target_mem.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CAP_SYS_PTRACE_BIT 19

/* The first number after "key:" in a small procfs file, or -1. */
static long long status_field(const char *path, const char *key, int base)
{
	char buf[4096], *p;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (p = buf; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, key, strlen(key)) == 0) {
			char *end;
			long long v = strtoll(p + strlen(key), &end, base);

			return end == p + strlen(key) ? -1 : v;
		}
	}
	return -1;
}

void target_mem_facts_gather(const char *procfs_root, pid_t pid, struct target_mem_facts *f)
{
	const char *root = procfs_root ? procfs_root : "/proc";
	char path[PATH_MAX];
	long long cap, scope;
	struct stat st;

	f->our_uid = (long)geteuid();
	snprintf(path, sizeof(path), "%s/self/status", root);
	cap = status_field(path, "CapEff:", 16);
	f->cap_sys_ptrace = cap >= 0 && (cap >> CAP_SYS_PTRACE_BIT) & 1;
	snprintf(path, sizeof(path), "%s/%ld/status", root, (long)pid);
	/* "Uid:\treal\teffective\tsaved\tfs": the real one is what ps shows. */
	f->target_uid = (long)status_field(path, "Uid:", 10);
	snprintf(path, sizeof(path), "%s/sys/kernel/yama/ptrace_scope", root);
	scope = status_field(path, "", 10);
	f->ptrace_scope = scope >= 0 && scope <= 3 ? (int)scope : -1;
	snprintf(path, sizeof(path), "%s/%ld", root, (long)pid);
	f->target_dumpable = !(stat(path, &st) == 0 && st.st_uid == 0 && f->target_uid > 0);
}

/* Kept short: callers prefix their context and messages stop at MT_ERR_LEN. */
static void explain_denied(int errnum, pid_t pid, const char *what,
			   const struct target_mem_facts *f, struct mt_err *err)
{
	const char *fix = "run as root or with CAP_SYS_PTRACE";
	long p = (long)pid;

	if (f->ptrace_scope == 3)
		mt_err_set(err, errnum, "pid %ld: may not read %s: kernel.yama.ptrace_scope=3 "
			   "forbids it to everyone until reboot", p, what);
	else if (f->our_uid == 0 || f->cap_sys_ptrace)
		mt_err_set(err, errnum, "pid %ld: may not read %s even with CAP_SYS_PTRACE: "
			   "seccomp or an LSM refuses it (in a container: add SYS_PTRACE, allow "
			   "process_vm_readv)", p, what);
	else if (f->target_uid >= 0 && f->target_uid != f->our_uid && f->ptrace_scope <= 0)
		mt_err_set(err, errnum, "pid %ld: may not read %s: it runs as uid %ld, we as %ld; "
			   "%s, or as uid %ld", p, what, f->target_uid, f->our_uid, fix,
			   f->target_uid);
	else if (f->target_uid >= 0 && f->target_uid != f->our_uid)
		mt_err_set(err, errnum, "pid %ld: may not read %s: it runs as uid %ld, we as %ld; "
			   "%s", p, what, f->target_uid, f->our_uid, fix);
	else if (!f->target_dumpable)
		mt_err_set(err, errnum, "pid %ld: may not read %s: the target is not dumpable "
			   "(set-uid, or PR_SET_DUMPABLE 0); %s", p, what, fix);
	else if (f->ptrace_scope == 1)
		mt_err_set(err, errnum, "pid %ld: may not read %s: kernel.yama.ptrace_scope=1; %s, "
			   "set it to 0, or have the target call prctl(PR_SET_PTRACER)", p, what,
			   fix);
	else if (f->ptrace_scope == 2)
		mt_err_set(err, errnum, "pid %ld: may not read %s: kernel.yama.ptrace_scope=2 "
			   "allows only CAP_SYS_PTRACE; %s", p, what, fix);
	else
		mt_err_set(err, errnum, "pid %ld: may not read %s though it runs as our uid: "
			   "seccomp or an LSM refuses it; %s", p, what, fix);
}

void target_mem_explain(int errnum, pid_t pid, const char *what,
			const struct target_mem_facts *f, struct mt_err *err)
{
	switch (errnum) {
	case -EPERM:
	case -EACCES:
		explain_denied(errnum, pid, what, f, err);
		break;
	case -EREMOTE:
		mt_err_set(err, errnum, "exact pool occupancy reads the target's memory; a target "
			   "reached over TCP is no process on this host: run spdk-memtop on its "
			   "host with -s <its Unix socket>");
		break;
	case -ESRCH:
		mt_err_set(err, errnum, "pid %ld is gone (the target exited or restarted): its "
			   "rings must be found again from a new env_dpdk_get_mem_stats dump",
			   (long)pid);
		break;
	case -EFAULT:
	case -EIO:
		mt_err_set(err, errnum, "pid %ld has nothing readable at %s: the dump came from "
			   "another process, or the target restarted; find the rings again",
			   (long)pid, what);
		break;
	case -ENOSYS:
		mt_err_set(err, errnum, "pid %ld: this kernel has no process_vm_readv and "
			   "/proc/%ld/mem could not be read either", (long)pid, (long)pid);
		break;
	default:
		mt_err_set(err, errnum, "pid %ld: reading %s: %s", (long)pid, what,
			   strerror(errnum < 0 ? -errnum : errnum));
		break;
	}
}
