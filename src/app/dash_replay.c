/* dash_replay: replay keys, seeking to a typed time and the header tag (contract: dash_replay.h). */
#include "dash_replay.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const double speeds[] = { 1, 10, 100 };
#define NSPEEDS (sizeof(speeds) / sizeof(speeds[0]))

int dash_replay_init(struct dash_replay *dr, struct replay *rep)
{
	memset(dr, 0, sizeof(*dr));
	dr->rep = rep;
	dr->scratch = malloc(sizeof(*dr->scratch));
	return dr->scratch ? 0 : -1;
}

void dash_replay_free(struct dash_replay *dr)
{
	free(dr->scratch);
	dr->scratch = NULL;
}

/* What the screen shows now: the last snapshot handed over (-1 before any). */
static long shown(const struct dash_replay *dr)
{
	return (long)replay_next(dr->rep) - 1;
}

static void time_text(const struct dash_replay *dr, double t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (replay_relative(dr->rep) || snapshot_wall_relative(t))
		snprintf(buf, len, "t+%.1fs", t);
	else if (localtime_r(&tt, &tm))
		strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
	else
		snprintf(buf, len, "?");
}

static void note(struct dash_state *st, double now, const char *what, const struct dash_replay *dr)
{
	char t[40], line[DASH_NOTE_LEN];
	long i = shown(dr);

	time_text(dr, replay_time(dr->rep, i < 0 ? 0 : (size_t)i), t, sizeof(t));
	snprintf(line, sizeof(line), "%s: %ld/%zu at %s", what, i + 1, replay_count(dr->rep), t);
	dash_state_note(st, now, line);
}

/* Makes snapshot `target` the one shown, feeding consumers what lies between. */
static void go_to(struct dash_replay *dr, size_t target, const struct dash_feed *f, double now)
{
	size_t i = replay_next(dr->rep);
	struct mt_err err = { 0 };

	if (target + 1 < i || i == 0) {
		f->reset(f->ctx);
		i = 0;
	}
	for (; i <= target; i++) {
		if (replay_get(dr->rep, i, dr->scratch, &err))
			break;
		f->feed(f->ctx, dr->scratch, now);
	}
	replay_seek(dr->rep, i, now);
}

static void pause_playback(struct dash_replay *dr, struct dash_state *st, double now)
{
	st->paused = true;
	replay_set_paused(dr->rep, true, now);
}

static void next_alert(struct dash_replay *dr, const struct dash_feed *f, struct dash_state *st,
		       double now)
{
	size_t from = replay_next(dr->rep);
	struct mt_err err = { 0 };

	pause_playback(dr, st, now);
	for (size_t i = from; i < replay_count(dr->rep); i++) {
		if (replay_get(dr->rep, i, dr->scratch, &err))
			break;
		if (f->feed(f->ctx, dr->scratch, now)) {
			replay_seek(dr->rep, i + 1, now);
			note(st, now, "alert", dr);
			return;
		}
	}
	/* None ahead: back to where we were, the consumers as they were there. */
	replay_seek(dr->rep, replay_count(dr->rep), now);   /* what was fed, to go_to */
	if (from)
		go_to(dr, from - 1, f, now);
	else
		replay_seek(dr->rep, 0, now);
	note(st, now, "no alert starts after this", dr);
}

static void change_speed(struct dash_replay *dr, int dir, struct dash_state *st, double now)
{
	double cur = replay_speed(dr->rep);
	size_t k = 0;
	char line[DASH_NOTE_LEN];

	while (k + 1 < NSPEEDS && speeds[k] < cur)
		k++;
	if (dir > 0 && k + 1 < NSPEEDS)
		k++;
	else if (dir < 0 && k > 0)
		k--;
	replay_set_speed(dr->rep, speeds[k], now);
	snprintf(line, sizeof(line), "replay speed x%g", speeds[k]);
	dash_state_note(st, now, line);
}

void dash_replay_action(struct dash_replay *dr, enum dash_action a, const struct dash_feed *f,
			struct dash_state *st, double now)
{
	long i = shown(dr);

	switch (a) {
	case ACT_REPLAY_BACK:
		pause_playback(dr, st, now);
		if (i <= 0) {
			note(st, now, "the first snapshot", dr);
			return;
		}
		go_to(dr, (size_t)i - 1, f, now);
		note(st, now, "back", dr);
		return;
	case ACT_REPLAY_FWD:
		pause_playback(dr, st, now);
		if (replay_ended(dr->rep)) {
			note(st, now, "the end of the recording", dr);
			return;
		}
		go_to(dr, (size_t)(i + 1), f, now);
		note(st, now, "forward", dr);
		return;
	case ACT_REPLAY_SLOWER:
	case ACT_REPLAY_FASTER:
		change_speed(dr, a == ACT_REPLAY_FASTER ? 1 : -1, st, now);
		return;
	case ACT_REPLAY_NEXT_ALERT:
		next_alert(dr, f, st, now);
		return;
	case ACT_REPLAY_SEEK:
		dash_state_seek_open(st, replay_relative(dr->rep) ? "t+SECONDS"
					 : "HH:MM:SS or YYYY-MM-DD HH:MM:SS");
		return;
	default:
		return;
	}
}

void dash_replay_seek(struct dash_replay *dr, const char *text, const struct dash_feed *f,
		      struct dash_state *st, double now)
{
	long i = shown(dr);
	double ref = replay_time(dr->rep, i < 0 ? 0 : (size_t)i), t;
	char line[DASH_NOTE_LEN];
	size_t k;

	if (dash_replay_parse_time(text, replay_relative(dr->rep), ref, &t)) {
		snprintf(line, sizeof(line), "not a time: '%s'", text);
		dash_state_note(st, now, line);
		return;
	}
	k = replay_find_time(dr->rep, t);
	if (k >= replay_count(dr->rep)) {
		snprintf(line, sizeof(line), "'%s' is after the end of the recording", text);
		dash_state_note(st, now, line);
		return;
	}
	pause_playback(dr, st, now);
	go_to(dr, k, f, now);
	note(st, now, "seek", dr);
}

bool dash_replay_refuses(enum dash_action a, struct dash_state *st, double now)
{
	const char *what;

	switch (a) {
	case ACT_RECONNECT:
		what = "r: not in a replay (there is no target to reconnect to)";
		break;
	case ACT_INTERVAL_UP:
	case ACT_INTERVAL_DOWN:
		what = "+/-: not in a replay (the recording sets the pace; < and > the speed)";
		break;
	default:
		return false;
	}
	dash_state_note(st, now, what);
	return true;
}

const char *dash_replay_tag(struct dash_replay *dr, const struct snapshot *cur, bool have_cur)
{
	char t[40] = "--";
	time_t tt;
	struct tm tm;

	if (have_cur && (replay_relative(dr->rep) || snapshot_wall_relative(cur->wall))) {
		snprintf(t, sizeof(t), "t+%.1fs", cur->wall);
	} else if (have_cur) {
		tt = (time_t)cur->wall;
		if (localtime_r(&tt, &tm))
			strftime(t, sizeof(t), "%H:%M:%S", &tm);
	}
	snprintf(dr->tag, sizeof(dr->tag), "REPLAY %s%s x%g", replay_ended(dr->rep) ? "END " : "",
		 t, replay_speed(dr->rep));
	return dr->tag;
}

int dash_replay_parse_time(const char *text, bool relative, double ref_wall, double *out)
{
	struct tm day, tm;
	time_t ref = (time_t)ref_wall;
	const char *end;
	char *e;
	double v;

	while (*text == ' ')
		text++;
	if (relative || text[0] == '+' || strncmp(text, "t+", 2) == 0) {
		text += strncmp(text, "t+", 2) == 0 ? 2 : text[0] == '+';
		v = strtod(text, &e);
		if (e == text || *e || !isfinite(v) || v < 0)
			return -1;
		*out = v;
		return 0;
	}
	if (!localtime_r(&ref, &day))
		return -1;
	day.tm_sec = 0;
	tm = day;
	end = strptime(text, "%Y-%m-%d %H:%M", &tm);
	if (!end) {
		tm = day;   /* a failed attempt may have filled some fields */
		end = strptime(text, "%H:%M", &tm);
	}
	if (!end)
		return -1;
	if (*end == ':')
		end = strptime(end + 1, "%S", &tm);
	if (!end || *end)
		return -1;
	tm.tm_isdst = -1;
	*out = (double)mktime(&tm);
	return 0;
}
