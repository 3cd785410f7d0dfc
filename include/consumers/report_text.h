/*
 * report_text: a snapshot as a readable table, like `top -b -n 1`.
 *
 * Pure formatting to a FILE: target line, iobuf pools (with the utilization
 * kind spelled out), per-module counters (and rates when given), hugepages
 * per node and page size, globals, and every collection error.
 */
#ifndef REPORT_TEXT_H
#define REPORT_TEXT_H

#include <stdio.h>

#include "iobuf_rates.h"
#include "snapshot.h"

/* rates may be NULL (first snapshot: counters only). */
void report_text_write(FILE *out, const struct snapshot *s, const struct iobuf_rates *rates);

#endif
