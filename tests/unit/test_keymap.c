/* keymap: every key the help promises does what it says, and nothing is undocumented. */
#include <check.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "keymap.h"

/* The mouse: the wheel scrolls the history as [ and ] do; clicks do nothing. */
START_TEST(test_mouse_wheel)
{
	ck_assert_int_eq(keymap_lookup('['), ACT_HIST_BACK);
	ck_assert_int_eq(keymap_lookup(']'), ACT_HIST_FWD);
	ck_assert_int_eq(keymap_lookup('}'), ACT_HIST_LIVE);
	ck_assert_int_eq(keymap_mouse(BUTTON4_PRESSED), ACT_HIST_BACK);
#ifdef BUTTON5_PRESSED
	ck_assert_int_eq(keymap_mouse(BUTTON5_PRESSED), ACT_HIST_FWD);
	ck_assert(keymap_mouse_mask() & BUTTON5_PRESSED);
#endif
	ck_assert(keymap_mouse_mask() & BUTTON4_PRESSED);
	ck_assert_int_eq(keymap_mouse(BUTTON1_PRESSED), ACT_NONE);
	ck_assert_int_eq(keymap_mouse(BUTTON1_CLICKED), ACT_NONE);
	ck_assert_int_eq(keymap_mouse(0), ACT_NONE);
}
END_TEST

START_TEST(test_documented_keys)
{
	ck_assert_int_eq(keymap_lookup('q'), ACT_QUIT);
	ck_assert_int_eq(keymap_lookup('?'), ACT_HELP);
	ck_assert_int_eq(keymap_lookup('h'), ACT_HELP);
	ck_assert_int_eq(keymap_lookup(KEY_F(1)), ACT_HELP);
	ck_assert_int_eq(keymap_lookup(' '), ACT_PAUSE);
	ck_assert_int_eq(keymap_lookup('p'), ACT_PAUSE);
	ck_assert_int_eq(keymap_lookup('+'), ACT_INTERVAL_UP);
	ck_assert_int_eq(keymap_lookup('-'), ACT_INTERVAL_DOWN);
	ck_assert_int_eq(keymap_lookup('a'), ACT_ACK);
	ck_assert_int_eq(keymap_lookup('s'), ACT_SORT);
	ck_assert_int_eq(keymap_lookup('t'), ACT_THEME);
	ck_assert_int_eq(keymap_lookup('r'), ACT_RECONNECT);
	ck_assert_int_eq(keymap_lookup('l'), ACT_ALERT_LOG);
	ck_assert_int_eq(keymap_lookup('e'), ACT_ERRORS);
	ck_assert_int_eq(keymap_lookup(27), ACT_CLOSE);
	ck_assert_int_eq(keymap_lookup(KEY_UP), ACT_UP);
	ck_assert_int_eq(keymap_lookup(KEY_DOWN), ACT_DOWN);
	ck_assert_int_eq(keymap_lookup(KEY_LEFT), ACT_LEFT);
	ck_assert_int_eq(keymap_lookup(KEY_RIGHT), ACT_RIGHT);
	ck_assert_int_eq(keymap_lookup(KEY_PPAGE), ACT_PAGE_UP);
	ck_assert_int_eq(keymap_lookup(KEY_NPAGE), ACT_PAGE_DOWN);
	ck_assert_int_eq(keymap_lookup(KEY_HOME), ACT_HOME);
	ck_assert_int_eq(keymap_lookup(KEY_END), ACT_END);
	ck_assert_int_eq(keymap_lookup('\t'), ACT_FOCUS);
	ck_assert_int_eq(keymap_lookup(12), ACT_REDRAW);
}
END_TEST

START_TEST(test_letters_either_case)
{
	/* not b, m, h: their capitals are other keys (test_baseline_keys..., test_mem_stats_key) */
	const char *letters = "qpastrlevc";

	for (const char *c = letters; *c; c++)
		ck_assert_int_eq(keymap_lookup(*c - 'a' + 'A'), keymap_lookup(*c));
}
END_TEST

/* The one deliberate exception to both cases: b saves a baseline, B compares with it. */
START_TEST(test_baseline_keys_differ_by_case)
{
	ck_assert_int_eq(keymap_lookup('b'), ACT_BASELINE_SAVE);
	ck_assert_int_eq(keymap_lookup('B'), ACT_COMPARE);
	ck_assert_int_ne(keymap_lookup('b'), keymap_lookup('B'));
}
END_TEST

/* m reads SPDK's heap now, M shows the mempools; h is help, H the hugepage consumers. */
START_TEST(test_mem_stats_key)
{
	ck_assert_int_eq(keymap_lookup('m'), ACT_MEM_STATS);
	ck_assert_int_eq(keymap_lookup('M'), ACT_MEMPOOLS);
	ck_assert_int_eq(keymap_lookup('H'), ACT_CONSUMERS);
	ck_assert_str_eq(dash_action_name(ACT_MEM_STATS), "mem-stats");
	ck_assert_str_eq(dash_action_name(ACT_MEMPOOLS), "mempools");
	ck_assert_str_eq(dash_action_name(ACT_CONSUMERS), "consumers");
}
END_TEST

START_TEST(test_unbound_keys)
{
	ck_assert_int_eq(keymap_lookup('x'), ACT_NONE);
	ck_assert_int_eq(keymap_lookup('0'), ACT_NONE);
	ck_assert_int_eq(keymap_lookup(KEY_RESIZE), ACT_NONE);
	ck_assert_int_eq(keymap_lookup(ERR), ACT_NONE);
	ck_assert_int_eq(keymap_lookup(0), ACT_NONE);
}
END_TEST

/* Each action has exactly one help line, so the help overlay lists every key. */
START_TEST(test_help_covers_every_action)
{
	size_t n, seen[ACT_COUNT] = { 0 };
	const struct keymap_help_line *h = keymap_help(&n);

	ck_assert_uint_ge(n, ACT_COUNT - 1);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_gt(h[i].action, ACT_NONE);
		ck_assert_int_lt(h[i].action, ACT_COUNT);
		ck_assert_ptr_nonnull(h[i].keys);
		ck_assert_ptr_nonnull(h[i].what);
		ck_assert_uint_gt(strlen(h[i].what), 3);
		seen[h[i].action]++;
	}
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		ck_assert_msg(seen[a] == 1, "action %s has %zu help lines",
			      dash_action_name((enum dash_action)a), seen[a]);
}
END_TEST

/* Every printable key named in the help really is bound to that line's action. */
START_TEST(test_help_keys_are_bound)
{
	size_t n;
	const struct keymap_help_line *h = keymap_help(&n);

	for (size_t i = 0; i < n; i++) {
		char keys[64];
		char *save = NULL;

		strncpy(keys, h[i].keys, sizeof(keys) - 1);
		keys[sizeof(keys) - 1] = '\0';
		for (char *tok = strtok_r(keys, " ", &save); tok;
		     tok = strtok_r(NULL, " ", &save)) {
			int code;

			if (strlen(tok) == 1)
				code = (unsigned char)tok[0];
			else if (strcmp(tok, "space") == 0)
				code = ' ';
			else if (strcmp(tok, "Esc") == 0)
				code = 27;
			else if (strcmp(tok, "Tab") == 0)
				code = '\t';
			else if (strcmp(tok, "Ctrl-L") == 0)
				code = 12;
			else if (strcmp(tok, "F1") == 0)
				code = KEY_F(1);
			else if (strcmp(tok, "Up") == 0)
				code = KEY_UP;
			else if (strcmp(tok, "Down") == 0)
				code = KEY_DOWN;
			else if (strcmp(tok, "Left") == 0)
				code = KEY_LEFT;
			else if (strcmp(tok, "Right") == 0)
				code = KEY_RIGHT;
			else if (strcmp(tok, "PgUp") == 0)
				code = KEY_PPAGE;
			else if (strcmp(tok, "PgDn") == 0)
				code = KEY_NPAGE;
			else if (strcmp(tok, "Home") == 0)
				code = KEY_HOME;
			else if (strcmp(tok, "End") == 0)
				code = KEY_END;
			else
				ck_abort_msg("help names a key the test does not know: '%s'", tok);
			ck_assert_msg(keymap_lookup(code) == h[i].action,
				      "key '%s' is not bound to %s", tok,
				      dash_action_name(h[i].action));
		}
	}
}
END_TEST

START_TEST(test_action_names)
{
	for (int a = 0; a < ACT_COUNT; a++)
		ck_assert_str_ne(dash_action_name((enum dash_action)a), "?");
	ck_assert_str_eq(dash_action_name(ACT_COUNT), "?");
	ck_assert_str_eq(dash_action_name(ACT_PAGE_DOWN), "page-down");
	ck_assert_str_eq(dash_action_name(ACT_ERRORS), "errors");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("keymap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_documented_keys);
	tcase_add_test(tc, test_mouse_wheel);
	tcase_add_test(tc, test_letters_either_case);
	tcase_add_test(tc, test_baseline_keys_differ_by_case);
	tcase_add_test(tc, test_mem_stats_key);
	tcase_add_test(tc, test_unbound_keys);
	tcase_add_test(tc, test_help_covers_every_action);
	tcase_add_test(tc, test_help_keys_are_bound);
	tcase_add_test(tc, test_action_names);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
