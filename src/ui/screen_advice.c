/* screen_advice: the sizing advisor's advice (advisor.h) in an overlay box, key v. */
#include <string.h>

#include "screens.h"

void screen_advice_plan(int cols, int rows, const struct screen_data *d, struct dash_state *st,
			struct overlay_plan *p)
{
	struct advice_text t = { 0 };

	memset(p, 0, sizeof(*p));
	/* Reasons are up to 100 columns (ADVICE_REASON_LEN): wider when the screen is. */
	p->box = screen_overlay_rect_wide(cols, rows, 112);
	if (p->box.w < 3 || p->box.h < 3) {
		p->box = (struct rect){ 0, 0, 0, 0 };
		return;
	}
	if (d->advice)
		advice_text(d->advice, &t);
	p->total = t.n + 2;   /* and the line about c */
	p->page = (size_t)(p->box.h - 2);
	dash_scroll_resize(&st->advice, p->total, p->page);
}

void screen_advice_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
			const struct dash_state *st, const struct overlay_plan *p)
{
	struct advice_text t = { 0 };
	struct rect r = p->box;
	int inner_w = r.w - 4;
	size_t i, n;

	if (rect_empty(r) || inner_w <= 0)
		return;
	if (d->advice)
		advice_text(d->advice, &t);
	widget_clear(win, r, env);
	widget_box(win, r, env, "Sizing advice (v or Esc closes)");
	n = t.n + 2;
	for (i = 0; st->advice.offset + i < n && i < p->page; i++) {
		size_t li = st->advice.offset + i;
		const char *s = li < t.n ? t.line[li] : li == t.n ? "" :
			d->read_only ? "--read-only: the counts cannot be changed from here"
				     : "c opens the pool-count dialog with these counts";
		attr_t a = env->pal->attr[li == 0 ? UI_LABEL : li > t.n ? UI_FOOTER_KEY : UI_NORMAL];

		widget_text(win, r.y + 1 + (int)i, r.x + 2, inner_w, a, env, s);
	}
}
