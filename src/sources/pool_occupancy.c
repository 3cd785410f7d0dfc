/*
 * pool_occupancy: locate the pool rings once, sample them every round
 * (contract: pool_occupancy.h).
 */
#include "pool_occupancy.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dpdk_mem_dump.h"
#include "pool_rings.h"
#include "target_proc.h"

/* A dump bigger than this is not read for the rings (a --no-huge target lists every page). */
#define DUMP_MAX_BYTES (64ull << 20)

struct pool_occupancy {
	struct pool_occupancy_config cfg;
	bool located;
	uint64_t connection;         /* the connection the rings were located on */
	struct pool_rings rings;
	double next_attempt;         /* no new dump before this (mono) */
	uint64_t attempted_on;       /* the connection of the last attempt */
	pid_t pid;                   /* the target's pid, readable by us ... */
	uint64_t pid_on;             /* ... as found on this connection (0: none) */
	uint64_t blocked_on;         /* a lasting refusal on this connection (0: none) */
	bool blocked_by_counts;      /* no unambiguous rings: pools of new counts may have them */
	uint64_t blocked_small, blocked_large;
	bool say;                    /* why is news for the errors overlay */
	bool said_tcp;
	enum rings_state state;      /* what the last round concluded when not sampling */
	char why[MT_ERR_LEN];
	uint64_t pid_scans;          /* target_proc_find calls */
};

struct pool_occupancy *pool_occupancy_new(const struct pool_occupancy_config *cfg)
{
	struct pool_occupancy *po = calloc(1, sizeof(*po));

	if (!po)
		return NULL;
	po->cfg = *cfg;
	if (!po->cfg.mem.readv) {
		po->cfg.mem = target_mem_system();
		po->cfg.mem.procfs_root = cfg->procfs_root;
	}
	if (!(po->cfg.retry_seconds > 0))
		po->cfg.retry_seconds = POOL_OCCUPANCY_RETRY_SECONDS;
	po->next_attempt = -INFINITY;
	return po;
}

void pool_occupancy_free(struct pool_occupancy *po)
{
	if (!po)
		return;
	free(po);
}

static void unavailable(struct pool_occupancy *po, const char *why, double retry_at)
{
	po->located = false;
	po->state = RINGS_UNAVAILABLE;
	snprintf(po->why, sizeof(po->why), "%s", why);
	po->next_attempt = retry_at;
}

/*
 * A refusal that asking again will not change (no privilege, no pid, no
 * unambiguous pair of rings): no dump until a new connection, or, for the
 * rings, pools of other counts.
 */
static void blocked(struct pool_occupancy *po, const char *why, uint64_t connection,
		    const struct iobuf_options *counts)
{
	unavailable(po, why, INFINITY);
	po->blocked_on = connection;
	po->blocked_by_counts = counts != NULL;
	if (counts) {
		po->blocked_small = counts->small_pool_count;
		po->blocked_large = counts->large_pool_count;
	}
}

uint64_t pool_occupancy_pid_scans(const struct pool_occupancy *po)
{
	return po->pid_scans;
}

static int find_pid(struct pool_occupancy *po, const struct rpc_addr *addr, pid_t peer_pid,
		    pid_t *pid, struct mt_err *err)
{
	int rc;

	if (po->cfg.target_pid > 0) {
		*pid = po->cfg.target_pid;
		return 0;
	}
	/* The listener may not be the target (socket activation, a parent that forked): checked. */
	if (peer_pid > 0 && !po->cfg.procfs_root) {
		rc = target_proc_check(NULL, addr->path, peer_pid, NULL);

		/*
		 * -EACCES/-EPERM: another user's process (root's spdk_tgt, we are
		 * not root) whose fds we may not list, so neither the check nor
		 * the scan can confirm it, and --target-pid would not help.  The
		 * kernel named it: take it, so the memory read says precisely
		 * which privilege is missing.  A wrong process cannot pass for the
		 * target: pool_rings_identify reads only the zones named
		 * RG_ring_<n>_<pid> for this pid (spdk_ring_create puts getpid()
		 * in the name), and says whose rings the dump lists otherwise.
		 */
		if (rc == 0 || rc == -EACCES || rc == -EPERM) {
			*pid = peer_pid;
			return 0;
		}
	}
	po->pid_scans++;
	rc = target_proc_find(po->cfg.procfs_root, addr->path, pid, err);
	if (rc == 0)
		return 0;
	/*
	 * The remedy first, so MT_ERR_LEN cannot cut it; the scan's own message
	 * names the path.  Unreadable processes end with their own remedy.
	 */
	if (rc != -EACCES)
		mt_err_prefix(err, "name the target with --target-pid");
	return -1;
}

/*
 * Whether we may read pid's memory at all, before the target is made to
 * write a dump for nothing.  One byte at address 0, which no process maps:
 * the kernel checks the right to read (mm_access, PTRACE_MODE_ATTACH, for
 * process_vm_readv and /proc/<pid>/mem alike) before it looks at addresses,
 * so EFAULT or EIO mean "allowed", EPERM or EACCES "refused", ESRCH "gone".
 */
static int probe(const struct pool_occupancy *po, pid_t pid, struct mt_err *err)
{
	unsigned char byte;
	struct iovec local = { &byte, 1 };
	struct iovec remote = { NULL, 1 };
	ssize_t n = po->cfg.mem.readv(po->cfg.mem.ctx, pid, &local, 1, &remote, 1);
	struct target_mem_facts f;

	if (n != -EPERM && n != -EACCES && n != -ESRCH)
		return 0;   /* allowed, or a failure the real read will name */
	target_mem_facts_gather(po->cfg.mem.procfs_root, pid, &f);
	target_mem_explain((int)n, pid, "its memory", &f, err);
	return (int)n;
}

/* The pid, and that its memory may be read, once per connection; 0, or -1 and blocked. */
static int prepare(struct pool_occupancy *po, const struct rpc_addr *addr, uint64_t connection,
		   pid_t peer_pid)
{
	struct mt_err err = { 0 };
	pid_t pid;

	if (po->pid_on == connection)
		return 0;
	if (find_pid(po, addr, peer_pid, &pid, &err) || probe(po, pid, &err)) {
		blocked(po, err.msg, connection, NULL);
		po->say = true;
		return -1;
	}
	po->pid = pid;
	po->pid_on = connection;
	return 0;
}

bool pool_occupancy_wants_dump(struct pool_occupancy *po, const struct pool_occupancy_ask *a)
{
	if (a->addr->is_tcp || po->cfg.disabled)
		return false;
	if (po->located && a->connection == po->connection)
		return false;
	if (a->connection == po->blocked_on)
		return false;
	/* A new connection may be a restarted target: look again at once. */
	if (a->now < po->next_attempt && a->connection == po->attempted_on)
		return false;
	/* Not connected, the round fails anyway: decide once the target is there. */
	if (!a->connected)
		return false;
	return prepare(po, a->addr, a->connection, a->peer_pid) == 0;
}

/* Whether a failure of locate() may pass by itself (else asking again changes nothing). */
static bool transient(int code)
{
	switch (code) {
	case -EPERM:
	case -EACCES:
	case -ESRCH:      /* gone: a new connection looks again */
	case -ENOENT:     /* no ring pair of the pools' counts */
	case -EEXIST:     /* several */
	case -E2BIG:
		return false;
	default:          /* a short read (-EFAULT), -EAGAIN, the dump file: try again later */
		return true;
	}
}

/*
 * Reads the dump the target wrote and identifies its pool rings; 0, or -1
 * with err and *lasting set when asking again would change nothing.
 */
static int locate(struct pool_occupancy *po, const struct pool_occupancy_round *r,
		  bool *lasting, struct mt_err *err)
{
	const json_t *fn = json_object_get(r->dump_result, "filename");
	struct dpdk_mem_dump_once own = { .d = NULL }, *once = r->dump ? r->dump : &own;
	const struct dpdk_mem_dump *d;
	char path[PATH_MAX];
	struct pool_rings_query q;
	int rc;

	*lasting = false;
	if (!json_is_string(fn)) {
		mt_err_set(err, -EPROTO, "env_dpdk_get_mem_stats: no \"filename\" in the reply");
		return -1;
	}
	/* A target with a /tmp of its own wrote there: read its file, not ours. */
	dpdk_mem_dump_path_for(po->cfg.procfs_root, po->pid, json_string_value(fn), path,
			       sizeof(path));
	if (dpdk_mem_dump_read_once(once, path, DUMP_MAX_BYTES, &d, err)) {
		dpdk_mem_dump_once_clear(&own);
		return -1;
	}
	memset(&q, 0, sizeof(q));
	q.zones = d->zones;
	q.nzones = d->nzones;
	q.pid = po->pid;
	q.opts = r->opts;
	rc = pool_rings_identify(&q, &po->cfg.mem, &po->rings, err);
	dpdk_mem_dump_once_clear(&own);
	if (rc)
		*lasting = !transient(rc);
	return rc ? -1 : 0;
}

/* The rings still hold pools of the counts the target reports (else they were resized). */
static bool counts_match(const struct pool_rings *pr, const struct iobuf_options *opts)
{
	for (size_t i = 0; i < pr->nrings; i++) {
		uint64_t want = pr->rings[i].pool == POOL_LARGE ? opts->large_pool_count
								: opts->small_pool_count;

		if (pr->rings[i].capacity != want)
			return false;
	}
	return true;
}

static void sample(struct pool_occupancy *po, double now, struct iobuf_rings *out,
		   struct mt_errlist *errors)
{
	struct pool_rings_sample smp;
	struct mt_err err = { 0 };

	if (pool_rings_sample(&po->rings, &po->cfg.mem, &smp, &err)) {
		/* A target that went away is looked for again on the next connection. */
		unavailable(po, err.msg, now + po->cfg.retry_seconds);
		mt_errlist_add(errors, "exact pool occupancy: %s", err.msg);
		return;
	}
	out->state = RINGS_EXACT;
	out->pid = (int)po->rings.pid;
	out->n = smp.n < SNAP_MAX_RINGS ? smp.n : SNAP_MAX_RINGS;
	for (size_t i = 0; i < out->n; i++) {
		out->rings[i].node = smp.rings[i].node;
		out->rings[i].large = smp.rings[i].pool == POOL_LARGE;
		out->rings[i].capacity = smp.rings[i].capacity;
		out->rings[i].free = smp.rings[i].free;
	}
}

/* A refusal noted away from a round (po->say): into the round's errors, once. */
static void say_news(struct pool_occupancy *po, struct mt_errlist *errors)
{
	if (!po->say)
		return;
	mt_errlist_add(errors, "exact pool occupancy: %s", po->why);
	po->say = false;
}


void pool_occupancy_round(struct pool_occupancy *po, const struct pool_occupancy_round *r,
			  struct iobuf_rings *out, struct mt_errlist *errors)
{
	struct mt_err err = { 0 };

	memset(out, 0, sizeof(*out));
	if (po->cfg.disabled) {
		out->state = RINGS_UNAVAILABLE;
		snprintf(out->why, sizeof(out->why),
			 "--no-ring-read: the target's memory is not read");
		return;
	}
	if (r->addr->is_tcp) {
		out->state = RINGS_UNAVAILABLE;
		snprintf(out->why, sizeof(out->why),
			 "the target is reached over TCP; exact occupancy needs its Unix socket, "
			 "on its own host");
		if (!po->said_tcp)
			mt_errlist_add(errors, "exact pool occupancy: %s", out->why);
		po->said_tcp = true;
		return;
	}
	/* A refusal found before the dump was asked: said once. */
	say_news(po, errors);
	if (r->dump_asked) {
		po->attempted_on = r->connection;
		if (po->blocked_on != r->connection)
			po->next_attempt = r->now + po->cfg.retry_seconds;
	}
	if (r->state != TARGET_RUNNING || !r->opts->valid) {
		/* Startup has no pools yet; an unreachable target, nothing to match against. */
		if (r->state == TARGET_STARTUP && po->blocked_on != r->connection)
			po->next_attempt = -INFINITY;
		out->state = RINGS_NONE;
		return;
	}
	if (po->located && !counts_match(&po->rings, r->opts)) {
		po->located = false;
		po->next_attempt = -INFINITY;   /* resized pools: locate them on the next round */
	}
	if (po->blocked_on && po->blocked_by_counts &&
	    (r->opts->small_pool_count != po->blocked_small ||
	     r->opts->large_pool_count != po->blocked_large)) {
		po->blocked_on = 0;             /* pools of other counts may be found */
		po->next_attempt = -INFINITY;
	}
	/* A dump heap_stats asked for serves too, unless asking cannot help on this connection. */
	if (r->dump_asked && !po->located && po->blocked_on != r->connection &&
	    prepare(po, r->addr, r->connection, r->peer_pid) == 0) {
		bool lasting = false;

		if (!r->dump_result) {
			mt_err_set(&err, 0, "env_dpdk_get_mem_stats: %s",
				   r->dump_failure ? r->dump_failure : "no reply");
		} else if (locate(po, r, &lasting, &err) == 0) {
			po->located = true;
			po->connection = r->connection;
		}
		if (!po->located) {
			if (lasting)
				blocked(po, err.msg, r->connection, r->opts);
			else
				unavailable(po, err.msg, r->now + po->cfg.retry_seconds);
			mt_errlist_add(errors, "exact pool occupancy: %s", err.msg);
		}
	} else {
		say_news(po, errors);
	}
	if (po->located) {
		sample(po, r->now, out, errors);
		if (out->state == RINGS_EXACT)
			return;
	}
	out->state = po->state;
	snprintf(out->why, sizeof(out->why), "%s", po->why);
}
