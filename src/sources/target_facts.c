/* The facts asked now and then, and when to ask again (contract: target_facts.h). */
#include "target_facts.h"

#include <string.h>

#include "iobuf_decode.h"
#include "methods_decode_text.h"

/* SPDK's codes for "wrong state for this method" and "no such method" (spdk/jsonrpc.h). */
#define SPDK_ERR_INVALID_STATE -1
#define JSONRPC_METHOD_NOT_FOUND -32601

bool target_facts_refused_before_init(const struct rpc_result *r)
{
	static const char prefix[] = "Method may only be called after framework is initialized";

	return r->status == RPC_ERR_REMOTE && r->code == SPDK_ERR_INVALID_STATE &&
	       strncmp(r->message, prefix, sizeof(prefix) - 1) == 0;
}

/*
 * What the target will say again next time: a result, the wrong-state
 * refusal, a method it does not have.  Anything else may pass.
 */
static bool answered_for_good(const struct rpc_result *r)
{
	return r->status == RPC_OK ||
	       (r->status == RPC_ERR_REMOTE &&
		(r->code == SPDK_ERR_INVALID_STATE || r->code == JSONRPC_METHOD_NOT_FOUND));
}

/* The outcome without the result, which is decoded and dropped. */
static void keep_outcome(struct fact_reply *k, const struct rpc_result *r)
{
	memset(k, 0, sizeof(*k));
	k->res.status = r->status;
	k->res.code = r->code;
	memcpy(k->res.message, r->message, sizeof(k->res.message));
}

/*
 * The method list, from its text when the client handed it over so (the
 * tree of a running target's 209 names cost a third of a --once): the same
 * state and words either way.  A text jansson cannot load is kept as the client
 * would have reported that reply, a failed call, not a decoded one.
 */
static void decode_methods(struct fact_reply *k, const struct rpc_result *r,
			   enum target_state *state)
{
	struct mt_err err;

	mt_err_clear(&err);
	if (!r->text) {
		k->rc = iobuf_decode_state(r->result, state, &err);
	} else {
		k->rc = methods_decode_text(r->text, r->text_len, state, &err);
		if (k->rc < 0 && rpc_result_text_refused(r, &k->res)) {
			k->rc = 0;
			return;
		}
	}
	snprintf(k->err, sizeof(k->err), "%s", err.msg);
}

void target_facts_store(struct target_facts *f, const struct rpc_result *version,
			const struct rpc_result *methods, const struct rpc_result *config,
			uint64_t connection, double asked)
{
	struct mt_err err;

	memset(f, 0, sizeof(*f));
	keep_outcome(&f->version, version);
	keep_outcome(&f->methods, methods);
	keep_outcome(&f->config, config);
	f->methods_state = TARGET_UNKNOWN;
	if (version->status == RPC_OK) {
		mt_err_clear(&err);
		f->version.rc = iobuf_decode_version(version->result, f->version_text,
						     sizeof(f->version_text), &err);
		snprintf(f->version.err, sizeof(f->version.err), "%s", err.msg);
	}
	if (methods->status == RPC_OK)
		decode_methods(&f->methods, methods, &f->methods_state);
	if (config->status == RPC_OK) {
		mt_err_clear(&err);
		f->config.rc = iobuf_decode_options(config->result, &f->opts, &err);
		snprintf(f->config.err, sizeof(f->config.err), "%s", err.msg);
	}
	f->valid = answered_for_good(version) && answered_for_good(&f->methods.res) &&
		   answered_for_good(config);
	f->connection = connection;
	f->asked = asked;
}

bool target_facts_due(const struct target_facts *f, uint64_t connection, bool connected,
		      double now, double interval)
{
	return !f->valid || f->stale || !connected || connection != f->connection ||
	       !(now - f->asked < interval);
}

/* The state the kept replies alone describe, as the collector infers it. */
static enum target_state kept_state(const struct target_facts *f)
{
	if (f->methods.res.status == RPC_OK && f->methods.rc == 0)
		return f->methods_state;
	return target_facts_refused_before_init(&f->config.res) ? TARGET_STARTUP : TARGET_UNKNOWN;
}

bool target_facts_contradicted(const struct target_facts *f, const struct rpc_result *stats)
{
	enum target_state kept = kept_state(f);

	if (stats->status == RPC_OK)
		return kept == TARGET_STARTUP;
	if (stats->status == RPC_ERR_REMOTE && stats->code == SPDK_ERR_INVALID_STATE)
		return kept != TARGET_STARTUP;
	return false;
}

void target_facts_invalidate(struct target_facts *f)
{
	f->stale = true;
}
