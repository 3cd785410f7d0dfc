/*
 * mode_check: --check, a monitoring plugin (Nagios/Icinga/Sensu convention).
 *
 * Takes two snapshots from the source on the tick schedule every headless
 * mode shares (mode_round.h: one interval apart, a recording's back to
 * back), runs the dashboard's alert rules with the same thresholds over
 * them (the second with its rates against the first), prints one line to
 * `out` - "SPDK-MEMTOP <STATUS> - <what> | <perfdata>" - or with --json one
 * object with the alerts and rates, and returns the status:
 * CLI_EXIT_CHECK_OK, _WARNING or _CRITICAL by the most severe active alert,
 * _UNKNOWN when the target did not answer or answered without iobuf stats
 * (either snapshot: nothing can be said about its pools), or the run was
 * stopped or the recording ended before the second snapshot.  Rules that
 * need a window longer than one interval (the leak rule) cannot fire here.
 */
#ifndef MODE_CHECK_H
#define MODE_CHECK_H

#include <stdio.h>

#include "cli_options.h"
#include "source.h"

int mode_check_run(const struct cli_options *o, struct source *src, FILE *out, int stop_fd);

#endif
