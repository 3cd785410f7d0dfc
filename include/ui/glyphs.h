/*
 * glyphs: the characters the widgets draw with, UTF-8 or plain ASCII.
 *
 * One table per character set; widgets never spell a character themselves.
 * In ASCII every string is a single byte below 0x80 and borders are '+',
 * '-', '|' (no ACS, whose bytes terminfo may map to UTF-8), so `--ascii`
 * output is pure ASCII.  In UTF-8 each string is one character of width 1
 * and borders use ACS_*.  Meaning never rests on the glyph alone: bar parts
 * also differ in attribute (UI_BAR_USED, UI_BAR_CACHED, UI_BAR_FREE), a gap
 * in a sparkline also has UI_GAP.
 */
#ifndef GLYPHS_H
#define GLYPHS_H

#include <stdbool.h>

#include <curses.h>
#include <wchar.h>

enum glyph_set {
	GLYPHS_ASCII = 0,
	GLYPHS_UTF8,
};

#define GLYPH_SPARK_MAX 8

enum glyph_border {
	GB_HLINE = 0, GB_VLINE, GB_ULCORNER, GB_URCORNER, GB_LLCORNER, GB_LRCORNER,
	GB_COUNT
};

enum glyph_bar { GLYPH_BAR_USED = 0, GLYPH_BAR_CACHED, GLYPH_BAR_FREE, GLYPH_BAR_COUNT };

struct glyphs {
	enum glyph_set set;
	const char *bar_used;      /* exact occupancy:  '#' / full block */
	const char *bar_cached;    /* reserved by caches: '=' / medium shade */
	const char *bar_free;      /* '.' / middle dot */
	int spark_levels;          /* non-zero levels in spark[1..spark_levels] */
	const char *spark[GLYPH_SPARK_MAX + 1];  /* [0] is the zero value (blank) */
	const char *spark_gap;     /* no data (NaN): '-' / dotted */
	/* The same as wide characters: graphs and bars are drawn as cells, not text. */
	wchar_t spark_wc[GLYPH_SPARK_MAX + 1];
	wchar_t spark_gap_wc;
	wchar_t bar_wc[GLYPH_BAR_COUNT];
	const char *more_above;    /* '^' / up arrow */
	const char *more_below;    /* 'v' / down arrow */
	const char *sort_mark;     /* marks the sorted column: 'v' / down triangle */
	const char *ellipsis;      /* '~' / horizontal ellipsis */
	const char *sep;           /* between table groups: '|' / light vertical */
	const char *back_mark;     /* the graphs show the past: '<' / left-pointing triangle */
};

void glyphs_init(struct glyphs *g, enum glyph_set set);

/*
 * UTF-8 when the current locale's codeset is UTF-8 (the caller has done
 * setlocale(LC_ALL, "")) and ascii is not forced.
 */
enum glyph_set glyphs_detect(bool force_ascii);

/* A border character for waddch/wborder: ACS_* in UTF-8, ASCII otherwise. */
chtype glyphs_border(const struct glyphs *g, enum glyph_border b);

#endif
