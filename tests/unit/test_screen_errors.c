/*
 * Collection errors on screen: the header's "!N errors (e)" (kept, shortened,
 * at 80 and 40 columns, in its own attribute, through the main screen with a
 * real unreadable sysfs tree) and the e overlay (messages wrapped whole,
 * current before cleared, counts and times, scrolling, notes, empty).  Drawn
 * on a real curses screen on a pty (support/pty_screen).
 */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_main.h"
#include "dashboard_state.h"
#include "error_log.h"
#include "history.h"
#include "hugepages.h"
#include "pty_screen.h"
#include "screens.h"

static struct pty_screen ps;
static struct ui_palette pal;
static struct glyphs gl;
static struct widget_env env;
static struct dash_state st;
static struct snapshot snap;
static struct error_log lg;
static struct screen_data sd;

static const char *const MEMINFO = "cannot read /work/spdk/tests/fixtures/sysfs/unreadable/"
				   "devices/system/node/node1/meminfo: Is a directory";
static const char *const FREEHP = "cannot read /work/spdk/tests/fixtures/sysfs/unreadable/"
				  "devices/system/node/node2/hugepages/hugepages-2048kB/"
				  "free_hugepages: No such file or directory";
static const char *const STATS = "iobuf_get_stats: [0].small_pool.retry: expected a "
				 "non-negative integer";

static void setup(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	memset(&pal, 0, sizeof(pal));
	/* Attributes only, as monochrome: the element shows in the attribute. */
	pal.attr[UI_ALERT_WARNING] = A_BOLD;
	pal.attr[UI_DIM] = A_DIM;
	glyphs_init(&gl, GLYPHS_ASCII);
	env.pal = &pal;
	env.gl = &gl;
	dash_state_init(&st, 1.0, false, 1, 0);
	memset(&snap, 0, sizeof(snap));
	snap.seq = 1;
	snap.wall = 1700000000;
	snap.mono = 100;
	snprintf(snap.target, sizeof(snap.target), "unix:/var/tmp/spdk.sock");
	snprintf(snap.version, sizeof(snap.version), "SPDK v26.09-pre git sha1 3230130e6a");
	snap.state = TARGET_RUNNING;
	error_log_init(&lg);
	memset(&sd, 0, sizeof(sd));
	sd.snap = &snap;
	sd.have_snap = true;
	sd.theme_name = "mono";
	sd.now_wall = snap.wall;
	sd.now_mono = snap.mono;
	sd.errors = &lg;
	memset(&ps, 0, sizeof(ps));
}

static void teardown(void)
{
	pty_screen_close(&ps);
}

static void open_screen(int cols, int rows)
{
	ck_assert_msg(pty_screen_open(&ps, cols, rows, "xterm") == 0, "%s", ps.err);
}

static char *row_text(int y)
{
	static char buf[1024];

	return pty_screen_row(&ps, y, buf, sizeof(buf));
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

static void draw_errors(void)
{
	struct overlay_plan p;

	screen_errors_plan(ps.cols, ps.rows, &env, &sd, &st, &p);
	screen_errors_draw(ps.win, &env, &sd, &st, &p);
}

/* One tick: the snapshot's errors are msgs, at wall time t. */
static void tick(double t, const char *const *msgs)
{
	snap.seq++;
	snap.wall = t;
	mt_errlist_clear(&snap.errors);
	for (; msgs && *msgs; msgs++)
		mt_errlist_add(&snap.errors, "%s", *msgs);
	error_log_update(&lg, &snap);
	sd.now_wall = t;
}

#define ERRS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void draw_header(int w, bool paused)
{
	struct header_view h;
	struct rect r = { 0, 0, 1, w };

	memset(&h, 0, sizeof(h));
	h.snap = &snap;
	h.interval = 1.0;
	h.paused = paused;
	h.now = snap.wall;
	h.unreachable_since = snap.state == TARGET_UNREACHABLE ? snap.wall - 60 : 0;
	werase(ps.win);
	widget_header_draw(ps.win, r, &env, &h);
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
}

/* ---- header ------------------------------------------------------------- */

START_TEST(test_header_no_errors_no_mark)
{
	open_screen(120, 5);
	draw_header(120, false);
	ck_assert_msg(!strstr(row_text(0), "error"), "%s", row_text(0));
	ck_assert_msg(!strstr(row_text(0), "!"), "%s", row_text(0));
}
END_TEST

START_TEST(test_header_counts_distinct_errors)
{
	int x;

	open_screen(120, 5);
	tick(snap.wall + 1, ERRS(MEMINFO, FREEHP, MEMINFO));
	draw_header(120, false);
	ck_assert_msg(strstr(row_text(0), "!2 errors (e)  every 1.0s  22:13:21"), "%s",
		      row_text(0));
	x = pty_screen_find(&ps, 0, "!2 errors", NULL);
	for (int i = 0; i < 13; i++)
		ck_assert_uint_eq(pty_screen_attr(&ps, 0, x + i), A_BOLD);
	ck_assert_uint_eq(pty_screen_attr(&ps, 0, x - 1), A_NORMAL);

	tick(snap.wall + 1, ERRS(STATS));
	draw_header(120, false);
	ck_assert_msg(strstr(row_text(0), "!1 error (e)"), "%s", row_text(0));

	/* Messages the snapshot had no room for count too. */
	snap.errors.dropped = 4;
	draw_header(120, false);
	ck_assert_msg(strstr(row_text(0), "!5 errors (e)"), "%s", row_text(0));
}
END_TEST

/* 80 columns, a long socket path: the mark stays with every other part. */
START_TEST(test_header_80_columns_keeps_the_mark)
{
	enum target_state states[] = { TARGET_RUNNING, TARGET_STARTUP, TARGET_UNREACHABLE };
	const char *words[] = { "running", "startup", "unreachable since" };

	open_screen(80, 5);
	snprintf(snap.target, sizeof(snap.target), "unix:/tmp/memtop-it.Xy12Ab/sub/errs.sock");
	snprintf(snap.unreachable_reason, sizeof(snap.unreachable_reason),
		 "connection refused");
	tick(snap.wall + 1, ERRS(MEMINFO, FREEHP));
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		for (int paused = 0; paused <= 1; paused++) {
			const char *row;

			snap.state = states[i];
			draw_header(80, paused);
			row = row_text(0);
			ck_assert_int_le((int)strlen(row), 80);
			ck_assert_msg(strstr(row, "!2 err"), "state %d paused %d: %s", (int)i,
				      paused, row);
			ck_assert_msg(!paused || strstr(row, "PAUSED"), "%s", row);
			ck_assert_msg(strstr(row, "s.sock"), "%s", row);
			ck_assert_msg(strstr(row, words[i]), "%s", row);
			if (states[i] != TARGET_UNREACHABLE) {
				/* A reachable target keeps the version, interval and clock too. */
				ck_assert_msg(strstr(row, "v26.09-pre"), "%s", row);
				ck_assert_msg(strstr(row, "1.0s"), "%s", row);
				ck_assert_msg(strstr(row, ":"), "%s", row);
			} else {
				ck_assert_msg(strstr(row, "connection refused"), "%s", row);
			}
		}
	}
	/* Room enough: the whole form, with the key. */
	snap.state = TARGET_RUNNING;
	draw_header(80, false);
	ck_assert_msg(strstr(row_text(0), "!2 errors (e)"), "%s", row_text(0));
}
END_TEST

START_TEST(test_header_40_columns)
{
	open_screen(40, 5);
	tick(snap.wall + 1, ERRS(MEMINFO, FREEHP));
	snap.state = TARGET_STARTUP;
	draw_header(40, true);
	ck_assert_msg(strstr(row_text(0), "!2 err  PAUSED"), "%s", row_text(0));
	ck_assert_msg(strstr(row_text(0), "startup"), "%s", row_text(0));
	ck_assert_int_le((int)strlen(row_text(0)), 40);
}
END_TEST

/* The whole composition with a real unreadable sysfs tree: the mark in row 0. */
START_TEST(test_main_screen_shows_the_mark)
{
	struct hugepages_source src = {
		.sysfs_root = MEMTOP_FIXTURES "/sysfs/unreadable",
		.procfs_root = MEMTOP_FIXTURES "/procfs/unreadable",
	};
	struct history *hist = history_new();
	struct alerts *al = alerts_new(NULL);
	struct alerts_summary sum;
	struct iobuf_rates rates;

	ck_assert_ptr_nonnull(hist);
	ck_assert_ptr_nonnull(al);
	memset(&rates, 0, sizeof(rates));
	mt_errlist_clear(&snap.errors);
	hugepages_collect(&src, &snap.hugepages, &snap.errors);
	ck_assert_uint_eq(snap.errors.n, 2);
	error_log_update(&lg, &snap);
	history_push(hist, &snap, NULL);
	alerts_update(al, &snap, NULL);
	alerts_summary(al, &sum);
	sd.rates = &rates;
	sd.hist = hist;
	sd.alerts = al;
	sd.sum = &sum;
	open_screen(80, 24);
	draw_main();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_int_eq(row_of("!2 errors (e)"), 0);

	/* e over it: both messages, whole once the wrapped lines are joined. */
	draw_errors();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_int_ge(row_of("Collection errors: 2 now, 2 seen"), 0);
	ck_assert_int_eq(row_of("!2 errors (e)"), 0);   /* the header stays visible */
	alerts_free(al);
	history_free(hist);
}
END_TEST

/* ---- overlay ------------------------------------------------------------ */

/* The overlay's message lines from row y on, joined, blanks removed. */
static void joined_from(int y, int x, int w, char *out, size_t len)
{
	size_t n = 0;

	for (; y < ps.rows - 1 && n + 1 < len; y++) {
		char cell[1024];

		pty_screen_text(&ps, y, x, w, cell, sizeof(cell));
		for (char *c = cell; *c && n + 1 < len; c++)
			if (*c != ' ')
				out[n++] = *c;
	}
	out[n] = '\0';
}

static void squeeze(const char *s, char *out, size_t len)
{
	size_t n = 0;

	for (; *s && n + 1 < len; s++)
		if (*s != ' ')
			out[n++] = *s;
	out[n] = '\0';
}

START_TEST(test_overlay_wraps_whole_messages)
{
	char got[8192], want[512];
	struct rect r = screen_overlay_rect(80, 24);
	int ymeta, x = r.x + 2, w = r.w - 4;

	tick(snap.wall + 1, ERRS(MEMINFO, FREEHP));
	open_screen(80, 24);
	draw_errors();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_int_eq(row_of("Collection errors: 2 now, 2 seen (Esc closes)"), r.y);
	ck_assert_int_eq(row_of("state    rounds  first     last"), r.y + 1);
	ymeta = r.y + 2;
	ck_assert_msg(strstr(row_text(ymeta), "current       1  22:13:21  22:13:21"), "%s",
		      row_text(ymeta));
	ck_assert_uint_eq(pty_screen_attr(&ps, ymeta, x), A_BOLD);
	/* Message lines are indented, stay inside the box, and lose nothing. */
	for (int y = ymeta + 1; y < r.y + r.h - 1; y++) {
		char cell[256];

		pty_screen_text(&ps, y, r.x, 1, cell, sizeof(cell));
		ck_assert_str_eq(cell, "|");
		pty_screen_text(&ps, y, r.x + r.w - 1, 1, cell, sizeof(cell));
		ck_assert_str_eq(cell, "|");
	}
	joined_from(ymeta, x, w, got, sizeof(got));
	squeeze(MEMINFO, want, sizeof(want));
	ck_assert_msg(strstr(got, want), "%s", got);
	squeeze(FREEHP, want, sizeof(want));
	ck_assert_msg(strstr(got, want), "%s", got);
	/* Paths break after a '/', not in the middle of a name. */
	ck_assert_msg(strstr(row_text(ymeta + 1), "devices/system/ |"), "%s",
		      row_text(ymeta + 1));
	ck_assert_int_ge(pty_screen_find(&ps, ymeta + 2, "  node/node1/meminfo: Is a directory",
					 NULL), x);
	/* Every line is counted for scrolling: 2 meta + 2 + 3 message lines. */
	ck_assert_uint_eq(st.errors.total, 7);
	ck_assert_uint_eq(st.errors.page, (size_t)(r.h - 3));
}
END_TEST

START_TEST(test_overlay_current_before_cleared)
{
	char first[16], last[16], want[64];
	int ycur, yclr;

	tick(1700000000, ERRS(MEMINFO, STATS));
	tick(1700000005, ERRS(STATS));
	tick(1700000009, ERRS(STATS));
	open_screen(100, 30);
	draw_errors();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_int_ge(row_of("Collection errors: 1 now, 2 seen"), 0);
	ycur = row_of("iobuf_get_stats: [0].small_pool.retry");
	yclr = row_of("Is a directory");
	ck_assert_int_gt(ycur, 0);
	ck_assert_int_gt(yclr, ycur);
	screen_clock(1700000000, first, sizeof(first));
	screen_clock(1700000009, last, sizeof(last));
	snprintf(want, sizeof(want), "current       3  %s  %s", first, last);
	ck_assert_msg(strstr(row_text(ycur - 1), want), "%s", row_text(ycur - 1));
	screen_clock(1700000000, last, sizeof(last));
	snprintf(want, sizeof(want), "cleared       1  %s  %s", first, last);
	ck_assert_int_ge(row_of(want), ycur);
	/* Cleared lines are dim, the current message plain. */
	ck_assert_uint_eq(pty_screen_attr(&ps, row_of(want),
					  pty_screen_find(&ps, row_of(want), "cleared", NULL)),
			  A_DIM);
	ck_assert_uint_eq(pty_screen_attr(&ps, ycur, pty_screen_find(&ps, ycur, "iobuf", NULL)),
			  A_NORMAL);
}
END_TEST

START_TEST(test_overlay_scrolls)
{
	char msg[128];

	for (int i = 0; i < 40; i++) {
		snprintf(msg, sizeof(msg), "cannot read /sys/devices/system/node/node%d/meminfo: "
			 "Permission denied", i);
		tick(snap.wall + 1, ERRS(msg));
	}
	open_screen(80, 24);
	st.overlay = OVERLAY_ERRORS;
	draw_errors();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_uint_eq(st.errors.total, 80);   /* each entry: meta + one line */
	ck_assert_int_ge(row_of("node39/meminfo"), 0);   /* the current one on top */
	ck_assert_int_ge(row_of("more: Down/PgDn"), 0);
	ck_assert_int_lt(row_of("node0/meminfo"), 0);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_END, 0), DASH_FX_REDRAW);
	werase(ps.win);
	draw_errors();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_int_ge(row_of("node0/meminfo"), 0);   /* the oldest cleared at the end */
	ck_assert_int_lt(row_of("node39/meminfo"), 0);
	ck_assert_int_ge(row_of("more: Up/PgUp"), 0);
	ck_assert_int_eq(st.errors.offset, st.errors.total - st.errors.page);
	/* A bigger screen: the offset is clamped to what can scroll. */
	pty_screen_close(&ps);
	open_screen(80, 60);
	draw_errors();
	ck_assert_uint_le(st.errors.offset + st.errors.page, st.errors.total);
}
END_TEST

START_TEST(test_overlay_notes_and_empty)
{
	char msg[64];

	open_screen(80, 24);
	draw_errors();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_int_ge(row_of("No collection error so far."), 0);
	ck_assert_int_ge(row_of("Collection errors: 0 now, 0 seen"), 0);
	ck_assert_uint_eq(st.errors.total, 0);

	/* No log at all (a caller without one) draws the same. */
	sd.errors = NULL;
	werase(ps.win);
	draw_errors();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_int_ge(row_of("No collection error so far."), 0);
	sd.errors = &lg;

	/* A full log forgets; a full round says how many it could not hold. */
	st.overlay = OVERLAY_ERRORS;
	for (int i = 0; i < ERROR_LOG_MAX + 5; i++) {
		snprintf(msg, sizeof(msg), "error %d", i);
		tick(snap.wall + 1, ERRS(msg));
	}
	snap.errors.dropped = 3;
	error_log_update(&lg, &snap);
	werase(ps.win);
	st.errors.offset = 0;
	draw_errors();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_int_ge(row_of("Collection errors: 4 now, 69 seen"), 0);
	ck_assert_int_eq(row_of("! 3 more in the latest round (a round keeps 16)"), 3);
	dash_state_apply(&st, ACT_END, 0);
	werase(ps.win);
	draw_errors();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	ck_assert_int_ge(row_of("5 older errors forgotten (the log keeps 64)"), 0);
}
END_TEST

/* Wide screens give long messages room; UTF-8 text wraps by columns, not bytes. */
START_TEST(test_overlay_wide_and_utf8)
{
	char msg[MT_ERR_LEN], row[1024];
	struct rect r;
	int y;

	tick(snap.wall + 1, ERRS(FREEHP));
	open_screen(200, 40);
	draw_errors();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	y = row_of("free_hugepages: No such file or directory");
	ck_assert_int_gt(y, 0);
	ck_assert_int_eq(row_of("cannot read /work/spdk"), y);   /* one line */
	ck_assert_uint_eq(st.errors.total, 2);
	pty_screen_close(&ps);

	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	glyphs_init(&gl, GLYPHS_UTF8);
	memset(msg, 0, sizeof(msg));
	for (int i = 0; i < 100; i++)
		strcat(msg, "\xc3\xa9");   /* e acute: 2 bytes, 1 column */
	tick(snap.wall + 1, ERRS(msg));
	open_screen(80, 24);
	draw_errors();
	ck_assert_int_eq(pty_screen_flush(&ps), 0);
	r = screen_overlay_rect(80, 24);
	/* 100 columns of text in lines of r.w - 6: two lines, the first full. */
	y = r.y + 3;
	ck_assert_int_eq(pty_screen_count(&ps, y, 0, 80, "\xc3\xa9"), r.w - 6);
	ck_assert_int_eq(pty_screen_count(&ps, y + 1, 0, 80, "\xc3\xa9"), 100 - (r.w - 6));
	ck_assert_msg(strstr(pty_screen_row(&ps, r.y + 5, row, sizeof(row)), "cleared"), "%s",
		      row);
	setlocale(LC_ALL, "C");
}
END_TEST

/* Small screens (up to 80 columns the box is the shared one): nothing drawn outside it. */
START_TEST(test_overlay_small_screens)
{
	tick(snap.wall + 1, ERRS(MEMINFO, FREEHP, STATS));
	st.overlay = OVERLAY_ERRORS;
	for (int cols = 8; cols <= 80; cols += 9) {
		for (int rows = 4; rows <= 24; rows += 5) {
			struct rect r = screen_overlay_rect(cols, rows);

			open_screen(cols, rows);
			draw_errors();
			dash_state_apply(&st, ACT_END, 0);
			werase(ps.win);
			draw_errors();
			ck_assert_int_eq(pty_screen_flush(&ps), 0);
			for (int y = 0; y < rows; y++)
				for (int x = 0; x < cols; x++) {
					char cell[16];

					if (y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w)
						continue;
					pty_screen_text(&ps, y, x, 1, cell, sizeof(cell));
					ck_assert_msg(strcmp(cell, " ") == 0,
						      "%dx%d: '%s' at %d,%d outside the box", cols,
						      rows, cell, y, x);
				}
			if (st.errors.total > st.errors.page)
				ck_assert_uint_eq(st.errors.offset,
						  st.errors.total - st.errors.page);
			pty_screen_close(&ps);
		}
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("screen_errors");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_header_no_errors_no_mark);
	tcase_add_test(tc, test_header_counts_distinct_errors);
	tcase_add_test(tc, test_header_80_columns_keeps_the_mark);
	tcase_add_test(tc, test_header_40_columns);
	tcase_add_test(tc, test_main_screen_shows_the_mark);
	tcase_add_test(tc, test_overlay_wraps_whole_messages);
	tcase_add_test(tc, test_overlay_current_before_cleared);
	tcase_add_test(tc, test_overlay_scrolls);
	tcase_add_test(tc, test_overlay_notes_and_empty);
	tcase_add_test(tc, test_overlay_wide_and_utf8);
	tcase_add_test(tc, test_overlay_small_screens);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
