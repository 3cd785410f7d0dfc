/*
 * json_emit: one way to write JSON member by member, into a jansson tree or
 * straight into text, so that a document's shape is written once in code
 * and either form comes out of it.  The text is byte for byte what
 * json_dumps(tree, JSON_COMPACT) of the same tree gives with the jansson we
 * build against (test_json_emit holds them together): members in the order
 * written, reals as "%.17g" with jansson's fixups (a jansson that writes
 * reals with dtoa, shortest form, would differ there: still valid JSON that
 * reads back the same), strings escaped as it does.  A uint64 above
 * INT64_MAX (jansson's json_int_t is int64) is written as a string of its
 * decimal digits.  A key is NULL for a value inside an array.  Failures
 * (memory, nesting past JE_DEPTH, and in the tree a string that is not
 * UTF-8) are noted once in ok; the text does not check strings, so callers
 * clean theirs (snapshot_json and hugepage_consumers do).
 * Used by the snapshot room for its documents.
 */
#ifndef JSON_EMIT_H
#define JSON_EMIT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stream_buf.h"

#define JE_DEPTH 16

struct jemit {
	bool ok;
	bool text;                   /* text backend; else a tree */
	int depth;
	/* tree */
	json_t *root;
	json_t *open[JE_DEPTH];
	/* text */
	struct stream_buf out;
	bool first[JE_DEPTH];        /* nothing written yet in this container */
	bool is_array[JE_DEPTH];
};

void je_init_tree(struct jemit *e);
/* size_hint: the bytes the text is expected to take (0: none), allocated at once. */
void je_init_text(struct jemit *e, size_t size_hint);
/* The tree (caller owns it), or NULL after a failure (freed). */
json_t *je_take_tree(struct jemit *e);
/* The text with extra bytes appended and a NUL (caller frees), or NULL after a failure. */
char *je_take_text(struct jemit *e, const char *extra, size_t *len);
/*
 * The text backend writing into buf's memory (what it holds is dropped, its
 * room kept), and buf given it back with the text, extra and a NUL (buf->len
 * without the NUL): 0, or -1 after a failure (buf then holds no text, its
 * room still kept).  A caller that writes a line a tick allocates nothing.
 */
void je_init_text_into(struct jemit *e, struct stream_buf *buf);
int je_take_text_into(struct jemit *e, const char *extra, struct stream_buf *buf);

void je_object(struct jemit *e, const char *key);
void je_array(struct jemit *e, const char *key);
void je_end(struct jemit *e);
void je_null(struct jemit *e, const char *key);
void je_bool(struct jemit *e, const char *key, bool v);
void je_int(struct jemit *e, const char *key, int64_t v);
void je_u64(struct jemit *e, const char *key, uint64_t v);
/* je_int, or null when !has */
void je_opt_int(struct jemit *e, const char *key, bool has, int64_t v);
/* je_u64, or null when !has */
void je_opt_u64(struct jemit *e, const char *key, bool has, uint64_t v);
/* finite reals; anything else is null */
void je_real(struct jemit *e, const char *key, double v);
/* v must be valid UTF-8 */
void je_string(struct jemit *e, const char *key, const char *v);

#endif
