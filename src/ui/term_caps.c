/* term_caps: terminfo strings and attribute changes for term_out (see the header). */
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <term.h>
#include <wchar.h>

#include "mt_text.h"
#include "term_caps.h"

void term_buf_put(struct term_buf *b, const char *s, size_t n)
{
	if (!b->failed && stream_buf_append(&b->bytes, s, n) < 0)
		b->failed = true;
}

static void put_str(struct term_buf *b, const char *s)
{
	if (s)
		term_buf_put(b, s, strlen(s));
}

/* A string capability, or NULL when absent or cancelled. */
static const char *cap_str(const char *name)
{
	const char *s = tigetstr(name);

	return s && s != (const char *)-1 && *s ? s : NULL;
}

static bool cap_flag(const char *name)
{
	return tigetflag(name) > 0;
}

/* Delays ($<n>) are for tputs to turn into time; sent as they are they would show. */
static bool any_padding(const struct term_caps *c)
{
	const char *const s[] = { c->cup, c->cuf, c->sgr0, c->op, c->setaf, c->setab };

	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		if (s[i] && strstr(s[i], "$<"))
			return true;
	for (int i = 0; i < TERM_MODES; i++)
		if (c->mode[i] && strstr(c->mode[i], "$<"))
			return true;
	return false;
}

void term_caps_load(struct term_caps *c)
{
	/* The order of TERM_MODE_BITS' bits as term_caps_pen walks them. */
	static const char *const mode_names[TERM_MODES] = {
		"bold", "dim", "smul", "rev", "blink", "smso", "invis",
	};
	const char *cs = nl_langinfo(CODESET);
	int ncolors = tigetnum("colors");

	memset(c, 0, sizeof(*c));
	c->utf8 = cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0);
	c->cup = cap_str("cup");
	c->cuf = cap_str("cuf");
	c->sgr0 = cap_str("sgr0");
	c->op = cap_str("op");
	c->setaf = cap_str("setaf");
	c->setab = cap_str("setab");
	for (int i = 0; i < TERM_MODES; i++)
		c->mode[i] = cap_str(mode_names[i]);
	c->cup_ansi = c->cup && strcmp(c->cup, "\033[%i%p1%d;%p2%dH") == 0;
	c->cuf_ansi = c->cuf && strcmp(c->cuf, "\033[%p1%dC") == 0;
	c->colors = c->setaf && c->setab && c->op;
	c->sgr0_colors = c->sgr0 && (strstr(c->sgr0, "\033[m") || strstr(c->sgr0, "\033[0m"));

	if (!c->cup)
		c->why = "no cursor addressing (cup)";
	else if (!c->sgr0)
		c->why = "no way to turn attributes off (sgr0)";
	else if (any_padding(c))
		c->why = "its strings ask for delays (padding)";
	else if (tigetnum("xmc") > 0)
		c->why = "attributes take a cell (magic cookie glitch)";
	else if (tigetnum("ncv") > 0)
		c->why = "some attributes cannot go with colour (ncv)";
	else if (!cap_flag("msgr"))
		c->why = "the cursor cannot move with attributes on (no msgr)";
	else if (cap_flag("am") && !cap_flag("xenl"))
		c->why = "the bottom-right cell would scroll the screen (am without xenl)";
	else if (ncolors > 0 && !c->colors)
		c->why = "colours without setaf, setab and op";
	else if (ncolors > TERM_CACHED_COLORS || cap_flag("RGB"))
		c->why = "direct colour";
	c->usable = c->why == NULL;
}

static void put_sgr0(const struct term_caps *c, struct term_pen *p, struct term_buf *out)
{
	put_str(out, c->sgr0);
	p->attrs = 0;
	p->pair = -1;   /* whatever it did to the colours, the pair is not what shows */
	p->colors_known = c->sgr0_colors;
	if (c->sgr0_colors)
		p->fg = p->bg = -1;
}

void term_pen_reset(struct term_pen *p)
{
	p->attrs = 0;
	p->pair = -1;
	p->fg = p->bg = -1;
	p->colors_known = false;
}

static void put_color(struct term_caps *c, bool fg, int color, struct term_buf *out)
{
	struct term_color_text *t = fg ? &c->fg[color] : &c->bg[color];
	const char *s;
	size_t n;

	if (color >= TERM_CACHED_COLORS) {
		put_str(out, tiparm(fg ? c->setaf : c->setab, color));
		return;
	}
	if (!t->len) {
		/* Once per colour for the life of the screen: tiparm is dear. */
		s = tiparm(fg ? c->setaf : c->setab, color);
		n = s ? strlen(s) : 0;
		if (!n || n >= sizeof(t->s)) {
			put_str(out, s);
			return;
		}
		memcpy(t->s, s, n);
		t->len = (unsigned char)n;
	}
	term_buf_put(out, t->s, t->len);
}

void term_pair_colors(int pair, int *fg, int *bg)
{
	if (extended_pair_content(pair, fg, bg) != OK) {
		*fg = -1;
		*bg = -1;
	}
	if (*fg < 0)
		*fg = -1;
	if (*bg < 0)
		*bg = -1;
}

void term_caps_pen(struct term_caps *c, struct term_pen *p, attr_t attrs, int pair,
		   bool colors, struct term_buf *out)
{
	static const attr_t mode_bits[TERM_MODES] = {
		A_BOLD, A_DIM, A_UNDERLINE, A_REVERSE, A_BLINK, A_STANDOUT, A_INVIS,
	};
	attr_t on;

	if (term_pen_is(c, p, attrs, pair, colors))
		return;
	attrs &= TERM_MODE_BITS;
	colors = colors && c->colors;
	if (p->attrs & ~attrs)
		put_sgr0(c, p, out);
	if (colors && (p->pair != pair || !p->colors_known)) {
		int fg, bg;

		term_pair_colors(pair, &fg, &bg);
		if (!p->colors_known || (fg < 0 && p->fg >= 0) || (bg < 0 && p->bg >= 0)) {
			put_str(out, c->op);
			p->fg = p->bg = -1;
			p->colors_known = true;
		}
		if (fg >= 0 && fg != p->fg)
			put_color(c, true, fg, out);
		if (bg >= 0 && bg != p->bg)
			put_color(c, false, bg, out);
		p->fg = fg;
		p->bg = bg;
		p->pair = pair;
	}
	on = attrs & ~p->attrs;
	for (int i = 0; i < TERM_MODES && on; i++)
		if (on & mode_bits[i]) {
			put_str(out, c->mode[i]);
			on &= ~mode_bits[i];
		}
	p->attrs = attrs;
}

void term_caps_normal(const struct term_caps *c, struct term_pen *p, bool colors,
		      struct term_buf *out)
{
	if (p->attrs)
		put_sgr0(c, p, out);
	if (colors && c->colors && (!p->colors_known || p->fg >= 0 || p->bg >= 0)) {
		put_str(out, c->op);
		p->fg = p->bg = -1;
		p->colors_known = true;
	}
	/* Default colours are not a pair's: the next cell's pair is looked up again. */
	p->pair = -1;
}

/* n >= 0 in decimal at b; returns the digits written. */
static size_t put_dec(char *b, unsigned n)
{
	char tmp[12];
	size_t k = 0, i;

	do {
		tmp[k++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	for (i = 0; i < k; i++)
		b[i] = tmp[k - 1 - i];
	return k;
}

void term_caps_goto(const struct term_caps *c, int y, int x, struct term_buf *out)
{
	char b[32];
	size_t n = 0;

	if (!c->cup_ansi) {
		put_str(out, tiparm(c->cup, y, x));
		return;
	}
	b[n++] = '\033';
	b[n++] = '[';
	n += put_dec(b + n, (unsigned)y + 1);
	b[n++] = ';';
	n += put_dec(b + n, (unsigned)x + 1);
	b[n++] = 'H';
	term_buf_put(out, b, n);
}

bool term_caps_right(const struct term_caps *c, int n, struct term_buf *out)
{
	char b[16];
	size_t k = 0;

	if (!c->cuf_ansi || n <= 0)
		return false;
	b[k++] = '\033';
	b[k++] = '[';
	k += put_dec(b + k, (unsigned)n);
	b[k++] = 'C';
	term_buf_put(out, b, k);
	return true;
}

/* The VT100 line-drawing character (acsc's letter) as Unicode, or 0. */
static wchar_t acs_unicode(wchar_t letter)
{
	switch (letter) {
	case 'j': return 0x2518;
	case 'k': return 0x2510;
	case 'l': return 0x250c;
	case 'm': return 0x2514;
	case 'n': return 0x253c;
	case 'q': return 0x2500;
	case 't': return 0x251c;
	case 'u': return 0x2524;
	case 'v': return 0x2534;
	case 'w': return 0x252c;
	case 'x': return 0x2502;
	default: return 0;
	}
}

int term_cell_pair(const cchar_t *cell)
{
#if NCURSES_EXT_COLORS
	return cell->ext_color;
#else
	return (int)PAIR_NUMBER(cell->attr);
#endif
}

/*
 * The cell's fields are read as curses.h lays them out (getcchar costs a
 * fifth of a frame): the first character, a combining one after it or L'\0',
 * the attributes with the pair's bits, and the pair.
 */
size_t term_caps_glyph(const struct term_caps *c, const cchar_t *cell, char out[4],
		       attr_t *attrs, int *pair)
{
	wchar_t wc = cell->chars[0];

	*attrs = cell->attr & (A_ATTRIBUTES & ~(attr_t)A_COLOR);
	*pair = term_cell_pair(cell);
	if ((CCHARW_MAX > 1 && cell->chars[1] != 0) ||
	    (*attrs & ~(TERM_MODE_BITS | A_ALTCHARSET)))
		return 0;
	if (*attrs & A_ALTCHARSET) {
		/*
		 * Line drawing as Unicode, as UTF-8 terminals show it: the widgets
		 * use it only in a UTF-8 locale (glyphs_border).
		 */
		wc = c->utf8 ? acs_unicode(wc) : 0;
		*attrs &= ~(attr_t)A_ALTCHARSET;
	}
	if (wc < 0x20 || wc == 0x7f)
		return 0;
	if (wc < 0x7f) {
		out[0] = (char)wc;
		return 1;
	}
	if (!c->utf8 || (wc >= 0x80 && wc < 0xa0) || (wc >= 0xd800 && wc < 0xe000) ||
	    wc >= 0x110000 || wcwidth(wc) != 1)
		return 0;
	return mt_utf8_encode((unsigned long)wc, out);
}
