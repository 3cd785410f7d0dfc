/*
 * screen_paint: a frame painted part by part is the frame drawn whole.
 *
 * Two real curses screens on ptys (support/pty_screen) of one size: one
 * painted by a screen_painter as the dashboard paints, tick after tick, the
 * other erased and drawn whole (screen_frame_draw) from the same data each
 * time.  Through 90 ticks in which a pool runs dry (rates, graphs, an alert
 * and its flashing banner), a node's free pages change, a note comes and
 * goes and the clock moves, every cell's text and attributes must be the
 * same on both.  And what the painted one sends: nothing when nothing
 * changed, and at most 60 bytes (the budget of issue 10) for an idle tick,
 * on average also while the graphs fill.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "alerts.h"
#include "dashboard_state.h"
#include "history.h"
#include "hugepages.h"
#include "iobuf_rates.h"
#include "iobuf_summary.h"
#include "pty_screen.h"
#include "screens.h"
#include "theme.h"
#include "ui_palette.h"

/* The size of the screens; the wide case (200x50) gives each node's pane its heap line's age. */
#define MAX_COLS 200
#define MAX_ROWS 50
static int scr_cols = 120, scr_rows = 40;

static struct pty_screen painted, whole;
static struct screen_painter painter;
static struct ui_palette pal;
static struct glyphs gl;
static struct widget_env env;
static struct dash_state st;
static struct snapshot prev, snap;
static struct iobuf_rates rates;
static struct history *hist;
static struct alerts *al;
static struct alerts_summary sum;
static struct screen_data sd;

static void setup(void);

/*
 * bdev's large pool runs dry from tick dry_from, its retries climbing; with
 * wobble, at 170,000 or (every third tick) 180,000 a second instead.
 */
static int dry_from = 20;
static bool wobble;
/* The tick nvmf_TCP's small pool retries 500 times in, or 0. */
static int small_burst;

static void setup_wide(void)
{
	scr_cols = 200;
	scr_rows = 50;
	setup();
}

static void setup(void)
{
	struct hugepages_source src = {
		.sysfs_root = MEMTOP_FIXTURES "/sysfs/2node",
		.procfs_root = MEMTOP_FIXTURES "/procfs/2node",
	};
	static const char *const names[] = { "accel", "bdev", "nvmf_TCP" };
	struct theme th;

	dry_from = 20;
	wobble = false;
	small_burst = 0;
	ck_assert_msg(pty_screen_open(&painted, scr_cols, scr_rows, "xterm") == 0, "%s", painted.err);
	ck_assert_msg(pty_screen_open(&whole, scr_cols, scr_rows, "xterm") == 0, "%s", whole.err);
	/* Monochrome attributes: the banner's flash is reverse+bold, so it is compared too. */
	ck_assert_int_eq(theme_builtin("default", &th), 0);
	theme_to_palette(&th, false, 0, true, &pal);
	glyphs_init(&gl, GLYPHS_ASCII);
	env.pal = &pal;
	env.gl = &gl;
	dash_state_init(&st, 1.0, false, 1, 0);
	screen_painter_init(&painter);
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
	for (size_t i = 0; i < 3; i++)
		snprintf(snap.iobuf.modules[i].name, SNAP_NAME_LEN, "%s", names[i]);
	snap.iobuf.opts = (struct iobuf_options){ .valid = true, .small_pool_count = 8192,
						  .large_pool_count = 1024, .small_bufsize = 8192,
						  .large_bufsize = 135168 };
	ck_assert_int_eq(hugepages_collect(&src, &snap.hugepages, &snap.errors), 0);
	/* SPDK's heaps as a dump gives them: their line's age moves every tick. */
	snap.heaps.state = HEAPS_READ;
	snap.heaps.read_mono = snap.mono;
	snap.heaps.read_wall = snap.wall;
	snap.heaps.n = 2;
	for (int i = 0; i < 2; i++)
		snap.heaps.heaps[i] = (struct spdk_heap){ .node = i, .size = 208u << 20,
							  .free = 4u << 20, .alloc = 204u << 20,
							  .greatest_free = 2u << 20 };
	iobuf_summarize(&snap.iobuf);
	hist = history_new();
	al = alerts_new(NULL);
	ck_assert_ptr_nonnull(hist);
	ck_assert_ptr_nonnull(al);
	history_push(hist, &snap, NULL);
	alerts_update(al, &snap, NULL);
	alerts_summary(al, &sum);
	sd = (struct screen_data){ .snap = &snap, .have_snap = true, .rates = &rates,
				   .hist = hist, .alerts = al, .sum = &sum,
				   .theme_name = "default", .now_wall = snap.wall,
				   .now_mono = snap.mono };
}

static void teardown(void)
{
	pty_screen_close(&painted);
	pty_screen_close(&whole);
	history_free(hist);
	alerts_free(al);
}

/* Paints a frame the dashboard's way into the window, not refreshed yet. */
static void paint_unflushed(unsigned changes)
{
	set_term(painted.scr);
	screen_paint(&painter, painted.win, scr_cols, scr_rows, &env, &sd, &st, changes);
}

/* Refreshes the painted screen. */
static void flush_painted(void)
{
	ck_assert_msg(pty_screen_flush(&painted) == 0, "%s", painted.err);
}

/* Draws the reference whole from the same data. */
static void draw_whole(void)
{
	struct screen_plan plan;

	set_term(whole.scr);
	screen_frame_plan(scr_cols, scr_rows, &env, &sd, &st, &plan);
	screen_frame_draw(whole.win, &env, &sd, &st, &plan);
}

/* Paints a frame the dashboard's way and draws the reference whole; returns the bytes sent. */
static size_t paint(unsigned changes)
{
	paint_unflushed(changes);
	flush_painted();
	draw_whole();
	return painted.nbytes;
}

static void same_screens(int tick)
{
	char a[MAX_COLS * 4 + 1], b[MAX_COLS * 4 + 1];

	for (int y = 0; y < scr_rows; y++) {
		pty_screen_row(&painted, y, a, sizeof(a));
		pty_screen_row(&whole, y, b, sizeof(b));
		ck_assert_msg(strcmp(a, b) == 0, "tick %d, row %d:\npainted '%s'\nwhole   '%s'",
			      tick, y, a, b);
		for (int x = 0; x < scr_cols; x++)
			ck_assert_msg(pty_screen_attr(&painted, y, x) ==
				      pty_screen_attr(&whole, y, x),
				      "tick %d, cell %d,%d: attributes differ", tick, y, x);
	}
}

/* The same snapshot a second later, into the history; the frame's clocks follow. */
static void next_second(void)
{
	snap.seq++;
	snap.mono += 1;
	snap.wall += 1;
	history_push(hist, &snap, &rates);
	sd.now_wall = snap.wall;
	sd.now_mono = snap.mono;
}

/* One second later: bdev's large pool runs dry, node 1 changes every 7. */
static void tick(int t)
{
	prev = snap;
	snap.seq++;
	snap.mono += 1;
	snap.wall += 1;
	snap.iobuf.modules[0].small.cache += 1000;
	if (t == small_burst)
		snap.iobuf.modules[2].small.retry += 500;
	if (t >= dry_from && wobble)
		snap.iobuf.modules[1].large.retry += t % 3 ? 170000 : 180000;
	else if (t >= dry_from)
		snap.iobuf.modules[1].large.retry += 150000 + (uint64_t)t * 31;
	if (t % 7 == 0)
		snap.hugepages.nodes[1].sizes[0].free = (uint64_t)(t * 13) % 500;
	/* Pages added on node 0 at tick 45: wider numbers, wider columns in every pane. */
	if (t == 45) {
		snap.hugepages.nodes[0].sizes[0].nr = 123456;
		snap.hugepages.nodes[0].sizes[0].free = 100000;
	}
	/* The heaps read again now and then (every 30 s in the dashboard). */
	if (t % 30 == 0) {
		snap.heaps.read_mono = snap.mono;
		snap.heaps.read_wall = snap.wall;
		snap.heaps.heaps[1].greatest_free = (uint64_t)t << 14;
	}
	iobuf_summarize(&snap.iobuf);
	iobuf_rates_compute(&prev, &snap, &rates);
	history_push(hist, &snap, &rates);
	alerts_update(al, &snap, &rates);
	alerts_summary(al, &sum);
	dash_state_set_alarm(&st, sum.unacked_critical > 0, snap.mono);
	sd.now_wall = snap.wall;
	sd.now_mono = snap.mono;
}

START_TEST(painted_equals_whole)
{
	bool flashed = false;

	paint(SCREEN_CH_ALL);
	same_screens(0);
	for (int t = 1; t <= 90; t++) {
		tick(t);
		if (t == 60)
			dash_state_note(&st, snap.mono, "interval 1 s");
		paint(SCREEN_CH_DATA);
		same_screens(t);
		/* At 200 columns each node's heap line says its age, which moves every tick. */
		if (t == 20 && scr_cols >= 200) {
			int row;

			ck_assert_int_ge(pty_screen_find(&painted, -1, "read 20 s ago", &row), 0);
		}
		/* Half a second later the banner flashes, if it does: a frame of its own. */
		if (dash_state_tick(&st, snap.mono + 0.5)) {
			flashed = true;
			paint(0);
			same_screens(t);
		}
	}
	ck_assert_msg(flashed, "the exhaustion never raised a flashing alert");
	/* An overlay opens and closes over painted parts: whole frames (keys say ALL). */
	st.overlay = OVERLAY_HELP;
	paint(SCREEN_CH_ALL);
	same_screens(91);
	st.overlay = OVERLAY_NONE;
	paint(SCREEN_CH_ALL);
	same_screens(92);
}
END_TEST

START_TEST(sends_only_what_changed)
{
	size_t n;

	for (int t = 1; t <= HISTORY_CAP + 5; t++)
		next_second();
	paint(SCREEN_CH_ALL);
	ck_assert_uint_gt(painted.nbytes, 1000);
	/* The same frame again: not a byte. */
	ck_assert_uint_eq(paint(0), 0);
	/* An idle tick: a new snapshot equal to the last but for its time. */
	next_second();
	n = paint(SCREEN_CH_DATA);
	ck_assert_msg(n > 0 && n <= 60, "an idle tick sent %zu bytes: %s", n, painted.bytes);
	same_screens(0);
}
END_TEST

/*
 * An idle tick redraws the header's clock alone, not its line: a mark put in
 * the window over the program's name stays, while the clock moves on.
 */
START_TEST(idle_tick_redraws_the_clock_alone)
{
	char before[MAX_COLS + 1], after[MAX_COLS + 1];

	paint(SCREEN_CH_ALL);
	next_second();
	paint(SCREEN_CH_DATA);
	set_term(painted.scr);
	mvwinnstr(painted.win, 0, 0, before, scr_cols);
	ck_assert_msg(strstr(before, "spdk-memtop") == before + 1, "header '%s'", before);
	mvwaddch(painted.win, 0, 1, 'Z');
	next_second();
	paint(SCREEN_CH_DATA);
	set_term(painted.scr);
	mvwinnstr(painted.win, 0, 0, after, scr_cols);
	ck_assert_msg(after[1] == 'Z', "the header's line was drawn again: '%s'", after);
	/* The clock is "HH:MM:SS" a cell before the right edge. */
	ck_assert_msg(strncmp(after + scr_cols - 9, before + scr_cols - 9, 8) != 0 &&
		      after[scr_cols - 7] == ':', "the clock did not move: '%s'", after);
	ck_assert_msg(strcmp(after + 2, before + 2) != 0, "nothing moved");
}
END_TEST

/* The window's row holding text, or -1; its line into line. */
static int window_row(const char *text, char *line, int len)
{
	for (int y = 0; y < scr_rows; y++) {
		mvwinnstr(painted.win, y, 0, line, len < scr_cols ? len : scr_cols);
		if (strstr(line, text))
			return y;
	}
	return -1;
}

/*
 * A tick that moves one module's rates redraws that row of the table
 * alone: a mark put in the window over a quiet module's row stays.
 */
START_TEST(module_rows_redrawn_alone)
{
	char line[MAX_COLS + 1], before[MAX_COLS + 1];
	int quiet, busy;

	paint(SCREEN_CH_ALL);
	for (int t = 1; t <= 21; t++) {
		tick(t);
		paint(SCREEN_CH_DATA);
	}
	set_term(painted.scr);
	quiet = window_row("nvmf_TCP", line, sizeof(line));
	busy = window_row("bdev ", before, sizeof(before));
	ck_assert_int_ge(quiet, 0);
	ck_assert_int_ge(busy, 0);
	mvwaddch(painted.win, quiet, 0, 'Z');
	tick(22);   /* bdev's retries climb by another 31 a second */
	paint(SCREEN_CH_DATA);
	set_term(painted.scr);
	mvwinnstr(painted.win, busy, 0, line, scr_cols);
	ck_assert_msg(strcmp(line, before) != 0, "bdev's row did not change: '%s'", line);
	mvwinnstr(painted.win, quiet, 0, line, scr_cols);
	ck_assert_msg(line[0] == 'Z', "a quiet module's row was drawn again: '%s'", line);
}
END_TEST

/*
 * A frame without data (the flash, the clock, a note) leaves the parts
 * drawn from the data alone, without looking at them: data that changed
 * behind its back (bdev's retries) shows only with the next SCREEN_CH_DATA.
 */
START_TEST(frame_without_data_leaves_data_parts)
{
	char line[MAX_COLS + 1], before[MAX_COLS + 1];
	int busy;

	paint(SCREEN_CH_ALL);
	for (int t = 1; t <= 21; t++) {
		tick(t);
		paint(SCREEN_CH_DATA);
	}
	set_term(painted.scr);
	/* The module table's row (the banner names bdev too). */
	for (busy = scr_rows - 1; busy >= 0; busy--) {
		mvwinnstr(painted.win, busy, 0, before, scr_cols);
		if (strncmp(before, "bdev ", 5) == 0)
			break;
	}
	ck_assert_int_ge(busy, 0);
	tick(22);
	paint(0);
	set_term(painted.scr);
	mvwinnstr(painted.win, busy, 0, line, scr_cols);
	ck_assert_msg(strcmp(line, before) == 0, "a frame without data redrew bdev's row: '%s'",
		      line);
	paint(SCREEN_CH_DATA);
	set_term(painted.scr);
	mvwinnstr(painted.win, busy, 0, line, scr_cols);
	ck_assert_msg(strcmp(line, before) != 0, "bdev's row did not change: '%s'", line);
	same_screens(22);
}
END_TEST

/*
 * A node pane's heap line that has no room for its age ("read 12 s ago",
 * 60-column panes at 120x40) says the same thing every second: it is not
 * drawn again as the age moves (a mark put over it stays), while at 200
 * columns, where the age shows, it is (the age moves on).
 */
START_TEST(heap_line_without_its_age_stands)
{
	char line[MAX_COLS * 4 + 1];
	int row, col;

	paint(SCREEN_CH_ALL);
	for (int t = 1; t <= 4; t++) {
		next_second();
		paint(SCREEN_CH_DATA);
	}
	set_term(painted.scr);
	row = window_row("SPDK heap", line, sizeof(line));
	ck_assert_int_ge(row, 0);
	/* ASCII glyphs: a byte a column. */
	col = (int)(strstr(line, "SPDK heap") - line);
	if (scr_cols < 200) {
		ck_assert_msg(strstr(line, " s ago") == NULL, "the age shows: '%s'", line);
		mvwaddch(painted.win, row, col, 'Z');
	}
	for (int t = 5; t <= 8; t++) {
		next_second();
		paint(SCREEN_CH_DATA);
		set_term(painted.scr);
		mvwinnstr(painted.win, row, 0, line, scr_cols);
		if (scr_cols < 200)
			ck_assert_msg(line[col] == 'Z', "tick %d: the heap line was drawn again: '%s'",
				      t, line);
		else
			ck_assert_msg(strstr(line, "read 8 s ago") || t < 8,
				      "tick %d: the age did not move: '%s'", t, line);
	}
}
END_TEST

/* Every "over Ns" legend on the painted screen states a whole step of the graphs. */
static void spans_in_steps(int tick)
{
	char row[MAX_COLS * 4 + 1];

	for (int y = 0; y < scr_rows; y++) {
		const char *p = pty_screen_row(&painted, y, row, sizeof(row));

		while ((p = strstr(p, "over ")) != NULL) {
			int secs = atoi(p + 5);

			ck_assert_msg(secs > 0 && secs % GRAPH_REVEAL_STEP == 0,
				      "tick %d, row %d: a span between steps: '%s'", tick, y, row);
			p += 5;
		}
	}
}

/*
 * While the history fills, an idle tick sends the clock alone: the graphs'
 * old edge and their legends (the time they span) move GRAPH_REVEAL_STEP
 * columns at a time (widget_graph_window), the nodes' free-hugepage graphs
 * with them, and the first snapshot's missing rate is not a gap marker
 * that moves left every tick.  So over the first minute an idle tick costs
 * less than the budget of issue 10 (60 bytes) on average, too.
 */
START_TEST(filling_idle_ticks_send_the_clock)
{
	static char before[MAX_ROWS][MAX_COLS * 4 + 1];
	char now[MAX_COLS * 4 + 1];
	size_t total = 0;
	int moved = 0;

	rates.valid = true;   /* idle: every rate 0 */
	paint(SCREEN_CH_ALL);
	for (int y = 0; y < scr_rows; y++)
		pty_screen_row(&painted, y, before[y], sizeof(before[y]));
	for (int t = 2; t <= 61; t++) {
		bool changed = false;

		next_second();
		total += paint(SCREEN_CH_DATA);
		same_screens(t);
		/* From tick 60 the nodes' graphs (56 columns) are full, and say so. */
		if (t < 60)
			spans_in_steps(t);
		/* Row 0 is the header's clock. */
		for (int y = 1; y < scr_rows; y++) {
			pty_screen_row(&painted, y, now, sizeof(now));
			changed |= strcmp(now, before[y]) != 0;
			memcpy(before[y], now, sizeof(now));
		}
		moved += changed;
	}
	/* A step of the rates' graphs, and one of the nodes', a tick apart. */
	ck_assert_msg(moved <= 2 * 60 / GRAPH_REVEAL_STEP,
		      "more than the clock changed on %d of 60 idle ticks", moved);
	ck_assert_msg(moved >= 60 / GRAPH_REVEAL_STEP, "the graphs never grew (%d ticks)", moved);
	ck_assert_msg(total <= 60 * 60, "60 idle ticks while the graphs fill sent %zu bytes",
		      total);
	ck_assert_msg(pty_screen_find(&painted, -1, "over 50s", NULL) >= 0,
		      "the pools' graphs do not show the span of the history");
	ck_assert_msg(pty_screen_find(&painted, -1, "hugepages free 2.5 GiB of 5.0 GiB  over 55s",
				      NULL) >= 0,
		      "a full graph does not show its whole span");
}
END_TEST

/* Each screen row's cells, text and attributes, into rows[y]. */
static void window_rows(cchar_t rows[][MAX_COLS + 1])
{
	set_term(painted.scr);
	for (int y = 0; y < scr_rows; y++)
		mvwin_wchnstr(painted.win, y, 0, rows[y], scr_cols);
}

/*
 * A pool pane's graphs write only their rows that differ.  bdev's large
 * pool dry from the first tick, at one of two rates: once its graph is
 * full, a tick moves the pattern of its top row alone, and the rows below
 * (and every row of the small pool's empty graph) are not written at all:
 * not touched in the window when the frame is painted, so wnoutrefresh
 * and doupdate skip them.  Every frame equals the one drawn whole, also as
 * the small pool's one burst of retries comes into view and leaves it (its
 * "none in view" label goes and comes back).
 */
START_TEST(graph_rows_that_stand_are_not_written)
{
	static cchar_t before[MAX_ROWS][MAX_COLS + 1], after[MAX_ROWS][MAX_COLS + 1];
	const struct layout *lay = &painter.plan.main.lay;
	bool label_went = false;
	int t, kept = 0;

	dry_from = 1;
	wobble = true;
	small_burst = 10;
	paint(SCREEN_CH_ALL);
	/*
	 * Until the graphs are full (100 columns), painted now and then to
	 * save time (what a frame shows does not depend on the frames before).
	 */
	for (t = 1; t <= 115; t++) {
		tick(t);
		if (t % 5 && (t < 9 || t > 12) && t < 108)
			continue;
		paint(SCREEN_CH_DATA);
		same_screens(t);
		label_went |= pty_screen_find(&painted, -1, "none in view", NULL) < 0;
	}
	ck_assert_msg(label_went, "the small pool's burst never showed");
	ck_assert_int_ge(pty_screen_find(&painted, -1, "none in view", NULL), 0);
	ck_assert_int_ge(lay->retry_graph_rows, 4);
	for (; t <= 119; t++) {
		int top = lay->pool_large.y + 2;

		tick(t);
		window_rows(before);
		paint_unflushed(SCREEN_CH_DATA);
		window_rows(after);
		ck_assert_msg(is_linetouched(painted.win, top), "tick %d: the top row moved unseen", t);
		ck_assert_msg(memcmp(before[top], after[top], sizeof(before[top])) != 0,
			      "tick %d: the top row did not move", t);
		for (int y = top + 1; y < top + lay->retry_graph_rows; y++) {
			ck_assert_msg(memcmp(before[y], after[y], sizeof(before[y])) == 0,
				      "tick %d: row %d changed", t, y);
			ck_assert_msg(!is_linetouched(painted.win, y),
				      "tick %d: row %d, the same, was written", t, y);
			kept++;
		}
		flush_painted();
		draw_whole();
		same_screens(t);
	}
	ck_assert_int_ge(kept, 4 * 3);
}
END_TEST

/*
 * What the pool panes remember of the window counts for nothing after
 * anything that wrote over it: another theme, another size, the graphs
 * scrolled back (ticks go on meanwhile) and live again.  Each frame after
 * equals the frame drawn whole, and so do the ticks after it.
 */
START_TEST(pools_whole_again_after_every_event)
{
	struct theme th;
	int t = 1;

	dry_from = 1;
	wobble = true;
	paint(SCREEN_CH_ALL);
	for (; t <= 30; t++) {
		tick(t);
		paint_unflushed(SCREEN_CH_DATA);
		flush_painted();
	}
	draw_whole();
	same_screens(t);
	for (int ev = 0; ev < 6; ev++) {
		switch (ev) {
		case 0:
			ck_assert_int_eq(theme_builtin("high-contrast", &th), 0);
			theme_to_palette(&th, false, 0, true, &pal);
			break;
		case 1:
			scr_cols -= 20;
			scr_rows -= 6;
			break;
		case 2:
			scr_cols += 20;
			scr_rows += 6;
			break;
		case 3:
		case 4:
			dash_state_apply(&st, ACT_HIST_BACK, snap.mono);
			break;
		default:
			dash_state_apply(&st, ACT_HIST_LIVE, snap.mono);
			break;
		}
		paint(SCREEN_CH_ALL);
		same_screens(1000 + ev);
		for (int k = 0; k < 2; k++, t++) {
			tick(t);
			paint(SCREEN_CH_DATA);
			same_screens(t);
		}
	}
	ck_assert_msg(st.hist.live, "not live again");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("screen_paint");
	TCase *tc = tcase_create("paint");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, painted_equals_whole);
	tcase_add_test(tc, sends_only_what_changed);
	tcase_add_test(tc, filling_idle_ticks_send_the_clock);
	tcase_add_test(tc, idle_tick_redraws_the_clock_alone);
	tcase_add_test(tc, module_rows_redrawn_alone);
	tcase_add_test(tc, frame_without_data_leaves_data_parts);
	tcase_add_test(tc, heap_line_without_its_age_stands);
	tcase_add_test(tc, graph_rows_that_stand_are_not_written);
	tcase_add_test(tc, pools_whole_again_after_every_event);
	suite_add_tcase(s, tc);
	tc = tcase_create("paint-wide");
	tcase_add_checked_fixture(tc, setup_wide, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, painted_equals_whole);
	tcase_add_test(tc, heap_line_without_its_age_stands);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
