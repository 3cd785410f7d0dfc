/*
 * audit_log: one line per attempted action, for the user to read and for a
 * program to parse back (none under --read-only: actions_audit below).
 *
 * Where: audit_log_path() gives $XDG_STATE_HOME/spdk-memtop/audit.log, or
 * $HOME/.local/state/spdk-memtop/audit.log when XDG_STATE_HOME is unset,
 * empty or relative (the XDG spec says to ignore a relative one).  Missing
 * directories are made with mode 0700 and a new log with 0600 whatever the
 * umask; an existing log keeps its mode.  Each append opens the log with
 * O_APPEND, writes the line with one write(2) and closes it, so lines from
 * several dashboards never interleave (on local file systems; NFS does not
 * keep O_APPEND atomic) and a rotated log is simply recreated.
 *
 * The line: key="value" pairs separated by one space, in this order, then a
 * newline; every value is quoted:
 *
 *   time="2026-03-01T12:34:56.789Z"   ISO-8601, UTC, milliseconds
 *   target="/var/tmp/spdk.sock"       the target's address as given
 *   action="iobuf_set_options"
 *   via="rpc"                         or via="config_file:/etc/spdk/tgt.json"
 *   old_small="8192" old_large="1024" pool counts before; "-" when unknown
 *   new_small="8192" new_large="4096" pool counts asked for; "-" when not set
 *   outcome="ok"                      ok | rejected | refused | failed
 *   code="-1"                         only when rejected: SPDK's error code
 *   reason="..."                      all but ok: SPDK's message verbatim
 *                                     (rejected), or why (refused, failed)
 *
 * Inside a value, \" \\ \n \r \t and \xHH (other bytes below 0x20, and 0x7f)
 * are escaped; every other byte, UTF-8 included, is written as is.  So a
 * line never holds a raw newline and always parses back: audit_line_parse()
 * is the reference reader (it ignores keys it does not know, for lines a
 * later version adds to).  Nothing here is fatal: errors come back as
 * values for the caller to show.
 */
#ifndef AUDIT_LOG_H
#define AUDIT_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "actions.h"
#include "mt_error.h"

#define AUDIT_TARGET_LEN 256
#define AUDIT_ACTION_LEN 64
#define AUDIT_PATH_LEN 4096
/* Every field at its longest, every byte escaped as \xHH, fits. */
#define AUDIT_LINE_MAX (4 * (AUDIT_TARGET_LEN + AUDIT_ACTION_LEN + AUDIT_PATH_LEN + MT_ERR_LEN) \
			+ 512)

enum audit_outcome {
	AUDIT_OK,
	AUDIT_REJECTED,   /* the target said no: code and reason are SPDK's */
	AUDIT_REFUSED,    /* not tried: busy, a refused plan (--read-only logs nothing) */
	AUDIT_FAILED,     /* tried, no answer or an error of ours */
};

struct audit_count {
	bool known;
	uint64_t value;
};

struct audit_entry {
	struct timespec when;                 /* CLOCK_REALTIME; logged to the millisecond */
	char target[AUDIT_TARGET_LEN];
	char action[AUDIT_ACTION_LEN];        /* the RPC method, e.g. "iobuf_set_options" */
	char config_path[AUDIT_PATH_LEN];     /* empty: via rpc; else via config_file:PATH */
	struct audit_count old_small, old_large, new_small, new_large;
	enum audit_outcome outcome;
	int code;                             /* REJECTED: SPDK's error code */
	char reason[MT_ERR_LEN];
};

/*
 * The default log path from the two environment values (either may be
 * NULL).  -1 when neither gives an absolute directory, or it does not fit.
 */
int audit_log_path(const char *xdg_state_home, const char *home, char *buf, size_t len,
		   struct mt_err *err);

/*
 * Appends e as one line to `path` (NULL: audit_log_path() of the
 * environment), making missing directories.  -1 with err when the line
 * could not be written whole; a short write is reported, never retried (a
 * retry could split the line).
 */
int audit_log_append(const char *path, const struct audit_entry *e, struct mt_err *err);

/*
 * How the program logs an attempt: the log is a file like any other, so it
 * passes a's gate (actions_check, kind ACTION_AUDIT_LOG) first.  Under
 * --read-only nothing is written, not even the refusal (the user sees that
 * on screen): returns 1 and touches nothing.  Else audit_log_append().
 */
int actions_audit(const struct actions *a, const char *path, const struct audit_entry *e,
		  struct mt_err *err);

/* The line with its newline; its length, or -1 when it does not fit in len. */
int audit_line_format(const struct audit_entry *e, char *buf, size_t len);

/* Reads one line (its newline optional) back into *out. */
int audit_line_parse(const char *line, struct audit_entry *out, struct mt_err *err);

/* Sets outcome, code and reason from an action's result (PENDING counts as failed). */
void audit_entry_set_result(struct audit_entry *e, const struct action_result *r);

const char *audit_outcome_name(enum audit_outcome o);

#endif
