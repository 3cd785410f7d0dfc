/*
 * json_budget: what a JSON text would cost jansson, checked before it builds
 * anything.
 *
 * A reply under the 32 MiB cap can still be 10 million empty objects: jansson
 * would take gigabytes and seconds for it, on the loop that answers keys.
 * One linear pass with no allocation counts the values (every container,
 * string, number and literal; object keys count too) and the nesting depth;
 * a text beyond either bound is refused with a message saying which.  The
 * text must be one value already framed by json_stream.
 */
#ifndef JSON_BUDGET_H
#define JSON_BUDGET_H

#include <stddef.h>

#include "mt_error.h"

/* 0 within both bounds; -1 with err (-E2BIG) naming the bound passed. */
int json_budget_check(const char *text, size_t n, size_t max_values, unsigned max_depth,
		      struct mt_err *err);

#endif
