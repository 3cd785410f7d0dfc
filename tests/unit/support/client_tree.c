/* The client's tree of a text (contract: client_tree.h). */
#include "client_tree.h"

#include <check.h>
#include <stdlib.h>

#include "json_bigint.h"
#include "json_budget.h"

json_t *client_tree(const char *text, size_t n, bool *budget)
{
	struct mt_err why = { 0 };
	char *wide = NULL;
	size_t nwide = 0;
	json_t *v;

	*budget = json_budget_check(text, n, CLIENT_MAX_VALUES, CLIENT_MAX_DEPTH, &why) == 0;
	if (!*budget)
		return NULL;
	ck_assert_int_ge(json_bigint_rewrite(text, n, &wide, &nwide), 0);
	v = json_loadb(wide ? wide : text, wide ? nwide : n, JSON_DECODE_ANY, NULL);
	free(wide);
	return v;
}
