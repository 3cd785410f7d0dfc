/*
 * bench_once: spdk-memtop --once --json as a script runs it, whole process.
 *
 * RUNS rounds (default 20) against spdk-memtop-sim (exhaustion, --modules 8)
 * with the 2-node sysfs fixture, standard output into a file: the wall time
 * from fork to exit and the CPU time of the process (wait4's user + system,
 * exec and exit included).  Each round also runs, interleaved so that all
 * rows share the machine's load, the same binary's --version (start-up
 * alone) and /bin/true (the cost of any process here), and each BIN given
 * after RUNS with the same --once --json (an older build: before and after
 * in one run).  The first --once output of each binary must be one JSON
 * object with the 8 modules, or the bench fails.  Prints median, p99, max,
 * and each median as a share of /bin/true's.
 * Usage: bench_once [RUNS [BIN...]].
 */
#include <fcntl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_stats.h"
#include "mt_clock.h"
#include "sim_harness.h"

#define SYSFS MEMTOP_FIXTURES "/sysfs/2node"
#define PROCFS MEMTOP_FIXTURES "/procfs/2node"
#define BUDGET_CPU_MS 5.0

static const char *memtop_bin(void)
{
	const char *env = getenv("MEMTOP_BIN");

	return env && *env ? env : MEMTOP_BIN;
}

/* One run of argv with stdout into out_fd; wall and CPU seconds; its exit status, or -1. */
static int run_once(char *const argv[], int out_fd, double *wall, double *cpu)
{
	struct rusage ru;
	double t0 = mt_now();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(out_fd, STDOUT_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid)
		return -1;
	*wall = mt_now() - t0;
	*cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#define MAX_ROWS 8

/* One command of the round and what it cost. */
struct row {
	char label[96];
	char *argv[12];
	bool check;               /* its first output must be the 8 modules' JSON */
	struct bench_samples wall, cpu;
};

static void row_once(struct row *r, const char *bin, const char *sock)
{
	char *argv[] = { (char *)bin, "--once", "--json", "-s", (char *)sock, "--sysfs-root",
			 SYSFS, "--procfs-root", PROCFS, NULL };

	snprintf(r->label, sizeof(r->label), "%s --once --json", bin);
	memcpy(r->argv, argv, sizeof(argv));
	r->check = true;
}

static void row_plain(struct row *r, const char *bin, const char *arg)
{
	snprintf(r->label, sizeof(r->label), "%s%s%s", bin, arg ? " " : "", arg ? arg : "");
	r->argv[0] = (char *)bin;
	r->argv[1] = (char *)arg;
	r->argv[2] = NULL;
}

/* The output has the iobuf stats of 8 modules. */
static bool output_ok(FILE *f)
{
	json_t *v;
	bool ok;

	rewind(f);
	v = json_loadf(f, 0, NULL);
	ok = v && json_array_size(json_object_get(json_object_get(v, "iobuf"), "modules")) == 8;
	json_decref(v);
	return ok;
}

static void print_row(const struct row *r, double floor_cpu)
{
	printf("%s\n", r->label);
	printf("  %-6s %10.2f %10.2f %10.2f\n", "wall", bench_median(&r->wall) * 1e3,
	       bench_p99(&r->wall) * 1e3, bench_quantile(&r->wall, 1.0) * 1e3);
	printf("  %-6s %10.2f %10.2f %10.2f   %.2fx /bin/true\n", "cpu",
	       bench_median(&r->cpu) * 1e3, bench_p99(&r->cpu) * 1e3,
	       bench_quantile(&r->cpu, 1.0) * 1e3,
	       floor_cpu > 0 ? bench_median(&r->cpu) / floor_cpu : 0.0);
}

int main(int argc, char **argv)
{
	const char *args[] = { "--scenario", "exhaustion", "--modules", "8", NULL };
	long runs = argc > 1 ? strtol(argv[1], NULL, 10) : 20;
	struct row rows[MAX_ROWS];
	struct sim_proc sim = { 0 };
	struct mt_err err = { 0 };
	FILE *out = tmpfile();
	size_t nrows = 0, floor_row;
	int rc = 1;

	if (runs <= 0 || argc - 2 > MAX_ROWS - 3) {
		fprintf(stderr, "usage: %s [RUNS > 0 [BIN... (at most %d)]]\n", argv[0],
			MAX_ROWS - 3);
		return 2;
	}
	if (!out)
		return 1;
	if (sim_start(&sim, args, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	memset(rows, 0, sizeof(rows));
	row_once(&rows[nrows++], memtop_bin(), sim.sock_path);
	for (int i = 2; i < argc; i++)
		row_once(&rows[nrows++], argv[i], sim.sock_path);
	row_plain(&rows[nrows++], memtop_bin(), "--version");
	floor_row = nrows;
	row_plain(&rows[nrows++], "/bin/true", NULL);
	for (size_t r = 0; r < nrows; r++)
		if (bench_samples_init(&rows[r].wall, (size_t)runs) < 0 ||
		    bench_samples_init(&rows[r].cpu, (size_t)runs) < 0)
			goto out;
	for (long i = 0; i < runs; i++) {
		for (size_t r = 0; r < nrows; r++) {
			double w, c;
			int st;

			if (ftruncate(fileno(out), 0) < 0 || lseek(fileno(out), 0, SEEK_SET) < 0)
				goto out;
			st = run_once(rows[r].argv, fileno(out), &w, &c);
			if (st != 0) {
				fprintf(stderr, "%s: exit status %d\n", rows[r].label, st);
				goto out;
			}
			if (i == 0 && rows[r].check && !output_ok(out)) {
				fprintf(stderr, "%s: not the 8 modules' JSON\n", rows[r].label);
				goto out;
			}
			bench_samples_add(&rows[r].wall, w);
			bench_samples_add(&rows[r].cpu, c);
		}
	}
	printf("--once --json, %ld runs each, 8 modules, 2 nodes (fixture), interleaved\n", runs);
	printf("  %-6s %10s %10s %10s\n", "ms", "median", "p99", "max");
	for (size_t r = 0; r < nrows; r++)
		print_row(&rows[r], bench_median(&rows[floor_row].cpu));
	bench_verdict("--once --json CPU (median)", bench_median(&rows[0].cpu) * 1e3,
		      BUDGET_CPU_MS, "ms");
	rc = 0;
out:
	sim_stop(&sim);
	fclose(out);
	for (size_t r = 0; r < nrows; r++) {
		bench_samples_free(&rows[r].wall);
		bench_samples_free(&rows[r].cpu);
	}
	return rc;
}
