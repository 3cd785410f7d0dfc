/* The only thing drawn on a terminal below the smallest usable size.  See widgets.h. */
#include "widgets.h"

#include <stdio.h>
#include <string.h>

void widget_too_small_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			   const struct too_small_view *v)
{
	const attr_t a = env->pal->attr[UI_ALERT_WARNING];
	char lines[3][96];
	int n, i, wx = getmaxx(win), wy = getmaxy(win), y0;

	/* Past the window's edges ncurses would wrap or fail. */
	if (r.w > wx - r.x)
		r.w = wx - r.x;
	if (r.h > wy - r.y)
		r.h = wy - r.y;
	widget_clear(win, r, env);
	if (rect_empty(r))
		return;
	/* The real minimum first: 80x24 is only where nothing is left out. */
	snprintf(lines[0], sizeof(lines[0]), "terminal too small: need %dx%d (%dx%d for the full "
		 "view), have %dx%d", LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, LAYOUT_GOOD_COLS,
		 LAYOUT_GOOD_ROWS, v->cols, v->rows);
	n = 1;
	if ((int)strlen(lines[0]) > r.w) {
		/* Broken at its natural places, what to do before why. */
		snprintf(lines[0], sizeof(lines[0]), "terminal too small:");
		snprintf(lines[1], sizeof(lines[1]), "need %dx%d, have %dx%d", LAYOUT_MIN_COLS,
			 LAYOUT_MIN_ROWS, v->cols, v->rows);
		snprintf(lines[2], sizeof(lines[2]), "(%dx%d for the full view)", LAYOUT_GOOD_COLS,
			 LAYOUT_GOOD_ROWS);
		n = 3;
	}
	if (n > r.h)
		n = r.h;
	y0 = r.y + (r.h - n) / 2;
	for (i = 0; i < n; i++) {
		int len = (int)strlen(lines[i]);
		int x = len < r.w ? (r.w - len) / 2 : 0;

		widget_text(win, y0 + i, r.x + x, r.w - x, a, env, lines[i]);
	}
}
