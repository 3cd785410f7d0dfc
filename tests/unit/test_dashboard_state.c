/* dashboard_state: keys and events change the state as the help and docs/dashboard.md say. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "dashboard_state.h"

static struct dash_state st;

static void setup(void)
{
	dash_state_init(&st, 1.0, false, 3, 0);
}

START_TEST(test_init)
{
	ck_assert(!st.quit);
	ck_assert(!st.paused);
	ck_assert_double_eq(st.interval, 1.0);
	ck_assert_int_eq(st.overlay, OVERLAY_NONE);
	ck_assert_int_eq(st.sort, MODULE_SORT_RETRY);
	ck_assert(!dash_state_emphasis(&st));
	ck_assert(isinf(dash_state_next_deadline(&st, 0)));
	/* Out-of-range inputs are repaired, not trusted. */
	dash_state_init(&st, 0.01, false, 0, 7);
	ck_assert_double_eq(st.interval, TICK_MIN_INTERVAL);
	ck_assert_uint_eq(st.ntheme, 1);
	ck_assert_uint_eq(st.theme, 0);
}
END_TEST

START_TEST(test_quit)
{
	ck_assert_uint_eq(dash_state_apply(&st, ACT_QUIT, 0) & DASH_FX_QUIT, DASH_FX_QUIT);
	ck_assert(st.quit);
}
END_TEST

START_TEST(test_q_closes_overlay_first)
{
	dash_state_apply(&st, ACT_HELP, 0);
	ck_assert_int_eq(st.overlay, OVERLAY_HELP);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_QUIT, 0) & DASH_FX_QUIT, 0);
	ck_assert(!st.quit);
	ck_assert_int_eq(st.overlay, OVERLAY_NONE);
	dash_state_apply(&st, ACT_QUIT, 0);
	ck_assert(st.quit);
}
END_TEST

START_TEST(test_overlays)
{
	ck_assert_uint_eq(dash_state_apply(&st, ACT_CLOSE, 0), DASH_FX_NONE);
	dash_state_apply(&st, ACT_HELP, 0);
	ck_assert_int_eq(st.overlay, OVERLAY_HELP);
	dash_state_apply(&st, ACT_HELP, 0);           /* same key toggles it away */
	ck_assert_int_eq(st.overlay, OVERLAY_NONE);
	dash_state_apply(&st, ACT_ALERT_LOG, 0);
	ck_assert_int_eq(st.overlay, OVERLAY_ALERT_LOG);
	dash_state_apply(&st, ACT_HELP, 0);           /* another overlay key switches */
	ck_assert_int_eq(st.overlay, OVERLAY_HELP);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_CLOSE, 0) & DASH_FX_REDRAW, DASH_FX_REDRAW);
	ck_assert_int_eq(st.overlay, OVERLAY_NONE);
	/* e: the collection errors, same rules. */
	dash_state_apply(&st, ACT_ERRORS, 0);
	ck_assert_int_eq(st.overlay, OVERLAY_ERRORS);
	dash_state_apply(&st, ACT_ERRORS, 0);
	ck_assert_int_eq(st.overlay, OVERLAY_NONE);
	dash_state_apply(&st, ACT_ALERT_LOG, 0);
	dash_state_apply(&st, ACT_ERRORS, 0);
	ck_assert_int_eq(st.overlay, OVERLAY_ERRORS);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_QUIT, 0) & DASH_FX_QUIT, 0);
	ck_assert_int_eq(st.overlay, OVERLAY_NONE);
	ck_assert(!st.quit);
	dash_state_apply(&st, ACT_ERRORS, 0);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_CLOSE, 0), DASH_FX_REDRAW);
	ck_assert_int_eq(st.overlay, OVERLAY_NONE);
}
END_TEST

/* M and H (issue 11): views like the others; opening H, and only opening it, asks for a scan. */
START_TEST(test_mempools_and_consumers)
{
	ck_assert_uint_eq(dash_state_apply(&st, ACT_MEMPOOLS, 0), DASH_FX_REDRAW);
	ck_assert_int_eq(st.overlay, OVERLAY_MEMPOOLS);
	st.mempools.total = 10;
	st.mempools.page = 4;
	dash_state_apply(&st, ACT_DOWN, 0);
	ck_assert_uint_eq(st.mempools.offset, 1);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_CONSUMERS, 0),
			  DASH_FX_REDRAW | DASH_FX_CONSUMERS);
	ck_assert_int_eq(st.overlay, OVERLAY_CONSUMERS);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_CONSUMERS, 0), DASH_FX_REDRAW);
	ck_assert_int_eq(st.overlay, OVERLAY_NONE);
	dash_state_apply(&st, ACT_CONSUMERS, 0);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_CLOSE, 0), DASH_FX_REDRAW);
	ck_assert_int_eq(st.overlay, OVERLAY_NONE);
	dash_state_apply(&st, ACT_MEMPOOLS, 0);
	ck_assert_uint_eq(st.mempools.offset, 0);   /* reopened at its top */
}
END_TEST

START_TEST(test_pause_toggles_and_reschedules)
{
	unsigned fx = dash_state_apply(&st, ACT_PAUSE, 10);

	ck_assert(st.paused);
	ck_assert_uint_eq(fx & DASH_FX_SCHEDULE, DASH_FX_SCHEDULE);
	ck_assert_ptr_nonnull(dash_state_current_note(&st, 10));
	ck_assert_ptr_nonnull(strstr(dash_state_current_note(&st, 10), "paused"));
	dash_state_apply(&st, ACT_PAUSE, 11);
	ck_assert(!st.paused);
}
END_TEST

START_TEST(test_interval_ladder)
{
	ck_assert_double_eq(dash_interval_step(1, 1), 2);
	ck_assert_double_eq(dash_interval_step(1, -1), 0.5);
	ck_assert_double_eq(dash_interval_step(0.1, -1), 0.1);     /* the floor */
	ck_assert_double_eq(dash_interval_step(0.2, -1), 0.1);
	ck_assert_double_eq(dash_interval_step(60, 1), 60);       /* the top */
	ck_assert_double_eq(dash_interval_step(120, 1), 120);     /* -d beyond the ladder stays */
	ck_assert_double_eq(dash_interval_step(120, -1), 60);
	ck_assert_double_eq(dash_interval_step(1.5, 1), 2);       /* between steps: nearest */
	ck_assert_double_eq(dash_interval_step(1.5, -1), 1);
	ck_assert_double_eq(dash_interval_step(0.1000000001, -1), 0.1);
	ck_assert_double_eq(dash_interval_step(0.05, -1), 0.1);
}
END_TEST

START_TEST(test_interval_keys)
{
	unsigned fx;

	fx = dash_state_apply(&st, ACT_INTERVAL_DOWN, 0);
	ck_assert_double_eq(st.interval, 0.5);
	ck_assert_uint_eq(fx & DASH_FX_SCHEDULE, DASH_FX_SCHEDULE);
	ck_assert_str_eq(dash_state_current_note(&st, 0), "interval 0.5 s");
	for (int i = 0; i < 10; i++)
		dash_state_apply(&st, ACT_INTERVAL_DOWN, 0);
	ck_assert_double_eq(st.interval, TICK_MIN_INTERVAL);
	fx = dash_state_apply(&st, ACT_INTERVAL_DOWN, 0);
	ck_assert_uint_eq(fx & DASH_FX_SCHEDULE, 0);             /* nothing changed */
	ck_assert_ptr_nonnull(strstr(dash_state_current_note(&st, 0), "shortest"));
	dash_state_apply(&st, ACT_INTERVAL_UP, 0);
	ck_assert_double_eq(st.interval, 0.2);
}
END_TEST

START_TEST(test_sort_cycle)
{
	enum module_sort first = st.sort;
	int n = 0;

	do {
		dash_state_apply(&st, ACT_SORT, 0);
		n++;
	} while (st.sort != first && n < 100);
	ck_assert_int_eq(n, MODULE_SORT_COUNT);
	st.modules.total = 50;
	st.modules.page = 10;
	st.modules.offset = 20;
	dash_state_apply(&st, ACT_SORT, 0);
	ck_assert_uint_eq(st.modules.offset, 0);   /* a new order starts at the top */
}
END_TEST

START_TEST(test_theme_cycle)
{
	unsigned fx = dash_state_apply(&st, ACT_THEME, 0);

	ck_assert_uint_eq(fx & DASH_FX_THEME, DASH_FX_THEME);
	ck_assert_uint_eq(st.theme, 1);
	dash_state_apply(&st, ACT_THEME, 0);
	dash_state_apply(&st, ACT_THEME, 0);
	ck_assert_uint_eq(st.theme, 0);
	/* Monochrome: one theme, t explains instead of pretending. */
	dash_state_init(&st, 1, false, 1, 0);
	fx = dash_state_apply(&st, ACT_THEME, 0);
	ck_assert_uint_eq(fx & DASH_FX_THEME, 0);
	ck_assert_ptr_nonnull(dash_state_current_note(&st, 0));
}
END_TEST

START_TEST(test_reconnect_and_redraw)
{
	ck_assert_uint_eq(dash_state_apply(&st, ACT_RECONNECT, 0) & DASH_FX_RECONNECT,
			  DASH_FX_RECONNECT);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_REDRAW, 0) & DASH_FX_REPAINT, DASH_FX_REPAINT);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_NONE, 0), DASH_FX_NONE);
	/* m: the app asks the source for SPDK's heap and says what became of it. */
	ck_assert_uint_eq(dash_state_apply(&st, ACT_MEM_STATS, 0) & DASH_FX_MEM_STATS,
			  DASH_FX_MEM_STATS);
}
END_TEST

START_TEST(test_scroll_clamps)
{
	dash_scroll_resize(&st.modules, 30, 10);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_UP, 0), DASH_FX_NONE);  /* already at top */
	ck_assert_uint_eq(dash_state_apply(&st, ACT_DOWN, 0), DASH_FX_REDRAW);
	ck_assert_uint_eq(st.modules.offset, 1);
	dash_state_apply(&st, ACT_PAGE_DOWN, 0);
	ck_assert_uint_eq(st.modules.offset, 10);   /* a page less one line of context */
	dash_state_apply(&st, ACT_PAGE_DOWN, 0);
	dash_state_apply(&st, ACT_PAGE_DOWN, 0);
	ck_assert_uint_eq(st.modules.offset, 20);   /* total - page */
	dash_state_apply(&st, ACT_PAGE_UP, 0);
	ck_assert_uint_eq(st.modules.offset, 11);
	dash_state_apply(&st, ACT_HOME, 0);
	ck_assert_uint_eq(st.modules.offset, 0);
	dash_state_apply(&st, ACT_END, 0);
	ck_assert_uint_eq(st.modules.offset, 20);
	/* The window grew: the offset comes back into range. */
	dash_scroll_resize(&st.modules, 30, 25);
	ck_assert_uint_eq(st.modules.offset, 5);
	dash_scroll_resize(&st.modules, 3, 25);
	ck_assert_uint_eq(st.modules.offset, 0);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_DOWN, 0), DASH_FX_NONE);
}
END_TEST

/* b asks the app to save; B compares only once there is a baseline, and says why not. */
START_TEST(test_baseline_keys)
{
	unsigned fx;

	ck_assert(!st.have_baseline);
	ck_assert(!st.compare);
	fx = dash_state_apply(&st, ACT_COMPARE, 10.0);
	ck_assert(!st.compare);
	ck_assert_uint_eq(fx & DASH_FX_BASELINE_SAVE, 0);
	ck_assert_ptr_nonnull(strstr(dash_state_current_note(&st, 10.0), "no baseline"));

	fx = dash_state_apply(&st, ACT_BASELINE_SAVE, 11.0);
	ck_assert(fx & DASH_FX_BASELINE_SAVE);
	ck_assert(fx & DASH_FX_REDRAW);
	ck_assert(!st.compare);   /* saving does not switch compare mode on by itself */

	dash_state_baseline_ready(&st);
	fx = dash_state_apply(&st, ACT_COMPARE, 12.0);
	ck_assert(st.compare);
	ck_assert(fx & DASH_FX_REDRAW);
	ck_assert_ptr_nonnull(strstr(dash_state_current_note(&st, 12.0), "since the baseline"));
	/* Another save keeps comparing (now with the new baseline). */
	fx = dash_state_apply(&st, ACT_BASELINE_SAVE, 13.0);
	ck_assert(fx & DASH_FX_BASELINE_SAVE);
	ck_assert(st.compare);
	dash_state_apply(&st, ACT_COMPARE, 14.0);
	ck_assert(!st.compare);
	ck_assert_str_eq(dash_state_current_note(&st, 14.0), "compare off");
	/* Through the keymap: the two cases are two actions. */
	dash_state_apply(&st, keymap_lookup('B'), 15.0);
	ck_assert(st.compare);
	ck_assert(dash_state_apply(&st, keymap_lookup('b'), 16.0) & DASH_FX_BASELINE_SAVE);
	ck_assert(st.compare);
}
END_TEST

START_TEST(test_focus_and_nodes)
{
	dash_scroll_resize(&st.modules, 30, 10);
	dash_scroll_resize(&st.nodes, 4, 2);
	dash_state_apply(&st, ACT_FOCUS, 0);
	ck_assert_int_eq(st.focus, FOCUS_NODES);
	dash_state_apply(&st, ACT_DOWN, 0);
	ck_assert_uint_eq(st.nodes.offset, 1);
	ck_assert_uint_eq(st.modules.offset, 0);
	dash_state_apply(&st, ACT_END, 0);
	ck_assert_uint_eq(st.nodes.offset, 2);
	dash_state_apply(&st, ACT_FOCUS, 0);
	ck_assert_int_eq(st.focus, FOCUS_MODULES);
	/* Left/right move through the nodes whatever has the focus. */
	dash_state_apply(&st, ACT_LEFT, 0);
	ck_assert_uint_eq(st.nodes.offset, 1);
	dash_state_apply(&st, ACT_RIGHT, 0);
	ck_assert_uint_eq(st.nodes.offset, 2);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_RIGHT, 0), DASH_FX_NONE);
}
END_TEST

START_TEST(test_overlay_scroll_is_separate)
{
	dash_scroll_resize(&st.modules, 30, 10);
	dash_state_apply(&st, ACT_ALERT_LOG, 0);
	dash_scroll_resize(&st.log, 100, 20);
	dash_state_apply(&st, ACT_PAGE_DOWN, 0);
	ck_assert_uint_eq(st.log.offset, 19);
	ck_assert_uint_eq(st.modules.offset, 0);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_FOCUS, 0), DASH_FX_NONE);
	/* Reopening starts at the newest entry again. */
	dash_state_apply(&st, ACT_CLOSE, 0);
	dash_state_apply(&st, ACT_ALERT_LOG, 0);
	ck_assert_uint_eq(st.log.offset, 0);

	/* The errors overlay scrolls its own view, and neither of the others. */
	dash_state_apply(&st, ACT_ERRORS, 0);
	dash_scroll_resize(&st.errors, 50, 10);
	dash_state_apply(&st, ACT_DOWN, 0);
	dash_state_apply(&st, ACT_PAGE_DOWN, 0);
	ck_assert_uint_eq(st.errors.offset, 10);
	dash_state_apply(&st, ACT_END, 0);
	ck_assert_uint_eq(st.errors.offset, 40);
	ck_assert_uint_eq(st.log.offset, 0);
	ck_assert_uint_eq(st.modules.offset, 0);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_LEFT, 0), DASH_FX_NONE);
	dash_state_apply(&st, ACT_HOME, 0);
	ck_assert_uint_eq(st.errors.offset, 0);
	dash_state_apply(&st, ACT_END, 0);
	dash_state_apply(&st, ACT_CLOSE, 0);
	dash_state_apply(&st, ACT_ERRORS, 0);
	ck_assert_uint_eq(st.errors.offset, 0);
}
END_TEST

START_TEST(test_flash_toggles_at_period)
{
	ck_assert_uint_eq(dash_state_set_alarm(&st, true, 100.0), DASH_FX_REDRAW);
	ck_assert(dash_state_emphasis(&st));
	ck_assert_double_eq(dash_state_next_deadline(&st, 100.0), 100.0 + DASH_FLASH_PERIOD);
	ck_assert_uint_eq(dash_state_tick(&st, 100.2), DASH_FX_NONE);
	ck_assert(dash_state_emphasis(&st));
	ck_assert_uint_eq(dash_state_tick(&st, 100.5), DASH_FX_REDRAW);
	ck_assert(!dash_state_emphasis(&st));
	ck_assert_uint_eq(dash_state_tick(&st, 101.0), DASH_FX_REDRAW);
	ck_assert(dash_state_emphasis(&st));
	/* Setting the same alarm again neither restarts nor redraws. */
	ck_assert_uint_eq(dash_state_set_alarm(&st, true, 101.1), DASH_FX_NONE);
	/* Never faster than the period, even after a long sleep (SIGSTOP, suspend). */
	ck_assert_uint_eq(dash_state_tick(&st, 200.0), DASH_FX_REDRAW);
	ck_assert_uint_eq(dash_state_tick(&st, 200.0), DASH_FX_NONE);
	ck_assert_double_eq(dash_state_next_deadline(&st, 200.0), 200.0 + DASH_FLASH_PERIOD);
}
END_TEST

START_TEST(test_ack_stops_flashing)
{
	unsigned fx;

	dash_state_set_alarm(&st, true, 0);
	fx = dash_state_apply(&st, ACT_ACK, 0.1);
	ck_assert_uint_eq(fx & DASH_FX_ACK, DASH_FX_ACK);
	ck_assert(!dash_state_emphasis(&st));
	ck_assert_uint_eq(dash_state_tick(&st, 0.6), DASH_FX_NONE);
	ck_assert_uint_eq(dash_state_tick(&st, 5.0), DASH_FX_NONE);
	ck_assert(!dash_state_emphasis(&st));
	/* The engine then reports nothing unacked; a new critical alert flashes again. */
	dash_state_set_alarm(&st, false, 6);
	ck_assert_uint_eq(dash_state_set_alarm(&st, true, 7), DASH_FX_REDRAW);
	ck_assert(dash_state_emphasis(&st));
	/* The alarm going away on its own stops the flashing too. */
	dash_state_set_alarm(&st, false, 8);
	ck_assert(!dash_state_emphasis(&st));
	ck_assert(isinf(dash_state_next_deadline(&st, 8)));
}
END_TEST

START_TEST(test_no_flash_is_steady)
{
	dash_state_init(&st, 1, true, 3, 0);
	dash_state_set_alarm(&st, true, 0);
	ck_assert(st.alarm);
	ck_assert(isinf(dash_state_next_deadline(&st, 0)));
	for (double t = 0; t < 5; t += 0.25) {
		ck_assert_uint_eq(dash_state_tick(&st, t), DASH_FX_NONE);
		ck_assert(!dash_state_emphasis(&st));
	}
	ck_assert_uint_eq(dash_state_apply(&st, ACT_ACK, 5) & DASH_FX_ACK, DASH_FX_ACK);
	ck_assert(!st.alarm);
}
END_TEST

START_TEST(test_unreachable_since)
{
	dash_state_note_target(&st, true, 1000);
	ck_assert(!st.unreachable);
	dash_state_note_target(&st, false, 1001);
	dash_state_note_target(&st, false, 1002);
	ck_assert(st.unreachable);
	ck_assert_double_eq(st.unreachable_since, 1001);   /* the first, not the latest */
	dash_state_note_target(&st, true, 1003);
	ck_assert(!st.unreachable);
	dash_state_note_target(&st, false, 1010);
	ck_assert_double_eq(st.unreachable_since, 1010);
}
END_TEST

START_TEST(test_note_expires)
{
	dash_state_note(&st, 10, "hello");
	ck_assert_str_eq(dash_state_current_note(&st, 10), "hello");
	ck_assert_double_eq(dash_state_next_deadline(&st, 10), 10 + DASH_NOTE_SECONDS);
	ck_assert_ptr_null(dash_state_current_note(&st, 10 + DASH_NOTE_SECONDS));
	ck_assert(isinf(dash_state_next_deadline(&st, 10 + DASH_NOTE_SECONDS)));
}
END_TEST

/* recording and replay: the app carries these out, on the main screen only. */
START_TEST(test_replay_and_flight_keys)
{
	static const enum dash_action replay[] = { ACT_REPLAY_BACK, ACT_REPLAY_FWD,
		ACT_REPLAY_SLOWER, ACT_REPLAY_FASTER, ACT_REPLAY_NEXT_ALERT, ACT_REPLAY_SEEK };

	for (size_t i = 0; i < sizeof(replay) / sizeof(replay[0]); i++)
		ck_assert_uint_eq(dash_state_apply(&st, replay[i], 1.0),
				  DASH_FX_REPLAY | DASH_FX_REDRAW);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_FLIGHT_WRITE, 1.0),
			  DASH_FX_FLIGHT | DASH_FX_REDRAW);
	dash_state_apply(&st, ACT_HELP, 1.0);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_REPLAY_BACK, 1.0), DASH_FX_NONE);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_FLIGHT_WRITE, 1.0), DASH_FX_NONE);
	ck_assert(!st.paused);
}
END_TEST

/* [ and ] ask the plan for moves; ] or } at live says so; overlays take no history key. */
START_TEST(test_history_keys)
{
	ck_assert(st.hist.live);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_HIST_BACK, 1.0), DASH_FX_REDRAW);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_HIST_BACK, 1.0), DASH_FX_REDRAW);
	ck_assert_int_eq(st.hist_moves, -2);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_HIST_FWD, 1.0), DASH_FX_REDRAW);
	ck_assert_int_eq(st.hist_moves, -1);
	/* as the plan would: scrolled back one half page */
	st.hist = (struct hist_pos){ .live = false, .res = HIST_RES_MINUTE, .end = 42 };
	st.hist_moves = 0;
	ck_assert_uint_eq(dash_state_apply(&st, ACT_HIST_FWD, 1.0), DASH_FX_REDRAW);
	ck_assert_int_eq(st.hist_moves, 1);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_HIST_LIVE, 2.0), DASH_FX_REDRAW);
	ck_assert(st.hist.live);
	ck_assert_int_eq(st.hist_moves, 0);
	ck_assert_str_eq(dash_state_current_note(&st, 2.0), "graphs: live again");
	ck_assert_uint_eq(dash_state_apply(&st, ACT_HIST_FWD, 3.0), DASH_FX_REDRAW);
	ck_assert_str_eq(dash_state_current_note(&st, 3.0), "graphs: live");
	ck_assert_int_eq(st.hist_moves, 0);
	dash_state_apply(&st, ACT_HELP, 4.0);
	ck_assert_uint_eq(dash_state_apply(&st, ACT_HIST_BACK, 4.0), DASH_FX_NONE);
	ck_assert_int_eq(st.hist_moves, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dashboard_state");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_replay_and_flight_keys);
	tcase_add_test(tc, test_init);
	tcase_add_test(tc, test_quit);
	tcase_add_test(tc, test_q_closes_overlay_first);
	tcase_add_test(tc, test_overlays);
	tcase_add_test(tc, test_mempools_and_consumers);
	tcase_add_test(tc, test_pause_toggles_and_reschedules);
	tcase_add_test(tc, test_interval_ladder);
	tcase_add_test(tc, test_interval_keys);
	tcase_add_test(tc, test_sort_cycle);
	tcase_add_test(tc, test_theme_cycle);
	tcase_add_test(tc, test_reconnect_and_redraw);
	tcase_add_test(tc, test_scroll_clamps);
	tcase_add_test(tc, test_focus_and_nodes);
	tcase_add_test(tc, test_baseline_keys);
	tcase_add_test(tc, test_overlay_scroll_is_separate);
	tcase_add_test(tc, test_flash_toggles_at_period);
	tcase_add_test(tc, test_ack_stops_flashing);
	tcase_add_test(tc, test_no_flash_is_steady);
	tcase_add_test(tc, test_unreachable_since);
	tcase_add_test(tc, test_note_expires);
	tcase_add_test(tc, test_history_keys);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
