/* bench_stats: clocks and sample summaries for the benchmarks (see the header). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_stats.h"

double bench_cpu(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int bench_samples_init(struct bench_samples *s, size_t cap)
{
	s->n = 0;
	s->cap = cap;
	s->v = malloc((cap ? cap : 1) * sizeof(*s->v));
	return s->v ? 0 : -1;
}

void bench_samples_free(struct bench_samples *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

void bench_samples_add(struct bench_samples *s, double v)
{
	if (s->n < s->cap)
		s->v[s->n++] = v;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double bench_quantile(const struct bench_samples *s, double q)
{
	double *sorted, r;
	size_t i;

	if (!s->n)
		return 0;
	sorted = malloc(s->n * sizeof(*sorted));
	if (!sorted)
		return 0;
	memcpy(sorted, s->v, s->n * sizeof(*sorted));
	qsort(sorted, s->n, sizeof(*sorted), cmp_double);
	i = (size_t)(q * (double)s->n + 0.5);
	if (i >= s->n)
		i = s->n - 1;
	r = sorted[i];
	free(sorted);
	return r;
}

double bench_median(const struct bench_samples *s)
{
	return bench_quantile(s, 0.5);
}

double bench_p99(const struct bench_samples *s)
{
	return bench_quantile(s, 0.99);
}

/* The values of /proc/PID/status lines named in keys[] (pid 0: self), in order; -1 unknown. */
static void status_values(int pid, const char *const *keys, long *vals, size_t n)
{
	char path[64], line[256];
	FILE *f;

	for (size_t i = 0; i < n; i++)
		vals[i] = -1;
	if (pid > 0)
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		for (size_t i = 0; i < n; i++) {
			size_t k = strlen(keys[i]);

			if (strncmp(line, keys[i], k) == 0 && line[k] == ':')
				vals[i] = strtol(line + k + 1, NULL, 10);
		}
	fclose(f);
}

long bench_rss_kib(int pid, long *peak_kib)
{
	static const char *const keys[] = { "VmRSS", "VmHWM" };
	long v[2];

	status_values(pid, keys, v, 2);
	if (peak_kib)
		*peak_kib = v[1];
	return v[0];
}

int bench_rss_split_kib(int pid, long *anon_kib, long *file_kib)
{
	static const char *const keys[] = { "RssAnon", "RssFile" };
	long v[2];

	status_values(pid, keys, v, 2);
	*anon_kib = v[0];
	*file_kib = v[1];
	return v[0] < 0 || v[1] < 0 ? -1 : 0;
}

void bench_verdict(const char *what, double value, double budget, const char *unit)
{
	if (value <= budget)
		printf("  budget %-40s %9.1f %-3s <= %.1f: met\n", what, value, unit, budget);
	else
		printf("  budget %-40s %9.1f %-3s >  %.1f: MISSED by %.1f (%.0f%%)\n", what, value,
		       unit, budget, value - budget, (value - budget) / budget * 100.0);
}
