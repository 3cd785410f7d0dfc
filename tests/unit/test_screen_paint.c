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
 * changed, and at most 60 bytes (the budget of issue 10) for an idle tick.
 */
#include <check.h>
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

#define COLS 120
#define ROWS 40

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

static void setup(void)
{
	struct hugepages_source src = {
		.sysfs_root = MEMTOP_FIXTURES "/sysfs/2node",
		.procfs_root = MEMTOP_FIXTURES "/procfs/2node",
	};
	static const char *const names[] = { "accel", "bdev", "nvmf_TCP" };
	struct theme th;

	ck_assert_msg(pty_screen_open(&painted, COLS, ROWS, "xterm") == 0, "%s", painted.err);
	ck_assert_msg(pty_screen_open(&whole, COLS, ROWS, "xterm") == 0, "%s", whole.err);
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

/* Paints a frame the dashboard's way and draws the reference whole; returns the bytes sent. */
static size_t paint(unsigned changes)
{
	struct screen_plan plan;

	set_term(painted.scr);
	screen_paint(&painter, painted.win, COLS, ROWS, &env, &sd, &st, changes);
	ck_assert_msg(pty_screen_flush(&painted) == 0, "%s", painted.err);
	set_term(whole.scr);
	screen_frame_plan(COLS, ROWS, &env, &sd, &st, &plan);
	screen_frame_draw(whole.win, &env, &sd, &st, &plan);
	return painted.nbytes;
}

static void same_screens(int tick)
{
	char a[COLS * 4 + 1], b[COLS * 4 + 1];

	for (int y = 0; y < ROWS; y++) {
		pty_screen_row(&painted, y, a, sizeof(a));
		pty_screen_row(&whole, y, b, sizeof(b));
		ck_assert_msg(strcmp(a, b) == 0, "tick %d, row %d:\npainted '%s'\nwhole   '%s'",
			      tick, y, a, b);
		for (int x = 0; x < COLS; x++)
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

/* One second later: bdev's large pool runs dry from tick 20, node 1 changes every 7. */
static void tick(int t)
{
	prev = snap;
	snap.seq++;
	snap.mono += 1;
	snap.wall += 1;
	snap.iobuf.modules[0].small.cache += 1000;
	if (t >= 20)
		snap.iobuf.modules[1].large.retry += 150000 + (uint64_t)t * 31;
	if (t % 7 == 0)
		snap.hugepages.nodes[1].sizes[0].free = (uint64_t)(t * 13) % 500;
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

/* Row y of the painted screen inside the pool panes, unless it holds a graph's legend. */
static bool pool_row(int y, char *buf, size_t len)
{
	const struct layout *lay = &painter.plan.main.lay;
	const struct rect *r[] = { &lay->pool_small, &lay->pool_large };

	for (size_t k = 0; k < 2; k++) {
		if (y < r[k]->y || y >= r[k]->y + r[k]->h)
			continue;
		pty_screen_row(&painted, y, buf, len);
		return !strstr(buf, "over ") && !strstr(buf, "peak");
	}
	return false;
}

/*
 * While the history fills, an idle tick changes the graphs' legends (their
 * time span) and nothing else of the pools: the first snapshot's missing
 * rate is not a gap marker that moves left every tick.
 */
START_TEST(filling_idle_graphs_stand_still)
{
	static char before[ROWS][COLS * 4 + 1];
	char now[COLS * 4 + 1];

	rates.valid = true;   /* idle: every rate 0 */
	for (int t = 1; t <= 40; t++) {
		next_second();
		paint(t == 1 ? SCREEN_CH_ALL : SCREEN_CH_DATA);
		same_screens(t);
		for (int y = 0; y < ROWS; y++) {
			if (!pool_row(y, now, sizeof(now)))
				continue;
			ck_assert_msg(t == 1 || strcmp(now, before[y]) == 0,
				      "tick %d: pool row %d moved:\nwas '%s'\nnow '%s'", t, y,
				      before[y], now);
			memcpy(before[y], now, sizeof(now));
		}
	}
	ck_assert_msg(pty_screen_find(&painted, -1, "over 39s", NULL) >= 0,
		      "the graphs do not show the span of the history");
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
	tcase_add_test(tc, filling_idle_graphs_stand_still);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
