/*
 * term_out: a frame's changed cells to the terminal, in place of doupdate.
 *
 * Where ncurses' wnoutrefresh and doupdate would copy stdscr into newscr and
 * work out cursor moves and attribute changes for each change anew (most of
 * a frame's cost, issue 10), term_out_present(t) compares stdscr's touched
 * rows with its own copy of what the terminal shows and sends, per run of
 * changed cells, one cursor address (or a short move right), the attribute
 * and colour changes from strings taken from terminfo once (term_caps.h),
 * the characters, attributes back to normal at the end as doupdate leaves
 * them, and one write(2) to fd; then it leaves stdscr as a refresh does
 * (rows untouched, cursor not "moved", so getch does not refresh it).
 *
 * ncurses draws a frame itself when term_out cannot: the first, one after
 * endwin (Ctrl-Z), a resize or clearok (a repaint), and every frame on a
 * terminal whose terminfo term_out does not follow (term_caps_load), or when
 * it was turned off.  Such a frame after frames of term_out's is drawn whole
 * (clearok(curscr)): ncurses' picture of the terminal and of the cursor is
 * then stale.  A cell term_out cannot send (a wide or combining character, a
 * control character, an attribute it does not know) hands the screen back to
 * ncurses for good, after one whole frame.  Everything drawn goes through
 * stdscr; nothing else may write to the terminal between frames.
 */
#ifndef TERM_OUT_H
#define TERM_OUT_H

#include <stdbool.h>
#include <stddef.h>

struct term_out;

/*
 * Whether term_out should draw, from getenv("MEMTOP_DOUPDATE"): set and not
 * empty (as NO_COLOR) asks for ncurses' doupdate for every frame.
 */
bool term_out_wanted(const char *memtop_doupdate_env);

/*
 * After newterm/set_term.  fd: where the screen writes (fileno of its
 * output).  enabled false: every frame by doupdate.  NULL when out of memory.
 */
struct term_out *term_out_new(int fd, bool enabled);
void term_out_free(struct term_out *t);

/* Draws stdscr's changes on the terminal; t NULL (out of memory): by doupdate. */
void term_out_present(struct term_out *t);

/* What term_out did so far, for tests and benchmarks. */
struct term_out_counts {
	unsigned long ours;        /* frames term_out sent */
	unsigned long ncurses;     /* frames doupdate drew */
	unsigned long whole;       /* of those, drawn whole because term_out had drawn */
	bool usable;               /* the terminal suits term_out (and not turned off) */
	const char *why;           /* why not, or NULL */
};
void term_out_counts(const struct term_out *t, struct term_out_counts *out);

#endif
