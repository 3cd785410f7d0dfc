/*
 * bg_job: one piece of work run on a detached thread, so the poll loop never
 * waits on it (a host name lookup with no timeout, the parse of a 32 MiB
 * reply).
 *
 * The thread runs run(ctx) with every signal blocked (signals belong to the
 * main thread and its loop), then makes bg_job_fd() readable.  The caller
 * polls that fd, and bg_job_done() hands back ctx once run() has returned.
 * Either side may finish first: the last of the caller's release and the
 * thread's end frees ctx with free_ctx, so a caller that gives up (a
 * deadline, a dropped connection) just releases the job.
 */
#ifndef BG_JOB_H
#define BG_JOB_H

struct bg_job;

/*
 * Starts run(ctx) on its own thread.  NULL with *err set to an errno value
 * when no thread or eventfd could be had; ctx is then still the caller's.
 */
struct bg_job *bg_job_start(void (*run)(void *ctx), void *ctx, void (*free_ctx)(void *ctx),
			    int *err);
/* Readable once run() has returned. */
int bg_job_fd(const struct bg_job *j);
/* ctx once run() has returned (its results are then safe to read), else NULL. */
void *bg_job_done(struct bg_job *j);
/* The caller lets go, done or not; NULL is ignored. */
void bg_job_release(struct bg_job *j);

#endif
