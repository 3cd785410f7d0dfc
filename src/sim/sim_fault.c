#include "sim_fault.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "json_bigint.h"
#include "json_stream.h"

/* Which number a fault takes. */
enum arg_kind { ARG_NONE, ARG_MS, ARG_SECONDS };

/* The number's name: on the command line (slow:MS) and in sim_set_fault ("ms"). */
static const char *const arg_word[] = { "", "MS", "SECONDS" };
static const char *const arg_key[] = { NULL, "ms", "seconds" };

static const struct {
	const char *name;
	enum arg_kind arg;
} faults[] = {
	[SIM_FAULT_NONE] = { "none", ARG_NONE },
	[SIM_FAULT_HANG_ACCEPT] = { "hang-accept", ARG_NONE },
	[SIM_FAULT_HANG_REPLY] = { "hang-reply", ARG_NONE },
	[SIM_FAULT_SLOW] = { "slow", ARG_MS },
	[SIM_FAULT_CLOSE_REPLY] = { "close-reply", ARG_NONE },
	[SIM_FAULT_GARBAGE] = { "garbage", ARG_NONE },
	[SIM_FAULT_BAD_JSON] = { "bad-json", ARG_NONE },
	[SIM_FAULT_WRONG_ID] = { "wrong-id", ARG_NONE },
	[SIM_FAULT_BIG_UNDER] = { "big-under", ARG_NONE },
	[SIM_FAULT_BIG_OVER] = { "big-over", ARG_NONE },
	[SIM_FAULT_DENSE] = { "dense", ARG_NONE },
	[SIM_FAULT_DEEP] = { "deep", ARG_NONE },
	[SIM_FAULT_HUGE_COUNTERS] = { "huge-counters", ARG_NONE },
	[SIM_FAULT_DIE] = { "die", ARG_SECONDS },
	[SIM_FAULT_CONNS_FULL] = { "conns-full", ARG_NONE },
};

#define NFAULTS (sizeof(faults) / sizeof(faults[0]))
/* Bounds that keep a typo from hanging a test for a day. */
#define MAX_MS 600000u
#define MAX_SECONDS 3600u
#define DEEP_LEVELS 100000u
/* Bytes that can never start JSON: a client must call them what they are. */
static const char garbage[] = "\x9c\x01\xfe\xff garbage from spdk-memtop-sim \x00\x02\n";

const char *sim_fault_names(void)
{
	return "none|hang-accept|hang-reply|slow:MS|close-reply|garbage|bad-json|wrong-id|"
	       "big-under|big-over|dense|deep|huge-counters|die:SECONDS|conns-full";
}

static const char *arg_unit(enum arg_kind a)
{
	return a == ARG_MS ? "milliseconds" : "seconds";
}

static uint64_t arg_max(enum arg_kind a)
{
	return a == ARG_MS ? MAX_MS : MAX_SECONDS;
}

static int find(const char *name, size_t len)
{
	for (size_t i = 0; i < NFAULTS; i++) {
		if (strlen(faults[i].name) == len && memcmp(faults[i].name, name, len) == 0)
			return (int)i;
	}
	return -1;
}

/*
 * The number a fault takes, checked against its range.  what names the
 * source ("--fault slow" or "sim_set_fault"), json how the number is given.
 */
static int check_arg(int k, bool given, uint64_t v, const char *what, bool json,
		     struct sim_fault *out, struct mt_err *err)
{
	enum arg_kind a = faults[k].arg;

	if (a == ARG_NONE && given) {
		mt_err_set(err, -EINVAL, "%s: %s takes no number", what, faults[k].name);
		return -1;
	}
	if (a != ARG_NONE && (!given || v == 0 || v > arg_max(a))) {
		if (json)
			mt_err_set(err, -EINVAL, "%s: %s needs \"%s\", %s from 1 to %" PRIu64,
				   what, faults[k].name, arg_key[a], arg_unit(a), arg_max(a));
		else
			mt_err_set(err, -EINVAL, "%s: %s needs a number of %s from 1 to %"
				   PRIu64 " (%s:%s)", what, faults[k].name, arg_unit(a),
				   arg_max(a), faults[k].name, arg_word[a]);
		return -1;
	}
	out->kind = (enum sim_fault_kind)k;
	out->arg = a == ARG_NONE ? 0 : v;
	return 0;
}

int sim_fault_parse(const char *spec, struct sim_fault *out, struct mt_err *err)
{
	const char *colon = strchr(spec, ':');
	size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
	char what[96];
	uint64_t v = 0;
	int k = find(spec, len);

	snprintf(what, sizeof(what), "--fault %.80s", spec);
	if (k < 0) {
		mt_err_set(err, -EINVAL, "%s: unknown fault, expected one of %s", what,
			   sim_fault_names());
		return -1;
	}
	if (colon && !json_bigint_digits_u64(colon + 1, strlen(colon + 1), &v)) {
		mt_err_set(err, -EINVAL, "%s: '%.40s' is not a number of %s", what, colon + 1,
			   arg_unit(faults[k].arg));
		return -1;
	}
	return check_arg(k, colon != NULL, v, what, false, out, err);
}

int sim_fault_from_json(const json_t *params, struct sim_fault *out, struct mt_err *err)
{
	const json_t *name = json_object_get(params, "fault");
	const char *key, *argkey;
	json_t *value, *num;
	int k;

	if (!json_is_object(params) || !json_is_string(name)) {
		mt_err_set(err, -EINVAL, "sim_set_fault: expected {\"fault\": NAME}, NAME one "
			   "of %s", sim_fault_names());
		return -1;
	}
	k = find(json_string_value(name), json_string_length(name));
	if (k < 0) {
		mt_err_set(err, -EINVAL, "sim_set_fault: fault '%.60s': unknown, expected one "
			   "of %s", json_string_value(name), sim_fault_names());
		return -1;
	}
	argkey = arg_key[faults[k].arg];
	json_object_foreach((json_t *)params, key, value) {
		if (strcmp(key, "fault") != 0 && (!argkey || strcmp(key, argkey) != 0)) {
			mt_err_set(err, -EINVAL, "sim_set_fault: %s: unknown key '%.60s'",
				   faults[k].name, key);
			return -1;
		}
	}
	num = argkey ? json_object_get(params, argkey) : NULL;
	if (num && (!json_is_integer(num) || json_integer_value(num) < 0)) {
		mt_err_set(err, -EINVAL, "sim_set_fault: %s: \"%s\" must be a non-negative "
			   "integer", faults[k].name, argkey);
		return -1;
	}
	return check_arg(k, num != NULL, num ? (uint64_t)json_integer_value(num) : 0,
			 "sim_set_fault", true, out, err);
}

void sim_fault_format(const struct sim_fault *f, char *buf, size_t len)
{
	if (faults[f->kind].arg == ARG_NONE)
		snprintf(buf, len, "%s", faults[f->kind].name);
	else
		snprintf(buf, len, "%s:%" PRIu64, faults[f->kind].name, f->arg);
}

/* Where to cut a reply: past "result": (or half way), so the start looks right. */
static size_t cut_point(const char *reply, size_t len)
{
	const char *r = memmem(reply, len, "\"result\":", 9);
	size_t at = r ? (size_t)(r - reply) + 9 : len / 2;

	return at < len ? at : len / 2;
}

/* The reply with its id replaced: a string no numeric id a client sent can match. */
static int wrong_id(const char *reply, size_t len, struct sim_buf *now)
{
	size_t vs, ve;

	if (!json_stream_member_raw(reply, len, "id", &vs, &ve))
		return sim_buf_append(now, reply, len);   /* a batch: left as it is */
	if (sim_buf_append(now, reply, vs) < 0 || sim_buf_puts(now, "\"not-") < 0)
		return -1;
	/* The id's own characters, quotes dropped, so the wrong id still says which. */
	for (size_t i = vs; i < ve; i++) {
		if (reply[i] != '"' && reply[i] != '\\' && sim_buf_append(now, reply + i, 1) < 0)
			return -1;
	}
	if (sim_buf_puts(now, "\"") < 0)
		return -1;
	return sim_buf_append(now, reply + ve, len - ve);
}

int sim_fault_reply(const struct sim_fault *f, const char *reply, size_t len,
		    struct sim_buf *now, struct sim_buf *later, enum sim_fault_then *then)
{
	size_t cut = cut_point(reply, len);

	*then = SIM_THEN_GO_ON;
	switch (f->kind) {
	case SIM_FAULT_HANG_REPLY:
		*then = SIM_THEN_STALL;
		if (sim_buf_append(now, reply, cut) < 0)
			return -1;
		return sim_buf_append(later, reply + cut, len - cut);
	case SIM_FAULT_CLOSE_REPLY:
		*then = SIM_THEN_CLOSE;
		return sim_buf_append(now, reply, cut);
	case SIM_FAULT_GARBAGE:
		return sim_buf_append(now, garbage, sizeof(garbage) - 1);
	case SIM_FAULT_BAD_JSON:
		/* The real start, then a bracket that closes nothing: framing fails there. */
		if (sim_buf_append(now, reply, cut) < 0)
			return -1;
		return sim_buf_puts(now, "]}\n");
	case SIM_FAULT_WRONG_ID:
		return wrong_id(reply, len, now);
	default:
		return sim_buf_append(now, reply, len);
	}
}

uint64_t sim_fault_counter_offset(const struct sim_fault *f)
{
	return f->kind == SIM_FAULT_HUGE_COUNTERS ? (uint64_t)1 << 63 : 0;
}

size_t sim_fault_reply_size(const struct sim_fault *f)
{
	if (f->kind == SIM_FAULT_BIG_UNDER)
		return SIM_REPLY_LIMIT - 1;
	if (f->kind == SIM_FAULT_BIG_OVER)
		return SIM_REPLY_LIMIT + 1;
	return 0;
}

/* Repeats s n times; 0 or -1. */
static int repeat(struct sim_buf *b, const char *s, size_t n)
{
	size_t sl = strlen(s);

	if (sim_buf_reserve(b, sl * n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		memcpy(b->data + b->len, s, sl);
		b->len += sl;
	}
	return 0;
}

int sim_fault_stats_result(const struct sim_fault *f, struct sim_buf *b)
{
	/* Room for the JSON-RPC envelope around the result, so the reply stays under the limit. */
	size_t n = (SIM_REPLY_LIMIT - 256) / 3;

	if (f->kind == SIM_FAULT_DENSE) {
		if (sim_buf_puts(b, "[") < 0 || repeat(b, "{},", n) < 0)
			return -1;
		b->data[b->len - 1] = ']';
		return 1;
	}
	if (f->kind == SIM_FAULT_DEEP) {
		if (repeat(b, "[", DEEP_LEVELS) < 0 || repeat(b, "]", DEEP_LEVELS) < 0)
			return -1;
		return 1;
	}
	return 0;
}
