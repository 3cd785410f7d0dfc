/*
 * spdk-memtop-sim as a process: readiness, clean exit on SIGTERM/SIGINT, the
 * socket path rules, usage errors, TCP, the 64-connection and 256 KiB limits,
 * split and pipelined requests, invalid JSON, and framework_wait_init
 * answered on one connection when framework_start_init runs on another.
 */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "mt_clock.h"
#include "sim_harness.h"

#define VERSION_REQ "{\"jsonrpc\":\"2.0\",\"method\":\"spdk_get_version\",\"id\":%d}"
#define QUIET 0.3       /* how long silence must last to count as "no reply" */
#define ANSWER 3.0      /* how long a reply may take */

static char rbuf[1 << 20];

static struct sim_proc start(const char *const extra[])
{
	struct mt_err err = { 0 };
	struct sim_proc p;

	ck_assert_msg(sim_start(&p, extra, &err) == 0, "%s", err.msg);
	return p;
}

static void send_str(int fd, const char *s)
{
	size_t len = strlen(s), off = 0;
	ssize_t n;

	while (off < len) {
		n = send(fd, s + off, len - off, MSG_NOSIGNAL);
		ck_assert_msg(n > 0, "send: %s", strerror(errno));
		off += (size_t)n;
	}
}

/* Reads `want` values (0: whatever comes within `timeout`); NUL-terminated. */
static const char *recv_values(int fd, size_t want, double timeout, bool *closed)
{
	ssize_t n = sim_read_values(fd, rbuf, sizeof(rbuf) - 1, want, timeout, closed);

	ck_assert_int_ge(n, 0);
	rbuf[n] = '\0';
	return rbuf;
}

static void expect_version_reply(int fd, int id)
{
	char want[64];
	bool closed;

	snprintf(want, sizeof(want), "{\"jsonrpc\":\"2.0\",\"id\":%d,\"result\":{\"version\":", id);
	recv_values(fd, 1, ANSWER, &closed);
	ck_assert_msg(strncmp(rbuf, want, strlen(want)) == 0, "id %d: got '%s'", id, rbuf);
	ck_assert_msg(rbuf[strlen(rbuf) - 1] == '\n', "no newline after the reply");
}

static void version_exchange(int fd, int id)
{
	char req[128];

	snprintf(req, sizeof(req), VERSION_REQ, id);
	send_str(fd, req);
	expect_version_reply(fd, id);
}

/* Waits up to `timeout` for pid to end without reaping it. */
static bool ends_within(pid_t pid, double timeout)
{
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	siginfo_t si;
	int rc;

	if (fd < 0) {
		memset(&si, 0, sizeof(si));
		return waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) == 0;
	}
	rc = poll(&pfd, 1, (int)(timeout * 1000));
	close(fd);
	return rc == 1;
}

/* Runs the simulator to its end (5 s at most), output of both streams in out. */
static int run_to_end(const char *const args[], char *out, size_t cap)
{
	const char *argv[32];
	double deadline = mt_now() + 5.0;
	int pfd[2], n = 0, status = -1;
	size_t len = 0;
	pid_t pid;

	argv[n++] = MEMTOP_SIM_BIN;
	while (*args)
		argv[n++] = *args++;
	argv[n] = NULL;
	ck_assert_int_eq(pipe2(pfd, O_CLOEXEC), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		struct pollfd p = { .fd = pfd[0], .events = POLLIN };
		double left = deadline - mt_now();
		ssize_t r;

		if (left <= 0 || poll(&p, 1, (int)(left * 1000) + 1) <= 0)
			break;
		r = read(pfd[0], out + len, cap - 1 - len);
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	out[len] = '\0';
	close(pfd[0]);
	if (!ends_within(pid, deadline - mt_now() > 0 ? deadline - mt_now() : 0.1))
		kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return status;
}

START_TEST(ready_serves_and_exits_cleanly)
{
	struct sim_proc p = start(NULL);
	struct stat st;
	int fd;

	ck_assert_int_eq(lstat(p.sock_path, &st), 0);
	ck_assert(S_ISSOCK(st.st_mode));
	fd = sim_connect(&p);
	ck_assert_int_ge(fd, 0);
	version_exchange(fd, 1);
	version_exchange(fd, 2);        /* one connection, many requests */
	close(fd);
	sim_stop(&p);
	ck_assert(WIFEXITED(p.status));
	ck_assert_int_eq(WEXITSTATUS(p.status), 0);
	ck_assert_msg(!p.sock_left, "the socket file was left behind");
}
END_TEST

START_TEST(sigint_closes_connections_and_exits)
{
	struct sim_proc p = start(NULL);
	bool closed;
	int fd = sim_connect(&p);

	ck_assert_int_ge(fd, 0);
	version_exchange(fd, 1);
	ck_assert_int_eq(kill(p.pid, SIGINT), 0);
	ck_assert(ends_within(p.pid, ANSWER));
	recv_values(fd, 0, ANSWER, &closed);
	ck_assert(closed);
	close(fd);
	sim_stop(&p);
	ck_assert(WIFEXITED(p.status) && WEXITSTATUS(p.status) == 0);
	ck_assert(!p.sock_left);
}
END_TEST

START_TEST(live_socket_refused_stale_replaced)
{
	struct sim_proc a = start(NULL), b;
	const char *args[] = { "-r", a.sock_path, NULL };
	char out[4096];
	int status, fd;

	status = run_to_end(args, out, sizeof(out));
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 1, "status %d: %s", status, out);
	ck_assert_msg(strstr(out, "a live socket") && strstr(out, a.sock_path), "%s", out);
	/* The refused start left the running simulator alone. */
	fd = sim_connect(&a);
	ck_assert_int_ge(fd, 0);
	version_exchange(fd, 3);
	close(fd);

	/* Killed without cleanup, the simulator leaves a stale socket: the next one replaces it. */
	kill(a.pid, SIGKILL);
	waitpid(a.pid, NULL, 0);
	a.pid = 0;
	ck_assert_int_eq(access(a.sock_path, F_OK), 0);
	ck_assert_int_lt(sim_connect(&a), 0);
	{
		const char *extra[] = { "-r", a.sock_path, NULL };

		/* The later -r wins: b serves a's stale path. */
		b = start(extra);
	}
	fd = sim_connect(&a);
	ck_assert_int_ge(fd, 0);
	version_exchange(fd, 4);
	close(fd);
	sim_stop(&b);
	ck_assert_int_ne(access(a.sock_path, F_OK), 0);
	sim_stop(&a);
}
END_TEST

START_TEST(not_a_socket_never_touched)
{
	char path[] = "/tmp/memtop-sim-file.XXXXXX", out[4096];
	const char *args[] = { "-r", path, NULL };
	struct stat st;
	int fd, status;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	status = run_to_end(args, out, sizeof(out));
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	ck_assert_msg(strstr(out, "not a socket"), "%s", out);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	unlink(path);
}
END_TEST

START_TEST(usage_errors_exit_64)
{
	const char *bad[] = { "--scenario", "storm", NULL };
	const char *badfd[] = { "--ready-fd", "987", "-r", "/tmp/never-made.sock", NULL };
	const char *help[] = { "--help", NULL };
	const char *remote[] = { "--listen", "192.0.2.1:5260", NULL };
	const char *nodir[] = { "--dump-dir", "/nonexistent/dumps", "-r", "/tmp/never-made.sock",
				NULL };
	char out[8192];
	int status;

	status = run_to_end(bad, out, sizeof(out));
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 64);
	ck_assert_msg(strstr(out, "--scenario storm") && strstr(out, "--help"), "%s", out);
	status = run_to_end(badfd, out, sizeof(out));
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 64);
	ck_assert_msg(strstr(out, "not an open file descriptor"), "%s", out);
	ck_assert_int_ne(access("/tmp/never-made.sock", F_OK), 0);
	status = run_to_end(help, out, sizeof(out));
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert(strstr(out, "Usage:") && strstr(out, "--wait-for-rpc") &&
		  strstr(out, "sim_set_scenario"));
	status = run_to_end(remote, out, sizeof(out));
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	ck_assert_msg(strstr(out, "only loopback"), "%s", out);
	status = run_to_end(nodir, out, sizeof(out));
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 64);
	ck_assert_msg(strstr(out, "--dump-dir /nonexistent/dumps: No such file"), "%s", out);
	ck_assert_int_ne(access("/tmp/never-made.sock", F_OK), 0);
}
END_TEST

START_TEST(tcp_on_loopback)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	char listen_arg[64];
	struct sim_proc p;
	int fd, port;

	/* A free port: bind to 0, read it back, release it for the simulator. */
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	port = ntohs(sa.sin_port);
	close(fd);
	snprintf(listen_arg, sizeof(listen_arg), "127.0.0.1:%d", port);
	{
		const char *extra[] = { "--listen", listen_arg, NULL };

		p = start(extra);
	}
	fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	version_exchange(fd, 77);
	close(fd);
	fd = sim_connect(&p);           /* the Unix socket is served too */
	version_exchange(fd, 78);
	close(fd);
	sim_stop(&p);
	ck_assert(WIFEXITED(p.status) && WEXITSTATUS(p.status) == 0);
}
END_TEST

START_TEST(sixty_four_connections_then_the_backlog)
{
	struct sim_proc p = start(NULL);
	int fds[64], extra, i;
	char req[128];
	bool closed;

	for (i = 0; i < 64; i++) {
		fds[i] = sim_connect(&p);
		ck_assert_int_ge(fds[i], 0);
	}
	/* All 64 pipelined before any reply is read: one poll loop serves them all. */
	for (i = 0; i < 64; i++) {
		snprintf(req, sizeof(req), VERSION_REQ, 1000 + i);
		send_str(fds[i], req);
	}
	for (i = 0; i < 64; i++)
		expect_version_reply(fds[i], 1000 + i);
	extra = sim_connect(&p);
	ck_assert_msg(extra >= 0, "the 65th client must still connect");
	snprintf(req, sizeof(req), VERSION_REQ, 65);
	send_str(extra, req);
	recv_values(extra, 0, QUIET, &closed);
	ck_assert_msg(rbuf[0] == '\0' && !closed, "the 65th was answered: '%s'", rbuf);
	/* A slot frees: the waiting client is taken and answered. */
	close(fds[0]);
	expect_version_reply(extra, 65);
	close(extra);
	for (i = 1; i < 64; i++)
		close(fds[i]);
	sim_stop(&p);
}
END_TEST

static char *padded_request(size_t pad, bool finish)
{
	static const char head[] = "{\"jsonrpc\":\"2.0\",\"method\":\"iobuf_get_stats\",\"id\":9,"
				   "\"params\":{\"pad\":\"";
	char *s = malloc(sizeof(head) + pad + 8);

	ck_assert_ptr_nonnull(s);
	memcpy(s, head, sizeof(head) - 1);
	memset(s + sizeof(head) - 1, 'x', pad);
	strcpy(s + sizeof(head) - 1 + pad, finish ? "\"}}" : "");
	return s;
}

START_TEST(request_size_limit)
{
	struct sim_proc p = start(NULL);
	char *small = padded_request(200 * 1024, true), *big = padded_request(300 * 1024, false);
	bool closed;
	int fd;

	fd = sim_connect(&p);
	send_str(fd, small);
	recv_values(fd, 1, ANSWER, &closed);
	ck_assert_msg(strncmp(rbuf, "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":[", 34) == 0, "%.80s",
		      rbuf);
	close(fd);

	fd = sim_connect(&p);
	send_str(fd, big);
	recv_values(fd, 0, ANSWER, &closed);
	ck_assert_msg(closed && rbuf[0] == '\0', "over 256 KiB: closed %d, got '%.80s'", closed,
		      rbuf);
	close(fd);
	free(small);
	free(big);
	sim_stop(&p);
}
END_TEST

START_TEST(split_pipelined_and_invalid)
{
	struct sim_proc p = start(NULL);
	bool closed;
	int fd;

	fd = sim_connect(&p);
	/* Unfinished: no reply, and the connection stays open. */
	send_str(fd, "{\"jsonrpc\":\"2.0\",\"method\":\"spdk_get");
	recv_values(fd, 0, QUIET, &closed);
	ck_assert(rbuf[0] == '\0' && !closed);
	send_str(fd, "_version\",\"id\":5}{\"method\":\"framework_wait_init\",\"id\":6}\n"
		 "{\"method\":\"framework_wait_init\"}"
		 "{\"method\":\"framework_wait_init\",\"id\":7}");
	recv_values(fd, 3, ANSWER, &closed);
	ck_assert_msg(strstr(rbuf, "\"id\":5,\"result\":{\"version\"") == rbuf + 17, "%s", rbuf);
	ck_assert_msg(strstr(rbuf, "}}\n{\"jsonrpc\":\"2.0\",\"id\":6,\"result\":true}\n"
			     "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":true}\n") != NULL,
		      "%s", rbuf);
	/* Then garbage: nothing more, and the server hangs up. */
	send_str(fd, "]");
	recv_values(fd, 0, ANSWER, &closed);
	ck_assert(closed && rbuf[0] == '\0');
	close(fd);

	/* The other connections do not notice. */
	fd = sim_connect(&p);
	version_exchange(fd, 8);
	close(fd);
	sim_stop(&p);
}
END_TEST

START_TEST(wait_init_answered_when_another_client_starts_init)
{
	const char *extra[] = { "--wait-for-rpc", NULL };
	struct sim_proc p = start(extra);
	bool closed;
	int a, b;

	a = sim_connect(&p);
	b = sim_connect(&p);
	send_str(a, "{\"jsonrpc\":\"2.0\",\"method\":\"framework_wait_init\",\"id\":14}");
	recv_values(a, 0, QUIET, &closed);
	ck_assert_msg(rbuf[0] == '\0' && !closed, "answered before init: '%s'", rbuf);
	/* Other requests on the waiting connection are not held up. */
	version_exchange(a, 1);
	send_str(b, "{\"jsonrpc\":\"2.0\",\"method\":\"framework_start_init\",\"id\":15}");
	recv_values(b, 1, ANSWER, &closed);
	ck_assert_str_eq(rbuf, "{\"jsonrpc\":\"2.0\",\"id\":15,\"result\":true}\n");
	recv_values(a, 1, ANSWER, &closed);
	ck_assert_str_eq(rbuf, "{\"jsonrpc\":\"2.0\",\"id\":14,\"result\":true}\n");
	close(a);
	close(b);
	sim_stop(&p);
}
END_TEST

START_TEST(set_scenario_over_the_wire)
{
	struct sim_proc p = start(NULL);
	bool closed;
	int fd = sim_connect(&p);

	send_str(fd, "{\"jsonrpc\":\"2.0\",\"method\":\"sim_set_scenario\",\"id\":1,"
		 "\"params\":{\"scenario\":\"steady\"}}");
	recv_values(fd, 1, ANSWER, &closed);
	ck_assert_str_eq(rbuf, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}\n");
	send_str(fd, "{\"jsonrpc\":\"2.0\",\"method\":\"iobuf_get_stats\",\"id\":2}");
	recv_values(fd, 1, ANSWER, &closed);
	ck_assert_msg(strstr(rbuf, "{\"module\":\"nvmf_TCP\"") != NULL, "%s", rbuf);
	ck_assert_msg(strstr(rbuf, "\"cache_size\":128") != NULL, "%s", rbuf);
	close(fd);
	sim_stop(&p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("sim_server");
	TCase *tc = tcase_create("server");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, ready_serves_and_exits_cleanly);
	tcase_add_test(tc, sigint_closes_connections_and_exits);
	tcase_add_test(tc, live_socket_refused_stale_replaced);
	tcase_add_test(tc, not_a_socket_never_touched);
	tcase_add_test(tc, usage_errors_exit_64);
	tcase_add_test(tc, tcp_on_loopback);
	tcase_add_test(tc, sixty_four_connections_then_the_backlog);
	tcase_add_test(tc, request_size_limit);
	tcase_add_test(tc, split_pipelined_and_invalid);
	tcase_add_test(tc, wait_init_answered_when_another_client_starts_init);
	tcase_add_test(tc, set_scenario_over_the_wire);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
