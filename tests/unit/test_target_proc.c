/*
 * target_proc against procfs trees built here: a net/unix as the kernel
 * prints it (padded inodes, a path with spaces, an abstract name, accepted
 * connections sharing the listener's path) and fd links; processes whose
 * fds cannot be read (a file where the fd directory should be, and a real
 * EACCES after dropping root in a child); every command-line form of
 * -c/--config/--json, relative paths and the failures.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "fixture_io.h"
#include "target_proc.h"

#define UNIX_HEADER "Num       RefCount Protocol Flags    Type St Inode Path\n"
#define LISTEN(inode, path) \
	"0000000000000000: 00000002 00000000 00010000 0001 01 " inode path "\n"

static const char net_unix[] = UNIX_HEADER
	LISTEN("31337", " /var/tmp/spdk.sock")
	/* the accepted connection keeps the listener's name */
	"0000000000000000: 00000003 00000000 00000000 0001 03 31338 /var/tmp/spdk.sock\n"
	LISTEN("40000", " @/var/tmp/spdk.sock")
	LISTEN("41000", " /var/tmp/my spdk.sock")
	"0000000000000000: 00000002 00000000 00000000 0002 01  9876\n"
	LISTEN(" 1234", " /run/short.sock")
	LISTEN("50000", " /var/tmp/orphan.sock");

static void link_fd(const char *root, const char *pid, const char *fd, const char *target)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s/fd", root, pid);
	ck_assert(mkdir(path, 0755) == 0 || errno == EEXIST);
	snprintf(path, sizeof(path), "%s/%s/fd/%s", root, pid, fd);
	ck_assert_msg(symlink(target, path) == 0, "symlink %s: %s", path, strerror(errno));
}

static void make_tree(char *root)
{
	char path[512];

	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(chmod(root, 0755), 0);
	fixture_put(root, "net/unix", net_unix);
	fixture_put(root, "sys/kernel/pid_max", "4194304\n");
	fixture_put(root, "100/comm", "abstract\n");
	link_fd(root, "100", "0", "/dev/null");
	link_fd(root, "100", "3", "socket:[40000]");
	fixture_put(root, "200/comm", "reactor_0\n");
	link_fd(root, "200", "0", "pipe:[5]");
	link_fd(root, "200", "7", "socket:[31337]");
	link_fd(root, "200", "8", "socket:[31338]");
	link_fd(root, "200", "9", "socket:[313370]");
	fixture_put(root, "300/comm", "spaces\n");
	link_fd(root, "300", "4", "socket:[41000]");
	fixture_put(root, "400/comm", "one\n");
	link_fd(root, "400", "1", "socket:[1234]");
	fixture_put(root, "401/comm", "two\n");
	link_fd(root, "401", "2", "socket:[1234]");
	snprintf(path, sizeof(path), "%s/self", root);
	ck_assert_int_eq(symlink("200", path), 0);
}

static int find(const char *root, const char *sock, pid_t *pid, struct mt_err *err)
{
	return target_proc_find(root, sock, pid, err);
}

START_TEST(finds_the_listener)
{
	char root[] = "/tmp/memtop-proc-XXXXXX";
	struct mt_err err = { 0, "" };
	pid_t pid;

	make_tree(root);
	ck_assert_msg(find(root, "/var/tmp/spdk.sock", &pid, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(pid, 200);
	ck_assert_msg(find(root, "@/var/tmp/spdk.sock", &pid, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(pid, 100);
	ck_assert_msg(find(root, "/var/tmp/my spdk.sock", &pid, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(pid, 300);
	fixture_rm_tree(root);
}
END_TEST

START_TEST(check_confirms_only_the_holder)
{
	char root[] = "/tmp/memtop-proc-XXXXXX";
	struct mt_err err = { 0, "" };

	make_tree(root);
	ck_assert_msg(target_proc_check(root, "/var/tmp/spdk.sock", 200, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(target_proc_check(root, "@/var/tmp/spdk.sock", 100, &err), 0);
	/* A pid that holds another socket, and one that does not exist. */
	ck_assert_int_eq(target_proc_check(root, "/var/tmp/spdk.sock", 300, &err), -ENOENT);
	ck_assert_str_eq(err.msg, "pid 300 does not hold the socket listening on "
			 "'/var/tmp/spdk.sock' (1 of its fds read)");
	ck_assert_int_eq(target_proc_check(root, "/var/tmp/spdk.sock", 999, &err), -ENOENT);
	ck_assert_str_eq(err.msg, "pid 999 does not hold the socket listening on "
			 "'/var/tmp/spdk.sock' (0 of its fds read)");
	ck_assert_int_eq(target_proc_check(root, "/var/tmp/other.sock", 200, &err), -ENOENT);
	ck_assert_ptr_nonnull(strstr(err.msg, "no listening Unix socket bound to"));
	fixture_rm_tree(root);
}
END_TEST

START_TEST(not_found_says_what_was_tried)
{
	char root[] = "/tmp/memtop-proc-XXXXXX", want[512];
	struct mt_err err = { 0, "" };
	pid_t pid = 1;

	make_tree(root);
	ck_assert_int_eq(find(root, "/var/tmp/other.sock", &pid, &err), -ENOENT);
	ck_assert_int_eq(pid, 0);
	snprintf(want, sizeof(want), "no listening Unix socket bound to '/var/tmp/other.sock' in "
		 "%s/net/unix (7 sockets listed, 0 with that name not listening): is the target "
		 "running, in this network namespace, started with that -r path?", root);
	ck_assert_str_eq(err.msg, want);
	/* "/var/tmp/spdk" is a prefix of a bound path, not a path. */
	ck_assert_int_eq(find(root, "/var/tmp/spdk", &pid, &err), -ENOENT);
	ck_assert_int_eq(find(root, "/var/tmp/orphan.sock", &pid, &err), -ENOENT);
	snprintf(want, sizeof(want), "no process holds the socket listening on "
		 "'/var/tmp/orphan.sock' (inode 50000 in %s/net/unix): 5 processes, 9 fds read",
		 root);
	ck_assert_str_eq(err.msg, want);
	fixture_rm_tree(root);
}
END_TEST

START_TEST(two_holders_are_ambiguous)
{
	char root[] = "/tmp/memtop-proc-XXXXXX";
	struct mt_err err = { 0, "" };
	pid_t pid;

	make_tree(root);
	ck_assert_int_eq(find(root, "/run/short.sock", &pid, &err), -EEXIST);
	ck_assert_msg(strstr(err.msg, "held by pids 400 and 401") ||
		      strstr(err.msg, "held by pids 401 and 400"), "%s", err.msg);
	ck_assert_ptr_nonnull(strstr(err.msg, "which one is the target cannot be told"));
	fixture_rm_tree(root);
}
END_TEST

START_TEST(unreadable_fds_counted)
{
	char root[] = "/tmp/memtop-proc-XXXXXX", want[512];
	struct mt_err err = { 0, "" };
	pid_t pid;

	make_tree(root);
	/* A process we cannot look into: its fd "directory" is not one. */
	fixture_put(root, "500/fd", "not a directory\n");
	ck_assert_int_eq(find(root, "/var/tmp/orphan.sock", &pid, &err), -EACCES);
	snprintf(want, sizeof(want), "no process we could read holds the socket on "
		 "'/var/tmp/orphan.sock' (inode 50000): 5 processes read, 1 could not be; run as "
		 "root or as the target's user");
	ck_assert_str_eq(err.msg, want);
	/* The target itself is still found among those we can read. */
	ck_assert_int_eq(find(root, "/var/tmp/spdk.sock", &pid, &err), 0);
	ck_assert_int_eq(pid, 200);
	fixture_rm_tree(root);
}
END_TEST

/*
 * The longest realistic "what would enable it": a 107-byte socket path
 * (sun_path's limit), a 10-digit inode, counts of the scan's bound and the
 * bound hit, behind the errors overlay's prefix, still ends with its remedy.
 */
START_TEST(longest_message_keeps_its_remedy)
{
	char root[] = "/tmp/memtop-proc-XXXXXX", sock[108], unix_text[512], line[MT_ERR_LEN];
	const char *remedy = "; run as root or as the target's user";
	/* What the fixture does not reach: 5-digit counts and the bound's words. */
	size_t unexercised = 2 * (strlen("65537") - 1) + strlen(" (the scan's bound hit)");
	struct mt_err err = { 0, "" };
	pid_t pid;

	memset(sock, 'a', sizeof(sock) - 1);
	sock[0] = '/';
	sock[sizeof(sock) - 1] = '\0';
	snprintf(unix_text, sizeof(unix_text), UNIX_HEADER LISTEN("4294967295", " %s"), sock);
	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(chmod(root, 0755), 0);
	fixture_put(root, "net/unix", unix_text);
	fixture_put(root, "500/fd", "not a directory\n");
	ck_assert_int_eq(find(root, sock, &pid, &err), -EACCES);
	snprintf(line, sizeof(line), "exact pool occupancy: %s", err.msg);
	ck_assert_msg(strlen(line) + unexercised < MT_ERR_LEN - 1, "%zu + %zu bytes: %s",
		      strlen(line), unexercised, line);
	ck_assert_str_eq(line + strlen(line) - strlen(remedy), remedy);
	/* The path, shortened to 48 bytes, keeps both ends. */
	ck_assert_msg(strstr(line, " '/aaaaaaaaaaaaaa...aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' "), "%s", line);
	fixture_rm_tree(root);
}
END_TEST

/* A real EACCES: an fd directory of mode 0700 looked at by another user. */
START_TEST(permission_denied_as_another_user)
{
	char root[] = "/tmp/memtop-proc-XXXXXX", path[512];
	pid_t child;
	int status;

	make_tree(root);
	snprintf(path, sizeof(path), "%s/200/fd", root);
	ck_assert_int_eq(chmod(path, 0700), 0);
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		struct mt_err err = { 0, "" };
		pid_t pid;
		int rc;

		/* Root reads everything: become nobody.  Anyone else: close the directory. */
		if (geteuid() == 0) {
			if (setgid(65534) != 0 || setuid(65534) != 0)
				_exit(2);
		} else if (chmod(path, 0) != 0) {
			_exit(3);
		}
		rc = target_proc_find(root, "/var/tmp/spdk.sock", &pid, &err);
		if (rc != -EACCES || !strstr(err.msg, "1 could not be"))
			_exit(1);
		/* Checking that one pid: not "does not hold", but "may not be listed". */
		rc = target_proc_check(root, "/var/tmp/spdk.sock", 200, &err);
		_exit(rc == -EACCES && strstr(err.msg, "pid 200's fds may not be listed") ? 0 : 4);
	}
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_int_eq(chmod(path, 0755), 0);
	fixture_rm_tree(root);
}
END_TEST

START_TEST(procfs_missing_pieces)
{
	char root[] = "/tmp/memtop-proc-XXXXXX", want[512];
	struct mt_err err = { 0, "" };
	pid_t pid;

	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(find(root, "/var/tmp/spdk.sock", &pid, &err), -ENOENT);
	snprintf(want, sizeof(want), "cannot read %s/net/unix: %s", root, strerror(ENOENT));
	ck_assert_str_eq(err.msg, want);
	rmdir(root);
	ck_assert_int_eq(find(root, "/var/tmp/spdk.sock", &pid, &err), -ENOENT);
	snprintf(want, sizeof(want), "cannot open %s: %s", root, strerror(ENOENT));
	ck_assert_str_eq(err.msg, want);
}
END_TEST

/* ---- the config file on the command line ------------------------------ */

static void put_cmdline(const char *root, int pid, const char *const *argv)
{
	char path[512], buf[4096];
	size_t n = 0;
	int fd;

	snprintf(path, sizeof(path), "%d/comm", pid);
	fixture_put(root, path, "spdk_tgt\n");
	for (int i = 0; argv[i]; i++) {
		size_t l = strlen(argv[i]) + 1;

		ck_assert_uint_lt(n + l, sizeof(buf));
		memcpy(buf + n, argv[i], l);
		n += l;
	}
	snprintf(path, sizeof(path), "%s/%d/cmdline", root, pid);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, buf, n), (ssize_t)n);
	close(fd);
}

struct cmdline_case {
	const char *argv[10];
	int rc;
	const char *want;   /* the path, or a part of the message */
};

static const struct cmdline_case cases[] = {
	{ { "spdk_tgt", "-c", "/etc/spdk/tgt.json" }, 0, "/etc/spdk/tgt.json" },
	{ { "spdk_tgt", "-c/etc/a.json" }, 0, "/etc/a.json" },
	{ { "spdk_tgt", "--config", "x.json" }, 0, "/srv/spdk/x.json" },
	{ { "spdk_tgt", "--config=conf/y.json" }, 0, "/srv/spdk/conf/y.json" },
	{ { "spdk_tgt", "--json", "/a.json", "-m", "0x3" }, 0, "/a.json" },
	{ { "bdevperf", "--json=./b.json", "-q", "128" }, 0, "/srv/spdk/./b.json" },
	{ { "spdk_tgt", "-dc", "/c.json" }, 0, "/c.json" },
	{ { "spdk_tgt", "-udcz.json" }, 0, "/srv/spdk/z.json" },
	{ { "spdk_tgt", "-c", "/1.json", "--json", "/2.json" }, 0, "/2.json" },
	{ { "spdk_tgt", "extra", "-r", "/var/tmp/s.sock", "-c", "/p.json" }, 0, "/p.json" },
	{ { "spdk_tgt", "--json-ignore-init-errors", "--json", "/j.json" }, 0, "/j.json" },
	{ { "spdk_tgt", "-m", "-c", "-c", "/v.json" }, 0, "/v.json" },
	{ { "spdk_tgt", "-m", "-c" }, -ENOENT,
	  "pid 123 was started without -c, --config or --json: spdk_tgt -m -c" },
	{ { "spdk_tgt", "-L", "--json", "--wait-for-rpc" }, -ENOENT, "started without" },
	{ { "spdk_tgt", "--", "-c", "/x.json" }, -ENOENT, "started without" },
	{ { "bdevperf", "-qc", "/x.json" }, -ENOENT, "started without" },
	{ { "spdk_tgt", "--conf=/x.json" }, -ENOENT, "started without" },
	{ { "spdk_tgt", "--config=" }, -ENOENT, "pid 123: --config was given an empty path" },
	{ { "spdk_tgt", "-c" }, -ENOENT, "started without" },
};

START_TEST(every_flag_form)
{
	const struct cmdline_case *c = &cases[_i];
	char root[] = "/tmp/memtop-proc-XXXXXX", path[512], out[256];
	struct mt_err err = { 0, "" };
	int rc;

	ck_assert_ptr_nonnull(mkdtemp(root));
	put_cmdline(root, 123, c->argv);
	snprintf(path, sizeof(path), "%s/123/cwd", root);
	ck_assert_int_eq(symlink("/srv/spdk", path), 0);
	rc = target_proc_config_path(root, 123, out, sizeof(out), &err);
	ck_assert_msg(rc == c->rc, "case %d: rc %d, %s", _i, rc, err.msg);
	if (rc == 0)
		ck_assert_str_eq(out, c->want);
	else
		ck_assert_msg(strstr(err.msg, c->want) != NULL, "case %d: %s", _i, err.msg);
	fixture_rm_tree(root);
}
END_TEST

START_TEST(config_path_failures)
{
	char root[] = "/tmp/memtop-proc-XXXXXX", path[512], out[256], want[512];
	static const char *const rel[] = { "spdk_tgt", "-c", "rel.json", NULL };
	struct mt_err err = { 0, "" };
	int fd;

	ck_assert_ptr_nonnull(mkdtemp(root));
	/* Relative, and no cwd link to resolve it against. */
	put_cmdline(root, 7, rel);
	ck_assert_int_eq(target_proc_config_path(root, 7, out, sizeof(out), &err), -ENOENT);
	snprintf(want, sizeof(want), "pid 7: -c rel.json is relative and %s/7/cwd cannot be "
		 "read: %s", root, strerror(ENOENT));
	ck_assert_str_eq(err.msg, want);
	/* cwd "/" does not double the slash. */
	snprintf(path, sizeof(path), "%s/7/cwd", root);
	ck_assert_int_eq(symlink("/", path), 0);
	ck_assert_int_eq(target_proc_config_path(root, 7, out, sizeof(out), &err), 0);
	ck_assert_str_eq(out, "/rel.json");
	/* Too long for the caller's buffer. */
	ck_assert_int_eq(target_proc_config_path(root, 7, out, 5, &err), -ENAMETOOLONG);
	ck_assert_str_eq(err.msg, "pid 7: config path rel.json longer than 4 bytes");
	/* No such process. */
	ck_assert_int_eq(target_proc_config_path(root, 8, out, sizeof(out), &err), -ENOENT);
	snprintf(want, sizeof(want), "cannot read %s/8/cmdline: %s", root, strerror(ENOENT));
	ck_assert_str_eq(err.msg, want);
	/* A kernel thread: an empty command line. */
	fixture_put(root, "9/cmdline", "");
	ck_assert_int_eq(target_proc_config_path(root, 9, out, sizeof(out), &err), -ENOENT);
	ck_assert_ptr_nonnull(strstr(err.msg, "empty (a kernel thread, or a process that exited)"));
	/* Past the bound. */
	snprintf(path, sizeof(path), "%s/9/cmdline", root);
	fd = open(path, O_WRONLY | O_TRUNC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, TARGET_PROC_MAX_CMDLINE + 1), 0);
	close(fd);
	ck_assert_int_eq(target_proc_config_path(root, 9, out, sizeof(out), &err), -E2BIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "longer than the 128 KiB read"));
	fixture_rm_tree(root);
}
END_TEST

START_TEST(this_process_for_real)
{
	char dir[] = "/tmp/memtop-proc-XXXXXX", out[256];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct mt_err err = { 0, "" };
	pid_t pid = 0;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	/* A socket this process listens on, found through the real /proc. */
	ck_assert_int_ge(fd, 0);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/rpc sock", dir);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(listen(fd, 1), 0);
	ck_assert_msg(target_proc_find(NULL, sa.sun_path, &pid, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(pid, getpid());
	close(fd);
	unlink(sa.sun_path);
	rmdir(dir);

	/* Our own command line has no config: the real /proc answers as a fixture does. */
	ck_assert_int_eq(target_proc_config_path(NULL, getpid(), out, sizeof(out), &err), -ENOENT);
	ck_assert_ptr_nonnull(strstr(err.msg, "was started without -c, --config or --json"));
}
END_TEST

static Suite *target_proc_suite(void)
{
	Suite *s = suite_create("target_proc");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, finds_the_listener);
	tcase_add_test(tc, check_confirms_only_the_holder);
	tcase_add_test(tc, not_found_says_what_was_tried);
	tcase_add_test(tc, two_holders_are_ambiguous);
	tcase_add_test(tc, unreadable_fds_counted);
	tcase_add_test(tc, longest_message_keeps_its_remedy);
	tcase_add_test(tc, permission_denied_as_another_user);
	tcase_add_test(tc, procfs_missing_pieces);
	tcase_add_loop_test(tc, every_flag_form, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, config_path_failures);
	tcase_add_test(tc, this_process_for_real);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(target_proc_suite());
}
