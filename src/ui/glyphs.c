/* The two character sets the widgets draw with: see glyphs.h. */
#include "glyphs.h"

#include <langinfo.h>
#include <strings.h>

/* The one character of a glyph string (ASCII, or UTF-8 of at most 3 bytes). */
static wchar_t first_char(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80)
		return u[0];
	if ((u[0] & 0xe0) == 0xc0)
		return (wchar_t)((u[0] & 0x1f) << 6 | (u[1] & 0x3f));
	return (wchar_t)((u[0] & 0x0f) << 12 | (u[1] & 0x3f) << 6 | (u[2] & 0x3f));
}

static void wide_glyphs(struct glyphs *g)
{
	for (int i = 0; i <= GLYPH_SPARK_MAX; i++)
		g->spark_wc[i] = first_char(g->spark[i]);
	g->spark_gap_wc = first_char(g->spark_gap);
	g->bar_wc[GLYPH_BAR_USED] = first_char(g->bar_used);
	g->bar_wc[GLYPH_BAR_CACHED] = first_char(g->bar_cached);
	g->bar_wc[GLYPH_BAR_FREE] = first_char(g->bar_free);
}

void glyphs_init(struct glyphs *g, enum glyph_set set)
{
	static const char *const ascii_spark[GLYPH_SPARK_MAX + 1] = {
		" ", ".", ":", "|",
	};
	static const char *const utf8_spark[GLYPH_SPARK_MAX + 1] = {
		" ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588",
	};
	int i;

	g->set = set;
	if (set == GLYPHS_UTF8) {
		g->bar_used = "\u2588";     /* full block */
		g->bar_cached = "\u2592";   /* medium shade: visibly not "used" */
		g->bar_free = "\u00b7";     /* middle dot */
		g->spark_levels = 8;
		for (i = 0; i <= GLYPH_SPARK_MAX; i++)
			g->spark[i] = utf8_spark[i];
		g->spark_gap = "\u2504";    /* dotted line: no data, not zero */
		g->more_above = "\u2191";
		g->more_below = "\u2193";
		g->sort_mark = "\u25bc";
		g->ellipsis = "\u2026";
		g->sep = "\u2502";
		g->back_mark = "\u25c2";   /* small left-pointing triangle */
		wide_glyphs(g);
		return;
	}
	g->bar_used = "#";
	g->bar_cached = "=";
	g->bar_free = ".";
	g->spark_levels = 3;
	for (i = 0; i <= GLYPH_SPARK_MAX; i++)
		g->spark[i] = i <= 3 ? ascii_spark[i] : "|";
	g->spark_gap = "-";
	g->more_above = "^";
	g->more_below = "v";
	g->sort_mark = "v";
	g->ellipsis = "~";
	g->sep = "|";
	g->back_mark = "<";
	wide_glyphs(g);
}

enum glyph_set glyphs_detect(bool force_ascii)
{
	const char *cs;

	if (force_ascii)
		return GLYPHS_ASCII;
	cs = nl_langinfo(CODESET);
	if (cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0))
		return GLYPHS_UTF8;
	return GLYPHS_ASCII;
}

chtype glyphs_border(const struct glyphs *g, enum glyph_border b)
{
	static const char ascii[GB_COUNT] = { '-', '|', '+', '+', '+', '+' };

	if (g->set != GLYPHS_UTF8)
		return (unsigned char)ascii[(unsigned)b < GB_COUNT ? b : GB_HLINE];
	switch (b) {
	case GB_VLINE:
		return ACS_VLINE;
	case GB_ULCORNER:
		return ACS_ULCORNER;
	case GB_URCORNER:
		return ACS_URCORNER;
	case GB_LLCORNER:
		return ACS_LLCORNER;
	case GB_LRCORNER:
		return ACS_LRCORNER;
	default:
		return ACS_HLINE;
	}
}
