/*
 * dash_baseline: the dashboard's baseline, loaded (--baseline), saved (b)
 * and compared with (B).
 *
 * Holds at most one baseline.  dash_baseline_load() reads a file in any of
 * baseline_file.h's forms; dash_baseline_save() writes the current snapshot
 * as spdk-memtop snapshot JSON through actions_write_file (ACTION_SAVE_BASELINE:
 * the --read-only gate, then a temporary file, fsync, rename) to
 * --baseline-dir, default $XDG_STATE_HOME/spdk-memtop/baselines (or
 * ~/.local/state/...), named baseline-<target>-<local time>.json, and the
 * saved snapshot becomes the baseline.  dash_baseline_view() turns
 * baseline_diff_compute() of the baseline against the current snapshot into
 * compare_view.h's texts for one frame.  Heap-backed (a diff is ~60 KiB).
 */
#ifndef DASH_BASELINE_H
#define DASH_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "baseline_diff.h"
#include "baseline_file.h"
#include "compare_view.h"
#include "iobuf_rates.h"
#include "mt_error.h"
#include "snapshot.h"

struct dash_baseline {
	const char *dir;              /* --baseline-dir, or NULL for the default */
	bool have;                    /* base holds a baseline */
	struct baseline *base;
	struct baseline_diff *diff;
	struct compare_view *view;
};

/* 0, or -1 when out of memory. */
int dash_baseline_init(struct dash_baseline *b, const char *dir);
void dash_baseline_fini(struct dash_baseline *b);

/* Reads path (errors name the file and where in it); on success it is the baseline. */
int dash_baseline_load(struct dash_baseline *b, const char *path, struct mt_err *err);

/*
 * Where a baseline of `target` taken at `wall` goes: dir (or the default
 * from xdg_state_home / home) + "/baseline-<target>-YYYYmmdd-HHMMSS.json",
 * the target's path with every byte but [A-Za-z0-9._-] as '_'.  Pure.
 */
int dash_baseline_path(const char *dir, const char *xdg_state_home, const char *home,
		       const char *target, double wall, char *buf, size_t len,
		       struct mt_err *err);

/*
 * b: s written to dash_baseline_path(); res says how (OK "wrote PATH",
 * REFUSED under --read-only, FAILED with the step).  0 when written, and
 * then s is the baseline.
 */
int dash_baseline_save(struct dash_baseline *b, struct actions *act, const struct snapshot *s,
		       struct action_result *res);

/* The compare texts of cur (and the last tick's rates) against the baseline; NULL without one. */
const struct compare_view *dash_baseline_view(struct dash_baseline *b,
					      const struct snapshot *cur,
					      const struct iobuf_rates *rates, double now_wall);

#endif
