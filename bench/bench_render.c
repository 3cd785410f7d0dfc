/*
 * bench_render: frames per second of the main screen, as the dashboard draws it.
 *
 * A real ncurses SCREEN (bench_screen: newterm into a temporary file, resized
 * with resizeterm, UTF-8 glyphs and the default theme's colours) draws the main screen at 80x24
 * and 250x80 with 4 and 16 NUMA nodes, as the dashboard does: each frame
 * planned (screen_frame_plan) and drawn (screen_frame_draw).  Every frame
 * is a new tick, as in the dashboard: the counters of three modules climb
 * (bdev's large pool runs dry), rates, history (full, 512 points) and
 * alerts follow, the clock advances.  Reported per case: frames/s of the
 * whole frame, and the time of its two halves: composing (the plan, then
 * werase and the widgets into the window) and output (wnoutrefresh +
 * doupdate, the escape sequences written to a temporary file), and the CPU time
 * of a whole frame (what a machine busy with other work disturbs less than
 * the clock on the wall).  Data preparation is not timed.  The last frame
 * must show the module table and node 0, or the case fails: the figures
 * are of a real screen.
 * Usage: bench_render [SECONDS per case] (default 2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "alerts.h"
#include "bench_screen.h"
#include "error_log.h"
#include "history.h"
#include "iobuf_decode.h"
#include "iobuf_summary.h"
#include "iobuf_rates.h"
#include "mt_clock.h"
#include "screens.h"

struct world {
	struct snapshot *prev, *cur;
	struct iobuf_rates rates;
	struct history *hist;
	struct alerts *alerts;
	struct alerts_summary sum;
	struct error_log errors;
	uint64_t tick;
};

static const char *const module_names[] = { "accel", "bdev", "nvmf_TCP" };
#define NMODULES (sizeof(module_names) / sizeof(module_names[0]))

static void init_nodes(struct snapshot *s, int nnodes)
{
	s->hugepages.nnodes = (size_t)nnodes;
	for (int i = 0; i < nnodes; i++) {
		struct hugepage_node *n = &s->hugepages.nodes[i];

		n->id = i;
		n->has_meminfo = true;
		n->mem_total_kb = 64ULL * 1024 * 1024;
		n->mem_free_kb = (20ULL + (uint64_t)i) * 1024 * 1024;
		n->nsizes = 2;
		n->sizes[0] = (struct hugepage_size_stats){ .page_kb = 2048, .nr = 1024,
							    .free = 100 + 50 * (uint64_t)i };
		n->sizes[1] = (struct hugepage_size_stats){ .page_kb = 1048576, .nr = 4,
							    .free = (uint64_t)i % 5 };
	}
}

static void init_snapshot(struct snapshot *s, int nnodes)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->target, sizeof(s->target), "unix:/var/tmp/spdk.sock");
	snprintf(s->version, sizeof(s->version), "SPDK v26.09-pre git sha1 3230130e6a");
	s->state = TARGET_RUNNING;
	s->iobuf.form = IOBUF_FORM_PER_MODULE;
	s->iobuf.nmodules = NMODULES;
	for (size_t m = 0; m < NMODULES; m++) {
		struct iobuf_module_stats *ms = &s->iobuf.modules[m];

		snprintf(ms->name, sizeof(ms->name), "%s", module_names[m]);
		ms->small.cache_size = 128;
		ms->large.cache_size = 16;
		ms->small.has_cache_size = ms->large.has_cache_size = true;
	}
	s->iobuf.opts = (struct iobuf_options){ .valid = true, .small_pool_count = 8192,
						.large_pool_count = 1024, .small_bufsize = 8192,
						.large_bufsize = 135168 };
	init_nodes(s, nnodes);
}

/* One second later: counters climb (bdev's large pool retries), then every consumer. */
static void advance(struct world *w)
{
	struct snapshot *tmp = w->prev;
	uint64_t t = ++w->tick;

	*tmp = *w->cur;
	w->prev = w->cur;
	w->cur = tmp;
	w->cur->seq = t;
	w->cur->mono = (double)t;
	w->cur->wall = 1700000000.0 + (double)t;
	for (size_t m = 0; m < NMODULES; m++) {
		struct iobuf_module_stats *ms = &w->cur->iobuf.modules[m];

		ms->small.cache += 40000 + (t * 7919 + m * 104729) % 20000;
		ms->small.main += 1250;
		ms->large.cache += 9000 + (t * 15485863 + m) % 6000;
		ms->large.main += 280;
		if (m == 1)
			ms->large.retry += 140000 + (t * 31) % 20000;
	}
	w->cur->hugepages.nodes[t % w->cur->hugepages.nnodes].sizes[0].free = t % 1024;
	iobuf_summarize(&w->cur->iobuf);
	iobuf_rates_compute(w->prev, w->cur, &w->rates);
	history_push(w->hist, w->cur, &w->rates);
	alerts_update(w->alerts, w->cur, &w->rates);
	alerts_summary(w->alerts, &w->sum);
	error_log_update(&w->errors, w->cur);
}

static int world_init(struct world *w, int nnodes)
{
	memset(w, 0, sizeof(*w));
	w->prev = calloc(1, sizeof(*w->prev));
	w->cur = calloc(1, sizeof(*w->cur));
	w->hist = history_new();
	w->alerts = alerts_new(NULL);
	if (!w->prev || !w->cur || !w->hist || !w->alerts)
		return -1;
	init_snapshot(w->cur, nnodes);
	error_log_init(&w->errors);
	for (int i = 0; i < HISTORY_CAP; i++)
		advance(w);   /* full graphs, as after eight minutes at 1 s */
	return 0;
}

static void world_free(struct world *w)
{
	free(w->prev);
	free(w->cur);
	history_free(w->hist);
	alerts_free(w->alerts);
}

struct result {
	long frames;
	double compose, output;   /* seconds in each half */
	double cpu;               /* CPU seconds of this thread in the frames */
};

static double cpu_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) < 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_case(int cols, int rows, int nnodes, double seconds, struct result *res)
{
	struct bench_screen scr;
	struct dash_state st;
	struct screen_plan plan;
	struct world w;
	double end, t0, t1, t2, c0;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	if (world_init(&w, nnodes) < 0)
		goto out;
	if (bench_screen_open(&scr, cols, rows) < 0)
		goto out_world;
	dash_state_init(&st, 1.0, false, 1, 0);

	end = mt_now() + seconds;
	while (mt_now() < end) {
		struct screen_data sd;

		advance(&w);
		sd = (struct screen_data){
			.snap = w.cur,
			.have_snap = true,
			.rates = &w.rates,
			.hist = w.hist,
			.alerts = w.alerts,
			.sum = &w.sum,
			.theme_name = "default",
			.now_wall = w.cur->wall,
			.now_mono = w.cur->mono,
			.errors = &w.errors,
		};
		c0 = cpu_now();
		t0 = mt_now();
		screen_frame_plan(cols, rows, &scr.env, &sd, &st, &plan);
		screen_frame_draw(stdscr, &scr.env, &sd, &st, &plan);
		t1 = mt_now();
		wnoutrefresh(stdscr);
		doupdate();
		t2 = mt_now();
		res->cpu += cpu_now() - c0;
		res->compose += t1 - t0;
		res->output += t2 - t1;
		res->frames++;
	}
	rc = bench_screen_has(&scr, "nvmf_TCP") && bench_screen_has(&scr, "node 0") ? 0 : -1;
	if (rc < 0)
		fprintf(stderr, "%dx%d, %d nodes: the frame lacks the module table or node 0\n",
			cols, rows, nnodes);
	bench_screen_close(&scr);
out_world:
	world_free(&w);
out:
	return rc;
}

int main(int argc, char **argv)
{
	static const struct { int cols, rows, nodes; } cases[] = {
		{ 80, 24, 4 }, { 80, 24, 16 }, { 250, 80, 4 }, { 250, 80, 16 },
	};
	double seconds = argc > 1 ? atof(argv[1]) : 2.0;
	int rc = 0;

	if (!(seconds > 0) || argc > 2) {
		fprintf(stderr, "usage: %s [SECONDS per case > 0]\n", argv[0]);
		return 2;
	}
	printf("screen_frame_plan + screen_frame_draw (main screen), UTF-8, default theme, "
	       "%.1f s per case (data changes every frame)\n", seconds);
	printf("%-8s %5s %8s %10s %12s %12s %12s\n", "size", "nodes", "frames", "frames/s",
	       "compose us", "output us", "cpu us");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct result r;
		char size[16];

		if (run_case(cases[i].cols, cases[i].rows, cases[i].nodes, seconds, &r) < 0) {
			rc = 1;
			continue;
		}
		snprintf(size, sizeof(size), "%dx%d", cases[i].cols, cases[i].rows);
		printf("%-8s %5d %8ld %10.0f %12.1f %12.1f %12.1f\n", size, cases[i].nodes,
		       r.frames, (double)r.frames / (r.compose + r.output),
		       r.compose / (double)r.frames * 1e6, r.output / (double)r.frames * 1e6,
		       r.cpu / (double)r.frames * 1e6);
	}
	return rc;
}
