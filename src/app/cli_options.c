/*
 * Command-line parsing without getopt: getopt keeps global state and prints
 * its own messages, and we want a pure function whose errors name the flag
 * and the value.  Short flags cluster (-bn3), long ones take "--x v" or
 * "--x=v", "--" ends the options.  No positional arguments exist, except
 * after the `diff` subcommand.
 */
#include "cli_options.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const cli_demo_scenarios[] = { "idle", "steady", "exhaustion", "churn", NULL };

enum opt_id {
	O_SOCKET, O_PORT, O_TIMEOUT, O_DELAY, O_ONCE, O_JSON, O_BATCH, O_COUNT,
	O_DEMO, O_DEMO_SCENARIO, O_SYSFS, O_PROCFS, O_THEME, O_NO_COLOR, O_ASCII,
	O_NO_FLASH, O_BELL, O_READ_ONLY, O_HELP, O_VERSION, O_WARN_POOL,
	O_WARN_HP_FREE, O_WARN_IMBALANCE, O_LEAK_MINUTES, O_TARGET_PID, O_NO_RING_READ,
	O_TARGET_CONFIG, O_AUDIT_LOG,
	/* baselines, checks, export and settings (issue 9) */
	O_BASELINE, O_BASELINE_DIR, O_CHECK, O_PROMETHEUS, O_PROM_TEXTFILE, O_NO_CONFIG,
	/* recording and replay */
	O_RECORD, O_RECORD_MAX_MB, O_REPLAY, O_FLIGHT_MINUTES, O_FLIGHT_DIR,
	/* who holds the hugepages (issue 11) */
	O_MEM_STATS_INTERVAL, O_CONSUMERS,
};

struct opt_spec {
	char shortname;            /* 0: long only */
	const char *shortflag;     /* "-s": how errors name the short form */
	const char *longflag;      /* "--once"; NULL: short only */
	enum opt_id id;
	bool has_value;
};

static const struct opt_spec specs[] = {
	{ 's', "-s", NULL, O_SOCKET, true },
	{ 'p', "-p", NULL, O_PORT, true },
	{ 't', "-t", NULL, O_TIMEOUT, true },
	{ 'd', "-d", NULL, O_DELAY, true },
	{ 0, NULL, "--once", O_ONCE, false },
	{ 0, NULL, "--json", O_JSON, false },
	{ 'b', "-b", "--batch", O_BATCH, false },
	{ 'n', "-n", NULL, O_COUNT, true },
	{ 0, NULL, "--demo", O_DEMO, false },
	{ 0, NULL, "--demo-scenario", O_DEMO_SCENARIO, true },
	{ 0, NULL, "--sysfs-root", O_SYSFS, true },
	{ 0, NULL, "--procfs-root", O_PROCFS, true },
	{ 0, NULL, "--target-pid", O_TARGET_PID, true },
	{ 0, NULL, "--no-ring-read", O_NO_RING_READ, false },
	{ 0, NULL, "--theme", O_THEME, true },
	{ 0, NULL, "--no-color", O_NO_COLOR, false },
	{ 0, NULL, "--ascii", O_ASCII, false },
	{ 0, NULL, "--no-flash", O_NO_FLASH, false },
	{ 0, NULL, "--bell", O_BELL, false },
	{ 0, NULL, "--read-only", O_READ_ONLY, false },
	{ 'h', "-h", "--help", O_HELP, false },
	{ 'V', "-V", "--version", O_VERSION, false },
	{ 0, NULL, "--warn-pool-pct", O_WARN_POOL, true },
	{ 0, NULL, "--warn-hugepages-free-pct", O_WARN_HP_FREE, true },
	{ 0, NULL, "--warn-imbalance-pct", O_WARN_IMBALANCE, true },
	{ 0, NULL, "--leak-minutes", O_LEAK_MINUTES, true },
	/* changing the pool counts */
	{ 0, NULL, "--target-config", O_TARGET_CONFIG, true },
	{ 0, NULL, "--audit-log", O_AUDIT_LOG, true },
	/* baselines, checks, export and settings (issue 9) */
	{ 0, NULL, "--baseline", O_BASELINE, true },
	{ 0, NULL, "--baseline-dir", O_BASELINE_DIR, true },
	{ 0, NULL, "--check", O_CHECK, false },
	{ 0, NULL, "--prometheus", O_PROMETHEUS, false },
	{ 0, NULL, "--prometheus-textfile", O_PROM_TEXTFILE, true },
	{ 0, NULL, "--no-config", O_NO_CONFIG, false },
	/* recording and replay */
	{ 0, NULL, "--record", O_RECORD, true },
	{ 0, NULL, "--record-max-mb", O_RECORD_MAX_MB, true },
	{ 0, NULL, "--replay", O_REPLAY, true },
	{ 0, NULL, "--flight-minutes", O_FLIGHT_MINUTES, true },
	{ 0, NULL, "--flight-dir", O_FLIGHT_DIR, true },
	/* who holds the hugepages (issue 11) */
	{ 0, NULL, "--mem-stats-interval", O_MEM_STATS_INTERVAL, true },
	{ 0, NULL, "--consumers", O_CONSUMERS, false },
};

#define NSPECS (sizeof(specs) / sizeof(specs[0]))

void cli_options_defaults(struct cli_options *o)
{
	memset(o, 0, sizeof(*o));
	o->action = CLI_RUN;
	o->port = -1;
	o->rpc_timeout = 1.0;
	o->interval = CLI_DEFAULT_INTERVAL;
	o->demo_scenario = CLI_DEFAULT_SCENARIO;
	o->warn_pool_pct = 90;
	o->warn_hugepages_free_pct = 10;
	o->warn_imbalance_pct = 25;
	o->leak_minutes = 10;
	o->flight_minutes = 15;
	o->mem_stats_interval = CLI_DEFAULT_MEM_STATS_INTERVAL;
}

/* A finite decimal number and nothing else ("1", "0.5", "2e-1"). */
static bool parse_double(const char *s, double *out)
{
	char *end;
	double v;

	/* strtod skips leading blanks; "1 " is refused, so " 1" is too (issue 12). */
	if (!*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v))
		return false;
	/* strtod accepts "0x1p3"; a person typing seconds does not mean that. */
	if (strpbrk(s, "xX"))
		return false;
	*out = v;
	return true;
}

static bool parse_long(const char *s, long *out)
{
	char *end;
	long v;

	if (!*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

static int set_seconds(const char *name, const char *val, double min, bool min_inclusive,
		       double max, double *out, struct mt_err *err)
{
	double v;

	if (!parse_double(val, &v) || v < min || (!min_inclusive && v == min)) {
		mt_err_set(err, 0, "%s: expected seconds %s %g, got '%s'", name,
			   min_inclusive ? ">=" : ">", min, val);
		return -1;
	}
	if (v > max) {
		mt_err_set(err, 0, "%s: expected seconds <= %g, got '%s'", name, max, val);
		return -1;
	}
	*out = v;
	return 0;
}

static int set_percent(const char *name, const char *val, double *out, struct mt_err *err)
{
	double v;

	if (!parse_double(val, &v) || v < 0 || v > 100) {
		mt_err_set(err, 0, "%s: expected a percentage from 0 to 100, got '%s'", name, val);
		return -1;
	}
	*out = v;
	return 0;
}

static int set_path(const char *name, const char *val, const char **out, struct mt_err *err)
{
	if (!*val) {
		mt_err_set(err, 0, "%s: expected a path, got ''", name);
		return -1;
	}
	*out = val;
	return 0;
}

static int set_scenario(const char *name, const char *val, const char **out,
			struct mt_err *err)
{
	for (size_t i = 0; cli_demo_scenarios[i]; i++) {
		if (strcmp(val, cli_demo_scenarios[i]) == 0) {
			*out = val;
			return 0;
		}
	}
	mt_err_set(err, 0, "%s: expected idle, steady, exhaustion or churn, got '%s'", name, val);
	return -1;
}

/* Records which flags were given, to check combinations once all are read. */
struct seen {
	const char *socket, *port, *count, *scenario;
	const char *record_max_mb;
};

static int apply(const struct opt_spec *sp, const char *name, const char *val,
		 struct cli_options *o, struct seen *seen, struct mt_err *err)
{
	long n;

	switch (sp->id) {
	case O_SOCKET:
		seen->socket = name;
		return set_path(name, val, &o->socket, err);
	case O_PORT:
		if (!parse_long(val, &n) || n < 1 || n > 65535) {
			mt_err_set(err, 0, "%s: expected a port from 1 to 65535, got '%s'", name,
				   val);
			return -1;
		}
		seen->port = name;
		o->port = (int)n;
		return 0;
	case O_TIMEOUT:
		return set_seconds(name, val, 0, false, 3600, &o->rpc_timeout, err);
	case O_DELAY:
		return set_seconds(name, val, TICK_MIN_INTERVAL, true, 86400, &o->interval, err);
	case O_COUNT:
		if (!parse_long(val, &n) || n < 1) {
			mt_err_set(err, 0, "%s: expected a count >= 1, got '%s'", name, val);
			return -1;
		}
		seen->count = name;
		o->count = n;
		return 0;
	case O_DEMO_SCENARIO:
		seen->scenario = name;
		return set_scenario(name, val, &o->demo_scenario, err);
	case O_SYSFS:
		return set_path(name, val, &o->sysfs_root, err);
	case O_PROCFS:
		return set_path(name, val, &o->procfs_root, err);
	case O_TARGET_PID:
		if (!parse_long(val, &n) || n < 1 || n > INT_MAX) {
			mt_err_set(err, 0, "%s: expected a process id, got '%s'", name, val);
			return -1;
		}
		o->target_pid = (int)n;
		return 0;
	case O_THEME:
		if (!*val) {
			mt_err_set(err, 0, "%s: expected a theme name or path, got ''", name);
			return -1;
		}
		o->theme = val;
		return 0;
	case O_WARN_POOL:
		return set_percent(name, val, &o->warn_pool_pct, err);
	case O_WARN_HP_FREE:
		return set_percent(name, val, &o->warn_hugepages_free_pct, err);
	case O_WARN_IMBALANCE:
		return set_percent(name, val, &o->warn_imbalance_pct, err);
	case O_LEAK_MINUTES:
		if (!parse_double(val, &o->leak_minutes) || o->leak_minutes <= 0) {
			mt_err_set(err, 0, "%s: expected minutes > 0, got '%s'", name, val);
			return -1;
		}
		return 0;
	case O_TARGET_CONFIG:
		return set_path(name, val, &o->target_config, err);
	case O_AUDIT_LOG:
		return set_path(name, val, &o->audit_log, err);
	/* recording and replay */
	case O_RECORD:
		return set_path(name, val, &o->record, err);
	case O_REPLAY:
		return set_path(name, val, &o->replay, err);
	case O_FLIGHT_DIR:
		return set_path(name, val, &o->flight_dir, err);
	case O_RECORD_MAX_MB:
		seen->record_max_mb = name;
		if (!parse_double(val, &o->record_max_mb) || o->record_max_mb < 1 ||
		    o->record_max_mb > 1024 * 1024) {
			mt_err_set(err, 0, "%s: expected MiB from 1 to 1048576, got '%s'", name, val);
			return -1;
		}
		return 0;
	case O_FLIGHT_MINUTES:
		if (!parse_double(val, &o->flight_minutes) || o->flight_minutes < 0 ||
		    o->flight_minutes > 24 * 60) {
			mt_err_set(err, 0, "%s: expected minutes from 0 to 1440, got '%s'", name, val);
			return -1;
		}
		return 0;
	/* who holds the hugepages (issue 11): 0 = only on key m */
	case O_MEM_STATS_INTERVAL:
		if (!parse_double(val, &o->mem_stats_interval) || o->mem_stats_interval < 0 ||
		    o->mem_stats_interval > 86400 ||
		    (o->mem_stats_interval > 0 && o->mem_stats_interval < TICK_MIN_INTERVAL)) {
			mt_err_set(err, 0, "%s: expected 0 (only on key m) or seconds from %g to "
				   "86400, got '%s'", name, TICK_MIN_INTERVAL, val);
			return -1;
		}
		return 0;
	case O_CONSUMERS: o->consumers = true; return 0;
	case O_ONCE: o->once = true; return 0;
	case O_JSON: o->json = true; return 0;
	case O_BATCH: o->batch = true; return 0;
	case O_DEMO: o->demo = true; return 0;
	case O_NO_COLOR: o->no_color = true; return 0;
	case O_ASCII: o->ascii = true; return 0;
	case O_NO_FLASH: o->no_flash = true; return 0;
	case O_BELL: o->bell = true; return 0;
	case O_READ_ONLY: o->read_only = true; return 0;
	case O_NO_RING_READ: o->no_ring_read = true; return 0;
	/* baselines, checks, export and settings (issue 9) */
	case O_BASELINE:
		return set_path(name, val, &o->baseline, err);
	case O_BASELINE_DIR:
		return set_path(name, val, &o->baseline_dir, err);
	case O_PROM_TEXTFILE:
		return set_path(name, val, &o->prometheus_textfile, err);
	case O_CHECK: o->check = true; return 0;
	case O_PROMETHEUS: o->prometheus = true; return 0;
	case O_NO_CONFIG: o->no_config = true; return 0;
	case O_HELP: o->action = CLI_HELP; return 0;
	case O_VERSION: o->action = CLI_VERSION; return 0;
	}
	mt_err_set(err, 0, "%s: not handled", name);
	return -1;
}

static const struct opt_spec *find_short(char c)
{
	for (size_t i = 0; i < NSPECS; i++)
		if (specs[i].shortname && specs[i].shortname == c)
			return &specs[i];
	return NULL;
}

static const struct opt_spec *find_long(const char *s, size_t len)
{
	for (size_t i = 0; i < NSPECS; i++)
		if (specs[i].longflag && strlen(specs[i].longflag) == len + 2 &&
		    strncmp(specs[i].longflag + 2, s, len) == 0)
			return &specs[i];
	return NULL;
}

/* Baselines, checks and export (issue 9): their combinations, kept together. */
static int check_issue9(const struct cli_options *o, const struct seen *seen,
			struct mt_err *err)
{
	if (o->check && (o->once || o->batch || seen->count)) {
		mt_err_set(err, 0, "--check: conflicts with %s (it takes its own two snapshots)",
			   o->once ? "--once" : o->batch ? "-b" : "-n");
		return -1;
	}
	if (o->prometheus && !o->once && !o->batch) {
		mt_err_set(err, 0, "--prometheus: needs --once or -b (for the dashboard, use "
			   "--prometheus-textfile PATH)");
		return -1;
	}
	if (o->prometheus && o->json) {
		mt_err_set(err, 0, "--prometheus: conflicts with --json (one output format)");
		return -1;
	}
	if (o->prometheus_textfile && o->check) {
		mt_err_set(err, 0, "--prometheus-textfile: conflicts with --check (it exits at "
			   "once; use a mode that keeps running)");
		return -1;
	}
	if (o->baseline && (o->once || o->batch || o->check)) {
		mt_err_set(err, 0, "--baseline: needs the dashboard (to compare two files, use "
			   "`spdk-memtop diff A B`)");
		return -1;
	}
	return 0;
}

/* Recording and replay: a recording is the target, so no other target goes with it. */
static int check_recording(const struct cli_options *o, const struct seen *seen,
			   struct mt_err *err)
{
	const char *other = o->demo ? "--demo" : seen->socket ? seen->socket : seen->port;

	if (o->replay && other) {
		mt_err_set(err, 0, "--replay: conflicts with %s (a recording is the target)", other);
		return -1;
	}
	if (seen->record_max_mb && !o->record) {
		mt_err_set(err, 0, "%s: needs --record", seen->record_max_mb);
		return -1;
	}
	if (o->record && o->replay) {
		mt_err_set(err, 0, "--record: conflicts with --replay (the recording exists; "
			   "to pick out a part, -b --json --replay FILE writes it again)");
		return -1;
	}
	return 0;
}

/* Combinations that make no sense are refused rather than silently ignored. */
static int check_combinations(struct cli_options *o, const struct seen *seen,
			      struct mt_err *err)
{
	/* Issue 12: --once is one snapshot, -b a series; both at once was silently --once. */
	if (o->once && o->batch) {
		mt_err_set(err, 0, "-b: conflicts with --once (use -b -n 1 for one snapshot "
			   "in batch form)");
		return -1;
	}
	if (o->once && seen->count) {
		mt_err_set(err, 0, "%s: conflicts with --once (use -b -n N for several snapshots)",
			   seen->count);
		return -1;
	}
	if (seen->count && !o->batch) {
		mt_err_set(err, 0, "%s: needs -b (batch mode)", seen->count);
		return -1;
	}
	if (check_issue9(o, seen, err))
		return -1;
	if (o->json && !o->once && !o->batch && !o->check) {
		mt_err_set(err, 0, "--json: needs --once, -b or --check (the dashboard draws, "
			   "it does not print JSON)");
		return -1;
	}
	if (o->demo && seen->socket) {
		mt_err_set(err, 0, "--demo: conflicts with %s (the demo uses a private socket)",
			   seen->socket);
		return -1;
	}
	if (o->demo && seen->port) {
		mt_err_set(err, 0, "--demo: conflicts with %s (the demo uses a private socket)",
			   seen->port);
		return -1;
	}
	if (seen->scenario && !o->demo) {
		mt_err_set(err, 0, "%s: needs --demo", seen->scenario);
		return -1;
	}
	if (check_recording(o, seen, err))
		return -1;
	if (o->consumers && o->replay) {
		mt_err_set(err, 0, "--consumers: conflicts with --replay (it scans this host's "
			   "processes now, not the recording's)");
		return -1;
	}
	if (o->consumers && (!o->once || o->prometheus)) {
		mt_err_set(err, 0, "--consumers: needs --once, as text or --json (the dashboard "
			   "shows them on key H)");
		return -1;
	}
	if (o->once) {
		o->batch = true;
		o->count = 1;
	}
	return 0;
}

/* Handles argv[*i], a cluster of short flags; may consume argv[*i + 1]. */
static int parse_short(int argc, char *const argv[], int *i, struct cli_options *o,
		       struct seen *seen, struct mt_err *err)
{
	const char *arg = argv[*i];

	for (size_t k = 1; arg[k]; k++) {
		const struct opt_spec *sp = find_short(arg[k]);
		const char *name, *val;

		if (!sp) {
			mt_err_set(err, 0, "unknown option '-%c'", arg[k]);
			return -1;
		}
		name = sp->shortflag;
		if (!sp->has_value) {
			if (apply(sp, name, NULL, o, seen, err))
				return -1;
			if (o->action != CLI_RUN)
				return 1;
			continue;
		}
		if (arg[k + 1]) {
			val = &arg[k + 1];
		} else if (*i + 1 < argc) {
			val = argv[++*i];
		} else {
			mt_err_set(err, 0, "%s: missing value", name);
			return -1;
		}
		return apply(sp, name, val, o, seen, err);
	}
	return 0;
}

static int parse_long_opt(int argc, char *const argv[], int *i, struct cli_options *o,
			  struct seen *seen, struct mt_err *err)
{
	const char *arg = argv[*i];
	const char *body = arg + 2;
	const char *eq = strchr(body, '=');
	size_t len = eq ? (size_t)(eq - body) : strlen(body);
	const struct opt_spec *sp = find_long(body, len);
	const char *name, *val = NULL;

	if (!sp) {
		mt_err_set(err, 0, "unknown option '%.*s'", (int)(len + 2), arg);
		return -1;
	}
	name = sp->longflag;
	if (sp->has_value) {
		if (eq) {
			val = eq + 1;
		} else if (*i + 1 < argc) {
			val = argv[++*i];
		} else {
			mt_err_set(err, 0, "%s: missing value", name);
			return -1;
		}
	} else if (eq) {
		mt_err_set(err, 0, "%s: takes no value, got '%s'", name, eq + 1);
		return -1;
	}
	if (apply(sp, name, val, o, seen, err))
		return -1;
	return o->action != CLI_RUN ? 1 : 0;
}

/* `diff A B [--json]`: the two files and the output format, nothing else. */
static int parse_diff(int argc, char *const argv[], struct cli_options *o, struct mt_err *err)
{
	bool dashes = false;

	o->action = CLI_DIFF;
	for (int i = 2; i < argc; i++) {
		const char *arg = argv[i];

		if (!dashes && strcmp(arg, "--json") == 0) {
			o->json = true;
		} else if (!dashes && (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)) {
			o->action = CLI_HELP;
			return 0;
		} else if (!dashes && strcmp(arg, "--") == 0) {
			dashes = true;
		} else if (!dashes && arg[0] == '-' && arg[1]) {
			mt_err_set(err, 0, "diff: unknown option '%s' (only --json)", arg);
			return -1;
		} else if (!o->diff_a) {
			o->diff_a = arg;
		} else if (!o->diff_b) {
			o->diff_b = arg;
		} else {
			mt_err_set(err, 0, "diff: unexpected argument '%s' (two files: A B)", arg);
			return -1;
		}
	}
	if (!o->diff_b) {
		mt_err_set(err, 0, "diff: expected two files, A and B, got %s",
			   o->diff_a ? "one" : "none");
		return -1;
	}
	return 0;
}

/* Settings file keys that are not a long flag's name. */
static const struct {
	const char *key;
	enum opt_id id;
} setting_aliases[] = {
	{ "socket", O_SOCKET }, { "port", O_PORT }, { "timeout", O_TIMEOUT },
	{ "interval", O_DELAY },
};

/*
 * Modes and one-shot flags are not settings: a file must not change what a
 * run does.  --replay is a mode (every run would watch one old file); a
 * --record named once would have every run (dashboard, --once, --check, two
 * at a time) append to that one file: always-on evidence is flight-dir's.
 */
static bool is_setting(enum opt_id id)
{
	switch (id) {
	case O_ONCE: case O_JSON: case O_BATCH: case O_COUNT: case O_DEMO:
	case O_DEMO_SCENARIO: case O_HELP: case O_VERSION: case O_CHECK: case O_PROMETHEUS:
	case O_NO_CONFIG: case O_BASELINE: case O_TARGET_PID: case O_CONSUMERS:
	case O_REPLAY: case O_RECORD:
		return false;
	default:
		return true;
	}
}

int cli_apply_setting(struct cli_options *o, const char *key, const char *value,
		      struct mt_err *err)
{
	const struct opt_spec *sp = NULL;
	struct seen seen = { 0 };

	for (size_t i = 0; i < sizeof(setting_aliases) / sizeof(setting_aliases[0]); i++)
		if (strcmp(setting_aliases[i].key, key) == 0)
			for (size_t k = 0; k < NSPECS; k++)
				if (specs[k].id == setting_aliases[i].id)
					sp = &specs[k];
	if (!sp)
		sp = find_long(key, strlen(key));
	if (!sp) {
		mt_err_set(err, 0, "unknown setting '%s'", key);
		return -1;
	}
	if (!is_setting(sp->id)) {
		mt_err_set(err, 0, "'%s' is not a setting: a mode or a one-shot option, given "
			   "on the command line (%s)", key, sp->longflag);
		return -1;
	}
	if (!sp->has_value) {
		if (strcmp(value, "true") && strcmp(value, "yes") && strcmp(value, "1")) {
			mt_err_set(err, 0, "%s: expected true, yes or 1 (leave the line out for "
				   "false), got '%s'", key, value);
			return -1;
		}
		value = NULL;
	}
	return apply(sp, key, value, o, &seen, err);
}

int cli_parse(int argc, char *const argv[], struct cli_options *o, struct mt_err *err)
{
	cli_options_defaults(o);
	return cli_parse_over(argc, argv, o, err);
}

int cli_parse_over(int argc, char *const argv[], struct cli_options *o, struct mt_err *err)
{
	struct seen seen = { 0 };

	if (argc > 1 && strcmp(argv[1], "diff") == 0)
		return parse_diff(argc, argv, o, err);
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		int rc;

		if (strcmp(arg, "--") == 0) {
			if (i + 1 < argc) {
				mt_err_set(err, 0, "unexpected argument '%s'", argv[i + 1]);
				return -1;
			}
			break;
		}
		if (arg[0] != '-' || arg[1] == '\0') {
			mt_err_set(err, 0, "unexpected argument '%s'", arg);
			return -1;
		}
		if (arg[1] == '-')
			rc = parse_long_opt(argc, argv, &i, o, &seen, err);
		else
			rc = parse_short(argc, argv, &i, o, &seen, err);
		if (rc < 0)
			return -1;
		if (rc > 0)
			return 0;   /* -h or -V: the rest does not matter */
	}
	return check_combinations(o, &seen, err);
}

bool cli_is_headless(const struct cli_options *o)
{
	return o->once || o->batch || o->check;
}

void cli_usage(FILE *out)
{
	fputs("usage: spdk-memtop [-s PATH|ADDR] [-p PORT] [-t SEC] [-d SEC] "
	      "[--once | -b [-n N]] [--json] [--demo] ... (-h for all options)\n", out);
}

void cli_help(FILE *out)
{
	cli_usage(out);
	fputs("\n"
	      "Watch the iobuf pools and hugepages of an SPDK target.\n"
	      "\n"
	      "Target (as SPDK's rpc.py):\n"
	      "  -s PATH|ADDR        Unix socket path or TCP address "
	      "(default /var/tmp/spdk.sock)\n"
	      "  -p PORT             TCP port when -s is an address (default 5260)\n"
	      "  -t SECONDS          timeout of each RPC request (default 1.0)\n"
	      "\n"
	      "Modes:\n"
	      "  -d SECONDS          refresh interval, decimals allowed (default 1, min "
	      TICK_MIN_INTERVAL_TEXT ")\n"
	      "  --once              print one snapshot and exit\n"
	      "  -b, --batch         print snapshots to stdout, no terminal UI\n"
	      "  -n N                with -b: stop after N snapshots (default: until stopped)\n"
	      "  --json              with --once/-b: JSON (one object per line with -b)\n"
	      "  --demo              start the bundled simulator on a private socket and "
	      "watch it\n"
	      "  --demo-scenario S   idle, steady, exhaustion or churn (default steady)\n"
	      "\n"
	      "Sources:\n"
	      "  --sysfs-root DIR    read hugepages below DIR instead of /sys\n"
	      "  --procfs-root DIR   read meminfo (and, for H and --consumers, the\n"
	      "                      processes) below DIR instead of /proc\n"
	      "  --target-pid PID    the target's process, for reading its pools' rings\n"
	      "                      (default: the process serving the Unix socket)\n"
	      "  --no-ring-read      never read the target's memory: no exact occupancy\n"
	      "\n"
	      "Dashboard:\n"
	      "  --theme NAME|PATH   colour theme\n"
	      "  --no-color          no colours (also: NO_COLOR set and non-empty)\n"
	      "  --ascii             plain ASCII characters only\n"
	      "  --no-flash          do not flash alerts\n"
	      "  --bell              ring the terminal bell on new alerts\n"
	      "  --read-only         refuse every action that changes the target\n"
	      "  --warn-pool-pct P            pool utilization warning (default 90)\n"
	      "  --warn-hugepages-free-pct P  free hugepages warning (default 10)\n"
	      "  --warn-imbalance-pct P       NUMA imbalance warning (default 25)\n"
	      "  --leak-minutes M             pool use (or cache reservation) rising this long\n"
	      "                               (default 10)\n"
	      "\n"
	      "Changing the pool counts (key c):\n"
	      "  --target-config PATH  the target's JSON config, patched when it runs\n"
	      "                      (default: the -c/--json file on its command line)\n"
	      "  --audit-log PATH    where every attempt is logged\n"
	      "                      (default $XDG_STATE_HOME/spdk-memtop/audit.log)\n"
	      "\n"
	      "Baselines, checks and export:\n"
	      "  --baseline FILE     compare against FILE (a snapshot, rpc.py iobuf_get_stats\n"
	      "                      output or the aggregate form); B toggles compare mode\n"
	      "  --baseline-dir DIR  where b saves baselines\n"
	      "                      (default $XDG_STATE_HOME/spdk-memtop/baselines)\n"
	      "  --check             two snapshots one interval apart, one line, exit\n"
	      "                      0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (--json: details)\n"
	      "  --prometheus        with --once/-b: Prometheus text exposition format\n"
	      "  --prometheus-textfile PATH  rewrite PATH (.prom) atomically every tick\n"
	      "  --no-config         ignore $XDG_CONFIG_HOME/spdk-memtop/config\n"
	      "  diff A B [--json]   what changed from baseline A to B; exit 1 if retries\n"
	      "                      rose, 0 if not, 2 on a bad file\n"
	      "\n"
	      "Recording and replay:\n"
	      "  --record FILE       append every snapshot to FILE (JSON lines)\n"
	      "  --record-max-mb N   rotate FILE past N MiB (FILE.1 .. FILE.9)\n"
	      "  --replay FILE       play a recording (or a transcript timeline) instead "
	      "of a target\n"
	      "  --flight-minutes M  minutes of snapshots kept in memory for w (default 15)\n"
	      "  --flight-dir DIR    write them there on a critical alert (and w's "
	      "directory)\n"
	      "\n"
	      "Who holds the hugepages:\n"
	      "  --mem-stats-interval S  seconds between heap dumps (default 30;\n"
	      "                      0 = only on key m): SPDK's heap per node\n"
	      "  --consumers         with --once: which processes hold hugepages on which\n"
	      "                      node, and leaked hugetlbfs files (dashboard: key H)\n"
	      "\n"
	      "  -h, --help          this help\n"
	      "  -V, --version       version\n"
	      "\n"
	      "Exit status: 0 collected, 3 target unreachable (--once/-b), 64 usage error,\n"
	      "1 other failure.  See spdk-memtop(1).\n", out);
}
