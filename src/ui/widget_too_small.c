/* The only thing drawn on a terminal below the smallest usable size.  See widgets.h. */
#include "widgets.h"

#include <stdio.h>
#include <string.h>

void widget_too_small_draw(WINDOW *win, int cols, int rows, const struct widget_env *env)
{
	const attr_t a = env->pal->attr[UI_NORMAL];
	char msg[96], lines[3][48];
	int n, i, wx = getmaxx(win), wy = getmaxy(win), y0;

	if (cols > wx)
		cols = wx;
	if (rows > wy)
		rows = wy;
	wbkgdset(win, ' ' | a);
	werase(win);
	if (cols <= 0 || rows <= 0)
		return;
	snprintf(msg, sizeof(msg), "terminal too small: need %dx%d, have %dx%d",
		 LAYOUT_GOOD_COLS, LAYOUT_GOOD_ROWS, cols, rows);
	/* On one line when it fits, else broken at its natural places. */
	if ((int)strlen(msg) <= cols) {
		snprintf(lines[0], sizeof(lines[0]), "%s", msg);
		n = 1;
	} else {
		snprintf(lines[0], sizeof(lines[0]), "terminal too small:");
		snprintf(lines[1], sizeof(lines[1]), "need %dx%d,", LAYOUT_GOOD_COLS,
			 LAYOUT_GOOD_ROWS);
		snprintf(lines[2], sizeof(lines[2]), "have %dx%d", cols, rows);
		n = 3;
	}
	if (n > rows)
		n = rows;
	y0 = (rows - n) / 2;
	for (i = 0; i < n; i++) {
		int len = (int)strlen(lines[i]);
		int x = len < cols ? (cols - len) / 2 : 0;

		widget_text(win, y0 + i, x, cols - x, env->pal->attr[UI_ALERT_WARNING], env,
			    lines[i]);
	}
}
