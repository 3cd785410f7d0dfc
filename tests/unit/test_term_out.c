/*
 * term_out: the bytes of a frame's changes (cursor addresses, moves right,
 * cells sent again, attributes, colours, line drawing as UTF-8), frames left
 * to ncurses (the first, clearok, a resize) and drawn whole after ours, a
 * cell it cannot send handing the screen back for good, a pair's new
 * colours sent again, and the terminals it refuses, each with its reason.
 * That the screen ends up as doupdate's is test_term_out.sh's, in tmux.
 */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curses.h>

#include "term_out.h"
#include "check_main.h"
#include "ui_term.h"

struct scr {
	FILE *out, *in;
	SCREEN *s;
	struct term_out *t;
	struct sigaction oldtstp;
	off_t seen;
	char bytes[65536];
};

static void open_scr(struct scr *x, const char *term, const char *locale)
{
	memset(x, 0, sizeof(*x));
	ck_assert_ptr_nonnull(setlocale(LC_ALL, locale));
	x->out = tmpfile();
	x->in = fopen("/dev/null", "r");
	ck_assert(x->out && x->in);
	x->s = ui_term_newterm(term, x->out, x->in, &x->oldtstp);
	ck_assert_ptr_nonnull(x->s);
	set_term(x->s);
	ui_term_settle();
	resizeterm(24, 80);
	leaveok(stdscr, TRUE);
	if (has_colors()) {
		start_color();
		use_default_colors();
	}
	x->t = term_out_new(fileno(x->out), true);
	ck_assert_ptr_nonnull(x->t);
}

static void close_scr(struct scr *x)
{
	term_out_free(x->t);
	endwin();
	delscreen(x->s);
	sigaction(SIGTSTP, &x->oldtstp, NULL);
	fclose(x->out);
	fclose(x->in);
	setlocale(LC_ALL, "C");
}

/* Presents stdscr; returns what this frame wrote, NUL-ended. */
static const char *frame(struct scr *x)
{
	struct stat sb;
	ssize_t n;

	term_out_present(x->t);
	ck_assert_int_eq(fstat(fileno(x->out), &sb), 0);
	ck_assert_int_lt(sb.st_size - x->seen, (off_t)sizeof(x->bytes));
	n = pread(fileno(x->out), x->bytes, (size_t)(sb.st_size - x->seen), x->seen);
	ck_assert_int_ge(n, 0);
	x->bytes[n] = '\0';
	x->seen = sb.st_size;
	return x->bytes;
}

static struct term_out_counts counts(const struct scr *x)
{
	struct term_out_counts c;

	term_out_counts(x->t, &c);
	return c;
}

/* An ncurses frame first, then the pen is normal with the colours not known. */
static void first_frame(struct scr *x)
{
	mvaddstr(0, 0, "hello");
	frame(x);
	ck_assert_uint_eq(counts(x).ncurses, 1);
	ck_assert_uint_eq(counts(x).ours, 0);
	ck_assert(counts(x).usable);
}

START_TEST(test_cells_and_moves)
{
	struct scr x;

	open_scr(&x, "xterm-256color", "C.UTF-8");
	first_frame(&x);
	mvaddch(1, 5, 'x');
	/* The colours are not known after ncurses: default ones set once. */
	ck_assert_str_eq(frame(&x), "\033[2;6H\033[39;49mx");
	ck_assert_uint_eq(counts(&x).ours, 1);
	mvaddch(2, 0, 'y');
	ck_assert_str_eq(frame(&x), "\033[3;1Hy");
	/* Two unchanged cells in between go again; more are jumped with ESC [ n C. */
	mvaddch(4, 0, 'a');
	mvaddch(4, 3, 'b');
	mvaddch(4, 20, 'c');
	ck_assert_str_eq(frame(&x), "\033[5;1Ha  b\033[16Cc");
	/* Past the last column the cursor is not known: the next cell is addressed. */
	mvaddch(5, 79, 'z');
	mvaddch(6, 0, 'w');
	ck_assert_str_eq(frame(&x), "\033[6;80Hz\033[7;1Hw");
	/* Touched but unchanged: nothing is written. */
	touchwin(stdscr);
	ck_assert_str_eq(frame(&x), "");
	ck_assert_uint_eq(counts(&x).ncurses, 1);
	close_scr(&x);
}
END_TEST

START_TEST(test_attributes_and_colors)
{
	struct scr x;

	open_scr(&x, "xterm-256color", "C.UTF-8");
	init_pair(1, COLOR_RED, -1);
	init_pair(2, 24, 221);
	first_frame(&x);
	mvaddch(3, 0, 'a' | A_BOLD | COLOR_PAIR(1));
	/* Back to normal at the end: xterm's sgr0 is SGR 0, which resets the colours too. */
	ck_assert_str_eq(frame(&x), "\033[4;1H\033[39;49m\033[31m\033[1ma\033(B\033[m");
	mvaddch(3, 1, 'b' | COLOR_PAIR(2));
	mvaddch(3, 2, 'c' | COLOR_PAIR(2) | A_REVERSE);
	mvaddch(3, 3, 'd' | COLOR_PAIR(2));
	/* The cursor stayed after the a: b needs no address. */
	ck_assert_str_eq(frame(&x), "\033[38;5;24m\033[48;5;221mb\033[7mc"
				    "\033(B\033[m\033[38;5;24m\033[48;5;221md"
				    "\033[39;49m");
	/* A pair given other colours: its cells go again, untouched as they are. */
	init_pair(1, COLOR_BLUE, -1);
	ck_assert_str_eq(frame(&x), "\033[4;1H\033[34m\033[1ma\033(B\033[m");
	close_scr(&x);
}
END_TEST

START_TEST(test_line_drawing_utf8)
{
	struct scr x;

	open_scr(&x, "xterm-256color", "C.UTF-8");
	first_frame(&x);
	mvaddch(1, 0, ACS_HLINE);
	mvaddch(1, 1, ACS_ULCORNER);
	ck_assert_str_eq(frame(&x), "\033[2;1H\033[39;49m\xe2\x94\x80\xe2\x94\x8c");
	mvaddstr(2, 0, "\xc2\xb7\xe2\x96\x88");   /* middle dot, full block */
	ck_assert_str_eq(frame(&x), "\033[3;1H\xc2\xb7\xe2\x96\x88");
	ck_assert(counts(&x).usable);
	close_scr(&x);
}
END_TEST

/* A wide character: back to ncurses for good, the frame drawn whole. */
START_TEST(test_hands_back)
{
	struct scr x;
	struct term_out_counts c;
	cchar_t wide;
	const wchar_t han[] = { 0x4e2d, 0 };

	open_scr(&x, "xterm-256color", "C.UTF-8");
	first_frame(&x);
	mvaddch(1, 0, 'x');
	frame(&x);
	setcchar(&wide, han, 0, 0, NULL);
	mvadd_wch(2, 0, &wide);
	ck_assert(strstr(frame(&x), "\xe4\xb8\xad") != NULL);   /* ncurses drew it */
	c = counts(&x);
	ck_assert(!c.usable);
	ck_assert_str_eq(c.why, "a cell term_out cannot send");
	ck_assert_uint_eq(c.ncurses, 2);
	ck_assert_uint_eq(c.whole, 1);
	mvaddch(3, 0, 'y');
	frame(&x);
	ck_assert_uint_eq(counts(&x).ncurses, 3);
	ck_assert_uint_eq(counts(&x).ours, 1);
	close_scr(&x);
}
END_TEST

/* Line drawing outside UTF-8, as --ascii never draws it: handed back too. */
START_TEST(test_line_drawing_ascii_hands_back)
{
	struct scr x;

	open_scr(&x, "xterm-256color", "C");
	first_frame(&x);
	mvaddstr(1, 0, "plain");
	ck_assert_str_eq(frame(&x), "\033[2;1H\033[39;49mplain");
	mvaddch(2, 0, ACS_HLINE);
	frame(&x);
	ck_assert(!counts(&x).usable);
	close_scr(&x);
}
END_TEST

/* clearok and a new size are ncurses' frames; after ours, drawn whole. */
START_TEST(test_repaint_and_resize)
{
	struct scr x;
	struct term_out_counts c;

	open_scr(&x, "xterm-256color", "C.UTF-8");
	first_frame(&x);
	mvaddch(1, 0, 'x');
	frame(&x);
	clearok(curscr, TRUE);
	ck_assert(strstr(frame(&x), "hello") != NULL);
	c = counts(&x);
	ck_assert_uint_eq(c.ncurses, 2);
	ck_assert_uint_eq(c.whole, 1);
	/* Nothing of ours since: the next repaint need not be whole on our account. */
	resizeterm(30, 100);
	mvaddch(29, 99, 'q');
	frame(&x);
	c = counts(&x);
	ck_assert_uint_eq(c.ncurses, 3);
	ck_assert_uint_eq(c.whole, 1);
	mvaddch(29, 0, 'r');
	ck_assert_str_eq(frame(&x), "\033[30;1H\033[39;49mr");
	ck_assert(counts(&x).usable);
	close_scr(&x);
}
END_TEST

static void expect_refused(const char *term, const char *why)
{
	struct scr x;
	struct term_out_counts c;

	open_scr(&x, term, "C.UTF-8");
	c = counts(&x);
	ck_assert_msg(!c.usable, "%s taken", term);
	ck_assert_msg(c.why && strstr(c.why, why), "%s: %s", term, c.why ? c.why : "(null)");
	mvaddstr(1, 0, "abc");
	frame(&x);
	frame(&x);
	ck_assert_uint_eq(counts(&x).ours, 0);
	close_scr(&x);
}

START_TEST(test_terminals)
{
	struct scr x;

	expect_refused("vt100", "delays");
	expect_refused("linux", "ncv");
	expect_refused("dumb", "cup");
	open_scr(&x, "tmux-256color", "C.UTF-8");
	first_frame(&x);
	mvaddch(1, 0, 'x' | A_BOLD);
	/* tmux's sgr0 also shifts in (SI). */
	ck_assert_str_eq(frame(&x), "\033[2;1H\033[39;49m\033[1mx\033[m\017");
	close_scr(&x);
}
END_TEST

START_TEST(test_turned_off)
{
	struct scr x;
	struct term_out *off;

	ck_assert(term_out_wanted(NULL));
	ck_assert(term_out_wanted(""));
	ck_assert(!term_out_wanted("1"));
	ck_assert(!term_out_wanted("0"));
	open_scr(&x, "xterm-256color", "C.UTF-8");
	off = term_out_new(fileno(x.out), false);
	term_out_free(x.t);
	x.t = off;
	ck_assert(!counts(&x).usable);
	ck_assert_str_eq(counts(&x).why, "turned off");
	mvaddstr(1, 0, "abc");
	frame(&x);
	frame(&x);
	ck_assert_uint_eq(counts(&x).ours, 0);
	ck_assert_uint_eq(counts(&x).ncurses, 2);
	close_scr(&x);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("term_out");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_cells_and_moves);
	tcase_add_test(tc, test_attributes_and_colors);
	tcase_add_test(tc, test_line_drawing_utf8);
	tcase_add_test(tc, test_hands_back);
	tcase_add_test(tc, test_line_drawing_ascii_hands_back);
	tcase_add_test(tc, test_repaint_and_resize);
	tcase_add_test(tc, test_terminals);
	tcase_add_test(tc, test_turned_off);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
