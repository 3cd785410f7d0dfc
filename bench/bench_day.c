/*
 * bench_day: the real dashboard's resident memory after 24 and 48 hours.
 *
 * Runs spdk-memtop (MEMTOP_BIN, by default the build's spdk-memtop-dynamic
 * when spdk-memtop is static: libfaketime reaches only a program that loads
 * glibc dynamically) on a 120x40 pseudo-terminal at its default
 * 1 s interval against spdk-memtop-sim --modules M (exhaustion) and a sysfs
 * tree of N NUMA nodes (bench_fixture), with the 15-minute flight recorder
 * on, under libfaketime at SPEED times real time: its CLOCK_REALTIME and
 * CLOCK_MONOTONIC run SPEED times faster and poll(2) timeouts shrink to
 * match, so the dashboard ticks once per fake second, SPEED ticks per real
 * second, and a day takes 86,400 / SPEED real seconds.  Nothing in the
 * dashboard knows: the snapshots' wall clock (the history's minute buckets)
 * and monotonic clock (the tick grid, the flight ring) are both the fake
 * ones, the target and the sysfs tree are real.  The number of ticks is
 * the simulator's count of iobuf_get_stats calls (one per round), printed
 * next to the fake seconds at each mark: where the machine could not keep
 * up, the dashboard skipped ticks and the count says so.
 *
 * At each mark (15 min, 1, 6, 12, 24, 36, 48 h of fake time, and the end) it prints the
 * dashboard's VmRSS and VmHWM, and its resident set less libfaketime's own
 * pages (the figure a user would see, who runs no libfaketime); at 24 h and
 * at the end, the resident set by mapping (/proc/PID/smaps: the binary,
 * each library, the heap, anonymous mappings, the stack).
 * Usage: bench_day [HOURS [SPEED [MODULES [NODES]]]] [-- DASHBOARD-ARGS]
 * (default 48 100 1000 64; the arguments after -- go to spdk-memtop, for a
 * comparison such as --flight-minutes 0).
 * Needs libfaketime (Debian: faketime); without it says so and exits 77.
 */
#include <jansson.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_fixture.h"
#include "bench_pty.h"
#include "bench_stats.h"
#include "mt_clock.h"
#include "sim_harness.h"

#define BUDGET_RSS_MIB 8.0
#define FAKETIME_LIB "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"
#define MAX_GROUPS 64

/* Resident KiB of the mappings of one name (a file's base name, or [heap], [anon]...). */
struct rss_group {
	char name[64];
	long rss, priv_dirty;
};

static void group_add(struct rss_group *g, size_t *n, const char *name, long rss, long dirty)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(g[i].name, name) == 0)
			break;
	if (i == *n) {
		if (*n == MAX_GROUPS)
			i = *n - 1;   /* the last one collects the rest */
		else
			snprintf(g[(*n)++].name, sizeof(g[i].name), "%s", name);
	}
	g[i].rss += rss;
	g[i].priv_dirty += dirty;
}

/* The mapping's name in a smaps header line: its path's base name, or what the kernel says. */
static void mapping_name(const char *line, char *out, size_t len)
{
	const char *p = line;
	const char *slash;

	for (int f = 0; f < 5 && *p; f++) {   /* address perms offset dev inode */
		while (*p && *p != ' ')
			p++;
		while (*p == ' ')
			p++;
	}
	if (!*p || *p == '\n') {
		snprintf(out, len, "[anon]");
		return;
	}
	slash = strrchr(p, '/');
	snprintf(out, len, "%s", slash && *p == '/' ? slash + 1 : p);
	out[strcspn(out, "\n")] = '\0';
}

static int cmp_group(const void *a, const void *b)
{
	const struct rss_group *x = a, *y = b;

	return (y->rss > x->rss) - (y->rss < x->rss);
}

/* Reads /proc/PID/smaps into groups; the count, 0 when it cannot be read. */
static size_t smaps_groups(pid_t pid, struct rss_group *g)
{
	char path[64], line[512], name[64] = "";
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/smaps", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	memset(g, 0, MAX_GROUPS * sizeof(*g));
	while (fgets(line, sizeof(line), f)) {
		long v;

		if (strchr("0123456789abcdef", line[0]) && strchr(line, '-')) {
			mapping_name(line, name, sizeof(name));
			continue;
		}
		if (sscanf(line, "Rss: %ld kB", &v) == 1)
			group_add(g, &n, name, v, 0);
		else if (sscanf(line, "Private_Dirty: %ld kB", &v) == 1)
			group_add(g, &n, name, 0, v);
	}
	fclose(f);
	qsort(g, n, sizeof(*g), cmp_group);
	return n;
}

/*
 * KiB resident in libfaketime's own mappings (its shared page and semaphore
 * included); with `print`, the resident set by mapping as well.
 */
static long smaps_report(pid_t pid, bool print)
{
	struct rss_group g[MAX_GROUPS];
	size_t n = smaps_groups(pid, g);
	long total = 0, faked = 0;

	if (print)
		printf("    resident by mapping (smaps), KiB: rss (private dirty)\n");
	for (size_t i = 0; i < n; i++) {
		total += g[i].rss;
		if (strstr(g[i].name, "faketime"))
			faked += g[i].rss;
		if (print && g[i].rss > 0)
			printf("      %-28s %6ld (%6ld)\n", g[i].name, g[i].rss, g[i].priv_dirty);
	}
	if (print)
		printf("      %-28s %6ld\n", "total", total);
	return faked;
}

/* iobuf_get_stats calls the simulator answered: the dashboard's rounds; -1 unknown. */
static long ticks_so_far(const struct sim_proc *sim)
{
	struct mt_err err = { 0 };
	json_t *r = sim_rpc(sim, "sim_get_call_counts", NULL, 5.0, &err);
	json_t *n = r ? json_object_get(json_object_get(r, "result"), "iobuf_get_stats") : NULL;
	long v = json_is_integer(n) ? (long)json_integer_value(n) : -1;

	json_decref(r);
	return v;
}

#define MAX_EXTRA 8

static int run(double hours, double speed, const char *modules, int nodes, char **extra,
	       int nextra)
{
	static const double marks_h[] = { 0.25, 1, 6, 12, 24, 36, 48, 72, 96 };
	size_t nmarks = 0;
	const char *args[] = { "--scenario", "exhaustion", "--modules", modules, NULL };
	const char *env = getenv("MEMTOP_BIN");
	char *bin = (char *)(env && *env ? env : MEMTOP_DYNAMIC_BIN);
	char *argv[7 + MAX_EXTRA + 1] = { bin, "-s", NULL, "--sysfs-root", NULL, "--procfs-root",
					  NULL };
	char faketime[64];
	struct bench_fixture fx;
	struct sim_proc sim = { 0 };
	struct mt_err err = { 0 };
	struct bench_pty p;
	long at24 = -1, last = -1, peak = -1;
	int rc = 0;

	while (nmarks < sizeof(marks_h) / sizeof(marks_h[0]) && marks_h[nmarks] < hours)
		nmarks++;
	nmarks++;   /* the end */
	if (bench_fixture_make(&fx, nodes) < 0)
		return 1;
	if (sim_start(&sim, args, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		bench_fixture_remove(&fx);
		return 1;
	}
	argv[2] = sim.sock_path;
	argv[4] = fx.sysfs;
	argv[6] = fx.procfs;
	for (int i = 0; i < nextra; i++)
		argv[7 + i] = extra[i];
	/* Minute aligned, so the buckets' boundaries fall where a real clock's do. */
	snprintf(faketime, sizeof(faketime), "@2026-01-01 00:00:00 x%g", speed);
	setenv("LD_PRELOAD", FAKETIME_LIB, 1);
	setenv("FAKETIME", faketime, 1);
	setenv("TZ", "UTC", 1);
	rc = bench_pty_spawn(&p, 120, 40, argv);
	unsetenv("LD_PRELOAD");
	unsetenv("FAKETIME");
	if (rc < 0) {
		sim_stop(&sim);
		bench_fixture_remove(&fx);
		return 1;
	}
	printf("bench_day: spdk-memtop at 120x40, -d 1, flight recorder 15 min, %s modules "
	       "(exhaustion), %d NUMA nodes, %g h at x%g (libfaketime)",
	       modules, nodes, hours, speed);
	for (int i = 0; i < nextra; i++)
		printf(" %s", extra[i]);
	printf("\n");
	printf("%7s %9s %8s %9s %9s %12s %9s\n", "hours", "ticks", "of", "VmRSS", "VmHWM",
	       "RSS-faketime", "CPU/tick");
	for (size_t m = 0; m < nmarks; m++) {
		/* The marks before the end, then the end itself. */
		double at = m + 1 < nmarks ? marks_h[m] : hours;
		double due = p.started + at * 3600 / speed;
		long rss, ticks, ft;
		double cpu;

		bench_pty_read(&p, due, false);
		if (p.eof) {
			fprintf(stderr, "the dashboard ended before %.2f h\n", at);
			rc = 1;
			break;
		}
		rss = bench_rss_kib(p.pid, &peak);
		ft = smaps_report(p.pid, false);
		if (m == 0 && ft <= 0) {
			fprintf(stderr, "libfaketime is not mapped in %s (a static program?): its "
				"clock runs in real time; MEMTOP_BIN must name spdk-memtop-dynamic\n",
				bin);
			rc = 1;
			break;
		}
		ticks = ticks_so_far(&sim);
		cpu = bench_proc_cpu(p.pid);
		printf("%7.2f %9ld %8.0f %6ld KiB %6ld KiB %8ld KiB %6.0f us\n", at, ticks,
		       at * 3600, rss, peak, rss - ft, ticks > 0 ? cpu / ticks * 1e6 : -1);
		fflush(stdout);
		if (at == 24) {
			long anon, file;

			at24 = rss - ft;
			smaps_report(p.pid, true);
			if (bench_rss_split_kib(p.pid, &anon, &file) == 0)
				printf("    anonymous (heap, history, stack) %ld KiB; file pages %ld KiB, "
				       "libfaketime's own (file and shared) %ld\n", anon, file, ft);
		}
		last = rss - ft;
	}
	if (!p.eof) {
		printf("  libfaketime's own pages: %ld KiB (left out of RSS-faketime)\n",
		       smaps_report(p.pid, true));
	}
	if (at24 >= 0) {
		printf("  after 24 h: %s (%+ld KiB to the end)\n",
		       last - at24 <= 64 ? "flat (within 64 KiB)" : "GREW", last - at24);
		bench_verdict("RSS after 24 h of history", (double)at24 / 1024.0, BUDGET_RSS_MIB,
			      "MiB");
	}
	printf("  peak (VmHWM, with libfaketime) %.2f MiB\n", (double)peak / 1024.0);
	bench_pty_stop(&p, 5.0);
	sim_stop(&sim);
	bench_fixture_remove(&fx);
	return rc;
}

int main(int argc, char **argv)
{
	int npos = 1, nextra = 0;

	while (npos < argc && strcmp(argv[npos], "--") != 0)
		npos++;
	if (npos < argc)
		nextra = argc - npos - 1;
	double hours = npos > 1 ? atof(argv[1]) : 48;
	double speed = npos > 2 ? atof(argv[2]) : 100;
	const char *modules = npos > 3 ? argv[3] : "1000";
	int nodes = npos > 4 ? atoi(argv[4]) : 64;

	if (!(hours > 0) || !(speed >= 1) || atoi(modules) < 1 || nodes < 1 || nodes > 64 ||
	    npos > 5 || nextra > MAX_EXTRA) {
		fprintf(stderr, "usage: %s [HOURS [SPEED [MODULES [NODES (1-64)]]]] "
			"[-- DASHBOARD-ARGS (at most %d)]\n", argv[0], MAX_EXTRA);
		return 2;
	}
	if (access(FAKETIME_LIB, R_OK) != 0) {
		fprintf(stderr, "%s: needs %s (Debian package faketime)\n", argv[0], FAKETIME_LIB);
		return 77;
	}
	signal(SIGPIPE, SIG_IGN);
	return run(hours, speed, modules, nodes, argv + npos + 1, nextra);
}
