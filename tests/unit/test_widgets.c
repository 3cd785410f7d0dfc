/* Widgets drawn on a real ncurses screen on a pty, read back cell by cell. */
#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_main.h"
#include "fmt_num.h"
#include "glyphs.h"
#include "history.h"
#include "layout.h"
#include "pty_screen.h"
#include "widgets.h"

/* Distinct attributes per element, no colours: what a monochrome theme could do. */
static void test_palette(struct ui_palette *p)
{
	memset(p, 0, sizeof(*p));
	p->attr[UI_TITLE] = A_BOLD;
	p->attr[UI_BAR_USED] = A_REVERSE;
	p->attr[UI_BAR_CACHED] = A_UNDERLINE;
	p->attr[UI_BAR_FREE] = A_DIM;
	p->attr[UI_GAP] = A_ITALIC;
	p->attr[UI_SPARKLINE_ALERT] = A_BOLD;
	p->attr[UI_ALERT_CRITICAL] = A_UNDERLINE;
	p->attr[UI_ALERT_WARNING] = A_ITALIC;
	p->attr[UI_ALERT_OK] = A_DIM;
	p->attr[UI_NODE_IMBALANCED] = A_STANDOUT;
	p->attr[UI_FOOTER_KEY] = A_BOLD;
}

struct fixture {
	struct pty_screen ps;
	struct ui_palette pal;
	struct glyphs gl;
	struct widget_env env;
};

static void setup(struct fixture *f, int cols, int rows, enum glyph_set set)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	ck_assert_msg(pty_screen_open(&f->ps, cols, rows, NULL) == 0, "%s", f->ps.err);
	test_palette(&f->pal);
	glyphs_init(&f->gl, set);
	f->env.pal = &f->pal;
	f->env.gl = &f->gl;
}

static void teardown(struct fixture *f)
{
	pty_screen_close(&f->ps);
}

static struct snapshot *new_snapshot(void)
{
	struct snapshot *s = calloc(1, sizeof(*s));

	ck_assert_ptr_nonnull(s);
	s->seq = 2;
	snprintf(s->target, sizeof(s->target), "/var/tmp/spdk.sock");
	snprintf(s->version, sizeof(s->version), "SPDK v26.09-pre git sha1 3230130e6a");
	s->state = TARGET_RUNNING;
	return s;
}

static void add_module(struct snapshot *s, const char *name, uint64_t small_cache,
		       uint64_t large_cache)
{
	struct iobuf_module_stats *m = &s->iobuf.modules[s->iobuf.nmodules++];

	snprintf(m->name, sizeof(m->name), "%s", name);
	m->small.cache_size = small_cache;
	m->small.has_cache_size = true;
	m->large.cache_size = large_cache;
	m->large.has_cache_size = true;
}

static void set_rate(struct iobuf_rates *r, const char *name, double gets, double hit_pct,
		     double main, double retry_large)
{
	struct iobuf_module_rates *m = &r->modules[r->nmodules++];

	snprintf(m->name, sizeof(m->name), "%s", name);
	m->small.gets = gets;
	m->small.cache = gets * hit_pct / 100;
	m->small.hit_pct = hit_pct;
	m->small.main = main;
	m->large.gets = gets / 2;
	m->large.retry = retry_large;
	r->valid = true;
	r->dt = 1;
}

static void node_fixture(struct hugepage_node *n, int id)
{
	memset(n, 0, sizeof(*n));
	n->id = id;
	n->has_meminfo = true;
	n->mem_total_kb = 64ULL * 1024 * 1024;
	n->mem_free_kb = 12ULL * 1024 * 1024;
	n->nsizes = 2;
	n->sizes[0] = (struct hugepage_size_stats){ 2048, 1024, 512, 3 };
	n->sizes[1] = (struct hugepage_size_stats){ 1048576, 4, 4, 0 };
}

/* The one-row rect a bar or sparkline w cells wide at (y, x) takes. */
static struct rect row_at(int y, int x, int w)
{
	return (struct rect){ y, x, 1, w };
}

/* ---- text helper -------------------------------------------------------- */

START_TEST(test_text_cut_and_sanitise)
{
	struct fixture f;
	char buf[256];
	int n;

	setup(&f, 40, 5, GLYPHS_ASCII);
	n = widget_text(f.ps.win, 0, 0, 10, A_NORMAL, &f.env, "abcdefghijklmnop");
	ck_assert_int_eq(n, 10);
	ck_assert_str_eq(pty_screen_row(&f.ps, 0, buf, sizeof(buf)), "abcdefghi~");
	widget_text(f.ps.win, 1, 0, 20, A_NORMAL, &f.env, "a\tb\x1b[31mc \xc3\xa9t\xc3\xa9");
	ck_assert_str_eq(pty_screen_row(&f.ps, 1, buf, sizeof(buf)), "a?b?[31mc ?t?");
	ck_assert_int_eq(widget_text(f.ps.win, 2, 0, 0, A_NORMAL, &f.env, "x"), 0);
	/* At the right edge nothing wraps onto the next line, and off-screen is a no-op. */
	ck_assert_int_eq(widget_text(f.ps.win, 3, 37, 10, A_NORMAL, &f.env, "abcdef"), 3);
	ck_assert_str_eq(pty_screen_text(&f.ps, 3, 37, 3, buf, sizeof(buf)), "ab~");
	ck_assert_str_eq(pty_screen_row(&f.ps, 4, buf, sizeof(buf)), "");
	ck_assert_int_eq(widget_text(f.ps.win, 9, 0, 10, A_NORMAL, &f.env, "abc"), 0);
	widget_bar_draw(f.ps.win, row_at(4, 35, 20), &f.env, &(struct bar_view){ 1, 0, 2 });
	widget_sparkline_draw(f.ps.win, row_at(4, 60, 5), &f.env,
			      &(struct sparkline_view){ (const double[]){ 1, 2 }, 2, 0, false });
	ck_assert_str_eq(pty_screen_row(&f.ps, 4, buf, sizeof(buf)),
			 "                                   ###..");
	teardown(&f);

	setup(&f, 40, 5, GLYPHS_UTF8);
	widget_text(f.ps.win, 0, 0, 20, A_NORMAL, &f.env, "\xc3\xa9t\xc3\xa9 \xff ok");
	ck_assert_str_eq(pty_screen_row(&f.ps, 0, buf, sizeof(buf)), "\xc3\xa9t\xc3\xa9 ? ok");
	ck_assert_int_eq(widget_text_width(&f.env, "\xc3\xa9t\xc3\xa9"), 3);
	widget_text(f.ps.win, 1, 0, 5, A_NORMAL, &f.env, "longer text");
	ck_assert_str_eq(pty_screen_row(&f.ps, 1, buf, sizeof(buf)), "long\xe2\x80\xa6");
	teardown(&f);
}
END_TEST

/* ---- bar ---------------------------------------------------------------- */

START_TEST(test_bar_cells)
{
	int u, c;

	widget_bar_cells(20, 5, 0, 20, &u, &c);
	ck_assert_int_eq(u, 5);
	ck_assert_int_eq(c, 0);
	widget_bar_cells(20, 0, 10, 20, &u, &c);
	ck_assert_int_eq(u, 0);
	ck_assert_int_eq(c, 10);
	widget_bar_cells(20, 5, 5, 20, &u, &c);
	ck_assert_int_eq(u, 5);
	ck_assert_int_eq(c, 5);
	/* A single buffer out of thousands still shows; 999 of 1000 is not full. */
	widget_bar_cells(20, 1, 0, 8192, &u, &c);
	ck_assert_int_eq(u, 1);
	widget_bar_cells(20, 999, 0, 1000, &u, &c);
	ck_assert_int_eq(u, 19);
	widget_bar_cells(20, 1000, 0, 1000, &u, &c);
	ck_assert_int_eq(u, 20);
	widget_bar_cells(20, 5000, 0, 1000, &u, &c);   /* a target that lies */
	ck_assert_int_eq(u, 20);
	ck_assert_int_eq(c, 0);
	widget_bar_cells(20, 5, 0, 0, &u, &c);
	ck_assert_int_eq(u + c, 0);
	widget_bar_cells(20, NAN, NAN, 10, &u, &c);
	ck_assert_int_eq(u + c, 0);
	widget_bar_cells(20, 5, 0, NAN, &u, &c);
	ck_assert_int_eq(u + c, 0);
	widget_bar_cells(0, 5, 0, 10, &u, &c);
	ck_assert_int_eq(u + c, 0);
}
END_TEST

START_TEST(test_bar_drawn_ascii)
{
	struct fixture f;
	char buf[256];
	int i;

	setup(&f, 40, 5, GLYPHS_ASCII);
	widget_bar_draw(f.ps.win, row_at(0, 2, 20), &f.env, &(struct bar_view){ 5, 5, 20 });
	ck_assert_str_eq(pty_screen_text(&f.ps, 0, 2, 20, buf, sizeof(buf)),
			 "#####=====..........");
	for (i = 0; i < 20; i++) {
		attr_t want = i < 5 ? A_REVERSE : i < 10 ? A_UNDERLINE : A_DIM;

		ck_assert_msg(pty_screen_attr(&f.ps, 0, 2 + i) == want, "cell %d", i);
	}
	/* Nothing outside the bar was touched. */
	ck_assert_str_eq(pty_screen_text(&f.ps, 0, 0, 2, buf, sizeof(buf)), "  ");
	ck_assert_str_eq(pty_screen_text(&f.ps, 0, 22, 3, buf, sizeof(buf)), "   ");
	teardown(&f);
}
END_TEST

/* ---- sparkline ---------------------------------------------------------- */

START_TEST(test_sparkline_levels)
{
	ck_assert_int_eq(widget_sparkline_level(NAN, 8, 8), -1);
	ck_assert_int_eq(widget_sparkline_level(0, 8, 8), 0);
	ck_assert_int_eq(widget_sparkline_level(0.001, 8, 8), 1);
	ck_assert_int_eq(widget_sparkline_level(4, 8, 8), 4);
	ck_assert_int_eq(widget_sparkline_level(8, 8, 8), 8);
	ck_assert_int_eq(widget_sparkline_level(80, 8, 8), 8);
	ck_assert_int_eq(widget_sparkline_level(3, 0, 8), 8);
	ck_assert_int_eq(widget_sparkline_level(-1, 8, 8), 0);
	ck_assert_int_eq(widget_sparkline_level(2, 8, 3), 1);
	ck_assert_int_eq(widget_sparkline_level(8, 8, 3), 3);
}
END_TEST

START_TEST(test_sparkline_utf8_gap)
{
	static const double v[] = { 0, 1, 2, 4, 8, NAN, 8 };
	struct fixture f;
	char buf[256];
	int i;

	setup(&f, 40, 5, GLYPHS_UTF8);
	widget_sparkline_draw(f.ps.win, row_at(1, 0, 10), &f.env,
			      &(struct sparkline_view){ v, 7, 0, true });
	ck_assert_str_eq(pty_screen_text(&f.ps, 1, 0, 10, buf, sizeof(buf)),
			 "    \u2581\u2582\u2584\u2588\u2504\u2588");
	ck_assert(pty_screen_attr(&f.ps, 1, 8) == A_ITALIC);      /* the gap: UI_GAP */
	ck_assert(pty_screen_attr(&f.ps, 1, 3) == A_NORMAL);      /* zero: plain */
	for (i = 4; i < 8; i++)
		ck_assert(pty_screen_attr(&f.ps, 1, i) == A_BOLD); /* retries: alert */
	/* Without the alert flag non-zero cells are plain sparkline. */
	widget_sparkline_draw(f.ps.win, row_at(2, 0, 10), &f.env,
			      &(struct sparkline_view){ v, 7, 0, false });
	ck_assert(pty_screen_attr(&f.ps, 2, 7) == A_NORMAL);
	/* A fixed scale. */
	widget_sparkline_draw(f.ps.win, row_at(3, 0, 3), &f.env,
			      &(struct sparkline_view){ v + 2, 3, 16, false });
	ck_assert_str_eq(pty_screen_text(&f.ps, 3, 0, 3, buf, sizeof(buf)),
			 "\u2581\u2582\u2584");
	teardown(&f);
}
END_TEST

START_TEST(test_sparkline_ascii_newest_only)
{
	double v[30];
	struct fixture f;
	char buf[256];
	int i;

	for (i = 0; i < 30; i++)
		v[i] = i < 22 ? 1000 : (i - 22);   /* the big old values scroll away */
	v[25] = NAN;
	setup(&f, 40, 5, GLYPHS_ASCII);
	widget_sparkline_draw(f.ps.win, row_at(0, 0, 8), &f.env,
			      &(struct sparkline_view){ v, 30, 0, false });
	/* Newest 8: 0 1 2 NaN 4 5 6 7, scaled to 7 over 3 levels. */
	ck_assert_str_eq(pty_screen_text(&f.ps, 0, 0, 8, buf, sizeof(buf)), " ..-:|||");
	ck_assert(pty_screen_attr(&f.ps, 0, 3) == A_ITALIC);
	teardown(&f);
}
END_TEST

/* ---- pools -------------------------------------------------------------- */

static struct iobuf_pool_summary pool_sum(enum util_kind k, uint64_t used, uint64_t cap)
{
	struct iobuf_pool_summary s;

	memset(&s, 0, sizeof(s));
	s.util_kind = k;
	s.used = used;
	s.capacity = cap;
	s.util = cap ? (double)used / (double)cap : 0;
	s.count = cap;
	s.bufsize = 8192;
	s.reserved = used;
	s.has_reserved = k == UTIL_RESERVED;
	return s;
}

START_TEST(test_pool_pinned_vs_exact)
{
	struct iobuf_pool_summary pinned = pool_sum(UTIL_RESERVED, 2048, 8192);
	struct iobuf_pool_summary exact = pool_sum(UTIL_EXACT, 2048, 8192);
	struct iobuf_pool_summary unknown = pool_sum(UTIL_UNKNOWN, 0, 0);
	double hist[] = { 0, 0, 3, 148507 };
	struct pool_view pv = { "small", &pinned, 0, hist, 4, NULL, 0, NULL, true, 3.2, NULL, NULL, NULL };
	struct pool_view ev = { "large", &exact, 148507, hist, 4, NULL, 0, NULL, true, 3.2, NULL, NULL, NULL };
	struct pool_view uv = { "small", &unknown, NAN, NULL, 0, NULL, 0, NULL, true, NAN, NULL, NULL, NULL };
	struct rect r0 = { 0, 0, 2, 100 }, r1 = { 2, 0, 2, 100 }, r2 = { 4, 0, 1, 100 };
	struct fixture f;
	char row[512];
	int x, n_cached, n_used, bar_x;

	setup(&f, 100, 24, GLYPHS_ASCII);
	widget_pool_draw(f.ps.win, r0, &f.env, &pv);
	widget_pool_draw(f.ps.win, r1, &f.env, &ev);
	widget_pool_draw(f.ps.win, r2, &f.env, &uv);

	/* The caches' configured size is never called use: it says it is configured. */
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "25.0% reserved by caches (configured)  2,048 / 8,192"), "%s",
		      row);
	ck_assert_msg(strncmp(row, "small", 5) == 0, "%s", row);
	bar_x = pty_screen_find(&f.ps, 0, "[", NULL) + 1;
	ck_assert_int_gt(bar_x, 0);
	n_cached = pty_screen_count(&f.ps, 0, bar_x, 100 - bar_x, "=");
	n_used = pty_screen_count(&f.ps, 0, bar_x, 100 - bar_x, "#");
	ck_assert_int_eq(n_used, 0);
	ck_assert_int_gt(n_cached, 0);
	ck_assert(pty_screen_attr(&f.ps, 0, bar_x) == A_UNDERLINE);  /* UI_BAR_CACHED */
	x = pty_screen_find(&f.ps, 0, "]", NULL);
	/* A quarter of the bar, give or take the rounding of one cell. */
	ck_assert_int_le(abs(4 * n_cached - (x - bar_x)), 4);

	pty_screen_row(&f.ps, 2, row, sizeof(row));
	ck_assert_msg(strstr(row, "25.0% in use  2,048 / 8,192"), "%s", row);
	ck_assert_msg(!strstr(row, "reserved"), "%s", row);
	bar_x = pty_screen_find(&f.ps, 2, "[", NULL) + 1;
	ck_assert_int_eq(pty_screen_count(&f.ps, 2, bar_x, 100 - bar_x, "="), 0);
	ck_assert_int_gt(pty_screen_count(&f.ps, 2, bar_x, 100 - bar_x, "#"), 0);
	ck_assert(pty_screen_attr(&f.ps, 2, bar_x) == A_REVERSE);    /* UI_BAR_USED */

	/* Line 2: size, memory, retries now, and the sparkline with the peak at the end. */
	pty_screen_row(&f.ps, 1, row, sizeof(row));
	ck_assert_msg(strstr(row, "8.0 KiB x 8,192 = 64 MiB"), "%s", row);
	ck_assert_msg(strstr(row, "retries 0/s"), "%s", row);
	/* Without the exact figure, the counters' live word: how often gets reach the pool. */
	ck_assert_msg(strstr(row, "from pool 3% of gets"), "%s", row);
	ck_assert_msg(row[strlen(row) - 1] == '|', "%s", row);   /* newest = the peak */
	pty_screen_row(&f.ps, 3, row, sizeof(row));
	ck_assert_msg(strstr(row, "retries 148,507/s"), "%s", row);
	ck_assert_msg(!strstr(row, "from pool"), "%s", row);   /* exact says it all */
	x = pty_screen_find(&f.ps, 3, "retries 148,507/s", NULL);
	ck_assert(pty_screen_attr(&f.ps, 3, x) == A_UNDERLINE);       /* UI_ALERT_CRITICAL */

	pty_screen_row(&f.ps, 4, row, sizeof(row));
	ck_assert_msg(strstr(row, "occupancy not reported"), "%s", row);
	ck_assert_msg(!strchr(row, '['), "%s", row);
	ck_assert_msg(strstr(row, "retries -/s"), "%s", row);   /* one line: retries join */
	teardown(&f);
}
END_TEST

/* Exact use with the caches' reservation inside it: two kinds of cells, one percentage. */
START_TEST(test_pool_exact_with_reservation)
{
	struct iobuf_pool_summary s = pool_sum(UTIL_EXACT, 1024, 1024);
	struct pool_view v = { "large", &s, 150000, NULL, 0, NULL, 0, NULL, true, NAN, NULL, NULL, NULL };
	struct rect r = { 0, 0, 2, 100 };
	struct fixture f;
	char row[512];
	int bar_x, n_used, n_cached, end;

	s.reserved = 256;
	s.has_reserved = true;
	setup(&f, 100, 10, GLYPHS_ASCII);
	widget_pool_draw(f.ps.win, r, &f.env, &v);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "100.0% in use  1,024 / 1,024  !! RAN DRY"), "%s", row);
	bar_x = pty_screen_find(&f.ps, 0, "[", NULL) + 1;
	end = pty_screen_find(&f.ps, 0, "]", NULL);
	n_used = pty_screen_count(&f.ps, 0, bar_x, end - bar_x, "#");
	n_cached = pty_screen_count(&f.ps, 0, bar_x, end - bar_x, "=");
	ck_assert_int_eq(n_used + n_cached, end - bar_x);   /* full: no free cell */
	ck_assert_int_le(abs(4 * n_cached - (end - bar_x)), 4);   /* a quarter reserved */
	teardown(&f);

	/* Pools per NUMA node: line 2 names each node's use, so a dry node shows. */
	v.node_use = "node 0 100%  node 1 12%";
	setup(&f, 100, 10, GLYPHS_ASCII);
	widget_pool_draw(f.ps.win, r, &f.env, &v);
	pty_screen_row(&f.ps, 1, row, sizeof(row));
	ck_assert_msg(strstr(row, "retries 150,000/s   node 0 100%  node 1 12%"), "%s", row);
	teardown(&f);
}
END_TEST

/* Three nodes' large rings, node 0 dry, the others full: the sum reads a third in use. */
static void three_nodes(struct pool_nodes *pn, struct iobuf_pool_summary *s)
{
	struct iobuf_rings r;

	memset(&r, 0, sizeof(r));
	r.state = RINGS_EXACT;
	r.n = 3;
	r.rings[0] = (struct pool_ring_occupancy){ 0, true, 1024, 0 };
	r.rings[1] = (struct pool_ring_occupancy){ 1, true, 1024, 1024 };
	r.rings[2] = (struct pool_ring_occupancy){ 2, true, 1024, 1024 };
	pool_nodes_of(&r, true, pn);
	*s = pool_sum(UTIL_EXACT, 1024, 3072);
	s->util_source = UTIL_FROM_RING;
	s->free = 2048;
}

/*
 * Pools per NUMA node: the bar is the fullest node's ring and line 1 names
 * it at every width, so a dry node never reads as a third in use.
 */
START_TEST(test_pool_per_node_shows_the_dry_node)
{
	static const int widths[] = { 80, 60, 40, 30, 22 };
	struct iobuf_pool_summary s;
	struct pool_nodes pn;
	struct pool_view v = { "large", &s, 150000, NULL, 0, NULL, 0, NULL, true, NAN,
			       "node 0 100%  node 1 0%  node 2 0%", NULL, &pn };
	struct fixture f;
	char row[512];
	int bar_x, end;

	three_nodes(&pn, &s);
	setup(&f, 120, 24, GLYPHS_ASCII);
	widget_pool_draw(f.ps.win, (struct rect){ 0, 0, 2, 120 }, &f.env, &v);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "node 0 100.0% in use  1,024 / 1,024  fullest of 3, all 33%  "
			     "!! RAN DRY"), "%s", row);
	ck_assert_msg(!strstr(row, "33.3%"), "%s", row);
	/* the bar is node 0's: full, no free cell */
	bar_x = pty_screen_find(&f.ps, 0, "[", NULL) + 1;
	end = pty_screen_find(&f.ps, 0, "]", NULL);
	ck_assert_int_gt(end - bar_x, 4);
	ck_assert_int_eq(pty_screen_count(&f.ps, 0, bar_x, end - bar_x, "#"), end - bar_x);
	teardown(&f);

	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		for (int h = 1; h <= 2; h++) {
			setup(&f, 80, 24, GLYPHS_ASCII);
			widget_pool_draw(f.ps.win, (struct rect){ 0, 0, h, widths[i] }, &f.env, &v);
			pty_screen_row(&f.ps, 0, row, sizeof(row));
			ck_assert_msg(strstr(row, "node 0 100"), "%d cols, %d lines: %s", widths[i],
				      h, row);
			ck_assert_msg(!strstr(row, "33.3%"), "%d cols: %s", widths[i], row);
			teardown(&f);
		}
	}

	/* 80 columns: the fullest node and the sum, each said as such */
	setup(&f, 80, 24, GLYPHS_ASCII);
	widget_pool_draw(f.ps.win, (struct rect){ 0, 0, 2, 80 }, &f.env, &v);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "node 0 100% in use  all 3 nodes 33%  !! RAN DRY"), "%s", row);
	teardown(&f);

	/* at 50 columns the sum is still said, as such */
	setup(&f, 80, 24, GLYPHS_ASCII);
	widget_pool_draw(f.ps.win, (struct rect){ 0, 0, 2, 50 }, &f.env, &v);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "node 0 100%  all 33%  !! RAN DRY"), "%s", row);
	teardown(&f);

	/* one ring: the pool's own figure, as before */
	pn.n = 1;
	s = pool_sum(UTIL_EXACT, 512, 1024);
	s.util_source = UTIL_FROM_RING;
	setup(&f, 80, 24, GLYPHS_ASCII);
	widget_pool_draw(f.ps.win, (struct rect){ 0, 0, 2, 80 }, &f.env, &v);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, " 50.0% in use    512 / 1,024"), "%s", row);
	ck_assert_msg(!strstr(row, "node"), "%s", row);
	teardown(&f);
}
END_TEST

/* 40 columns, one line: the label that says "not occupancy" and the retries both stay. */
START_TEST(test_pool_one_line_narrow)
{
	struct iobuf_pool_summary pinned = pool_sum(UTIL_RESERVED, 112, 1024);
	struct pool_view pv = { "large", &pinned, 148507, NULL, 0, NULL, 0, NULL, false, NAN, NULL, NULL, NULL };
	struct rect r = { 0, 0, 1, 40 };
	struct fixture f;
	char row[512];
	int x;

	setup(&f, 40, 12, GLYPHS_ASCII);
	widget_pool_draw(f.ps.win, r, &f.env, &pv);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "11% rsvd  !! retries 149k/s"), "%s", row);
	ck_assert_msg(strchr(row, '['), "%s", row);
	x = pty_screen_find(&f.ps, 0, "retries", NULL);
	ck_assert(pty_screen_attr(&f.ps, 0, x) == A_UNDERLINE);   /* UI_ALERT_CRITICAL */
	ck_assert_str_eq(pty_screen_row(&f.ps, 1, row, sizeof(row)), "");
	teardown(&f);
}
END_TEST

START_TEST(test_pool_three_lines_utf8)
{
	struct iobuf_pool_summary pinned = pool_sum(UTIL_RESERVED, 4096, 8192);
	double hist[60];
	struct pool_view pv = { "small", &pinned, 7, hist, 60, NULL, 0, NULL, true, NAN, NULL, NULL, NULL };
	struct rect r = { 0, 0, 3, 100 };
	struct fixture f;
	char row[1024];
	int i, bar_x;

	for (i = 0; i < 60; i++)
		hist[i] = i < 10 ? NAN : i % 7;
	setup(&f, 100, 10, GLYPHS_UTF8);
	widget_pool_draw(f.ps.win, r, &f.env, &pv);
	bar_x = pty_screen_find(&f.ps, 0, "[", NULL) + 1;
	ck_assert_int_gt(pty_screen_count(&f.ps, 0, bar_x, 100 - bar_x, "\u2592"), 0);
	ck_assert_int_eq(pty_screen_count(&f.ps, 0, bar_x, 100 - bar_x, "\u2588"), 0);
	pty_screen_row(&f.ps, 2, row, sizeof(row));
	ck_assert_msg(strstr(row, "retries/s "), "%s", row);
	ck_assert_msg(strstr(row, "peak 6"), "%s", row);
	ck_assert_msg(strstr(row, "\u2588"), "%s", row);
	/* The old gap is far left and may be cut; the peak is in view. */
	teardown(&f);

	/* Without sparklines the third line stays empty. */
	setup(&f, 100, 10, GLYPHS_UTF8);
	pv.show_sparkline = false;
	widget_pool_draw(f.ps.win, r, &f.env, &pv);
	ck_assert_str_eq(pty_screen_row(&f.ps, 2, row, sizeof(row)), "");
	teardown(&f);
}
END_TEST

/* A pool running dry says so on its first line, in the alert colour; its bar keeps its width. */
START_TEST(test_pool_ran_dry_marker)
{
	struct iobuf_pool_summary small = pool_sum(UTIL_RESERVED, 24, 8192);
	struct iobuf_pool_summary large = pool_sum(UTIL_RESERVED, 3, 1024);
	struct pool_view sv = { "small", &small, 0, NULL, 0, NULL, 0, NULL, true, NAN, NULL, NULL, NULL };
	struct pool_view lv = { "large", &large, 150389, NULL, 0, NULL, 0, NULL, true, NAN, NULL, NULL, NULL };
	struct rect rs = { 0, 0, 3, 80 }, rl = { 3, 0, 3, 80 }, r1 = { 6, 0, 1, 80 };
	struct fixture f;
	char row[512];
	int x, bs, bl;

	setup(&f, 80, 24, GLYPHS_ASCII);
	bs = widget_pool_bar_width(&f.env, rs, &sv);
	bl = widget_pool_bar_width(&f.env, rl, &lv);
	ck_assert_int_ge(bs, 20);
	ck_assert_int_eq(bs, bl);   /* the marker's room is kept whether or not it shows */
	sv.bar_w = lv.bar_w = bs;
	widget_pool_draw(f.ps.win, rs, &f.env, &sv);
	widget_pool_draw(f.ps.win, rl, &f.env, &lv);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(!strstr(row, "DRY") && !strstr(row, "!!"), "%s", row);
	ck_assert_msg(strstr(row, "0.3% reserved (config)     24 / 8,192"), "%s", row);
	pty_screen_row(&f.ps, 3, row, sizeof(row));
	ck_assert_msg(strstr(row, "0.3% reserved (config)      3 / 1,024  !! RAN DRY"), "%s",
		      row);
	x = pty_screen_find(&f.ps, 3, "!! RAN DRY", NULL);
	ck_assert(pty_screen_attr(&f.ps, 3, x) == A_UNDERLINE);        /* UI_ALERT_CRITICAL */
	ck_assert(pty_screen_attr(&f.ps, 3, x + 9) == A_UNDERLINE);
	ck_assert(pty_screen_attr(&f.ps, 3, x - 3) == A_NORMAL);       /* the numbers: plain */
	/* The two bars line up, and the "/" of the counts too. */
	ck_assert_int_eq(pty_screen_find(&f.ps, 0, "]", NULL),
			 pty_screen_find(&f.ps, 3, "]", NULL));
	ck_assert_int_eq(pty_screen_find(&f.ps, 0, " / ", NULL),
			 pty_screen_find(&f.ps, 3, " / ", NULL));

	/* One line: the retries themselves carry the marker. */
	lv.show_sparkline = false;
	widget_pool_draw(f.ps.win, r1, &f.env, &lv);
	pty_screen_row(&f.ps, 6, row, sizeof(row));
	ck_assert_msg(strstr(row, "  !! retries 150,389/s"), "%s", row);
	x = pty_screen_find(&f.ps, 6, "!! retries", NULL);
	ck_assert(pty_screen_attr(&f.ps, 6, x) == A_UNDERLINE);
	teardown(&f);
}
END_TEST

/*
 * Line 1 as it was chosen before its texts were formatted lazily: every
 * candidate built first, richest first, then the choice.  The widget must
 * draw the text and the bar this picks.
 */
struct eager_cand {
	char text[192];
	int reserve;    /* what the bar leaves for the text */
	int alert_at;   /* where the alert colour starts in text, -1: none */
};

static int eager_add(struct eager_cand *c, int n, const char *base, const char *alert,
		     const char *room_for)
{
	snprintf(c[n].text, sizeof(c[n].text), "%s%s", base, alert ? alert : "");
	c[n].alert_at = alert && *alert ? (int)strlen(base) : -1;
	c[n].reserve = (int)strlen(base) + (int)strlen(room_for ? room_for : alert ? alert : "");
	return n + 1;
}

/* The six forms of the figure, richest first; returns the richest one line takes. */
static int eager_bases(const struct pool_view *p, char b[6][112])
{
	const struct iobuf_pool_summary *s = p->sum;
	bool exact = s->util_kind == UTIL_EXACT;
	const char *w[] = { exact ? "in use" : "reserved by thread caches (configured)",
			    exact ? "in use" : "reserved by caches (configured)",
			    exact ? "in use" : "reserved (config)", exact ? "in use" : "rsvd" };
	char used[FMT_NUM_LEN], cap[FMT_NUM_LEN];
	double pct = s->util * 100;

	if (exact && p->nodes && pool_nodes_split(p->nodes)) {
		const struct pool_node_use *u = &p->nodes->nodes[p->nodes->fullest];
		double all = pct;
		size_t n = p->nodes->n;

		pct = u->util * 100;
		fmt_thousands(used, sizeof(used), u->used);
		fmt_thousands(cap, sizeof(cap), u->capacity);
		snprintf(b[0], 112, "node %d %5.1f%% in use  %*s / %s  fullest of %zu, all %.0f%%",
			 u->node, pct, (int)strlen(cap), used, cap, n, all);
		snprintf(b[1], 112, "node %d %5.1f%% in use  fullest of %zu nodes, all %.0f%%",
			 u->node, pct, n, all);
		snprintf(b[2], 112, "node %d %.0f%% in use  all %zu nodes %.0f%%", u->node, pct, n,
			 all);
		snprintf(b[3], 112, "node %d %.0f%% in use  all %.0f%%", u->node, pct, all);
		snprintf(b[4], 112, "node %d %.0f%%  all %.0f%%", u->node, pct, all);
		snprintf(b[5], 112, "node %d %.0f%%", u->node, pct);
		return 3;
	}
	fmt_thousands(used, sizeof(used), s->used);
	fmt_thousands(cap, sizeof(cap), s->capacity);
	for (int i = 0; i < 3; i++)
		snprintf(b[i], 112, "%5.1f%% %s  %*s / %s", pct, w[i], (int)strlen(cap), used, cap);
	snprintf(b[3], 112, "%.0f%% %s", pct, w[2]);
	snprintf(b[4], 112, "%.0f%% %s", pct, w[3]);
	snprintf(b[5], 112, "%.0f%%", pct);
	return 2;
}

static int eager_cands(const struct pool_view *p, bool one_line, struct eager_cand *c)
{
	double rate = p->retry_rate;
	const char *dry = rate > 0 ? "  !! RAN DRY" : "", *dry_short = rate > 0 ? "  !! DRY" : "";
	const char *mark = rate > 0 ? "!! " : "";
	char b[6][112], n[FMT_NUM_LEN], full[80], shorter[80], bare[80];
	int rich = eager_bases(p, b), k = 0;

	if (!one_line) {
		for (int i = 0; i < 5; i++)
			k = eager_add(c, k, b[i], dry, "  !! RAN DRY");
		k = eager_add(c, k, b[4], dry_short, "  !! DRY");
		k = eager_add(c, k, b[5], dry_short, "  !! DRY");
		return eager_add(c, k, b[5], NULL, NULL);
	}
	fmt_rate(n, sizeof(n), rate);
	snprintf(full, sizeof(full), "  %sretries %s/s", mark, n);
	if (!isnan(rate) && rate >= 9999.5)
		fmt_short(n, sizeof(n), rate);
	snprintf(shorter, sizeof(shorter), "  %sretries %s/s", mark, n);
	snprintf(bare, sizeof(bare), "  retries %s/s", n);
	k = eager_add(c, k, b[rich], full, NULL);
	k = eager_add(c, k, b[4], full, NULL);
	k = eager_add(c, k, b[4], shorter, NULL);
	k = eager_add(c, k, b[4], bare, NULL);
	k = eager_add(c, k, b[5], bare, NULL);
	k = eager_add(c, k, b[4], NULL, NULL);
	return eager_add(c, k, b[5], NULL, NULL);
}

/* The first candidate beside which the bar, at most cap wide, gets floor cells; -1: none. */
static int eager_first(const struct eager_cand *c, int n, int w, int cap, int floor, int *bw)
{
	for (int i = 0; i < n; i++) {
		*bw = w - 3 - c[i].reserve < cap ? w - 3 - c[i].reserve : cap;
		if (*bw >= floor)
			return i;
	}
	return -1;
}

/* Two fifths of w for the bar; a forced width first, then a good bar, then a thin one, then the last. */
static int eager_choice(const struct eager_cand *c, int n, int w, int forced, int *bw)
{
	int pref = (w - 3) * 2 / 5, i;
	int good = pref >= 20 ? 20 : 4;

	if (pref > 60)
		pref = 60;
	if (forced > 0 && (i = eager_first(c, n, w, forced, forced, bw)) >= 0)
		return i;
	if ((i = eager_first(c, n, w, pref, good, bw)) >= 0 ||
	    (i = eager_first(c, n, w, pref, 4, bw)) >= 0)
		return i;
	return n - 1;   /* bw: what the last leaves, from the last walk */
}

/* Line 1 of pv drawn w wide, h tall, against the eager choice: bar, text, alert colour. */
static void check_line1_eager(struct fixture *f, const struct pool_view *pv, int h, int w,
			      const char *what)
{
	struct eager_cand c[8];
	char text[512];
	int n = eager_cands(pv, h == 1, c), bw, i, col, room;

	i = eager_choice(c, n, w - 6, pv->bar_w, &bw);
	werase(f->ps.win);
	widget_pool_draw(f->ps.win, (struct rect){ 0, 0, h, w }, &f->env, pv);
	if (pv->bar_w == 0)
		ck_assert_msg(widget_pool_bar_width(&f->env, (struct rect){ 0, 0, h, w }, pv) ==
			      (bw > 0 ? bw : 0), "%s %dx%d: bar width", what, w, h);
	col = 6;
	if (bw >= 1) {
		ck_assert_msg(!strcmp(pty_screen_text(&f->ps, 0, col, 1, text, sizeof(text)), "[") &&
			      !strcmp(pty_screen_text(&f->ps, 0, col + bw + 1, 1, text,
						      sizeof(text)), "]"),
			      "%s %dx%d: bar of %d: %s", what, w, h, bw,
			      pty_screen_row(&f->ps, 0, text, sizeof(text)));
		col += bw + 3;
	}
	room = w - col;
	pty_screen_text(&f->ps, 0, col, room, text, sizeof(text));
	for (n = (int)strlen(text); n > 0 && text[n - 1] == ' '; n--)
		text[n - 1] = '\0';
	/* A text too long is cut before an ellipsis. */
	if ((int)strlen(c[i].text) > room)
		strcpy(c[i].text + (room > 0 ? room - 1 : 0), "~");
	ck_assert_msg(!strcmp(text, c[i].text), "%s %dx%d: drew \"%s\", eager chose \"%s\"", what,
		      w, h, text, c[i].text);
	if (c[i].alert_at >= 0 && pv->retry_rate > 0 && c[i].alert_at + 2 < room)
		ck_assert_msg(pty_screen_attr(&f->ps, 0, col + c[i].alert_at + 2) == A_UNDERLINE &&
			      pty_screen_attr(&f->ps, 0, col + c[i].alert_at + 1) == A_NORMAL,
			      "%s %dx%d: alert colour from %d", what, w, h, c[i].alert_at + 2);
}

/*
 * Line 1's texts are formatted only as the choice reaches them: at every
 * width, height, kind, dry or not, per node or not, forced bar or not, the
 * line is the one the eager ladder chose.
 */
START_TEST(test_pool_line1_as_eager)
{
	static const double rates[] = { 0, 150389, NAN, 12345.6 };
	static const int forced[] = { 0, 12, 30 };
	struct iobuf_pool_summary s;
	struct pool_nodes pn;
	struct iobuf_rings r;
	struct pool_view v = { "large", &s, 0, NULL, 0, NULL, 0, NULL, false, 3.2, NULL, NULL, NULL };
	struct fixture f;
	char what[64];

	memset(&r, 0, sizeof(r));
	r.state = RINGS_EXACT;
	r.n = 2;
	r.rings[0] = (struct pool_ring_occupancy){ 0, true, 1048576, 1000000 };
	r.rings[1] = (struct pool_ring_occupancy){ 1, true, 1048576, 38 };
	pool_nodes_of(&r, true, &pn);
	setup(&f, 256, 4, GLYPHS_ASCII);
	for (int k = 0; k < 3; k++) {
		s = pool_sum(k == 0 ? UTIL_RESERVED : UTIL_EXACT, 1058614, 2097152);
		v.nodes = k == 2 ? &pn : NULL;
		for (size_t ri = 0; ri < sizeof(rates) / sizeof(rates[0]); ri++) {
			v.retry_rate = rates[ri];
			for (size_t fi = 0; fi < sizeof(forced) / sizeof(forced[0]); fi++) {
				v.bar_w = forced[fi];
				snprintf(what, sizeof(what), "%s, retries %g, bar_w %d",
					 k == 0 ? "reserved" : k == 1 ? "exact" : "per node",
					 rates[ri], forced[fi]);
				for (int h = 1; h <= 4; h++)
					for (int w = 8; w <= 250; w++)
						check_line1_eager(&f, &v, h, w, what);
			}
		}
	}
	teardown(&f);
}
END_TEST

/* A graph several rows tall: columns fill from the baseline, a gap shows once, at the bottom. */
START_TEST(test_graph_rows)
{
	static const double v[] = { 0, 1, 12, NAN, 24 };
	struct rect r = { 1, 2, 3, 6 };
	struct fixture f;
	char buf[64];

	setup(&f, 20, 6, GLYPHS_ASCII);
	/* 3 rows x 3 levels: 1 -> 1 level, 12 -> 5 (a full cell and ':'), 24 -> all 9. */
	widget_graph_draw(f.ps.win, r, &f.env, &(struct sparkline_view){ v, 5, 24, true });
	ck_assert_str_eq(pty_screen_text(&f.ps, 1, 2, 6, buf, sizeof(buf)), "     |");
	ck_assert_str_eq(pty_screen_text(&f.ps, 2, 2, 6, buf, sizeof(buf)), "   : |");
	ck_assert_str_eq(pty_screen_text(&f.ps, 3, 2, 6, buf, sizeof(buf)), "  .|-|");
	ck_assert(pty_screen_attr(&f.ps, 3, 6) == A_ITALIC);     /* the gap: UI_GAP */
	ck_assert(pty_screen_attr(&f.ps, 1, 7) == A_BOLD);       /* retries: alert */
	ck_assert(pty_screen_attr(&f.ps, 2, 6) == A_NORMAL);     /* above a gap: blank */
	/* Nothing outside the rect. */
	ck_assert_str_eq(pty_screen_row(&f.ps, 0, buf, sizeof(buf)), "");
	ck_assert_str_eq(pty_screen_row(&f.ps, 4, buf, sizeof(buf)), "");
	ck_assert_str_eq(pty_screen_text(&f.ps, 3, 0, 2, buf, sizeof(buf)), "  ");
	ck_assert_str_eq(pty_screen_text(&f.ps, 3, 8, 4, buf, sizeof(buf)), "    ");
	ck_assert(widget_graph_scale(v, 5, 6) == 24);
	ck_assert(widget_graph_scale(v, 5, 2) == 24);
	ck_assert(widget_graph_scale(v, 3, 2) == 12);
	teardown(&f);
}
END_TEST

/* Cell (y, x) of the window: its character, attributes and colour pair. */
static void cell_at(WINDOW *win, int y, int x, wchar_t *wc, attr_t *a, short *pair)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1];

	ck_assert_int_eq(mvwin_wch(win, y, x, &cc), OK);
	ck_assert_int_eq(getcchar(&cc, wch, a, pair, NULL), OK);
	*wc = wch[0];
}

/* The colour pair of the cell at (y, x). */
static short cell_pair(const struct fixture *f, int y, int x)
{
	wchar_t wc;
	attr_t a;
	short pair = -1;

	cell_at(f->ps.win, y, x, &wc, &a, &pair);
	return pair;
}

/*
 * A retry graph's blanks between its alert-coloured cells take the alert's
 * attribute where that does not show on a space (no background of its own,
 * no reverse, underline or blink): one run for the terminal instead of an
 * attribute switch there and back around every blank.  Blanks before the
 * first and after the last alert cell of a row, and every blank where the
 * alert would show, stay plain sparkline blanks.
 */
START_TEST(test_graph_blanks_in_alert_attr_where_unseen)
{
	static const double v[] = { 1, 8, 1, 8, 1, 8, 1 };
	struct fixture f;
	char buf[64];

	setup(&f, 30, 4, GLYPHS_UTF8);
	ck_assert_int_eq(start_color(), OK);
	ck_assert_int_eq(use_default_colors(), OK);
	ck_assert_int_eq(init_pair(1, COLOR_CYAN, -1), OK);
	ck_assert_int_eq(init_pair(2, COLOR_RED, -1), OK);
	ck_assert_int_eq(init_pair(3, COLOR_WHITE, COLOR_RED), OK);
	f.pal.attr[UI_SPARKLINE] = COLOR_PAIR(1);
	/* The default theme's kind: a foreground colour and bold. */
	f.pal.attr[UI_SPARKLINE_ALERT] = COLOR_PAIR(2) | A_BOLD;
	widget_graph_draw(f.ps.win, (struct rect){ 0, 0, 2, 7 }, &f.env,
			  &(struct sparkline_view){ v, 7, 8, true });
	ck_assert_str_eq(pty_screen_text(&f.ps, 0, 0, 7, buf, sizeof(buf)),
			 " \u2588 \u2588 \u2588 ");
	ck_assert_int_eq(cell_pair(&f, 0, 0), 1);   /* before the first: plain */
	ck_assert_int_eq(cell_pair(&f, 0, 2), 2);
	ck_assert(pty_screen_attr(&f.ps, 0, 2) == A_BOLD);
	ck_assert_int_eq(cell_pair(&f, 0, 4), 2);
	ck_assert_int_eq(cell_pair(&f, 0, 6), 1);   /* after the last: plain */
	/* The plain graph (gets) keeps its own colour. */
	widget_graph_draw(f.ps.win, (struct rect){ 2, 0, 2, 7 }, &f.env,
			  &(struct sparkline_view){ v, 7, 8, false });
	ck_assert_int_eq(cell_pair(&f, 2, 2), 1);
	/* An alert with a background, reversed or underlined shows on a blank: not taken. */
	f.pal.attr[UI_SPARKLINE_ALERT] = COLOR_PAIR(3);
	widget_graph_draw(f.ps.win, (struct rect){ 0, 8, 2, 7 }, &f.env,
			  &(struct sparkline_view){ v, 7, 8, true });
	ck_assert_int_eq(cell_pair(&f, 0, 10), 1);
	ck_assert_int_eq(cell_pair(&f, 0, 11), 3);
	f.pal.attr[UI_SPARKLINE_ALERT] = COLOR_PAIR(2) | A_REVERSE;
	widget_graph_draw(f.ps.win, (struct rect){ 0, 16, 2, 7 }, &f.env,
			  &(struct sparkline_view){ v, 7, 8, true });
	ck_assert_int_eq(cell_pair(&f, 0, 18), 1);
	ck_assert(pty_screen_attr(&f.ps, 0, 18) == A_NORMAL);
	f.pal.attr[UI_SPARKLINE_ALERT] = A_UNDERLINE;
	f.pal.attr[UI_SPARKLINE] = A_NORMAL;
	widget_graph_draw(f.ps.win, (struct rect){ 2, 16, 2, 7 }, &f.env,
			  &(struct sparkline_view){ v, 7, 8, true });
	ck_assert(pty_screen_attr(&f.ps, 2, 18) == A_NORMAL);
	ck_assert(pty_screen_attr(&f.ps, 2, 19) == A_UNDERLINE);
	/* ASCII's lowest level is a blank too: the same rule (mono: bold alerts). */
	glyphs_init(&f.gl, GLYPHS_ASCII);
	f.pal.attr[UI_SPARKLINE_ALERT] = A_BOLD;
	widget_graph_draw(f.ps.win, (struct rect){ 0, 24, 1, 3 }, &f.env,
			  &(struct sparkline_view){ (const double[]){ 8, 0, 8 }, 3, 8, true });
	ck_assert_str_eq(pty_screen_text(&f.ps, 0, 24, 3, buf, sizeof(buf)), "| |");
	ck_assert(pty_screen_attr(&f.ps, 0, 25) == A_BOLD);
	teardown(&f);
}
END_TEST

/* Every cell of r the same in windows a and b: character, attributes, colour pair. */
static void same_cells(WINDOW *a, WINDOW *b, struct rect r, const char *what)
{
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++) {
			wchar_t wa, wb;
			attr_t aa, ab;
			short pa, pb;

			cell_at(a, y, x, &wa, &aa, &pa);
			cell_at(b, y, x, &wb, &ab, &pb);
			ck_assert_msg(wa == wb && aa == ab && pa == pb,
				      "%s: cell %d,%d: '%lc' %x/%d, whole '%lc' %x/%d", what, y, x,
				      (wint_t)wa, (unsigned)aa, pa, (wint_t)wb, (unsigned)ab, pb);
		}
}

/* The rows of r ncurses marks as written since the last untouchwin (bit i: row r.y + i). */
static unsigned touched_rows(WINDOW *win, struct rect r)
{
	unsigned t = 0;

	for (int i = 0; i < r.h; i++)
		if (is_linetouched(win, r.y + i))
			t |= 1u << i;
	return t;
}

/*
 * With a memo, a graph writes only the rows that differ from what it drew:
 * a busy retry graph whose history moves on a column changes its top row
 * alone, and the rows below are not written at all.  Whatever the memo
 * cannot vouch for (the caller's word, another look, another rect, a row
 * the caller wrote over) is drawn again.  The window always holds what a
 * graph drawn whole holds.
 */
START_TEST(test_graph_memo_writes_rows_that_differ)
{
	double v[48];
	struct rect r = { 1, 2, 4, 30 };
	struct graph_memo memo;
	struct sparkline_view sv;
	struct fixture f;
	WINDOW *ref;

	setup(&f, 40, 8, GLYPHS_ASCII);
	ref = newwin(8, 40, 0, 0);
	ck_assert_ptr_nonnull(ref);
	memset(&memo, 0, sizeof(memo));
	/* 4 rows x 3 levels: 100 fills the column, 90 all but the top row's last level. */
	for (int i = 0; i < 48; i++)
		v[i] = i % 3 == 0 ? 90 : 100;
	sv = (struct sparkline_view){ v, 30, 100, true };
	widget_graph_draw_memo(f.ps.win, r, &f.env, &sv, &memo);
	ck_assert_uint_eq(memo.drawn, 0xf);
	untouchwin(f.ps.win);
	sv.v = v + 1;
	widget_graph_draw_memo(f.ps.win, r, &f.env, &sv, &memo);
	ck_assert_uint_eq(touched_rows(f.ps.win, r), 1);   /* the top row alone */
	ck_assert_uint_eq(memo.drawn, 1u << 3);
	widget_graph_draw(ref, r, &f.env, &sv);
	same_cells(f.ps.win, ref, r, "moved");
	/* The same again: nothing. */
	untouchwin(f.ps.win);
	widget_graph_draw_memo(f.ps.win, r, &f.env, &sv, &memo);
	ck_assert_uint_eq(touched_rows(f.ps.win, r), 0);
	/* A gap at the newest column: its baseline shows it, every row of it blanks. */
	v[30] = NAN;
	untouchwin(f.ps.win);
	widget_graph_draw_memo(f.ps.win, r, &f.env, &sv, &memo);
	ck_assert_uint_eq(touched_rows(f.ps.win, r), 0xf);
	widget_graph_draw(ref, r, &f.env, &sv);
	same_cells(f.ps.win, ref, r, "gap");
	/* A row the caller wrote over, and its word that the window holds nothing known. */
	mvwaddstr(f.ps.win, 2, 4, "xx");
	memo.known &= ~(1u << 2);
	untouchwin(f.ps.win);
	widget_graph_draw_memo(f.ps.win, r, &f.env, &sv, &memo);
	ck_assert_uint_eq(touched_rows(f.ps.win, r), 1u << 1);
	same_cells(f.ps.win, ref, r, "written over");
	memo.valid = false;
	untouchwin(f.ps.win);
	widget_graph_draw_memo(f.ps.win, r, &f.env, &sv, &memo);
	ck_assert_uint_eq(touched_rows(f.ps.win, r), 0xf);
	/* Another look (the gets' colour), another glyph set, another rect: every row. */
	sv.alert_nonzero = false;
	untouchwin(f.ps.win);
	widget_graph_draw_memo(f.ps.win, r, &f.env, &sv, &memo);
	ck_assert_uint_eq(touched_rows(f.ps.win, r), 0xf);
	widget_graph_draw(ref, r, &f.env, &sv);
	same_cells(f.ps.win, ref, r, "look");
	glyphs_init(&f.gl, GLYPHS_UTF8);
	untouchwin(f.ps.win);
	widget_graph_draw_memo(f.ps.win, r, &f.env, &sv, &memo);
	ck_assert_uint_eq(touched_rows(f.ps.win, r), 0xf);
	widget_graph_draw(ref, r, &f.env, &sv);
	same_cells(f.ps.win, ref, r, "glyphs");
	r.x++;
	untouchwin(f.ps.win);
	widget_graph_draw_memo(f.ps.win, r, &f.env, &sv, &memo);
	ck_assert_uint_eq(touched_rows(f.ps.win, r), 0xf);
	widget_graph_draw(ref, r, &f.env, &sv);
	same_cells(f.ps.win, ref, (struct rect){ 0, 0, 8, 40 }, "rect");
	delwin(ref);
	teardown(&f);
}
END_TEST

/*
 * A graph with a memo, tick after tick over a moving history of plateaus,
 * zeros, gaps and bursts, at changing scales, heights, alert colours and
 * glyph sets, holds what a graph drawn whole holds; and the memo did spare
 * rows (or this proves nothing).
 */
START_TEST(test_graph_memo_equals_whole)
{
	static double v[400];
	unsigned seed = 12345, spared = 0;
	struct rect r = { 0, 1, 4, 36 };
	struct graph_memo memo;
	struct fixture f;
	WINDOW *ref;

	setup(&f, 40, 8, GLYPHS_UTF8);
	ck_assert_int_eq(start_color(), OK);
	ck_assert_int_eq(use_default_colors(), OK);
	ck_assert_int_eq(init_pair(1, COLOR_CYAN, -1), OK);
	ck_assert_int_eq(init_pair(2, COLOR_RED, -1), OK);
	f.pal.attr[UI_SPARKLINE] = COLOR_PAIR(1);
	f.pal.attr[UI_SPARKLINE_ALERT] = COLOR_PAIR(2) | A_BOLD;
	ref = newwin(8, 40, 0, 0);
	ck_assert_ptr_nonnull(ref);
	memset(&memo, 0, sizeof(memo));
	for (int i = 0; i < 400; i++) {
		seed = seed * 1103515245u + 12345u;
		/* Stretches of plateau, each after a few points of anything. */
		switch (i % 100 < 12 ? seed >> 16 & 3 : 4) {
		case 0:
			v[i] = NAN;
			break;
		case 1:
			v[i] = 0;
			break;
		case 2:
			v[i] = (double)(seed >> 20 & 1023);
			break;
		default:
			v[i] = 900 + (double)(seed >> 24 & 127);   /* the plateau */
			break;
		}
	}
	for (int t = 0; t < 300; t++) {
		struct sparkline_view sv = { v + t, (size_t)(t < 40 ? t : 40), t % 50 < 25 ? 0 : 1100,
					     t % 70 < 60 };
		unsigned rows;

		if (t % 97 == 96)
			r.h = r.h == 4 ? 3 : 4;
		if (t == 150)
			glyphs_init(&f.gl, GLYPHS_ASCII);
		widget_graph_draw_memo(f.ps.win, r, &f.env, &sv, &memo);
		widget_graph_draw(ref, r, &f.env, &sv);
		same_cells(f.ps.win, ref, (struct rect){ 0, 0, 8, 40 }, "tick");
		rows = (1u << r.h) - 1;
		spared += (unsigned)__builtin_popcount(rows & ~memo.drawn);
	}
	ck_assert_msg(spared > 200, "the memo spared %u rows in 300 draws", spared);
	delwin(ref);
	teardown(&f);
}
END_TEST

/*
 * A pool pane with a memo writes lines 1 and 2 and, of its graphs, only the
 * rows that differ: a busy retry graph whose history moves on a column
 * writes its top row, a row whose legend or scale changed is blanked and
 * drawn again beside its graph, and an empty graph's label stays where it
 * stands; the label's going and coming, and the caller's word that nothing
 * is known, draw what must be.  The pane always holds what it holds drawn
 * whole.
 */
START_TEST(test_pool_memo_writes_rows_that_differ)
{
	struct iobuf_pool_summary large = pool_sum(UTIL_EXACT, 1024, 1024);
	static double hist[300], gets[300], wall[300];
	struct pool_view pv = { "large", &large, 150000, hist, 100, wall, 0, gets, true, NAN, NULL, NULL, NULL };
	struct rect r = { 1, 0, 16, 100 };
	struct pool_memo memo;
	struct fixture f;
	WINDOW *ref;
	int t;

	for (int i = 0; i < 300; i++) {
		hist[i] = i % 3 ? 150000 : 160000;   /* 8 rows x 3 levels: the top row moves */
		gets[i] = 1000;
		wall[i] = 1000 + i;
	}
	setup(&f, 100, 20, GLYPHS_ASCII);
	ref = newwin(20, 100, 0, 0);
	ck_assert_ptr_nonnull(ref);
	memset(&memo, 0, sizeof(memo));
	widget_pool_draw_memo(f.ps.win, r, &f.env, &pv, &memo);
	ck_assert_int_ge(pty_screen_find(&f.ps, 11, "gets/s", NULL), 0);
	for (t = 1; t <= 3; t++) {
		pv.hist = hist + t;
		pv.gets = gets + t;
		pv.wall = wall + t;
		untouchwin(f.ps.win);
		widget_pool_draw_memo(f.ps.win, r, &f.env, &pv, &memo);
		/* Lines 1 and 2, and the retry graph's top row. */
		ck_assert_uint_eq(touched_rows(f.ps.win, r), 0x7);
		widget_pool_draw(ref, r, &f.env, &pv);
		same_cells(f.ps.win, ref, r, "moved");
	}
	/*
	 * Twice the peak: the scale and the legend move, and the columns halve;
	 * the bottom half of the graph, full before and after, stands.
	 */
	hist[3 + 99] = 320000;   /* the newest point */
	untouchwin(f.ps.win);
	widget_pool_draw_memo(f.ps.win, r, &f.env, &pv, &memo);
	ck_assert_uint_eq(touched_rows(f.ps.win, r), 0x3f);
	widget_pool_draw(ref, r, &f.env, &pv);
	same_cells(f.ps.win, ref, r, "peak");
	/* No retries in view: the empty graph says so, and says it again without a write. */
	for (int i = 0; i < 300; i++)
		hist[i] = 0;
	for (int k = 0; k < 2; k++) {
		untouchwin(f.ps.win);
		widget_pool_draw_memo(f.ps.win, r, &f.env, &pv, &memo);
		widget_pool_draw(ref, r, &f.env, &pv);
		same_cells(f.ps.win, ref, r, "none in view");
		ck_assert_int_ge(pty_screen_find(&f.ps, -1, "none in view", NULL), 0);
	}
	ck_assert_uint_eq(touched_rows(f.ps.win, r), 0x3);
	/* Retries again, and a label over the gets' graph in turn: gone, and come. */
	hist[3 + 99] = 5;
	for (int i = 0; i < 300; i++)
		gets[i] = 0;
	untouchwin(f.ps.win);
	widget_pool_draw_memo(f.ps.win, r, &f.env, &pv, &memo);
	widget_pool_draw(ref, r, &f.env, &pv);
	same_cells(f.ps.win, ref, r, "labels moved");
	ck_assert_int_eq(pty_screen_find(&f.ps, 7, "none in view", NULL), -1);
	ck_assert_int_ge(pty_screen_find(&f.ps, 14, "none in view", NULL), 0);
	/* The caller's word that the pane holds nothing known: all of it. */
	memo.valid = false;
	untouchwin(f.ps.win);
	widget_pool_draw_memo(f.ps.win, r, &f.env, &pv, &memo);
	ck_assert_uint_eq(touched_rows(f.ps.win, r), 0xffff);
	same_cells(f.ps.win, ref, r, "invalid");
	/* Another rect: drawn whole there. */
	r.h = 12;
	werase(f.ps.win);
	werase(ref);
	widget_pool_draw_memo(f.ps.win, r, &f.env, &pv, &memo);
	widget_pool_draw(ref, r, &f.env, &pv);
	same_cells(f.ps.win, ref, (struct rect){ 0, 0, 20, 100 }, "rect");
	delwin(ref);
	teardown(&f);
}
END_TEST

/*
 * widget_text puts printable ASCII as cells (wadd_wchnstr), not through
 * waddnstr: what lands in the window must be what waddnstr leaves there,
 * cell for cell (text, attributes, colour pair, over a window background
 * with a colour and an attribute of its own, with and without a colour in
 * the text's attribute), and the cursor where waddnstr leaves it (a box's
 * title goes on after it), also at the right edge and around UTF-8.
 */
START_TEST(test_text_cells_as_waddnstr)
{
	static const char *const texts[] = {
		"plain ascii 0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
		"mixed \u2588\u2592 glyphs \u00b7 and ascii", " leading and trailing  ",
		"to the very edge of the screen, and more: a line longer than the screen",
		"exactly up to the right edge, fifty-five columns long.."

	};
	static const attr_t attrs[] = { A_NORMAL, A_BOLD, A_REVERSE | A_UNDERLINE };
	struct fixture f;

	setup(&f, 60, 8, GLYPHS_UTF8);
	ck_assert_int_eq(start_color(), OK);
	ck_assert_int_eq(use_default_colors(), OK);
	ck_assert_int_eq(init_pair(1, COLOR_YELLOW, COLOR_BLUE), OK);
	ck_assert_int_eq(init_pair(2, COLOR_RED, -1), OK);
	wbkgdset(f.ps.win, ' ' | COLOR_PAIR(1) | A_DIM);
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		for (size_t a = 0; a < 2 * sizeof(attrs) / sizeof(attrs[0]); a++) {
			attr_t attr = attrs[a / 2] | (a % 2 ? COLOR_PAIR(2) : 0);
			int x0 = t >= 3 ? 5 : 2, n = (int)strlen(texts[t]), used, y0, x0w, y1, x1;

			werase(f.ps.win);
			used = widget_text(f.ps.win, 1, x0, 60, attr, &f.env, texts[t]);
			getyx(f.ps.win, y0, x0w);
			/* The reference: the same bytes, as far as they fit, through waddnstr. */
			wattrset(f.ps.win, (int)attr);
			mvwaddnstr(f.ps.win, 3, x0, texts[t], n);
			wattrset(f.ps.win, A_NORMAL);
			getyx(f.ps.win, y1, x1);
			/* The cursor where waddnstr leaves it: after the text, or wrapped at the edge. */
			if (t != 3) {
				ck_assert_int_eq(y0 + 2, y1);
				ck_assert_int_eq(x0w, x1);
			}
			if (t < 3)
				ck_assert_int_eq(x0w, x0 + used);
			for (int x = 0; x < 60; x++) {
				wchar_t wa, wb;
				attr_t aa, ab;
				short pa, pb;

				/* Cut at the edge, widget_text ends in its ellipsis: not waddnstr's. */
				if (t == 3 && x == 59)
					continue;
				cell_at(f.ps.win, 1, x, &wa, &aa, &pa);
				cell_at(f.ps.win, 3, x, &wb, &ab, &pb);
				ck_assert_msg(wa == wb && aa == ab && pa == pb,
					      "text %zu attr %zu cell %d: '%lc' %#lx/%d against '%lc' %#lx/%d",
					      t, a, x, (wint_t)wa, (unsigned long)aa, pa, (wint_t)wb,
					      (unsigned long)ab, pb);
			}
		}
	}
	teardown(&f);
}
END_TEST

/* Row y begins with prefix. */
static void check_row_starts(const struct fixture *f, int y, const char *prefix)
{
	char row[512];

	pty_screen_row(&f->ps, y, row, sizeof(row));
	ck_assert_msg(strncmp(row, prefix, strlen(prefix)) == 0, "row %d: %s", y, row);
}

/* A fresh 100x24 ASCII screen with pool pv drawn h rows tall at the top. */
static void draw_tall_pool(struct fixture *f, int h, const struct pool_view *pv)
{
	setup(f, 100, 24, GLYPHS_ASCII);
	widget_pool_draw(f->ps.win, (struct rect){ 0, 0, h, 100 }, &f->env, pv);
}

/* Tall pools: a retry graph with its scale and legend; taller still, gets/s below it. */
START_TEST(test_pool_graphs)
{
	struct iobuf_pool_summary large = pool_sum(UTIL_RESERVED, 3, 1024);
	double hist[100], gets[100], wall[100];
	struct pool_view pv = { "large", &large, 150000, hist, 100, wall, 0, gets, true, NAN, NULL, NULL, NULL };
	struct rect r = { 0, 0, 8, 100 };
	struct fixture f;
	char row[512];
	int i, y, ax;

	for (i = 0; i < 100; i++) {
		hist[i] = i < 90 ? 0 : 150000;
		gets[i] = 1000.0 * i;
		wall[i] = 1000 + 2.0 * i;   /* every 2 s: 99 points cover 198 s */
	}
	setup(&f, 100, 24, GLYPHS_ASCII);
	widget_pool_draw(f.ps.win, r, &f.env, &pv);
	/* Six graph rows: the top's value and 0 on the scale, the legend at the right. */
	ck_assert_msg(strncmp(pty_screen_row(&f.ps, 2, row, sizeof(row)), " 150k|", 6) == 0, "%s",
		      row);
	ck_assert_msg(strstr(row, "retries/s"), "%s", row);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 3, row, sizeof(row)), "peak 150,000"), "%s",
		      row);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 4, row, sizeof(row)), "over "), "%s", row);
	ck_assert_msg(strncmp(pty_screen_row(&f.ps, 7, row, sizeof(row)), "    0|", 6) == 0, "%s",
		      row);
	/* The newest columns are full from top to bottom, the older ones blank. */
	ax = pty_screen_find(&f.ps, 2, "|", NULL);
	for (y = 2; y <= 7; y++) {
		ck_assert_int_eq(pty_screen_find(&f.ps, y, "|", NULL), ax);   /* the axis */
		ck_assert_int_eq(pty_screen_count(&f.ps, y, ax + 1, 30, "|"), 0);
		ck_assert_int_gt(pty_screen_count(&f.ps, y, ax + 1, 99 - ax, "|"), 0);
	}
	ck_assert_int_lt(pty_screen_find(&f.ps, -1, "gets/s", NULL), 0);
	ck_assert_int_lt(pty_screen_find(&f.ps, -1, "none in view", NULL), 0);
	teardown(&f);

	/* No retries in view: the empty frame says so rather than look broken. */
	for (i = 0; i < 100; i++)
		hist[i] = i < 5 ? NAN : 0;
	setup(&f, 100, 24, GLYPHS_ASCII);
	widget_pool_draw(f.ps.win, r, &f.env, &pv);
	ck_assert_int_eq(pty_screen_find(&f.ps, 5, "none in view", NULL), 8);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 3, row, sizeof(row)), "peak 0"), "%s", row);
	teardown(&f);
	for (i = 0; i < 100; i++)
		hist[i] = i < 90 ? 0 : 150000;

	/* Twelve graph rows: eight of retries, four of gets/s below, each with its own scale. */
	draw_tall_pool(&f, 14, &pv);
	ck_assert_int_eq(pty_screen_find(&f.ps, 2, "retries/s", NULL) > 0, 1);
	check_row_starts(&f, 9, "    0|");
	check_row_starts(&f, 10, "  99k|");
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 10, row, sizeof(row)), "gets/s"), "%s", row);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 11, row, sizeof(row)), "peak 99,000"), "%s",
		      row);
	check_row_starts(&f, 13, "    0|");
	/* Gets are demand, not trouble: drawn plain. */
	{
		int rx = pty_screen_find(&f.ps, 2, "retries/s", NULL) - 3;   /* newest column */
		int gx = pty_screen_find(&f.ps, 10, "gets/s", NULL) - 3;
		char cell[8];

		ck_assert_str_eq(pty_screen_text(&f.ps, 2, rx, 1, cell, sizeof(cell)), "|");
		ck_assert_str_eq(pty_screen_text(&f.ps, 10, gx, 1, cell, sizeof(cell)), "|");
		ck_assert(pty_screen_attr(&f.ps, 2, rx) == A_BOLD);
		ck_assert(pty_screen_attr(&f.ps, 10, gx) == A_NORMAL);
	}
	ck_assert_str_eq(pty_screen_row(&f.ps, 14, row, sizeof(row)), "");
	teardown(&f);

	/* Ten graph rows: eight of retries; two are too few for gets, they stay blank. */
	draw_tall_pool(&f, 12, &pv);
	check_row_starts(&f, 9, "    0|");
	ck_assert_str_eq(pty_screen_row(&f.ps, 10, row, sizeof(row)), "");
	ck_assert_str_eq(pty_screen_row(&f.ps, 11, row, sizeof(row)), "");
	ck_assert_int_lt(pty_screen_find(&f.ps, -1, "gets/s", NULL), 0);
	teardown(&f);

	/* A pane taller than both caps: the graphs keep their caps, the rest stays blank. */
	draw_tall_pool(&f, 22, &pv);
	check_row_starts(&f, 9, "    0|");
	check_row_starts(&f, 10, "  99k|");
	check_row_starts(&f, 15, "    0|");
	for (y = 16; y < 22; y++)
		ck_assert_str_eq(pty_screen_row(&f.ps, y, row, sizeof(row)), "");
	teardown(&f);
}
END_TEST

/* ---- banner ------------------------------------------------------------- */

static struct alerts_summary alert_summary(enum alert_severity sev, bool acked, size_t others)
{
	struct alerts_summary s;

	memset(&s, 0, sizeof(s));
	s.active = 1 + others;
	s.critical = sev == ALERT_CRITICAL;
	s.warning = sev == ALERT_WARNING;
	s.unacked_critical = sev == ALERT_CRITICAL && !acked;
	s.has_top = true;
	s.top.severity = sev;
	s.top.acked = acked;
	s.top.active = true;
	s.top.kind = ALERT_RETRIES;
	snprintf(s.top.text, sizeof(s.top.text), "LARGE POOL EXHAUSTED  bdev +148,507 retries/s");
	s.others = others;
	return s;
}

START_TEST(test_banner)
{
	struct alerts_summary none, crit = alert_summary(ALERT_CRITICAL, false, 2);
	struct alerts_summary acked = alert_summary(ALERT_CRITICAL, true, 0);
	struct alerts_summary warn = alert_summary(ALERT_WARNING, false, 0);
	struct rect r = { 0, 0, 1, 80 };
	struct fixture f;
	char row[512];
	int x;
	attr_t a;

	memset(&none, 0, sizeof(none));
	setup(&f, 80, 24, GLYPHS_ASCII);

	widget_banner_draw(f.ps.win, r, &f.env, &(struct banner_view){ &none, true });
	/* The words start where an alert's text does, after the marker column. */
	ck_assert_str_eq(pty_screen_row(&f.ps, 0, row, sizeof(row)), "OK no active alerts");
	ck_assert(pty_screen_attr(&f.ps, 0, 0) == A_DIM);
	ck_assert(pty_screen_attr(&f.ps, 0, 3) == A_DIM);

	widget_banner_draw(f.ps.win, r, &f.env, &(struct banner_view){ &crit, true });
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strncmp(row, "!! LARGE POOL EXHAUSTED  bdev +148,507 retries/s", 48) == 0,
		      "%s", row);
	ck_assert_msg(strstr(row, "+2 more  (ack: a)"), "%s", row);
	x = pty_screen_find(&f.ps, 0, "LARGE", NULL);
	a = pty_screen_attr(&f.ps, 0, x);
	ck_assert_msg(a == (A_UNDERLINE | A_REVERSE | A_BOLD), "attr %#lx", (unsigned long)a);
	ck_assert(!(pty_screen_attr(&f.ps, 0, 79) & A_BLINK));
	/* The whole line flashes, not only the text. */
	ck_assert(pty_screen_attr(&f.ps, 0, 60) & A_REVERSE);

	widget_banner_draw(f.ps.win, r, &f.env, &(struct banner_view){ &crit, false });
	a = pty_screen_attr(&f.ps, 0, x);
	ck_assert_msg(a == A_UNDERLINE, "attr %#lx", (unsigned long)a);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "(ack: a)"), "marker kept off-phase: %s", row);

	widget_banner_draw(f.ps.win, r, &f.env, &(struct banner_view){ &acked, true });
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(!strstr(row, "(ack: a)") && strstr(row, "(acked)"), "%s", row);
	ck_assert_msg(!strstr(row, "more"), "%s", row);
	ck_assert(pty_screen_attr(&f.ps, 0, x) == A_UNDERLINE);   /* steady */

	widget_banner_draw(f.ps.win, r, &f.env, &(struct banner_view){ &warn, true });
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strncmp(row, "!  LARGE", 8) == 0, "%s", row);
	ck_assert(pty_screen_attr(&f.ps, 0, 3) == A_ITALIC);
	teardown(&f);

	/* Narrow: the alert keeps its start, the count gives way. */
	setup(&f, 40, 12, GLYPHS_ASCII);
	r.w = 40;
	widget_banner_draw(f.ps.win, r, &f.env, &(struct banner_view){ &crit, true });
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strncmp(row, "!! LARGE POOL", 13) == 0, "%s", row);
	ck_assert_msg(strstr(row, "(ack: a)"), "%s", row);
	teardown(&f);
}
END_TEST

/* ---- header ------------------------------------------------------------- */

/* Replay: the tag takes the clock's and the interval's place and stays when narrow. */
START_TEST(test_header_replay)
{
	struct snapshot *s = new_snapshot();
	struct header_view h = { s, 0, 0.1, true, 1000.0, "REPLAY 05:01:02 x10", NULL, NULL, NULL,
				 NULL, NULL };
	struct rect r = { 0, 0, 1, 80 };
	struct fixture f;
	char row[512];

	snprintf(s->target, sizeof(s->target), "unix:/tmp/spdk-memtop-demo.3s3Alo/sub/spdk.sock");
	for (int w = 80; w >= 40; w -= 40) {
		setup(&f, w, 24, GLYPHS_ASCII);
		r.w = w;
		widget_header_draw(f.ps.win, r, &f.env, &h);
		pty_screen_row(&f.ps, 0, row, sizeof(row));
		ck_assert_msg(strstr(row, "PAUSED  REPLAY 05:01:02 x10"), "%d: %s", w, row);
		ck_assert_msg(!strstr(row, "0.1s"), "%d: %s", w, row);
		ck_assert(pty_screen_attr(&f.ps, 0, pty_screen_find(&f.ps, 0, "REPLAY", NULL)) ==
			  pty_screen_attr(&f.ps, 0, pty_screen_find(&f.ps, 0, "PAUSED", NULL)));
		teardown(&f);
	}
	free(s);
}
END_TEST

/* Scrolled back: the tag on the right, its short form when narrow, PAUSED's attribute. */
START_TEST(test_header_history)
{
	struct snapshot *s = new_snapshot();
	struct header_view h = { s, 0, 1.0, true, 1000.0, NULL, NULL, NULL, NULL,
				 "< history to 14:02 (1-min max)", "< 14:02 1-min max" };
	struct rect r = { 0, 0, 1, 160 };
	struct fixture f;
	char row[512];

	setup(&f, 160, 24, GLYPHS_ASCII);
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "PAUSED  < history to 14:02 (1-min max)"), "%s", row);
	ck_assert(pty_screen_attr(&f.ps, 0, pty_screen_find(&f.ps, 0, "history", NULL)) ==
		  pty_screen_attr(&f.ps, 0, pty_screen_find(&f.ps, 0, "PAUSED", NULL)));
	teardown(&f);
	setup(&f, 80, 24, GLYPHS_ASCII);
	r.w = 80;
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "< 14:02 1-min max"), "%s", row);
	ck_assert_msg(!strstr(row, "history to"), "%s", row);
	teardown(&f);
	free(s);
}
END_TEST

/*
 * Compare mode: the long form when it fits; narrower, the baseline's name
 * loses its middle but both ends stay, after the version and before the
 * clock and the interval would have to go.
 */
START_TEST(test_header_compare)
{
	static const char name[] = "baseline-tmp-spdk-memtop-demo.3s3Alo-sub-spdk.sock-"
				   "20261201-154712.json";
	struct snapshot *s = new_snapshot();
	char lng[256];
	struct header_view h = { s, 0, 1.0, false, 1000.0, NULL, lng, name, "6s ago", NULL, NULL };
	struct rect r = { 0, 0, 1, 240 };
	struct fixture f;
	char row[512];

	snprintf(lng, sizeof(lng), "vs %s, 6s ago", name);
	snprintf(s->target, sizeof(s->target), "unix:/tmp/spdk-memtop-demo.3s3Alo/sub/spdk.sock");
	setup(&f, 240, 24, GLYPHS_ASCII);
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, lng), "%s", row);
	ck_assert(pty_screen_attr(&f.ps, 0, pty_screen_find(&f.ps, 0, "vs baseline", NULL)) ==
		  f.env.pal->attr[UI_ALERT_WARNING]);
	teardown(&f);
	for (int w = 120; w >= 60; w -= 20) {
		setup(&f, w, 24, GLYPHS_ASCII);
		r.w = w;
		widget_header_draw(f.ps.win, r, &f.env, &h);
		pty_screen_row(&f.ps, 0, row, sizeof(row));
		ck_assert_int_le((int)strlen(row), w - 1);
		ck_assert_msg(strstr(row, "vs baseline-") && strstr(row, "~") &&
			      strstr(row, "2.json 6s ago"), "%d: %s", w, row);
		ck_assert_msg(strstr(row, "running") && strstr(row, " /tmp/sp"), "%d: %s", w, row);
		if (w >= 80)
			ck_assert_msg(strstr(row, "154712.json 6s ago  1.0s  00:16:40") ||
				      strstr(row, "154712.json 6s ago  every 1.0s  00:16:40"),
				      "%d: %s", w, row);
		teardown(&f);
	}
	/* A name that fits is never cut. */
	h.compare_name = "base.json";
	setup(&f, 80, 24, GLYPHS_ASCII);
	r.w = 80;
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "vs base.json 6s ago"), "%s", row);
	teardown(&f);
	free(s);
}
END_TEST

START_TEST(test_header)
{
	struct snapshot *s = new_snapshot();
	struct header_view h = { s, 0, 1.0, false, 3600.0 * 5 + 62, NULL, NULL, NULL, NULL, NULL,
				 NULL };
	struct rect r = { 0, 0, 1, 120 };
	struct fixture f;
	char row[512];

	setenv("TZ", "UTC", 1);
	tzset();
	setup(&f, 120, 24, GLYPHS_ASCII);
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "spdk-memtop  /var/tmp/spdk.sock  SPDK v26.09-pre git sha1 "
			      "3230130e6a  running"), "%s", row);
	ck_assert_msg(strstr(row, "every 1.0s  05:01:02"), "%s", row);
	ck_assert_msg(!strstr(row, "PAUSED"), "%s", row);

	h.paused = true;
	s->state = TARGET_UNREACHABLE;
	snprintf(s->unreachable_reason, sizeof(s->unreachable_reason), "connection refused");
	h.unreachable_since = 3600.0 * 3 + 12 * 60 + 7;
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "unreachable since 03:12:07: connection refused"), "%s", row);
	ck_assert_msg(strstr(row, "PAUSED  every 1.0s  05:01:02"), "%s", row);
	ck_assert(pty_screen_attr(&f.ps, 0, pty_screen_find(&f.ps, 0, "unreachable", NULL)) ==
		  A_UNDERLINE);
	teardown(&f);

	/*
	 * 80 columns and a long socket path: every part stays, shortened.  The
	 * version loses its git hash and "SPDK", the path its middle.
	 */
	setup(&f, 80, 24, GLYPHS_ASCII);
	r.w = 80;
	s->state = TARGET_RUNNING;
	snprintf(s->target, sizeof(s->target), "unix:/tmp/spdk-memtop-demo.3s3Alo/sub/spdk.sock");
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_int_le((int)strlen(row), 79);
	ck_assert_msg(strncmp(row, " /tmp/spdk-memtop", 17) == 0, "%s", row);
	ck_assert_msg(strstr(row, "~") && strstr(row, "/spdk.sock  v26.09-pre  running  "),
		      "%s", row);
	ck_assert_msg(strstr(row, "PAUSED  1.0s  05:01:02"), "%s", row);
	ck_assert_msg(!strstr(row, "unix:") && !strstr(row, "git"), "%s", row);

	/* Waiting for framework_start_init: the state takes its short form first. */
	s->state = TARGET_STARTUP;
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "v26.09-pre  startup (wait-for-rpc)"), "%s", row);
	ck_assert_msg(strstr(row, "PAUSED  1.0s  05:01:02"), "%s", row);
	ck_assert_msg(strstr(row, "spdk.sock"), "%s", row);

	/* Unreachable: when and why stay whole; the stale version goes before them. */
	s->state = TARGET_UNREACHABLE;
	h.paused = false;
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "unreachable since 03:12:07: connection refused  "), "%s", row);
	ck_assert_msg(strstr(row, "1.0s  05:01:02"), "%s", row);
	ck_assert_msg(row[1] == '/' && strstr(row, "~"), "%s", row);

	/* A short path is never cut, and "every" and "SPDK" come back when there is room. */
	snprintf(s->target, sizeof(s->target), "unix:/var/tmp/spdk.sock");
	s->state = TARGET_RUNNING;
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, " /var/tmp/spdk.sock  SPDK v26.09-pre  running "), "%s", row);
	ck_assert_msg(strstr(row, "every 1.0s  05:01:02"), "%s", row);

	/*
	 * Startup at 80 columns: once the state took its short form, "SPDK"
	 * and "every" come back (they were dropped while it was long).
	 */
	s->state = TARGET_STARTUP;
	snprintf(s->target, sizeof(s->target), "/tmp/hx/s.sock");
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, " /tmp/hx/s.sock  SPDK v26.09-pre  startup (wait-for-rpc)  "),
		      "%s", row);
	ck_assert_msg(strstr(row, "every 1.0s  05:01:02"), "%s", row);
	/* A longer path: "every" would not fit beside it whole, so only "SPDK" comes back. */
	snprintf(s->target, sizeof(s->target), "/var/tmp/spdk.sock");
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, " /var/tmp/spdk.sock  SPDK v26.09-pre  startup (wait-for-rpc)"),
		      "%s", row);
	ck_assert_msg(strstr(row, " 1.0s  05:01:02"), "%s", row);

	/* Unreachable: the reason does not repeat the address the header names. */
	s->state = TARGET_UNREACHABLE;
	snprintf(s->target, sizeof(s->target), "/tmp/hx/nonexistent-target.sock");
	snprintf(s->unreachable_reason, sizeof(s->unreachable_reason),
		 "no such socket /tmp/hx/nonexistent-target.sock");
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "unreachable since 03:12:07: no such socket  "), "%s", row);
	ck_assert_msg(!strstr(row, "socket /tmp"), "%s", row);
	h.paused = true;
	teardown(&f);

	/* 40 columns: the version and extras go, state and PAUSED stay. */
	setup(&f, 40, 12, GLYPHS_ASCII);
	r.w = 40;
	s->state = TARGET_STARTUP;
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "PAUSED"), "%s", row);
	ck_assert_msg(strstr(row, "startup"), "%s", row);
	ck_assert_msg(!strstr(row, "SPDK"), "%s", row);
	ck_assert_int_le((int)strlen(row), 40);

	/* Before the first snapshot. */
	h.snap = NULL;
	h.paused = false;
	widget_header_draw(f.ps.win, r, &f.env, &h);
	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "connecting"), "%s", row);
	teardown(&f);
	free(s);
}
END_TEST

/* ---- module table ------------------------------------------------------- */

/* The table where the layout puts it, with the rows and columns it decided (as screen_main). */
static void draw_table(struct fixture *f, const struct layout *lay, struct module_table_view *v)
{
	v->header_rows = lay->module_header_rows;
	v->columns = lay->module_columns;
	v->first = lay->module_first;
	v->visible = lay->module_visible;
	v->more_above = lay->modules_more_above;
	v->more_below = lay->modules_more_below;
	v->history = lay->module_history;
	widget_module_table_draw(f->ps.win, lay->modules, &f->env, v);
}

START_TEST(test_module_table)
{
	struct snapshot *s = new_snapshot();
	struct iobuf_rates *rates = calloc(1, sizeof(*rates));
	struct module_table_view v = { 0 };
	struct layout_input in = { 120, 40, 3, 1, 2, 0, 0, false };
	struct layout lay;
	struct fixture f;
	char row[1024];
	int y;

	ck_assert_ptr_nonnull(rates);
	s->iobuf.form = IOBUF_FORM_PER_MODULE;
	add_module(s, "accel", 128, 16);
	add_module(s, "bdev", 256, 32);
	add_module(s, "nvmf_TCP", 512, 64);
	set_rate(rates, "accel", 1000, 99.5, 10, 0);
	set_rate(rates, "bdev", 148507, 80, 4000, 148507);
	set_rate(rates, "nvmf_TCP", 20, 100, 0, 0);
	v.snap = s;
	v.rates = rates;
	v.sort = MODULE_SORT_RETRY;
	v.hist = NULL;

	layout_compute(&in, &lay);
	ck_assert_int_eq(lay.module_columns, MODCOLS_FULL);
	setup(&f, 120, 40, GLYPHS_ASCII);
	draw_table(&f, &lay, &v);
	y = lay.modules.y;
	pty_screen_row(&f.ps, y, row, sizeof(row));
	ck_assert_msg(strstr(row, "small pool") && strstr(row, "large pool"), "%s", row);
	ck_assert_msg(strstr(row, "small pool") < strstr(row, "large pool"), "%s", row);
	ck_assert_msg(strncmp(row, "v retries/s ", 12) == 0, "sort key named: %s", row);
	pty_screen_row(&f.ps, y + 1, row, sizeof(row));
	ck_assert_msg(strncmp(row, "module", 6) == 0, "%s", row);
	ck_assert_msg(strstr(row, "gets/s") && strstr(row, "hit %") && strstr(row, "refills/s") &&
		      strstr(row, "retries/s") && strstr(row, "cache"), "%s", row);
	/* The sorted columns' titles are underlined, the others not. */
	ck_assert(pty_screen_attr(&f.ps, y + 1, pty_screen_find(&f.ps, y + 1, "retries/s", NULL))
		  & A_UNDERLINE);
	ck_assert(!(pty_screen_attr(&f.ps, y + 1, pty_screen_find(&f.ps, y + 1, "gets/s", NULL))
		    & A_UNDERLINE));
	/* Sorted by retries: bdev first, with separators and the alert attribute. */
	pty_screen_row(&f.ps, y + 2, row, sizeof(row));
	ck_assert_msg(strncmp(row, "bdev", 4) == 0, "%s", row);
	ck_assert_msg(strstr(row, "148,507"), "%s", row);
	ck_assert_msg(strstr(row, "80.0"), "%s", row);
	ck_assert_msg(strstr(row, "4,000"), "%s", row);
	ck_assert(pty_screen_attr(&f.ps, y + 2, pty_screen_find(&f.ps, y + 2, "148,507 ", NULL)) ==
		  A_NORMAL);   /* gets/s of the small pool: plain */
	{
		/* The last 148,507 on the row is the large pool's retries/s. */
		char *last = strstr(strstr(row, "148,507") + 1, "148,507");
		int col = (int)(last ? last - row : -1);

		ck_assert_int_ge(col, 0);
		ck_assert(pty_screen_attr(&f.ps, y + 2, col) == A_BOLD);
	}
	pty_screen_row(&f.ps, y + 3, row, sizeof(row));
	ck_assert_msg(strncmp(row, "accel", 5) == 0, "%s", row);   /* ties keep SPDK order */
	pty_screen_row(&f.ps, y + 4, row, sizeof(row));
	ck_assert_msg(strncmp(row, "nvmf_TCP", 8) == 0, "%s", row);
	ck_assert_msg(strstr(row, "100.0"), "%s", row);

	/* By name: accel, bdev, nvmf_TCP, with the mark on the name column. */
	v.sort = MODULE_SORT_NAME;
	draw_table(&f, &lay, &v);
	ck_assert_msg(strncmp(pty_screen_row(&f.ps, y, row, sizeof(row)), "v name ", 7) == 0,
		      "%s", row);
	ck_assert_msg(strncmp(pty_screen_row(&f.ps, y + 2, row, sizeof(row)), "accel", 5) == 0,
		      "%s", row);

	/*
	 * Compare mode: counts since the baseline, the hit share since, "-"
	 * where no get came, "?" for a module the baseline lacks.
	 */
	{
		struct compare_view *cv = calloc(1, sizeof(*cv));
		struct compare_module *cm = &cv->modules[0];
		static const char *const cells[CMP_NCELLS] = {
			[CMP_GETS] = "+12k", [CMP_RETRY] = "+0", [CMP_CACHE] = "+128",
			[CMP_MAIN] = "+375", [CMP_HIT] = "",
		};

		ck_assert_ptr_nonnull(cv);
		cv->nmodules = 1;
		snprintf(cm->name, sizeof(cm->name), "bdev");
		for (int p = 0; p < 2; p++)
			for (int k = 0; k < CMP_NCELLS; k++)
				snprintf(cm->cell[p][k], CMP_CELL_LEN, "%s", cells[k]);
		cm->hit_pct[0] = 96.875;
		cm->hit_pct[1] = NAN;
		v.cmp = cv;
		draw_table(&f, &lay, &v);
		pty_screen_row(&f.ps, y + 1, row, sizeof(row));
		ck_assert_msg(strstr(row, "+gets hit %  +refills  +retries"), "%s", row);
		pty_screen_row(&f.ps, y + 3, row, sizeof(row));
		ck_assert_msg(strncmp(row, "bdev", 4) == 0, "%s", row);
		ck_assert_msg(strstr(row, "+12k  96.9      +375        +0    +128"), "%s", row);
		ck_assert_msg(strstr(row, "+12k     -      +375"), "%s", row);
		pty_screen_row(&f.ps, y + 2, row, sizeof(row));
		ck_assert_msg(strstr(row, "?     ?         ?"), "%s", row);
		v.cmp = NULL;
		free(cv);
	}
	teardown(&f);

	/* 80 columns: compact numbers; no rates yet: dashes, cache_size still shown. */
	in.cols = 80;
	in.rows = 24;
	layout_compute(&in, &lay);
	ck_assert_int_eq(lay.module_columns, MODCOLS_COMPACT);
	setup(&f, 80, 24, GLYPHS_ASCII);
	v.sort = MODULE_SORT_RETRY;
	draw_table(&f, &lay, &v);
	pty_screen_row(&f.ps, lay.modules.y + 2, row, sizeof(row));
	ck_assert_msg(strstr(row, "149k"), "%s", row);
	ck_assert_int_le((int)strlen(row), 80);
	rates->valid = false;
	draw_table(&f, &lay, &v);
	pty_screen_row(&f.ps, lay.modules.y + 2, row, sizeof(row));
	ck_assert_msg(strncmp(row, "accel", 5) == 0, "%s", row);
	ck_assert_msg(strstr(row, " - ") && strstr(row, "128"), "%s", row);
	teardown(&f);

	/* Aggregate form: one line says why there are no rows. */
	s->iobuf.form = IOBUF_FORM_AGGREGATE;
	s->iobuf.nmodules = 0;
	in.nmodules = 0;
	layout_compute(&in, &lay);
	setup(&f, 80, 24, GLYPHS_ASCII);
	draw_table(&f, &lay, &v);
	ck_assert_int_ge(pty_screen_find(&f.ps, -1, "aggregate form", NULL), 0);
	teardown(&f);
	free(rates);
	free(s);
}
END_TEST

/*
 * The columns a graph of the history shows: while the live history is
 * shorter than the graph, its newest 1, 11, 21, ... (so the old edge and
 * the span move in steps); rates without the first tick, which has none;
 * a later gap kept; scrolled back, every column.
 */
START_TEST(test_graph_window_steps)
{
	struct snapshot *s = new_snapshot();
	struct iobuf_rates *rates = calloc(1, sizeof(*rates));
	struct history *h = history_new();
	struct hist_pos live = hist_pos_live(), back = { false, HIST_RES_FINE, 20 };
	struct hist_window w;
	double v[HISTORY_CAP];
	int t;

	ck_assert_ptr_nonnull(rates);
	ck_assert_ptr_nonnull(h);
	s->iobuf.form = IOBUF_FORM_PER_MODULE;
	rates->dt = 1;
	for (t = 1; t <= 45; t++) {
		size_t plain = t >= 40 ? 40 : 1 + (size_t)(t - 1) / 10 * 10;
		size_t rated = t == 1 ? 1 : t < 40 ? 1 + (size_t)(t - 2) / 10 * 10 : t == 40 ? 39 : 40;

		s->seq = (uint64_t)t;
		s->wall = 1700000000 + t;
		/* The first tick has no rates, as the dashboard's first snapshot; 25 is a reconnect. */
		rates->valid = t != 25;
		history_push(h, s, t == 1 ? NULL : rates);
		widget_graph_window(h, &live, 40, false, &w);
		ck_assert_msg(w.n == plain && w.last == t, "tick %d: %zu columns to %lld", t, w.n,
			      (long long)w.last);
		widget_graph_window(h, &live, 40, true, &w);
		ck_assert_msg(w.n == rated && w.last == t, "tick %d, rates: %zu columns to %lld", t,
			      w.n, (long long)w.last);
		ck_assert(t == 1 || w.first >= 2);
	}
	/* Full, ticks 6..45: the reconnect's gap is where it was. */
	ck_assert_int_eq(w.first, 6);
	history_values(h, &h->retry_small, &w, HIST_MAX, v);
	ck_assert(isnan(v[25 - 6]));
	ck_assert(!isnan(v[24 - 6]) && !isnan(v[26 - 6]));
	/* Scrolled back to tick 20: every tick the window reaches, no steps. */
	widget_graph_window(h, &back, 40, false, &w);
	ck_assert_int_eq(w.n, 20);
	ck_assert_int_eq(w.first, 1);
	history_free(h);
	free(rates);
	free(s);
}
END_TEST

/*
 * From 160 columns each pool group ends in the modules' retries/s over time,
 * on one scale per pool (named in the title): a rising series rises, a tick
 * without data is a gap, zero is blank.  Without a history the table is as
 * before.
 */
START_TEST(test_module_table_history)
{
	struct snapshot *s = new_snapshot();
	struct iobuf_rates *rates = calloc(1, sizeof(*rates));
	struct history *h = history_new();
	struct module_table_view v = { .snap = s, .sort = MODULE_SORT_RETRY, .hist = h };
	struct layout_input in = { 200, 60, 3, 4, 2, 0, 0, false };
	struct layout lay;
	struct fixture f;
	char row[1024], cell[16];
	int i, y, end, prev;

	ck_assert_ptr_nonnull(rates);
	ck_assert_ptr_nonnull(h);
	s->iobuf.form = IOBUF_FORM_PER_MODULE;
	add_module(s, "accel", 128, 16);
	add_module(s, "bdev", 256, 32);
	add_module(s, "nvmf_TCP", 512, 64);
	/*
	 * Twenty-one ticks (the history still fills: the column shows its
	 * newest 1, 11, 21, ...): bdev's large-pool retries rise; nvmf_TCP has
	 * no rates for eleven.
	 */
	for (i = 0; i < 21; i++) {
		rates->nmodules = 0;
		set_rate(rates, "accel", 1000, 99.5, 10, 0);
		set_rate(rates, "bdev", 148507, 80, 4000, 1000.0 * i);
		if (i >= 11)
			set_rate(rates, "nvmf_TCP", 20, 100, 0, 0);
		history_push(h, s, rates);
	}
	v.rates = rates;
	layout_compute(&in, &lay);
	ck_assert(lay.module_history);
	setup(&f, 200, 60, GLYPHS_ASCII);
	draw_table(&f, &lay, &v);
	y = lay.modules.y;
	pty_screen_row(&f.ps, y + 1, row, sizeof(row));
	ck_assert_msg(strstr(row, "retries/s history, peak 0 |"), "%s", row);
	ck_assert_msg(strstr(row, "retries/s history, peak 20k"), "%s", row);
	ck_assert_int_le((int)strlen(row), 200);
	/* The large pool's column ends under the end of its title, newest point last. */
	end = pty_screen_find(&f.ps, y + 1, "peak 20k", NULL) + 7;
	ck_assert_msg(strncmp(pty_screen_row(&f.ps, y + 2, row, sizeof(row)), "bdev", 4) == 0,
		      "%s", row);
	ck_assert_str_eq(pty_screen_text(&f.ps, y + 2, end, 1, cell, sizeof(cell)), "|");
	ck_assert(pty_screen_attr(&f.ps, y + 2, end) == A_BOLD);   /* retries: alert */
	/* Rising: 0 at the oldest point (blank), then never a lower glyph. */
	ck_assert_str_eq(pty_screen_text(&f.ps, y + 2, end - 20, 1, cell, sizeof(cell)), " ");
	for (i = 19, prev = 0; i >= 0; i--) {
		int lvl;

		pty_screen_text(&f.ps, y + 2, end - i, 1, cell, sizeof(cell));
		lvl = strcmp(cell, " ") == 0 ? 0 : strcmp(cell, ".") == 0 ? 1 :
		      strcmp(cell, ":") == 0 ? 2 : strcmp(cell, "|") == 0 ? 3 : -1;
		ck_assert_msg(lvl >= prev, "bdev history at %d: '%s'", end - i, cell);
		prev = lvl;
	}
	/* accel: no retries, blank; nvmf_TCP: eleven gaps, then zeros. */
	ck_assert_msg(strncmp(pty_screen_row(&f.ps, y + 3, row, sizeof(row)), "accel", 5) == 0,
		      "%s", row);
	ck_assert_int_eq(pty_screen_count(&f.ps, y + 3, end - 20, 21, " "), 21);
	ck_assert_int_eq(pty_screen_count(&f.ps, y + 4, end - 20, 11, "-"), 11);
	ck_assert_int_eq(pty_screen_count(&f.ps, y + 4, end - 9, 10, " "), 10);
	ck_assert(pty_screen_attr(&f.ps, y + 4, end - 20) == A_ITALIC);
	/* The same gaps in the small pool's column: twenty-two on the row. */
	ck_assert_int_eq(pty_screen_count(&f.ps, y + 4, 0, 200, "-"), 22);
	teardown(&f);

	/* A tick later the column still shows 21 ticks: the oldest waits for the next step. */
	rates->nmodules = 0;
	set_rate(rates, "accel", 1000, 99.5, 10, 0);
	set_rate(rates, "bdev", 148507, 80, 4000, 21000.0);
	set_rate(rates, "nvmf_TCP", 20, 100, 0, 0);
	history_push(h, s, rates);
	setup(&f, 200, 60, GLYPHS_ASCII);
	draw_table(&f, &lay, &v);
	ck_assert_int_eq(pty_screen_count(&f.ps, y + 4, end - 20, 10, "-"), 10);
	ck_assert_str_eq(pty_screen_text(&f.ps, y + 4, end - 21, 1, cell, sizeof(cell)), " ");
	teardown(&f);

	/* No history: the plain table, no history title. */
	v.hist = NULL;
	setup(&f, 200, 60, GLYPHS_ASCII);
	draw_table(&f, &lay, &v);
	ck_assert_int_lt(pty_screen_find(&f.ps, -1, "history", NULL), 0);
	ck_assert_int_eq(pty_screen_count(&f.ps, y + 4, 0, 200, "-"), 0);
	teardown(&f);
	/* 159 columns: no room for it. */
	in.cols = 159;
	layout_compute(&in, &lay);
	ck_assert(!lay.module_history);
	history_free(h);
	free(rates);
	free(s);
}
END_TEST

START_TEST(test_module_table_scroll_and_narrow)
{
	struct snapshot *s = new_snapshot();
	struct module_table_view v = { .snap = s, .sort = MODULE_SORT_ORDER };
	struct layout_input in = { 50, 14, 12, 2, 1, 4, 0, false };
	struct layout lay;
	struct fixture f;
	char row[512], name[16];
	int i;

	s->iobuf.form = IOBUF_FORM_PER_MODULE;
	for (i = 0; i < 12; i++) {
		snprintf(name, sizeof(name), "mod%02d", i);
		add_module(s, name, (uint64_t)i, 0);
	}
	layout_compute(&in, &lay);
	ck_assert_int_eq(lay.module_header_rows, 1);
	ck_assert_int_eq(lay.module_columns, MODCOLS_MINIMAL);
	ck_assert(lay.modules_more_above && lay.modules_more_below);
	setup(&f, 50, 14, GLYPHS_ASCII);
	draw_table(&f, &lay, &v);
	pty_screen_row(&f.ps, lay.modules.y, row, sizeof(row));
	ck_assert_msg(strstr(row, "^v"), "more marks: %s", row);
	ck_assert_msg(strncmp(row, "SPDK order", 10) == 0, "%s", row);
	ck_assert_msg(strstr(row, " S retry/s L retry/s"), "group letters: %s", row);
	pty_screen_row(&f.ps, lay.modules.y + 1, row, sizeof(row));
	ck_assert_msg(strncmp(row, "mod04", 5) == 0, "%s", row);
	for (i = 0; i < 14; i++)
		ck_assert_int_le((int)strlen(pty_screen_row(&f.ps, i, row, sizeof(row))), 50);
	teardown(&f);
	free(s);
}
END_TEST

/* The cell before the first group's separator on title row t is blank. */
static void check_blank_before(const struct fixture *f, int t, int sep, int cols, int rows,
			       int k)
{
	char cell[16], row[512];

	pty_screen_text(&f->ps, t, sep - 1, 1, cell, sizeof(cell));
	ck_assert_msg(strcmp(cell, " ") == 0, "%dx%d sort %d row %d: '%s'", cols, rows, k, t,
		      pty_screen_row(&f->ps, t, row, sizeof(row)));
}

/*
 * At every width and height, for every sort key, with scroll marks: the
 * name cell of the title rows (sort key, marks) ends with a blank before the
 * first group, so the mark never runs into the column titles.
 */
START_TEST(test_module_table_sort_mark_room)
{
	struct snapshot *s = new_snapshot();
	/* An empty history: the wide table gets its history columns, with nothing in them. */
	struct history *h = history_new();
	struct module_table_view v = { .snap = s, .sort = MODULE_SORT_RETRY, .hist = h };
	struct fixture f;
	char row[512], name[16];
	int i, cols, rows, set;

	ck_assert_ptr_nonnull(h);

	s->iobuf.form = IOBUF_FORM_PER_MODULE;
	for (i = 0; i < 12; i++) {
		snprintf(name, sizeof(name), "module_name%02d", i);
		add_module(s, name, (uint64_t)i, 0);
	}
	for (set = 0; set < 2; set++)
		for (cols = LAYOUT_MIN_COLS; cols <= 250; cols += (cols < 130 ? 1 : 10))
			for (rows = 14; rows <= 26; rows += 12) {
				struct layout_input in = { cols, rows, 12, 2, 1, 3, 0, false };
				struct layout lay;
				int k, sep, y;

				layout_compute(&in, &lay);
				setup(&f, cols, rows, set ? GLYPHS_UTF8 : GLYPHS_ASCII);
				for (k = 0; k < MODULE_SORT_COUNT; k++) {
					v.sort = (enum module_sort)k;
					draw_table(&f, &lay, &v);
					y = lay.modules.y + lay.module_header_rows;
					sep = pty_screen_find(&f.ps, y, set ? "\u2502" : "|", NULL);
					ck_assert_int_gt(sep, 2);
					for (int t = lay.modules.y; t < y; t++)
						check_blank_before(&f, t, sep, cols, rows, k);
					/* The key is named, whole or with its unit dropped. */
					pty_screen_row(&f.ps, lay.modules.y, row, sizeof(row));
					ck_assert_msg(k == MODULE_SORT_ORDER ?
						      strncmp(row, "SPDK order", 10) == 0 ||
						      strncmp(row, "as SPDK", 7) == 0 :
						      strncmp(row + (set ? 3 : 1), " ", 1) == 0,
						      "%dx%d: %s", cols, rows, row);
				}
				teardown(&f);
			}
	history_free(h);
	free(s);
}
END_TEST

/* ---- node panes --------------------------------------------------------- */

START_TEST(test_node_panes)
{
	struct hugepage_node n;
	struct rect full = { 0, 0, 6, 44 }, shortr = { 6, 0, 3, 44 }, compact = { 10, 0, 1, 80 };
	struct fixture f;
	char row[512];
	int x, y;

	node_fixture(&n, 1);
	setup(&f, 80, 24, GLYPHS_ASCII);
	widget_node_pane_draw(f.ps.win, full, &f.env,
			      &(struct node_pane_view){ .node = &n, .form = NODE_FORM_FULL,
							.unbalanced = true });
	widget_node_pane_draw(f.ps.win, shortr, &f.env,
			      &(struct node_pane_view){ .node = &n, .form = NODE_FORM_SHORT });
	widget_node_pane_draw(f.ps.win, compact, &f.env,
			      &(struct node_pane_view){ .node = &n, .form = NODE_FORM_COMPACT,
							.unbalanced = true });

	pty_screen_row(&f.ps, 0, row, sizeof(row));
	ck_assert_msg(strncmp(row, "+ node 1 ", 9) == 0, "%s", row);
	x = pty_screen_find(&f.ps, 0, "UNBALANCED", NULL);
	ck_assert_int_gt(x, 0);
	ck_assert(pty_screen_attr(&f.ps, 0, x) == A_STANDOUT);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 1, row, sizeof(row)),
			     "MemFree 12 GiB of 64 GiB"), "%s", row);
	pty_screen_row(&f.ps, 2, row, sizeof(row));
	ck_assert_msg(strstr(row, "2M [") && strstr(row, "512/1,024") && strstr(row, "free 512"),
		      "%s", row);
	ck_assert_msg(strstr(row, "surplus 3") || strstr(row, "surp 3"), "%s", row);
	/* Half the 2 MiB pages in use: half the bar. */
	x = pty_screen_find(&f.ps, 2, "[", NULL) + 1;
	y = pty_screen_find(&f.ps, 2, "]", NULL) - x;   /* bar width */
	ck_assert_int_ge(y, 4);
	ck_assert_int_le(abs(2 * pty_screen_count(&f.ps, 2, x, y, "#") - y), 1);
	ck_assert_int_eq(pty_screen_count(&f.ps, 2, x, y, "#") +
			 pty_screen_count(&f.ps, 2, x, y, "."), y);
	pty_screen_row(&f.ps, 3, row, sizeof(row));
	ck_assert_msg(strstr(row, "1G [") && strstr(row, "0/4"), "%s", row);
	ck_assert_int_eq(pty_screen_count(&f.ps, 3, 0, 44, "#"), 0);
	ck_assert_msg(strncmp(pty_screen_row(&f.ps, 5, row, sizeof(row)), "+---", 4) == 0, "%s",
		      row);

	pty_screen_row(&f.ps, 6, row, sizeof(row));
	ck_assert_msg(strncmp(row, "node 1  MemFree 12 GiB", 22) == 0, "%s", row);
	ck_assert_msg(!strstr(row, "UNBALANCED"), "%s", row);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 7, row, sizeof(row)), "512/1,024"), "%s", row);

	pty_screen_row(&f.ps, 10, row, sizeof(row));
	ck_assert_msg(strncmp(row, "node 1 ", 7) == 0 && strstr(row, " 2M ["), "%s", row);
	ck_assert_msg(strstr(row, "512/1,024") && strstr(row, "1G") && strstr(row, "0/4"), "%s",
		      row);
	ck_assert_msg(strstr(row, "UNBALANCED"), "%s", row);
	ck_assert_int_eq(pty_screen_find(&f.ps, 10, "UNBALANCED", &y), 80 - 10);

	/* Memoryless node without hugepages. */
	memset(&n, 0, sizeof(n));
	n.id = 3;
	n.memoryless = true;
	widget_node_pane_draw(f.ps.win, shortr, &f.env,
			      &(struct node_pane_view){ .node = &n, .form = NODE_FORM_SHORT });
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 6, row, sizeof(row)), "memoryless"), "%s", row);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 7, row, sizeof(row)), "no hugepages"), "%s",
		      row);
	teardown(&f);
}
END_TEST

/*
 * The SPDK heap line: under MemFree in a box, under the title in a short
 * pane, none in a one-line pane; its words shrink with the width; a largest
 * block below a large buffer says so in words (and in the warning colour);
 * a heap that cannot be read says why; a node without a heap says so.
 */
START_TEST(test_node_pane_heap_line)
{
	struct hugepage_node n;
	struct spdk_heaps h;
	struct rect full = { 0, 0, 7, 80 }, shortr = { 8, 0, 4, 50 }, compact = { 13, 0, 1, 80 };
	struct node_pane_view v = { &n, NULL, NODE_FORM_FULL, false, NULL, &h, 112.0, 135168 };
	struct fixture f;
	char row[512], text[256];
	int x;

	node_fixture(&n, 0);
	memset(&h, 0, sizeof(h));
	h.state = HEAPS_READ;
	h.read_mono = 100.0;
	h.n = 1;
	h.heaps[0] = (struct spdk_heap){ 0, 819986432ull, 11711168, 808275264ull, 1048448, 107,
					 15 };
	setup(&f, 80, 24, GLYPHS_ASCII);
	widget_node_pane_draw(f.ps.win, full, &f.env, &v);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 1, row, sizeof(row)), "MemFree"), "%s", row);
	pty_screen_row(&f.ps, 2, row, sizeof(row));
	ck_assert_msg(strstr(row, "SPDK heap 771 MiB used of 782 MiB, largest free 1.0 MiB, "
			     "read 12 s ago"), "%s", row);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 3, row, sizeof(row)), "2M ["), "%s", row);
	x = pty_screen_find(&f.ps, 2, "SPDK heap", NULL);
	ck_assert(pty_screen_attr(&f.ps, 2, x) != A_ITALIC);     /* not UI_ALERT_WARNING */

	v.form = NODE_FORM_SHORT;
	widget_node_pane_draw(f.ps.win, shortr, &f.env, &v);
	ck_assert_msg(strncmp(pty_screen_row(&f.ps, 8, row, sizeof(row)), "node 0", 6) == 0, "%s",
		      row);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 9, row, sizeof(row)),
			     "heap 771 MiB/782 MiB, largest free 1.0 MiB"), "%s", row);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 10, row, sizeof(row)), "2M ["), "%s", row);

	v.form = NODE_FORM_COMPACT;
	widget_node_pane_draw(f.ps.win, compact, &f.env, &v);
	ck_assert_msg(!strstr(pty_screen_row(&f.ps, 13, row, sizeof(row)), "heap"), "%s", row);

	/* Below one large buffer: the next large allocation would fail. */
	h.heaps[0].greatest_free = 65536;
	ck_assert(widget_node_heap_text(&h, 0, 100.5, 135168, 200, &f.env, text, sizeof(text)));
	ck_assert_str_eq(text, "SPDK heap 771 MiB used of 782 MiB, largest free 64 KiB < 1 large "
			       "buffer");
	ck_assert(!widget_node_heap_text(&h, 0, 100.5, 0, 200, &f.env, text, sizeof(text)));
	v.form = NODE_FORM_FULL;
	widget_node_pane_draw(f.ps.win, full, &f.env, &v);
	x = pty_screen_find(&f.ps, 2, "SPDK heap", NULL);
	ck_assert_int_ge(x, 0);
	ck_assert(pty_screen_attr(&f.ps, 2, x) == A_ITALIC);     /* UI_ALERT_WARNING */

	ck_assert(!widget_node_heap_text(&h, 1, 100.5, 135168, 200, &f.env, text, sizeof(text)));
	ck_assert_str_eq(text, "SPDK heap: none on this node");
	/* 80x24's panes: the units as the page sizes are named, the largest block kept. */
	h.heaps[0].greatest_free = 1048448;
	widget_node_heap_text(&h, 0, 400, 135168, 36, &f.env, text, sizeof(text));
	ck_assert_str_eq(text, "heap 771M/782M, largest free 1.0M");
	h.heaps[0].greatest_free = 65536;
	ck_assert(widget_node_heap_text(&h, 0, 400, 135168, 36, &f.env, text, sizeof(text)));
	ck_assert_str_eq(text, "heap 771M/782M, largest free 64K LOW");
	widget_node_heap_text(&h, 0, 400, 135168, 20, &f.env, text, sizeof(text));
	ck_assert_str_eq(text, "heap 771 MiB/782 MiB");
	h.read_mono = 100;
	widget_node_heap_text(&h, 0, 400, 135168, 200, &f.env, text, sizeof(text));
	ck_assert_msg(strstr(text, ", read 5 min ago"), "%s", text);
	h.state = HEAPS_UNAVAILABLE;
	snprintf(h.why, sizeof(h.why), "/tmp/x: Permission denied");
	widget_node_heap_text(&h, 0, 400, 135168, 200, &f.env, text, sizeof(text));
	ck_assert_str_eq(text, "SPDK heap: /tmp/x: Permission denied");
	teardown(&f);
}
END_TEST

/* The 4-node fixture's numbers: node 3 holds fewer pages, nodes 1-3 have a surplus. */
static void four_nodes(struct hugepage_snapshot *hp)
{
	static const uint64_t v[4][6] = {
		{ 1000, 100, 0, 16, 4, 0 }, { 1001, 111, 1, 16, 5, 0 },
		{ 1002, 122, 2, 16, 6, 0 }, { 600, 333, 3, 8, 7, 1 },
	};
	int i;

	memset(hp, 0, sizeof(*hp));
	hp->nnodes = 4;
	for (i = 0; i < 4; i++) {
		struct hugepage_node *n = &hp->nodes[i];

		node_fixture(n, i);
		n->sizes[0] = (struct hugepage_size_stats){ 2048, v[i][0], v[i][1], v[i][2] };
		n->sizes[1] = (struct hugepage_size_stats){ 1048576, v[i][3], v[i][4], v[i][5] };
	}
}

/* Column of the n-th occurrence (from 1) of s on row y, or -1. */
static int nth_col(const struct fixture *f, int y, const char *s, int nth)
{
	char row[1024], *p;

	pty_screen_row(&f->ps, y, row, sizeof(row));
	for (p = row; (p = strstr(p, s)) != NULL; p++)
		if (--nth == 0)
			return (int)(p - row);
	return -1;
}

/* Where a page-size line's parts stand: bar edges, slash, "free", "surp". */
struct size_cols {
	int lb, rb, sl, fr, su;
};

static struct size_cols size_cols_at(const struct fixture *f, int y, int nth)
{
	struct size_cols c = {
		nth_col(f, y, "[", nth), nth_col(f, y, "]", nth), nth_col(f, y, "/", nth),
		nth_col(f, y, "free", nth), nth_col(f, y, "surp", nth),
	};

	return c;
}

/* Four panes, two side by side as the layout makes them: one set of columns for all. */
static void check_four_panes(const struct hugepage_snapshot *hp, const struct node_cols *nc,
			     enum node_form form, int cols)
{
	int gap = form == NODE_FORM_FULL ? 0 : 2;
	int pw = (cols - gap) / 2, ph = form == NODE_FORM_FULL ? 5 : 3;
	int first = form == NODE_FORM_FULL ? 2 : 1, p, y;
	struct size_cols ref = { -1, -1, -1, -1, -1 };
	struct fixture f;
	char row[512];

	setup(&f, cols, 12, GLYPHS_ASCII);
	for (p = 0; p < 4; p++) {
		struct rect r = { (p / 2) * ph, (p % 2) * (pw + gap), ph, pw };
		struct node_pane_view v = { .node = &hp->nodes[p], .cols = nc, .form = form,
					    .unbalanced = p == 3 };

		widget_node_pane_draw(f.ps.win, r, &f.env, &v);
	}
	for (p = 0; p < 4; p++)
		for (y = (p / 2) * ph + first; y < (p / 2) * ph + first + 2; y++) {
			/* The second pane's columns are the first's, moved by a pane. */
			int dx = p % 2 ? pw + gap : 0;
			struct size_cols c = size_cols_at(&f, y, p % 2 + 1);

			pty_screen_row(&f.ps, y, row, sizeof(row));
			if (ref.lb < 0) {
				ref = c;
				ck_assert_msg(ref.rb - ref.lb - 1 >= 4, "bar: %s", row);
				ck_assert_msg(ref.su > ref.fr, "surplus shown: %s", row);
			}
			ck_assert_msg(c.lb == ref.lb + dx && c.rb == ref.rb + dx &&
				      c.sl == ref.sl + dx && c.fr == ref.fr + dx &&
				      c.su == ref.su + dx, "form %d %d cols, pane %d: %s", form,
				      cols, p, row);
		}
	teardown(&f);
}

/*
 * Every page-size line of every pane: the same bar width, the slash and the
 * free and surplus columns in the same place, "surp" on every line or none.
 */
START_TEST(test_node_panes_aligned)
{
	struct hugepage_snapshot *hp = calloc(1, sizeof(*hp));
	struct node_cols nc;
	struct fixture f;
	int form, y, p;

	ck_assert_ptr_nonnull(hp);
	four_nodes(hp);
	widget_node_cols(hp, &nc);
	ck_assert_int_eq(nc.nsizes, 2);
	ck_assert(nc.any_surplus);
	ck_assert_int_eq(nc.used_w, 3);
	ck_assert_int_eq(nc.total_w, 5);
	for (form = NODE_FORM_FULL; form <= NODE_FORM_SHORT; form++)
		for (int cols = 80; cols <= 120; cols += 40)
			check_four_panes(hp, &nc, (enum node_form)form, cols);

	/* No surplus anywhere: "surp" goes from every line at once, never from some. */
	for (p = 0; p < 4; p++) {
		hp->nodes[p].sizes[0].surplus = 0;
		hp->nodes[p].sizes[1].surplus = 0;
	}
	widget_node_cols(hp, &nc);
	ck_assert(!nc.any_surplus);
	setup(&f, 80, 12, GLYPHS_ASCII);
	for (p = 0; p < 2; p++) {
		struct rect r = { 0, p * 40, 5, 40 };
		struct node_pane_view v = { .node = &hp->nodes[p], .cols = &nc,
					    .form = NODE_FORM_FULL };

		widget_node_pane_draw(f.ps.win, r, &f.env, &v);
	}
	for (y = 2; y <= 3; y++) {
		char row[512];

		pty_screen_row(&f.ps, y, row, sizeof(row));
		ck_assert_msg(!strstr(row, "surp") && nth_col(&f, y, "free", 2) > 0, "%s", row);
		ck_assert_int_eq(nth_col(&f, y, "[", 1), nth_col(&f, 2, "[", 1));
		ck_assert_int_eq(nth_col(&f, y, "]", 2), nth_col(&f, 2, "]", 2));
	}
	teardown(&f);
	free(hp);
}
END_TEST

/* A size with no pages says so; a node without any says it once; compact lines align. */
START_TEST(test_node_panes_none_configured)
{
	struct hugepage_snapshot *hp = calloc(1, sizeof(*hp));
	struct node_cols nc;
	struct fixture f;
	char row[512];
	int i, sl = -1, mem = -1;

	ck_assert_ptr_nonnull(hp);
	four_nodes(hp);
	hp->nodes[1].sizes[1] = (struct hugepage_size_stats){ 1048576, 0, 0, 0 };
	hp->nodes[2].sizes[0] = (struct hugepage_size_stats){ 2048, 0, 0, 0 };
	hp->nodes[2].sizes[1] = (struct hugepage_size_stats){ 1048576, 0, 0, 0 };
	hp->nodes[3].nsizes = 1;   /* the node does not list 1G pages */
	widget_node_cols(hp, &nc);
	setup(&f, 80, 24, GLYPHS_ASCII);
	for (i = 0; i < 4; i++) {
		struct rect r = { (i / 2) * 5, (i % 2) * 40, 5, 40 };
		struct node_pane_view v = { .node = &hp->nodes[i], .cols = &nc,
					    .form = NODE_FORM_FULL };

		widget_node_pane_draw(f.ps.win, r, &f.env, &v);
	}
	pty_screen_row(&f.ps, 3, row, sizeof(row));
	ck_assert_msg(strstr(row, "| 1G none configured"), "%s", row);
	ck_assert_msg(!strstr(row, "0/0"), "%s", row);
	/* Node 2 (left): one line; node 3 (right): 1G not listed. */
	pty_screen_text(&f.ps, 7, 0, 40, row, sizeof(row));
	ck_assert_msg(strstr(row, "| no hugepages configured "), "%s", row);
	ck_assert_msg(!strstr(row, "[") && !strstr(row, "2M"), "%s", row);
	ck_assert_msg(!strstr(pty_screen_text(&f.ps, 8, 0, 40, row, sizeof(row)), "1G"), "%s",
		      row);
	ck_assert_msg(strstr(pty_screen_text(&f.ps, 8, 40, 40, row, sizeof(row)),
			     "| 1G not reported"), "%s", row);
	teardown(&f);

	/* One line per node: slash and MemFree in one column on every line. */
	setup(&f, 80, 24, GLYPHS_ASCII);
	for (i = 0; i < 4; i++) {
		struct rect r = { i, 0, 1, 80 };
		struct node_pane_view v = { .node = &hp->nodes[i], .cols = &nc,
					    .form = NODE_FORM_COMPACT, .unbalanced = i == 3 };

		widget_node_pane_draw(f.ps.win, r, &f.env, &v);
	}
	for (i = 0; i < 4; i++) {
		pty_screen_row(&f.ps, i, row, sizeof(row));
		ck_assert_int_le((int)strlen(row), 80);
		if (i != 2) {
			if (sl < 0)
				sl = nth_col(&f, i, "/", 1);
			ck_assert_msg(nth_col(&f, i, "/", 1) == sl, "%s", row);
		}
		if (mem < 0)
			mem = nth_col(&f, i, "MemFree", 1);
		ck_assert_msg(mem > 0 && nth_col(&f, i, "MemFree", 1) == mem, "%s", row);
	}
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 1, row, sizeof(row)), " 1G none "), "%s", row);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 2, row, sizeof(row)),
			     "node 2  no hugepages configured"), "%s", row);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 3, row, sizeof(row)), " 1G -"), "%s", row);
	ck_assert_msg(strstr(row, "UNBALANCED"), "%s", row);
	teardown(&f);
	free(hp);
}
END_TEST

START_TEST(test_nodes_status)
{
	struct layout_input in = { 80, 24, 4, 16, 2, 0, 5, false };
	struct nodes_status_view v;
	struct layout lay;
	struct fixture f;
	char row[512];

	layout_compute(&in, &lay);
	setup(&f, 80, 24, GLYPHS_ASCII);
	v = (struct nodes_status_view){ lay.node_first, lay.node_visible, 16 };
	widget_nodes_status_draw(f.ps.win, lay.nodes_status, &f.env, &v);
	pty_screen_row(&f.ps, lay.nodes_status.y, row, sizeof(row));
	ck_assert_msg(strstr(row, "nodes 6-"), "%s", row);
	ck_assert_msg(strstr(row, "of 16   ^ more above   v more below"), "%s", row);
	teardown(&f);

	/* No nodes at all: one line says so, in the node area's first line. */
	in.nnodes = 0;
	layout_compute(&in, &lay);
	ck_assert(rect_empty(lay.nodes_status));
	setup(&f, 80, 24, GLYPHS_ASCII);
	v = (struct nodes_status_view){ 0, 0, 0 };
	widget_nodes_status_draw(f.ps.win, row_at(lay.nodes.y, lay.nodes.x, lay.nodes.w), &f.env,
				 &v);
	pty_screen_row(&f.ps, lay.nodes.y, row, sizeof(row));
	ck_assert_str_eq(row, "hugepages: no NUMA nodes reported");
	teardown(&f);
}
END_TEST

/* ---- footer, too small ------------------------------------------------- */

/* ---- node history ------------------------------------------------------- */

/* Level of a UTF-8 sparkline cell: 0 blank, 1 .. 8 for the eighth blocks, -1 other. */
static int spark_cell(const struct fixture *f, int y, int x)
{
	char cell[16];
	int l;

	pty_screen_text(&f->ps, y, x, 1, cell, sizeof(cell));
	if (strcmp(cell, " ") == 0)
		return 0;
	for (l = 1; l <= f->gl.spark_levels; l++)
		if (strcmp(cell, f->gl.spark[l]) == 0)
			return l;
	return -1;
}

/* The node fixture: 512 of 1,024 2 MiB pages and 4 of 4 1 GiB pages free. */
static struct node_history_view node_hist_view(const double *v, size_t n, const double *wall)
{
	struct node_history_view h = { v, n, wall, 0, 0, NODE_FORM_FULL, 0 };

	h.free_kb = 512 * 2048ULL + 4 * 1048576ULL;
	h.total_kb = 1024 * 2048ULL + 4 * 1048576ULL;
	return h;
}

/* One line: "free <sparkline>  5.0 GiB of 6.0 GiB"; a gap is a gap, zero is blank. */
START_TEST(test_node_history_line)
{
	static const double v[] = { 50, 50, NAN, 0, 0, 25, 75 };
	struct node_history_view h = node_hist_view(v, 7, NULL);
	struct hugepage_node n;
	struct rect full = { 0, 0, 3 + 2 + 1, 50 }, shortr = { 7, 0, 1 + 2 + 1, 50 };
	struct fixture f;
	char row[512], buf[64];
	int end;

	node_fixture(&n, 0);
	setup(&f, 60, 12, GLYPHS_UTF8);
	widget_node_pane_draw(f.ps.win, full, &f.env,
			      &(struct node_pane_view){ .node = &n, .form = NODE_FORM_FULL });
	h.form = NODE_FORM_FULL;
	h.rows = 1;
	widget_node_history_draw(f.ps.win, full, &f.env, &h);
	/* Inside the box, under the page sizes, the text column of the pane. */
	pty_screen_row(&f.ps, 4, row, sizeof(row));
	ck_assert_msg(strncmp(row, "\u2502 free ", 8) == 0, "%s", row);
	/* The numbers right-aligned in 22 columns: every pane's sparkline ends in one column. */
	ck_assert_msg(strstr(row, "    5.0 GiB of 6.0 GiB \u2502"), "%s", row);
	end = pty_screen_find(&f.ps, 4, "5.0 GiB of", NULL) - 4;
	ck_assert_int_eq(end, 2 + 46 - 22);
	/* Newest at the right: 50 50 gap 0 0 25 75, eight levels for 0..100 (not the peak). */
	ck_assert_str_eq(pty_screen_text(&f.ps, 4, end - 7, 7, buf, sizeof(buf)),
			 "\u2584\u2584\u2504  \u2582\u2586");
	ck_assert(pty_screen_attr(&f.ps, 4, end - 5) == A_ITALIC);   /* the gap: UI_GAP */
	ck_assert(pty_screen_attr(&f.ps, 4, end - 4) == A_NORMAL);   /* zero: blank, plain */
	ck_assert_int_eq(spark_cell(&f, 4, end - 8), 0);              /* before the data */
	/* The page sizes and the box are untouched. */
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 3, row, sizeof(row)), "0/4"), "%s", row);
	ck_assert_msg(strncmp(pty_screen_row(&f.ps, 5, row, sizeof(row)), "\u2514\u2500", 2) == 0,
		      "%s", row);

	/* Unboxed: the last line of the pane, indented under the title. */
	widget_node_pane_draw(f.ps.win, shortr, &f.env,
			      &(struct node_pane_view){ .node = &n, .form = NODE_FORM_SHORT });
	h.form = NODE_FORM_SHORT;
	widget_node_history_draw(f.ps.win, shortr, &f.env, &h);
	ck_assert_msg(strncmp(pty_screen_row(&f.ps, 10, row, sizeof(row)), " free ", 6) == 0,
		      "%s", row);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 9, row, sizeof(row)), "0/4"), "%s", row);
	teardown(&f);

	/* No hugepages, or a one-line pane: nothing drawn. */
	setup(&f, 60, 12, GLYPHS_UTF8);
	h.total_kb = 0;
	h.form = NODE_FORM_FULL;
	widget_node_history_draw(f.ps.win, full, &f.env, &h);
	h.total_kb = 6 * 1048576ULL;
	h.form = NODE_FORM_COMPACT;
	widget_node_history_draw(f.ps.win, (struct rect){ 8, 0, 1, 50 }, &f.env, &h);
	for (int y = 0; y < 12; y++)
		ck_assert_str_eq(pty_screen_row(&f.ps, y, row, sizeof(row)), "");
	teardown(&f);
}
END_TEST

/* Several lines: a label, then a graph; a node filling up rises, one draining falls. */
START_TEST(test_node_history_graph)
{
	double v[46], wall[46];
	struct node_history_view h = node_hist_view(v, 46, wall);
	struct rect full = { 0, 0, 3 + 2 + 4, 50 };
	struct hugepage_node n;
	struct fixture f;
	char row[512];
	int x, y, prev = 0, lvl = 0;

	for (x = 0; x < 46; x++) {
		v[x] = (x + 1) * 100.0 / 46;
		wall[x] = 1000 + x;
	}
	node_fixture(&n, 0);
	setup(&f, 60, 12, GLYPHS_UTF8);
	widget_node_pane_draw(f.ps.win, full, &f.env,
			      &(struct node_pane_view){ .node = &n, .form = NODE_FORM_FULL });
	h.form = NODE_FORM_FULL;
	h.rows = 4;
	widget_node_history_draw(f.ps.win, full, &f.env, &h);
	ck_assert_msg(strstr(pty_screen_row(&f.ps, 4, row, sizeof(row)),
			     "\u2502 hugepages free 5.0 GiB of 6.0 GiB  over 45s"), "%s", row);
	/* Rows 5-7, 46 columns from x = 2: each column at least as high as the one before. */
	for (x = 2; x < 48; x++) {
		lvl = 0;
		for (y = 5; y <= 7; y++) {
			int c = spark_cell(&f, y, x);

			ck_assert_msg(c >= 0, "cell %d,%d not a sparkline glyph", y, x);
			lvl += c;
		}
		ck_assert_msg(lvl >= prev, "column %d: %d after %d", x, lvl, prev);
		ck_assert_int_ge(lvl, 1);   /* 2% free still shows */
		prev = lvl;
	}
	ck_assert_int_eq(lvl, 3 * 8);   /* all free: the full height */
	ck_assert_msg(strncmp(pty_screen_row(&f.ps, 8, row, sizeof(row)), "\u2514\u2500", 2) == 0,
		      "%s", row);
	teardown(&f);

	/* Draining: the same columns, falling. */
	for (x = 0; x < 46; x++)
		v[x] = 100 - x * 100.0 / 46;
	setup(&f, 60, 12, GLYPHS_UTF8);
	widget_node_history_draw(f.ps.win, full, &f.env, &h);
	prev = 1000;
	for (x = 2; x < 48; x++) {
		lvl = spark_cell(&f, 5, x) + spark_cell(&f, 6, x) + spark_cell(&f, 7, x);
		ck_assert_msg(lvl <= prev, "column %d: %d after %d", x, lvl, prev);
		prev = lvl;
	}
	ck_assert_int_lt(lvl, 3 * 8);
	teardown(&f);

	/* Narrow: the label gives up the time span and the word "hugepages" first. */
	setup(&f, 60, 12, GLYPHS_ASCII);
	widget_node_history_draw(f.ps.win, (struct rect){ 0, 0, 9, 30 }, &f.env, &h);
	ck_assert_msg(strcmp(pty_screen_row(&f.ps, 4, row, sizeof(row)),
			     "  free 5.0 GiB of 6.0 GiB") == 0, "%s", row);
	teardown(&f);
}
END_TEST

START_TEST(test_footer)
{
	struct rect r = { 23, 0, 1, 80 };
	struct fixture f;
	char row[512];

	setup(&f, 80, 24, GLYPHS_ASCII);
	widget_footer_draw(f.ps.win, r, &f.env, &(struct footer_view){ NULL, false, false });
	pty_screen_row(&f.ps, 23, row, sizeof(row));
	/* Nine hints fit 80 columns, one blank apart; the keys that act come first. */
	ck_assert_str_eq(row, "q quit ? help a ack p pause v advice c pools l alerts b/B baseline "
			 "s sort");
	ck_assert(pty_screen_attr(&f.ps, 23, 0) == A_BOLD);       /* UI_FOOTER_KEY */
	widget_footer_draw(f.ps.win, r, &f.env, &(struct footer_view){ "interval 2.0s", false, false });
	pty_screen_row(&f.ps, 23, row, sizeof(row));
	ck_assert_msg(strstr(row, "interval 2.0s"), "%s", row);
	ck_assert_int_eq(pty_screen_find(&f.ps, 23, "interval 2.0s", NULL), 80 - 1 - 13);
	ck_assert_msg(strncmp(row, "q quit", 6) == 0, "%s", row);
	teardown(&f);
}
END_TEST

START_TEST(test_footer_pools_key_not_with_read_only)
{
	struct rect r = { 23, 0, 1, 120 };
	struct fixture f;
	char row[512];

	setup(&f, 120, 24, GLYPHS_ASCII);
	widget_footer_draw(f.ps.win, r, &f.env, &(struct footer_view){ NULL, false, false });
	pty_screen_row(&f.ps, 23, row, sizeof(row));
	ck_assert_msg(strstr(row, "v advice  c pools  l alerts"), "%s", row);
	ck_assert_msg(strstr(row, "+/- interval  r reconnect  t theme"), "%s", row);
	widget_footer_draw(f.ps.win, r, &f.env, &(struct footer_view){ NULL, true, false });
	pty_screen_row(&f.ps, 23, row, sizeof(row));
	ck_assert_msg(strstr(row, "v advice  l alerts") && !strstr(row, "c pools"), "%s", row);
	ck_assert_msg(strstr(row, "r reconnect"), "%s", row);
	/* a replay: no key that acts on a live target */
	widget_footer_draw(f.ps.win, r, &f.env, &(struct footer_view){ NULL, false, true });
	pty_screen_row(&f.ps, 23, row, sizeof(row));
	ck_assert_msg(strstr(row, "v advice  l alerts  b/B baseline  s sort  t theme"), "%s", row);
	ck_assert_msg(!strstr(row, "c pools") && !strstr(row, "interval") &&
		      !strstr(row, "reconnect"), "%s", row);
	teardown(&f);
}
END_TEST

START_TEST(test_too_small)
{
	struct layout_input in = { 30, 10, 3, 2, 2, 0, 0, false };
	struct layout lay;
	struct fixture f;
	int y;

	layout_compute(&in, &lay);
	ck_assert(lay.too_small);
	setup(&f, 30, 10, GLYPHS_ASCII);
	mvwaddstr(f.ps.win, 0, 0, "stale text from before");
	widget_too_small_draw(f.ps.win, (struct rect){ 0, 0, 10, 30 }, &f.env,
			      &(struct too_small_view){ 30, 10 });
	ck_assert_int_ge(pty_screen_find(&f.ps, -1, "terminal too small:", &y), 0);
	ck_assert_int_ge(pty_screen_find(&f.ps, -1, "need 40x12, have 30x10", NULL), 0);
	ck_assert_int_ge(pty_screen_find(&f.ps, -1, "(80x24 for the full view)", NULL), 0);
	ck_assert_int_lt(pty_screen_find(&f.ps, -1, "need 80x24", NULL), 0);
	ck_assert_int_lt(pty_screen_find(&f.ps, -1, "stale", NULL), 0);
	teardown(&f);

	setup(&f, 70, 8, GLYPHS_ASCII);
	widget_too_small_draw(f.ps.win, (struct rect){ 0, 0, 8, 70 }, &f.env,
			      &(struct too_small_view){ 70, 8 });
	ck_assert_int_ge(pty_screen_find(&f.ps, -1, "terminal too small: need 40x12 (80x24 for "
					 "the full view), have 70x8", &y), 0);
	ck_assert_int_eq(y, 3);   /* centred */
	teardown(&f);

	/* Two rows: the first two lines, what to do before why. */
	setup(&f, 30, 2, GLYPHS_ASCII);
	widget_too_small_draw(f.ps.win, (struct rect){ 0, 0, 2, 30 }, &f.env,
			      &(struct too_small_view){ 30, 2 });
	ck_assert_int_ge(pty_screen_find(&f.ps, 1, "need 40x12, have 30x2", NULL), 0);
	teardown(&f);
}
END_TEST

/* ---- the whole screen --------------------------------------------------- */

struct world {
	struct snapshot *s;
	struct iobuf_rates *rates;
	double hist[512];
	struct alerts_summary alerts;
	struct history *h;
};

static void world_init(struct world *w, int nnodes)
{
	int i;

	w->s = new_snapshot();
	w->rates = calloc(1, sizeof(*w->rates));
	ck_assert_ptr_nonnull(w->rates);
	w->s->iobuf.form = IOBUF_FORM_PER_MODULE;
	add_module(w->s, "accel", 128, 16);
	add_module(w->s, "bdev", 256, 32);
	add_module(w->s, "nvmf_TCP", 512, 64);
	set_rate(w->rates, "accel", 1000, 99.5, 10, 0);
	set_rate(w->rates, "bdev", 148507, 80, 4000, 148507);
	set_rate(w->rates, "nvmf_TCP", 20, 100, 0, 0);
	w->s->iobuf.small = pool_sum(UTIL_RESERVED, 896, 8192);
	w->s->iobuf.large = pool_sum(UTIL_RESERVED, 112, 1024);
	w->s->iobuf.large.bufsize = 135168;
	w->s->hugepages.nnodes = (size_t)nnodes;
	for (i = 0; i < nnodes; i++)
		node_fixture(&w->s->hugepages.nodes[i], i);
	for (i = 0; i < 512; i++)
		w->hist[i] = i % 40 < 5 ? NAN : (i % 13) * 1000.0;
	w->alerts = alert_summary(ALERT_CRITICAL, false, 2);
	/* Forty ticks: the 2 MiB pages drain, bdev retries more and more, one tick lost. */
	w->h = history_new();
	ck_assert_ptr_nonnull(w->h);
	for (i = 0; i < 40; i++) {
		size_t k;

		for (k = 0; k < w->s->hugepages.nnodes; k++)
			w->s->hugepages.nodes[k].sizes[0].free = 1024 - (uint64_t)i * 13;
		w->rates->modules[1].large.retry = 1000.0 * i;
		w->s->wall = 1000 + i;
		history_push(w->h, w->s, i == 20 ? NULL : w->rates);
	}
	for (i = 0; i < nnodes; i++)
		node_fixture(&w->s->hugepages.nodes[i], i);
	w->rates->modules[1].large.retry = 148507;
	history_push(w->h, w->s, w->rates);
}

static void world_free(struct world *w)
{
	history_free(w->h);
	free(w->rates);
	free(w->s);
}

/* A pane's free-hugepage history, the way screen_main takes it from the history. */
static void draw_node_hist(struct fixture *f, const struct layout *lay, int i, struct world *w)
{
	const struct hugepage_node *n = &w->s->hugepages.nodes[lay->panes[i].node];
	const struct history_node *hn = history_node(w->h, n->id);
	double v[HISTORY_CAP];
	struct node_history_view hv = { v, 0, NULL, 0, 0, lay->node_form, lay->node_hist_rows };
	size_t k;

	ck_assert_ptr_nonnull(hn);
	hv.n = history_latest(w->h, &hn->free_pct, (size_t)lay->panes[i].r.w, v);
	for (k = 0; k < n->nsizes; k++) {
		hv.free_kb += n->sizes[k].free * n->sizes[k].page_kb;
		hv.total_kb += n->sizes[k].nr * n->sizes[k].page_kb;
	}
	widget_node_history_draw(f->ps.win, lay->panes[i].r, &f->env, &hv);
}

/* What H8's dashboard does, in short: every widget in its rect. */
static void draw_all(struct fixture *f, const struct layout *lay, struct world *w)
{
	struct header_view hv = { w->s, 0, 1.0, true, 1000.0, NULL, NULL, NULL, NULL, NULL, NULL };
	const struct iobuf_snapshot *io = &w->s->iobuf;
	bool sp = lay->show_sparklines;
	struct pool_view ps = { "small", &io->small, 0, w->hist, 512, NULL, 0, NULL, sp, NAN, NULL, NULL, NULL };
	struct pool_view pl = { "large", &io->large, 148507, w->hist, 512, NULL, 0, NULL, sp, NAN,
				NULL, NULL, NULL };
	struct module_table_view mv = { .snap = w->s, .rates = w->rates,
					.sort = MODULE_SORT_RETRY, .hist = w->h };
	struct nodes_status_view sv = { lay->node_first, lay->node_visible,
					(int)w->s->hugepages.nnodes };
	struct node_cols nc;
	int i;

	widget_node_cols(&w->s->hugepages, &nc);
	if (lay->too_small) {
		widget_too_small_draw(f->ps.win, (struct rect){ 0, 0, lay->rows, lay->cols },
				      &f->env, &(struct too_small_view){ lay->cols, lay->rows });
		return;
	}
	widget_header_draw(f->ps.win, lay->header, &f->env, &hv);
	widget_banner_draw(f->ps.win, lay->banner, &f->env,
			   &(struct banner_view){ &w->alerts, true });
	widget_pool_draw(f->ps.win, lay->pool_small, &f->env, &ps);
	widget_pool_draw(f->ps.win, lay->pool_large, &f->env, &pl);
	draw_table(f, lay, &mv);
	widget_nodes_status_draw(f->ps.win, lay->nodes_status, &f->env, &sv);
	for (i = 0; i < lay->npanes; i++) {
		struct node_pane_view pv = { &w->s->hugepages.nodes[lay->panes[i].node], &nc,
					     lay->node_form, i == 1, NULL, NULL, 0, 0 };

		widget_node_pane_draw(f->ps.win, lay->panes[i].r, &f->env, &pv);
		if (lay->node_hist_rows > 0)
			draw_node_hist(f, lay, i, w);
	}
	widget_footer_draw(f->ps.win, lay->footer, &f->env, &(struct footer_view){ NULL, false, false });
}

START_TEST(test_ascii_emits_only_ascii)
{
	struct layout_input in = { 80, 24, 3, 4, 2, 0, 0, false };
	struct layout lay;
	struct world w;
	struct fixture f;
	size_t i, high = 0;

	world_init(&w, 4);
	layout_compute(&in, &lay);
	setup(&f, 80, 24, GLYPHS_ASCII);   /* in a UTF-8 locale: the glyphs decide */
	draw_all(&f, &lay, &w);
	ck_assert_msg(pty_screen_flush(&f.ps) == 0, "%s", f.ps.err);
	ck_assert_int_gt((int)f.ps.nbytes, 80 * 10);
	for (i = 0; i < f.ps.nbytes; i++)
		if ((unsigned char)f.ps.bytes[i] >= 0x80)
			high++;
	ck_assert_msg(high == 0, "%zu non-ASCII bytes", high);
	ck_assert_ptr_nonnull(memmem(f.ps.bytes, f.ps.nbytes, "LARGE POOL EXHAUSTED", 20));
	teardown(&f);

	/* The same screen in UTF-8 does use non-ASCII: the check above can fail. */
	setup(&f, 80, 24, GLYPHS_UTF8);
	draw_all(&f, &lay, &w);
	ck_assert_msg(pty_screen_flush(&f.ps) == 0, "%s", f.ps.err);
	for (i = 0, high = 0; i < f.ps.nbytes; i++)
		if ((unsigned char)f.ps.bytes[i] >= 0x80)
			high++;
	ck_assert_int_gt((int)high, 0);
	teardown(&f);
	world_free(&w);
}
END_TEST

/* What must be on a full screen, whatever its size. */
static void check_screen(const struct fixture *f, const struct layout *lay, int nnodes)
{
	char row[4096];
	int cols = lay->cols, rows = lay->rows;

	if (lay->too_small) {
		ck_assert_int_ge(pty_screen_find(&f->ps, -1, "have", NULL), 0);
		return;
	}
	pty_screen_row(&f->ps, 0, row, sizeof(row));
	ck_assert_msg(strstr(row, "PAUSED"), "%dx%d: %s", cols, rows, row);
	pty_screen_row(&f->ps, 1, row, sizeof(row));
	ck_assert_msg(strstr(row, "LARGE POOL"), "%dx%d: %s", cols, rows, row);
	ck_assert_int_ge(pty_screen_find(&f->ps, lay->pool_small.y, "small", NULL), 0);
	ck_assert_int_ge(pty_screen_find(&f->ps, lay->pool_large.y, "large", NULL), 0);
	ck_assert_int_ge(pty_screen_find(&f->ps, -1, "bdev", NULL), 0);
	ck_assert_int_ge(pty_screen_find(&f->ps, -1, "node 0", NULL), 0);
	/* Node 1 is the unbalanced one. */
	ck_assert_int_ge(pty_screen_find(&f->ps, -1, "UNBALANCED", NULL),
			 nnodes > 1 && lay->node_visible > 1 ? 0 : -1);
	pty_screen_row(&f->ps, rows - 1, row, sizeof(row));
	ck_assert_msg(strncmp(row, "q quit", 6) == 0, "%dx%d: %s", cols, rows, row);
	/* The history the layout gives rows to is drawn in them, every pane still closed. */
	if (lay->node_hist_rows > 0) {
		struct rect p = lay->panes[lay->npanes - 1].r;
		int hy = p.y + p.h - 1 - lay->node_hist_rows;

		ck_assert_msg(strstr(pty_screen_row(&f->ps, hy, row, sizeof(row)), "free "),
			      "%dx%d: %s", cols, rows, row);
		ck_assert_msg(strstr(pty_screen_row(&f->ps, p.y + p.h - 1, row, sizeof(row)),
				     "\u2514\u2500"), "%dx%d: %s", cols, rows, row);
	}
	if (lay->module_history)
		ck_assert_int_ge(pty_screen_find(&f->ps, lay->modules.y + 1, "history", NULL), 0);
	if (lay->nodes_more_below)
		ck_assert_int_ge(pty_screen_find(&f->ps, -1, "more below", NULL), 0);
}

/* Every size from the spec with 1-16 nodes: everything drawn, the essential parts seen. */
START_TEST(test_full_screens)
{
	static const int sizes[][2] = { { 80, 24 }, { 120, 40 }, { 200, 60 }, { 250, 80 },
					{ 40, 12 }, { 30, 10 } };
	static const int nodes[] = { 1, 2, 4, 16 };
	size_t si, ni;

	for (si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++)
		for (ni = 0; ni < sizeof(nodes) / sizeof(nodes[0]); ni++) {
			int cols = sizes[si][0], rows = sizes[si][1];
			struct layout_input in = { cols, rows, 3, nodes[ni], 2, 0, 0, false };
			struct layout lay;
			struct world w;
			struct fixture f;

			world_init(&w, nodes[ni]);
			layout_compute(&in, &lay);
			setup(&f, cols, rows, GLYPHS_UTF8);
			draw_all(&f, &lay, &w);
			check_screen(&f, &lay, nodes[ni]);
			teardown(&f);
			world_free(&w);
		}
}
END_TEST

static Suite *widgets_suite(void)
{
	Suite *s = suite_create("widgets");
	TCase *tc = tcase_create("draw");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_text_cut_and_sanitise);
	tcase_add_test(tc, test_bar_cells);
	tcase_add_test(tc, test_bar_drawn_ascii);
	tcase_add_test(tc, test_sparkline_levels);
	tcase_add_test(tc, test_sparkline_utf8_gap);
	tcase_add_test(tc, test_sparkline_ascii_newest_only);
	tcase_add_test(tc, test_graph_blanks_in_alert_attr_where_unseen);
	tcase_add_test(tc, test_text_cells_as_waddnstr);
	tcase_add_test(tc, test_pool_pinned_vs_exact);
	tcase_add_test(tc, test_pool_exact_with_reservation);
	tcase_add_test(tc, test_pool_per_node_shows_the_dry_node);
	tcase_add_test(tc, test_pool_one_line_narrow);
	tcase_add_test(tc, test_pool_three_lines_utf8);
	tcase_add_test(tc, test_pool_ran_dry_marker);
	tcase_add_test(tc, test_pool_line1_as_eager);
	tcase_add_test(tc, test_graph_rows);
	tcase_add_test(tc, test_pool_graphs);
	tcase_add_test(tc, test_banner);
	tcase_add_test(tc, test_header);
	tcase_add_test(tc, test_header_replay);
	tcase_add_test(tc, test_header_history);
	tcase_add_test(tc, test_header_compare);
	tcase_add_test(tc, test_module_table);
	tcase_add_test(tc, test_graph_window_steps);
	tcase_add_test(tc, test_module_table_history);
	tcase_add_test(tc, test_module_table_scroll_and_narrow);
	tcase_add_test(tc, test_module_table_sort_mark_room);
	tcase_add_test(tc, test_node_panes);
	tcase_add_test(tc, test_node_pane_heap_line);
	tcase_add_test(tc, test_node_panes_aligned);
	tcase_add_test(tc, test_node_panes_none_configured);
	tcase_add_test(tc, test_nodes_status);
	tcase_add_test(tc, test_node_history_line);
	tcase_add_test(tc, test_node_history_graph);
	tcase_add_test(tc, test_footer);
	tcase_add_test(tc, test_footer_pools_key_not_with_read_only);
	tcase_add_test(tc, test_too_small);
	tcase_add_test(tc, test_ascii_emits_only_ascii);
	tcase_add_test(tc, test_full_screens);
	tcase_add_test(tc, test_graph_memo_writes_rows_that_differ);
	tcase_add_test(tc, test_graph_memo_equals_whole);
	tcase_add_test(tc, test_pool_memo_writes_rows_that_differ);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(widgets_suite());
}
