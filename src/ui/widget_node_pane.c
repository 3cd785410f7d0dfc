/* One NUMA node's hugepages and memory, in three sizes of pane.  See widgets.h. */
#include "widgets.h"

#include <stdio.h>
#include <string.h>

#include "fmt_num.h"

#define UNBALANCED "UNBALANCED"
#define BAR_MAX 24

/* Page sizes the way the kernel names them: 2M, 1G; or 2 MiB, 1 GiB. */
static void page_label(uint64_t kb, bool wide, char *buf, size_t len)
{
	if (kb >= 1048576 && kb % 1048576 == 0)
		snprintf(buf, len, wide ? "%llu GiB" : "%lluG", (unsigned long long)(kb / 1048576));
	else if (kb >= 1024 && kb % 1024 == 0)
		snprintf(buf, len, wide ? "%llu MiB" : "%lluM", (unsigned long long)(kb / 1024));
	else
		snprintf(buf, len, wide ? "%llu KiB" : "%lluK", (unsigned long long)kb);
}

static uint64_t pages_used(const struct hugepage_size_stats *z)
{
	return z->free > z->nr ? 0 : z->nr - z->free;
}

static void memfree_text(const struct hugepage_node *n, bool longform, char *buf, size_t len)
{
	char f[FMT_NUM_LEN], t[FMT_NUM_LEN];

	if (n->memoryless)
		snprintf(buf, len, "memoryless node");
	else if (!n->has_meminfo)
		snprintf(buf, len, "MemFree not reported");
	else if (longform)
		snprintf(buf, len, "MemFree %s of %s", fmt_kib(f, sizeof(f), n->mem_free_kb),
			 fmt_kib(t, sizeof(t), n->mem_total_kb));
	else
		snprintf(buf, len, "MemFree %s", fmt_kib(f, sizeof(f), n->mem_free_kb));
}

/* The texts for one page size, richest first, with the least bar each needs. */
struct size_text {
	char label[24];
	char cand[5][128];
	int bar_min[5];
	int n;
};

static void size_texts(const struct hugepage_size_stats *z, struct size_text *t)
{
	char used[FMT_NUM_LEN], nr[FMT_NUM_LEN], fr[FMT_NUM_LEN], su[FMT_NUM_LEN];

	page_label(z->page_kb, false, t->label, sizeof(t->label));
	fmt_thousands(used, sizeof(used), pages_used(z));
	fmt_thousands(nr, sizeof(nr), z->nr);
	fmt_thousands(fr, sizeof(fr), z->free);
	fmt_thousands(su, sizeof(su), z->surplus);
	t->n = 0;
	t->bar_min[t->n] = 8;
	snprintf(t->cand[t->n++], sizeof(t->cand[0]), "%s/%s used  free %s  surplus %s", used, nr,
		 fr, su);
	t->bar_min[t->n] = 6;
	snprintf(t->cand[t->n++], sizeof(t->cand[0]), "%s/%s  free %s  surp %s", used, nr, fr, su);
	/* A zero surplus is the first number to go. */
	if (z->surplus == 0) {
		t->bar_min[t->n] = 6;
		snprintf(t->cand[t->n++], sizeof(t->cand[0]), "%s/%s free %s", used, nr, fr);
	}
	t->bar_min[t->n] = 4;
	snprintf(t->cand[t->n++], sizeof(t->cand[0]), "%s/%s free %s surp %s", used, nr, fr, su);
	t->bar_min[t->n] = 3;
	snprintf(t->cand[t->n++], sizeof(t->cand[0]), "%s/%s", used, nr);
}

/* The richest text that leaves its bar room in w (after a label of lw); sets *bw. */
static int size_choice(const struct widget_env *env, const struct size_text *t, int w, int lw,
		       int *bw)
{
	int i;

	*bw = 0;
	for (i = 0; i < t->n; i++) {
		*bw = w - lw - 3 - widget_text_width(env, t->cand[i]);
		if (*bw >= t->bar_min[i] || i == t->n - 1)
			break;
	}
	if (*bw > BAR_MAX)
		*bw = BAR_MAX;
	return i;
}

static void draw_size_line(WINDOW *win, int y, int x, int w, int lw, int bw,
			   const struct widget_env *env, const struct hugepage_size_stats *z,
			   const char *label, const char *text)
{
	const attr_t *pal = env->pal->attr;
	int col;

	widget_text(win, y, x, lw - 1, pal[UI_LABEL], env, label);
	col = x + lw;
	if (bw >= 3) {
		widget_text(win, y, col, 1, pal[UI_DIM], env, "[");
		widget_bar_draw(win, y, col + 1, bw, env, (double)pages_used(z), 0, (double)z->nr);
		widget_text(win, y, col + 1 + bw, 1, pal[UI_DIM], env, "]");
		col += bw + 3;
	}
	widget_text(win, y, col, x + w - col, pal[UI_VALUE], env, text);
}

/* "node 1  <extra>      UNBALANCED"; boxed: padded with blanks to sit in a top border. */
static void draw_title(WINDOW *win, int y, int x, int w, const struct widget_env *env,
		       const struct hugepage_node *n, bool unbalanced, const char *extra,
		       bool boxed)
{
	const attr_t *pal = env->pal->attr;
	char title[32];
	int pad = boxed ? 1 : 0;
	int mw = unbalanced ? (int)strlen(UNBALANCED) + 2 * pad : 0, used;

	snprintf(title, sizeof(title), boxed ? " node %d " : "node %d", n->id);
	/* UNBALANCED is kept when anything has to give way. */
	used = widget_text(win, y, x, w - (mw ? mw + 1 : 0), pal[UI_TITLE], env, title);
	if (extra && used + 2 < w - (mw ? mw + 2 : 0))
		used += 2 + widget_text(win, y, x + used + 2, w - used - 2 - (mw ? mw + 2 : 0),
					pal[UI_VALUE], env, extra);
	if (mw && w >= mw) {
		if (pad)
			mvwaddch(win, y, x + w - mw, ' ' | pal[UI_BORDER]);
		widget_text(win, y, x + w - mw + pad, mw - 2 * pad, pal[UI_NODE_IMBALANCED], env,
			    UNBALANCED);
		if (pad)
			mvwaddch(win, y, x + w - 1, ' ' | pal[UI_BORDER]);
	}
}

/* One line per page size; one label column and one bar width, so the bars line up. */
static void draw_sizes(WINDOW *win, int y, int x, int w, int lines,
		       const struct widget_env *env, const struct hugepage_node *n)
{
	struct size_text t[SNAP_MAX_PAGE_SIZES];
	int choice[SNAP_MAX_PAGE_SIZES];
	int lw = 0, bw = BAR_MAX, k = (int)n->nsizes, i;

	if (lines <= 0)
		return;
	if (k == 0) {
		widget_text(win, y, x, w, env->pal->attr[UI_DIM], env, "no hugepages");
		return;
	}
	if (k > SNAP_MAX_PAGE_SIZES)
		k = SNAP_MAX_PAGE_SIZES;
	if (k > lines)
		k = lines;
	for (i = 0; i < k; i++) {
		size_texts(&n->sizes[i], &t[i]);
		if ((int)strlen(t[i].label) + 1 > lw)
			lw = (int)strlen(t[i].label) + 1;
	}
	for (i = 0; i < k; i++) {
		int b;

		choice[i] = size_choice(env, &t[i], w, lw, &b);
		if (b < bw)
			bw = b;
	}
	for (i = 0; i < k; i++)
		draw_size_line(win, y + i, x, w, lw, bw, env, &n->sizes[i], t[i].label,
			       t[i].cand[choice[i]]);
}

static int compact_need(const struct widget_env *env, const struct hugepage_node *n,
			const char *title, const char *mem, int bw, bool with_mem)
{
	int need = widget_text_width(env, title);
	size_t i;

	for (i = 0; i < n->nsizes; i++) {
		char lab[16], u[FMT_NUM_LEN], t[FMT_NUM_LEN], part[64];

		page_label(n->sizes[i].page_kb, false, lab, sizeof(lab));
		snprintf(part, sizeof(part), "  %s %s/%s", lab,
			 fmt_thousands(u, sizeof(u), pages_used(&n->sizes[i])),
			 fmt_thousands(t, sizeof(t), n->sizes[i].nr));
		need += widget_text_width(env, part) + (bw ? bw + 3 : 0);
	}
	if (n->nsizes == 0)
		need += 14;   /* "  no hugepages" */
	if (with_mem)
		need += 2 + widget_text_width(env, mem);
	return need;
}

/* One line: "node 0  2M [###...] 512/1,024  1G [...] 0/4  MemFree 12 GiB   UNBALANCED". */
static void draw_compact(WINDOW *win, struct rect r, const struct widget_env *env,
			 const struct hugepage_node *n, bool unbalanced)
{
	/* Richest first: MemFree goes before the bars shrink below 6 cells. */
	static const struct { int bw; bool mem; } fits[] = {
		{ 10, true }, { 6, true }, { 10, false }, { 6, false }, { 3, false }, { 0, false },
	};
	const attr_t *pal = env->pal->attr;
	int mw = (int)strlen(UNBALANCED);
	/* Room for the marker on every line, so the columns of all nodes line up. */
	int avail = r.w - (r.w >= 50 || unbalanced ? mw + 2 : 0), bw = 0, x;
	char title[32], mem[64];
	size_t i, f;
	bool with_mem = false;

	snprintf(title, sizeof(title), "node %-2d", n->id);
	memfree_text(n, false, mem, sizeof(mem));
	for (f = 0; f < sizeof(fits) / sizeof(fits[0]); f++) {
		bw = fits[f].bw;
		with_mem = fits[f].mem;
		if (compact_need(env, n, title, mem, bw, with_mem) <= avail)
			break;
	}
	x = r.x + widget_text(win, r.y, r.x, avail, pal[UI_TITLE], env, title);
	if (n->nsizes == 0 && x + 2 < r.x + avail)
		x += 2 + widget_text(win, r.y, x + 2, r.x + avail - x - 2, pal[UI_DIM], env,
				     "no hugepages");
	for (i = 0; i < n->nsizes && x + 2 < r.x + avail; i++) {
		const struct hugepage_size_stats *z = &n->sizes[i];
		char lab[16], u[FMT_NUM_LEN], t[FMT_NUM_LEN], nums[64];

		page_label(z->page_kb, false, lab, sizeof(lab));
		x += 2 + widget_text(win, r.y, x + 2, r.x + avail - x - 2, pal[UI_LABEL], env, lab);
		if (bw && x + bw + 3 <= r.x + avail) {
			widget_text(win, r.y, x + 1, 1, pal[UI_DIM], env, "[");
			widget_bar_draw(win, r.y, x + 2, bw, env, (double)pages_used(z), 0,
					(double)z->nr);
			widget_text(win, r.y, x + 2 + bw, 1, pal[UI_DIM], env, "]");
			x += bw + 3;
		}
		snprintf(nums, sizeof(nums), "%s/%s", fmt_thousands(u, sizeof(u), pages_used(z)),
			 fmt_thousands(t, sizeof(t), z->nr));
		if (x + 1 < r.x + avail)
			x += 1 + widget_text(win, r.y, x + 1, r.x + avail - x - 1, pal[UI_VALUE],
					     env, nums);
	}
	if (with_mem && x + 2 < r.x + avail)
		widget_text(win, r.y, x + 2, r.x + avail - x - 2, pal[UI_DIM], env, mem);
	if (unbalanced && r.w >= mw)
		widget_text(win, r.y, r.x + r.w - mw, mw, pal[UI_NODE_IMBALANCED], env, UNBALANCED);
}

void widget_node_pane_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			   enum node_form form, const struct hugepage_node *n, bool unbalanced)
{
	char mem[96];

	if (rect_empty(r) || !n)
		return;
	widget_clear(win, r, env);
	if (form == NODE_FORM_COMPACT || r.h == 1) {
		draw_compact(win, r, env, n, unbalanced);
		return;
	}
	if (form == NODE_FORM_FULL && r.h >= 3 && r.w >= 12) {
		struct rect in = { r.y + 1, r.x + 1, r.h - 2, r.w - 2 };

		widget_box(win, r, env, NULL);
		/* Title in the top edge, UNBALANCED at its right end. */
		draw_title(win, r.y, r.x + 1, r.w - 3, env, n, unbalanced, NULL, true);
		memfree_text(n, true, mem, sizeof(mem));
		widget_text(win, in.y, in.x + 1, in.w - 2, env->pal->attr[UI_DIM], env, mem);
		draw_sizes(win, in.y + 1, in.x + 1, in.w - 2, in.h - 1, env, n);
		return;
	}
	memfree_text(n, false, mem, sizeof(mem));
	draw_title(win, r.y, r.x, r.w, env, n, unbalanced, mem, false);
	draw_sizes(win, r.y + 1, r.x + 1, r.w - 1, r.h - 1, env, n);
}

void widget_nodes_status_draw(WINDOW *win, const struct layout *lay,
			      const struct widget_env *env, int nnodes)
{
	struct rect r = lay->nodes_status;
	char line[128];

	if (nnodes <= 0 && !lay->too_small && !rect_empty(lay->nodes)) {
		struct rect one = { lay->nodes.y, lay->nodes.x, 1, lay->nodes.w };

		widget_clear(win, one, env);
		widget_text(win, one.y, one.x, one.w, env->pal->attr[UI_DIM], env,
			    "hugepages: no NUMA nodes reported");
		return;
	}
	if (rect_empty(r))
		return;
	widget_clear(win, r, env);
	/* Counted from 1: node ids need not be contiguous, positions are. */
	snprintf(line, sizeof(line), "nodes %d-%d of %d", lay->node_first + 1,
		 lay->node_first + lay->node_visible, nnodes);
	if (lay->nodes_more_above) {
		size_t l = strlen(line);

		snprintf(line + l, sizeof(line) - l, "   %s more above", env->gl->more_above);
	}
	if (lay->nodes_more_below) {
		size_t l = strlen(line);

		snprintf(line + l, sizeof(line) - l, "   %s more below", env->gl->more_below);
	}
	widget_text(win, r.y, r.x, r.w, env->pal->attr[UI_TITLE], env, line);
}
