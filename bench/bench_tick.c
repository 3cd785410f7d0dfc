/*
 * bench_tick: what one dashboard tick costs, part by part, and the floor.
 *
 * Against spdk-memtop-sim (--modules 8, the idle and exhaustion scenarios)
 * with the 2-node sysfs fixture, each tick is the dashboard's: a collector
 * round (collector_run_blocking: whatever the collector asks per tick),
 * every consumer (bench_world), and a frame of the main screen at 120x40
 * painted the dashboard's way (screen_paint, wnoutrefresh, doupdate, output
 * counted).  The header clock advances one second per tick, as at -d 1, and
 * so do the snapshots' stamps and the simulator's workload (--clock-step 1):
 * the rates, the history and the graphs are a -d 1 dashboard's, not those
 * of rounds 130 us apart.
 * Between two ticks, outside the timed part, the bench does what the
 * dashboard's loop does while it waits for the next tick: it polls the
 * source's fd (here with a zero timeout) and steps the source with what the
 * poll saw.  A connection found quiet that way needs no MSG_PEEK before the
 * next round's request (rpc_client.c); strace of the dashboard at -d 1
 * shows none, and a bench that ran the rounds back to back paid one a tick.
 * Measured per tick in CPU time of this process (CLOCK_PROCESS_CPUTIME_ID;
 * the simulator is another process): collection, consumers, render and
 * their sum, median and p99 over TICKS ticks after 20 of warm-up, back to
 * back as the dashboard's rounds.  The collection is split by measuring its
 * parts alone, as many times again after the ticks (between the ticks they
 * evicted what the next tick read, and cost it about 30 us): the sysfs and
 * procfs reads (a hugepages_reader of its own on the same roots, files kept
 * open and read with pread as the collector's), the decode of the
 * iobuf_get_stats reply (the text decoder, the mean of DECODE_REPS calls);
 * the rest of the round (requests, replies, the client's pre-passes over
 * them) is "rpc", the i-th round less the i-th parts.  Next to it, outside the tick:
 * the client's pre-passes over that reply (json_budget_check,
 * json_bigint_rewrite) and the text decoder (iobuf_decode_stats_text),
 * which reads the same text with no tree and would replace all three.
 * The floor is a bare loop on a kept-open socket: one iobuf_get_stats
 * request and its reply read to the newline, and the fixture's hugepage and
 * meminfo files kept open and read with pread and strtoull; no JSON parser.
 * Prints the ratio of the tick to the floor and the budgets it meets.
 *
 * With PACE_MS, a pause of that many milliseconds before each tick (and
 * each floor round), as the dashboard sleeps between its ticks: other
 * processes run meanwhile and the caches and predictors a tight loop keeps
 * warm are cold again.  A paced tick is what a user pays at -d 1; the parts
 * measured alone (sysfs, decode) are left out then, for measuring them
 * would warm what the tick reads.
 * Usage: bench_tick [TICKS [PACE_MS]] (default 1000 ticks, no pause).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_decode.h"
#include "bench_screen.h"
#include "bench_stats.h"
#include "bench_world.h"
#include "collector.h"
#include "hugepages.h"
#include "mt_clock.h"
#include "sim_harness.h"

#define WARMUP 20
#define WARMUP_PACED 3

/* The pause before each tick (0: none), and the warm-up that goes with it. */
static double pace_s;
static size_t warmup = WARMUP;

/* The dashboard's sleep between ticks, when asked for: what is measured, not a wait for a state. */
static void pace(void)
{
	struct timespec ts = { (time_t)pace_s, (long)(fmod(pace_s, 1.0) * 1e9) };

	if (pace_s > 0)
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
}
#define COLS 120
#define ROWS 40
#define MODULES "8"
#define SYSFS MEMTOP_FIXTURES "/sysfs/2node"
#define PROCFS MEMTOP_FIXTURES "/procfs/2node"
#define FLOOR_MAX_FILES 64
#define DECODE_REPS 10
/* Budgets of issue 10. */
#define BUDGET_TICK_US 150.0
#define BUDGET_FLOOR_RATIO 2.5

enum part {
	P_COLLECT, P_RPC, P_DECODE, P_SYSFS, P_CONSUMERS, P_RENDER, P_TICK, P_BYTES,
	P_PREPASS, P_TREE, NPARTS
};

static const char *const part_name[NPARTS] = {
	"collection", "  rpc (rest)", "  decode", "  sysfs", "consumers", "render 120x40",
	"tick total", "render bytes", "(pre-passes)", "(tree decode)",
};

/* The text of a method's result, as the simulator answers it now. */
static char *result_text(const struct sim_proc *p, const char *method, const char *params)
{
	struct mt_err err = { 0 };
	json_t *r = sim_rpc(p, method, params, 5.0, &err);
	char *text = r ? json_dumps(json_object_get(r, "result"), JSON_COMPACT) : NULL;

	if (!text)
		fprintf(stderr, "%s: %s\n", method, err.msg[0] ? err.msg : "no result");
	json_decref(r);
	return text;
}

/*
 * The dashboard's loop between two rounds (src/app/dashboard.c): the poll
 * that waits for the next tick also watches the source's fd, and the
 * source is stepped with its revents (0 when it timed out).
 */
static void between_ticks(struct collector *col)
{
	struct pollfd pfd = { .fd = -1 };
	int rc = collector_pollfd(col, &pfd) ? poll(&pfd, 1, 0) : 0;

	collector_step(col, rc > 0 ? pfd.revents : 0, mt_now());
}

static double read_sysfs(struct hugepages_reader *hr)
{
	static struct hugepage_snapshot snap;
	struct mt_errlist errs;
	double c0;

	mt_errlist_clear(&errs);
	c0 = bench_cpu();
	hugepages_reader_collect(hr, mt_now(), &snap, &errs);
	return bench_cpu() - c0;
}

/* One case: TICKS ticks of the scenario; 0, or -1 when it could not run or a tick was bad. */
static int run_case(const char *scenario, size_t ticks, struct bench_samples *s)
{
	const char *args[] = { "--scenario", scenario, "--modules", MODULES, "--clock-step", "1",
			       NULL };
	struct sim_proc sim = { 0 };
	struct collector_config cfg = {
		.rpc_timeout = 1.0,
		.hp = { .sysfs_root = SYSFS, .procfs_root = PROCFS },
	};
	struct bench_screen scr;
	struct bench_world w;
	struct rpc_client *client = NULL;
	struct collector *col = NULL;
	struct hugepages_reader *hr = NULL;
	struct rpc_addr addr;
	struct mt_err err = { 0 };
	char *stats = NULL;
	int rc = -1;
	size_t bad = 0;

	memset(&scr, 0, sizeof(scr));
	if (bench_world_init(&w) < 0 || sim_start(&sim, args, &err) < 0 ||
	    rpc_addr_parse(sim.sock_path, -1, &addr, &err) < 0 ||
	    !(client = rpc_client_new(&addr)) || !(col = collector_new(&cfg, client)) ||
	    !(hr = hugepages_reader_new(&cfg.hp)) || bench_screen_open(&scr, COLS, ROWS) < 0) {
		fprintf(stderr, "%s: %s\n", scenario, err.msg[0] ? err.msg : "set-up failed");
		goto out;
	}
	for (size_t i = 0; i < warmup + ticks; i++) {
		double c0, c1, c2, c3;
		struct screen_data sd;
		long bytes;

		pace();
		between_ticks(col);
		c0 = bench_cpu();
		collector_run_blocking(col, w.next);
		c1 = bench_cpu();
		if (w.next->state != TARGET_RUNNING || w.next->iobuf.nmodules != 8)
			bad++;
		/* Stamped a second apart, as the rounds of a dashboard at -d 1 are. */
		w.next->mono = (double)i;
		w.next->wall = 1.8e9 + (double)i;
		bench_world_consume(&w, (double)i);
		c2 = bench_cpu();
		bench_world_screen(&w, 1.8e9 + (double)i, (double)i, &sd);
		bench_screen_frame(&scr, &sd, &w.st, i ? SCREEN_CH_DATA : SCREEN_CH_ALL);
		c3 = bench_cpu();
		bytes = bench_screen_sent(&scr);
		if (i >= warmup) {
			bench_samples_add(&s[P_COLLECT], c1 - c0);
			bench_samples_add(&s[P_CONSUMERS], c2 - c1);
			bench_samples_add(&s[P_RENDER], c3 - c2);
			bench_samples_add(&s[P_TICK], c3 - c0);
			bench_samples_add(&s[P_BYTES], (double)bytes);
		}
	}
	/*
	 * The collection's parts, alone, after the ticks: between two ticks they
	 * would run the tree decoder's reps and a second sysfs pass, which the
	 * dashboard never does, and the tick after them would pay for the caches
	 * they evicted.  The reply is the one the simulator gives now; the i-th
	 * "rpc (rest)" is the i-th round less the i-th parts.
	 */
	for (size_t i = 0; pace_s == 0 && i < warmup + ticks; i++) {
		struct bench_decode dec;
		double sysfs;

		if (i % 100 == 0) {
			free(stats);
			stats = result_text(&sim, "iobuf_get_stats", NULL);
			if (!stats)
				goto out;
		}
		sysfs = read_sysfs(hr);
		if (bench_decode_stats(stats, strlen(stats), DECODE_REPS, &dec) < 0)
			goto out;
		if (i < warmup)
			continue;
		bench_samples_add(&s[P_SYSFS], sysfs);
		bench_samples_add(&s[P_DECODE], dec.text);
		bench_samples_add(&s[P_RPC], s[P_COLLECT].v[i - warmup] - sysfs - dec.text);
		bench_samples_add(&s[P_PREPASS], dec.prepass);
		bench_samples_add(&s[P_TREE], dec.tree);
	}
	if (!bench_screen_has(&scr, "idle_7") && !bench_screen_has(&scr, "nvmf_TCP"))
		fprintf(stderr, "%s: the last frame shows no module table\n", scenario);
	else if (bad)
		fprintf(stderr, "%s: %zu rounds not running with 8 modules\n", scenario, bad);
	else
		rc = 0;
out:
	free(stats);
	bench_screen_close(&scr);
	hugepages_reader_free(hr);
	collector_free(col);
	rpc_client_free(client);
	sim_stop(&sim);
	bench_world_free(&w);
	return rc;
}

/* The floor's files: every hugepage counter and meminfo the dashboard reads, kept open. */
struct floor_files {
	int fd[FLOOR_MAX_FILES];
	size_t n;
};

static void floor_add(struct floor_files *f, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0 && f->n < FLOOR_MAX_FILES)
		f->fd[f->n++] = fd;
	else if (fd >= 0)
		close(fd);
}

/* Each hugepages-<kB>kB directory below dir: its counters named in files. */
static void floor_add_sizes(struct floor_files *f, const char *dir, const char *const *files)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[PATH_MAX];

	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, "hugepages-", 10) != 0)
			continue;
		for (size_t k = 0; files[k]; k++) {
			snprintf(path, sizeof(path), "%s/%s/%s", dir, e->d_name, files[k]);
			floor_add(f, path);
		}
	}
	if (d)
		closedir(d);
}

static void floor_open(struct floor_files *f)
{
	static const char *const node_files[] = {
		"nr_hugepages", "free_hugepages", "surplus_hugepages", NULL };
	static const char *const global_files[] = {
		"nr_hugepages", "free_hugepages", "resv_hugepages", "surplus_hugepages", NULL };
	char path[PATH_MAX];

	memset(f, 0, sizeof(*f));
	for (int node = 0; node < 2; node++) {
		snprintf(path, sizeof(path), "%s/devices/system/node/node%d/meminfo", SYSFS, node);
		floor_add(f, path);
		snprintf(path, sizeof(path), "%s/devices/system/node/node%d/hugepages", SYSFS,
			 node);
		floor_add_sizes(f, path, node_files);
	}
	floor_add_sizes(f, SYSFS "/kernel/mm/hugepages", global_files);
	floor_add(f, PROCFS "/meminfo");
}

/* Reads until the reply's closing newline (the simulator ends each reply with one). */
static int floor_round_trip(int fd, unsigned long id, char *buf, size_t cap)
{
	char req[128];
	int n = snprintf(req, sizeof(req),
			 "{\"jsonrpc\":\"2.0\",\"method\":\"iobuf_get_stats\",\"id\":%lu}", id);
	size_t got = 0;

	if (write(fd, req, (size_t)n) != n)
		return -1;
	while (got < cap) {
		ssize_t r = read(fd, buf + got, cap - got);

		if (r <= 0)
			return -1;
		got += (size_t)r;
		if (buf[got - 1] == '\n')
			return 0;
	}
	return -1;
}

static int run_floor(size_t ticks, struct bench_samples *s)
{
	const char *args[] = { "--scenario", "exhaustion", "--modules", MODULES, NULL };
	struct sim_proc sim = { 0 };
	struct mt_err err = { 0 };
	struct floor_files f;
	static char buf[1 << 16];
	unsigned long long sum = 0;
	int fd = -1, rc = -1;

	floor_open(&f);
	if (sim_start(&sim, args, &err) < 0 || (fd = sim_connect(&sim)) < 0) {
		fprintf(stderr, "floor: %s\n", err.msg[0] ? err.msg : "connect failed");
		goto out;
	}
	for (size_t i = 0; i < warmup + ticks; i++) {
		double c0;

		pace();
		c0 = bench_cpu();
		if (floor_round_trip(fd, i + 1, buf, sizeof(buf)) < 0) {
			fprintf(stderr, "floor: no reply\n");
			goto out;
		}
		for (size_t k = 0; k < f.n; k++) {
			ssize_t r = pread(f.fd[k], buf, sizeof(buf) - 1, 0);

			if (r > 0) {
				buf[r] = '\0';
				sum += strtoull(buf, NULL, 10);
			}
		}
		if (i >= warmup)
			bench_samples_add(s, bench_cpu() - c0);
	}
	rc = sum ? 0 : 0;
	printf("floor: 1 iobuf_get_stats round trip + %zu files by pread, kept open\n", f.n);
out:
	if (fd >= 0)
		close(fd);
	for (size_t k = 0; k < f.n; k++)
		close(f.fd[k]);
	sim_stop(&sim);
	return rc;
}

int main(int argc, char **argv)
{
	static const char *const scenarios[] = { "idle", "exhaustion" };
	size_t ticks = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
	struct bench_samples s[2][NPARTS], floor;
	double floor_med;
	int rc = 0;

	pace_s = argc > 2 ? strtod(argv[2], NULL) / 1000.0 : 0;
	if (ticks == 0 || argc > 3 || !(pace_s >= 0 && pace_s <= 10)) {
		fprintf(stderr, "usage: %s [TICKS > 0 [PACE_MS 0..10000]]\n", argv[0]);
		return 2;
	}
	if (pace_s > 0)
		warmup = WARMUP_PACED;
	signal(SIGPIPE, SIG_IGN);
	if (bench_samples_init(&floor, ticks) < 0)
		return 1;
	for (size_t c = 0; c < 2; c++)
		for (int p = 0; p < NPARTS; p++)
			if (bench_samples_init(&s[c][p], ticks) < 0)
				return 1;
	printf("per tick: collection + consumers + render at %dx%d, %s modules, 2 nodes "
	       "(fixture), %zu ticks; CPU of this process in us\n", COLS, ROWS, MODULES, ticks);
	if (pace_s > 0)
		printf("paced: %.0f ms asleep before each tick and each floor round, as at -d %g; "
		       "parts measured alone left out\n", pace_s * 1e3, pace_s);
	if (run_floor(ticks, &floor) < 0)
		return 1;
	floor_med = bench_median(&floor) * 1e6;
	printf("floor: median %.1f us, p99 %.1f us\n", floor_med, bench_p99(&floor) * 1e6);
	for (size_t c = 0; c < 2; c++) {
		if (run_case(scenarios[c], ticks, s[c]) < 0) {
			rc = 1;
			continue;
		}
	}
	printf("\n%-15s %12s %12s %12s %12s\n", "part", "idle med", "idle p99", "exh. med",
	       "exh. p99");
	for (int p = 0; p < NPARTS; p++) {
		double k = p == P_BYTES ? 1.0 : 1e6;

		if (!s[0][p].n && !s[1][p].n)
			continue;
		printf("%-15s %12.1f %12.1f %12.1f %12.1f\n", part_name[p],
		       bench_median(&s[0][p]) * k, bench_p99(&s[0][p]) * k,
		       bench_median(&s[1][p]) * k, bench_p99(&s[1][p]) * k);
	}
	printf("%-15s %12.1f %12s %12.1f\n", "tick / floor", bench_median(&s[0][P_TICK]) * 1e6 /
	       floor_med, "", bench_median(&s[1][P_TICK]) * 1e6 / floor_med);
	if (pace_s == 0)
		printf("(outside the tick, on the same iobuf_get_stats reply)\n");
	for (size_t c = 0; c < 2 && pace_s == 0; c++) {
		double tree = (bench_median(&s[c][P_TREE]) + bench_median(&s[c][P_PREPASS])) * 1e6;
		double text = bench_median(&s[c][P_DECODE]) * 1e6;

		printf("%s: text decoder %.2f us against the tree's %.2f us (pre-passes, load, "
		       "decode): %.1fx less\n", scenarios[c], text, tree, text > 0 ? tree / text : 0);
	}
	for (size_t c = 0; c < 2; c++) {
		printf("%s:\n", scenarios[c]);
		bench_verdict("tick CPU (median)", bench_median(&s[c][P_TICK]) * 1e6,
			      BUDGET_TICK_US, "us");
		bench_verdict("tick / floor (median)",
			      bench_median(&s[c][P_TICK]) * 1e6 / floor_med, BUDGET_FLOOR_RATIO, "x");
	}
	for (size_t c = 0; c < 2; c++)
		for (int p = 0; p < NPARTS; p++)
			bench_samples_free(&s[c][p]);
	bench_samples_free(&floor);
	return rc;
}
