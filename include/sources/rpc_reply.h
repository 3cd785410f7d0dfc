/*
 * rpc_reply: one framed JSON value from the target made into a jansson tree,
 * within json_budget's caps, with uint64 counters kept (json_bigint).
 *
 * Small values are parsed where they arrive.  A large one (a 32 MiB reply
 * takes jansson about a second under a sanitizer) goes to a bg_job, so the
 * poll loop goes on answering keys while it is parsed: the job takes the
 * buffer that holds the text, and the caller polls rpc_reply_job_fd().
 * Whatever the outcome, `id` holds the value's raw "id" member (cut to fit),
 * so a reply that cannot be built still fails the request it answers.
 */
#ifndef RPC_REPLY_H
#define RPC_REPLY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mt_error.h"

/* Values up to this size are parsed on the spot: a few ms at most. */
#define RPC_REPLY_INLINE_MAX (256u * 1024)

enum rpc_reply_kind {
	RPC_REPLY_TREE,      /* v holds the value */
	RPC_REPLY_REFUSED,   /* over the caps: why says which */
	RPC_REPLY_NOT_JSON,  /* framed but jansson refused it (not UTF-8): why says where */
	RPC_REPLY_NOMEM,
};

struct rpc_reply {
	enum rpc_reply_kind kind;
	json_t *v;
	struct mt_err why;
	size_t n;             /* the value's length in bytes */
	bool have_id;         /* "id" is a whole number that fits uint64 */
	uint64_t id;
	char id_text[24];     /* the raw "id" as sent, cut; "" when there is none */
};

/* Parses text[0, n) (framed: one complete JSON value) into out. */
void rpc_reply_parse(const char *text, size_t n, size_t max_values, unsigned max_depth,
		     struct rpc_reply *out);
/* Frees what out holds. */
void rpc_reply_clear(struct rpc_reply *out);

struct rpc_reply_job;

/*
 * Parses buf[off, off + n) on a thread; the job owns buf (malloc'ed) from
 * now on, also when this fails (NULL, *err an errno value).
 */
struct rpc_reply_job *rpc_reply_start(char *buf, size_t off, size_t n, size_t max_values,
				      unsigned max_depth, int *err);
int rpc_reply_job_fd(const struct rpc_reply_job *j);
/* true once parsed: out takes the result (the job keeps nothing). */
bool rpc_reply_job_take(struct rpc_reply_job *j, struct rpc_reply *out);
/* Lets go of the job, done or not (NULL is ignored). */
void rpc_reply_job_release(struct rpc_reply_job *j);

#endif
