/*
 * dashboard_state: what the dashboard remembers between keys and ticks.
 *
 * A pure state machine with no terminal and no clock of its own: actions
 * (keymap.h) and events (an alarm started, a snapshot arrived, time passed)
 * come in with the time as a parameter, and the caller gets back a set of
 * effects to carry out (acknowledge the alert engine, reconnect, reschedule
 * the next tick, redraw).  It owns paused, the interval (+/- along a ladder,
 * never below TICK_MIN_INTERVAL), the module sort key, the theme index, scroll offsets,
 * the open overlay, the flash phase of an unacknowledged critical alert
 * (toggled every DASH_FLASH_PERIOD, never faster) and since when the target
 * has been unreachable, and where the graphs stand in the history: live or
 * scrolled back ([ ] }), settled against the history when a frame is
 * planned (screens.h).
 */
#ifndef DASHBOARD_STATE_H
#define DASHBOARD_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "history.h"
#include "keymap.h"
#include "module_order.h"
#include "pool_dialog.h"
#include "seek_prompt.h"
#include "tick_schedule.h"

#define DASH_FLASH_PERIOD 0.5   /* seconds between toggles: a 1 Hz blink */
#define DASH_NOTE_SECONDS 3.0   /* how long a note ("interval 2 s") stays in the footer */
#define DASH_CONSUMERS_RESCAN 30   /* seconds between hugepage consumers scans while H is open */
#define DASH_NOTE_LEN 320   /* room for a file path: the flight recorder says where it wrote */

enum dash_overlay {
	OVERLAY_NONE = 0,
	OVERLAY_HELP,
	OVERLAY_ALERT_LOG,
	OVERLAY_ERRORS,      /* the collection errors (error_log.h) */
	OVERLAY_ADVICE,      /* v: the sizing advisor's advice */
	OVERLAY_POOLS,       /* c: the pool-count dialog (pool_dialog.h) */
	OVERLAY_MEMPOOLS,    /* M: the target's mempools (issue 11) */
	OVERLAY_CONSUMERS,   /* H: hugepage consumers per process and node (issue 11) */
};

enum dash_focus {
	FOCUS_MODULES = 0,
	FOCUS_NODES,
};

/* A scrolled view: planning a frame (screens.h) tells it how much there is and how much fits. */
struct dash_scroll {
	size_t offset;   /* first row (or node) shown */
	size_t total;    /* rows of content */
	size_t page;     /* rows that fit; 0 until the first frame is planned */
};

/* Effects of an action or event, as bits. */
enum dash_effect {
	DASH_FX_NONE = 0,
	DASH_FX_REDRAW = 1 << 0,     /* something on screen changed */
	DASH_FX_REPAINT = 1 << 1,    /* repaint every cell (Ctrl-L, SIGCONT) */
	DASH_FX_QUIT = 1 << 2,
	DASH_FX_ACK = 1 << 3,        /* acknowledge the alert engine */
	DASH_FX_RECONNECT = 1 << 4,  /* rpc_client_reconnect_now, then collect at once */
	DASH_FX_THEME = 1 << 5,      /* theme index changed: rebuild the palette */
	DASH_FX_SCHEDULE = 1 << 6,   /* interval changed or resumed: recompute the next tick */
	/* The pool-count dialog asks the app for what needs data or I/O. */
	DASH_FX_POOLS_OPEN = 1 << 7,    /* c: open it (dash_state_pools_open) */
	DASH_FX_POOLS_REVIEW = 1 << 8,  /* prepare the review (pool_dialog_review) */
	DASH_FX_POOLS_APPLY = 1 << 9,   /* confirmed: carry it out */
	DASH_FX_POOLS_INIT = 1 << 10,   /* send framework_start_init */
	/* recording and replay: the app carries out the action that returned these */
	DASH_FX_REPLAY = 1 << 11,     /* move the replay (step, speed, next alert, seek) */
	DASH_FX_FLIGHT = 1 << 12,     /* write the flight recorder out */
	/* Baselines (dashboard_baseline.c). */
	DASH_FX_BASELINE_SAVE = 1 << 13,  /* b: save the current snapshot as a baseline */
	/* who holds the hugepages (issue 11) */
	DASH_FX_MEM_STATS = 1 << 14,      /* m: SPDK's heap at the next round (from the source) */
	DASH_FX_CONSUMERS = 1 << 15,      /* H opened the consumers view: scan the processes */
	/* the replay's seek prompt (dashboard_seek.c) */
	DASH_FX_SEEK = 1 << 16,           /* Enter: seek to the time in seek.text */
};

struct dash_state {
	bool quit;
	bool paused;
	double interval;             /* seconds between snapshots */
	enum module_sort sort;
	size_t theme, ntheme;        /* index into the caller's theme list */
	enum dash_overlay overlay;
	enum dash_focus focus;
	struct dash_scroll modules, nodes, help, log, errors, advice;
	struct dash_scroll mempools, consumers;   /* M and H (issue 11) */
	struct pool_dialog pools;    /* while overlay is OVERLAY_POOLS, it takes every key */
	struct seek_prompt seek;     /* replay's `/`: while open, it takes every key */
	char seek_line[DASH_NOTE_LEN];   /* its line, the footer's while it is open */

	/* Flashing: on while a critical alert is unacknowledged, unless no_flash. */
	bool no_flash;
	bool alarm;                  /* a critical alert is active and unacknowledged */
	bool flash_on;               /* current phase (meaningful while alarm && !no_flash) */
	double next_flash;           /* mt_now() of the next toggle; INFINITY when none */

	/* The target, as the last snapshot saw it. */
	bool unreachable;
	double unreachable_since;    /* wall clock of the first unreachable snapshot */

	/* Baselines: compare mode (B) is on only while there is a baseline to compare with. */
	bool have_baseline;
	bool compare;

	/*
	 * History scroll-back: where the graphs end, and the moves asked for
	 * since the last frame, in half pages (the plan settles them).
	 */
	struct hist_pos hist;
	long hist_moves;

	/* A short line for the footer, shown until note_until. */
	char note[DASH_NOTE_LEN];
	double note_until;
};

/* theme < ntheme; ntheme may be 1 (monochrome: `t` says so and changes nothing). */
void dash_state_init(struct dash_state *s, double interval, bool no_flash, size_t ntheme,
		     size_t theme);

/* Interprets a key's action in the current context (overlay or main screen). */
unsigned dash_state_apply(struct dash_state *s, enum dash_action a, double now);

/* The next interval on the ladder up (dir > 0) or down (dir < 0); the same when at an end. */
double dash_interval_step(double cur, int dir);

/*
 * Tells whether a critical alert is active and unacknowledged.  Turning on
 * starts flashing at once with the emphasis on; turning off stops it.
 */
unsigned dash_state_set_alarm(struct dash_state *s, bool unacked_critical, double now);
/* Toggles the flash phase when its time has come; REDRAW when it did. */
unsigned dash_state_tick(struct dash_state *s, double now);
/* Whether the critical banner is drawn with reverse+bold right now (never with --no-flash). */
bool dash_state_emphasis(const struct dash_state *s);

/* Records what the newest snapshot said about the target. */
void dash_state_note_target(struct dash_state *s, bool reachable, double wall);

/* Sets the footer note for DASH_NOTE_SECONDS. */
void dash_state_note(struct dash_state *s, double now, const char *text);
/* The note to show (the seek prompt's line while it is open), or NULL once it has expired. */
const char *dash_state_current_note(const struct dash_state *s, double now);

/* Earliest time at which the state wants to be woken (flash, note expiry); INFINITY if none. */
double dash_state_next_deadline(const struct dash_state *s, double now);

/* The pool-count dialog (dashboard_pools.c): open it over everything, then feed it keys. */
void dash_state_pools_open(struct dash_state *s, const struct pool_base *b, uint64_t small,
			   uint64_t large, const char *from, bool read_only);
/* A raw key for the open dialog; closing it leaves a note (cancelled: nothing was sent). */
unsigned dash_state_pools_key(struct dash_state *s, int key, double now);

/*
 * The replay's seek prompt (dashboard_seek.c): the app opens it on `/` with
 * a hint of the form it reads; while seek.open every raw key goes to
 * dash_state_seek_key, which keeps the prompt's line in the footer and
 * returns DASH_FX_SEEK on Enter (the text is in s->seek.text).
 */
void dash_state_seek_open(struct dash_state *s, const char *hint);
unsigned dash_state_seek_key(struct dash_state *s, int key, double now);

/*
 * b and B (dashboard_baseline.c): b asks the app to save (the note is the
 * app's: the path, or why not); B toggles compare mode, or says that there
 * is no baseline yet.
 */
unsigned dash_state_baseline_key(struct dash_state *s, enum dash_action a, double now);
/* A baseline is now loaded or saved: B may compare with it. */
void dash_state_baseline_ready(struct dash_state *s);

/* Tells a view how big its content and its window are, keeping the offset in range. */
void dash_scroll_resize(struct dash_scroll *sc, size_t total, size_t page);

#endif
