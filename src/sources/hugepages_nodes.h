/*
 * hugepages_nodes: the NUMA node directories of a sysfs tree, by name.
 *
 * A node directory counts only under its canonical name, "node" and a
 * decimal id in 0..INT_MAX with no sign and no leading zero, so that each id
 * has exactly one directory: node01 would otherwise read as node 1 a second
 * time, node4294967296 as a second node 0.  The name found is kept, and the
 * paths under it are built from it.  Every other "node..." entry is handed to
 * the caller to report; entries not starting with "node" (online, possible,
 * has_memory) are sysfs's own and pass in silence.
 */
#ifndef HUGEPAGES_NODES_H
#define HUGEPAGES_NODES_H

#include <stddef.h>

struct hp_node_dir {
	int id;
	char name[16]; /* "node2147483647" at most */
};

typedef void (*hp_node_refused_fn)(const char *name, void *ctx);

/*
 * Keeps the `max` smallest ids, ascending, in out; calls refused for each
 * non-canonical "node..." entry.  Returns how many canonical nodes there are
 * in all (more than max when some were left out), or -errno.
 */
int hp_list_nodes(int dirfd, const char *rel, struct hp_node_dir *out, size_t max,
		  hp_node_refused_fn refused, void *ctx);

#endif
