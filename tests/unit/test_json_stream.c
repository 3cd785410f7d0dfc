/* json_stream: value boundaries in a byte stream, checked against SPDK's recorded bytes. */
#include <check.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_scanner.h"
#include "check_main.h"
#include "fixture_io.h"
#include "json_stream.h"

#define TRANSCRIPTS MEMTOP_FIXTURES "/transcripts"

static enum json_scan scan_str(const char *s, size_t *start, size_t *end)
{
	return json_stream_scan(s, strlen(s), start, end);
}

static void expect_complete(const char *s, size_t want_start, size_t want_end)
{
	size_t a = 99, b = 99;

	ck_assert_msg(scan_str(s, &a, &b) == JSON_SCAN_COMPLETE, "not complete: %s", s);
	ck_assert_msg(a == want_start && b == want_end, "%s: got [%zu,%zu) want [%zu,%zu)", s,
		      a, b, want_start, want_end);
}

static void expect(const char *s, enum json_scan want)
{
	size_t a, b;
	enum json_scan got = scan_str(s, &a, &b);

	ck_assert_msg(got == want, "'%s': got %d want %d", s, got, want);
}

START_TEST(test_scalars_and_containers)
{
	expect_complete("{}", 0, 2);
	expect_complete("  {\"a\":1}  ", 2, 9);
	expect_complete("[]", 0, 2);
	expect_complete("[ ]\n", 0, 3);
	expect_complete("\"x\"", 0, 3);
	expect_complete("42", 0, 2); /* bare scalar at the end: complete, as SPDK's server says */
	expect_complete("42 ", 0, 2);
	expect_complete("-0.5e+3", 0, 7);
	expect_complete("true", 0, 4);
	expect_complete("null{}", 0, 4);
	expect_complete("{\"a\":[1,2.5,-3e2,true,false,null,\"s\",{}]}", 0, 41);
	expect_complete("{}{}", 0, 2);
	expect_complete("[[[]]]]", 0, 6); /* the stray ']' belongs to the next scan */
	expect("", JSON_SCAN_EMPTY);
	expect(" \t\r\n ", JSON_SCAN_EMPTY);
	expect("-", JSON_SCAN_INCOMPLETE);
	expect("1.", JSON_SCAN_INCOMPLETE);
	expect("1e", JSON_SCAN_INCOMPLETE);
	expect("1e-", JSON_SCAN_INCOMPLETE);
	expect("tru", JSON_SCAN_INCOMPLETE);
	expect("\"abc", JSON_SCAN_INCOMPLETE);
	expect("{\"a\":", JSON_SCAN_INCOMPLETE);
	expect("[1,2", JSON_SCAN_INCOMPLETE);
	expect("{\"a\":[{\"b\":\"}\"}]", JSON_SCAN_INCOMPLETE);
}
END_TEST

START_TEST(test_strings_with_braces_and_escapes)
{
	const char *s = "{\"a\":\"}{][\\\"\\\\\",\"b\":\"\\u00e9\\/\\n\"}";

	expect_complete(s, 0, strlen(s));
	expect_complete("\"\\\"\"", 0, 4);
	expect_complete("\"\\\\\"", 0, 4);
	expect("\"\\\\\\\"", JSON_SCAN_INCOMPLETE); /* "\\\" : the last quote is escaped */
	expect("\"\\u00\"", JSON_SCAN_INVALID);
	expect("\"\\u00g0\"", JSON_SCAN_INVALID);
	expect("\"\\x\"", JSON_SCAN_INVALID);
	expect("\"a\tb\"", JSON_SCAN_INVALID); /* raw control character */
	expect("\"\\u12", JSON_SCAN_INCOMPLETE);
}
END_TEST

START_TEST(test_invalid)
{
	static const char *bad[] = {
		"{]", "[}", "]", "}", ",", ":", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "{,}", "[1 2]",
		"{1:2}", "{\"a\":1 \"b\":2}", "hello world", "xyz{\"id\":1}", "nulx", "trux", "-x",
		"1.x", "1ex", "[01]", "{\"a\"::1}", "'x'", "\x01",
	};
	size_t a, b;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(scan_str(bad[i], &a, &b) == JSON_SCAN_INVALID, "'%s' not invalid",
			      bad[i]);
	/* The offending byte is reported. */
	ck_assert_int_eq(scan_str("[1, ]", &a, &b), JSON_SCAN_INVALID);
	ck_assert_uint_eq(a, 4);
}
END_TEST

START_TEST(test_depth_limit)
{
	char *s = malloc(2 * JSON_SCANNER_MAX_DEPTH + 4);
	size_t n = 0, a, b;

	for (int i = 0; i < JSON_SCANNER_MAX_DEPTH; i++)
		s[n++] = '[';
	for (int i = 0; i < JSON_SCANNER_MAX_DEPTH; i++)
		s[n++] = ']';
	ck_assert_int_eq(json_stream_scan(s, n, &a, &b), JSON_SCAN_COMPLETE);
	ck_assert_uint_eq(b, n);
	memmove(s + 1, s, n);
	s[0] = '[';
	s[n + 1] = ']';
	ck_assert_int_eq(json_stream_scan(s, n + 2, &a, &b), JSON_SCAN_INVALID);
	free(s);
}
END_TEST

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Every value a whole file holds, each loadable by jansson; returns how many. */
static int scan_all_values(const char *name, const char *buf, size_t len)
{
	size_t off = 0, a, b;
	int count = 0;

	for (;;) {
		enum json_scan r = json_stream_scan(buf + off, len - off, &a, &b);
		json_error_t jerr;
		json_t *v;

		if (r == JSON_SCAN_EMPTY)
			return count;
		ck_assert_msg(r == JSON_SCAN_COMPLETE, "%s: value %d at %zu: scan %d", name,
			      count, off, r);
		/* INT_AS_REAL: id.large holds 2^64-1, beyond json_int_t. */
		v = json_loadb(buf + off + a, b - a, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL,
			       &jerr);
		ck_assert_msg(v != NULL, "%s: value %d does not load: %s", name, count, jerr.text);
		json_decref(v);
		off += b;
		count++;
	}
}

START_TEST(test_transcripts)
{
	static const struct {
		const char *file;
		enum json_scan want;
	} invalid[] = {
		{ "error.invalid_json.request.json", JSON_SCAN_INCOMPLETE },
		{ "error.invalid_json_bad_bracket.request.json", JSON_SCAN_INVALID },
		{ "error.invalid_json_garbage.request.json", JSON_SCAN_INVALID },
		{ "error.invalid_json_then_valid.request.json", JSON_SCAN_INVALID },
		{ "error.invalid_json_trailing_comma.request.json", JSON_SCAN_INVALID },
	};
	DIR *d = opendir(TRANSCRIPTS);
	struct dirent *de;
	int files = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		char path[512];
		size_t len, a, b;
		char *buf;
		bool special = false;

		if (!ends_with(de->d_name, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", TRANSCRIPTS, de->d_name);
		buf = fixture_read(path, &len);
		for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
			if (strcmp(de->d_name, invalid[i].file) != 0)
				continue;
			ck_assert_msg(json_stream_scan(buf, len, &a, &b) == invalid[i].want,
				      "%s: want %d", de->d_name, invalid[i].want);
			special = true;
		}
		if (!special) {
			int n = scan_all_values(de->d_name, buf, len);
			bool pipelined = strncmp(de->d_name, "pipelined.", 10) == 0;
			bool empty_reply = len == 0;

			ck_assert_msg(n == (empty_reply ? 0 : pipelined ? 2 : 1), "%s: %d values",
				      de->d_name, n);
		}
		free(buf);
		files++;
	}
	closedir(d);
	ck_assert_int_gt(files, 60);
}
END_TEST

/* The real exhaustion timeline: one JSON object per line, each a whole SPDK reply. */
START_TEST(test_timeline_stream)
{
	size_t len;
	char *buf = fixture_read(TRANSCRIPTS "/exhaustion_bdevperf.hide_md/"
				 "timeline.iobuf_get_stats.jsonl", &len);
	int lines = 0;

	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n';
	ck_assert_int_gt(lines, 3);
	ck_assert_int_eq(scan_all_values("timeline", buf, len), lines);
	free(buf);
}
END_TEST

struct span {
	size_t a, b;
};

/*
 * A stream of several values with varied separators, built from recorded
 * replies: the two pipelined ones back to back, one with its newline, an
 * error, and a bare scalar at the very end.
 */
static char *build_stream(size_t *len)
{
	static const char *parts[] = {
		"pipelined.two_requests_one_write.response.json",
		"error.unknown_method.response.json",
		"framework_get_config.iobuf.response.json",
		"id.string.response.json",
	};
	char *out = NULL;
	size_t n = 0;

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		char path[512];
		size_t m;
		char *p;

		snprintf(path, sizeof(path), "%s/%s", TRANSCRIPTS, parts[i]);
		p = fixture_read(path, &m);
		out = realloc(out, n + m + 8);
		memcpy(out + n, p, m);
		n += m;
		/* The second part loses its newline: values may touch. */
		if (i == 1)
			n--;
		else
			out[n++] = i % 2 ? ' ' : '\t';
		free(p);
	}
	memcpy(out + n, "[\"}\"] 7", 7);
	n += 7;
	*len = n;
	return out;
}

/* Reference spans by scanning the whole buffer at once. */
static size_t reference_spans(const char *buf, size_t len, struct span *out, size_t max)
{
	size_t off = 0, n = 0, a, b;

	while (json_stream_scan(buf + off, len - off, &a, &b) == JSON_SCAN_COMPLETE) {
		ck_assert_uint_lt(n, max);
		out[n].a = off + a;
		out[n].b = off + b;
		n++;
		off += b;
	}
	return n;
}

START_TEST(test_every_split_point_stateless)
{
	struct span ref[16];
	size_t len, nref;
	char *buf = build_stream(&len);

	nref = reference_spans(buf, len, ref, 16);
	ck_assert_uint_eq(nref, 7);
	/* Any prefix: before the first value ends, INCOMPLETE (or EMPTY), after it COMPLETE. */
	for (size_t k = 0; k <= len; k++) {
		size_t a, b;
		enum json_scan r = json_stream_scan(buf, k, &a, &b);

		if (k == 0)
			ck_assert_int_eq(r, JSON_SCAN_EMPTY);
		else if (k < ref[0].b)
			ck_assert_int_eq(r, JSON_SCAN_INCOMPLETE);
		else
			ck_assert(r == JSON_SCAN_COMPLETE && a == ref[0].a && b == ref[0].b);
	}
	free(buf);
}
END_TEST

/*
 * What a reader does: bytes arrive in chunks; a resumable scanner cuts values
 * off the front.  Every chunk size from 1 byte (byte-by-byte) up, and every
 * two-piece split, must give exactly the reference spans.
 */
static size_t read_in_chunks(const char *buf, size_t len, const size_t *cuts, size_t ncuts,
			     struct span *out, size_t max)
{
	struct json_scanner sc;
	size_t base = 0, have = 0, n = 0;

	json_scanner_init(&sc);
	for (size_t c = 0; c <= ncuts; c++) {
		size_t a, b;

		have = c < ncuts ? cuts[c] : len;
		for (;;) {
			enum json_scan r = json_scanner_feed(&sc, buf + base, have - base, &a, &b);

			ck_assert_int_ne(r, JSON_SCAN_INVALID);
			if (r != JSON_SCAN_COMPLETE)
				break;
			/* A bare scalar is only complete once the stream really ends. */
			if (b == have - base && have < len && buf[base + a] != '{' &&
			    buf[base + a] != '[' && buf[base + a] != '"')
				break;
			ck_assert_uint_lt(n, max);
			out[n].a = base + a;
			out[n].b = base + b;
			n++;
			base += b;
			json_scanner_init(&sc);
		}
	}
	return n;
}

START_TEST(test_every_split_point_resumable)
{
	struct span ref[16], got[16];
	size_t len, nref;
	char *buf = build_stream(&len);
	size_t *cuts = malloc(len * sizeof(*cuts));

	nref = reference_spans(buf, len, ref, 16);
	for (size_t k = 0; k < len; k++) {
		size_t n = read_in_chunks(buf, len, &k, 1, got, 16);

		ck_assert_uint_eq(n, nref);
		ck_assert(memcmp(got, ref, n * sizeof(*ref)) == 0);
	}
	for (size_t step = 1; step <= 64; step++) {
		size_t ncuts = 0, n;

		for (size_t k = step; k < len; k += step)
			cuts[ncuts++] = k;
		n = read_in_chunks(buf, len, cuts, ncuts, got, 16);
		ck_assert_msg(n == nref, "chunk size %zu: %zu values", step, n);
		ck_assert(memcmp(got, ref, n * sizeof(*ref)) == 0);
	}
	free(cuts);
	free(buf);
}
END_TEST

/* The scanner's offsets are relative: moving the buffer between feeds is allowed. */
START_TEST(test_resumable_after_move)
{
	const char *text = "  {\"a\":[\"x\\\"y\",{\"b\":null}]}";
	size_t len = strlen(text), a, b;
	struct json_scanner sc;
	char *p = malloc(len), *q;

	json_scanner_init(&sc);
	memcpy(p, text, 12);
	ck_assert_int_eq(json_scanner_feed(&sc, p, 12, &a, &b), JSON_SCAN_INCOMPLETE);
	q = malloc(len);
	memcpy(q, p, 12);
	free(p);
	memcpy(q + 12, text + 12, len - 12);
	ck_assert_int_eq(json_scanner_feed(&sc, q, len, &a, &b), JSON_SCAN_COMPLETE);
	ck_assert_uint_eq(a, 2);
	ck_assert_uint_eq(b, len);
	free(q);
}
END_TEST

static void expect_member(const char *obj, const char *key, const char *want)
{
	size_t a, b;
	bool found = json_stream_member_raw(obj, strlen(obj), key, &a, &b);

	if (!want) {
		ck_assert_msg(!found, "%s: found %s", obj, key);
		return;
	}
	ck_assert_msg(found, "%s: %s not found", obj, key);
	ck_assert_msg(b - a == strlen(want) && memcmp(obj + a, want, b - a) == 0,
		      "%s: %s is '%.*s', want '%s'", obj, key, (int)(b - a), obj + a, want);
}

START_TEST(test_member_raw)
{
	size_t len;
	char *req = fixture_read(TRANSCRIPTS "/id.large.request.json", &len);
	size_t a, b;

	/* 2^64-1 does not fit json_int_t: the simulator echoes the raw text. */
	ck_assert(json_stream_member_raw(req, len, "id", &a, &b));
	ck_assert_uint_eq(b - a, 20);
	ck_assert(memcmp(req + a, "18446744073709551615", 20) == 0);
	free(req);

	expect_member("{\"id\":\"abc-1\"}", "id", "\"abc-1\"");
	expect_member("{\"a\":{\"id\":1},\"id\":2}", "id", "2");
	expect_member("{\"a\":[{\"id\":1}],\"b\":\"id\"}", "id", NULL);
	expect_member(" { \"id\" : -7 } ", "id", "-7");
	expect_member("{\"id\":1.5}", "id", "1.5");
	expect_member("{\"id\":null}", "id", "null");
	expect_member("{\"x\":1,\"id\":{\"y\":[1,\"}\"]}}", "id", "{\"y\":[1,\"}\"]}");
	expect_member("{\"\\u0069d\":7}", "id", "7");
	expect_member("{\"\\\"q\":8}", "\"q", "8");
	expect_member("{\"caf\\u00e9\":9}", "caf\xc3\xa9", "9");
	expect_member("{\"\\ud83d\\ude00\":10}", "\xf0\x9f\x98\x80", "10");
	expect_member("{\"idx\":1}", "id", NULL);
	expect_member("{\"id\":1}", "i", NULL);
	expect_member("{}", "id", NULL);
	expect_member("[{\"id\":1}]", "id", NULL);
	expect_member("42", "id", NULL);
	expect_member("{\"a\":1,}", "id", NULL);
}
END_TEST

/* Every member's key and value span, "key=vs-ve;" one after the other, and the walk's verdict. */
struct spans {
	char text[8192];
	size_t len;
};

static bool note_span(void *ctx, const char *raw_key, size_t klen, size_t vs, size_t ve)
{
	struct spans *sp = ctx;
	int n = snprintf(sp->text + sp->len, sizeof(sp->text) - sp->len, "%.*s=%zu-%zu;",
			 (int)klen, raw_key, vs, ve);

	if (n > 0 && (size_t)n < sizeof(sp->text) - sp->len)
		sp->len += (size_t)n;
	return true;
}

/* The framed walk finds what the scanning walk finds, over one framed value. */
static void same_members(const char *what, const char *buf, size_t len)
{
	struct spans a = { .len = 0 }, b = { .len = 0 };
	bool ra = json_stream_members(buf, len, note_span, &a);
	bool rb = json_stream_members_framed(buf, len, note_span, &b);

	ck_assert_msg(ra == rb, "%s: scanned %d, framed %d", what, ra, rb);
	ck_assert_msg(a.len == b.len && memcmp(a.text, b.text, a.len) == 0,
		      "%s: scanned '%.*s', framed '%.*s'", what, (int)a.len, a.text, (int)b.len,
		      b.text);
}

/*
 * fn over every value of every recorded transcript (the invalid requests
 * left out), framed as the client frames them; how many were objects.
 */
static int each_transcript_value(void (*fn)(const char *what, const char *buf, size_t len))
{
	DIR *d = opendir(TRANSCRIPTS);
	struct dirent *de;
	int objects = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		char path[512];
		size_t len, off = 0, a, b;
		char *buf;

		if (!ends_with(de->d_name, ".json") || strncmp(de->d_name, "error.invalid", 13) == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", TRANSCRIPTS, de->d_name);
		buf = fixture_read(path, &len);
		while (json_stream_scan(buf + off, len - off, &a, &b) == JSON_SCAN_COMPLETE) {
			fn(de->d_name, buf + off + a, b - a);
			objects += buf[off + a] == '{';
			off += b;
		}
		free(buf);
	}
	closedir(d);
	return objects;
}

START_TEST(test_members_framed_as_scanned)
{
	static const char *const objects[] = {
		"{}", " { } ", "[1]", "42", "\"s\"",
		"{\"a\":1}", " { \"a\" : -1.5e+3 , \"b\" : true ,\"c\":null,\"d\":false } ",
		"{\"x\":\"}]\\\"{[\",\"y\":[1,[2,{\"z\":\"\\\\\"}],{}],\"w\":{\"v\":[]}}",
		"{\"\\u0069d\":7,\"\\\"q\":\"\\\\\",\"caf\\u00e9\":{\"a\":[\"]\"]}}",
		"{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":[{\"module\":\"accel\",\"small_pool\":"
		"{\"cache\":128,\"main\":0,\"retry\":0}}]}",
		"{\"result\":1,\"result\":[2],\"error\":{\"code\":-32601}}",
	};
	for (size_t i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
		same_members(objects[i], objects[i], strlen(objects[i]));
	/* Every value of every recorded transcript, framed as the client frames them. */
	ck_assert_int_gt(each_transcript_value(same_members), 20);
}
END_TEST

/*
 * The members a scanner kept while it framed buf[0, len) in pieces cut at
 * cuts[] (each feed sees the buffer up to the next cut): the walk's text in
 * *sp, whether json_scanner_members answered in *kept, the scan's verdict
 * returned.  (A bare number cut short is complete too soon: it is no object.)
 */
static enum json_scan members_in_pieces(const char *buf, size_t len, const size_t *cuts,
					size_t ncuts, struct spans *sp, bool *kept)
{
	struct json_scanner sc;
	enum json_scan r = JSON_SCAN_EMPTY;
	size_t a = 0, b = 0;

	json_scanner_init(&sc);
	sp->len = 0;
	*kept = false;
	for (size_t c = 0; c <= ncuts; c++) {
		size_t have = c < ncuts ? cuts[c] : len;

		r = json_scanner_feed(&sc, buf, have, &a, &b);
		if (r == JSON_SCAN_INVALID)
			break;
		/* Until it is complete, there is nothing to give. */
		ck_assert(r == JSON_SCAN_COMPLETE || !json_scanner_members(&sc, buf, note_span, sp));
		if (r == JSON_SCAN_COMPLETE)
			break;
	}
	if (r == JSON_SCAN_COMPLETE)
		*kept = json_scanner_members(&sc, buf + a, note_span, sp);
	else
		ck_assert(!json_scanner_members(&sc, buf, note_span, sp));
	return r;
}

/*
 * What the scan kept is what json_stream_members_framed walks on the value:
 * fed whole, cut in two at every byte, and in chunks of every size up to 16.
 * It keeps the members of objects with up to JSON_SCANNER_MEMBERS of them,
 * and says so; of others (more members, no object) it says it kept none.
 */
static void scan_keeps_members(const char *what, const char *buf, size_t len)
{
	struct spans want = { .len = 0 }, got;
	size_t a, b, cuts[4096], ncuts;
	enum json_scan r0 = json_stream_scan(buf, len, &a, &b);
	bool walked, kept, want_kept;
	size_t members = 0;

	ck_assert_msg(r0 == JSON_SCAN_COMPLETE, "%s: not one value", what);
	walked = json_stream_members_framed(buf + a, b - a, note_span, &want);
	for (size_t i = 0; i < want.len; i++)
		members += want.text[i] == ';';
	want_kept = walked && buf[a] == '{' && members <= JSON_SCANNER_MEMBERS;
	for (size_t k = 0; k <= len; k++) {
		size_t step = k < len ? 0 : 1;

		ncuts = 0;
		if (k > 0 && k < len)
			cuts[ncuts++] = k;
		for (; step <= 16; step++) {
			if (step) {
				ncuts = 0;
				for (size_t c = step; c < len && ncuts < 4096; c += step)
					cuts[ncuts++] = c;
			}
			ck_assert_int_eq(members_in_pieces(buf, len, cuts, ncuts, &got, &kept),
					 JSON_SCAN_COMPLETE);
			ck_assert_msg(kept == want_kept, "%s (cut %zu, step %zu): kept %d", what, k,
				      step, kept);
			if (kept)
				ck_assert_msg(got.len == want.len &&
					      memcmp(got.text, want.text, got.len) == 0,
					      "%s (cut %zu, step %zu): kept '%.*s', walked '%.*s'",
					      what, k, step, (int)got.len, got.text, (int)want.len,
					      want.text);
			if (k < len)
				break;
		}
	}
}

static bool stop_after_first(void *ctx, const char *raw_key, size_t klen, size_t vs, size_t ve)
{
	note_span(ctx, raw_key, klen, vs, ve);
	return false;
}

START_TEST(test_scanner_keeps_members)
{
	static const char *const values[] = {
		"{}", " { } ", "[1]", "[{\"a\":1}]", "42", "\"s\"", "true", "null",
		"{\"a\":1}", "{\"a\":-0}", "{\"a\":12,\"b\":-3.5e+2}",
		" { \"a\" : -1.5e+3 , \"b\" : true ,\"c\":null,\"d\":false } ",
		"{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}",
		"{\"x\":\"}]\\\"{[\",\"y\":[1,[2,{\"z\":\"\\\\\"}],{}],\"w\":{\"v\":[]}}",
		"{\"\\u0069d\":7,\"\\\"q\":\"\\\\\",\"caf\\u00e9\":{\"a\":[\"]\"]}}",
		"{\"\":0,\"a\\\\\":\"\",\"b\":{\"\":{}}}",
		"{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":[{\"module\":\"accel\",\"small_pool\":"
		"{\"cache\":128,\"main\":0,\"retry\":0}}]}",
		"{\"result\":1,\"result\":[2],\"error\":{\"code\":-32601}}",
		"{\"id\":1,\"id\":2}\n",
	};
	struct spans sp = { .len = 0 };
	struct json_scanner sc;
	size_t a, b;
	const char *two = "{\"a\":1,\"b\":[2]}";

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		scan_keeps_members(values[i], values[i], strlen(values[i]));
	/* Every value of every recorded transcript. */
	ck_assert_int_gt(each_transcript_value(scan_keeps_members), 20);

	/* fn stops the walk as it stops json_stream_members_framed's. */
	json_scanner_init(&sc);
	ck_assert_int_eq(json_scanner_feed(&sc, two, strlen(two), &a, &b), JSON_SCAN_COMPLETE);
	ck_assert(json_scanner_members(&sc, two + a, stop_after_first, &sp));
	ck_assert_str_eq(sp.text, "a=5-6;");
	/* A new value starts with nothing kept. */
	json_scanner_init(&sc);
	ck_assert(!json_scanner_members(&sc, two, note_span, &sp));
}
END_TEST

/* Bytes that are no JSON, or not yet all of it: the scan keeps nothing to give. */
START_TEST(test_scanner_members_malformed)
{
	static const char *const bad[] = {
		"{\"a\":1,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{\"a\":tru}", "{\"a\":1]",
		"{\"a\":\"x\x01\"}", "{\"a\":\"\\x\"}", "{\"a\":01}", "{\"a\":-}", "{a:1}",
		"{\"a\":[1,}", "{\"a\":\"\\u12g4\"}", "{\"a\":{\"b\":1]}", "{\"a\":[1}",
	};
	static const char *const unfinished[] = {
		"{", "{\"a", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "{\"a\":{\"b\":2}",
		"{\"a\":\"}\"", "{\"a\":[]", "{\"a\":1.5e", "{\"a\":null",
	};
	struct spans sp;
	bool kept;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *t = bad[i];
		size_t len = strlen(t);
		enum json_scan r = members_in_pieces(t, len, NULL, 0, &sp, &kept);

		ck_assert_msg(r == JSON_SCAN_INVALID, "%s: %d", t, r);
		/* Cut in two anywhere: still refused, still nothing kept. */
		for (size_t k = 1; k < len; k++)
			ck_assert_int_eq(members_in_pieces(t, len, &k, 1, &sp, &kept),
					 JSON_SCAN_INVALID);
	}
	for (size_t i = 0; i < sizeof(unfinished) / sizeof(unfinished[0]); i++) {
		const char *t = unfinished[i];

		ck_assert_int_eq(members_in_pieces(t, strlen(t), NULL, 0, &sp, &kept),
				 JSON_SCAN_INCOMPLETE);
		ck_assert(!kept);
	}
}
END_TEST

static Suite *json_stream_suite(void)
{
	Suite *s = suite_create("json_stream");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_scalars_and_containers);
	tcase_add_test(tc, test_strings_with_braces_and_escapes);
	tcase_add_test(tc, test_invalid);
	tcase_add_test(tc, test_depth_limit);
	tcase_add_test(tc, test_transcripts);
	tcase_add_test(tc, test_timeline_stream);
	tcase_add_test(tc, test_every_split_point_stateless);
	tcase_add_test(tc, test_every_split_point_resumable);
	tcase_add_test(tc, test_resumable_after_move);
	tcase_add_test(tc, test_member_raw);
	tcase_add_test(tc, test_members_framed_as_scanned);
	tcase_add_test(tc, test_scanner_keeps_members);
	tcase_add_test(tc, test_scanner_members_malformed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(json_stream_suite());
}
