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
 */
#ifndef JSON_SCANNER_H
#define JSON_SCANNER_H

#include <stddef.h>
#include <stdint.h>

#include "json_stream.h"

#define JSON_SCANNER_MAX_DEPTH 1024

struct json_scanner {
	size_t pos;            /* bytes examined so far */
	size_t start;          /* where the current value began (valid if started) */
	unsigned depth;
	unsigned char expect;  /* structural state: what may come next */
	unsigned char lex;     /* inside a string, escape, number or literal */
	unsigned char sub;     /* number state, \u digits left, or literal index */
	unsigned char started;
	unsigned char is_key;  /* the string being read is an object key */
	const char *literal;   /* "true", "false" or "null" while reading one */
	uint64_t objects[JSON_SCANNER_MAX_DEPTH / 64]; /* bit set: level is an object */
};

void json_scanner_init(struct json_scanner *s);
enum json_scan json_scanner_feed(struct json_scanner *s, const char *buf, size_t len,
				 size_t *start, size_t *end);

#endif
