/*
 * dash_pools: the dashboard's pool-count dialog turned into actions.
 *
 * The dialog (ui/pool_dialog.h) is pure; this is where its requests meet
 * the world.  dash_pools_open() prefills it from the advisor (c);
 * dash_pools_review() works out how the change will be made: in the
 * startup state iobuf_set_options over RPC, otherwise the target's JSON
 * config (--target-config, or the -c/--config/--json file on the command
 * line of the process serving the socket), planned with config_patch so the
 * review shows the diff, the .bak, the rpc.py line and the restart needed;
 * dash_pools_apply() and dash_pools_start_init() call the actions (through
 * actions_check(), the --read-only gate), and dash_pools_result() takes
 * every outcome back into the dialog and appends each attempt to the audit
 * log (--audit-log, default audit_log_path()).  Nothing blocks but the
 * local file write.
 */
#ifndef DASH_POOLS_H
#define DASH_POOLS_H

#include <stdbool.h>

#include "actions.h"
#include "advisor.h"
#include "audit_log.h"
#include "cli_options.h"
#include "config_patch.h"
#include "dashboard_state.h"
#include "snapshot.h"

struct dash_pools {
	const struct cli_options *opts;
	struct actions *act;
	char target[SNAP_TARGET_LEN];  /* the address of the snapshot the dialog opened on */
	struct config_patch plan;      /* the file route's reviewed plan */
	bool have_plan;
	struct audit_entry pending;    /* the attempt whose answer is awaited */
	bool pending_set;
};

void dash_pools_init(struct dash_pools *p, const struct cli_options *o, struct actions *a);
void dash_pools_fini(struct dash_pools *p);

/* c: opens the dialog over the newest snapshot (have_snap false: a note says to wait). */
void dash_pools_open(struct dash_pools *p, struct dash_state *st, const struct snapshot *s,
		     bool have_snap, const struct advice *adv, double now);
/* Fills the dialog's review: how, where, the diff, the rpc.py line. */
void dash_pools_review(struct dash_pools *p, struct dash_state *st);
/* y (twice when it does not fit): the RPC is sent, or the file written. */
void dash_pools_apply(struct dash_pools *p, struct dash_state *st, double now);
/* i in the result: framework_start_init. */
void dash_pools_start_init(struct dash_pools *p, struct dash_state *st, double now);
/* An action's outcome: logged, and shown in the dialog when it waits for one. */
void dash_pools_result(struct dash_pools *p, struct dash_state *st, const struct action_result *r);

#endif
