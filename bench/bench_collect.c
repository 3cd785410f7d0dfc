/*
 * bench_collect: how many collector rounds per second, and how long one takes.
 *
 * Starts spdk-memtop-sim on a private socket (mkdtemp) for each case, waits
 * for its --ready-fd byte, then runs collector rounds back to back on one
 * client for a fixed time: every round is the dashboard's steady round
 * (iobuf_get_stats, plus the hugepage files of the 4-node fixture read
 * through the files kept open, so the host's /sys does not matter); the
 * first round's facts are in the warm-up.  Cases: scenario idle and
 * exhaustion, stats form per-module and aggregate, and for comparison one
 * case that asks the facts (spdk_get_version, rpc_get_methods,
 * framework_get_config) every round, as every round did before they were
 * kept.  Prints rounds/s, round latency p50/p99/max, the CPU time this
 * process spent per round (which a loaded machine disturbs less than the
 * clock on the wall), and the RPCs sent and files opened per round, counted
 * by the collector; a round that does not come back running, in the
 * expected form and without errors counts as bad (and makes the exit status
 * 1).
 * Usage: bench_collect [SECONDS per case] (default 2).  The simulator is
 * $MEMTOP_SIM_BIN, else spdk-memtop-sim next to this program's directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "collector.h"
#include "mt_clock.h"

#define READY_TIMEOUT 5.0
#define STOP_TIMEOUT 5.0
#define WARMUP_ROUNDS 20
#define MAX_ROUNDS 2000000

struct sim {
	pid_t pid;
	char dir[64];
	char sock[108];
};

struct bench_case {
	const char *scenario;
	const char *form;                 /* --stats-form */
	enum iobuf_stats_form want_form;
	bool facts_every_round;           /* the round before facts were kept */
};

static int remaining_ms(double deadline)
{
	double left = deadline - mt_now();

	return left <= 0 ? 0 : (int)(left * 1000.0) + 1;
}

/* The simulator binary: the environment, else ../spdk-memtop-sim from this program. */
static int sim_path(char *buf, size_t len)
{
	const char *env = getenv("MEMTOP_SIM_BIN");
	char self[PATH_MAX];
	ssize_t n;
	char *slash;

	if (env && *env) {
		snprintf(buf, len, "%s", env);
		return 0;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		return -1;
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	snprintf(buf, len, "%s/../spdk-memtop-sim", self);
	return access(buf, X_OK);
}

static void sim_stop(struct sim *s)
{
	double deadline = mt_now() + STOP_TIMEOUT;
	int status, fd = -1;

	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
#ifdef SYS_pidfd_open
		fd = (int)syscall(SYS_pidfd_open, s->pid, 0);
#endif
		if (fd >= 0) {
			struct pollfd pfd = { .fd = fd, .events = POLLIN };

			while (poll(&pfd, 1, remaining_ms(deadline)) < 0 && errno == EINTR)
				;
			close(fd);
			if (waitpid(s->pid, &status, WNOHANG) != s->pid) {
				kill(s->pid, SIGKILL);
				waitpid(s->pid, &status, 0);
			}
		} else {
			waitpid(s->pid, &status, 0);
		}
		s->pid = 0;
	}
	if (s->sock[0])
		unlink(s->sock);
	if (s->dir[0])
		rmdir(s->dir);
}

/* Starts the simulator and waits for its ready byte; 0, or -1 with a message on stderr. */
static int sim_start(struct sim *s, const char *bin, const struct bench_case *c)
{
	double deadline = mt_now() + READY_TIMEOUT;
	struct pollfd pfd;
	int fds[2];
	char ch = 0;

	memset(s, 0, sizeof(*s));
	snprintf(s->dir, sizeof(s->dir), "/tmp/memtop-bench.XXXXXX");
	if (!mkdtemp(s->dir)) {
		fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
		s->dir[0] = '\0';
		return -1;
	}
	snprintf(s->sock, sizeof(s->sock), "%s/spdk.sock", s->dir);
	if (pipe2(fds, O_CLOEXEC) < 0) {
		fprintf(stderr, "pipe: %s\n", strerror(errno));
		return -1;
	}
	s->pid = fork();
	if (s->pid < 0) {
		fprintf(stderr, "fork: %s\n", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		s->pid = 0;
		return -1;
	}
	if (s->pid == 0) {
		char fdarg[16];
		int wfd = dup(fds[1]);   /* without O_CLOEXEC: the simulator keeps it */
		int devnull = open("/dev/null", O_WRONLY);

		if (devnull >= 0)
			dup2(devnull, STDERR_FILENO);   /* its one "serving" line */
		snprintf(fdarg, sizeof(fdarg), "%d", wfd);
		execl(bin, bin, "-r", s->sock, "--scenario", c->scenario, "--stats-form", c->form,
		      "--ready-fd", fdarg, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	pfd = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	for (;;) {
		int rc = poll(&pfd, 1, remaining_ms(deadline));

		if (rc < 0 && errno == EINTR)
			continue;
		if (rc > 0 && read(fds[0], &ch, 1) != 1)
			ch = 0;
		break;
	}
	close(fds[0]);
	if (ch != 'R') {
		fprintf(stderr, "%s: no ready byte (it exited, or took over %.0f s)\n", bin,
			READY_TIMEOUT);
		return -1;
	}
	return 0;
}

/* CPU seconds this process used so far (user and system, all threads). */
static double cpu_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The value below which a share q of the sorted v[0..n) lies (nearest rank). */
static double quantile(const double *v, size_t n, double q)
{
	size_t i = (size_t)(q * (double)n + 0.5);

	if (n == 0)
		return 0;
	if (i >= n)
		i = n - 1;
	return v[i];
}

static bool round_ok(const struct snapshot *s, const struct bench_case *c)
{
	return s->state == TARGET_RUNNING && s->iobuf.form == c->want_form && s->errors.n == 0;
}

/* One case; returns the bad rounds, or -1 when it could not run. */
static long run_case(const char *bin, const struct bench_case *c, double seconds, double *lat)
{
	struct collector_config cfg = {
		.rpc_timeout = 1.0,
		/* Due again at once: every round asks them. */
		.facts_refresh = c->facts_every_round ? 1e-9 : 0,
		.hp = {
			.sysfs_root = MEMTOP_SOURCE_DIR "/tests/fixtures/sysfs/4node",
			.procfs_root = MEMTOP_SOURCE_DIR "/tests/fixtures/procfs/4node",
		},
	};
	struct snapshot *snap = malloc(sizeof(*snap));
	struct rpc_client *client = NULL;
	struct collector *col = NULL;
	struct rpc_addr addr;
	struct mt_err err = { 0 };
	struct collector_counts k0, k1;
	struct sim sim;
	size_t n = 0;
	long bad = 0;
	double t0, t1, end, cpu0;

	memset(&sim, 0, sizeof(sim));
	if (!snap || sim_start(&sim, bin, c) < 0 ||
	    rpc_addr_parse(sim.sock, -1, &addr, &err) < 0 ||
	    !(client = rpc_client_new(&addr)) || !(col = collector_new(&cfg, client))) {
		if (err.msg[0])
			fprintf(stderr, "%s\n", err.msg);
		bad = -1;
		goto out;
	}
	for (int i = 0; i < WARMUP_ROUNDS; i++)
		collector_run_blocking(col, snap);
	collector_counts(col, &k0);
	cpu0 = cpu_now();
	t0 = mt_now();
	end = t0 + seconds;
	for (t1 = t0; t1 < end && n < MAX_ROUNDS;) {
		double start = t1;

		collector_run_blocking(col, snap);
		t1 = mt_now();
		lat[n++] = t1 - start;
		if (!round_ok(snap, c) && bad++ == 0)
			fprintf(stderr, "%s/%s: bad round: state %s, form %s, %zu errors%s%s\n",
				c->scenario, c->form, target_state_name(snap->state),
				iobuf_stats_form_name(snap->iobuf.form), snap->errors.n,
				snap->errors.n ? ": " : "", snap->errors.msg[0]);
	}
	cpu0 = cpu_now() - cpu0;
	collector_counts(col, &k1);
	qsort(lat, n, sizeof(lat[0]), cmp_double);
	printf("%-11s %-11s %-6s %8zu %10.0f %9.3f %9.3f %9.3f %9.1f %6.2f %6.2f %5ld\n",
	       c->scenario, c->form, c->facts_every_round ? "every" : "kept", n,
	       (double)n / (t1 - t0), quantile(lat, n, 0.50) * 1e3,
	       quantile(lat, n, 0.99) * 1e3, n ? lat[n - 1] * 1e3 : 0.0,
	       n ? cpu0 / (double)n * 1e6 : 0.0,
	       n ? (double)(k1.rpcs - k0.rpcs) / (double)n : 0.0,
	       n ? (double)(k1.sysfs_opens - k0.sysfs_opens) / (double)n : 0.0, bad);
out:
	collector_free(col);
	rpc_client_free(client);
	sim_stop(&sim);
	free(snap);
	return bad;
}

int main(int argc, char **argv)
{
	static const struct bench_case cases[] = {
		{ "idle", "per-module", IOBUF_FORM_PER_MODULE, false },
		{ "exhaustion", "per-module", IOBUF_FORM_PER_MODULE, false },
		{ "idle", "aggregate", IOBUF_FORM_AGGREGATE, false },
		{ "exhaustion", "aggregate", IOBUF_FORM_AGGREGATE, false },
		{ "idle", "per-module", IOBUF_FORM_PER_MODULE, true },
	};
	double seconds = argc > 1 ? atof(argv[1]) : 2.0;
	char bin[PATH_MAX];
	double *lat;
	int rc = 0;

	if (!(seconds > 0) || argc > 2) {
		fprintf(stderr, "usage: %s [SECONDS per case > 0]\n", argv[0]);
		return 2;
	}
	if (sim_path(bin, sizeof(bin)) < 0) {
		fprintf(stderr, "spdk-memtop-sim not found: set MEMTOP_SIM_BIN\n");
		return 1;
	}
	lat = malloc(MAX_ROUNDS * sizeof(*lat));
	if (!lat) {
		fputs("out of memory\n", stderr);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	printf("collector rounds against %s, %.1f s per case, hugepages from the 4-node fixture\n",
	       bin, seconds);
	printf("%-11s %-11s %-6s %8s %10s %9s %9s %9s %9s %6s %6s %5s\n", "scenario", "form",
	       "facts", "rounds", "rounds/s", "p50 ms", "p99 ms", "max ms", "cpu us", "rpcs",
	       "opens", "bad");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (run_case(bin, &cases[i], seconds, lat) != 0)
			rc = 1;
	free(lat);
	return rc;
}
