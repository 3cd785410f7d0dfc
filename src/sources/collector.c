/*
 * collector: one round of collection as a non-blocking state machine
 * (contract: collector.h).
 *
 * begin() queues the round's requests at once on the client's connection
 * (SPDK answers pipelined requests, possibly out of order): iobuf_get_stats
 * always, the target's facts (target_facts.h) only when they are due; step()
 * feeds the client whatever the poll loop saw and collects replies by id.
 * When the replies show the kept facts are out of date (a new connection, or
 * a stats reply from another state) the round asks them at once, before it
 * ends, so its snapshot already says the new state.  Once every call has an
 * outcome the snapshot is assembled.  Nothing waits: each request carries
 * now + rpc_timeout as its deadline, and a guard a little past that ends the
 * round even if the client should fail to expire a request.
 */
#include "collector.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "heap_stats.h"
#include "iobuf_decode.h"
#include "iobuf_decode_text.h"
#include "iobuf_summary.h"
#include "mt_clock.h"
#include "pool_occupancy.h"
#include "target_facts.h"

/* How long past the request deadline the round's own guard waits. */
#define GUARD_GRACE 0.25
/* Replies of abandoned rounds still owed to us; taken and dropped later. */
#define MAX_ORPHANS 16

/* The facts are the calls before CALL_STATS. */
enum call_index {
	CALL_VERSION,
	CALL_METHODS,
	CALL_CONFIG,
	CALL_STATS,
	CALL_MEMSTATS,   /* only when pool_occupancy or heap_stats wants the dump */
	NCALLS,
};

static const char *const call_method[NCALLS] = {
	[CALL_VERSION] = "spdk_get_version",
	[CALL_METHODS] = "rpc_get_methods",
	[CALL_CONFIG] = "framework_get_config",
	[CALL_STATS] = "iobuf_get_stats",
	[CALL_MEMSTATS] = "env_dpdk_get_mem_stats",
};

struct call {
	bool skipped;            /* not asked this round */
	bool sent;               /* id is valid and owed by the client */
	bool finished;
	uint64_t id;
	struct rpc_result res;
};

enum round_state {
	ROUND_IDLE,
	ROUND_RUNNING,
	ROUND_DONE,
};

struct collector {
	struct collector_config cfg;
	struct rpc_client *client;
	struct pool_occupancy *occ;
	struct heap_stats *heaps;
	bool owned_by_source;    /* collector_source_open: the source frees it and the client */
	struct hugepages_reader *hp;
	enum round_state state;
	uint64_t seq;
	double began;            /* the `now` of collector_begin */
	double guard;            /* the round ends by then whatever happens */
	bool facts_asked;        /* this round asked the facts (they are in calls[]) */
	struct call calls[NCALLS];
	struct target_facts facts;    /* kept between rounds */
	struct collector_counts counts;
	struct dpdk_mem_dump_once dump;   /* the round's, parsed once for rings and heaps */
	size_t norphans;
	uint64_t orphans[MAX_ORPHANS];
	struct snapshot snap;
};

struct collector *collector_new(const struct collector_config *cfg, struct rpc_client *client)
{
	struct collector *col = calloc(1, sizeof(*col));

	if (!col)
		return NULL;
	col->cfg = *cfg;
	if (!(col->cfg.rpc_timeout > 0))
		col->cfg.rpc_timeout = RPC_DEFAULT_TIMEOUT;
	col->client = client;
	if (!(col->cfg.facts_refresh > 0))
		col->cfg.facts_refresh = COLLECTOR_FACTS_REFRESH;
	col->occ = pool_occupancy_new(&cfg->occ);
	col->heaps = heap_stats_new(&cfg->heaps);
	col->hp = hugepages_reader_new(&cfg->hp);
	if (!col->occ || !col->heaps || !col->hp) {
		pool_occupancy_free(col->occ);
		heap_stats_free(col->heaps);
		hugepages_reader_free(col->hp);
		free(col);
		return NULL;
	}
	return col;
}

static void calls_clear(struct collector *col)
{
	for (int i = 0; i < NCALLS; i++) {
		rpc_result_clear(&col->calls[i].res);
		memset(&col->calls[i], 0, sizeof(col->calls[i]));
	}
}

void collector_free(struct collector *col)
{
	if (!col)
		return;
	calls_clear(col);
	dpdk_mem_dump_once_clear(&col->dump);
	pool_occupancy_free(col->occ);
	heap_stats_free(col->heaps);
	hugepages_reader_free(col->hp);
	free(col);
}

void collector_target_changed(struct collector *col)
{
	target_facts_invalidate(&col->facts);
}

void collector_counts(const struct collector *col, struct collector_counts *out)
{
	*out = col->counts;
	out->sysfs_opens = hugepages_reader_opens(col->hp);
	out->pid_scans = pool_occupancy_pid_scans(col->occ);
}

void collector_request_mem_stats(struct collector *col)
{
	heap_stats_request(col->heaps);
}

/*
 * A reply we no longer want still arrives, and the client keeps it until
 * someone takes it: remember the id so the next steps can take and drop it.
 */
static void orphan_add(struct collector *col, uint64_t id)
{
	if (col->norphans == MAX_ORPHANS) {
		memmove(col->orphans, col->orphans + 1, (MAX_ORPHANS - 1) * sizeof(uint64_t));
		col->norphans--;
	}
	col->orphans[col->norphans++] = id;
}

static void orphans_reap(struct collector *col)
{
	size_t kept = 0;

	for (size_t i = 0; i < col->norphans; i++) {
		struct rpc_result res;

		memset(&res, 0, sizeof(res));
		if (rpc_client_take(col->client, col->orphans[i], &res) == RPC_PENDING)
			col->orphans[kept++] = col->orphans[i];
		else
			rpc_result_clear(&res);
	}
	col->norphans = kept;
}

static void call_fail(struct call *c, enum rpc_status status, int code, const char *message)
{
	c->finished = true;
	c->res.status = status;
	c->res.result = NULL;
	c->res.code = code;
	snprintf(c->res.message, sizeof(c->res.message), "%s", message);
}

static json_t *call_params(enum call_index i)
{
	switch (i) {
	case CALL_METHODS:
		return json_pack("{s:b}", "current", 1);
	case CALL_CONFIG:
		return json_pack("{s:s}", "name", "iobuf");
	default:
		return NULL;
	}
}

static bool transport_failure(enum rpc_status s)
{
	return s == RPC_ERR_UNREACHABLE || s == RPC_ERR_CLOSED || s == RPC_ERR_TIMEOUT;
}

static void finish(struct collector *col);

/*
 * Sends calls[first..last) with `deadline`.  Once the connection could not
 * be made or was lost, the next send would only report the reconnect
 * backoff: every later call keeps the first reason.
 */
static void send_calls(struct collector *col, int first, int last, double deadline)
{
	const struct call *failed = NULL;

	for (int i = first; i < last; i++) {
		struct call *c = &col->calls[i];
		struct mt_err err;
		json_t *params;

		if (c->skipped)
			continue;
		if (failed) {
			call_fail(c, failed->res.status, failed->res.code, failed->res.message);
			continue;
		}
		params = call_params((enum call_index)i);
		mt_err_clear(&err);
		if (rpc_client_send(col->client, call_method[i], params, deadline, &c->id,
				    &err) == 0) {
			c->sent = true;
			col->counts.rpcs++;
			/*
			 * Read from their text, no jansson tree (issue 10): the
			 * tick's one reply, and the method list (209 names from
			 * a running spdk_tgt, of which the facts want one).
			 */
			if (i == CALL_STATS || i == CALL_METHODS)
				rpc_client_want_text(col->client, c->id);
		} else {
			enum rpc_status st = (enum rpc_status)err.code;

			if (st <= RPC_OK || st > RPC_ERR_PROTOCOL)
				st = RPC_ERR_UNREACHABLE;
			call_fail(c, st, 0, err.msg);
			if (transport_failure(st))
				failed = c;
		}
		json_decref(params);
	}
}

static void skip_call(struct call *c)
{
	c->skipped = true;
	c->finished = true;
}

static bool all_finished(const struct collector *col)
{
	for (int i = 0; i < NCALLS; i++)
		if (!col->calls[i].finished)
			return false;
	return true;
}

/*
 * The phase-one replies are in without the facts: ask them now if the kept
 * ones no longer hold (another connection, or a stats reply from another
 * state).  True when the round goes on.
 */
static bool facts_recheck(struct collector *col, double now)
{
	double deadline = now + col->cfg.rpc_timeout;

	if (col->facts_asked || transport_failure(col->calls[CALL_STATS].res.status))
		return false;
	if (rpc_client_connections(col->client) == col->facts.connection &&
	    !target_facts_contradicted(&col->facts, &col->calls[CALL_STATS].res))
		return false;
	col->facts_asked = true;
	col->counts.facts_rechecks++;
	for (int i = CALL_VERSION; i < CALL_STATS; i++)
		memset(&col->calls[i], 0, sizeof(col->calls[i]));
	col->guard = deadline + GUARD_GRACE;
	send_calls(col, CALL_VERSION, CALL_STATS, deadline);
	return !all_finished(col);
}

void collector_begin(struct collector *col, double now)
{
	double deadline = now + col->cfg.rpc_timeout;
	bool want_dump;

	if (col->state == ROUND_RUNNING)
		for (int i = 0; i < NCALLS; i++)
			if (col->calls[i].sent && !col->calls[i].finished)
				orphan_add(col, col->calls[i].id);
	calls_clear(col);
	col->guard = deadline + GUARD_GRACE;
	col->state = ROUND_RUNNING;
	col->began = now;
	col->counts.rounds++;
	col->facts_asked = target_facts_due(&col->facts, rpc_client_connections(col->client),
					    rpc_client_connected(col->client), now,
					    col->cfg.facts_refresh);
	if (!col->facts_asked)
		for (int i = CALL_VERSION; i < CALL_STATS; i++)
			skip_call(&col->calls[i]);
	send_calls(col, 0, CALL_MEMSTATS, deadline);
	/*
	 * The dump is decided once the others are sent: the connection is made
	 * then, so its peer is known and pool_occupancy can check it may read
	 * the target before the target is made to write a dump.  Both asked,
	 * so that neither skips the other's wish.
	 */
	{
		struct pool_occupancy_ask ask = {
			.addr = rpc_client_addr(col->client),
			.connection = rpc_client_connections(col->client),
			.connected = rpc_client_connected(col->client) &&
				     !transport_failure(col->calls[CALL_STATS].res.status),
			.peer_pid = rpc_client_peer_pid(col->client),
			.now = now,
		};

		want_dump = pool_occupancy_wants_dump(col->occ, &ask);
		want_dump |= heap_stats_wants_dump(col->heaps, ask.addr, ask.connection, now);
	}
	if (want_dump)
		send_calls(col, CALL_MEMSTATS, NCALLS, deadline);
	else
		skip_call(&col->calls[CALL_MEMSTATS]);
	if (all_finished(col) && !facts_recheck(col, now))
		finish(col);
}

bool collector_busy(const struct collector *col)
{
	return col->state == ROUND_RUNNING;
}

bool collector_pollfd(const struct collector *col, struct pollfd *pfd)
{
	/*
	 * Between rounds too: replies still owed are read (the socket never
	 * fills), and a target closing the connection is seen when it does,
	 * not by a check before every round's first request.
	 */
	if (col->state == ROUND_DONE)
		return false;
	return rpc_client_pollfd(col->client, pfd);
}

double collector_next_deadline(const struct collector *col)
{
	double d;

	switch (col->state) {
	case ROUND_DONE:
		return 0.0;       /* due already: the caller should take it */
	case ROUND_IDLE:
		return INFINITY;
	case ROUND_RUNNING:
		break;
	}
	d = rpc_client_next_deadline(col->client);
	return d < col->guard ? d : col->guard;
}

bool collector_step(struct collector *col, short revents, double now)
{
	bool all = true;

	if (col->state == ROUND_DONE)
		return true;
	rpc_client_process(col->client, revents, now);
	orphans_reap(col);
	if (col->state != ROUND_RUNNING)
		return false;
	for (int i = 0; i < NCALLS; i++) {
		struct call *c = &col->calls[i];

		if (c->finished)
			continue;
		memset(&c->res, 0, sizeof(c->res));
		if (rpc_client_take(col->client, c->id, &c->res) != RPC_PENDING) {
			c->finished = true;
			continue;
		}
		if (now >= col->guard) {
			/* The client should have expired it: do it ourselves. */
			char why[64];

			orphan_add(col, c->id);
			snprintf(why, sizeof(why), "no reply within %.1f s", col->cfg.rpc_timeout);
			call_fail(c, RPC_ERR_TIMEOUT, -ETIMEDOUT, why);
			continue;
		}
		all = false;
	}
	if (!all || facts_recheck(col, now))
		return false;
	finish(col);
	return true;
}

/* ---- assembling the snapshot --------------------------------------------- */

/*
 * Why a call got no answer, in words a user can act on.  The client already
 * words connect failures ("no such socket /var/tmp/spdk.sock", "connection
 * refused by ..."), without the method: report_failure puts that in front; a
 * timeout is said once for the whole target, so it names no method at all
 * (its words are the client's: they say when replies came with unknown ids).
 */
static void describe_failure(const struct rpc_result *r, char *buf, size_t len)
{
	if (r->status == RPC_ERR_CLOSED && !r->message[0]) {
		snprintf(buf, len, "connection closed by the target");
		return;
	}
	snprintf(buf, len, "%s", r->message[0] ? r->message : rpc_status_name(r->status));
}

/* Records the failed call r of method i in errors, naming the method. */
static void report_failure(struct collector *col, enum call_index i, const struct rpc_result *r)
{
	char why[MT_ERR_LEN];

	if (r->status == RPC_ERR_REMOTE) {
		mt_errlist_add(&col->snap.errors, "%s: SPDK error %d: %s", call_method[i], r->code,
			       r->message);
		return;
	}
	describe_failure(r, why, sizeof(why));
	mt_errlist_add(&col->snap.errors, "%s: %s", call_method[i], why);
}

static const json_t *ok_result(const struct collector *col, enum call_index i)
{
	const struct rpc_result *r = &col->calls[i].res;

	return r->status == RPC_OK ? r->result : NULL;
}

/*
 * rpc_get_methods says it directly.  Without it, the other replies still
 * tell: stats answered means running, the before-init refusal means startup.
 */
static enum target_state infer_state(struct collector *col)
{
	const struct target_facts *f = &col->facts;

	if (f->methods.res.status == RPC_OK) {
		if (f->methods.rc == 0)
			return f->methods_state;
		mt_errlist_add(&col->snap.errors, "%s", f->methods.err);
	} else {
		report_failure(col, CALL_METHODS, &f->methods.res);
	}
	if (col->calls[CALL_STATS].res.status == RPC_OK)
		return TARGET_RUNNING;
	if (target_facts_refused_before_init(&col->calls[CALL_STATS].res) ||
	    target_facts_refused_before_init(&f->config.res))
		return TARGET_STARTUP;
	return TARGET_UNKNOWN;
}

/* The facts this round asked become the kept ones; a round that did not ask uses those. */
static void facts_update(struct collector *col)
{
	if (!col->facts_asked)
		return;
	target_facts_store(&col->facts, &col->calls[CALL_VERSION].res,
			   &col->calls[CALL_METHODS].res, &col->calls[CALL_CONFIG].res,
			   rpc_client_connections(col->client), col->began);
}

static void assemble_answered(struct collector *col)
{
	const struct target_facts *f = &col->facts;
	struct snapshot *s = &col->snap;
	struct mt_err err;

	s->state = infer_state(col);
	if (f->version.res.status == RPC_OK) {
		/* On success err may still carry a warning (version cut). */
		memcpy(s->version, f->version_text, sizeof(s->version));
		if (f->version.rc < 0 || f->version.err[0])
			mt_errlist_add(&s->errors, "%s", f->version.err);
	} else {
		report_failure(col, CALL_VERSION, &f->version.res);
	}
	if (f->config.res.status == RPC_OK) {
		s->iobuf.opts = f->opts;
		if (f->config.rc < 0)
			mt_errlist_add(&s->errors, "%s", f->config.err);
	} else if (!(s->state == TARGET_STARTUP &&
		     target_facts_refused_before_init(&f->config.res))) {
		report_failure(col, CALL_CONFIG, &f->config.res);
	}
	if (col->calls[CALL_STATS].res.status == RPC_OK) {
		const struct rpc_result *r = &col->calls[CALL_STATS].res;
		/* A reply parsed on the thread comes as a tree; both decoders agree. */
		int rc = r->text ? iobuf_decode_stats_text(r->text, r->text_len, &s->iobuf, &err) :
				   iobuf_decode_stats(r->result, &s->iobuf, &err);

		/* On success err may still carry a warning (modules dropped, names cut). */
		if (rc < 0 || err.msg[0])
			mt_errlist_add(&s->errors, "%s", err.msg);
	} else if (!(s->state == TARGET_STARTUP &&
		     target_facts_refused_before_init(&col->calls[CALL_STATS].res))) {
		report_failure(col, CALL_STATS, &col->calls[CALL_STATS].res);
	}
}

/*
 * SPDK's env_dpdk_get_mem_stats (module/env_dpdk/env_dpdk_rpc.c) fopen()s
 * the fixed path /tmp/spdk_mem_dump.txt and answers -32603 "Unable to open
 * file for writing." when it cannot: say what would fix it, first.
 */
static void mem_stats_refusal(const struct rpc_result *res, char *why, size_t len)
{
	static const char unwritable[] = "Unable to open file for writing";

	if (res->code == -32603 && strncmp(res->message, unwritable, strlen(unwritable)) == 0)
		snprintf(why, len, "the target could not write its dump file (SPDK writes "
			 "/tmp/spdk_mem_dump.txt): its /tmp must be writable; SPDK error %d: %s",
			 res->code, res->message);
	else
		snprintf(why, len, "SPDK error %d: %s", res->code, res->message);
}

/* The rings' and heaps' parts of the snapshot, with the dump this round asked for (if it did). */
static void occupancy_round(struct collector *col)
{
	struct snapshot *s = &col->snap;
	const struct call *c = &col->calls[CALL_MEMSTATS];
	char why[MT_ERR_LEN] = "";
	struct pool_occupancy_round r = {
		.addr = rpc_client_addr(col->client),
		.connection = rpc_client_connections(col->client),
		.peer_pid = rpc_client_peer_pid(col->client),
		.dump_asked = !c->skipped,
		.dump_result = ok_result(col, CALL_MEMSTATS),
		.dump_failure = why,
		.opts = &s->iobuf.opts,
		.state = s->state,
		.now = col->began,   /* the round's time as its caller gave it: tests drive it */
		.dump = &col->dump,
	};

	if (!c->skipped && !r.dump_result) {
		if (c->res.status == RPC_ERR_REMOTE)
			mem_stats_refusal(&c->res, why, sizeof(why));
		else
			describe_failure(&c->res, why, sizeof(why));
	}
	pool_occupancy_round(col->occ, &r, &s->iobuf.rings, &s->errors);
	heap_stats_round(col->heaps, &r, &s->heaps, &s->errors);
	col->counts.dump_reads += col->dump.reads;
	col->dump.reads = 0;
	dpdk_mem_dump_once_clear(&col->dump);
}

static size_t at_most(size_t n, size_t max)
{
	return n < max ? n : max;
}

/* The snapshot's parts lie end to end: what snap_clear_written skips has no padding. */
_Static_assert(offsetof(struct snapshot, hugepages) ==
		       offsetof(struct snapshot, iobuf) + sizeof(struct iobuf_snapshot),
	       "padding after the iobuf part");
_Static_assert(offsetof(struct snapshot, heaps) ==
		       offsetof(struct snapshot, hugepages) + sizeof(struct hugepage_snapshot),
	       "padding after the hugepages part");
_Static_assert(offsetof(struct snapshot, errors) ==
		       offsetof(struct snapshot, heaps) + sizeof(struct spdk_heaps),
	       "padding after the heaps part");
_Static_assert(offsetof(struct iobuf_snapshot, agg_small) ==
		       offsetof(struct iobuf_snapshot, modules) + sizeof(((struct iobuf_snapshot *)0)->modules),
	       "padding after the modules");
_Static_assert(offsetof(struct iobuf_snapshot, small) ==
		       offsetof(struct iobuf_snapshot, rings.rings) +
			       sizeof(((struct iobuf_snapshot *)0)->rings.rings),
	       "padding after the rings");
_Static_assert(sizeof(struct snapshot) ==
		       offsetof(struct snapshot, errors) + sizeof(struct mt_errlist),
	       "padding after the errors");

/*
 * Each round builds its snapshot over the last one and leaves it as a
 * memset of the whole (~28 KB) would, zeroing only what the last round
 * wrote: every writer fills an array only up to its count (the decoders'
 * modules, the rings, the error list), so past the counts it is zero still.
 * The hugepages part is hugepages_reader_refill's to clear the same way, and
 * heap_stats_round assigns the heaps whole each round.
 */
static void snap_clear_written(struct snapshot *s)
{
	struct iobuf_snapshot *io = &s->iobuf;
	size_t nmod = at_most(io->nmodules, SNAP_MAX_MODULES);
	size_t nrings = at_most(io->rings.n, SNAP_MAX_RINGS);

	memset(s, 0, offsetof(struct snapshot, iobuf));
	memset(io, 0, offsetof(struct iobuf_snapshot, modules));
	memset(io->modules, 0, nmod * sizeof(io->modules[0]));
	memset(&io->agg_small, 0, offsetof(struct iobuf_snapshot, rings.rings) -
					  offsetof(struct iobuf_snapshot, agg_small));
	memset(io->rings.rings, 0, nrings * sizeof(io->rings.rings[0]));
	memset(&io->small, 0, sizeof(*io) - offsetof(struct iobuf_snapshot, small));
	mt_errlist_truncate(&s->errors, 0, 0);
}

static void finish(struct collector *col)
{
	struct snapshot *s = &col->snap;
	const struct rpc_result *lost = NULL;
	bool answered = false;

	snap_clear_written(s);
	s->seq = ++col->seq;
	s->mono = mt_now();
	s->wall = mt_wall();
	rpc_addr_format(rpc_client_addr(col->client), s->target, sizeof(s->target));
	/* Any reply at all, even an error or garbage, means someone is there. */
	for (int i = 0; i < NCALLS; i++) {
		const struct rpc_result *r = &col->calls[i].res;

		if (col->calls[i].skipped)
			continue;
		if (transport_failure(r->status)) {
			if (!lost)
				lost = r;
		} else {
			answered = true;
		}
	}
	if (answered) {
		facts_update(col);
		assemble_answered(col);
	} else {
		s->state = TARGET_UNREACHABLE;
		describe_failure(lost, s->unreachable_reason, sizeof(s->unreachable_reason));
	}
	occupancy_round(col);
	iobuf_summarize(&s->iobuf);
	iobuf_summary_note_saturated(&s->iobuf, &s->errors);
	/* The host's memory is worth showing whether or not the target answers. */
	hugepages_reader_refill(col->hp, s->mono, &s->hugepages, &s->errors);
	calls_clear(col);
	col->state = ROUND_DONE;
}

void collector_take(struct collector *col, struct snapshot *out)
{
	if (col->state != ROUND_DONE) {
		memset(out, 0, sizeof(*out));
		out->state = TARGET_UNKNOWN;
		mt_errlist_add(&out->errors, "collector: no finished round to take");
		return;
	}
	*out = col->snap;
	col->state = ROUND_IDLE;
}

/* ---- as a source ----------------------------------------------------------- */

static void as_begin(void *impl, double now)
{
	collector_begin(impl, now);
}

static bool as_pollfd(const void *impl, struct pollfd *pfd)
{
	return collector_pollfd(impl, pfd);
}

static double as_next_deadline(const void *impl)
{
	return collector_next_deadline(impl);
}

static bool as_step(void *impl, short revents, double now)
{
	return collector_step(impl, revents, now);
}

static void as_take(void *impl, struct snapshot *out)
{
	collector_take(impl, out);
}

static void as_reconnect(void *impl)
{
	struct collector *col = impl;

	rpc_client_reconnect_now(col->client);
}

static void as_target_changed(void *impl)
{
	collector_target_changed(impl);
}

static void as_request_mem_stats(void *impl)
{
	collector_request_mem_stats(impl);
}

/* Only a collector made by collector_source_open belongs to its source. */
static void as_destroy(void *impl)
{
	struct collector *col = impl;
	struct rpc_client *client = col->client;

	if (!col->owned_by_source)
		return;
	collector_free(col);
	rpc_client_free(client);
}

static const struct source_ops collector_ops = {
	.kind = "live",
	.begin = as_begin,
	.pollfd = as_pollfd,
	.next_deadline = as_next_deadline,
	.step = as_step,
	.take = as_take,
	.reconnect = as_reconnect,
	.target_changed = as_target_changed,
	.request_mem_stats = as_request_mem_stats,
	.destroy = as_destroy,
};

void collector_as_source(struct collector *col, struct source *out)
{
	out->ops = &collector_ops;
	out->impl = col;
}

int collector_source_open(struct source *out, const struct collector_config *cfg,
			  const struct rpc_addr *addr, struct mt_err *err)
{
	struct rpc_client *client = rpc_client_new(addr);
	struct collector *col = client ? collector_new(cfg, client) : NULL;

	if (!col) {
		rpc_client_free(client);
		mt_err_set(err, -ENOMEM, "cannot create the collector: out of memory");
		return -1;
	}
	col->owned_by_source = true;
	collector_as_source(col, out);
	return 0;
}

void collector_run_blocking(struct collector *col, struct snapshot *out)
{
	struct source src;

	collector_as_source(col, &src);
	source_run_blocking(&src, out);
}
