/* The only thing drawn on a terminal below the smallest usable size.  See widgets.h. */
#include "widgets.h"

#include <stdio.h>
#include <string.h>

void widget_too_small_draw(WINDOW *win, int cols, int rows, const struct widget_env *env)
{
	const attr_t a = env->pal->attr[UI_ALERT_WARNING];
	char lines[3][96];
	int n, i, wx = getmaxx(win), wy = getmaxy(win), y0;

	if (cols > wx)
		cols = wx;
	if (rows > wy)
		rows = wy;
	wbkgdset(win, ' ' | env->pal->attr[UI_NORMAL]);
	werase(win);
	if (cols <= 0 || rows <= 0)
		return;
	/* The real minimum first: 80x24 is only where nothing is left out. */
	snprintf(lines[0], sizeof(lines[0]), "terminal too small: need %dx%d (%dx%d for the full "
		 "view), have %dx%d", LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, LAYOUT_GOOD_COLS,
		 LAYOUT_GOOD_ROWS, cols, rows);
	n = 1;
	if ((int)strlen(lines[0]) > cols) {
		/* Broken at its natural places, what to do before why. */
		snprintf(lines[0], sizeof(lines[0]), "terminal too small:");
		snprintf(lines[1], sizeof(lines[1]), "need %dx%d, have %dx%d", LAYOUT_MIN_COLS,
			 LAYOUT_MIN_ROWS, cols, rows);
		snprintf(lines[2], sizeof(lines[2]), "(%dx%d for the full view)", LAYOUT_GOOD_COLS,
			 LAYOUT_GOOD_ROWS);
		n = 3;
	}
	if (n > rows)
		n = rows;
	y0 = (rows - n) / 2;
	for (i = 0; i < n; i++) {
		int len = (int)strlen(lines[i]);
		int x = len < cols ? (cols - len) / 2 : 0;

		widget_text(win, y0 + i, x, cols - x, a, env, lines[i]);
	}
}
