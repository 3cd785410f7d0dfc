/*
 * replay: a recording played back as a source (source.h).
 *
 * A recording is JSON lines: spdk-memtop snapshots (--record, the flight
 * recorder, `-b --json`) or the timeline form of ../shared/spdk/transcripts
 * ({"t": seconds, "response": <iobuf_get_stats reply>}), mixed freely.  Open
 * reads the whole file and checks every line: a line that is not JSON (a
 * write cut short by a kill) is skipped with a note naming file:line; JSON
 * that is not a snapshot stops the open with file:line and the field.  What
 * a timeline line does not hold (hugepages, options, version) stays unknown,
 * and its times are seconds from the capture's start (replay_relative()).
 *
 * Playback: a round yields the newest recorded snapshot that the playback
 * clock has reached (recorded time = anchor + wall time elapsed x speed),
 * waiting for the next one when none is new, so a dashboard ticking slower
 * than the recording sees what a longer live interval would (the counters
 * are cumulative: no retry is lost).  A recorded gap longer than
 * REPLAY_MAX_WAIT of wall time is crossed in that time.  Paused, no round
 * finishes.  After the last snapshot, replay_ended() and rounds never finish.
 * Unpaced (speed 0): every snapshot in order, each round at once (the
 * headless modes).  Seeking sets the next snapshot a round yields.
 */
#ifndef REPLAY_H
#define REPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "mt_error.h"
#include "snapshot.h"
#include "source.h"

#define REPLAY_MAX_WAIT 2.0    /* wall seconds: a longer recorded gap is crossed in this */
#define REPLAY_MAX_NOTES 4

struct replay;

/* speed: 1, 10, 100, ... or 0 for unpaced.  NULL with err (file:line: why). */
struct replay *replay_open(const char *path, double speed, struct mt_err *err);
void replay_free(struct replay *r);

/* The replay as a source owning r: closing the source frees it. */
void replay_as_source(struct replay *r, struct source *out);
/* The replay behind a source, or NULL when it is another kind. */
struct replay *replay_of_source(const struct source *s);

size_t replay_count(const struct replay *r);
/* Notes met while reading (torn lines skipped), NULL-free; n of them. */
const char *replay_note(const struct replay *r, size_t i);
size_t replay_note_count(const struct replay *r);
bool replay_relative(const struct replay *r);   /* timeline form: times from the start */
/* Recorded wall time of snapshot i (seconds from the start when relative). */
double replay_time(const struct replay *r, size_t i);
/* Decodes snapshot i; -1 with err (file:line) when it cannot (out of memory). */
int replay_get(const struct replay *r, size_t i, struct snapshot *out, struct mt_err *err);
/* The first snapshot recorded at or after `t` (replay_count() when none). */
size_t replay_find_time(const struct replay *r, double t);

/* The index the next round yields (replay_count() at the end). */
size_t replay_next(const struct replay *r);
/* The next round yields snapshot i, the playback clock anchored at its time. */
void replay_seek(struct replay *r, size_t i, double now);
void replay_set_paused(struct replay *r, bool paused, double now);
bool replay_paused(const struct replay *r);
void replay_set_speed(struct replay *r, double speed, double now);
double replay_speed(const struct replay *r);
bool replay_ended(const struct replay *r);

#endif
