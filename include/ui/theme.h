/*
 * theme: what each screen element (ui_palette.h) looks like, from a file.
 *
 * A theme file is plain text, one `key = value` per line; '#' starts a
 * comment line, and "# " (hash, blank) a trailing one.  Keys are the
 * UI_ELEMENTS keys plus `monochrome = true|false`.  A value is
 *     [fg] [on bg] [bold] [reverse] [underline] [dim]
 * with a colour being a name (black red green yellow blue magenta cyan white
 * default, bright_<name>), an index 0-255 or #RRGGBB.  An unknown key is a
 * warning, a bad value an error ("themes/x.theme:7: bad colour 'purpleish'
 * for bar_used"); both are collected with file:line and never stop the
 * parse: every key not validly set keeps the built-in default theme's look,
 * so a theme is always usable.  The built-in themes (default, light, mono,
 * high-contrast) are compiled in, so they work with no files installed;
 * themes/NAME.theme ships the same text.  Parsing does no terminal I/O; the
 * mapping to ncurses attributes is theme_to_palette() (ui_palette.h).
 */
#ifndef THEME_H
#define THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mt_error.h"
#include "ui_elements.h"

#define THEME_NAME_LEN 64
#define THEME_PATH_LEN 1024

enum theme_color_kind {
	THEME_COLOR_DEFAULT = 0,   /* the terminal's own foreground/background */
	THEME_COLOR_INDEX,         /* 0-15 named colours, 16-255 xterm palette */
	THEME_COLOR_RGB,           /* #RRGGBB, mapped to the nearest the terminal has */
};

struct theme_color {
	enum theme_color_kind kind;
	int index;                 /* THEME_COLOR_INDEX */
	uint8_t r, g, b;           /* THEME_COLOR_RGB */
};

enum theme_attr {
	THEME_ATTR_BOLD = 1 << 0,
	THEME_ATTR_REVERSE = 1 << 1,
	THEME_ATTR_UNDERLINE = 1 << 2,
	THEME_ATTR_DIM = 1 << 3,
};

struct theme_style {
	struct theme_color fg, bg;
	unsigned attrs;            /* enum theme_attr bits */
};

struct theme {
	char name[THEME_NAME_LEN];
	bool monochrome;           /* attributes only, colours ignored */
	struct theme_style style[UI_ELEMENT_COUNT];
};

/* ---- built-in themes ------------------------------------------------- */

size_t theme_builtin_count(void);
const char *theme_builtin_name(size_t i);        /* NULL past the end; 0 is "default" */
/* The compiled-in text of a built-in theme (same as themes/NAME.theme); NULL if unknown. */
const char *theme_builtin_text(const char *name);
/* Fills out with the built-in theme `name`; -1 if there is none. */
int theme_builtin(const char *name, struct theme *out);
/* The name after `name` in the built-in list, wrapping (for the `t` key). */
const char *theme_builtin_next(const char *name);

/* ---- parsing ---------------------------------------------------------- */

/* Element for a theme key, or -1. */
int theme_element_from_key(const char *key);
const char *theme_element_key(enum ui_element e);

/*
 * Parses text over the built-in default.  origin names the text in messages
 * ("themes/x.theme").  warnings/errors may be NULL.  Returns 0, or -1 when
 * there were errors (out is still complete and usable).
 */
int theme_parse_string(const char *text, const char *origin, const char *name,
		       struct theme *out, struct mt_errlist *warnings, struct mt_errlist *errors);
/* Reads a file; the theme's name is the file name without ".theme". */
int theme_load_file(const char *path, struct theme *out, struct mt_errlist *warnings,
		    struct mt_errlist *errors);

/*
 * Finds a theme file.  A name_or_path containing '/' or ending in ".theme"
 * is a path, used as is.  Otherwise NAME.theme is looked for in
 *   $HOME/.config/spdk-memtop/themes/   (home NULL or "" skips it)
 *   MEMTOP_SOURCE_DIR/themes/           (running from the build tree)
 *   MEMTOP_INSTALL_DATADIR/themes/
 * in that order, so a user's file overrides a shipped one.  Returns 0 with
 * the path, or -1 with err saying where it looked.
 */
int theme_find(const char *name_or_path, const char *home, char *path, size_t len,
	       struct mt_err *err);

/*
 * theme_find, then theme_load_file; a built-in name with no file found
 * loads the compiled-in theme.  Returns 0, or -1 with errors filled (out then
 * holds the default theme or the partly valid file).
 */
int theme_load(const char *name_or_path, const char *home, struct theme *out,
	       struct mt_errlist *warnings, struct mt_errlist *errors);

/* ---- colours (pure; used by theme_to_palette) ----------------------------- */

/* The colour a terminal of ncolors shows for c: -1 for the default colour. */
int theme_color_nearest(const struct theme_color *c, int ncolors);
/* RGB of an xterm palette index 0-255. */
void theme_xterm_rgb(int index, uint8_t *r, uint8_t *g, uint8_t *b);

#endif
