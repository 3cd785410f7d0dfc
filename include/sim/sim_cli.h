/*
 * sim_cli: the command line of spdk-memtop-sim.
 *
 * Flags follow spdk_tgt where it has them (-r PATH, --wait-for-rpc, -c FILE).
 * Parsing has no side effects and no global state (no getopt), so it is
 * unit-tested; files named by flags are read by main, which prints the usage
 * and decides the exit status (64 for usage errors, a --config file that
 * cannot be used and a --dump-dir that is not a directory included).
 */
#ifndef SIM_CLI_H
#define SIM_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mt_error.h"
#include "sim_fault.h"
#include "sim_model.h"
#include "sim_target.h"

#define SIM_DEFAULT_SOCKET "/var/tmp/spdk.sock"
#define SIM_EXIT_USAGE 64

struct sim_cli {
	const char *unix_path;  /* NULL when only --listen was given */
	const char *tcp_listen; /* HOST:PORT or NULL */
	bool wait_for_rpc;
	enum sim_scenario scenario;
	uint64_t seed;
	enum sim_stats_form form;
	int ready_fd;           /* -1: none */
	const char *config;     /* --config FILE: iobuf options as spdk_tgt -c, or NULL */
	const char *dump_dir;   /* --dump-dir DIR, or NULL for a private directory */
	bool no_ptracer;        /* --no-ptracer: leave Yama's ptrace rule as it is */
	size_t modules;         /* --modules N: modules listed; 0: the scenario's own */
	size_t numa_nodes;      /* --numa-nodes N: the simulated machine's NUMA nodes (1) */
	struct sim_fault fault; /* --fault NAME[:N]: played from the start */
	const char *control;    /* --control-socket PATH: never faulted, or NULL */
	double clock_step;      /* --clock-step SECONDS per iobuf_get_stats; 0: real time */
	bool help;
	bool version;
};

enum sim_cli_status {
	SIM_CLI_RUN,            /* serve */
	SIM_CLI_INFO,           /* --help or --version: print and exit 0 */
	SIM_CLI_USAGE,          /* err says what is wrong */
};

enum sim_cli_status sim_cli_parse(int argc, char *const argv[], struct sim_cli *out,
				  struct mt_err *err);
void sim_cli_usage(FILE *f, const char *prog);

#endif
