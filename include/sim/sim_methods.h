/*
 * sim_methods: the RPC methods of the recorded SPDK target and the states
 * each may be called in (SPDK's SPDK_RPC_STARTUP / SPDK_RPC_RUNTIME masks).
 *
 * The table is data recorded from a real target (sim_methods_table.c), in
 * rpc_get_methods order.  It decides three things: what rpc_get_methods
 * lists, which calls get the -1 "wrong state" error, and which names exist at
 * all (a name outside it is "Method not found").  The simulator serves only a
 * few of these methods; see sim_target.h.
 */
#ifndef SIM_METHODS_H
#define SIM_METHODS_H

#include <stddef.h>

enum sim_state {
	SIM_STATE_STARTUP = 1,  /* --wait-for-rpc, before framework_start_init */
	SIM_STATE_RUNNING = 2,  /* framework initialised */
};

struct sim_method {
	const char *name;
	unsigned states;        /* OR of enum sim_state */
};

extern const struct sim_method sim_methods[];
extern const size_t sim_methods_count;

/* Finds a method by name (len bytes, may hold NUL); NULL when unknown. */
const struct sim_method *sim_method_find(const char *name, size_t len);

#endif
