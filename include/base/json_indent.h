/*
 * json_indent: compact JSON text written out as jansson's JSON_INDENT(n)
 * writes the same value, byte for byte, without building a tree.
 *
 * The input is what json_dumps(v, JSON_COMPACT) gives (or json_emit's text,
 * held to it): no blank outside strings.  Each member and element goes on a
 * line of its own indented n spaces a level, ':' is followed by a blank, and
 * an empty object or array stays "{}" or "[]", as jansson's dump.c does.
 * Strings and numbers are copied as they are.  A blank outside a string, a
 * closing bracket with nothing open or a string left open is refused: the
 * text is not compact JSON.  A trailing newline of a compact line is not
 * part of the value and is left out.
 */
#ifndef JSON_INDENT_H
#define JSON_INDENT_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes text (len bytes) to out indented by `indent` spaces a level (1
 * to 31, as JSON_INDENT; others are taken as the nearest).  0, or -1 with errno EINVAL (not compact JSON,
 * written in part) or the write's error.
 */
int json_indent_write(const char *text, size_t len, unsigned indent, FILE *out);

#endif
