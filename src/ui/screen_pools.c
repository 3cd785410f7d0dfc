/*
 * screen_pools: the pool-count dialog (pool_dialog.h) in an overlay box:
 * the fields with their reasons while editing, then the review (counts,
 * memory, free hugepages per node, the verdict, how it will be done), the
 * wait and the result.  Every meaning has a text marker: '>' the field
 * being edited, '!' what is wrong, "DOES NOT FIT" in capitals.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fmt_num.h"
#include "screens.h"

#define PD_MAX_LINES 40
#define PD_OUT_LEN (2 * PD_LINE_LEN + 32)
#define PD_BOX_MAX_W 120

struct pd_text {
	int width;                   /* columns a line may take; longer ones wrap at blanks */
	size_t n;
	char line[PD_MAX_LINES][PD_OUT_LEN];
	enum ui_element el[PD_MAX_LINES];
};

static void add(struct pd_text *t, enum ui_element el, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void add(struct pd_text *t, enum ui_element el, const char *fmt, ...)
{
	char buf[PD_OUT_LEN];
	const char *s = buf;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* A path or an rpc.py line is worth more whole over two lines than cut. */
	do {
		size_t len = strlen(s), cut = len;

		if (t->n >= PD_MAX_LINES)
			return;
		if (t->width > 8 && len > (size_t)t->width) {
			cut = (size_t)t->width;
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = (size_t)t->width;
		}
		snprintf(t->line[t->n], PD_OUT_LEN, "%s%.*s", s == buf ? "" : "    ",
			 (int)cut, s);
		t->el[t->n++] = el;
		s += cut;
		while (*s == ' ')
			s++;
	} while (*s);
}

static const char *route_line(const struct pool_dialog *d)
{
	if (d->route == PD_ROUTE_RPC)
		return "startup state: iobuf_set_options is sent now, then framework_start_init";
	if (d->base.state == TARGET_RUNNING)
		return "running: SPDK refuses iobuf_set_options now; the change goes into its "
		       "config file";
	return "target state not known: the change goes into its config file";
}

static void edit_lines(const struct pool_dialog *d, struct pd_text *t)
{
	char now[FMT_NUM_LEN], mem[FMT_NUM_LEN];

	if (d->from[0])
		add(t, UI_DIM, "Started from %s", d->from);
	add(t, UI_NORMAL, "%s", route_line(d));
	add(t, UI_NORMAL, "%s", "");
	add(t, UI_LABEL, "  %-14s %-22s %-14s %s", "field", "new", "now", "memory new");
	for (int f = 0; f < d->nfields; f++) {
		char box[PD_TEXT_LEN + 4];

		snprintf(box, sizeof(box), "[%-20s]", d->text[f]);
		fmt_thousands(now, sizeof(now), d->base.current[f]);
		if (f <= POOL_FIELD_LARGE_COUNT && d->chk.ok[f] && d->chk.ok[f + 2])
			fmt_bytes(mem, sizeof(mem), d->chk.bytes_new[f]);
		else
			mem[0] = '\0';
		add(t, f == d->focus ? UI_SELECTED : UI_NORMAL, "%c %-14s %-22s %-14s %s",
		    f == d->focus ? '>' : ' ', pool_field_name((enum pool_field)f), box,
		    d->base.current_known ? now : "-", mem);
	}
	if (!d->base.current_known)
		add(t, UI_DIM, "  %s", "now: not reported before framework init; SPDK's defaults shown");
	for (int f = 0; f < d->nfields; f++)
		if (!d->chk.ok[f])
			add(t, UI_ALERT_WARNING, "! %s", d->chk.reason[f]);
	add(t, UI_NORMAL, "%s", "");
	add(t, UI_DIM, "%s", "digits  Backspace  Ctrl-U clear  Tab/Shift-Tab move  "
		   "Enter review  Esc cancel");
}

static void free_line(const struct pool_base *b, struct pd_text *t)
{
	char line[PD_OUT_LEN], v[FMT_NUM_LEN];
	size_t len;

	if (!b->hugepages_known) {
		add(t, UI_NORMAL, "%s", "free hugepages: unknown");
		return;
	}
	len = (size_t)snprintf(line, sizeof(line), "free hugepages:");
	for (size_t i = 0; i < b->nfree && len < sizeof(line); i++) {
		fmt_bytes(v, sizeof(v), b->free_bytes[i]);
		if (b->free_node[i] < 0)
			len += (size_t)snprintf(line + len, sizeof(line) - len, " %s (all nodes)", v);
		else
			len += (size_t)snprintf(line + len, sizeof(line) - len, "%s node %d %s",
						i ? "," : "", b->free_node[i], v);
	}
	add(t, UI_NORMAL, "%s", line);
}

static void verdict_line(const struct pool_dialog *d, struct pd_text *t)
{
	const struct pool_change *c = &d->chk;
	char need[FMT_NUM_LEN], sh[FMT_NUM_LEN], where[32] = "";

	fmt_bytes(need, sizeof(need), c->need);
	if (!c->memory_known) {
		add(t, UI_ALERT_WARNING, "verdict: UNKNOWN, free hugepages not known (needs %s%s)",
		    need, d->base.enable_numa ? " per node" : "");
		return;
	}
	if (c->fits) {
		add(t, UI_ALERT_OK, "verdict: fits (takes %s %sof the free hugepages%s)", need,
		    c->growth_only ? "more " : "", d->base.enable_numa ? " on every node" : "");
		return;
	}
	fmt_bytes(sh, sizeof(sh), c->shortfall);
	if (c->short_node >= 0)
		snprintf(where, sizeof(where), " on node %d", c->short_node);
	add(t, UI_ALERT_CRITICAL, "verdict: DOES NOT FIT, %s short%s (needs %s)", sh, where, need);
}

static void review_lines(const struct pool_dialog *d, struct pd_text *t)
{
	const struct pool_change *c = &d->chk;
	const struct pool_review *r = &d->review;
	static const char *const names[2] = { "small", "large" };

	add(t, UI_NORMAL, "%s", route_line(d));
	add(t, UI_LABEL, "  %-6s %-12s %-12s %-11s %-11s %s", "pool", "count now", "new",
	    "memory now", "memory new", "bufsize");
	for (int p = 0; p < 2; p++) {
		char cn[FMT_NUM_LEN], nn[FMT_NUM_LEN], mn[FMT_NUM_LEN], mw[FMT_NUM_LEN];
		char bo[FMT_NUM_LEN], bn[FMT_NUM_LEN], bs[2 * FMT_NUM_LEN + 4];
		uint64_t bold = d->base.current[2 + p], bnew = c->value[2 + p];

		fmt_thousands(cn, sizeof(cn), d->base.current[p]);
		fmt_thousands(nn, sizeof(nn), c->value[p]);
		fmt_bytes(bo, sizeof(bo), bold);
		fmt_bytes(bn, sizeof(bn), bnew);
		if (bold == bnew)
			snprintf(bs, sizeof(bs), "%s", bo);
		else
			snprintf(bs, sizeof(bs), "%s -> %s", bo, bn);
		add(t, UI_NORMAL, "  %-6s %-12s %-12s %-11s %-11s %s", names[p],
		    d->base.current_known ? cn : "-", nn,
		    d->base.current_known ? fmt_bytes(mn, sizeof(mn), c->bytes_now[p]) : "-",
		    fmt_bytes(mw, sizeof(mw), c->bytes_new[p]), bs);
	}
	if (d->base.enable_numa)
		add(t, UI_DIM, "  enable_numa: every one of %u nodes holds both pools; memory is "
		    "for all of them", d->base.nodes);
	free_line(&d->base, t);
	verdict_line(d, t);
	if (!d->review.ok) {
		add(t, r->error[0] ? UI_ALERT_CRITICAL : UI_DIM, "%s",
		    r->error[0] ? r->error : "preparing...");
		if (r->error[0])
			add(t, UI_DIM, "%s", "nothing can be applied: Esc closes");
		return;
	}
	if (r->where[0])
		add(t, UI_NORMAL, "%s", r->where);
	for (size_t i = 0; i < r->ndiff && i < PD_DIFF_LINES; i++)
		add(t, UI_VALUE, "  %s", r->diff[i]);
	if (r->backup[0])
		add(t, UI_NORMAL, "%s", r->backup);
	if (r->rpc_line[0])
		add(t, UI_DIM, "same as: %s", r->rpc_line);
	if (r->restart[0])
		add(t, UI_NORMAL, "%s", r->restart);
	if (d->read_only)
		add(t, UI_ALERT_WARNING, "%s", "--read-only: y will be refused, nothing is sent "
		    "or written");
	add(t, UI_NORMAL, "%s", "");
	if (d->stage == PD_CONFIRM)
		add(t, UI_ALERT_CRITICAL, "%s", "It does not fit (or nobody knows): press y again "
		    "to go ahead anyway, n or Esc cancels");
	else
		add(t, UI_FOOTER_KEY, "%s", "y apply   n/Esc cancel");
}

static void result_lines(const struct pool_dialog *d, struct pd_text *t)
{
	if (d->stage == PD_WAIT) {
		add(t, UI_NORMAL, "%s", "sent: waiting for the target's answer");
		add(t, UI_DIM, "%s", "Esc hides this; the answer then shows in the footer");
		return;
	}
	add(t, d->result_ok ? UI_ALERT_OK : UI_ALERT_CRITICAL, "%s", d->result);
	if (d->result_detail[0])
		add(t, UI_NORMAL, "%s", d->result_detail);
	add(t, UI_NORMAL, "%s", "");
	if (d->offer_init)
		add(t, UI_FOOTER_KEY, "%s", "i send framework_start_init (the pools are made with "
		    "the new counts)   Esc close");
	else
		add(t, UI_FOOTER_KEY, "%s", "Esc or Enter closes");
}

static void build(const struct pool_dialog *d, int width, struct pd_text *t)
{
	t->n = 0;
	t->width = width;
	switch (d->stage) {
	case PD_EDIT:
		edit_lines(d, t);
		break;
	case PD_REVIEW:
	case PD_CONFIRM:
		review_lines(d, t);
		break;
	case PD_WAIT:
	case PD_RESULT:
		result_lines(d, t);
		break;
	case PD_CLOSED:
		break;
	}
}

static const char *title(const struct pool_dialog *d)
{
	switch (d->stage) {
	case PD_EDIT:
		return d->read_only ? "Change the pool counts (--read-only: review only)"
				    : "Change the pool counts";
	case PD_REVIEW:
	case PD_CONFIRM:
		return "Review: nothing is sent or written before y";
	default:
		return "Change the pool counts: result";
	}
}

void screen_pools_plan(int cols, int rows, struct overlay_plan *p)
{
	memset(p, 0, sizeof(*p));
	/* Wider than the other overlays on a wide screen, for paths and the rpc.py line. */
	p->box = screen_overlay_rect_wide(cols, rows, PD_BOX_MAX_W);
	if (p->box.w < 3 || p->box.h < 3) {
		p->box = (struct rect){ 0, 0, 0, 0 };
		return;
	}
	p->page = (size_t)(p->box.h - 2);
}

void screen_pools_draw(WINDOW *win, const struct widget_env *env, const struct dash_state *st,
		       const struct overlay_plan *p)
{
	struct pd_text t;
	struct rect r = p->box;
	int inner_w = r.w - 4;
	size_t shown;

	if (rect_empty(r) || inner_w <= 0 || p->page == 0)
		return;
	build(&st->pools, inner_w - 4, &t);
	widget_clear(win, r, env);
	widget_box(win, r, env, title(&st->pools));
	/* On a short screen the last line, the keys to press, is kept. */
	shown = t.n <= p->page ? t.n : p->page - 1;
	for (size_t i = 0; i < shown; i++)
		widget_text(win, r.y + 1 + (int)i, r.x + 2, inner_w, env->pal->attr[t.el[i]], env,
			    t.line[i]);
	if (shown < t.n)
		widget_text(win, r.y + r.h - 2, r.x + 2, inner_w, env->pal->attr[t.el[t.n - 1]],
			    env, t.line[t.n - 1]);
}
