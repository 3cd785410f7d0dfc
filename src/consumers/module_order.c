/* module_order: display order of the iobuf module table. */
#include <string.h>

#include "module_order.h"

static const char *const sort_names[MODULE_SORT_COUNT] = {
	[MODULE_SORT_RETRY] = "retries/s",
	[MODULE_SORT_GETS] = "gets/s",
	[MODULE_SORT_RESERVED] = "cache size",
	[MODULE_SORT_NAME] = "name",
	[MODULE_SORT_ORDER] = "registration",
};

const char *module_sort_name(enum module_sort k)
{
	if ((int)k < 0 || k >= MODULE_SORT_COUNT)
		return "?";
	return sort_names[k];
}

enum module_sort module_sort_next(enum module_sort k)
{
	if ((int)k < 0 || k >= MODULE_SORT_COUNT)
		return MODULE_SORT_RETRY;
	return (enum module_sort)((k + 1) % MODULE_SORT_COUNT);
}

/* Rates are in cur's order, but match by name: a caller may pair other snapshots. */
static const struct iobuf_module_rates *rates_for(const struct iobuf_rates *rates,
						 const char *name, size_t hint)
{
	if (!rates || !rates->valid)
		return NULL;
	if (hint < rates->nmodules && strcmp(rates->modules[hint].name, name) == 0)
		return &rates->modules[hint];
	for (size_t i = 0; i < rates->nmodules; i++)
		if (strcmp(rates->modules[i].name, name) == 0)
			return &rates->modules[i];
	return NULL;
}

/* The sort value of module i; larger sorts first.  -1 = no value (sorts last). */
static double key_value(const struct snapshot *snap, const struct iobuf_rates *rates,
			enum module_sort key, size_t i)
{
	const struct iobuf_module_stats *m = &snap->iobuf.modules[i];
	const struct iobuf_module_rates *r;

	switch (key) {
	case MODULE_SORT_RETRY:
		r = rates_for(rates, m->name, i);
		return r ? r->small.retry + r->large.retry : -1;
	case MODULE_SORT_GETS:
		r = rates_for(rates, m->name, i);
		return r ? r->small.gets + r->large.gets : -1;
	case MODULE_SORT_RESERVED:
		if (!m->small.has_cache_size && !m->large.has_cache_size)
			return -1;
		return (double)m->small.cache_size + (double)m->large.cache_size;
	default:
		return 0;
	}
}

/* Whether module a must come before module b (strictly). */
static int before(const struct snapshot *snap, const struct iobuf_rates *rates,
		  enum module_sort key, size_t a, size_t b)
{
	if (key == MODULE_SORT_ORDER)
		return 0;
	if (key == MODULE_SORT_NAME)
		return strcmp(snap->iobuf.modules[a].name, snap->iobuf.modules[b].name) < 0;
	return key_value(snap, rates, key, a) > key_value(snap, rates, key, b);
}

size_t module_order(const struct snapshot *snap, const struct iobuf_rates *rates,
		    enum module_sort key, size_t *idx, size_t max)
{
	size_t n = snap->iobuf.nmodules;

	if (n > SNAP_MAX_MODULES)
		n = SNAP_MAX_MODULES;
	if (n > max)
		n = max;
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	/* Insertion sort: stable, and n is at most SNAP_MAX_MODULES. */
	for (size_t i = 1; i < n; i++) {
		size_t v = idx[i], j = i;

		while (j > 0 && before(snap, rates, key, v, idx[j - 1])) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = v;
	}
	return n;
}
