/* bench_fixture: a many-node sysfs tree from the 2-node fixture (see the header). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_fixture.h"
#include "fixture_io.h"

#define FIXTURES MEMTOP_FIXTURES

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
		buf[n] = '\0';
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static int put(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc = f && fwrite(text, 1, len, f) == len ? 0 : -1;

	if (f && fclose(f))
		rc = -1;
	if (rc)
		fprintf(stderr, "bench_fixture: %s: %s\n", path, strerror(errno));
	return rc;
}

/* Copies the tree src into dst (made), files and directories only. */
static int copy_tree(const char *src, const char *dst)
{
	DIR *d = opendir(src);
	struct dirent *e;
	int rc = 0;

	if (!d || (mkdir(dst, 0700) && errno != EEXIST)) {
		fprintf(stderr, "bench_fixture: %s: %s\n", d ? dst : src, strerror(errno));
		if (d)
			closedir(d);
		return -1;
	}
	while (rc == 0 && (e = readdir(d))) {
		char s[PATH_MAX], t[PATH_MAX];
		struct stat st;
		size_t len;
		char *text;

		if (e->d_name[0] == '.')
			continue;
		snprintf(s, sizeof(s), "%s/%s", src, e->d_name);
		snprintf(t, sizeof(t), "%s/%s", dst, e->d_name);
		if (stat(s, &st)) {
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			rc = copy_tree(s, t);
		} else if ((text = slurp(s, &len))) {
			rc = put(t, text, len);
			free(text);
		}
	}
	closedir(d);
	return rc;
}

/* Node n's meminfo: node 0's with "Node 0 " made "Node n ". */
static int node_meminfo(const char *node_dir, const char *node0_meminfo, int n)
{
	char path[PATH_MAX], prefix[16];
	size_t len = strlen(node0_meminfo), plen;
	char *out = malloc(len * 2 + 1);
	const char *p = node0_meminfo;
	size_t o = 0;
	int rc;

	if (!out)
		return -1;
	plen = (size_t)snprintf(prefix, sizeof(prefix), "Node %d ", n);
	while (*p) {
		if (strncmp(p, "Node 0 ", 7) == 0) {
			memcpy(out + o, prefix, plen);
			o += plen;
			p += 7;
		} else {
			out[o++] = *p++;
		}
	}
	snprintf(path, sizeof(path), "%s/meminfo", node_dir);
	rc = put(path, out, o);
	free(out);
	return rc;
}

int bench_fixture_make(struct bench_fixture *f, int nnodes)
{
	static const char *const lists[] = {
		"online", "possible", "has_cpu", "has_memory", "has_normal_memory",
	};
	const char *tmp = getenv("TMPDIR");
	char path[PATH_MAX], node0[PATH_MAX], range[32], *meminfo;
	size_t len;

	memset(f, 0, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "%s/memtop-fixture.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir)) {
		fprintf(stderr, "bench_fixture: mkdtemp: %s\n", strerror(errno));
		f->dir[0] = '\0';
		return -1;
	}
	snprintf(f->sysfs, sizeof(f->sysfs), "%s/sysfs", f->dir);
	snprintf(f->procfs, sizeof(f->procfs), "%s/procfs", f->dir);
	if (copy_tree(FIXTURES "/sysfs/2node", f->sysfs) ||
	    copy_tree(FIXTURES "/procfs/2node", f->procfs))
		return -1;
	snprintf(node0, sizeof(node0), "%s/devices/system/node/node0", f->sysfs);
	snprintf(path, sizeof(path), "%s/meminfo", node0);
	meminfo = slurp(path, &len);
	if (!meminfo)
		return -1;
	for (int n = 1; n < nnodes; n++) {
		snprintf(path, sizeof(path), "%s/devices/system/node/node%d", f->sysfs, n);
		if (copy_tree(node0, path) || node_meminfo(path, meminfo, n)) {
			free(meminfo);
			return -1;
		}
	}
	free(meminfo);
	len = (size_t)snprintf(range, sizeof(range), "0-%d\n", nnodes - 1);
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		snprintf(path, sizeof(path), "%s/devices/system/node/%s", f->sysfs, lists[i]);
		if (put(path, range, len))
			return -1;
	}
	return 0;
}

void bench_fixture_remove(struct bench_fixture *f)
{
	if (f->dir[0])
		fixture_rm_tree(f->dir);
	f->dir[0] = '\0';
}
