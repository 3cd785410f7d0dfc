/*
 * iobuf_summary: the per-pool totals a snapshot derives from its own iobuf
 * data (summed counters, cache reservation, utilization and its kind).  Pure;
 * a source calls it once per snapshot, so every snapshot's totals come from
 * one rule.  Sums saturate at UINT64_MAX (SPDK's counters are uint64).
 */
#ifndef IOBUF_SUMMARY_H
#define IOBUF_SUMMARY_H

#include "snapshot.h"

/*
 * Fills s->small and s->large from modules or aggregate and s->opts:
 * exact utilization from the rings or the aggregate form, else the caches' reservation
 * (sum of cache_size / pool count) when both are known, else unknown.
 */
void iobuf_summarize(struct iobuf_snapshot *s);

/*
 * A sum (counters, cache_size, ring capacity) or count x bufsize that would
 * pass UINT64_MAX stops there and sets the pool's `saturated`; this adds one
 * line per such pool to errors, so no one reads a wrapped or capped number
 * as a measurement.
 */
void iobuf_summary_note_saturated(const struct iobuf_snapshot *s, struct mt_errlist *errors);

#endif
