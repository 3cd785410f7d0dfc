/*
 * Line dispatch of the dump parser (contract: dpdk_mem_dump.h).
 *
 * Section headers only matter where two records look alike: "Heap id: N"
 * opens a stats record in "DPDK malloc stats." but is an element-list title
 * in "DPDK malloc heaps.".  Everything else is told apart by its own first
 * word, so a dump missing a header (or its sections in another order) reads
 * the same.
 */
#include "dpdk_mem_dump_impl.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *text;
	enum dd_state state;
	unsigned bit;
} sections[] = {
	{ "DPDK memory layout", DD_LAYOUT, DPDK_DUMP_SEC_LAYOUT },
	{ "DPDK memzones.", DD_MEMZONES, DPDK_DUMP_SEC_MEMZONES },
	{ "DPDK mempools.", DD_MEMPOOLS, DPDK_DUMP_SEC_MEMPOOLS },
	{ "DPDK malloc stats.", DD_STATS, DPDK_DUMP_SEC_STATS },
	{ "DPDK malloc heaps.", DD_HEAPS, DPDK_DUMP_SEC_HEAPS },
};

void dpdk_mem_dump_init(struct dpdk_mem_dump *d, const char *path)
{
	/* Up to the messages: the lists' entries are written as they come (see the header). */
	memset(d, 0, offsetof(struct dpdk_mem_dump, warnings.msg));
	snprintf(d->path, sizeof(d->path), "%s", path ? path : "(dump)");
}

static bool section_header(struct dpdk_mem_dump *d, struct dd_span s)
{
	s = dd_text_trim(s);
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		if (s.n == strlen(sections[i].text) && dd_text_starts(s, sections[i].text)) {
			d->state = sections[i].state;
			d->sections |= sections[i].bit;
			return true;
		}
	}
	return false;
}

static void memory_size(struct dpdk_mem_dump *d, struct dd_span s)
{
	struct dd_span v = { s.p + strlen("DPDK memory size"), s.n - strlen("DPDK memory size") };

	if (dd_text_u64(dd_text_trim(v), 10, &d->memory_size))
		d->has_memory_size = true;
	else
		dd_bad(d, "\"DPDK memory size\" without a number");
}

void dpdk_mem_dump_line(struct dpdk_mem_dump *d, const char *line, size_t len)
{
	struct dd_span s = { line, len };

	if (len > DPDK_DUMP_LINE_MAX) {
		dd_long_line(d);
		return;
	}
	d->lines++;
	if (s.n && s.p[s.n - 1] == '\r')
		s.n--;
	if (d->heap_open && dd_record_heap_field(d, s))
		return;
	dd_record_heap_close(d);
	if (d->pool_open) {
		if (s.n && (s.p[0] == ' ' || s.p[0] == '\t')) {
			dd_record_mempool_field(d, s);
			return;
		}
		d->pool_open = false;
	}
	if (section_header(d, s))
		return;
	if (dd_text_starts(s, "DPDK memory size"))
		memory_size(d, s);
	else if (dd_text_starts(s, "Zone"))
		dd_record_zone(d, s);
	else if (dd_text_starts(s, "Segment"))
		dd_record_segment(d, s);
	else if (dd_text_starts(s, "mempool"))
		dd_record_mempool(d, s);
	else if (d->state != DD_HEAPS)
		dd_record_heap_open(d, s);
}

void dd_long_line(struct dpdk_mem_dump *d)
{
	d->lines++;
	d->long_lines++;
	mt_errlist_add(&d->warnings, "%s:%lu: line longer than %d bytes skipped (not DPDK's)",
		       d->path, d->lines, DPDK_DUMP_LINE_MAX);
}

void dpdk_mem_dump_finish(struct dpdk_mem_dump *d)
{
	dd_record_heap_close(d);
	d->pool_open = false;
}

const struct dpdk_memzone *dpdk_mem_dump_zone(const struct dpdk_mem_dump *d, const char *name)
{
	for (size_t i = 0; i < d->nzones; i++)
		if (strcmp(d->zones[i].name, name) == 0)
			return &d->zones[i];
	return NULL;
}
