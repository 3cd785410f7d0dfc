/*
 * dash_consumers: which process the H view's scan calls the target when only
 * the socket tells (no --target-pid, no rings read).  Against a procfs tree
 * built here: the holder found is reused only while it still holds the
 * socket; a target restarted as another process, or not found the first
 * time, is looked up again.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "cli_options.h"
#include "dash_consumers.h"
#include "fixture_io.h"
#include "snapshot.h"

static const char net_unix[] =
	"Num       RefCount Protocol Flags    Type St Inode Path\n"
	"0000000000000000: 00000002 00000000 00010000 0001 01 31337 /var/tmp/spdk.sock\n";

static void hold_socket(const char *root, const char *pid, bool holds)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s/fd", root, pid);
	ck_assert(mkdir(path, 0755) == 0 || errno == EEXIST);
	snprintf(path, sizeof(path), "%s/%s/fd/7", root, pid);
	unlink(path);
	if (holds)
		ck_assert_int_eq(symlink("socket:[31337]", path), 0);
}

static int scan_target(struct dash_consumers *c, const struct snapshot *cur)
{
	dash_consumers_start(c, cur, true, 0);
	while (!dash_consumers_step(c, true, cur, true, 0))
		;
	return c->found_pid;
}

START_TEST(the_holder_is_confirmed_before_reuse)
{
	char root[] = "/tmp/memtop-dashc-XXXXXX";
	static struct snapshot cur;
	struct cli_options opts;
	struct dash_consumers c;

	ck_assert_ptr_nonnull(mkdtemp(root));
	fixture_put(root, "mounts", "");
	fixture_put(root, "200/comm", "reactor_0\n");
	fixture_put(root, "300/comm", "reactor_0\n");
	hold_socket(root, "200", false);
	hold_socket(root, "300", false);
	cli_options_defaults(&opts);
	opts.procfs_root = root;
	snprintf(cur.target, sizeof(cur.target), "/var/tmp/spdk.sock");
	ck_assert_int_eq(dash_consumers_init(&c, &opts, false), 0);

	/* no net/unix yet: nobody found, and that is not kept */
	ck_assert_int_eq(scan_target(&c, &cur), 0);
	fixture_put(root, "net/unix", net_unix);
	hold_socket(root, "200", true);
	ck_assert_int_eq(scan_target(&c, &cur), 200);
	ck_assert_int_eq(hp_scan_last(c.scan)->target_pid, 200);
	ck_assert_int_eq(scan_target(&c, &cur), 200);
	/* the target restarted: another process holds the socket now */
	hold_socket(root, "200", false);
	hold_socket(root, "300", true);
	ck_assert_int_eq(scan_target(&c, &cur), 300);
	ck_assert_int_eq(hp_scan_last(c.scan)->target_pid, 300);

	dash_consumers_fini(&c);
	fixture_rm_tree(root);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("dash_consumers");
	TCase *tc = tcase_create("target");

	tcase_add_test(tc, the_holder_is_confirmed_before_reuse);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
