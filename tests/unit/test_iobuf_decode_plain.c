/*
 * iobuf_decode_plain: what it reads it reads to the letter as the tree
 * decoder does (the client's tree: json_budget_check, json_bigint_rewrite,
 * json_loadb), return, message and every byte of the stats; it reads the
 * replies SPDK and the simulator write; it leaves everything the full
 * reader has something to say about.  Every text of every byte mutation of
 * a reply goes through it, and through iobuf_decode_stats_text, which must
 * still agree with the tree decoder whichever reader read the text.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "client_tree.h"
#include "fixture_sweep.h"
#include "iobuf_decode.h"
#include "iobuf_decode_plain.h"
#include "iobuf_decode_text.h"
#include "json_stream.h"

#define POOL "{\"cache\":1,\"main\":2,\"retry\":3,\"cache_size\":4}"
#define MOD(name, small) "{\"module\":\"" name "\",\"small_pool\":" small ",\"large_pool\":" POOL "}"
#define ONE(small) "[" MOD("m", small) "]"

struct decoded {
	int rc;
	struct mt_err err;
	struct iobuf_snapshot io;
};

/* The plain reader on text[0..n) as iobuf_decode_stats_text calls it: 1 read, 0 left. */
static int plain(const char *text, size_t n, struct decoded *d)
{
	struct rt_cur c = { .s = text, .n = n, .method = IOBUF_M_STATS, .err = &d->err };
	int read;

	memset(d, 0x5a, sizeof(*d));
	mt_err_clear(&d->err);
	iobuf_stats_clear(&d->io);
	read = iobuf_decode_plain(&c, &d->io);
	d->rc = 0;
	rt_finish(&c, 0);
	return read;
}

/* The stats both decoders write: every byte of them (both clear them first). */
static void same_decode(const struct decoded *a, const struct decoded *b, const char *text,
			size_t n, const char *who)
{
	ck_assert_msg(a->rc == b->rc && a->err.code == b->err.code &&
		      strcmp(a->err.msg, b->err.msg) == 0,
		      "%s on %.*s\ntree %d (%d) \"%s\"\n%d (%d) \"%s\"", who,
		      n > 300 ? 300 : (int)n, text, a->rc, a->err.code, a->err.msg, b->rc,
		      b->err.code, b->err.msg);
	ck_assert_msg(a->io.form == b->io.form && a->io.nmodules == b->io.nmodules &&
		      memcmp(a->io.modules, b->io.modules, sizeof(a->io.modules)) == 0 &&
		      memcmp(&a->io.agg_small, &b->io.agg_small, sizeof(a->io.agg_small)) == 0 &&
		      memcmp(&a->io.agg_large, &b->io.agg_large, sizeof(a->io.agg_large)) == 0,
		      "%s on %.*s: the stats differ from the tree decoder's", who,
		      n > 300 ? 300 : (int)n, text);
}

/*
 * text[0..n) through the plain reader, iobuf_decode_stats_text and the
 * tree decoder.  What the plain reader reads the client loads, and both
 * decoders say the same to the letter; iobuf_decode_stats_text agrees with
 * the tree decoder, or refuses what jansson refuses.  Returns whether the
 * plain reader read it.
 */
static bool alike(const char *text, size_t n)
{
	static struct decoded p, t, tree;
	bool budget, read = plain(text, n, &p) == 1;
	json_t *v = client_tree(text, n, &budget);

	memset(&t, 0xa5, sizeof(t));
	t.rc = iobuf_decode_stats_text(text, n, &t.io, &t.err);
	if (!v) {
		ck_assert_msg(!read, "read plainly what the client refuses: %.*s",
			      n > 300 ? 300 : (int)n, text);
		ck_assert_msg(!budget || (t.rc == -1 && t.err.code == -EPROTO),
			      "jansson refuses %.*s; the text decoder said %d: %s",
			      n > 300 ? 300 : (int)n, text, t.rc, t.err.msg);
		return false;
	}
	memset(&tree, 0xc3, sizeof(tree));
	tree.rc = iobuf_decode_stats(v, &tree.io, &tree.err);
	json_decref(v);
	same_decode(&tree, &t, text, n, "iobuf_decode_stats_text");
	if (read)
		same_decode(&tree, &p, text, n, "the plain reader");
	return read;
}

static bool alike_str(const char *text)
{
	return alike(text, strlen(text));
}

/* ---- what targets write ------------------------------------------------- */

struct sweep {
	size_t values, read;
};

static void sweep_value(const char *text, size_t n, void *ctx)
{
	struct sweep *sw = ctx;

	sw->values++;
	sw->read += alike(text, n);
}

START_TEST(every_fixture_value_alike)
{
	struct sweep sw = { 0 };

	fixture_sweep_all(sweep_value, &sw);
	/* Every recorded stats result (iobuf_decode_text's test counts 79 and 2 aggregates). */
	ck_assert_uint_ge(sw.read, 81);
	ck_assert_uint_ge(sw.values, 500);
}
END_TEST

/* Texts the plain reader must read (and read as the tree decoder does). */
START_TEST(reads_what_targets_write)
{
	static const char *const read[] = {
		"[]",
		" \t\r\n[ ] \n",
		ONE(POOL),
		"[" MOD("accel", POOL) "," MOD("bdev", POOL) "]",
		/* As SPDK formats it. */
		"[\n  {\n    \"module\": \"accel\",\n    \"small_pool\": {\n      \"cache\": 0,\n"
		"      \"main\": 0,\n      \"retry\": 0\n    },\n    \"large_pool\": {\n"
		"      \"cache\": 0,\n      \"main\": 0,\n      \"retry\": 0\n    }\n  }\n]\n",
		/* Members in another order, and members it does not know, of every kind. */
		"[{\"large_pool\":{\"cache_size\":9,\"retry\":8,\"main\":7,\"cache\":6},"
		"\"x\":[1.5e3,\"\\u00e9\\ud83d\\ude00\",{\"a\":null},true,false,-1,"
		"123456789012345678901234567890],\"\xc3\xa9\":\"y\",\"small_pool\":"
		"{\"z\":{},\"cache\":1,\"main\":2,\"retry\":3},\"module\":\"m\"}]",
		/* The largest counter within int64, zero, and an optional one null. */
		ONE("{\"cache\":9223372036854775807,\"main\":0,\"retry\":10,\"cache_size\":null}"),
		/* A name of SNAP_NAME_LEN - 1 bytes, kept whole; printable ASCII of every kind. */
		"[" MOD("a23456789b123456789c123456789d123456789e123456789f123456789g123",
			POOL) "," MOD(" !#$%&'()*+,-./:;<=>?@[]^_`{|}~\x7f", POOL) "]",
		/* Keys with escapes and bytes beyond ASCII, read as jansson reads them. */
		ONE("{\"\\u0063ache\":1,\"main\":2,\"retry\":3,\"\\u0063\":5}"),
		ONE("{\"c\xc3\xa9\":1,\"cache\":1,\"main\":2,\"retry\":3}"),
		/* Two modules of the same name stay two. */
		"[" MOD("m", POOL) "," MOD("m", POOL) "]",
		"{\"small_pool\":{\"retry_count\":1,\"alloc_count\":2,\"available_count\":3},"
		"\"large_pool\":{\"retry_count\":4,\"alloc_count\":5,\"available_count\":6,"
		"\"cache_count\":7},\"extra\":\"\\n\"}",
	};

	for (size_t i = 0; i < sizeof(read) / sizeof(read[0]); i++)
		ck_assert_msg(alike_str(read[i]), "not read plainly: %s", read[i]);
}
END_TEST

/* More modules than a snapshot keeps: the rest are still read and counted. */
START_TEST(reads_past_the_bound)
{
	size_t cap = 200 * 100, used = 0;
	char *t = malloc(cap);
	struct decoded d;

	ck_assert_ptr_nonnull(t);
	t[used++] = '[';
	for (size_t i = 0; i < 100; i++)
		used += (size_t)snprintf(t + used, cap - used, "%s{\"module\":\"m%zu\",\"small_pool\":"
					 POOL ",\"large_pool\":" POOL "}", i ? "," : "", i);
	snprintf(t + used, cap - used, "]");
	ck_assert(alike_str(t));
	ck_assert_int_eq(plain(t, strlen(t), &d), 1);
	ck_assert_uint_eq(d.io.nmodules, SNAP_MAX_MODULES);
	ck_assert_str_eq(d.io.modules[SNAP_MAX_MODULES - 1].name, "m31");
	ck_assert_str_eq(d.err.msg, "iobuf_get_stats: 100 modules reported, kept the first 32");
	free(t);
}
END_TEST

/* Texts it must leave to the full reader (which must still agree with the tree decoder). */
START_TEST(leaves_what_the_full_reader_judges)
{
	struct decoded d;
	static const char *const left[] = {
		"", "   ", "null", "1", "\"x\"", "[1]", "[[]]", "[{}]", "{}", "[] x", "[]]", "[",
		/* Escapes and bytes beyond ASCII in names, even harmless ones. */
		"[" MOD("\\u0061", POOL) "]",
		"[" MOD("\xc3\xa9", POOL) "]",
		"[" MOD("a\\nb", POOL) "]",
		/* A wanted key given twice, once escaped. */
		ONE("{\"cache\":1,\"main\":2,\"retry\":3,\"\\u0063ache\":4}"),
		/* A name that would be cut. */
		"[" MOD("a23456789b123456789c123456789d123456789e123456789f123456789g1234", POOL) "]",
		/* A wanted member given twice: jansson keeps the last. */
		ONE("{\"cache\":1,\"main\":2,\"retry\":3,\"cache\":4}"),
		"[{\"module\":\"a\",\"module\":\"b\",\"small_pool\":" POOL ",\"large_pool\":" POOL "}]",
		/* Counters that are not plain integers within int64, or missing. */
		ONE("{\"cache\":9223372036854775808,\"main\":2,\"retry\":3}"),
		ONE("{\"cache\":18446744073709551615,\"main\":2,\"retry\":3}"),
		ONE("{\"cache\":-1,\"main\":2,\"retry\":3}"),
		ONE("{\"cache\":-0,\"main\":2,\"retry\":3}"),
		ONE("{\"cache\":1.0,\"main\":2,\"retry\":3}"),
		ONE("{\"cache\":1e2,\"main\":2,\"retry\":3}"),
		ONE("{\"cache\":null,\"main\":2,\"retry\":3}"),
		ONE("{\"cache\":\"1\",\"main\":2,\"retry\":3}"),
		ONE("{\"cache\":true,\"main\":2,\"retry\":3}"),
		ONE("{\"cache\":1,\"main\":2,\"retry\":3,\"cache_size\":nulls}"),
		ONE("{\"cache\":1,\"main\":2,\"retry\":3,\"cache_size\":[]}"),
		ONE("{\"cache\":1,\"main\":2}"),
		ONE("[]"),
		"[{\"module\":\"m\",\"small_pool\":" POOL "}]",
		"[{\"module\":1,\"small_pool\":" POOL ",\"large_pool\":" POOL "}]",
		/* Something the client refuses, in a member nobody reads, or in a key. */
		ONE("{\"\\u0000\":1,\"cache\":1,\"main\":2,\"retry\":3}"),
		ONE("{\"\xff\":1,\"cache\":1,\"main\":2,\"retry\":3}"),
		ONE("{\"x\":\"\\ud800\",\"cache\":1,\"main\":2,\"retry\":3}"),
		ONE("{\"x\":1e999,\"cache\":1,\"main\":2,\"retry\":3}"),
		"{\"small_pool\":{\"retry_count\":1,\"alloc_count\":2,\"available_count\":3}}",
	};

	for (size_t i = 0; i < sizeof(left) / sizeof(left[0]); i++)
		ck_assert_msg(!alike_str(left[i]), "read plainly: %s", left[i]);
	/* Never framed (json_stream refuses a leading zero), but not read either. */
	ck_assert_int_eq(plain(ONE("{\"cache\":01,\"main\":2,\"retry\":3}"),
			       strlen(ONE("{\"cache\":01,\"main\":2,\"retry\":3}")), &d), 0);
}
END_TEST

/*
 * A mutant of a reply, in a buffer of its exact size (ASan sees a read past
 * it): framed, as the client hands it over, it must be read alike; text
 * that is not one value is out of contract and must only be survived.
 */
static bool mutant_alike(const char *text, size_t n)
{
	char *t = malloc(n ? n : 1);
	struct decoded d;
	size_t s, e;
	bool read = false;

	ck_assert_ptr_nonnull(t);
	memcpy(t, text, n);
	if (json_stream_scan(t, n, &s, &e) == JSON_SCAN_COMPLETE) {
		read = alike(t + s, e - s);
	} else {
		plain(t, n, &d);
		iobuf_decode_stats_text(t, n, &d.io, &d.err);
	}
	free(t);
	return read;
}

/*
 * Every byte of a reply replaced by each of a set of telling bytes, dropped,
 * and doubled: whichever reader takes the result, it is the tree decoder's.
 */
START_TEST(byte_mutations_alike)
{
	static const char base[] =
		"[{\"module\":\"bdev\",\"small_pool\":{\"cache\":10,\"main\":0,\"retry\":7,"
		"\"cache_size\":8},\"x\":[1,{\"y\":\"z\"}],\"large_pool\":{\"cache\":1,\"main\":6,"
		"\"retry\":387319,\"cache_size\":null}}, {\"module\":\"idle_3\",\"small_pool\":"
		"{\"cache\":0,\"main\":0,\"retry\":0},\"large_pool\":{\"cache\":0,\"main\":0,"
		"\"retry\":0}}]";
	static const char bytes[] = "\"\\09-.eE,:{}[] nlx\x01\x1f\x7f\x80\xc3\xff";
	size_t n = sizeof(base) - 1, read = 0, cases = 0;
	char t[sizeof(base) + 1];

	ck_assert(mutant_alike(base, n));
	for (size_t i = 0; i < n; i++) {
		for (size_t b = 0; b < sizeof(bytes) - 1; b++) {
			memcpy(t, base, n);
			t[i] = bytes[b];
			read += mutant_alike(t, n);
			cases++;
		}
		memcpy(t, base, i);
		memcpy(t + i, base + i + 1, n - i - 1);
		read += mutant_alike(t, n - 1);
		memcpy(t, base, i + 1);
		memcpy(t + i + 1, base + i, n - i);
		read += mutant_alike(t, n + 1);
		cases += 2;
	}
	/* Most mutations are left, but many (digits, names, spaces) are still read. */
	ck_assert_uint_gt(read, cases / 20);
	ck_assert_uint_lt(read, cases / 2);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("iobuf_decode_plain");
	TCase *t = tcase_create("plain");

	tcase_add_test(t, every_fixture_value_alike);
	tcase_add_test(t, reads_what_targets_write);
	tcase_add_test(t, reads_past_the_bound);
	tcase_add_test(t, leaves_what_the_full_reader_judges);
	tcase_add_test(t, byte_mutations_alike);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
