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
	CLI_EXIT_NO_IOBUF = 4,     /* --once/batch: it answered, but no iobuf stats came of it */
	/* `diff A B`: 0 no retries from A to B, 1 retries rose, 2 a bad file */
	CLI_EXIT_DIFF_RETRIES = 1,
	CLI_EXIT_DIFF_BAD_FILE = 2,
	/* --check, the monitoring-plugin convention */
	CLI_EXIT_CHECK_OK = 0,
	CLI_EXIT_CHECK_WARNING = 1,
	CLI_EXIT_CHECK_CRITICAL = 2,
	CLI_EXIT_CHECK_UNKNOWN = 3,
	CLI_EXIT_USAGE = 64,       /* bad command line (EX_USAGE) */
};

enum cli_action {
	CLI_RUN = 0,
	CLI_HELP,
	CLI_VERSION,
	CLI_DIFF,                  /* `spdk-memtop diff A B` */
};

#define CLI_DEFAULT_INTERVAL 1.0
#define CLI_DEFAULT_MEM_STATS_INTERVAL 30.0   /* --mem-stats-interval */
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

	/* changing the pool counts (key c) */
	const char *target_config; /* --target-config PATH: the target's JSON config; NULL = from its command line */
	const char *audit_log;     /* --audit-log PATH; NULL = $XDG_STATE_HOME/spdk-memtop/audit.log */
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
	double leak_minutes;             /* buffers out of the pool (or reserved) rising this long */

	/* baselines, checks, export and settings (issue 9) */
	const char *diff_a, *diff_b;     /* `diff A B` */
	const char *baseline;            /* --baseline FILE: compare against it */
	const char *baseline_dir;        /* --baseline-dir DIR; NULL = XDG state dir */
	bool check;                      /* --check: two snapshots, one line, exit 0..3 */
	bool prometheus;                 /* --prometheus: exposition format with --once/-b */
	const char *prometheus_textfile; /* --prometheus-textfile PATH, rewritten every tick */
	bool no_config;                  /* --no-config: ignore the settings file */

	/* who holds the hugepages (issue 11) */
	double mem_stats_interval;       /* --mem-stats-interval S between heap dumps; 0 = key m */
	bool consumers;                  /* --consumers: with --once, the hugepage consumers too */
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

/*
 * The settings file's `key = value` (config_file.h): the long flags' names
 * without dashes, and socket, port, timeout, interval for -s, -p, -t, -d.
 * Only settings, not modes: 0, or -1 with err naming the key and the value
 * (unknown keys too).  cli_parse_over() then applies argv on top, so flags win.
 */
int cli_apply_setting(struct cli_options *o, const char *key, const char *value,
		      struct mt_err *err);
/* cli_parse without the defaults: argv applied over what *o holds. */
int cli_parse_over(int argc, char *const argv[], struct cli_options *o, struct mt_err *err);

/* true when this run writes snapshots to stdout rather than drawing a dashboard. */
bool cli_is_headless(const struct cli_options *o);

/* One line: "usage: spdk-memtop [-s PATH|ADDR] ...". */
void cli_usage(FILE *out);
/* Full option list for -h. */
void cli_help(FILE *out);

#endif
