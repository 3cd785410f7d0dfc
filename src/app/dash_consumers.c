/* The dashboard's hugepage consumers scan (contract: dash_consumers.h). */
#include "dash_consumers.h"

#include <math.h>

#include "mt_clock.h"
#include "rpc_client.h"
#include "target_proc.h"

int dash_consumers_init(struct dash_consumers *c, const struct cli_options *opts, bool replay)
{
	c->opts = opts;
	c->replay = replay;
	c->next_scan = INFINITY;
	c->shown_seen = 0;
	c->found_pid = 0;
	c->scan = replay ? NULL : hp_scan_new();
	return replay || c->scan ? 0 : -1;
}

void dash_consumers_fini(struct dash_consumers *c)
{
	hp_scan_free(c->scan);
	c->scan = NULL;
}

/* The Unix socket path of a target, or NULL for a TCP or unparsable one. */
static const char *unix_path(const char *target, struct rpc_addr *addr)
{
	return rpc_addr_parse(target, -1, addr, NULL) == 0 && !addr->is_tcp ? addr->path : NULL;
}

int dash_consumers_target_pid(const struct cli_options *opts, const struct snapshot *cur,
			      bool have_cur)
{
	struct rpc_addr addr;
	const char *path;
	pid_t pid = 0;

	if (opts->target_pid > 0)
		return opts->target_pid;
	if (!have_cur)
		return 0;
	if (cur->iobuf.rings.pid > 0)
		return cur->iobuf.rings.pid;
	/* Bounded (TARGET_PROC_MAX_*), and only when the view opens or rescans. */
	path = unix_path(cur->target, &addr);
	if (path && target_proc_find(opts->procfs_root, path, &pid, NULL) == 0)
		return (int)pid;
	return 0;
}

/* The pid found before still holds this target's socket (another target, or
 * a restarted one, is another process; a failed lookup is tried again). */
static bool found_still_holds(const struct dash_consumers *c, const struct snapshot *cur)
{
	struct rpc_addr addr;
	const char *path = unix_path(cur->target, &addr);

	return c->found_pid > 0 && path &&
	       target_proc_check(c->opts->procfs_root, path, c->found_pid, NULL) == 0;
}

void dash_consumers_start(struct dash_consumers *c, const struct snapshot *cur, bool have_cur,
			  double now)
{
	struct hp_scan_config cfg = { .procfs_root = c->opts->procfs_root };

	if (!c->scan)
		return;
	if (c->opts->target_pid > 0 || (have_cur && cur->iobuf.rings.pid > 0)) {
		cfg.target_pid = dash_consumers_target_pid(c->opts, cur, have_cur);
	} else if (have_cur) {
		if (!found_still_holds(c, cur))
			c->found_pid = dash_consumers_target_pid(c->opts, cur, have_cur);
		cfg.target_pid = c->found_pid;
	}
	hp_scan_begin(c->scan, &cfg, now);
	c->shown_seen = 0;
	c->next_scan = now + DASH_CONSUMERS_RESCAN;
}

bool dash_consumers_step(struct dash_consumers *c, bool view_open, const struct snapshot *cur,
			 bool have_cur, double now)
{
	uint64_t seen;

	if (!c->scan)
		return false;
	if (!hp_scan_running(c->scan)) {
		if (!view_open || now < c->next_scan)
			return false;
		dash_consumers_start(c, cur, have_cur, now);
	}
	if (hp_scan_step(c->scan, now + DASH_CONSUMERS_SLICE))
		return view_open;
	/* The progress line moves in steps of a few hundred, not on every slice. */
	seen = hp_scan_seen(c->scan);
	if (view_open && seen >= c->shown_seen + 256) {
		c->shown_seen = seen;
		return true;
	}
	return false;
}

double dash_consumers_deadline(const struct dash_consumers *c, bool view_open, double now)
{
	if (!c->scan)
		return INFINITY;
	if (hp_scan_running(c->scan))
		return now;
	return view_open ? c->next_scan : INFINITY;
}

void dash_consumers_view(const struct dash_consumers *c, struct screen_data *sd)
{
	if (!c->scan) {
		sd->consumers_note = c->replay ? "A replay has no live processes: hugepage "
						 "consumers are scanned only live."
					       : "Out of memory for the scan.";
		return;
	}
	sd->consumers = hp_scan_last(c->scan);
	sd->consumers_scanning = hp_scan_running(c->scan);
	sd->consumers_seen = hp_scan_seen(c->scan);
}
