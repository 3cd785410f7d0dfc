/*
 * json_emit: the compact line written straight away is byte for byte
 * json_dumps(JSON_COMPACT) of the tree the same code builds: for a zeroed
 * and a recorded snapshot, for the collector's of the simulator in each
 * scenario, then for 3,000 with numbers, flags, counts and
 * strings scrambled (u64 beyond INT64_MAX, reals from raw bits, NaN, -0,
 * subnormals; strings with quotes, backslashes, control bytes, DEL, valid
 * and broken UTF-8).  And the emitter refuses a document that does not
 * close, closes too often or nests too deep, in both forms.
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "collector.h"
#include "fixture_io.h"
#include "json_emit.h"
#include "rpc_client.h"
#include "sim_harness.h"
#include "snapshot_json.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t u64(void)
{
	static const uint64_t edge[] = { 0, 1, INT64_MAX, (uint64_t)INT64_MAX + 1, UINT64_MAX,
					 1024, 999999999999ull };

	return next() % 3 ? next() >> (next() % 64) : edge[next() % 7];
}

static double real(void)
{
	static const double edge[] = { 0.0, -0.0, 0.1, 1e22, 1.5e-7, 5e-324, 1e300, 3.0,
				       NAN, INFINITY, -INFINITY, 1.0 / 3 };
	uint64_t bits = next();
	double d;

	if (next() % 2)
		return edge[next() % 12];
	memcpy(&d, &bits, sizeof(d));
	return d;
}

static void str(char *s, size_t cap)
{
	static const char *const parts[] = { "\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f", "/",
					     "é", "\xe2\x82\xac", "\xf0\x9f\x92\xbe", "\xc3",
					     "\xff", "spdk", " ", "\xed\xa0\x80" };
	size_t n = 0, want = next() % cap;

	while (n < want) {
		const char *p = parts[next() % 16];
		size_t l = strlen(p);

		if (n + l >= cap)
			break;
		memcpy(s + n, p, l);
		n += l;
	}
	s[n] = '\0';
}

#define STR(field) str(field, sizeof(field))

static void scramble(struct snapshot *s)
{
	s->seq = u64();
	s->mono = real();
	s->wall = next() % 2 ? real() : 1.7e9 + (double)(next() % 100000) / 7;
	STR(s->target);
	STR(s->version);
	STR(s->unreachable_reason);
	s->state = (enum target_state)(next() % 4);
	s->iobuf.form = (enum iobuf_stats_form)(next() % 3);
	s->iobuf.opts.valid = next() % 2;
	s->iobuf.opts.small_pool_count = u64();
	s->iobuf.opts.enable_numa = next() % 2;
	s->iobuf.nmodules = next() % (SNAP_MAX_MODULES + 1);
	for (size_t i = 0; i < s->iobuf.nmodules; i++) {
		struct iobuf_module_stats *m = &s->iobuf.modules[i];

		STR(m->name);
		m->small.cache = u64();
		m->small.retry = u64();
		m->large.main = u64();
		m->large.cache_size = u64();
		m->large.has_cache_size = next() % 2;
	}
	s->iobuf.agg_small.available_count = u64();
	s->iobuf.agg_large.has_cache_count = next() % 2;
	s->iobuf.rings.state = (enum rings_state)(next() % 3);
	s->iobuf.rings.pid = (int)(next() % 3) - 1;
	STR(s->iobuf.rings.why);
	s->iobuf.rings.n = next() % (SNAP_MAX_RINGS + 1);
	for (size_t i = 0; i < s->iobuf.rings.n; i++) {
		s->iobuf.rings.rings[i].node = (int)(next() % 5) - 1;
		s->iobuf.rings.rings[i].large = next() % 2;
		s->iobuf.rings.rings[i].free = u64();
	}
	s->iobuf.small.util = real();
	s->iobuf.small.util_kind = (enum util_kind)(next() % 3);
	s->iobuf.large.util_source = (enum util_source)(next() % 4);
	s->iobuf.large.free = u64();
	s->iobuf.large.has_reserved = next() % 2;
	s->hugepages.numa_from_libnuma = next() % 2;
	s->hugepages.nnodes = next() % 5;
	for (size_t i = 0; i < s->hugepages.nnodes; i++) {
		s->hugepages.nodes[i].id = (int)(next() % 70);
		s->hugepages.nodes[i].has_meminfo = next() % 2;
		s->hugepages.nodes[i].mem_free_kb = u64();
		s->hugepages.nodes[i].nsizes = next() % (SNAP_MAX_PAGE_SIZES + 1);
		s->hugepages.nodes[i].sizes[0].free = u64();
	}
	s->hugepages.global.has_meminfo = next() % 2;
	s->hugepages.global.nsizes = next() % (SNAP_MAX_PAGE_SIZES + 1);
	s->hugepages.global.hugetlb_kb = u64();
	s->heaps.state = (enum heaps_state)(next() % 3);
	s->heaps.read_wall = next() % 2 ? 0 : real();
	s->heaps.read_mono = real();
	STR(s->heaps.why);
	s->heaps.n = next() % (SNAP_MAX_HEAPS + 1);
	s->heaps.has_mempools = next() % 2;
	s->heaps.nmempools = next() % 4;
	for (size_t i = 0; i < s->heaps.nmempools; i++) {
		STR(s->heaps.mempools[i].name);
		s->heaps.mempools[i].node = (int)(next() % 3) - 1;
		s->heaps.mempools[i].obj_size = next() % 2 ? 0 : u64();
		s->heaps.mempools[i].count = u64();
	}
	s->errors.n = next() % (MT_ERRLIST_MAX + 1);
	for (size_t i = 0; i < s->errors.n; i++)
		STR(s->errors.msg[i]);
	s->errors.dropped = u64();
}

/* The line and the tree's dump agree; where they part when not. */
static void same_both_ways(const struct snapshot *s, const char *what, int i)
{
	json_t *tree = snapshot_to_json(s);
	char *dump, *line;
	size_t len;

	ck_assert_ptr_nonnull(tree);
	dump = json_dumps(tree, JSON_COMPACT);
	line = snapshot_to_json_line(s, &len);
	ck_assert_ptr_nonnull(dump);
	ck_assert_ptr_nonnull(line);
	ck_assert_uint_eq(len, strlen(line));
	if (len != strlen(dump) + 1 || line[len - 1] != '\n' || memcmp(line, dump, len - 1)) {
		size_t at = 0;

		while (line[at] && line[at] == dump[at])
			at++;
		at = at > 40 ? at - 40 : 0;
		ck_abort_msg("%s #%d differs near byte %zu:\nline %.100s\ndump %.100s", what, i,
			     at + 40, line + at, dump + at);
	}
	free(dump);
	free(line);
	json_decref(tree);
}

START_TEST(test_line_is_the_trees_dump)
{
	static struct snapshot s;
	struct mt_err err = { 0, "" };
	size_t len;
	char *text;

	/* a zeroed snapshot, then a recorded one, then scrambled ones */
	same_both_ways(&s, "zeroed", 0);
	text = fixture_read(MEMTOP_FIXTURES "/snapshots/before-rings.steady.json", &len);
	ck_assert_msg(snapshot_from_json_text(text, len, &s, &err) == 0, "%s", err.msg);
	free(text);
	same_both_ways(&s, "before-rings.steady.json", 0);
	for (int i = 1; i <= 3000; i++) {
		scramble(&s);
		same_both_ways(&s, "scrambled", i);
	}
}
END_TEST

/* A document with s as a key and as a string value. */
static void key_and_value(struct jemit *e, const char *s)
{
	je_object(e, NULL);
	je_string(e, s, s);
	je_int(e, "k", 1);
	je_end(e);
}

/*
 * Keys and strings of every length to 24 with one byte that needs an escape
 * (or one next to those that do not) at every place: the text is checked a
 * word at a time, and where a word or its overlapping tail falls matters.
 */
START_TEST(test_escape_at_every_place)
{
	static const char bytes[] = { '"', '\\', 0x01, 0x1f, '\n', 0x20, 0x21, '#', 0x7f, '/', '[', ']' };
	char s[32];
	struct jemit e;

	for (size_t len = 1; len <= 24; len++) {
		for (size_t at = 0; at < len; at++) {
			for (size_t b = 0; b < sizeof(bytes); b++) {
				json_t *tree;
				char *text, *dump;
				size_t n;

				memset(s, 'a' + (int)(len % 26), len);
				s[len] = '\0';
				s[at] = bytes[b];
				je_init_text(&e, 0);
				key_and_value(&e, s);
				text = je_take_text(&e, "", &n);
				je_init_tree(&e);
				key_and_value(&e, s);
				tree = je_take_tree(&e);
				ck_assert_ptr_nonnull(text);
				ck_assert_ptr_nonnull(tree);
				dump = json_dumps(tree, JSON_COMPACT);
				ck_assert_msg(strcmp(text, dump) == 0, "len %zu byte %zu 0x%02x: %s vs %s",
					      len, at, bytes[b], text, dump);
				free(text);
				free(dump);
				json_decref(tree);
			}
		}
	}
}
END_TEST

/*
 * Snapshots the real collector makes of the simulator (the bench's: 8
 * modules; 2 and 4 nodes; each scenario), on the real clocks: every line
 * the tree's dump.
 */
START_TEST(test_simulator_lines_are_the_trees_dump)
{
	static const char *const scenario[] = { "idle", "steady", "exhaustion", "churn" };
	static const char *const nodes[] = { "2node", "4node", "1node", "2node" };
	static struct snapshot s;
	const char *sc = scenario[_i];
	const char *args[] = { "--scenario", sc, "--modules", "8", NULL };
	char sysfs[256], procfs[256];
	struct collector_config cfg = { .rpc_timeout = 5.0, .hp = { sysfs, procfs } };
	struct sim_harness *h = sim_harness_start(args);
	struct rpc_client *client;
	struct collector *col;
	struct rpc_addr addr;
	struct mt_err err;

	snprintf(sysfs, sizeof(sysfs), "%s/sysfs/%s", MEMTOP_FIXTURES, nodes[_i]);
	snprintf(procfs, sizeof(procfs), "%s/procfs/%s", MEMTOP_FIXTURES, nodes[_i]);
	ck_assert(h != NULL);
	ck_assert_msg(rpc_addr_parse(sim_harness_socket(h), -1, &addr, &err) == 0, "%s", err.msg);
	client = rpc_client_new(&addr);
	ck_assert_ptr_nonnull(client);
	col = collector_new(&cfg, client);
	ck_assert_ptr_nonnull(col);
	for (int round = 1; round <= 20; round++) {
		collector_run_blocking(col, &s);
		ck_assert_int_eq(s.state, TARGET_RUNNING);
		ck_assert_uint_eq(s.iobuf.nmodules, 8);
		same_both_ways(&s, sc, round);
	}
	collector_free(col);
	rpc_client_free(client);
	sim_harness_stop(h);
}
END_TEST

static void sample(struct jemit *e)
{
	je_object(e, NULL);
	je_array(e, "a");
	je_int(e, NULL, -5);
	je_real(e, NULL, 2.5);
	je_real(e, NULL, NAN);
	je_bool(e, NULL, true);
	je_null(e, NULL);
	je_object(e, NULL);
	je_end(e);
	je_array(e, NULL);
	je_end(e);
	je_end(e);
	je_string(e, "s\"k", "x\by");
	je_end(e);
}

START_TEST(test_emitter_forms)
{
	struct jemit e;
	json_t *tree;
	char *text, *dump;
	size_t len;

	je_init_text(&e, 0);
	sample(&e);
	text = je_take_text(&e, "", &len);
	ck_assert_str_eq(text, "{\"a\":[-5,2.5,null,true,null,{},[]],\"s\\\"k\":\"x\\by\"}");
	je_init_tree(&e);
	sample(&e);
	tree = je_take_tree(&e);
	ck_assert_ptr_nonnull(tree);
	dump = json_dumps(tree, JSON_COMPACT);
	ck_assert_str_eq(dump, text);
	free(dump);
	free(text);
	json_decref(tree);
}
END_TEST

/* Integers at their limits, written without printf, and a hint smaller than the text. */
START_TEST(test_emitter_integers)
{
	static const int64_t ints[] = { 0, 1, -1, 9, 10, -10, 1234567890, INT64_MAX, INT64_MIN,
					INT64_MIN + 1 };
	struct jemit e;
	char *text;
	size_t len;

	je_init_text(&e, 1);
	je_array(&e, NULL);
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		je_int(&e, NULL, ints[i]);
	je_u64(&e, NULL, UINT64_MAX);
	je_u64(&e, NULL, (uint64_t)INT64_MAX + 1);
	je_end(&e);
	text = je_take_text(&e, "", &len);
	ck_assert_str_eq(text, "[0,1,-1,9,10,-10,1234567890,9223372036854775807,"
			       "-9223372036854775808,-9223372036854775807,"
			       "\"18446744073709551615\",\"9223372036854775808\"]");
	ck_assert_uint_eq(len, strlen(text));
	free(text);
}
END_TEST

/* Written into a kept buffer: the same text, the room reused, a failure leaves no text. */
START_TEST(test_emitter_into_kept_buffer)
{
	struct stream_buf buf = { 0 };
	struct jemit e;
	char *text;
	void *room;
	size_t len;

	je_init_text(&e, 0);
	sample(&e);
	text = je_take_text(&e, "\n", &len);
	for (int round = 0; round < 3; round++) {
		je_init_text_into(&e, &buf);
		sample(&e);
		ck_assert_int_eq(je_take_text_into(&e, "\n", &buf), 0);
		ck_assert_uint_eq(buf.len, len);
		ck_assert_str_eq(buf.data, text);
		if (round == 0)
			room = buf.data;
		ck_assert_ptr_eq(buf.data, room);   /* no allocation after the first */
	}
	je_init_text_into(&e, &buf);
	je_object(&e, NULL);                    /* never closed */
	ck_assert_int_eq(je_take_text_into(&e, "\n", &buf), -1);
	ck_assert_uint_eq(buf.len, 0);
	ck_assert_ptr_eq(buf.data, room);
	free(buf.data);
	free(text);
}
END_TEST

START_TEST(test_emitter_refuses_bad_nesting)
{
	struct jemit e;
	size_t len;

	for (int form = 0; form < 2; form++) {
		/* not closed */
		form ? je_init_text(&e, 0) : je_init_tree(&e);
		je_object(&e, NULL);
		ck_assert(form ? !je_take_text(&e, "", &len) : !je_take_tree(&e));
		/* closed once too often */
		form ? je_init_text(&e, 0) : je_init_tree(&e);
		je_array(&e, NULL);
		je_end(&e);
		je_end(&e);
		ck_assert(form ? !je_take_text(&e, "", &len) : !je_take_tree(&e));
		/* deeper than JE_DEPTH */
		form ? je_init_text(&e, 0) : je_init_tree(&e);
		for (int i = 0; i < JE_DEPTH + 2; i++)
			je_array(&e, NULL);
		for (int i = 0; i < JE_DEPTH + 2; i++)
			je_end(&e);
		ck_assert(form ? !je_take_text(&e, "", &len) : !je_take_tree(&e));
		/* two roots */
		form ? je_init_text(&e, 0) : je_init_tree(&e);
		je_int(&e, NULL, 1);
		je_int(&e, NULL, 2);
		ck_assert(form ? !je_take_text(&e, "", &len) : !je_take_tree(&e));
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("json_emit");
	TCase *tc = tcase_create("emit");

	tcase_add_test(tc, test_line_is_the_trees_dump);
	tcase_add_loop_test(tc, test_simulator_lines_are_the_trees_dump, 0, 4);
	tcase_add_test(tc, test_escape_at_every_place);
	tcase_add_test(tc, test_emitter_forms);
	tcase_add_test(tc, test_emitter_integers);
	tcase_add_test(tc, test_emitter_into_kept_buffer);
	tcase_add_test(tc, test_emitter_refuses_bad_nesting);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
