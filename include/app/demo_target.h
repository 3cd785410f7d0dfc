/*
 * demo_target: the simulator on a private socket, for --demo.
 *
 * Start makes a private directory (mkdtemp under $TMPDIR or /tmp), runs
 * spdk-memtop-sim there with --ready-fd and waits on that pipe with poll and
 * a 5 s deadline (or until stop_fd turns readable: the caller's Ctrl-C).
 * The simulator is found beside our own executable, else in PATH.  It runs in
 * its own process group (a terminal Ctrl-C reaches only us, and we stop it in
 * order) with PR_SET_PDEATHSIG, so it never outlives us.  Stop terminates it
 * (SIGTERM, then SIGKILL after 2 s, waiting on a pidfd) and removes the socket,
 * its log and the directory.  demo_target_teardown_signal_safe() does the same
 * with async-signal-safe calls only, for a signal handler that cannot return
 * to a clean exit path.
 */
#ifndef DEMO_TARGET_H
#define DEMO_TARGET_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#include "mt_error.h"

#define DEMO_SIM_NAME "spdk-memtop-sim"
#define DEMO_READY_TIMEOUT 5.0

struct demo_target {
	pid_t pid;                 /* 0 when not running */
	bool have_dir;
	char dir[PATH_MAX];        /* the private directory */
	char sock[108];            /* dir/spdk.sock (fits sun_path) */
	char log[PATH_MAX];        /* dir/sim.log: the simulator's stdout and stderr */
};

/*
 * Finds the simulator: <dir of /proc/self/exe>/spdk-memtop-sim, else the first
 * executable spdk-memtop-sim in PATH.  0 and the path in buf, or -1 and err.
 */
int demo_target_find_sim(char *buf, size_t len, struct mt_err *err);

/*
 * Starts the simulator with `--scenario scenario` and waits until it listens.
 * stop_fd < 0: none.  On failure everything already made is removed again and
 * err says why (with the simulator's own first complaint when it died).
 */
int demo_target_start(struct demo_target *d, const char *sim_path, const char *scenario,
		      int stop_fd, struct mt_err *err);

/* Terminates the simulator and removes what start made; safe to call twice. */
void demo_target_stop(struct demo_target *d);

/* kill, waitpid, unlink, rmdir: nothing else, for signal handlers. */
void demo_target_teardown_signal_safe(const struct demo_target *d);

#endif
