/*
 * iobuf_get_stats from the reply text (contract: iobuf_decode_text.h).
 *
 * A cursor walks the framed text with json_tokens' lexer.  An object is
 * read in one pass that notes where the members wanted begin (the last of
 * a repeated key, as jansson keeps it); those are then judged in the tree
 * decoder's order by the shared rules (iobuf_decode_impl.h), so the first
 * error named is the same one.  Everything else is stepped over but still
 * checked as jansson checks it, because jansson refuses a whole text for
 * one bad string anywhere in it: on success every string and real has been
 * checked; after a decoding error the whole text is checked once more, and
 * a refusal wins over the error, since the client would have refused the
 * reply before decoding it.
 */
#include "iobuf_decode_text.h"
#include "iobuf_decode_impl.h"
#include "json_bigint.h"
#include "json_strings.h"
#include "json_tokens.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE SIZE_MAX
#define MARK_LEN (sizeof(JSON_BIGINT_MARK) - 1)
#define MODULE_KEYS 3

struct cur {
	const char *s;
	size_t n;
	struct mt_err *err;
	bool final;  /* err says why the text cannot be read at all */
	char *buf;   /* scratch for a real's token or a marked string */
	size_t cap;
};

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t ws(const struct cur *c, size_t i)
{
	while (i < c->n && is_ws(c->s[i]))
		i++;
	return i;
}

static int refuse(struct cur *c, size_t at, const char *fmt, ...) MT_PRINTF(3, 4);

static int refuse(struct cur *c, size_t at, const char *fmt, ...)
{
	char what[MT_ERR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	mt_err_set(c->err, -EPROTO, "%s: result is not valid JSON: %s (byte %zu)", IOBUF_M_STATS,
		   what, at);
	c->final = true;
	return -1;
}

/* Only text that was never framed gets here. */
static int not_json(struct cur *c, size_t at)
{
	if (at >= c->n)
		return refuse(c, at, "it ends early");
	return refuse(c, at, "unexpected byte 0x%02x", (unsigned char)c->s[at]);
}

static char *scratch(struct cur *c, size_t need)
{
	char *b;

	if (need <= c->cap)
		return c->buf;
	b = realloc(c->buf, need);
	if (!b) {
		mt_err_set(c->err, -ENOMEM, "%s: out of memory reading the result", IOBUF_M_STATS);
		c->final = true;
		return NULL;
	}
	c->buf = b;
	c->cap = need;
	return b;
}

/* c->s[i] is '"': *end is just past the closing quote; with check, jansson's rules. */
static int string_at(struct cur *c, size_t i, bool check, size_t *end)
{
	size_t j = json_string_end(c->s, i, c->n), at;
	char why[64];

	if (j - i < 2)
		return not_json(c, j);
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
static int real_at(struct cur *c, size_t i, size_t end, double *out)
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
static int token_val(struct cur *c, size_t i, size_t end, struct jval *v)
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
		return not_json(c, i);
	}
	return 0;
}

/*
 * The client hands a big integer over as a string that starts with
 * JSON_BIGINT_MARK, and the tree decoder cannot tell a string the target
 * wrote that way from it: read such a string as that integer too, so both
 * decoders say the same.  Only an escaped \u0001 can begin one.
 */
static int string_val(struct cur *c, size_t i, struct jval *v)
{
	size_t end, len;
	char *b;

	v->kind = JK_STRING;
	if (c->n - i < 7 || memcmp(c->s + i + 1, "\\u0001", 6) != 0)
		return 0;
	if (string_at(c, i, true, &end) < 0 || !(b = scratch(c, end - i)))
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
static int text_val(struct cur *c, size_t i, struct jval *v)
{
	memset(v, 0, sizeof(*v));
	if (i >= c->n)
		return not_json(c, i);
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
		return not_json(c, i);
	return token_val(c, i, json_token_end(c->s, i, c->n), v);
}

/* c->s[i] starts a value: *end is just past it; with check, its strings and reals checked. */
static int skip(struct cur *c, size_t i, bool check, size_t *end)
{
	size_t depth = 0;

	do {
		char ch;

		if (i >= c->n)
			return not_json(c, i);
		ch = c->s[i];
		if (ch == '"') {
			if (string_at(c, i, check, &i) < 0)
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
		} else if (depth && (ch == ',' || ch == ':' || is_ws(ch))) {
			i++;
		} else {
			return not_json(c, i);
		}
	} while (depth);
	*end = i;
	return 0;
}

/* The index in keys of the key string c->s[i..end), or -1. */
static int key_index(const struct cur *c, size_t i, size_t end, const char *const *keys,
		     size_t nkeys)
{
	const char *raw = c->s + i + 1;
	size_t n = end - i - 2;

	for (size_t k = 0; k < nkeys; k++)
		if (json_string_equals(raw, n, keys[k]))
			return (int)k;
	return -1;
}

/*
 * The object at c->s[i]: at[k] is where the value of keys[k] begins (NONE
 * when absent), *end just past the object.  Values of other keys, and of a
 * wanted key given again, are checked as they are stepped over; the wanted
 * ones are left to their reader.
 */
static int members(struct cur *c, size_t i, const char *const *keys, size_t nkeys, size_t *at,
		   size_t *end)
{
	for (size_t k = 0; k < nkeys; k++)
		at[k] = NONE;
	i = ws(c, i + 1);
	if (i < c->n && c->s[i] == '}') {
		*end = i + 1;
		return 0;
	}
	for (;;) {
		size_t kend, vend;
		int k;

		if (i >= c->n || c->s[i] != '"')
			return not_json(c, i);
		if (string_at(c, i, true, &kend) < 0)
			return -1;
		k = key_index(c, i, kend, keys, nkeys);
		i = ws(c, kend);
		if (i >= c->n || c->s[i] != ':')
			return not_json(c, i);
		i = ws(c, i + 1);
		/* jansson keeps the last value of a key, but loads the earlier ones too. */
		if (k >= 0 && at[k] != NONE && skip(c, at[k], true, &vend) < 0)
			return -1;
		if (skip(c, i, k < 0, &vend) < 0)
			return -1;
		if (k >= 0)
			at[k] = i;
		i = ws(c, vend);
		if (i < c->n && c->s[i] == ',') {
			i = ws(c, i + 1);
			continue;
		}
		if (i < c->n && c->s[i] == '}') {
			*end = i + 1;
			return 0;
		}
		return not_json(c, i);
	}
}

/* The member's value at at (NONE: missing) as a struct jval, or NULL for missing. */
static int member_val(struct cur *c, size_t at, struct jval *v, const struct jval **out)
{
	*out = NULL;
	if (at == NONE)
		return 0;
	if (text_val(c, at, v) < 0)
		return -1;
	*out = v;
	return 0;
}

/* The pool object at at (key of the object at base), its counters by the fields' table. */
static int decode_pool(struct cur *c, size_t at, const char *key, const char *base,
		       const struct iobuf_u64_field *fields, void *out)
{
	const char *keys[IOBUF_POOL_FIELDS];
	size_t f[IOBUF_POOL_FIELDS], end;
	const struct jval *pv;
	struct jval v;
	struct jpath p;

	jpath_member(&p, base, key);
	if (member_val(c, at, &v, &pv) < 0 ||
	    iobuf_need(pv, JK_OBJECT, "an object", IOBUF_M_STATS, p.s, c->err) < 0)
		return -1;
	for (size_t k = 0; k < IOBUF_POOL_FIELDS; k++)
		keys[k] = fields[k].key;
	if (members(c, at, keys, IOBUF_POOL_FIELDS, f, &end) < 0)
		return -1;
	for (size_t k = 0; k < IOBUF_POOL_FIELDS; k++) {
		if (member_val(c, f[k], &v, &pv) < 0 ||
		    iobuf_read_field(&fields[k], pv, IOBUF_M_STATS, p.s, out, c->err) < 0)
			return -1;
	}
	return 0;
}

/* Module idx at c->s[i]; its name's first bytes go to head (SNAP_NAME_LEN + 1 bytes). */
static int decode_module(struct cur *c, size_t i, size_t idx, struct iobuf_module_stats *out,
			 struct iobuf_names *names, char *head, size_t *end)
{
	static const char *const keys[MODULE_KEYS] = { "module", "small_pool", "large_pool" };
	size_t at[MODULE_KEYS], send;
	const struct jval *pv;
	struct jpath base, p;
	struct jval v;

	jpath_index(&base, "", idx);
	if (text_val(c, i, &v) < 0 ||
	    iobuf_need(&v, JK_OBJECT, "an object", IOBUF_M_STATS, base.s, c->err) < 0 ||
	    members(c, i, keys, MODULE_KEYS, at, end) < 0)
		return -1;
	jpath_member(&p, base.s, "module");
	if (member_val(c, at[0], &v, &pv) < 0 ||
	    iobuf_need(pv, JK_STRING, "a string", IOBUF_M_STATS, p.s, c->err) < 0 ||
	    string_at(c, at[0], true, &send) < 0)
		return -1;
	iobuf_take_name(names, idx, out->name, head,
			json_string_decode(c->s + at[0] + 1, send - at[0] - 2, head,
					   SNAP_NAME_LEN + 1));
	if (decode_pool(c, at[1], "small_pool", base.s, iobuf_module_pool_fields, &out->small) < 0 ||
	    decode_pool(c, at[2], "large_pool", base.s, iobuf_module_pool_fields, &out->large) < 0)
		return -1;
	return 0;
}

/* The array at c->s[i]; every element is checked, also those beyond the bound. */
static int decode_per_module(struct cur *c, size_t i, struct iobuf_snapshot *out, size_t *end)
{
	char heads[SNAP_MAX_MODULES + 1][SNAP_NAME_LEN + 1]; /* the last: modules past the bound */
	struct iobuf_names names;
	size_t n = 0;

	memset(&names, 0, sizeof(names));
	i = ws(c, i + 1);
	if (i < c->n && c->s[i] == ']') {
		*end = i + 1;
		iobuf_finish_per_module(out, 0, &names, c->err);
		return 0;
	}
	for (;; n++) {
		struct iobuf_module_stats scratch;
		struct iobuf_module_stats *m = n < SNAP_MAX_MODULES ? &out->modules[n] : &scratch;
		size_t mend;

		memset(m, 0, sizeof(*m));
		if (decode_module(c, i, n, m, &names, heads[n < SNAP_MAX_MODULES ? n : SNAP_MAX_MODULES],
				  &mend) < 0)
			return -1;
		i = ws(c, mend);
		if (i < c->n && c->s[i] == ',') {
			i = ws(c, i + 1);
			continue;
		}
		if (i < c->n && c->s[i] == ']')
			break;
		return not_json(c, i);
	}
	*end = i + 1;
	iobuf_finish_per_module(out, n + 1, &names, c->err);
	return 0;
}

static int decode_aggregate(struct cur *c, size_t i, struct iobuf_snapshot *out, size_t *end)
{
	static const char *const keys[2] = { "small_pool", "large_pool" };
	size_t at[2];

	if (members(c, i, keys, 2, at, end) < 0 ||
	    decode_pool(c, at[0], "small_pool", "", iobuf_aggregate_pool_fields, &out->agg_small) < 0 ||
	    decode_pool(c, at[1], "large_pool", "", iobuf_aggregate_pool_fields, &out->agg_large) < 0)
		return -1;
	out->form = IOBUF_FORM_AGGREGATE;
	return 0;
}

static int decode(struct cur *c, struct iobuf_snapshot *out)
{
	size_t i = ws(c, 0), end = 0;
	struct jval v;
	int rc;

	if (i < c->n && c->s[i] == '[') {
		rc = decode_per_module(c, i, out, &end);
	} else if (i < c->n && c->s[i] == '{') {
		rc = decode_aggregate(c, i, out, &end);
	} else {
		if (text_val(c, i, &v) < 0)
			return -1;
		return iobuf_need(&v, JK_ARRAY, "an array of modules or an aggregate object",
				  IOBUF_M_STATS, "", c->err);
	}
	if (rc == 0 && ws(c, end) != c->n)
		return not_json(c, ws(c, end));
	return rc;
}

int iobuf_decode_stats_text(const char *text, size_t n, struct iobuf_snapshot *out,
			    struct mt_err *err)
{
	struct cur c = { .s = text, .n = n, .err = err };
	struct mt_err why;
	size_t end;
	int rc;

	mt_err_clear(err);
	iobuf_stats_clear(out);
	if (!text)
		return iobuf_fail(err, IOBUF_M_STATS, "", "no result");
	rc = decode(&c, out);
	if (rc < 0 && !c.final) {
		/* The client would have refused a text jansson cannot load before any decoding. */
		why = *err;
		if (skip(&c, ws(&c, 0), true, &end) == 0)
			*err = why;
	}
	free(c.buf);
	if (rc < 0)
		iobuf_stats_clear(out);
	return rc;
}
