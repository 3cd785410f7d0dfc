/*
 * bench_decode: what reading one iobuf_get_stats result costs, both ways,
 * on the same text.  The tree's way is the RPC client's and the
 * collector's: the pre-passes over the reply (json_budget_check with the
 * client's bounds, json_bigint_rewrite), then json_loadb and
 * iobuf_decode_stats.  The text's way is iobuf_decode_stats_text alone.
 * Each figure is CPU seconds per call, the mean of reps calls (one call is
 * a few microseconds, near the cost of reading the CPU clock).
 */
#ifndef BENCH_DECODE_H
#define BENCH_DECODE_H

#include <stddef.h>

struct bench_decode {
	double prepass; /* json_budget_check + json_bigint_rewrite */
	double tree;    /* json_loadb + iobuf_decode_stats */
	double text;    /* iobuf_decode_stats_text */
};

/* 0, or -1 when a decoder failed on text or the two disagree on what it holds. */
int bench_decode_stats(const char *text, size_t n, int reps, struct bench_decode *out);

#endif
