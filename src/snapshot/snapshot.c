/* Names of the snapshot's enumerations, shared by JSON, text and UI. */
#include "snapshot.h"

#include <string.h>

static const char *const state_names[] = {
	[TARGET_UNREACHABLE] = "unreachable",
	[TARGET_UNKNOWN] = "unknown",
	[TARGET_STARTUP] = "startup",
	[TARGET_RUNNING] = "running",
};

static const char *const util_names[] = {
	[UTIL_UNKNOWN] = "unknown",
	[UTIL_EXACT] = "exact",
	[UTIL_PINNED] = "pinned",
};

static const char *const form_names[] = {
	[IOBUF_FORM_NONE] = "none",
	[IOBUF_FORM_PER_MODULE] = "per_module",
	[IOBUF_FORM_AGGREGATE] = "aggregate",
};

#define NAME_OF(table, v) \
	(((unsigned)(v) < sizeof(table) / sizeof(table[0])) ? table[v] : "invalid")

const char *target_state_name(enum target_state s)
{
	return NAME_OF(state_names, s);
}

const char *util_kind_name(enum util_kind k)
{
	return NAME_OF(util_names, k);
}

const char *iobuf_stats_form_name(enum iobuf_stats_form f)
{
	return NAME_OF(form_names, f);
}

static int lookup(const char *const *table, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (s && strcmp(table[i], s) == 0)
			return (int)i;
	return -1;
}

#define LOOKUP(table, s) lookup(table, sizeof(table) / sizeof(table[0]), s)

int target_state_from_name(const char *s, enum target_state *out)
{
	int i = LOOKUP(state_names, s);

	if (i < 0)
		return -1;
	*out = (enum target_state)i;
	return 0;
}

int util_kind_from_name(const char *s, enum util_kind *out)
{
	int i = LOOKUP(util_names, s);

	if (i < 0)
		return -1;
	*out = (enum util_kind)i;
	return 0;
}

int iobuf_stats_form_from_name(const char *s, enum iobuf_stats_form *out)
{
	int i = LOOKUP(form_names, s);

	if (i < 0)
		return -1;
	*out = (enum iobuf_stats_form)i;
	return 0;
}
