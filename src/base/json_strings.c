/*
 * JSON string bodies read in place (contract: json_strings.h).
 *
 * The rules are jansson's (src/load.c, src/utf.c of jansson 2.14), so a
 * reader of raw text refuses exactly the strings that would make
 * json_loadb() refuse the whole text: raw bytes must be strict UTF-8 (no
 * overlong forms, no encoded surrogates, nothing past U+10FFFF), a \uD800-
 * \uDBFF escape must be followed at once by a \uDC00-\uDFFF one, a low
 * surrogate may not stand alone, and no string may hold U+0000.
 */
#include "json_strings.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mt_text.h"

static unsigned long read_u4(const char *p)
{
	unsigned long v = 0;

	for (int k = 0; k < 4; k++)
		v = v << 4 | (unsigned long)mt_hex_digit((unsigned char)p[k]);
	return v;
}

static bool is_high(unsigned long cp)
{
	return cp >= 0xd800 && cp < 0xdc00;
}

static bool is_low(unsigned long cp)
{
	return cp >= 0xdc00 && cp < 0xe000;
}

/* raw[i] starts "\uXXXX" that fits before n. */
static bool u_escape_at(const char *raw, size_t n, size_t i)
{
	if (i + 6 > n || raw[i] != '\\' || raw[i + 1] != 'u')
		return false;
	for (size_t k = i + 2; k < i + 6; k++)
		if (mt_hex_digit((unsigned char)raw[k]) < 0)
			return false;
	return true;
}

/*
 * The character at raw[*i] as UTF-8 in out; advances *i past it.  Raw bytes
 * are copied one at a time (a multi-byte character is several steps); an
 * unpaired surrogate escape, which only a string json_string_loadable()
 * refused can hold, is encoded as it stands.
 */
static size_t next_char(const char *raw, size_t n, size_t *i, char out[4])
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *esc;
	unsigned long cp;

	if (raw[*i] != '\\' || *i + 1 >= n) {
		out[0] = raw[(*i)++];
		return 1;
	}
	if (!u_escape_at(raw, n, *i)) {
		esc = strchr(from, raw[*i + 1]);
		out[0] = esc && *esc ? to[esc - from] : raw[*i + 1];
		*i += 2;
		return 1;
	}
	cp = read_u4(raw + *i + 2);
	*i += 6;
	if (is_high(cp) && u_escape_at(raw, n, *i) && is_low(read_u4(raw + *i + 2))) {
		cp = 0x10000 + ((cp - 0xd800) << 10) + (read_u4(raw + *i + 2) - 0xdc00);
		*i += 6;
	}
	return mt_utf8_encode(cp, out);
}

/* The length of the strict UTF-8 sequence at p[0..n), or 0 when it is not one. */
static size_t utf8_sequence(const unsigned char *p, size_t n)
{
	size_t len;
	uint32_t v;

	if (p[0] < 0x80)
		return 1;
	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	len = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if (len > n)
		return 0;
	v = p[0] & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
	for (size_t k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (p[k] & 0x3f);
	}
	if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000) || (len == 3 && v < 0x800) ||
	    (len == 4 && v < 0x10000))
		return 0;
	return len;
}

static bool refuse(char *why, size_t wlen, size_t *at, size_t i, const char *fmt, ...)
	MT_PRINTF(5, 6);

static bool refuse(char *why, size_t wlen, size_t *at, size_t i, const char *fmt, ...)
{
	va_list ap;

	if (wlen) {
		va_start(ap, fmt);
		vsnprintf(why, wlen, fmt, ap);
		va_end(ap);
	}
	if (at)
		*at = i;
	return false;
}

bool json_string_loadable(const char *raw, size_t n, char *why, size_t wlen, size_t *at)
{
	const unsigned char *p = (const unsigned char *)raw;
	size_t i = 0;

	while (i < n) {
		unsigned long cp;
		size_t len;

		if (p[i] >= 0x20 && p[i] < 0x80 && p[i] != '\\') {
			i++;
			continue;
		}
		if (p[i] < 0x20)
			return refuse(why, wlen, at, i, "control character 0x%02x", p[i]);
		if (p[i] != '\\') {
			len = utf8_sequence(p + i, n - i);
			if (!len)
				return refuse(why, wlen, at, i, "byte 0x%02x is not UTF-8", p[i]);
			i += len;
			continue;
		}
		if (i + 1 < n && raw[i + 1] != 'u' && strchr("\"\\/bfnrt", raw[i + 1]) &&
		    raw[i + 1]) {
			i += 2;
			continue;
		}
		if (!u_escape_at(raw, n, i))
			return refuse(why, wlen, at, i, "invalid escape");
		cp = read_u4(raw + i + 2);
		if (cp == 0)
			return refuse(why, wlen, at, i, "\\u0000 (NUL)");
		if (is_low(cp))
			return refuse(why, wlen, at, i, "unpaired surrogate \\u%04lX", cp);
		if (!is_high(cp)) {
			i += 6;
			continue;
		}
		if (!u_escape_at(raw, n, i + 6))
			return refuse(why, wlen, at, i, "unpaired surrogate \\u%04lX", cp);
		if (!is_low(read_u4(raw + i + 8)))
			return refuse(why, wlen, at, i, "surrogate \\u%04lX followed by \\u%04lX",
				      cp, read_u4(raw + i + 8));
		i += 12;
	}
	return true;
}

size_t json_string_decode(const char *raw, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0;

	while (i < n) {
		char c[4];
		size_t cn = next_char(raw, n, &i, c);

		for (size_t k = 0; k < cn; k++, o++)
			if (o + 1 < cap)
				out[o] = c[k];
	}
	out[o + 1 < cap ? o : cap - 1] = '\0';
	return o;
}

bool json_string_equals(const char *raw, size_t n, const char *key)
{
	size_t klen = strlen(key), k = 0, i = 0;

	while (i < n) {
		char c[4];
		size_t cn;

		if (raw[i] != '\\') {
			if (k >= klen || raw[i] != key[k])
				return false;
			i++;
			k++;
			continue;
		}
		cn = next_char(raw, n, &i, c);
		if (k + cn > klen || memcmp(key + k, c, cn) != 0)
			return false;
		k += cn;
	}
	return k == klen;
}
