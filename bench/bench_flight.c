/*
 * bench_flight: the 15-minute flight recorder full, in bytes and CPU.
 *
 * 900 snapshots (15 minutes at 1 Hz) of real collector rounds against
 * spdk-memtop-sim (8 modules, exhaustion) are pushed into a ring with the
 * dashboard's bounds (FLIGHT_DEFAULT_MINUTES, FLIGHT_MAX_BYTES), the clock
 * moving one second a push, in three cases:
 *   - 2 nodes: the 2-node fixture;
 *   - 64 nodes: a tree made from it (bench_fixture), which never changes;
 *   - 64 nodes, moving: the same, with every node's MemFree moving a few
 *     kB each second, as a real host's does.
 * Printed: the bytes the ring holds, per line and in all, against the
 * complete recording it hands back (flight_ring_text), the CPU of a push
 * (median, p99), of the snapshot_to_json_line() in it timed on its own (the
 * same snapshot, just before), and of one dump's text.
 * Usage: bench_flight [PUSHES] (default 900).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_fixture.h"
#include "bench_stats.h"
#include "collector.h"
#include "flight_ring.h"
#include "sim_harness.h"
#include "snapshot_json.h"

#define NODES 64

static int run_case(const char *name, const char *sysfs, const char *procfs, bool moving,
		    long pushes)
{
	const char *args[] = { "--scenario", "exhaustion", "--modules", "8", NULL };
	struct collector_config cfg = { .rpc_timeout = 5.0, .hp = { sysfs, procfs } };
	struct flight_ring *f = flight_ring_new(FLIGHT_DEFAULT_MINUTES * 60, FLIGHT_MAX_BYTES);
	struct snapshot *s = calloc(1, sizeof(*s));
	struct sim_proc sim = { 0 };
	struct mt_err err = { 0 };
	struct rpc_client *client = NULL;
	struct collector *col = NULL;
	struct bench_samples cpu = { 0 }, ser = { 0 };
	struct rpc_addr addr;
	size_t text_len = 0;
	char *text = NULL;
	double c0, dump;
	int rc = -1;

	if (!f || !s || bench_samples_init(&cpu, (size_t)pushes) < 0 ||
	    bench_samples_init(&ser, (size_t)pushes) < 0 ||
	    sim_start(&sim, args, &err) < 0 || rpc_addr_parse(sim.sock_path, -1, &addr, &err) < 0 ||
	    !(client = rpc_client_new(&addr)) || !(col = collector_new(&cfg, client))) {
		fprintf(stderr, "%s: %s\n", name, err.msg[0] ? err.msg : "set-up failed");
		goto out;
	}
	for (long i = 0; i < pushes; i++) {
		collector_run_blocking(col, s);
		if (s->state != TARGET_RUNNING) {
			fprintf(stderr, "%s: round %ld: the target is not running\n", name, i);
			goto out;
		}
		s->wall = 1.8e9 + (double)i;
		s->mono = (double)i;
		for (size_t k = 0; moving && k < s->hugepages.nnodes; k++)
			s->hugepages.nodes[k].mem_free_kb -= (uint64_t)((i * 7 + (long)k * 13) % 64);
		c0 = bench_cpu();
		free(snapshot_to_json_line(s, &text_len));
		bench_samples_add(&ser, bench_cpu() - c0);
		c0 = bench_cpu();
		if (flight_ring_push(f, s, &err) < 0) {
			fprintf(stderr, "%s: %s\n", name, err.msg);
			goto out;
		}
		bench_samples_add(&cpu, bench_cpu() - c0);
	}
	c0 = bench_cpu();
	text = flight_ring_text(f, &text_len);
	dump = bench_cpu() - c0;
	if (!text)
		goto out;
	printf("%s (%zu nodes, %zu lines kept)\n", name, s->hugepages.nnodes,
	       flight_ring_count(f));
	printf("  ring holds                  %9zu bytes  %7.1f per line  (%.2f MiB)\n",
	       flight_ring_bytes(f), (double)flight_ring_bytes(f) / (double)flight_ring_count(f),
	       (double)flight_ring_bytes(f) / 1048576.0);
	printf("  recording it hands back     %9zu bytes  %7.1f per line  (%.2f MiB)\n", text_len,
	       (double)text_len / (double)flight_ring_count(f), (double)text_len / 1048576.0);
	printf("  push                        median %9.1f us  p99 %9.1f us\n",
	       bench_median(&cpu) * 1e6, bench_p99(&cpu) * 1e6);
	printf("  of which the line alone     median %9.1f us  p99 %9.1f us\n",
	       bench_median(&ser) * 1e6, bench_p99(&ser) * 1e6);
	printf("  flight_ring_text (a dump)   %9.1f us\n", dump * 1e6);
	rc = 0;
out:
	free(text);
	collector_free(col);
	rpc_client_free(client);
	sim_stop(&sim);
	bench_samples_free(&cpu);
	bench_samples_free(&ser);
	flight_ring_free(f);
	free(s);
	return rc;
}

int main(int argc, char **argv)
{
	long pushes = argc > 1 ? strtol(argv[1], NULL, 10) : 900;
	struct bench_fixture fx;
	int rc = 0;

	if (pushes <= 0 || argc > 2) {
		fprintf(stderr, "usage: %s [PUSHES > 0]\n", argv[0]);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if (bench_fixture_make(&fx, NODES) < 0)
		return 1;
	printf("flight recorder, %ld pushes one second apart, CPU of this process\n", pushes);
	if (run_case("2 nodes", MEMTOP_FIXTURES "/sysfs/2node", MEMTOP_FIXTURES "/procfs/2node",
		     false, pushes) < 0 ||
	    run_case("64 nodes", fx.sysfs, fx.procfs, false, pushes) < 0 ||
	    run_case("64 nodes, MemFree moving", fx.sysfs, fx.procfs, true, pushes) < 0)
		rc = 1;
	bench_fixture_remove(&fx);
	return rc;
}
