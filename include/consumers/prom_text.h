/*
 * prom_text: a snapshot in Prometheus' text exposition format (0.0.4).
 *
 * Every metric is named spdk_memtop_*, has one HELP and one TYPE line before
 * its samples, and every sample carries the `target` label (the address as
 * given).  Label values are escaped as the format says (backslash, double
 * quote, line feed); HELP texts escape backslash and line feed.  What the
 * snapshot does not hold is left out, never written as 0: no iobuf samples
 * while the target is unreachable, no options before framework_get_config
 * answered, no per-module samples for the aggregate form.  The names, types,
 * units and labels are documented in docs/metrics.md; the counters are
 * SPDK's cumulative counters, which fall when I/O channels close (a reset to
 * Prometheus' rate(), as to ours).  Pure: writes only to `out`.
 */
#ifndef PROM_TEXT_H
#define PROM_TEXT_H

#include <stdio.h>

#include "snapshot.h"

/* Escapes a label value into buf (always NUL-terminated, cut if too long). */
void prom_escape_label(const char *in, char *buf, size_t len);

/* The whole exposition of one snapshot; the caller checks ferror(out). */
void prom_text_write(FILE *out, const struct snapshot *s);

#endif
