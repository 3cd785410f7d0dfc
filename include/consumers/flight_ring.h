/*
 * flight_ring: the last minutes of snapshots, kept in memory as the JSON
 * lines a recording holds, most of them as their difference from the line
 * before (flight_ring_delta.h): from one tick to the next a few numbers
 * change, so a line of 3 KiB (2 nodes) to 14 KiB (64 nodes) is kept in tens
 * to hundreds of bytes.  The oldest line is always whole; when it goes, the
 * next is rebuilt whole in its place.
 *
 * Bounded twice: lines older than `seconds` before the newest one's wall
 * time go, and so do the oldest once the ring holds (stored, not rebuilt)
 * more than max_bytes.  flight_ring_text() and flight_ring_each_line() hand
 * the whole ring back as one recording (replay.h reads it), oldest first,
 * each line byte for byte what snapshot_to_json_line() wrote for its
 * snapshot.  The flight recorder's
 * episode rule lives here too, pure: flight_ring_should_dump() says whether a
 * critical alert that just started deserves an automatic dump (first of an
 * episode, at most one per FLIGHT_DUMP_SPACING seconds of the snapshots' own
 * clock).
 */
#ifndef FLIGHT_RING_H
#define FLIGHT_RING_H

#include <stdbool.h>
#include <stddef.h>

#include "mt_error.h"
#include "snapshot.h"

#define FLIGHT_DEFAULT_MINUTES 15
/*
 * The byte bound the dashboard uses, a backstop: 15 minutes of deltas take
 * 0.1 MiB (2 nodes) to 0.8 MiB (64 nodes, every node's MemFree moving), so
 * it only bites when lines stop shrinking (a target whose shape changes
 * every tick, or a long --flight-minutes).  It is what the 8 MiB RSS budget
 * (docs/PERFORMANCE.md) leaves over the 6 MiB the dashboard takes at 64
 * nodes without the recorder; whole lines, it still holds 145 of 64 nodes.
 */
#define FLIGHT_MAX_BYTES (2UL * 1024 * 1024)
#define FLIGHT_DUMP_SPACING 600.0   /* seconds between automatic dumps */

struct flight_ring;

/* NULL when out of memory. */
struct flight_ring *flight_ring_new(double seconds, size_t max_bytes);
void flight_ring_free(struct flight_ring *f);
/*
 * Appends s; -1 with err when memory runs out: s is not kept, or (when the
 * oldest line could not be let go) the ring stays over its bounds until a
 * later push.
 */
int flight_ring_push(struct flight_ring *f, const struct snapshot *s, struct mt_err *err);
size_t flight_ring_count(const struct flight_ring *f);
/* The bytes the lines take as kept (deltas), not as flight_ring_text() gives them. */
size_t flight_ring_bytes(const struct flight_ring *f);
/* The lines, oldest first, as one malloc'd text (*len bytes); NULL when out of memory. */
char *flight_ring_text(const struct flight_ring *f, size_t *len);
/*
 * The same a line at a time, so that a dump need not hold the whole text
 * (13 MiB for 15 minutes at 64 nodes): fn gets each line whole, its newline
 * included, in a buffer valid until fn returns.  0; or -1 when fn returned
 * -1 (it stops there) or memory ran out (errno ENOMEM).
 */
typedef int (*flight_line_fn)(void *ctx, const char *line, size_t len);
int flight_ring_each_line(const struct flight_ring *f, flight_line_fn fn, void *ctx);

/*
 * Call once per tick with whether any critical alert is active and the
 * tick's mono time: true on the tick an episode (critical active after none)
 * starts, unless the last automatic dump is younger than FLIGHT_DUMP_SPACING.
 */
bool flight_ring_should_dump(struct flight_ring *f, bool critical_active, double mono);

#endif
