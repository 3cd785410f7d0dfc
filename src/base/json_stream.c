/*
 * json_stream: the stateless scan and an object's members, on top of the
 * resumable scanner (json_scanner.c) (contract: json_stream.h).
 */
#include "json_stream.h"
#include "json_scanner.h"
#include "json_strings.h"
#include "json_tokens.h"

enum json_scan json_stream_scan(const char *buf, size_t len, size_t *start, size_t *end)
{
	struct json_scanner s;

	json_scanner_init(&s);
	return json_scanner_feed(&s, buf, len, start, end);
}

/* JSON's four whitespace bytes, as the scanner skips them. */
static size_t skip_ws(const char *buf, size_t len, size_t i)
{
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r'))
		i++;
	return i;
}

/* Where the value at buf[i] (whitespace skipped) starts and ends; false if it is none. */
typedef bool (*value_span_fn)(const char *buf, size_t len, size_t i, size_t *vs, size_t *ve);

/* Scanned: the value is checked as it is framed. */
static bool scanned_span(const char *buf, size_t len, size_t i, size_t *vs, size_t *ve)
{
	if (json_stream_scan(buf + i, len - i, vs, ve) != JSON_SCAN_COMPLETE)
		return false;
	*vs += i;
	*ve += i;
	return true;
}

/* Framed already: only its end is looked for. */
static bool framed_span(const char *buf, size_t len, size_t i, size_t *vs, size_t *ve)
{
	*vs = skip_ws(buf, len, i);
	*ve = json_value_end(buf, *vs, len);
	return *ve > *vs && *ve <= len;
}

static bool walk_members(const char *buf, size_t len, value_span_fn span, json_member_fn fn,
			 void *ctx)
{
	size_t i = skip_ws(buf, len, 0);

	if (i >= len || buf[i] != '{')
		return false;
	i = skip_ws(buf, len, i + 1);
	if (i < len && buf[i] == '}')
		return true;
	while (i < len && buf[i] == '"') {
		size_t ks, ke, vs, ve, key;

		/* A key is a string value on its own. */
		if (!span(buf, len, i, &ks, &ke) || ke - ks < 2)
			return false;
		key = i + 1;
		i = skip_ws(buf, len, ke);
		if (i >= len || buf[i] != ':')
			return false;
		i++;
		if (!span(buf, len, i, &vs, &ve))
			return false;
		if (!fn(ctx, buf + key, ke - ks - 2, vs, ve))
			return true;
		i = skip_ws(buf, len, ve);
		if (i < len && buf[i] == '}')
			return true;
		if (i >= len || buf[i] != ',')
			return false;
		i = skip_ws(buf, len, i + 1);
	}
	return false;
}

bool json_stream_members(const char *buf, size_t len, json_member_fn fn, void *ctx)
{
	return walk_members(buf, len, scanned_span, fn, ctx);
}

bool json_stream_members_framed(const char *buf, size_t len, json_member_fn fn, void *ctx)
{
	return walk_members(buf, len, framed_span, fn, ctx);
}

struct find_member {
	const char *key;
	bool found;
	size_t vs, ve;
};

static bool find_first(void *ctx, const char *raw_key, size_t klen, size_t vs, size_t ve)
{
	struct find_member *f = ctx;

	if (!json_string_equals(raw_key, klen, f->key))
		return true;
	f->found = true;
	f->vs = vs;
	f->ve = ve;
	return false;
}

bool json_stream_member_raw(const char *buf, size_t len, const char *key,
			    size_t *vstart, size_t *vend)
{
	struct find_member f = { .key = key };

	json_stream_members(buf, len, find_first, &f);
	if (!f.found)
		return false;
	if (vstart)
		*vstart = f.vs;
	if (vend)
		*vend = f.ve;
	return true;
}
