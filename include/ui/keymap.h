/*
 * keymap: which key does what on the dashboard.
 *
 * A pure table from ncurses key codes to actions, and the help text that
 * lists every binding.  No terminal I/O: the curses header is included only
 * for the KEY_* codes.  The same action can mean something slightly
 * different inside an overlay (arrows scroll the overlay, q closes it); that
 * interpretation belongs to dashboard_state, not here.
 */
#ifndef KEYMAP_H
#define KEYMAP_H

#include <stddef.h>

enum dash_action {
	ACT_NONE = 0,
	ACT_QUIT,          /* q: quit (closes an overlay first) */
	ACT_HELP,          /* ? h F1: help overlay */
	ACT_PAUSE,         /* space p: stop/resume collection */
	ACT_INTERVAL_UP,   /* +: longer interval */
	ACT_INTERVAL_DOWN, /* -: shorter interval */
	ACT_ACK,           /* a: acknowledge alerts, stop flashing */
	ACT_SORT,          /* s: next module table sort key */
	ACT_THEME,         /* t: next theme */
	ACT_RECONNECT,     /* r: reconnect to the target now */
	ACT_ALERT_LOG,     /* l: alert log overlay */
	ACT_ERRORS,        /* e: collection errors overlay */
	ACT_CLOSE,         /* Esc: close the overlay */
	ACT_UP,
	ACT_DOWN,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_HOME,
	ACT_END,
	ACT_FOCUS,         /* Tab: move scrolling focus between module table and node panes */
	ACT_REDRAW,        /* Ctrl-L: repaint the whole screen */
	ACT_ADVICE,        /* v: the sizing advisor's panel */
	ACT_POOLS,         /* c: change the pool counts (a dialog) */
	/* recording and replay */
	ACT_REPLAY_BACK,   /* ,: replay one tick back */
	ACT_REPLAY_FWD,    /* .: replay one tick forward */
	ACT_REPLAY_SLOWER, /* <: replay speed down (x100, x10, x1) */
	ACT_REPLAY_FASTER, /* >: replay speed up */
	ACT_REPLAY_NEXT_ALERT, /* n: replay on to the next alert */
	ACT_REPLAY_SEEK,   /* /: replay from a wall-clock time */
	ACT_FLIGHT_WRITE,  /* w: write the flight recorder out */
	/* baselines (issue 9): a lower and a capital letter with different meanings */
	ACT_BASELINE_SAVE, /* b: save the current snapshot as a baseline */
	ACT_COMPARE,       /* B: compare mode on/off (changes since the baseline) */
	/* who holds the hugepages (issue 11) */
	ACT_MEM_STATS,     /* m: read SPDK's heap per node at the next round */
	ACT_MEMPOOLS,      /* M: the target's mempools */
	ACT_CONSUMERS,     /* H: hugepage consumers per process and node (scans) */
	/* history scroll-back (issue 10) */
	ACT_HIST_BACK,     /* [ or wheel up: the graphs half a screen back in time */
	ACT_HIST_FWD,      /* ] or wheel down: forward; past the newest point, live */
	ACT_HIST_LIVE,     /* }: the graphs live again */
	ACT_COUNT
};

/* The action bound to an ncurses key code (getch()'s value); ACT_NONE if none. */
enum dash_action keymap_lookup(int key);

/*
 * The action of a mouse event (getmouse()'s bstate): the wheel scrolls the
 * history as [ and ] do, up going back in time; ACT_NONE for anything else.
 */
enum dash_action keymap_mouse(unsigned long bstate);

/* The mouse events keymap_mouse has a use for (for mousemask). */
unsigned long keymap_mouse_mask(void);

/* A short stable name ("quit", "page-down") for logs and tests. */
const char *dash_action_name(enum dash_action a);

/* One line of the help overlay: the keys as the user types them, and what they do. */
struct keymap_help_line {
	const char *keys;
	const char *what;
	enum dash_action action;
};

/* Every binding, in the order the help overlay shows them. */
const struct keymap_help_line *keymap_help(size_t *n);

#endif
