/*
 * screens: the main screen composes the widgets for the snapshot it is given
 * (the 4-node fixture, an imbalance alert marking node 3), the help lists
 * every binding, the alert log shows active and ended alerts, and the
 * overlays and scroll views stay inside the screen.  Drawn on a real curses
 * screen on a pty (support/pty_screen) in ASCII and monochrome.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "alerts.h"
#include "dashboard_state.h"
#include "history.h"
#include "hp_consumers.h"
#include "hugepages.h"
#include "keymap.h"
#include "pty_screen.h"
#include "screens.h"

static struct pty_screen ps;
static struct ui_palette pal;
static struct glyphs gl;
static struct widget_env env;
static struct dash_state st;
static struct snapshot snap;
static struct iobuf_rates rates;
static struct history *hist;
static struct alerts *al;
static struct alerts_summary sum;
static struct screen_data sd;

static void open_screen(int cols, int rows)
{
	ck_assert_msg(pty_screen_open(&ps, cols, rows, "xterm") == 0, "%s", ps.err);
}

static void setup(void)
{
	struct hugepages_source src = {
		.sysfs_root = MEMTOP_FIXTURES "/sysfs/4node",
		.procfs_root = MEMTOP_FIXTURES "/procfs/4node",
	};

	memset(&pal, 0, sizeof(pal));   /* monochrome, no attributes: text is what we check */
	glyphs_init(&gl, GLYPHS_ASCII);
	env.pal = &pal;
	env.gl = &gl;
	dash_state_init(&st, 1.0, false, 4, 0);
	memset(&snap, 0, sizeof(snap));
	memset(&rates, 0, sizeof(rates));
	snap.seq = 1;
	snap.mono = 100;
	snap.wall = 1700000000;
	snprintf(snap.target, sizeof(snap.target), "unix:/var/tmp/spdk.sock");
	snap.state = TARGET_RUNNING;
	snprintf(snap.version, sizeof(snap.version), "SPDK v26.09-pre");
	snap.iobuf.form = IOBUF_FORM_PER_MODULE;
	snap.iobuf.nmodules = 3;
	snprintf(snap.iobuf.modules[0].name, SNAP_NAME_LEN, "accel");
	snprintf(snap.iobuf.modules[1].name, SNAP_NAME_LEN, "bdev");
	snprintf(snap.iobuf.modules[2].name, SNAP_NAME_LEN, "nvmf_TCP");
	ck_assert_int_eq(hugepages_collect(&src, &snap.hugepages, &snap.errors), 0);
	ck_assert_uint_eq(snap.hugepages.nnodes, 4);
	hist = history_new();
	al = alerts_new(NULL);
	ck_assert_ptr_nonnull(hist);
	ck_assert_ptr_nonnull(al);
	history_push(hist, &snap, NULL);
	alerts_update(al, &snap, NULL);
	alerts_summary(al, &sum);
	memset(&sd, 0, sizeof(sd));
	sd.snap = &snap;
	sd.have_snap = true;
	sd.rates = &rates;
	sd.hist = hist;
	sd.alerts = al;
	sd.sum = &sum;
	sd.theme_name = "default";
	sd.now_wall = snap.wall;
	sd.now_mono = snap.mono;
	memset(&ps, 0, sizeof(ps));
}

static void teardown(void)
{
	pty_screen_close(&ps);
	history_free(hist);
	alerts_free(al);
}

static bool on_screen(const char *s)
{
	int row;

	return pty_screen_find(&ps, -1, s, &row) >= 0;
}

static int row_of(const char *s)
{
	int row = -1;

	pty_screen_find(&ps, -1, s, &row);
	return row;
}

/* One frame of a screen: planned for the pty's size (the views learn their sizes), then drawn. */
static void draw_main(void)
{
	struct main_plan p;

	screen_main_plan(ps.cols, ps.rows, &sd, &st, &p);
	screen_main_draw(ps.win, &env, &sd, &st, &p);
}

static void draw_help(void)
{
	struct overlay_plan p;

	screen_help_plan(ps.cols, ps.rows, &sd, &st, &p);
	screen_help_draw(ps.win, &env, &sd, &st, &p);
}

static void draw_alert_log(void)
{
	struct overlay_plan p;

	screen_alert_log_plan(ps.cols, ps.rows, &sd, &st, &p);
	screen_alert_log_draw(ps.win, &env, &sd, &st, &p);
}

START_TEST(test_main_80x24_shows_every_part)
{
	char buf[256];
	int r3;

	open_screen(80, 24);
	draw_main();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(on_screen("spdk.sock"));
	ck_assert(on_screen("small"));
	ck_assert(on_screen("large"));
	ck_assert(on_screen("nvmf_TCP"));
	for (int n = 0; n < 4; n++) {
		snprintf(buf, sizeof(buf), "node %d", n);
		ck_assert_msg(on_screen(buf), "%s missing", buf);
	}
	ck_assert(on_screen("267/600"));
	/* The imbalance alert marks node 3, and only node 3. */
	ck_assert(alerts_is_active(al, ALERT_NUMA_IMBALANCE, 3));
	r3 = row_of("UNBALANCED");
	ck_assert_int_ge(r3, 0);
	ck_assert_int_eq(row_of("node 3"), r3);
	/* The footer holds the last row. */
	ck_assert_int_eq(row_of("q quit"), 23);
	/* The views learnt their sizes: three modules, four nodes, all visible. */
	ck_assert_uint_eq(st.modules.total, 3);
	ck_assert_uint_ge(st.modules.page, 3);
	ck_assert_uint_eq(st.nodes.total, 4);
	ck_assert_uint_eq(st.nodes.page, 4);
}
END_TEST

static void pool(struct iobuf_pool_summary *p, uint64_t used, uint64_t cap, uint64_t bufsize)
{
	memset(p, 0, sizeof(*p));
	p->util_kind = UTIL_RESERVED;
	p->used = p->reserved = used;
	p->has_reserved = true;
	p->capacity = p->count = cap;
	p->bufsize = bufsize;
	p->util = (double)used / (double)cap;
}

/* The large pool runs dry: a few ticks of history with retries and gets. */
static void exhaustion(void)
{
	pool(&snap.iobuf.small, 24, 8192, 8192);
	pool(&snap.iobuf.large, 3, 1024, 135168);
	rates.valid = true;
	rates.dt = 1;
	rates.large.retry = rates.large.gets = 150000;
	for (int i = 0; i < 5; i++) {
		snap.seq++;
		snap.wall += 1;
		history_push(hist, &snap, &rates);
	}
	sd.now_wall = snap.wall;
}

/* Both pool bars one width, the dry one marked, on the real composition. */
START_TEST(test_main_pools_aligned_and_dry)
{
	char row[512];
	int ys, yl;

	exhaustion();
	open_screen(80, 24);
	draw_main();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ys = row_of("small [");
	yl = row_of("large [");
	ck_assert_int_ge(ys, 0);
	ck_assert_int_gt(yl, ys);
	ck_assert_int_eq(pty_screen_find(&ps, ys, "]", NULL), pty_screen_find(&ps, yl, "]", NULL));
	ck_assert_int_eq(pty_screen_find(&ps, ys, " / ", NULL),
			 pty_screen_find(&ps, yl, " / ", NULL));
	ck_assert_msg(strstr(pty_screen_row(&ps, yl, row, sizeof(row)), "!! RAN DRY"), "%s", row);
	ck_assert_msg(!strstr(pty_screen_row(&ps, ys, row, sizeof(row)), "DRY"), "%s", row);
	/* 80x24, four nodes: the three-line panes of before, every node boxed. */
	ck_assert_int_eq(yl - ys, 3);
	ck_assert(on_screen("retries/s"));
	ck_assert_int_eq(row_of("+ node 3"), 18);
}
END_TEST

/*
 * A big terminal spends its rows on information, not on tall graphs: retries
 * and gets at their caps, a retry history per module, a free-hugepage
 * history per node (node 0 draining), and blank rows above the footer.
 */
START_TEST(test_main_200x60_history)
{
	struct hugepage_node *n0 = &snap.hugepages.nodes[0];
	char row[512], cell[64];
	int y;

	/* Per module: bdev is the one retrying. */
	rates.nmodules = 3;
	for (int i = 0; i < 3; i++)
		snprintf(rates.modules[i].name, SNAP_NAME_LEN, "%s", snap.iobuf.modules[i].name);
	rates.modules[1].large.retry = rates.modules[1].large.gets = 150000;
	exhaustion();
	/*
	 * Two ticks more, then node 0 gives up its free 1 GiB pages, one a
	 * tick: twelve in all, so that every graph shows eleven (the first
	 * tick's missing rates left out of the rates'; GRAPH_REVEAL_STEP).
	 */
	ck_assert_uint_eq(n0->sizes[1].page_kb, 1048576);
	for (int i = 0; i < 6; i++) {
		if (i >= 2)
			n0->sizes[1].free--;
		snap.seq++;
		snap.wall += 1;
		history_push(hist, &snap, &rates);
	}
	sd.now_wall = snap.wall;
	open_screen(200, 60);
	draw_main();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	/* Pools, side by side: 2 lines, 8 rows of retries, 6 of gets. */
	ck_assert_int_eq(row_of(" 150k|"), 4);
	ck_assert_msg(strncmp(pty_screen_row(&ps, 11, row, sizeof(row)), "    0|", 6) == 0, "%s",
		      row);
	ck_assert_int_eq(row_of("gets/s"), 12);
	ck_assert(on_screen("peak 150,000"));
	ck_assert(on_screen("over 10s"));
	ck_assert(on_screen("none in view"));   /* the small pool had no retries */
	/* The table right below, with a retry history per module and pool. */
	ck_assert_int_eq(row_of("v retries/s"), 18);
	ck_assert(on_screen("retries/s history, peak 150k"));
	y = row_of("bdev ");
	/* bdev's large pool: eleven ticks dry; the first tick, without rates, left out. */
	ck_assert_str_eq(pty_screen_text(&ps, y, 188, 12, cell, sizeof(cell)), " |||||||||||");
	/* Four boxed panes, each with its history: label, then three graph rows. */
	ck_assert_int_eq(row_of("+ node 0"), 23);
	pty_screen_row(&ps, 27, row, sizeof(row));
	ck_assert_msg(strstr(row, "| hugepages free 200 MiB of 18 GiB  over 10s"), "%s", row);
	ck_assert_msg(strstr(row, "| hugepages free 7.7 GiB of 9.2 GiB"), "%s", row);
	/*
	 * Node 0 drains: eleven ticks, newest at the right of its graph (x
	 * 2..47), on the bottom row as 23% free (|), then 18% and 12% (:), 7%
	 * and 1% (.).
	 */
	ck_assert_str_eq(pty_screen_text(&ps, 30, 36, 12, cell, sizeof(cell)), " |||||||::..");
	ck_assert_str_eq(pty_screen_text(&ps, 29, 36, 12, cell, sizeof(cell)), "            ");
	/* Node 2, steady at a third free: a level line. */
	ck_assert_str_eq(pty_screen_text(&ps, 29, 136, 12, cell, sizeof(cell)), " ...........");
	ck_assert_msg(strncmp(pty_screen_row(&ps, 31, row, sizeof(row)), "+---", 4) == 0, "%s",
		      row);
	/* What is left stays blank above the footer. */
	for (y = 32; y < 59; y++)
		ck_assert_msg(strlen(pty_screen_row(&ps, y, row, sizeof(row))) == 0, "row %d: %s",
			      y, row);
	ck_assert_int_eq(row_of("q quit"), 59);
}
END_TEST

START_TEST(test_main_note_and_pause)
{
	open_screen(80, 24);
	st.paused = true;
	dash_state_note(&st, sd.now_mono, "sort by gets/s");
	draw_main();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(on_screen("PAUSED"));
	ck_assert(on_screen("sort by gets/s"));
	/* Once expired, the note is gone from the next frame. */
	sd.now_mono += DASH_NOTE_SECONDS + 1;
	werase(ps.win);
	draw_main();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(!on_screen("sort by gets/s"));
}
END_TEST

START_TEST(test_main_unreachable_header)
{
	char since[16], want[64];

	open_screen(100, 30);
	snap.state = TARGET_UNREACHABLE;
	snprintf(snap.unreachable_reason, sizeof(snap.unreachable_reason), "connection refused");
	dash_state_note_target(&st, false, snap.wall - 65);
	draw_main();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	screen_clock(snap.wall - 65, since, sizeof(since));
	snprintf(want, sizeof(want), "unreachable since %s", since);
	ck_assert_msg(on_screen(want), "no '%s' on screen", want);
	ck_assert(on_screen("connection refused"));
}
END_TEST

START_TEST(test_main_too_small)
{
	open_screen(30, 10);
	draw_main();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(on_screen("too small"));
	ck_assert(!on_screen("node 0"));
}
END_TEST

START_TEST(test_before_first_snapshot)
{
	struct snapshot empty;

	memset(&empty, 0, sizeof(empty));
	sd.snap = &empty;
	sd.have_snap = false;
	open_screen(80, 24);
	draw_main();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_int_eq(row_of("q quit"), 23);
	ck_assert_uint_eq(st.modules.total, 0);
}
END_TEST

static void draw_mempools(void)
{
	struct overlay_plan p;

	screen_mempools_plan(ps.cols, ps.rows, &sd, &st, &p);
	screen_mempools_draw(ps.win, &env, &sd, &st, &p);
}

/* M: largest first, "unknown" where the dump does not say, a total; no dump: why. */
START_TEST(test_mempools_view)
{
	snap.heaps.state = HEAPS_READ;
	snap.heaps.read_wall = snap.wall;
	snap.heaps.has_mempools = true;
	snap.heaps.nmempools = 2;
	snap.heaps.mempools[0] = (struct spdk_mempool){ "bdev_io_23677", -1, 65535, 1496, 1600,
							true, 65000 };
	snap.heaps.mempools[1] = (struct spdk_mempool){ "PDU_Pool", 0, 36864, 512, 576, false, 0 };
	open_screen(100, 30);
	draw_mempools();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(on_screen("Mempools, largest first"));
	ck_assert_int_ge(pty_screen_find(&ps, row_of("bdev_io_23677"), "65,535", NULL), 0);
	ck_assert_int_ge(pty_screen_find(&ps, row_of("bdev_io_23677"), "100 MiB", NULL), 0);
	ck_assert_int_ge(pty_screen_find(&ps, row_of("bdev_io_23677"), "535", NULL), 0);
	ck_assert_int_lt(row_of("bdev_io_23677"), row_of("PDU_Pool"));
	ck_assert_int_ge(pty_screen_find(&ps, row_of("PDU_Pool"), "unknown", NULL), 0);
	ck_assert_int_ge(pty_screen_find(&ps, row_of("total (2 pools)"), "120 MiB", NULL), 0);
	ck_assert_int_ge(pty_screen_find(&ps, row_of("total (2 pools)"), "535+", NULL), 0);
	ck_assert(on_screen("in use: the sum over the 1 pools that show it; 1 unknown"));
	ck_assert_uint_eq(st.mempools.total, 6);

	snap.heaps.state = HEAPS_UNAVAILABLE;
	snprintf(snap.heaps.why, sizeof(snap.heaps.why), "the target is reached over TCP");
	werase(ps.win);
	draw_mempools();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(on_screen("Not available: the target is reached over TCP"));
	ck_assert(!on_screen("PDU_Pool"));
}
END_TEST

/* At 80 columns the names give way and every number column stays whole. */
START_TEST(test_mempools_view_narrow)
{
	snap.heaps.state = HEAPS_READ;
	snap.heaps.read_wall = snap.wall;
	snap.heaps.has_mempools = true;
	snap.heaps.nmempools = 1;
	snap.heaps.mempools[0] = (struct spdk_mempool){ "a_mempool_name_of_thirty_chars", -1, 65535,
							1496, 1600, true, 65000 };
	open_screen(80, 24);
	draw_mempools();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(on_screen("available |"));
	ck_assert_int_ge(pty_screen_find(&ps, row_of("a_mempool_name_of"), "65,000 |", NULL), 0);
}
END_TEST

static void draw_consumers(void)
{
	struct overlay_plan p;

	screen_consumers_plan(ps.cols, ps.rows, &sd, &st, &p);
	screen_consumers_draw(ps.win, &env, &sd, &st, &p);
}

/*
 * H: the fixture /proc scanned against this snapshot's 4-node sysfs, the
 * target marked on top of its node, the leaked files, "scanning" while a
 * scan runs; a replay says why there is nothing.
 */
START_TEST(test_consumers_view)
{
	static struct hugepage_consumers c;
	struct hp_scan_config cfg = { MEMTOP_FIXTURES "/procfs/consumers", 31468 };

	ck_assert_int_eq(hp_scan_run(&cfg, &c), 0);
	open_screen(120, 40);
	sd.consumers = &c;
	draw_consumers();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(on_screen("Hugepage consumers per node"));
	ck_assert(on_screen("Scanned when opened"));
	ck_assert_int_ge(pty_screen_find(&ps, row_of("* 31468"), "SPDK target", NULL), 0);
	ck_assert_int_lt(row_of("node 0, 2.0 MiB pages"), row_of("* 31468"));
	ck_assert(on_screen("1 process unreadable (pid 6000)"));
	ck_assert(on_screen("spdk_pid999map_0"));
	ck_assert_uint_gt(st.consumers.total, 10);

	sd.consumers_scanning = true;
	sd.consumers_seen = 1234;
	werase(ps.win);
	draw_consumers();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(on_screen("Scanning the processes: 1234 so far"));
	ck_assert(on_screen("* 31468"));   /* the last scan stays while the next runs */

	sd.consumers = NULL;
	sd.consumers_scanning = false;
	sd.consumers_note = "A replay has no live processes";
	werase(ps.win);
	draw_consumers();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(on_screen("A replay has no live processes"));
	ck_assert(on_screen("Not scanned yet."));
}
END_TEST

/*
 * Two hours at 1 s with one second of large-pool retries 90 minutes ago:
 * live, the graphs hold none; [ goes back through the points, then into
 * 1-minute buckets, where the burst is the minute's max, with the header
 * saying so; } is live again.
 */
START_TEST(test_main_scrolled_back)
{
	const int secs = 2 * 3600, burst = secs - 90 * 60;
	char row[512];
	int presses = 0;

	rates.valid = true;
	rates.dt = 1;
	for (int t = 1; t <= secs; t++) {
		snap.seq++;
		snap.wall += 1;
		rates.large.retry = t == burst ? 148507 : 0;
		history_push(hist, &snap, &rates);
	}
	rates.large.retry = 0;
	sd.now_wall = snap.wall;
	open_screen(120, 40);
	draw_main();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(!on_screen("history to"));
	ck_assert(!on_screen("148,507"));
	/* Back until the minutes take over, the fine tier's 15 minutes first. */
	while (!on_screen("1-min max") && presses++ < 40) {
		ck_assert_uint_eq(dash_state_apply(&st, ACT_HIST_BACK, 0), DASH_FX_REDRAW);
		draw_main();
		ck_assert_int_eq(pty_screen_flush(&ps), 0);
		if (!on_screen("1-min max"))
			ck_assert_msg(on_screen("each tick"), "%s", pty_screen_row(&ps, 0, row,
										      sizeof(row)));
	}
	ck_assert_int_gt(presses, 5);
	ck_assert_int_lt(presses, 40);
	ck_assert_msg(on_screen("< history to 00:00 (1-min max)"), "%s", pty_screen_row(&ps, 0, row, sizeof(row)));
	ck_assert_int_eq(st.hist.res, HIST_RES_MINUTE);
	/* Further back the burst comes into view as its minute's max, never averaged. */
	for (presses = 0; !on_screen("peak 148,507") && presses < 10; presses++) {
		dash_state_apply(&st, ACT_HIST_BACK, 0);
		draw_main();
		ck_assert_int_eq(pty_screen_flush(&ps), 0);
	}
	ck_assert_msg(on_screen("peak 148,507"), "%s", pty_screen_row(&ps, 6, row, sizeof(row)));
	/* The live numbers stay live: no retries now. */
	ck_assert(on_screen("retries 0/s"));
	/* } is live again. */
	dash_state_apply(&st, ACT_HIST_LIVE, 0);
	draw_main();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(st.hist.live);
	ck_assert(!on_screen("history to"));
	ck_assert(!on_screen("148,507"));
}
END_TEST

START_TEST(test_help_lists_every_binding)
{
	size_t n;
	const struct keymap_help_line *h = keymap_help(&n);

	open_screen(100, 60);   /* tall enough for the whole help */
	draw_help();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(on_screen("Help: keys"));
	for (size_t i = 0; i < n; i++) {
		int row = row_of(h[i].what);

		ck_assert_msg(row >= 0, "help line '%s' missing", h[i].what);
		ck_assert_msg(pty_screen_find(&ps, row, h[i].keys, NULL) >= 0,
			      "keys '%s' not on the row of '%s'", h[i].keys, h[i].what);
	}
	ck_assert(on_screen("sorted by retries/s"));
	ck_assert_uint_eq(st.help.offset, 0);
	ck_assert_uint_le(st.help.total, st.help.page);
}
END_TEST

START_TEST(test_help_scrolls_on_a_small_screen)
{
	size_t n;
	const struct keymap_help_line *h = keymap_help(&n);

	open_screen(80, 12);
	st.overlay = OVERLAY_HELP;
	draw_help();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_uint_gt(st.help.total, st.help.page);
	ck_assert(on_screen(h[0].what));
	ck_assert(on_screen("more"));
	dash_state_apply(&st, ACT_END, 0);
	werase(ps.win);
	draw_help();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(!on_screen(h[0].what));
	ck_assert(on_screen("aggregate form"));   /* the last line */
}
END_TEST

START_TEST(test_alert_log_active_and_ended)
{
	struct snapshot down = snap;
	char t_start[16], t_end[16];
	int row;

	down.seq = 2;
	down.wall = snap.wall + 10;
	down.mono = snap.mono + 10;
	down.state = TARGET_UNREACHABLE;
	snprintf(down.unreachable_reason, sizeof(down.unreachable_reason), "connection refused");
	alerts_update(al, &down, NULL);
	alerts_summary(al, &sum);
	ck_assert_uint_eq(sum.critical, 1);

	open_screen(100, 30);
	draw_alert_log();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	screen_clock(down.wall, t_start, sizeof(t_start));
	row = row_of("TARGET UNREACHABLE");
	ck_assert_int_ge(row, 0);
	ck_assert_int_ge(pty_screen_find(&ps, row, "CRIT", NULL), 0);
	ck_assert_int_ge(pty_screen_find(&ps, row, "active", NULL), 0);
	ck_assert_int_ge(pty_screen_find(&ps, row, t_start, NULL), 0);
	/* Newest first: the unreachable alert above the older imbalance warning. */
	ck_assert_int_lt(row, row_of("IMBALANCED"));

	/* Acknowledged, then the target comes back: the entry gets its end time. */
	alerts_ack(al);
	werase(ps.win);
	draw_alert_log();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_int_ge(pty_screen_find(&ps, row_of("TARGET UNREACHABLE"), "CRIT ack", NULL), 0);
	snap.seq = 3;
	snap.wall += 20;
	snap.mono += 20;
	alerts_update(al, &snap, NULL);
	werase(ps.win);
	draw_alert_log();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	screen_clock(snap.wall, t_end, sizeof(t_end));
	row = row_of("TARGET UNREACHABLE");
	ck_assert_int_ge(pty_screen_find(&ps, row, t_end, NULL), 0);
	ck_assert_int_lt(pty_screen_find(&ps, row, "active", NULL), 0);
	ck_assert_uint_eq(st.log.total, alerts_log_count(al));
}
END_TEST

START_TEST(test_alert_log_empty)
{
	struct alerts *none = alerts_new(NULL);

	sd.alerts = none;
	open_screen(80, 24);
	draw_alert_log();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(on_screen("No alert so far"));
	ck_assert_uint_eq(st.log.total, 0);
	alerts_free(none);
}
END_TEST

/*
 * A frame as the dashboard makes it: the plan clamps and sizes the views,
 * the drawing shows the main screen with the open overlay over it and
 * changes no state, and the same plan draws the same cells again.
 */
START_TEST(test_frame_plan_then_draw)
{
	struct screen_plan plan;
	struct dash_state planned;
	char rows[24][256], row[256];

	open_screen(80, 24);
	st.overlay = OVERLAY_HELP;
	st.modules.offset = 100;   /* past the end: three modules, all in view */
	screen_frame_plan(80, 24, &env, &sd, &st, &plan);
	ck_assert_int_eq(plan.overlay, OVERLAY_HELP);
	ck_assert_uint_eq(st.modules.offset, 0);
	ck_assert_uint_eq(st.modules.total, 3);
	ck_assert_uint_eq(st.nodes.total, 4);
	ck_assert_uint_gt(st.help.total, 0);
	ck_assert_uint_eq(st.help.page, 20);   /* the box's 22 rows less its borders */
	memcpy(&planned, &st, sizeof(st));
	mvwaddstr(ps.win, 0, 0, "stale text from before");
	screen_frame_draw(ps.win, &env, &sd, &st, &plan);
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(memcmp(&planned, &st, sizeof(st)) == 0);
	ck_assert(!on_screen("stale"));
	ck_assert_int_eq(row_of("spdk.sock"), 0);   /* the header above the box */
	ck_assert_int_eq(row_of("Help: keys"), 1);
	ck_assert_int_eq(pty_screen_find(&ps, 23, "q quit", NULL), 0);   /* the footer below it */
	for (int y = 0; y < 24; y++)
		pty_screen_row(&ps, y, rows[y], sizeof(rows[y]));
	screen_frame_draw(ps.win, &env, &sd, &st, &plan);
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	for (int y = 0; y < 24; y++)
		ck_assert_str_eq(pty_screen_row(&ps, y, row, sizeof(row)), rows[y]);

	/* No overlay: only the main screen, the overlay's view left as it was. */
	st.overlay = OVERLAY_NONE;
	st.help.offset = 7;
	screen_frame_plan(80, 24, &env, &sd, &st, &plan);
	ck_assert_int_eq(plan.overlay, OVERLAY_NONE);
	ck_assert_uint_eq(st.help.offset, 7);
	screen_frame_draw(ps.win, &env, &sd, &st, &plan);
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert(!on_screen("Help: keys"));
	ck_assert(on_screen("node 3"));
}
END_TEST

START_TEST(test_overlay_rect_inside)
{
	struct rect r = screen_overlay_rect(80, 24);

	ck_assert_int_eq(r.w, 76);
	ck_assert_int_eq(r.x, 2);
	ck_assert_int_eq(r.h, 22);
	ck_assert_int_eq(r.y, 1);
	r = screen_overlay_rect(200, 60);
	ck_assert_int_eq(r.w, 78);
	ck_assert_int_eq(r.x, 61);
	for (int c = 0; c <= 250; c += 3)
		for (int rows = 0; rows <= 80; rows++) {
			r = screen_overlay_rect(c, rows);
			ck_assert(r.x >= 0 && r.y >= 0 && r.w >= 0 && r.h >= 0);
			ck_assert(r.x + r.w <= c && r.y + r.h <= rows);
		}
}
END_TEST

START_TEST(test_clock_format)
{
	char buf[16];

	screen_clock(1700000000, buf, sizeof(buf));
	ck_assert_uint_eq(strlen(buf), 8);
	ck_assert(buf[2] == ':' && buf[5] == ':');
}
END_TEST

int main(void)
{
	Suite *s = suite_create("screens");
	TCase *tc = tcase_create("core");

	setenv("TZ", "UTC", 1);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_main_80x24_shows_every_part);
	tcase_add_test(tc, test_main_pools_aligned_and_dry);
	tcase_add_test(tc, test_main_200x60_history);
	tcase_add_test(tc, test_main_note_and_pause);
	tcase_add_test(tc, test_main_scrolled_back);
	tcase_add_test(tc, test_main_unreachable_header);
	tcase_add_test(tc, test_main_too_small);
	tcase_add_test(tc, test_before_first_snapshot);
	tcase_add_test(tc, test_help_lists_every_binding);
	tcase_add_test(tc, test_help_scrolls_on_a_small_screen);
	tcase_add_test(tc, test_alert_log_active_and_ended);
	tcase_add_test(tc, test_alert_log_empty);
	tcase_add_test(tc, test_mempools_view);
	tcase_add_test(tc, test_mempools_view_narrow);
	tcase_add_test(tc, test_consumers_view);
	tcase_add_test(tc, test_frame_plan_then_draw);
	tcase_add_test(tc, test_overlay_rect_inside);
	tcase_add_test(tc, test_clock_format);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
