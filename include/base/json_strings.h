/*
 * json_strings: the body of a JSON string token (the bytes between its
 * quotes, in a text already framed by json_stream, so its escapes are well
 * formed), read without building a value: whether jansson would load it,
 * what it decodes to, and whether it equals a plain UTF-8 key.  Shared by
 * json_stream's member lookup and the decoders that read reply text
 * directly instead of a jansson tree.
 */
#ifndef JSON_STRINGS_H
#define JSON_STRINGS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True when jansson (json_loadb, no JSON_ALLOW_NUL) would load raw[0..n):
 * strict UTF-8, no \u0000, surrogate escapes in pairs.  Otherwise false,
 * with why (a NUL-terminated phrase, "unpaired surrogate \uD800") and *at,
 * the offset in raw of the byte or escape it refuses.
 */
bool json_string_loadable(const char *raw, size_t n, char *why, size_t wlen, size_t *at);
/*
 * Decodes raw[0..n) to UTF-8 into out: at most cap - 1 bytes and a NUL (cap
 * > 0), so a long string leaves its first bytes.  Returns the whole decoded
 * length, which may be more than was written.
 */
size_t json_string_decode(const char *raw, size_t n, char *out, size_t cap);
/* raw[0..n) decodes to exactly key ("\u0069d" equals "id"). */
bool json_string_equals(const char *raw, size_t n, const char *key);

#endif
