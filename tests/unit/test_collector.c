/*
 * collector: whole rounds over a real socket.
 *
 * Part one drives the collector against a scripted peer inside this process
 * (replies out of order, remote and decode errors, silence, the target's
 * facts kept between rounds and asked again), polled in the same loop as the
 * collector, so each case says exactly what the target did.  Part two runs
 * the real simulator (spdk-memtop-sim via sim_harness): idle, --wait-for-rpc,
 * exhaustion, the aggregate form, no socket, SIGSTOP, and what steady rounds
 * ask of it, counted by the simulator itself (sim_get_call_counts).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "check_main.h"
#include "fixture_io.h"
#include "collector.h"
#include "iobuf_decode.h"
#include "iobuf_rates.h"
#include "json_stream.h"
#include "mt_clock.h"
#include "rpc_client.h"
#include "sim_harness.h"

#define SYSFS_1NODE MEMTOP_FIXTURES "/sysfs/1node"
#define PROCFS_1NODE MEMTOP_FIXTURES "/procfs/1node"

static bool has_error(const struct snapshot *s, const char *text)
{
	for (size_t i = 0; i < s->errors.n; i++)
		if (strstr(s->errors.msg[i], text))
			return true;
	return false;
}

static void dump_errors(const struct snapshot *s)
{
	for (size_t i = 0; i < s->errors.n; i++)
		fprintf(stderr, "  error: %s\n", s->errors.msg[i]);
}

static void check_1node_hugepages(const struct snapshot *s)
{
	ck_assert_uint_eq(s->hugepages.nnodes, 1);
	ck_assert_int_eq(s->hugepages.nodes[0].id, 0);
	ck_assert_uint_ge(s->hugepages.nodes[0].nsizes, 1);
	for (size_t i = 0; i < s->hugepages.nodes[0].nsizes; i++)
		if (s->hugepages.nodes[0].sizes[i].page_kb == 2048) {
			ck_assert_uint_eq(s->hugepages.nodes[0].sizes[i].nr, 1024);
			ck_assert_uint_eq(s->hugepages.nodes[0].sizes[i].free, 633);
			return;
		}
	ck_abort_msg("no 2 MiB pages read from the 1node fixture");
}

/* ---- part one: a scripted peer ------------------------------------------- */

/* What the peer answers to a method: a result, an error, or nothing. */
struct answer {
	const char *method;
	json_t *result;          /* owned; NULL with error_code 0: no reply at all */
	int error_code;
	const char *error_message;
};

#define MAX_ANSWERS 8

struct peer {
	char dir[64];
	char path[128];
	int lfd, cfd;
	char in[1 << 16];
	size_t inlen;
	struct answer answers[MAX_ANSWERS];
	size_t nanswers;
	bool reverse;            /* hold replies until all four came, answer last first */
	json_t *held;            /* array of held replies */
	int requests;
	char methods_seen[8][32];
};

static void peer_start(struct peer *p)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	memset(p, 0, sizeof(*p));
	snprintf(p->dir, sizeof(p->dir), "/tmp/memtop-col-XXXXXX");
	ck_assert(mkdtemp(p->dir) != NULL);
	snprintf(p->path, sizeof(p->path), "%s/spdk.sock", p->dir);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", p->path);
	p->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(p->lfd, 0);
	ck_assert_int_eq(bind(p->lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(listen(p->lfd, 8), 0);
	p->cfd = -1;
	p->held = json_array();
}

static void peer_stop(struct peer *p)
{
	if (p->cfd >= 0)
		close(p->cfd);
	close(p->lfd);
	unlink(p->path);
	rmdir(p->dir);
	for (size_t i = 0; i < p->nanswers; i++)
		json_decref(p->answers[i].result);
	json_decref(p->held);
}

/* The peer forgets its script: a target that changed. */
static void peer_forget(struct peer *p)
{
	for (size_t i = 0; i < p->nanswers; i++)
		json_decref(p->answers[i].result);
	p->nanswers = 0;
}

static void peer_answer(struct peer *p, const char *method, json_t *result)
{
	ck_assert_uint_lt(p->nanswers, MAX_ANSWERS);
	p->answers[p->nanswers++] = (struct answer){ .method = method, .result = result };
}

static void peer_error(struct peer *p, const char *method, int code, const char *message)
{
	ck_assert_uint_lt(p->nanswers, MAX_ANSWERS);
	p->answers[p->nanswers++] = (struct answer){ .method = method, .error_code = code,
						     .error_message = message };
}

/* What SPDK answers a runtime method before framework_start_init (wait_for_rpc/03). */
static const char startup_refusal[] = "Method may only be called after framework is "
				      "initialized using framework_start_init RPC.";

/* The facts a running target answers (version, methods, options), from the transcripts. */
static void peer_answer_facts(struct peer *p)
{
	peer_answer(p, "spdk_get_version", transcript_result("spdk_get_version.response.json"));
	peer_answer(p, "rpc_get_methods",
		    transcript_result("rpc_get_methods.current.response.json"));
	peer_answer(p, "framework_get_config",
		    transcript_result("framework_get_config.iobuf.response.json"));
}

/* The four methods a running idle target answers, from the transcripts. */
static void peer_answer_running(struct peer *p)
{
	peer_answer_facts(p);
	peer_answer(p, "iobuf_get_stats", transcript_result("iobuf_get_stats.idle.response.json"));
}

static void peer_send(struct peer *p, json_t *reply)
{
	char *text = json_dumps(reply, JSON_COMPACT);
	size_t len = strlen(text), off = 0;

	/* Small replies fit the socket buffer: a blocking write is fine here. */
	while (off < len) {
		ssize_t n = write(p->cfd, text + off, len - off);

		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		ck_assert_int_gt(n, 0);
		off += (size_t)n;
	}
	ck_assert_int_eq(write(p->cfd, "\n", 1), 1);
	free(text);
}

static void peer_request(struct peer *p, json_t *req)
{
	const char *method = json_string_value(json_object_get(req, "method"));
	json_t *id = json_object_get(req, "id");
	json_t *reply = NULL;

	ck_assert(method != NULL && id != NULL);
	if (p->requests < 8)
		snprintf(p->methods_seen[p->requests], sizeof(p->methods_seen[0]), "%s", method);
	p->requests++;
	for (size_t i = 0; i < p->nanswers; i++) {
		const struct answer *a = &p->answers[i];

		if (strcmp(a->method, method) != 0)
			continue;
		if (a->result)
			reply = json_pack("{s:s,s:O,s:O}", "jsonrpc", "2.0", "id", id, "result",
					  a->result);
		else if (a->error_code)
			reply = json_pack("{s:s,s:O,s:{s:i,s:s}}", "jsonrpc", "2.0", "id", id,
					  "error", "code", a->error_code, "message",
					  a->error_message);
		break;
	}
	if (!reply)
		return;
	if (!p->reverse) {
		peer_send(p, reply);
		json_decref(reply);
		return;
	}
	json_array_insert_new(p->held, 0, reply);
	if (json_array_size(p->held) == 4) {
		for (size_t i = 0; i < 4; i++)
			peer_send(p, json_array_get(p->held, i));
		json_array_clear(p->held);
	}
}

static void peer_read(struct peer *p)
{
	ssize_t n = read(p->cfd, p->in + p->inlen, sizeof(p->in) - p->inlen);
	size_t start, end;

	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
			close(p->cfd);
			p->cfd = -1;
		}
		return;
	}
	p->inlen += (size_t)n;
	while (json_stream_scan(p->in, p->inlen, &start, &end) == JSON_SCAN_COMPLETE) {
		json_t *req = json_loadb(p->in + start, end - start, 0, NULL);

		ck_assert(req != NULL);
		peer_request(p, req);
		json_decref(req);
		memmove(p->in, p->in + end, p->inlen - end);
		p->inlen -= end;
	}
}

/*
 * One round with the peer served from the same poll loop, begun `ahead`
 * seconds in the future as far as the collector can tell (its facts' age);
 * returns seconds taken.
 */
static double peer_round_ahead(struct peer *p, struct collector *col, struct snapshot *out,
			       double ahead)
{
	double start = mt_now();

	collector_begin(col, start + ahead);
	while (!collector_step(col, 0, mt_now())) {
		struct pollfd pfd[3] = { { .fd = p->lfd, .events = POLLIN },
					 { .fd = p->cfd, .events = POLLIN },
					 { .fd = -1 } };
		double wait = collector_next_deadline(col) - mt_now();
		int ms = wait > 0 ? (int)ceil(wait * 1000.0) : 0;

		collector_pollfd(col, &pfd[2]);
		if (ms > 2000)
			ms = 2000;
		ck_assert_int_ge(poll(pfd, 3, ms), 0);
		if (pfd[0].revents & POLLIN) {
			int fd = accept4(p->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

			if (fd >= 0) {
				if (p->cfd >= 0)
					close(p->cfd);
				p->cfd = fd;
			}
		}
		if (p->cfd >= 0 && (pfd[1].revents & (POLLIN | POLLHUP)))
			peer_read(p);
		if (collector_step(col, pfd[2].revents, mt_now()))
			break;
		ck_assert_msg(mt_now() - start < 5.0, "round did not end");
	}
	collector_take(col, out);
	return mt_now() - start;
}

static double peer_round(struct peer *p, struct collector *col, struct snapshot *out)
{
	return peer_round_ahead(p, col, out, 0.0);
}

struct rig {
	struct peer peer;
	struct rpc_client *client;
	struct collector *col;
};

static void rig_start(struct rig *r, double timeout)
{
	/* The scripted peer plays the four round methods; no rings to locate here. */
	struct collector_config cfg = { .rpc_timeout = timeout,
					.hp = { SYSFS_1NODE, PROCFS_1NODE },
					.occ = { .disabled = true } };
	struct rpc_addr addr;
	struct mt_err err;

	peer_start(&r->peer);
	ck_assert_int_eq(rpc_addr_parse(r->peer.path, -1, &addr, &err), 0);
	r->client = rpc_client_new(&addr);
	ck_assert(r->client != NULL);
	r->col = collector_new(&cfg, r->client);
	ck_assert(r->col != NULL);
}

static void rig_stop(struct rig *r)
{
	collector_free(r->col);
	rpc_client_free(r->client);
	peer_stop(&r->peer);
}

START_TEST(scripted_out_of_order)
{
	static struct snapshot s;
	struct rig r;
	char target[SNAP_TARGET_LEN];

	rig_start(&r, 1.0);
	peer_answer_running(&r.peer);
	r.peer.reverse = true;
	peer_round(&r.peer, r.col, &s);
	dump_errors(&s);
	ck_assert_int_eq(r.peer.requests, 4);
	/* Pipelined in this order; answered last first. */
	ck_assert_str_eq(r.peer.methods_seen[0], "spdk_get_version");
	ck_assert_str_eq(r.peer.methods_seen[1], "rpc_get_methods");
	ck_assert_str_eq(r.peer.methods_seen[2], "framework_get_config");
	ck_assert_str_eq(r.peer.methods_seen[3], "iobuf_get_stats");
	ck_assert_uint_eq(s.seq, 1);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_str_eq(s.version, "SPDK v26.09-pre git sha1 3230130e6a");
	rpc_addr_format(rpc_client_addr(r.client), target, sizeof(target));
	ck_assert_str_eq(s.target, target);
	ck_assert_str_eq(s.unreachable_reason, "");
	ck_assert_uint_eq(s.errors.n, 0);
	ck_assert_int_eq(s.iobuf.form, IOBUF_FORM_PER_MODULE);
	ck_assert_uint_eq(s.iobuf.nmodules, 2);
	ck_assert(s.iobuf.opts.valid);
	ck_assert_uint_eq(s.iobuf.small.count, 8192);
	ck_assert_int_eq(s.iobuf.small.util_kind, UTIL_RESERVED);
	ck_assert_double_eq_tol(s.iobuf.small.util, 0.0, 1e-12);
	ck_assert(s.mono > 0 && fabs(s.mono - mt_now()) < 5.0);
	ck_assert(s.wall > 1.6e9);
	check_1node_hugepages(&s);

	/* The next round numbers on, reuses the connection and asks only the stats. */
	r.peer.reverse = false;
	peer_round(&r.peer, r.col, &s);
	ck_assert_uint_eq(s.seq, 2);
	ck_assert_int_eq(r.peer.requests, 5);
	ck_assert_str_eq(r.peer.methods_seen[4], "iobuf_get_stats");
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_str_eq(s.version, "SPDK v26.09-pre git sha1 3230130e6a");
	ck_assert(s.iobuf.opts.valid);
	ck_assert_uint_eq(s.iobuf.small.count, 8192);
	ck_assert_uint_eq(s.errors.n, 0);
	rig_stop(&r);
}
END_TEST

START_TEST(scripted_decode_and_remote_errors)
{
	static struct snapshot s;
	struct rig r;

	rig_start(&r, 1.0);
	peer_answer(&r.peer, "spdk_get_version", json_pack("{s:i}", "version", 26));
	peer_answer(&r.peer, "rpc_get_methods",
		    transcript_result("rpc_get_methods.current.response.json"));
	peer_error(&r.peer, "framework_get_config", -32601, "Method not found");
	peer_answer(&r.peer, "iobuf_get_stats",
		    json_loads("[{\"module\":\"accel\",\"small_pool\":{\"cache\":0,\"main\":0,"
			       "\"retry\":0},\"large_pool\":{\"cache\":0,\"main\":0,\"retry\":0}},"
			       "{\"module\":\"bdev\",\"small_pool\":{\"cache\":0,\"main\":0,"
			       "\"retry\":0},\"large_pool\":{\"cache\":0,\"main\":0,"
			       "\"retry\":\"3\"}}]",
			       0, NULL));
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_uint_eq(s.errors.n, 3);
	ck_assert(has_error(&s, "spdk_get_version: version: expected a string, got integer"));
	ck_assert(has_error(&s, "framework_get_config: SPDK error -32601: Method not found"));
	ck_assert(has_error(&s, "iobuf_get_stats: [1].large_pool.retry: expected a non-negative "
				"integer, got string"));
	ck_assert_str_eq(s.version, "");
	ck_assert(!s.iobuf.opts.valid);
	ck_assert_int_eq(s.iobuf.form, IOBUF_FORM_NONE);
	ck_assert_int_eq(s.iobuf.small.util_kind, UTIL_UNKNOWN);
	check_1node_hugepages(&s);
	/*
	 * A version that does not decode and a method the target lacks are its
	 * answers for good: kept, said again, not asked again.
	 */
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 5);
	ck_assert_uint_eq(s.errors.n, 3);
	ck_assert(has_error(&s, "spdk_get_version: version: expected a string, got integer"));
	ck_assert(has_error(&s, "framework_get_config: SPDK error -32601: Method not found"));
	ck_assert(!s.iobuf.opts.valid);
	rig_stop(&r);
}
END_TEST

START_TEST(scripted_startup_inferred_without_methods)
{
	static struct snapshot s;
	struct rig r;

	rig_start(&r, 1.0);
	peer_answer(&r.peer, "spdk_get_version",
		    transcript_result("spdk_get_version.response.json"));
	peer_error(&r.peer, "rpc_get_methods", -32603, "Internal error");
	peer_error(&r.peer, "framework_get_config", -1, startup_refusal);
	peer_error(&r.peer, "iobuf_get_stats", -1, startup_refusal);
	peer_round(&r.peer, r.col, &s);
	/* The refusals tell the state; only rpc_get_methods' own failure is an error. */
	ck_assert_int_eq(s.state, TARGET_STARTUP);
	ck_assert_uint_eq(s.errors.n, 1);
	ck_assert(has_error(&s, "rpc_get_methods: SPDK error -32603: Internal error"));
	ck_assert_int_eq(s.iobuf.form, IOBUF_FORM_NONE);
	/* An internal error may pass: nothing is kept, all four are asked again. */
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 8);
	ck_assert_int_eq(s.state, TARGET_STARTUP);
	ck_assert_uint_eq(s.errors.n, 1);
	rig_stop(&r);
}
END_TEST

/*
 * The method list is read from its text: one the client's bounds would not
 * have built (deeper than 64 levels) fails as the tree path fails it, in
 * the client's words, and is asked again, as a failed call is.
 */
START_TEST(scripted_methods_over_the_bounds_fail_as_a_call)
{
	static struct snapshot s;
	json_t *list = json_array(), *deep = json_array();
	struct rig r;

	json_array_append_new(list, json_string("framework_start_init"));
	json_array_append(list, deep);
	for (int k = 0; k < 70; k++) {
		json_t *inner = json_array();

		json_array_append_new(deep, inner);
		deep = inner;
	}
	json_decref(json_array_get(list, 1));
	rig_start(&r, 1.0);
	peer_answer(&r.peer, "spdk_get_version",
		    transcript_result("spdk_get_version.response.json"));
	peer_answer(&r.peer, "rpc_get_methods", list);
	peer_answer(&r.peer, "framework_get_config",
		    transcript_result("framework_get_config.iobuf.response.json"));
	peer_answer(&r.peer, "iobuf_get_stats",
		    transcript_result("iobuf_get_stats.idle.response.json"));
	peer_round(&r.peer, r.col, &s);
	if (s.errors.n != 1)
		dump_errors(&s);
	ck_assert_uint_eq(s.errors.n, 1);
	ck_assert(has_error(&s, "rpc_get_methods: reply of "));
	ck_assert(has_error(&s, " bytes has nesting deeper than 64 levels"));
	/* Inferred from the stats that answered, as without the list. */
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_int_eq(s.iobuf.form, IOBUF_FORM_PER_MODULE);
	/* Not kept: the next round asks all four again. */
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 8);
	ck_assert_uint_eq(s.errors.n, 1);
	rig_stop(&r);
}
END_TEST

START_TEST(scripted_refusal_while_running_is_an_error)
{
	static struct snapshot s;
	struct rig r;

	rig_start(&r, 1.0);
	peer_answer_facts(&r.peer);
	peer_error(&r.peer, "iobuf_get_stats", -1, startup_refusal);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_uint_eq(s.errors.n, 1);
	ck_assert(has_error(&s, "iobuf_get_stats: SPDK error -1: Method may only be called"));
	rig_stop(&r);
}
END_TEST

START_TEST(scripted_partial_silence)
{
	static struct snapshot s;
	struct rig r;
	double took;

	rig_start(&r, 0.4);
	peer_answer_facts(&r.peer);
	/* iobuf_get_stats: never answered. */
	took = peer_round(&r.peer, r.col, &s);
	ck_assert_msg(took >= 0.35 && took < 1.0, "round took %.3f s", took);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert(has_error(&s, "iobuf_get_stats: no reply within 0.4 s"));
	ck_assert(s.iobuf.opts.valid);
	ck_assert_int_eq(s.iobuf.form, IOBUF_FORM_NONE);
	rig_stop(&r);
}
END_TEST

START_TEST(scripted_total_silence)
{
	static struct snapshot s;
	struct rig r;
	double took;

	rig_start(&r, 0.3);
	took = peer_round(&r.peer, r.col, &s);
	ck_assert_msg(took >= 0.25 && took < 0.9, "round took %.3f s", took);
	ck_assert_int_eq(r.peer.requests, 4);
	ck_assert_int_eq(s.state, TARGET_UNREACHABLE);
	ck_assert_str_eq(s.unreachable_reason, "no reply within 0.3 s");
	check_1node_hugepages(&s);
	rig_stop(&r);
}
END_TEST

START_TEST(scripted_too_many_modules)
{
	static struct snapshot s;
	json_t *mods = json_array();
	struct rig r;

	for (int i = 0; i < SNAP_MAX_MODULES + 3; i++) {
		char name[16];

		snprintf(name, sizeof(name), "mod%d", i);
		json_array_append_new(mods, json_pack("{s:s,s:{s:i,s:i,s:i},s:{s:i,s:i,s:i}}",
						      "module", name, "small_pool", "cache", i,
						      "main", 0, "retry", 0, "large_pool", "cache",
						      0, "main", 0, "retry", 0));
	}
	rig_start(&r, 1.0);
	peer_answer_facts(&r.peer);
	peer_answer(&r.peer, "iobuf_get_stats", mods);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(s.iobuf.form, IOBUF_FORM_PER_MODULE);
	ck_assert_uint_eq(s.iobuf.nmodules, SNAP_MAX_MODULES);
	ck_assert_str_eq(s.iobuf.modules[SNAP_MAX_MODULES - 1].name, "mod31");
	ck_assert_uint_eq(s.errors.n, 1);
	ck_assert(has_error(&s, "iobuf_get_stats: 35 modules reported, kept the first 32"));
	/* cache_size absent: nothing honest to show. */
	ck_assert_int_eq(s.iobuf.small.util_kind, UTIL_UNKNOWN);
	rig_stop(&r);
}
END_TEST

/* The snapshot without what differs between two rigs and two rounds: the seq, clocks and socket path. */
static void snap_normalize(struct snapshot *s)
{
	s->seq = 0;
	s->mono = 0;
	s->wall = 0;
	memset(s->target, 0, sizeof(s->target));
}

/* 35 modules, named long enough that a shorter name over one would leave its tail. */
static json_t *many_modules(void)
{
	json_t *mods = json_array();

	for (int i = 0; i < SNAP_MAX_MODULES + 3; i++) {
		char name[SNAP_NAME_LEN];

		snprintf(name, sizeof(name), "a_rather_long_module_name_number_%d", i);
		json_array_append_new(mods, json_pack("{s:s,s:{s:i,s:i,s:i},s:{s:i,s:i,s:i}}",
						      "module", name, "small_pool", "cache", i,
						      "main", 1, "retry", 2, "large_pool", "cache",
						      3, "main", 4, "retry", 5));
	}
	return mods;
}

/*
 * Each round builds its snapshot over the last one, clearing only what that
 * used: a round after a fuller one (32 modules, a long error) must hold
 * byte for byte what a first round gives, nothing of the earlier one past
 * its counts or in a string's tail.
 */
START_TEST(scripted_round_after_a_fuller_one_leaves_nothing_behind)
{
	static struct snapshot full, after, fresh;
	struct rig a, b;

	rig_start(&a, 1.0);
	peer_answer_facts(&a.peer);
	peer_answer(&a.peer, "iobuf_get_stats", many_modules());
	peer_round(&a.peer, a.col, &full);
	ck_assert_uint_eq(full.iobuf.nmodules, SNAP_MAX_MODULES);
	ck_assert_uint_eq(full.errors.n, 1);
	peer_forget(&a.peer);
	peer_answer_facts(&a.peer);
	peer_error(&a.peer, "iobuf_get_stats", -32601, "Method not found");
	peer_round(&a.peer, a.col, &after);

	rig_start(&b, 1.0);
	peer_answer_facts(&b.peer);
	peer_error(&b.peer, "iobuf_get_stats", -32601, "Method not found");
	peer_round(&b.peer, b.col, &fresh);

	ck_assert_uint_eq(after.iobuf.nmodules, 0);
	ck_assert_uint_eq(after.errors.n, 1);
	ck_assert_str_eq(after.errors.msg[0], "iobuf_get_stats: SPDK error -32601: Method not found");
	snap_normalize(&after);
	snap_normalize(&fresh);
	ck_assert(memcmp(&after, &fresh, sizeof(after)) == 0);
	rig_stop(&a);
	rig_stop(&b);
}
END_TEST

START_TEST(scripted_abandoned_round)
{
	static struct snapshot s;
	struct rig r;

	rig_start(&r, 1.0);
	peer_answer_running(&r.peer);
	/* A round begun and left before any reply: the next one starts over. */
	collector_begin(r.col, mt_now());
	ck_assert(collector_busy(r.col));
	peer_round(&r.peer, r.col, &s);
	ck_assert(!collector_busy(r.col));
	ck_assert_uint_eq(s.seq, 1);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_uint_eq(s.errors.n, 0);
	ck_assert_uint_eq(s.iobuf.nmodules, 2);
	/* Both rounds reached the peer; the first one's replies were dropped. */
	ck_assert_int_eq(r.peer.requests, 8);
	rig_stop(&r);
}
END_TEST

/* Rounds 2..n of a running target ask iobuf_get_stats only, and say what round 1 said. */
START_TEST(scripted_facts_kept_between_rounds)
{
	static struct snapshot first, s;
	struct collector_counts n;
	struct rig r;

	rig_start(&r, 1.0);
	peer_answer_running(&r.peer);
	peer_round(&r.peer, r.col, &first);
	ck_assert_int_eq(r.peer.requests, 4);
	for (int i = 0; i < 5; i++) {
		peer_round(&r.peer, r.col, &s);
		ck_assert_int_eq(r.peer.requests, 5 + i);
		ck_assert_str_eq(r.peer.methods_seen[4 + (i < 3 ? i : 3)], "iobuf_get_stats");
		ck_assert_int_eq(s.state, first.state);
		ck_assert_str_eq(s.version, first.version);
		ck_assert_mem_eq(&s.iobuf.opts, &first.iobuf.opts, sizeof(s.iobuf.opts));
		ck_assert_uint_eq(s.errors.n, 0);
	}
	collector_counts(r.col, &n);
	ck_assert_uint_eq(n.rounds, 6);
	ck_assert_uint_eq(n.rpcs, 9);
	ck_assert_uint_eq(n.facts_rechecks, 0);
	rig_stop(&r);
}
END_TEST

/* The facts are asked again once COLLECTOR_FACTS_REFRESH (here 30 s) has passed, not before. */
START_TEST(scripted_facts_refreshed_on_timer)
{
	static struct snapshot s;
	struct rig r;

	rig_start(&r, 1.0);
	peer_answer_running(&r.peer);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 4);
	peer_round_ahead(&r.peer, r.col, &s, COLLECTOR_FACTS_REFRESH - 1.0);
	ck_assert_int_eq(r.peer.requests, 5);
	peer_round_ahead(&r.peer, r.col, &s, COLLECTOR_FACTS_REFRESH + 0.5);
	ck_assert_int_eq(r.peer.requests, 9);
	ck_assert_str_eq(r.peer.methods_seen[5], "spdk_get_version");
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_uint_eq(s.errors.n, 0);
	rig_stop(&r);
}
END_TEST

/* A new connection ('r', or a restarted target) and an action both make them due. */
START_TEST(scripted_facts_asked_on_reconnect_and_action)
{
	static struct snapshot s;
	struct source src;
	struct rig r;

	rig_start(&r, 1.0);
	peer_answer_running(&r.peer);
	peer_round(&r.peer, r.col, &s);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 5);
	rpc_client_reconnect_now(r.client);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 9);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 10);
	/* What the dashboard calls once an action reached the target. */
	collector_as_source(r.col, &src);
	source_target_changed(&src);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 14);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 15);
	ck_assert_uint_eq(s.errors.n, 0);
	rig_stop(&r);
}
END_TEST

static void peer_answer_startup(struct peer *p)
{

	peer_answer(p, "spdk_get_version", transcript_result("spdk_get_version.response.json"));
	peer_answer(p, "rpc_get_methods",
		    transcript_result("wait_for_rpc/02.rpc_get_methods.current.startup.response.json"));
	peer_error(p, "framework_get_config", -1, startup_refusal);
	peer_error(p, "iobuf_get_stats", -1, startup_refusal);
}

/*
 * Startup, then framework_start_init by someone else: the first stats reply
 * that answers contradicts the kept "startup", and the same round asks the
 * facts again, so its snapshot already says running with the new options.
 * Back to startup (a -1 refusal while "running") works the same way.
 */
START_TEST(scripted_state_change_seen_in_the_same_round)
{
	static struct snapshot s;
	struct collector_counts n;
	struct rig r;

	rig_start(&r, 1.0);
	peer_answer_startup(&r.peer);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(s.state, TARGET_STARTUP);
	ck_assert_uint_eq(s.errors.n, 0);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 5);
	ck_assert_int_eq(s.state, TARGET_STARTUP);
	ck_assert_uint_eq(s.errors.n, 0);
	ck_assert(!s.iobuf.opts.valid);

	peer_forget(&r.peer);
	peer_answer(&r.peer, "spdk_get_version",
		    transcript_result("spdk_get_version.response.json"));
	peer_answer(&r.peer, "rpc_get_methods",
		    transcript_result("rpc_get_methods.current.response.json"));
	peer_answer(&r.peer, "framework_get_config",
		    transcript_result("wait_for_rpc/17.framework_get_config.iobuf.after_start_init"
				      ".response.json"));
	peer_answer(&r.peer, "iobuf_get_stats",
		    transcript_result("wait_for_rpc/16.iobuf_get_stats.after_start_init"
				      ".response.json"));
	peer_round(&r.peer, r.col, &s);
	dump_errors(&s);
	ck_assert_int_eq(r.peer.requests, 9);
	/* The stats first; their answer made the round ask the facts. */
	ck_assert_str_eq(r.peer.methods_seen[5], "iobuf_get_stats");
	ck_assert_str_eq(r.peer.methods_seen[6], "spdk_get_version");
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_uint_eq(s.errors.n, 0);
	ck_assert(s.iobuf.opts.valid);
	ck_assert_uint_eq(s.iobuf.opts.small_pool_count, 64);
	ck_assert_uint_eq(s.iobuf.opts.large_pool_count, 8);
	ck_assert_int_eq(s.iobuf.form, IOBUF_FORM_PER_MODULE);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 10);
	ck_assert_int_eq(s.state, TARGET_RUNNING);

	peer_forget(&r.peer);
	peer_answer_startup(&r.peer);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 14);
	ck_assert_int_eq(s.state, TARGET_STARTUP);
	ck_assert_uint_eq(s.errors.n, 0);
	ck_assert(!s.iobuf.opts.valid);
	collector_counts(r.col, &n);
	ck_assert_uint_eq(n.facts_rechecks, 2);
	rig_stop(&r);
}
END_TEST

/* A round whose facts timed out keeps nothing: the next round asks them again. */
START_TEST(scripted_facts_not_kept_after_timeout)
{
	static struct snapshot s;
	struct rig r;

	rig_start(&r, 0.3);
	peer_answer(&r.peer, "spdk_get_version",
		    transcript_result("spdk_get_version.response.json"));
	peer_answer(&r.peer, "framework_get_config",
		    transcript_result("framework_get_config.iobuf.response.json"));
	peer_answer(&r.peer, "iobuf_get_stats", transcript_result("iobuf_get_stats.idle.response.json"));
	/* rpc_get_methods: never answered. */
	peer_round(&r.peer, r.col, &s);
	ck_assert(has_error(&s, "rpc_get_methods: no reply within 0.3 s"));
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	peer_answer(&r.peer, "rpc_get_methods",
		    transcript_result("rpc_get_methods.current.response.json"));
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 8);
	ck_assert_uint_eq(s.errors.n, 0);
	peer_round(&r.peer, r.col, &s);
	ck_assert_int_eq(r.peer.requests, 9);
	rig_stop(&r);
}
END_TEST

/* ---- part two: the simulator -------------------------------------------- */

/* A client and collector on the simulator's address (hugepages from the 1node fixture). */
static struct collector *sim_collector(const char *addr_text, double timeout,
				       struct rpc_client **client)
{
	struct collector_config cfg = { .rpc_timeout = timeout,
					.hp = { SYSFS_1NODE, PROCFS_1NODE } };
	struct rpc_addr addr;
	struct mt_err err;
	struct collector *col;

	ck_assert_msg(rpc_addr_parse(addr_text, -1, &addr, &err) == 0, "%s", err.msg);
	*client = rpc_client_new(&addr);
	ck_assert(*client != NULL);
	col = collector_new(&cfg, *client);
	ck_assert(col != NULL);
	return col;
}

START_TEST(sim_running_idle)
{
	static struct snapshot s;
	struct sim_harness *h = sim_harness_start((const char *const[]){ "--scenario", "idle",
									  NULL });
	struct rpc_client *client;
	struct collector_counts n;
	struct collector *col;

	ck_assert(h != NULL);
	col = sim_collector(sim_harness_socket(h), 1.0, &client);
	collector_run_blocking(col, &s);
	dump_errors(&s);
	ck_assert_uint_eq(s.seq, 1);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_uint_eq(s.errors.n, 0);
	ck_assert(strstr(s.version, "SPDK") != NULL);
	ck_assert_int_eq(s.iobuf.form, IOBUF_FORM_PER_MODULE);
	ck_assert_uint_eq(s.iobuf.nmodules, 2);
	ck_assert_str_eq(s.iobuf.modules[0].name, "accel");
	ck_assert_str_eq(s.iobuf.modules[1].name, "bdev");
	ck_assert(s.iobuf.opts.valid);
	ck_assert_uint_eq(s.iobuf.opts.small_pool_count, 8192);
	ck_assert_uint_eq(s.iobuf.opts.large_pool_count, 1024);
	/* The simulator's rings are read: exact, the idle pools full. */
	ck_assert_int_eq(s.iobuf.rings.state, RINGS_EXACT);
	ck_assert_int_eq(s.iobuf.large.util_kind, UTIL_EXACT);
	ck_assert_int_eq(s.iobuf.large.util_source, UTIL_FROM_RING);
	ck_assert_uint_eq(s.iobuf.large.free, 1024);
	ck_assert_uint_eq(s.iobuf.small.free, 8192);
	check_1node_hugepages(&s);
	/* One dump for the rings and the heaps, parsed once for both. */
	ck_assert_int_eq(s.heaps.state, HEAPS_READ);
	ck_assert_uint_gt(s.heaps.n, 0);
	collector_counts(col, &n);
	ck_assert_uint_eq(n.dump_reads, 1);
	collector_run_blocking(col, &s);
	ck_assert_uint_eq(s.seq, 2);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	collector_free(col);
	rpc_client_free(client);
	sim_harness_stop(h);
}
END_TEST

START_TEST(sim_wait_for_rpc)
{
	static struct snapshot s;
	struct sim_harness *h = sim_harness_start((const char *const[]){ "--wait-for-rpc",
									  NULL });
	struct rpc_client *client;
	struct collector *col;

	ck_assert(h != NULL);
	col = sim_collector(sim_harness_socket(h), 1.0, &client);
	collector_run_blocking(col, &s);
	dump_errors(&s);
	ck_assert_int_eq(s.state, TARGET_STARTUP);
	ck_assert_uint_eq(s.errors.n, 0);
	ck_assert(strstr(s.version, "SPDK") != NULL);
	ck_assert_int_eq(s.iobuf.form, IOBUF_FORM_NONE);
	ck_assert(!s.iobuf.opts.valid);
	ck_assert_int_eq(s.iobuf.small.util_kind, UTIL_UNKNOWN);
	check_1node_hugepages(&s);
	collector_free(col);
	rpc_client_free(client);
	sim_harness_stop(h);
}
END_TEST

/* Waits on nothing but a deadline: poll() with no descriptors. */
static void wait_seconds(double s)
{
	double until = mt_now() + s;

	while (mt_now() < until)
		poll(NULL, 0, (int)ceil((until - mt_now()) * 1000.0));
}

START_TEST(sim_exhaustion_two_rounds)
{
	static struct snapshot a, b;
	struct sim_harness *h = sim_harness_start((const char *const[]){ "--scenario",
									  "exhaustion", NULL });
	struct rpc_client *client;
	struct collector *col;
	struct iobuf_rates r;

	ck_assert(h != NULL);
	col = sim_collector(sim_harness_socket(h), 1.0, &client);
	collector_run_blocking(col, &a);
	/* A rate needs time between the rounds: the gap of one dashboard tick. */
	wait_seconds(0.5);
	collector_run_blocking(col, &b);
	dump_errors(&b);
	ck_assert_int_eq(a.state, TARGET_RUNNING);
	ck_assert_int_eq(b.state, TARGET_RUNNING);
	ck_assert_uint_eq(b.seq, a.seq + 1);
	iobuf_rates_compute(&a, &b, &r);
	ck_assert(r.valid);
	fprintf(stderr, "simulated exhaustion: large retry %.0f/s over %.3f s\n", r.large.retry,
		r.dt);
	ck_assert_msg(r.large.retry > 100000.0, "large retry rate %.0f/s", r.large.retry);
	ck_assert(!r.large.reset);
	ck_assert_double_eq_tol(r.small.retry, 0.0, 1e-9);
	collector_free(col);
	rpc_client_free(client);
	sim_harness_stop(h);
}
END_TEST

START_TEST(sim_aggregate)
{
	static struct snapshot s;
	struct sim_harness *h =
		sim_harness_start((const char *const[]){ "--stats-form", "aggregate", NULL });
	struct rpc_client *client;
	struct collector *col;

	ck_assert(h != NULL);
	col = sim_collector(sim_harness_socket(h), 1.0, &client);
	collector_run_blocking(col, &s);
	dump_errors(&s);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_uint_eq(s.errors.n, 0);
	ck_assert_int_eq(s.iobuf.form, IOBUF_FORM_AGGREGATE);
	ck_assert_int_eq(s.iobuf.small.util_kind, UTIL_EXACT);
	ck_assert_int_eq(s.iobuf.large.util_kind, UTIL_EXACT);
	/* alloc + available is the whole pool. */
	ck_assert_uint_eq(s.iobuf.small.capacity, s.iobuf.opts.small_pool_count);
	ck_assert_uint_eq(s.iobuf.large.capacity, s.iobuf.opts.large_pool_count);
	collector_free(col);
	rpc_client_free(client);
	sim_harness_stop(h);
}
END_TEST

START_TEST(no_socket_unreachable)
{
	static struct snapshot s;
	char dir[] = "/tmp/memtop-nosock-XXXXXX";
	char path[128];
	struct rpc_client *client;
	struct collector *col;
	double t0, took;

	ck_assert(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/spdk.sock", dir);
	col = sim_collector(path, 1.0, &client);
	t0 = mt_now();
	collector_run_blocking(col, &s);
	took = mt_now() - t0;
	rmdir(dir);
	ck_assert_int_eq(s.state, TARGET_UNREACHABLE);
	ck_assert_msg(strstr(s.unreachable_reason, path) != NULL, "reason: %s",
		      s.unreachable_reason);
	ck_assert_msg(took < 0.5, "an absent socket took %.3f s", took);
	ck_assert_int_eq(s.iobuf.form, IOBUF_FORM_NONE);
	ck_assert_str_eq(s.version, "");
	check_1node_hugepages(&s);
	/* The next round says the same, and numbers on. */
	collector_run_blocking(col, &s);
	ck_assert_uint_eq(s.seq, 2);
	ck_assert_int_eq(s.state, TARGET_UNREACHABLE);
	ck_assert(s.unreachable_reason[0] != '\0');
	collector_free(col);
	rpc_client_free(client);
}
END_TEST

START_TEST(refused_unreachable)
{
	static struct snapshot s;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char dir[] = "/tmp/memtop-refused-XXXXXX";
	struct rpc_client *client;
	struct collector *col;
	int fd;

	/* A socket file nobody listens on: what a crashed target leaves behind. */
	ck_assert(mkdtemp(dir) != NULL);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/spdk.sock", dir);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	close(fd);
	col = sim_collector(sa.sun_path, 1.0, &client);
	collector_run_blocking(col, &s);
	unlink(sa.sun_path);
	rmdir(dir);
	ck_assert_int_eq(s.state, TARGET_UNREACHABLE);
	ck_assert_msg(strstr(s.unreachable_reason, "refused") != NULL, "reason: %s",
		      s.unreachable_reason);
	collector_free(col);
	rpc_client_free(client);
}
END_TEST

START_TEST(real_sysfs_when_unreachable)
{
	static struct snapshot s;
	struct collector_config cfg = { .rpc_timeout = 1.0, .hp = { NULL, NULL } };
	char dir[] = "/tmp/memtop-real-XXXXXX";
	char path[128];
	struct rpc_addr addr;
	struct mt_err err;
	struct rpc_client *client;
	struct collector *col;

	ck_assert(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/spdk.sock", dir);
	ck_assert_int_eq(rpc_addr_parse(path, -1, &addr, &err), 0);
	client = rpc_client_new(&addr);
	col = collector_new(&cfg, client);
	collector_run_blocking(col, &s);
	rmdir(dir);
	ck_assert_int_eq(s.state, TARGET_UNREACHABLE);
	/* Whatever this machine has, it has at least one node (or node 0 from globals). */
	ck_assert_uint_ge(s.hugepages.nnodes, 1);
	collector_free(col);
	rpc_client_free(client);
}
END_TEST

/* What the simulator counted so far for method (0 when never called). */
static long sim_calls(struct rpc_client *ctl, const char *method)
{
	struct rpc_result res;
	long n;

	memset(&res, 0, sizeof(res));
	ck_assert_int_eq(rpc_client_call(ctl, "sim_get_call_counts", NULL, 2.0, &res), RPC_OK);
	n = (long)json_integer_value(json_object_get(res.result, method));
	rpc_result_clear(&res);
	return n;
}

static const char *const round_methods[] = { "spdk_get_version", "rpc_get_methods",
					     "framework_get_config", "iobuf_get_stats",
					     "env_dpdk_get_mem_stats" };
#define NROUND_METHODS (sizeof(round_methods) / sizeof(round_methods[0]))

static void sim_calls_all(struct rpc_client *ctl, long *out)
{
	for (size_t i = 0; i < NROUND_METHODS; i++)
		out[i] = sim_calls(ctl, round_methods[i]);
}

/*
 * Steady rounds against the real simulator: after the first round, each one
 * sends iobuf_get_stats and nothing else, as the simulator counts them, and
 * opens no file for hugepages; the snapshots still carry the version and the
 * options.
 */
START_TEST(sim_steady_rounds_send_stats_only)
{
	static struct snapshot s;
	enum { N = 20 };
	struct sim_harness *h = sim_harness_start((const char *const[]){ "--scenario", "idle",
									  NULL });
	struct rpc_client *client, *ctl;
	struct collector_counts c0, c1;
	struct rpc_addr addr;
	struct mt_err err;
	struct collector *col;
	long before[NROUND_METHODS], after[NROUND_METHODS];

	ck_assert(h != NULL);
	col = sim_collector(sim_harness_socket(h), 1.0, &client);
	ck_assert_int_eq(rpc_addr_parse(sim_harness_socket(h), -1, &addr, &err), 0);
	ctl = rpc_client_new(&addr);
	collector_run_blocking(col, &s);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	sim_calls_all(ctl, before);
	/* The first round asked everything once, the dump to find the rings included. */
	for (size_t i = 0; i < NROUND_METHODS; i++)
		ck_assert_msg(before[i] == 1, "%s: %ld calls", round_methods[i], before[i]);
	collector_counts(col, &c0);
	for (int i = 0; i < N; i++) {
		collector_run_blocking(col, &s);
		dump_errors(&s);
		ck_assert_int_eq(s.state, TARGET_RUNNING);
		ck_assert_uint_eq(s.errors.n, 0);
		ck_assert(strstr(s.version, "SPDK") != NULL);
		ck_assert_uint_eq(s.iobuf.opts.small_pool_count, 8192);
		ck_assert_uint_eq(s.iobuf.nmodules, 2);
		check_1node_hugepages(&s);
	}
	collector_counts(col, &c1);
	sim_calls_all(ctl, after);
	for (size_t i = 0; i < NROUND_METHODS; i++) {
		long want = strcmp(round_methods[i], "iobuf_get_stats") == 0 ? N : 0;

		fprintf(stderr, "%d steady rounds: %s sent %ld times\n", N, round_methods[i],
			after[i] - before[i]);
		ck_assert_int_eq(after[i] - before[i], want);
	}
	ck_assert_uint_eq(c1.rpcs - c0.rpcs, N);
	ck_assert_uint_eq(c1.sysfs_opens - c0.sysfs_opens, 0);
	rpc_client_free(ctl);
	collector_free(col);
	rpc_client_free(client);
	sim_harness_stop(h);
}
END_TEST

/*
 * --wait-for-rpc, then iobuf_set_options and framework_start_init from
 * another connection (as the dashboard's actions do): the next round says
 * running with the new counts; the simulator saw the facts asked once more.
 */
START_TEST(sim_start_init_seen_at_the_next_round)
{
	static struct snapshot s;
	struct sim_harness *h = sim_harness_start((const char *const[]){ "--wait-for-rpc",
									  NULL });
	struct rpc_client *client, *ctl;
	struct rpc_result res;
	struct rpc_addr addr;
	struct mt_err err;
	struct collector *col;
	json_t *params;

	ck_assert(h != NULL);
	col = sim_collector(sim_harness_socket(h), 1.0, &client);
	ck_assert_int_eq(rpc_addr_parse(sim_harness_socket(h), -1, &addr, &err), 0);
	ctl = rpc_client_new(&addr);
	collector_run_blocking(col, &s);
	ck_assert_int_eq(s.state, TARGET_STARTUP);
	collector_run_blocking(col, &s);
	ck_assert_int_eq(s.state, TARGET_STARTUP);
	ck_assert_uint_eq(s.errors.n, 0);
	ck_assert_int_eq(sim_calls(ctl, "rpc_get_methods"), 1);
	ck_assert_int_eq(sim_calls(ctl, "iobuf_get_stats"), 2);

	params = json_pack("{s:i,s:i}", "small_pool_count", 64, "large_pool_count", 8);
	memset(&res, 0, sizeof(res));
	ck_assert_int_eq(rpc_client_call(ctl, "iobuf_set_options", params, 2.0, &res), RPC_OK);
	rpc_result_clear(&res);
	json_decref(params);
	ck_assert_int_eq(rpc_client_call(ctl, "framework_start_init", NULL, 2.0, &res), RPC_OK);
	rpc_result_clear(&res);

	collector_run_blocking(col, &s);
	dump_errors(&s);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_uint_eq(s.errors.n, 0);
	ck_assert(s.iobuf.opts.valid);
	ck_assert_uint_eq(s.iobuf.opts.small_pool_count, 64);
	ck_assert_uint_eq(s.iobuf.opts.large_pool_count, 8);
	ck_assert_int_eq(s.iobuf.form, IOBUF_FORM_PER_MODULE);
	ck_assert_int_eq(sim_calls(ctl, "rpc_get_methods"), 2);
	ck_assert_int_eq(sim_calls(ctl, "iobuf_get_stats"), 3);
	collector_run_blocking(col, &s);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_int_eq(sim_calls(ctl, "rpc_get_methods"), 2);
	rpc_client_free(ctl);
	collector_free(col);
	rpc_client_free(client);
	sim_harness_stop(h);
}
END_TEST

START_TEST(sim_stopped_then_continued)
{
	static struct snapshot s;
	struct sim_harness *h = sim_harness_start((const char *const[]){ "--scenario", "idle",
									  NULL });
	struct rpc_client *client;
	struct collector *col;
	double t0, took;

	ck_assert(h != NULL);
	col = sim_collector(sim_harness_socket(h), 1.0, &client);
	collector_run_blocking(col, &s);
	ck_assert_int_eq(s.state, TARGET_RUNNING);

	ck_assert_int_eq(kill(sim_harness_pid(h), SIGSTOP), 0);
	t0 = mt_now();
	collector_run_blocking(col, &s);
	took = mt_now() - t0;
	fprintf(stderr, "round against a stopped target: %.3f s (rpc_timeout 1.0 s)\n", took);
	ck_assert_msg(took >= 0.95 && took < 1.5, "round took %.3f s", took);
	ck_assert_int_eq(s.state, TARGET_UNREACHABLE);
	ck_assert_str_eq(s.unreachable_reason, "no reply within 1.0 s");
	check_1node_hugepages(&s);

	ck_assert_int_eq(kill(sim_harness_pid(h), SIGCONT), 0);
	/*
	 * The stopped round's reply now arrives late, ahead of this round's:
	 * the client drops it by id, so this round is whole.
	 */
	t0 = mt_now();
	collector_run_blocking(col, &s);
	took = mt_now() - t0;
	fprintf(stderr, "first round after SIGCONT: %s in %.3f s\n", target_state_name(s.state),
		took);
	ck_assert_msg(took < 0.9, "round after SIGCONT took %.3f s", took);
	dump_errors(&s);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_uint_eq(s.errors.n, 0);
	ck_assert_uint_eq(s.iobuf.nmodules, 2);
	collector_free(col);
	rpc_client_free(client);
	sim_harness_stop(h);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("collector");
	TCase *scripted = tcase_create("scripted");
	TCase *sim = tcase_create("sim");

	tcase_add_test(scripted, scripted_out_of_order);
	tcase_add_test(scripted, scripted_decode_and_remote_errors);
	tcase_add_test(scripted, scripted_facts_kept_between_rounds);
	tcase_add_test(scripted, scripted_facts_refreshed_on_timer);
	tcase_add_test(scripted, scripted_facts_asked_on_reconnect_and_action);
	tcase_add_test(scripted, scripted_state_change_seen_in_the_same_round);
	tcase_add_test(scripted, scripted_facts_not_kept_after_timeout);
	tcase_add_test(scripted, scripted_startup_inferred_without_methods);
	tcase_add_test(scripted, scripted_methods_over_the_bounds_fail_as_a_call);
	tcase_add_test(scripted, scripted_refusal_while_running_is_an_error);
	tcase_add_test(scripted, scripted_partial_silence);
	tcase_add_test(scripted, scripted_total_silence);
	tcase_add_test(scripted, scripted_too_many_modules);
	tcase_add_test(scripted, scripted_abandoned_round);
	tcase_add_test(scripted, scripted_round_after_a_fuller_one_leaves_nothing_behind);
	tcase_add_test(scripted, no_socket_unreachable);
	tcase_add_test(scripted, refused_unreachable);
	tcase_add_test(scripted, real_sysfs_when_unreachable);
	suite_add_tcase(s, scripted);
	tcase_set_timeout(sim, 30);
	tcase_add_test(sim, sim_running_idle);
	tcase_add_test(sim, sim_wait_for_rpc);
	tcase_add_test(sim, sim_exhaustion_two_rounds);
	tcase_add_test(sim, sim_aggregate);
	tcase_add_test(sim, sim_stopped_then_continued);
	tcase_add_test(sim, sim_steady_rounds_send_stats_only);
	tcase_add_test(sim, sim_start_init_seen_at_the_next_round);
	suite_add_tcase(s, sim);
	return s;
}

int main(void)
{
	/* A peer that closes on us must not kill the test with SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	return run_suite(suite());
}
