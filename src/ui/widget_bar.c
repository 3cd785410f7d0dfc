/* Utilization bars: used, cached and free cells.  See widgets.h. */
#include "widgets.h"

#include <math.h>

/* Cells for a share f of w: never hides a non-zero share, never fills when not full. */
static int share_cells(double f, int w)
{
	long n;

	if (!(f > 0))
		return 0;
	if (f >= 1)
		return w;
	n = lround(f * w);
	if (n < 1)
		n = 1;
	if (n >= w && w > 1)
		n = w - 1;
	return (int)(n > w ? w : n);
}

void widget_bar_cells(int w, double used, double cached, double total, int *nused, int *ncached)
{
	double fu, fc;
	int nu, nt;

	*nused = *ncached = 0;
	if (w <= 0 || !(total > 0) || isinf(total))
		return;
	fu = used > 0 ? used / total : 0;     /* NaN compares false: no cells */
	fc = cached > 0 ? cached / total : 0;
	if (fu > 1)
		fu = 1;
	if (fu + fc > 1)
		fc = 1 - fu;
	nu = share_cells(fu, w);
	nt = share_cells(fu + fc, w);
	if (fc > 0 && nt <= nu && nu < w)
		nt = nu + 1;
	if (nt < nu)
		nt = nu;
	*nused = nu;
	*ncached = nt - nu;
}

void widget_bar_draw(WINDOW *win, int y, int x, int w, const struct widget_env *env,
		     double used, double cached, double total)
{
	const struct glyphs *g = env->gl;
	int nu, nc, i;

	widget_bar_cells(w, used, cached, total, &nu, &nc);
	wmove(win, y, x);
	for (i = 0; i < w; i++) {
		enum ui_element e = i < nu ? UI_BAR_USED : i < nu + nc ? UI_BAR_CACHED : UI_BAR_FREE;
		const char *glyph = i < nu ? g->bar_used : i < nu + nc ? g->bar_cached : g->bar_free;

		wattrset(win, (int)env->pal->attr[e]);
		waddstr(win, glyph);
	}
	wattrset(win, A_NORMAL);
}
