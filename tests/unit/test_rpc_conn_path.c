/*
 * rpc_conn_path through the client: a -s path that is a regular file, a
 * directory or a FIFO is named for what it is, not "connection refused"; a
 * socket nobody listens on still is refused (the control).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "check_main.h"
#include "mt_clock.h"
#include "rpc_client.h"

static char dir[64];
static char path[128];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/memtop-path-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/spdk.sock", dir);
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* The message a first request to path gets. */
static void send_fails(const char *want)
{
	struct rpc_addr addr;
	struct rpc_client *c;
	struct mt_err err = { 0 };
	uint64_t id;

	ck_assert_int_eq(rpc_addr_parse(path, -1, &addr, &err), 0);
	c = rpc_client_new(&addr);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(rpc_client_send(c, "spdk_get_version", NULL, mt_now() + 1, &id, &err), -1);
	ck_assert_int_eq(err.code, RPC_ERR_UNREACHABLE);
	ck_assert_str_eq(err.msg, want);
	rpc_client_free(c);
}

static void want_is(const char *what)
{
	char want[256];

	snprintf(want, sizeof(want), "%s is %s, not a socket", path, what);
	send_fails(want);
}

START_TEST(regular_file)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fclose(f);
	want_is("a regular file");
}
END_TEST

START_TEST(directory)
{
	ck_assert_int_eq(mkdir(path, 0700), 0);
	want_is("a directory");
}
END_TEST

START_TEST(fifo)
{
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	want_is("a FIFO");
}
END_TEST

START_TEST(socket_nobody_listens)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	char want[256];

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	close(fd);   /* the socket file stays, no listener: a target that died */
	snprintf(want, sizeof(want), "connection refused by %s", path);
	send_fails(want);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rpc_conn_path");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, regular_file);
	tcase_add_test(tc, directory);
	tcase_add_test(tc, fifo);
	tcase_add_test(tc, socket_nobody_listens);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
