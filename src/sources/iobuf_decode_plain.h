/*
 * iobuf_decode_plain: the iobuf_get_stats result read in one pass, for the
 * reply as SPDK and the simulator write it every tick.  It reads only
 * plain values: module names of ASCII bytes 0x20-0x7f with no escape and
 * at most SNAP_NAME_LEN - 1 bytes, counters written as integers within
 * int64 with no sign (or null where a counter is optional), each wanted
 * member exactly once (keys read with their escapes, as jansson reads
 * them).  Members it does not want are stepped over and checked by the
 * reply cursor (rt_skip), as the full reader checks them.
 *
 * Anything else (an escape or another byte in a name, a key jansson would
 * not load, a repeated or missing member, a value of another kind, any error,
 * text that is not JSON) it leaves to the full reader
 * (iobuf_decode_text.c), which then starts again from a cleared snapshot.
 * So what it decodes it decodes exactly as the full reader would, and
 * every error and refusal is the full reader's.
 *
 * 1: *out holds the decode (iobuf_finish_per_module's warnings in c->err);
 * 0: left; out, c->err and c->final hold anything and must be reset.
 * out must come cleared (iobuf_stats_clear).
 */
#ifndef IOBUF_DECODE_PLAIN_H
#define IOBUF_DECODE_PLAIN_H

#include "reply_text.h"
#include "snapshot.h"

int iobuf_decode_plain(struct rt_cur *c, struct iobuf_snapshot *out);

#endif
