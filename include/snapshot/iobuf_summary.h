/*
 * iobuf_summary: the per-pool totals a snapshot derives from its own iobuf
 * data (summed counters, cache reservation, utilization and its kind).  Pure;
 * a source calls it once per snapshot, so every snapshot's totals come from
 * one rule.
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

#endif
