/*
 * The reply text cursor (contract: reply_text.h): json_tokens' lexer finds
 * where strings and tokens end, json_strings judges strings as jansson
 * would, and reals are converted as jansson converts them, so a real
 * beyond a double is refused where jansson would refuse it.
 */
#include "reply_text.h"
#include "json_bigint.h"
#include "json_strings.h"
#include "json_tokens.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARK_LEN (sizeof(JSON_BIGINT_MARK) - 1)

static int refuse(struct rt_cur *c, size_t at, const char *fmt, ...) MT_PRINTF(3, 4);

static int refuse(struct rt_cur *c, size_t at, const char *fmt, ...)
{
	char what[MT_ERR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	mt_err_set(c->err, -EPROTO, "%s: result is not valid JSON: %s (byte %zu)", c->method,
		   what, at);
	c->final = true;
	return -1;
}

/* Only text that was never framed gets here. */
int rt_not_json(struct rt_cur *c, size_t at)
{
	if (at >= c->n)
		return refuse(c, at, "it ends early");
	return refuse(c, at, "unexpected byte 0x%02x", (unsigned char)c->s[at]);
}

static char *scratch(struct rt_cur *c, size_t need)
{
	char *b;

	if (need <= c->cap)
		return c->buf;
	b = realloc(c->buf, need);
	if (!b) {
		mt_err_set(c->err, -ENOMEM, "%s: out of memory reading the result", c->method);
		c->final = true;
		return NULL;
	}
	c->buf = b;
	c->cap = need;
	return b;
}

/*
 * The string at c->s[i] ('"') when it is printable ASCII with no escape,
 * as nearly every key and name of a reply is: *end just past its closing
 * quote, and true.  Such a string ends at its first quote and jansson loads
 * it; any other byte leaves the string to the general path (false).
 */
static bool plain_string(const struct rt_cur *c, size_t i, size_t *end)
{
	const unsigned char *p = (const unsigned char *)c->s;

	for (size_t j = i + 1; j < c->n; j++) {
		if (p[j] == '"') {
			*end = j + 1;
			return true;
		}
		if (p[j] < 0x20 || p[j] >= 0x80 || p[j] == '\\')
			return false;
	}
	return false;
}

/* c->s[i] is '"': *end is just past the closing quote; with check, jansson's rules. */
int rt_string_at(struct rt_cur *c, size_t i, bool check, size_t *end)
{
	size_t j, at;
	char why[64];

	if (plain_string(c, i, end))
		return 0;
	j = json_string_end(c->s, i, c->n);
	if (j - i < 2)
		return rt_not_json(c, j);
	if (check && !json_string_loadable(c->s + i + 1, j - i - 2, why, sizeof(why), &at))
		return refuse(c, i + 1 + at, "%s", why);
	*end = j;
	return 0;
}

/* As jansson tells a real from an integer. */
static bool is_real(const char *t, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (t[k] == '.' || t[k] == 'e' || t[k] == 'E')
			return true;
	return false;
}

/* As jansson converts a real (jsonp_strtod): strtod after '.' becomes the locale's point. */
static int real_at(struct rt_cur *c, size_t i, size_t end, double *out)
{
	const char *point = localeconv()->decimal_point;
	char *b = scratch(c, end - i + 1), *dot;
	double d;

	if (!b)
		return -1;
	memcpy(b, c->s + i, end - i);
	b[end - i] = '\0';
	if (point[0] != '.' && (dot = strchr(b, '.')))
		*dot = point[0];
	errno = 0;
	d = strtod(b, NULL);
	if ((d == HUGE_VAL || d == -HUGE_VAL) && errno == ERANGE)
		return refuse(c, i, "real number overflow");
	*out = d;
	return 0;
}

/* A token of an optional '-' and digits. */
static bool is_integer(const char *t, size_t n)
{
	size_t k = n && t[0] == '-';

	if (k == n)
		return false;
	for (; k < n; k++)
		if (t[k] < '0' || t[k] > '9')
			return false;
	return true;
}

/* An integer token within int64, as strtoll reads it. */
static int64_t int64_of(const char *t, size_t n)
{
	bool neg = t[0] == '-';
	uint64_t m = 0;

	for (size_t k = neg; k < n; k++)
		m = m * 10 + (uint64_t)(t[k] - '0');
	if (!neg)
		return (int64_t)m;
	return m ? -(int64_t)(m - 1) - 1 : 0;
}

static bool token_is(const char *t, size_t n, const char *word)
{
	return n == strlen(word) && memcmp(t, word, n) == 0;
}

/* The number or literal c->s[i..end). */
static int token_val(struct rt_cur *c, size_t i, size_t end, struct jval *v)
{
	const char *t = c->s + i;
	size_t n = end - i;

	if (token_is(t, n, "true") || token_is(t, n, "false")) {
		v->kind = JK_BOOLEAN;
	} else if (token_is(t, n, "null")) {
		v->kind = JK_NULL;
	} else if (is_integer(t, n)) {
		v->kind = json_bigint_outside_int64(t, n) ? JK_BIG : JK_INTEGER;
		if (v->kind == JK_BIG) {
			v->big = t;
			v->nbig = n;
		} else {
			v->i = int64_of(t, n);
		}
	} else if (is_real(t, n) && (t[0] == '-' || (t[0] >= '0' && t[0] <= '9'))) {
		v->kind = JK_REAL;
		return real_at(c, i, end, &v->d);
	} else {
		return rt_not_json(c, i);
	}
	return 0;
}

/*
 * The client hands a big integer over as a string that starts with
 * JSON_BIGINT_MARK, and the tree decoder cannot tell a string the target
 * wrote that way from it: read such a string as that integer too, so both
 * decoders say the same.  Only an escaped \u0001 can begin one.
 */
static int string_val(struct rt_cur *c, size_t i, struct jval *v)
{
	size_t end, len;
	char *b;

	v->kind = JK_STRING;
	if (c->n - i < 7 || memcmp(c->s + i + 1, "\\u0001", 6) != 0)
		return 0;
	if (rt_string_at(c, i, true, &end) < 0 || !(b = scratch(c, end - i)))
		return -1;
	len = json_string_decode(c->s + i + 1, end - i - 2, b, end - i);
	if (len >= MARK_LEN && memcmp(b, JSON_BIGINT_MARK, MARK_LEN) == 0) {
		v->kind = JK_BIG;
		v->big = b + MARK_LEN;
		v->nbig = len - MARK_LEN;
	}
	return 0;
}

/* The value starting at c->s[i], judged by kind; a container is not entered. */
int rt_val(struct rt_cur *c, size_t i, struct jval *v)
{
	memset(v, 0, sizeof(*v));
	if (i >= c->n)
		return rt_not_json(c, i);
	switch (c->s[i]) {
	case '{':
		v->kind = JK_OBJECT;
		return 0;
	case '[':
		v->kind = JK_ARRAY;
		return 0;
	case '"':
		return string_val(c, i, v);
	}
	if (!json_token_start(c->s[i]))
		return rt_not_json(c, i);
	return token_val(c, i, json_token_end(c->s, i, c->n), v);
}

/* c->s[i] starts a value: *end is just past it; with check, its strings and reals checked. */
int rt_skip(struct rt_cur *c, size_t i, bool check, size_t *end)
{
	size_t depth = 0;

	do {
		char ch;

		if (i >= c->n)
			return rt_not_json(c, i);
		ch = c->s[i];
		if (ch == '"') {
			if (rt_string_at(c, i, check, &i) < 0)
				return -1;
		} else if (json_token_start(ch)) {
			size_t j = json_token_end(c->s, i, c->n);
			double d;

			if (check && is_real(c->s + i, j - i) && real_at(c, i, j, &d) < 0)
				return -1;
			i = j;
		} else if (ch == '{' || ch == '[') {
			depth++;
			i++;
		} else if (depth && (ch == '}' || ch == ']')) {
			depth--;
			i++;
		} else if (depth && (ch == ',' || ch == ':' || rt_is_ws(ch))) {
			i++;
		} else {
			return rt_not_json(c, i);
		}
	} while (depth);
	*end = i;
	return 0;
}

/* The index in keys of the key string c->s[i..end), or -1. */
static int key_index(const struct rt_cur *c, size_t i, size_t end, const char *const *keys,
		     size_t nkeys)
{
	const char *raw = c->s + i + 1;
	size_t n = end - i - 2;

	/* Without an escape the raw text is the key: its bytes compare as they stand. */
	if (!memchr(raw, '\\', n)) {
		for (size_t k = 0; k < nkeys; k++)
			if ((n == 0 || raw[0] == keys[k][0]) && strncmp(raw, keys[k], n) == 0 &&
			    keys[k][n] == '\0')
				return (int)k;
		return -1;
	}
	for (size_t k = 0; k < nkeys; k++)
		if (json_string_equals(raw, n, keys[k]))
			return (int)k;
	return -1;
}

/*
 * The object at c->s[i]: at[k] is where the value of keys[k] begins (RT_NONE
 * when absent), *end just past the object.  Values of other keys, and of a
 * wanted key given again, are checked as they are stepped over; the wanted
 * ones are left to their reader.
 */
int rt_members(struct rt_cur *c, size_t i, const char *const *keys, size_t nkeys, size_t *at,
		   size_t *end)
{
	int more = 1;

	for (size_t k = 0; k < nkeys; k++)
		at[k] = RT_NONE;
	if (!rt_first(c, &i, '}')) {
		*end = i;
		return 0;
	}
	while (more) {
		size_t kend, vend;
		int k;

		if (i >= c->n || c->s[i] != '"')
			return rt_not_json(c, i);
		if (rt_string_at(c, i, true, &kend) < 0)
			return -1;
		k = key_index(c, i, kend, keys, nkeys);
		i = rt_ws(c, kend);
		if (i >= c->n || c->s[i] != ':')
			return rt_not_json(c, i);
		i = rt_ws(c, i + 1);
		/* jansson keeps the last value of a key, but loads the earlier ones too. */
		if (k >= 0 && at[k] != RT_NONE && rt_skip(c, at[k], true, &vend) < 0)
			return -1;
		if (rt_skip(c, i, k < 0, &vend) < 0)
			return -1;
		if (k >= 0)
			at[k] = i;
		i = vend;
		if ((more = rt_next(c, &i, '}')) < 0)
			return rt_not_json(c, i);
	}
	*end = i;
	return 0;
}

/* The member's value at at (RT_NONE: missing) as a struct jval, or NULL for missing. */
int rt_member_val(struct rt_cur *c, size_t at, struct jval *v, const struct jval **out)
{
	*out = NULL;
	if (at == RT_NONE)
		return 0;
	if (rt_val(c, at, v) < 0)
		return -1;
	*out = v;
	return 0;
}

int rt_finish(struct rt_cur *c, int rc)
{
	struct mt_err why;
	size_t end;

	if (rc < 0 && !c->final) {
		/* The client would have refused a text jansson cannot load before any decoding. */
		why = *c->err;
		if (rt_skip(c, rt_ws(c, 0), true, &end) == 0)
			*c->err = why;
	}
	free(c->buf);
	c->buf = NULL;
	c->cap = 0;
	return rc;
}
