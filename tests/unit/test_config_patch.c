/*
 * config_patch against copies of the fixture configs (tests/fixtures/configs)
 * in a directory of the test's own under /tmp: the recorded save_config with
 * only large_pool_count changed (bytes, parsed JSON, .bak, owner and mode),
 * the pieces that get added, the files that are refused untouched (not JSON,
 * numbers jansson cannot keep, duplicates, comments, wrong shapes, hard
 * links, too big), symlinks, a plan gone stale, a written file that does not
 * check out, a write that fails half way, read-only file and directory, and
 * the rpc.py line.  Root passes every permission check, so the permission
 * tests run their plan and apply in a child that drops to uid 65534; when it
 * cannot, main() leaves them out and says how many it skipped.
 */
#include <check.h>
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "config_patch.h"
#include "fixture_io.h"

#define CONFIGS MEMTOP_FIXTURES "/configs"
#define NOBODY 65534

struct sandbox {
	char dir[PATH_MAX];
	char file[PATH_MAX + 32];   /* the config under test */
};

/* A directory of the test's own (realpath'd: /tmp may be a link) with fixture `name` in it. */
static void sandbox_with(struct sandbox *sb, const char *name)
{
	char tmpl[] = "/tmp/memtop-cfg-XXXXXX", fixture[PATH_MAX];
	char *text;

	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	ck_assert_ptr_nonnull(realpath(tmpl, sb->dir));
	snprintf(sb->file, sizeof(sb->file), "%s/config.json", sb->dir);
	if (!name)
		return;
	snprintf(fixture, sizeof(fixture), "%s/%s", CONFIGS, name);
	text = fixture_read(fixture, NULL);
	fixture_write(sb->file, text);
	free(text);
}

static void sandbox_rm(struct sandbox *sb)
{
	chmod(sb->dir, 0700);
	fixture_rm_tree(sb->dir);
}

static char *fixture_text(const char *name, size_t *len)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", CONFIGS, name);
	return fixture_read(path, len);
}

/* Temporary files this module leaves behind: there must never be any. */
static int temps_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		n += strstr(e->d_name, ".memtop-") != NULL;
	closedir(d);
	return n;
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static void assert_file_is(const char *path, const char *want, size_t want_len)
{
	size_t len;
	char *got = fixture_read(path, &len);

	ck_assert_msg(len == want_len && !memcmp(got, want, len),
		      "%s: %zu bytes, not the %zu expected", path, len, want_len);
	free(got);
}

static void assert_fixture_untouched(const struct sandbox *sb, const char *name)
{
	char bak[PATH_MAX + 32];
	size_t len;
	char *want = fixture_text(name, &len);

	assert_file_is(sb->file, want, len);
	free(want);
	snprintf(bak, sizeof(bak), "%s.bak", sb->file);
	ck_assert_msg(!exists(bak), "%s made for a change that failed", bak);
	ck_assert_int_eq(temps_in(sb->dir), 0);
}

/* text with the first `from` replaced by `to` (which must be there). */
static char *replaced(const char *text, const char *from, const char *to, size_t *len)
{
	const char *at = strstr(text, from);
	size_t n = strlen(text) - strlen(from) + strlen(to);
	char *out = malloc(n + 1);

	ck_assert_msg(at != NULL, "'%s' not in the text", from);
	ck_assert_ptr_nonnull(out);
	memcpy(out, text, (size_t)(at - text));
	strcpy(out + (at - text), to);
	strcat(out, at + strlen(from));
	*len = n;
	return out;
}

static struct iobuf_set_request large(uint64_t n)
{
	struct iobuf_set_request r = { .has_large_pool_count = true, .large_pool_count = n };

	return r;
}

static int plan_apply(const char *path, const struct iobuf_set_request *req, struct mt_err *err)
{
	struct config_patch p;
	int rc = config_patch_plan(path, req, &p, err);

	if (!rc)
		rc = config_patch_apply(&p, err);
	config_patch_free(&p);
	return rc;
}

static void assert_plan_fails(const char *fixture, const struct iobuf_set_request *req, int code,
			      const char *msg_part)
{
	struct sandbox sb;
	struct config_patch p;
	struct mt_err err = { 0 };

	sandbox_with(&sb, fixture);
	ck_assert_int_eq(config_patch_plan(sb.file, req, &p, &err), -1);
	ck_assert_msg(err.code == code, "code %d, not %d: %s", err.code, code, err.msg);
	ck_assert_msg(strstr(err.msg, msg_part), "'%s' not in: %s", msg_part, err.msg);
	ck_assert_ptr_null(p.in.orig);
	assert_fixture_untouched(&sb, fixture);
	sandbox_rm(&sb);
}

START_TEST(test_save_config_only_large_pool_count_changes)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct mt_err err = { 0 };
	struct stat st, bst;
	char bak[PATH_MAX + 32];
	size_t len, want_len;
	char *orig, *want;
	json_t *a, *b;
	bool root = geteuid() == 0;

	sandbox_with(&sb, "save_config.json");
	/* An owner and mode the new file could not get by accident. */
	if (root)
		ck_assert_int_eq(chown(sb.file, 1234, 5678), 0);
	ck_assert_int_eq(chmod(sb.file, 0640), 0);
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(p.real_path, sb.file);
	ck_assert(!p.is_symlink && !p.bak_replaced && p.changes && !p.relayout);
	ck_assert_int_eq(p.added, CONFIG_PATCH_ADDED_NONE);
	ck_assert_int_eq(p.enable_numa, 0);
	ck_assert_str_eq(p.params_path, "subsystems[2].config[0].params");
	ck_assert(p.values[CONFIG_PATCH_LARGE_POOL_COUNT].requested);
	ck_assert(p.values[CONFIG_PATCH_LARGE_POOL_COUNT].old_present);
	ck_assert_uint_eq(p.values[CONFIG_PATCH_LARGE_POOL_COUNT].old_value, 1024);
	ck_assert_uint_eq(p.values[CONFIG_PATCH_LARGE_POOL_COUNT].new_value, 4096);
	ck_assert(!p.values[CONFIG_PATCH_SMALL_POOL_COUNT].requested);
	ck_assert_uint_eq(p.values[CONFIG_PATCH_SMALL_POOL_COUNT].old_value, 8192);
	ck_assert_uint_eq(p.values[CONFIG_PATCH_SMALL_POOL_COUNT].new_value, 8192);
	ck_assert_uint_eq(p.n_diff, 1);
	ck_assert_str_eq(p.diff[0],
			 "subsystems[2].config[0].params.large_pool_count: 1024 -> 4096");
	/* Planning writes nothing. */
	ck_assert_int_eq(temps_in(sb.dir), 0);
	snprintf(bak, sizeof(bak), "%s.bak", sb.file);
	ck_assert(!exists(bak));

	ck_assert_msg(config_patch_apply(&p, &err) == 0, "%s", err.msg);
	config_patch_free(&p);

	/* Byte for byte: the recorded file with that one number changed. */
	orig = fixture_text("save_config.json", &len);
	want = replaced(orig, "\"large_pool_count\": 1024", "\"large_pool_count\": 4096",
			&want_len);
	assert_file_is(sb.file, want, want_len);
	/* And as parsed JSON: only that param differs. */
	a = json_loads(orig, 0, NULL);
	b = fixture_json(sb.file);
	ck_assert(!json_equal(a, b));
	json_object_set_new(json_object_get(json_array_get(json_object_get(json_array_get(
		json_object_get(a, "subsystems"), 2), "config"), 0), "params"),
		"large_pool_count", json_integer(4096));
	ck_assert(json_equal(a, b));
	json_decref(a);
	json_decref(b);

	assert_file_is(bak, orig, len);
	ck_assert_int_eq(stat(sb.file, &st), 0);
	ck_assert_int_eq(stat(bak, &bst), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	ck_assert_uint_eq(bst.st_mode & 07777, 0640);
	if (root) {
		ck_assert_uint_eq(st.st_uid, 1234);
		ck_assert_uint_eq(st.st_gid, 5678);
		ck_assert_uint_eq(bst.st_uid, 1234);
		ck_assert_uint_eq(bst.st_gid, 5678);
	} else {
		fprintf(stderr, "test_save_config_only_large_pool_count_changes: owner not "
				"checked (not root, cannot chown)\n");
	}
	ck_assert_int_eq(temps_in(sb.dir), 0);
	free(orig);
	free(want);
	sandbox_rm(&sb);
}
END_TEST

/* Several keys, absent ones appended after the others; a second change replaces the .bak. */
START_TEST(test_keys_added_and_bak_replaced)
{
	struct sandbox sb;
	struct iobuf_set_request req = {
		.has_small_pool_count = true, .small_pool_count = 16384,
		.has_large_bufsize = true, .large_bufsize = 270336,
	};
	const char *text = "{\"subsystems\": [{\"subsystem\": \"iobuf\", \"config\": [{\"method\": "
			   "\"iobuf_set_options\", \"params\": {\"small_pool_count\": 8192, "
			   "\"enable_numa\": true}}]}]}";
	struct config_patch p;
	struct mt_err err = { 0 };
	char bak[PATH_MAX + 32];
	size_t len;
	char *first;
	json_t *v, *params;
	const char *key;
	json_t *item;
	int i = 0;
	const char *order[] = { "small_pool_count", "enable_numa", "large_bufsize" };

	sandbox_with(&sb, NULL);
	fixture_write(sb.file, text);
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	ck_assert(p.relayout);   /* one line, not save_config's layout */
	ck_assert_int_eq(p.enable_numa, 1);
	ck_assert_uint_eq(p.n_diff, 2);
	ck_assert_str_eq(p.diff[0],
			 "subsystems[0].config[0].params.small_pool_count: 8192 -> 16384");
	ck_assert_str_eq(p.diff[1],
			 "subsystems[0].config[0].params.large_bufsize: absent -> 270336");
	ck_assert_int_eq(config_patch_apply(&p, &err), 0);
	config_patch_free(&p);

	v = fixture_json(sb.file);
	params = json_object_get(json_array_get(json_object_get(json_array_get(
		json_object_get(v, "subsystems"), 0), "config"), 0), "params");
	ck_assert_int_eq(json_object_size(params), 3);
	json_object_foreach(params, key, item)
		ck_assert_str_eq(key, order[i++]);
	ck_assert_int_eq(json_integer_value(json_object_get(params, "small_pool_count")), 16384);
	ck_assert(json_is_true(json_object_get(params, "enable_numa")));
	json_decref(v);

	/* Again: the .bak now holds the first result, the one before this change. */
	snprintf(bak, sizeof(bak), "%s.bak", sb.file);
	first = fixture_read(sb.file, &len);
	req = large(2048);
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	ck_assert(p.bak_replaced && !p.relayout);
	ck_assert_int_eq(config_patch_apply(&p, &err), 0);
	config_patch_free(&p);
	assert_file_is(bak, first, len);
	ck_assert_int_eq(temps_in(sb.dir), 0);
	free(first);
	sandbox_rm(&sb);
}
END_TEST

/* Any layout comes out in save_config's, and the plan says so beforehand. */
START_TEST(test_compact_file_relaid_out)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct mt_err err = { 0 };
	size_t want_len;
	char *orig = fixture_text("save_config.json", NULL);
	char *want = replaced(orig, "\"large_pool_count\": 1024", "\"large_pool_count\": 4096",
			      &want_len);
	char bak[PATH_MAX + 32];
	size_t len;
	char *compact = fixture_text("compact.json", &len);

	sandbox_with(&sb, "compact.json");
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	ck_assert(p.relayout && p.changes);
	ck_assert_int_eq(config_patch_apply(&p, &err), 0);
	config_patch_free(&p);
	assert_file_is(sb.file, want, want_len);
	snprintf(bak, sizeof(bak), "%s.bak", sb.file);
	assert_file_is(bak, compact, len);
	free(orig);
	free(want);
	free(compact);
	sandbox_rm(&sb);
}
END_TEST

/* Parses sb's file and its original fixture; returns the new subsystems array. */
static json_t *patched_subsystems(const struct sandbox *sb, const char *fixture, json_t **orig,
				  json_t **now)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", CONFIGS, fixture);
	*orig = fixture_json(path);
	*now = fixture_json(sb->file);
	return json_object_get(*now, "subsystems");
}

START_TEST(test_no_iobuf_subsystem_is_added_where_save_config_puts_it)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct mt_err err = { 0 };
	json_t *orig, *now, *subs;
	char *dump;

	sandbox_with(&sb, "no_iobuf.json");
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(p.added, CONFIG_PATCH_ADDED_SUBSYSTEM);
	ck_assert(!p.relayout && p.changes);
	ck_assert(!p.values[CONFIG_PATCH_LARGE_POOL_COUNT].old_present);
	ck_assert_int_eq(p.enable_numa, -1);
	ck_assert_str_eq(p.params_path, "subsystems[2].config[0].params");
	ck_assert_uint_eq(p.n_diff, 1);
	ck_assert_str_eq(p.diff[0], "+ subsystems[2]: {\"subsystem\":\"iobuf\",\"config\":"
			 "[{\"method\":\"iobuf_set_options\",\"params\":"
			 "{\"large_pool_count\":4096}}]}");
	ck_assert_int_eq(config_patch_apply(&p, &err), 0);
	config_patch_free(&p);

	subs = patched_subsystems(&sb, "no_iobuf.json", &orig, &now);
	dump = json_dumps(json_array_get(subs, 2), JSON_COMPACT | JSON_PRESERVE_ORDER);
	ck_assert_str_eq(dump, "{\"subsystem\":\"iobuf\",\"config\":[{\"method\":"
			 "\"iobuf_set_options\",\"params\":{\"large_pool_count\":4096}}]}");
	free(dump);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(subs, 1), "subsystem")),
			 "keyring");
	ck_assert_int_eq(json_array_remove(subs, 2), 0);
	ck_assert(json_equal(orig, now));
	json_decref(orig);
	json_decref(now);
	sandbox_rm(&sb);
}
END_TEST

START_TEST(test_iobuf_without_entry_gets_one)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct mt_err err = { 0 };
	json_t *orig, *now, *cfg;

	sandbox_with(&sb, "iobuf_no_entry.json");
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(p.added, CONFIG_PATCH_ADDED_ENTRY);
	ck_assert_str_eq(p.diff[0], "+ subsystems[2].config[0]: {\"method\":\"iobuf_set_options\","
			 "\"params\":{\"large_pool_count\":4096}}");
	ck_assert_int_eq(config_patch_apply(&p, &err), 0);
	config_patch_free(&p);
	cfg = json_object_get(json_array_get(patched_subsystems(&sb, "iobuf_no_entry.json", &orig,
								 &now), 2), "config");
	ck_assert_int_eq(json_array_size(cfg), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
		json_array_get(cfg, 0), "params"), "large_pool_count")), 4096);
	json_array_clear(cfg);
	ck_assert(json_equal(orig, now));
	json_decref(orig);
	json_decref(now);
	sandbox_rm(&sb);
}
END_TEST

/* SPDK writes "config": null for subsystems with nothing to say. */
START_TEST(test_iobuf_config_null_becomes_an_array)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct mt_err err = { 0 };
	json_t *orig, *now, *sub;

	sandbox_with(&sb, "iobuf_config_null.json");
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(p.added, CONFIG_PATCH_ADDED_ENTRY);
	ck_assert_str_eq(p.diff[0], "subsystems[2].config: null -> [{\"method\":"
			 "\"iobuf_set_options\",\"params\":{\"large_pool_count\":4096}}]");
	ck_assert_int_eq(config_patch_apply(&p, &err), 0);
	config_patch_free(&p);
	sub = json_array_get(patched_subsystems(&sb, "iobuf_config_null.json", &orig, &now), 2);
	ck_assert(json_is_array(json_object_get(sub, "config")));
	json_object_set_new(sub, "config", json_null());
	ck_assert(json_equal(orig, now));
	json_decref(orig);
	json_decref(now);
	sandbox_rm(&sb);
}
END_TEST

START_TEST(test_no_subsystems_key_gets_one)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct mt_err err = { 0 };
	const char *want = "{\n  \"subsystems\": [\n    {\n      \"subsystem\": \"iobuf\",\n"
			   "      \"config\": [\n        {\n          \"method\": "
			   "\"iobuf_set_options\",\n          \"params\": {\n            "
			   "\"large_pool_count\": 4096\n          }\n        }\n      ]\n    }\n"
			   "  ]\n}\n";

	sandbox_with(&sb, "no_subsystems.json");
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(p.added, CONFIG_PATCH_ADDED_SUBSYSTEMS);
	ck_assert(!p.relayout);
	ck_assert_str_eq(p.diff[0], "+ subsystems: [{\"subsystem\":\"iobuf\",\"config\":"
			 "[{\"method\":\"iobuf_set_options\",\"params\":"
			 "{\"large_pool_count\":4096}}]}]");
	ck_assert_int_eq(config_patch_apply(&p, &err), 0);
	config_patch_free(&p);
	assert_file_is(sb.file, want, strlen(want));
	sandbox_rm(&sb);
}
END_TEST

/* An entry without params, other top-level keys kept before the new "subsystems". */
START_TEST(test_entry_without_params_and_other_keys)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct mt_err err = { 0 };
	const char *want = "{\n  \"comment\": \"lab\",\n  \"n\": [\n    1,\n    2\n  ],\n"
			   "  \"subsystems\": [\n    {\n      \"subsystem\": \"iobuf\",\n"
			   "      \"config\": [\n        {\n          \"method\": "
			   "\"iobuf_set_options\",\n          \"params\": {\n            "
			   "\"large_pool_count\": 4096\n          }\n        }\n      ]\n    }\n"
			   "  ]\n}\n";

	sandbox_with(&sb, NULL);
	fixture_write(sb.file, "{\"subsystems\": [{\"subsystem\": \"iobuf\", \"config\": "
		      "[{\"method\": \"iobuf_set_options\"}]}]}");
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(p.added, CONFIG_PATCH_ADDED_PARAMS);
	ck_assert_str_eq(p.diff[0],
			 "+ subsystems[0].config[0].params: {\"large_pool_count\":4096}");
	ck_assert_int_eq(config_patch_apply(&p, &err), 0);
	config_patch_free(&p);

	fixture_write(sb.file, "{\"comment\": \"lab\", \"n\": [1, 2]}");
	ck_assert_msg(plan_apply(sb.file, &req, &err) == 0, "%s", err.msg);
	assert_file_is(sb.file, want, strlen(want));
	sandbox_rm(&sb);
}
END_TEST

static json_t *scheduler_params(json_t *root)
{
	return json_object_get(json_array_get(json_object_get(json_array_get(
		json_object_get(root, "subsystems"), 1), "config"), 0), "params");
}

/* Reals keep their value bit for bit, and short ones their spelling. */
START_TEST(test_reals_survive)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct mt_err err = { 0 };
	json_t *orig, *now, *a, *b, *x;
	const char *key;
	char *text;
	int reals = 0;

	sandbox_with(&sb, "reals.json");
	ck_assert_msg(plan_apply(sb.file, &req, &err) == 0, "%s", err.msg);
	patched_subsystems(&sb, "reals.json", &orig, &now);
	a = scheduler_params(orig);
	b = scheduler_params(now);
	ck_assert_int_eq(json_object_size(a), json_object_size(b));
	json_object_foreach(a, key, x) {
		json_t *y = json_object_get(b, key);
		double dx = json_real_value(x), dy = json_real_value(y);

		if (!json_is_real(x))
			continue;
		reals++;
		ck_assert_msg(json_is_real(y), "%s is no longer a real", key);
		ck_assert_msg(!memcmp(&dx, &dy, sizeof(dx)), "%s: %.17g became %.17g", key, dx, dy);
	}
	ck_assert_int_eq(reals, 6);
	text = fixture_read(sb.file, NULL);
	ck_assert_ptr_nonnull(strstr(text, "\"period\": 0.1,"));
	ck_assert_ptr_nonnull(strstr(text, "\"third\": 0.3333333333333333\n"));
	ck_assert_ptr_nonnull(strstr(text, "\"negative_zero\": -0.0,"));
	free(text);
	json_decref(orig);
	json_decref(now);
	sandbox_rm(&sb);
}
END_TEST

START_TEST(test_symlink_target_patched_link_kept)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct mt_err err = { 0 };
	char real_dir[PATH_MAX + 8], real[PATH_MAX + 32], link_path[PATH_MAX + 16];
	char bak[PATH_MAX + 40], target[PATH_MAX];
	struct stat st;
	ssize_t n;
	char *text;

	sandbox_with(&sb, NULL);
	snprintf(real_dir, sizeof(real_dir), "%s/etc", sb.dir);
	ck_assert_int_eq(mkdir(real_dir, 0755), 0);
	snprintf(real, sizeof(real), "%s/spdk.json", real_dir);
	text = fixture_text("save_config.json", NULL);
	fixture_write(real, text);
	snprintf(link_path, sizeof(link_path), "%s/current.json", sb.dir);
	ck_assert_int_eq(symlink("etc/spdk.json", link_path), 0);

	ck_assert_msg(config_patch_plan(link_path, &req, &p, &err) == 0, "%s", err.msg);
	ck_assert(p.is_symlink);
	ck_assert_str_eq(p.path, link_path);
	ck_assert_str_eq(p.real_path, real);
	snprintf(bak, sizeof(bak), "%s.bak", real);
	ck_assert_str_eq(p.bak_path, bak);
	ck_assert_int_eq(config_patch_apply(&p, &err), 0);
	config_patch_free(&p);

	ck_assert_int_eq(lstat(link_path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	n = readlink(link_path, target, sizeof(target) - 1);
	ck_assert_int_gt(n, 0);
	target[n] = '\0';
	ck_assert_str_eq(target, "etc/spdk.json");
	assert_file_is(bak, text, strlen(text));
	free(text);
	text = fixture_read(link_path, NULL);
	ck_assert_ptr_nonnull(strstr(text, "\"large_pool_count\": 4096"));
	free(text);
	ck_assert_int_eq(temps_in(real_dir), 0);
	ck_assert_int_eq(temps_in(sb.dir), 0);
	sandbox_rm(&sb);
}
END_TEST

START_TEST(test_nothing_to_change_writes_nothing)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(1024);
	struct config_patch p;
	struct mt_err err = { 0 };
	struct stat before, after;

	sandbox_with(&sb, "save_config.json");
	ck_assert_int_eq(stat(sb.file, &before), 0);
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	ck_assert(!p.changes);
	ck_assert_str_eq(p.diff[0], "subsystems[2].config[0].params.large_pool_count: 1024 "
			 "(unchanged)");
	ck_assert_int_eq(config_patch_apply(&p, &err), 0);
	config_patch_free(&p);
	ck_assert_int_eq(stat(sb.file, &after), 0);
	ck_assert_uint_eq(before.st_ino, after.st_ino);
	assert_fixture_untouched(&sb, "save_config.json");
	sandbox_rm(&sb);
}
END_TEST

START_TEST(test_not_json_untouched)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct mt_err err = { 0 };
	char want[PATH_MAX + 64];

	sandbox_with(&sb, "not_json.json");
	ck_assert_int_eq(config_patch_plan(sb.file, &req, &p, &err), -1);
	ck_assert_int_eq(err.code, -EINVAL);
	/* The missing comma is noticed at the next key, line 19. */
	snprintf(want, sizeof(want), "%s:19:27: not JSON: ", sb.file);
	ck_assert_msg(!strncmp(err.msg, want, strlen(want)), "%s", err.msg);
	/* A failed plan holds nothing, and apply refuses it. */
	ck_assert_int_eq(config_patch_apply(&p, &err), -1);
	ck_assert_int_eq(err.code, -EINVAL);
	config_patch_free(&p);
	assert_fixture_untouched(&sb, "not_json.json");
	sandbox_rm(&sb);
}
END_TEST

START_TEST(test_integer_above_int64_refused)
{
	struct iobuf_set_request req = large(4096);

	assert_plan_fails("big_integer.json", &req, -ERANGE,
			  ":108:46: too big integer near '18446744073709551615': this number "
			  "cannot be kept exactly");
}
END_TEST

START_TEST(test_refused_shapes)
{
	struct iobuf_set_request req = large(4096);

	assert_plan_fails("duplicate_key.json", &req, -ERANGE,
			  ":10:30: duplicate object key near '\"small_pool_count\"': a rewrite "
			  "would keep only one");
	assert_plan_fails("comments.json", &req, -ERANGE,
			  ":5:7: a comment: spdk_tgt accepts them but a rewrite cannot keep them");
	assert_plan_fails("top_level_array.json", &req, -EINVAL,
			  ": the top level is an array, expected an object");
	assert_plan_fails("subsystems_not_array.json", &req, -EINVAL,
			  ": subsystems: expected an array, found an object");
	assert_plan_fails("iobuf_params_not_object.json", &req, -EINVAL,
			  ": subsystems[0].config[0].params: expected an object, found a string");
	assert_plan_fails("iobuf_count_is_string.json", &req, -EINVAL,
			  ": subsystems[0].config[0].params.large_pool_count: expected a "
			  "non-negative integer, found a string");
	assert_plan_fails("two_iobuf.json", &req, -EINVAL,
			  ": subsystems[0] and [2] are both iobuf");
	assert_plan_fails("no_subsystems.json", &(struct iobuf_set_request){ 0 }, -EINVAL,
			  "nothing to change");
	assert_plan_fails("save_config.json", &(struct iobuf_set_request){
		.has_large_pool_count = true, .large_pool_count = 7 }, -EINVAL,
			  "large_pool_count 7 is below SPDK's minimum of 8");
	assert_plan_fails("save_config.json", &(struct iobuf_set_request){
		.has_small_bufsize = true, .small_bufsize = 1ull << 32 }, -ERANGE,
			  "small_bufsize 4294967296 is above 4294967295");
}
END_TEST

START_TEST(test_refused_files)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct mt_err err = { 0 };
	char path[PATH_MAX + 32], want[PATH_MAX + 64];
	int fd;

	sandbox_with(&sb, "save_config.json");
	snprintf(path, sizeof(path), "%s/missing.json", sb.dir);
	ck_assert_int_eq(config_patch_plan(path, &req, &p, &err), -1);
	ck_assert_int_eq(err.code, -ENOENT);
	snprintf(want, sizeof(want), "%s: not found", path);
	ck_assert_str_eq(err.msg, want);

	ck_assert_int_eq(config_patch_plan(sb.dir, &req, &p, &err), -1);
	snprintf(want, sizeof(want), "%s: not a regular file (a directory)", sb.dir);
	ck_assert_str_eq(err.msg, want);

	snprintf(path, sizeof(path), "%s/dangling.json", sb.dir);
	ck_assert_int_eq(symlink("nowhere.json", path), 0);
	ck_assert_int_eq(config_patch_plan(path, &req, &p, &err), -1);
	ck_assert_int_eq(err.code, -ENOENT);
	ck_assert_ptr_nonnull(strstr(err.msg, "a symlink whose target cannot be reached"));
	unlink(path);

	/* A second name would keep the old text after the rename. */
	snprintf(path, sizeof(path), "%s/hardlink.json", sb.dir);
	ck_assert_int_eq(link(sb.file, path), 0);
	ck_assert_int_eq(config_patch_plan(sb.file, &req, &p, &err), -1);
	ck_assert_int_eq(err.code, -EMLINK);
	ck_assert_ptr_nonnull(strstr(err.msg, "has 2 hard links"));
	unlink(path);

	/* Sparse: the size is checked before anything is read. */
	snprintf(path, sizeof(path), "%s/huge.json", sb.dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)CONFIG_PATCH_MAX_BYTES + 1), 0);
	close(fd);
	ck_assert_int_eq(config_patch_plan(path, &req, &p, &err), -1);
	ck_assert_int_eq(err.code, -EFBIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "67108865 bytes, more than the 64 MiB"));
	unlink(path);

	assert_fixture_untouched(&sb, "save_config.json");
	sandbox_rm(&sb);
}
END_TEST

START_TEST(test_changed_since_plan_refused)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct mt_err err = { 0 };
	const char *edited = "{\"subsystems\": []}\n";

	sandbox_with(&sb, "save_config.json");
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	fixture_write(sb.file, edited);
	ck_assert_int_eq(config_patch_apply(&p, &err), -1);
	ck_assert_int_eq(err.code, -ESTALE);
	ck_assert_ptr_nonnull(strstr(err.msg, "changed since the change was planned"));
	ck_assert(!exists(p.bak_path));
	config_patch_free(&p);
	assert_file_is(sb.file, edited, strlen(edited));
	ck_assert_int_eq(temps_in(sb.dir), 0);
	sandbox_rm(&sb);
}
END_TEST

/*
 * The check before the rename catches a new file that is not the original
 * plus the change: the plan's text is tampered with here to stand for a
 * bug or a bad write.
 */
static void assert_tampered_refused(const char *fixture, const char *from, const char *to,
				    const char *msg_part)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct mt_err err = { 0 };
	size_t len;
	char *bad;

	sandbox_with(&sb, fixture);
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	bad = replaced(p.in.text, from, to, &len);
	free(p.in.text);
	p.in.text = bad;
	p.in.text_len = len;
	ck_assert_int_eq(config_patch_apply(&p, &err), -1);
	ck_assert_int_eq(err.code, -EIO);
	ck_assert_msg(strstr(err.msg, msg_part), "'%s' not in: %s", msg_part, err.msg);
	config_patch_free(&p);
	assert_fixture_untouched(&sb, fixture);
	sandbox_rm(&sb);
}

START_TEST(test_written_file_checked_before_rename)
{
	assert_tampered_refused("save_config.json", "\"bdev_io_pool_size\": 65535",
				"\"bdev_io_pool_size\": 65536",
				"differs from the original at subsystems[5].config[0].params."
				"bdev_io_pool_size");
	assert_tampered_refused("save_config.json", "\"large_pool_count\": 4096",
				"\"large_pool_count\": 4097", "a new value is not what was asked");
	/* Key order counts: the same object with two keys swapped is not the file. */
	assert_tampered_refused("save_config.json", "\"small_bufsize\": 8192,\n"
				"            \"large_bufsize\": 135168",
				"\"large_bufsize\": 135168,\n            \"small_bufsize\": 8192",
				"differs from the original at subsystems[2].config[0].params."
				"small_bufsize");
	assert_tampered_refused("reals.json", "0.1,", "0.10000000000000002,",
				"differs from the original at subsystems[1].config[0].params."
				"period");
	assert_tampered_refused("no_iobuf.json", "\"large_pool_count\": 4096\n",
				"\"large_pool_count\": 4096, \"x\": 1\n",
				"what was added is not what was planned");
	assert_tampered_refused("save_config.json", "\"nvme_error_stat\": false",
				"\"nvme_error_stat\": 0",
				"differs from the original at subsystems[5].config[2].params."
				"nvme_error_stat");
}
END_TEST

/* A write that fails half way (here: past RLIMIT_FSIZE) leaves no trace. */
START_TEST(test_failed_write_leaves_original)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096000);
	struct config_patch p;
	struct mt_err err = { 0 };
	int fds[2], status;
	pid_t pid;

	sandbox_with(&sb, "save_config.json");
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);
	ck_assert_uint_gt(p.in.text_len, p.in.orig_len);
	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct rlimit rl = { .rlim_cur = p.in.orig_len, .rlim_max = p.in.orig_len };

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl))
			_exit(77);
		config_patch_apply(&p, &err);
		if (write(fds[1], &err, sizeof(err)) != (ssize_t)sizeof(err))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	ck_assert_int_eq(read(fds[0], &err, sizeof(err)), (ssize_t)sizeof(err));
	close(fds[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_int_eq(err.code, -EFBIG);
	ck_assert_msg(strstr(err.msg, "failed while writing (File too large); not changed"),
		      "%s", err.msg);
	config_patch_free(&p);
	assert_fixture_untouched(&sb, "save_config.json");
	sandbox_rm(&sb);
}
END_TEST

struct outcome {
	int rc;
	struct mt_err err;
};

/*
 * Plan and apply in a child: as uid/gid 65534 when the test runs as root
 * (root passes every permission check), as the test's user otherwise.
 */
static struct outcome as_unprivileged(const char *path, const struct iobuf_set_request *req)
{
	struct outcome o = { 0 };
	int fds[2], status;
	pid_t pid;

	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(fds[0]);
		if (geteuid() == 0 &&
		    (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY)))
			_exit(77);
		o.rc = plan_apply(path, req, &o.err);
		_exit(write(fds[1], &o, sizeof(o)) == (ssize_t)sizeof(o) ? 0 : 1);
	}
	close(fds[1]);
	ck_assert_int_eq(read(fds[0], &o, sizeof(o)), (ssize_t)sizeof(o));
	close(fds[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return o;
}

/* What uid 65534 (or the test's user) owns: set up as root, nothing to do otherwise. */
static void give_away(const char *path)
{
	if (geteuid() == 0)
		ck_assert_int_eq(chown(path, NOBODY, NOBODY), 0);
}

START_TEST(test_read_only_file)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct outcome o;
	char want[PATH_MAX + 64];

	sandbox_with(&sb, "save_config.json");
	give_away(sb.dir);
	give_away(sb.file);
	ck_assert_int_eq(chmod(sb.file, 0444), 0);
	o = as_unprivileged(sb.file, &req);
	ck_assert_int_eq(o.rc, -1);
	ck_assert_int_eq(o.err.code, -EACCES);
	snprintf(want, sizeof(want), "%s: the file is read-only for this user (Permission denied)",
		 sb.file);
	ck_assert_msg(!strncmp(o.err.msg, want, strlen(want)), "%s", o.err.msg);
	ck_assert_int_eq(chmod(sb.file, 0644), 0);
	assert_fixture_untouched(&sb, "save_config.json");
	sandbox_rm(&sb);
}
END_TEST

START_TEST(test_read_only_directory)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct outcome o;
	char want[PATH_MAX + 64];

	sandbox_with(&sb, "save_config.json");
	/* The file may be written, the directory (root's, or 0555) may not. */
	give_away(sb.file);
	ck_assert_int_eq(chmod(sb.dir, 0555), 0);
	o = as_unprivileged(sb.file, &req);
	ck_assert_int_eq(o.rc, -1);
	ck_assert_int_eq(o.err.code, -EACCES);
	snprintf(want, sizeof(want), "%s: the directory is read-only for this user", sb.dir);
	ck_assert_msg(!strncmp(o.err.msg, want, strlen(want)), "%s", o.err.msg);
	ck_assert_int_eq(chmod(sb.dir, 0700), 0);
	assert_fixture_untouched(&sb, "save_config.json");
	sandbox_rm(&sb);
}
END_TEST

/* Someone who may write a root-owned file must not turn it into their own. */
START_TEST(test_owner_that_cannot_be_kept)
{
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct outcome o;

	sandbox_with(&sb, "save_config.json");
	give_away(sb.dir);
	ck_assert_int_eq(chmod(sb.file, 0666), 0);
	o = as_unprivileged(sb.file, &req);
	ck_assert_int_eq(o.rc, -1);
	ck_assert_int_eq(o.err.code, -EPERM);
	ck_assert_msg(strstr(o.err.msg, "cannot give the new file the original's owner 0:0"),
		      "%s", o.err.msg);
	assert_fixture_untouched(&sb, "save_config.json");
	sandbox_rm(&sb);
}
END_TEST

/* The action: --read-only refuses with the file untouched; otherwise written, and said so. */
START_TEST(test_action_gate_and_result)
{
	struct actions_config ro = { .read_only = true }, rw = { 0 };
	struct rpc_addr addr;
	struct actions *a;
	struct sandbox sb;
	struct iobuf_set_request req = large(4096);
	struct config_patch p;
	struct action_result res;
	struct mt_err err = { 0 };
	char bak[PATH_MAX + 32], line[256];
	char *before, *after;

	ck_assert_int_eq(rpc_addr_parse("/nonexistent/spdk.sock", -1, &addr, &err), 0);
	sandbox_with(&sb, "save_config.json");
	snprintf(bak, sizeof(bak), "%s.bak", sb.file);
	before = fixture_read(sb.file, NULL);
	ck_assert_msg(config_patch_plan(sb.file, &req, &p, &err) == 0, "%s", err.msg);

	a = actions_new(&ro, &addr);
	ck_assert_int_eq(actions_config_patch(a, &p, &res), -1);
	ck_assert_int_eq(res.kind, ACTION_CONFIG_PATCH);
	ck_assert_int_eq(res.outcome, ACTION_REFUSED);
	ck_assert_str_eq(res.message, "refused: --read-only (nothing was sent or written)");
	after = fixture_read(sb.file, NULL);
	ck_assert_str_eq(after, before);
	ck_assert_int_eq(access(bak, F_OK), -1);
	free(after);
	actions_free(a);

	a = actions_new(&rw, &addr);
	ck_assert_int_eq(actions_config_patch(a, &p, &res), 0);
	ck_assert_int_eq(res.outcome, ACTION_OK);
	ck_assert_int_eq(access(bak, F_OK), 0);
	action_result_describe(&res, line, sizeof(line));
	ck_assert_msg(strstr(line, "config_patch: wrote ") == line, "%s", line);
	ck_assert_msg(strstr(line, ".bak)"), "%s", line);
	/* Applied again the plan is stale (the file changed since): refused as FAILED, file kept. */
	ck_assert_int_eq(actions_config_patch(a, &p, &res), -1);
	ck_assert_int_eq(res.outcome, ACTION_FAILED);
	ck_assert_int_eq(res.code, -ESTALE);
	actions_free(a);
	config_patch_free(&p);
	free(before);
	sandbox_rm(&sb);
}
END_TEST

START_TEST(test_rpc_line)
{
	struct iobuf_set_request req = {
		.has_small_pool_count = true, .small_pool_count = 16384,
		.has_large_pool_count = true, .large_pool_count = 4096,
	};
	struct rpc_addr addr;
	char line[256];
	int n;

	n = config_patch_rpc_line(&req, false, NULL, line, sizeof(line));
	ck_assert_int_eq(n, (int)strlen(line));
	ck_assert_str_eq(line, "scripts/rpc.py iobuf_set_options --small-pool-count 16384 "
			 "--large-pool-count 4096");
	ck_assert_int_eq(rpc_addr_parse("/var/tmp/spdk.sock", -1, &addr, NULL), 0);
	ck_assert_int_gt(config_patch_rpc_line(&req, true, &addr, line, sizeof(line)), 0);
	ck_assert_str_eq(line, "scripts/rpc.py iobuf_set_options --small-pool-count 16384 "
			 "--large-pool-count 4096 --enable-numa");
	ck_assert_int_eq(rpc_addr_parse("/run/my spdk/it's.sock", -1, &addr, NULL), 0);
	req = (struct iobuf_set_request){ .has_large_bufsize = true, .large_bufsize = 270336 };
	ck_assert_int_gt(config_patch_rpc_line(&req, false, &addr, line, sizeof(line)), 0);
	ck_assert_str_eq(line, "scripts/rpc.py -s '/run/my spdk/it'\\''s.sock' iobuf_set_options "
			 "--large-bufsize 270336");
	ck_assert_int_eq(rpc_addr_parse("10.0.0.5:5261", -1, &addr, NULL), 0);
	ck_assert_int_gt(config_patch_rpc_line(&req, false, &addr, line, sizeof(line)), 0);
	ck_assert_str_eq(line, "scripts/rpc.py -s 10.0.0.5 -p 5261 iobuf_set_options "
			 "--large-bufsize 270336");
	ck_assert_int_eq(config_patch_rpc_line(&req, false, &addr, line, 20), -1);
	ck_assert_str_eq(line, "");
	req = (struct iobuf_set_request){ 0 };
	ck_assert_int_eq(config_patch_rpc_line(&req, false, NULL, line, sizeof(line)), -1);
}
END_TEST

/* Whether a child of root can become uid 65534 (a container may forbid it). */
static bool can_drop_privileges(void)
{
	int status;
	pid_t pid;

	if (geteuid() != 0)
		return true;
	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0)
		_exit(setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY) ? 1 : 0);
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static Suite *suite(void)
{
	Suite *s = suite_create("config_patch");
	TCase *tc = tcase_create("patch");
	TCase *refuse = tcase_create("refuse");
	TCase *perm = tcase_create("permissions");

	tcase_add_test(tc, test_save_config_only_large_pool_count_changes);
	tcase_add_test(tc, test_keys_added_and_bak_replaced);
	tcase_add_test(tc, test_compact_file_relaid_out);
	tcase_add_test(tc, test_no_iobuf_subsystem_is_added_where_save_config_puts_it);
	tcase_add_test(tc, test_iobuf_without_entry_gets_one);
	tcase_add_test(tc, test_iobuf_config_null_becomes_an_array);
	tcase_add_test(tc, test_no_subsystems_key_gets_one);
	tcase_add_test(tc, test_entry_without_params_and_other_keys);
	tcase_add_test(tc, test_reals_survive);
	tcase_add_test(tc, test_symlink_target_patched_link_kept);
	tcase_add_test(tc, test_nothing_to_change_writes_nothing);
	tcase_add_test(tc, test_rpc_line);
	tcase_add_test(tc, test_action_gate_and_result);
	suite_add_tcase(s, tc);
	tcase_add_test(refuse, test_not_json_untouched);
	tcase_add_test(refuse, test_integer_above_int64_refused);
	tcase_add_test(refuse, test_refused_shapes);
	tcase_add_test(refuse, test_refused_files);
	tcase_add_test(refuse, test_changed_since_plan_refused);
	tcase_add_test(refuse, test_written_file_checked_before_rename);
	tcase_add_test(refuse, test_failed_write_leaves_original);
	suite_add_tcase(s, refuse);
	if (can_drop_privileges()) {
		tcase_add_test(perm, test_read_only_file);
		tcase_add_test(perm, test_read_only_directory);
		if (geteuid() == 0)
			tcase_add_test(perm, test_owner_that_cannot_be_kept);
		else
			fprintf(stderr, "test_config_patch: SKIPPED 1 test (owner that cannot be "
					"kept): needs root to make a file someone else owns\n");
	} else {
		fprintf(stderr, "test_config_patch: SKIPPED 3 tests (read-only file, read-only "
				"directory, owner that cannot be kept): running as root and cannot "
				"drop to uid 65534\n");
	}
	suite_add_tcase(s, perm);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
