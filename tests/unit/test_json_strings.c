/* JSON string bodies read in place: jansson's verdict, the decoded text, key equality. */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "json_strings.h"

/* The verdict, checked against jansson's on the same string token. */
static bool loadable(const char *raw, char *why, size_t *at)
{
	bool ok = json_string_loadable(raw, strlen(raw), why, 64, at);
	char token[128];
	int n = snprintf(token, sizeof(token), "\"%s\"", raw);
	json_t *v = json_loadb(token, (size_t)n, JSON_DECODE_ANY, NULL);

	ck_assert_msg(ok == (v != NULL), "%s: jansson %s it", raw, v ? "loads" : "refuses");
	if (v) {
		char out[128];

		ck_assert_uint_eq(json_string_decode(raw, strlen(raw), out, sizeof(out)),
				  json_string_length(v));
		ck_assert_mem_eq(out, json_string_value(v), json_string_length(v));
	}
	json_decref(v);
	return ok;
}

START_TEST(loadable_as_jansson_loads)
{
	static const char *const ok[] = {
		"", "plain ascii", "\\\"\\\\\\/\\b\\f\\n\\r\\t", "\\u0041\\u00e9\\u20AC",
		"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", "\x7f",
		"\\ud83d\\ude00", "\\uD800\\uDC00", "\\u0001bigint:5",
	};
	char why[64];
	size_t at;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		ck_assert_msg(loadable(ok[i], why, &at), "%s: %s", ok[i], why);
}
END_TEST

START_TEST(refused_as_jansson_refuses)
{
	static const struct {
		const char *raw;
		const char *why;
		size_t at;
	} bad[] = {
		{ "ab\\u0000", "\\u0000 (NUL)", 2 },
		{ "\\ud800", "unpaired surrogate \\uD800", 0 },
		{ "x\\ud800y", "unpaired surrogate \\uD800", 1 },
		{ "\\udc00", "unpaired surrogate \\uDC00", 0 },
		{ "\\ud800\\u0041", "surrogate \\uD800 followed by \\u0041", 0 },
		{ "\\ud800\\ud800", "surrogate \\uD800 followed by \\uD800", 0 },
		{ "\\ud800\\n", "unpaired surrogate \\uD800", 0 },
		{ "a\xff", "byte 0xff is not UTF-8", 1 },
		{ "\x80", "byte 0x80 is not UTF-8", 0 },
		{ "\xc0\x80", "byte 0xc0 is not UTF-8", 0 },         /* overlong NUL */
		{ "\xe0\x80\x80", "byte 0xe0 is not UTF-8", 0 },     /* overlong */
		{ "\xed\xa0\x80", "byte 0xed is not UTF-8", 0 },     /* an encoded surrogate */
		{ "\xf4\x90\x80\x80", "byte 0xf4 is not UTF-8", 0 }, /* past U+10FFFF */
		{ "\xf5\x80\x80\x80", "byte 0xf5 is not UTF-8", 0 },
		{ "\xe2\x82", "byte 0xe2 is not UTF-8", 0 },         /* cut short */
		{ "\xc3(", "byte 0xc3 is not UTF-8", 0 },
		{ "a\tb", "control character 0x09", 1 },
		{ "\\x", "invalid escape", 0 },
		{ "\\u12g4", "invalid escape", 0 },
		{ "\\u12", "invalid escape", 0 },
	};
	char why[64];
	size_t at;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(!loadable(bad[i].raw, why, &at), "%s loadable", bad[i].raw);
		ck_assert_str_eq(why, bad[i].why);
		ck_assert_uint_eq(at, bad[i].at);
	}
	/* No room for the reason: only the verdict. */
	ck_assert(!json_string_loadable("\\u0000", 6, NULL, 0, NULL));
}
END_TEST

START_TEST(decode_whole_and_cut)
{
	char out[16];

	ck_assert_uint_eq(json_string_decode("a\\\"b\\\\c\\/d\\n", 12, out, sizeof(out)), 8);
	ck_assert_str_eq(out, "a\"b\\c/d\n");
	ck_assert_uint_eq(json_string_decode("\\u00e9\\u20ac\\ud83d\\ude00", 24, out, sizeof(out)),
			  9);
	ck_assert_str_eq(out, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	/* Longer than out: the first bytes, and the whole length. */
	ck_assert_uint_eq(json_string_decode("0123456789abcdefghij", 20, out, 8), 20);
	ck_assert_str_eq(out, "0123456");
	ck_assert_uint_eq(json_string_decode("\\u00e9\\u00e9\\u00e9", 18, out, 4), 6);
	ck_assert_str_eq(out, "\xc3\xa9\xc3");
	ck_assert_uint_eq(json_string_decode("", 0, out, 1), 0);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(json_string_decode("abc", 3, out, 1), 3);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(equals_decodes_escapes)
{
	ck_assert(json_string_equals("id", 2, "id"));
	ck_assert(json_string_equals("\\u0069d", 7, "id"));
	ck_assert(json_string_equals("\\u00e9", 6, "\xc3\xa9"));
	ck_assert(json_string_equals("\\ud83d\\ude00", 12, "\xf0\x9f\x98\x80"));
	ck_assert(json_string_equals("a\\nb", 4, "a\nb"));
	ck_assert(!json_string_equals("id", 2, "i"));
	ck_assert(!json_string_equals("i", 1, "id"));
	ck_assert(!json_string_equals("\\u0069", 6, "id"));
	ck_assert(!json_string_equals("\\u00e9x", 7, "\xc3\xa9"));
	ck_assert(json_string_equals("", 0, ""));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("json_strings");
	TCase *t = tcase_create("strings");

	tcase_add_test(t, loadable_as_jansson_loads);
	tcase_add_test(t, refused_as_jansson_refuses);
	tcase_add_test(t, decode_whole_and_cut);
	tcase_add_test(t, equals_decodes_escapes);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
