/*
 * module_order: the order of rows in the iobuf module table.
 *
 * A pure function from a snapshot's modules and their rates to a permutation
 * of indexes.  Numeric keys sort the largest first (the module in trouble
 * floats to the top); ties keep SPDK's registration order, so the table does
 * not shuffle while everything is idle.  Without valid rates the rate keys
 * fall back to registration order.
 */
#ifndef MODULE_ORDER_H
#define MODULE_ORDER_H

#include <stddef.h>

#include "iobuf_rates.h"
#include "snapshot.h"

enum module_sort {
	MODULE_SORT_RETRY = 0,   /* small + large retries/s */
	MODULE_SORT_GETS,        /* small + large gets/s */
	MODULE_SORT_RESERVED,      /* small + large cache_size (the caches' configured size) */
	MODULE_SORT_NAME,        /* module name, A to Z */
	MODULE_SORT_ORDER,       /* as SPDK lists them (registration order) */
	MODULE_SORT_COUNT
};

/* "retries/s", "gets/s", "cache size", "name", "registration". */
const char *module_sort_name(enum module_sort k);
enum module_sort module_sort_next(enum module_sort k);

/*
 * Fills idx[0..n) with indexes into snap->iobuf.modules in display order,
 * n = snap->iobuf.nmodules (at most max); returns n.  rates may be NULL.
 */
size_t module_order(const struct snapshot *snap, const struct iobuf_rates *rates,
		    enum module_sort key, size_t *idx, size_t max);

#endif
