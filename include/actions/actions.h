/*
 * actions: the only code that changes anything outside the process.
 *
 * Owns its own RPC connection to the target, never the collector's (whose
 * rounds drop replies they did not ask for), and at most one request in
 * flight.  Every action first passes actions_check(): under --read-only it
 * is refused before a byte is sent or a file is touched.  Driven from the
 * caller's poll loop like a source (pollfd, next_deadline, step), so a hung
 * target never blocks the keyboard; each outcome is a struct action_result
 * value carrying SPDK's error code and message verbatim, for the dashboard
 * to show.  Confirming with the user is the caller's job, before the call.
 */
#ifndef ACTIONS_H
#define ACTIONS_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include "mt_error.h"
#include "rpc_client.h"

enum action_kind {
	ACTION_NONE = 0,
	ACTION_IOBUF_SET_OPTIONS,     /* RPC; SPDK accepts it only before framework init */
	ACTION_FRAMEWORK_START_INIT,  /* RPC; leaves the startup state */
	ACTION_CONFIG_PATCH,          /* file: iobuf_set_options in the target's JSON config */
	/* files (issue 9), written at once through atomic_file.h */
	ACTION_SAVE_BASELINE,         /* `b`: the current snapshot to --baseline-dir */
	ACTION_PROM_TEXTFILE,         /* --prometheus-textfile, every tick */
	/* Files (recorder.h): not RPCs, so an RPC in flight does not hold them back. */
	ACTION_RECORD,                /* --record: appends a snapshot per tick */
	ACTION_FLIGHT_DUMP,           /* w, --flight-dir: writes the flight recorder out */
	ACTION_AUDIT_LOG,             /* a line per attempted action (audit_log.h: actions_audit) */
};

enum action_outcome {
	ACTION_PENDING = 0,   /* sent, no reply yet */
	ACTION_OK,            /* the target answered with a result (message: its JSON) */
	ACTION_REFUSED,       /* not sent: --read-only, or another action still in flight */
	ACTION_REJECTED,      /* the target answered with an error (code and message verbatim) */
	ACTION_FAILED,        /* no answer: unreachable, timed out, connection closed, garbled */
};

struct action_result {
	enum action_kind kind;
	enum action_outcome outcome;
	int code;                  /* SPDK's error code (REJECTED), -errno or 0 */
	char message[MT_ERR_LEN];  /* SPDK's message verbatim (REJECTED), its result as
				    * compact JSON (an RPC's OK: "true"), or why */
};

/* iobuf_set_options params; only the fields marked present are sent. */
struct iobuf_set_request {
	bool has_small_pool_count, has_large_pool_count;
	bool has_small_bufsize, has_large_bufsize;
	uint64_t small_pool_count, large_pool_count;
	uint64_t small_bufsize, large_bufsize;
};

struct actions_config {
	bool read_only;       /* --read-only: every action is refused */
	double rpc_timeout;   /* seconds per request; <= 0: RPC_DEFAULT_TIMEOUT */
	bool no_target;       /* --replay: RPCs are refused (files may still be written) */
};

struct actions;

/* NULL when out of memory.  Connects only when the first action is sent. */
struct actions *actions_new(const struct actions_config *cfg, const struct rpc_addr *addr);
void actions_free(struct actions *a);
bool actions_read_only(const struct actions *a);

/*
 * The one gate every action passes, RPC or file: 0 when `kind` may run now,
 * else -1 with res filled (REFUSED, and the reason in one line).
 */
int actions_check(const struct actions *a, enum action_kind kind, struct action_result *res);

/*
 * Start an action.  0: sent, the outcome comes from step/take.  -1: refused
 * or failed at once, res holds why.
 */
int actions_iobuf_set_options(struct actions *a, const struct iobuf_set_request *req,
			      double now, struct action_result *res);
int actions_framework_start_init(struct actions *a, double now, struct action_result *res);

/*
 * File actions (kind ACTION_SAVE_BASELINE or ACTION_PROM_TEXTFILE): the gate,
 * then data written atomically to path (atomic_file.h), mode 0644; with
 * make_dirs, path's directory is created first (0700).  Done when it
 * returns: 0 with res OK ("wrote PATH"), or -1 with res REFUSED or FAILED.
 * An RPC in flight does not hold a file action back.
 */
int actions_write_file(struct actions *a, enum action_kind kind, const char *path,
		       const char *data, size_t len, bool make_dirs, struct action_result *res);

bool actions_busy(const struct actions *a);
bool actions_pollfd(const struct actions *a, struct pollfd *pfd);
double actions_next_deadline(const struct actions *a);   /* INFINITY when idle */
/* Advances with what poll saw (0 if nothing); true once an outcome is ready. */
bool actions_step(struct actions *a, short revents, double now);
/* Hands over the outcome (kind ACTION_NONE when there is none). */
void actions_take(struct actions *a, struct action_result *out);
/* step until the outcome is ready, waiting on the connection; bounded by the timeout. */
void actions_wait(struct actions *a, struct action_result *out);

/* The RPC method name; for a file action the option or feature ("--record"). */
const char *action_kind_name(enum action_kind k);
/*
 * One line for the footer: "iobuf_set_options: SPDK answered true",
 * "iobuf_set_options: SPDK error -1: Method may only ...".
 */
void action_result_describe(const struct action_result *r, char *buf, size_t len);

#endif
