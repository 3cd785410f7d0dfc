/* Calls per recorded method (contract: sim_call_counts.h). */
#include "sim_call_counts.h"

#include <inttypes.h>
#include <stdbool.h>

#include "sim_buf.h"

void sim_call_counts_add(struct sim_call_counts *c, const struct sim_method *m)
{
	size_t i = (size_t)(m - sim_methods);

	if (i < sim_methods_count && i < SIM_CALL_COUNTS_MAX)
		c->n[i]++;
}

char *sim_call_counts_json(const struct sim_call_counts *c)
{
	struct sim_buf b = { 0 };
	bool first = true;

	if (sim_buf_puts(&b, "{") < 0)
		return NULL;
	for (size_t i = 0; i < sim_methods_count && i < SIM_CALL_COUNTS_MAX; i++) {
		if (!c->n[i])
			continue;
		if (sim_buf_printf(&b, "%s\"%s\":%" PRIu64, first ? "" : ",", sim_methods[i].name,
				   c->n[i]) < 0) {
			sim_buf_free(&b);
			return NULL;
		}
		first = false;
	}
	if (sim_buf_append(&b, "}", 2) < 0) {
		sim_buf_free(&b);
		return NULL;
	}
	return b.data;
}
