/*
 * screen_mempools: the target's DPDK mempools from the last memory dump,
 * largest first (the order heap_stats keeps), in an overlay box, key M.
 *
 * The lines are made once per call from the snapshot alone, so planning
 * (which counts them) and drawing (which shows a window of them) agree.
 * What the dump did not show is "unknown", never 0.
 */
#include <stdio.h>
#include <string.h>

#include "fmt_num.h"
#include "screens.h"

#define MP_LINES (SNAP_MAX_MEMPOOLS + 8)
#define MP_LINE_LEN 160

struct mp_text {
	size_t n;
	char line[MP_LINES][MP_LINE_LEN];
	enum ui_element el[MP_LINES];
};

static char *add(struct mp_text *t, enum ui_element el)
{
	if (t->n >= MP_LINES)
		return t->line[MP_LINES - 1];   /* never reached: MP_LINES counts every line */
	t->el[t->n] = el;
	return t->line[t->n++];
}

/*
 * The name column takes what the five number columns (53 characters with
 * their gaps) leave of the box, 12 to 31 characters: at 80 columns the
 * numbers stay whole and the names give way.
 */
#define MP_NUMBERS_W 53

static int name_width(int inner_w)
{
	int w = inner_w - MP_NUMBERS_W;

	return w < 12 ? 12 : w > 31 ? 31 : w;
}

static void pool_line(char *buf, const struct spdk_mempool *m, int nw)
{
	char cnt[FMT_NUM_LEN], elt[FMT_NUM_LEN], mem[FMT_NUM_LEN], use[FMT_NUM_LEN],
		avail[FMT_NUM_LEN];

	fmt_thousands(cnt, sizeof(cnt), m->count);
	fmt_bytes(elt, sizeof(elt), m->elt_size);
	fmt_bytes(mem, sizeof(mem), spdk_mempool_bytes(m));
	if (m->has_available && m->available <= m->count) {
		fmt_thousands(use, sizeof(use), m->count - m->available);
		fmt_thousands(avail, sizeof(avail), m->available);
	} else {
		snprintf(use, sizeof(use), "unknown");
		if (m->has_available)
			fmt_thousands(avail, sizeof(avail), m->available);
		else
			snprintf(avail, sizeof(avail), "unknown");
	}
	snprintf(buf, MP_LINE_LEN, "%-*.*s %10s %9s %9s %10s %10s", nw, nw, m->name, cnt, elt,
		 mem, use, avail);
}

/* The totals in the columns; in use summed only where it is known, and then said so. */
static void total_lines(struct mp_text *t, const struct spdk_heaps *h, int nw)
{
	uint64_t mem = 0, used = 0, count = 0;
	size_t unknown = 0;
	char c[FMT_NUM_LEN], m[FMT_NUM_LEN], u[FMT_NUM_LEN], name[32];

	for (size_t i = 0; i < h->nmempools; i++) {
		const struct spdk_mempool *p = &h->mempools[i];
		uint64_t b = spdk_mempool_bytes(p);

		mem = mem > UINT64_MAX - b ? UINT64_MAX : mem + b;
		count += p->count;
		if (p->has_available && p->available <= p->count)
			used += p->count - p->available;
		else
			unknown++;
	}
	fmt_thousands(c, sizeof(c), count);
	fmt_bytes(m, sizeof(m), mem);
	fmt_thousands(u, sizeof(u), used);
	snprintf(name, sizeof(name), "total (%zu pools)", h->nmempools);
	snprintf(add(t, UI_VALUE), MP_LINE_LEN, "%-*s %10s %9s %9s %10s%s", nw, name, c, "", m, u,
		 unknown ? "+" : "");
	if (unknown)
		snprintf(add(t, UI_DIM), MP_LINE_LEN, "in use: the sum over the %zu pools that show "
			 "it; %zu unknown", h->nmempools - unknown, unknown);
}

static void build(struct mp_text *t, const struct screen_data *d, int inner_w)
{
	int nw = name_width(inner_w);
	const struct spdk_heaps *h = &d->snap->heaps;
	char when[16];

	t->n = 0;
	if (!d->have_snap || h->state == HEAPS_NONE) {
		snprintf(add(t, UI_DIM), MP_LINE_LEN, "Not read yet: the mempools come with SPDK's "
			 "heap dump (m reads it now).");
		return;
	}
	if (h->state == HEAPS_UNAVAILABLE) {
		snprintf(add(t, UI_ALERT_WARNING), MP_LINE_LEN, "Not available: %s", h->why);
		return;
	}
	screen_clock(h->read_wall, when, sizeof(when));
	snprintf(add(t, UI_DIM), MP_LINE_LEN, "From the env_dpdk_get_mem_stats dump read at %s "
		 "(m reads it again); memory = count x object size.", when);
	if (!h->has_mempools) {
		snprintf(add(t, UI_DIM), MP_LINE_LEN, "The dump has no \"DPDK mempools.\" section.");
		return;
	}
	snprintf(add(t, UI_LABEL), MP_LINE_LEN, "%-*s %10s %9s %9s %10s %10s", nw, "name", "count",
		 "elt size", "memory", "in use", "available");
	for (size_t i = 0; i < h->nmempools && i < SNAP_MAX_MEMPOOLS; i++)
		pool_line(add(t, UI_NORMAL), &h->mempools[i], nw);
	total_lines(t, h, nw);
	if (h->mempools_dropped)
		snprintf(add(t, UI_DIM), MP_LINE_LEN, "and %llu smaller pools not kept",
			 (unsigned long long)h->mempools_dropped);
}

void screen_mempools_plan(int cols, int rows, const struct screen_data *d,
			  struct dash_state *st, struct overlay_plan *p)
{
	struct mp_text t;   /* ~12 KiB of stack */

	memset(p, 0, sizeof(*p));
	p->box = screen_overlay_rect_wide(cols, rows, 84);
	if (p->box.w < 3 || p->box.h < 3) {
		p->box = (struct rect){ 0, 0, 0, 0 };
		return;
	}
	build(&t, d, p->box.w - 4);
	p->total = t.n;
	p->page = (size_t)(p->box.h - 2);
	dash_scroll_resize(&st->mempools, p->total, p->page);
}

void screen_mempools_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
			  const struct dash_state *st, const struct overlay_plan *p)
{
	struct mp_text t;
	struct rect r = p->box;
	int inner_w = r.w - 4;

	if (rect_empty(r) || inner_w <= 0)
		return;
	build(&t, d, inner_w);
	widget_clear(win, r, env);
	widget_box(win, r, env, "Mempools, largest first (M or Esc closes)");
	for (size_t i = 0; i < p->page && st->mempools.offset + i < t.n; i++) {
		size_t li = st->mempools.offset + i;

		widget_text(win, r.y + 1 + (int)i, r.x + 2, inner_w, env->pal->attr[t.el[li]], env,
			    t.line[li]);
	}
	if (st->mempools.offset + p->page < t.n && r.w > 24)
		widget_text(win, r.y + r.h - 1, r.x + r.w - 22, 20, env->pal->attr[UI_TITLE], env,
			    " more: Down/PgDn ");
}
