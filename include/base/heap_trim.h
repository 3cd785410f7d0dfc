/*
 * heap_trim: the heap's free pages given back to the system, at most once a
 * period of the caller's clock.
 *
 * glibc gives back only the top of its heap; a free chunk below a live one
 * stays resident however long it is free.  A long-running dashboard frees
 * and allocates in every tick (snapshot lines, flight-recorder deltas,
 * replies), and the holes add up: at 1,000 modules and 64 NUMA nodes, 2 MiB
 * of a 3.6 MiB heap was free but resident after an hour.  heap_trim_tick()
 * calls malloc_trim(0), which returns the whole free pages inside such
 * chunks too (madvise), so the resident set follows what is in use.
 * Without glibc's allocator (a sanitizer's) it does nothing.
 */
#ifndef HEAP_TRIM_H
#define HEAP_TRIM_H

#include <stdbool.h>

/* Once a minute: a few system calls a minute, and a page a hole refaults when it is reused. */
#define HEAP_TRIM_PERIOD_S 60.0

struct heap_trim {
	double next;   /* the clock at which the next trim is due */
	bool started;  /* next is set */
};

/* The first trim is due a period after the first call. */
void heap_trim_init(struct heap_trim *t);

/* Trims when due at now (seconds, any monotonic clock); true when it trimmed. */
bool heap_trim_tick(struct heap_trim *t, double now);

#endif
