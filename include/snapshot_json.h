/*
 * snapshot_json: a snapshot to and from JSON, schema "spdk-memtop/snapshot/1".
 *
 * The JSON form is documented field by field in docs/snapshot.md.  Decoding
 * checks the schema tag and names the first missing or mistyped field by its
 * path ("iobuf.small.util: expected a number").  Round trips are exact.
 */
#ifndef SNAPSHOT_JSON_H
#define SNAPSHOT_JSON_H

#include <jansson.h>

#include "mt_error.h"
#include "snapshot.h"

json_t *snapshot_to_json(const struct snapshot *s);
int snapshot_from_json(const json_t *j, struct snapshot *out, struct mt_err *err);

#endif
