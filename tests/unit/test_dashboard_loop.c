/*
 * The dashboard's loop driven by a scripted source: no socket, no sysfs.
 * A child runs dashboard_run() on a pseudo-terminal with a list of
 * snapshots in which the large pool starts retrying; the parent reads what
 * the child draws and follows each round through the source's log pipe.
 * Checked: rounds arrive on the tick schedule, the retries raise the
 * exhaustion banner, `p` stops collection and resumes it at once, `q` ends
 * the dashboard with status 0.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "actions.h"
#include "check_main.h"
#include "cli_options.h"
#include "dashboard.h"
#include "iobuf_summary.h"
#include "mt_clock.h"
#include "scripted_source.h"

#define NSNAPS 4

static struct snapshot snaps[NSNAPS];

/* Running, bdev alone, the large pool retrying from the third snapshot on. */
static void make_snapshots(void)
{
	static const uint64_t retries[NSNAPS] = { 0, 0, 50000, 120000 };

	memset(snaps, 0, sizeof(snaps));
	for (int i = 0; i < NSNAPS; i++) {
		struct snapshot *s = &snaps[i];

		s->state = TARGET_RUNNING;
		snprintf(s->target, sizeof(s->target), "/scripted.sock");
		snprintf(s->version, sizeof(s->version), "SPDK v26.09-pre");
		s->iobuf.form = IOBUF_FORM_PER_MODULE;
		s->iobuf.nmodules = 1;
		snprintf(s->iobuf.modules[0].name, SNAP_NAME_LEN, "bdev");
		s->iobuf.modules[0].large.main = 6;
		s->iobuf.modules[0].large.retry = retries[i];
		s->iobuf.opts = (struct iobuf_options){ .valid = true, .small_pool_count = 8192,
			.large_pool_count = 1024, .small_bufsize = 8192, .large_bufsize = 135168 };
		iobuf_summarize(&s->iobuf);
	}
}

struct child {
	pid_t pid;
	int master;      /* the terminal's other side */
	int log;         /* "take N" lines from the source */
	char screen[1 << 20];
	size_t nscreen;
	char logbuf[4096];
	size_t nlog;
};

static void run_child(int slave, int log_w)
{
	struct scripted_source ss;
	struct source src;
	struct cli_options o;
	struct rpc_addr addr;
	struct actions_config acfg = { .read_only = true };
	struct actions *act;

	setsid();
	ioctl(slave, TIOCSCTTY, 0);
	dup2(slave, STDIN_FILENO);
	dup2(slave, STDOUT_FILENO);
	setenv("TERM", "xterm-256color", 1);
	setenv("LANG", "C", 1);
	unsetenv("LC_ALL");
	unsetenv("NO_COLOR");
	cli_options_defaults(&o);
	o.interval = 0.1;
	scripted_source_init(&ss, snaps, NSNAPS, NULL, 0);
	ss.log_fd = log_w;
	scripted_source_as_source(&ss, &src);
	/* Never used to send: the test needs no socket. */
	rpc_addr_parse("/nonexistent/spdk.sock", -1, &addr, NULL);
	act = actions_new(&acfg, &addr);
	_exit(act ? dashboard_run(&o, &src, act) : 99);
}

static void start(struct child *c)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	int p[2], slave;

	memset(c, 0, sizeof(*c));
	make_snapshots();
	c->master = posix_openpt(O_RDWR | O_NOCTTY);
	ck_assert_int_ge(c->master, 0);
	ck_assert_int_eq(grantpt(c->master), 0);
	ck_assert_int_eq(unlockpt(c->master), 0);
	slave = open(ptsname(c->master), O_RDWR | O_NOCTTY);
	ck_assert_int_ge(slave, 0);
	ck_assert_int_eq(ioctl(slave, TIOCSWINSZ, &ws), 0);
	ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
	c->pid = fork();
	ck_assert_int_ge(c->pid, 0);
	if (c->pid == 0) {
		close(c->master);
		close(p[0]);
		run_child(slave, p[1]);
	}
	close(slave);
	close(p[1]);
	c->log = p[0];
}

/* Reads whatever the child wrote, for at most `timeout` seconds or until cond holds. */
static bool pump_until(struct child *c, double timeout, bool (*cond)(const struct child *))
{
	double end = mt_now() + timeout;

	while (!cond(c)) {
		struct pollfd pfd[2] = { { .fd = c->master, .events = POLLIN },
					 { .fd = c->log, .events = POLLIN } };
		double left = end - mt_now();
		ssize_t n;

		if (left <= 0)
			return false;
		if (poll(pfd, 2, (int)(left * 1000) + 1) <= 0)
			continue;
		if (pfd[0].revents & POLLIN) {
			n = read(c->master, c->screen + c->nscreen,
				 sizeof(c->screen) - 1 - c->nscreen);
			if (n > 0)
				c->nscreen += (size_t)n;
			if (c->nscreen > sizeof(c->screen) / 2) {   /* keep the newest half */
				memmove(c->screen, c->screen + c->nscreen / 2, c->nscreen - c->nscreen / 2);
				c->nscreen -= c->nscreen / 2;
			}
			c->screen[c->nscreen] = '\0';
		}
		if (pfd[1].revents & POLLIN) {
			n = read(c->log, c->logbuf + c->nlog, sizeof(c->logbuf) - 1 - c->nlog);
			if (n > 0)
				c->nlog += (size_t)n;
			c->logbuf[c->nlog] = '\0';
		}
		if ((pfd[0].revents | pfd[1].revents) & (POLLHUP | POLLERR) &&
		    !(pfd[0].revents & POLLIN) && !(pfd[1].revents & POLLIN))
			return cond(c);
	}
	return true;
}

static size_t takes(const struct child *c)
{
	size_t n = 0;

	for (const char *p = c->logbuf; (p = strstr(p, "take ")); p++)
		n++;
	return n;
}

static bool four_rounds(const struct child *c)
{
	return takes(c) >= NSNAPS;
}

static bool banner_up(const struct child *c)
{
	return strstr(c->screen, "EXHAUSTED") != NULL;
}

static bool paused_shown(const struct child *c)
{
	return strstr(c->screen, "PAUSED") != NULL;
}

static bool never(const struct child *c)
{
	(void)c;
	return false;
}

static size_t mark;

static bool one_more_round(const struct child *c)
{
	return takes(c) > mark;
}

static int wait_exit(struct child *c, double timeout)
{
	double end = mt_now() + timeout;
	int status;

	while (mt_now() < end) {
		pid_t r = waitpid(c->pid, &status, WNOHANG);

		if (r == c->pid)
			return status;
		/* Keep the pty drained so the child can finish drawing. */
		pump_until(c, 0.05, banner_up);
	}
	kill(c->pid, SIGKILL);
	waitpid(c->pid, &status, 0);
	return -1;
}

START_TEST(test_scripted_rounds_drive_the_dashboard)
{
	static struct child c;
	size_t before;
	int status;

	start(&c);
	ck_assert_msg(pump_until(&c, 10, four_rounds), "only %zu rounds: %s", takes(&c), c.logbuf);
	ck_assert_msg(pump_until(&c, 10, banner_up), "no exhaustion banner drawn");

	/* p: the header says PAUSED and collection stops: 0.5 s would hold five rounds. */
	ck_assert_int_eq(write(c.master, "p", 1), 1);
	ck_assert_msg(pump_until(&c, 5, paused_shown), "PAUSED never drawn");
	before = takes(&c);
	pump_until(&c, 0.5, never);
	ck_assert_uint_eq(takes(&c), before);
	/* ... and p again resumes. */
	mark = before;
	ck_assert_int_eq(write(c.master, "p", 1), 1);
	ck_assert_msg(pump_until(&c, 2, one_more_round), "no round after resuming");

	ck_assert_int_eq(write(c.master, "q", 1), 1);
	status = wait_exit(&c, 5);
	ck_assert_msg(status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == CLI_EXIT_OK,
		      "dashboard did not quit cleanly (status %d)", status);
	close(c.master);
	close(c.log);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("dashboard_loop");
	TCase *tc = tcase_create("scripted");

	tcase_add_test(tc, test_scripted_rounds_drive_the_dashboard);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
