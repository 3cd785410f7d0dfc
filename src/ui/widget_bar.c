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

void widget_bar_draw(WINDOW *win, struct rect r, const struct widget_env *env,
		     const struct bar_view *v)
{
	const struct glyphs *g = env->gl;
	const attr_t *pal = env->pal->attr;
	int nu, nc, w = r.w;
	cchar_t used, cached, free_cell;

	if (w > getmaxx(win) - r.x)
		w = getmaxx(win) - r.x;   /* never wrap onto the next line */
	if (w <= 0 || r.h <= 0 || wmove(win, r.y, r.x) == ERR)
		return;
	widget_bar_cells(w, v->used, v->cached, v->total, &nu, &nc);
	/* Three runs of one cell each: a cell at a time through waddstr was a moving bar's cost. */
	widget_cell(&used, g->bar_wc[GLYPH_BAR_USED], pal[UI_BAR_USED]);
	widget_cell(&cached, g->bar_wc[GLYPH_BAR_CACHED], pal[UI_BAR_CACHED]);
	widget_cell(&free_cell, g->bar_wc[GLYPH_BAR_FREE], pal[UI_BAR_FREE]);
	if (nu > 0)
		mvwhline_set(win, r.y, r.x, &used, nu);
	if (nc > 0)
		mvwhline_set(win, r.y, r.x + nu, &cached, nc);
	if (w - nu - nc > 0)
		mvwhline_set(win, r.y, r.x + nu + nc, &free_cell, w - nu - nc);
	wattrset(win, A_NORMAL);
}
