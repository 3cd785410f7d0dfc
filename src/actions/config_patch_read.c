/*
 * config_patch_read: the config file as bytes and as a jansson tree, and
 * whether it may be written (contract: config_patch.h).
 */
#include "config_patch_int.h"
#include "mt_text.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cp_resolve(const char *path, struct config_patch *p, struct mt_err *err)
{
	char real[PATH_MAX];
	struct stat st;

	if (!path || !path[0]) {
		mt_err_set(err, -EINVAL, "no config file given");
		return -1;
	}
	if (strlen(path) >= sizeof(p->path)) {
		mt_err_set(err, -ENAMETOOLONG, "%.64s...: path too long", path);
		return -1;
	}
	snprintf(p->path, sizeof(p->path), "%s", path);
	if (lstat(path, &st)) {
		mt_err_set(err, -errno, "%s: %s", path,
			   errno == ENOENT ? "not found" : strerror(errno));
		return -1;
	}
	p->is_symlink = S_ISLNK(st.st_mode);
	if (!realpath(path, real)) {
		mt_err_set(err, -errno, "%s: %s%s", path,
			   p->is_symlink ? "a symlink whose target cannot be reached: " : "",
			   strerror(errno));
		return -1;
	}
	/* The .bak must fit too. */
	if (strlen(real) + 4 >= sizeof(p->real_path)) {
		mt_err_set(err, -ENAMETOOLONG, "%s: resolved path too long", path);
		return -1;
	}
	snprintf(p->real_path, sizeof(p->real_path), "%s", real);
	snprintf(p->bak_path, sizeof(p->bak_path), "%s.bak", real);
	p->bak_replaced = lstat(p->bak_path, &st) == 0;
	return 0;
}

int cp_read(const char *real, const char *shown, char **out, size_t *out_len, struct stat *st,
	    struct mt_err *err)
{
	/* O_NONBLOCK: a FIFO put in the file's place must not hang the dashboard. */
	int fd = open(real, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK);
	size_t len = 0, cap;
	char *buf;

	*out = NULL;
	if (fd < 0) {
		mt_err_set(err, -errno, "%s: %s", shown,
			   errno == ENOENT ? "not found" : strerror(errno));
		return -1;
	}
	if (fstat(fd, st)) {
		mt_err_set(err, -errno, "%s: %s", shown, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		mt_err_set(err, -EINVAL, "%s: not a regular file (%s)", shown,
			   mt_file_kind(st->st_mode));
		close(fd);
		return -1;
	}
	if (st->st_size > (off_t)CONFIG_PATCH_MAX_BYTES) {
		mt_err_set(err, -EFBIG, "%s: %lld bytes, more than the %u MiB a config file "
			   "may have", shown, (long long)st->st_size, CONFIG_PATCH_MAX_BYTES >> 20);
		close(fd);
		return -1;
	}
	cap = (size_t)st->st_size + 1;
	buf = malloc(cap + 1);
	if (!buf) {
		mt_err_set(err, -ENOMEM, "%s: out of memory", shown);
		close(fd);
		return -1;
	}
	/* Read to the end: the file may have grown since fstat. */
	for (;;) {
		ssize_t got;

		if (len == cap) {
			char *bigger;

			if (cap > CONFIG_PATCH_MAX_BYTES) {
				mt_err_set(err, -EFBIG, "%s: more than the %u MiB a config "
					   "file may have", shown, CONFIG_PATCH_MAX_BYTES >> 20);
				goto fail;
			}
			bigger = realloc(buf, cap * 2 + 1);
			if (!bigger) {
				mt_err_set(err, -ENOMEM, "%s: out of memory", shown);
				goto fail;
			}
			buf = bigger;
			cap *= 2;
		}
		got = read(fd, buf + len, cap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			mt_err_set(err, -errno, "%s: read: %s", shown, strerror(errno));
			goto fail;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	return 0;
fail:
	free(buf);
	close(fd);
	return -1;
}

/* jansson reports the column of the last character it read. */
json_t *cp_parse(const char *shown, const char *buf, size_t len, struct mt_err *err)
{
	json_error_t jerr;
	json_t *root;
	size_t i;

	for (i = 0; i < len && strchr(" \t\r\n", buf[i]); i++)
		;
	if (i == len) {
		mt_err_set(err, -EINVAL, "%s: empty, not JSON", shown);
		return NULL;
	}
	root = json_loadb(buf, len, CP_LOAD_FLAGS, &jerr);
	if (root)
		return root;
	switch (json_error_code(&jerr)) {
	case json_error_numeric_overflow:
		mt_err_set(err, -ERANGE, "%s:%d:%d: %s: this number cannot be kept exactly "
			   "(integers only within +-9223372036854775807, reals within double "
			   "range); the file was not changed", shown, jerr.line, jerr.column,
			   jerr.text);
		break;
	case json_error_duplicate_key:
		mt_err_set(err, -ERANGE, "%s:%d:%d: %s: a rewrite would keep only one of them; "
			   "the file was not changed", shown, jerr.line, jerr.column, jerr.text);
		break;
	default:
		if (jerr.position > 0 && (size_t)jerr.position < len &&
		    buf[jerr.position - 1] == '/' &&
		    (buf[jerr.position] == '/' || buf[jerr.position] == '*')) {
			mt_err_set(err, -ERANGE, "%s:%d:%d: a comment: spdk_tgt accepts them but a "
				   "rewrite cannot keep them; the file was not changed",
				   shown, jerr.line, jerr.column);
			break;
		}
		mt_err_set(err, -EINVAL, "%s:%d:%d: not JSON: %s", shown, jerr.line, jerr.column,
			   jerr.text);
		break;
	}
	return NULL;
}

/* The fewest %g digits that give v back; 17 always do. */
static int digits_for(double v)
{
	char s[64];
	int p;

	for (p = 1; p < 17; p++) {
		snprintf(s, sizeof(s), "%.*g", p, v);
		if (strtod(s, NULL) == v)
			return p;
	}
	return 17;
}

/* jansson spells every real of a dump with one precision: the most any real needs. */
static int real_digits(const json_t *v, int most)
{
	const char *key;
	json_t *item;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_REAL: {
		int p = digits_for(json_real_value(v));

		return p > most ? p : most;
	}
	case JSON_OBJECT:
		json_object_foreach((json_t *)v, key, item)
			most = real_digits(item, most);
		return most;
	case JSON_ARRAY:
		json_array_foreach(v, i, item)
			most = real_digits(item, most);
		return most;
	default:
		return most;
	}
}

char *cp_dump(const json_t *root, size_t *len)
{
	size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		       JSON_REAL_PRECISION(real_digits(root, 1));
	char *text = json_dumps(root, flags), *out;
	size_t n;

	if (!text)
		return NULL;
	n = strlen(text);
	out = realloc(text, n + 2);
	if (!out) {
		free(text);
		return NULL;
	}
	out[n] = '\n';
	out[n + 1] = '\0';
	*len = n + 1;
	return out;
}

int cp_check_writable(const char *real, struct mt_err *err)
{
	char copy[CONFIG_PATCH_PATH_LEN];
	const char *dir;

	if (access(real, W_OK)) {
		mt_err_set(err, -errno, "%s: the file is read-only for this user (%s); "
			   "not changed", real, strerror(errno));
		return -1;
	}
	snprintf(copy, sizeof(copy), "%s", real);
	dir = dirname(copy);
	if (access(dir, W_OK)) {
		mt_err_set(err, -errno, "%s: the directory is read-only for this user (%s): "
			   "the new file and the .bak are made there; not changed", dir,
			   strerror(errno));
		return -1;
	}
	return 0;
}
