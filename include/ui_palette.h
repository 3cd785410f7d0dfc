/*
 * ui_palette: the semantic screen elements and their resolved attributes.
 *
 * A theme (theme.h) says what each element of ui_elements.h looks like;
 * theme_curses turns it into ncurses attributes for the terminal at hand
 * (colour pairs, or bold/reverse/underline only in monochrome).
 */
#ifndef UI_PALETTE_H
#define UI_PALETTE_H

#include <curses.h>

#include "ui_elements.h"

struct ui_palette {
	attr_t attr[UI_ELEMENT_COUNT];   /* full attribute incl. COLOR_PAIR */
};

#endif
