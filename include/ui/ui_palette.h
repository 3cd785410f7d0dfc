/*
 * ui_palette: the semantic screen elements and their resolved attributes.
 *
 * A theme (theme.h) says what each element of ui_elements.h looks like;
 * theme_to_palette turns it into ncurses attributes for the terminal at hand
 * (colour pairs, or bold/reverse/underline only in monochrome).
 */
#ifndef UI_PALETTE_H
#define UI_PALETTE_H

#include <stdbool.h>

#include <curses.h>

#include "theme.h"
#include "ui_elements.h"

struct ui_palette {
	attr_t attr[UI_ELEMENT_COUNT];   /* full attribute incl. COLOR_PAIR */
};

/*
 * Resolves every element to ncurses attributes, calling init_pair for the
 * colour pairs it needs (start_color() must have run when has_colors).
 * Monochrome output (no colours, force_mono, or a monochrome theme) uses the
 * theme's attributes; a colour theme forced to mono takes the built-in mono
 * theme's attributes, because its own rely on colour to tell elements apart.
 * Returns the number of colour pairs used.
 */
int theme_to_palette(const struct theme *t, bool has_colors, int ncolors, bool force_mono,
		     struct ui_palette *out);

#endif
