/*
 * signal_exit: end the process the way the signal that stopped it asked.
 *
 * The dashboard turns every ending signal into an event, restores the terminal
 * and returns 128 + the signal.  For most signals that status is the end; a
 * signal whose default action also dumps core (SIGQUIT, Ctrl-\) must still
 * produce the core, so signal_exit_finish() puts back the default action,
 * unblocks the signal and raises it.  Call it last, after every clean-up.
 */
#ifndef SIGNAL_EXIT_H
#define SIGNAL_EXIT_H

#include <stdbool.h>

/* True for the signals whose default action is to dump core. */
bool signal_dumps_core(int signo);

/* Returns rc unless rc is 128 + a core-dumping signal: then it dies of that signal. */
int signal_exit_finish(int rc);

#endif
