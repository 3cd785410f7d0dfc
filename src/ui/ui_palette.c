/*
 * A parsed theme to ncurses attributes for the terminal at hand: colour
 * pairs when it has colours, attributes alone when it has none.
 */
#include "theme.h"
#include "ui_palette.h"

#include <string.h>

static attr_t attrs_of(unsigned a)
{
	attr_t out = A_NORMAL;

	if (a & THEME_ATTR_BOLD)
		out |= A_BOLD;
	if (a & THEME_ATTR_REVERSE)
		out |= A_REVERSE;
	if (a & THEME_ATTR_UNDERLINE)
		out |= A_UNDERLINE;
	if (a & THEME_ATTR_DIM)
		out |= A_DIM;
	return out;
}

static void mono_palette(const struct theme *t, struct ui_palette *out)
{
	struct theme mono;

	/* A colour theme tells elements apart by colour: borrow mono's attributes. */
	if (!t->monochrome && theme_builtin("mono", &mono) == 0)
		t = &mono;
	for (int e = 0; e < UI_ELEMENT_COUNT; e++)
		out->attr[e] = attrs_of(t->style[e].attrs);
}

struct pair_table {
	int n;
	short fg[UI_ELEMENT_COUNT], bg[UI_ELEMENT_COUNT];
};

/* Pair number for (fg, bg), allocated from 1; 0 when the terminal has no more. */
static int pair_for(struct pair_table *pt, short fg, short bg)
{
	for (int i = 0; i < pt->n; i++)
		if (pt->fg[i] == fg && pt->bg[i] == bg)
			return i + 1;
	if (pt->n >= UI_ELEMENT_COUNT || pt->n + 1 >= COLOR_PAIRS)
		return 0;
	if (init_pair((short)(pt->n + 1), fg, bg) == ERR)
		return 0;
	pt->fg[pt->n] = fg;
	pt->bg[pt->n] = bg;
	return ++pt->n;
}

int theme_to_palette(const struct theme *t, bool has_colors, int ncolors, bool force_mono,
		     struct ui_palette *out)
{
	struct pair_table pt = { 0 };
	bool defaults_ok;

	memset(out, 0, sizeof(*out));
	if (force_mono || !has_colors || ncolors < 8 || t->monochrome) {
		mono_palette(t, out);
		return 0;
	}
	/* Direct-colour terminfo reports millions; palette indexes stop at 256. */
	if (ncolors > 256)
		ncolors = 256;
	defaults_ok = use_default_colors() == OK;
	for (int e = 0; e < UI_ELEMENT_COUNT; e++) {
		const struct theme_style *st = &t->style[e];
		int fg = theme_color_nearest(&st->fg, ncolors);
		int bg = theme_color_nearest(&st->bg, ncolors);
		attr_t a = attrs_of(st->attrs);
		int pair = 0;

		/* bright_* on an 8-colour terminal: the base colour, bold as of old */
		if (st->fg.kind == THEME_COLOR_INDEX && st->fg.index >= 8 && st->fg.index < 16 &&
		    fg == st->fg.index - 8)
			a |= A_BOLD;
		if (!defaults_ok) {
			if (fg < 0)
				fg = COLOR_WHITE;
			if (bg < 0)
				bg = COLOR_BLACK;
		}
		if (fg >= 0 || bg >= 0 || !defaults_ok)
			pair = pair_for(&pt, (short)fg, (short)bg);
		out->attr[e] = a | (attr_t)COLOR_PAIR(pair);
	}
	return pt.n;
}
