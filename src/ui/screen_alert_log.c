/* screen_alert_log: every alert the engine remembers, newest first, in an overlay box. */
#include <stdio.h>
#include <string.h>

#include "screens.h"

#define LOG_LINE_LEN (ALERT_TEXT_LEN + 64)

static void format_entry(const struct alert *a, char *buf, size_t len)
{
	char start[16], end[16];

	screen_clock(a->start_wall, start, sizeof(start));
	if (a->active)
		snprintf(end, sizeof(end), "active  ");
	else
		screen_clock(a->end_wall, end, sizeof(end));
	/* The ack mark before the text: a long text is cut at the box edge. */
	snprintf(buf, len, "%s %s %-4s %-3s %s", start, end,
		 a->severity == ALERT_CRITICAL ? "CRIT" : "warn", a->acked ? "ack" : "", a->text);
}

void screen_alert_log_plan(int cols, int rows, const struct screen_data *d,
			   struct dash_state *st, struct overlay_plan *p)
{
	memset(p, 0, sizeof(*p));
	p->box = screen_overlay_rect(cols, rows);
	if (p->box.w < 3 || p->box.h < 4) {
		p->box = (struct rect){ 0, 0, 0, 0 };
		return;
	}
	p->total = d->alerts ? alerts_log_count(d->alerts) : 0;
	p->page = (size_t)(p->box.h - 3);   /* one row for the column titles */
	dash_scroll_resize(&st->log, p->total, p->page);
}

void screen_alert_log_draw(WINDOW *win, const struct widget_env *env,
			   const struct screen_data *d, const struct dash_state *st,
			   const struct overlay_plan *p)
{
	char title[64], line[LOG_LINE_LEN];
	size_t n = p->total;
	struct rect r = p->box;
	int inner_h = (int)p->page, inner_w = r.w - 4, y0;

	if (rect_empty(r))
		return;
	widget_clear(win, r, env);
	snprintf(title, sizeof(title), "Alert log: %zu, newest first (Esc closes)", n);
	widget_box(win, r, env, title);
	if (inner_w <= 0)
		return;
	widget_text(win, r.y + 1, r.x + 2, inner_w, env->pal->attr[UI_LABEL], env,
		    "start    end      sev  ack what");
	y0 = r.y + 2;
	if (n == 0) {
		widget_text(win, y0, r.x + 2, inner_w, env->pal->attr[UI_DIM], env,
			    "No alert so far.");
		return;
	}
	for (int i = 0; i < inner_h && st->log.offset + (size_t)i < n; i++) {
		struct alert a;
		enum ui_element el;

		if (!alerts_log_get(d->alerts, st->log.offset + (size_t)i, &a))
			break;
		format_entry(&a, line, sizeof(line));
		if (!a.active)
			el = UI_DIM;
		else
			el = a.severity == ALERT_CRITICAL ? UI_ALERT_CRITICAL : UI_ALERT_WARNING;
		widget_text(win, y0 + i, r.x + 2, inner_w, env->pal->attr[el], env, line);
	}
	if (st->log.offset + (size_t)inner_h < n && r.w > 24)
		widget_text(win, r.y + r.h - 1, r.x + r.w - 22, 20, env->pal->attr[UI_TITLE], env,
			    " more: Down/PgDn ");
}
