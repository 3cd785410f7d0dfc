/*
 * proc_file: bounded readers of procfs files below a directory fd, for the
 * hugepage consumers scan.
 *
 * Opened as hugepages_read.h's hp_open_file opens (O_NONBLOCK, so a FIFO
 * with no writer cannot hang the open; then only a regular file is read: a
 * FIFO, a device or a directory put in a copied tree is refused unread),
 * read in fixed chunks, never more than max bytes.  Return 0 or -errno;
 * HP_ERR_NOT_FILE for a file that is not a regular file, -EISDIR for a
 * directory, -EFBIG past max.
 */
#ifndef PROC_FILE_H
#define PROC_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "hugepages_read.h"

/* fn gets the file's bytes in order, in chunks of any size. */
typedef void (*proc_file_chunk_fn)(void *ctx, const char *buf, size_t n);
int proc_file_stream(int dirfd, const char *rel, uint64_t max, proc_file_chunk_fn fn, void *ctx);

/*
 * The reading half, for a caller that opened the file itself (and says
 * its own things about that): fd to its end, or -EFBIG before the byte
 * past max, or -errno of a failed read.  fd stays open.
 */
int proc_file_pump(int fd, uint64_t max, proc_file_chunk_fn fn, void *ctx);

/* The first line of a small file (comm), without its newline, cut to fit len. */
int proc_file_line(int dirfd, const char *rel, char *buf, size_t len);

#endif
