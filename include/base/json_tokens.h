/*
 * json_tokens: where a string or a number/literal token ends, in a JSON text
 * already framed by json_stream (so its structure is known to be sound).
 * The one lexer behind the passes that look at a reply before jansson builds
 * it (json_bigint, json_budget).
 */
#ifndef JSON_TOKENS_H
#define JSON_TOKENS_H

#include <stdbool.h>
#include <stddef.h>

/* text[i] is the opening quote: the index just past the closing one (or n). */
size_t json_string_end(const char *text, size_t i, size_t n);
/* text[i] starts a number or a literal: the index just past it. */
size_t json_token_end(const char *text, size_t i, size_t n);
/* c may start a number or a literal (true, false, null). */
bool json_token_start(char c);
/* c continues the token before it, as json_token_end reads one (letters cover exponents). */
static inline bool json_token_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' ||
	       c == '.' || c == 'E';
}
/*
 * text[i] starts a value (no whitespace before it): the index just past it,
 * found by these token ends and bracket depth alone, a few times faster
 * than framing it again with json_stream_scan; n when it runs off the text.
 */
size_t json_value_end(const char *text, size_t i, size_t n);

#endif
