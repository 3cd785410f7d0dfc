/* source: dispatch and the blocking round (contract: source.h). */
#include "source.h"

#include <math.h>
#include <string.h>

#include "mt_clock.h"

/* A source with nothing to wait on still gets looked at this often. */
#define SOURCE_MAX_WAIT 1.0

void source_begin(struct source *s, double now)
{
	s->ops->begin(s->impl, now);
}

bool source_pollfd(const struct source *s, struct pollfd *pfd)
{
	return s->ops->pollfd(s->impl, pfd);
}

double source_next_deadline(const struct source *s)
{
	return s->ops->next_deadline(s->impl);
}

bool source_step(struct source *s, short revents, double now)
{
	return s->ops->step(s->impl, revents, now);
}

void source_take(struct source *s, struct snapshot *out)
{
	s->ops->take(s->impl, out);
}

bool source_request_mem_stats(struct source *s)
{
	if (!s->ops || !s->ops->request_mem_stats)
		return false;
	s->ops->request_mem_stats(s->impl);
	return true;
}

void source_reconnect(struct source *s)
{
	if (s->ops->reconnect)
		s->ops->reconnect(s->impl);
}

void source_target_changed(struct source *s)
{
	if (s->ops && s->ops->target_changed)
		s->ops->target_changed(s->impl);
}

bool source_ended(const struct source *s)
{
	return s->ops->ended && s->ops->ended(s->impl);
}

void source_close(struct source *s)
{
	if (s->ops && s->ops->destroy)
		s->ops->destroy(s->impl);
	memset(s, 0, sizeof(*s));
}

void source_run_blocking(struct source *s, struct snapshot *out)
{
	double now = mt_now();

	source_begin(s, now);
	while (!source_step(s, 0, now)) {
		struct pollfd pfd = { .fd = -1 };
		bool has_fd = source_pollfd(s, &pfd);
		double wait = source_next_deadline(s) - now;
		int rc, ms;

		if (!(wait < SOURCE_MAX_WAIT))
			wait = SOURCE_MAX_WAIT;
		/* Round up: waking a hair early would only spin. */
		ms = wait > 0 ? (int)ceil(wait * 1000.0) : 0;
		/* Without an fd to watch, poll() is the deadline-bounded wait. */
		rc = poll(has_fd ? &pfd : NULL, has_fd ? 1 : 0, ms);
		now = mt_now();
		/* A failed poll is only a shorter wait: the source's deadline ends the round. */
		if (rc > 0 && source_step(s, pfd.revents, now))
			break;
	}
	source_take(s, out);
}
