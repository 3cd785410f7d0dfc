/*
 * Nearest terminal colour for a theme colour.  A terminal with 256 colours
 * gets the xterm cube and grey ramp (16-255; 0-15 vary between terminals,
 * so an #RRGGBB never lands there by accident); a smaller one gets the
 * nearest of its 8 or 16 base colours, judged on xterm's standard values.
 */
#include "theme.h"

static const uint8_t base16[16][3] = {
	{ 0, 0, 0 },       { 205, 0, 0 },     { 0, 205, 0 },     { 205, 205, 0 },
	{ 0, 0, 238 },     { 205, 0, 205 },   { 0, 205, 205 },   { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 },     { 0, 255, 0 },     { 255, 255, 0 },
	{ 92, 92, 255 },   { 255, 0, 255 },   { 0, 255, 255 },   { 255, 255, 255 },
};

static const uint8_t cube_level[6] = { 0, 95, 135, 175, 215, 255 };

void theme_xterm_rgb(int index, uint8_t *r, uint8_t *g, uint8_t *b)
{
	if (index < 0 || index > 255)
		index = 0;
	if (index < 16) {
		*r = base16[index][0];
		*g = base16[index][1];
		*b = base16[index][2];
	} else if (index < 232) {
		int i = index - 16;

		*r = cube_level[i / 36];
		*g = cube_level[(i / 6) % 6];
		*b = cube_level[i % 6];
	} else {
		uint8_t v = (uint8_t)(8 + 10 * (index - 232));

		*r = *g = *b = v;
	}
}

/* "Redmean" weighting: a cheap distance closer to what eyes see than plain RGB. */
static long distance(int r1, int g1, int b1, int r2, int g2, int b2)
{
	long rm = (r1 + r2) / 2, dr = r1 - r2, dg = g1 - g2, db = b1 - b2;

	return ((512 + rm) * dr * dr >> 8) + 4 * dg * dg + ((767 - rm) * db * db >> 8);
}

static int nearest_in(int lo, int hi, uint8_t r, uint8_t g, uint8_t b)
{
	int best = lo;
	long best_d = -1;

	for (int i = lo; i <= hi; i++) {
		uint8_t cr, cg, cb;
		long d;

		theme_xterm_rgb(i, &cr, &cg, &cb);
		d = distance(r, g, b, cr, cg, cb);
		if (best_d < 0 || d < best_d) {
			best = i;
			best_d = d;
		}
	}
	return best;
}

int theme_color_nearest(const struct theme_color *c, int ncolors)
{
	uint8_t r, g, b;

	if (c->kind == THEME_COLOR_DEFAULT || ncolors < 8)
		return -1;
	if (c->kind == THEME_COLOR_INDEX) {
		if (c->index >= 0 && c->index < ncolors && c->index < 256)
			return c->index;
		theme_xterm_rgb(c->index, &r, &g, &b);
	} else {
		r = c->r;
		g = c->g;
		b = c->b;
	}
	if (ncolors >= 256)
		return nearest_in(16, 255, r, g, b);
	return nearest_in(0, ncolors >= 16 ? 15 : 7, r, g, b);
}
