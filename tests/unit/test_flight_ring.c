/*
 * flight_ring: bounded by age and by bytes, handed back as a recording the
 * replay reads, byte for byte the lines snapshot_to_json_line writes while it
 * keeps most of them as deltas, and the episode rule for automatic dumps.
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
#include "snapshot_json.h"

static void snap_at(struct snapshot *s, uint64_t seq, double wall)
{
	memset(s, 0, sizeof(*s));
	s->seq = seq;
	s->wall = wall;
	s->mono = wall;
	s->state = TARGET_UNREACHABLE;
	snprintf(s->unreachable_reason, sizeof(s->unreachable_reason), "connection refused");
}

/*
 * The i-th of a varied run: a running target whose counters move every
 * tick, whose nodes come and go (2, then 4, then 1), whose modules grow,
 * whose heaps are read now and then, with errors and unreachable spells.
 */
static void snap_varied(struct snapshot *s, uint64_t i)
{
	size_t nodes = i < 40 ? 2 : i < 70 ? 4 : 1;

	snap_at(s, i + 1, 1.8e9 + (double)i);
	if (i % 37 >= 30)
		return;   /* unreachable for 7 ticks of every 37 */
	s->state = TARGET_RUNNING;
	s->unreachable_reason[0] = '\0';
	snprintf(s->version, sizeof(s->version), "SPDK v26.09%s", i >= 50 ? "-pre" : "");
	s->iobuf.form = IOBUF_FORM_PER_MODULE;
	s->iobuf.opts = (struct iobuf_options){ true, 8192, 1024, 8192, 135168, i >= 60 };
	s->iobuf.nmodules = 3 + i / 25;
	for (size_t m = 0; m < s->iobuf.nmodules; m++) {
		struct iobuf_module_stats *ms = &s->iobuf.modules[m];

		snprintf(ms->name, sizeof(ms->name), "mod_%zu", m);
		ms->small = (struct iobuf_pool_counters){ 1000 * i + m, 10 * i, m == 1 ? i / 3 : 0,
							  128, true };
		ms->large = (struct iobuf_pool_counters){ 100 * i, i, 0, 16, true };
	}
	s->iobuf.small.util = (double)(i % 10) / 10.0;
	s->iobuf.small.util_kind = UTIL_RESERVED;
	s->hugepages.nnodes = nodes;
	for (size_t n = 0; n < nodes; n++) {
		struct hugepage_node *nd = &s->hugepages.nodes[n];

		*nd = (struct hugepage_node){ .id = (int)n, .has_meminfo = true,
					      .mem_total_kb = 32768000,
					      .mem_free_kb = 12345678 - i * 3 - n, .nsizes = 1 };
		nd->sizes[0] = (struct hugepage_size_stats){ 2048, 1024, 512 - (i / 20), 0 };
	}
	if (i % 15 == 0) {
		s->heaps.state = HEAPS_READ;
		s->heaps.read_wall = s->wall;
		s->heaps.read_mono = s->mono;
	}
	s->errors.n = (i / 9) % 3;
	for (size_t e = 0; e < s->errors.n; e++)
		snprintf(s->errors.msg[e], sizeof(s->errors.msg[e]), "error %zu, at tick %llu: x",
			 e, (unsigned long long)i);
}

/* The ring's text equals the lines of the snapshots it says it keeps, the newest last. */
static void assert_text_is_lines(const struct flight_ring *f, const struct snapshot *all,
				 size_t pushed)
{
	size_t n = flight_ring_count(f), len, want_len = 0, off = 0;
	char *text = flight_ring_text(f, &len);

	ck_assert_ptr_nonnull(text);
	for (size_t k = pushed - n; k < pushed; k++) {
		size_t l;
		char *line = snapshot_to_json_line(&all[k], &l);

		ck_assert_ptr_nonnull(line);
		ck_assert_uint_le(off + l, len);
		ck_assert_msg(memcmp(text + off, line, l) == 0, "line of snapshot %zu differs", k);
		off += l;
		want_len += l;
		free(line);
	}
	ck_assert_uint_eq(len, want_len);
	ck_assert_uint_eq(strlen(text), len);
	free(text);
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
	ck_assert_uint_le(flight_ring_bytes(f), len);
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

START_TEST(test_text_is_every_line_byte_for_byte)
{
	enum { N = 120 };
	struct snapshot *all = calloc(N, sizeof(*all));
	struct flight_ring *f = flight_ring_new(45, FLIGHT_MAX_BYTES);
	struct mt_err err = { 0 };
	size_t whole = 0;

	ck_assert_ptr_nonnull(all);
	for (uint64_t i = 0; i < N; i++) {
		size_t l;
		char *line;

		snap_varied(&all[i], i);
		line = snapshot_to_json_line(&all[i], &l);
		whole += l;
		free(line);
		ck_assert_int_eq(flight_ring_push(f, &all[i], &err), 0);
		/* Every few pushes, and across each change of nodes, modules, state. */
		if (i % 7 == 0 || i == 39 || i == 40 || i == 69 || i == 70)
			assert_text_is_lines(f, all, (size_t)i + 1);
	}
	ck_assert_uint_eq(flight_ring_count(f), 46);
	assert_text_is_lines(f, all, N);
	flight_ring_free(f);

	/* No age bound: all 120 kept, in far fewer bytes than the lines. */
	f = flight_ring_new(3600, FLIGHT_MAX_BYTES);
	for (uint64_t i = 0; i < N; i++)
		ck_assert_int_eq(flight_ring_push(f, &all[i], &err), 0);
	assert_text_is_lines(f, all, N);
	ck_assert_msg(flight_ring_bytes(f) * 3 < whole, "%zu bytes kept for %zu of lines",
		      flight_ring_bytes(f), whole);
	flight_ring_free(f);
	free(all);
}
END_TEST

START_TEST(test_byte_bound_evicts_and_text_stays_exact)
{
	enum { N = 100 };
	struct snapshot *all = calloc(N, sizeof(*all));
	struct flight_ring *f = flight_ring_new(3600, 8192);
	struct mt_err err = { 0 };

	ck_assert_ptr_nonnull(all);
	for (uint64_t i = 0; i < N; i++) {
		snap_varied(&all[i], i);
		ck_assert_int_eq(flight_ring_push(f, &all[i], &err), 0);
		ck_assert_uint_le(flight_ring_bytes(f), 8192);
		assert_text_is_lines(f, all, (size_t)i + 1);
	}
	ck_assert_uint_lt(flight_ring_count(f), N);
	flight_ring_free(f);
	free(all);
}
END_TEST

/* Counts the lines and stops (-1) at the stop-th, appending them to a text. */
struct lines_seen {
	size_t n, stop, off;
	char text[1 << 16];
};

static int see_line(void *ctx, const char *line, size_t len)
{
	struct lines_seen *ls = ctx;

	ck_assert_uint_lt(ls->off + len, sizeof(ls->text));
	memcpy(ls->text + ls->off, line, len);
	ls->off += len;
	return ++ls->n == ls->stop ? -1 : 0;
}

START_TEST(test_each_line_is_the_text_and_stops)
{
	struct flight_ring *f = flight_ring_new(3600, FLIGHT_MAX_BYTES);
	static struct lines_seen ls;
	struct snapshot s;
	struct mt_err err = { 0 };
	size_t len;
	char *text;

	for (uint64_t i = 0; i < 20; i++) {
		snap_varied(&s, i);
		ck_assert_int_eq(flight_ring_push(f, &s, &err), 0);
	}
	text = flight_ring_text(f, &len);
	ck_assert_int_eq(flight_ring_each_line(f, see_line, &ls), 0);
	ck_assert_uint_eq(ls.n, 20);
	ck_assert_uint_eq(ls.off, len);
	ck_assert_mem_eq(ls.text, text, len);
	ls = (struct lines_seen){ .stop = 5 };
	ck_assert_int_eq(flight_ring_each_line(f, see_line, &ls), -1);
	ck_assert_uint_eq(ls.n, 5);
	ck_assert_mem_eq(ls.text, text, ls.off);
	free(text);
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
	tcase_add_test(tc, test_text_is_every_line_byte_for_byte);
	tcase_add_test(tc, test_byte_bound_evicts_and_text_stays_exact);
	tcase_add_test(tc, test_each_line_is_the_text_and_stops);
	tcase_add_test(tc, test_dump_once_per_episode_and_spacing);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
