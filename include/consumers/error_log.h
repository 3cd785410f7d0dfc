/*
 * error_log: what went wrong while collecting, remembered across snapshots.
 *
 * A pure consumer fed one snapshot at a time: each distinct message of the
 * snapshot's `errors` (compared whole; one repeated within a snapshot counts
 * once) becomes an entry with the wall clock of the first and the last
 * snapshot that reported it, how many snapshots did, and whether the latest
 * one does ("current") or not ("cleared").  Bounded, no allocation: at most
 * ERROR_LOG_MAX entries; a new message in a full log replaces the cleared
 * entry seen longest ago and counts as forgotten.  A current entry is never
 * replaced (a snapshot holds at most MT_ERRLIST_MAX < ERROR_LOG_MAX).
 * Entries are kept in display order: current ones first, in the order they
 * first appeared, then cleared ones, most recently seen first.
 */
#ifndef ERROR_LOG_H
#define ERROR_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mt_error.h"
#include "snapshot.h"

#define ERROR_LOG_MAX 64

struct error_log_entry {
	char msg[MT_ERR_LEN];
	double first_wall;     /* wall clock of the first snapshot that reported it */
	double last_wall;      /* ... and of the latest one */
	uint64_t count;        /* snapshots that reported it */
	bool current;          /* the latest snapshot reported it */
	uint64_t order;        /* order of first appearance, from 1 */
};

struct error_log {
	size_t n;
	struct error_log_entry e[ERROR_LOG_MAX];   /* in display order */
	size_t current;        /* entries the latest snapshot reported */
	size_t latest_dropped; /* messages the latest snapshot could not hold (errors.dropped) */
	uint64_t forgotten;    /* entries replaced because the log was full */
	uint64_t created;      /* entries ever made (the last order given) */
	uint64_t snapshots;    /* snapshots fed so far */
	double latest_wall;    /* wall clock of the latest snapshot; 0 before the first */
};

void error_log_init(struct error_log *l);

/* One snapshot: its errors become current, every other entry is cleared. */
void error_log_update(struct error_log *l, const struct snapshot *s);

/*
 * How many errors a snapshot's list stands for: its distinct messages plus
 * the ones it had no room for.  What the header shows; equal to
 * l->current + l->latest_dropped after error_log_update(l, s).
 */
size_t errlist_distinct(const struct mt_errlist *e);

#endif
