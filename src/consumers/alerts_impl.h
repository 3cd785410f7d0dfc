/*
 * alerts_impl: the alert engine's state, shared by the engine (alerts.c:
 * lifecycle, acknowledgement, log) and the rules (alert_rules.c).  Rules
 * report each tick what holds with alert_raise(); the engine ends every
 * active alert nobody raised or held in that tick.
 */
#ifndef ALERTS_IMPL_H
#define ALERTS_IMPL_H

#include "alerts.h"

/*
 * Samples two apart are at least window / LEAK_SPACING_DIV apart, so the
 * ring spans two windows at any tick rate and a window is always coverable.
 */
#define LEAK_CAP 1024
#define LEAK_SPACING_DIV 256

struct leak_sample {
	double t;       /* monotonic seconds */
	double v;       /* buffers in use */
};

struct leak_window {
	struct leak_sample s[LEAK_CAP];
	size_t head, len;
	enum util_kind kind;   /* what `v` measures; a change restarts the window */
};

struct alerts {
	struct alert_thresholds th;
	uint64_t next_id;
	double now_wall;               /* the tick being evaluated */
	uint64_t tick;
	bool new_critical;
	size_t nactive;
	struct alert active[ALERT_MAX_ACTIVE];
	uint64_t seen[ALERT_MAX_ACTIVE];   /* tick that last raised or held active[i] */
	size_t log_head, log_len;
	struct alert log[ALERT_LOG_MAX];
	struct leak_window leak[2];        /* by enum alert_pool */
};

/* The condition of (kind, subject) holds this tick: start it or refresh its text. */
void alert_raise(struct alerts *a, enum alert_kind kind, int subject,
		 enum alert_severity sev, const char *text);
/* Nothing could be observed this tick: keep (kind, subject) as it is, if active. */
void alert_hold(struct alerts *a, enum alert_kind kind, int subject);

/* Runs every rule over one snapshot. */
void alert_rules_run(struct alerts *a, const struct snapshot *s, const struct iobuf_rates *r);

/* Leak window, exposed for the rules' own use and for reasoning in tests. */
void leak_window_reset(struct leak_window *w);
void leak_window_add(struct leak_window *w, double t, double v, double window_s);
/* True when v rose steadily over the last window_s seconds; growth = last - first. */
bool leak_window_rising(const struct leak_window *w, double now, double window_s,
			double *growth);

#endif
