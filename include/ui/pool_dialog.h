/*
 * pool_dialog: the dialog that changes the iobuf pool counts, as a pure
 * state machine (key `c`; its drawing is screen_pools).
 *
 * Stages: EDIT (fields: small count, large count and, where the target
 * accepts them, the two bufsizes; digits edit, Backspace deletes, Ctrl-U
 * clears, Tab / Shift-Tab move, Enter goes to the review when every field
 * is valid), REVIEW (the app has filled in how it will be done: y
 * confirms), CONFIRM (the new pools do not fit, or nobody knows: a second y
 * is needed), WAIT (sent, the answer is due), RESULT (the outcome; `i`
 * sends framework_start_init when offered).  n or Esc cancels at any point
 * before anything is sent and closes the result after.  Every key is
 * validated at once (pool_change.h): the reasons stay on screen.
 *
 * Nothing here does I/O: pool_dialog_key() returns what the caller must do
 * (prepare the review, apply, start init) as PD_FX_* bits, and the caller
 * reports back with pool_dialog_review(), pool_dialog_sent() and
 * pool_dialog_result().  The route (RPC in the startup state, the config
 * file otherwise, as SPDK takes pool counts only before framework init) is
 * fixed when the dialog opens.
 */
#ifndef POOL_DIALOG_H
#define POOL_DIALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pool_change.h"

#define PD_TEXT_LEN 21          /* 20 digits: every uint64 */
#define PD_LINE_LEN 256
#define PD_DIFF_LINES 6

enum pool_dialog_stage {
	PD_CLOSED = 0,
	PD_EDIT,
	PD_REVIEW,
	PD_CONFIRM,
	PD_WAIT,
	PD_RESULT,
};

enum pool_dialog_route {
	PD_ROUTE_RPC = 0,       /* startup state: iobuf_set_options now */
	PD_ROUTE_FILE,          /* running (or unknown): the target's JSON config */
};

/* What pool_dialog_key asks the caller to do. */
enum pool_dialog_fx {
	PD_FX_NONE = 0,
	PD_FX_REDRAW = 1 << 0,
	PD_FX_REVIEW = 1 << 1,       /* prepare the review: pool_dialog_review() */
	PD_FX_APPLY = 1 << 2,        /* confirmed: carry out pool_dialog_intent() */
	PD_FX_START_INIT = 1 << 3,   /* send framework_start_init */
	PD_FX_CLOSED = 1 << 4,       /* the dialog closed; cancelled says whether before sending */
};

/* The confirmed change: counts always, a bufsize only when it was edited. */
struct pool_intent {
	bool set[POOL_FIELDS];
	uint64_t value[POOL_FIELDS];
	bool enable_numa;            /* the target's, to keep it */
};

/* How the change will be made, filled in by the caller for the review. */
struct pool_review {
	bool ok;                     /* false: error says why, y does nothing */
	char error[PD_LINE_LEN];
	char where[PD_LINE_LEN];     /* "config /etc/tgt.json (from pid 42's command line)" */
	char backup[PD_LINE_LEN];    /* "original kept as /etc/tgt.json.bak" */
	size_t ndiff;
	char diff[PD_DIFF_LINES][PD_LINE_LEN];
	char rpc_line[2 * PD_LINE_LEN];   /* the equivalent scripts/rpc.py line */
	char restart[PD_LINE_LEN];   /* what has to happen for it to take effect */
};

struct pool_dialog {
	enum pool_dialog_stage stage;
	enum pool_dialog_route route;
	bool read_only;              /* shown as such; the actions refuse */
	bool cancelled;              /* closed before anything was sent */
	int nfields;                 /* 2, or 4 with the bufsizes */
	int focus;
	char text[POOL_FIELDS][PD_TEXT_LEN];
	char prefill[POOL_FIELDS][PD_TEXT_LEN];
	char from[PD_LINE_LEN];      /* where the prefilled counts came from */
	struct pool_base base;
	struct pool_change chk;      /* the fields as they are now */
	struct pool_review review;
	char result[PD_LINE_LEN];
	char result_detail[PD_LINE_LEN];
	bool result_ok;
	bool offer_init;             /* RESULT: i sends framework_start_init */
};

/* Opens in EDIT on the small count, the counts prefilled (0: the current value). */
void pool_dialog_open(struct pool_dialog *d, const struct pool_base *b, uint64_t small,
		      uint64_t large, const char *from, bool read_only);

/* One key (ncurses code); PD_FX_* bits.  Closed: nothing happens. */
unsigned pool_dialog_key(struct pool_dialog *d, int key);

/* The review is ready (REVIEW stage). */
void pool_dialog_review(struct pool_dialog *d, const struct pool_review *r);
/* The confirmed change, for the caller to carry out. */
void pool_dialog_intent(const struct pool_dialog *d, struct pool_intent *out);
/* An action went out; its answer is awaited. */
void pool_dialog_sent(struct pool_dialog *d);
/* The outcome: a line, an optional detail, and whether to offer framework_start_init. */
void pool_dialog_result(struct pool_dialog *d, bool ok, const char *line, const char *detail,
			bool offer_init);

/* Needs a second y: the new pools do not fit, or free hugepages are unknown. */
bool pool_dialog_needs_second_y(const struct pool_dialog *d);

#endif
