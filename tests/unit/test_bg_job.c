/* bg_job: work on a thread, its end seen through an fd, freed by whoever lets go last. */
#include <check.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>

#include "bg_job.h"
#include "check_main.h"

struct ctx {
	pthread_mutex_t gate;  /* held by the test: the job waits on it */
	int result;
	sigset_t mask;         /* the job thread's signal mask */
	atomic_int *freed;
};

static void run(void *arg)
{
	struct ctx *x = arg;

	pthread_sigmask(SIG_SETMASK, NULL, &x->mask);
	pthread_mutex_lock(&x->gate);
	x->result = 42;
	pthread_mutex_unlock(&x->gate);
}

static void free_ctx(void *arg)
{
	struct ctx *x = arg;

	atomic_fetch_add(x->freed, 1);
	pthread_mutex_destroy(&x->gate);
	free(x);
}

static struct ctx *new_ctx(atomic_int *freed)
{
	struct ctx *x = calloc(1, sizeof(*x));

	ck_assert_ptr_nonnull(x);
	pthread_mutex_init(&x->gate, NULL);
	x->freed = freed;
	return x;
}

static bool readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

/* Whoever lets go last frees: the thread may still be on its way out. */
static void wait_freed(atomic_int *freed)
{
	for (time_t end = time(NULL) + 10; atomic_load(freed) == 0 && time(NULL) < end;)
		sched_yield();
	ck_assert_int_eq(atomic_load(freed), 1);
}

START_TEST(done_only_after_run_returned)
{
	static atomic_int freed;
	struct ctx *x = new_ctx(&freed);
	struct bg_job *j;
	struct ctx *got;
	int err = 0;

	pthread_mutex_lock(&x->gate);
	j = bg_job_start(run, x, free_ctx, &err);
	ck_assert_ptr_nonnull(j);
	/* Held at the gate: neither done nor readable, however long we look. */
	ck_assert_ptr_null(bg_job_done(j));
	ck_assert(!readable(bg_job_fd(j), 50));
	ck_assert_ptr_null(bg_job_done(j));
	pthread_mutex_unlock(&x->gate);
	ck_assert(readable(bg_job_fd(j), 10000));
	got = bg_job_done(j);
	ck_assert_ptr_eq(got, x);
	ck_assert_int_eq(got->result, 42);
	/* Signals belong to the main thread: the job blocks them all. */
	ck_assert(sigismember(&got->mask, SIGINT) && sigismember(&got->mask, SIGTERM) &&
		  sigismember(&got->mask, SIGWINCH));
	ck_assert_int_eq(atomic_load(&freed), 0);
	bg_job_release(j);
	wait_freed(&freed);
}
END_TEST

START_TEST(released_before_done_frees_at_the_end)
{
	/* Static: should the check below fail, the thread still has somewhere to write. */
	static atomic_int freed;
	struct ctx *x = new_ctx(&freed);
	struct bg_job *j;
	int err = 0;

	pthread_mutex_lock(&x->gate);
	j = bg_job_start(run, x, free_ctx, &err);
	ck_assert_ptr_nonnull(j);
	bg_job_release(j);  /* the caller gives up: the thread still owns ctx */
	ck_assert_int_eq(atomic_load(&freed), 0);
	pthread_mutex_unlock(&x->gate);
	/* The thread frees it when run() returns; wait for that without sleeping blind. */
	wait_freed(&freed);
	bg_job_release(NULL);
}
END_TEST

static Suite *bg_job_suite(void)
{
	Suite *s = suite_create("bg_job");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, done_only_after_run_returned);
	tcase_add_test(tc, released_before_done_frees_at_the_end);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(bg_job_suite());
}
