/*
 * ui_term: take the terminal for the dashboard and give it back intact.
 *
 * ui_term_open() refuses when standard output (or input) is not a terminal,
 * when TERM is unset or unknown, or names a terminal without cursor
 * addressing (terminfo cup: dumb), before a byte is written;
 * sets the locale, chooses UTF-8 glyphs only when nl_langinfo(CODESET) says
 * UTF-8 and --ascii is off, chooses monochrome for --no-color or a non-empty
 * NO_COLOR, and starts curses: cbreak, no echo, keypad, no cursor, non-blocking
 * reads, ESCDELAY 25 ms.  Every asynchronous signal whose default action ends
 * the process (INT, TERM, HUP, QUIT, USR1, USR2, ALRM, VTALRM, PROF, IO, PWR),
 * SIGWINCH, SIGCONT and SIGTSTP are blocked and delivered through a signalfd the caller
 * polls, so a signal becomes an ordinary event of the loop (no handler, no
 * global state) and the loop can restore the terminal before it returns; the
 * caller then ends as the signal asked (signal_exit.h re-raises SIGQUIT for
 * its core dump).  SIGTSTP (Ctrl-Z) is acted on inside ui_term_read_signals:
 * the terminal given back, the process stopped, and on its return a
 * repaint.  ui_term_close() ends curses and restores the signal mask and
 * SIGTSTP's disposition, whatever state it finds.
 */
#ifndef UI_TERM_H
#define UI_TERM_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include <curses.h>

#include "glyphs.h"
#include "mt_error.h"
#include "term_out.h"

/* Refusal messages, as main prints them after "spdk-memtop: ". */
#define UI_TERM_NOT_A_TTY "standard output is not a terminal; use --once or --batch for scripts"
#define UI_TERM_STDIN_NOT_A_TTY \
	"standard input is not a terminal; use --once or --batch for scripts"
/* Ends the refusal of a TERM that is unset, unknown or cannot address the cursor. */
#define UI_TERM_HINT "use --once or -b, or set TERM to a terminal with cursor addressing"

struct ui_term_options {
	bool ascii;               /* --ascii */
	bool no_color;            /* --no-color */
	const char *no_color_env; /* getenv("NO_COLOR"), may be NULL */
	bool doupdate;            /* every frame by ncurses' doupdate, not term_out */
};

struct ui_term {
	SCREEN *screen;
	enum glyph_set glyphs;
	bool mono;                /* draw with attributes only */
	bool has_colors;
	int ncolors;
	int sigfd;                /* readable when a signal is pending; -1 when closed */
	sigset_t oldmask;         /* restored on close */
	struct sigaction oldtstp; /* SIGTSTP's disposition, restored on close */
	struct term_out *out;     /* draws the frames (term_out.h); NULL: doupdate */
	bool open;
};

/*
 * newterm as the dashboard calls it, for the benchmarks too: SIGTSTP given a
 * placeholder handler first (its old disposition in *oldtstp), so ncurses
 * does not swap it around every doupdate, and no typeahead polls.  NULL
 * when newterm fails.
 */
SCREEN *ui_term_newterm(const char *type, FILE *out, FILE *in, struct sigaction *oldtstp);

/*
 * Right after newterm and set_term, before the modes are set: ncurses out of its
 * initial state, in which it flushes its output at every cursor move of a
 * doupdate (one write(2) per changed run; a frame in exhaustion made six).
 * An endwin() and a doupdate() leave it running, as after a Ctrl-Z, and a
 * frame is then one write.  Costs the terminal modes set twice and the
 * alternate screen left and entered again, once.
 */
void ui_term_settle(void);

/* What a batch of signals asks of the loop. */
enum ui_term_event {
	UI_TERM_EV_NONE = 0,
	UI_TERM_EV_QUIT = 1 << 0,     /* a signal that ends the process: restore and return */
	UI_TERM_EV_RESIZE = 1 << 1,   /* SIGWINCH: the size is already applied */
	UI_TERM_EV_REPAINT = 1 << 2,  /* SIGCONT, Ctrl-Z's return: the screen may hold anything */
};

/* --no-color wins; else NO_COLOR set and non-empty means monochrome (no-color.org). */
bool ui_term_want_mono(bool no_color_flag, const char *no_color_env);

/* Returns 0, or -1 with err (code -ENOTTY for the refusals) and the terminal untouched. */
int ui_term_open(struct ui_term *t, const struct ui_term_options *o, struct mt_err *err);

/*
 * Reads every pending signal; returns enum ui_term_event bits and, for QUIT,
 * the signal in *signo.  Applies a new window size (resizeterm) itself.
 */
unsigned ui_term_read_signals(struct ui_term *t, int *signo);

/* Puts what was drawn in stdscr on the terminal (term_out.h). */
void ui_term_present(struct ui_term *t);

/* Makes the next refresh rewrite every cell (after SIGCONT, Ctrl-L). */
void ui_term_repaint(struct ui_term *t);

/* After getch() gave KEY_MOUSE: the event's buttons (keymap_mouse), 0 when none. */
unsigned long ui_term_mouse(void);

void ui_term_close(struct ui_term *t);

#endif
