/*
 * snapshot_json: a snapshot to and from JSON, schema "spdk-memtop/snapshot/1".
 *
 * The JSON form is documented field by field in docs/snapshot.md.  Decoding
 * checks the schema tag and names the first missing or mistyped field by its
 * path ("iobuf.small.util: expected a number").  Round trips are exact.
 * uint64 values above INT64_MAX are written as strings of decimal digits.
 */
#ifndef SNAPSHOT_JSON_H
#define SNAPSHOT_JSON_H

#include <jansson.h>

#include "mt_error.h"
#include "snapshot.h"
#include "stream_buf.h"

/* NULL only when memory runs out. */
json_t *snapshot_to_json(const struct snapshot *s);
/*
 * One compact line with its newline, as a recording holds it (replay.h):
 * malloc'd, *len bytes (a NUL follows).  NULL only when memory runs out.
 */
char *snapshot_to_json_line(const struct snapshot *s, size_t *len);
/* The same line into buf, reusing its room (je_take_text_into): 0, or -1 out of memory. */
int snapshot_json_line_into(const struct snapshot *s, struct stream_buf *buf);
/* 0, or -1 with err naming the field and *out zeroed. */
int snapshot_from_json(const json_t *j, struct snapshot *out, struct mt_err *err);
/* The same from JSON text (a file's contents); syntax errors name line and column. */
int snapshot_from_json_text(const char *text, size_t len, struct snapshot *out,
			    struct mt_err *err);

#endif
