/*
 * replay_impl: what the replay's reader (replay_file.c) and its playback
 * (source_replay.c) share (contract: replay.h).
 */
#ifndef REPLAY_IMPL_H
#define REPLAY_IMPL_H

#include <limits.h>

#include "replay.h"

struct replay_line {
	size_t off, len;      /* the line's bytes in text, without the newline */
	size_t lineno;        /* 1-based, for messages */
	double t;             /* recorded wall time (seconds from the start when relative) */
};

struct replay {
	char path[PATH_MAX];
	char *text;
	size_t ntext;
	struct replay_line *lines;
	size_t n;
	bool relative;
	char notes[REPLAY_MAX_NOTES][MT_ERR_LEN];
	size_t nnotes, ntorn;

	/* playback */
	double speed;         /* 0: unpaced */
	bool paused;
	size_t next;          /* the index the next round yields */
	double anchor_t;      /* recorded time at anchor_now */
	double anchor_now;    /* mt_now() when the clock was anchored */
	bool running, ready;  /* a round begun; its snapshot chosen */
	size_t chosen;
	bool started;         /* the clock was anchored by the first round */
};

/* Decodes one indexed line into a snapshot (either form); -1 with err naming file:line. */
int replay_decode_line(const struct replay *r, const struct replay_line *l,
		       struct snapshot *out, struct mt_err *err);

#endif
