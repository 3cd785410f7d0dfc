/* Between the consumers scan and its leaked-file search (hp_consumers.h). */
#ifndef HP_CONSUMERS_IMPL_H
#define HP_CONSUMERS_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hp_consumers.h"
#include "hp_consumers_parse.h"

/* The files without an owner in their name (rtemap_<N>, spdk<ID>map_<N>) some
 * process maps; only those are needed to tell which of them are leaked. */
struct hp_mapped {
	struct hp_mapped_file {
		uint64_t shm;        /* 0 for rtemap_, ID + 1 for spdk<ID>map_ */
		uint64_t num;
	} files[HP_SCAN_MAX_MAPPED];
	size_t n;
	bool overflow;               /* more than HP_SCAN_MAX_MAPPED: their leaks are not told */
};

/* f is of a kind that names no owner (HPC_FILE_RTE or HPC_FILE_SPDK_SHM). */
void hp_mapped_add(struct hp_mapped *m, const struct hpc_file_name *f);

/* Lists the hugetlbfs mounts of <procfs>/mounts and the leaked files in them into c. */
void hp_find_leaks(int procfd, const char *root, const struct hp_mapped *mapped,
		   struct hugepage_consumers *c);

#endif
