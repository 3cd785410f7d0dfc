/*
 * sim_iobuf_opts: iobuf_set_options' params decoded as SPDK decodes them, for
 * the RPC and for --config alike.
 *
 * Keys small_pool_count, large_pool_count (uint64), small_bufsize,
 * large_bufsize (uint32) and enable_numa (bool), each optional, applied on top
 * of the options passed in.  A non-object, an unknown key, a wrong type or a
 * negative number is SIM_OPTS_DECODE (the RPC answers -32602
 * "spdk_json_decode_object failed"); a value below its minimum is
 * SIM_OPTS_RANGE (-22 "Invalid argument"), checked in spdk_iobuf_set_opts'
 * order.  Either way the options are left as they were, and `why` names the key
 * and the problem for those who can say more than SPDK does.
 */
#ifndef SIM_IOBUF_OPTS_H
#define SIM_IOBUF_OPTS_H

#include <jansson.h>

#include "sim_model.h"

enum sim_opts_verdict {
	SIM_OPTS_OK,
	SIM_OPTS_DECODE,
	SIM_OPTS_RANGE,
};

struct sim_opts_problem {
	char key[64];           /* "" when the params as a whole are wrong */
	char what[96];          /* "below the minimum 64", "unknown key", ... */
};

enum sim_opts_verdict sim_iobuf_opts_decode(const json_t *params, struct sim_pool_opts *opts,
					    struct sim_opts_problem *why);

#endif
