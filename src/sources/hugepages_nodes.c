/* NUMA node directories by canonical name (contract: hugepages_nodes.h). */
#include "hugepages_nodes.h"
#include "hugepages_read.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define PREFIX "node"

/* "node" + decimal id in 0..INT_MAX, no sign, no leading zero, nothing after. */
static bool canonical(const char *name, int *id)
{
	const char *d = name + strlen(PREFIX);
	long long v = 0;

	if (d[0] < '0' || d[0] > '9' || (d[0] == '0' && d[1] != '\0'))
		return false;
	for (; *d; d++) {
		if (*d < '0' || *d > '9')
			return false;
		v = v * 10 + (*d - '0');
		if (v > INT_MAX)
			return false;
	}
	*id = (int)v;
	return true;
}

/* Inserts in ascending order, dropping the largest once max are kept. */
static void keep_smallest(struct hp_node_dir *out, size_t *kept, size_t max, int id,
			  const char *name)
{
	size_t i = *kept;

	if (max == 0 || (*kept == max && id >= out[max - 1].id))
		return;
	if (*kept < max)
		(*kept)++;
	else
		i = max - 1;
	for (; i > 0 && out[i - 1].id > id; i--)
		out[i] = out[i - 1];
	out[i].id = id;
	snprintf(out[i].name, sizeof(out[i].name), "%s", name);
}

int hp_list_nodes(int dirfd, const char *rel, struct hp_node_dir *out, size_t max,
		  hp_node_refused_fn refused, void *ctx)
{
	struct dirent *de;
	size_t kept = 0;
	DIR *d;
	int total = 0, e = hp_open_dir(dirfd, rel, &d);

	if (e)
		return e;
	for (errno = 0; (de = readdir(d)) != NULL; errno = 0) {
		int id;

		if (strncmp(de->d_name, PREFIX, strlen(PREFIX)) != 0)
			continue;
		if (!canonical(de->d_name, &id)) {
			refused(de->d_name, ctx);
			continue;
		}
		keep_smallest(out, &kept, max, id, de->d_name);
		total++;
	}
	e = errno;
	closedir(d);
	return e ? -e : total;
}
