/*
 * pool_occupancy through the collector against the real simulator: the
 * pools' rings located once per connection and sampled every round (the
 * exact large pool falls to 0 free during exhaustion and comes back), a
 * TCP target and --no-ring-read saying why there is no exact figure, a dump
 * the target cannot write, when dumps are asked again (a lasting refusal
 * never on the same connection, a failure that may pass on the timer: the
 * clock driven, the simulator's call counts checked), and a reader without
 * the privilege to read the target's memory (root dropping to nobody, with
 * and without --target-pid) falling back to the counters without asking a
 * dump, with a message that ends with what would enable it, whole.
 */
#include <check.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "collector.h"
#include "mt_clock.h"
#include "pool_occupancy.h"
#include "rpc_client.h"
#include "sim_harness.h"

#define SYSFS_1NODE MEMTOP_FIXTURES "/sysfs/1node"
#define PROCFS_1NODE MEMTOP_FIXTURES "/procfs/1node"

struct rig {
	struct sim_harness *h;
	struct rpc_client *client;
	struct collector *col;
	struct snapshot s;
};

static void rig_start(struct rig *r, const char *const sim_args[], const char *addr_text,
		      const struct pool_occupancy_config *occ)
{
	struct collector_config cfg = { .rpc_timeout = 2.0, .hp = { SYSFS_1NODE, PROCFS_1NODE } };
	struct rpc_addr addr;
	struct mt_err err = { 0 };

	if (occ)
		cfg.occ = *occ;
	r->h = sim_harness_start(sim_args);
	ck_assert_ptr_nonnull(r->h);
	if (!addr_text)
		addr_text = sim_harness_socket(r->h);
	ck_assert_msg(rpc_addr_parse(addr_text, -1, &addr, &err) == 0, "%s", err.msg);
	r->client = rpc_client_new(&addr);
	r->col = collector_new(&cfg, r->client);
	ck_assert_ptr_nonnull(r->col);
}

static void rig_stop(struct rig *r)
{
	collector_free(r->col);
	rpc_client_free(r->client);
	sim_harness_stop(r->h);
}

static void scenario(struct rig *r, const char *name)
{
	json_t *p = json_pack("{s:s}", "scenario", name);
	struct rpc_result res;

	ck_assert_int_eq(rpc_client_call(r->client, "sim_set_scenario", p, 2.0, &res), RPC_OK);
	rpc_result_clear(&res);
	json_decref(p);
}

/* Rounds until the large ring's free count is `want`, at most `timeout` seconds. */
static bool large_free_reaches(struct rig *r, uint64_t want, double timeout)
{
	double end = mt_now() + timeout;

	do {
		collector_run_blocking(r->col, &r->s);
		if (r->s.iobuf.large.util_source == UTIL_FROM_RING && r->s.iobuf.large.free == want)
			return true;
	} while (mt_now() < end);
	return false;
}

START_TEST(test_exact_drains_and_returns)
{
	static struct rig r;

	rig_start(&r, (const char *const[]){ "--scenario", "idle", NULL }, NULL, NULL);
	collector_run_blocking(r.col, &r.s);
	ck_assert_int_eq(r.s.iobuf.rings.state, RINGS_EXACT);
	ck_assert_int_eq(r.s.iobuf.rings.pid, sim_harness_pid(r.h));
	ck_assert_uint_eq(r.s.iobuf.rings.n, 2);
	ck_assert_int_eq(r.s.iobuf.large.util_kind, UTIL_EXACT);
	ck_assert_uint_eq(r.s.iobuf.large.capacity, 1024);
	ck_assert_uint_eq(r.s.iobuf.large.used, 0);

	scenario(&r, "exhaustion");
	ck_assert_msg(large_free_reaches(&r, 0, 5), "large ring never ran dry: free %lu",
		      (unsigned long)r.s.iobuf.large.free);
	ck_assert_uint_eq(r.s.iobuf.large.used, 1024);
	ck_assert_double_eq(r.s.iobuf.large.util, 1.0);
	ck_assert_uint_gt(r.s.iobuf.large.retry, 0);

	scenario(&r, "idle");
	ck_assert_msg(large_free_reaches(&r, 1024, 5), "large ring never refilled: free %lu",
		      (unsigned long)r.s.iobuf.large.free);
	ck_assert_uint_eq(r.s.errors.n, 0);
	rig_stop(&r);
}
END_TEST

/* Once located, a round asks nothing more of the target than the four usual methods. */
/* The pid comes from SO_PEERCRED on the RPC socket; /proc is scanned only for a procfs_root. */
START_TEST(test_peer_pid_spares_the_scan)
{
	static struct rig r;
	struct pool_occupancy_config proc_root = { .procfs_root = "/proc" };
	struct collector_counts n;

	rig_start(&r, (const char *const[]){ "--scenario", "idle", NULL }, NULL, NULL);
	collector_run_blocking(r.col, &r.s);
	ck_assert_int_eq(r.s.iobuf.rings.state, RINGS_EXACT);
	ck_assert_int_eq(rpc_client_peer_pid(r.client), sim_harness_pid(r.h));
	ck_assert_int_eq(r.s.iobuf.rings.pid, sim_harness_pid(r.h));
	collector_counts(r.col, &n);
	ck_assert_uint_eq(n.pid_scans, 0);
	rig_stop(&r);

	rig_start(&r, (const char *const[]){ "--scenario", "idle", NULL }, NULL, &proc_root);
	collector_run_blocking(r.col, &r.s);
	ck_assert_int_eq(r.s.iobuf.rings.state, RINGS_EXACT);
	ck_assert_int_eq(r.s.iobuf.rings.pid, sim_harness_pid(r.h));
	collector_counts(r.col, &n);
	ck_assert_uint_eq(n.pid_scans, 1);
	rig_stop(&r);
}
END_TEST

START_TEST(test_dump_once_per_connection)
{
	static struct rig r;
	struct pool_occupancy_config cfg = { 0 };
	struct pool_occupancy *po = pool_occupancy_new(&cfg);
	struct rpc_addr tcp, unix_addr;

	rig_start(&r, (const char *const[]){ "--scenario", "steady", NULL }, NULL, NULL);
	collector_run_blocking(r.col, &r.s);
	ck_assert_int_eq(r.s.iobuf.rings.state, RINGS_EXACT);
	/* The same decision the collector makes in each round, its requests sent. */
	ck_assert_int_eq(rpc_addr_parse(sim_harness_socket(r.h), -1, &unix_addr, NULL), 0);
	{
		struct pool_occupancy_ask ask = { .addr = &unix_addr, .connection = 1,
						  .connected = false,
						  .peer_pid = sim_harness_pid(r.h), .now = mt_now() };

		/* Not connected: nothing to ask yet. */
		ck_assert(!pool_occupancy_wants_dump(po, &ask));
		ask.connected = true;
		ck_assert(pool_occupancy_wants_dump(po, &ask));
		ck_assert_int_eq(rpc_addr_parse("127.0.0.1", 5260, &tcp, NULL), 0);
		ask.addr = &tcp;
		ck_assert(!pool_occupancy_wants_dump(po, &ask));
	}
	for (int i = 0; i < 3; i++) {
		collector_run_blocking(r.col, &r.s);
		ck_assert_int_eq(r.s.iobuf.rings.state, RINGS_EXACT);
	}
	ck_assert_uint_eq(rpc_client_connections(r.client), 1);
	pool_occupancy_free(po);
	rig_stop(&r);
}
END_TEST

START_TEST(test_tcp_and_disabled_say_why)
{
	static struct rig r;
	struct pool_occupancy_config off = { .disabled = true };
	char addr[64];
	int port = 0;

	/* The simulator prints the TCP port it took; a free fixed one is simpler to find. */
	for (port = 15260; port < 15300; port++) {
		snprintf(addr, sizeof(addr), "127.0.0.1:%d", port);
		const char *const a2[] = { "--scenario", "idle", "--listen", addr, NULL };

		r.h = sim_harness_start(a2);
		if (r.h)
			break;
	}
	ck_assert_ptr_nonnull(r.h);
	{
		struct collector_config cfg = { .rpc_timeout = 2.0,
						.hp = { SYSFS_1NODE, PROCFS_1NODE } };
		struct rpc_addr a;

		ck_assert_int_eq(rpc_addr_parse(addr, -1, &a, NULL), 0);
		r.client = rpc_client_new(&a);
		r.col = collector_new(&cfg, r.client);
	}
	collector_run_blocking(r.col, &r.s);
	ck_assert_int_eq(r.s.state, TARGET_RUNNING);
	ck_assert_int_eq(r.s.iobuf.rings.state, RINGS_UNAVAILABLE);
	ck_assert_ptr_nonnull(strstr(r.s.iobuf.rings.why, "TCP"));
	ck_assert_int_eq(r.s.iobuf.large.util_kind, UTIL_RESERVED);   /* the counters' figure */
	ck_assert_ptr_nonnull(strstr(r.s.errors.msg[0], "exact pool occupancy"));
	/* Said once, not every round. */
	collector_run_blocking(r.col, &r.s);
	ck_assert_uint_eq(r.s.errors.n, 0);
	rig_stop(&r);

	rig_start(&r, (const char *const[]){ "--scenario", "idle", NULL }, NULL, &off);
	collector_run_blocking(r.col, &r.s);
	ck_assert_int_eq(r.s.iobuf.rings.state, RINGS_UNAVAILABLE);
	ck_assert_ptr_nonnull(strstr(r.s.iobuf.rings.why, "--no-ring-read"));
	ck_assert_int_eq(r.s.iobuf.large.util_kind, UTIL_RESERVED);
	rig_stop(&r);
}
END_TEST

/* One round at the driven time `now` (the collector's clock), bounded in real time. */
static void collector_round_at(struct collector *col, struct snapshot *s, double now)
{
	double give_up = mt_now() + 10.0;

	collector_begin(col, now);
	while (!collector_step(col, 0, now)) {
		struct pollfd pfd = { .fd = -1 };

		ck_assert_msg(collector_pollfd(col, &pfd), "a round with nothing to wait on");
		ck_assert_msg(mt_now() < give_up, "the round did not end in 10 s");
		if (poll(&pfd, 1, 1000) > 0 && collector_step(col, pfd.revents, now))
			break;
	}
	collector_take(col, s);
}

static void round_at(struct rig *r, double now)
{
	collector_round_at(r->col, &r->s, now);
}

/* How many env_dpdk_get_mem_stats the simulator has answered (sim_get_call_counts). */
static long dumps_asked(const struct rig *r)
{
	struct rpc_client *c;
	struct rpc_result res;
	struct rpc_addr a;
	long n;

	ck_assert_int_eq(rpc_addr_parse(sim_harness_socket(r->h), -1, &a, NULL), 0);
	c = rpc_client_new(&a);
	ck_assert_int_eq(rpc_client_call(c, "sim_get_call_counts", NULL, 2.0, &res), RPC_OK);
	n = (long)json_integer_value(json_object_get(res.result, "env_dpdk_get_mem_stats"));
	rpc_result_clear(&res);
	rpc_client_free(c);
	return n;
}

#define RETRY 5.0      /* the injected retry period, in driven seconds */
#define T0 1000.0

/*
 * A lasting refusal found in the dump: --target-pid names a process that is
 * not the target (this test), so the dump's rings are another pid's.  One
 * dump, then none for four retry periods on that connection.
 */
START_TEST(test_lasting_refusal_asks_once)
{
	static struct rig r;
	struct pool_occupancy_config occ = { .target_pid = getpid(), .retry_seconds = RETRY };

	rig_start(&r, (const char *const[]){ "--scenario", "idle", NULL }, NULL, &occ);
	round_at(&r, T0);
	ck_assert_int_eq(r.s.iobuf.rings.state, RINGS_UNAVAILABLE);
	ck_assert_msg(strstr(r.s.iobuf.rings.why, "the dump's rings are pid"), "%s",
		      r.s.iobuf.rings.why);
	ck_assert_uint_eq(r.s.errors.n, 1);
	ck_assert_int_eq(dumps_asked(&r), 1);
	for (double t = T0 + 1; t <= T0 + 4 * RETRY; t += 1) {
		round_at(&r, t);
		ck_assert_int_eq(r.s.iobuf.rings.state, RINGS_UNAVAILABLE);
		ck_assert_uint_eq(r.s.errors.n, 0);   /* said once */
	}
	ck_assert_int_eq(dumps_asked(&r), 1);
	ck_assert_uint_eq(rpc_client_connections(r.client), 1);
	/* A new connection (maybe a restarted target) looks again. */
	rpc_client_reconnect_now(r.client);
	round_at(&r, T0 + 4 * RETRY + 1);
	ck_assert_int_eq(dumps_asked(&r), 2);
	rig_stop(&r);
}
END_TEST

/* A failure that may pass (the dump unwritable) is retried on the timer, and only on it. */
START_TEST(test_passing_failure_retried_on_the_timer)
{
	static struct rig r;
	struct pool_occupancy_config occ = { .retry_seconds = RETRY };
	char dumpdir[] = "/tmp/memtop-occ.XXXXXX";

	ck_assert_ptr_nonnull(mkdtemp(dumpdir));
	rig_start(&r, (const char *const[]){ "--scenario", "idle", "--dump-dir", dumpdir, NULL },
		  NULL, &occ);
	ck_assert_int_eq(rmdir(dumpdir), 0);
	round_at(&r, T0);
	ck_assert_int_eq(dumps_asked(&r), 1);
	round_at(&r, T0 + RETRY - 0.5);
	ck_assert_int_eq(dumps_asked(&r), 1);
	/* The directory back: the next attempt, on the timer, finds the rings. */
	ck_assert_int_eq(mkdir(dumpdir, 0700), 0);
	round_at(&r, T0 + RETRY);
	ck_assert_int_eq(dumps_asked(&r), 2);
	ck_assert_int_eq(r.s.iobuf.rings.state, RINGS_EXACT);
	rig_stop(&r);
	{
		char f[64];

		snprintf(f, sizeof(f), "%s/spdk_mem_dump.txt", dumpdir);
		unlink(f);
		rmdir(dumpdir);
	}
}
END_TEST

/*
 * The target cannot write its dump (its directory removed after start):
 * SPDK's -32603 comes with the remedy first and without SPDK's trailing
 * newline, in the snapshot and, whole, in the errors overlay.
 */
START_TEST(test_unwritable_dump_says_why)
{
	static struct rig r;
	char dumpdir[] = "/tmp/memtop-occ.XXXXXX";
	const char *remedy = "the target could not write its dump file (SPDK writes "
			     "/tmp/spdk_mem_dump.txt): its /tmp must be writable; ";
	const char *spdk = "SPDK error -32603: Unable to open file for writing.";
	const char *msg = NULL;

	ck_assert_ptr_nonnull(mkdtemp(dumpdir));
	rig_start(&r, (const char *const[]){ "--scenario", "idle", "--dump-dir", dumpdir, NULL },
		  NULL, NULL);
	ck_assert_int_eq(rmdir(dumpdir), 0);
	collector_run_blocking(r.col, &r.s);
	ck_assert_int_eq(r.s.state, TARGET_RUNNING);
	ck_assert_int_eq(r.s.iobuf.rings.state, RINGS_UNAVAILABLE);
	ck_assert_int_eq(r.s.iobuf.large.util_kind, UTIL_RESERVED);
	ck_assert_msg(strstr(r.s.iobuf.rings.why, remedy), "%s", r.s.iobuf.rings.why);
	for (size_t i = 0; i < r.s.errors.n; i++)
		if (strncmp(r.s.errors.msg[i], "exact pool occupancy: ", 22) == 0)
			msg = r.s.errors.msg[i];
	ck_assert_ptr_nonnull(msg);
	ck_assert_msg(strlen(msg) > strlen(spdk) &&
		      strcmp(msg + strlen(msg) - strlen(spdk), spdk) == 0, "%s", msg);
	ck_assert_ptr_null(strchr(msg, '\n'));
	rig_stop(&r);
}
END_TEST

/*
 * As an unprivileged user (nobody) the memory of a root-owned target cannot
 * be read: the round falls back to the counters and says what would enable
 * the figure, whole.  The reading runs in a child that gives up root; it
 * reports through a pipe: "state|rings|util_kind|why" and, on a second line,
 * the errors overlay's first message.  With name_pid the pid is given
 * (--target-pid); without it, it comes from SO_PEERCRED, which nobody cannot
 * confirm through the target's fds (the most common real case).
 */
static void read_as_nobody(bool name_pid, char *buf, size_t len, long *dumps)
{
	static struct rig r;
	char dir[128], dumpdir[] = "/tmp/memtop-occ.XXXXXX", *slash;
	int p[2], status;
	pid_t child;
	ssize_t n;

	/* The dump readable by all, as SPDK's /tmp/spdk_mem_dump.txt is. */
	ck_assert_ptr_nonnull(mkdtemp(dumpdir));
	ck_assert_int_eq(chmod(dumpdir, 0755), 0);
	r.h = sim_harness_start((const char *const[]){ "--scenario", "idle", "--no-ptracer",
						       "--dump-dir", dumpdir, NULL });
	ck_assert_ptr_nonnull(r.h);
	/* Let nobody reach the socket; its memory stays root's. */
	snprintf(dir, sizeof(dir), "%s", sim_harness_socket(r.h));
	slash = strrchr(dir, '/');
	*slash = '\0';
	ck_assert_int_eq(chmod(dir, 0755), 0);
	ck_assert_int_eq(chmod(sim_harness_socket(r.h), 0777), 0);
	ck_assert_int_eq(pipe(p), 0);
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		struct pool_occupancy_config occ = { .target_pid = name_pid ? sim_harness_pid(r.h)
									    : 0,
						     .retry_seconds = RETRY };
		struct collector_config cfg = { .rpc_timeout = 2.0,
						.hp = { SYSFS_1NODE, PROCFS_1NODE }, .occ = occ };
		static struct snapshot s;
		struct rpc_addr a;
		struct rpc_client *c;
		struct collector *col;

		close(p[0]);
		if (setgid(65534) || setuid(65534))
			_exit(2);
		rpc_addr_parse(sim_harness_socket(r.h), -1, &a, NULL);
		c = rpc_client_new(&a);
		col = collector_new(&cfg, c);
		collector_round_at(col, &s, T0);
		dprintf(p[1], "%s|%s|%s|%s\n%s", target_state_name(s.state),
			rings_state_name(s.iobuf.rings.state), util_kind_name(s.iobuf.large.util_kind),
			s.iobuf.rings.why, s.errors.n ? s.errors.msg[0] : "");
		/* Four retry periods more on the same connection. */
		for (double t = T0 + 1; t <= T0 + 4 * RETRY; t += 1)
			collector_round_at(col, &s, t);
		_exit(rpc_client_connections(c) == 1 ? 0 : 3);
	}
	close(p[1]);
	n = read(p[0], buf, len - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(p[0]);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	*dumps = dumps_asked(&r);
	rig_stop(&r);
	snprintf(dir, sizeof(dir), "%s/spdk_mem_dump.txt", dumpdir);
	unlink(dir);
	rmdir(dumpdir);
}

/* The remedy for a root target read by uid 65534, whatever Yama allows, ends the message. */
static void assert_ends_with_remedy(const char *msg)
{
	static const char *const remedies[] = {
		"run as root or with CAP_SYS_PTRACE, or as uid 0",   /* no Yama, or scope 0 */
		"run as root or with CAP_SYS_PTRACE",                /* scope 1 or 2 */
	};
	size_t n = strlen(msg);
	bool whole = false;

	ck_assert_msg(n < MT_ERR_LEN - 1, "cut at %zu bytes: %s", n, msg);
	for (size_t i = 0; i < sizeof(remedies) / sizeof(remedies[0]); i++)
		whole |= n >= strlen(remedies[i]) &&
			 strcmp(msg + n - strlen(remedies[i]), remedies[i]) == 0;
	ck_assert_msg(whole, "no remedy at the end: %s", msg);
	ck_assert_msg(strstr(msg, "it runs as uid 0, we as 65534"), "%s", msg);
}

/*
 * Read as nobody: counters only, no dump asked (the refusal is found before
 * one), and the reason ends with its remedy, whole, in the snapshot and
 * behind the errors overlay's prefix.  buf keeps the snapshot's "why".
 */
static void refused_as_nobody(bool name_pid, char *buf, size_t len)
{
	long dumps;
	char *nl;

	read_as_nobody(name_pid, buf, len, &dumps);
	ck_assert_int_eq(dumps, 0);
	ck_assert_msg(strncmp(buf, "running|unavailable|reserved|", 29) == 0, "%s", buf);
	nl = strchr(buf, '\n');
	ck_assert_ptr_nonnull(nl);
	*nl = '\0';
	assert_ends_with_remedy(buf + 29);
	ck_assert_msg(strncmp(nl + 1, "exact pool occupancy: ", 22) == 0, "%s", nl + 1);
	ck_assert_str_eq(nl + 1 + 22, buf + 29);
	assert_ends_with_remedy(nl + 1);
	memmove(buf, buf + 29, strlen(buf + 29) + 1);
}

START_TEST(test_without_privilege_falls_back)
{
	char why[1024];

	refused_as_nobody(true, why, sizeof(why));
}
END_TEST

/*
 * No --target-pid: the pid SO_PEERCRED gives is used though nobody may not
 * list its fds, and the message names the privilege, not --target-pid.
 */
START_TEST(test_without_privilege_no_target_pid)
{
	char why[1024];

	refused_as_nobody(false, why, sizeof(why));
	ck_assert_msg(!strstr(why, "--target-pid"), "%s", why);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("pool_occupancy");
	TCase *tc = tcase_create("sim");

	tcase_add_test(tc, test_exact_drains_and_returns);
	tcase_add_test(tc, test_peer_pid_spares_the_scan);
	tcase_add_test(tc, test_dump_once_per_connection);
	tcase_add_test(tc, test_tcp_and_disabled_say_why);
	tcase_add_test(tc, test_unwritable_dump_says_why);
	tcase_add_test(tc, test_lasting_refusal_asks_once);
	tcase_add_test(tc, test_passing_failure_retried_on_the_timer);
	/*
	 * Only root can start a target another user may not read: as anyone
	 * else the reader runs as the simulator's user, and with ptrace_scope 0
	 * (or no Yama) that read succeeds.
	 */
	if (geteuid() == 0) {
		tcase_add_test(tc, test_without_privilege_falls_back);
		tcase_add_test(tc, test_without_privilege_no_target_pid);
	} else {
		fprintf(stderr, "test_pool_occupancy: SKIPPED 2 tests (reading without the "
				"privilege, with and without --target-pid): need root to run the "
				"simulator as root and read it as uid 65534\n");
	}
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
