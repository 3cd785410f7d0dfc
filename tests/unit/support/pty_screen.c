/* An ncurses screen on a pseudo-terminal for widget tests: see pty_screen.h. */
#include "pty_screen.h"
#include "mt_clock.h"
#include "stream_buf.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#define FLUSH_MARKER "\033]777;pty-screen-end\007"
#define FLUSH_DEADLINE_MS 5000

int pty_screen_open(struct pty_screen *ps, int cols, int rows, const char *term)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	const char *name;

	memset(ps, 0, sizeof(*ps));
	ps->master = ps->slave = -1;
	ps->cols = cols;
	ps->rows = rows;
	ps->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (ps->master < 0 || grantpt(ps->master) != 0 || unlockpt(ps->master) != 0 ||
	    !(name = ptsname(ps->master))) {
		snprintf(ps->err, sizeof(ps->err), "posix_openpt: %s", strerror(errno));
		goto fail;
	}
	ps->slave = open(name, O_RDWR | O_NOCTTY);
	if (ps->slave < 0) {
		snprintf(ps->err, sizeof(ps->err), "open %s: %s", name, strerror(errno));
		goto fail;
	}
	if (ioctl(ps->master, TIOCSWINSZ, &ws) != 0) {
		snprintf(ps->err, sizeof(ps->err), "TIOCSWINSZ: %s", strerror(errno));
		goto fail;
	}
	ps->out = fdopen(dup(ps->slave), "w");
	ps->in = fdopen(dup(ps->slave), "r");
	if (!ps->out || !ps->in) {
		snprintf(ps->err, sizeof(ps->err), "fdopen: %s", strerror(errno));
		goto fail;
	}
	/* The pty's size, not LINES/COLUMNS from the environment, decides. */
	use_env(TRUE);
	use_tioctl(TRUE);
	ps->scr = newterm(term ? term : "xterm-256color", ps->out, ps->in);
	if (!ps->scr) {
		snprintf(ps->err, sizeof(ps->err), "newterm(%s) failed",
			 term ? term : "xterm-256color");
		goto fail;
	}
	set_term(ps->scr);
	ps->win = stdscr;
	if (getmaxx(ps->win) != cols || getmaxy(ps->win) != rows) {
		snprintf(ps->err, sizeof(ps->err), "screen is %dx%d, wanted %dx%d",
			 getmaxx(ps->win), getmaxy(ps->win), cols, rows);
		goto fail;
	}
	return 0;
fail:
	pty_screen_close(ps);
	return -1;
}

void pty_screen_close(struct pty_screen *ps)
{
	if (ps->scr) {
		set_term(ps->scr);
		endwin();
		delscreen(ps->scr);
		ps->scr = NULL;
	}
	if (ps->out)
		fclose(ps->out);
	if (ps->in)
		fclose(ps->in);
	if (ps->slave >= 0)
		close(ps->slave);
	if (ps->master >= 0)
		close(ps->master);
	free(ps->bytes);
	ps->out = ps->in = NULL;
	ps->slave = ps->master = -1;
	ps->bytes = NULL;
	ps->nbytes = 0;
}

/* UTF-8 encoding of one code point; returns bytes written (buf holds >= 4). */
static size_t utf8_put(unsigned long c, char *buf)
{
	if (c < 0x80) {
		buf[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		buf[0] = (char)(0xc0 | (c >> 6));
		buf[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		buf[0] = (char)(0xe0 | (c >> 12));
		buf[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	buf[0] = (char)(0xf0 | (c >> 18));
	buf[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	buf[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	buf[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* The box-drawing character a VT100 alternate-charset code stands for. */
static unsigned long acs_meaning(char c)
{
	switch (c) {
	case 'q': return 0x2500;
	case 'x': return 0x2502;
	case 'l': return 0x250c;
	case 'k': return 0x2510;
	case 'm': return 0x2514;
	case 'j': return 0x2518;
	default: return (unsigned char)c;
	}
}

/* One cell's text (spacing character plus combining ones) as UTF-8. */
static size_t cell_text(const struct pty_screen *ps, int y, int x, char *buf, size_t len)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1];
	attr_t attrs;
	short pair;
	size_t n = 0, i;

	if (len < 5)
		return 0;
	if (mvwin_wch(ps->win, y, x, &cc) == ERR ||
	    getcchar(&cc, wch, &attrs, &pair, NULL) == ERR) {
		buf[n++] = '\0';
		return 0;
	}
	for (i = 0; i < CCHARW_MAX && wch[i] && n + 4 < len; i++) {
		if ((attrs & A_ALTCHARSET) && wch[i] < 0x80) {
			/* An ACS character: read it back as the line it draws. */
			n += utf8_put(acs_meaning((char)wch[i]), buf + n);
			continue;
		}
		n += utf8_put((unsigned long)wch[i], buf + n);
	}
	buf[n] = '\0';
	return n;
}

char *pty_screen_text(const struct pty_screen *ps, int y, int x, int n, char *buf, size_t len)
{
	size_t used = 0;
	int i;

	if (!len)
		return buf;
	buf[0] = '\0';
	for (i = x; i < x + n && i < ps->cols; i++) {
		char cell[32];
		size_t k = cell_text(ps, y, i, cell, sizeof(cell));

		if (used + k + 1 > len)
			break;
		memcpy(buf + used, cell, k);
		used += k;
	}
	buf[used] = '\0';
	return buf;
}

char *pty_screen_row(const struct pty_screen *ps, int y, char *buf, size_t len)
{
	size_t n;

	pty_screen_text(ps, y, 0, ps->cols, buf, len);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return buf;
}

attr_t pty_screen_attr(const struct pty_screen *ps, int y, int x)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1];
	attr_t attrs = 0;
	short pair;

	if (mvwin_wch(ps->win, y, x, &cc) == ERR || getcchar(&cc, wch, &attrs, &pair, NULL) == ERR)
		return 0;
	return attrs & ~(A_COLOR | A_CHARTEXT);
}

/* Cell index of byte offset `off` in a row's UTF-8 text. */
static int cell_of_offset(const char *row, size_t off)
{
	int cells = 0;
	size_t i;

	for (i = 0; i < off; i++)
		if (((unsigned char)row[i] & 0xc0) != 0x80)
			cells++;
	return cells;
}

int pty_screen_find(const struct pty_screen *ps, int y, const char *s, int *row)
{
	char buf[4096];
	int y0 = y < 0 ? 0 : y, y1 = y < 0 ? ps->rows - 1 : y;

	for (y = y0; y <= y1; y++) {
		const char *hit;

		pty_screen_text(ps, y, 0, ps->cols, buf, sizeof(buf));
		hit = strstr(buf, s);
		if (hit) {
			if (row)
				*row = y;
			return cell_of_offset(buf, (size_t)(hit - buf));
		}
	}
	return -1;
}

int pty_screen_count(const struct pty_screen *ps, int y, int x, int n, const char *glyph)
{
	int i, count = 0;

	for (i = x; i < x + n && i < ps->cols; i++) {
		char cell[32];

		cell_text(ps, y, i, cell, sizeof(cell));
		if (strcmp(cell, glyph) == 0)
			count++;
	}
	return count;
}

/* ---- capturing output --------------------------------------------------- */

struct reader {
	int fd;
	struct stream_buf out;   /* head stays 0: nothing is consumed */
	int error;               /* errno, or ETIMEDOUT */
};

static bool has_marker(const struct reader *r)
{
	size_t m = strlen(FLUSH_MARKER);

	return r->out.len >= m && memmem(r->out.data, r->out.len, FLUSH_MARKER, m) != NULL;
}

static void *reader_main(void *arg)
{
	struct reader *r = arg;
	double deadline = mt_now() + FLUSH_DEADLINE_MS / 1000.0;

	while (!has_marker(r)) {
		struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
		long left = (long)((deadline - mt_now()) * 1000.0);
		ssize_t n;
		int rc;

		if (left <= 0) {
			r->error = ETIMEDOUT;
			break;
		}
		rc = poll(&pfd, 1, (int)left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			continue;
		if (stream_buf_reserve(&r->out, 4096) < 0) {
			r->error = ENOMEM;
			break;
		}
		n = read(r->fd, r->out.data + r->out.len, r->out.cap - r->out.len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			r->error = n < 0 ? errno : EIO;
			break;
		}
		r->out.len += (size_t)n;
	}
	return NULL;
}

int pty_screen_flush(struct pty_screen *ps)
{
	struct reader r = { .fd = ps->master };
	pthread_t th;
	size_t m = strlen(FLUSH_MARKER);
	int rc;

	rc = pthread_create(&th, NULL, reader_main, &r);
	if (rc != 0) {
		snprintf(ps->err, sizeof(ps->err), "pthread_create: %s", strerror(rc));
		return -1;
	}
	set_term(ps->scr);
	wnoutrefresh(ps->win);
	doupdate();
	fflush(ps->out);
	/* Everything ncurses wrote is in the pty before the marker is. */
	if (write(ps->slave, FLUSH_MARKER, m) != (ssize_t)m)
		snprintf(ps->err, sizeof(ps->err), "writing the marker: %s", strerror(errno));
	pthread_join(th, NULL);
	free(ps->bytes);
	ps->bytes = r.out.data;
	ps->nbytes = 0;
	if (r.error || !r.out.data) {
		snprintf(ps->err, sizeof(ps->err), "capturing output: %s", strerror(r.error));
		return -1;
	}
	/* Keep only what ncurses wrote. */
	ps->nbytes = (size_t)((char *)memmem(r.out.data, r.out.len, FLUSH_MARKER, m) - r.out.data);
	ps->bytes[ps->nbytes] = '\0';
	return 0;
}
