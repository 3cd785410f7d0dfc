/* The footer: key hints and a passing note.  See widgets.h. */
#include "widgets.h"

enum {
	HINT_WRITES = 1,     /* changes the target or its config: not with --read-only */
	HINT_LIVE = 2,       /* acts on a live target: not in a replay */
};

/* In the order an operator in an incident needs them: what does not fit at
 * the right is what helps least then. */
static const struct hint {
	const char *key, *what;
	unsigned only;
} hints[] = {
	{ "q", "quit", 0 }, { "?", "help", 0 }, { "a", "ack", 0 }, { "p", "pause", 0 },
	{ "v", "advice", 0 }, { "c", "pools", HINT_WRITES | HINT_LIVE }, { "l", "alerts", 0 },
	{ "b/B", "baseline", 0 }, { "s", "sort", 0 }, { "+/-", "interval", HINT_LIVE },
	{ "r", "reconnect", HINT_LIVE }, { "t", "theme", 0 },
};

/* The hints this footer offers, in order, into out; how many. */
static size_t offered(const struct footer_view *v, const struct hint **out)
{
	unsigned hide = (v->read_only ? HINT_WRITES : 0) | (v->replay ? HINT_LIVE : 0);
	size_t n = 0;

	for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (!(hints[i].only & hide))
			out[n++] = &hints[i];
	return n;
}

void widget_footer_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			const struct footer_view *v)
{
	const char *note = v->note;
	const attr_t *pal = env->pal->attr;
	char cut[512];
	const struct hint *h[sizeof(hints) / sizeof(hints[0])];
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
	n = offered(v, h);
	for (gap = 2; gap >= 1; gap--) {
		int need = 0;

		for (i = 0; i < n; i++)
			need += (i ? gap : 0) + widget_text_width(env, h[i]->key) + 1 +
				widget_text_width(env, h[i]->what);
		if (x + need <= end)
			break;
	}
	if (gap < 1)
		gap = 1;   /* not all fit anyway: as many as one blank apart allows */
	for (i = 0; i < n; i++) {
		int kw = widget_text_width(env, h[i]->key);
		int ww = widget_text_width(env, h[i]->what);
		int lead = i ? gap : 0;

		if (x + lead + kw + 1 + ww > end)
			break;
		x += lead;
		x += widget_text(win, r.y, x, kw, pal[UI_FOOTER_KEY], env, h[i]->key);
		x += 1 + widget_text(win, r.y, x + 1, ww, pal[UI_FOOTER_TEXT], env, h[i]->what);
	}
}
