/*
 * sim_config: the iobuf options in a JSON config file, as spdk_tgt -c takes it:
 * {"subsystems":[{"subsystem":"iobuf","config":[{"method":"iobuf_set_options",
 * "params":{...}}]}, ...]}, which is what rpc.py save_config writes.
 *
 * Each iobuf_set_options entry of the iobuf subsystem is applied in order on top
 * of SPDK's defaults, with the RPC's checks (sim_iobuf_opts).  Other subsystems
 * and methods are none of the simulator's business and are skipped, but the
 * shape of the whole file is checked.  No iobuf entry: the defaults.  Errors
 * name the file and the place: "cfg.json: subsystems[2].config[0].params.
 * small_pool_count: below the minimum 64", or jansson's line:column for text
 * that is not JSON.
 */
#ifndef SIM_CONFIG_H
#define SIM_CONFIG_H

#include "mt_error.h"
#include "sim_model.h"

/* 0 with *out set, or -1 with err set and *out untouched. */
int sim_config_load(const char *path, struct sim_pool_opts *out, struct mt_err *err);

#endif
