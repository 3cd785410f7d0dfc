/* Sparklines over a history window, with gaps kept visible.  See widgets.h. */
#include "widgets.h"

#include <math.h>

int widget_sparkline_level(double v, double max, int levels)
{
	double l;

	if (isnan(v))
		return -1;
	if (!(v > 0) || levels < 1)
		return 0;
	if (!(max > 0) || v >= max)
		return levels;
	/* Any value above zero shows: a single retry must not vanish. */
	l = ceil(v / max * levels);
	return l < 1 ? 1 : l > levels ? levels : (int)l;
}

void widget_sparkline_draw(WINDOW *win, int y, int x, int w, const struct widget_env *env,
			   const double *v, size_t n, double max, bool alert_nonzero)
{
	const struct glyphs *g = env->gl;
	const attr_t *pal = env->pal->attr;
	size_t shown, start, i;
	int col;

	if (w > getmaxx(win) - x)
		w = getmaxx(win) - x;   /* never wrap onto the next line */
	if (w <= 0 || wmove(win, y, x) == ERR)
		return;
	shown = n < (size_t)w ? n : (size_t)w;
	start = n - shown;
	if (!(max > 0)) {
		max = 0;
		for (i = start; i < n; i++)
			if (v[i] > max)
				max = v[i];
	}
	wattrset(win, (int)pal[UI_SPARKLINE]);
	for (col = 0; col < w - (int)shown; col++)
		waddch(win, ' ');
	for (i = start; i < n; i++) {
		int l = widget_sparkline_level(v[i], max, g->spark_levels);

		if (l < 0) {
			wattrset(win, (int)pal[UI_GAP]);
			waddstr(win, g->spark_gap);
		} else {
			bool hot = l > 0 && alert_nonzero;

			wattrset(win, (int)pal[hot ? UI_SPARKLINE_ALERT : UI_SPARKLINE]);
			waddstr(win, g->spark[l]);
		}
	}
	wattrset(win, A_NORMAL);
}
