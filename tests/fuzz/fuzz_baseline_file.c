/*
 * The baseline loader (--baseline, `B`): baseline_parse() on any text, in
 * its three forms (a snapshot, rpc.py's iobuf_get_stats output, the
 * aggregate object).
 */
#include <stdlib.h>

#include "baseline_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct baseline *b = calloc(1, sizeof(*b));
	struct mt_err err = { 0 };

	if (!b)
		abort();
	if (baseline_parse((const char *)data, size, "fuzz.json", b, &err) == 0)
		baseline_snapshot_has_hugepages(&b->snap);
	free(b);
	return 0;
}
