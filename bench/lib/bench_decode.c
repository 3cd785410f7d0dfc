/* The iobuf_get_stats result read both ways, timed (contract: bench_decode.h). */
#include "bench_decode.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_stats.h"
#include "iobuf_decode.h"
#include "iobuf_decode_text.h"
#include "json_bigint.h"
#include "json_budget.h"

/* The RPC client's bounds (src/sources/rpc_client.c). */
#define CLIENT_MAX_VALUES 200000
#define CLIENT_MAX_DEPTH 64

int bench_decode_stats(const char *text, size_t n, int reps, struct bench_decode *out)
{
	static struct iobuf_snapshot tree_io, text_io;
	struct mt_err err = { 0 }, terr = { 0 };
	int bad = 0;
	double c0;

	c0 = bench_cpu();
	for (int k = 0; k < reps; k++) {
		char *wide = NULL;
		size_t nwide = 0;

		bad |= json_budget_check(text, n, CLIENT_MAX_VALUES, CLIENT_MAX_DEPTH, &err) < 0;
		bad |= json_bigint_rewrite(text, n, &wide, &nwide) != 0;
		free(wide);
	}
	out->prepass = (bench_cpu() - c0) / reps;
	c0 = bench_cpu();
	for (int k = 0; k < reps; k++) {
		json_t *v = json_loadb(text, n, JSON_DECODE_ANY, NULL);

		bad |= iobuf_decode_stats(v, &tree_io, &err) < 0;
		json_decref(v);
	}
	out->tree = (bench_cpu() - c0) / reps;
	c0 = bench_cpu();
	for (int k = 0; k < reps; k++)
		bad |= iobuf_decode_stats_text(text, n, &text_io, &terr) < 0;
	out->text = (bench_cpu() - c0) / reps;
	/* No counter beyond int64 is expected from the simulator: the tree read the text as is. */
	if (bad || strcmp(err.msg, terr.msg) != 0 || tree_io.nmodules != text_io.nmodules ||
	    memcmp(tree_io.modules, text_io.modules, sizeof(tree_io.modules)) != 0) {
		fprintf(stderr, "decode: the decoders failed or disagree (%s / %s)\n", err.msg,
			terr.msg);
		return -1;
	}
	return 0;
}
