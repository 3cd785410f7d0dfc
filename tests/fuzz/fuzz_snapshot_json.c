/*
 * The snapshot loader on any text: snapshot_from_json_text() (a saved
 * snapshot, a recording's line).  A text it accepts must round-trip
 * (snapshot_json.h promises exact round trips): encoded, decoded and encoded
 * again, the two encodings are the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "snapshot_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	struct mt_err err = { 0 };
	char *t1 = NULL, *t2 = NULL;
	size_t n1, n2;

	if (!a || !b)
		abort();
	if (snapshot_from_json_text((const char *)data, size, a, &err) == 0) {
		t1 = snapshot_to_json_line(a, &n1);
		if (!t1)
			abort();
		if (snapshot_from_json_text(t1, n1, b, &err) != 0)
			abort(); /* what we wrote, we cannot read */
		t2 = snapshot_to_json_line(b, &n2);
		if (!t2 || n1 != n2 || memcmp(t1, t2, n1) != 0)
			abort(); /* not an exact round trip */
	}
	free(t1);
	free(t2);
	free(a);
	free(b);
	return 0;
}
