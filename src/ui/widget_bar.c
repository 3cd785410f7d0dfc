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
	int nu, nc, i, w = r.w;

	if (w > getmaxx(win) - r.x)
		w = getmaxx(win) - r.x;   /* never wrap onto the next line */
	if (w <= 0 || r.h <= 0 || wmove(win, r.y, r.x) == ERR)
		return;
	widget_bar_cells(w, v->used, v->cached, v->total, &nu, &nc);
	for (i = 0; i < w; i++) {
		if (i < nu) {
			wattrset(win, (int)env->pal->attr[UI_BAR_USED]);
			waddstr(win, g->bar_used);
		} else if (i < nu + nc) {
			wattrset(win, (int)env->pal->attr[UI_BAR_CACHED]);
			waddstr(win, g->bar_cached);
		} else {
			wattrset(win, (int)env->pal->attr[UI_BAR_FREE]);
			waddstr(win, g->bar_free);
		}
	}
	wattrset(win, A_NORMAL);
}
