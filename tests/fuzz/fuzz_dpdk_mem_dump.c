/*
 * The memzone-dump parser: the input is written as the file SPDK's
 * env_dpdk_get_mem_stats leaves and read with dpdk_mem_dump_read() (chunked
 * reads, the line buffer, every record kind), then turned into the heaps a
 * snapshot shows (heap_stats_from_dump) and searched for the ring memzones
 * the pool-occupancy reader looks up.
 */
#include <stdlib.h>

#include "dpdk_mem_dump.h"
#include "fuzz_util.h"
#include "heap_stats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dpdk_mem_dump *d = calloc(1, sizeof(*d));
	struct spdk_heaps *h = calloc(1, sizeof(*h));
	struct mt_err err = { 0 };
	size_t i;

	if (!d || !h)
		abort();
	dpdk_mem_dump_read(fuzz_file("spdk_mem_dump.txt", data, size), 0, d, &err);
	heap_stats_from_dump(d, h);
	for (i = 0; i < d->nzones; i++)
		if (dpdk_mem_dump_zone(d, d->zones[i].name) == NULL)
			abort(); /* a zone it kept, it cannot find */
	free(d);
	free(h);
	return 0;
}
