/*
 * dashboard: the interactive terminal UI, entry point called by main.
 *
 * main calls dashboard_run() when neither --once nor -b was given, after it
 * has parsed the options, opened the source and the actions (both borrowed:
 * main frees them after the call) and, with --demo, started the simulator.
 * The dashboard owns the terminal until it returns, drives the source and
 * the actions from its own poll loop on the shared tick schedule, and
 * returns an enum cli_exit (0 when the user quits).  It must not exit() or
 * leave the terminal changed.
 *
 * Signals: for the duration of the call main catches SIGINT, SIGTERM and
 * SIGHUP with a handler that (with --demo) kills the simulator and removes
 * its directory using async-signal-safe calls only, then dies of the signal.
 * To restore the terminal first, install your own handlers for these signals
 * (e.g. a flag your loop checks) and return from dashboard_run(); main then
 * stops the demo the ordinary way.
 */
#ifndef DASHBOARD_H
#define DASHBOARD_H

#include "actions.h"
#include "cli_options.h"
#include "source.h"

int dashboard_run(const struct cli_options *opts, struct source *src, struct actions *act);

#endif
