/*
 * pty_screen: a real ncurses SCREEN of a chosen size on a pseudo-terminal.
 *
 * For widget tests: open a screen of cols x rows (newterm on the slave side
 * of posix_openpt, size set with TIOCSWINSZ), let code draw into its
 * stdscr, then read the cells back as UTF-8 text and attributes
 * (mvwin_wch).  pty_screen_flush() also refreshes and captures every byte
 * ncurses wrote to the terminal, for checks like "ASCII mode emits only
 * ASCII": a reader thread drains the master until a marker written after
 * the refresh comes back (or a deadline passes), so a big screen never
 * blocks on a full pty buffer and nothing waits on a sleep.
 * The locale is the caller's: setlocale(LC_ALL, "C.UTF-8") before
 * pty_screen_open for UTF-8 drawing.
 */
#ifndef PTY_SCREEN_H
#define PTY_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <curses.h>

struct pty_screen {
	int master, slave;
	FILE *out, *in;
	SCREEN *scr;
	WINDOW *win;          /* the screen's stdscr */
	int cols, rows;
	char *bytes;          /* captured by the last pty_screen_flush, NUL-terminated */
	size_t nbytes;
	char err[256];
};

/* 0 on success; -1 with ps->err set.  term NULL means "xterm-256color". */
int pty_screen_open(struct pty_screen *ps, int cols, int rows, const char *term);
void pty_screen_close(struct pty_screen *ps);

/* Text of cells x .. x+n-1 of row y (clipped to the screen), UTF-8, into buf. */
char *pty_screen_text(const struct pty_screen *ps, int y, int x, int n, char *buf, size_t len);
/* Whole row y, trailing blanks removed. */
char *pty_screen_row(const struct pty_screen *ps, int y, char *buf, size_t len);
/* Attributes of cell (y, x) without colour pair and character. */
attr_t pty_screen_attr(const struct pty_screen *ps, int y, int x);
/* First cell where s starts on row y (-1 if absent); y < 0 searches all rows, row into *row. */
int pty_screen_find(const struct pty_screen *ps, int y, const char *s, int *row);
/* Number of cells in row y, x .. x+n-1, whose text equals glyph. */
int pty_screen_count(const struct pty_screen *ps, int y, int x, int n, const char *glyph);

/* Refreshes the screen and captures what was written; 0, or -1 with err set. */
int pty_screen_flush(struct pty_screen *ps);

#endif
