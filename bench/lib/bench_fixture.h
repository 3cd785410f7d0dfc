/*
 * bench_fixture: a sysfs and procfs tree with many NUMA nodes, for scale.
 *
 * bench_fixture_make() copies tests/fixtures/{sysfs,procfs}/2node into a new
 * private directory (mkdtemp under $TMPDIR or /tmp) and makes nodes 0 to
 * nnodes-1 of its node0 (meminfo says "Node N"), with online, possible,
 * has_cpu, has_memory and has_normal_memory listing them all.
 * bench_fixture_remove() deletes the tree.
 */
#ifndef BENCH_FIXTURE_H
#define BENCH_FIXTURE_H

#include <limits.h>

struct bench_fixture {
	char dir[PATH_MAX];
	char sysfs[PATH_MAX], procfs[PATH_MAX];
};

/* 0, or -1 with a message on stderr. */
int bench_fixture_make(struct bench_fixture *f, int nnodes);
void bench_fixture_remove(struct bench_fixture *f);

#endif
