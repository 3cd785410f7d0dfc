/*
 * mode_once: the headless modes, --once and -b (batch), like `top -b -n N`.
 *
 * Collects count snapshots (0 = until stopped) from a source, one interval
 * apart on the tick schedule every mode shares (tick_schedule.h: a round
 * that overruns skips the ticks it missed), each with source_run_blocking(),
 * and writes each to `out` as
 * the text report (with rates from the second on) or as JSON: pretty-printed
 * for --once, one compact object per line (JSON lines) for -b.  Waiting
 * between snapshots is a poll on stop_fd, so a signal that makes stop_fd
 * readable ends the run at once.  When the target cannot be reached the
 * snapshot is still written (hugepages and all) and the reason goes to
 * `diag` as well.  Returns an enum cli_exit: CLI_EXIT_UNREACHABLE if any
 * snapshot found the target unreachable, CLI_EXIT_FAILURE if output failed.
 * A recorded source (--replay) is read back to back, not on the schedule,
 * and the run ends with the recording.
 */
#ifndef MODE_ONCE_H
#define MODE_ONCE_H

#include <stdio.h>

#include "cli_options.h"
#include "source.h"

int mode_once_run(const struct cli_options *o, struct source *src, FILE *out, FILE *diag,
		  int stop_fd);

#endif
