/*
 * bench_scale: the dashboard's costs as the target grows.
 *
 * Three cases, CPU time of this process (medians over REPS):
 *   - 1,000 modules: spdk-memtop-sim --modules 1000 (exhaustion).  The
 *     iobuf_get_stats reply's decode (parse + iobuf_decode_stats; the
 *     snapshot keeps SNAP_MAX_MODULES of them), and next to it the client's
 *     pre-passes over the reply and the text decoder on the same text
 *     (bench_decode.h), a whole collector round, and
 *     a frame of the main screen at 120x40: whole (a resize, a key) and on
 *     a new snapshot (as a tick draws it);
 *   - 64 NUMA nodes: a sysfs tree made from the 2-node fixture
 *     (bench_fixture): hugepages_collect, and the frames at 120x40 and 250x80;
 *   - 24 hours at 1 Hz: 86,400 snapshots into the history the dashboard
 *     keeps (history_push): CPU per push, the resident memory it added,
 *     and a frame at 120x40 over it;
 * then the real dashboard on a 120x40 pty against 1,000 modules and 64 nodes
 * for a few seconds: its resident set (VmRSS, VmHWM).  Its resident set
 * after 24 and 48 hours is bench_day's.
 * Usage: bench_scale [REPS] (default 200).
 */
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_decode.h"
#include "bench_fixture.h"
#include "bench_pty.h"
#include "bench_screen.h"
#include "bench_stats.h"
#include "bench_world.h"
#include "collector.h"
#include "hugepages.h"
#include "iobuf_summary.h"
#include "mt_clock.h"
#include "sim_harness.h"

#define DAY_TICKS 86400
#define NODES 64
#define BUDGET_RSS_MIB 8.0

/* Median CPU of REPS frames at cols x rows, whole or as a tick draws them. */
static double frame_cpu(struct bench_world *w, int cols, int rows, unsigned changes, long reps,
			const char *must_show)
{
	struct bench_screen scr;
	struct bench_samples s;
	double med = -1;

	if (bench_screen_open(&scr, cols, rows) < 0 || bench_samples_init(&s, (size_t)reps) < 0)
		return -1;
	for (long i = 0; i < reps; i++) {
		struct screen_data sd;
		double c0 = bench_cpu();

		bench_world_screen(w, 1.8e9 + (double)i, (double)i, &sd);
		bench_screen_frame(&scr, &sd, &w->st, i ? changes : SCREEN_CH_ALL);
		bench_samples_add(&s, bench_cpu() - c0);
	}
	if (bench_screen_has(&scr, must_show))
		med = bench_median(&s);
	else
		fprintf(stderr, "%dx%d: the frame lacks \"%s\"\n", cols, rows, must_show);
	bench_screen_close(&scr);
	bench_samples_free(&s);
	return med;
}

static int modules_1000(long reps, struct bench_world *w)
{
	const char *args[] = { "--scenario", "exhaustion", "--modules", "1000", NULL };
	struct collector_config cfg = { .rpc_timeout = 5.0,
		.hp = { MEMTOP_FIXTURES "/sysfs/2node", MEMTOP_FIXTURES "/procfs/2node" } };
	struct bench_samples dec, round, pre, flat;
	struct sim_proc sim = { 0 };
	struct mt_err err = { 0 };
	struct rpc_client *client = NULL;
	struct collector *col = NULL;
	struct rpc_addr addr;
	char *text = NULL;
	json_t *r = NULL;
	int rc = -1;

	if (bench_samples_init(&dec, (size_t)reps) < 0 ||
	    bench_samples_init(&round, (size_t)reps) < 0 ||
	    bench_samples_init(&pre, (size_t)reps) < 0 ||
	    bench_samples_init(&flat, (size_t)reps) < 0 || sim_start(&sim, args, &err) < 0 ||
	    !(r = sim_rpc(&sim, "iobuf_get_stats", NULL, 5.0, &err)) ||
	    !(text = json_dumps(json_object_get(r, "result"), JSON_COMPACT)) ||
	    rpc_addr_parse(sim.sock_path, -1, &addr, &err) < 0 ||
	    !(client = rpc_client_new(&addr)) || !(col = collector_new(&cfg, client))) {
		fprintf(stderr, "1,000 modules: %s\n", err.msg[0] ? err.msg : "set-up failed");
		goto out;
	}
	for (long i = 0; i < reps; i++) {
		struct bench_decode d;
		double c0;

		if (bench_decode_stats(text, strlen(text), 1, &d) < 0)
			goto out;
		bench_samples_add(&dec, d.tree);
		bench_samples_add(&pre, d.prepass);
		bench_samples_add(&flat, d.text);
		c0 = bench_cpu();
		collector_run_blocking(col, w->next);
		bench_samples_add(&round, bench_cpu() - c0);
		bench_world_consume(w, (double)i);
	}
	printf("1,000 modules (reply %zu bytes, %zu kept in the snapshot)\n", strlen(text),
	       w->cur->iobuf.nmodules);
	printf("  decode iobuf_get_stats      median %9.1f us  p99 %9.1f us\n",
	       bench_median(&dec) * 1e6, bench_p99(&dec) * 1e6);
	printf("    client's pre-passes       median %9.1f us  p99 %9.1f us\n",
	       bench_median(&pre) * 1e6, bench_p99(&pre) * 1e6);
	printf("    text decoder instead      median %9.1f us  p99 %9.1f us\n",
	       bench_median(&flat) * 1e6, bench_p99(&flat) * 1e6);
	printf("  collector round             median %9.1f us  p99 %9.1f us\n",
	       bench_median(&round) * 1e6, bench_p99(&round) * 1e6);
	printf("  frame 120x40, whole         median %9.1f us\n",
	       frame_cpu(w, 120, 40, SCREEN_CH_ALL, reps, "bdev") * 1e6);
	printf("  frame 120x40, a tick        median %9.1f us\n",
	       frame_cpu(w, 120, 40, SCREEN_CH_DATA, reps, "bdev") * 1e6);
	rc = 0;
out:
	free(text);
	json_decref(r);
	collector_free(col);
	rpc_client_free(client);
	sim_stop(&sim);
	bench_samples_free(&dec);
	bench_samples_free(&round);
	bench_samples_free(&pre);
	bench_samples_free(&flat);
	return rc;
}

static int nodes_64(long reps, const struct bench_fixture *fx, struct bench_world *w)
{
	struct hugepages_source hp = { fx->sysfs, fx->procfs };
	struct bench_samples s;
	struct mt_errlist errs;

	if (bench_samples_init(&s, (size_t)reps) < 0)
		return -1;
	for (long i = 0; i < reps; i++) {
		double c0 = bench_cpu();

		mt_errlist_clear(&errs);
		hugepages_collect(&hp, &w->next->hugepages, &errs);
		bench_samples_add(&s, bench_cpu() - c0);
	}
	printf("64 NUMA nodes (%zu read, %zu errors)\n", w->next->hugepages.nnodes, errs.n);
	printf("  hugepages_collect           median %9.1f us  p99 %9.1f us\n",
	       bench_median(&s) * 1e6, bench_p99(&s) * 1e6);
	bench_samples_free(&s);
	if (w->next->hugepages.nnodes != NODES)
		return -1;
	w->next->iobuf = w->cur->iobuf;
	w->next->state = TARGET_RUNNING;
	bench_world_consume(w, 0);
	printf("  frame 120x40, whole         median %9.1f us\n",
	       frame_cpu(w, 120, 40, SCREEN_CH_ALL, reps, "node 0") * 1e6);
	printf("  frame 120x40, a tick        median %9.1f us\n",
	       frame_cpu(w, 120, 40, SCREEN_CH_DATA, reps, "node 0") * 1e6);
	printf("  frame 250x80, a tick        median %9.1f us\n",
	       frame_cpu(w, 250, 80, SCREEN_CH_DATA, reps, "node 0") * 1e6);
	return 0;
}

static int history_day(long reps, struct bench_world *w)
{
	struct bench_samples s;
	long rss0 = bench_rss_kib(0, NULL), rss1;

	if (bench_samples_init(&s, DAY_TICKS) < 0)
		return -1;
	for (long i = 0; i < DAY_TICKS; i++) {
		double c0;

		w->next->seq = w->cur->seq + 1;
		w->next->mono = w->cur->mono + 1.0;
		w->next->wall = w->cur->wall + 1.0;
		c0 = bench_cpu();
		history_push(w->hist, w->next, &w->rates);
		bench_samples_add(&s, bench_cpu() - c0);
		*w->cur = *w->next;
	}
	rss1 = bench_rss_kib(0, NULL);
	printf("24 h of history at 1 Hz (%d pushes)\n", DAY_TICKS);
	printf("  history_push                median %9.2f us  p99 %9.2f us\n",
	       bench_median(&s) * 1e6, bench_p99(&s) * 1e6);
	printf("  resident memory added       %9.1f MiB\n", (double)(rss1 - rss0) / 1024.0);
	printf("  frame 120x40, a tick        median %9.1f us\n",
	       frame_cpu(w, 120, 40, SCREEN_CH_DATA, reps, "node 0") * 1e6);
	bench_samples_free(&s);
	return 0;
}

/* The dashboard itself against 1,000 modules and 64 nodes: its resident set. */
static int dashboard_rss(const struct bench_fixture *fx)
{
	const char *args[] = { "--scenario", "exhaustion", "--modules", "1000", NULL };
	const char *env = getenv("MEMTOP_BIN");
	char *bin = (char *)(env && *env ? env : MEMTOP_BIN);
	char *argv[] = { bin, "-s", NULL, "-d", "0.1", "--sysfs-root", (char *)fx->sysfs,
			 "--procfs-root", (char *)fx->procfs, NULL };
	static const char *const shown[] = { "node 0" };
	struct sim_proc sim = { 0 };
	struct mt_err err = { 0 };
	struct bench_pty p;
	long rss, peak, anon, file;

	if (sim_start(&sim, args, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	argv[2] = sim.sock_path;
	if (bench_pty_spawn(&p, 120, 40, argv) < 0) {
		sim_stop(&sim);
		return -1;
	}
	bench_pty_watch(&p, shown, 1);
	bench_pty_read(&p, mt_now() + 10.0, true);
	bench_pty_read(&p, mt_now() + 5.0, false);   /* 50 ticks at -d 0.1 */
	rss = bench_rss_kib(p.pid, &peak);
	if (bench_rss_split_kib(p.pid, &anon, &file) < 0)
		anon = file = -1;
	bench_pty_stop(&p, 5.0);
	sim_stop(&sim);
	printf("dashboard at 120x40, 1,000 modules, 64 nodes, 5 s at -d 0.1 (%s)\n", bin);
	printf("  VmRSS %.1f MiB, VmHWM %.1f MiB\n", (double)rss / 1024.0, (double)peak / 1024.0);
	printf("  of VmRSS: anonymous (heap, history, stack) %ld KiB, file pages (the program "
	       "and its libraries) %ld KiB\n", anon, file);
	bench_verdict("peak RSS after 5 s (after 24 h: bench_day)", (double)peak / 1024.0,
		      BUDGET_RSS_MIB, "MiB");
	return bench_pty_markers_seen(&p) > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 200;
	struct bench_fixture fx;
	struct bench_world w;
	int rc = 0;

	if (reps <= 0 || argc > 2) {
		fprintf(stderr, "usage: %s [REPS > 0]\n", argv[0]);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if (bench_world_init(&w) < 0 || bench_fixture_make(&fx, NODES) < 0)
		return 1;
	printf("scale, CPU of this process, median of %ld\n", reps);
	if (modules_1000(reps, &w) < 0 || nodes_64(reps, &fx, &w) < 0 ||
	    history_day(reps, &w) < 0 || dashboard_rss(&fx) < 0)
		rc = 1;
	bench_fixture_remove(&fx);
	bench_world_free(&w);
	return rc;
}
