/*
 * app_thresholds: the alert thresholds the command line (and settings file)
 * asked for, so the dashboard, --check and anything else that raises alerts
 * use one rule set with the same numbers.
 */
#ifndef APP_THRESHOLDS_H
#define APP_THRESHOLDS_H

#include "alerts.h"
#include "cli_options.h"

void thresholds_from_opts(const struct cli_options *o, struct alert_thresholds *t);

#endif
