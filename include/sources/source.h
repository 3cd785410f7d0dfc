/*
 * source: where snapshots come from, behind one non-blocking shape.
 *
 * A mode (dashboard, --once, batch) holds a struct source and never knows
 * whether it is the live collector (RPC + sysfs, collector.h), a recording
 * played back, or a test's scripted list.  A round: begin() at a tick, then
 * poll the fd pollfd() names (if any) until next_deadline(), step() with what
 * poll saw until it returns true, take() the snapshot.  begin() while a round
 * runs abandons it.  A source bounds every round itself (the live one by its
 * RPC deadline), so a caller that follows next_deadline() never waits long.
 */
#ifndef SOURCE_H
#define SOURCE_H

#include <poll.h>
#include <stdbool.h>

#include "snapshot.h"

struct source_ops {
	const char *kind;                                  /* "live", "replay", ... */
	void (*begin)(void *impl, double now);
	bool (*pollfd)(const void *impl, struct pollfd *pfd);
	double (*next_deadline)(const void *impl);         /* INFINITY: idle; 0: done */
	bool (*step)(void *impl, short revents, double now);
	void (*take)(void *impl, struct snapshot *out);
	void (*reconnect)(void *impl);                     /* NULL: nothing to reconnect */
	void (*destroy)(void *impl);                       /* NULL: borrowed, nothing to free */
	bool (*ended)(const void *impl);                   /* NULL: never ends */
	/* We changed the target (an action): what the source keeps between rounds is out of date. */
	void (*target_changed)(void *impl);                /* NULL: nothing kept */
	/* The costly figures (SPDK's heap dump) at the next round; NULL: none to ask. */
	void (*request_mem_stats)(void *impl);
	/* Played from a recording: headless modes take rounds back to back, not on a clock. */
	bool recorded;
};

struct source {
	const struct source_ops *ops;
	void *impl;
};

void source_begin(struct source *s, double now);
/* Fills pfd and returns true when the round (or replies it still owes) waits on an fd. */
bool source_pollfd(const struct source *s, struct pollfd *pfd);
double source_next_deadline(const struct source *s);
/* Advances the round with what poll saw (0 if nothing); true once a snapshot is ready. */
bool source_step(struct source *s, short revents, double now);
void source_take(struct source *s, struct snapshot *out);
/* Drops a connection and its backoff so the next round connects at once (if any). */
void source_reconnect(struct source *s);
/* SPDK's heap per node at the next round, whatever its timer; false if the source has none. */
bool source_request_mem_stats(struct source *s);
/* Says the target was changed by an action, so its next round reads it afresh. */
void source_target_changed(struct source *s);
/* Whether the source has nothing more to give (the end of a recording). */
bool source_ended(const struct source *s);
/* Frees what the source owns and clears *s; safe on a zeroed source. */
void source_close(struct source *s);

/* begin, then poll and step until the snapshot is ready, then take it. */
void source_run_blocking(struct source *s, struct snapshot *out);

#endif
