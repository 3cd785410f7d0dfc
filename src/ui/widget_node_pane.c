/* One NUMA node's hugepages and memory, in three sizes of pane.  See widgets.h. */
#include "widgets.h"

#include <stdio.h>
#include <string.h>

#include "fmt_num.h"

#define UNBALANCED "UNBALANCED"
#define BAR_MAX 24
#define COMPACT_RESERVE_MIN_W 50   /* from here a one-line pane keeps room for UNBALANCED */

/* Page sizes the way the kernel names them: 2M, 1G. */
static void page_label(uint64_t kb, char *buf, size_t len)
{
	if (kb >= 1048576 && kb % 1048576 == 0)
		snprintf(buf, len, "%lluG", (unsigned long long)(kb / 1048576));
	else if (kb >= 1024 && kb % 1024 == 0)
		snprintf(buf, len, "%lluM", (unsigned long long)(kb / 1024));
	else
		snprintf(buf, len, "%lluK", (unsigned long long)kb);
}

static uint64_t pages_used(const struct hugepage_size_stats *z)
{
	return z->free > z->nr ? 0 : z->nr - z->free;
}

/* Nothing configured and nothing borrowed: a bar of 0/0 would only be noise. */
static bool size_none(const struct hugepage_size_stats *z)
{
	return z->nr == 0 && z->free == 0 && z->surplus == 0;
}

static const struct hugepage_size_stats *size_of(const struct hugepage_node *n, uint64_t kb)
{
	size_t i;

	for (i = 0; i < n->nsizes && i < SNAP_MAX_PAGE_SIZES; i++)
		if (n->sizes[i].page_kb == kb)
			return &n->sizes[i];
	return NULL;
}

static bool node_has_pages(const struct hugepage_node *n)
{
	size_t i;

	for (i = 0; i < n->nsizes && i < SNAP_MAX_PAGE_SIZES; i++)
		if (!size_none(&n->sizes[i]))
			return true;
	return false;
}

/* "no hugepages" (none offered on the node) or "no hugepages configured"; NULL if it has some. */
static const char *no_pages_text(const struct hugepage_node *n)
{
	if (n->nsizes == 0)
		return "no hugepages";
	return node_has_pages(n) ? NULL : "no hugepages configured";
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

static int num_w(uint64_t v)
{
	char b[FMT_NUM_LEN];

	return (int)strlen(fmt_thousands(b, sizeof(b), v));
}

static int imax(int a, int b)
{
	return a > b ? a : b;
}

static void cols_add_node(struct node_cols *c, const struct hugepage_node *n)
{
	char id[16], mem[96];
	size_t i;
	int k;

	snprintf(id, sizeof(id), "%d", n->id);
	c->id_w = imax(c->id_w, (int)strlen(id));
	memfree_text(n, false, mem, sizeof(mem));
	c->mem_w = imax(c->mem_w, (int)strlen(mem));
	for (i = 0; i < n->nsizes && i < SNAP_MAX_PAGE_SIZES; i++) {
		const struct hugepage_size_stats *z = &n->sizes[i];
		char lab[24];

		for (k = 0; k < c->nsizes && c->page_kb[k] != z->page_kb; k++)
			;
		if (k == c->nsizes && c->nsizes < SNAP_MAX_PAGE_SIZES) {
			/* Smallest page size first, whatever order the nodes list them in. */
			for (k = c->nsizes; k > 0 && c->page_kb[k - 1] > z->page_kb; k--)
				c->page_kb[k] = c->page_kb[k - 1];
			c->page_kb[k] = z->page_kb;
			c->nsizes++;
		}
		page_label(z->page_kb, lab, sizeof(lab));
		c->label_w = imax(c->label_w, (int)strlen(lab));
		if (size_none(z))
			continue;
		c->used_w = imax(c->used_w, num_w(pages_used(z)));
		c->total_w = imax(c->total_w, num_w(z->nr));
		c->free_w = imax(c->free_w, num_w(z->free));
		c->surp_w = imax(c->surp_w, num_w(z->surplus));
		if (z->surplus)
			c->any_surplus = true;
	}
}

void widget_node_cols(const struct hugepage_snapshot *hp, struct node_cols *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->used_w = c->total_w = c->free_w = c->surp_w = 1;
	c->id_w = 1;
	for (i = 0; hp && i < hp->nnodes && i < SNAP_MAX_NODES; i++)
		cols_add_node(c, &hp->nodes[i]);
}

/* ---- one line per page size (boxed and short panes) ------------------------ */

/* The forms of a page-size line, richest first; the same for every line of every pane. */
enum size_form { SF_WORDS, SF_SPACED, SF_SPACED_NOSURP, SF_TIGHT, SF_TIGHT_NOSURP, SF_NUMS,
		 SF_COUNT };

static const int form_bar_min[SF_COUNT] = { 10, 6, 6, 4, 4, 3 };

/* "  900/1,000" with the slash in a fixed column. */
static int nums_w(const struct node_cols *c)
{
	return c->used_w + 1 + c->total_w;
}

static int form_text_w(const struct node_cols *c, enum size_form f)
{
	switch (f) {
	case SF_WORDS:     /* " used  free N  surplus N" */
		return nums_w(c) + 5 + 7 + c->free_w + 10 + c->surp_w;
	case SF_SPACED:    /* "  free N  surp N" */
		return nums_w(c) + 7 + c->free_w + 7 + c->surp_w;
	case SF_SPACED_NOSURP:
		return nums_w(c) + 7 + c->free_w;
	case SF_TIGHT:     /* " free N surp N" */
		return nums_w(c) + 6 + c->free_w + 6 + c->surp_w;
	case SF_TIGHT_NOSURP:
		return nums_w(c) + 6 + c->free_w;
	default:
		return nums_w(c);
	}
}

/* The richest form whose bar still has its minimum in w; *bw is the bar (0: none). */
static enum size_form size_form_for(const struct node_cols *c, int w, int *bw)
{
	int lw = c->label_w + 1, f;

	for (f = 0; f < SF_COUNT; f++) {
		/* A surplus is worth its column whenever some node has one. */
		if ((f == SF_SPACED_NOSURP || f == SF_TIGHT_NOSURP) && c->any_surplus)
			continue;
		*bw = w - lw - 3 - form_text_w(c, (enum size_form)f);
		if (*bw >= form_bar_min[f]) {
			if (*bw > BAR_MAX)
				*bw = BAR_MAX;
			return (enum size_form)f;
		}
	}
	*bw = 0;
	return SF_NUMS;
}

static void size_line_text(const struct node_cols *c, enum size_form f,
			   const struct hugepage_size_stats *z, char *buf, size_t len)
{
	char u[FMT_NUM_LEN], t[FMT_NUM_LEN], fr[FMT_NUM_LEN], su[FMT_NUM_LEN];
	int n;

	fmt_thousands(u, sizeof(u), pages_used(z));
	fmt_thousands(t, sizeof(t), z->nr);
	fmt_thousands(fr, sizeof(fr), z->free);
	fmt_thousands(su, sizeof(su), z->surplus);
	n = snprintf(buf, len, "%*s/%-*s", c->used_w, u, c->total_w, t);
	if (n < 0 || (size_t)n >= len)
		return;
	buf += n;
	len -= (size_t)n;
	switch (f) {
	case SF_WORDS:
		snprintf(buf, len, " used  free %*s  surplus %*s", c->free_w, fr, c->surp_w, su);
		break;
	case SF_SPACED:
		snprintf(buf, len, "  free %*s  surp %*s", c->free_w, fr, c->surp_w, su);
		break;
	case SF_SPACED_NOSURP:
		snprintf(buf, len, "  free %*s", c->free_w, fr);
		break;
	case SF_TIGHT:
		snprintf(buf, len, " free %*s surp %*s", c->free_w, fr, c->surp_w, su);
		break;
	case SF_TIGHT_NOSURP:
		snprintf(buf, len, " free %*s", c->free_w, fr);
		break;
	default:
		break;
	}
}

/* One line per page size the panes show, in the same columns in every pane. */
static void draw_sizes(WINDOW *win, int y, int x, int w, int lines, const struct widget_env *env,
		       const struct node_cols *c, const struct hugepage_node *n)
{
	const attr_t *pal = env->pal->attr;
	const char *none = no_pages_text(n);
	int lw = c->label_w + 1, bw, i;
	enum size_form f;

	if (lines <= 0 || w <= 0)
		return;
	if (none) {
		widget_text(win, y, x, w, pal[UI_DIM], env, none);
		return;
	}
	f = size_form_for(c, w, &bw);
	for (i = 0; i < c->nsizes && i < lines; i++) {
		const struct hugepage_size_stats *z = size_of(n, c->page_kb[i]);
		char lab[24], text[160];
		int col = x + lw;

		page_label(c->page_kb[i], lab, sizeof(lab));
		widget_text(win, y + i, x, lw - 1, pal[UI_LABEL], env, lab);
		if (!z || size_none(z)) {
			/* In the bar's place: not worth a bar, and never a 0/0. */
			widget_text(win, y + i, col, x + w - col, pal[UI_DIM], env,
				    z ? "none configured" : "not reported");
			continue;
		}
		if (bw >= 1) {
			struct bar_view bv = { (double)pages_used(z), 0, (double)z->nr };

			widget_text(win, y + i, col, 1, pal[UI_DIM], env, "[");
			widget_bar_draw(win, (struct rect){ y + i, col + 1, 1, bw }, env, &bv);
			widget_text(win, y + i, col + 1 + bw, 1, pal[UI_DIM], env, "]");
			col += bw + 3;
		}
		size_line_text(c, f, z, text, sizeof(text));
		widget_text(win, y + i, col, x + w - col, pal[UI_VALUE], env, text);
	}
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

/* ---- one line per node --------------------------------------------------- */

/* Columns of one page size's slot: "  2M [######] 900/1,000". */
static int slot_w(const struct node_cols *c, int bw)
{
	return 2 + c->label_w + (bw ? bw + 3 : 0) + 1 + nums_w(c);
}

static int compact_title_w(const struct node_cols *c)
{
	return 5 + c->id_w;   /* "node 12" */
}

/* The richest (bar width, MemFree) that fits avail, the same for every node. */
static void compact_fit(const struct node_cols *c, int avail, int *bw, bool *with_mem)
{
	/* MemFree goes before the bars shrink below 6 cells. */
	static const struct { int bw; bool mem; } fits[] = {
		{ 10, true }, { 6, true }, { 10, false }, { 6, false }, { 3, false }, { 0, false },
	};
	size_t f;

	for (f = 0; f < sizeof(fits) / sizeof(fits[0]); f++) {
		int need = compact_title_w(c) + c->nsizes * slot_w(c, fits[f].bw) +
			   (fits[f].mem ? 2 + c->mem_w : 0);

		*bw = fits[f].bw;
		*with_mem = fits[f].mem;
		if (need <= avail)
			return;
	}
}

/* "node 0   2M [###...] 512/1,024  1G [...] 0/4  MemFree 12 GiB   UNBALANCED". */
static void draw_compact(WINDOW *win, struct rect r, const struct widget_env *env,
			 const struct node_cols *c, const struct hugepage_node *n, bool unbalanced,
			 const char *cmp)
{
	const attr_t *pal = env->pal->attr;
	int mw = (int)strlen(UNBALANCED), bw, x, end, i;
	/* The columns depend on the width alone, so every node's line up. */
	int avail = r.w - (r.w >= COMPACT_RESERVE_MIN_W ? mw + 1 : 0);
	const char *none = no_pages_text(n);
	char title[32], mem[96];
	bool with_mem;

	compact_fit(c, avail, &bw, &with_mem);
	/* A narrow line cuts its end for the marker rather than move its columns. */
	end = r.x + (unbalanced && avail > r.w - mw - 1 ? r.w - mw - 1 : avail);
	snprintf(title, sizeof(title), "node %d", n->id);
	widget_text(win, r.y, r.x, end - r.x, pal[UI_TITLE], env, title);
	x = r.x + compact_title_w(c);
	if (none) {
		if (x + 2 < end)
			widget_text(win, r.y, x + 2, end - x - 2, pal[UI_DIM], env, none);
	} else {
		for (i = 0; i < c->nsizes && x + 2 < end; i++) {
			const struct hugepage_size_stats *z = size_of(n, c->page_kb[i]);
			char lab[24], u[FMT_NUM_LEN], t[FMT_NUM_LEN], nums[64];
			int col = x + 2 + c->label_w;

			page_label(c->page_kb[i], lab, sizeof(lab));
			widget_text(win, r.y, x + 2, end - x - 2, pal[UI_LABEL], env, lab);
			x += slot_w(c, bw);
			if (col + 1 >= end)
				break;
			if (!z || size_none(z)) {
				widget_text(win, r.y, col + 1, end - col - 1, pal[UI_DIM], env,
					    z ? "none" : "-");
				continue;
			}
			if (bw && col + bw + 3 <= end) {
				struct bar_view bv = { (double)pages_used(z), 0, (double)z->nr };
				struct rect br = { r.y, col + 2, 1, bw };

				widget_text(win, r.y, col + 1, 1, pal[UI_DIM], env, "[");
				widget_bar_draw(win, br, env, &bv);
				widget_text(win, r.y, col + 2 + bw, 1, pal[UI_DIM], env, "]");
			}
			col += bw ? bw + 3 : 0;
			snprintf(nums, sizeof(nums), "%*s/%s", c->used_w,
				 fmt_thousands(u, sizeof(u), pages_used(z)),
				 fmt_thousands(t, sizeof(t), z->nr));
			if (col + 1 < end)
				widget_text(win, r.y, col + 1, end - col - 1, pal[UI_VALUE], env,
					    nums);
		}
	}
	x = r.x + compact_title_w(c) + c->nsizes * slot_w(c, bw);
	memfree_text(n, false, mem, sizeof(mem));
	if (cmp && x + 2 < end)   /* compare mode: what changed, in whatever room is left */
		widget_text(win, r.y, x + 2, end - x - 2, pal[UI_VALUE], env, cmp);
	else if (with_mem && x + 2 < end)
		widget_text(win, r.y, x + 2, end - x - 2, pal[UI_DIM], env, mem);
	if (unbalanced && r.w >= mw)
		widget_text(win, r.y, r.x + r.w - mw, mw, pal[UI_NODE_IMBALANCED], env, UNBALANCED);
}

/* The SPDK heap line under the title (the layout gave the pane a row for it); lines used. */
static int draw_heap(WINDOW *win, int y, int x, int w, int h, const struct widget_env *env,
		     const struct node_pane_view *v)
{
	char text[WIDGET_NODE_HEAP_TEXT_LEN];
	bool low;

	if (!v->heaps || h < 1 || w < 1)
		return 0;
	low = widget_node_heap_text(v->heaps, v->node->id, v->now, v->large_bufsize, w, env, text,
				    sizeof(text));
	widget_text(win, y, x, w, env->pal->attr[low ? UI_ALERT_WARNING : UI_DIM], env, text);
	return 1;
}

/* Where a pane of form in r has its heap line (y, x, w) and the rows below the title (h). */
static bool heap_line_at(struct rect r, enum node_form form, int *y, int *x, int *w, int *h)
{
	if (form == NODE_FORM_COMPACT || r.h == 1)
		return false;
	if (form == NODE_FORM_FULL && r.h >= 3 && r.w >= 12) {
		*y = r.y + 2;
		*x = r.x + 2;
		*w = r.w - 4;
		*h = r.h - 3;
	} else {
		*y = r.y + 1;
		*x = r.x + 1;
		*w = r.w - 1;
		*h = r.h - 1;
	}
	return true;
}

void widget_node_pane_draw_heap(WINDOW *win, struct rect r, const struct widget_env *env,
				const struct node_pane_view *v)
{
	int y, x, w, h;

	if (rect_empty(r) || !v->node || !heap_line_at(r, v->form, &y, &x, &w, &h) || h < 1 ||
	    w < 1)
		return;
	widget_clear(win, (struct rect){ y, x, 1, w }, env);
	draw_heap(win, y, x, w, h, env, v);
}

int widget_node_pane_heap_age_room(struct rect r, const struct widget_env *env,
				   const struct node_pane_view *v)
{
	int y, x, w, h;

	if (rect_empty(r) || !v->node || !v->heaps || !heap_line_at(r, v->form, &y, &x, &w, &h) ||
	    h < 1 || w < 1)
		return -1;
	return widget_node_heap_age_room(v->heaps, v->node->id, v->large_bufsize, w, env);
}

void widget_node_pane_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			   const struct node_pane_view *v)
{
	const struct hugepage_node *n = v->node;
	const struct node_cols *cols = v->cols;
	enum node_form form = v->form;
	bool unbalanced = v->unbalanced;
	struct node_cols own;
	char mem[96];
	int heap, hy, hx, hw, hh;

	if (rect_empty(r) || !n)
		return;
	if (!cols) {
		/* Columns of this node alone (a caller that draws one pane). */
		memset(&own, 0, sizeof(own));
		own.used_w = own.total_w = own.free_w = own.surp_w = own.id_w = 1;
		cols_add_node(&own, n);
		cols = &own;
	}
	widget_clear(win, r, env);
	if (form == NODE_FORM_COMPACT || r.h == 1) {
		draw_compact(win, r, env, cols, n, unbalanced, v->compare);
		return;
	}
	if (form == NODE_FORM_FULL && r.h >= 3 && r.w >= 12) {
		struct rect in = { r.y + 1, r.x + 1, r.h - 2, r.w - 2 };

		widget_box(win, r, env, NULL);
		/* Title in the top edge, UNBALANCED at its right end. */
		draw_title(win, r.y, r.x + 1, r.w - 3, env, n, unbalanced, NULL, true);
		memfree_text(n, true, mem, sizeof(mem));
		widget_text(win, in.y, in.x + 1, in.w - 2,
			    env->pal->attr[v->compare ? UI_VALUE : UI_DIM], env,
			    v->compare ? v->compare : mem);
	} else {
		memfree_text(n, false, mem, sizeof(mem));
		draw_title(win, r.y, r.x, r.w, env, n, unbalanced, v->compare ? v->compare : mem,
			   false);
	}
	heap_line_at(r, form, &hy, &hx, &hw, &hh);
	heap = draw_heap(win, hy, hx, hw, hh, env, v);
	draw_sizes(win, hy + heap, hx, hw, hh - heap, env, cols, n);
}

/* ---- free-hugepage history ------------------------------------------------ */

#define HIST_SPARK_MIN 8   /* narrower, a sparkline shows no trend */
#define HIST_NUMS_W 22     /* "  1023 MiB of 1023 MiB": the widest fmt_kib pair and 2 blanks */

/* "4.2 GiB of 18 GiB": what the graph's newest column and its top stand for. */
static void free_of_text(const struct node_history_view *h, char *buf, size_t len)
{
	char f[FMT_NUM_LEN], t[FMT_NUM_LEN];

	snprintf(buf, len, "%s of %s", fmt_kib(f, sizeof(f), h->free_kb),
		 fmt_kib(t, sizeof(t), h->total_kb));
}

/* "free <sparkline>  4.2 GiB of 18 GiB": the numbers go first when space is short. */
static void draw_hist_line(WINDOW *win, int y, int x, int w, const struct widget_env *env,
			   const struct node_history_view *h)
{
	const attr_t *pal = env->pal->attr;
	int lw = widget_text_width(env, "free "), sw = w - lw, nw;
	char nums[96], of[80];

	free_of_text(h, of, sizeof(of));
	/* One width in every pane, so the sparklines of all nodes end in one column. */
	snprintf(nums, sizeof(nums), "%*s", HIST_NUMS_W, of);
	nw = widget_text_width(env, nums);
	if (sw - nw >= HIST_SPARK_MIN * 2)
		sw -= nw;
	else
		nums[0] = '\0';
	if (sw < HIST_SPARK_MIN)
		return;
	widget_text(win, y, x, lw, pal[UI_LABEL], env, "free ");
	widget_sparkline_draw(win, (struct rect){ y, x + lw, 1, sw }, env,
			      &(struct sparkline_view){ h->free_pct, h->n, 100, false });
	if (nums[0])
		widget_text(win, y, x + lw + sw, w - lw - sw, pal[UI_DIM], env, nums);
}

/* A label line over a graph the whole width: what is free now of what, the time span. */
static void draw_hist_graph(WINDOW *win, struct rect r, const struct widget_env *env,
			    const struct node_history_view *h)
{
	char of[80], span[48], lab[4][160];
	struct rect g = { r.y + 1, r.x, r.h - 1, r.w };
	/* On the whole's scale: 100% free at the top, so nodes compare by height. */
	struct sparkline_view series = { h->free_pct, h->n, 100, false };
	const char *sp;
	int i;

	free_of_text(h, of, sizeof(of));
	widget_span_text(h->wall, h->n, r.w, span, sizeof(span));
	sp = span[0] ? "  " : "";
	/* Richest first; "over" only when the clock is known. */
	snprintf(lab[0], sizeof(lab[0]), "hugepages free %s%s%s", of, sp, span);
	snprintf(lab[1], sizeof(lab[1]), "free %s%s%s", of, sp, span);
	snprintf(lab[2], sizeof(lab[2]), "free %s", of);
	snprintf(lab[3], sizeof(lab[3]), "free");
	for (i = 0; i < 3 && widget_text_width(env, lab[i]) > r.w; i++)
		;
	widget_text(win, r.y, r.x, r.w, env->pal->attr[UI_LABEL], env, lab[i]);
	if (r.w >= HIST_SPARK_MIN)
		widget_graph_draw(win, g, env, &series);
}

void widget_node_history_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			      const struct node_history_view *v)
{
	int rows = v->rows;
	struct rect a;

	if (rect_empty(r) || rows <= 0 || v->total_kb == 0 || v->form == NODE_FORM_COMPACT)
		return;
	/* The text columns of the pane: inside the box, or indented under the title. */
	if (v->form == NODE_FORM_FULL && r.h >= 3 && r.w >= 12)
		a = (struct rect){ r.y + r.h - 1 - rows, r.x + 2, rows, r.w - 4 };
	else
		a = (struct rect){ r.y + r.h - rows, r.x + 1, rows, r.w - 1 };
	if (a.y <= r.y || a.w <= 0)
		return;   /* the pane has no such lines: never draw over its title */
	widget_clear(win, a, env);
	if (rows == 1)
		draw_hist_line(win, a.y, a.x, a.w, env, v);
	else
		draw_hist_graph(win, a, env, v);
}

void widget_nodes_status_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			      const struct nodes_status_view *v)
{
	char line[128];

	if (rect_empty(r))
		return;
	widget_clear(win, r, env);
	if (v->total <= 0) {
		widget_text(win, r.y, r.x, r.w, env->pal->attr[UI_DIM], env,
			    "hugepages: no NUMA nodes reported");
		return;
	}
	/* Counted from 1: node ids need not be contiguous, positions are. */
	snprintf(line, sizeof(line), "nodes %d-%d of %d", v->first + 1, v->first + v->visible,
		 v->total);
	if (v->first > 0) {
		size_t l = strlen(line);

		snprintf(line + l, sizeof(line) - l, "   %s more above", env->gl->more_above);
	}
	if (v->first + v->visible < v->total) {
		size_t l = strlen(line);

		snprintf(line + l, sizeof(line) - l, "   %s more below", env->gl->more_below);
	}
	widget_text(win, r.y, r.x, r.w, env->pal->attr[UI_TITLE], env, line);
}
