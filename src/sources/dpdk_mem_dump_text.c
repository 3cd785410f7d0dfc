/*
 * Scanning one dump line (contract: dpdk_mem_dump_impl.h).
 *
 * DPDK prints its dumps with fprintf and has changed the spacing over the
 * years, so fields are found by name with blanks tolerated around ':' and
 * '=', never by column.
 */
#include "dpdk_mem_dump_impl.h"
#include "mt_text.h"

#include <string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_sep(char c)
{
	return is_blank(c) || c == ',';
}

bool dd_text_starts(struct dd_span s, const char *prefix)
{
	size_t n = strlen(prefix);

	return s.n >= n && memcmp(s.p, prefix, n) == 0;
}

struct dd_span dd_text_trim(struct dd_span s)
{
	while (s.n && is_sep(s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n && is_sep(s.p[s.n - 1]))
		s.n--;
	return s;
}

bool dd_text_u64(struct dd_span s, int base, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;

	if (s.n == 5 && memcmp(s.p, "(nil)", 5) == 0) {
		*out = 0;
		return true;
	}
	if (s.n > 2 && s.p[0] == '0' && (s.p[1] == 'x' || s.p[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (base == 0)
		base = 10;
	if (i == s.n)
		return false;
	for (; i < s.n; i++) {
		int d = mt_hex_digit(s.p[i]);

		if (d < 0 || d >= base)
			return false;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return false;
		v = v * (uint64_t)base + (uint64_t)d;
	}
	*out = v;
	return true;
}

bool dd_text_int(struct dd_span s, int *out)
{
	bool neg = s.n && s.p[0] == '-';
	uint64_t v;

	if (neg) {
		s.p++;
		s.n--;
	}
	if (!s.n || mt_hex_digit(s.p[0]) < 0 || mt_hex_digit(s.p[0]) > 9)
		return false;
	if (!dd_text_u64(s, 10, &v) || v > (neg ? 2147483648ull : 2147483647ull))
		return false;
	*out = neg ? (int)(-(int64_t)v) : (int)v;
	return true;
}

bool dd_text_field(struct dd_span s, const char *key, char sep, struct dd_span *val)
{
	size_t klen = strlen(key);

	for (size_t i = 0; i + klen <= s.n; i++) {
		size_t j = i + klen, end;

		/* The cheap tests first: most places start no word, or not the key's. */
		if ((i > 0 && !is_sep(s.p[i - 1])) || (klen && s.p[i] != key[0]) ||
		    memcmp(s.p + i, key, klen) != 0)
			continue;
		while (j < s.n && is_blank(s.p[j]))
			j++;
		if (j == s.n || s.p[j] != sep)
			continue;
		j++;
		while (j < s.n && is_blank(s.p[j]))
			j++;
		for (end = j; end < s.n && !is_sep(s.p[end]); end++)
			;
		val->p = s.p + j;
		val->n = end - j;
		return true;
	}
	return false;
}

bool dd_text_name(struct dd_span s, char *buf)
{
	if (s.n >= DPDK_DUMP_NAME_LEN)
		return false;
	for (size_t i = 0; i < s.n; i++)
		if ((unsigned char)s.p[i] < 0x20 || (unsigned char)s.p[i] > 0x7e)
			return false;
	memcpy(buf, s.p, s.n);
	buf[s.n] = '\0';
	return true;
}
