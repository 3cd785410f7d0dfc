/*
 * bench_history: the memory and time 24 hours of history cost.
 *
 * Feeds history_push() one snapshot a second of simulated wall clock with
 * 64 NUMA nodes and a module list of 1,000 names cycling through the
 * snapshot (which holds SNAP_MAX_MODULES of them, so the history's 32
 * module slots are all in use and churn), bdev's large pool retrying in
 * bursts.  Prints the process's RSS (VmRSS, /proc/self/status) before
 * history_new, right after it, and after 15 minutes, 1, 6, 12, 24 and 48
 * hours of pushes (flat after 24 h is the claim), with the push time per
 * tick (median, p99 of CPU time) and the time to read a 200-column
 * window of every series at 1-minute resolution.  Usage: bench_history
 * [hours] (default 48).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "iobuf_rates.h"

#define NNODES 64
#define INPUT_MODULES 1000
#define WALL0 1767225600.0   /* 2026-01-01 00:00 UTC: minute aligned */

static long rss_kib(const char *field)
{
	char line[256];
	long v = -1;
	size_t n = strlen(field);
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Tick t: the module window slides over the 1,000 names every minute; nodes drain and refill. */
static void fill(struct snapshot *s, struct iobuf_rates *r, long t)
{
	size_t first = (size_t)(t / 60) % INPUT_MODULES;

	s->seq = (uint64_t)t;
	s->mono = (double)t;
	s->wall = WALL0 + (double)t;
	s->state = TARGET_RUNNING;
	s->iobuf.form = IOBUF_FORM_PER_MODULE;
	s->iobuf.nmodules = SNAP_MAX_MODULES;
	r->valid = true;
	r->dt = 1;
	r->nmodules = SNAP_MAX_MODULES;
	for (size_t m = 0; m < SNAP_MAX_MODULES; m++) {
		size_t k = (first + m) % INPUT_MODULES;

		snprintf(s->iobuf.modules[m].name, SNAP_NAME_LEN, "module_%04zu", k);
		snprintf(r->modules[m].name, SNAP_NAME_LEN, "module_%04zu", k);
		r->modules[m].small.retry = 0;
		r->modules[m].large.retry = (t % 600) < 3 && m == 1 ? 148507 : 0;
	}
	r->small.retry = 0;
	r->large.retry = (t % 600) < 3 ? 148507 : 0;
	r->small.gets = 40000 + (double)(t % 977);
	r->large.gets = 9000 + (double)(t % 331);
	s->hugepages.nnodes = NNODES;
	for (int n = 0; n < NNODES; n++) {
		struct hugepage_node *hn = &s->hugepages.nodes[n];

		hn->id = n;
		hn->nsizes = 1;
		hn->sizes[0].page_kb = 2048;
		hn->sizes[0].nr = 1024;
		hn->sizes[0].free = (uint64_t)((t + n * 97) % 1024);
	}
}

int main(int argc, char **argv)
{
	static const double marks_h[] = { 0.25, 1, 6, 12, 24, 36, 48, 72 };
	double hours = argc > 1 ? atof(argv[1]) : 48;
	long total = (long)(hours * 3600), t;
	struct snapshot *s = calloc(1, sizeof(*s));
	struct iobuf_rates *r = calloc(1, sizeof(*r));
	double *push_cpu = calloc((size_t)(total > 0 ? total : 1), sizeof(double));
	struct history *h;
	long before, after_new, at24 = -1, hwm;
	size_t mark = 0;
	double v[HISTORY_CAP], t0, view_cpu;
	struct hist_pos p;
	struct hist_window w;
	int views = 0;

	if (!s || !r || !push_cpu || !(hours > 0)) {
		fputs("usage: bench_history [hours > 0]\n", stderr);
		return 1;
	}
	/* The bench's own buffers touched first, so that what grows is the history. */
	memset(push_cpu, 0, (size_t)total * sizeof(double));
	memset(s, 0, sizeof(*s));
	memset(r, 0, sizeof(*r));
	fill(s, r, 0);
	before = rss_kib("VmRSS");
	h = history_new();
	if (!h) {
		fputs("bench_history: out of memory\n", stderr);
		return 1;
	}
	after_new = rss_kib("VmRSS");
	printf("bench_history: %d nodes, %d-module input (the snapshot holds %d), 1 Hz, %.0f h\n",
	       NNODES, INPUT_MODULES, SNAP_MAX_MODULES, hours);
	printf("struct history: %.2f MiB (one calloc; fine tier %d points, %d minute buckets)\n",
	       (double)sizeof(struct history) / 1048576.0, HIST_FINE_CAP, HIST_MINUTES);
	printf("RSS before history_new %ld KiB, after %ld KiB\n", before, after_new);
	printf("%8s %10s %10s\n", "hours", "RSS KiB", "history");
	for (t = 0; t < total; t++) {
		double c0;

		fill(s, r, t);
		c0 = cpu_now();
		history_push(h, s, r);
		push_cpu[t] = cpu_now() - c0;
		while (mark < sizeof(marks_h) / sizeof(marks_h[0]) &&
		       (double)(t + 1) >= marks_h[mark] * 3600) {
			long rss = rss_kib("VmRSS");

			printf("%8.2f %10ld %+9ld\n", marks_h[mark], rss, rss - before);
			if (marks_h[mark] == 24)
				at24 = rss;
			mark++;
		}
	}
	hwm = rss_kib("VmHWM");   /* before qsort, whose buffer is the bench's, not the history's */
	qsort(push_cpu, (size_t)total, sizeof(double), cmp_double);
	printf("push: median %.1f us, p99 %.1f us CPU per tick (%zu modules, %d nodes)\n",
	       push_cpu[total / 2] * 1e6, push_cpu[(size_t)((double)total * 0.99)] * 1e6,
	       h->nmodules, NNODES);
	/* What a frame scrolled back reads: every series, 200 minutes. */
	p = (struct hist_pos){ .live = false, .res = HIST_RES_MINUTE, .end = h->open_minute - 300 };
	t0 = cpu_now();
	for (int k = 0; k < 100; k++) {
		history_window(h, &p, 200, &w);
		history_values(h, &h->retry_large, &w, HIST_MAX, v);
		history_values(h, &h->gets_large, &w, HIST_MAX, v);
		for (size_t m = 0; m < h->nmodules; m++)
			history_values(h, &h->modules[m].retry_large, &w, HIST_MAX, v);
		for (size_t n = 0; n < h->nnodes; n++)
			history_values(h, &h->nodes[n].free_pct, &w, HIST_MIN, v);
		views++;
	}
	view_cpu = (cpu_now() - t0) / views;
	printf("view: %.1f us CPU for 200 minutes of %zu series\n", view_cpu * 1e6,
	       2 + h->nmodules + h->nnodes);
	printf("peak RSS (VmHWM) %ld KiB; after 24 h %s\n", hwm,
	       at24 < 0 ? "(not reached)" :
	       rss_kib("VmRSS") - at24 <= 64 ? "flat (within 64 KiB)" : "GREW");
	history_free(h);
	free(push_cpu);
	free(s);
	free(r);
	return 0;
}
