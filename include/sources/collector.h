/*
 * collector: one tick of collection, from sources to a snapshot.
 *
 * A round sends iobuf_get_stats on the client's one connection; the target's
 * facts, spdk_get_version, rpc_get_methods {"current":true} and
 * framework_get_config {"name":"iobuf"}, are pipelined with it only on a new
 * connection, every facts_refresh seconds, after collector_target_changed(),
 * or at once when a reply shows they changed (target_facts.h); between those
 * rounds each snapshot carries the kept ones.  Plus env_dpdk_get_mem_stats
 * once per connection, to locate the pools' rings (pool_occupancy.h).  The
 * round samples the rings, reads hugepages from files kept open, and
 * assembles a struct snapshot with every error met.  The round is a small state machine driven from the caller's
 * poll loop, so a hung target never blocks the keyboard; each request has
 * the configured deadline.  collector_run_blocking() runs one round to the
 * end.  Startup-state targets answer only some methods: those that SPDK
 * refuses before init are not errors.  Modes see the live target only as a
 * struct source: collector_source_open() makes one that owns its client.
 */
#ifndef COLLECTOR_H
#define COLLECTOR_H

#include <poll.h>
#include <stdbool.h>

#include "heap_stats.h"
#include "hugepages.h"
#include "pool_occupancy.h"
#include "rpc_client.h"
#include "snapshot.h"
#include "source.h"

/* Seconds between two readings of the target's facts on one connection. */
#define COLLECTOR_FACTS_REFRESH 30.0

struct collector_config {
	double rpc_timeout;            /* seconds per request (default 1) */
	double facts_refresh;          /* seconds between facts; 0: COLLECTOR_FACTS_REFRESH */
	struct hugepages_source hp;    /* sysfs/procfs roots */
	struct pool_occupancy_config occ;   /* reading the pools' rings (procfs root, pid) */
	struct heap_stats_config heaps;     /* the heap dump's timer (0 = on request only) */
};

struct collector;

/* client is borrowed and must outlive the collector. */
struct collector *collector_new(const struct collector_config *cfg, struct rpc_client *client);
void collector_free(struct collector *col);

/* Starts a round at `now`.  A round already running is abandoned. */
void collector_begin(struct collector *col, double now);
bool collector_busy(const struct collector *col);
/* What to poll for (delegates to the client); false if nothing. */
bool collector_pollfd(const struct collector *col, struct pollfd *pfd);
double collector_next_deadline(const struct collector *col);
/* Advances the round; returns true once the snapshot is complete. */
bool collector_step(struct collector *col, short revents, double now);
/* Hands over the finished snapshot (seq numbered from 1). */
void collector_take(struct collector *col, struct snapshot *out);

/* The live target as a source owning a client for addr; -1 with err when out of memory. */
int collector_source_open(struct source *out, const struct collector_config *cfg,
			  const struct rpc_addr *addr, struct mt_err *err);
/* An existing collector seen as a source; borrowed: closing the source frees nothing. */
void collector_as_source(struct collector *col, struct source *out);

/* The target was changed (an action): the next round asks its facts again. */
void collector_target_changed(struct collector *col);

/* What the collector did so far, for tests and benchmarks. */
struct collector_counts {
	uint64_t rounds;             /* begun */
	uint64_t rpcs;               /* requests sent */
	uint64_t facts_rechecks;     /* rounds that asked the facts after the stats reply */
	uint64_t sysfs_opens;        /* files and directories opened for hugepages */
	uint64_t pid_scans;          /* scans of every process for the target's pid */
	uint64_t dump_reads;         /* memory dump files parsed (one a round that asked one) */
};
void collector_counts(const struct collector *col, struct collector_counts *out);

/* The SPDK heaps (a dump) at the next round, whatever their timer says. */
void collector_request_mem_stats(struct collector *col);

/* begin + step until done; never longer than about one rpc_timeout. */
void collector_run_blocking(struct collector *col, struct snapshot *out);

#endif
