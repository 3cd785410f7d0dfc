/*
 * The advice as text (--once's report) and as JSON.  The text is plain
 * ASCII and stable: tests compare it byte for byte, so change it on purpose.
 */
#include "advisor.h"

#include <inttypes.h>
#include <jansson.h>
#include <math.h>

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

static void write_header(FILE *out, const struct advice *a)
{
	double win = floor(a->window_s / 60), seen = floor(a->observed_s / 60);

	if (a->observed_s <= 0)
		fputs("iobuf pool advice (one snapshot: "
		      "counters since the channels were created)\n", out);
	else
		fprintf(out, "iobuf pool advice (window %.0f min, %.0f min observed)\n", win, seen);
}

static void write_pool(FILE *out, const char *name, const struct pool_advice *p)
{
	char cur[FMT_NUM_LEN], sug[FMT_NUM_LEN], cb[FMT_NUM_LEN], sb[FMT_NUM_LEN];

	if (p->current == 0) {
		fprintf(out, "  %-5s  %s\n", name, status_upper(p->status));
		fprintf(out, "    %s\n", p->reason);
		return;
	}
	fprintf(out, "  %-5s  %-9s", name, status_upper(p->status));
	if (p->suggested == p->current) {
		fprintf(out, "  keep %s (%s)\n", fmt_thousands(cur, sizeof(cur), p->current),
			fmt_bytes(cb, sizeof(cb), p->current_bytes));
	} else {
		fprintf(out, "  %s -> %s (%s -> %s)\n",
			fmt_thousands(cur, sizeof(cur), p->current),
			fmt_thousands(sug, sizeof(sug), p->suggested),
			fmt_bytes(cb, sizeof(cb), p->current_bytes),
			fmt_bytes(sb, sizeof(sb), p->suggested_bytes));
	}
	fprintf(out, "    %s\n", p->reason);
}

void advisor_write_text(FILE *out, const struct advice *a)
{
	const struct pool_advice *p[2] = { &a->small, &a->large };
	bool change = false, unchecked = false;

	write_header(out, a);
	write_pool(out, "small", &a->small);
	write_pool(out, "large", &a->large);
	for (int i = 0; i < 2; i++) {
		change = change || (p[i]->current && p[i]->suggested != p[i]->current);
		unchecked = unchecked || (p[i]->suggested > p[i]->current && !p[i]->memory_checked);
	}
	if (a->enable_numa)
		fprintf(out, "  enable_numa: counts are per node, memory is for all %u nodes\n",
			a->nodes);
	if (unchecked)
		fputs("  free hugepages unknown: growth not checked against memory\n", out);
	/* SPDK takes pool counts only before framework_start_init */
	if (change && a->state == TARGET_RUNNING)
		fputs("  counts apply at the next start: "
		      "iobuf_set_options in the target's config\n", out);
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
