/*
 * Pool counts that take effect: the --config loader against files written
 * here (the recorded save_config shape, every way it can be wrong, errors that
 * name the file and the JSON path or jansson's line:column), and end to end:
 * a simulator started with --config reports the counts and makes its rings with
 * them, a bad file exits 64, and under exhaustion a large pool of 4096 set in
 * the startup state stops the retries that the default 1024 keeps climbing.
 */
#include <check.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "fixture_io.h"
#include "mt_clock.h"
#include "sim_config.h"
#include "sim_harness.h"

#define ANSWER 5.0

/* The iobuf part of the recorded save_config, inside the file rpc.py writes. */
#define IOBUF_ENTRY(params) \
	"{\"subsystem\":\"iobuf\",\"config\":[{\"method\":\"iobuf_set_options\"," \
	"\"params\":" params "}]}"
#define CONFIG(iobuf) \
	"{\n  \"subsystems\": [\n    {\"subsystem\": \"vmd\", \"config\": []},\n" \
	"    {\"subsystem\": \"keyring\", \"config\": []},\n    " iobuf ",\n" \
	"    {\"subsystem\": \"sock\", \"config\": [{\"method\": \"sock_set_default_impl\", " \
	"\"params\": {\"impl_name\": \"posix\"}}]},\n" \
	"    {\"subsystem\": \"scsi\", \"config\": null}\n  ]\n}\n"

static char dir[64];

static void make_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/memtop-cfg.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(void)
{
	fixture_rm_tree(dir);
}

/* Writes text as dir/name and returns the path (static). */
static const char *cfg(const char *name, const char *text)
{
	static char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fixture_write(path, text);
	return path;
}

static void load_ok(const char *text, uint64_t small, uint64_t large)
{
	struct sim_pool_opts o;
	struct mt_err err = { 0 };

	ck_assert_msg(sim_config_load(cfg("ok.json", text), &o, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(o.small_pool_count, small);
	ck_assert_uint_eq(o.large_pool_count, large);
}

/* The message, with the directory cut off so cases read as the user would see them. */
static void load_fails(const char *text, const char *want)
{
	struct sim_pool_opts o;
	struct mt_err err = { 0 };
	const char *path = cfg("cfg.json", text), *msg;

	sim_pool_opts_default(&o);
	o.large_pool_count = 77;        /* untouched on failure */
	ck_assert_int_eq(sim_config_load(path, &o, &err), -1);
	ck_assert_uint_eq(o.large_pool_count, 77);
	msg = strncmp(err.msg, dir, strlen(dir)) == 0 ? err.msg + strlen(dir) + 1 : err.msg;
	ck_assert_msg(strncmp(msg, want, strlen(want)) == 0, "got '%s', expected '%s...'", msg,
		      want);
}

START_TEST(recorded_shape_loads)
{
	struct sim_pool_opts o;
	struct mt_err err = { 0 };

	make_dir();
	load_ok(CONFIG(IOBUF_ENTRY("{\"small_pool_count\": 16384, \"large_pool_count\": 4096, "
				   "\"small_bufsize\": 8192, \"large_bufsize\": 135168, "
				   "\"enable_numa\": false}")), 16384, 4096);
	/* Partial params: the rest keep SPDK's defaults. */
	load_ok(CONFIG(IOBUF_ENTRY("{\"large_pool_count\": 2051}")), 8192, 2051);
	/* Several entries apply in order, as the RPCs they replay. */
	load_ok("{\"subsystems\":[{\"subsystem\":\"iobuf\",\"config\":["
		"{\"method\":\"iobuf_set_options\",\"params\":{\"small_pool_count\":64}},"
		"{\"method\":\"iobuf_set_options\",\"params\":{\"large_pool_count\":8}}]}]}",
		64, 8);
	/* No iobuf entry: the defaults. */
	load_ok("{\"subsystems\":[{\"subsystem\":\"bdev\",\"config\":[{\"method\":"
		"\"bdev_set_options\",\"params\":{\"bdev_io_pool_size\":65535}}]}]}", 8192, 1024);
	load_ok("{\"subsystems\":[]}", 8192, 1024);
	load_ok("{\"subsystems\":[{\"subsystem\":\"iobuf\",\"config\":null}]}", 8192, 1024);
	/* The other keys too. */
	ck_assert_int_eq(sim_config_load(cfg("all.json", CONFIG(IOBUF_ENTRY(
		"{\"small_bufsize\":4096,\"large_bufsize\":65536,\"enable_numa\":true}"))), &o,
		&err), 0);
	ck_assert_uint_eq(o.small_bufsize, 4096);
	ck_assert_uint_eq(o.large_bufsize, 65536);
	ck_assert(o.enable_numa);
	remove_dir();
}
END_TEST

START_TEST(errors_name_the_file_and_the_path)
{
	make_dir();
	/* The iobuf entry is subsystems[2] in the recorded file. */
#define AT "cfg.json: subsystems[2].config[0].params."
	load_fails(CONFIG(IOBUF_ENTRY("{\"small_pool_count\": 63}")),
		   AT "small_pool_count: below the minimum 64");
	load_fails(CONFIG(IOBUF_ENTRY("{\"large_pool_count\": 7}")),
		   AT "large_pool_count: below the minimum 8");
	load_fails(CONFIG(IOBUF_ENTRY("{\"small_bufsize\": 4095}")),
		   AT "small_bufsize: below the minimum 4096");
	load_fails(CONFIG(IOBUF_ENTRY("{\"large_bufsize\": 8191}")),
		   AT "large_bufsize: below the minimum 8192");
	load_fails(CONFIG(IOBUF_ENTRY("{\"small_pool_count\": \"lots\"}")),
		   AT "small_pool_count: expected an unsigned integer");
	load_fails(CONFIG(IOBUF_ENTRY("{\"small_pool_count\": 64.5}")),
		   AT "small_pool_count: expected an unsigned integer");
	load_fails(CONFIG(IOBUF_ENTRY("{\"large_pool_count\": -8}")),
		   AT "large_pool_count: negative (-8)");
	load_fails(CONFIG(IOBUF_ENTRY("{\"small_bufsize\": 4294967296}")),
		   AT "small_bufsize: above the largest value 4294967295");
	load_fails(CONFIG(IOBUF_ENTRY("{\"enable_numa\": 1}")),
		   AT "enable_numa: expected true or false");
	load_fails(CONFIG(IOBUF_ENTRY("{\"tiny_pool_count\": 1}")),
		   AT "tiny_pool_count: unknown key");
	load_fails(CONFIG(IOBUF_ENTRY("[64]")),
		   "cfg.json: subsystems[2].config[0].params: expected an object");
	load_fails("{\"subsystems\":[{\"subsystem\":\"iobuf\",\"config\":[{\"method\":"
		   "\"iobuf_set_options\"}]}]}",
		   "cfg.json: subsystems[0].config[0].params: missing");
#undef AT
	/* The file's shape. */
	load_fails("[]", "cfg.json: $: expected an object with \"subsystems\"");
	load_fails("{}", "cfg.json: subsystems: missing");
	load_fails("{\"subsystems\":{}}", "cfg.json: subsystems: expected an array");
	load_fails("{\"subsystems\":[7]}", "cfg.json: subsystems[0]: expected an object");
	load_fails("{\"subsystems\":[{\"config\":[]}]}",
		   "cfg.json: subsystems[0]: subsystem: missing");
	load_fails("{\"subsystems\":[{\"subsystem\":\"bdev\",\"config\":{}}]}",
		   "cfg.json: subsystems[0].config: expected an array or null");
	load_fails("{\"subsystems\":[{\"subsystem\":\"bdev\",\"config\":[{\"params\":{}}]}]}",
		   "cfg.json: subsystems[0].config[0]: method: missing");
	/* Not JSON: where jansson stopped. */
	load_fails("{\n  \"subsystems\": [\n    {\"subsystem\": \"iobuf\",}\n  ]\n}\n",
		   "cfg.json:3:");
	load_fails("", "cfg.json:1:0: not JSON");
	remove_dir();
}
END_TEST

START_TEST(missing_file)
{
	struct sim_pool_opts o;
	struct mt_err err = { 0 };

	ck_assert_int_eq(sim_config_load("/nonexistent/cfg.json", &o, &err), -1);
	ck_assert_msg(strstr(err.msg, "/nonexistent/cfg.json"), "%s", err.msg);
}
END_TEST

static struct sim_proc start(const char *const extra[])
{
	struct mt_err err = { 0 };
	struct sim_proc p;

	ck_assert_msg(sim_start(&p, extra, &err) == 0, "%s", err.msg);
	return p;
}

static json_t *call(const struct sim_proc *p, const char *method, const char *params)
{
	struct mt_err err = { 0 };
	json_t *r = sim_rpc(p, method, params, ANSWER, &err);

	ck_assert_msg(r, "%s", err.msg);
	return r;
}

static uint64_t config_count(const struct sim_proc *p, const char *key)
{
	json_t *r = call(p, "framework_get_config", "{\"name\":\"iobuf\"}");
	json_t *params = json_object_get(json_array_get(json_object_get(r, "result"), 0),
					 "params");
	uint64_t v;

	ck_assert_msg(json_is_integer(json_object_get(params, key)), "%s",
		      json_dumps(r, JSON_COMPACT));
	v = (uint64_t)json_integer_value(json_object_get(params, key));
	json_decref(r);
	return v;
}

/* bdev's large-pool retry counter (modules: accel, bdev, nvmf_TCP). */
static uint64_t bdev_large_retry(const struct sim_proc *p)
{
	json_t *r = call(p, "iobuf_get_stats", NULL);
	json_t *bdev = json_array_get(json_object_get(r, "result"), 1);
	uint64_t v;

	ck_assert_str_eq(json_string_value(json_object_get(bdev, "module")), "bdev");
	v = (uint64_t)json_integer_value(json_object_get(json_object_get(bdev, "large_pool"),
							 "retry"));
	json_decref(r);
	return v;
}

static void expect_true(const struct sim_proc *p, const char *method, const char *params)
{
	json_t *r = call(p, method, params);

	ck_assert_msg(json_is_true(json_object_get(r, "result")), "%s: %s", method,
		      json_dumps(r, JSON_COMPACT));
	json_decref(r);
}

START_TEST(config_counts_served_and_in_the_rings)
{
	const char *args[] = { "--config", NULL, NULL };
	struct sim_proc p;
	char *text;
	json_t *r;

	make_dir();
	args[1] = cfg("spdk.json", CONFIG(IOBUF_ENTRY("{\"small_pool_count\": 16384, "
						       "\"large_pool_count\": 4096}")));
	p = start(args);
	ck_assert_uint_eq(config_count(&p, "small_pool_count"), 16384);
	ck_assert_uint_eq(config_count(&p, "large_pool_count"), 4096);
	ck_assert_uint_eq(config_count(&p, "large_bufsize"), 135168);
	/* The dump lists pool rings of those capacities: 384 + slots x 8 bytes. */
	r = call(&p, "env_dpdk_get_mem_stats", NULL);
	text = fixture_read(json_string_value(json_object_get(json_object_get(r, "result"),
								  "filename")), NULL);
	ck_assert_msg(strstr(text, ", len:0x40180, virt:"), "no ring of 32768 slots");
	ck_assert_msg(strstr(text, ", len:0x10180, virt:"), "no ring of 8192 slots");
	free(text);
	json_decref(r);
	sim_stop(&p);
	remove_dir();
}
END_TEST

/* Runs the simulator to its end (5 s at most); its stderr in out. */
static int run_to_end(const char *const args[], char *out, size_t cap)
{
	const char *argv[16];
	double deadline = mt_now() + ANSWER;
	int pfd[2], n = 0, status = -1;
	size_t len = 0;
	pid_t pid;

	argv[n++] = MEMTOP_SIM_BIN;
	while (*args && n < 15)
		argv[n++] = *args++;
	argv[n] = NULL;
	ck_assert_int_eq(pipe2(pfd, O_CLOEXEC), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(pfd[1], 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		struct pollfd pl = { .fd = pfd[0], .events = POLLIN };
		double left = deadline - mt_now();
		ssize_t r;

		if (left <= 0 || poll(&pl, 1, (int)(left * 1000) + 1) <= 0)
			break;
		r = read(pfd[0], out + len, cap - 1 - len);
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	out[len] = '\0';
	close(pfd[0]);
	/* A simulator that did start would serve forever: that is a failure too. */
	if (waitpid(pid, &status, WNOHANG) != pid) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	return status;
}

START_TEST(bad_config_exits_64)
{
	char out[2048], sock[128];
	const char *args[] = { "-r", sock, "--config", NULL, NULL };
	int status;

	make_dir();
	snprintf(sock, sizeof(sock), "%s/s.sock", dir);
	args[3] = cfg("bad.json", CONFIG(IOBUF_ENTRY("{\"small_pool_count\": 32}")));
	status = run_to_end(args, out, sizeof(out));
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 64, "status %d: %s", status,
		      out);
	ck_assert_msg(strstr(out, "bad.json: subsystems[2].config[0].params.small_pool_count: "
			     "below the minimum 64"), "%s", out);
	args[3] = cfg("bad.json", "{\"subsystems\": [\n}");
	status = run_to_end(args, out, sizeof(out));
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 64, "status %d: %s", status,
		      out);
	ck_assert_msg(strstr(out, "bad.json:2:1: not JSON"), "%s", out);
	/* Counts DPDK cannot make rings of: the simulator cannot serve. */
	args[3] = cfg("big.json", CONFIG(IOBUF_ENTRY("{\"large_pool_count\": 1073741824}")));
	status = run_to_end(args, out, sizeof(out));
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 1, "status %d: %s", status,
		      out);
	ck_assert_msg(strstr(out, "large_pool_count 1073741824"), "%s", out);
	remove_dir();
}
END_TEST

/*
 * Reads bdev's large retries until `seconds` of the workload have passed, and
 * returns how much they rose; a bounded loop on real state, not a sleep.
 */
static uint64_t retries_over(const struct sim_proc *p, double seconds)
{
	double until = mt_now() + seconds;
	uint64_t first = bdev_large_retry(p), last;

	do {
		last = bdev_large_retry(p);
	} while (mt_now() < until);
	ck_assert_uint_ge(last, first);
	return last - first;
}

START_TEST(large_pool_4096_stops_exhaustion)
{
	const char *const args[] = { "--wait-for-rpc", "--scenario", "exhaustion", NULL };
	struct sim_proc p = start(args);
	json_t *r;

	expect_true(&p, "iobuf_set_options", "{\"large_pool_count\":4096}");
	expect_true(&p, "framework_start_init", NULL);
	ck_assert_uint_eq(config_count(&p, "large_pool_count"), 4096);
	ck_assert_uint_eq(retries_over(&p, 0.3), 0);
	ck_assert_uint_eq(bdev_large_retry(&p), 0);
	/* Every get is served instead: bdev's large cache hits climb. */
	r = call(&p, "iobuf_get_stats", NULL);
	ck_assert_int_gt(json_integer_value(json_object_get(json_object_get(json_array_get(
		json_object_get(r, "result"), 1), "large_pool"), "cache")), 0);
	json_decref(r);
	sim_stop(&p);
}
END_TEST

START_TEST(default_pool_still_runs_dry)
{
	const char *const args[] = { "--wait-for-rpc", "--scenario", "exhaustion", NULL };
	struct sim_proc p = start(args);

	expect_true(&p, "framework_start_init", NULL);
	ck_assert_uint_eq(config_count(&p, "large_pool_count"), 1024);
	ck_assert_uint_gt(retries_over(&p, 0.3), 1000);
	sim_stop(&p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("sim_config");
	TCase *tc = tcase_create("config");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, recorded_shape_loads);
	tcase_add_test(tc, errors_name_the_file_and_the_path);
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, config_counts_served_and_in_the_rings);
	tcase_add_test(tc, bad_config_exits_64);
	tcase_add_test(tc, large_pool_4096_stops_exhaustion);
	tcase_add_test(tc, default_pool_still_runs_dry);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
