/*
 * json_stream: find JSON value boundaries in a byte stream.
 *
 * SPDK's JSON-RPC has no length prefix: peers write JSON values back to back,
 * a value may arrive split over reads and several may arrive in one.  This
 * module only scans bytes (strings, escapes, nesting); it does not build
 * values (jansson does that on a complete span).  Shared by the client and
 * the simulator; nothing else is shared between them.
 */
#ifndef JSON_STREAM_H
#define JSON_STREAM_H

#include <stddef.h>
#include <stdbool.h>

enum json_scan {
	JSON_SCAN_EMPTY,      /* only whitespace so far */
	JSON_SCAN_COMPLETE,   /* [*start, *end) is one value */
	JSON_SCAN_INCOMPLETE, /* a value has begun but is not finished */
	JSON_SCAN_INVALID,    /* bytes that can never become a JSON value */
};

/*
 * Scans buf[0..len) for the first value.  Leading whitespace is skipped.
 * A bare scalar (42, true, "x") that reaches the end of the buffer counts as
 * complete, as SPDK's server treats it.  On COMPLETE, *start and *end delimit
 * the value; the caller consumes up to *end.
 */
enum json_scan json_stream_scan(const char *buf, size_t len, size_t *start, size_t *end);

/*
 * Within one complete top-level object [buf, buf+len), finds the raw text of
 * member `key` (depth 1 only).  Returns false when the value is not an object
 * or has no such member.  Used to echo ids verbatim (2^64-1 does not fit a
 * json_int_t).
 */
bool json_stream_member_raw(const char *buf, size_t len, const char *key,
			    size_t *vstart, size_t *vend);

/*
 * Calls fn for each member of one complete top-level object, in order, with
 * the key's raw text (between the quotes, escapes as sent) and the value's
 * span [vs, ve) in buf; fn returns false to stop.  Returns false when buf is
 * not such an object (also when that shows only after some members).
 */
typedef bool (*json_member_fn)(void *ctx, const char *raw_key, size_t klen, size_t vs,
			       size_t ve);
bool json_stream_members(const char *buf, size_t len, json_member_fn fn, void *ctx);
/*
 * The same walk over a value already framed (json_stream_scan or a
 * json_scanner said COMPLETE for exactly buf[0, len)): keys and values are
 * stepped over by json_tokens' ends, not scanned again, so the client's pass
 * over each reply costs a fraction of the framing.  Text that was not framed
 * gets no such promise: spans are then unspecified, though within buf.
 */
bool json_stream_members_framed(const char *buf, size_t len, json_member_fn fn, void *ctx);

#endif
