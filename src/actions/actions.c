/*
 * actions: one request in flight on a connection of our own
 * (contract: actions.h).  The connection is separate from the collector's
 * so a reply to an action is never mistaken for, or dropped as, a reply
 * to a collection round.
 */
#include "actions.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "mt_clock.h"

struct actions {
	struct actions_config cfg;
	struct rpc_client *client;
	bool busy, ready;
	uint64_t id;
	struct action_result res;
};

struct actions *actions_new(const struct actions_config *cfg, const struct rpc_addr *addr)
{
	struct actions *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	a->cfg = *cfg;
	if (!(a->cfg.rpc_timeout > 0))
		a->cfg.rpc_timeout = RPC_DEFAULT_TIMEOUT;
	a->client = rpc_client_new(addr);
	if (!a->client) {
		free(a);
		return NULL;
	}
	return a;
}

void actions_free(struct actions *a)
{
	if (!a)
		return;
	rpc_client_free(a->client);
	free(a);
}

bool actions_read_only(const struct actions *a)
{
	return a->cfg.read_only;
}

const char *action_kind_name(enum action_kind k)
{
	switch (k) {
	case ACTION_IOBUF_SET_OPTIONS:
		return "iobuf_set_options";
	case ACTION_FRAMEWORK_START_INIT:
		return "framework_start_init";
	case ACTION_CONFIG_PATCH:
		return "config_patch";
	case ACTION_SAVE_BASELINE:
		return "save baseline";
	case ACTION_PROM_TEXTFILE:
		return "prometheus textfile";
	case ACTION_RECORD:
		return "--record";
	case ACTION_FLIGHT_DUMP:
		return "flight recorder";
	case ACTION_AUDIT_LOG:
		return "audit log";
	case ACTION_NONE:
		break;
	}
	return "no action";
}

static void result_set(struct action_result *res, enum action_kind kind,
		       enum action_outcome outcome, int code, const char *msg)
{
	res->kind = kind;
	res->outcome = outcome;
	res->code = code;
	snprintf(res->message, sizeof(res->message), "%s", msg);
}

/* Writes a file, never uses the connection: no RPC in flight holds it back. */
static bool action_is_file(enum action_kind k)
{
	return k == ACTION_CONFIG_PATCH || k == ACTION_SAVE_BASELINE || k == ACTION_PROM_TEXTFILE ||
	       k == ACTION_RECORD || k == ACTION_FLIGHT_DUMP || k == ACTION_AUDIT_LOG;
}

int actions_check(const struct actions *a, enum action_kind kind, struct action_result *res)
{
	if (a->cfg.read_only) {
		result_set(res, kind, ACTION_REFUSED, 0,
			   "refused: --read-only (nothing was sent or written)");
		return -1;
	}
	if (a->cfg.no_target && !action_is_file(kind)) {
		result_set(res, kind, ACTION_REFUSED, 0,
			   "refused: replaying a recording, there is no target to send to");
		return -1;
	}
	/* One request at a time on our connection; files do not use it. */
	if ((a->busy || a->ready) && !action_is_file(kind)) {
		result_set(res, kind, ACTION_REFUSED, -EBUSY,
			   "refused: another action has not finished yet");
		return -1;
	}
	return 0;
}

int actions_write_file(struct actions *a, enum action_kind kind, const char *path,
		       const char *data, size_t len, bool make_dirs, struct action_result *res)
{
	struct mt_err err = { 0 };
	char dir[4096];
	const char *slash = strrchr(path, '/');

	if (actions_check(a, kind, res))
		return -1;
	if (make_dirs && slash && slash != path) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
		if (atomic_file_mkdirs(dir, &err)) {
			result_set(res, kind, ACTION_FAILED, err.code, err.msg);
			return -1;
		}
	}
	if (atomic_file_write(path, data, len, 0644, &err)) {
		result_set(res, kind, ACTION_FAILED, err.code, err.msg);
		return -1;
	}
	result_set(res, kind, ACTION_OK, 0, "");
	snprintf(res->message, sizeof(res->message), "wrote %s", path);
	return 0;
}

/* Sends method with params (owned here) once the gate let it through. */
static int start(struct actions *a, enum action_kind kind, json_t *params, double now,
		 struct action_result *res)
{
	struct mt_err err;
	int rc;

	if (actions_check(a, kind, res)) {
		json_decref(params);
		return -1;
	}
	mt_err_clear(&err);
	rc = rpc_client_send(a->client, action_kind_name(kind), params, now + a->cfg.rpc_timeout,
			     &a->id, &err);
	json_decref(params);
	if (rc) {
		result_set(res, kind, ACTION_FAILED, 0, err.msg);
		return -1;
	}
	memset(&a->res, 0, sizeof(a->res));
	a->res.kind = kind;
	a->busy = true;
	a->ready = false;
	result_set(res, kind, ACTION_PENDING, 0, "sent");
	return 0;
}

/* Only the counts and sizes the caller gave: SPDK keeps the rest as they are. */
static json_t *set_options_params(const struct iobuf_set_request *req)
{
	json_t *p = json_object();

	if (!p)
		return NULL;
	if (req->has_small_pool_count)
		json_object_set_new(p, "small_pool_count", json_integer((json_int_t)req->small_pool_count));
	if (req->has_large_pool_count)
		json_object_set_new(p, "large_pool_count", json_integer((json_int_t)req->large_pool_count));
	if (req->has_small_bufsize)
		json_object_set_new(p, "small_bufsize", json_integer((json_int_t)req->small_bufsize));
	if (req->has_large_bufsize)
		json_object_set_new(p, "large_bufsize", json_integer((json_int_t)req->large_bufsize));
	return p;
}

int actions_iobuf_set_options(struct actions *a, const struct iobuf_set_request *req,
			      double now, struct action_result *res)
{
	json_t *params;

	/* JSON integers are signed 64-bit here; no real pool comes near that. */
	if (req->small_pool_count > INT64_MAX || req->large_pool_count > INT64_MAX ||
	    req->small_bufsize > INT64_MAX || req->large_bufsize > INT64_MAX) {
		result_set(res, ACTION_IOBUF_SET_OPTIONS, ACTION_FAILED, -ERANGE,
			   "a count or size above 9223372036854775807 cannot be sent");
		return -1;
	}
	params = set_options_params(req);

	if (!params) {
		result_set(res, ACTION_IOBUF_SET_OPTIONS, ACTION_FAILED, -ENOMEM, "out of memory");
		return -1;
	}
	return start(a, ACTION_IOBUF_SET_OPTIONS, params, now, res);
}

int actions_framework_start_init(struct actions *a, double now, struct action_result *res)
{
	return start(a, ACTION_FRAMEWORK_START_INIT, NULL, now, res);
}

bool actions_busy(const struct actions *a)
{
	return a->busy;
}

bool actions_pollfd(const struct actions *a, struct pollfd *pfd)
{
	return a->busy && rpc_client_pollfd(a->client, pfd);
}

double actions_next_deadline(const struct actions *a)
{
	if (a->ready)
		return 0.0;
	return a->busy ? rpc_client_next_deadline(a->client) : INFINITY;
}

static void finish(struct actions *a, const struct rpc_result *r)
{
	struct action_result *res = &a->res;
	char *text;

	switch (r->status) {
	case RPC_OK:
		/* What SPDK said, not our reading of it (wait_for_rpc/12 and 15: true). */
		text = r->result ? json_dumps(r->result, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
		result_set(res, res->kind, ACTION_OK, 0, text ? text : "a result");
		free(text);
		break;
	case RPC_ERR_REMOTE:
		result_set(res, res->kind, ACTION_REJECTED, r->code, r->message);
		break;
	case RPC_ERR_TIMEOUT:
		result_set(res, res->kind, ACTION_FAILED, r->code, "");
		snprintf(res->message, sizeof(res->message),
			 "no reply within %.1f s: the target may or may not have applied it",
			 a->cfg.rpc_timeout);
		break;
	default:
		result_set(res, res->kind, ACTION_FAILED, r->code,
			   r->message[0] ? r->message : rpc_status_name(r->status));
		break;
	}
	a->busy = false;
	a->ready = true;
}

bool actions_step(struct actions *a, short revents, double now)
{
	struct rpc_result r;

	if (a->ready)
		return true;
	if (!a->busy)
		return false;
	rpc_client_process(a->client, revents, now);
	memset(&r, 0, sizeof(r));
	if (rpc_client_take(a->client, a->id, &r) == RPC_PENDING)
		return false;
	finish(a, &r);
	rpc_result_clear(&r);
	return true;
}

void actions_take(struct actions *a, struct action_result *out)
{
	if (!a->ready) {
		memset(out, 0, sizeof(*out));
		return;
	}
	*out = a->res;
	a->ready = false;
}

void actions_wait(struct actions *a, struct action_result *out)
{
	while (!actions_step(a, 0, mt_now()) && a->busy) {
		struct pollfd pfd = { .fd = -1 };
		bool has_fd = actions_pollfd(a, &pfd);
		double wait = actions_next_deadline(a) - mt_now();
		int ms = wait > 0 ? (int)ceil((wait < 1.0 ? wait : 1.0) * 1000.0) : 0;

		if (poll(has_fd ? &pfd : NULL, has_fd ? 1 : 0, ms) > 0 &&
		    actions_step(a, pfd.revents, mt_now()))
			break;
	}
	actions_take(a, out);
}

void action_result_describe(const struct action_result *r, char *buf, size_t len)
{
	const char *name = action_kind_name(r->kind);

	switch (r->outcome) {
	case ACTION_PENDING:
		snprintf(buf, len, "%s: waiting for the target", name);
		break;
	case ACTION_OK:
		if (action_is_file(r->kind))   /* nothing went to the target: what was written */
			snprintf(buf, len, "%s: %s", name, r->message);
		else
			snprintf(buf, len, "%s: SPDK answered %s", name, r->message);
		break;
	case ACTION_REJECTED:
		snprintf(buf, len, "%s: SPDK error %d: %s", name, r->code, r->message);
		break;
	case ACTION_REFUSED:
	case ACTION_FAILED:
		snprintf(buf, len, "%s: %s", name, r->message);
		break;
	}
}
