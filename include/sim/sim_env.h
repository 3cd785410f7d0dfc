/*
 * sim_env: the target's DPDK environment: the rings SPDK makes, in its order, in
 * this process's memory, and the dump env_dpdk_get_mem_stats writes.
 *
 * At start (sim_env_new), as spdk_tgt does before any RPC: the event mempool
 * (zones MP_evtpool_<pid>, MP_evtpool_<pid>_0 and its ring RG_MP_evtpool_<pid>)
 * and two SPDK thread message rings (65536 entries, MP/SC).  At framework init
 * (sim_env_init_pools): iobuf's central pools, the small ring then the large
 * (capacity = the pool counts, MP/MC, RING_F_EXACT_SZ), the pools' buffers
 * (count x bufsize each, plain heap allocations, never written), then two
 * more thread rings, as the recorded target's ring_4 and ring_5.  With enable_numa
 * on more than one NUMA node, SPDK makes that pair per node (iobuf_node_initialize,
 * nodes in ascending order), each of the full counts, its memzones on the node's
 * socket; so does the simulator.  SPDK's rings are named ring_<n>_<pid> in creation order,
 * their memzones RG_ring_<n>_<pid>.  The pool rings start full (SPDK enqueues
 * every buffer); sim_env_sync() then settles each on the model: free buffers =
 * the pool's available_count, tails moved by the refill traffic.
 */
#ifndef SIM_ENV_H
#define SIM_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "mt_error.h"
#include "sim_dumpdir.h"
#include "sim_mem.h"
#include "sim_model.h"

#define SIM_THREAD_RING_COUNT 65536     /* SPDK's thread message rings: decoys */

struct sim_env;

/* Takes over the dump directory (opened by the caller).  NULL with err set on failure. */
struct sim_env *sim_env_new(pid_t pid, const struct sim_dumpdir *dump, struct mt_err *err);
/*
 * Makes the pool rings for these options on a machine of `nodes` NUMA nodes
 * (a pair per node with enable_numa, else one).  0, or -1 with err set: a
 * count DPDK refuses (above 2^30 - 1) makes no ring, running out of memory may
 * leave one.
 */
int sim_env_init_pools(struct sim_env *e, const struct sim_pool_opts *o, size_t nodes,
		       struct mt_err *err);
bool sim_env_has_pools(const struct sim_env *e);
/* Settles the pool rings on these counters: node k's pair on s->node_small/large[k]. */
void sim_env_sync(struct sim_env *e, const struct sim_stats *s);
/* Writes the memory dump; path gets the file's name.  0, or -1 with err set. */
int sim_env_dump(struct sim_env *e, char *path, size_t cap, struct mt_err *err);
/* The memory, for tests that look at the zones. */
const struct sim_mem *sim_env_mem(const struct sim_env *e);
/* Unmaps everything and removes the private dump directory. */
void sim_env_free(struct sim_env *e);

#endif
