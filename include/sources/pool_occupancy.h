/*
 * pool_occupancy: exact central-pool occupancy for the live collector.
 *
 * SPDK's RPCs do not say how full the central pools are; the target's own
 * DPDK rings do.  Locating them costs the target a memory dump, so it is
 * asked for once per connection to the target (a new one may be a
 * restarted target), again when the pool counts no longer match, and on
 * the slow timer only after a failure that may pass (a short read, the
 * dump file unreadable, the RPC failing).  A refusal that asking again
 * cannot change (no privilege to read the target's memory, no pid, no
 * unambiguous pair of rings) waits for a new connection or, for the rings,
 * pools of other counts.  Before any dump the pid is found and a one-byte
 * read checks that its memory may be read at all, so a reader without the
 * privilege never makes the target write one.  The collector asks
 * wants_dump() once the round's requests are sent (the connection is
 * there), adds env_dpdk_get_mem_stats if so, and hands the reply to
 * round().  From then on every round only samples the rings (one
 * process_vm_readv) into the snapshot.
 * When the exact figure is impossible (a TCP target, no privilege to read
 * the target's memory, a dump we cannot read, no unambiguous pair of
 * rings) the snapshot says why and what would enable it, and the dashboard
 * falls back to the counters.  Only for a target on this host: the pid
 * is --target-pid, else the listener SO_PEERCRED names on the connection
 * once target_proc_check confirms it holds the socket (no scan of every
 * process), else the scan of every process (target_proc_find); with a
 * procfs_root (a fixture tree) SO_PEERCRED's pid means nothing there and
 * only the scan is tried.
 */
#ifndef POOL_OCCUPANCY_H
#define POOL_OCCUPANCY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "dpdk_mem_dump.h"
#include "mt_error.h"
#include "rpc_client.h"
#include "snapshot.h"
#include "target_mem.h"

/* After a failure that may pass, the next attempt waits this long (the dump costs the target). */
#define POOL_OCCUPANCY_RETRY_SECONDS 30.0

struct pool_occupancy_config {
	bool disabled;               /* --no-ring-read: never ask for the dump, never read memory */
	const char *procfs_root;     /* stands in for /proc; NULL = "/proc" */
	int target_pid;              /* --target-pid; 0 = find it from the socket */
	struct target_mem mem;       /* how the target's memory is read; .readv NULL = the system's */
	double retry_seconds;        /* 0 = POOL_OCCUPANCY_RETRY_SECONDS (tests shorten it) */
};

struct pool_occupancy;

struct pool_occupancy *pool_occupancy_new(const struct pool_occupancy_config *cfg);
void pool_occupancy_free(struct pool_occupancy *po);

/* What the collector knows when it decides, its requests sent. */
struct pool_occupancy_ask {
	const struct rpc_addr *addr;
	uint64_t connection;         /* the client's connections so far */
	bool connected;
	pid_t peer_pid;              /* rpc_client_peer_pid, 0 if none */
	double now;
};

/*
 * Whether this round should ask for the dump: connected, not located on
 * this connection, no lasting refusal on it, no attempt within the retry
 * time, and the target's pid found and its memory readable (checked here,
 * once per connection; a refusal is said by the next round()).  A TCP
 * target is never asked: the figure is marked unavailable instead.
 */
bool pool_occupancy_wants_dump(struct pool_occupancy *po, const struct pool_occupancy_ask *a);

/*
 * The round's outcome: the env_dpdk_get_mem_stats reply (result NULL when
 * it was not asked or failed; `failure` then says why when it was asked),
 * the round's options and state.  Locates the rings when a dump came,
 * samples them when located, and fills `out`.  A message for the user (why
 * the exact figure is missing, said once per attempt) goes to `errors`.
 */
struct pool_occupancy_round {
	const struct rpc_addr *addr;
	uint64_t connection;               /* the client's connection count at the round's end */
	pid_t peer_pid;                    /* rpc_client_peer_pid of that connection, 0 if none */
	bool dump_asked;
	const json_t *dump_result;         /* {"filename": ...}, or NULL */
	const char *dump_failure;          /* why there is no result, when asked */
	const struct iobuf_options *opts;
	enum target_state state;
	double now;
	/* The dump parsed once for this round's readers (heap_stats too); NULL: each its own. */
	struct dpdk_mem_dump_once *dump;
};

void pool_occupancy_round(struct pool_occupancy *po, const struct pool_occupancy_round *r,
			  struct iobuf_rings *out, struct mt_errlist *errors);

/* How many times the pid was looked for by scanning every process (tests: SO_PEERCRED spared it). */
uint64_t pool_occupancy_pid_scans(const struct pool_occupancy *po);

#endif
