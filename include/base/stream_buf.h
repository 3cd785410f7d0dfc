/*
 * stream_buf: the bytes of a socket stream not yet framed or not yet sent.
 *
 * data[head, len) is the content; data[len, cap) is room.  Consuming only
 * moves head, and stream_buf_reserve() moves the content back to the front
 * when that is cheap (empty, or head past half the buffer), so a reader that
 * frames values off the front and a writer that sends from it both stay
 * linear.  Growing never truncates: it succeeds or fails with -1 (ENOMEM, or
 * a size beyond SIZE_MAX / 2) and leaves the content as it was.
 * Part of the framing code shared by the client and the simulator.
 */
#ifndef STREAM_BUF_H
#define STREAM_BUF_H

#include <stddef.h>

struct stream_buf {
	char *data;
	size_t head; /* bytes before head are consumed */
	size_t len;
	size_t cap;
};

/* Room for n more bytes at data + len (for read(2)); may move the content to the front. */
int stream_buf_reserve(struct stream_buf *b, size_t n);
int stream_buf_append(struct stream_buf *b, const void *p, size_t n);
/* Bytes not consumed yet. */
size_t stream_buf_pending(const struct stream_buf *b);
/* Drops the first n pending bytes (all of them when n is larger). */
void stream_buf_consume(struct stream_buf *b, size_t n);
/* Empties the buffer and frees its storage when that is larger than keep bytes. */
void stream_buf_reset(struct stream_buf *b, size_t keep);
void stream_buf_free(struct stream_buf *b);

#endif
