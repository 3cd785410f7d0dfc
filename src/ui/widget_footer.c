/* The footer: key hints and a passing note.  See widgets.h. */
#include "widgets.h"

static const struct {
	const char *key, *what;
} hints[] = {
	{ "q", "quit" }, { "?", "help" }, { "p", "pause" }, { "+/-", "interval" },
	{ "a", "ack" }, { "s", "sort" }, { "t", "theme" }, { "r", "reconnect" },
	{ "l", "alerts" }, { "v", "advice" }, { "b/B", "baseline" },
	{ "c", "pools" },   /* last: it changes the target, so --read-only leaves it out */
};

void widget_footer_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			const struct footer_view *v)
{
	const char *note = v->note;
	const attr_t *pal = env->pal->attr;
	char cut[512];
	int x = r.x, end = r.x + r.w, nw = 0, gap;
	size_t i, n;

	if (rect_empty(r))
		return;
	mvwhline(win, r.y, r.x, ' ' | pal[UI_FOOTER_TEXT], r.w);
	if (note && *note) {
		nw = widget_text_width(env, note);
		if (nw > r.w - 1) {
			/* A note that names a file keeps the file's name: cut the middle. */
			nw = r.w - 1;
			note = widget_text_elide(env, note, nw, cut, sizeof(cut));
		}
		widget_text(win, r.y, end - nw - 1, nw, pal[UI_FOOTER_KEY], env, note);
		end -= nw + 3;
	}
	/* Whole hints only (a cut "reconn" helps nobody); one blank apart if that fits all. */
	n = sizeof(hints) / sizeof(hints[0]) - (v->read_only ? 1 : 0);
	for (gap = 2; gap >= 1; gap--) {
		int need = 0;

		for (i = 0; i < n; i++)
			need += (i ? gap : 0) + widget_text_width(env, hints[i].key) + 1 +
				widget_text_width(env, hints[i].what);
		if (x + need <= end)
			break;
	}
	if (gap < 1)
		gap = 1;   /* not all fit anyway: as many as one blank apart allows */
	for (i = 0; i < n; i++) {
		int kw = widget_text_width(env, hints[i].key);
		int ww = widget_text_width(env, hints[i].what);
		int lead = i ? gap : 0;

		if (x + lead + kw + 1 + ww > end)
			break;
		x += lead;
		x += widget_text(win, r.y, x, kw, pal[UI_FOOTER_KEY], env, hints[i].key);
		x += 1 + widget_text(win, r.y, x + 1, ww, pal[UI_FOOTER_TEXT], env, hints[i].what);
	}
}
