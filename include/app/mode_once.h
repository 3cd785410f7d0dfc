/*
 * mode_once: the headless modes, --once and -b (batch), like `top -b -n N`.
 *
 * Collects count snapshots (0 = until stopped) from a source, one interval
 * apart on the tick schedule every mode shares (tick_schedule.h: a round
 * that overruns skips the ticks it missed), each with source_run_blocking(),
 * and writes each to `out` as
 * the text report (with rates from the second on; --once adds the sizing
 * advisor's advice on its one snapshot, advisor_write_text) or as JSON: pretty-printed
 * for --once, one compact object per line (JSON lines) for -b.  Waiting
 * between snapshots is a poll on stop_fd, so a signal that makes stop_fd
 * readable ends the run at once.  When the target cannot be reached the
 * snapshot is still written (hugepages and all) and the reason goes to
 * `diag` as well.  Returns an enum cli_exit: CLI_EXIT_UNREACHABLE if any
 * snapshot found the target unreachable, else CLI_EXIT_NO_IOBUF if any had
 * no iobuf stats from a target that answered (snapshot_lacks_iobuf, said
 * once per stretch on `diag`); CLI_EXIT_FAILURE if output failed.
 * A recorded source (--replay) is read back to back, not on the schedule,
 * and the run ends with the recording.
 */
#ifndef MODE_ONCE_H
#define MODE_ONCE_H

#include <stdio.h>

#include "actions.h"
#include "cli_options.h"
#include "source.h"

int mode_once_run(const struct cli_options *o, struct source *src, FILE *out, FILE *diag,
		  int stop_fd);
/*
 * The same, and with o->prometheus_textfile the file rewritten after every
 * snapshot through act (app_export.h); a failure, or a refusal under
 * --read-only, is said on diag once (again only when it changes).
 */
int mode_once_run_act(const struct cli_options *o, struct source *src, struct actions *act,
		      FILE *out, FILE *diag, int stop_fd);

#endif
