/* A reply's value made into a tree, here or on a thread (contract: rpc_reply.h). */
#include "rpc_reply.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bg_job.h"
#include "json_bigint.h"
#include "json_budget.h"
#include "json_stream.h"

static void read_raw_id(const char *text, size_t n, struct rpc_reply *out)
{
	size_t vs = 0, ve = 0;

	if (!json_stream_member_raw(text, n, "id", &vs, &ve))
		return;
	out->have_id = json_bigint_digits_u64(text + vs, ve - vs, &out->id);
	/* Raw JSON: escaped, so printable; the screen cleans whatever else is in it. */
	snprintf(out->id_text, sizeof(out->id_text), "%.*s", (int)(ve - vs), text + vs);
}

void rpc_reply_parse(const char *text, size_t n, size_t max_values, unsigned max_depth,
		     struct rpc_reply *out)
{
	json_error_t jerr;
	char *wide = NULL;
	size_t nwide = 0;

	memset(out, 0, sizeof(*out));
	out->n = n;
	read_raw_id(text, n, out);
	if (json_budget_check(text, n, max_values, max_depth, &out->why) < 0) {
		out->kind = RPC_REPLY_REFUSED;
		return;
	}
	/* uint64 counters above INT64_MAX become marked strings (json_bigint.h). */
	if (json_bigint_rewrite(text, n, &wide, &nwide) < 0) {
		out->kind = RPC_REPLY_NOMEM;
		mt_err_set(&out->why, -ENOMEM, "out of memory reading the reply");
		return;
	}
	out->v = wide ? json_loadb(wide, nwide, JSON_DECODE_ANY, &jerr) :
			json_loadb(text, n, JSON_DECODE_ANY, &jerr);
	free(wide);
	if (out->v) {
		out->kind = RPC_REPLY_TREE;
		return;
	}
	out->kind = RPC_REPLY_NOT_JSON;
	mt_err_set(&out->why, -EPROTO, "reply is not valid JSON: %s (byte %d)", jerr.text,
		   jerr.position);
}

void rpc_reply_clear(struct rpc_reply *out)
{
	json_decref(out->v);
	out->v = NULL;
}

struct reply_ctx {
	char *buf;
	size_t off, n;
	size_t max_values;
	unsigned max_depth;
	struct rpc_reply out;   /* written by the thread */
};

struct rpc_reply_job {
	struct bg_job *job;
};

static void run(void *arg)
{
	struct reply_ctx *x = arg;

	rpc_reply_parse(x->buf + x->off, x->n, x->max_values, x->max_depth, &x->out);
	/* The text is no longer needed: do not hold 32 MiB until the caller looks. */
	free(x->buf);
	x->buf = NULL;
}

static void free_ctx(void *arg)
{
	struct reply_ctx *x = arg;

	free(x->buf);
	rpc_reply_clear(&x->out);
	free(x);
}

struct rpc_reply_job *rpc_reply_start(char *buf, size_t off, size_t n, size_t max_values,
				      unsigned max_depth, int *err)
{
	struct rpc_reply_job *j = calloc(1, sizeof(*j));
	struct reply_ctx *x = calloc(1, sizeof(*x));

	if (!j || !x) {
		*err = ENOMEM;
		goto fail;
	}
	*x = (struct reply_ctx){ .buf = buf, .off = off, .n = n, .max_values = max_values,
				 .max_depth = max_depth };
	j->job = bg_job_start(run, x, free_ctx, err);
	if (j->job)
		return j;
fail:
	free(buf);
	free(x);
	free(j);
	return NULL;
}

int rpc_reply_job_fd(const struct rpc_reply_job *j)
{
	return bg_job_fd(j->job);
}

bool rpc_reply_job_take(struct rpc_reply_job *j, struct rpc_reply *out)
{
	struct reply_ctx *x = bg_job_done(j->job);

	if (!x)
		return false;
	*out = x->out;
	x->out.v = NULL;
	return true;
}

void rpc_reply_job_release(struct rpc_reply_job *j)
{
	if (!j)
		return;
	bg_job_release(j->job);
	free(j);
}
