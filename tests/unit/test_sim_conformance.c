/*
 * Conformance: spdk-memtop-sim against every recorded exchange.
 *
 * Each top-level tests/fixtures/transcripts/X.request.json goes to a running
 * idle simulator on a fresh connection; wait_for_rpc/NN.* go, in order and
 * each on a fresh connection, to one --wait-for-rpc simulator.  A reply must
 * match the recorded one: same framing (compact values, one "\n" each), same
 * structure, keys in the same order, same types, codes, messages and ids (byte
 * for byte); only counters (load-dependent) and the dump file's name (each
 * simulator writes into its own directory, by design) may differ; the name
 * must still be an absolute path to a file named as SPDK's.  An empty recorded
 * reply means no bytes: for bytes that are not JSON the connection must also
 * close, for an unfinished request or a notification it must stay open.
 * Methods the recorded target has and the simulator does not model (bdev_*,
 * thread_*, ...) are skipped and counted, never silently.
 */
#include <check.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "fixture_io.h"
#include "json_stream.h"
#include "sim_harness.h"

#define TRANSCRIPTS MEMTOP_FIXTURES "/transcripts"
#define QUIET 0.3
#define ANSWER 3.0
#define SUFFIX ".request.json"

/* What the simulator models; any other name the recorded target has is skipped. */
static const char *const simulated[] = {
	"spdk_get_version", "rpc_get_methods", "framework_wait_init", "framework_start_init",
	"framework_get_config", "framework_get_subsystems", "iobuf_get_stats",
	"iobuf_set_options", "env_dpdk_get_mem_stats", NULL,
};

/* Strings that name a file the target wrote: same base name, any directory. */
static const char *const path_keys[] = { "filename", NULL };

/* Integers that depend on time and load: members of small_pool / large_pool. */
static const char *const pool_keys[] = { "small_pool", "large_pool", NULL };

struct tally {
	int pass, exact, skip, fail;
};

struct bytes {
	char *data;
	size_t len;
};

static bool in_list(const char *s, const char *const list[])
{
	size_t i;

	for (i = 0; list[i]; i++) {
		if (strcmp(s, list[i]) == 0)
			return true;
	}
	return false;
}

static json_t *parse(const char *buf, size_t len)
{
	json_error_t e;
	json_t *v = json_loadb(buf, len, JSON_DECODE_ANY, &e);

	if (!v && json_error_code(&e) == json_error_numeric_overflow)
		v = json_loadb(buf, len, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, &e);
	return v;
}

enum req_kind { REQ_VALID, REQ_INCOMPLETE, REQ_INVALID };

/* What the server will make of these bytes, judged with the shared scanner and jansson. */
static enum req_kind classify(const struct bytes *b, json_t *values)
{
	size_t off = 0, s, e;
	json_t *v;

	for (;;) {
		switch (json_stream_scan(b->data + off, b->len - off, &s, &e)) {
		case JSON_SCAN_EMPTY:
			return REQ_VALID;
		case JSON_SCAN_INCOMPLETE:
			return REQ_INCOMPLETE;
		case JSON_SCAN_INVALID:
			return REQ_INVALID;
		case JSON_SCAN_COMPLETE:
			v = parse(b->data + off + s, e - s);
			if (!v)
				return REQ_INVALID;
			json_array_append_new(values, v);
			off += e;
			break;
		}
	}
}

/* The first method of these requests that the simulator does not model, or NULL. */
static const char *unsimulated(const json_t *values, const json_t *recorded)
{
	const json_t *v, *m, *r;
	size_t i, j, k;

	json_array_foreach(values, i, v) {
		json_t *one = json_is_array(v) ? (json_t *)v : json_pack("[O]", v);

		json_array_foreach(one, j, r) {
			m = json_object_get(r, "method");
			if (!json_is_string(m) || in_list(json_string_value(m), simulated))
				continue;
			for (k = 0; k < json_array_size(recorded); k++) {
				if (json_equal(json_array_get(recorded, k), m)) {
					if (one != v)
						json_decref(one);
					return json_string_value(m);
				}
			}
		}
		if (one != v)
			json_decref(one);
	}
	return NULL;
}

static bool like(const json_t *e, const json_t *g, bool load, char *why, size_t wl,
		 const char *path);

/* An absolute path whose last component is the recorded one's. */
static bool same_file_name(const json_t *e, const json_t *g, char *why, size_t wl,
			   const char *path)
{
	const char *se = json_string_value(e), *sg = json_string_value(g);
	const char *be = se ? strrchr(se, '/') : NULL, *bg = sg ? strrchr(sg, '/') : NULL;

	if (se && sg && sg[0] == '/' && be && bg && strcmp(be, bg) == 0)
		return true;
	snprintf(why, wl, "%s: \"%s\" is not an absolute path to a file named as \"%s\"", path,
		 sg ? sg : "?", se ? se : "?");
	return false;
}

static bool like(const json_t *e, const json_t *g, bool load, char *why, size_t wl,
		 const char *path)
{
	const char *ke, *kg;
	json_t *ve, *vg;
	void *ie, *ig;
	char sub[512];
	size_t i;

	if (json_typeof(e) != json_typeof(g)) {
		snprintf(why, wl, "%s: type %d, recorded %d", path, json_typeof(g), json_typeof(e));
		return false;
	}
	switch (json_typeof(e)) {
	case JSON_OBJECT:
		if (json_object_size(e) != json_object_size(g)) {
			snprintf(why, wl, "%s: %zu members, recorded %zu", path,
				 json_object_size(g), json_object_size(e));
			return false;
		}
		ie = json_object_iter((json_t *)e);
		ig = json_object_iter((json_t *)g);
		for (; ie && ig; ie = json_object_iter_next((json_t *)e, ie),
		     ig = json_object_iter_next((json_t *)g, ig)) {
			ke = json_object_iter_key(ie);
			kg = json_object_iter_key(ig);
			if (strcmp(ke, kg) != 0) {
				snprintf(why, wl, "%s: key '%s' where '%s' was recorded", path,
					 kg, ke);
				return false;
			}
			ve = json_object_iter_value(ie);
			vg = json_object_iter_value(ig);
			snprintf(sub, sizeof(sub), "%s.%s", path, ke);
			if (in_list(ke, path_keys) && json_is_string(ve)) {
				if (!same_file_name(ve, vg, why, wl, sub))
					return false;
				continue;
			}
			if (!like(ve, vg, load || in_list(ke, pool_keys), why, wl, sub))
				return false;
		}
		return true;
	case JSON_ARRAY:
		if (json_array_size(e) != json_array_size(g)) {
			snprintf(why, wl, "%s: %zu elements, recorded %zu", path,
				 json_array_size(g), json_array_size(e));
			return false;
		}
		for (i = 0; i < json_array_size(e); i++) {
			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			if (!like(json_array_get(e, i), json_array_get(g, i), false, why, wl, sub))
				return false;
		}
		return true;
	case JSON_INTEGER:
		if (load && json_integer_value(g) >= 0)
			return true;
		/* fall through */
	default:
		if (!json_equal(e, g)) {
			char *se = json_dumps(e, JSON_ENCODE_ANY);
			char *sg = json_dumps(g, JSON_ENCODE_ANY);

			snprintf(why, wl, "%s: %s, recorded %s", path, sg ? sg : "?",
				 se ? se : "?");
			free(se);
			free(sg);
			return false;
		}
		return true;
	}
}

/* The raw id of a response object, for byte comparison ("" when none). */
static void raw_id(const char *buf, size_t len, char *out, size_t cap)
{
	size_t s, e;

	out[0] = '\0';
	if (json_stream_member_raw(buf, len, "id", &s, &e))
		snprintf(out, cap, "%.*s", (int)(e - s), buf + s);
}

/*
 * Compares the bytes read with the recorded reply.  Returns true when they
 * match; *exact tells whether they are identical.
 */
static bool same_reply(const struct bytes *rec, const char *got, size_t glen, bool *exact,
		       char *why, size_t wl)
{
	size_t ro = 0, go = 0, rs, re, gs, ge, n = 0;
	char rid[128], gid[128];
	json_t *rv, *gv;
	bool ok;

	*exact = glen == rec->len && memcmp(rec->data, got, glen) == 0;
	if (*exact)
		return true;
	for (;;) {
		enum json_scan rscan = json_stream_scan(rec->data + ro, rec->len - ro, &rs, &re);
		enum json_scan gscan = json_stream_scan(got + go, glen - go, &gs, &ge);

		if (rscan != JSON_SCAN_COMPLETE || gscan != JSON_SCAN_COMPLETE) {
			if (rscan == JSON_SCAN_EMPTY && gscan == JSON_SCAN_EMPTY)
				return true;
			snprintf(why, wl, "reply %zu: %s", n, rscan == JSON_SCAN_COMPLETE ?
				 "missing" : "more replies than recorded");
			return false;
		}
		/* Framing: compact, right at the start, exactly one newline after. */
		if (gs != 0 || go + ge >= glen || got[go + ge] != '\n' ||
		    (go + ge + 1 < glen && got[go + ge + 1] == '\n')) {
			snprintf(why, wl,
				 "reply %zu: not one value followed by exactly one newline", n);
			return false;
		}
		rv = parse(rec->data + ro + rs, re - rs);
		gv = parse(got + go, ge);
		ck_assert_ptr_nonnull(rv);
		if (!gv) {
			snprintf(why, wl, "reply %zu: not JSON", n);
			json_decref(rv);
			return false;
		}
		ok = like(rv, gv, false, why, wl, "$");
		if (ok && json_is_object(rv)) {
			raw_id(rec->data + ro + rs, re - rs, rid, sizeof(rid));
			raw_id(got + go, ge, gid, sizeof(gid));
			if (strcmp(rid, gid) != 0) {
				snprintf(why, wl, "id %s, recorded %s", gid, rid);
				ok = false;
			}
		}
		json_decref(rv);
		json_decref(gv);
		if (!ok)
			return false;
		ro += re;
		go += ge + 1;
		n++;
	}
}

static size_t count_values(const struct bytes *b)
{
	size_t off = 0, n = 0, s, e;

	while (json_stream_scan(b->data + off, b->len - off, &s, &e) == JSON_SCAN_COMPLETE) {
		n++;
		off += e;
	}
	return n;
}

static void send_all(int fd, const struct bytes *b)
{
	size_t off = 0;
	ssize_t n;

	while (off < b->len) {
		n = write(fd, b->data + off, b->len - off);
		ck_assert_int_gt(n, 0);
		off += (size_t)n;
	}
}

static char got[1 << 20];

static void verdict(struct tally *t, const char *name, bool ok, bool exact, const char *why,
		    const char *note)
{
	if (ok) {
		t->pass++;
		t->exact += exact;
		printf("PASS  %s (%s%s)\n", name, exact ? "byte-identical" : "same structure",
		       note);
	} else {
		t->fail++;
		printf("FAIL  %s: %s\n", name, why);
	}
}

/* Reads and judges the reply to one exchange already sent on fd. */
static void judge(struct tally *t, const char *name, int fd, enum req_kind kind,
		  const struct bytes *rec, const char *note)
{
	char why[768] = "";
	bool closed, exact = false, ok;
	ssize_t n;

	if (rec->len == 0) {
		n = sim_read_values(fd, got, sizeof(got), 0, kind == REQ_INVALID ? ANSWER : QUIET,
				    &closed);
		ok = n == 0 && closed == (kind == REQ_INVALID);
		snprintf(why, sizeof(why), "%zd bytes, connection %s; expected nothing and the "
			 "connection %s", n, closed ? "closed" : "open",
			 kind == REQ_INVALID ? "closed" : "open");
		verdict(t, name, ok, ok, why, kind == REQ_INVALID ? ", closed" : ", silent");
		return;
	}
	n = sim_read_values(fd, got, sizeof(got), count_values(rec), ANSWER, &closed);
	ck_assert_int_ge(n, 0);
	ok = same_reply(rec, got, (size_t)n, &exact, why, sizeof(why));
	if (!ok && n == 0)
		snprintf(why, sizeof(why), "no reply within %.0f s", ANSWER);
	verdict(t, name, ok, exact, why, note);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n > k && strcmp(name + n - k, suffix) == 0;
}

/* Recorded pairs: X.request.json + X.response.json, or rpc.py's X.request.bin + .response.bin. */
static int request_filter(const struct dirent *d)
{
	return has_suffix(d->d_name, SUFFIX) || has_suffix(d->d_name, ".request.bin");
}

struct pending {
	int fd;
	char name[256];
	struct bytes rec;
};

static void run_dir(const char *dir, const char *const sim_args[], bool startup,
		    struct tally *t)
{
	struct pending waiting[8];
	struct dirent **list;
	struct sim_proc p;
	struct mt_err err = { 0 };
	json_t *recorded, *methods;
	char path[1024], name[256];
	size_t nwait = 0, i;
	bool started = !startup;
	int n, k, fd;

	methods = json_load_file(TRANSCRIPTS "/rpc_get_methods.response.json", 0, NULL);
	ck_assert_ptr_nonnull(methods);
	recorded = json_object_get(methods, "result");
	ck_assert_msg(sim_start(&p, sim_args, &err) == 0, "%s", err.msg);
	n = scandir(dir, &list, request_filter, by_name);
	ck_assert_int_gt(n, 0);
	for (k = 0; k < n; k++) {
		json_t *values = json_array();
		struct bytes req, rec;
		enum req_kind kind;
		const char *skip, *method = NULL;

		const char *ext = has_suffix(list[k]->d_name, ".bin") ? "bin" : "json";

		snprintf(name, sizeof(name), "%.*s",
			 (int)(strlen(list[k]->d_name) - strlen(".request.") - strlen(ext)),
			 list[k]->d_name);
		snprintf(path, sizeof(path), "%s/%s", dir, list[k]->d_name);
		req.data = fixture_read(path, &req.len);
		snprintf(path, sizeof(path), "%s/%s.response.%s", dir, name, ext);
		rec.data = fixture_read(path, &rec.len);
		kind = classify(&req, values);
		skip = unsimulated(values, recorded);
		if (json_array_size(values) == 1)
			method = json_string_value(json_object_get(json_array_get(values, 0),
								   "method"));
		if (skip) {
			t->skip++;
			printf("SKIP  %s: %s is not simulated\n", name, skip);
		} else {
			fd = sim_connect(&p);
			ck_assert_int_ge(fd, 0);
			send_all(fd, &req);
			if (method && strcmp(method, "framework_wait_init") == 0 && !started) {
				/* SPDK answers it once the framework is up: prove it waits. */
				bool closed;
				ssize_t got_n = sim_read_values(fd, got, sizeof(got), 0, QUIET,
								&closed);

				if (got_n != 0 || closed) {
					t->fail++;
					printf("FAIL  %s: answered before framework_start_init\n",
					       name);
				} else {
					printf("      %s waits for framework_start_init\n", name);
				}
				ck_assert_uint_lt(nwait, 8);
				waiting[nwait].fd = fd;
				snprintf(waiting[nwait].name, sizeof(waiting[nwait].name), "%s",
					 name);
				waiting[nwait++].rec = rec;
				rec.data = NULL;
			} else {
				judge(t, name, fd, kind, &rec, "");
				close(fd);
			}
			if (method && strcmp(method, "framework_start_init") == 0 &&
			    strstr(rec.data ? rec.data : "", "\"result\":true")) {
				started = true;
				for (i = 0; i < nwait; i++) {
					judge(t, waiting[i].name, waiting[i].fd, REQ_VALID,
					      &waiting[i].rec,
					      ", answered after framework_start_init");
					close(waiting[i].fd);
					free(waiting[i].rec.data);
				}
				nwait = 0;
			}
		}
		json_decref(values);
		free(req.data);
		free(rec.data);
		free(list[k]);
	}
	free(list);
	for (i = 0; i < nwait; i++) {
		t->fail++;
		printf("FAIL  %s: never answered\n", waiting[i].name);
		close(waiting[i].fd);
		free(waiting[i].rec.data);
	}
	sim_stop(&p);
	json_decref(methods);
}

static void summary(const char *what, const struct tally *t)
{
	printf("%s: %d passed (%d byte-identical), %d skipped (method not simulated), "
	       "%d failed\n", what, t->pass, t->exact, t->skip, t->fail);
	fflush(stdout);
}

START_TEST(idle_target_transcripts)
{
	const char *const args[] = { "--scenario", "idle", NULL };
	struct tally t = { 0 };

	run_dir(TRANSCRIPTS, args, false, &t);
	summary("transcripts/ (running idle simulator)", &t);
	ck_assert_int_eq(t.fail, 0);
	ck_assert_int_ge(t.pass, 39);   /* the fixtures are all there: no vacuous pass */
	ck_assert_int_le(t.skip, 1);    /* thread_get_stats */
}
END_TEST

START_TEST(wait_for_rpc_transcripts)
{
	const char *const args[] = { "--wait-for-rpc", NULL };
	struct tally t = { 0 };

	run_dir(TRANSCRIPTS "/wait_for_rpc", args, true, &t);
	summary("transcripts/wait_for_rpc/ (--wait-for-rpc simulator)", &t);
	ck_assert_int_eq(t.fail, 0);
	ck_assert_int_ge(t.pass, 19);
	ck_assert_int_le(t.skip, 3);
}
END_TEST

/* The comparison itself: what it must let through and what it must catch. */
START_TEST(comparator_catches_differences)
{
	static const char rec_text[] =
		"{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":[{\"module\":\"bdev\",\"small_pool\":"
		"{\"cache\":0,\"main\":0},\"large_pool\":{\"cache\":0,\"main\":0}}]}\n";
	static const struct {
		const char *got;
		bool ok;
	} cases[] = {
		{ "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":[{\"module\":\"bdev\",\"small_pool\":"
		  "{\"cache\":7,\"main\":1},\"large_pool\":{\"cache\":0,\"main\":3}}]}\n", true },
		{ "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":[{\"module\":\"accel\",\"small_pool\":"
		  "{\"cache\":0,\"main\":0},\"large_pool\":{\"cache\":0,\"main\":0}}]}\n", false },
		{ "{\"jsonrpc\":\"2.0\",\"id\":5.0,\"result\":[{\"module\":\"bdev\",\"small_pool\":"
		  "{\"cache\":0,\"main\":0},\"large_pool\":{\"cache\":0,\"main\":0}}]}\n", false },
		{ "{\"id\":5,\"jsonrpc\":\"2.0\",\"result\":[{\"module\":\"bdev\",\"small_pool\":"
		  "{\"cache\":0,\"main\":0},\"large_pool\":{\"cache\":0,\"main\":0}}]}\n", false },
		{ "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":[{\"module\":\"bdev\",\"small_pool\":"
		  "{\"cache\":0,\"main\":0},\"large_pool\":{\"cache\":0,\"main\":0}}]}", false },
		{ "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":[{\"module\":\"bdev\",\"small_pool\":"
		  "{\"cache\":0,\"main\":0},\"large_pool\":{\"cache\":0,\"main\":0}}]}\n\n",
		  false },
		{ "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":[{\"module\":\"bdev\",\"small_pool\":"
		  "{\"cache\":-1,\"main\":0},\"large_pool\":{\"cache\":0,\"main\":0}}]}\n", false },
		{ "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":[]}\n", false },
		{ "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-1,\"message\":\"x\"}}\n",
		  false },
	};
	static const char dump_rec[] =
		"{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":"
		"{\"filename\":\"/tmp/spdk_mem_dump.txt\"}}\n";
	static const struct {
		const char *got;
		bool ok;
	} dump_cases[] = {
		{ "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"filename\":"
		  "\"/tmp/spdk-memtop-sim.Ab12Cd/spdk_mem_dump.txt\"}}\n", true },
		{ "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"filename\":"
		  "\"tmp/spdk_mem_dump.txt\"}}\n", false },
		{ "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"filename\":"
		  "\"/tmp/x/mem_dump.txt\"}}\n", false },
		{ "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"filename\":7}}\n", false },
		{ "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"file\":"
		  "\"/tmp/spdk_mem_dump.txt\"}}\n", false },
	};
	struct bytes rec = { (char *)rec_text, sizeof(rec_text) - 1 };
	struct bytes drec = { (char *)dump_rec, sizeof(dump_rec) - 1 };
	char why[768];
	bool exact;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		why[0] = '\0';
		ck_assert_msg(same_reply(&rec, cases[i].got, strlen(cases[i].got), &exact, why,
					 sizeof(why)) == cases[i].ok, "case %zu: %s", i, why);
		ck_assert(!exact);
	}
	ck_assert(same_reply(&rec, rec_text, strlen(rec_text), &exact, why, sizeof(why)));
	ck_assert(exact);
	/* env_dpdk_get_mem_stats: the file's directory may differ, nothing else. */
	for (i = 0; i < sizeof(dump_cases) / sizeof(dump_cases[0]); i++) {
		why[0] = '\0';
		ck_assert_msg(same_reply(&drec, dump_cases[i].got, strlen(dump_cases[i].got),
					 &exact, why, sizeof(why)) == dump_cases[i].ok,
			      "dump case %zu: %s", i, why);
	}
}
END_TEST

/* What scripts/rpc.py wrote on the wire, save_config's twelve pipelined requests included. */
START_TEST(rpc_py_wire_transcripts)
{
	const char *const args[] = { "--scenario", "idle", NULL };
	struct tally t = { 0 };

	run_dir(TRANSCRIPTS "/rpc_py", args, false, &t);
	summary("transcripts/rpc_py/ wire (running idle simulator)", &t);
	ck_assert_int_eq(t.fail, 0);
	ck_assert_int_ge(t.pass, 10);
	ck_assert_int_le(t.skip, 1);    /* thread_get_stats */
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("sim_conformance");
	TCase *tc = tcase_create("conformance");

	tcase_set_timeout(tc, 90);
	tcase_add_test(tc, comparator_catches_differences);
	tcase_add_test(tc, idle_target_transcripts);
	tcase_add_test(tc, wait_for_rpc_transcripts);
	tcase_add_test(tc, rpc_py_wire_transcripts);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
