#include "sim_iobuf_opts.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static enum sim_opts_verdict problem(struct sim_opts_problem *why, enum sim_opts_verdict v,
				     const char *key, const char *what)
{
	snprintf(why->key, sizeof(why->key), "%s", key);
	snprintf(why->what, sizeof(why->what), "%s", what);
	return v;
}

static enum sim_opts_verdict below(struct sim_opts_problem *why, const char *key, unsigned min)
{
	snprintf(why->key, sizeof(why->key), "%s", key);
	snprintf(why->what, sizeof(why->what), "below the minimum %u", min);
	return SIM_OPTS_RANGE;
}

/* SPDK's uint32/uint64 decoders: a non-negative integer no larger than max. */
static bool decode_uint(const json_t *v, uint64_t max, uint64_t *out, char *what, size_t wl)
{
	double d;

	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);

		if (i < 0) {
			snprintf(what, wl, "negative (%" JSON_INTEGER_FORMAT ")", i);
			return false;
		}
		if ((uint64_t)i > max) {
			snprintf(what, wl, "above the largest value %" PRIu64, max);
			return false;
		}
		*out = (uint64_t)i;
		return true;
	}
	snprintf(what, wl, "expected an unsigned integer");
	/* Integers past INT64_MAX arrive as reals: exact only up to 2^53. */
	if (!json_is_real(v))
		return false;
	d = json_real_value(v);
	if (d < 0.0 && d == floor(d)) {
		snprintf(what, wl, "negative (%.0f)", d);
		return false;
	}
	if (!(d >= 0.0) || d != floor(d) || d > 9007199254740992.0)
		return false;
	if (d > (double)max) {
		snprintf(what, wl, "above the largest value %" PRIu64, max);
		return false;
	}
	*out = (uint64_t)d;
	return true;
}

enum sim_opts_verdict sim_iobuf_opts_decode(const json_t *params, struct sim_pool_opts *opts,
					    struct sim_opts_problem *why)
{
	struct sim_pool_opts o = *opts;
	uint64_t v;
	const char *key;
	json_t *value;
	char what[96];

	if (!json_is_object(params))
		return problem(why, SIM_OPTS_DECODE, "", "expected an object");
	json_object_foreach((json_t *)params, key, value) {
		uint64_t *u64 = NULL;
		uint32_t *u32 = NULL;

		if (strcmp(key, "small_pool_count") == 0) {
			u64 = &o.small_pool_count;
		} else if (strcmp(key, "large_pool_count") == 0) {
			u64 = &o.large_pool_count;
		} else if (strcmp(key, "small_bufsize") == 0) {
			u32 = &o.small_bufsize;
		} else if (strcmp(key, "large_bufsize") == 0) {
			u32 = &o.large_bufsize;
		} else if (strcmp(key, "enable_numa") == 0) {
			if (!json_is_boolean(value))
				return problem(why, SIM_OPTS_DECODE, key, "expected true or false");
			o.enable_numa = json_is_true(value);
			continue;
		} else {
			return problem(why, SIM_OPTS_DECODE, key, "unknown key");
		}
		if (!decode_uint(value, u64 ? UINT64_MAX : UINT32_MAX, &v, what, sizeof(what)))
			return problem(why, SIM_OPTS_DECODE, key, what);
		if (u64)
			*u64 = v;
		else
			*u32 = (uint32_t)v;
	}
	/* spdk_iobuf_set_opts: the minimums, in this order. */
	if (o.small_pool_count < SIM_MIN_SMALL_POOL_COUNT)
		return below(why, "small_pool_count", SIM_MIN_SMALL_POOL_COUNT);
	if (o.large_pool_count < SIM_MIN_LARGE_POOL_COUNT)
		return below(why, "large_pool_count", SIM_MIN_LARGE_POOL_COUNT);
	if (o.small_bufsize < SIM_MIN_SMALL_BUFSIZE)
		return below(why, "small_bufsize", SIM_MIN_SMALL_BUFSIZE);
	if (o.large_bufsize < SIM_MIN_LARGE_BUFSIZE)
		return below(why, "large_bufsize", SIM_MIN_LARGE_BUFSIZE);
	*opts = o;
	return SIM_OPTS_OK;
}
