/*
 * Integers beyond int64 rewritten as marked strings (contract: json_bigint.h).
 *
 * The text was framed by json_stream, so its structure is known to be sound:
 * a lexer that tells strings (with escapes) from the rest is enough to find
 * the number tokens.  Texts without a big integer, the usual case, cost one
 * pass and no allocation.
 */
#include "json_bigint.h"
#include "json_tokens.h"

#include <stdlib.h>
#include <string.h>

#define MARK_JSON "\\u0001bigint:" /* JSON_BIGINT_MARK as JSON text */
#define INT64_MAX_DIGITS "9223372036854775807"
#define INT64_MIN_DIGITS "9223372036854775808"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool json_bigint_outside_int64(const char *t, size_t n)
{
	bool neg = n > 0 && t[0] == '-';
	const char *d = t + neg, *limit = neg ? INT64_MIN_DIGITS : INT64_MAX_DIGITS;
	size_t nd = n - neg, nl = strlen(limit);

	for (size_t i = 0; i < nd; i++)
		if (!is_digit(d[i]))
			return false; /* a real: jansson takes it as a double */
	/* JSON forbids leading zeros, so the digit count orders the magnitudes. */
	return nd > nl || (nd == nl && memcmp(d, limit, nl) > 0);
}

/*
 * Walks the tokens; with dst == NULL only counts the big integers, else
 * copies the text into dst with them rewritten.  Returns the count.
 */
static size_t walk(const char *text, size_t n, char *dst, size_t *dn)
{
	size_t count = 0, o = 0, i = 0;

	while (i < n) {
		size_t j;

		if (text[i] == '"') {
			j = json_string_end(text, i, n);
		} else if (json_token_start(text[i])) {
			j = json_token_end(text, i, n);
			if (json_bigint_outside_int64(text + i, j - i)) {
				count++;
				if (dst) {
					dst[o++] = '"';
					memcpy(dst + o, MARK_JSON, strlen(MARK_JSON));
					o += strlen(MARK_JSON);
					memcpy(dst + o, text + i, j - i);
					o += j - i;
					dst[o++] = '"';
				}
				i = j;
				continue;
			}
		} else {
			j = i + 1;
		}
		if (dst)
			memcpy(dst + o, text + i, j - i);
		o += j - i;
		i = j;
	}
	if (dn)
		*dn = o;
	return count;
}

int json_bigint_rewrite(const char *text, size_t n, char **out, size_t *outn)
{
	size_t count = walk(text, n, NULL, NULL);
	char *dst;

	*out = NULL;
	*outn = 0;
	if (!count)
		return 0;
	dst = malloc(n + count * (strlen(MARK_JSON) + 2) + 1);
	if (!dst)
		return -1;
	walk(text, n, dst, outn);
	dst[*outn] = '\0';
	*out = dst;
	return 1;
}

const char *json_bigint_text(const char *s)
{
	size_t m = strlen(JSON_BIGINT_MARK);

	return s && strncmp(s, JSON_BIGINT_MARK, m) == 0 ? s + m : NULL;
}

bool json_bigint_digits_u64(const char *d, size_t n, uint64_t *out)
{
	uint64_t v = 0;

	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(d[i]) || v > (UINT64_MAX - (uint64_t)(d[i] - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(d[i] - '0');
	}
	*out = v;
	return true;
}

bool json_bigint_u64(const char *s, uint64_t *out)
{
	const char *d = json_bigint_text(s);

	return d && json_bigint_digits_u64(d, strlen(d), out);
}
