/*
 * replay and recorder: recordings written by the recorder read back exactly,
 * the transcripts' timeline form, torn and bad lines, the playback clock
 * (speed, pause, gaps, the end), rotation, the --read-only gate, and the
 * recorded exhaustion raising the critical banner where retries first rise.
 */
#include <check.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actions.h"
#include "alerts.h"
#include "check_main.h"
#include "fixture_io.h"
#include "iobuf_rates.h"
#include "iobuf_summary.h"
#include "recorder.h"
#include "replay.h"
#include "rpc_client.h"
#include "snapshot_json.h"

#define TIMELINE MEMTOP_FIXTURES "/transcripts/exhaustion_bdevperf.hide_md/" \
	"timeline.iobuf_get_stats.jsonl"

static char dir[64];
static char path[128];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/memtop-replay-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/rec.jsonl", dir);
}

static void teardown(void)
{
	fixture_rm_tree(dir);
}

static struct actions *new_actions(bool read_only)
{
	struct actions_config cfg = { .read_only = read_only };
	struct rpc_addr addr;
	struct mt_err err = { 0 };

	ck_assert_int_eq(rpc_addr_parse("/nonexistent/spdk.sock", -1, &addr, &err), 0);
	return actions_new(&cfg, &addr);
}

/* A running target whose large pool has retried `retry` times by wall second `wall`. */
static void make_snap(struct snapshot *s, uint64_t seq, double wall, uint64_t retry)
{
	memset(s, 0, sizeof(*s));
	s->seq = seq;
	s->mono = 5000 + wall;
	s->wall = 1.7e9 + wall;
	s->state = TARGET_RUNNING;
	snprintf(s->target, sizeof(s->target), "/var/tmp/spdk.sock");
	snprintf(s->version, sizeof(s->version), "SPDK v26.09-pre");
	s->iobuf.form = IOBUF_FORM_PER_MODULE;
	s->iobuf.nmodules = 1;
	snprintf(s->iobuf.modules[0].name, SNAP_NAME_LEN, "bdev");
	s->iobuf.modules[0].large.main = 6 + seq;
	s->iobuf.modules[0].large.retry = retry;
	s->iobuf.opts = (struct iobuf_options){ .valid = true, .small_pool_count = 8192,
		.large_pool_count = 1024, .small_bufsize = 8192, .large_bufsize = 135168 };
	s->hugepages.nnodes = 1;
	s->hugepages.nodes[0].nsizes = 1;
	s->hugepages.nodes[0].sizes[0] = (struct hugepage_size_stats){ 2048, 1024, 512, 0 };
	iobuf_summarize(&s->iobuf);
}

/* Writes n snapshots one second apart through the recorder. */
static void record(size_t n, size_t max_bytes)
{
	struct actions *a = new_actions(false);
	struct action_result res;
	struct recorder *rec = recorder_open(a, path, max_bytes, &res);
	struct snapshot s;
	struct mt_err err = { 0 };

	ck_assert_msg(rec, "%s", res.message);
	for (size_t i = 0; i < n; i++) {
		make_snap(&s, i + 1, (double)i, i >= 3 ? 100 * i : 0);
		ck_assert_msg(recorder_append(rec, &s, &err) == 0, "%s", err.msg);
	}
	ck_assert_uint_eq(recorder_lines(rec), n);
	recorder_close(rec);
	actions_free(a);
}

static bool same_json(const struct snapshot *a, const struct snapshot *b)
{
	json_t *ja = snapshot_to_json(a), *jb = snapshot_to_json(b);
	bool eq = json_equal(ja, jb);

	json_decref(ja);
	json_decref(jb);
	return eq;
}

START_TEST(test_round_trip)
{
	struct mt_err err = { 0 };
	struct replay *r;
	struct snapshot want, got;

	record(6, 0);
	r = replay_open(path, 1, &err);
	ck_assert_msg(r, "%s", err.msg);
	ck_assert_uint_eq(replay_count(r), 6);
	ck_assert(!replay_relative(r));
	ck_assert_uint_eq(replay_note_count(r), 0);
	for (size_t i = 0; i < 6; i++) {
		make_snap(&want, i + 1, (double)i, i >= 3 ? 100 * i : 0);
		ck_assert_int_eq(replay_get(r, i, &got, &err), 0);
		ck_assert_msg(same_json(&want, &got), "snapshot %zu differs", i);
		ck_assert(replay_time(r, i) == want.wall);
	}
	ck_assert_uint_eq(replay_find_time(r, 1.7e9 + 2.5), 3);
	ck_assert_uint_eq(replay_find_time(r, 1.7e9 + 99), 6);
	replay_free(r);
}
END_TEST

START_TEST(test_torn_last_line_is_skipped_with_a_note)
{
	struct mt_err err = { 0 };
	struct replay *r;
	FILE *f;

	record(3, 0);
	f = fopen(path, "a");
	fputs("{\"schema\":\"spdk-memtop/snapshot/1\",\"seq\":4,\"ti", f);   /* a kill mid-write */
	fclose(f);
	r = replay_open(path, 1, &err);
	ck_assert_msg(r, "%s", err.msg);
	ck_assert_uint_eq(replay_count(r), 3);
	ck_assert_uint_eq(replay_note_count(r), 1);
	ck_assert_msg(strstr(replay_note(r, 0), ":4: the last line is incomplete"), "%s",
		      replay_note(r, 0));
	replay_free(r);

	/* Recording again appends after a newline: the torn line stays alone, in the middle. */
	record(2, 0);
	r = replay_open(path, 1, &err);
	ck_assert_msg(r, "%s", err.msg);
	ck_assert_uint_eq(replay_count(r), 5);
	ck_assert_msg(strstr(replay_note(r, 0), ":4: an incomplete line"), "%s",
		      replay_note(r, 0));
	replay_free(r);
}
END_TEST

START_TEST(test_bad_line_names_file_line_and_field)
{
	struct mt_err err = { 0 };
	char want[256];

	record(2, 0);
	FILE *f = fopen(path, "a");

	fputs("{\"schema\":\"spdk-memtop/snapshot/1\",\"seq\":\"x\"}\n", f);
	fclose(f);
	ck_assert_ptr_null(replay_open(path, 1, &err));
	snprintf(want, sizeof(want), "%s:3: seq", path);
	ck_assert_msg(strstr(err.msg, want), "%s", err.msg);

	fixture_write(path, "\n\n");
	ck_assert_ptr_null(replay_open(path, 1, &err));
	ck_assert_msg(strstr(err.msg, "no snapshot in it"), "%s", err.msg);

	snprintf(want, sizeof(want), "%s/none.jsonl", dir);
	ck_assert_ptr_null(replay_open(want, 1, &err));
	ck_assert_msg(strstr(err.msg, "No such file"), "%s", err.msg);
}
END_TEST

START_TEST(test_timeline_form)
{
	struct mt_err err = { 0 };
	struct replay *r = replay_open(TIMELINE, 0, &err);
	struct snapshot s;

	ck_assert_msg(r, "%s", err.msg);
	ck_assert_uint_eq(replay_count(r), 27);
	ck_assert(replay_relative(r));
	ck_assert(replay_time(r, 2) == 1.0);
	ck_assert_int_eq(replay_get(r, 2, &s, &err), 0);
	ck_assert_int_eq(s.state, TARGET_RUNNING);
	ck_assert_uint_eq(s.iobuf.nmodules, 2);
	ck_assert_uint_eq(s.iobuf.large.retry, 73614);
	ck_assert(s.mono == 1.0 && s.wall == 1.0);
	/* What iobuf_get_stats does not say stays unknown, not zero. */
	ck_assert(!s.iobuf.opts.valid);
	ck_assert_uint_eq(s.hugepages.nnodes, 0);
	ck_assert_int_eq(s.iobuf.large.util_kind, UTIL_UNKNOWN);
	ck_assert_str_eq(s.version, "");
	replay_free(r);
}
END_TEST

/* Drives a round with explicit times; true when it finished by `now`. */
static bool round_at(struct source *src, double begin, double now, struct snapshot *out)
{
	source_begin(src, begin);
	if (!source_step(src, 0, now))
		return false;
	source_take(src, out);
	return true;
}

START_TEST(test_playback_clock)
{
	struct mt_err err = { 0 };
	struct replay *r;
	struct source src;
	struct snapshot s;

	record(6, 0);
	r = replay_open(path, 1, &err);
	replay_as_source(r, &src);
	ck_assert(src.ops->recorded);
	ck_assert(round_at(&src, 100.0, 100.0, &s));
	ck_assert_uint_eq(s.seq, 1);
	/* The next one is recorded 1 s later: not before, then at once. */
	ck_assert(!round_at(&src, 100.5, 100.5, &s));
	ck_assert(fabs(source_next_deadline(&src) - 101.0) < 1e-9);
	ck_assert(source_step(&src, 0, 101.0));
	source_take(&src, &s);
	ck_assert_uint_eq(s.seq, 2);
	/* x10: a round 0.25 s later has reached 3.5 s of recording: the newest, seq 4. */
	replay_set_speed(r, 10, 101.0);
	ck_assert(round_at(&src, 101.25, 101.25, &s));
	ck_assert_uint_eq(s.seq, 4);
	/* Paused, nothing comes however long we wait; resumed, the clock goes on. */
	replay_set_paused(r, true, 101.25);
	ck_assert(!round_at(&src, 200, 300, &s));
	ck_assert(isinf(source_next_deadline(&src)));
	replay_set_paused(r, false, 300);
	ck_assert(!source_step(&src, 0, 300.0));
	ck_assert(source_step(&src, 0, 300.06));
	source_take(&src, &s);
	ck_assert_uint_eq(s.seq, 5);
	/* Seeking back: the next round gives that one at once. */
	replay_seek(r, 1, 400);
	ck_assert(round_at(&src, 400, 400, &s));
	ck_assert_uint_eq(s.seq, 2);
	replay_seek(r, 5, 500);
	ck_assert(round_at(&src, 500, 500, &s));
	ck_assert(replay_ended(r) && source_ended(&src));
	ck_assert(!round_at(&src, 600, 9999, &s));
	source_close(&src);
}
END_TEST

START_TEST(test_gap_is_crossed_not_waited)
{
	struct actions *a = new_actions(false);
	struct action_result res;
	struct recorder *rec = recorder_open(a, path, 0, &res);
	struct snapshot s;
	struct mt_err err = { 0 };
	struct replay *r;
	struct source src;

	make_snap(&s, 1, 0, 0);
	recorder_append(rec, &s, &err);
	make_snap(&s, 2, 3600, 0);   /* the recorder was down for an hour */
	recorder_append(rec, &s, &err);
	recorder_close(rec);
	actions_free(a);
	r = replay_open(path, 1, &err);
	replay_as_source(r, &src);
	ck_assert(round_at(&src, 10, 10, &s));
	source_begin(&src, 11);
	ck_assert(source_next_deadline(&src) <= 11 + REPLAY_MAX_WAIT + 1e-9);
	ck_assert(source_step(&src, 0, 11 + REPLAY_MAX_WAIT));
	source_take(&src, &s);
	ck_assert_uint_eq(s.seq, 2);
	source_close(&src);
}
END_TEST

START_TEST(test_rotation)
{
	char p[160];
	struct mt_err err = { 0 };
	struct replay *r;
	size_t total = 0;
	struct stat st;

	/* Two lines a file (FILE.3 .. FILE): every line stays whole, in one file or another. */
	record(1, 0);
	ck_assert_int_eq(stat(path, &st), 0);
	unlink(path);
	record(7, (size_t)st.st_size * 5 / 2);
	for (int k = 0; k <= RECORD_KEEP; k++) {
		if (k)
			snprintf(p, sizeof(p), "%s.%d", path, k);
		else
			snprintf(p, sizeof(p), "%s", path);
		if (k > 3) {
			ck_assert_int_eq(access(p, F_OK), -1);
			continue;
		}
		r = replay_open(p, 0, &err);
		ck_assert_msg(r, "%s", err.msg);
		ck_assert_uint_eq(replay_note_count(r), 0);
		total += replay_count(r);
		replay_free(r);
	}
	ck_assert_uint_eq(total, 7);
}
END_TEST

START_TEST(test_read_only_refuses_before_touching_files)
{
	struct actions *a = new_actions(true);
	struct action_result res;

	ck_assert_ptr_null(recorder_open(a, path, 0, &res));
	ck_assert_int_eq(res.outcome, ACTION_REFUSED);
	ck_assert_msg(strstr(res.message, "--read-only"), "%s", res.message);
	ck_assert_int_eq(recorder_dump(a, dir, "x.jsonl", "{}\n", 3, &res), -1);
	ck_assert_int_eq(res.outcome, ACTION_REFUSED);
	ck_assert_int_eq(access(path, F_OK), -1);
	snprintf(path, sizeof(path), "%s/x.jsonl", dir);
	ck_assert_int_eq(access(path, F_OK), -1);
	actions_free(a);
}
END_TEST

/* Replaying, there is no target: RPC actions are refused, files are not. */
START_TEST(test_no_target_refuses_rpcs_only)
{
	struct actions_config cfg = { .no_target = true };
	struct rpc_addr addr;
	struct mt_err err = { 0 };
	struct action_result res;
	struct actions *a;

	ck_assert_int_eq(rpc_addr_parse("/nonexistent/spdk.sock", -1, &addr, &err), 0);
	a = actions_new(&cfg, &addr);
	ck_assert_int_eq(actions_check(a, ACTION_IOBUF_SET_OPTIONS, &res), -1);
	ck_assert_msg(strstr(res.message, "replaying a recording"), "%s", res.message);
	ck_assert_int_eq(actions_check(a, ACTION_FLIGHT_DUMP, &res), 0);
	ck_assert_int_eq(actions_check(a, ACTION_RECORD, &res), 0);
	actions_free(a);
}
END_TEST

START_TEST(test_dump_is_whole_and_alone)
{
	struct actions *a = new_actions(false);
	struct action_result res;
	char sub[128], *text;
	size_t len;

	snprintf(sub, sizeof(sub), "%s/a/b", dir);
	ck_assert_int_eq(recorder_dump(a, sub, "f.jsonl", "one\ntwo\n", 8, &res), 0);
	ck_assert_int_eq(res.outcome, ACTION_OK);
	snprintf(path, sizeof(path), "%s/f.jsonl", sub);
	ck_assert_msg(strstr(res.message, path), "%s", res.message);
	text = fixture_read(path, &len);
	ck_assert_str_eq(text, "one\ntwo\n");
	free(text);
	/* Only the file itself: no temporary left beside it. */
	snprintf(path, sizeof(path), "ls -A %s | wc -l | grep -qx 1", sub);
	ck_assert_int_eq(system(path), 0);
	/* The same name again (a second w before a new snapshot): the first is kept. */
	ck_assert_int_eq(recorder_dump(a, sub, "f.jsonl", "three\n", 6, &res), 0);
	snprintf(path, sizeof(path), "%s/f-1.jsonl", sub);
	ck_assert_msg(strstr(res.message, path), "%s", res.message);
	text = fixture_read(path, &len);
	ck_assert_str_eq(text, "three\n");
	free(text);
	snprintf(path, sizeof(path), "%s/f.jsonl", sub);
	text = fixture_read(path, &len);
	ck_assert_str_eq(text, "one\ntwo\n");
	free(text);
	actions_free(a);
}
END_TEST

/*
 * The recorded exhaustion, replayed through the alert engine as the
 * dashboard feeds it: no critical alert until the tick where the large
 * pool's retries first rise (t = 1.0 s, the third line), then one.
 */
START_TEST(test_timeline_raises_banner_where_retries_rise)
{
	struct mt_err err = { 0 };
	struct replay *r = replay_open(TIMELINE, 0, &err);
	struct alerts *al = alerts_new(NULL);
	struct snapshot prev, cur;
	struct iobuf_rates rates;
	struct alerts_summary sum;
	struct source src;
	size_t first = 0;
	bool have_prev = false;

	ck_assert_msg(r, "%s", err.msg);
	replay_as_source(r, &src);
	for (size_t i = 0; !source_ended(&src); i++) {
		source_run_blocking(&src, &cur);
		memset(&rates, 0, sizeof(rates));
		if (have_prev)
			iobuf_rates_compute(&prev, &cur, &rates);
		alerts_update(al, &cur, &rates);
		alerts_summary(al, &sum);
		if (sum.critical && !first) {
			first = i + 1;
			ck_assert(sum.has_top);
			ck_assert_int_eq(sum.top.kind, ALERT_RETRIES);
			ck_assert_int_eq(sum.top.subject, ALERT_POOL_LARGE);
			ck_assert(sum.top.start_wall == 1.0);
		}
		prev = cur;
		have_prev = true;
	}
	ck_assert_uint_eq(first, 3);
	alerts_free(al);
	source_close(&src);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("replay");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_torn_last_line_is_skipped_with_a_note);
	tcase_add_test(tc, test_bad_line_names_file_line_and_field);
	tcase_add_test(tc, test_timeline_form);
	tcase_add_test(tc, test_playback_clock);
	tcase_add_test(tc, test_gap_is_crossed_not_waited);
	tcase_add_test(tc, test_rotation);
	tcase_add_test(tc, test_read_only_refuses_before_touching_files);
	tcase_add_test(tc, test_no_target_refuses_rpcs_only);
	tcase_add_test(tc, test_dump_is_whole_and_alone);
	tcase_add_test(tc, test_timeline_raises_banner_where_retries_rise);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
