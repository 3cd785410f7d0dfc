/*
 * methods_decode_text: the rpc_get_methods {"current":true} result read
 * straight from the reply's text, with no jansson tree: a running spdk_tgt
 * lists 209 methods (the transcripts), more with more modules, and all the
 * facts need is whether framework_start_init is among them (startup) or
 * not (running).
 *
 * text[0..n) is the raw "result" value of a reply framed by json_stream.
 * The outcome is, word for word, iobuf_decode_state()'s on the tree the RPC
 * client builds from that text (json_bigint_rewrite, then json_loadb): the
 * same state, return and error ("rpc_get_methods: [3]: expected a string,
 * got object").  Text that jansson would not load (a string that is not
 * UTF-8 or holds \u0000, an unpaired surrogate, a real beyond a double) is
 * refused with -EPROTO: "rpc_get_methods: result is not valid JSON: what
 * (byte N)", N counted from text; the client's words for such a reply are
 * rpc_result_text_refused()'s (rpc_client.h).  The client's json_budget
 * bounds are not applied here.  text == NULL means the reply had no result.
 */
#ifndef METHODS_DECODE_TEXT_H
#define METHODS_DECODE_TEXT_H

#include <stddef.h>

#include "mt_error.h"
#include "snapshot.h"

int methods_decode_text(const char *text, size_t n, enum target_state *out, struct mt_err *err);

#endif
