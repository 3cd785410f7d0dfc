/*
 * The theme parser on any text: theme_parse_string() over the built-in
 * default, warnings and errors collected.  Whatever the text, the theme must
 * come out complete: every colour a valid index (0-255) or kind.
 */
#include <stdlib.h>

#include "fuzz_util.h"
#include "theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int color_ok(const struct theme_color *c)
{
	switch (c->kind) {
	case THEME_COLOR_DEFAULT:
	case THEME_COLOR_RGB:
		return 1;
	case THEME_COLOR_INDEX:
		return c->index >= 0 && c->index <= 255;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstr(data, size);
	struct theme *t = calloc(1, sizeof(*t));
	struct mt_errlist *w = calloc(1, sizeof(*w)), *e = calloc(1, sizeof(*e));
	size_t i;

	if (!t || !w || !e)
		abort();
	theme_parse_string(text, "fuzz.theme", "fuzz", t, w, e);
	for (i = 0; i < UI_ELEMENT_COUNT; i++)
		if (!color_ok(&t->style[i].fg) || !color_ok(&t->style[i].bg))
			abort();
	free(text);
	free(t);
	free(w);
	free(e);
	return 0;
}
