/* bench_screen: a counted ncurses screen for the benchmarks (see the header). */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench_screen.h"
#include "theme.h"
#include "term_out.h"
#include "ui_term.h"

int bench_screen_open(struct bench_screen *s, int cols, int rows)
{
	struct theme th;

	memset(s, 0, sizeof(*s));
	s->cols = cols;
	s->rows = rows;
	if (!setlocale(LC_ALL, "C.UTF-8"))
		fputs("C.UTF-8 locale missing: glyphs drawn in UTF-8 anyway\n", stderr);
	s->out = tmpfile();
	s->in = fopen("/dev/null", "r");
	if (!s->out || !s->in) {
		perror("bench_screen: tmpfile");
		return -1;
	}
	s->scr = ui_term_newterm("xterm-256color", s->out, s->in, &s->oldtstp);
	if (!s->scr) {
		fputs("newterm(xterm-256color) failed: is terminfo installed?\n", stderr);
		return -1;
	}
	set_term(s->scr);
	ui_term_settle();
	resizeterm(rows, cols);
	curs_set(0);
	leaveok(stdscr, TRUE);
	start_color();
	use_default_colors();
	theme_builtin("default", &th);
	theme_to_palette(&th, true, COLORS, false, &s->pal);
	wbkgdset(stdscr, ' ' | s->pal.attr[UI_NORMAL]);
	glyphs_init(&s->gl, GLYPHS_UTF8);
	/* As the dashboard draws (ui_term_present); MEMTOP_DOUPDATE as there. */
	s->out_writer = term_out_new(fileno(s->out), term_out_wanted(getenv("MEMTOP_DOUPDATE")));
	s->env.pal = &s->pal;
	s->env.gl = &s->gl;
	screen_painter_init(&s->painter);
	return 0;
}

void bench_screen_close(struct bench_screen *s)
{
	term_out_free(s->out_writer);
	if (s->scr) {
		endwin();
		delscreen(s->scr);
		sigaction(SIGTSTP, &s->oldtstp, NULL);
	}
	if (s->out)
		fclose(s->out);
	if (s->in)
		fclose(s->in);
	memset(s, 0, sizeof(*s));
}

void bench_screen_frame(struct bench_screen *s, const struct screen_data *d,
			struct dash_state *st, unsigned changes)
{
	screen_paint(&s->painter, stdscr, s->cols, s->rows, &s->env, d, st, changes);
	term_out_present(s->out_writer);
}

long bench_screen_sent(struct bench_screen *s)
{
	struct stat sb;
	long before = s->written;

	if (fstat(fileno(s->out), &sb) == 0)
		s->written = (long)sb.st_size;
	return s->written - before;
}

bool bench_screen_has(const struct bench_screen *s, const char *text)
{
	char row[1024];

	for (int y = 0; y < s->rows; y++) {
		int n = s->cols < (int)sizeof(row) - 1 ? s->cols : (int)sizeof(row) - 1;

		if (mvwinnstr(stdscr, y, 0, row, n) != ERR && strstr(row, text))
			return true;
	}
	return false;
}
