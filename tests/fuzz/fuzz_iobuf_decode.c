/*
 * The iobuf decoders on any JSON a target could send: the text goes through
 * what the client does to a reply (json_budget_check with the client's
 * bounds, json_bigint_rewrite, jansson), then its "result" (or the whole
 * value) through iobuf_decode_stats (per-module array and aggregate object),
 * iobuf_decode_options, iobuf_decode_version and iobuf_decode_state.  The
 * first byte picks the reply's method, as the collector would.  For the
 * stats, the text decoder reads the same "result" text and must agree with
 * the tree decoder on it to the letter (return, code, message, every
 * field), or refuse it with -EPROTO where jansson cannot load it; anything
 * else aborts.  The same holds for the method list's text decoder
 * (methods_decode_text) against iobuf_decode_state.  Text that is not one
 * framed value still goes to the text decoders, which must neither crash
 * nor read past it.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iobuf_decode.h"
#include "iobuf_decode_text.h"
#include "json_bigint.h"
#include "json_budget.h"
#include "json_stream.h"
#include "methods_decode_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The tree the client builds from text, or NULL; *budget false when its bounds refused it. */
static json_t *client_load(const char *text, size_t n, bool *budget)
{
	struct mt_err err = { 0 };
	char *wide = NULL;
	size_t nwide = 0;
	json_t *v;

	*budget = json_budget_check(text, n, 200000, 64, &err) == 0;
	if (!*budget || json_bigint_rewrite(text, n, &wide, &nwide) < 0)
		return NULL;
	v = wide ? json_loadb(wide, nwide, JSON_DECODE_ANY, NULL) :
		   json_loadb(text, n, JSON_DECODE_ANY, NULL);
	free(wide);
	return v;
}

static void differ(const char *what, const char *text, size_t n)
{
	fprintf(stderr, "decoders differ: %s\non %.*s\n", what, (int)(n > 400 ? 400 : n), text);
	abort();
}

static bool same_counters(const struct iobuf_pool_counters *a, const struct iobuf_pool_counters *b)
{
	return a->cache == b->cache && a->main == b->main && a->retry == b->retry &&
	       a->cache_size == b->cache_size && a->has_cache_size == b->has_cache_size;
}

static bool same_aggregate(const struct iobuf_pool_aggregate *a,
			   const struct iobuf_pool_aggregate *b)
{
	return a->retry_count == b->retry_count && a->alloc_count == b->alloc_count &&
	       a->available_count == b->available_count && a->cache_count == b->cache_count &&
	       a->has_cache_count == b->has_cache_count;
}

/*
 * The client's tree of the text a text decoder returned rf and ef for, or
 * NULL when the client builds none: then, within its bounds, the text
 * decoder must have refused the text as well.
 */
static json_t *tree_or_refused(const char *text, size_t n, int rf, const struct mt_err *ef)
{
	bool budget;
	json_t *v = client_load(text, n, &budget);

	if (!v && budget && (rf != -1 || ef->code != -EPROTO))
		differ("jansson refuses, the text decoder does not", text, n);
	return v;
}

/* The two decoders' returns and errors must be the same to the letter. */
static void same_outcome(int rt, const struct mt_err *et, int rf, const struct mt_err *ef,
			 const char *text, size_t n)
{
	if (rt != rf || et->code != ef->code || strcmp(et->msg, ef->msg) != 0) {
		fprintf(stderr, "tree %d (%d) %s\ntext %d (%d) %s\n", rt, et->code, et->msg, rf,
			ef->code, ef->msg);
		differ("outcome", text, n);
	}
}

/* Both stats decoders on the same framed text. */
static void stats_alike(const char *text, size_t n, struct snapshot *tree, struct snapshot *flat)
{
	struct mt_err et, ef;
	int rf = iobuf_decode_stats_text(text, n, &flat->iobuf, &ef);
	json_t *v = tree_or_refused(text, n, rf, &ef);

	if (!v)
		return;
	same_outcome(iobuf_decode_stats(v, &tree->iobuf, &et), &et, rf, &ef, text, n);
	json_decref(v);
	if (tree->iobuf.form != flat->iobuf.form || tree->iobuf.nmodules != flat->iobuf.nmodules ||
	    !same_aggregate(&tree->iobuf.agg_small, &flat->iobuf.agg_small) ||
	    !same_aggregate(&tree->iobuf.agg_large, &flat->iobuf.agg_large))
		differ("form, count or aggregate", text, n);
	for (size_t i = 0; i < SNAP_MAX_MODULES; i++) {
		const struct iobuf_module_stats *a = &tree->iobuf.modules[i];
		const struct iobuf_module_stats *b = &flat->iobuf.modules[i];

		if (memcmp(a->name, b->name, SNAP_NAME_LEN) != 0 ||
		    !same_counters(&a->small, &b->small) || !same_counters(&a->large, &b->large))
			differ("a module", text, n);
	}
}

/* Both method list decoders on the same framed text. */
static void methods_alike(const char *text, size_t n, struct snapshot *tree,
			  struct snapshot *flat)
{
	struct mt_err et, ef;
	int rf = methods_decode_text(text, n, &flat->state, &ef);
	json_t *v = tree_or_refused(text, n, rf, &ef);

	if (!v)
		return;
	same_outcome(iobuf_decode_state(v, &tree->state, &et), &et, rf, &ef, text, n);
	json_decref(v);
	if (tree->state != flat->state)
		differ("the state", text, n);
}

/*
 * The "result" text of a framed reply (or the whole value), as the
 * collector would read it, through the text decoder pick names.
 */
static void result_text(const char *text, size_t size, unsigned pick)
{
	struct snapshot *tree = calloc(1, sizeof(*tree)), *flat = malloc(sizeof(*flat));
	void (*alike)(const char *, size_t, struct snapshot *, struct snapshot *) =
		pick == 0 ? stats_alike : methods_alike;
	struct mt_err err;
	size_t s, e, rs, re;
	char *copy;

	if (!tree || !flat)
		abort();
	/* Garbage in the text decoder's output: a field it forgets to write shows. */
	memset(flat, 0x5a, sizeof(*flat));
	if (json_stream_scan(text, size, &s, &e) != JSON_SCAN_COMPLETE) {
		/* Out of contract: an exact-size copy lets ASan catch any read past the end. */
		copy = malloc(size ? size : 1);
		if (!copy)
			abort();
		memcpy(copy, text, size);
		if (pick == 0)
			iobuf_decode_stats_text(copy, size, &flat->iobuf, &err);
		else
			methods_decode_text(copy, size, &flat->state, &err);
		free(copy);
	} else if (json_stream_member_raw(text + s, e - s, "result", &rs, &re)) {
		alike(text + s + rs, re - rs, tree, flat);
	} else {
		alike(text + s, e - s, tree, flat);
	}
	free(tree);
	free(flat);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mt_err err = { 0 };
	const char *text;
	json_t *v, *result;
	struct snapshot *snap;
	unsigned pick;
	bool budget;

	if (size < 1)
		return 0;
	pick = data[0] & 3;
	text = (const char *)data + 1;
	size--;
	if (pick == 0 || pick == 3)
		result_text(text, size, pick);
	v = client_load(text, size, &budget);
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
