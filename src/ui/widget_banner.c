/* The alert banner: the worst active alert, or a calm OK line.  See widgets.h. */
#include "widgets.h"

#include <stdio.h>

void widget_banner_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			const struct banner_view *v)
{
	const struct alerts_summary *s = v->sum;
	const attr_t *pal = env->pal->attr;
	char right[64] = "", more[24] = "";
	const char *marker;
	bool critical, unacked;
	attr_t a;
	int rw, lw;

	if (rect_empty(r))
		return;
	if (!s || !s->has_top || s->active == 0) {
		a = pal[UI_ALERT_OK];
		/* "OK" in the markers' column, the words where an alert's text starts. */
		mvwhline(win, r.y, r.x, ' ' | a, r.w);
		widget_text(win, r.y, r.x, r.w - 1, a, env, "OK no active alerts");
		return;
	}
	critical = s->top.severity == ALERT_CRITICAL;
	unacked = s->unacked_critical > 0;
	a = pal[critical ? UI_ALERT_CRITICAL : UI_ALERT_WARNING];
	if (unacked) {
		/* The flash toggles emphasis; the "!!" and "(ack: a)" carry it in monochrome. */
		if (v->emphasis)
			a |= A_REVERSE | A_BOLD;
		else
			a &= ~(attr_t)(A_REVERSE | A_BOLD);
	}
	a &= ~(attr_t)A_BLINK;
	marker = critical ? "!!" : "! ";

	if (s->others)
		snprintf(more, sizeof(more), "+%zu more", s->others);
	snprintf(right, sizeof(right), "%s%s%s", more, more[0] && (unacked || critical) ? "  " : "",
		 unacked ? "(ack: a)" : critical ? "(acked)" : "");

	mvwhline(win, r.y, r.x, ' ' | a, r.w);
	rw = widget_text_width(env, right);
	if (rw > r.w - 8)
		rw = 0;   /* the alert itself matters more than the count */
	if (rw)
		widget_text(win, r.y, r.x + r.w - 1 - rw, rw, a, env, right);
	lw = r.w - 1 - (rw ? rw + 2 : 0);
	widget_text(win, r.y, r.x, lw, a, env, marker);
	if (lw > 3)
		widget_text(win, r.y, r.x + 3, lw - 3, a, env, s->top.text);
}
