/*
 * The framing every RPC reply goes through, byte level: json_stream_scan()
 * (stateless, the simulator's) against json_scanner_feed() resumed over
 * growing prefixes (the client's), json_stream_member_raw() on what was
 * framed, json_budget_check() and json_bigint_rewrite() on it.  Besides the
 * sanitizers it asserts three properties: the resumable scanner agrees with
 * the stateless one, the members it kept of an object are those
 * json_stream_members_framed() walks, and rewriting big integers never turns
 * a text jansson loads into one it refuses.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "json_bigint.h"
#include "json_budget.h"
#include "json_scanner.h"
#include "json_stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The resumable scanner sc over prefixes of 1, 2, 4, ... bytes, then all of it. */
static enum json_scan scan_resumed(struct json_scanner *sc, const char *buf, size_t len,
				   size_t *s, size_t *e, bool *ambiguous)
{
	size_t cut = 1;
	enum json_scan st;

	*ambiguous = false;
	json_scanner_init(sc);
	for (;;) {
		if (cut > len)
			cut = len;
		st = json_scanner_feed(sc, buf, cut, s, e);
		/*
		 * A bare scalar that reaches the end of a prefix counts as complete
		 * (json_stream.h); the stateless scan of the whole may see it go on.
		 */
		if (st == JSON_SCAN_COMPLETE && *e == cut && cut < len) {
			*ambiguous = true;
			return st;
		}
		if (st == JSON_SCAN_COMPLETE || st == JSON_SCAN_INVALID || cut == len)
			return st;
		cut *= 2;
	}
}

/* Up to 8 members as a walk gave them, and how many it gave. */
struct member_log {
	size_t n;
	struct json_scan_member m[8];
	const char *value;
};

static bool log_member(void *ctx, const char *raw_key, size_t klen, size_t vs, size_t ve)
{
	struct member_log *l = ctx;

	if (l->n < 8)
		l->m[l->n] = (struct json_scan_member){ (size_t)(raw_key - l->value), klen, vs, ve };
	l->n++;
	return true;
}

static void check_members(const struct json_scanner *sc, const char *value, size_t n)
{
	struct member_log kept = { .value = value }, walked = { .value = value };

	if (!json_scanner_members(sc, value, log_member, &kept))
		return;
	if (!json_stream_members_framed(value, n, log_member, &walked) || kept.n != walked.n ||
	    memcmp(kept.m, walked.m, (kept.n < 8 ? kept.n : 8) * sizeof(kept.m[0])) != 0)
		abort(); /* the scanner kept other members than the walk finds */
}

static void check_bigint(const char *text, size_t n)
{
	json_t *orig = json_loadb(text, n, JSON_DECODE_ANY, NULL), *wide_v;
	char *wide = NULL;
	size_t nwide = 0;

	if (json_bigint_rewrite(text, n, &wide, &nwide) == 1) {
		wide_v = json_loadb(wide, nwide, JSON_DECODE_ANY, NULL);
		if (orig && !wide_v)
			abort(); /* the rewrite broke a text jansson loaded */
		json_decref(wide_v);
		free(wide);
	}
	json_decref(orig);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	size_t s1 = 0, e1 = 0, s2 = 0, e2 = 0, vs, ve;
	enum json_scan a = json_stream_scan(buf, size, &s1, &e1);
	bool ambiguous;
	struct json_scanner sc;
	enum json_scan b = scan_resumed(&sc, buf, size, &s2, &e2, &ambiguous);
	struct mt_err err = { 0 };

	if (!ambiguous) {
		if (a != b)
			abort();
		if (a == JSON_SCAN_COMPLETE && (s1 != s2 || e1 != e2))
			abort();
		if (a == JSON_SCAN_COMPLETE)
			check_members(&sc, buf + s2, e2 - s2);
	}
	if (a != JSON_SCAN_COMPLETE)
		return 0;
	json_stream_member_raw(buf + s1, e1 - s1, "id", &vs, &ve);
	json_budget_check(buf + s1, e1 - s1, 200000, 64, &err);
	check_bigint(buf + s1, e1 - s1);
	return 0;
}
