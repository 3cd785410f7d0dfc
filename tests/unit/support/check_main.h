/*
 * check_main: how every unit test runs its suite.
 *
 * run_suite() runs the suite with check's defaults (each test forked), prints
 * as CK_VERBOSITY asks (normal when unset), frees the runner and returns the
 * exit status for main(): EXIT_SUCCESS only when no test failed or errored.
 */
#ifndef CHECK_MAIN_H
#define CHECK_MAIN_H

#include <check.h>

int run_suite(Suite *s);

#endif
