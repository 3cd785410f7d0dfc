/* Work on a detached thread, polled through an eventfd (contract: bg_job.h). */
#include "bg_job.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

struct bg_job {
	atomic_int refs;   /* the caller and the thread; the last one frees */
	atomic_bool done;  /* set after run() returned: its writes are visible then */
	int efd;
	void (*run)(void *ctx);
	void (*free_ctx)(void *ctx);
	void *ctx;
};

static void job_unref(struct bg_job *j)
{
	if (atomic_fetch_sub(&j->refs, 1) == 1) {
		close(j->efd);
		if (j->free_ctx)
			j->free_ctx(j->ctx);
		free(j);
	}
}

static void *thread_main(void *arg)
{
	struct bg_job *j = arg;
	uint64_t one = 1;
	ssize_t n;

	j->run(j->ctx);
	atomic_store(&j->done, true);
	do
		n = write(j->efd, &one, sizeof(one));
	while (n < 0 && errno == EINTR);
	job_unref(j);
	return NULL;
}

struct bg_job *bg_job_start(void (*run)(void *ctx), void *ctx, void (*free_ctx)(void *ctx),
			    int *err)
{
	struct bg_job *j = calloc(1, sizeof(*j));
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t t;
	int rc;

	if (!j) {
		*err = ENOMEM;
		return NULL;
	}
	j->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (j->efd < 0) {
		*err = errno;
		free(j);
		return NULL;
	}
	j->run = run;
	j->free_ctx = free_ctx;
	j->ctx = ctx;
	atomic_init(&j->refs, 2);
	atomic_init(&j->done, false);
	sigfillset(&all);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	/* The thread inherits this mask: a signal must wake the main loop, not the job. */
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&t, &attr, thread_main, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		close(j->efd);
		free(j);
		*err = rc;
		return NULL;
	}
	return j;
}

int bg_job_fd(const struct bg_job *j)
{
	return j->efd;
}

void *bg_job_done(struct bg_job *j)
{
	return atomic_load(&j->done) ? j->ctx : NULL;
}

void bg_job_release(struct bg_job *j)
{
	if (j)
		job_unref(j);
}
