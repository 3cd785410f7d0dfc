/* The settings file, line by line onto the options (contract: config_file.h). */
#include "config_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONFIG_MAX_BYTES (1024 * 1024)

int config_file_path(const char *xdg_config_home, const char *home, char *buf, size_t len)
{
	int n;

	if (xdg_config_home && xdg_config_home[0] == '/')
		n = snprintf(buf, len, "%s/spdk-memtop/config", xdg_config_home);
	else if (home && home[0])
		n = snprintf(buf, len, "%s/.config/spdk-memtop/config", home);
	else
		return -1;
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int config_text_apply(char *text, const char *name, struct cli_options *o, struct mt_err *err)
{
	char *line = text;

	for (int lineno = 1; line; lineno++) {
		char *nl = strchr(line, '\n'), *eq, *key, *val;
		struct mt_err e = { 0 };

		if (nl)
			*nl = '\0';
		key = trim(line);
		line = nl ? nl + 1 : NULL;
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			mt_err_set(err, -EINVAL, "%s:%d: expected key = value, got '%s'", name, lineno,
				   key);
			return -1;
		}
		*eq = '\0';
		val = trim(eq + 1);
		key = trim(key);
		if (cli_apply_setting(o, key, val, &e)) {
			mt_err_set(err, -EINVAL, "%s:%d: %s", name, lineno, e.msg);
			return -1;
		}
	}
	return 0;
}

int config_file_apply(const char *path, struct cli_options *o, char **text, struct mt_err *err)
{
	FILE *f = fopen(path, "re");
	size_t got;
	char *buf;

	*text = NULL;
	if (!f) {
		if (errno == ENOENT)
			return 0;
		mt_err_set(err, -errno, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf = malloc(CONFIG_MAX_BYTES + 1);
	if (!buf) {
		fclose(f);
		mt_err_set(err, -ENOMEM, "%s: out of memory", path);
		return -1;
	}
	got = fread(buf, 1, CONFIG_MAX_BYTES + 1, f);
	if (ferror(f) || got > CONFIG_MAX_BYTES) {
		mt_err_set(err, -EINVAL, "%s: %s", path,
			   ferror(f) ? "read error" : "larger than 1 MiB: not a settings file");
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	buf[got] = '\0';
	if (memchr(buf, '\0', got)) {
		mt_err_set(err, -EINVAL, "%s: binary data, not a settings file", path);
		free(buf);
		return -1;
	}
	*text = buf;
	return config_text_apply(buf, path, o, err);
}
