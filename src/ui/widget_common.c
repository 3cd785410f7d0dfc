/* Helpers every widget uses: clearing, clipped text, boxes.  See widgets.h. */
#include "widgets.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

/*
 * Decodes one UTF-8 character of s (at most n bytes); returns its length
 * and stores it in *wc, or 0 for an invalid or truncated sequence.
 */
static size_t utf8_get(const unsigned char *s, size_t n, wchar_t *wc)
{
	unsigned long c;
	size_t len, i;

	if (s[0] < 0x80) {
		*wc = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond Unicode are not text. */
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*wc = (wchar_t)c;
	return len;
}

/*
 * The next drawable unit of s: its bytes (*len) and columns (*cols).
 * Anything that is not printable single- or double-width text becomes '?'
 * (*subst set).
 */
static void next_unit(const struct widget_env *env, const char *s, size_t *len, int *cols,
		      bool *subst)
{
	const unsigned char *u = (const unsigned char *)s;
	wchar_t wc;
	size_t n;
	int w;

	*subst = false;
	*cols = 1;
	if (u[0] < 0x80) {
		*len = 1;
		*subst = u[0] < 0x20 || u[0] == 0x7f;
		return;
	}
	n = utf8_get(u, strlen(s), &wc);
	if (n == 0) {
		*len = 1;
		*subst = true;
		return;
	}
	*len = n;
	if (env->gl->set != GLYPHS_UTF8) {
		*subst = true;
		return;
	}
	w = wcwidth(wc);
	if (w < 1 || w > 2) {
		*subst = true;
		return;
	}
	*cols = w;
}

/* Printable ASCII: a column a byte, whatever the glyph set; most of what is drawn. */
static bool plain_ascii(char c)
{
	return (unsigned char)c >= 0x20 && (unsigned char)c < 0x7f;
}

int widget_text_width(const struct widget_env *env, const char *s)
{
	int total = 0;

	while (s && *s) {
		size_t len;
		int cols;
		bool subst;

		if (plain_ascii(*s)) {
			total++;
			s++;
			continue;
		}
		next_unit(env, s, &len, &cols, &subst);
		total += cols;
		s += len;
	}
	return total;
}

size_t widget_wrap_line(const struct widget_env *env, const char *s, int w, size_t *skip)
{
	size_t b = 0, brk = 0, brk_skip = 0, len = 0;
	int used = 0, brk_cols = 0, cols;
	bool subst;

	while (s[b]) {
		next_unit(env, s + b, &len, &cols, &subst);
		if (used + cols > w)
			break;
		if (s[b] == ' ' && b > 0) {
			brk = b;
			brk_skip = b + 1;
			brk_cols = used;
		}
		used += cols;
		b += len;
		if (s[b - 1] == '/') {
			brk = brk_skip = b;
			brk_cols = used;
		}
	}
	if (!s[b] || b == 0) {
		/* All of it fits, or one character is wider than the line: take it. */
		*skip = b ? b : len;
		return *skip;
	}
	if (s[b] == ' ') {
		*skip = b + 1;
		return b;
	}
	if (brk > 0 && brk_cols * 2 >= used) {
		*skip = brk_skip;
		return brk;
	}
	*skip = b;
	return b;
}

/*
 * n bytes of printable ASCII at the cursor, which ends past them, as
 * waddnstr would leave it: as cells through wadd_wchnstr, which renders
 * each with the window's attributes and background as waddch does, but
 * without waddnstr's byte-by-byte multibyte machinery (callgrind, replayed
 * exhaustion frames: 17.5 M instructions became 10.1 M).  The cell's
 * chars[] is ncurses' own cchar_t member, set directly: a setcchar per
 * character would cost what is saved.  A run that reaches the right edge
 * goes through waddnstr, which moves the cursor there as it does.
 */
#define ASCII_CHUNK 64

static void put_ascii(WINDOW *win, const char *s, int n)
{
	static cchar_t blank;
	static bool made;
	cchar_t cells[ASCII_CHUNK];
	int y, x;

	getyx(win, y, x);
	if (x + n >= getmaxx(win)) {
		waddnstr(win, s, n);
		return;
	}
	if (!made) {
		/* A plain cell (no attributes, pair 0): ncurses gives it the window's. */
		widget_cell(&blank, L' ', A_NORMAL);
		made = true;
	}
	while (n > 0) {
		int k = n < ASCII_CHUNK ? n : ASCII_CHUNK;

		for (int i = 0; i < k; i++) {
			cells[i] = blank;
			cells[i].chars[0] = (wchar_t)(unsigned char)s[i];
		}
		wadd_wchnstr(win, cells, k);
		x += k;
		wmove(win, y, x);
		s += k;
		n -= k;
	}
}

/* A run of drawable text: its printable ASCII as cells, the rest through waddnstr. */
static void put_run(WINDOW *win, const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end) {
		const char *p = s;

		while (p < end && plain_ascii(*p))
			p++;
		if (p > s) {
			put_ascii(win, s, (int)(p - s));
			s = p;
			continue;
		}
		while (p < end && !plain_ascii(*p))
			p++;
		waddnstr(win, s, (int)(p - s));
		s = p;
	}
}

int widget_text(WINDOW *win, int y, int x, int maxw, attr_t attr, const struct widget_env *env,
		const char *s)
{
	int total, used = 0, room;

	/* Past the window's right edge ncurses would wrap onto the next line. */
	if (maxw > getmaxx(win) - x)
		maxw = getmaxx(win) - x;
	if (maxw <= 0 || !s || wmove(win, y, x) == ERR)
		return 0;
	total = widget_text_width(env, s);
	/* Leave a cell for the ellipsis when the text is cut. */
	room = total > maxw ? maxw - 1 : maxw;
	wattrset(win, (int)attr);
	while (*s) {
		const char *run = s;
		size_t len;
		int cols;
		bool subst = false;

		/* Drawable text goes to ncurses a run at a time: a call per character was a frame's cost. */
		while (*s) {
			if (plain_ascii(*s) && used < room) {
				used++;
				s++;
				continue;
			}
			next_unit(env, s, &len, &cols, &subst);
			if (subst || used + cols > room)
				break;
			used += cols;
			s += len;
		}
		if (s > run)
			put_run(win, run, (size_t)(s - run));
		if (!*s || !subst || used + cols > room)
			break;
		waddch(win, '?');
		used += cols;
		s += len;
	}
	if (total > maxw) {
		/* A double-width character may leave two cells: pad before the mark. */
		while (used < maxw - 1) {
			waddch(win, ' ');
			used++;
		}
		waddstr(win, env->gl->ellipsis);
		used++;
	}
	wattrset(win, A_NORMAL);
	return used;
}

char *widget_text_elide(const struct widget_env *env, const char *s, int w, char *buf,
			size_t len)
{
	const char *p, *tail;
	int total = widget_text_width(env, s), head_w, tail_w, used;
	size_t hb;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (!s || w <= 0)
		return buf;
	if (total <= w || w < 3) {
		/* Fits, or too short to keep both ends: widget_text cuts at the end. */
		snprintf(buf, len, "%s", s);
		return buf;
	}
	/* The tail names the thing (a socket file): it gets at least half. */
	tail_w = (w - 1) - (w - 1) / 2;
	head_w = w - 1 - tail_w;
	for (p = s, used = 0; *p;) {
		size_t l;
		int c;
		bool subst;

		next_unit(env, p, &l, &c, &subst);
		if (used + c > head_w)
			break;
		used += c;
		p += l;
	}
	hb = (size_t)(p - s);
	/* The tail: drop units from the front of the rest until what is left fits. */
	tail = p;
	used = widget_text_width(env, tail);
	while (*tail && used > tail_w) {
		size_t l;
		int c;
		bool subst;

		next_unit(env, tail, &l, &c, &subst);
		used -= c;
		tail += l;
	}
	snprintf(buf, len, "%.*s%s%s", (int)hb, s, env->gl->ellipsis, tail);
	return buf;
}

void widget_cell(cchar_t *c, wchar_t ch, attr_t attr)
{
	wchar_t s[2] = { ch, L'\0' };

	setcchar(c, s, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
}

void widget_clear(WINDOW *win, struct rect r, const struct widget_env *env)
{
	int y;

	if (rect_empty(r))
		return;
	for (y = r.y; y < r.y + r.h; y++)
		mvwhline(win, y, r.x, ' ' | env->pal->attr[UI_NORMAL], r.w);
}

void widget_box(WINDOW *win, struct rect r, const struct widget_env *env, const char *title)
{
	const struct glyphs *g = env->gl;
	chtype a = env->pal->attr[UI_BORDER];
	int y;

	if (r.h < 2 || r.w < 2)
		return;
	mvwaddch(win, r.y, r.x, glyphs_border(g, GB_ULCORNER) | a);
	mvwhline(win, r.y, r.x + 1, glyphs_border(g, GB_HLINE) | a, r.w - 2);
	mvwaddch(win, r.y, r.x + r.w - 1, glyphs_border(g, GB_URCORNER) | a);
	for (y = r.y + 1; y < r.y + r.h - 1; y++) {
		mvwaddch(win, y, r.x, glyphs_border(g, GB_VLINE) | a);
		mvwaddch(win, y, r.x + r.w - 1, glyphs_border(g, GB_VLINE) | a);
	}
	mvwaddch(win, r.y + r.h - 1, r.x, glyphs_border(g, GB_LLCORNER) | a);
	mvwhline(win, r.y + r.h - 1, r.x + 1, glyphs_border(g, GB_HLINE) | a, r.w - 2);
	/* At the screen's last cell waddch returns ERR, yet the character is placed. */
	mvwaddch(win, r.y + r.h - 1, r.x + r.w - 1, glyphs_border(g, GB_LRCORNER) | a);
	if (title && *title && r.w > 6) {
		mvwaddch(win, r.y, r.x + 1, ' ' | a);
		widget_text(win, r.y, r.x + 2, r.w - 5, env->pal->attr[UI_TITLE], env, title);
		waddch(win, ' ' | a);
	}
}
