/*
 * screen_consumers: who holds the hugepages, key H, in an overlay box.
 *
 * The lines are hp_consumers_text's, made from the last scan and the
 * newest snapshot's sysfs figures; above them one line says whether a scan
 * is under way.  Planning and drawing make the same lines from the same
 * data, so they agree on how many there are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"

#define STATUS_LEN 160

static enum ui_element element(enum hpc_line_kind k)
{
	switch (k) {
	case HPC_LINE_HEAD:
		return UI_LABEL;
	case HPC_LINE_TARGET:
		return UI_VALUE;
	case HPC_LINE_UNACCOUNTED:
		return UI_DIM;
	case HPC_LINE_WARNING:
		return UI_ALERT_WARNING;
	default:
		return UI_NORMAL;
	}
}

/* The first line: a scan under way, or why there is none; "" when the lines say it all. */
static void status(const struct screen_data *d, char *buf)
{
	buf[0] = '\0';
	if (d->consumers_note)
		snprintf(buf, STATUS_LEN, "%s", d->consumers_note);
	else if (d->consumers_scanning)
		snprintf(buf, STATUS_LEN, "Scanning the processes: %llu so far ...",
			 (unsigned long long)d->consumers_seen);
	else
		snprintf(buf, STATUS_LEN, "Scanned when opened, and every %d s while open.",
			 DASH_CONSUMERS_RESCAN);
}

/* NULL when out of memory. */
static struct hpc_text *lines(const struct screen_data *d)
{
	static const struct hugepage_consumers none;   /* HPC_NONE: "not scanned yet" */
	struct hpc_text *t = malloc(sizeof(*t));

	if (!t)
		return NULL;
	hpc_text_build(d->consumers ? d->consumers : &none,
		       d->have_snap ? &d->snap->hugepages : NULL, t);
	return t;
}

void screen_consumers_plan(int cols, int rows, const struct screen_data *d,
			   struct dash_state *st, struct overlay_plan *p)
{
	struct hpc_text *t;

	memset(p, 0, sizeof(*p));
	p->box = screen_overlay_rect_wide(cols, rows, 118);
	if (p->box.w < 3 || p->box.h < 3) {
		p->box = (struct rect){ 0, 0, 0, 0 };
		return;
	}
	t = lines(d);
	p->total = 1 + (t ? t->n : 1);
	p->page = (size_t)(p->box.h - 2);
	dash_scroll_resize(&st->consumers, p->total, p->page);
	free(t);
}

void screen_consumers_draw(WINDOW *win, const struct widget_env *env,
			   const struct screen_data *d, const struct dash_state *st,
			   const struct overlay_plan *p)
{
	struct rect r = p->box;
	int inner_w = r.w - 4;
	char first[STATUS_LEN];
	struct hpc_text *t;

	if (rect_empty(r) || inner_w <= 0)
		return;
	t = lines(d);
	status(d, first);
	widget_clear(win, r, env);
	widget_box(win, r, env, "Hugepage consumers per node (H or Esc closes)");
	for (size_t i = 0; i < p->page && st->consumers.offset + i < p->total; i++) {
		size_t li = st->consumers.offset + i;
		const char *s = li == 0 ? first : t ? t->line[li - 1] : "out of memory";
		enum ui_element el = li == 0 ? (d->consumers_scanning ? UI_ALERT_WARNING : UI_DIM)
				      : t ? element(t->kind[li - 1]) : UI_ALERT_WARNING;

		widget_text(win, r.y + 1 + (int)i, r.x + 2, inner_w, env->pal->attr[el], env, s);
	}
	if (st->consumers.offset + p->page < p->total && r.w > 24)
		widget_text(win, r.y + r.h - 1, r.x + r.w - 22, 20, env->pal->attr[UI_TITLE], env,
			    " more: Down/PgDn ");
	free(t);
}
