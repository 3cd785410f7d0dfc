/* screen_help: every key and the current settings, in an overlay box. */
#include <stdio.h>
#include <string.h>

#include "keymap.h"
#include "screens.h"

#define HELP_MAX_LINES 64
#define HELP_LINE_LEN 128

struct help_text {
	size_t n;
	char line[HELP_MAX_LINES][HELP_LINE_LEN];
	bool key_line[HELP_MAX_LINES];   /* keys in UI_FOOTER_KEY, the rest in UI_NORMAL */
};

static void add(struct help_text *h, bool key_line, const char *keys, const char *what)
{
	if (h->n >= HELP_MAX_LINES)
		return;
	if (key_line)
		snprintf(h->line[h->n], HELP_LINE_LEN, "%-9s %s", keys, what);
	else
		snprintf(h->line[h->n], HELP_LINE_LEN, "%s", what);
	h->key_line[h->n] = key_line;
	h->n++;
}

static void build(struct help_text *h, const struct screen_data *d, const struct dash_state *st)
{
	const struct keymap_help_line *k;
	char buf[HELP_LINE_LEN];
	size_t nk;

	h->n = 0;
	k = keymap_help(&nk);
	for (size_t i = 0; i < nk; i++)
		add(h, true, k[i].keys, k[i].what);
	add(h, false, NULL, "Letters work in either case, except b/B, m/M and h/H.");
	add(h, false, NULL, "");
	snprintf(buf, sizeof(buf), "Now: every %g s%s, sorted by %s, theme %s.", st->interval,
		 st->paused ? " (paused)" : "", module_sort_name(st->sort),
		 d->theme_name ? d->theme_name : "default");
	add(h, false, NULL, buf);
	add(h, false, NULL,
	    "A banner marked !! is a critical alert; it flashes until you press a.");
	add(h, false, NULL, "While the target does not answer the header says since when and why,");
	add(h, false, NULL, "and the dashboard reconnects by itself when it comes back.");
	add(h, false, NULL, "Pools: \"in use\" is exact, read from the target's own DPDK rings");
	add(h, false, NULL, "(a local target we may read) or from its aggregate form.  Else the");
	add(h, false, NULL, "bar shows what the thread caches reserve: their configured size,");
	add(h, false, NULL, "which does not move with load; retries say when a pool ran dry.");
}

void screen_help_plan(int cols, int rows, const struct screen_data *d, struct dash_state *st,
		      struct overlay_plan *p)
{
	struct help_text h;

	memset(p, 0, sizeof(*p));
	p->box = screen_overlay_rect(cols, rows);
	if (p->box.w < 3 || p->box.h < 3) {
		p->box = (struct rect){ 0, 0, 0, 0 };
		return;
	}
	build(&h, d, st);
	p->total = h.n;
	p->page = (size_t)(p->box.h - 2);
	dash_scroll_resize(&st->help, p->total, p->page);
}

void screen_help_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
		      const struct dash_state *st, const struct overlay_plan *p)
{
	struct help_text h;
	struct rect r = p->box;
	int inner_h = (int)p->page, inner_w = r.w - 4;

	if (rect_empty(r))
		return;
	/* The same text the plan counted: it depends only on d and st. */
	build(&h, d, st);

	widget_clear(win, r, env);
	widget_box(win, r, env, "Help: keys (Esc or q closes)");
	for (int i = 0; i < inner_h && st->help.offset + (size_t)i < h.n; i++) {
		size_t li = st->help.offset + (size_t)i;
		const char *s = h.line[li];
		int y = r.y + 1 + i, x = r.x + 2;

		if (inner_w <= 0)
			break;
		if (h.key_line[li]) {
			/* The keys column in the key colour, the description after it. */
			char keys[16];

			snprintf(keys, sizeof(keys), "%.9s", s);
			widget_text(win, y, x, inner_w, env->pal->attr[UI_FOOTER_KEY], env, keys);
			if (inner_w > 10)
				widget_text(win, y, x + 10, inner_w - 10,
					    env->pal->attr[UI_NORMAL], env, s + 10);
		} else {
			widget_text(win, y, x, inner_w, env->pal->attr[UI_NORMAL], env, s);
		}
	}
	if (st->help.offset + (size_t)inner_h < h.n && r.w > 24)
		widget_text(win, r.y + r.h - 1, r.x + r.w - 22, 20, env->pal->attr[UI_TITLE], env,
			    " more: Down/PgDn ");
	else if (st->help.offset > 0 && r.w > 24)
		widget_text(win, r.y + r.h - 1, r.x + r.w - 22, 20, env->pal->attr[UI_TITLE], env,
			    " more: Up/PgUp ");
}
