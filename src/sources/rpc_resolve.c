/* A host name resolved off the poll loop (contract: rpc_resolve.h). */
#include "rpc_resolve.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

struct rpc_resolve_job {
	atomic_int refs;   /* the caller and the thread; the last one frees */
	atomic_bool done;
	int efd;
	struct rpc_addr addr;
	rpc_resolver_fn fn;
	/* Written by the thread before done is set. */
	int rc;
	struct sockaddr_storage ss;
	socklen_t len;
	struct mt_err err;
};

static void job_unref(struct rpc_resolve_job *j)
{
	if (atomic_fetch_sub(&j->refs, 1) == 1) {
		close(j->efd);
		free(j);
	}
}

static void *run(void *arg)
{
	struct rpc_resolve_job *j = arg;
	uint64_t one = 1;
	ssize_t n;

	j->rc = j->fn(j->addr.host, j->addr.port, &j->ss, &j->len, &j->err);
	atomic_store(&j->done, true);
	do
		n = write(j->efd, &one, sizeof(one));
	while (n < 0 && errno == EINTR);
	job_unref(j);
	return NULL;
}

struct rpc_resolve_job *rpc_resolve_start(const struct rpc_addr *a, rpc_resolver_fn fn,
					  struct mt_err *err)
{
	struct rpc_resolve_job *j = calloc(1, sizeof(*j));
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t t;
	int rc;

	if (!j) {
		mt_err_set(err, -ENOMEM, "cannot resolve RPC host '%s': out of memory", a->host);
		return NULL;
	}
	j->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (j->efd < 0) {
		rc = errno;
		free(j);
		mt_err_set(err, -rc, "cannot resolve RPC host '%s': eventfd: %s", a->host,
			   strerror(rc));
		return NULL;
	}
	j->addr = *a;
	j->fn = fn;
	atomic_init(&j->refs, 2);
	atomic_init(&j->done, false);
	sigfillset(&all);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	/* The thread inherits this mask: a signal must wake the main loop, not the resolver. */
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&t, &attr, run, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		close(j->efd);
		free(j);
		mt_err_set(err, -rc, "cannot resolve RPC host '%s': no resolver thread: %s",
			   a->host, strerror(rc));
		return NULL;
	}
	return j;
}

int rpc_resolve_fd(const struct rpc_resolve_job *j)
{
	return j->efd;
}

int rpc_resolve_result(struct rpc_resolve_job *j, struct rpc_sockaddr *out, struct mt_err *err)
{
	if (!atomic_load(&j->done))
		return 0;
	if (j->rc < 0) {
		*err = j->err;
		return -1;
	}
	memset(out, 0, sizeof(*out));
	memcpy(&out->ss, &j->ss, sizeof(j->ss));
	out->len = j->len;
	return 1;
}

void rpc_resolve_release(struct rpc_resolve_job *j)
{
	if (j)
		job_unref(j);
}
