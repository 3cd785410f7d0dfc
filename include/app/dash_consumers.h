/*
 * dash_consumers: the dashboard's hugepage consumers scan (key H).
 *
 * Opening the view starts a scan (hp_consumers.h); while it runs, the loop
 * gives it a slice of DASH_CONSUMERS_SLICE seconds between polls, so keys
 * and ticks are served between slices however many processes there are.
 * While the view stays open it scans again every DASH_CONSUMERS_RESCAN
 * seconds; closed, it costs nothing.  The target's process is
 * --target-pid, else the one whose rings were read, else the one holding
 * the target's Unix socket in the scanned procfs (a walk of every
 * process's fds; the pid found is then only confirmed, reading its own fds,
 * and looked up again when it no longer holds the socket or was not found).  A replay has no live
 * processes to scan: the view says so.
 */
#ifndef DASH_CONSUMERS_H
#define DASH_CONSUMERS_H

#include <stdbool.h>

#include "cli_options.h"
#include "hp_consumers.h"
#include "screens.h"
#include "snapshot.h"

#define DASH_CONSUMERS_SLICE 0.02

struct dash_consumers {
	const struct cli_options *opts;
	bool replay;
	struct hp_scan *scan;
	double next_scan;          /* mt_now of the next rescan while the view is open */
	uint64_t shown_seen;       /* the progress last drawn */
	int found_pid;             /* the socket's holder last found (0: none) */
};

int dash_consumers_init(struct dash_consumers *c, const struct cli_options *opts, bool replay);
void dash_consumers_fini(struct dash_consumers *c);

/* H opened the view: a scan starts now. */
void dash_consumers_start(struct dash_consumers *c, const struct snapshot *cur, bool have_cur,
			  double now);

/* One slice of a scan under way, or a rescan when due; true when the view should be redrawn. */
bool dash_consumers_step(struct dash_consumers *c, bool view_open, const struct snapshot *cur,
			 bool have_cur, double now);

/* When the loop must come back: now while scanning, the rescan while open, else INFINITY. */
double dash_consumers_deadline(const struct dash_consumers *c, bool view_open, double now);

/*
 * The target's process for the scan (also --once --consumers): --target-pid,
 * else the pid whose rings cur read, else the one holding cur's Unix socket
 * in the procfs root; 0 when none is known.
 */
int dash_consumers_target_pid(const struct cli_options *opts, const struct snapshot *cur,
			      bool have_cur);

/* What the view draws. */
void dash_consumers_view(const struct dash_consumers *c, struct screen_data *sd);

#endif
