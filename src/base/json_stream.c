/*
 * json_stream: the stateless scan and an object's members, on top of the
 * resumable scanner (json_scanner.c) (contract: json_stream.h).
 */
#include "json_stream.h"
#include "json_scanner.h"
#include "json_strings.h"

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

bool json_stream_members(const char *buf, size_t len, json_member_fn fn, void *ctx)
{
	size_t i = skip_ws(buf, len, 0);

	if (i >= len || buf[i] != '{')
		return false;
	i = skip_ws(buf, len, i + 1);
	if (i < len && buf[i] == '}')
		return true;
	while (i < len && buf[i] == '"') {
		size_t ks, ke, vs, ve, key;

		/* A key is a string value on its own: let the scanner find its end. */
		if (json_stream_scan(buf + i, len - i, &ks, &ke) != JSON_SCAN_COMPLETE)
			return false;
		key = i + 1;
		i = skip_ws(buf, len, i + ke);
		if (i >= len || buf[i] != ':')
			return false;
		i++;
		if (json_stream_scan(buf + i, len - i, &vs, &ve) != JSON_SCAN_COMPLETE)
			return false;
		if (!fn(ctx, buf + key, ke - 2, i + vs, i + ve))
			return true;
		i = skip_ws(buf, len, i + ve);
		if (i < len && buf[i] == '}')
			return true;
		if (i >= len || buf[i] != ',')
			return false;
		i = skip_ws(buf, len, i + 1);
	}
	return false;
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
