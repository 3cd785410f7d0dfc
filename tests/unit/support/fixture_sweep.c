/* Every value of a fixtures folder (contract: fixture_sweep.h). */
#include "fixture_sweep.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture_io.h"
#include "json_stream.h"

struct sweep {
	fixture_sweep_fn fn;
	void *ctx;
};

static void sweep_value(const char *text, size_t n, const struct sweep *sw, int depth);

/* The elements of the array text[0..n) (framed). */
static void sweep_elements(const char *text, size_t n, const struct sweep *sw, int depth)
{
	size_t i = 1, s, e;

	while (i < n) {
		if (json_stream_scan(text + i, n - i, &s, &e) != JSON_SCAN_COMPLETE)
			return;
		sweep_value(text + i + s, e - s, sw, depth + 1);
		i += e;
		while (i < n && (text[i] == ',' || text[i] == ' ' || text[i] == '\n' ||
				 text[i] == '\t' || text[i] == '\r'))
			i++;
		if (i < n && text[i] == ']')
			return;
	}
}

static void sweep_value(const char *text, size_t n, const struct sweep *sw, int depth)
{
	static const char *const inner[] = { "result", "response" };
	size_t s, e;

	sw->fn(text, n, sw->ctx);
	if (depth > 2)
		return;
	if (text[0] == '[')
		sweep_elements(text, n, sw, depth);
	for (size_t k = 0; k < 2; k++)
		if (json_stream_member_raw(text, n, inner[k], &s, &e))
			sweep_value(text + s, e - s, sw, depth + 1);
}

static void sweep_file(const char *path, const struct sweep *sw)
{
	size_t len, i = 0, s, e;
	char *text = fixture_read(path, &len);

	while (i < len && json_stream_scan(text + i, len - i, &s, &e) == JSON_SCAN_COMPLETE) {
		sweep_value(text + i + s, e - s, sw, 0);
		i += e;
	}
	free(text);
}

static void sweep_tree(const char *dir, const struct sweep *sw)
{
	DIR *d = opendir(dir);
	struct dirent *ent;

	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while ((ent = readdir(d))) {
		char path[1024];
		struct stat st;

		if (ent->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, ent->d_name);
		ck_assert_int_eq(stat(path, &st), 0);
		if (S_ISDIR(st.st_mode))
			sweep_tree(path, sw);
		else if (!strstr(ent->d_name, ".header.bin"))
			sweep_file(path, sw);
	}
	closedir(d);
}

void fixture_sweep(const char *dir, fixture_sweep_fn fn, void *ctx)
{
	const struct sweep sw = { fn, ctx };

	sweep_tree(dir, &sw);
}

void fixture_sweep_all(fixture_sweep_fn fn, void *ctx)
{
	fixture_sweep(MEMTOP_FIXTURES "/transcripts", fn, ctx);
	fixture_sweep(MEMTOP_FIXTURES "/rings", fn, ctx);
	fixture_sweep(MEMTOP_FIXTURES "/baselines", fn, ctx);
}
