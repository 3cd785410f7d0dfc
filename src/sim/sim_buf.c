#include "sim_buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stream_buf.h"

/* Consumed bytes leave at once here, so a sim_buf is a stream buffer whose head stays 0. */
static struct stream_buf as_stream(const struct sim_buf *b)
{
	return (struct stream_buf){ .data = b->data, .head = 0, .len = b->len, .cap = b->cap };
}

static void take_stream(struct sim_buf *b, const struct stream_buf *s)
{
	b->data = s->data;
	b->len = s->len;
	b->cap = s->cap;
}

int sim_buf_reserve(struct sim_buf *b, size_t n)
{
	struct stream_buf s = as_stream(b);
	int rc = stream_buf_reserve(&s, n);

	take_stream(b, &s);
	return rc;
}

int sim_buf_append(struct sim_buf *b, const void *p, size_t n)
{
	struct stream_buf s = as_stream(b);
	int rc = stream_buf_append(&s, p, n);

	take_stream(b, &s);
	return rc;
}

int sim_buf_puts(struct sim_buf *b, const char *s)
{
	return sim_buf_append(b, s, strlen(s));
}

int sim_buf_printf(struct sim_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || sim_buf_reserve(b, (size_t)n + 1) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void sim_buf_consume(struct sim_buf *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
		return;
	}
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
}

void sim_buf_free(struct sim_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
