#include "fixture_io.h"

#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TRANSCRIPTS MEMTOP_FIXTURES "/transcripts"

char *fixture_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t n = 0, cap = 4096, got;
	char *buf;

	ck_assert_msg(f != NULL, "cannot open %s: %s", path, strerror(errno));
	buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n - 1 == 0) {
			cap *= 2;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
	}
	ck_assert_msg(!ferror(f), "cannot read %s", path);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

json_t *fixture_json(const char *path)
{
	json_error_t jerr;
	json_t *v = json_load_file(path, 0, &jerr);

	ck_assert_msg(v != NULL, "%s: %s (line %d)", path, jerr.text, jerr.line);
	return v;
}

char *transcript_read(const char *name, size_t *len)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", TRANSCRIPTS, name);
	return fixture_read(path, len);
}

json_t *transcript_result(const char *name)
{
	char path[512];
	json_t *resp, *result;

	snprintf(path, sizeof(path), "%s/%s", TRANSCRIPTS, name);
	resp = fixture_json(path);
	result = json_object_get(resp, "result");
	ck_assert_msg(result != NULL, "%s has no result", path);
	json_incref(result);
	json_decref(resp);
	return result;
}

void fixture_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_msg(f != NULL, "cannot create %s: %s", path, strerror(errno));
	fputs(text, f);
	ck_assert_msg(fclose(f) == 0, "cannot write %s", path);
}

void fixture_put(const char *root, const char *rel, const char *text)
{
	char path[1024], *slash;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (slash = strchr(path + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		ck_assert_msg(mkdir(path, 0755) == 0 || errno == EEXIST, "mkdir %s: %s", path,
			      strerror(errno));
		*slash = '/';
	}
	fixture_write(path, text);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void fixture_rm_tree(const char *root)
{
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}
