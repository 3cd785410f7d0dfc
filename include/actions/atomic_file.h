/*
 * atomic_file: a file replaced whole or not at all.
 *
 * The data goes to a temporary file in the same directory (mkostemp, so
 * O_CREAT|O_EXCL, never following a planted link), is written whole, gets
 * `mode`, is fsynced and renamed over `path`; then the directory is fsynced
 * so the new name survives a crash.  A reader sees the old file or the new
 * one, never a half-written one; on any error the temporary is removed and
 * `path` is as it was.  atomic_file_create() is the same but never replaces:
 * when `path` exists it fails with -EEXIST and changes nothing;
 * atomic_file_create_with() is that with the contents written by a callback
 * (a recording too large to hold whole in memory).  Not gated: the callers
 * in the actions room pass actions_check() first.  Errors name the path and the step that failed.
 */
#ifndef ATOMIC_FILE_H
#define ATOMIC_FILE_H

#include <stddef.h>
#include <sys/types.h>

#include "mt_error.h"

int atomic_file_write(const char *path, const void *data, size_t len, mode_t mode,
		      struct mt_err *err);
int atomic_file_create(const char *path, const void *data, size_t len, mode_t mode,
		       struct mt_err *err);
/* Writes the whole contents to fd: 0, or -1 with errno set. */
typedef int (*atomic_file_fill)(void *ctx, int fd);
int atomic_file_create_with(const char *path, atomic_file_fill fill, void *ctx, mode_t mode,
			    struct mt_err *err);
/* write(2) until all of data is written (EINTR retried): 0, or -1 with errno set. */
int atomic_file_write_all(int fd, const void *data, size_t len);
/* A fill that writes one buffer: ctx is a struct atomic_file_span. */
struct atomic_file_span {
	const void *data;
	size_t len;
};
int atomic_file_fill_span(void *ctx, int fd);
/* mkdir -p with mode 0700 for the parts it creates (state directories are private). */
int atomic_file_mkdirs(const char *dir, struct mt_err *err);

#endif
