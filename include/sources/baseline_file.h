/*
 * baseline_file: a baseline read from a file, as a snapshot.
 *
 * Three forms are read: a spdk-memtop snapshot (schema spdk-memtop/snapshot/1,
 * what `b` saves and `--once --json` prints), the raw stdout of
 * `rpc.py iobuf_get_stats` (the per-module array, or a whole JSON-RPC
 * response holding it), and the aggregate form
 * ({"small_pool":{"retry_count":...},...}).  The last two hold only iobuf
 * counters: the baseline says so (has_hugepages, has_options, has_time
 * false) so callers show those parts as unknown, never as zero; their time
 * is the file's modification time, flagged as such.  Errors name the file
 * and what was wrong in it (line and column for bad JSON, the field path
 * for a wrong shape).  Files larger than BASELINE_MAX_BYTES are refused.
 */
#ifndef BASELINE_FILE_H
#define BASELINE_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "mt_error.h"
#include "snapshot.h"

#define BASELINE_MAX_BYTES (16u * 1024 * 1024)
#define BASELINE_PATH_LEN 4096

enum baseline_form {
	BASELINE_SNAPSHOT = 0,   /* a spdk-memtop snapshot */
	BASELINE_RPC_STATS,      /* rpc.py iobuf_get_stats stdout (per-module array) */
	BASELINE_AGGREGATE,      /* the aggregate object */
};

struct baseline {
	struct snapshot snap;
	enum baseline_form form;
	bool has_hugepages;      /* the file holds hugepage figures */
	bool has_options;        /* ... the iobuf options (pool counts, buffer sizes) */
	bool has_time;           /* snap.wall was recorded; else it is the file's mtime */
	char path[BASELINE_PATH_LEN];
};

const char *baseline_form_name(enum baseline_form f);   /* "snapshot", "rpc.py", "aggregate" */

/* Whether a snapshot holds hugepage figures (what has_hugepages says of a file). */
bool baseline_snapshot_has_hugepages(const struct snapshot *s);

/* Decodes text (name is how errors call it).  0, or -1 with err set. */
int baseline_parse(const char *text, size_t len, const char *name, struct baseline *out,
		   struct mt_err *err);
/* Reads and decodes path; the snapshot's time falls back to the file's mtime. */
int baseline_load(const char *path, struct baseline *out, struct mt_err *err);

#endif
