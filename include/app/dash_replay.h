/*
 * dash_replay: the dashboard's replay keys, carried out on the replay source
 * and on whatever the dashboard feeds snapshots to.
 *
 * `,` and `.` pause and show the snapshot one tick back or forward; `<` and
 * `>` step the speed along x1, x10, x100; `n` plays on, paused, to the first
 * snapshot that starts an alert; `/` opens the ui's seek prompt
 * (dash_state_seek_open) for a time (HH:MM[:SS] on the current snapshot's
 * day, YYYY-MM-DD HH:MM[:SS], or t+SECONDS in a timeline), and the text it
 * confirms is read and the snapshot recorded then shown (dash_replay_seek).
 * Going back cannot undo what consumers saw, so the dashboard's consumers are reset and fed again
 * from the first snapshot (every one, as if each had been a tick: alerts,
 * history and graphs come out as they were live); going forward feeds the
 * ones in between.  The header's tag says REPLAY, the recorded time and
 * the speed.  Outcomes go to the footer through dash_state_note().
 */
#ifndef DASH_REPLAY_H
#define DASH_REPLAY_H

#include <stdbool.h>

#include "dashboard_state.h"
#include "replay.h"
#include "snapshot.h"

/* How the dashboard takes snapshots in; ctx is its own. */
struct dash_feed {
	void (*reset)(void *ctx);   /* forget every snapshot fed */
	/* Feeds one as a finished round would; true when it started an alert. */
	bool (*feed)(void *ctx, const struct snapshot *s, double now);
	void *ctx;
};

struct dash_replay {
	struct replay *rep;              /* borrowed from the source */
	struct snapshot *scratch;
	char tag[64];
};

/* -1 when out of memory. */
int dash_replay_init(struct dash_replay *dr, struct replay *rep);
void dash_replay_free(struct dash_replay *dr);

/* A replay key (ACT_REPLAY_*).  May pause playback (st->paused). */
void dash_replay_action(struct dash_replay *dr, enum dash_action a, const struct dash_feed *f,
			struct dash_state *st, double now);
/*
 * Keys of a live target that mean nothing to a recording: r (reconnect),
 * + and - (the interval; the recording and the speed set the pace).  Says
 * so in the footer ("r: not in a replay") and returns true; false for any
 * other action, which the dashboard then carries out as usual.
 */
bool dash_replay_refuses(enum dash_action a, struct dash_state *st, double now);
/* The time the seek prompt confirmed (DASH_FX_SEEK): shown, or the footer says why not. */
void dash_replay_seek(struct dash_replay *dr, const char *text, const struct dash_feed *f,
		      struct dash_state *st, double now);
/* "REPLAY 14:03:22 x10", "REPLAY t+1.5s x1", "REPLAY END 14:05:00": the header's tag. */
const char *dash_replay_tag(struct dash_replay *dr, const struct snapshot *cur, bool have_cur);

/*
 * A time typed at the prompt, as recorded time: t+S (or +S) seconds from a
 * timeline's start; HH:MM[:SS] on ref_wall's local day; YYYY-MM-DD
 * HH:MM[:SS] local.  -1 when it is none of these.
 */
int dash_replay_parse_time(const char *text, bool relative, double ref_wall, double *out);

#endif
