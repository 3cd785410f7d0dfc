/* term_out: a frame's changed cells to the terminal (see the header). */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "term_caps.h"
#include "term_out.h"

/* At most this many unchanged cells are sent again rather than jumped over. */
#define TERM_OUT_RESEND 3
/* Cells compared at once while looking for the changed ones in a row. */
#define TERM_OUT_BLOCK 8
/* A frame buffer up to this size is kept for the next frame. */
#define TERM_OUT_KEEP (256 * 1024)
/* Colour pairs followed for changes of their colours; a higher one hands back to ncurses. */
#define TERM_OUT_PAIRS 256

struct term_out {
	int fd;
	bool on;           /* the terminal suits, enabled, not handed back */
	bool have_front;   /* front is what the terminal shows */
	bool drew;         /* sent bytes since ncurses last drew: its picture is stale */
	bool took;         /* read stdscr since: newscr has not seen those rows */
	int rows, cols;
	cchar_t *front;    /* rows * cols */
	cchar_t *line;     /* cols + 1: win_wchnstr ends with a null cell */
	int cy, cx;        /* the cursor; cy -1: not known */
	struct term_caps caps;
	struct term_pen pen;
	struct term_buf out;
	/*
	 * The colours of each pair the terminal shows, as they were sent: a pair
	 * given new colours (init_pair, a theme change) leaves its cells' text and
	 * pair number alone, so they are sent again, as ncurses' init_pair marks
	 * them in curscr.
	 */
	int npairs;
	int pair_fg[TERM_OUT_PAIRS], pair_bg[TERM_OUT_PAIRS];
	struct term_out_counts n;
};

bool term_out_wanted(const char *memtop_doupdate_env)
{
	return !memtop_doupdate_env || !memtop_doupdate_env[0];
}

struct term_out *term_out_new(int fd, bool enabled)
{
	struct term_out *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->fd = fd;
	term_caps_load(&t->caps);
	t->on = enabled && t->caps.usable;
	t->n.why = !enabled ? "turned off" : t->caps.why;
#if NCURSES_OPAQUE
	/* stdscr's flags are out of reach: getch could not be kept from refreshing it. */
	t->on = false;
	t->n.why = "ncurses built with opaque windows";
#endif
	t->cy = t->cx = -1;
	term_pen_reset(&t->pen);
	return t;
}

void term_out_free(struct term_out *t)
{
	if (!t)
		return;
	free(t->front);
	free(t->line);
	stream_buf_free(&t->out.bytes);
	free(t);
}

void term_out_counts(const struct term_out *t, struct term_out_counts *out)
{
	*out = t->n;
	out->usable = t->on;
}

static void give_up(struct term_out *t, const char *why)
{
	t->on = false;
	t->have_front = false;
	t->n.why = why;
}

static bool size_to(struct term_out *t, int rows, int cols)
{
	cchar_t *front, *line;

	if (t->front && rows == t->rows && cols == t->cols)
		return true;
	front = calloc((size_t)rows * (size_t)cols, sizeof(*front));
	line = calloc((size_t)cols + 1, sizeof(*line));
	if (!front || !line) {
		free(front);
		free(line);
		return false;
	}
	free(t->front);
	free(t->line);
	t->front = front;
	t->line = line;
	t->rows = rows;
	t->cols = cols;
	return true;
}

/* Pair p is on the terminal from now on: its colours are followed. */
static bool note_pair(struct term_out *t, int p)
{
	if (p < 0 || p >= TERM_OUT_PAIRS)
		return false;
	for (; t->npairs <= p; t->npairs++)
		term_pair_colors(t->npairs, &t->pair_fg[t->npairs], &t->pair_bg[t->npairs]);
	return true;
}

/* Reads stdscr's row y into t->line; false when a cell is empty (a wide character's tail). */
static bool read_row(struct term_out *t, int y)
{
	mvwin_wchnstr(stdscr, y, 0, t->line, t->cols);
	for (int x = 0; x < t->cols; x++)
		if (t->line[x].chars[0] == 0 || !note_pair(t, term_cell_pair(&t->line[x])))
			return false;
	return true;
}

/*
 * Pairs whose colours changed since they were sent: their cells in the
 * front are spoilt so that they differ from anything and go out again;
 * true then, for every row is to be compared, touched or not.
 */
static bool recheck_pairs(struct term_out *t)
{
	bool changed[TERM_OUT_PAIRS], any = false;
	size_t cells = (size_t)t->rows * (size_t)t->cols;

	for (int p = 0; p < t->npairs; p++) {
		int fg, bg;

		term_pair_colors(p, &fg, &bg);
		changed[p] = fg != t->pair_fg[p] || bg != t->pair_bg[p];
		if (changed[p]) {
			t->pair_fg[p] = fg;
			t->pair_bg[p] = bg;
			any = true;
		}
	}
	if (!any)
		return false;
	for (size_t i = 0; i < cells; i++) {
		int p = term_cell_pair(&t->front[i]);

		if (p >= 0 && p < t->npairs && changed[p])
			memset(&t->front[i], 0, sizeof(t->front[i]));
	}
	return true;
}

/*
 * stdscr as a refresh leaves it: rows untouched, and its cursor not moved
 * (getch refreshes a window whose cursor moved, and that refresh would draw
 * with ncurses' stale picture of the terminal).
 */
static void settle_stdscr(int cy, int cx)
{
	wmove(stdscr, cy, cx);
	wtouchln(stdscr, 0, getmaxy(stdscr), 0);
#if !NCURSES_OPAQUE
	stdscr->_flags &= (short)~_HASMOVED;
#endif
}

/* After doupdate the terminal shows stdscr: that is the front now. */
static void load_front(struct term_out *t)
{
	int rows = getmaxy(stdscr), cols = getmaxx(stdscr), cy, cx;

	if (rows <= 0 || cols <= 0 || !size_to(t, rows, cols)) {
		give_up(t, "out of memory");
		return;
	}
	getyx(stdscr, cy, cx);
	t->npairs = 0;
	for (int y = 0; y < rows; y++) {
		if (!read_row(t, y)) {
			give_up(t, "a cell term_out cannot send");
			break;
		}
		memcpy(t->front + (size_t)y * (size_t)cols, t->line, (size_t)cols * sizeof(cchar_t));
	}
	settle_stdscr(cy, cx);
	t->have_front = t->on;
}

static void by_ncurses(struct term_out *t)
{
	if (t->drew) {
		clearok(curscr, TRUE);
		t->n.whole++;
	}
	if (t->took)
		touchwin(stdscr);
	wnoutrefresh(stdscr);
	doupdate();
	t->took = false;
	t->n.ncurses++;
	t->drew = false;
	t->have_front = false;
	t->cy = t->cx = -1;
	term_pen_reset(&t->pen);   /* doupdate ends normal; the colours are looked up again */
	if (t->on)
		load_front(t);
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w > 0) {
			p += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			struct pollfd pfd = { .fd = fd, .events = POLLOUT };

			/* As ncurses' own flush: a frame is written whole or the terminal is gone. */
			if (poll(&pfd, 1, -1) >= 0 || errno == EINTR)
				continue;
		}
		return;   /* the terminal is gone: the hang-up ends the loop */
	}
}

/*
 * Cells [from, to) of the row being sent, again, when they need no change
 * of attributes: shorter than a move over them.  They are unchanged, so
 * nothing shows.
 */
static bool resend(struct term_out *t, int from, int to, bool colors)
{
	const cchar_t *row = t->line;
	char g[TERM_OUT_RESEND][4];
	size_t n[TERM_OUT_RESEND];

	for (int x = from; x < to; x++) {
		attr_t a;
		int pair;

		n[x - from] = term_caps_glyph(&t->caps, &row[x], g[x - from], &a, &pair);
		if (!n[x - from] || !term_pen_is(&t->caps, &t->pen, a, pair, colors))
			return false;
	}
	for (int x = from; x < to; x++)
		term_buf_put(&t->out, g[x - from], n[x - from]);
	return true;
}

static void move_to(struct term_out *t, int y, int x, bool colors)
{
	if (t->cy == y && t->cx == x)
		return;
	if (t->cy == y && t->cx < x) {
		int gap = x - t->cx;

		if ((gap <= TERM_OUT_RESEND && resend(t, t->cx, x, colors)) ||
		    term_caps_right(&t->caps, gap, &t->out)) {
			t->cx = x;
			return;
		}
	}
	term_caps_goto(&t->caps, y, x, &t->out);
	t->cy = y;
	t->cx = x;
}

/* Row y's changed cells (t->line against the front); false when one cannot be sent. */
static bool send_row(struct term_out *t, int y, bool colors)
{
	cchar_t *front = t->front + (size_t)y * (size_t)t->cols;

	/* A touched row is mostly the same: one comparison finds those that are. */
	if (!memcmp(front, t->line, (size_t)t->cols * sizeof(cchar_t)))
		return true;
	for (int x = 0; x < t->cols; x++) {
		char g[4];
		attr_t a;
		int pair;
		size_t n;

		/* Runs of unchanged cells are passed a block at a time. */
		if (!(x % TERM_OUT_BLOCK) && x + TERM_OUT_BLOCK <= t->cols &&
		    !memcmp(&front[x], &t->line[x], TERM_OUT_BLOCK * sizeof(cchar_t))) {
			x += TERM_OUT_BLOCK - 1;
			continue;
		}
		if (!memcmp(&front[x], &t->line[x], sizeof(cchar_t)))
			continue;
		n = term_caps_glyph(&t->caps, &t->line[x], g, &a, &pair);
		if (!n || !note_pair(t, pair))
			return false;
		move_to(t, y, x, colors);
		if (!term_pen_is(&t->caps, &t->pen, a, pair, colors))
			term_caps_pen(&t->caps, &t->pen, a, pair, colors, &t->out);
		term_buf_glyph(&t->out, g, n);
		front[x] = t->line[x];
		/* Past the last column the cursor waits to wrap (xenl): address it next time. */
		if (++t->cx >= t->cols)
			t->cy = -1;
	}
	return true;
}

static bool send_changes(struct term_out *t)
{
	bool colors = COLOR_PAIRS > 0, all = colors && recheck_pairs(t);
	int cy, cx;

	/* The last frame's room is kept: most frames are alike in size. */
	stream_buf_reset(&t->out.bytes, TERM_OUT_KEEP);
	t->out.failed = false;
	t->took = true;
	getyx(stdscr, cy, cx);
	for (int y = 0; y < t->rows; y++) {
		if (!all && !is_linetouched(stdscr, y))
			continue;
		mvwin_wchnstr(stdscr, y, 0, t->line, t->cols);
		if (!send_row(t, y, colors)) {
			wmove(stdscr, cy, cx);
			return false;
		}
	}
	if (stream_buf_pending(&t->out.bytes)) {
		term_caps_normal(&t->caps, &t->pen, colors, &t->out);
		if (t->out.failed)
			return false;
		write_all(t->fd, t->out.bytes.data + t->out.bytes.head,
			  stream_buf_pending(&t->out.bytes));
		t->drew = true;
	}
	/* As wnoutrefresh and doupdate: the rows are on the terminal now. */
	settle_stdscr(cy, cx);
	t->n.ours++;
	return true;
}

void term_out_present(struct term_out *t)
{
	if (!t) {
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	if (!t->on || !t->have_front || isendwin() || is_cleared(curscr) ||
	    is_cleared(stdscr) || getmaxy(stdscr) != t->rows || getmaxx(stdscr) != t->cols) {
		by_ncurses(t);
		return;
	}
	if (!send_changes(t)) {
		give_up(t, t->out.failed ? "out of memory" : "a cell term_out cannot send");
		by_ncurses(t);
	}
}
