/*
 * flight_ring: the last minutes of snapshots, kept in memory as the JSON
 * lines a recording holds (a few KiB each, not a struct snapshot's tens).
 *
 * Bounded twice: lines older than `seconds` before the newest one's wall
 * time go, and so do the oldest once the ring holds more than max_bytes.
 * flight_ring_text() hands the whole ring back as one recording (replay.h
 * reads it), oldest first.  The flight recorder's episode rule lives here
 * too, pure: flight_ring_should_dump() says whether a critical alert that
 * just started deserves an automatic dump (first of an episode, at most one
 * per FLIGHT_DUMP_SPACING seconds of the snapshots' own clock).
 */
#ifndef FLIGHT_RING_H
#define FLIGHT_RING_H

#include <stdbool.h>
#include <stddef.h>

#include "mt_error.h"
#include "snapshot.h"

#define FLIGHT_DEFAULT_MINUTES 15
#define FLIGHT_MAX_BYTES (256UL * 1024 * 1024)
#define FLIGHT_DUMP_SPACING 600.0   /* seconds between automatic dumps */

struct flight_ring;

/* NULL when out of memory. */
struct flight_ring *flight_ring_new(double seconds, size_t max_bytes);
void flight_ring_free(struct flight_ring *f);
/* Appends s; -1 with err when it cannot be encoded (out of memory: the ring is unchanged). */
int flight_ring_push(struct flight_ring *f, const struct snapshot *s, struct mt_err *err);
size_t flight_ring_count(const struct flight_ring *f);
size_t flight_ring_bytes(const struct flight_ring *f);
/* The lines, oldest first, as one malloc'd text (*len bytes); NULL when out of memory. */
char *flight_ring_text(const struct flight_ring *f, size_t *len);

/*
 * Call once per tick with whether any critical alert is active and the
 * tick's mono time: true on the tick an episode (critical active after none)
 * starts, unless the last automatic dump is younger than FLIGHT_DUMP_SPACING.
 */
bool flight_ring_should_dump(struct flight_ring *f, bool critical_active, double mono);

#endif
