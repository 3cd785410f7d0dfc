/*
 * recorder: snapshots written to files, the two ways replay.h reads back.
 *
 * --record FILE appends one compact snapshot JSON line per tick with a
 * single write(2), so a process killed at any moment leaves every complete
 * line in the kernel and at most one torn last line (which replay skips);
 * a file that ends torn when opened gets a newline first, so the next line
 * starts clean.  With max_bytes > 0 a line that would take FILE past it
 * rotates first: FILE.8 -> FILE.9 (the oldest, FILE.9, is replaced), ...,
 * FILE -> FILE.1, then a new FILE.  recorder_tee() puts the recorder between
 * a source and its mode: every snapshot taken is appended, and a failure to
 * write lands in that snapshot's errors (the mode shows it).
 *
 * recorder_dump() writes a whole recording at once, atomically: a temporary
 * file in the same directory, fsync, rename, fsync of the directory; the
 * directory is made (0700) when missing.  It never replaces a file: when
 * dir/name exists it writes dir/name-1.ext, -2, ... (up to 99).  Both pass actions_check() first,
 * so --read-only refuses them before a file is touched.
 */
#ifndef RECORDER_H
#define RECORDER_H

#include <limits.h>
#include <stddef.h>

#include "actions.h"
#include "atomic_file.h"
#include "snapshot.h"
#include "source.h"

#define RECORD_KEEP 9   /* rotated files kept: FILE.1 (newest) .. FILE.9 */

struct recorder;

/* NULL with res (REFUSED under --read-only, FAILED with the file's error). */
struct recorder *recorder_open(const struct actions *a, const char *path, size_t max_bytes,
			       struct action_result *res);
void recorder_close(struct recorder *rec);
/* One line; 0, or -1 with err ("FILE: write: No space left on device"). */
int recorder_append(struct recorder *rec, const struct snapshot *s, struct mt_err *err);
size_t recorder_lines(const struct recorder *rec);   /* appended since open */

/*
 * *out takes inner's rounds and appends each snapshot to rec.  Closing *out
 * closes inner and rec too (both then belong to it).
 */
void recorder_tee(struct recorder *rec, struct source *inner, struct source *out);

/*
 * Writes data (JSON lines) as dir/name atomically.  0 with res OK and the
 * path in its message, or -1 with res saying why (nothing left behind).
 */
int recorder_dump(const struct actions *a, const char *dir, const char *name, const char *data,
		  size_t len, struct action_result *res);
/* The same with the lines written by fill (atomic_file.h): a ring dumped a line at a time. */
int recorder_dump_with(const struct actions *a, const char *dir, const char *name,
		       atomic_file_fill fill, void *ctx, struct action_result *res);

#endif
