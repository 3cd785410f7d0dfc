/*
 * hp_consumers_parse: the text formats the hugepage consumers scan reads,
 * as pure functions on buffers (no I/O), so they are tested and fuzzed
 * alone.
 *
 * Both procfs formats are lines of blank-separated fields in which the one
 * unbounded field, a path, has its blanks escaped as \ooo by the kernel
 * (seq_file_path, mangle_path).  hp_tokens splits bytes fed in any chunks
 * into such fields: a field longer than HP_TOKEN_MAX keeps its first
 * HP_TOKEN_HEAD bytes and its last ones, so a path keeps its file name.
 *   - numa_maps (show_numa_map): "<addr> <policy> [file=<path>] [huge]
 *     [dirty=N] ... N<node>=<pages> ... kernelpagesize_kB=<kB>"; a hugetlb
 *     mapping is marked "huge", and its N<node>= counts are pages of
 *     kernelpagesize_kB.  numa_maps_parser sums them per (node, size) and
 *     reports each hugetlbfs file name mapped.
 *   - the mount table (/proc/mounts): "<dev> <dir> <type> <opts> 0 0";
 *     mounts_parser keeps the hugetlbfs ones with their pagesize= option.
 * Names SPDK and DPDK give their hugepage files are told by hpc_file_kind.
 */
#ifndef HP_CONSUMERS_PARSE_H
#define HP_CONSUMERS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hugepage_consumers.h"

#define HP_TOKEN_MAX 1024
#define HP_TOKEN_HEAD 16
#define HP_NAME_LEN 128              /* a mapped file's name, without its directory */

/* ---- fields ------------------------------------------------------------ */

struct hp_tokens {
	void (*token)(void *ctx, unsigned idx, const char *tok, size_t len, bool cut);
	void (*eol)(void *ctx);
	void *ctx;
	/* state */
	char tok[HP_TOKEN_MAX];
	size_t len;
	bool cut;                    /* the field was longer than HP_TOKEN_MAX */
	unsigned idx;                /* the field's place in its line, from 0 */
	bool in_line;                /* bytes seen since the last newline */
};

void hp_tokens_init(struct hp_tokens *t, void (*token)(void *, unsigned, const char *, size_t,
							   bool),
		    void (*eol)(void *), void *ctx);
void hp_tokens_feed(struct hp_tokens *t, const char *buf, size_t n);
/* Ends the input: a last line without its newline still counts. */
void hp_tokens_finish(struct hp_tokens *t);

/* Turns \ooo escapes back into bytes, in place; returns the new length. */
size_t hp_unescape(char *s, size_t n);

/* ---- numa_maps --------------------------------------------------------- */

#define HP_LINE_NODES 64             /* N<node>= fields kept from one line */

struct numa_maps_parser {
	struct hp_tokens tk;
	/* what the file held, summed over its huge mappings */
	size_t ncells;
	uint64_t cells_dropped;      /* (node, size) pairs beyond HPC_MAX_CELLS */
	struct hpc_cell cells[HPC_MAX_CELLS];
	uint64_t huge_lines;         /* hugetlb mappings seen */
	uint64_t bad_fields;         /* N<node>= or kernelpagesize_kB= that did not parse */
	/* each hugetlb file name mapped; deleted: the kernel marked it "(deleted)" */
	void (*on_file)(void *ctx, const char *name, bool deleted);
	void *file_ctx;
	/* the line being read */
	bool huge;
	uint64_t page_kb;
	size_t nnodes;
	struct hpc_cell nodes[HP_LINE_NODES];
	char name[HP_NAME_LEN];
	bool deleted;
};

void numa_maps_init(struct numa_maps_parser *p);
void numa_maps_feed(struct numa_maps_parser *p, const char *buf, size_t n);
void numa_maps_finish(struct numa_maps_parser *p);

/* ---- the mount table --------------------------------------------------- */

struct mounts_parser {
	struct hp_tokens tk;
	size_t nmounts;
	uint64_t mounts_dropped;     /* hugetlbfs mounts beyond HPC_MAX_MOUNTS */
	uint64_t long_paths;         /* hugetlbfs mount points too long to keep */
	struct hpc_mount mounts[HPC_MAX_MOUNTS];
	/* the line being read */
	bool hugetlbfs, path_ok;
	struct hpc_mount cur;
};

void mounts_init(struct mounts_parser *p);
void mounts_feed(struct mounts_parser *p, const char *buf, size_t n);
void mounts_finish(struct mounts_parser *p);

/* "2M", "1G", "2048k", "4096" (bytes) as kB; 0 when it does not parse. */
uint64_t hp_size_kb(const char *s, size_t n);

/* ---- file names -------------------------------------------------------- */

enum hpc_file_kind {
	HPC_FILE_OTHER = 0,
	HPC_FILE_SPDK,               /* spdk_pid<PID>map_<N>: SPDK's prefix without -i/--shm-id */
	HPC_FILE_SPDK_SHM,           /* spdk<ID>map_<N>: SPDK's prefix with -i ID, no pid */
	HPC_FILE_RTE,                /* rtemap_<N>: DPDK's default prefix, no pid */
};

/* What a hugepage file's name says: its owner's pid (HPC_FILE_SPDK), or for the
 * kinds that name no owner a key that is the same only for the same file name. */
struct hpc_file_name {
	enum hpc_file_kind kind;
	int pid;
	uint64_t shm_id;             /* HPC_FILE_SPDK_SHM: ID */
	uint64_t num;                /* the N after map_ */
};

/* Which of those name is (kind HPC_FILE_OTHER for none). */
struct hpc_file_name hpc_file_kind(const char *name);

#endif
