/*
 * sim_subsystems: the subsystems of the recorded SPDK target, in
 * framework_get_subsystems order, with the configuration text each reported
 * to framework_get_config (compact JSON, byte for byte as recorded).
 *
 * iobuf has config == NULL: its configuration is built from the options the
 * simulator holds, so iobuf_set_options shows up in it.
 */
#ifndef SIM_SUBSYSTEMS_H
#define SIM_SUBSYSTEMS_H

#include <stddef.h>

struct sim_subsystem {
	const char *name;
	const char *config;     /* compact JSON, or NULL for iobuf */
};

/* The whole framework_get_subsystems result, compact JSON. */
extern const char sim_subsystems_json[];
extern const struct sim_subsystem sim_subsystems[];
extern const size_t sim_subsystems_count;

/* Finds a subsystem by name (len bytes); NULL when unknown. */
const struct sim_subsystem *sim_subsystem_find(const char *name, size_t len);

#endif
