/* compare_view: baseline_diff rows as the widgets' compare texts (contract: compare_view.h). */
#include "compare_view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt_num.h"

void compare_age_text(double s, char *buf, size_t len)
{
	long t;

	if (!(s >= 0) || !isfinite(s)) {
		snprintf(buf, len, "?");
		return;
	}
	t = (long)s;
	if (t < 60)
		snprintf(buf, len, "%lds", t);
	else if (t < 3600)
		snprintf(buf, len, "%ldm", t / 60);
	else if (t < 86400)
		snprintf(buf, len, "%ldh%02ldm", t / 3600, t / 60 % 60);
	else
		snprintf(buf, len, "%ldd%02ldh", t / 86400, t / 3600 % 24);
}

/* "+1,234", "-12", "+0": a change with its sign; brief: "+1.2M", for cells and gets. */
static void signed_text(int64_t v, bool brief, char *buf, size_t len)
{
	char n[FMT_NUM_LEN];
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	if (brief)
		fmt_short(n, sizeof(n), (double)mag);
	else
		fmt_thousands(n, sizeof(n), mag);
	snprintf(buf, len, "%s%s", v < 0 ? "-" : "+", n);
}

static bool known(const struct diff_row *r)
{
	return r && r->known_a && r->known_b;
}

/* A counter: "+1,234", "reset, +5 since" (never negative), "?" when a side lacks it. */
static void counter_text(const struct diff_row *r, bool brief, char *buf, size_t len)
{
	char n[FMT_NUM_LEN + 2];

	if (!known(r)) {
		snprintf(buf, len, "?");
		return;
	}
	signed_text(r->change, brief, n, sizeof(n));
	snprintf(buf, len, r->fell ? "reset, %s since" : "%s", n);
}

static void gauge_text(const struct diff_row *r, bool brief, char *buf, size_t len)
{
	if (!known(r))
		snprintf(buf, len, "?");
	else
		signed_text(r->change, brief, buf, len);
}

/* "149k", "41", "2.5", "0"; "?" when not known.  A slow trickle of retries keeps its tenth. */
static void rate_text(double v, char *buf, size_t len)
{
	if (!isfinite(v) || v < 0)
		snprintf(buf, len, "?");
	else if (v > 0 && v < 10)
		snprintf(buf, len, "%.1f", v);
	else
		fmt_short(buf, len, v);
}

/* "+12.5 pts", "-3.0 pts": the change of a percentage (hundredths) in points; "?". */
static void in_use_text(const struct diff_row *r, char *buf, size_t len)
{
	if (!known(r))
		snprintf(buf, len, "?");
	else
		snprintf(buf, len, "%s%.1f pts", r->change < 0 ? "-" : "+",
			 fabs((double)r->change) / 100.0);
}

/* "avg 41/s now 0/s": the mean rate since the baseline against the last tick's. */
static void then_now_text(const struct baseline_diff *d, const struct diff_row *r, double now,
			  char *buf, size_t len)
{
	char a[FMT_NUM_LEN], b[FMT_NUM_LEN];

	rate_text(known(r) && d->has_dt && d->dt > 0 ? (double)r->change / d->dt : NAN, a,
		  sizeof(a));
	rate_text(now, b, sizeof(b));
	snprintf(buf, len, "avg %s/s now %s/s", a, b);
}

/* The pool row "small.retry". */
static const struct diff_row *row(const struct baseline_diff *d, const char *pool,
				  const char *field)
{
	char what[DIFF_WHAT_LEN];

	snprintf(what, sizeof(what), "%s.%s", pool, field);
	return baseline_diff_find(d, what);
}

static void pool_text(struct compare_view *v, int p, const struct baseline_diff *d,
		      const struct iobuf_rates *rates)
{
	const char *name = p ? "large" : "small";
	const struct iobuf_pool_rates *pr = rates && rates->valid ?
					    (p ? &rates->large : &rates->small) : NULL;
	const struct diff_row *retry = row(d, name, "retry");
	const struct diff_row *gets = row(d, name, "gets");
	char rt[64], rtn[48], gt[64], gtn[48], cnt[32], res[32], use[32];

	counter_text(retry, false, rt, sizeof(rt));
	in_use_text(row(d, name, "in_use_pct"), use, sizeof(use));
	then_now_text(d, retry, pr ? pr->retry : NAN, rtn, sizeof(rtn));
	counter_text(gets, true, gt, sizeof(gt));
	then_now_text(d, gets, pr ? pr->gets : NAN, gtn, sizeof(gtn));
	gauge_text(row(d, name, "count"), false, cnt, sizeof(cnt));
	gauge_text(row(d, name, "reserved"), false, res, sizeof(res));
	/* The header names the baseline; retries first, as they are what a cut must keep. */
	snprintf(v->pool[p], CMP_TEXT_LEN,
		 "retries %s %s  in use %s  gets %s %s  count %s  reserved %s", rt, rtn, use, gt,
		 gtn, cnt, res);
}

/* A table cell: too narrow for "reset, +5 since", so a reset is the word alone. */
static void cell_counter(const struct diff_row *r, char *buf, size_t len)
{
	if (known(r) && r->fell)
		snprintf(buf, len, "reset");
	else
		counter_text(r, true, buf, len);
}

/*
 * The cache's share of the gets since the baseline.  A reset of any of the
 * module's counters on the pool means the channels behind them changed, so
 * the share is then of what B counted (the rule of a counter's change),
 * never of a mix of changes and totals.
 */
static void module_hit(struct compare_module *m, int p, const struct baseline_diff *d)
{
	static const char *const parts[] = { "gets", "cache", "main", "retry" };
	const struct diff_row *r[4];
	char what[DIFF_WHAT_LEN];
	bool reset = false;
	double gets, hits;

	m->hit_pct[p] = NAN;
	for (int i = 0; i < 4; i++) {
		snprintf(what, sizeof(what), "module.%s.%s.%s", m->name, p ? "large" : "small",
			 parts[i]);
		r[i] = baseline_diff_find(d, what);
		if (!known(r[i])) {
			snprintf(m->cell[p][CMP_HIT], CMP_CELL_LEN, "?");
			return;
		}
		reset |= r[i]->fell;
	}
	m->cell[p][CMP_HIT][0] = '\0';
	gets = reset ? (double)r[0]->b : (double)r[0]->change;
	hits = reset ? (double)r[1]->b : (double)r[1]->change;
	if (gets > 0)
		m->hit_pct[p] = 100.0 * hits / gets;
}

/* Modules in the rows' order: "module.NAME.small.gets" opens each (the name may hold dots). */
static void module_cells(struct compare_view *v, const struct baseline_diff *d)
{
	static const char head[] = "module.", tail[] = ".small.gets";
	size_t hl = sizeof(head) - 1, tl = sizeof(tail) - 1;

	for (size_t i = 0; i < d->nrows && v->nmodules < SNAP_MAX_MODULES; i++) {
		const char *w = d->rows[i].what;
		size_t n = strlen(w);
		struct compare_module *m;

		if (n <= hl + tl || strncmp(w, head, hl) || strcmp(w + n - tl, tail))
			continue;
		m = &v->modules[v->nmodules++];
		snprintf(m->name, sizeof(m->name), "%.*s", (int)(n - hl - tl), w + hl);
		for (int p = 0; p < 2; p++) {
			const char *pool = p ? "large" : "small";
			char what[DIFF_WHAT_LEN];

			snprintf(what, sizeof(what), "module.%s.%s.gets", m->name, pool);
			cell_counter(baseline_diff_find(d, what), m->cell[p][CMP_GETS], CMP_CELL_LEN);
			snprintf(what, sizeof(what), "module.%s.%s.retry", m->name, pool);
			cell_counter(baseline_diff_find(d, what), m->cell[p][CMP_RETRY], CMP_CELL_LEN);
			snprintf(what, sizeof(what), "module.%s.%s.cache_size", m->name, pool);
			gauge_text(baseline_diff_find(d, what), true, m->cell[p][CMP_CACHE],
				   CMP_CELL_LEN);
			snprintf(what, sizeof(what), "module.%s.%s.main", m->name, pool);
			cell_counter(baseline_diff_find(d, what), m->cell[p][CMP_MAIN],
				     CMP_CELL_LEN);
			module_hit(m, p, d);
		}
	}
}

static struct compare_node *node_of(struct compare_view *v, int id)
{
	for (size_t i = 0; i < v->nnodes; i++)
		if (v->nodes[i].id == id)
			return &v->nodes[i];
	if (v->nnodes >= SNAP_MAX_NODES)
		return NULL;
	v->nodes[v->nnodes].id = id;
	snprintf(v->nodes[v->nnodes].text, CMP_TEXT_LEN, "vs base:");
	return &v->nodes[v->nnodes++];
}

/* "node0.2048kB.free" rows, one phrase per page size: "vs base: 2M free -12  1G free ?". */
static void node_texts(struct compare_view *v, const struct baseline_diff *d)
{
	for (size_t i = 0; i < d->nrows; i++) {
		const struct diff_row *r = &d->rows[i];
		unsigned long long kb;
		struct compare_node *cn;
		char ch[32], lab[16];
		size_t used;
		int id;

		if (sscanf(r->what, "node%d.%llukB.free", &id, &kb) != 2 || !(cn = node_of(v, id)))
			continue;
		if (kb >= 1024ULL * 1024 && kb % (1024ULL * 1024) == 0)
			snprintf(lab, sizeof(lab), "%lluG", kb / (1024ULL * 1024));
		else if (kb >= 1024 && kb % 1024 == 0)
			snprintf(lab, sizeof(lab), "%lluM", kb / 1024);
		else
			snprintf(lab, sizeof(lab), "%lluK", kb);
		gauge_text(r, false, ch, sizeof(ch));
		used = strlen(cn->text);
		snprintf(cn->text + used, CMP_TEXT_LEN - used, "  %s free %s", lab, ch);
	}
}

void compare_view_build(struct compare_view *v, const struct baseline_diff *d,
			const struct iobuf_rates *rates, const struct compare_source *src,
			double now_wall)
{
	char age[32];

	memset(v, 0, sizeof(*v));
	compare_age_text(now_wall - src->wall, age, sizeof(age));
	/* A file's mtime is when it was written, not when its figures were taken. */
	if (src->time_recorded)
		snprintf(v->header, sizeof(v->header), "vs %s, %s ago", src->label, age);
	else
		snprintf(v->header, sizeof(v->header), "vs %s, file %s old", src->label, age);
	snprintf(v->header_name, sizeof(v->header_name), "%s", src->label);
	snprintf(v->header_age, sizeof(v->header_age), "%s%s", age,
		 src->time_recorded ? " ago" : " old");
	pool_text(v, 0, d, rates);
	pool_text(v, 1, d, rates);
	module_cells(v, d);
	node_texts(v, d);
}

const struct compare_module *compare_view_module(const struct compare_view *v, const char *name)
{
	for (size_t i = 0; i < v->nmodules; i++)
		if (strcmp(v->modules[i].name, name) == 0)
			return &v->modules[i];
	return NULL;
}

const char *compare_view_node(const struct compare_view *v, int id)
{
	for (size_t i = 0; i < v->nnodes; i++)
		if (v->nodes[i].id == id)
			return v->nodes[i].text;
	return NULL;
}
