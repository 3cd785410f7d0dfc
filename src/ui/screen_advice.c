/*
 * screen_advice: the sizing advisor's advice (advisor.h) in an overlay box,
 * key v.  A reason is worth more whole over two lines than cut: lines wrap
 * at blanks, a continued line indented, and the scroll counts wrapped rows.
 */
#include <stdio.h>
#include <string.h>

#include "screens.h"

#define ADVICE_ROWS_MAX 64
#define ADVICE_INDENT 4

struct advice_row {
	const char *s;
	size_t len;
	int indent;
	enum ui_element el;
};

/* Every row of the advice in w columns, into rows (at most max); how many. */
static size_t advice_rows(const struct widget_env *env, const struct screen_data *d,
			  const struct advice_text *t, int w, struct advice_row *rows, size_t max)
{
	size_t n = 0;

	for (size_t li = 0; li < t->n + 2; li++) {
		const char *s = li < t->n ? t->line[li] : li == t->n ? "" :
			d->read_only ? "--read-only: the counts cannot be changed from here"
				     : "c opens the pool-count dialog with these counts";
		enum ui_element el = li == 0 ? UI_LABEL : li > t->n ? UI_FOOTER_KEY : UI_NORMAL;
		size_t skip = 0;
		int indent = 0;

		do {
			size_t len = widget_wrap_line(env, s, w - indent, &skip);

			if (n < max)
				rows[n++] = (struct advice_row){ s, len, indent, el };
			s += skip;
			indent = ADVICE_INDENT;
		} while (*s && w > ADVICE_INDENT);
	}
	return n;
}

void screen_advice_plan(int cols, int rows, const struct widget_env *env,
			const struct screen_data *d, struct dash_state *st, struct overlay_plan *p)
{
	struct advice_row r[ADVICE_ROWS_MAX];
	struct advice_text t = { 0 };

	memset(p, 0, sizeof(*p));
	/* Reasons are up to 100 columns (ADVICE_REASON_LEN): wider when the screen is. */
	p->box = screen_overlay_rect_wide(cols, rows, 112);
	if (p->box.w < 5 || p->box.h < 3) {
		p->box = (struct rect){ 0, 0, 0, 0 };
		return;
	}
	if (d->advice)
		advice_text(d->advice, &t);
	p->total = advice_rows(env, d, &t, p->box.w - 4, r, ADVICE_ROWS_MAX);
	p->page = (size_t)(p->box.h - 2);
	dash_scroll_resize(&st->advice, p->total, p->page);
}

void screen_advice_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
			const struct dash_state *st, const struct overlay_plan *p)
{
	struct advice_row rows[ADVICE_ROWS_MAX];
	struct advice_text t = { 0 };
	struct rect r = p->box;
	int inner_w = r.w - 4;
	char line[ADVICE_LINE_LEN];
	size_t n;

	if (rect_empty(r) || inner_w <= 0)
		return;
	if (d->advice)
		advice_text(d->advice, &t);
	widget_clear(win, r, env);
	widget_box(win, r, env, "Sizing advice (v or Esc closes)");
	n = advice_rows(env, d, &t, inner_w, rows, ADVICE_ROWS_MAX);
	for (size_t i = 0; st->advice.offset + i < n && i < p->page; i++) {
		const struct advice_row *w = &rows[st->advice.offset + i];

		snprintf(line, sizeof(line), "%.*s", (int)w->len, w->s);
		widget_text(win, r.y + 1 + (int)i, r.x + 2 + w->indent, inner_w - w->indent,
			    env->pal->attr[w->el], env, line);
	}
}
