/*
 * app_export: --prometheus-textfile, one snapshot rewritten into a .prom
 * file for node_exporter's textfile collector, for every mode that keeps
 * running (batch and the dashboard).
 *
 * The exposition (prom_text.h) is built in memory, then written through the
 * actions room (actions_write_file: the --read-only gate, then temp file,
 * fsync, rename), so the collector never reads half a file.  The outcome is
 * a value; export_textfile_changed() says whether it differs from the last
 * one in kind (ok / refused / failed and the message), so a caller reports a
 * failure once, not every tick.
 */
#ifndef APP_EXPORT_H
#define APP_EXPORT_H

#include <stdbool.h>

#include "actions.h"
#include "snapshot.h"

struct export_textfile {
	const char *path;            /* NULL: not asked for */
	struct action_result last;   /* the previous outcome */
	bool have_last;
};

/* Writes s to et->path; true when the outcome changed (res holds it). */
bool export_textfile_tick(struct export_textfile *et, struct actions *act,
			  const struct snapshot *s, struct action_result *res);

#endif
