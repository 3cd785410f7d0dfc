/*
 * The server's side of the faults, on the wire against the process: the
 * control socket still answers, hang-reply holds the rest of a reply until
 * the fault is cleared, conns-full makes a connect fail at once with EAGAIN,
 * die removes the socket and serves again on the same path, and a fault set
 * on the target's own socket leaves the setter's reply alone.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "check_main.h"
#include "mt_clock.h"
#include "sim_harness.h"

#define VERSION_REQ "{\"jsonrpc\":\"2.0\",\"method\":\"spdk_get_version\",\"id\":9}"
#define VERSION_START "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":"

static char ctl_dir[64];
static char ctl_path[108];
static char rbuf[1 << 16];

static struct sim_proc start(void)
{
	const char *args[] = { "--scenario", "steady", "--control-socket", ctl_path, NULL };
	struct mt_err err = { 0 };
	struct sim_proc p;

	snprintf(ctl_dir, sizeof(ctl_dir), "/tmp/memtop-ctl.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(ctl_dir));
	snprintf(ctl_path, sizeof(ctl_path), "%s/c.sock", ctl_dir);
	ck_assert_msg(sim_start(&p, args, &err) == 0, "%s", err.msg);
	return p;
}

static void stop(struct sim_proc *p)
{
	sim_stop(p);
	unlink(ctl_path);
	rmdir(ctl_dir);
}

/* sim_set_fault on the control socket: a sim_proc whose socket is the control one. */
static void set_fault(const struct sim_proc *p, const char *params)
{
	struct sim_proc ctl = *p;
	struct mt_err err = { 0 };
	json_t *r;

	snprintf(ctl.sock_path, sizeof(ctl.sock_path), "%s", ctl_path);
	r = sim_rpc(&ctl, "sim_set_fault", params, 5.0, &err);
	ck_assert_msg(r, "sim_set_fault %s: %s", params, err.msg);
	ck_assert_msg(json_is_true(json_object_get(r, "result")), "sim_set_fault %s", params);
	json_decref(r);
}

static void send_version(int fd)
{
	ck_assert_int_eq(write(fd, VERSION_REQ, strlen(VERSION_REQ)), (ssize_t)strlen(VERSION_REQ));
}

static const char *recv_values(int fd, size_t want, double timeout, bool *closed)
{
	ssize_t n = sim_read_values(fd, rbuf, sizeof(rbuf) - 1, want, timeout, closed);

	ck_assert_int_ge(n, 0);
	rbuf[n] = '\0';
	return rbuf;
}

/* A version request on fd gets its reply. */
static void expect_version(int fd)
{
	bool closed;

	send_version(fd);
	ck_assert(strncmp(recv_values(fd, 1, 3.0, &closed), VERSION_START,
			  strlen(VERSION_START)) == 0);
}

/* The target's socket serves again: a version exchange on a fresh connection. */
static void serves(const struct sim_proc *p)
{
	int fd = sim_connect(p);

	ck_assert_int_ge(fd, 0);
	expect_version(fd);
	close(fd);
}

/* A non-blocking connect to path: 0 or the errno. */
static int try_connect(const char *path, int *fd)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	*fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	ck_assert_int_ge(*fd, 0);
	if (connect(*fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
		return 0;
	close(*fd);
	*fd = -1;
	return errno;
}

START_TEST(hang_reply_held_until_cleared)
{
	struct sim_proc p = start();
	bool closed = false;
	int fd;

	set_fault(&p, "{\"fault\":\"hang-reply\"}");
	fd = sim_connect(&p);
	ck_assert_int_ge(fd, 0);
	send_version(fd);
	/* Up to "result": and no more, however long one waits. */
	ck_assert_str_eq(recv_values(fd, 0, 0.5, &closed), VERSION_START);
	ck_assert(!closed);
	set_fault(&p, "{\"fault\":\"none\"}");
	recv_values(fd, 0, 1.0, &closed);
	ck_assert_msg(strncmp(rbuf, "{\"version\":\"SPDK v26.09", 22) == 0, "rest: '%s'", rbuf);
	/* And the connection goes on. */
	expect_version(fd);
	close(fd);
	stop(&p);
}
END_TEST

START_TEST(conns_full_refuses_at_once)
{
	struct sim_proc p = start();
	int fd, e;

	set_fault(&p, "{\"fault\":\"conns-full\"}");
	e = try_connect(p.sock_path, &fd);
	ck_assert_msg(e == EAGAIN, "connect: %s, expected EAGAIN", strerror(e));
	set_fault(&p, "{\"fault\":\"none\"}");
	serves(&p);
	stop(&p);
}
END_TEST

START_TEST(die_set_on_the_target_and_back)
{
	static const char req[] = "{\"jsonrpc\":\"2.0\",\"method\":\"sim_set_fault\",\"id\":1,"
				  "\"params\":{\"fault\":\"die\",\"seconds\":1}}";
	struct sim_proc p = start();
	struct stat st;
	bool closed = false;
	double t0;
	int fd;

	fd = sim_connect(&p);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, req, strlen(req)), (ssize_t)strlen(req));
	/* The setter gets its reply, then goes with the rest. */
	ck_assert_str_eq(recv_values(fd, 0, 3.0, &closed),
			 "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}\n");
	ck_assert(closed);
	close(fd);
	ck_assert_int_eq(stat(p.sock_path, &st), -1);
	ck_assert_int_eq(errno, ENOENT);
	/* Back on the same path after the second (polled, with slack for a loaded machine). */
	t0 = mt_now();
	while (stat(p.sock_path, &st) != 0 && mt_now() - t0 < 10.0)
		usleep(10000);
	ck_assert_msg(S_ISSOCK(st.st_mode), "%s not back", p.sock_path);
	ck_assert_msg(mt_now() - t0 < 5.0, "back after %.1f s", mt_now() - t0);
	serves(&p);
	stop(&p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("sim_server_faults");
	TCase *tc = tcase_create("faults");

	tcase_add_test(tc, hang_reply_held_until_cleared);
	tcase_add_test(tc, conns_full_refuses_at_once);
	tcase_add_test(tc, die_set_on_the_target_and_back);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
