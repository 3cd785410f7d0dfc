/*
 * baseline_diff as text and JSON (contract: baseline_diff.h).  Text is plain
 * ASCII with fixed columns so it reads in a log and diffs in a test; a value
 * a side does not hold is "?" (null in JSON), never 0.
 */
#include "baseline_diff.h"

#include <inttypes.h>
#include <jansson.h>
#include <string.h>
#include <time.h>

#include "fmt_num.h"

static const char *when(const struct diff_side *s, char *buf, size_t len)
{
	struct tm tm;
	time_t t = (time_t)s->snap->wall;

	if (!(s->snap->wall > 0) || !gmtime_r(&t, &tm)) {
		snprintf(buf, len, "time unknown");
		return buf;
	}
	if (s->has_time)
		strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
	else
		strftime(buf, len, "file mtime %Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

static const char *value(const struct diff_row *r, bool known, uint64_t v, char *buf,
			 size_t len)
{
	if (!known)
		return "?";
	if (r->kind == DIFF_PERCENT)
		snprintf(buf, len, "%.2f%%", (double)v / 100.0);
	else
		fmt_thousands(buf, len, v);
	return buf;
}

static const char *change(const struct diff_row *r, char *buf, size_t len)
{
	char n[FMT_NUM_LEN];
	uint64_t mag = r->change < 0 ? (uint64_t)(-(r->change + 1)) + 1 : (uint64_t)r->change;

	if (!r->known_a || !r->known_b)
		return "?";
	fmt_thousands(n, sizeof(n), mag);
	if (r->fell)
		snprintf(buf, len, "reset, +%s since", n);
	else if (r->kind == DIFF_PERCENT)
		snprintf(buf, len, "%s%.2f", r->change < 0 ? "-" : "+", (double)mag / 100.0);
	else
		snprintf(buf, len, "%s%s", r->change < 0 ? "-" : "+", n);
	return buf;
}

void baseline_diff_write_text(FILE *out, const struct diff_side *a, const struct diff_side *b,
			      const struct baseline_diff *d)
{
	char t[64], va[FMT_NUM_LEN], vb[FMT_NUM_LEN], ch[64], rate[FMT_NUM_LEN];

	fprintf(out, "A  %s  (%s, %s)\n", a->label, a->form, when(a, t, sizeof(t)));
	fprintf(out, "B  %s  (%s, %s)", b->label, b->form, when(b, t, sizeof(t)));
	if (d->has_dt)
		fprintf(out, ", %.1f s after A", d->dt);
	fputs("\n\n", out);
	fprintf(out, "%-32s %12s %12s %18s%s\n", "what", "A", "B", "change",
		d->has_dt ? "      per s" : "");
	for (size_t i = 0; i < d->nrows; i++) {
		const struct diff_row *r = &d->rows[i];

		fprintf(out, "%-32s %12s %12s %18s", r->what, value(r, r->known_a, r->a, va, 32),
			value(r, r->known_b, r->b, vb, 32), change(r, ch, sizeof(ch)));
		if (d->has_dt && r->kind == DIFF_COUNTER && r->known_a && r->known_b)
			fprintf(out, " %10s", fmt_rate(rate, sizeof(rate), (double)r->change / d->dt));
		fputc('\n', out);
	}
	fputc('\n', out);
	fputs(d->retries_rose ? "retries rose from A to B: a pool ran dry in between\n"
			      : "no retries from A to B\n", out);
	if (d->any_fell)
		fputs("counters marked reset fell from A to B (a restarted target or closed I/O "
		      "channels): the change is what was counted since\n", out);
}

static json_t *side_json(const struct diff_side *s)
{
	return json_pack("{s:s, s:s, s:o, s:b, s:b, s:b}", "file", s->label, "form", s->form,
			 "time", s->snap->wall > 0 ? json_real(s->snap->wall) : json_null(),
			 "time_is_file_mtime", !s->has_time, "has_hugepages", s->has_hugepages,
			 "has_options", s->has_options);
}

static const char *kind_name(enum diff_row_kind k)
{
	return k == DIFF_COUNTER ? "counter" : k == DIFF_GAUGE ? "gauge" : "percent";
}

static json_t *num(const struct diff_row *r, bool known, uint64_t v)
{
	if (!known)
		return json_null();
	if (r->kind == DIFF_PERCENT)
		return json_real((double)v / 100.0);
	return json_integer((json_int_t)v);
}

int baseline_diff_write_json(FILE *out, const struct diff_side *a, const struct diff_side *b,
			     const struct baseline_diff *d)
{
	json_t *rows = json_array();
	json_t *root;
	int rc;

	for (size_t i = 0; i < d->nrows; i++) {
		const struct diff_row *r = &d->rows[i];
		bool both = r->known_a && r->known_b;
		json_t *ch = !both ? json_null()
			     : r->kind == DIFF_PERCENT ? json_real((double)r->change / 100.0)
						       : json_integer(r->change);

		json_array_append_new(rows, json_pack("{s:s, s:s, s:o, s:o, s:o, s:b}", "what",
						      r->what, "kind", kind_name(r->kind), "a",
						      num(r, r->known_a, r->a), "b",
						      num(r, r->known_b, r->b), "change", ch,
						      "reset", r->fell));
	}
	root = json_pack("{s:o, s:o, s:o, s:b, s:b, s:o}", "a", side_json(a), "b", side_json(b),
			 "seconds", d->has_dt ? json_real(d->dt) : json_null(), "retries_rose",
			 d->retries_rose, "counters_reset", d->any_fell, "rows", rows);
	if (!root)
		return -1;
	rc = json_dumpf(root, out, JSON_INDENT(2));
	json_decref(root);
	if (rc == 0 && fputc('\n', out) == EOF)
		rc = -1;
	return rc;
}
