/*
 * json_bigint: integers beyond int64 in a JSON text, made loadable.
 *
 * SPDK writes its counters as uint64; jansson holds integers as int64 and
 * refuses the whole text ("too big integer") when one does not fit, so one
 * counter above INT64_MAX would lose every number of a reply.  Before the
 * text goes to jansson, json_bigint_rewrite() turns each integer token
 * outside int64 into a string holding JSON_BIGINT_MARK and the token's exact
 * digits; decoders read such a string back with json_bigint_u64() (no
 * precision lost, unlike JSON_DECODE_INT_AS_REAL).  A decoder that does not
 * know the mark sees a string where it wanted a number and says so for that
 * member only.  The text must be one value already framed by json_stream.
 */
#ifndef JSON_BIGINT_H
#define JSON_BIGINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* As it appears in the decoded string (JSON text writes it as \u0001). */
#define JSON_BIGINT_MARK "\001bigint:"

/*
 * Returns 0 when text[0..n) has no integer outside int64 (nothing allocated),
 * 1 when *out (malloc'd, *outn bytes, caller frees) is the rewritten text,
 * -1 when out of memory.
 */
int json_bigint_rewrite(const char *text, size_t n, char **out, size_t *outn);

/*
 * s is a marked string whose digits fit a uint64: *out is the value.  False
 * for anything else (no mark, a negative, beyond 2^64-1).
 */
bool json_bigint_u64(const char *s, uint64_t *out);

/* s is a marked string: the token as the target wrote it; else NULL. */
const char *json_bigint_text(const char *s);

/*
 * For readers of the text itself: t[0..n) is a token of an optional '-' and
 * digits outside int64 (what json_bigint_rewrite() marks), and the digits
 * d[0..n) as a uint64 (false when empty, not all digits, or past 2^64-1).
 */
bool json_bigint_outside_int64(const char *t, size_t n);
bool json_bigint_digits_u64(const char *d, size_t n, uint64_t *out);

#endif
