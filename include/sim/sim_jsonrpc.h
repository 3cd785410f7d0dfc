/*
 * sim_jsonrpc: SPDK's JSON-RPC 2.0 request layer, one top-level value at a
 * time.
 *
 * Takes the bytes of one complete JSON value (json_stream_scan found its
 * end) and produces the reply SPDK would write: compact, keys in the order
 * jsonrpc, id, result|error, the id echoed byte for byte, one "\n" after it.
 * Batch arrays get an array of replies; an empty batch, a non-object, a bad
 * "jsonrpc", a non-string method, an id or params of the wrong type or an
 * unknown member get -32600 "Invalid request" with id null.  Requests without
 * an id or with id null are notifications: executed, never answered.  Bytes
 * that are not JSON return SIM_JSONRPC_CLOSE: SPDK sends nothing and closes.
 *
 * A reply can wait: framework_wait_init in startup stays pending until
 * framework_start_init completes (on any connection); sim_reply_release()
 * then fills it in.  Other replies are complete at once.
 */
#ifndef SIM_JSONRPC_H
#define SIM_JSONRPC_H

#include <stdbool.h>
#include <stddef.h>

#include "sim_buf.h"
#include "sim_target.h"

struct sim_reply_part {
	char *text;             /* one compact response object, or NULL while waiting */
	char *wait_id;          /* raw id text of a pending framework_wait_init */
};

struct sim_reply {
	bool batch;             /* render as [a,b,...] */
	bool faultable;         /* answers a target method, not only the simulator's own */
	size_t n, cap;
	struct sim_reply_part *parts;
};

enum sim_jsonrpc_verdict {
	SIM_JSONRPC_OK,         /* reply may be empty (notifications) */
	SIM_JSONRPC_CLOSE,      /* invalid JSON or out of memory: close, send nothing */
};

/*
 * Handles the value buf[0..len).  *reply must be zeroed by the caller and is
 * filled in; *initialized is set when a framework_start_init in it completed.
 */
enum sim_jsonrpc_verdict sim_jsonrpc_handle(struct sim_target *t, const char *buf, size_t len,
					    double now, struct sim_reply *reply,
					    bool *initialized);

bool sim_reply_empty(const struct sim_reply *r);
bool sim_reply_waiting(const struct sim_reply *r);
/* The framework is initialised: every pending framework_wait_init answers true. */
int sim_reply_release(struct sim_reply *r);
/* Appends the reply text and its "\n" (nothing for an empty reply); 0 or -1. */
int sim_reply_render(const struct sim_reply *r, struct sim_buf *out);
void sim_reply_free(struct sim_reply *r);

#endif
