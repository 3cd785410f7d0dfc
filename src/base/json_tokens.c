/* Token ends in a framed JSON text (contract: json_tokens.h). */
#include "json_tokens.h"

size_t json_string_end(const char *text, size_t i, size_t n)
{
	for (i++; i < n && text[i] != '"'; i++)
		if (text[i] == '\\')
			i++;
	return i < n ? i + 1 : n;
}

bool json_token_start(char c)
{
	return c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
}

size_t json_token_end(const char *text, size_t i, size_t n)
{
	/* Letters cover the literals and exponents; the framing already checked the grammar. */
	while (i < n && ((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'z') ||
			 text[i] == '-' || text[i] == '+' || text[i] == '.' || text[i] == 'E'))
		i++;
	return i;
}
