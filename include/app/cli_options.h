/*
 * cli_options: the command line, parsed into a plain struct.
 *
 * cli_parse() is a pure function of argv: no printing, no exiting, no global
 * state (getopt keeps some, so we do not use it).  A bad flag or value comes
 * back as an error naming both ("-d: expected seconds >= 0.1, got 'abc'");
 * main prints it with the short usage line and exits CLI_EXIT_USAGE.  String
 * options point into argv, which lives as long as the process.  Flags follow
 * SPDK's rpc.py (-s, -p, -t) and top (-d, -b, -n).
 */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "mt_error.h"
#include "tick_schedule.h"

/* Exit status of spdk-memtop (documented in the man page and README). */
enum cli_exit {
	CLI_EXIT_OK = 0,           /* collected (or help/version printed) */
	CLI_EXIT_FAILURE = 1,      /* anything else that went wrong */
	CLI_EXIT_UNREACHABLE = 3,  /* --once/batch: the target did not answer */
	CLI_EXIT_USAGE = 64,       /* bad command line (EX_USAGE) */
};

enum cli_action {
	CLI_RUN = 0,
	CLI_HELP,
	CLI_VERSION,
};

#define CLI_DEFAULT_INTERVAL 1.0
#define CLI_DEFAULT_SCENARIO "steady"

struct cli_options {
	enum cli_action action;

	/* target, as rpc.py takes it; socket NULL = RPC_DEFAULT_SOCKET */
	const char *socket;        /* -s PATH|ADDR */
	int port;                  /* -p PORT; -1 = not given */
	double rpc_timeout;        /* -t SECONDS per request */

	/* modes */
	double interval;           /* -d SECONDS between snapshots */
	bool once;                 /* --once: one snapshot, then exit */
	bool batch;                /* -b: snapshots to stdout, no terminal UI */
	long count;                /* -n N snapshots in batch mode; 0 = until stopped */
	bool json;                 /* --json: JSON instead of the text report */
	bool demo;                 /* --demo: private simulator */
	const char *demo_scenario; /* --demo-scenario NAME */

	/* sources */
	const char *sysfs_root;    /* --sysfs-root DIR; NULL = /sys */
	const char *procfs_root;   /* --procfs-root DIR; NULL = /proc */
	int target_pid;            /* --target-pid PID; 0 = found from the socket */
	bool no_ring_read;         /* --no-ring-read: counters only, the target's memory untouched */

	/* dashboard look and behaviour */
	const char *theme;         /* --theme NAME|PATH; NULL = default */
	bool no_color, ascii, no_flash, bell, read_only;

	/* recording, replay and the flight recorder */
	const char *record;        /* --record FILE: append a snapshot per tick */
	double record_max_mb;      /* --record-max-mb N: rotate past N MiB; 0 = never */
	const char *replay;        /* --replay FILE: play a recording instead of a target */
	double flight_minutes;     /* --flight-minutes M kept in memory (default 15) */
	const char *flight_dir;    /* --flight-dir DIR: dump on a critical alert; w's dir */

	/* dashboard alert thresholds */
	double warn_pool_pct;            /* pool utilization warning, percent */
	double warn_hugepages_free_pct;  /* free hugepages below this, percent */
	double warn_imbalance_pct;       /* NUMA node imbalance, percent */
	double leak_minutes;             /* pinned buffers rising this long */
};

/* Names the simulator's scenarios accept, NULL-terminated. */
extern const char *const cli_demo_scenarios[];

void cli_options_defaults(struct cli_options *o);

/*
 * Parses argv[1..argc) into *o (defaults first).  Returns 0, or -1 with err
 * naming the flag and the bad value.  -h/-V set o->action and stop checking
 * the rest, as most tools do.
 */
int cli_parse(int argc, char *const argv[], struct cli_options *o, struct mt_err *err);

/* true when this run writes snapshots to stdout rather than drawing a dashboard. */
bool cli_is_headless(const struct cli_options *o);

/* One line: "usage: spdk-memtop [-s PATH|ADDR] ...". */
void cli_usage(FILE *out);
/* Full option list for -h. */
void cli_help(FILE *out);

#endif
