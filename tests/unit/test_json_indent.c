/*
 * json_indent: compact text re-indented is byte for byte jansson's
 * json_dumps(JSON_INDENT(n)) of the same value: for 2,000 random trees
 * (empty and nested objects and arrays, strings with quotes, backslashes,
 * brackets, commas, colons, control bytes and UTF-8, integers, reals,
 * true, false, null) at indents 1, 2 and 4, and for a zeroed and a
 * recorded snapshot through snapshot_to_json_line.  Text that is not compact JSON
 * and a failing stream are refused.
 */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "fixture_io.h"
#include "json_indent.h"
#include "snapshot_json.h"

/* Knuth's MMIX LCG, high bits only: a fixed sequence, so a failure is the same every run. */
static uint64_t next(void)
{
	static uint64_t state = 1;

	state = state * 6364136223846793005ull + 1442695040888963407ull;
	return (state >> 32) | (state & 0xffffffff00000000ull);
}

static json_t *random_string(void)
{
	static const char *const bits[] = { "a", "\"", "\\", "{", "}", "[", "]", ",", ":", " ",
					    "\n", "\t", "\x01", "\x7f", "\xc3\xa9", "/", "x\\\"" };
	char buf[64] = "";
	size_t n = next() % 8;

	for (size_t i = 0; i < n; i++)
		strcat(buf, bits[next() % (sizeof(bits) / sizeof(bits[0]))]);
	return json_string(buf);
}

static json_t *random_value(int depth)
{
	unsigned kind = (unsigned)(next() % (depth < 5 ? 9 : 6));

	switch (kind) {
	case 0:
		return json_null();
	case 1:
		return json_boolean(next() & 1);
	case 2:
		return json_integer((json_int_t)(next() >> (next() % 64)) * (next() & 1 ? 1 : -1));
	case 3:
		return json_real((double)(int64_t)next() / (double)(next() | 1));
	case 4:
	case 5:
		return random_string();
	case 6:
	case 7: {
		json_t *o = json_object();
		size_t n = next() % 5;

		for (size_t i = 0; i < n; i++) {
			json_t *k = random_string();

			json_object_set_new(o, json_string_value(k), random_value(depth + 1));
			json_decref(k);
		}
		return o;
	}
	default: {
		json_t *a = json_array();
		size_t n = next() % 5;

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, random_value(depth + 1));
		return a;
	}
	}
}

/* What json_indent_write made of text, NUL-terminated (caller frees); NULL when it failed. */
static char *indented(const char *text, size_t len, unsigned indent)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	int rc;

	ck_assert_ptr_nonnull(f);
	rc = json_indent_write(text, len, indent, f);
	fclose(f);
	if (rc) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void same_as_jansson(const json_t *v, unsigned indent, const char *what, int i)
{
	char *compact = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	char *want = json_dumps(v, JSON_INDENT(indent) | JSON_ENCODE_ANY);
	char *got;

	ck_assert_ptr_nonnull(compact);
	ck_assert_ptr_nonnull(want);
	got = indented(compact, strlen(compact), indent);
	ck_assert_msg(got && strcmp(got, want) == 0, "%s %d, indent %u:\n%s\nwant\n%s\ngot\n%s",
		      what, i, indent, compact, want, got ? got : "(failed)");
	free(compact);
	free(want);
	free(got);
}

START_TEST(test_random_trees_as_jansson_indents)
{
	for (int i = 0; i < 2000; i++) {
		json_t *v = random_value(0);

		same_as_jansson(v, 1, "tree", i);
		same_as_jansson(v, 2, "tree", i);
		same_as_jansson(v, 4, "tree", i);
		json_decref(v);
	}
}
END_TEST

static void snapshot_as_tree_dump(const struct snapshot *s, const char *what)
{
	size_t n;
	char *line = snapshot_to_json_line(s, &n), *want, *got;
	json_t *tree = snapshot_to_json(s);

	ck_assert_ptr_nonnull(line);
	ck_assert_ptr_nonnull(tree);
	want = json_dumps(tree, JSON_INDENT(2));
	got = indented(line, n, 2);
	ck_assert_msg(got && strcmp(got, want) == 0, "%s:\nwant\n%s\ngot\n%s", what, want,
		      got ? got : "(failed)");
	free(got);
	free(want);
	json_decref(tree);
	free(line);
}

/*
 * What --once --json prints: a snapshot's line re-indented is its tree's
 * dump (test_once_golden holds the whole output against the golden files).
 */
START_TEST(test_snapshot_line_as_tree_dump)
{
	static struct snapshot s;
	struct mt_err err = { 0 };
	size_t len;
	char *text;

	snapshot_as_tree_dump(&s, "zeroed");
	text = fixture_read(MEMTOP_FIXTURES "/snapshots/before-rings.steady.json", &len);
	ck_assert_msg(snapshot_from_json_text(text, len, &s, &err) == 0, "%s", err.msg);
	free(text);
	snapshot_as_tree_dump(&s, "before-rings.steady.json");
}
END_TEST

static void refused(const char *text)
{
	char *got = indented(text, strlen(text), 2);

	ck_assert_msg(got == NULL, "%s taken as compact JSON: %s", text, got);
	ck_assert_int_eq(errno, EINVAL);
}

START_TEST(test_not_compact_refused)
{
	refused("{\"a\": 1}");
	refused("[1,\n2]");
	refused("[1,2]]");
	refused("}");
	refused("{\"a\":[1,2]");
	refused("[\"open]");
	refused("[\"escaped end\\\"]");
}
END_TEST

START_TEST(test_edges)
{
	char *got;

	/* A compact line's newline is not part of the value; empty containers stay closed. */
	got = indented("{\"a\":{},\"b\":[]}\n", 16, 2);
	ck_assert_str_eq(got, "{\n  \"a\": {},\n  \"b\": []\n}");
	free(got);
	/* Indents outside 1..31 are taken as the nearest. */
	got = indented("[1]", 3, 0);
	ck_assert_str_eq(got, "[\n 1\n]");
	free(got);
	got = indented("[[1]]", 5, 99);
	ck_assert_str_eq(got, "[\n                               [\n"
			      "                                                              1\n"
			      "                               ]\n]");
	free(got);
	got = indented("", 0, 2);
	ck_assert_str_eq(got, "");
	free(got);
}
END_TEST

/* A stream that cannot be written says why. */
START_TEST(test_write_error)
{
	FILE *f = fopen("/dev/full", "w");
	char big[20000];

	ck_assert_ptr_nonnull(f);
	big[0] = '[';
	for (size_t i = 1; i + 2 < sizeof(big); i += 2) {
		big[i] = '1';
		big[i + 1] = ',';
	}
	big[sizeof(big) - 2] = '1';
	big[sizeof(big) - 1] = ']';
	setvbuf(f, NULL, _IONBF, 0);
	errno = 0;
	ck_assert_int_eq(json_indent_write(big, sizeof(big), 2, f), -1);
	ck_assert_int_eq(errno, ENOSPC);
	fclose(f);
}
END_TEST

static Suite *json_indent_suite(void)
{
	Suite *s = suite_create("json_indent");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_random_trees_as_jansson_indents);
	tcase_add_test(tc, test_snapshot_line_as_tree_dump);
	tcase_add_test(tc, test_not_compact_refused);
	tcase_add_test(tc, test_edges);
	tcase_add_test(tc, test_write_error);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(json_indent_suite());
}
