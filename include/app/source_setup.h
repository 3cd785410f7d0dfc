/*
 * source_setup: the source a run takes, from the command line.
 *
 * --replay FILE plays a recording (paced for the dashboard, back to back for
 * --once and -b), else the live collector; --record FILE then puts the
 * recorder behind it (recorder_tee), which passes the actions' --read-only
 * gate first.  Problems are printed on diag as one line each; the return
 * value is an enum cli_exit: CLI_EXIT_USAGE when --record meets --read-only
 * (both named), CLI_EXIT_FAILURE for a recording that cannot be read or a
 * file that cannot be opened.  A replay's notes (torn lines skipped) go to
 * diag in the headless modes; the dashboard shows them itself.
 */
#ifndef SOURCE_SETUP_H
#define SOURCE_SETUP_H

#include <stdio.h>

#include "actions.h"
#include "cli_options.h"
#include "collector.h"
#include "source.h"

int source_setup(const struct cli_options *o, const struct collector_config *cfg,
		 const struct rpc_addr *addr, const struct actions *act, struct source *out,
		 FILE *diag);

#endif
