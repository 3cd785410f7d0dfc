/*
 * source_replay: a recording's playback clock and the source shape around
 * it (contract: replay.h).  Recorded time runs at `speed` times wall time
 * from an anchor; pausing, seeking and changing speed move the anchor, so
 * one clock answers every question and nothing is scheduled twice.
 */
#include "replay_impl.h"

#include <math.h>
#include <string.h>

/* Where the playback clock stands in recorded time. */
static double position(const struct replay *r, double now)
{
	if (r->paused || !r->started)
		return r->anchor_t;
	return r->anchor_t + (now - r->anchor_now) * r->speed;
}

static void anchor(struct replay *r, double t, double now)
{
	r->anchor_t = t;
	r->anchor_now = now;
	r->started = true;
}

bool replay_ended(const struct replay *r)
{
	return r->next >= r->n;
}

size_t replay_next(const struct replay *r)
{
	return r->next;
}

void replay_seek(struct replay *r, size_t i, double now)
{
	r->next = i < r->n ? i : r->n;
	r->ready = false;
	anchor(r, replay_time(r, r->next), now);
}

void replay_set_paused(struct replay *r, bool paused, double now)
{
	anchor(r, position(r, now), now);
	r->paused = paused;
}

bool replay_paused(const struct replay *r)
{
	return r->paused;
}

void replay_set_speed(struct replay *r, double speed, double now)
{
	anchor(r, position(r, now), now);
	r->speed = speed;
}

double replay_speed(const struct replay *r)
{
	return r->speed;
}

static void rp_begin(void *impl, double now)
{
	struct replay *r = impl;
	double wait;

	if (!r->started)
		anchor(r, replay_time(r, r->next), now);
	r->running = true;
	r->ready = false;
	if (replay_ended(r) || r->speed <= 0 || r->paused)
		return;
	/* A gap in the recording (the recorder was down) is crossed, not waited out. */
	wait = (replay_time(r, r->next) - position(r, now)) / r->speed;
	if (wait > REPLAY_MAX_WAIT)
		anchor(r, replay_time(r, r->next) - REPLAY_MAX_WAIT * r->speed, now);
}

static bool rp_pollfd(const void *impl, struct pollfd *pfd)
{
	(void)impl;
	(void)pfd;
	return false;
}

static double rp_next_deadline(const void *impl)
{
	const struct replay *r = impl;

	if (r->ready)
		return 0;
	if (!r->running || r->paused || replay_ended(r))
		return INFINITY;
	if (r->speed <= 0)
		return 0;
	return r->anchor_now + (replay_time(r, r->next) - r->anchor_t) / r->speed;
}

static bool rp_step(void *impl, short revents, double now)
{
	struct replay *r = impl;
	double pos;
	size_t i;

	(void)revents;
	if (r->ready)
		return true;
	if (!r->running || r->paused || replay_ended(r))
		return false;
	if (r->speed <= 0) {
		r->chosen = r->next;
		r->ready = true;
		return true;
	}
	pos = position(r, now);
	if (replay_time(r, r->next) > pos)
		return false;
	/* The newest one reached: a slow tick sees what a longer live interval would. */
	for (i = r->next; i + 1 < r->n && replay_time(r, i + 1) <= pos; i++)
		;
	r->chosen = i;
	r->ready = true;
	return true;
}

static void rp_take(void *impl, struct snapshot *out)
{
	struct replay *r = impl;
	struct mt_err err = { 0 };

	if (!r->ready) {
		memset(out, 0, sizeof(*out));
		out->state = TARGET_UNKNOWN;
		mt_errlist_add(&out->errors, "%s: taken before a snapshot was due", r->path);
		return;
	}
	if (replay_get(r, r->chosen, out, &err)) {
		memset(out, 0, sizeof(*out));
		out->state = TARGET_UNKNOWN;
		mt_errlist_add(&out->errors, "%s", err.msg);
	}
	r->next = r->chosen + 1;
	r->running = r->ready = false;
}

static void rp_destroy(void *impl)
{
	replay_free(impl);
}

static bool rp_ended(const void *impl)
{
	return replay_ended(impl);
}

static const struct source_ops replay_ops = {
	.kind = "replay",
	.begin = rp_begin,
	.pollfd = rp_pollfd,
	.next_deadline = rp_next_deadline,
	.step = rp_step,
	.take = rp_take,
	.reconnect = NULL,
	.destroy = rp_destroy,
	.ended = rp_ended,
	.recorded = true,
};

void replay_as_source(struct replay *r, struct source *out)
{
	out->ops = &replay_ops;
	out->impl = r;
}

struct replay *replay_of_source(const struct source *s)
{
	return s->ops == &replay_ops ? s->impl : NULL;
}
