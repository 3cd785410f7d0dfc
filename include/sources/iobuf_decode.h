/*
 * iobuf_decode: decode SPDK's iobuf-related RPC results into snapshot parts.
 *
 * Pure functions over jansson values; no I/O.  Decoding is lenient the way
 * SPDK users need: unknown fields are ignored, `cache_size` is optional, but
 * a missing or mistyped required field is an error naming the method and the
 * field path ("iobuf_get_stats: [1].large_pool.retry: missing").
 */
#ifndef IOBUF_DECODE_H
#define IOBUF_DECODE_H

#include <jansson.h>

#include "mt_error.h"
#include "snapshot.h"

/*
 * iobuf_get_stats result: the per-module array or the aggregate object.
 * More than SNAP_MAX_MODULES modules: the first ones are kept, 0 is returned
 * and err carries a warning with code 0 (the caller reports it).  Names longer
 * than SNAP_NAME_LEN - 1 bytes are cut on a UTF-8 character boundary, made
 * distinct with a "~2" suffix where two would meet, and said in that warning.
 */
int iobuf_decode_stats(const json_t *result, struct iobuf_snapshot *out, struct mt_err *err);
/* framework_get_config {"name":"iobuf"} result: the iobuf_set_options entry. */
int iobuf_decode_options(const json_t *result, struct iobuf_options *out, struct mt_err *err);
/* spdk_get_version result: copies "version"; a cut one is a code-0 warning in err. */
int iobuf_decode_version(const json_t *result, char *buf, size_t len, struct mt_err *err);
/* rpc_get_methods {"current":true} result: startup if framework_start_init is callable. */
int iobuf_decode_state(const json_t *result, enum target_state *out, struct mt_err *err);

#endif
