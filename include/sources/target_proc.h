/*
 * target_proc: which process serves an SPDK Unix socket, and its JSON config.
 *
 * target_proc_find() looks up the listening socket bound to the path in
 * <procfs>/net/unix (the path is the rest of the line, so spaces count;
 * abstract names start with '@' and match only a path given with '@'), then
 * reads the fd links of every process in <procfs> for "socket:[inode]".
 * Processes whose fds we may not read are skipped and counted, and the count
 * is part of the error when nothing is found.  The scan is bounded (TARGET_PROC_MAX_*).
 * target_proc_check() reads net/unix and one process's fd links only: it
 * confirms a pid got elsewhere (the RPC socket's SO_PEERCRED) without the
 * scan of every process.
 * target_proc_config_path() reads <procfs>/<pid>/cmdline the way SPDK's
 * spdk_app_parse_args (getopt_long) would and returns the file given with
 * -c/--config/--json (the last one wins, as there), made absolute against
 * <procfs>/<pid>/cwd.  Both return 0 or -errno with a message saying what
 * was tried.
 */
#ifndef TARGET_PROC_H
#define TARGET_PROC_H

#include <stddef.h>
#include <sys/types.h>

#include "mt_error.h"

#define TARGET_PROC_MAX_PROCS 65536      /* processes looked at */
#define TARGET_PROC_MAX_FDS (1u << 20)   /* fd links read, all processes together */
#define TARGET_PROC_MAX_INODES 8         /* listening sockets bound to one path */
#define TARGET_PROC_MAX_UNIX_LINES (1u << 22)
#define TARGET_PROC_MAX_CMDLINE (128u * 1024)

/*
 * The pid holding the listening socket bound to sock_path (procfs_root NULL
 * = "/proc").  -ENOENT: no such listening socket, or no process holds it;
 * -EACCES: none found among the processes we could read, some could not be
 * read; -EEXIST: several processes hold it (err names two).
 */
int target_proc_find(const char *procfs_root, const char *sock_path, pid_t *pid,
		     struct mt_err *err);

/*
 * 0 when pid holds the listening socket bound to sock_path; -EACCES or
 * -EPERM when its fds may not be listed (another user's process: nothing is
 * known either way); -ENOENT (or -errno) with err saying what was seen
 * otherwise.  Paths in messages are shortened so a remedy after them fits.
 */
int target_proc_check(const char *procfs_root, const char *sock_path, pid_t pid,
		      struct mt_err *err);

/* The pid a <procfs> directory entry names ("31468"), or 0 when it names none ("self", "net"). */
int target_proc_pid_name(const char *name);

/*
 * The config file pid was started with, into path (len bytes).  -ENOENT
 * when the command line has none, -ENAMETOOLONG when it does not fit.
 */
int target_proc_config_path(const char *procfs_root, pid_t pid, char *path, size_t len,
			    struct mt_err *err);

#endif
