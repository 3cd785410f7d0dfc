/* atomic_file and actions_write_file: whole or nothing, the --read-only gate, errors named. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actions.h"
#include "atomic_file.h"
#include "check_main.h"
#include "fixture_io.h"

static char dir[64];

static void make_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/memtop-atomic.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static size_t entries(const char *d)
{
	DIR *h = opendir(d);
	struct dirent *e;
	size_t n = 0;

	ck_assert_ptr_nonnull(h);
	while ((e = readdir(h)))
		n += e->d_name[0] != '.';
	closedir(h);
	return n;
}

START_TEST(replaces_whole)
{
	char path[128], *got;
	struct mt_err e = { 0 };
	struct stat st;

	make_dir();
	snprintf(path, sizeof(path), "%s/m.prom", dir);
	ck_assert_int_eq(atomic_file_write(path, "one\n", 4, 0644, &e), 0);
	ck_assert_int_eq(atomic_file_write(path, "two two\n", 8, 0644, &e), 0);
	got = fixture_read(path, NULL);
	ck_assert_str_eq(got, "two two\n");
	free(got);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	ck_assert_uint_eq(entries(dir), 1);   /* no temporary left behind */

	/* A directory that is not there: an error naming the path, nothing created. */
	snprintf(path, sizeof(path), "%s/no/m.prom", dir);
	ck_assert_int_eq(atomic_file_write(path, "x", 1, 0644, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "/no/m.prom: cannot create a temporary file"));
	ck_assert_int_eq(atomic_file_mkdirs(path, &e), 0);   /* makes no/ and m.prom/ */
	snprintf(path, sizeof(path), "%s/no/m.prom/x", dir);
	ck_assert_int_eq(atomic_file_write(path, "x", 1, 0644, &e), 0);
	fixture_rm_tree(dir);
}
END_TEST

/* create never replaces: an existing file is kept byte for byte, no temporary left. */
START_TEST(create_keeps_existing)
{
	char path[128], *got;
	struct mt_err e = { 0 };

	make_dir();
	snprintf(path, sizeof(path), "%s/dump.jsonl", dir);
	ck_assert_int_eq(atomic_file_create(path, "first\n", 6, 0600, &e), 0);
	ck_assert_int_eq(atomic_file_create(path, "second\n", 7, 0600, &e), -1);
	ck_assert_int_eq(e.code, -EEXIST);
	ck_assert_ptr_nonnull(strstr(e.msg, "/dump.jsonl: rename: File exists; not changed"));
	got = fixture_read(path, NULL);
	ck_assert_str_eq(got, "first\n");
	free(got);
	ck_assert_uint_eq(entries(dir), 1);
	fixture_rm_tree(dir);
}
END_TEST

/* A fill that writes "a\n", "bb\n", ... in pieces, or fails after two. */
static int fill_pieces(void *ctx, int fd)
{
	const int *fail = ctx;
	const char *const pieces[] = { "a\n", "bb\n", "ccc\n" };

	for (int i = 0; i < 3; i++) {
		if (*fail && i == 2) {
			errno = EIO;
			return -1;
		}
		if (atomic_file_write_all(fd, pieces[i], strlen(pieces[i])))
			return -1;
	}
	return 0;
}

/* create_with: what the fill wrote, whole; a fill that fails leaves nothing behind. */
START_TEST(create_with_a_fill)
{
	char path[128], *got;
	struct mt_err e = { 0 };
	int fail = 1;

	make_dir();
	snprintf(path, sizeof(path), "%s/dump.jsonl", dir);
	ck_assert_int_eq(atomic_file_create_with(path, fill_pieces, &fail, 0600, &e), -1);
	ck_assert_int_eq(e.code, -EIO);
	ck_assert_ptr_nonnull(strstr(e.msg, "/dump.jsonl: write: "));
	ck_assert_uint_eq(entries(dir), 0);
	fail = 0;
	ck_assert_int_eq(atomic_file_create_with(path, fill_pieces, &fail, 0600, &e), 0);
	got = fixture_read(path, NULL);
	ck_assert_str_eq(got, "a\nbb\nccc\n");
	free(got);
	ck_assert_uint_eq(entries(dir), 1);
	fixture_rm_tree(dir);
}
END_TEST

START_TEST(through_the_gate)
{
	struct actions_config ro = { .read_only = true }, rw = { 0 };
	struct rpc_addr addr;
	struct mt_err e = { 0 };
	struct action_result r;
	struct actions *a;
	char path[128], line[300];

	make_dir();
	ck_assert_int_eq(rpc_addr_parse("/tmp/none.sock", -1, &addr, &e), 0);
	snprintf(path, sizeof(path), "%s/b/base.json", dir);

	a = actions_new(&ro, &addr);
	ck_assert_int_eq(actions_write_file(a, ACTION_SAVE_BASELINE, path, "{}", 2, true, &r), -1);
	ck_assert_int_eq(r.outcome, ACTION_REFUSED);
	action_result_describe(&r, line, sizeof(line));
	ck_assert_str_eq(line, "save baseline: refused: --read-only (nothing was sent or written)");
	ck_assert_uint_eq(entries(dir), 0);   /* not even the directory */
	actions_free(a);

	a = actions_new(&rw, &addr);
	ck_assert_int_eq(actions_write_file(a, ACTION_SAVE_BASELINE, path, "{}", 2, true, &r), 0);
	ck_assert_int_eq(r.outcome, ACTION_OK);
	action_result_describe(&r, line, sizeof(line));
	ck_assert_ptr_nonnull(strstr(line, "save baseline: wrote "));
	ck_assert_ptr_nonnull(strstr(line, "/b/base.json"));
	actions_free(a);
	fixture_rm_tree(dir);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("atomic_file");
	TCase *t = tcase_create("write");

	tcase_add_test(t, replaces_whole);
	tcase_add_test(t, create_keeps_existing);
	tcase_add_test(t, create_with_a_fill);
	tcase_add_test(t, through_the_gate);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
