/*
 * target_mem: read words out of another process's memory, and say why not.
 *
 * A struct target_mem is the reader the ring code calls: a function with
 * process_vm_readv's shape, so tests hand in recorded bytes and production
 * hands in target_mem_system().  That one tries process_vm_readv(2) first
 * (one system call for every region) and, when it fails with ENOSYS or
 * EPERM (no CONFIG_CROSS_MEMORY_ATTACH; seccomp profiles such as Docker's
 * default refuse the call while /proc/<pid>/mem may still open), pread(2)s
 * /proc/<pid>/mem region by region.  target_mem_read() checks every byte
 * arrived and turns a failure into a message saying what would make the
 * read work: privileges, Yama's ptrace_scope, a target that is gone, an
 * address that is not mapped, a target on another host.
 */
#ifndef TARGET_MEM_H
#define TARGET_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "mt_error.h"

/*
 * Reads the remote regions (addresses in pid) into the local ones, in order,
 * like process_vm_readv: returns the bytes read (fewer when a region failed
 * part way) or -errno.
 */
typedef ssize_t (*target_mem_readv_fn)(void *ctx, pid_t pid, const struct iovec *local,
				       size_t nlocal, const struct iovec *remote, size_t nremote);

struct target_mem {
	target_mem_readv_fn readv;
	void *ctx;
	const char *procfs_root;   /* where the explanations read their facts; NULL = "/proc" */
};

/* The system reader: process_vm_readv, then /proc/<pid>/mem. ctx is unused. */
struct target_mem target_mem_system(void);
/*
 * The two halves of the system reader, each usable alone; target_mem_proc_mem's
 * ctx is the procfs root (NULL = "/proc"), target_mem_vm_readv's is unused.
 */
ssize_t target_mem_vm_readv(void *ctx, pid_t pid, const struct iovec *local, size_t nlocal,
			    const struct iovec *remote, size_t nremote);
ssize_t target_mem_proc_mem(void *ctx, pid_t pid, const struct iovec *local, size_t nlocal,
			    const struct iovec *remote, size_t nremote);

/*
 * Reads the regions and checks every byte came; the local iovecs must have
 * the same total length as the remote ones.  0, or -errno with err saying
 * what failed and what would fix it (see target_mem_explain).  -EFAULT for a
 * short read (an address not mapped in pid).
 */
int target_mem_read(const struct target_mem *m, pid_t pid, const struct iovec *local,
		    size_t nlocal, const struct iovec *remote, size_t nremote, struct mt_err *err);

/* What decides whether we may read a process's memory. */
struct target_mem_facts {
	long our_uid;          /* effective uid of this process */
	long target_uid;       /* real uid of the target; -1 unknown */
	bool cap_sys_ptrace;   /* CAP_SYS_PTRACE in our effective set */
	int ptrace_scope;      /* kernel.yama.ptrace_scope; -1 without Yama */
	bool target_dumpable;  /* false when the target is known not to be dumpable */
};

/* Gathers the facts from <procfs>/self/status, <procfs>/<pid>/status and Yama's sysctl. */
void target_mem_facts_gather(const char *procfs_root, pid_t pid, struct target_mem_facts *f);

/*
 * The message for a failed read: err is -errno from the reader (-EREMOTE
 * means "the target was reached over TCP, there is no pid here").  what
 * names what was being read ("the iobuf ring tails at 0x...").  Pure: the
 * facts are passed in, so each case can be tested.
 */
void target_mem_explain(int errnum, pid_t pid, const char *what,
			const struct target_mem_facts *f, struct mt_err *err);

#endif
