/*
 * The sysfs/procfs readers behind hugepages.c fed file contents and
 * directory entries: the input is written as a file under a private
 * directory, opened with hp_open_file() and read with hp_pread_u64() (an
 * attribute like nr_hugepages) and hp_pread_meminfo() (meminfo and a node's
 * meminfo), twice, as the kept-open reader does every tick; or, when the first byte is
 * odd, the rest is a list of entry names (one per line) made in a directory
 * that hp_list_numbered() ("hugepages-<n>kB") and hp_list_nodes() then list.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "hugepages_nodes.h"
#include "hugepages_read.h"

#define MAX_ENTRIES 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool count_line(const char *key, uint64_t value, void *ctx)
{
	(void)value;
	*(size_t *)ctx += strlen(key) > 0;
	return true;
}

static void refused(const char *name, void *ctx)
{
	*(size_t *)ctx += strlen(name) > 0;
}

static int root_fd(void)
{
	static int fd = -1;

	if (fd < 0) {
		fd = open(fuzz_dir(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0 || mkdirat(fd, "d", 0700) < 0)
			abort();
	}
	return fd;
}

/* Empties fuzz_dir()/d. */
static void clear_dir(int root)
{
	int fd = openat(root, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;

	if (!d)
		abort();
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlinkat(fd, e->d_name, AT_REMOVEDIR) == 0 ||
				unlinkat(fd, e->d_name, 0);
	closedir(d);
}

/* One directory entry per line; names the kernel refuses are left out. */
static void make_entries(int root, const char *text)
{
	char name[NAME_MAX + 1];
	const char *p = text, *nl;
	int n = 0, fd = openat(root, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		abort();
	while (*p && n < MAX_ENTRIES) {
		size_t len;

		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len > 0 && len <= NAME_MAX && !memchr(p, '/', len)) {
			memcpy(name, p, len);
			name[len] = '\0';
			/* Directories, as sysfs has them; '.' and '..' fail and are skipped. */
			if (mkdirat(fd, name, 0700) == 0)
				n++;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int root = root_fd();
	uint64_t v, vals[8];
	struct hp_node_dir nodes[8];
	size_t seen = 0;
	char *text;

	if (size < 1)
		return 0;
	if (!(data[0] & 1)) {
		int fd;

		fuzz_file("attr", data + 1, size - 1);
		fd = hp_open_file(root, "attr");
		if (fd < 0)
			return 0;
		for (int i = 0; i < 2; i++) {
			hp_pread_u64(fd, &v);
			hp_pread_meminfo(fd, count_line, &seen);
		}
		close(fd);
		return 0;
	}
	text = fuzz_cstr(data + 1, size - 1);
	clear_dir(root);
	make_entries(root, text);
	hp_list_numbered(root, "d", "hugepages-", "kB", vals, 8);
	hp_list_nodes(root, "d", nodes, 8, refused, &seen);
	free(text);
	return 0;
}
