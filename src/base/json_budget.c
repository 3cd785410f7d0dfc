/* The cost of a JSON text before jansson builds it (contract: json_budget.h). */
#include "json_budget.h"

#include <errno.h>

#include "json_tokens.h"

int json_budget_check(const char *text, size_t n, size_t max_values, unsigned max_depth,
		      struct mt_err *err)
{
	size_t values = 0, i = 0;
	unsigned depth = 0;

	while (i < n) {
		char c = text[i];

		if (c == '"' || c == '{' || c == '[' || json_token_start(c)) {
			if (++values > max_values) {
				mt_err_set(err, -E2BIG, "more than %zu JSON values (refused before "
					   "parsing, at byte %zu)", max_values, i);
				return -1;
			}
		}
		if (c == '"') {
			i = json_string_end(text, i, n);
		} else if (json_token_start(c)) {
			i = json_token_end(text, i, n);
		} else {
			if ((c == '{' || c == '[') && ++depth > max_depth) {
				mt_err_set(err, -E2BIG, "nesting deeper than %u levels (refused "
					   "before parsing, at byte %zu)", max_depth, i);
				return -1;
			}
			if (c == '}' || c == ']')
				depth--;
			i++;
		}
	}
	return 0;
}
