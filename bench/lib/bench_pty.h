/*
 * bench_pty: a program run on a pseudo-terminal of a chosen size, its output
 * counted as a terminal would receive it.
 *
 * bench_pty_spawn() opens a pty (posix_openpt, size set with TIOCSWINSZ),
 * forks, makes the slave the child's controlling terminal and its stdin,
 * stdout and stderr, and execs argv with TERM=xterm-256color and
 * LANG=C.UTF-8.  bench_pty_read() drains the master until a deadline or
 * until every marker has been seen in the output since the spawn, counting
 * bytes and keeping the time each marker was first complete.
 * bench_pty_stop() types q, drains until the child closes the terminal, and
 * reaps it (SIGKILL after the deadline).  The /proc readers give the child's
 * CPU time (schedstat, in ns, not rounded to clock ticks) and its voluntary
 * context switches: each time it went to sleep in poll(2) and woke up again.
 */
#ifndef BENCH_PTY_H
#define BENCH_PTY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define BENCH_PTY_TAIL 256   /* output kept to find markers split over reads */
#define BENCH_PTY_MARKERS 4

struct bench_pty {
	int master;
	pid_t pid;
	double started;           /* mt_now() just before fork */
	long long bytes;          /* read from the master so far */
	bool eof;                 /* the child closed the terminal */
	/* markers: each is seen once it appeared whole in the output */
	const char *marker[BENCH_PTY_MARKERS];
	double marker_at[BENCH_PTY_MARKERS];   /* mt_now() when seen; 0 before */
	size_t nmarkers;
	char tail[BENCH_PTY_TAIL];
	size_t ntail;
};

/* 0, or -1 with a message on stderr. */
int bench_pty_spawn(struct bench_pty *p, int cols, int rows, char *const argv[]);

/* Looks for these (borrowed) strings in the output from now on. */
void bench_pty_watch(struct bench_pty *p, const char *const *markers, size_t n);
/* The time the last watched marker was seen, or 0 while one is missing. */
double bench_pty_markers_seen(const struct bench_pty *p);

/* Drains until `deadline` (mt_now() time) or, with until_markers, all markers seen. */
void bench_pty_read(struct bench_pty *p, double deadline, bool until_markers);
/* Drains n terminals at once until `deadline`. */
void bench_pty_read_all(struct bench_pty *const *p, size_t n, double deadline);

/* Types q and waits for the child to end (at most timeout s, then SIGKILL); its wait status. */
int bench_pty_stop(struct bench_pty *p, double timeout);

/* The child's CPU time in seconds (/proc/PID/schedstat), -1 if unknown. */
double bench_proc_cpu(pid_t pid);
/* Its voluntary context switches so far (/proc/PID/status), -1 if unknown. */
long bench_proc_wakeups(pid_t pid);

#endif
