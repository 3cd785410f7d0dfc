/*
 * mt_error: errors travel as values.
 *
 * A struct mt_err carries a numeric code and a message a user can act on
 * ("iobuf_get_stats: [1].large_pool.retry: expected a non-negative integer").
 * A struct mt_errlist collects the non-fatal errors met while building one
 * snapshot; it is bounded and never allocates.  Only main decides to exit.
 */
#ifndef MT_ERROR_H
#define MT_ERROR_H

#include <stddef.h>

#define MT_ERR_LEN 256
#define MT_ERRLIST_MAX 16

struct mt_err {
	int code;               /* SPDK JSON-RPC code, -errno, or 0 */
	char msg[MT_ERR_LEN];
};

struct mt_errlist {
	size_t n;
	size_t dropped;         /* errors beyond MT_ERRLIST_MAX */
	char msg[MT_ERRLIST_MAX][MT_ERR_LEN];
};

#if defined(__GNUC__)
#define MT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define MT_PRINTF(a, b)
#endif

/* Sets code and a formatted message; err may be NULL (then it is a no-op). */
void mt_err_set(struct mt_err *err, int code, const char *fmt, ...) MT_PRINTF(3, 4);
/* Prepends "prefix: " to an existing message (for adding context on the way up). */
void mt_err_prefix(struct mt_err *err, const char *fmt, ...) MT_PRINTF(2, 3);
void mt_err_clear(struct mt_err *err);

void mt_errlist_add(struct mt_errlist *list, const char *fmt, ...) MT_PRINTF(2, 3);
void mt_errlist_clear(struct mt_errlist *list);
/*
 * Back to its first n entries (n no more than it holds) and `dropped`
 * dropped, the texts after them zeroed: a list that was zero past its count
 * stays so, as a list built again from scratch would be (callers that reuse
 * a snapshot compare it byte for byte).
 */
void mt_errlist_truncate(struct mt_errlist *list, size_t n, size_t dropped);

#endif
