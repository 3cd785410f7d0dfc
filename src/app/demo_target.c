/*
 * The private simulator behind --demo.  Every wait here is a poll on a file
 * descriptor with a deadline (the ready pipe, a pidfd), never a sleep, so a
 * simulator that hangs cannot hang us.
 */
#include "demo_target.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mt_clock.h"

#define STOP_GRACE 2.0

static bool is_executable_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int demo_target_find_sim(char *buf, size_t len, struct mt_err *err)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	const char *path;

	if (n > 0) {
		char *slash;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			if ((size_t)snprintf(buf, len, "%s/%s", self, DEMO_SIM_NAME) < len &&
			    is_executable_file(buf))
				return 0;
		}
	}
	path = getenv("PATH");
	for (const char *p = path; p && *p;) {
		const char *colon = strchr(p, ':');
		size_t dlen = colon ? (size_t)(colon - p) : strlen(p);

		/* An empty PATH entry means the current directory. */
		if ((size_t)snprintf(buf, len, "%.*s/%s", (int)(dlen ? dlen : 1),
				     dlen ? p : ".", DEMO_SIM_NAME) < len &&
		    is_executable_file(buf))
			return 0;
		if (!colon)
			break;
		p = colon + 1;
	}
	mt_err_set(err, -ENOENT, "%s not found beside spdk-memtop nor in PATH", DEMO_SIM_NAME);
	return -1;
}

static int pidfd_open_compat(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	(void)pid;
	errno = ENOSYS;
	return -1;
#endif
}

/* Waits up to `timeout` s for pid to exit and reaps it.  0 when reaped. */
static int wait_exit(pid_t pid, double timeout, int *status)
{
	int pfd = pidfd_open_compat(pid);
	int rc = -1;

	if (pfd < 0)
		return waitpid(pid, status, WNOHANG) == pid ? 0 : -1;
	for (double deadline = mt_now() + timeout;;) {
		struct pollfd p = { .fd = pfd, .events = POLLIN };
		double left = deadline - mt_now();
		int r;

		if (left <= 0)
			break;
		r = poll(&p, 1, (int)ceil(left * 1000));
		if (r < 0 && errno == EINTR)
			continue;
		if (r > 0 && waitpid(pid, status, WNOHANG) == pid)
			rc = 0;
		break;
	}
	close(pfd);
	return rc;
}

static void terminate(pid_t pid, int *status)
{
	kill(pid, SIGTERM);
	if (wait_exit(pid, STOP_GRACE, status) == 0)
		return;
	/* SIGKILL cannot be caught, so this waitpid returns promptly. */
	kill(pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
}

static void remove_files(struct demo_target *d)
{
	if (!d->have_dir)
		return;
	unlink(d->sock);
	unlink(d->log);
	rmdir(d->dir);
	d->have_dir = false;
}

void demo_target_stop(struct demo_target *d)
{
	int status;

	if (d->pid > 0) {
		terminate(d->pid, &status);
		d->pid = 0;
	}
	remove_files(d);
}

void demo_target_teardown_signal_safe(const struct demo_target *d)
{
	if (d->pid > 0) {
		kill(d->pid, SIGKILL);
		while (waitpid(d->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (d->have_dir) {
		unlink(d->sock);
		unlink(d->log);
		rmdir(d->dir);
	}
}

static int make_dir(struct demo_target *d, struct mt_err *err)
{
	const char *tmp = getenv("TMPDIR");

	if (!tmp || !*tmp)
		tmp = "/tmp";
	if ((size_t)snprintf(d->dir, sizeof(d->dir), "%s/spdk-memtop-demo.XXXXXX", tmp) >=
	    sizeof(d->dir)) {
		mt_err_set(err, -ENAMETOOLONG, "demo: TMPDIR is too long");
		return -1;
	}
	if (!mkdtemp(d->dir)) {
		mt_err_set(err, -errno, "demo: mkdtemp %s: %s", d->dir, strerror(errno));
		return -1;
	}
	d->have_dir = true;
	snprintf(d->log, sizeof(d->log), "%s/sim.log", d->dir);
	if ((size_t)snprintf(d->sock, sizeof(d->sock), "%s/spdk.sock", d->dir) >=
	    sizeof(d->sock)) {
		mt_err_set(err, -ENAMETOOLONG, "demo: socket path under %s is longer than a Unix "
			   "socket allows; set TMPDIR to a shorter directory", tmp);
		return -1;
	}
	return 0;
}

/* Runs in the child between fork and exec. */
static void exec_sim(const char *sim_path, char *const argv[], int ready_w, int log_fd,
		     pid_t parent)
{
	sigset_t all;
	int null_fd;

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)    /* the parent died before prctl took effect */
		_exit(126);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null_fd >= 0)
		dup2(null_fd, STDIN_FILENO);
	dup2(log_fd, STDOUT_FILENO);
	dup2(log_fd, STDERR_FILENO);
	fcntl(ready_w, F_SETFD, 0);   /* the one descriptor the simulator inherits */
	execv(sim_path, argv);
	dprintf(STDERR_FILENO, "exec %s: %s\n", sim_path, strerror(errno));
	_exit(127);
}

/* The simulator's first line of complaint, for the error message. */
static void first_log_line(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = -1;

	buf[0] = '\0';
	if (fd >= 0) {
		n = read(fd, buf, len - 1);
		close(fd);
	}
	if (n <= 0) {
		buf[0] = '\0';
		return;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

static void describe_exit(struct demo_target *d, int status, struct mt_err *err)
{
	char line[160];

	first_log_line(d->log, line, sizeof(line));
	if (WIFEXITED(status))
		mt_err_set(err, -ECHILD, "demo: simulator exited with status %d before it was "
			   "ready%s%s", WEXITSTATUS(status), line[0] ? ": " : "", line);
	else if (WIFSIGNALED(status))
		mt_err_set(err, -ECHILD, "demo: simulator killed by signal %d before it was "
			   "ready%s%s", WTERMSIG(status), line[0] ? ": " : "", line);
	else
		mt_err_set(err, -ECHILD, "demo: simulator closed its ready pipe without "
			   "writing%s%s", line[0] ? ": " : "", line);
}

/* 1 ready, 0 not (err set).  Leaves the child to the caller to stop. */
static int wait_ready(struct demo_target *d, int ready_r, int stop_fd, struct mt_err *err)
{
	double deadline = mt_now() + DEMO_READY_TIMEOUT;

	for (;;) {
		struct pollfd p[2] = {
			{ .fd = ready_r, .events = POLLIN },
			{ .fd = stop_fd, .events = POLLIN },
		};
		double left = deadline - mt_now();
		char c;
		ssize_t n;
		int r;

		if (left <= 0) {
			char line[160];

			first_log_line(d->log, line, sizeof(line));
			mt_err_set(err, -ETIMEDOUT, "demo: simulator not ready within %.0f s%s%s",
				   DEMO_READY_TIMEOUT, line[0] ? ": " : "", line);
			return 0;
		}
		r = poll(p, stop_fd >= 0 ? 2 : 1, (int)ceil(left * 1000));
		if (r < 0 && errno != EINTR) {
			mt_err_set(err, -errno, "demo: poll: %s", strerror(errno));
			return 0;
		}
		if (r <= 0)
			continue;
		if (stop_fd >= 0 && (p[1].revents & (POLLIN | POLLHUP))) {
			mt_err_set(err, -EINTR, "demo: interrupted while starting the simulator");
			return 0;
		}
		if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		n = read(ready_r, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 1 && c == 'R')
			return 1;
		if (n == 1) {
			mt_err_set(err, -EPROTO, "demo: simulator wrote '%c' on its ready pipe, "
				   "expected 'R'", c >= 0x20 && c < 0x7f ? c : '?');
			return 0;
		}
		/* EOF: it died (or closed the pipe) before listening. */
		{
			int status = 0;

			if (wait_exit(d->pid, 1.0, &status) == 0) {
				d->pid = 0;
				describe_exit(d, status, err);
			} else {
				mt_err_set(err, -EPROTO, "demo: simulator closed its ready pipe "
					   "without writing 'R'");
			}
		}
		return 0;
	}
}

int demo_target_start(struct demo_target *d, const char *sim_path, const char *scenario,
		      int stop_fd, struct mt_err *err)
{
	int ready[2] = { -1, -1 };
	int log_fd = -1;
	char fdarg[16];
	pid_t parent = getpid();
	int ok;

	memset(d, 0, sizeof(*d));
	if (make_dir(d, err))
		goto fail;
	log_fd = open(d->log, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (log_fd < 0) {
		mt_err_set(err, -errno, "demo: %s: %s", d->log, strerror(errno));
		goto fail;
	}
	if (pipe2(ready, O_CLOEXEC)) {
		mt_err_set(err, -errno, "demo: pipe: %s", strerror(errno));
		goto fail;
	}
	snprintf(fdarg, sizeof(fdarg), "%d", ready[1]);
	{
		char *const argv[] = {
			(char *)DEMO_SIM_NAME, (char *)"-r", d->sock, (char *)"--scenario",
			(char *)scenario, (char *)"--ready-fd", fdarg, NULL,
		};

		d->pid = fork();
		if (d->pid < 0) {
			d->pid = 0;
			mt_err_set(err, -errno, "demo: fork: %s", strerror(errno));
			goto fail;
		}
		if (d->pid == 0)
			exec_sim(sim_path, argv, ready[1], log_fd, parent);
	}
	close(ready[1]);
	ready[1] = -1;
	close(log_fd);
	log_fd = -1;
	ok = wait_ready(d, ready[0], stop_fd, err);
	close(ready[0]);
	if (ok)
		return 0;
	ready[0] = -1;
fail:
	if (ready[0] >= 0)
		close(ready[0]);
	if (ready[1] >= 0)
		close(ready[1]);
	if (log_fd >= 0)
		close(log_fd);
	demo_target_stop(d);
	return -1;
}
