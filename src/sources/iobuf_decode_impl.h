/*
 * iobuf_decode_impl: the rules both readers of iobuf replies share, the
 * jansson tree's (iobuf_decode.c) and the reply text's
 * (iobuf_decode_text.c), so the two cannot drift: what a counter may be,
 * which members each pool has, how errors and warnings are worded, and how
 * module names are cut and kept distinct.  A reader turns each value it
 * meets into a struct jval and leaves the judging to these functions.
 * Error paths read like "[1].large_pool.retry"; errors are "method: path:
 * what" with code -EINVAL; warnings have code 0 and join with "; ".
 */
#ifndef IOBUF_DECODE_IMPL_H
#define IOBUF_DECODE_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mt_error.h"
#include "snapshot.h"

#define IOBUF_M_STATS "iobuf_get_stats"
#define IOBUF_M_METHODS "rpc_get_methods"
/* rpc_get_methods: what the result and each of its elements must be. */
#define IOBUF_METHODS_EXPECTED "an array of method names"
#define IOBUF_METHOD_EXPECTED "a string"
/* Listed as current only while the target waits for it (--wait-for-rpc). */
#define IOBUF_START_INIT "framework_start_init"
#define IOBUF_POOL_FIELDS 4

enum jkind {
	JK_OBJECT,
	JK_ARRAY,
	JK_STRING,
	JK_INTEGER, /* within int64 */
	JK_BIG,     /* an integer token outside int64 (json_bigint.h) */
	JK_REAL,
	JK_BOOLEAN,
	JK_NULL,
};

/* One value as the rules see it, whoever read it. */
struct jval {
	enum jkind kind;
	int64_t i;       /* JK_INTEGER */
	double d;        /* JK_REAL */
	const char *big; /* JK_BIG: the token as written, sign included */
	size_t nbig;
};

struct jpath {
	char s[96];
};

/* A counter of a pool object: required, or optional with a presence flag. */
struct iobuf_u64_field {
	const char *key;
	size_t off;     /* of the uint64_t in the pool struct */
	ptrdiff_t has;  /* of its bool "present", or -1 when required */
};

/* struct iobuf_pool_counters and struct iobuf_pool_aggregate, in the order checked. */
extern const struct iobuf_u64_field iobuf_module_pool_fields[IOBUF_POOL_FIELDS];
extern const struct iobuf_u64_field iobuf_aggregate_pool_fields[IOBUF_POOL_FIELDS];

/* The names as the target sent them, of the modules a snapshot keeps. */
struct iobuf_names {
	bool cut[SNAP_MAX_MODULES];
	const char *full[SNAP_MAX_MODULES]; /* at least its first SNAP_NAME_LEN bytes, NUL-terminated */
	size_t len[SNAP_MAX_MODULES];       /* the whole name's length */
};

void jpath_member(struct jpath *out, const char *base, const char *key);
void jpath_index(struct jpath *out, const char *base, size_t i);
/* "object", "array", "string", "integer" (JK_BIG too), "real", "boolean", "null". */
const char *jkind_name(enum jkind k);

/* "method: path: what", or "method: what" when the path is empty.  Returns -1. */
int iobuf_fail(struct mt_err *err, const char *method, const char *path, const char *fmt, ...)
	MT_PRINTF(4, 5);
/* v is the member at path (NULL: missing) that must be of kind want, described as expected. */
int iobuf_need(const struct jval *v, enum jkind want, const char *expected, const char *method,
	       const char *path, struct mt_err *err);
/*
 * The member key of the object at base (v NULL: missing) as a non-negative
 * integer.  With present == NULL it is required; otherwise its absence (or
 * null) only clears *present.
 */
int iobuf_read_u64(const struct jval *v, const char *method, const char *base, const char *key,
		   uint64_t *out, bool *present, struct mt_err *err);
/* iobuf_read_u64 of field f into the pool struct at pool. */
int iobuf_read_field(const struct iobuf_u64_field *f, const struct jval *v, const char *method,
		     const char *base, void *pool, struct mt_err *err);
/* Appends a warning (code 0) to those already in err. */
void iobuf_warn(struct mt_err *err, const char *fmt, ...) MT_PRINTF(2, 3);
/*
 * Copies a name into dst, cut to dst_len - 1 bytes on a UTF-8 character
 * boundary; src is NUL-terminated and holds the name's first dst_len bytes
 * (or all of it), len is the whole name's length.  True when it was cut.
 */
bool iobuf_copy_name(char *dst, size_t dst_len, const char *src, size_t len);

/* The stats part of *out emptied: no form, no modules, no aggregate. */
void iobuf_stats_clear(struct iobuf_snapshot *out);
/* Module i's name (if i is kept) from the target's full name. */
void iobuf_take_name(struct iobuf_names *names, size_t i, char *dst, const char *full, size_t len);
/*
 * n modules decoded: keeps the first SNAP_MAX_MODULES, sets the form, and
 * warns of modules dropped and of cut names (made distinct with "~2", ...).
 */
void iobuf_finish_per_module(struct iobuf_snapshot *out, size_t n, const struct iobuf_names *names,
			     struct mt_err *err);

#endif
