/* bench_pty: a program on a counted pseudo-terminal (see the header). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "bench_pty.h"
#include "mt_clock.h"

static void child(const char *slave_name, char *const argv[])
{
	int fd;

	setsid();
	fd = open(slave_name, O_RDWR);
	if (fd < 0)
		_exit(126);
	ioctl(fd, TIOCSCTTY, 0);
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
	setenv("TERM", "xterm-256color", 1);
	setenv("LANG", "C.UTF-8", 1);
	unsetenv("LC_ALL");
	unsetenv("NO_COLOR");
	execv(argv[0], argv);
	_exit(127);
}

int bench_pty_spawn(struct bench_pty *p, int cols, int rows, char *const argv[])
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	const char *name;

	memset(p, 0, sizeof(*p));
	p->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (p->master < 0 || grantpt(p->master) || unlockpt(p->master) ||
	    !(name = ptsname(p->master)) || ioctl(p->master, TIOCSWINSZ, &ws)) {
		perror("bench_pty: posix_openpt");
		return -1;
	}
	p->started = mt_now();
	p->pid = fork();
	if (p->pid < 0) {
		perror("bench_pty: fork");
		return -1;
	}
	if (p->pid == 0)
		child(name, argv);
	return 0;
}

void bench_pty_watch(struct bench_pty *p, const char *const *markers, size_t n)
{
	p->nmarkers = n < BENCH_PTY_MARKERS ? n : BENCH_PTY_MARKERS;
	for (size_t i = 0; i < p->nmarkers; i++) {
		p->marker[i] = markers[i];
		p->marker_at[i] = 0;
	}
	p->ntail = 0;
}

double bench_pty_markers_seen(const struct bench_pty *p)
{
	double last = 0;

	for (size_t i = 0; i < p->nmarkers; i++) {
		if (p->marker_at[i] == 0)
			return 0;
		if (p->marker_at[i] > last)
			last = p->marker_at[i];
	}
	return last;
}

/* The markers in what just came, with the tail of what came before for split ones. */
static void find_markers(struct bench_pty *p, const char *buf, size_t n, double now)
{
	char joined[BENCH_PTY_TAIL + 4096 + 1];
	size_t len;

	if (n > 4096)
		n = 4096;
	memcpy(joined, p->tail, p->ntail);
	memcpy(joined + p->ntail, buf, n);
	len = p->ntail + n;
	joined[len] = '\0';
	for (size_t i = 0; i < p->nmarkers; i++)
		if (p->marker_at[i] == 0 && memmem(joined, len, p->marker[i], strlen(p->marker[i])))
			p->marker_at[i] = now;
	p->ntail = len < BENCH_PTY_TAIL ? len : BENCH_PTY_TAIL;
	memmove(p->tail, joined + len - p->ntail, p->ntail);
}

/* One read from p's master: counts it and looks for the markers; false at the end. */
static bool read_once(struct bench_pty *p)
{
	char buf[4096];
	ssize_t r = read(p->master, buf, sizeof(buf));

	if (r < 0 && errno == EINTR)
		return true;
	if (r <= 0) {
		p->eof = true;   /* EIO: every slave descriptor is closed */
		return false;
	}
	p->bytes += r;
	find_markers(p, buf, (size_t)r, mt_now());
	return true;
}

void bench_pty_read(struct bench_pty *p, double deadline, bool until_markers)
{
	while (!p->eof && !(until_markers && bench_pty_markers_seen(p) > 0)) {
		double left = deadline - mt_now();
		struct pollfd pfd = { .fd = p->master, .events = POLLIN };

		if (left <= 0)
			break;
		if (poll(&pfd, 1, (int)(left * 1000.0) + 1) > 0)
			read_once(p);
	}
}

void bench_pty_read_all(struct bench_pty *const *p, size_t n, double deadline)
{
	struct pollfd pfd[16];

	if (n > 16)
		n = 16;
	for (;;) {
		double left = deadline - mt_now();

		for (size_t i = 0; i < n; i++)
			pfd[i] = (struct pollfd){ .fd = p[i]->eof ? -1 : p[i]->master,
						  .events = POLLIN };
		if (left <= 0 || poll(pfd, n, (int)(left * 1000.0) + 1) < 0)
			break;
		for (size_t i = 0; i < n; i++)
			if (pfd[i].revents)
				read_once(p[i]);
	}
}

int bench_pty_stop(struct bench_pty *p, double timeout)
{
	double deadline = mt_now() + timeout;
	int status = -1;

	if (p->pid <= 0)
		return -1;
	if (write(p->master, "q", 1) != 1)
		kill(p->pid, SIGTERM);
	bench_pty_read(p, deadline, false);
	if (!p->eof)
		kill(p->pid, SIGKILL);
	waitpid(p->pid, &status, 0);
	close(p->master);
	p->pid = 0;
	return status;
}

double bench_proc_cpu(pid_t pid)
{
	char path[64];
	unsigned long long ns;
	FILE *f;
	int n;

	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fscanf(f, "%llu", &ns);
	fclose(f);
	return n == 1 ? (double)ns / 1e9 : -1;
}

long bench_proc_wakeups(pid_t pid)
{
	char path[64], line[256];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "voluntary_ctxt_switches:", 24) == 0)
			v = strtol(line + 24, NULL, 10);
	fclose(f);
	return v;
}
