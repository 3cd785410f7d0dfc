/*
 * sim_fault: the one fault the simulator plays at a time, for tests of how a
 * client survives a broken target.
 *
 * A fault is a name and, for two of them, a number: "slow:800" on the command
 * line (--fault), {"fault":"slow","ms":800} in the simulator-only RPC
 * sim_set_fault.  Parsing names what is wrong and the accepted names.
 * This module decides what a fault does to bytes and counters; the server
 * decides which connections it touches (the target's sockets, never the
 * control socket, never the replies of the simulator's own methods):
 *   - faults on the stream (hang-reply, close-reply, garbage, bad-json,
 *     wrong-id) turn each reply into what goes out now, what is held back
 *     until the fault is cleared, and what the connection does next;
 *   - slow delays each reply by ms;
 *   - faults on the content (big-under, big-over, dense, deep, huge-counters)
 *     change only iobuf_get_stats, the reply a client reads every tick;
 *   - faults on connections (hang-accept, conns-full, die) are the server's.
 */
#ifndef SIM_FAULT_H
#define SIM_FAULT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "mt_error.h"
#include "sim_buf.h"

/* SPDK's cap on one reply (SPDK_JSONRPC_SEND_BUF_SIZE_MAX), the JSON value without its "\n". */
#define SIM_REPLY_LIMIT (32u * 1024 * 1024)

enum sim_fault_kind {
	SIM_FAULT_NONE,
	SIM_FAULT_HANG_ACCEPT,  /* connections accepted, never read */
	SIM_FAULT_HANG_REPLY,   /* half of a reply, then nothing */
	SIM_FAULT_SLOW,         /* every reply ms late */
	SIM_FAULT_CLOSE_REPLY,  /* half of a reply, then close */
	SIM_FAULT_GARBAGE,      /* bytes that are not JSON instead of a reply */
	SIM_FAULT_BAD_JSON,     /* a reply broken off by a byte JSON does not allow */
	SIM_FAULT_WRONG_ID,     /* replies whose id answers no request */
	SIM_FAULT_BIG_UNDER,    /* iobuf_get_stats of SIM_REPLY_LIMIT - 1 bytes */
	SIM_FAULT_BIG_OVER,     /* iobuf_get_stats of SIM_REPLY_LIMIT + 1 bytes */
	SIM_FAULT_DENSE,        /* iobuf_get_stats [{},{},...] just under the limit */
	SIM_FAULT_DEEP,         /* iobuf_get_stats [[[...]]] nested 100000 deep */
	SIM_FAULT_HUGE_COUNTERS, /* cache, main and retry above INT64_MAX */
	SIM_FAULT_DIE,          /* close everything, serve again after seconds */
	SIM_FAULT_CONNS_FULL,   /* accept nothing: every slot taken, the backlog full */
};

struct sim_fault {
	enum sim_fault_kind kind;
	uint64_t arg;           /* ms for slow, seconds for die, else 0 */
};

/* "NAME" or "NAME:N"; err names the spec and, for an unknown name, the list. */
int sim_fault_parse(const char *spec, struct sim_fault *out, struct mt_err *err);
/* sim_set_fault's params: {"fault":NAME} plus "ms" for slow, "seconds" for die. */
int sim_fault_from_json(const json_t *params, struct sim_fault *out, struct mt_err *err);
/* The spec back ("slow:800"), as parse takes it. */
void sim_fault_format(const struct sim_fault *f, char *buf, size_t len);
/* "none|hang-accept|...", for usage text. */
const char *sim_fault_names(void);

/* What a connection does after a faulted reply went out. */
enum sim_fault_then {
	SIM_THEN_GO_ON,
	SIM_THEN_STALL,         /* read and send nothing more until the fault is cleared */
	SIM_THEN_CLOSE,         /* close once `now` is sent */
};

/*
 * A stream fault on one rendered reply (len bytes: the value and its "\n"):
 * appends what goes out at once to `now` and what is held back until the
 * fault is cleared to `later`.  Any other fault passes the reply through.
 * 0, or -1 when memory ran out.
 */
int sim_fault_reply(const struct sim_fault *f, const char *reply, size_t len,
		    struct sim_buf *now, struct sim_buf *later, enum sim_fault_then *then);

/* Added to each cache, main and retry counter (2^63 for huge-counters, else 0). */
uint64_t sim_fault_counter_offset(const struct sim_fault *f);
/* The exact size of the iobuf_get_stats reply value for big-*, else 0 (as it is). */
size_t sim_fault_reply_size(const struct sim_fault *f);
/*
 * The hostile iobuf_get_stats result of dense or deep into b: 1 when written,
 * 0 when f is neither, -1 when memory ran out.
 */
int sim_fault_stats_result(const struct sim_fault *f, struct sim_buf *b);

#endif
