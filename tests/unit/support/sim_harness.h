/*
 * sim_harness: start spdk-memtop-sim for a test, and stop it.
 *
 * sim_start() makes a private directory (mkdtemp), runs MEMTOP_SIM_BIN (the
 * environment variable wins over the build's path) with -r DIR/spdk.sock,
 * --ready-fd and the caller's arguments, and waits for the ready byte with a
 * 15 s deadline: no sleeping, no polling of the socket path.  sim_stop()
 * sends SIGTERM (and SIGCONT, in case a test stopped it), waits up to 20 s,
 * then SIGKILL; it records how the simulator ended and whether it left its
 * socket behind, then removes the directory.  If the test process dies first
 * (a failed check), the simulator gets SIGTERM too.  sim_harness_* is the
 * same as a heap handle, for tests that prefer one.  sim_rpc() is one request
 * and its parsed response, for tests that care about results, not bytes.
 */
#ifndef SIM_HARNESS_H
#define SIM_HARNESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "mt_error.h"

struct sim_proc {
	pid_t pid;              /* 0 when not running */
	char dir[64];
	char sock_path[108];
	int status;             /* waitpid status after sim_stop, -1 before */
	bool sock_left;         /* sim_stop found the socket file still there */
};

/* extra_args: NULL-terminated, may be NULL.  Returns 0, or -1 with err set. */
int sim_start(struct sim_proc *p, const char *const extra_args[], struct mt_err *err);
void sim_stop(struct sim_proc *p);

/* A blocking, connected Unix socket to the simulator, or -1. */
int sim_connect(const struct sim_proc *p);

/*
 * Reads fd into buf until it holds `want` complete JSON values (0: read until
 * the deadline), the peer closes (*closed set), or `timeout` seconds pass.
 * Returns the bytes read, or -1 on a read error.
 */
ssize_t sim_read_values(int fd, char *buf, size_t cap, size_t want, double timeout,
			bool *closed);

/*
 * Sends {"jsonrpc":"2.0","method":M,"id":1} with "params": params_json when
 * not NULL, on a fresh connection, and returns the parsed response object;
 * NULL with err set when none came within `timeout` seconds.
 */
json_t *sim_rpc(const struct sim_proc *p, const char *method, const char *params_json,
		double timeout, struct mt_err *err);

struct sim_harness;

/* NULL on failure (the reason is printed on stderr). */
struct sim_harness *sim_harness_start(const char *const extra_args[]);
const char *sim_harness_socket(const struct sim_harness *h);
pid_t sim_harness_pid(const struct sim_harness *h);
void sim_harness_stop(struct sim_harness *h);

#endif
