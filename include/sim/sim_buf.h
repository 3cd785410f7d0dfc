/*
 * sim_buf: a growable byte buffer (request input, reply text, socket output).
 *
 * Appending never truncates: it grows the buffer or fails with -1 (ENOMEM)
 * and leaves the content as it was.  Bytes are consumed from the front at
 * once, so data[0, len) is always the content.  Growing is the framing
 * library's stream_buf_reserve(), the one growth rule of client and simulator.
 */
#ifndef SIM_BUF_H
#define SIM_BUF_H

#include <stddef.h>

#include "mt_error.h"

struct sim_buf {
	char *data;
	size_t len, cap;
};

int sim_buf_append(struct sim_buf *b, const void *p, size_t n);
int sim_buf_puts(struct sim_buf *b, const char *s);
int sim_buf_printf(struct sim_buf *b, const char *fmt, ...) MT_PRINTF(2, 3);
/* Makes room for n more bytes at data + len (for read(2)); 0 or -1. */
int sim_buf_reserve(struct sim_buf *b, size_t n);
/* Drops the first n bytes. */
void sim_buf_consume(struct sim_buf *b, size_t n);
void sim_buf_free(struct sim_buf *b);

#endif
