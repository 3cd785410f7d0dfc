/*
 * mt_text: the small text helpers parsers and messages share, so each
 * spells them once: a hex digit's value, and what a file that is not a
 * regular file is ("a FIFO", "a directory"), for errors that refuse it,
 * where a UTF-8 string may be cut without leaving half a character, a code
 * point in UTF-8, a long
 * path shortened for a message that must keep its remedy whole, a line
 * built piece by piece into a fixed buffer that says when it overflowed, and
 * strings joined into a buffer without a format to parse.
 */
#ifndef MT_TEXT_H
#define MT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "mt_error.h"

/* 0..15 for [0-9a-fA-F], else -1. */
int mt_hex_digit(int c);
/* "a directory", "a FIFO", "a socket", "a character device", "a block device", "not a file". */
const char *mt_file_kind(mode_t m);
/*
 * The length of the longest prefix of s, at most max bytes, that ends on a
 * character boundary (strlen(s) when it fits).  s is UTF-8, as jansson's
 * strings are; stray continuation bytes are stepped over the same way.
 */
size_t mt_utf8_fit(const char *s, size_t max);

/* Code point cp (below 0x110000) as UTF-8 in out; returns its bytes. */
size_t mt_utf8_encode(unsigned long cp, char out[4]);

/*
 * s itself when it is at most max bytes, else its head and its tail around
 * "..." in buf (cap bytes), max bytes in all, the tail (the file name) the
 * longer part; cut on character boundaries.  For paths in messages that end
 * with what the user should do, which MT_ERR_LEN must not cut.
 */
const char *mt_text_elide(const char *s, size_t max, char *buf, size_t cap);

/*
 * The strings up to the NULL one after another in buf, cut (by bytes) to
 * fit len; terminated when len > 0, untouched when len is 0 or buf NULL.
 * Returns buf.  snprintf("%s%s") without the format: for text drawn or
 * formatted every frame, where snprintf was a large part of the cost.
 */
char *mt_text_join(char *buf, size_t len, ...) __attribute__((sentinel));

/* A NUL-terminated line in buf[0..len); once a piece does not fit, full stays set. */
struct mt_line {
	char *buf;
	size_t len, used;
	bool full;
};

/* Appends a formatted piece; one that does not fit whole sets full, and nothing more is added. */
void mt_line_put(struct mt_line *l, const char *fmt, ...) MT_PRINTF(2, 3);

#endif
