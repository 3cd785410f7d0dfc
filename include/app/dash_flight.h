/*
 * dash_flight: the flight recorder's ring written out, by `w` or on the
 * first critical alert of an episode (--flight-dir).
 *
 * The file is a recording (replay.h reads it) named
 * flight-<target>-<UTC time of the newest snapshot>-<its seq>.jsonl, written
 * atomically a line at a time, never whole in memory, by recorder_dump_with()
 * (so --read-only refuses it) into --flight-dir, else
 * $XDG_STATE_HOME/spdk-memtop/flight, else
 * ~/.local/state/spdk-memtop/flight.  The outcome is one footer line.
 */
#ifndef DASH_FLIGHT_H
#define DASH_FLIGHT_H

#include <stddef.h>

#include "actions.h"
#include "flight_ring.h"
#include "snapshot.h"

/* 0 when written; note gets "flight recorder: wrote PATH (N snapshots)" or why not. */
int dash_flight_write(const struct flight_ring *f, const struct actions *act,
		      const char *flight_dir, const struct snapshot *newest, char *note,
		      size_t len);

/* The directory: flight_dir, else the XDG state one; "" when none can be named. */
void dash_flight_dir(const char *flight_dir, char *buf, size_t len);

#endif
