#include "sim_methods.h"

#include <string.h>

const struct sim_method *sim_method_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sim_methods_count; i++) {
		if (strlen(sim_methods[i].name) == len &&
		    memcmp(sim_methods[i].name, name, len) == 0)
			return &sim_methods[i];
	}
	return NULL;
}
