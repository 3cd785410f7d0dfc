/*
 * bench_stats: the clocks and the sample summaries every benchmark prints.
 *
 * bench_cpu() is this process's CPU time (CLOCK_PROCESS_CPUTIME_ID: user and
 * system, every thread), the figure a loaded machine disturbs least.  A
 * struct bench_samples holds up to cap values in the order they were taken;
 * bench_median() and bench_p99() sort a copy (nearest rank), so the samples
 * can still be read tick by tick afterwards.
 */
#ifndef BENCH_STATS_H
#define BENCH_STATS_H

#include <stddef.h>

struct bench_samples {
	double *v;
	size_t n, cap;
};

/* CPU seconds of this process so far. */
double bench_cpu(void);

/* 0, or -1 when out of memory. */
int bench_samples_init(struct bench_samples *s, size_t cap);
void bench_samples_free(struct bench_samples *s);
/* Values past cap are dropped. */
void bench_samples_add(struct bench_samples *s, double v);

/* The value below which a share q (0..1) of the samples lies; 0 when empty. */
double bench_quantile(const struct bench_samples *s, double q);
double bench_median(const struct bench_samples *s);
double bench_p99(const struct bench_samples *s);

/*
 * Prints "budget WHAT VALUE UNIT <= BUDGET: met", or "> BUDGET: MISSED by"
 * how much and what share of the budget; the reports of every benchmark.
 */
void bench_verdict(const char *what, double value, double budget, const char *unit);

/* Resident set and its peak (VmRSS, VmHWM of /proc/PID/status, pid 0: self) in KiB; -1 unknown. */
long bench_rss_kib(int pid, long *peak_kib);

/*
 * The resident set split (RssAnon, RssFile of /proc/PID/status) in KiB: the
 * process's own memory (heap, anonymous mappings, stack) and the pages of
 * files it maps (the program, the shared libraries); 0, or -1 unknown.
 */
int bench_rss_split_kib(int pid, long *anon_kib, long *file_kib);

#endif
