/*
 * seek_prompt: the replay's `/` prompt as a line editor - printable keys
 * append up to its room, the three Backspace codes delete, other keys are
 * swallowed, Enter confirms with the text kept, Esc cancels, a closed
 * prompt takes nothing - and dashboard_state's side of it: the prompt's
 * line is the footer's note while open, Enter asks the app to seek
 * (DASH_FX_SEEK), Esc says it was cancelled.
 */
#include <check.h>
#include <curses.h>
#include <math.h>
#include <string.h>

#include "check_main.h"
#include "dashboard_state.h"
#include "seek_prompt.h"

static void type(struct seek_prompt *p, const char *text)
{
	for (; *text; text++)
		ck_assert_uint_eq(seek_prompt_key(p, *text), SEEK_FX_REDRAW);
}

START_TEST(test_typing_and_deleting)
{
	struct seek_prompt p;
	char line[128];

	seek_prompt_open(&p, "t+SECONDS");
	ck_assert(p.open);
	seek_prompt_line(&p, line, sizeof(line));
	ck_assert_str_eq(line, "seek to (t+SECONDS; Enter, Esc): _");
	type(&p, "t+6.5");
	ck_assert_str_eq(p.text, "t+6.5");
	seek_prompt_line(&p, line, sizeof(line));
	ck_assert_str_eq(line, "seek to (t+SECONDS; Enter, Esc): t+6.5_");
	/* Backspace as curses, DEL and Ctrl-H send it. */
	ck_assert_uint_eq(seek_prompt_key(&p, KEY_BACKSPACE), SEEK_FX_REDRAW);
	ck_assert_uint_eq(seek_prompt_key(&p, 127), SEEK_FX_REDRAW);
	ck_assert_uint_eq(seek_prompt_key(&p, 8), SEEK_FX_REDRAW);
	ck_assert_str_eq(p.text, "t+");
	ck_assert_uint_eq(seek_prompt_key(&p, 127), SEEK_FX_REDRAW);
	ck_assert_uint_eq(seek_prompt_key(&p, 127), SEEK_FX_REDRAW);
	ck_assert_uint_eq(seek_prompt_key(&p, 127), SEEK_FX_NONE);   /* nothing left */
	ck_assert_str_eq(p.text, "");
	/* Not text: swallowed, the prompt stays open and unchanged. */
	type(&p, "12");
	ck_assert_uint_eq(seek_prompt_key(&p, KEY_UP), SEEK_FX_NONE);
	ck_assert_uint_eq(seek_prompt_key(&p, 1), SEEK_FX_NONE);
	ck_assert_uint_eq(seek_prompt_key(&p, 0xe9), SEEK_FX_NONE);
	ck_assert_uint_eq(seek_prompt_key(&p, '\t'), SEEK_FX_NONE);
	ck_assert(p.open);
	ck_assert_str_eq(p.text, "12");
}
END_TEST

START_TEST(test_full_prompt_keeps_its_text)
{
	struct seek_prompt p;

	seek_prompt_open(&p, "HH:MM:SS or YYYY-MM-DD HH:MM:SS");
	for (size_t i = 0; i + 1 < SEEK_PROMPT_LEN; i++)
		ck_assert_uint_eq(seek_prompt_key(&p, '0' + (int)(i % 10)), SEEK_FX_REDRAW);
	ck_assert_uint_eq(seek_prompt_key(&p, '9'), SEEK_FX_NONE);
	ck_assert_uint_eq(strlen(p.text), SEEK_PROMPT_LEN - 1);
	ck_assert_uint_eq(p.len, SEEK_PROMPT_LEN - 1);
}
END_TEST

START_TEST(test_enter_and_esc)
{
	static const int enters[] = { '\n', '\r', KEY_ENTER };
	struct seek_prompt p;

	for (size_t i = 0; i < sizeof(enters) / sizeof(enters[0]); i++) {
		seek_prompt_open(&p, "t+SECONDS");
		type(&p, "+3");
		ck_assert_uint_eq(seek_prompt_key(&p, enters[i]), SEEK_FX_CONFIRM | SEEK_FX_REDRAW);
		ck_assert(!p.open);
		ck_assert_str_eq(p.text, "+3");
		ck_assert_uint_eq(seek_prompt_key(&p, 'x'), SEEK_FX_NONE);   /* closed */
		ck_assert_str_eq(p.text, "+3");
	}
	seek_prompt_open(&p, "t+SECONDS");
	ck_assert_str_eq(p.text, "");   /* opening again starts empty */
	type(&p, "+3");
	ck_assert_uint_eq(seek_prompt_key(&p, 27), SEEK_FX_CANCEL | SEEK_FX_REDRAW);
	ck_assert(!p.open);
	ck_assert_uint_eq(seek_prompt_key(&p, '\n'), SEEK_FX_NONE);
}
END_TEST

/* In the dashboard's state: the footer holds the prompt until it closes. */
START_TEST(test_dash_state_side)
{
	struct dash_state st;

	dash_state_init(&st, 1.0, false, 1, 0);
	dash_state_seek_open(&st, "t+SECONDS");
	ck_assert(st.seek.open);
	ck_assert_str_eq(dash_state_current_note(&st, 1e6), "seek to (t+SECONDS; Enter, Esc): _");
	ck_assert_uint_eq(dash_state_seek_key(&st, '+', 11.0), DASH_FX_REDRAW);
	ck_assert_uint_eq(dash_state_seek_key(&st, '6', 11.0), DASH_FX_REDRAW);
	ck_assert_str_eq(dash_state_current_note(&st, 1e6), "seek to (t+SECONDS; Enter, Esc): +6_");
	/* a note meanwhile (playback, a refused key) does not hide the open prompt */
	dash_state_note(&st, 11.5, "r: not in a replay");
	ck_assert_str_eq(dash_state_current_note(&st, 11.5 + 2 * DASH_NOTE_SECONDS),
			 "seek to (t+SECONDS; Enter, Esc): +6_");
	ck_assert_uint_eq(dash_state_seek_key(&st, KEY_LEFT, 12.0), DASH_FX_NONE);
	ck_assert_uint_eq(dash_state_seek_key(&st, '\n', 13.0), DASH_FX_SEEK | DASH_FX_REDRAW);
	ck_assert(!st.seek.open);
	ck_assert_str_eq(st.seek.text, "+6");
	ck_assert_ptr_null(dash_state_current_note(&st, 13.0));   /* the seek says how it went */

	dash_state_seek_open(&st, "t+SECONDS");
	ck_assert_uint_eq(dash_state_seek_key(&st, '1', 20.0), DASH_FX_REDRAW);
	ck_assert_uint_eq(dash_state_seek_key(&st, 27, 21.0), DASH_FX_REDRAW);
	ck_assert(!st.seek.open);
	ck_assert_str_eq(dash_state_current_note(&st, 21.0), "seek cancelled");
	ck_assert_ptr_null(dash_state_current_note(&st, 21.0 + DASH_NOTE_SECONDS));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("seek_prompt");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_typing_and_deleting);
	tcase_add_test(tc, test_full_prompt_keeps_its_text);
	tcase_add_test(tc, test_enter_and_esc);
	tcase_add_test(tc, test_dash_state_side);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
