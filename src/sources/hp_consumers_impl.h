/* Between the consumers scan and its leaked-file search (hp_consumers.h). */
#ifndef HP_CONSUMERS_IMPL_H
#define HP_CONSUMERS_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hp_consumers.h"

/* The N of every rtemap_<N> file some process maps (not deleted). */
struct hp_mapped {
	uint64_t nums[HP_SCAN_MAX_MAPPED];
	size_t n;
	bool overflow;               /* more than HP_SCAN_MAX_MAPPED: rtemap_ leaks are not told */
};

void hp_mapped_add(struct hp_mapped *m, const char *name);

/* Lists the hugetlbfs mounts of <procfs>/mounts and the leaked files in them into c. */
void hp_find_leaks(int procfd, const char *root, const struct hp_mapped *mapped,
		   struct hugepage_consumers *c);

#endif
