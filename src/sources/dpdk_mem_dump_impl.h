/*
 * dpdk_mem_dump_impl: the pieces shared by the dump reader's files.
 *
 * dd_text_* scan one line held as (pointer, length): lines may contain any
 * byte, NUL included, so nothing here relies on a terminator.  Numbers are
 * whole tokens or nothing: "0x1f" and "31" parse, "31k" and "" do not.
 * dd_record_* parse one record line into the dump and return false (with a
 * warning added) when the line looked like that record but did not parse.
 */
#ifndef DPDK_MEM_DUMP_IMPL_H
#define DPDK_MEM_DUMP_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dpdk_mem_dump.h"

struct dd_span {
	const char *p;
	size_t n;
};

enum dd_state {
	DD_NONE = 0,
	DD_LAYOUT,
	DD_MEMZONES,
	DD_MEMPOOLS,
	DD_STATS,
	DD_HEAPS,
};

/* Whether s starts with the literal prefix. */
bool dd_text_starts(struct dd_span s, const char *prefix);
/* s without leading and trailing spaces, tabs and commas. */
struct dd_span dd_text_trim(struct dd_span s);
/*
 * base 0: "0x..." hex or decimal; base 16: hex with or without "0x".  A
 * glibc "%p" NULL, "(nil)", is 0.  False on anything else or past uint64.
 */
bool dd_text_u64(struct dd_span s, int base, uint64_t *out);
/* A decimal int, sign allowed ("-1" is SOCKET_ID_ANY). */
bool dd_text_int(struct dd_span s, int *out);
/*
 * The value of "key:value" or "key=value" in a list separated by commas
 * and blanks, with blanks allowed around the separator: "len:0x20180",
 * "len : 0x20180", "nrank:0 fd:8".  The key must start the list or follow
 * a comma or blank.  The value ends at a comma, a blank or the end.
 */
bool dd_text_field(struct dd_span s, const char *key, char sep, struct dd_span *val);
/* Copies s into buf of size DPDK_DUMP_NAME_LEN; false when too long or not printable. */
bool dd_text_name(struct dd_span s, char *buf);

/* Adds "path:line: what" to the warnings and counts a bad record. */
void dd_bad(struct dpdk_mem_dump *d, const char *fmt, ...) MT_PRINTF(2, 3);

bool dd_record_zone(struct dpdk_mem_dump *d, struct dd_span line);
bool dd_record_segment(struct dpdk_mem_dump *d, struct dd_span line);
/* "mempool <name>@0x..." opens d's next mempool; the caller feeds it key=value lines. */
bool dd_record_mempool(struct dpdk_mem_dump *d, struct dd_span line);
void dd_record_mempool_field(struct dpdk_mem_dump *d, struct dd_span line);
/* "Heap id:N" opens d->heap; the stats lines that follow fill it; close keeps it. */
bool dd_record_heap_open(struct dpdk_mem_dump *d, struct dd_span line);
bool dd_record_heap_field(struct dpdk_mem_dump *d, struct dd_span line);
void dd_record_heap_close(struct dpdk_mem_dump *d);

/* A line the reader skipped for being longer than DPDK_DUMP_LINE_MAX. */
void dd_long_line(struct dpdk_mem_dump *d);

#endif
