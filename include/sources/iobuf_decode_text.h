/*
 * iobuf_decode_text: the iobuf_get_stats result decoded straight from the
 * reply's text, with no jansson tree, for the steady tick (one such reply
 * a tick, where the tree cost more than the rest of the collection).
 *
 * text[0..n) is the raw "result" value of a reply framed by json_stream.
 * The outcome is, word for word, iobuf_decode_stats()'s on the tree the
 * RPC client builds from that text (json_bigint_rewrite, then json_loadb):
 * the same struct, the same errors and warnings, the same cap on modules.
 * Text that jansson would not load (a string that is not UTF-8 or holds
 * \u0000, an unpaired surrogate, a real beyond a double) is refused with
 * -EPROTO: "iobuf_get_stats: result is not valid JSON: what (byte N)", N
 * counted from text.  The client's json_budget_check bounds are not applied
 * here: this reader builds nothing, needs no stack per level of nesting and
 * takes time linear in n.  text == NULL means the reply had no result.
 */
#ifndef IOBUF_DECODE_TEXT_H
#define IOBUF_DECODE_TEXT_H

#include <stddef.h>

#include "mt_error.h"
#include "snapshot.h"

int iobuf_decode_stats_text(const char *text, size_t n, struct iobuf_snapshot *out,
			    struct mt_err *err);

#endif
