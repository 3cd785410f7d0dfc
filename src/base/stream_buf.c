#include "stream_buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define STREAM_BUF_FIRST 256u
/* Past this, grow by half: a 32 MiB reply should not need a 64 MiB buffer. */
#define STREAM_BUF_DOUBLE_MAX (1u << 20)

int stream_buf_reserve(struct stream_buf *b, size_t n)
{
	size_t need, cap;
	char *p;

	if (b->head > 0 && (b->head == b->len || b->head >= b->cap / 2)) {
		memmove(b->data, b->data + b->head, b->len - b->head);
		b->len -= b->head;
		b->head = 0;
	}
	if (b->cap - b->len >= n)
		return 0;
	if (b->len > SIZE_MAX / 2 || n > SIZE_MAX / 2 - b->len)
		return -1;
	need = b->len + n;
	cap = b->cap ? b->cap : STREAM_BUF_FIRST;
	while (cap < need)
		cap = cap < STREAM_BUF_DOUBLE_MAX ? cap * 2 : cap + cap / 2;
	p = realloc(b->data, cap);
	if (!p)
		return -1;
	b->data = p;
	b->cap = cap;
	return 0;
}

int stream_buf_append(struct stream_buf *b, const void *p, size_t n)
{
	if (stream_buf_reserve(b, n) < 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

size_t stream_buf_pending(const struct stream_buf *b)
{
	return b->len - b->head;
}

void stream_buf_consume(struct stream_buf *b, size_t n)
{
	if (n >= b->len - b->head) {
		b->head = 0;
		b->len = 0;
		return;
	}
	b->head += n;
}

void stream_buf_reset(struct stream_buf *b, size_t keep)
{
	b->head = 0;
	b->len = 0;
	if (b->cap > keep) {
		free(b->data);
		b->data = NULL;
		b->cap = 0;
	}
}

void stream_buf_free(struct stream_buf *b)
{
	stream_buf_reset(b, 0);
}
