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
 * Usage: bench_flight [PUSHES] (default 900), or bench_flight --recording FILE:
 * the same figures for the snapshots of a recording (all kept: 15 minutes).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_fixture.h"
#include "bench_stats.h"
#include "collector.h"
#include "flight_ring.h"
#include "replay.h"
#include "sim_harness.h"
#include "snapshot_json.h"

#define NODES 64

/* A ring with the dashboard's bounds, and the CPU its pushes took. */
struct run {
	struct flight_ring *f;
	struct bench_samples cpu, ser;
};

static int run_init(struct run *r, size_t pushes)
{
	memset(r, 0, sizeof(*r));
	r->f = flight_ring_new(FLIGHT_DEFAULT_MINUTES * 60, FLIGHT_MAX_BYTES);
	return r->f && bench_samples_init(&r->cpu, pushes) == 0 &&
		       bench_samples_init(&r->ser, pushes) == 0
		       ? 0
		       : -1;
}

static void run_free(struct run *r)
{
	flight_ring_free(r->f);
	bench_samples_free(&r->cpu);
	bench_samples_free(&r->ser);
}

static int push(struct run *r, const struct snapshot *s, const char *name)
{
	struct mt_err err = { 0 };
	size_t len;
	double c0 = bench_cpu();

	free(snapshot_to_json_line(s, &len));
	bench_samples_add(&r->ser, bench_cpu() - c0);
	c0 = bench_cpu();
	if (flight_ring_push(r->f, s, &err) < 0) {
		fprintf(stderr, "%s: %s\n", name, err.msg);
		return -1;
	}
	bench_samples_add(&r->cpu, bench_cpu() - c0);
	return 0;
}

static int report(struct run *r, const char *name, size_t nodes)
{
	size_t n = flight_ring_count(r->f), bytes = flight_ring_bytes(r->f), len;
	double c0 = bench_cpu(), dump;
	char *text = flight_ring_text(r->f, &len);

	dump = bench_cpu() - c0;
	if (!text || n == 0)
		return -1;
	printf("%s (%zu nodes, %zu lines kept)\n", name, nodes, n);
	printf("  ring holds                  %9zu bytes  %7.1f per line  (%.2f MiB)\n", bytes,
	       (double)bytes / (double)n, (double)bytes / 1048576.0);
	printf("  recording it hands back     %9zu bytes  %7.1f per line  (%.2f MiB)\n", len,
	       (double)len / (double)n, (double)len / 1048576.0);
	printf("  push                        median %9.1f us  p99 %9.1f us\n",
	       bench_median(&r->cpu) * 1e6, bench_p99(&r->cpu) * 1e6);
	printf("  of which the line alone     median %9.1f us  p99 %9.1f us\n",
	       bench_median(&r->ser) * 1e6, bench_p99(&r->ser) * 1e6);
	printf("  flight_ring_text (a dump)   %9.1f us\n", dump * 1e6);
	free(text);
	return 0;
}

static int run_case(const char *name, const char *sysfs, const char *procfs, bool moving,
		    long pushes)
{
	const char *args[] = { "--scenario", "exhaustion", "--modules", "8", NULL };
	struct collector_config cfg = { .rpc_timeout = 5.0, .hp = { sysfs, procfs } };
	struct snapshot *s = calloc(1, sizeof(*s));
	struct sim_proc sim = { 0 };
	struct mt_err err = { 0 };
	struct rpc_client *client = NULL;
	struct collector *col = NULL;
	struct rpc_addr addr;
	struct run r;
	int rc = -1;

	if (run_init(&r, (size_t)pushes) < 0 || !s || sim_start(&sim, args, &err) < 0 ||
	    rpc_addr_parse(sim.sock_path, -1, &addr, &err) < 0 ||
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
		if (push(&r, s, name) < 0)
			goto out;
	}
	rc = report(&r, name, s->hugepages.nnodes);
out:
	collector_free(col);
	rpc_client_free(client);
	sim_stop(&sim);
	run_free(&r);
	free(s);
	return rc;
}

/* Every snapshot of a recording (e.g. spdk-memtop -b --json -d 1 -n 900), pushed in order. */
static int run_recording(const char *path)
{
	struct snapshot *s = calloc(1, sizeof(*s));
	struct mt_err err = { 0 };
	struct replay *rp = replay_open(path, 0, &err);
	struct run r;
	int rc = -1;

	if (!s || !rp || run_init(&r, replay_count(rp)) < 0) {
		fprintf(stderr, "%s: %s\n", path, err.msg[0] ? err.msg : "out of memory");
		free(s);
		replay_free(rp);
		return -1;
	}
	for (size_t i = 0; i < replay_count(rp); i++) {
		if (replay_get(rp, i, s, &err) < 0) {
			fprintf(stderr, "%s: %s\n", path, err.msg);
			goto out;
		}
		if (push(&r, s, path) < 0)
			goto out;
	}
	rc = report(&r, path, s->hugepages.nnodes);
out:
	run_free(&r);
	replay_free(rp);
	free(s);
	return rc;
}

int main(int argc, char **argv)
{
	long pushes = argc == 2 ? strtol(argv[1], NULL, 10) : 900;
	struct bench_fixture fx;
	int rc = 0;

	if (argc == 3 && strcmp(argv[1], "--recording") == 0)
		return run_recording(argv[2]) < 0;
	if (pushes <= 0 || argc > 2) {
		fprintf(stderr, "usage: %s [PUSHES > 0] | --recording FILE\n", argv[0]);
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
