/*
 * scripted_source: a source (source.h) that plays a list of snapshots, for
 * tests that drive a mode with no socket and no sysfs.
 *
 * Round i takes durations[i] seconds (0 when durations is NULL or shorter:
 * the round is done at once) and then hands over snaps[i] (the last one
 * again once the list runs out), stamped with seq, mono and wall of the
 * moment it is taken.  No fd: the round's end is its deadline.  With
 * log_fd >= 0 every take writes "take N\n" there, so a parent process can
 * follow a mode running in a child.  With recorded set (before
 * scripted_source_as_source) it stands for a recording: its ops say
 * recorded, snapshots keep the seq, mono and wall they were given, and it
 * ends with its list.
 */
#ifndef SCRIPTED_SOURCE_H
#define SCRIPTED_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "source.h"

#define SCRIPTED_MAX_ROUNDS 64

struct scripted_source {
	const struct snapshot *snaps;
	size_t nsnaps;
	const double *durations;
	size_t ndurations;
	int log_fd;
	bool recorded;
	struct source_ops ops;   /* scripted_source_as_source's, recorded or not */
	bool running, done;
	double round_end;
	size_t begins, takes;
	double begin_at[SCRIPTED_MAX_ROUNDS];   /* mt_now() of each begin */
	double take_at[SCRIPTED_MAX_ROUNDS];    /* mt_now() of each take */
};

void scripted_source_init(struct scripted_source *ss, const struct snapshot *snaps, size_t n,
			  const double *durations, size_t ndurations);
/* A borrowed view: closing it frees nothing. */
void scripted_source_as_source(struct scripted_source *ss, struct source *out);
/* n snapshots of a running target at /scripted.sock with per-module iobuf stats, all 0. */
void scripted_snapshots_running(struct snapshot *snaps, size_t n);

#endif
