/*
 * prom_text: the exposition checked line by line against the text format
 * (0.0.4): every line a HELP, a TYPE or a sample; names and label names in
 * their alphabets; one HELP and TYPE per family, before its samples, which
 * are contiguous; counters end in _total; label values escaped; what a
 * snapshot does not hold left out.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline_file.h"
#include "check_main.h"
#include "prom_text.h"
#include "snapshot_json.h"

#define MAXFAM 64

static char *expose(const struct snapshot *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	prom_text_write(f, s);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert(len > 0 && buf[len - 1] == '\n');   /* the last line ends with a line feed */
	return buf;
}

static bool name_ok(const char *s, size_t n, bool metric)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!(isalpha((unsigned char)c) || c == '_' || (metric && c == ':') ||
		      (i > 0 && isdigit((unsigned char)c))))
			return false;
	}
	return n > 0;
}

/* Parses one sample line's labels {a="x",b="y"}; returns the end, NULL when malformed. */
static const char *labels_end(const char *p)
{
	if (*p != '{')
		return p;
	p++;
	while (*p != '}') {
		const char *n = p;

		while (*p && *p != '=')
			p++;
		ck_assert_msg(name_ok(n, (size_t)(p - n), false), "label name '%.*s'",
			      (int)(p - n), n);
		ck_assert_msg(p[0] == '=' && p[1] == '"', "label without =\" near '%s'", n);
		p += 2;
		while (*p != '"') {
			ck_assert_msg(*p && *p != '\n', "unterminated label value");
			if (*p == '\\') {
				ck_assert_msg(p[1] == '\\' || p[1] == '"' || p[1] == 'n',
					      "bad escape \\%c", p[1]);
				p++;
			}
			p++;
		}
		p++;
		if (*p == ',')
			p++;
	}
	return p + 1;
}

struct family {
	char name[128], type[16];
	bool help, closed;
};

/* Checks the whole text; returns the number of samples. */
static size_t check_format(char *text)
{
	struct family fam[MAXFAM];
	size_t nfam = 0, samples = 0;
	struct family *cur = NULL;

	memset(fam, 0, sizeof(fam));
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char name[128];

		if (strncmp(line, "# HELP ", 7) == 0 || strncmp(line, "# TYPE ", 7) == 0) {
			const char *n = line + 7, *sp = strchr(n, ' ');
			bool help = line[2] == 'H';

			ck_assert_msg(sp && name_ok(n, (size_t)(sp - n), true), "'%s'", line);
			snprintf(name, sizeof(name), "%.*s", (int)(sp - n), n);
			if (!cur || strcmp(cur->name, name) != 0) {
				for (size_t i = 0; i < nfam; i++)
					ck_assert_msg(strcmp(fam[i].name, name), "%s declared twice",
						      name);
				if (cur)
					cur->closed = true;
				ck_assert(nfam < MAXFAM);
				cur = &fam[nfam++];
				snprintf(cur->name, sizeof(cur->name), "%s", name);
			}
			if (help) {
				ck_assert_msg(!cur->help && !cur->type[0], "HELP after TYPE: %s", name);
				cur->help = true;
			} else {
				ck_assert_msg(!cur->type[0], "two TYPE lines for %s", name);
				snprintf(cur->type, sizeof(cur->type), "%s", sp + 1);
				ck_assert_msg(strcmp(cur->type, "counter") == 0 ||
					      strcmp(cur->type, "gauge") == 0, "type '%s'", cur->type);
				if (strcmp(cur->type, "counter") == 0)
					ck_assert_msg(strlen(name) > 6 &&
						      strcmp(name + strlen(name) - 6, "_total") == 0,
						      "counter %s without _total", name);
			}
			continue;
		}
		ck_assert_msg(line[0] != '#', "stray comment '%s'", line);
		{
			const char *b = strpbrk(line, "{ ");
			const char *end;
			char *num_end;

			ck_assert_msg(b != NULL, "'%s'", line);
			snprintf(name, sizeof(name), "%.*s", (int)(b - line), line);
			ck_assert_msg(name_ok(line, (size_t)(b - line), true), "name in '%s'", line);
			ck_assert_msg(cur && strcmp(cur->name, name) == 0 && cur->type[0] &&
				      cur->help, "sample of %s outside its family", name);
			end = labels_end(b);
			ck_assert_msg(*end == ' ', "no space before the value in '%s'", line);
			strtod(end + 1, &num_end);
			ck_assert_msg(*num_end == '\0' && num_end != end + 1, "value in '%s'", line);
			ck_assert_msg(strstr(line, "{target=\"") == b, "no target label: '%s'", line);
			samples++;
		}
	}
	return samples;
}

static void load(const char *path, struct baseline *b)
{
	struct mt_err e = { 0 };

	ck_assert_msg(baseline_load(path, b, &e) == 0, "%s", e.msg);
}

START_TEST(snapshot_with_everything)
{
	struct baseline *b = calloc(1, sizeof(*b));
	char *text;

	load(MEMTOP_FIXTURES "/snapshots/before-rings.steady.json", b);
	text = expose(&b->snap);
	ck_assert_ptr_nonnull(strstr(text, "# TYPE spdk_memtop_iobuf_retries_total counter\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_up{target=\"unix:/var/tmp/spdk.sock\"} 1\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_iobuf_pool_count_buffers{target=\"unix:"
				     "/var/tmp/spdk.sock\",pool=\"large\"} 1024\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_hugepages_free_pages{target=\"unix:/var/"
				     "tmp/spdk.sock\",node=\"1\",page_size=\"2048kB\"} 500\n"));
	ck_assert_ptr_nonnull(strstr(text, ",state=\"running\"} 1\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_iobuf_stats_form{target=\"unix:/var/tmp/"
				     "spdk.sock\",form=\"per_module\"} 1\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_iobuf_stats_form{target=\"unix:/var/tmp/"
				     "spdk.sock\",form=\"none\"} 0\n"));
	/* Node 0: 512 x 2 MiB + 4 x 1 GiB, 256 and 2 of them free; node 1: 500 and 4 free. */
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_hugepages_node_total_bytes{target=\"unix:"
				     "/var/tmp/spdk.sock\",node=\"0\"} 5368709120\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_hugepages_node_free_bytes{target=\"unix:"
				     "/var/tmp/spdk.sock\",node=\"0\"} 2684354560\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_hugepages_node_free_bytes{target=\"unix:"
				     "/var/tmp/spdk.sock\",node=\"1\"} 5343543296\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_numa_node_memoryless{target=\"unix:"
				     "/var/tmp/spdk.sock\",node=\"1\"} 0\n"));
	ck_assert_uint_gt(check_format(text), 30);
	free(text);
	free(b);
}
END_TEST

START_TEST(unknown_is_left_out)
{
	struct baseline *b = calloc(1, sizeof(*b));
	char *text;

	/* rpc.py output: no options, no hugepages. */
	load(MEMTOP_FIXTURES "/transcripts/exhaustion_bdevperf.hide_md/"
	     "rpc_py.iobuf_get_stats.during.stdout.txt", b);
	snprintf(b->snap.target, sizeof(b->snap.target), "t");
	text = expose(&b->snap);
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_iobuf_retries_total{target=\"t\","
				     "module=\"bdev\",pool=\"large\"} 772823\n"));
	ck_assert_ptr_null(strstr(text, "spdk_memtop_iobuf_pool_count_buffers{"));
	ck_assert_ptr_null(strstr(text, "spdk_memtop_hugepages_free_pages{"));
	check_format(text);
	free(text);

	/* The aggregate form: pool totals and exact utilization, no modules. */
	load(MEMTOP_FIXTURES "/baselines/aggregate.after.json", b);
	snprintf(b->snap.target, sizeof(b->snap.target), "t");
	text = expose(&b->snap);
	ck_assert_ptr_null(strstr(text, "spdk_memtop_iobuf_retries_total{"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_iobuf_pool_retries_total{target=\"t\","
				     "pool=\"large\"} 41\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_iobuf_utilization_ratio{target=\"t\","
				     "pool=\"large\",kind=\"exact\"} 1\n"));
	check_format(text);
	free(text);

	/* Unreachable: the target's state and no iobuf samples at all. */
	memset(&b->snap, 0, sizeof(b->snap));
	b->snap.state = TARGET_UNREACHABLE;
	snprintf(b->snap.target, sizeof(b->snap.target), "t");
	text = expose(&b->snap);
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_up{target=\"t\"} 0\n"));
	ck_assert_ptr_null(strstr(text, "spdk_memtop_iobuf_pool_retries_total{"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_iobuf_stats_form{target=\"t\","
				     "form=\"none\"} 1\n"));
	ck_assert_ptr_null(strstr(text, "spdk_memtop_hugepages_node_total_bytes{"));
	check_format(text);
	free(text);
	free(b);
}
END_TEST

/* A memoryless node is said as such, with its 0 bytes (it has none, they are not unknown). */
START_TEST(node_bytes_and_memoryless)
{
	struct snapshot *s = calloc(1, sizeof(*s));
	char *text;

	snprintf(s->target, sizeof(s->target), "t");
	s->hugepages.nnodes = 2;
	s->hugepages.nodes[0] = (struct hugepage_node){ .id = 0, .nsizes = 2 };
	s->hugepages.nodes[0].sizes[0] = (struct hugepage_size_stats){ 2048, 10, 3, 0 };
	s->hugepages.nodes[0].sizes[1] = (struct hugepage_size_stats){ 1048576, 1, 0, 0 };
	s->hugepages.nodes[1] = (struct hugepage_node){ .id = 3, .memoryless = true };
	text = expose(s);
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_hugepages_node_total_bytes{target=\"t\","
				     "node=\"0\"} 1094713344\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_hugepages_node_free_bytes{target=\"t\","
				     "node=\"0\"} 6291456\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_hugepages_node_total_bytes{target=\"t\","
				     "node=\"3\"} 0\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_numa_node_memoryless{target=\"t\","
				     "node=\"3\"} 1\n"));
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_numa_node_memoryless{target=\"t\","
				     "node=\"0\"} 0\n"));
	check_format(text);
	free(text);
	free(s);
}
END_TEST

START_TEST(label_values_escaped)
{
	struct snapshot *s = calloc(1, sizeof(*s));
	char buf[64], *text;

	prom_escape_label("a\"b\\c\nd", buf, sizeof(buf));
	ck_assert_str_eq(buf, "a\\\"b\\\\c\\nd");
	prom_escape_label("\\\\\\", buf, 4);   /* never cuts an escape in half */
	ck_assert_str_eq(buf, "\\\\");

	s->state = TARGET_RUNNING;
	s->iobuf.form = IOBUF_FORM_PER_MODULE;
	s->iobuf.nmodules = 1;
	snprintf(s->iobuf.modules[0].name, SNAP_NAME_LEN, "we\"ird\\mod\nx");
	snprintf(s->target, sizeof(s->target), "/run/sp\"dk\\.sock");
	text = expose(s);
	ck_assert_ptr_nonnull(strstr(text, "spdk_memtop_iobuf_retries_total{target=\"/run/sp\\\""
				     "dk\\\\.sock\",module=\"we\\\"ird\\\\mod\\nx\",pool=\"small\"}"
				     " 0\n"));
	check_format(text);
	free(text);
	free(s);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("prom_text");
	TCase *t = tcase_create("format");

	tcase_add_test(t, snapshot_with_everything);
	tcase_add_test(t, unknown_is_left_out);
	tcase_add_test(t, node_bytes_and_memoryless);
	tcase_add_test(t, label_values_escaped);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
