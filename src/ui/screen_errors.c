/* screen_errors: every collection error so far, current ones first, in an overlay box. */
#include <stdio.h>
#include <string.h>

#include "screens.h"

/* Messages are long (paths): on a wide screen the box takes more than the others. */
#define ERRORS_MAX_W 160
#define MSG_INDENT 2
#define NOTE_LEN 128
#define ROWS_MAX 256   /* lines one frame shows at most */

enum row_kind { ROW_DROPPED, ROW_META, ROW_MSG, ROW_FORGOTTEN };

/* One line of the overlay's content. */
struct row {
	enum row_kind kind;
	const struct error_log_entry *e;   /* ROW_META, ROW_MSG */
	size_t off, len;                   /* ROW_MSG: bytes of e->msg on this line */
};

/*
 * Walks the content in w columns: counts every line, and copies lines
 * first .. first+max-1 into out.  Returns the total.
 */
static size_t layout_rows(const struct widget_env *env, const struct error_log *l, int w,
			  size_t first, size_t max, struct row *out)
{
	size_t total = 0;

#define EMIT(...)                                                   \
	do {                                                        \
		if (total >= first && total - first < max)          \
			out[total - first] = (struct row){ __VA_ARGS__ }; \
		total++;                                            \
	} while (0)

	if (l->latest_dropped)
		EMIT(.kind = ROW_DROPPED);
	for (size_t i = 0; i < l->n; i++) {
		const struct error_log_entry *e = &l->e[i];
		size_t off = 0, len, skip;

		EMIT(.kind = ROW_META, .e = e);
		while (e->msg[off]) {
			len = widget_wrap_line(env, e->msg + off, w - MSG_INDENT, &skip);
			EMIT(.kind = ROW_MSG, .e = e, .off = off, .len = len);
			off += skip;
		}
	}
	if (l->forgotten)
		EMIT(.kind = ROW_FORGOTTEN);
#undef EMIT
	return total;
}

static void draw_row(WINDOW *win, int y, int x, int w, const struct widget_env *env,
		     const struct error_log *l, const struct row *rw)
{
	char buf[MT_ERR_LEN + 64], first[16], last[16];
	const struct error_log_entry *e = rw->e;

	switch (rw->kind) {
	case ROW_DROPPED:
		snprintf(buf, sizeof(buf), "! %zu more in the latest round (a round keeps %d)",
			 l->latest_dropped, MT_ERRLIST_MAX);
		widget_text(win, y, x, w, env->pal->attr[UI_ALERT_WARNING], env, buf);
		return;
	case ROW_FORGOTTEN:
		snprintf(buf, sizeof(buf), "%llu older errors forgotten (the log keeps %d)",
			 (unsigned long long)l->forgotten, ERROR_LOG_MAX);
		widget_text(win, y, x, w, env->pal->attr[UI_DIM], env, buf);
		return;
	case ROW_META:
		screen_clock(e->first_wall, first, sizeof(first));
		screen_clock(e->last_wall, last, sizeof(last));
		snprintf(buf, sizeof(buf), "%-7s  %6llu  %-8s  %s", e->current ? "current" :
			 "cleared", (unsigned long long)e->count, first, last);
		widget_text(win, y, x, w, env->pal->attr[e->current ? UI_ALERT_WARNING : UI_DIM],
			    env, buf);
		return;
	case ROW_MSG:
		if (w <= MSG_INDENT)
			return;
		snprintf(buf, sizeof(buf), "%.*s", (int)rw->len, e->msg + rw->off);
		widget_text(win, y, x + MSG_INDENT, w - MSG_INDENT,
			    env->pal->attr[e->current ? UI_NORMAL : UI_DIM], env, buf);
		return;
	}
}

/* The shared overlay box, wider on a wide screen. */
static struct rect errors_rect(int cols, int rows)
{
	struct rect r = screen_overlay_rect(cols, rows);
	int w = cols - 4 < ERRORS_MAX_W ? cols - 4 : ERRORS_MAX_W;

	if (r.w >= 20 && w > r.w) {
		r.w = w;
		r.x = (cols - w) / 2;
	}
	return r;
}

static const struct error_log *log_of(const struct screen_data *d)
{
	static const struct error_log none;

	return d->errors ? d->errors : &none;
}

void screen_errors_plan(int cols, int rows, const struct widget_env *env,
			const struct screen_data *d, struct dash_state *st,
			struct overlay_plan *p)
{
	int inner_w;

	memset(p, 0, sizeof(*p));
	p->box = errors_rect(cols, rows);
	if (p->box.w < 3 || p->box.h < 4) {
		p->box = (struct rect){ 0, 0, 0, 0 };
		return;
	}
	p->page = (size_t)(p->box.h - 3);   /* one row for the column titles */
	if (p->page > ROWS_MAX)
		p->page = ROWS_MAX;
	inner_w = p->box.w - 4;
	/* Too narrow for a message line: the box holds nothing that scrolls. */
	if (inner_w > MSG_INDENT)
		p->total = layout_rows(env, log_of(d), inner_w, 0, 0, NULL);
	dash_scroll_resize(&st->errors, p->total, p->page);
}

void screen_errors_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
			const struct dash_state *st, const struct overlay_plan *p)
{
	const struct error_log *l = log_of(d);
	struct row rows_buf[ROWS_MAX];
	char title[NOTE_LEN];
	struct rect r = p->box;
	int inner_w = r.w - 4, y0;
	size_t total = p->total, shown;

	if (rect_empty(r))
		return;
	widget_clear(win, r, env);
	snprintf(title, sizeof(title), "Collection errors: %zu now, %llu seen (Esc closes)",
		 l->current + l->latest_dropped, (unsigned long long)l->created);
	widget_box(win, r, env, title);
	if (inner_w <= MSG_INDENT)
		return;
	widget_text(win, r.y + 1, r.x + 2, inner_w, env->pal->attr[UI_LABEL], env,
		    "state    rounds  first     last");
	y0 = r.y + 2;
	if (total == 0) {
		widget_text(win, y0, r.x + 2, inner_w, env->pal->attr[UI_DIM], env,
			    "No collection error so far.");
		return;
	}
	layout_rows(env, l, inner_w, st->errors.offset, p->page, rows_buf);
	/* An offset the plan did not clamp shows nothing rather than overrun rows_buf. */
	shown = st->errors.offset >= total ? 0 : total - st->errors.offset;
	if (shown > p->page)
		shown = p->page;
	for (size_t i = 0; i < shown; i++)
		draw_row(win, y0 + (int)i, r.x + 2, inner_w, env, l, &rows_buf[i]);
	if (st->errors.offset + shown < total && r.w > 24)
		widget_text(win, r.y + r.h - 1, r.x + r.w - 22, 20, env->pal->attr[UI_TITLE], env,
			    " more: Down/PgDn ");
	else if (st->errors.offset > 0 && r.w > 24)
		widget_text(win, r.y + r.h - 1, r.x + r.w - 22, 20, env->pal->attr[UI_TITLE], env,
			    " more: Up/PgUp ");
}
