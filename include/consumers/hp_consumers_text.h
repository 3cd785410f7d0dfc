/*
 * hp_consumers_text: a hugepage consumers scan as lines for people, for the
 * dashboard's H view and `--once --consumers`.
 *
 * Per node and page size (the sysfs figures of the snapshot beside the
 * scan): pages in use, then each process holding some there (the SPDK
 * target first and marked), then what no process accounts for.  When
 * processes could not be read the found sums are a lower bound and the
 * lines say so and how many; the leaked hugetlbfs files come last, as a
 * warning.  What is not known is said, never shown as 0.  Building the
 * lines is pure; only hpc_text_write() writes (to the FILE it is given).
 */
#ifndef HP_CONSUMERS_TEXT_H
#define HP_CONSUMERS_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hugepage_consumers.h"

#define HPC_TEXT_LINES 1024
#define HPC_TEXT_LEN 160

enum hpc_line_kind {
	HPC_LINE_NOTE = 0,      /* what was scanned, explanations */
	HPC_LINE_HEAD,          /* a node and page size */
	HPC_LINE_TARGET,        /* the SPDK target's process */
	HPC_LINE_PROCESS,       /* another process */
	HPC_LINE_UNACCOUNTED,   /* in use, held by no process found */
	HPC_LINE_WARNING,       /* leaked files, unreadable processes */
};

struct hpc_text {
	size_t n;
	uint64_t dropped;       /* lines beyond HPC_TEXT_LINES */
	enum hpc_line_kind kind[HPC_TEXT_LINES];
	char line[HPC_TEXT_LINES][HPC_TEXT_LEN];
};

/* The lines for c (sysfs may be NULL: no "in use" figures); t is ~160 KiB, allocate it. */
void hpc_text_build(const struct hugepage_consumers *c, const struct hugepage_snapshot *sysfs,
		    struct hpc_text *t);

/* The same lines to out (--once --consumers); a line of "(N more lines)" where lines were dropped. */
void hpc_text_write(FILE *out, const struct hugepage_consumers *c,
		    const struct hugepage_snapshot *sysfs);

#endif
