/* rpc_addr: rpc.py's -s/-p rules, plus host:port and [v6]:port. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "rpc_client.h"

static void expect_unix(const char *s, int port, const char *path)
{
	struct rpc_addr a;
	struct mt_err err = { 0 };

	ck_assert_msg(rpc_addr_parse(s, port, &a, &err) == 0, "%s: %s", s ? s : "NULL", err.msg);
	ck_assert(!a.is_tcp);
	ck_assert_str_eq(a.path, path);
}

static void expect_tcp(const char *s, int port, const char *host, unsigned want_port)
{
	struct rpc_addr a;
	struct mt_err err = { 0 };

	ck_assert_msg(rpc_addr_parse(s, port, &a, &err) == 0, "%s: %s", s, err.msg);
	ck_assert_msg(a.is_tcp, "%s is not TCP", s);
	ck_assert_str_eq(a.host, host);
	ck_assert_uint_eq(a.port, want_port);
}

static void expect_error(const char *s, int port, const char *words)
{
	struct rpc_addr a;
	struct mt_err err = { 0 };

	ck_assert_msg(rpc_addr_parse(s, port, &a, &err) < 0, "'%s' -p %d accepted", s, port);
	ck_assert_msg(strstr(err.msg, words) != NULL, "'%s': message '%s' lacks '%s'", s,
		      err.msg, words);
	ck_assert_int_lt(err.code, 0);
}

START_TEST(test_unix)
{
	expect_unix(NULL, -1, RPC_DEFAULT_SOCKET);
	expect_unix(NULL, 4420, RPC_DEFAULT_SOCKET); /* -p means nothing to a Unix socket */
	expect_unix("/var/tmp/spdk.sock", -1, "/var/tmp/spdk.sock");
	expect_unix("/does/not/exist.sock", -1, "/does/not/exist.sock"); /* '/' decides */
	expect_unix("./rel.sock", -1, "./rel.sock");
}
END_TEST

/* A name without '/' is a socket when it exists (rpc.py checks os.path.exists). */
START_TEST(test_existing_relative_path)
{
	char dir[] = "/tmp/memtop-addr-XXXXXX";
	char old[4096];
	int fd;

	ck_assert_ptr_nonnull(getcwd(old, sizeof(old)));
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(chdir(dir), 0);
	expect_tcp("spdk.sock", -1, "spdk.sock", RPC_DEFAULT_PORT);
	fd = open("spdk.sock", O_CREAT | O_WRONLY, 0600);
	ck_assert_int_ge(fd, 0);
	close(fd);
	expect_unix("spdk.sock", -1, "spdk.sock");
	unlink("spdk.sock");
	ck_assert_int_eq(chdir(old), 0);
	rmdir(dir);
}
END_TEST

START_TEST(test_tcp)
{
	expect_tcp("127.0.0.1", -1, "127.0.0.1", 5260);
	expect_tcp("127.0.0.1", 4420, "127.0.0.1", 4420);
	expect_tcp("localhost", -1, "localhost", 5260);
	expect_tcp("127.0.0.1:4420", -1, "127.0.0.1", 4420);
	expect_tcp("127.0.0.1:4420", 4420, "127.0.0.1", 4420);
	expect_tcp("spdk-host:1", -1, "spdk-host", 1);
	expect_tcp("::1", -1, "::1", 5260); /* two or more ':' is an IPv6 literal, as in rpc.py */
	expect_tcp("fe80::1", 7000, "fe80::1", 7000);
	expect_tcp("[::1]:5261", -1, "::1", 5261);
	expect_tcp("[::1]", 65535, "::1", 65535);
	expect_tcp("[::1]", -1, "::1", 5260);
}
END_TEST

START_TEST(test_errors)
{
	char longpath[200];

	expect_error("", -1, "empty");
	expect_error("host:", -1, "bad port");
	expect_error("host:0", -1, "bad port");
	expect_error("host:65536", -1, "bad port");
	expect_error("host:12x", -1, "bad port");
	expect_error("host:-1", -1, "bad port");
	expect_error(":5260", -1, "no host");
	expect_error("[::1", -1, "expected [IPv6]");
	expect_error("[::1]x", -1, "expected [IPv6]");
	expect_error("[]:5260", -1, "no host");
	expect_error("127.0.0.1:4420", 5260, "port given twice");
	expect_error("127.0.0.1", 70000, "bad RPC port");
	expect_error("127.0.0.1", 0, "bad RPC port");
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	expect_error(longpath, -1, "too long");
	/* The longest path a sockaddr_un holds still fits. */
	longpath[107] = '\0';
	expect_unix(longpath, -1, longpath);
}
END_TEST

START_TEST(test_format)
{
	struct rpc_addr a;
	char buf[400];

	ck_assert_int_eq(rpc_addr_parse(NULL, -1, &a, NULL), 0);
	rpc_addr_format(&a, buf, sizeof(buf));
	ck_assert_str_eq(buf, "/var/tmp/spdk.sock");   /* as rpc.py -s takes it */
	ck_assert_int_eq(rpc_addr_parse("10.0.0.2", 4420, &a, NULL), 0);
	rpc_addr_format(&a, buf, sizeof(buf));
	ck_assert_str_eq(buf, "10.0.0.2:4420");
	ck_assert_int_eq(rpc_addr_parse("::1", -1, &a, NULL), 0);
	rpc_addr_format(&a, buf, sizeof(buf));
	ck_assert_str_eq(buf, "[::1]:5260");
	/* What format writes, parse reads back. */
	ck_assert_int_eq(rpc_addr_parse(buf, -1, &a, NULL), 0);
	ck_assert_str_eq(a.host, "::1");
	rpc_addr_format(&a, buf, 6);
	ck_assert_str_eq(buf, "[::1]");
}
END_TEST

static Suite *rpc_addr_suite(void)
{
	Suite *s = suite_create("rpc_addr");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_unix);
	tcase_add_test(tc, test_existing_relative_path);
	tcase_add_test(tc, test_tcp);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_format);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(rpc_addr_suite());
}
