/*
 * The iobuf decoders on any JSON a target could send: the text goes through
 * what the client does to a reply (json_budget_check with the client's
 * bounds, json_bigint_rewrite, jansson), then its "result" (or the whole
 * value) through iobuf_decode_stats (per-module array and aggregate object),
 * iobuf_decode_options, iobuf_decode_version and iobuf_decode_state.  The
 * first byte picks the reply's method, as the collector would.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "iobuf_decode.h"
#include "json_bigint.h"
#include "json_budget.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mt_err err = { 0 };
	char *wide = NULL;
	size_t nwide = 0;
	const char *text;
	json_t *v, *result;
	struct snapshot *snap;
	unsigned pick;

	if (size < 1)
		return 0;
	pick = data[0] & 3;
	text = (const char *)data + 1;
	size--;
	if (json_budget_check(text, size, 200000, 64, &err) < 0)
		return 0;
	if (json_bigint_rewrite(text, size, &wide, &nwide) < 0)
		return 0;
	v = wide ? json_loadb(wide, nwide, JSON_DECODE_ANY, NULL) :
		   json_loadb(text, size, JSON_DECODE_ANY, NULL);
	free(wide);
	if (!v)
		return 0;
	result = json_is_object(v) && json_object_get(v, "result") ? json_object_get(v, "result") : v;
	snap = calloc(1, sizeof(*snap));
	if (!snap)
		abort();
	switch (pick) {
	case 0:
		iobuf_decode_stats(result, &snap->iobuf, &err);
		break;
	case 1:
		iobuf_decode_options(result, &snap->iobuf.opts, &err);
		break;
	case 2:
		iobuf_decode_version(result, snap->version, sizeof(snap->version), &err);
		break;
	default:
		iobuf_decode_state(result, &snap->state, &err);
		break;
	}
	free(snap);
	json_decref(v);
	return 0;
}
