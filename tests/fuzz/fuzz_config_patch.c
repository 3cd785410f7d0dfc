/*
 * The config patcher on any file: the first 9 bytes are the request (a flag
 * byte saying which of the four iobuf_set_options keys it sets, then four
 * little-endian 16-bit values, times 64), the rest is the SPDK JSON config
 * written to a file that config_patch_plan() reads and patches in memory.
 * With flag bit 7 the plan is also applied (in the private directory), and
 * planning the same request again must then find nothing to change.
 */
#include <stdlib.h>
#include <string.h>

#include "config_patch.h"
#include "fuzz_util.h"

#define HEADER 9

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t value(const uint8_t *p)
{
	return ((uint64_t)p[0] | (uint64_t)p[1] << 8) * 64;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iobuf_set_request req = { 0 };
	struct config_patch *p = calloc(1, sizeof(*p)), *again = calloc(1, sizeof(*again));
	struct mt_err err = { 0 };
	const char *path;

	if (!p || !again)
		abort();
	if (size < HEADER)
		goto out;
	req.has_small_pool_count = data[0] & 1;
	req.has_large_pool_count = data[0] & 2;
	req.has_small_bufsize = data[0] & 4;
	req.has_large_bufsize = data[0] & 8;
	req.small_pool_count = value(data + 1);
	req.large_pool_count = value(data + 3);
	req.small_bufsize = value(data + 5);
	req.large_bufsize = value(data + 7);
	path = fuzz_file("config.json", data + HEADER, size - HEADER);
	if (config_patch_plan(path, &req, p, &err) != 0)
		goto out;
	if ((data[0] & 0x80) && p->changes) {
		if (config_patch_apply(p, &err) != 0)
			goto out;
		if (config_patch_plan(path, &req, again, &err) != 0 || again->changes)
			abort(); /* what apply wrote does not say what was asked */
	}
out:
	config_patch_free(p);
	config_patch_free(again);
	free(p);
	free(again);
	return 0;
}
