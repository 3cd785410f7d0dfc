/*
 * term_caps: the bytes term_out sends, from the terminal's terminfo entry.
 * Private to the ui room.
 *
 * term_caps_load() reads the current terminal (after newterm) once and says
 * whether term_out can draw on it at all: it needs cursor addressing, sgr0,
 * no delays (padding) in the strings it sends, no magic-cookie or
 * no-colour-video attributes, motion in standout (msgr),
 * and with automatic margins the xterm newline glitch (xenl), so that writing
 * the bottom-right cell does not scroll; colours through setaf/setab/op and
 * at most 256 of them.  Anything else keeps ncurses' own doupdate.
 *
 * A pen is what the terminal's attributes are: term_caps_pen() sends what
 * changes them to a cell's, term_caps_normal() back to normal (no attributes,
 * default colours), as doupdate leaves every frame.  After sgr0 the colours
 * are taken as unknown (terminals differ in whether it resets them), unless
 * it is ECMA-48's SGR 0, which resets them.
 * term_caps_glyph() encodes a cell's character, or says it cannot (a control
 * character, a wide or combining one, an attribute it does not send, a
 * line-drawing character outside UTF-8).
 */
#ifndef TERM_CAPS_H
#define TERM_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <curses.h>

#include "stream_buf.h"

/* A frame's bytes; a failed growth is kept in `failed`. */
struct term_buf {
	struct stream_buf bytes;
	bool failed;
};

void term_buf_put(struct term_buf *b, const char *s, size_t n);

/* One character's bytes (at most 4): most frames' commonest append, kept short. */
static inline void term_buf_glyph(struct term_buf *b, const char *g, size_t n)
{
	struct stream_buf *sb = &b->bytes;

	if (sb->cap - sb->len < 4) {
		term_buf_put(b, g, n);
		return;
	}
	memcpy(sb->data + sb->len, g, 4);   /* the room is there: n of the 4 count */
	sb->len += n;
}

/* The attributes term_out sends; any other (A_PROTECT...) makes a cell unsendable. */
#define TERM_MODE_BITS (A_BOLD | A_DIM | A_UNDERLINE | A_REVERSE | A_BLINK | A_STANDOUT | A_INVIS)

#define TERM_MODES 7
#define TERM_CACHED_COLORS 256

struct term_color_text {
	unsigned char len;   /* 0: not made yet */
	char s[23];
};

struct term_caps {
	bool usable;
	const char *why;      /* why not usable, for the record */
	bool utf8;            /* the locale's codeset is UTF-8 */
	bool colors;          /* setaf, setab and op present */
	const char *cup, *cuf, *sgr0, *op, *setaf, *setab;
	const char *mode[TERM_MODES];
	bool cup_ansi;        /* cup is ESC [ row+1 ; col+1 H: formatted here */
	bool cuf_ansi;        /* cuf is ESC [ n C */
	bool sgr0_colors;     /* sgr0 holds ESC [ m (or ESC [ 0 m): the colours are reset too */
	struct term_color_text fg[TERM_CACHED_COLORS], bg[TERM_CACHED_COLORS];
};

struct term_pen {
	attr_t attrs;     /* TERM_MODE_BITS on */
	int pair;         /* -1: none set since normal */
	int fg, bg;       /* -1: default */
	bool colors_known;
};

void term_caps_load(struct term_caps *c);

/* A pair's colours now, -1 for the terminal's default (also when colour is off). */
void term_pair_colors(int pair, int *fg, int *bg);

/* The pen after ncurses drew: no attributes, colours not known. */
void term_pen_reset(struct term_pen *p);
/* colors: the screen has started colour (COLOR_PAIRS > 0). */
static inline bool term_pen_is(const struct term_caps *c, const struct term_pen *p,
			       attr_t attrs, int pair, bool colors)
{
	return p->attrs == (attrs & TERM_MODE_BITS) &&
	       (!(colors && c->colors) || (p->pair == pair && p->colors_known));
}
void term_caps_pen(struct term_caps *c, struct term_pen *p, attr_t attrs, int pair,
		   bool colors, struct term_buf *out);
void term_caps_normal(const struct term_caps *c, struct term_pen *p, bool colors,
		      struct term_buf *out);
void term_caps_goto(const struct term_caps *c, int y, int x, struct term_buf *out);
/* ESC [ n C when the terminal says so; false: the caller addresses the cell. */
bool term_caps_right(const struct term_caps *c, int n, struct term_buf *out);

/* The cell's colour pair. */
int term_cell_pair(const cchar_t *cell);

/*
 * The cell's character as bytes in out (at most 4), its attributes and pair
 * in *attrs and *pair; 0 when term_out cannot send the cell.
 */
size_t term_caps_glyph(const struct term_caps *c, const cchar_t *cell, char out[4],
		       attr_t *attrs, int *pair);

#endif
