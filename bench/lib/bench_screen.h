/*
 * bench_screen: a real ncurses screen of a chosen size whose output is counted.
 *
 * newterm("xterm-256color") writes into an unlinked temporary file instead
 * of a terminal, sized with resizeterm, UTF-8 glyphs and the default theme's
 * colours, as the dashboard starts them.  bench_screen_frame() paints one
 * frame the dashboard's way (screen_paint with the caller's change bits,
 * then term_out, or doupdate under MEMTOP_DOUPDATE, as ui_term_present);
 * bench_screen_sent() then says the bytes it wrote: what a terminal would
 * have been sent.  Counting them (an fstat) is the bench's, not the
 * dashboard's, and is left out of a timed frame.
 */
#ifndef BENCH_SCREEN_H
#define BENCH_SCREEN_H

#include <signal.h>
#include <stdio.h>

#include <curses.h>

#include "glyphs.h"
#include "screens.h"
#include "ui_palette.h"

struct bench_screen {
	FILE *out, *in;
	SCREEN *scr;
	int cols, rows;
	struct ui_palette pal;
	struct glyphs gl;
	struct widget_env env;
	struct screen_painter painter;
	long written;              /* bytes so far */
	struct sigaction oldtstp;  /* restored on close (ui_term_newterm) */
	struct term_out *out_writer;   /* the frames as the dashboard sends them; NULL: doupdate */
};

/* 0, or -1 with a message on stderr. */
int bench_screen_open(struct bench_screen *s, int cols, int rows);
void bench_screen_close(struct bench_screen *s);

/* One frame. */
void bench_screen_frame(struct bench_screen *s, const struct screen_data *d,
			struct dash_state *st, unsigned changes);
/* The bytes sent since the last call (the first: since the screen was opened). */
long bench_screen_sent(struct bench_screen *s);

/* Whether some row of the screen holds text. */
bool bench_screen_has(const struct bench_screen *s, const char *text);

#endif
