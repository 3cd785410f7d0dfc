/*
 * json_scanner: the resumable engine behind json_stream_scan().
 *
 * json_stream_scan() is stateless, so a reader that rescans its whole buffer
 * after every read pays O(n^2) for a reply that trickles in (32 MiB replies
 * are legal).  A scanner remembers how far it got: feed it the same buffer
 * again after appending bytes and it resumes where it stopped.  The buffer
 * may move (realloc, memmove) as long as its first `pos` bytes keep their
 * content and their offsets relative to `buf`.  After COMPLETE or INVALID,
 * re-initialise the scanner for the bytes that follow.  Nesting deeper than
 * JSON_SCANNER_MAX_DEPTH counts as INVALID (jansson stops at 2048, SPDK's own
 * parser at 64).
 *
 * While it frames a top-level object the scanner also keeps where its first
 * JSON_SCANNER_MEMBERS members' keys and values lie (a JSON-RPC reply has
 * three), so a reader of those members needs no second pass over the text:
 * json_scanner_members() gives what json_stream_members_framed() would.
 */
#ifndef JSON_SCANNER_H
#define JSON_SCANNER_H

#include <stddef.h>
#include <stdint.h>

#include "json_stream.h"

#define JSON_SCANNER_MAX_DEPTH 1024
#define JSON_SCANNER_MEMBERS 4

/* A member of the top-level object, in bytes from the object's '{'. */
struct json_scan_member {
	size_t key, klen; /* the key's raw text, between its quotes */
	size_t vs, ve;    /* its value */
};

struct json_scanner {
	size_t pos;            /* bytes examined so far */
	size_t start;          /* where the current value began (valid if started) */
	unsigned depth;
	unsigned char expect;  /* structural state: what may come next */
	unsigned char lex;     /* inside a string, escape, number or literal */
	unsigned char sub;     /* number state, \u digits left, or literal index */
	unsigned char started;
	unsigned char is_key;  /* the string being read is an object key */
	unsigned char top_object; /* the top-level value is an object */
	const char *literal;   /* "true", "false" or "null" while reading one */
	size_t nmembers;       /* the top-level object's members ended so far */
	struct json_scan_member member; /* the one being read */
	struct json_scan_member members[JSON_SCANNER_MEMBERS]; /* the first nmembers of them */
	uint64_t objects[JSON_SCANNER_MAX_DEPTH / 64]; /* bit set: level is an object */
};

void json_scanner_init(struct json_scanner *s);
enum json_scan json_scanner_feed(struct json_scanner *s, const char *buf, size_t len,
				 size_t *start, size_t *end);

/*
 * After json_scanner_feed() said COMPLETE for a top-level object, with
 * value = buf + *start: calls fn for its members as
 * json_stream_members_framed(value, *end - *start, fn, ctx) would, from
 * what the scan kept.  False when the scan did not keep them all (not an
 * object, not complete, more than JSON_SCANNER_MEMBERS members): then walk
 * the value with json_stream_members_framed().
 */
bool json_scanner_members(const struct json_scanner *s, const char *value, json_member_fn fn,
			  void *ctx);

#endif
