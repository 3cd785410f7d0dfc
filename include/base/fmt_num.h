/*
 * fmt_num: numbers for people.
 *
 * fmt_thousands(148507) -> "148,507"; fmt_rate(148506.6) -> "148,507" (rounded,
 * '-' kept for negatives, "-" alone for NaN); fmt_bytes(8589934592) ->
 * "8.0 GiB", fmt_bytes(135168) -> "132 KiB": binary units, one decimal below
 * 10 of a unit, whole numbers from 10 up, plain "512 B" below 1 KiB;
 * fmt_short(148507) -> "149k", fmt_short(1234567) -> "1.2M" for narrow
 * columns (plain digits below 10,000; k M G T P E; "-" for NaN).  All
 * write into the caller's buffer (FMT_NUM_LEN is always enough), truncate
 * safely when it is shorter, and return it so they can sit inside a printf.
 */
#ifndef FMT_NUM_H
#define FMT_NUM_H

#include <stddef.h>
#include <stdint.h>

#define FMT_NUM_LEN 32

char *fmt_thousands(char *buf, size_t len, uint64_t n);
char *fmt_rate(char *buf, size_t len, double v);
/* At most 5 columns for any value below 10^21 (with a sign, 6). */
char *fmt_short(char *buf, size_t len, double v);
char *fmt_bytes(char *buf, size_t len, uint64_t bytes);
/* Same as fmt_bytes for a size given in KiB (hugepage sizes, meminfo). */
char *fmt_kib(char *buf, size_t len, uint64_t kib);
/*
 * v in decimal, as "%" PRIu64 writes it, ending at end (not terminated;
 * 20 bytes before end are enough); returns where it starts.  For the
 * per-tick writers (snapshot lines, requests), where snprintf was the cost.
 */
char *fmt_u64_digits(uint64_t v, char *end);
/* How many bytes fmt_u64_digits() writes for v (1 to 20): to write digits forward, in place. */
unsigned fmt_u64_len(uint64_t v);

#endif
