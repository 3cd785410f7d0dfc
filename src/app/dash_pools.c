/* dash_pools: the pool-count dialog's requests as actions (contract: dash_pools.h). */
#include "dash_pools.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fmt_num.h"
#include "pool_change.h"
#include "target_proc.h"

void dash_pools_init(struct dash_pools *p, const struct cli_options *o, struct actions *a)
{
	memset(p, 0, sizeof(*p));
	p->opts = o;
	p->act = a;
}

static void drop_plan(struct dash_pools *p)
{
	if (p->have_plan)
		config_patch_free(&p->plan);
	p->have_plan = false;
}

void dash_pools_fini(struct dash_pools *p)
{
	drop_plan(p);
}

/* Where the prefilled counts come from, in a few words. */
static void prefill(const struct pool_base *b, const struct advice *adv, uint64_t *small,
		    uint64_t *large, char *from, size_t len)
{
	bool advised = adv && adv->small.status != ADVICE_UNKNOWN &&
		       adv->large.status != ADVICE_UNKNOWN && adv->small.suggested &&
		       adv->large.suggested;

	*small = *large = 0;
	if (advised) {
		*small = adv->small.suggested;
		*large = adv->large.suggested;
		snprintf(from, len, "the advisor's suggestion (small %s, large %s; v shows why)",
			 advice_status_name(adv->small.status),
			 advice_status_name(adv->large.status));
	} else if (b->current_known) {
		snprintf(from, len, "the current counts (the advisor has nothing to judge yet)");
	} else {
		snprintf(from, len, "SPDK's defaults (a target reports its counts only after init)");
	}
}

void dash_pools_open(struct dash_pools *p, struct dash_state *st, const struct snapshot *s,
		     bool have_snap, const struct advice *adv, double now)
{
	struct pool_base b;
	uint64_t small, large;
	char from[PD_LINE_LEN];

	if (!have_snap) {
		dash_state_note(st, now, "no snapshot yet: the pool counts need one");
		return;
	}
	drop_plan(p);
	snprintf(p->target, sizeof(p->target), "%s", s->target);
	pool_base_from_snapshot(s, &b);
	prefill(&b, adv, &small, &large, from, sizeof(from));
	dash_state_pools_open(st, &b, small, large, from, actions_read_only(p->act));
}

static void request_of(const struct pool_dialog *d, struct iobuf_set_request *req)
{
	struct pool_intent in;

	pool_dialog_intent(d, &in);
	memset(req, 0, sizeof(*req));
	req->has_small_pool_count = in.set[POOL_FIELD_SMALL_COUNT];
	req->has_large_pool_count = in.set[POOL_FIELD_LARGE_COUNT];
	req->has_small_bufsize = in.set[POOL_FIELD_SMALL_BUFSIZE];
	req->has_large_bufsize = in.set[POOL_FIELD_LARGE_BUFSIZE];
	req->small_pool_count = in.value[POOL_FIELD_SMALL_COUNT];
	req->large_pool_count = in.value[POOL_FIELD_LARGE_COUNT];
	req->small_bufsize = in.value[POOL_FIELD_SMALL_BUFSIZE];
	req->large_bufsize = in.value[POOL_FIELD_LARGE_BUFSIZE];
}

/* The config file: --target-config, or the target process's command line. */
static int find_config(const struct dash_pools *p, char *path, size_t len, char *from,
		       size_t flen, struct mt_err *err)
{
	struct rpc_addr addr;
	pid_t pid = p->opts->target_pid;

	if (p->opts->target_config) {
		snprintf(path, len, "%s", p->opts->target_config);
		snprintf(from, flen, "--target-config");
		return 0;
	}
	if (!pid) {
		if (rpc_addr_parse(p->target, -1, &addr, err))
			return -1;
		if (addr.is_tcp) {
			mt_err_set(err, -EINVAL, "a TCP target's process cannot be found here");
			return -1;
		}
		/* Processes are the real /proc's: --procfs-root is for meminfo. */
		if (target_proc_find(NULL, addr.path, &pid, err))
			return -1;
	}
	if (target_proc_config_path(NULL, pid, path, len, err))
		return -1;
	snprintf(from, flen, "the command line of pid %d", (int)pid);
	return 0;
}

static void review_file(struct dash_pools *p, const struct pool_dialog *d,
			const struct iobuf_set_request *req, struct pool_review *r)
{
	char path[CONFIG_PATCH_PATH_LEN], from[64];
	struct rpc_addr addr;
	struct mt_err err;

	mt_err_clear(&err);
	if (find_config(p, path, sizeof(path), from, sizeof(from), &err)) {
		snprintf(r->error, sizeof(r->error),
			 "no config file to write: %s; name it with --target-config PATH", err.msg);
		return;
	}
	if (config_patch_plan(path, req, &p->plan, &err)) {
		snprintf(r->error, sizeof(r->error), "%s", err.msg);
		return;
	}
	p->have_plan = true;
	r->ok = true;
	if (p->plan.is_symlink)
		snprintf(r->where, sizeof(r->where), "config %s -> %s (from %s)", path,
			 p->plan.real_path, from);
	else
		snprintf(r->where, sizeof(r->where), "config %s (from %s)", path, from);
	r->ndiff = p->plan.n_diff < PD_DIFF_LINES ? p->plan.n_diff : PD_DIFF_LINES;
	for (size_t i = 0; i < r->ndiff; i++)
		snprintf(r->diff[i], sizeof(r->diff[i]), "%s", p->plan.diff[i]);
	if (!p->plan.changes)
		snprintf(r->backup, sizeof(r->backup), "the file already says this: nothing to write");
	else
		snprintf(r->backup, sizeof(r->backup), "original kept as %s%s%s", p->plan.bak_path,
			 p->plan.bak_replaced ? " (replacing the older one)" : "",
			 p->plan.relayout ? "; the file is re-indented" : "");
	if (rpc_addr_parse(p->target, -1, &addr, &err) ||
	    config_patch_rpc_line(req, d->base.enable_numa, &addr, r->rpc_line,
				  sizeof(r->rpc_line)) < 0)
		r->rpc_line[0] = '\0';
	snprintf(r->restart, sizeof(r->restart),
		 "takes effect when the target restarts with this file (spdk_tgt -c %s)",
		 p->plan.real_path);
}

void dash_pools_review(struct dash_pools *p, struct dash_state *st)
{
	struct pool_dialog *d = &st->pools;
	struct iobuf_set_request req;
	struct pool_review r;
	struct rpc_addr addr;
	struct mt_err err;

	memset(&r, 0, sizeof(r));
	drop_plan(p);
	request_of(d, &req);
	if (d->route == PD_ROUTE_FILE) {
		review_file(p, d, &req, &r);
	} else {
		r.ok = true;
		snprintf(r.where, sizeof(r.where), "sends iobuf_set_options to %s now", p->target);
		mt_err_clear(&err);
		if (rpc_addr_parse(p->target, -1, &addr, &err) ||
		    config_patch_rpc_line(&req, d->base.enable_numa, &addr, r.rpc_line,
					  sizeof(r.rpc_line)) < 0)
			r.rpc_line[0] = '\0';
		snprintf(r.restart, sizeof(r.restart),
			 "then i sends framework_start_init: the pools are made with these counts");
	}
	pool_dialog_review(d, &r);
}

static void entry_for(struct dash_pools *p, const struct pool_dialog *d, enum action_kind k,
		      struct audit_entry *e)
{
	memset(e, 0, sizeof(*e));
	clock_gettime(CLOCK_REALTIME, &e->when);
	snprintf(e->target, sizeof(e->target), "%s", p->target);
	snprintf(e->action, sizeof(e->action), "%s",
		 action_kind_name(k == ACTION_CONFIG_PATCH ? ACTION_IOBUF_SET_OPTIONS : k));
	if (k == ACTION_CONFIG_PATCH && p->have_plan)
		snprintf(e->config_path, sizeof(e->config_path), "%s", p->plan.real_path);
	if (k == ACTION_FRAMEWORK_START_INIT)
		return;
	e->old_small = (struct audit_count){ d->base.current_known, d->base.current[0] };
	e->old_large = (struct audit_count){ d->base.current_known, d->base.current[1] };
	e->new_small = (struct audit_count){ true, d->chk.value[0] };
	e->new_large = (struct audit_count){ true, d->chk.value[1] };
}

/* The outcome in the dialog (when it waits) and in the audit log. */
static void finish(struct dash_pools *p, struct dash_state *st, struct audit_entry *e,
		   const struct action_result *r)
{
	char line[PD_LINE_LEN], detail[PD_LINE_LEN] = "";
	struct mt_err err;
	bool ok = r->outcome == ACTION_OK;
	bool init_next = ok && r->kind == ACTION_IOBUF_SET_OPTIONS;

	audit_entry_set_result(e, r);
	mt_err_clear(&err);
	if (actions_audit(p->act, p->opts->audit_log, e, &err) < 0)
		snprintf(detail, sizeof(detail), "not in the audit log: %s", err.msg);
	if (st->pools.stage != PD_WAIT)
		return;   /* hidden with Esc: the footer note says it */
	if (r->kind == ACTION_CONFIG_PATCH && ok)
		snprintf(line, sizeof(line), "SPDK refuses iobuf_set_options while it runs, so "
			 "nothing was sent: %s", r->message);
	else
		action_result_describe(r, line, sizeof(line));
	if (!detail[0] && r->kind == ACTION_CONFIG_PATCH && ok && p->have_plan)
		snprintf(detail, sizeof(detail), "restart the target with %s for the new counts",
			 p->plan.real_path);
	if (!detail[0] && r->kind == ACTION_FRAMEWORK_START_INIT && ok)
		snprintf(detail, sizeof(detail),
			 "the dashboard shows the new counts from framework_get_config");
	pool_dialog_result(&st->pools, ok, line, detail, init_next);
}

void dash_pools_apply(struct dash_pools *p, struct dash_state *st, double now)
{
	struct pool_dialog *d = &st->pools;
	struct iobuf_set_request req;
	struct action_result res;
	struct audit_entry e;

	request_of(d, &req);
	pool_dialog_sent(d);
	if (d->route == PD_ROUTE_FILE) {
		entry_for(p, d, ACTION_CONFIG_PATCH, &e);
		if (!p->have_plan) {
			memset(&res, 0, sizeof(res));
			res.kind = ACTION_CONFIG_PATCH;
			res.outcome = ACTION_FAILED;
			snprintf(res.message, sizeof(res.message), "no reviewed plan to write");
		} else {
			actions_config_patch(p->act, &p->plan, &res);
		}
		finish(p, st, &e, &res);
		drop_plan(p);
		return;
	}
	entry_for(p, d, ACTION_IOBUF_SET_OPTIONS, &e);
	if (actions_iobuf_set_options(p->act, &req, now, &res)) {
		finish(p, st, &e, &res);
		return;
	}
	p->pending = e;
	p->pending_set = true;
}

void dash_pools_start_init(struct dash_pools *p, struct dash_state *st, double now)
{
	struct action_result res;
	struct audit_entry e;

	entry_for(p, &st->pools, ACTION_FRAMEWORK_START_INIT, &e);
	pool_dialog_sent(&st->pools);
	if (actions_framework_start_init(p->act, now, &res)) {
		finish(p, st, &e, &res);
		return;
	}
	p->pending = e;
	p->pending_set = true;
}

void dash_pools_result(struct dash_pools *p, struct dash_state *st, const struct action_result *r)
{
	if (!p->pending_set)
		return;
	p->pending_set = false;
	finish(p, st, &p->pending, r);
}
