/* Token ends in framed JSON text: strings with escapes, numbers and literals. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "json_tokens.h"

static size_t str_end(const char *text)
{
	return json_string_end(text, 0, strlen(text));
}

START_TEST(string_ends_at_unescaped_quote)
{
	ck_assert_uint_eq(str_end("\"\""), 2);
	ck_assert_uint_eq(str_end("\"abc\",1"), 5);
	ck_assert_uint_eq(str_end("\"a\\\"b\"x"), 6);        /* "a\"b" */
	ck_assert_uint_eq(str_end("\"a\\\\\"x"), 5);         /* "a\\" */
	ck_assert_uint_eq(str_end("\"\\\\\\\"\"x"), 6);      /* "\\\"" */
	ck_assert_uint_eq(str_end("\"\\\\\\\\\"x"), 6);      /* "\\\\" */
	ck_assert_uint_eq(str_end("\"\\u0022\"x"), 8);
	/* Unterminated: the end of the text. */
	ck_assert_uint_eq(str_end("\"abc"), 4);
	ck_assert_uint_eq(str_end("\"abc\\\""), 6);
	ck_assert_uint_eq(str_end("\"abc\\"), 5);
	ck_assert_uint_eq(str_end("\""), 1);
	/* Starting inside a text. */
	ck_assert_uint_eq(json_string_end("{\"k\":\"v\\\"\"}", 5, 11), 10);
}
END_TEST

/* The end as the escapes pair up from the opening quote, one byte at a time. */
static size_t reference_end(const char *text, size_t i, size_t n)
{
	for (i++; i < n && text[i] != '"'; i++)
		if (text[i] == '\\')
			i++;
	return i < n ? i + 1 : n;
}

START_TEST(string_end_matches_bytewise_scan)
{
	static const char alphabet[] = "\"\\a";
	char text[24];

	srand(7);
	for (int round = 0; round < 200000; round++) {
		size_t n = 1 + (size_t)rand() % (sizeof(text) - 1);

		text[0] = '"';
		for (size_t k = 1; k < n; k++)
			text[k] = alphabet[rand() % 3];
		ck_assert_uint_eq(json_string_end(text, 0, n), reference_end(text, 0, n));
	}
}
END_TEST

START_TEST(token_ends)
{
	ck_assert_uint_eq(json_token_end("123,", 0, 4), 3);
	ck_assert_uint_eq(json_token_end("-1.5e+3]", 0, 8), 7);
	ck_assert_uint_eq(json_token_end("true}", 0, 5), 4);
	ck_assert_uint_eq(json_token_end("null", 0, 4), 4);
	ck_assert(json_token_start('-') && json_token_start('7') && json_token_start('n'));
	ck_assert(!json_token_start('"') && !json_token_start('{') && !json_token_start(' '));
}
END_TEST

static size_t val_end(const char *text)
{
	return json_value_end(text, 0, strlen(text));
}

START_TEST(value_ends)
{
	ck_assert_uint_eq(val_end("1,2"), 1);
	ck_assert_uint_eq(val_end("-1.5e+3]"), 7);
	ck_assert_uint_eq(val_end("true}"), 4);
	ck_assert_uint_eq(val_end("\"a]\\\"\" x"), 6);
	ck_assert_uint_eq(val_end("{} "), 2);
	ck_assert_uint_eq(val_end("[1, [2, {\"k\": \"}]\"}], {}] ,3"), 25);
	ck_assert_uint_eq(val_end("{\"a\":{\"b\":[\"\\\\\"]}},"), 18);
	/* No value there: nothing of it; cut short: the end of the text. */
	ck_assert_uint_eq(val_end("}"), 0);
	ck_assert_uint_eq(val_end("[1, {\"a\":"), 9);
	/* Starting inside a text. */
	ck_assert_uint_eq(json_value_end("{\"k\":[1,2],\"l\":3}", 5, 17), 10);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("json_tokens");
	TCase *t = tcase_create("tokens");

	tcase_add_test(t, string_ends_at_unescaped_quote);
	tcase_add_test(t, string_end_matches_bytewise_scan);
	tcase_add_test(t, token_ends);
	tcase_add_test(t, value_ends);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
