/*
 * mode_diff: `spdk-memtop diff A B [--json]`.
 *
 * Loads two baseline files (baseline_file.h: a snapshot, rpc.py
 * iobuf_get_stats output or the aggregate form), prints what changed from A
 * to B (baseline_diff.h) as a table or JSON to `out`, and returns the exit
 * status: CLI_EXIT_DIFF_RETRIES when retries rose from A to B, CLI_EXIT_OK
 * when not, CLI_EXIT_DIFF_BAD_FILE when a file cannot be read or decoded
 * (the message, naming the file and what was wrong, goes to `diag`).
 */
#ifndef MODE_DIFF_H
#define MODE_DIFF_H

#include <stdio.h>

#include "cli_options.h"

int mode_diff_run(const struct cli_options *o, FILE *out, FILE *diag);

#endif
