/*
 * The advice as text (--once's report) and as JSON.  The text is plain
 * ASCII and stable: tests compare it byte for byte, so change it on purpose.
 */
#include "advisor.h"

#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>

#include "fmt_num.h"

static const char *status_upper(enum advice_status s)
{
	switch (s) {
	case ADVICE_UNKNOWN:
		return "UNKNOWN";
	case ADVICE_FINE:
		return "FINE";
	case ADVICE_UNDERUSED:
		return "UNDERUSED";
	case ADVICE_TIGHT:
		return "TIGHT";
	case ADVICE_EXHAUSTED:
		return "EXHAUSTED";
	}
	return "INVALID";
}

/* Appends one formatted line to t, when there is room. */
static void add(struct advice_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct advice_text *t, const char *fmt, ...)
{
	va_list ap;

	if (t->n >= ADVICE_TEXT_LINES)
		return;
	va_start(ap, fmt);
	vsnprintf(t->line[t->n++], ADVICE_LINE_LEN, fmt, ap);
	va_end(ap);
}

static void text_header(struct advice_text *t, const struct advice *a)
{
	double win = floor(a->window_s / 60), seen = floor(a->observed_s / 60);

	if (a->observed_s <= 0)
		add(t, "iobuf pool advice (one snapshot: counters since the channels were created)");
	else
		add(t, "iobuf pool advice (window %.0f min, %.0f min observed)", win, seen);
}

static void text_pool(struct advice_text *t, const char *name, const struct pool_advice *p)
{
	char cur[FMT_NUM_LEN], sug[FMT_NUM_LEN], cb[FMT_NUM_LEN], sb[FMT_NUM_LEN];

	if (p->current == 0)
		add(t, "  %-5s  %s", name, status_upper(p->status));
	else if (p->suggested == p->current)
		add(t, "  %-5s  %-9s  keep %s (%s)", name, status_upper(p->status),
		    fmt_thousands(cur, sizeof(cur), p->current),
		    fmt_bytes(cb, sizeof(cb), p->current_bytes));
	else
		add(t, "  %-5s  %-9s  %s -> %s (%s -> %s)", name, status_upper(p->status),
		    fmt_thousands(cur, sizeof(cur), p->current),
		    fmt_thousands(sug, sizeof(sug), p->suggested),
		    fmt_bytes(cb, sizeof(cb), p->current_bytes),
		    fmt_bytes(sb, sizeof(sb), p->suggested_bytes));
	add(t, "    %s", p->reason);
}

void advice_text(const struct advice *a, struct advice_text *t)
{
	const struct pool_advice *p[2] = { &a->small, &a->large };
	bool change = false, unchecked = false;

	t->n = 0;
	text_header(t, a);
	text_pool(t, "small", &a->small);
	text_pool(t, "large", &a->large);
	for (int i = 0; i < 2; i++) {
		change = change || (p[i]->current && p[i]->suggested != p[i]->current);
		unchecked = unchecked || (p[i]->suggested > p[i]->current && !p[i]->memory_checked);
	}
	if (a->enable_numa)
		add(t, "  enable_numa: counts are per node, memory is for all %u nodes", a->nodes);
	if (unchecked)
		add(t, "  free hugepages unknown: growth not checked against memory");
	/* SPDK takes pool counts only before framework_start_init */
	if (change && a->state == TARGET_RUNNING)
		add(t, "  counts apply at the next start: iobuf_set_options in the target's config");
}

void advisor_write_text(FILE *out, const struct advice *a)
{
	struct advice_text t;

	advice_text(a, &t);
	for (size_t i = 0; i < t.n; i++)
		fprintf(out, "%s\n", t.line[i]);
}

/* ---- JSON ---------------------------------------------------------------- */

/* Like the snapshot's JSON: a u64 beyond INT64_MAX is a string of digits. */
static json_t *u64(uint64_t v)
{
	char buf[24];

	if (v <= INT64_MAX)
		return json_integer((json_int_t)v);
	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	return json_string(buf);
}

static json_t *pool_json(const struct pool_advice *p)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:b, s:b, s:s}",
			 "status", advice_status_name(p->status),
			 "basis", advice_basis_name(p->basis),
			 "current", u64(p->current),
			 "suggested", u64(p->suggested),
			 "current_bytes", u64(p->current_bytes),
			 "suggested_bytes", u64(p->suggested_bytes),
			 "limited_by_memory", p->limited_by_memory,
			 "memory_checked", p->memory_checked,
			 "reason", p->reason);
}

struct json_t *advice_to_json(const struct advice *a)
{
	return json_pack("{s:s, s:f, s:f, s:b, s:I, s:o, s:o}",
			 "target_state", target_state_name(a->state),
			 "window_s", a->window_s,
			 "observed_s", a->observed_s,
			 "enable_numa", a->enable_numa,
			 "nodes", (json_int_t)a->nodes,
			 "small", pool_json(&a->small),
			 "large", pool_json(&a->large));
}
