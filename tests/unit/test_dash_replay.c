/*
 * dash_replay: the dashboard's replay keys over a real recording, with a
 * feed that counts what it is given (as the dashboard's consumers would see
 * it), and the times the `/` prompt understands.
 */
#include <check.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_main.h"
#include "dash_replay.h"

#define TIMELINE MEMTOP_FIXTURES "/transcripts/exhaustion_bdevperf.hide_md/" \
	"timeline.iobuf_get_stats.jsonl"

struct counter {
	size_t resets, fed;
	uint64_t last_seq;
	uint64_t large_retry_prev;
	bool have_prev;
};

static void c_reset(void *ctx)
{
	struct counter *c = ctx;

	c->resets++;
	c->fed = 0;
	c->have_prev = false;
}

/* "An alert starts" here when the large pool's retries rise, as the retries rule says. */
static bool c_feed(void *ctx, const struct snapshot *s, double now)
{
	struct counter *c = ctx;
	bool rose = c->have_prev && s->iobuf.large.retry > c->large_retry_prev &&
		    c->large_retry_prev == 0;

	(void)now;
	c->fed++;
	c->last_seq = s->seq;
	c->large_retry_prev = s->iobuf.large.retry;
	c->have_prev = true;
	return rose;
}

START_TEST(test_keys_move_the_replay_and_feed_consumers)
{
	struct mt_err err = { 0 };
	struct replay *r = replay_open(TIMELINE, 1, &err);
	struct counter c = { 0 };
	struct dash_feed f = { c_reset, c_feed, &c };
	struct dash_replay dr;
	struct dash_state st;
	struct snapshot s;

	ck_assert_msg(r, "%s", err.msg);
	ck_assert_int_eq(dash_replay_init(&dr, r), 0);
	dash_state_init(&st, 0.1, false, 1, 0);

	/* n from the start: fed up to the third line (t = 1.0), paused there. */
	dash_replay_action(&dr, ACT_REPLAY_NEXT_ALERT, &f, &st, 1.0);
	ck_assert(st.paused && replay_paused(r));
	ck_assert_uint_eq(c.fed, 3);
	ck_assert_uint_eq(replay_next(r), 3);
	ck_assert_msg(strstr(st.note, "alert: 3/27 at t+1.0s"), "%s", st.note);
	/* . forward one, , back one: back rebuilds from the start. */
	dash_replay_action(&dr, ACT_REPLAY_FWD, &f, &st, 2.0);
	ck_assert_uint_eq(c.fed, 4);
	ck_assert_uint_eq(c.last_seq, 4);
	dash_replay_action(&dr, ACT_REPLAY_BACK, &f, &st, 3.0);
	ck_assert_uint_eq(c.resets, 1);
	ck_assert_uint_eq(c.fed, 3);
	ck_assert_uint_eq(c.last_seq, 3);
	/* No further alert: back where it was, consumers as they were there. */
	dash_replay_action(&dr, ACT_REPLAY_NEXT_ALERT, &f, &st, 4.0);
	ck_assert_msg(strstr(st.note, "no alert starts after this: 3/27"), "%s", st.note);
	ck_assert_uint_eq(c.last_seq, 3);
	ck_assert_uint_eq(replay_next(r), 3);
	/* Speed along the ladder, ends included. */
	dash_replay_action(&dr, ACT_REPLAY_FASTER, &f, &st, 5.0);
	dash_replay_action(&dr, ACT_REPLAY_FASTER, &f, &st, 5.0);
	dash_replay_action(&dr, ACT_REPLAY_FASTER, &f, &st, 5.0);
	ck_assert(replay_speed(r) == 100);
	dash_replay_action(&dr, ACT_REPLAY_SLOWER, &f, &st, 5.0);
	ck_assert(replay_speed(r) == 10);
	/* / opens the ui's prompt with the timeline's form; t+6 confirmed: recorded at 6.0 s. */
	dash_replay_action(&dr, ACT_REPLAY_SEEK, &f, &st, 6.0);
	ck_assert(st.seek.open);
	ck_assert_str_eq(dash_state_current_note(&st, 6.0), "seek to (t+SECONDS; Enter, Esc): _");
	dash_replay_seek(&dr, "t+6", &f, &st, 6.0);
	ck_assert_msg(strstr(st.note, "seek: 13/27 at t+6.0s"), "%s", st.note);
	ck_assert_uint_eq(replay_next(r), 13);
	ck_assert_uint_eq(c.last_seq, 13);
	ck_assert_int_eq(replay_get(r, 12, &s, &err), 0);
	ck_assert_str_eq(dash_replay_tag(&dr, &s, true), "REPLAY t+6.0s x10");
	/* A bad time says so and moves nothing; so does one past the end. */
	dash_replay_seek(&dr, "soon", &f, &st, 7.0);
	ck_assert_msg(strstr(st.note, "not a time: 'soon'"), "%s", st.note);
	ck_assert_uint_eq(replay_next(r), 13);
	dash_replay_seek(&dr, "t+1000", &f, &st, 7.0);
	ck_assert_str_eq(st.note, "'t+1000' is after the end of the recording");
	ck_assert_uint_eq(replay_next(r), 13);
	dash_replay_free(&dr);
	replay_free(r);
}
END_TEST

/* r, + and -: said not to apply, the interval left as it was; other keys go on. */
START_TEST(test_live_keys_refused)
{
	struct dash_state st;

	dash_state_init(&st, 0.1, false, 1, 0);
	ck_assert(dash_replay_refuses(ACT_RECONNECT, &st, 1.0));
	ck_assert_msg(strncmp(st.note, "r: not in a replay", 18) == 0, "%s", st.note);
	ck_assert(dash_replay_refuses(ACT_INTERVAL_UP, &st, 2.0));
	ck_assert_msg(strncmp(st.note, "+/-: not in a replay", 20) == 0, "%s", st.note);
	ck_assert(dash_replay_refuses(ACT_INTERVAL_DOWN, &st, 3.0));
	ck_assert(st.interval == 0.1);
	ck_assert(!dash_replay_refuses(ACT_PAUSE, &st, 4.0));
	ck_assert(!dash_replay_refuses(ACT_REPLAY_FASTER, &st, 4.0));
	ck_assert(!dash_replay_refuses(ACT_QUIT, &st, 4.0));
}
END_TEST

START_TEST(test_parse_time)
{
	struct tm tm = { .tm_year = 126, .tm_mon = 11, .tm_mday = 1, .tm_hour = 7,
			 .tm_min = 48, .tm_sec = 18, .tm_isdst = -1 };
	double ref = (double)mktime(&tm), t;

	ck_assert_int_eq(dash_replay_parse_time("t+2.5", true, 0, &t), 0);
	ck_assert(t == 2.5);
	ck_assert_int_eq(dash_replay_parse_time("7", true, 0, &t), 0);
	ck_assert(t == 7);
	ck_assert_int_eq(dash_replay_parse_time("07:50", false, ref, &t), 0);
	ck_assert(t == ref + 102);
	ck_assert_int_eq(dash_replay_parse_time("07:48:20", false, ref, &t), 0);
	ck_assert(t == ref + 2);
	ck_assert_int_eq(dash_replay_parse_time("2026-12-02 07:48:18", false, ref, &t), 0);
	ck_assert(t == ref + 86400);
	ck_assert_int_eq(dash_replay_parse_time("7:48:18x", false, ref, &t), -1);
	ck_assert_int_eq(dash_replay_parse_time("t+-1", true, 0, &t), -1);
	ck_assert_int_eq(dash_replay_parse_time("", false, ref, &t), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dash_replay");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_keys_move_the_replay_and_feed_consumers);
	tcase_add_test(tc, test_live_keys_refused);
	tcase_add_test(tc, test_parse_time);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
