/*
 * json_real: a finite double as jansson's json_dumps writes a real (the
 * jansson we build against, 2.14, precision 0: jsonp_dtostr): "%.17g" in the
 * C locale, ".0" added when that reads as an integer, the exponent without
 * '+' or leading zeros.  Byte for byte what that gives, test_json_real
 * holds it against jansson itself.
 *
 * Without printf where exact integer arithmetic gives the same digits:
 * 0.0 and 1e-4 <= |v| < 1e17 (the plain, exponent-free form of %g, which is
 * where clocks, walls and ratios live), rounded half to even as glibc does
 * in the default rounding mode.  Everything else (-0.0, tiny, huge,
 * subnormal) goes through snprintf, as before: it was 4,000 instructions a
 * real, 6 reals a line, a line a tick (the flight recorder).
 * Used by json_emit for its text.
 */
#ifndef JSON_REAL_H
#define JSON_REAL_H

#include <stddef.h>

/* Room for any real's text and its NUL. */
#define JSON_REAL_LEN 40

/* v's text into buf (JSON_REAL_LEN bytes), NUL-terminated; its length. v finite. */
size_t json_real_text(double v, char *buf);

#endif
