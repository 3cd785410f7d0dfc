/* scripted_source: snapshots from a list, rounds of scripted length (contract: the header). */
#include "scripted_source.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mt_clock.h"

void scripted_source_init(struct scripted_source *ss, const struct snapshot *snaps, size_t n,
			  const double *durations, size_t ndurations)
{
	memset(ss, 0, sizeof(*ss));
	ss->snaps = snaps;
	ss->nsnaps = n;
	ss->durations = durations;
	ss->ndurations = ndurations;
	ss->log_fd = -1;
}

static void ss_begin(void *impl, double now)
{
	struct scripted_source *ss = impl;
	double len = ss->durations && ss->begins < ss->ndurations ? ss->durations[ss->begins] : 0;

	if (ss->begins < SCRIPTED_MAX_ROUNDS)
		ss->begin_at[ss->begins] = now;
	ss->begins++;
	ss->running = true;
	ss->done = false;
	ss->round_end = now + len;
}

static bool ss_pollfd(const void *impl, struct pollfd *pfd)
{
	(void)impl;
	(void)pfd;
	return false;
}

static double ss_next_deadline(const void *impl)
{
	const struct scripted_source *ss = impl;

	if (ss->done)
		return 0.0;
	return ss->running ? ss->round_end : INFINITY;
}

static bool ss_step(void *impl, short revents, double now)
{
	struct scripted_source *ss = impl;

	(void)revents;
	if (ss->running && now >= ss->round_end) {
		ss->running = false;
		ss->done = true;
	}
	return ss->done;
}

static void ss_take(void *impl, struct snapshot *out)
{
	struct scripted_source *ss = impl;
	size_t i = ss->takes < ss->nsnaps ? ss->takes : ss->nsnaps - 1;
	char line[32];
	int n;

	*out = ss->snaps[i];
	if (!ss->recorded) {
		out->seq = ss->takes + 1;
		out->mono = mt_now();
		out->wall = mt_wall();
	}
	if (ss->takes < SCRIPTED_MAX_ROUNDS)
		ss->take_at[ss->takes] = mt_now();
	ss->takes++;
	ss->done = false;
	if (ss->log_fd >= 0) {
		n = snprintf(line, sizeof(line), "take %zu\n", ss->takes);
		if (write(ss->log_fd, line, (size_t)n) != n)
			ss->log_fd = -1;   /* the reader went away: stop telling it */
	}
}

static bool ss_ended(const void *impl)
{
	const struct scripted_source *ss = impl;

	return ss->recorded && ss->takes >= ss->nsnaps;
}

static const struct source_ops scripted_ops = {
	.kind = "scripted",
	.begin = ss_begin,
	.pollfd = ss_pollfd,
	.next_deadline = ss_next_deadline,
	.step = ss_step,
	.take = ss_take,
	.reconnect = NULL,
	.destroy = NULL,
	.ended = ss_ended,
};

void scripted_snapshots_running(struct snapshot *snaps, size_t n)
{
	memset(snaps, 0, n * sizeof(*snaps));
	for (size_t i = 0; i < n; i++) {
		snaps[i].state = TARGET_RUNNING;
		snaps[i].iobuf.form = IOBUF_FORM_PER_MODULE;
		snprintf(snaps[i].target, sizeof(snaps[i].target), "/scripted.sock");
	}
}

void scripted_source_as_source(struct scripted_source *ss, struct source *out)
{
	ss->ops = scripted_ops;
	ss->ops.recorded = ss->recorded;
	out->ops = &ss->ops;
	out->impl = ss;
}
