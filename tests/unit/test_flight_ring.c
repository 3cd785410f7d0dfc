/*
 * flight_ring: bounded by age and by bytes, handed back as a recording the
 * replay reads, and the episode rule for automatic dumps.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "fixture_io.h"
#include "flight_ring.h"
#include "replay.h"

static void snap_at(struct snapshot *s, uint64_t seq, double wall)
{
	memset(s, 0, sizeof(*s));
	s->seq = seq;
	s->wall = wall;
	s->mono = wall;
	s->state = TARGET_UNREACHABLE;
	snprintf(s->unreachable_reason, sizeof(s->unreachable_reason), "connection refused");
}

START_TEST(test_keeps_the_last_minutes)
{
	struct flight_ring *f = flight_ring_new(60, FLIGHT_MAX_BYTES);
	struct snapshot s;
	struct mt_err err = { 0 };

	for (uint64_t i = 0; i < 200; i++) {
		snap_at(&s, i + 1, 1000 + (double)i);
		ck_assert_int_eq(flight_ring_push(f, &s, &err), 0);
	}
	/* 1139 .. 1199: the newest and the 60 s before it. */
	ck_assert_uint_eq(flight_ring_count(f), 61);
	flight_ring_free(f);
}
END_TEST

START_TEST(test_bytes_bound_and_text_replays)
{
	struct flight_ring *f = flight_ring_new(3600, 1);
	struct snapshot s, got;
	struct mt_err err = { 0 };
	char dir[] = "/tmp/memtop-flight-XXXXXX", path[64], *text;
	struct replay *r;
	size_t len;

	for (uint64_t i = 0; i < 5; i++) {
		snap_at(&s, i + 1, 1000 + (double)i);
		flight_ring_push(f, &s, &err);
	}
	/* Over the byte bound, the newest line is still kept. */
	ck_assert_uint_eq(flight_ring_count(f), 1);
	flight_ring_free(f);

	f = flight_ring_new(3600, FLIGHT_MAX_BYTES);
	for (uint64_t i = 0; i < 5; i++) {
		snap_at(&s, i + 1, 1000 + (double)i);
		flight_ring_push(f, &s, &err);
	}
	text = flight_ring_text(f, &len);
	ck_assert_uint_eq(len, flight_ring_bytes(f));
	ck_assert_uint_eq(strlen(text), len);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f.jsonl", dir);
	fixture_write(path, text);
	r = replay_open(path, 0, &err);
	ck_assert_msg(r, "%s", err.msg);
	ck_assert_uint_eq(replay_count(r), 5);
	ck_assert_int_eq(replay_get(r, 4, &got, &err), 0);
	ck_assert_uint_eq(got.seq, 5);
	ck_assert_str_eq(got.unreachable_reason, "connection refused");
	replay_free(r);
	free(text);
	fixture_rm_tree(dir);
	flight_ring_free(f);
}
END_TEST

START_TEST(test_dump_once_per_episode_and_spacing)
{
	struct flight_ring *f = flight_ring_new(900, FLIGHT_MAX_BYTES);

	ck_assert(!flight_ring_should_dump(f, false, 0));
	ck_assert(flight_ring_should_dump(f, true, 1));     /* an episode starts */
	ck_assert(!flight_ring_should_dump(f, true, 2));    /* the same episode */
	ck_assert(!flight_ring_should_dump(f, false, 3));
	ck_assert(!flight_ring_should_dump(f, true, 4));    /* a new one, too soon */
	ck_assert(!flight_ring_should_dump(f, false, 5));
	ck_assert(flight_ring_should_dump(f, true, 1 + FLIGHT_DUMP_SPACING));
	flight_ring_free(f);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("flight_ring");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_keeps_the_last_minutes);
	tcase_add_test(tc, test_bytes_bound_and_text_replays);
	tcase_add_test(tc, test_dump_once_per_episode_and_spacing);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
