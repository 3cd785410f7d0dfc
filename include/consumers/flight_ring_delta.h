/*
 * flight_ring_delta: one recording line told as its difference from the line
 * before it, for the flight recorder's memory (never written to a file).
 *
 * Both lines are cut into chunks, each ending after a ',' or a ':' (or at the
 * end), and compared chunk by chunk in step: from one snapshot to the next
 * only a few numbers change, so a delta holds those numbers and where they
 * go.  The cut is a property of the bytes alone, so rebuilding is exact
 * whatever the text holds (a comma in a string only cuts it finer); a line
 * whose chunks shifted (a node or a module appeared, an error was added)
 * makes a long delta, and flight_delta_make() then says so and the caller
 * keeps the line whole.
 *
 * A delta is a run of ops, each three LEB128 numbers (copy, skip, insert)
 * and the inserted bytes: copy that many bytes of the old line, skip that
 * many more, then insert the bytes; the rest of the old line follows.
 */
#ifndef FLIGHT_RING_DELTA_H
#define FLIGHT_RING_DELTA_H

#include <stddef.h>

/*
 * The delta from old to new, malloc'd (*len bytes), when it is shorter than
 * `worth` bytes; NULL when it is not (or memory ran out: the caller keeps the
 * line whole either way).
 */
unsigned char *flight_delta_make(const char *old, size_t old_len, const char *new,
				 size_t new_len, size_t worth, size_t *len);

/*
 * Rebuilds into out (room for new_len bytes, the length the line had) the
 * line d was made from old to; -1 when d does not fit old and new_len
 * (a bug: nothing past out + new_len is written).
 */
int flight_delta_apply(const char *old, size_t old_len, const unsigned char *d, size_t d_len,
		       char *out, size_t new_len);

#endif
