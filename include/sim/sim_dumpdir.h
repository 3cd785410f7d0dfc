/*
 * sim_dumpdir: where env_dpdk_get_mem_stats writes its file.
 *
 * By default a private directory, made on the first dump with mkdtemp under
 * $TMPDIR (or /tmp), so mode 0700, and removed with its file by
 * sim_dumpdir_close() on a clean exit.  With --dump-dir DIR the file goes into
 * DIR, which must be a directory already, and stays there after exit, as SPDK
 * leaves its /tmp/spdk_mem_dump.txt.  A dump goes to a temporary file in the
 * same directory and is renamed over the old one: a reader opening the path
 * gets the previous dump or the new one, never half of one.
 */
#ifndef SIM_DUMPDIR_H
#define SIM_DUMPDIR_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "mt_error.h"

#define SIM_DUMP_FILE "spdk_mem_dump.txt"      /* SPDK's name for it */

struct sim_dumpdir {
	char dir[PATH_MAX];     /* "" until the private directory is made */
	bool chosen;            /* --dump-dir: never removed */
};

/* chosen: a directory that must exist, or NULL for a private one.  0 or -1. */
int sim_dumpdir_open(struct sim_dumpdir *d, const char *chosen, struct mt_err *err);
/* Replaces the dump with text[0, len); path gets its name.  0, or -1 with err set. */
int sim_dumpdir_write(struct sim_dumpdir *d, const char *text, size_t len, char *path,
		      size_t cap, struct mt_err *err);
/* Removes the private directory and its dump; a chosen one is left alone. */
void sim_dumpdir_close(struct sim_dumpdir *d);

#endif
