/*
 * bench_once: spdk-memtop --once --json as a script runs it, whole process.
 *
 * RUNS runs (default 20) one after the other against spdk-memtop-sim
 * (exhaustion, --modules 8) with the 2-node sysfs fixture, standard output
 * into a file: the wall time from fork to exit and the CPU time of the
 * process (wait4's user + system).  The first run's output must be one JSON
 * object with the 8 modules, or the bench fails.  Prints median, p99, max.
 * Usage: bench_once [RUNS].
 */
#include <fcntl.h>
#include <jansson.h>
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

/* One run with stdout into out_fd; wall and CPU seconds; its exit status, or -1. */
static int run_once(const char *sock, int out_fd, double *wall, double *cpu)
{
	char *argv[] = { (char *)memtop_bin(), "--once", "--json", "-s", (char *)sock,
			 "--sysfs-root", SYSFS, "--procfs-root", PROCFS, NULL };
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

int main(int argc, char **argv)
{
	const char *args[] = { "--scenario", "exhaustion", "--modules", "8", NULL };
	long runs = argc > 1 ? strtol(argv[1], NULL, 10) : 20;
	struct bench_samples wall, cpu;
	struct sim_proc sim = { 0 };
	struct mt_err err = { 0 };
	FILE *out = tmpfile();
	int rc = 1;

	if (runs <= 0 || argc > 2) {
		fprintf(stderr, "usage: %s [RUNS > 0]\n", argv[0]);
		return 2;
	}
	if (!out || bench_samples_init(&wall, (size_t)runs) < 0 ||
	    bench_samples_init(&cpu, (size_t)runs) < 0)
		return 1;
	if (sim_start(&sim, args, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	for (long i = 0; i < runs; i++) {
		double w, c;
		int st;

		if (ftruncate(fileno(out), 0) < 0 || lseek(fileno(out), 0, SEEK_SET) < 0)
			goto out;
		st = run_once(sim.sock_path, fileno(out), &w, &c);
		if (st != 0) {
			fprintf(stderr, "%s --once --json: exit status %d\n", memtop_bin(), st);
			goto out;
		}
		if (i == 0 && !output_ok(out)) {
			fprintf(stderr, "%s --once --json: not the 8 modules' JSON\n",
				memtop_bin());
			goto out;
		}
		bench_samples_add(&wall, w);
		bench_samples_add(&cpu, c);
	}
	printf("%s --once --json, %ld runs, 8 modules, 2 nodes (fixture)\n", memtop_bin(), runs);
	printf("%-6s %10s %10s %10s\n", "ms", "median", "p99", "max");
	printf("%-6s %10.2f %10.2f %10.2f\n", "wall", bench_median(&wall) * 1e3,
	       bench_p99(&wall) * 1e3, bench_quantile(&wall, 1.0) * 1e3);
	printf("%-6s %10.2f %10.2f %10.2f\n", "cpu", bench_median(&cpu) * 1e3,
	       bench_p99(&cpu) * 1e3, bench_quantile(&cpu, 1.0) * 1e3);
	bench_verdict("--once --json CPU (median)", bench_median(&cpu) * 1e3, BUDGET_CPU_MS,
		      "ms");
	rc = 0;
out:
	sim_stop(&sim);
	fclose(out);
	bench_samples_free(&wall);
	bench_samples_free(&cpu);
	return rc;
}
