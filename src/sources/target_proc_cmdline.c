/*
 * The JSON config a target was started with (contract: target_proc.h).
 *
 * SPDK's spdk_app_parse_args runs getopt_long with SPDK_APP_GETOPT_STRING
 * ("c:de:ghi:m:n:p:r:s:uvA:B:L:RW:") plus the application's own letters, and
 * long options of which --config and --json both set json_config_file; the
 * last one given wins.  We know SPDK's options, not the application's, so:
 * a cluster of short letters is followed only through letters SPDK defines
 * (an unknown letter may take the rest as its value), known options that
 * take a value skip it, and an unknown long option is taken to have none.
 * GNU getopt permutes, so options after a non-option still count, up to
 * "--".  Long options abbreviated to a unique prefix ("--conf") are not
 * recognised.
 */
#include "target_proc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SHORT_WITH_ARG "ceimnprsABLW"
#define SHORT_NO_ARG "dghuvR"

static const char *const long_with_arg[] = {
	"base-virtaddr", "config", "cpumask", "env-context", "huge-dir", "iova-mode", "json",
	"lcores", "logflag", "main-core", "mem-channels", "mem-size", "msg-mempool-size",
	"num-trace-entries", "pci-allowed", "pci-blocked", "rpc-socket", "rpcs-allowed",
	"shm-id", "tpoint-group", "vfio-vf-token",
};

struct found {
	const char *value;       /* the last config given, or NULL */
	const char *flag;        /* how it was given, for messages */
};

static bool long_takes_arg(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof(long_with_arg) / sizeof(long_with_arg[0]); i++)
		if (strlen(long_with_arg[i]) == n && memcmp(long_with_arg[i], name, n) == 0)
			return true;
	return false;
}

/* "--name[=value]" at argv[*i]; may consume argv[*i + 1]. */
static void long_opt(char **argv, int argc, int *i, struct found *f)
{
	const char *name = argv[*i] + 2, *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	const char *value = eq ? eq + 1 : NULL;

	if (!long_takes_arg(name, n))
		return;
	if (!value && *i + 1 < argc)
		value = argv[++*i];
	if (!value)
		return;
	if (n == 6 && !memcmp(name, "config", 6)) {
		f->value = value;
		f->flag = "--config";
	} else if (n == 4 && !memcmp(name, "json", 4)) {
		f->value = value;
		f->flag = "--json";
	}
}

/* "-abc..." at argv[*i]; may consume argv[*i + 1]. */
static void short_opts(char **argv, int argc, int *i, struct found *f)
{
	const char *p = argv[*i] + 1;

	for (; *p; p++) {
		const char *value;

		if (strchr(SHORT_NO_ARG, *p))
			continue;
		if (!strchr(SHORT_WITH_ARG, *p))
			return;   /* the application's letter: the rest may be its value */
		value = p[1] ? p + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
		if (*p == 'c' && value) {
			f->value = value;
			f->flag = "-c";
		}
		return;
	}
}

static void parse_args(char **argv, int argc, struct found *f)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0)
			return;
		if (a[0] != '-' || a[1] == '\0')
			continue;
		if (a[1] == '-')
			long_opt(argv, argc, &i, f);
		else
			short_opts(argv, argc, &i, f);
	}
}

/* The whole of a small procfs file; -E2BIG past cap. */
static ssize_t read_all(const char *path, char *buf, size_t cap)
{
	size_t len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t r = read(fd, buf + len, cap - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			return -e;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len == cap) {
			close(fd);
			return -E2BIG;
		}
	}
	close(fd);
	return (ssize_t)len;
}

/* argv pointers into buf (NUL-separated); at most max of them. */
static int split_args(char *buf, size_t len, char **argv, int max)
{
	int argc = 0;

	for (size_t i = 0; i < len && argc < max;) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	return argc;
}

static void show_cmdline(char **argv, int argc, char *out, size_t len)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < argc && used + 1 < len; i++) {
		int w = snprintf(out + used, len - used, "%s%s", i ? " " : "", argv[i]);

		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static int absolute(const char *root, pid_t pid, const struct found *f, char *path,
		    size_t len, struct mt_err *err)
{
	char link[PATH_MAX], cwd[PATH_MAX];
	ssize_t n;
	int w;

	if (f->value[0] == '/') {
		w = snprintf(path, len, "%s", f->value);
	} else {
		snprintf(link, sizeof(link), "%s/%ld/cwd", root, (long)pid);
		n = readlink(link, cwd, sizeof(cwd) - 1);
		if (n <= 0) {
			int e = n < 0 ? errno : EINVAL;

			mt_err_set(err, -e, "pid %ld: %s %s is relative and %s cannot be read: %s",
				   (long)pid, f->flag, f->value, link, strerror(e));
			return -e;
		}
		cwd[n] = '\0';
		w = snprintf(path, len, "%s%s%s", cwd, cwd[n - 1] == '/' ? "" : "/", f->value);
	}
	if (w < 0 || (size_t)w >= len) {
		mt_err_set(err, -ENAMETOOLONG, "pid %ld: config path %s longer than %zu bytes",
			   (long)pid, f->value, len - 1);
		return -ENAMETOOLONG;
	}
	return 0;
}

int target_proc_config_path(const char *procfs_root, pid_t pid, char *path, size_t len,
			    struct mt_err *err)
{
	const char *root = procfs_root ? procfs_root : "/proc";
	static const int max_args = 4096;
	char file[PATH_MAX], *buf, **argv, shown[160];
	struct found f = { NULL, NULL };
	ssize_t n;
	int argc, rc;

	if (len)
		path[0] = '\0';
	snprintf(file, sizeof(file), "%s/%ld/cmdline", root, (long)pid);
	buf = malloc(TARGET_PROC_MAX_CMDLINE + 1);
	argv = calloc((size_t)max_args, sizeof(*argv));
	if (!buf || !argv) {
		free(buf);
		free(argv);
		mt_err_set(err, -ENOMEM, "%s: out of memory", file);
		return -ENOMEM;
	}
	n = read_all(file, buf, TARGET_PROC_MAX_CMDLINE);
	if (n <= 0) {
		rc = n < 0 ? (int)n : -ENOENT;
		mt_err_set(err, rc, "cannot read %s: %s", file, n == -E2BIG ?
			   "longer than the 128 KiB read" : n == 0 ?
			   "empty (a kernel thread, or a process that exited)" : strerror((int)-n));
		goto out;
	}
	buf[n] = '\0';
	argc = split_args(buf, (size_t)n, argv, max_args);
	parse_args(argv, argc, &f);
	if (!f.value) {
		show_cmdline(argv, argc, shown, sizeof(shown));
		rc = -ENOENT;
		mt_err_set(err, rc, "pid %ld was started without -c, --config or --json: %s",
			   (long)pid, shown);
		goto out;
	}
	if (!f.value[0]) {
		rc = -ENOENT;
		mt_err_set(err, rc, "pid %ld: %s was given an empty path", (long)pid, f.flag);
		goto out;
	}
	rc = absolute(root, pid, &f, path, len, err);
out:
	free(buf);
	free(argv);
	return rc;
}
