/* A host name resolved off the poll loop (contract: rpc_resolve.h). */
#include "rpc_resolve.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bg_job.h"

struct resolve_ctx {
	struct rpc_addr addr;
	rpc_resolver_fn fn;
	/* Written by the job's thread; read once bg_job_done() says it returned. */
	int rc;
	struct sockaddr_storage ss;
	socklen_t len;
	struct mt_err err;
};

struct rpc_resolve_job {
	struct bg_job *job;
};

static void run(void *arg)
{
	struct resolve_ctx *x = arg;

	x->rc = x->fn(x->addr.host, x->addr.port, &x->ss, &x->len, &x->err);
}

struct rpc_resolve_job *rpc_resolve_start(const struct rpc_addr *a, rpc_resolver_fn fn,
					  struct mt_err *err)
{
	struct rpc_resolve_job *j = calloc(1, sizeof(*j));
	struct resolve_ctx *x = calloc(1, sizeof(*x));
	int rc = 0;

	if (!j || !x) {
		free(j);
		free(x);
		mt_err_set(err, -ENOMEM, "cannot resolve RPC host '%s': out of memory", a->host);
		return NULL;
	}
	x->addr = *a;
	x->fn = fn;
	j->job = bg_job_start(run, x, free, &rc);
	if (!j->job) {
		free(x);
		free(j);
		mt_err_set(err, -rc, "cannot resolve RPC host '%s': no resolver thread: %s",
			   a->host, strerror(rc));
		return NULL;
	}
	return j;
}

int rpc_resolve_fd(const struct rpc_resolve_job *j)
{
	return bg_job_fd(j->job);
}

int rpc_resolve_result(struct rpc_resolve_job *j, struct rpc_sockaddr *out, struct mt_err *err)
{
	struct resolve_ctx *x = bg_job_done(j->job);

	if (!x)
		return 0;
	if (x->rc < 0) {
		*err = x->err;
		return -1;
	}
	memset(out, 0, sizeof(*out));
	memcpy(&out->ss, &x->ss, sizeof(x->ss));
	out->len = x->len;
	return 1;
}

void rpc_resolve_release(struct rpc_resolve_job *j)
{
	if (!j)
		return;
	bg_job_release(j->job);
	free(j);
}
