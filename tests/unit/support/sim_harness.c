#include "sim_harness.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "json_stream.h"
#include "mt_clock.h"

#define READY_TIMEOUT 15.0   /* an ASan build on a loaded 2-core machine starts slowly */
#define STOP_TIMEOUT 20.0    /* ... and LeakSanitizer at exit can take seconds there */
#define MAX_EXTRA 32

static int remaining_ms(double deadline)
{
	double left = deadline - mt_now();

	return left <= 0 ? 0 : (int)(left * 1000.0) + 1;
}

static const char *sim_bin(void)
{
	const char *env = getenv("MEMTOP_SIM_BIN");

#ifdef MEMTOP_SIM_BIN
	if (!env || !*env)
		env = MEMTOP_SIM_BIN;
#endif
	return env;
}

/* Waits for the child to end, up to `timeout` seconds; true when it did. */
static bool wait_exit(pid_t pid, double timeout, int *status)
{
	double deadline = mt_now() + timeout;
	struct pollfd pfd;
	int fd;

#ifdef SYS_pidfd_open
	fd = (int)syscall(SYS_pidfd_open, pid, 0);
#else
	fd = -1;
#endif
	if (fd >= 0) {
		pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
		while (poll(&pfd, 1, remaining_ms(deadline)) < 0 && errno == EINTR)
			;
		close(fd);
		if (waitpid(pid, status, WNOHANG) == pid)
			return true;
		return false;
	}
	/* No pidfd (old kernel): the simulator exits promptly on SIGTERM. */
	return waitpid(pid, status, 0) == pid;
}

int sim_start(struct sim_proc *p, const char *const extra_args[], struct mt_err *err)
{
	const char *argv[8 + MAX_EXTRA];
	char fdarg[16], ch;
	double deadline;
	int pipefd[2], n = 0, i, rc, status;
	struct pollfd pfd;
	pid_t parent;
	ssize_t got;

	memset(p, 0, sizeof(*p));
	p->status = -1;
	snprintf(p->dir, sizeof(p->dir), "/tmp/memtop-sim.XXXXXX");
	if (!mkdtemp(p->dir)) {
		mt_err_set(err, -errno, "mkdtemp: %s", strerror(errno));
		return -1;
	}
	snprintf(p->sock_path, sizeof(p->sock_path), "%s/spdk.sock", p->dir);
	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		mt_err_set(err, -errno, "pipe2: %s", strerror(errno));
		rmdir(p->dir);
		return -1;
	}
	snprintf(fdarg, sizeof(fdarg), "%d", pipefd[1]);
	argv[n++] = sim_bin();
	argv[n++] = "-r";
	argv[n++] = p->sock_path;
	argv[n++] = "--ready-fd";
	argv[n++] = fdarg;
	for (i = 0; extra_args && extra_args[i] && i < MAX_EXTRA; i++)
		argv[n++] = extra_args[i];
	argv[n] = NULL;

	parent = getpid();
	p->pid = fork();
	if (p->pid < 0) {
		mt_err_set(err, -errno, "fork: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		rmdir(p->dir);
		return -1;
	}
	if (p->pid == 0) {
		/* A test that fails mid-way exits without sim_stop: take the simulator along. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(127);
		fcntl(pipefd[1], F_SETFD, 0);   /* the one fd the simulator inherits */
		execv(argv[0], (char *const *)argv);
		fprintf(stderr, "sim_harness: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	deadline = mt_now() + READY_TIMEOUT;
	pfd = (struct pollfd){ .fd = pipefd[0], .events = POLLIN };
	do {
		rc = poll(&pfd, 1, remaining_ms(deadline));
	} while (rc < 0 && errno == EINTR);
	got = rc > 0 ? read(pipefd[0], &ch, 1) : -1;
	close(pipefd[0]);
	if (got == 1 && ch == 'R')
		return 0;
	if (rc == 0)
		mt_err_set(err, -ETIMEDOUT, "%s: not ready within %.0f s", argv[0], READY_TIMEOUT);
	else
		mt_err_set(err, -ECHILD, "%s: ended before it was ready", argv[0]);
	kill(p->pid, SIGKILL);
	if (wait_exit(p->pid, STOP_TIMEOUT, &status) && rc != 0 && WIFEXITED(status))
		mt_err_prefix(err, "exit status %d", WEXITSTATUS(status));
	p->pid = 0;
	unlink(p->sock_path);
	rmdir(p->dir);
	return -1;
}

void sim_stop(struct sim_proc *p)
{
	struct stat st;

	if (p->pid > 0) {
		kill(p->pid, SIGTERM);
		kill(p->pid, SIGCONT);
		if (!wait_exit(p->pid, STOP_TIMEOUT, &p->status)) {
			kill(p->pid, SIGKILL);
			waitpid(p->pid, &p->status, 0);
		}
		p->pid = 0;
	}
	if (p->dir[0]) {
		p->sock_left = lstat(p->sock_path, &st) == 0;
		unlink(p->sock_path);
		rmdir(p->dir);
		p->dir[0] = '\0';
	}
}

int sim_connect(const struct sim_proc *p)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", p->sock_path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static size_t count_values(const char *buf, size_t len)
{
	size_t off = 0, n = 0, s, e;

	while (off < len && json_stream_scan(buf + off, len - off, &s, &e) == JSON_SCAN_COMPLETE) {
		n++;
		off += e;
	}
	return n;
}

ssize_t sim_read_values(int fd, char *buf, size_t cap, size_t want, double timeout,
			bool *closed)
{
	double deadline = mt_now() + timeout;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t len = 0;
	ssize_t n;
	int rc;

	*closed = false;
	while (len < cap && (want == 0 || count_values(buf, len) < want)) {
		rc = poll(&pfd, 1, remaining_ms(deadline));
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == ECONNRESET) {
			*closed = true;
			break;
		}
		if (n < 0)
			return -1;
		if (n == 0) {
			*closed = true;
			break;
		}
		len += (size_t)n;
	}
	return (ssize_t)len;
}

json_t *sim_rpc(const struct sim_proc *p, const char *method, const char *params_json,
		double timeout, struct mt_err *err)
{
	char req[4096], *buf;
	size_t len, off = 0;
	json_error_t jerr;
	json_t *v = NULL;
	bool closed;
	ssize_t n;
	int fd;

	len = (size_t)snprintf(req, sizeof(req),
			       "{\"jsonrpc\":\"2.0\",\"method\":\"%s\",\"id\":1%s%s}", method,
			       params_json ? ",\"params\":" : "", params_json ? params_json : "");
	if (len >= sizeof(req)) {
		mt_err_set(err, -E2BIG, "%s: request too long", method);
		return NULL;
	}
	fd = sim_connect(p);
	if (fd < 0) {
		mt_err_set(err, -errno, "connect %s: %s", p->sock_path, strerror(errno));
		return NULL;
	}
	while (off < len) {
		n = send(fd, req + off, len - off, MSG_NOSIGNAL);
		if (n <= 0) {
			mt_err_set(err, -errno, "%s: send: %s", method, strerror(errno));
			close(fd);
			return NULL;
		}
		off += (size_t)n;
	}
	buf = malloc(1 << 20);
	n = buf ? sim_read_values(fd, buf, (1 << 20) - 1, 1, timeout, &closed) : -1;
	close(fd);
	if (n > 0)
		v = json_loadb(buf, (size_t)n, JSON_DISABLE_EOF_CHECK, &jerr);
	if (!v)
		mt_err_set(err, -EPROTO, "%s: no JSON reply within %.1f s (%zd bytes)", method,
			   timeout, n);
	free(buf);
	return v;
}

struct sim_harness {
	struct sim_proc p;
};

struct sim_harness *sim_harness_start(const char *const extra_args[])
{
	struct sim_harness *h = calloc(1, sizeof(*h));
	struct mt_err err = { 0 };

	if (!h)
		return NULL;
	if (sim_start(&h->p, extra_args, &err) < 0) {
		fprintf(stderr, "sim_harness: %s\n", err.msg);
		free(h);
		return NULL;
	}
	return h;
}

const char *sim_harness_socket(const struct sim_harness *h)
{
	return h->p.sock_path;
}

pid_t sim_harness_pid(const struct sim_harness *h)
{
	return h->p.pid;
}

void sim_harness_stop(struct sim_harness *h)
{
	if (!h)
		return;
	sim_stop(&h->p);
	free(h);
}
