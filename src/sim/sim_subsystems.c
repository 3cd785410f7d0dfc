#include "sim_subsystems.h"

#include <string.h>

const struct sim_subsystem *sim_subsystem_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sim_subsystems_count; i++) {
		if (strlen(sim_subsystems[i].name) == len &&
		    memcmp(sim_subsystems[i].name, name, len) == 0)
			return &sim_subsystems[i];
	}
	return NULL;
}
