/* Token ends in a framed JSON text (contract: json_tokens.h). */
#include "json_tokens.h"

#include <string.h>

/* A quote ends the string unless an odd run of backslashes escapes it. */
size_t json_string_end(const char *text, size_t i, size_t n)
{
	size_t body = i + 1;

	for (i++; i < n;) {
		const char *q = memchr(text + i, '"', n - i);
		size_t j, bs = 0;

		if (!q)
			return n;
		j = (size_t)(q - text);
		while (j - bs > body && text[j - bs - 1] == '\\')
			bs++;
		if (bs % 2 == 0)
			return j + 1;
		i = j + 1;
	}
	return n;
}

bool json_token_start(char c)
{
	return c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
}

size_t json_value_end(const char *text, size_t i, size_t n)
{
	size_t depth = 0;

	do {
		char ch;

		if (i >= n)
			return n;
		ch = text[i];
		if (ch == '"') {
			i = json_string_end(text, i, n);
		} else if (ch == '{' || ch == '[') {
			depth++;
			i++;
		} else if (ch == '}' || ch == ']') {
			if (!depth)
				return i; /* not a value: nothing of it */
			depth--;
			i++;
		} else if (json_token_start(ch)) {
			i = json_token_end(text, i, n);
		} else {
			i++; /* ',', ':' and whitespace inside a container: the framing checked them */
		}
	} while (depth);
	return i;
}

size_t json_token_end(const char *text, size_t i, size_t n)
{
	/* Letters cover the literals and exponents; the framing already checked the grammar. */
	while (i < n && json_token_char(text[i]))
		i++;
	return i;
}
