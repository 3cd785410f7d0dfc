/* baseline_diff: rises, resets, unknowns, forms mixed, and the text and JSON it prints. */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline_diff.h"
#include "baseline_file.h"
#include "check_main.h"

#define EXH MEMTOP_FIXTURES "/transcripts/exhaustion_bdevperf.hide_md/rpc_py.iobuf_get_stats."
#define BASE MEMTOP_FIXTURES "/baselines/"

struct pair {
	struct baseline a, b;
	struct diff_side sa, sb;
	struct baseline_diff d;
};

static void side(const struct baseline *b, struct diff_side *s)
{
	s->snap = &b->snap;
	s->has_hugepages = b->has_hugepages;
	s->has_options = b->has_options;
	s->has_time = b->has_time;
	s->label = b->path;
	s->form = baseline_form_name(b->form);
}

static struct pair *load_pair(const char *a, const char *b)
{
	struct pair *p = calloc(1, sizeof(*p));
	struct mt_err e = { 0 };

	ck_assert_msg(baseline_load(a, &p->a, &e) == 0, "%s", e.msg);
	ck_assert_msg(baseline_load(b, &p->b, &e) == 0, "%s", e.msg);
	side(&p->a, &p->sa);
	side(&p->b, &p->sb);
	baseline_diff_compute(&p->sa, &p->sb, &p->d);
	return p;
}

static const struct diff_row *row(const struct pair *p, const char *what)
{
	const struct diff_row *r = baseline_diff_find(&p->d, what);

	ck_assert_msg(r != NULL, "no row %s", what);
	return r;
}

START_TEST(exhaustion_rises_then_resets)
{
	struct pair *p = load_pair(EXH "before.stdout.txt", EXH "during.stdout.txt");
	const struct diff_row *r = row(p, "large.retry");

	ck_assert(p->d.retries_rose && !p->d.any_fell);
	ck_assert(r->known_a && r->known_b && !r->fell);
	ck_assert_int_eq(r->change, 772823);
	ck_assert_int_eq(row(p, "module.bdev.large.retry")->change, 772823);
	/* bdev's large cache served 1 get and the pool refilled it 6 times during the run. */
	ck_assert_int_eq(row(p, "module.bdev.large.cache")->change, 1);
	ck_assert_int_eq(row(p, "module.bdev.large.main")->change, 6);
	ck_assert_int_eq(row(p, "module.bdev.large.main")->kind, DIFF_COUNTER);
	ck_assert_int_eq(row(p, "small.retry")->change, 0);
	/* rpc.py output holds no options: unknown, not 0. */
	ck_assert(!row(p, "large.count")->known_a && !row(p, "large.count")->known_b);
	free(p);

	/* The job ended and its channels went: counters fell to 0, a reset, no new retries. */
	p = load_pair(EXH "during.stdout.txt", EXH "after.stdout.txt");
	r = row(p, "large.retry");
	ck_assert(r->fell && p->d.any_fell && !p->d.retries_rose);
	ck_assert_int_eq(r->change, 0);
	ck_assert_int_eq(row(p, "large.reserved")->change, -2);
	free(p);
}
END_TEST

START_TEST(reset_in_one_module_hides_no_rise)
{
	struct pair *p = calloc(1, sizeof(*p));
	struct iobuf_snapshot *a = &p->a.snap.iobuf, *b = &p->b.snap.iobuf;

	a->form = b->form = IOBUF_FORM_PER_MODULE;
	a->nmodules = b->nmodules = 2;
	strcpy(a->modules[0].name, "x");
	strcpy(a->modules[1].name, "y");
	b->modules[0] = a->modules[1];
	b->modules[1] = a->modules[0];
	a->modules[0].small.retry = 100;   /* x: 100 -> 0, a reset */
	b->modules[0].small.retry = 100;   /* y: 0 -> 100, a rise; the sums stay equal */
	a->small.retry = b->small.retry = 100;
	side(&p->a, &p->sa);
	side(&p->b, &p->sb);
	baseline_diff_compute(&p->sa, &p->sb, &p->d);
	ck_assert_int_eq(row(p, "small.retry")->change, 0);
	ck_assert(p->d.retries_rose);
	ck_assert(row(p, "module.x.small.retry")->fell);
	ck_assert(!row(p, "module.x.small.main")->fell);

	/* A module that appears in B with retries counted them after A. */
	b->nmodules = 3;
	strcpy(b->modules[2].name, "z");
	b->modules[2].large.retry = 5;
	b->modules[0].small.retry = 0;
	baseline_diff_compute(&p->sa, &p->sb, &p->d);
	ck_assert(!row(p, "module.z.large.retry")->known_a);
	ck_assert(p->d.retries_rose);
	free(p);
}
END_TEST

START_TEST(aggregate_and_mixed_forms)
{
	struct pair *p = load_pair(BASE "aggregate.before.json", BASE "aggregate.after.json");
	const struct diff_row *u = row(p, "large.in_use_pct");

	ck_assert(p->d.retries_rose);
	ck_assert_int_eq(row(p, "large.retry")->change, 38);
	ck_assert(!row(p, "large.gets")->known_a);   /* the aggregate form has no gets */
	ck_assert(u->known_a && u->known_b);
	ck_assert_uint_eq(u->b, 10000);
	free(p);

	p = load_pair(EXH "during.stdout.txt", BASE "aggregate.after.json");
	ck_assert_int_eq(row(p, "large.retry")->change, 41);   /* 772823 -> 41: a reset */
	ck_assert(row(p, "large.retry")->fell);
	ck_assert(p->d.retries_rose);
	free(p);
}
END_TEST

START_TEST(hugepages_unknown_on_the_rpc_side)
{
	struct pair *p = load_pair(EXH "before.stdout.txt",
				   MEMTOP_FIXTURES "/snapshots/before-rings.steady.json");
	const struct diff_row *r = row(p, "node1.2048kB.free");

	ck_assert(!r->known_a && r->known_b);
	ck_assert_uint_eq(r->b, 500);
	ck_assert(!p->d.has_dt);   /* A's time is a file mtime */
	free(p);

	p = load_pair(MEMTOP_FIXTURES "/snapshots/before-rings.steady.json",
		      MEMTOP_FIXTURES "/snapshots/before-rings.steady.json");
	ck_assert_int_eq(row(p, "node0.1048576kB.free")->change, 0);
	ck_assert(!p->d.retries_rose && !p->d.has_dt);
	free(p);
}
END_TEST

START_TEST(text_and_json)
{
	struct pair *p = load_pair(EXH "during.stdout.txt", EXH "after.stdout.txt");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	json_t *j, *rows;
	json_error_t je;
	bool saw = false;

	baseline_diff_write_text(f, &p->sa, &p->sb, &p->d);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "large.retry"));
	ck_assert_ptr_nonnull(strstr(buf, "reset, +0 since"));
	ck_assert_ptr_nonnull(strstr(buf, "no retries from A to B"));
	ck_assert_ptr_nonnull(strstr(buf, "(rpc.py, file mtime "));
	ck_assert_ptr_null(strstr(buf, "-772"));   /* never a negative counter */
	free(buf);

	f = open_memstream(&buf, &len);
	ck_assert_int_eq(baseline_diff_write_json(f, &p->sa, &p->sb, &p->d), 0);
	fclose(f);
	j = json_loads(buf, 0, &je);
	ck_assert_ptr_nonnull(j);
	ck_assert(json_is_false(json_object_get(j, "retries_rose")));
	ck_assert(json_is_true(json_object_get(j, "counters_reset")));
	ck_assert(json_is_null(json_object_get(j, "seconds")));
	rows = json_object_get(j, "rows");
	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_t *r = json_array_get(rows, i);

		if (strcmp(json_string_value(json_object_get(r, "what")), "large.count") == 0) {
			ck_assert(json_is_null(json_object_get(r, "a")));
			saw = true;
		}
		if (strcmp(json_string_value(json_object_get(r, "what")), "large.retry") == 0) {
			ck_assert(json_is_true(json_object_get(r, "reset")));
			ck_assert_int_eq(json_integer_value(json_object_get(r, "change")), 0);
		}
	}
	ck_assert(saw);
	json_decref(j);
	free(buf);
	free(p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("baseline_diff");
	TCase *t = tcase_create("diff");

	tcase_add_test(t, exhaustion_rises_then_resets);
	tcase_add_test(t, reset_in_one_module_hides_no_rise);
	tcase_add_test(t, aggregate_and_mixed_forms);
	tcase_add_test(t, hugepages_unknown_on_the_rpc_side);
	tcase_add_test(t, text_and_json);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
