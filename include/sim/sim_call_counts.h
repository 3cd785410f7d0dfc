/*
 * sim_call_counts: how many times each recorded method has been called, so a
 * test can check what a client asks of a target (spdk-memtop's steady ticks
 * send iobuf_get_stats and nothing else).  Every call of a recorded method
 * counts, whatever its state or params made of it; simulator-only methods and
 * unknown names do not.  Read with the simulator-only method
 * sim_get_call_counts (never listed by rpc_get_methods): an object of the
 * methods called at least once and their counts, in rpc_get_methods order.
 */
#ifndef SIM_CALL_COUNTS_H
#define SIM_CALL_COUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "sim_methods.h"

/* Room for the recorded table (sim_methods_count, 226 today); beyond it nothing counts. */
#define SIM_CALL_COUNTS_MAX 512

struct sim_call_counts {
	uint64_t n[SIM_CALL_COUNTS_MAX];
};

/* One more call of m, an entry of sim_methods[]. */
void sim_call_counts_add(struct sim_call_counts *c, const struct sim_method *m);
/* The sim_get_call_counts result as compact JSON text (malloc'd), or NULL when out of memory. */
char *sim_call_counts_json(const struct sim_call_counts *c);

#endif
