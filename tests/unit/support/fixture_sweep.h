/*
 * fixture_sweep: every JSON value recorded under a fixtures folder, for the
 * tests that hold two decoders of the same reply to each other.  Each file
 * is read as values one after the other (pipelined replies, JSON lines);
 * each value is handed to fn, then what it carries, to three levels: an
 * array's elements, a reply's "result", a timeline line's "response".
 * Files named *.header.bin are passed over.  fn gets text[0..n) framed.
 */
#ifndef FIXTURE_SWEEP_H
#define FIXTURE_SWEEP_H

#include <stddef.h>

typedef void (*fixture_sweep_fn)(const char *text, size_t n, void *ctx);

void fixture_sweep(const char *dir, fixture_sweep_fn fn, void *ctx);
/* The folders of recorded replies: transcripts, rings, baselines. */
void fixture_sweep_all(fixture_sweep_fn fn, void *ctx);

#endif
