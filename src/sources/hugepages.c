/*
 * Hugepage and per-node memory collection (contract: hugepages.h).
 *
 * Every file is read relative to the sysfs/procfs root fds, so fixture trees
 * and the real system take the same path through the code; only the node
 * list differs (libnuma knows nothing of fixtures).  Nothing here is fatal:
 * whatever cannot be read is left out of the snapshot and said in `errors`
 * with the path, so the dashboard shows what it has and why the rest is
 * missing.  Kernels without NUMA have no devices/system/node at all; that is
 * normal, and node 0 is then built from the global values without a word.
 *
 * The reader keeps what is slow to find between ticks: the roots, the lists
 * of nodes and page sizes (and what listing them said, said again each tick)
 * and every file it reads, open, so a steady tick opens nothing and reads
 * each file with one pread.  It lists again when told by the node directory
 * (another link count, inode or mtime: a node came or went), when a file it
 * kept fails to read (sysfs says ENODEV once its node is gone), and every
 * HUGEPAGES_RESCAN seconds.  A file that fails to open is tried again each
 * tick, as before, and says why each time.
 */
#include "hugepages.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stddef.h>
#include <numa.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hugepages_nodes.h"
#include "hugepages_read.h"

#define REL_LEN 128
#define NODE_DIR "devices/system/node"
#define GLOBAL_DIR "kernel/mm/hugepages"
#define SIZE_PREFIX "hugepages-"
#define SIZE_SUFFIX "kB"

struct root {
	const char *path;
	size_t len;     /* without trailing slashes, so paths print cleanly */
	int fd;
};

/* A file read each tick: its fd once open (-1 before, or after it failed). */
struct slot {
	int fd;
};

#define NODE_FILES 3     /* nr, free, surplus */
#define GLOBAL_FILES 4   /* nr, free, resv, surplus */

static const char *const node_files[NODE_FILES] = { "nr_hugepages", "free_hugepages",
						    "surplus_hugepages" };
static const char *const global_files[GLOBAL_FILES] = { "nr_hugepages", "free_hugepages",
							"resv_hugepages", "surplus_hugepages" };

/* One node as the last listing found it. */
struct node_layout {
	struct hp_node_dir dir;
	struct slot meminfo;
	int nlisted;                        /* hp_list_numbered of its hugepages dir */
	uint64_t kbs[SNAP_MAX_PAGE_SIZES];
	struct slot files[SNAP_MAX_PAGE_SIZES][NODE_FILES];
};

/* What the last listing found; the tick reads the files it names. */
struct layout {
	bool done;
	double when;                        /* the `now` it was made at */
	bool node_dir;                      /* node dir stat below is valid */
	struct stat node_st;
	int nglobal;                        /* hp_list_numbered of kernel/mm/hugepages */
	uint64_t gkbs[SNAP_MAX_PAGE_SIZES];
	struct slot gfiles[SNAP_MAX_PAGE_SIZES][GLOBAL_FILES];
	struct slot proc_meminfo;
	int nnodes;                         /* from libnuma (>0) or hp_list_nodes */
	bool from_libnuma;
	size_t nrefused;                    /* odd "node..." names seen while listing */
	char refused[MT_ERRLIST_MAX][41];   /* the first ones (40 bytes); the rest overflow anyway */
	struct node_layout nodes[SNAP_MAX_NODES];
};

struct hugepages_reader {
	bool real;                          /* the real /sys and /proc: nodes from libnuma */
	struct root sys, proc;
	struct layout lay;
	bool read_failed;                   /* a kept file failed this pass: list again */
	uint64_t opens;
};

struct hp_ctx {
	struct hugepages_reader *r;
	struct root sys, proc;
	struct mt_errlist *errors;
	int nerr;
	/* /proc/meminfo MemTotal/MemFree, for node 0 when there is no NUMA */
	bool has_mem;
	uint64_t mem_total_kb, mem_free_kb;
	bool global_dir;  /* kernel/mm/hugepages exists: the kernel has hugetlb */
};

static void report(struct hp_ctx *c, const char *fmt, ...) MT_PRINTF(2, 3);

static void report(struct hp_ctx *c, const char *fmt, ...)
{
	char msg[MT_ERR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	mt_errlist_add(c->errors, "%s", msg);
	c->nerr++;
}

/* The full path of rel under a root, for messages. */
static const char *full(const struct root *r, const char *rel, char *buf, size_t len)
{
	snprintf(buf, len, "%.*s/%s", (int)r->len, r->path, rel);
	return buf;
}

static void report_read(struct hp_ctx *c, const struct root *r, const char *rel, int rc)
{
	char path[MT_ERR_LEN];

	full(r, rel, path, sizeof(path));
	if (rc == -EINVAL)
		report(c, "cannot parse %s: not the expected format", path);
	else if (rc == -ERANGE)
		report(c, "cannot parse %s: number too large", path);
	else if (rc == HP_ERR_NOT_FILE)
		report(c, "refused %s: not a regular file (a FIFO or a device is never read)", path);
	else if (rc == -EFBIG)
		report(c, "refused %s: larger than such a file can be (read stopped at 1 MiB)", path);
	else
		report(c, "cannot read %s: %s", path, strerror(-rc));
}

/* Where a kept file lives: its root, and the parts of its path. */
struct loc {
	const struct root *root;
	const char *node;       /* the node's directory name; NULL: a global file */
	uint64_t kb;            /* the page size's directory; 0: the meminfo file */
	const char *file;
};

/* The path of l below its root; made only to open the file or to say what failed. */
static const char *loc_rel(const struct loc *l, char *buf, size_t len)
{
	if (!l->node && !l->kb)
		snprintf(buf, len, "meminfo");
	else if (!l->node)
		snprintf(buf, len, GLOBAL_DIR "/" SIZE_PREFIX "%" PRIu64 "kB/%s", l->kb, l->file);
	else if (!l->kb)
		snprintf(buf, len, NODE_DIR "/%s/meminfo", l->node);
	else
		snprintf(buf, len, NODE_DIR "/%s/hugepages/" SIZE_PREFIX "%" PRIu64 "kB/%s",
			 l->node, l->kb, l->file);
	return buf;
}

static void report_loc(struct hp_ctx *c, const struct loc *l, int rc)
{
	char rel[REL_LEN];

	report_read(c, l->root, loc_rel(l, rel, sizeof(rel)), rc);
}

/*
 * The slot's fd, opening its file first if need be; -errno when it cannot
 * be opened (then it is tried again next time).  *kept: it was open already.
 */
static int slot_open(struct hp_ctx *c, struct slot *s, const struct loc *l, bool *kept)
{
	char rel[REL_LEN];
	int fd;

	*kept = s->fd >= 0;
	if (*kept)
		return s->fd;
	if (l->root->fd < 0)
		return -EBADF;
	c->r->opens++;
	fd = hp_open_file(l->root->fd, loc_rel(l, rel, sizeof(rel)));
	s->fd = fd >= 0 ? fd : -1;
	return fd;
}

/*
 * After a read: a file whose text is wrong stays open (it is the right file);
 * one that failed to read is closed, and if it was kept from an earlier tick
 * its node may be gone: the caller lists again.
 */
static int slot_done(struct hp_ctx *c, struct slot *s, bool kept, int rc)
{
	if (rc && rc != -EINVAL && rc != -ERANGE && rc != -EFBIG) {
		close(s->fd);
		s->fd = -1;
		if (kept)
			c->r->read_failed = true;
	}
	return rc;
}

static int slot_u64(struct hp_ctx *c, struct slot *s, const struct loc *l, uint64_t *out)
{
	bool kept;
	int fd = slot_open(c, s, l, &kept);

	return fd < 0 ? fd : slot_done(c, s, kept, hp_pread_u64(fd, out));
}

static int slot_meminfo(struct hp_ctx *c, struct slot *s, const struct loc *l,
			const char *const *keys, size_t nkeys, uint64_t *vals, bool *found)
{
	bool kept;
	int fd = slot_open(c, s, l, &kept);

	if (fd < 0) {
		memset(found, 0, nkeys * sizeof(*found));
		return fd;
	}
	return slot_done(c, s, kept, hp_pread_meminfo_keys(fd, keys, nkeys, vals, found));
}

static void root_init(struct root *r, const char *path)
{
	size_t len = strlen(path);

	while (len > 1 && path[len - 1] == '/')
		len--;
	r->path = path;
	r->len = (len == 1 && path[0] == '/') ? 0 : len;
	r->fd = -1;
}

/* Opens a root not open yet (each tick until it opens); true when it opened now. */
static bool root_open(struct hp_ctx *c, struct root *r, const char *what)
{
	if (r->fd >= 0)
		return false;
	c->r->opens++;
	r->fd = open(r->path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (r->fd < 0)
		report(c, "cannot open %s root %s: %s", what, r->path, strerror(errno));
	return r->fd >= 0;
}

static bool is_root(const char *path, const char *real)
{
	size_t n = strlen(real);

	return strncmp(path, real, n) == 0 && (path[n] == '\0' || strcmp(path + n, "/") == 0);
}

/* ---- globals ---------------------------------------------------------- */

/*
 * What /proc/meminfo gives.  The kernel prints each key once
 * (fs/proc/meminfo.c), so the parse stops once all are in: only the
 * DirectMap lines follow Hugetlb.
 */
enum proc_key { PK_TOTAL, PK_FREE, PK_RSVD, PK_SURP, PK_PAGE_KB, PK_HUGETLB, PK_MEM_TOTAL,
		PK_MEM_FREE, NPROC_KEYS };

static const char *const proc_keys[NPROC_KEYS] = {
	[PK_TOTAL] = "HugePages_Total", [PK_FREE] = "HugePages_Free",
	[PK_RSVD] = "HugePages_Rsvd",   [PK_SURP] = "HugePages_Surp",
	[PK_PAGE_KB] = "Hugepagesize",  [PK_HUGETLB] = "Hugetlb",
	[PK_MEM_TOTAL] = "MemTotal",    [PK_MEM_FREE] = "MemFree",
};

static void collect_proc_meminfo(struct hp_ctx *c, struct hugepage_global *g)
{
	uint64_t v[NPROC_KEYS];
	bool f[NPROC_KEYS];
	uint64_t *dst[NPROC_KEYS] = { &g->total, &g->free, &g->rsvd, &g->surp,
				      &g->default_page_kb, &g->hugetlb_kb, &c->mem_total_kb,
				      &c->mem_free_kb };
	const struct loc l = { .root = &c->proc };
	char path[MT_ERR_LEN];
	int rc;

	if (c->proc.fd < 0)
		return;
	rc = slot_meminfo(c, &c->r->lay.proc_meminfo, &l, proc_keys, NPROC_KEYS, v, f);
	/* Even after a failed read: what it had found by then stays, as before. */
	for (size_t k = 0; k < NPROC_KEYS; k++)
		if (f[k])
			*dst[k] = v[k];
	if (rc) {
		report_read(c, &c->proc, "meminfo", rc);
		return;
	}
	/* A kernel without hugetlb has no HugePages_ lines: nothing to say. */
	if (f[PK_TOTAL] || f[PK_FREE] || f[PK_RSVD] || f[PK_SURP]) {
		if (f[PK_TOTAL] && f[PK_FREE] && f[PK_RSVD] && f[PK_SURP])
			g->has_meminfo = true;
		else
			report(c, "%s: HugePages_Total/Free/Rsvd/Surp incomplete",
			       full(&c->proc, "meminfo", path, sizeof(path)));
	}
	if (!g->has_meminfo) {
		g->total = g->free = g->rsvd = g->surp = 0;
		g->default_page_kb = g->hugetlb_kb = 0;
	}
	c->has_mem = f[PK_MEM_TOTAL] && f[PK_MEM_FREE];
}

static void collect_global_sizes(struct hp_ctx *c, struct hugepage_global *g)
{
	struct layout *lay = &c->r->lay;
	const uint64_t *kbs = lay->gkbs;
	char path[MT_ERR_LEN];
	int n = lay->nglobal;

	if (c->sys.fd < 0)
		return;
	if (n == -ENOENT)
		return;
	if (n < 0) {
		report_read(c, &c->sys, GLOBAL_DIR, n);
		return;
	}
	c->global_dir = true;
	if (n > SNAP_MAX_PAGE_SIZES)
		report(c, "%s: %d page sizes, only the %d smallest are shown",
		       full(&c->sys, GLOBAL_DIR, path, sizeof(path)), n, SNAP_MAX_PAGE_SIZES);
	for (int i = 0; i < n && i < SNAP_MAX_PAGE_SIZES; i++) {
		struct hugepage_global_size s = { .page_kb = kbs[i] };
		uint64_t *vals[GLOBAL_FILES] = { &s.nr, &s.free, &s.resv, &s.surplus };
		struct loc l = { .root = &c->sys, .kb = kbs[i] };
		int rc = 0;

		for (size_t f = 0; f < GLOBAL_FILES && !rc; f++) {
			l.file = global_files[f];
			rc = slot_u64(c, &lay->gfiles[i][f], &l, vals[f]);
		}
		if (rc) {
			report_loc(c, &l, rc);
			continue;
		}
		g->sizes[g->nsizes++] = s;
	}
}

/* ---- nodes ------------------------------------------------------------ */

/* A node's meminfo starts with these two (drivers/base/node.c): the parse stops there. */
static const char *const node_keys[2] = { "MemTotal", "MemFree" };

static void collect_node_meminfo(struct hp_ctx *c, struct hugepage_node *node,
				 struct node_layout *nl)
{
	uint64_t v[2];
	bool f[2];
	const struct loc l = { .root = &c->sys, .node = nl->dir.name };
	char rel[REL_LEN], path[MT_ERR_LEN];
	int rc;

	rc = slot_meminfo(c, &nl->meminfo, &l, node_keys, 2, v, f);
	if (rc) {
		report_loc(c, &l, rc);
		return;
	}
	if (!f[0] || !f[1]) {
		report(c, "%s: no MemTotal/MemFree",
		       full(&c->sys, loc_rel(&l, rel, sizeof(rel)), path, sizeof(path)));
		return;
	}
	node->has_meminfo = true;
	node->mem_total_kb = v[0];
	node->mem_free_kb = v[1];
}

static bool node_has_size(const struct hugepage_node *node, uint64_t kb)
{
	for (size_t i = 0; i < node->nsizes; i++)
		if (node->sizes[i].page_kb == kb)
			return true;
	return false;
}

/* The full path of node's hugepages directory, for messages. */
static const char *node_hp_dir(const struct hp_ctx *c, const char *name, char *buf, size_t len)
{
	char rel[REL_LEN];

	snprintf(rel, sizeof(rel), NODE_DIR "/%s/hugepages", name);
	return full(&c->sys, rel, buf, len);
}

static void collect_node(struct hp_ctx *c, struct hugepage_node *node, struct node_layout *nl,
			 const struct hugepage_global *g)
{
	const char *name = nl->dir.name;
	const uint64_t *kbs = nl->kbs;
	char meminfo[MT_ERR_LEN], path[MT_ERR_LEN];
	bool no_dir = false, unlisted = false;
	int n = nl->nlisted;

	collect_node_meminfo(c, node, nl);

	if (n == -ENOENT) {
		no_dir = true;
		n = 0;
	} else if (n < 0) {
		char rel[REL_LEN];

		snprintf(rel, sizeof(rel), NODE_DIR "/%s/hugepages", name);
		report_read(c, &c->sys, rel, n);
		unlisted = true;
		n = 0;
	} else if (n > SNAP_MAX_PAGE_SIZES) {
		report(c, "%s: %d page sizes, only the %d smallest are shown",
		       node_hp_dir(c, name, path, sizeof(path)), n, SNAP_MAX_PAGE_SIZES);
		n = SNAP_MAX_PAGE_SIZES;
	}
	for (int i = 0; i < n; i++) {
		struct hugepage_size_stats s = { .page_kb = kbs[i] };
		uint64_t *vals[NODE_FILES] = { &s.nr, &s.free, &s.surplus };
		struct loc l = { .root = &c->sys, .node = name, .kb = kbs[i] };
		int rc = 0;

		for (size_t f = 0; f < NODE_FILES && !rc; f++) {
			l.file = node_files[f];
			rc = slot_u64(c, &nl->files[i][f], &l, vals[f]);
		}
		if (rc) {
			report_loc(c, &l, rc);
			continue;
		}
		node->sizes[node->nsizes++] = s;
	}

	/* Without hugetlb in the kernel no node has a hugepages dir: not news. */
	if (no_dir && !c->global_dir)
		no_dir = false;
	if (node->has_meminfo && node->mem_total_kb == 0) {
		const struct loc l = { .root = &c->sys, .node = name };
		char rel[REL_LEN];

		node->memoryless = true;
		full(&c->sys, loc_rel(&l, rel, sizeof(rel)), meminfo, sizeof(meminfo));
		if (no_dir)
			node_hp_dir(c, name, path, sizeof(path));
		report(c, "%s: memoryless (MemTotal 0 kB in %s%s%s)", name, meminfo,
		       no_dir ? "; no " : "", no_dir ? path : "");
		return;
	}
	if (no_dir) {
		node->memoryless = true;
		report(c, "%s: memoryless (no %s)", name, node_hp_dir(c, name, path, sizeof(path)));
		return;
	}
	/* A size the kernel offers that this node lacks, as opposed to one we failed to read. */
	for (size_t i = 0; i < g->nsizes && !unlisted; i++) {
		uint64_t kb = g->sizes[i].page_kb;
		bool listed = false;

		for (int k = 0; k < n; k++)
			listed |= kbs[k] == kb;
		if (!listed && !node_has_size(node, kb))
			report(c, "%s: no %" PRIu64 " kB hugepages (no %s/" SIZE_PREFIX
			       "%" PRIu64 "kB)", name, kb, node_hp_dir(c, name, path, sizeof(path)),
			       kb);
	}
}

/* Nodes from libnuma; -1 when libnuma cannot tell. */
static int list_nodes_libnuma(struct hp_node_dir *nodes, size_t max)
{
	int maxnode, total = 0;
	size_t kept = 0;

	if (numa_available() < 0 || !numa_nodes_ptr)
		return -1;
	maxnode = numa_max_node();
	for (int n = 0; n <= maxnode; n++) {
		if (!numa_bitmask_isbitset(numa_nodes_ptr, (unsigned)n))
			continue;
		if (kept < max) {
			nodes[kept].id = n;
			snprintf(nodes[kept].name, sizeof(nodes[kept].name), "node%d", n);
			kept++;
		}
		total++;
	}
	return total;
}

/* Listing: an odd "node..." name is kept, and said each tick. */
static void node_dir_refused(const char *name, void *ctx)
{
	struct layout *lay = ctx;

	if (lay->nrefused < MT_ERRLIST_MAX)
		snprintf(lay->refused[lay->nrefused], sizeof(lay->refused[0]), "%.40s", name);
	lay->nrefused++;
}

static void report_refused(struct hp_ctx *c)
{
	const struct layout *lay = &c->r->lay;
	char rel[REL_LEN], path[MT_ERR_LEN];

	for (size_t i = 0; i < lay->nrefused; i++) {
		/* Past the kept names the error list is full: the count is what remains. */
		snprintf(rel, sizeof(rel), NODE_DIR "/%s",
			 i < MT_ERRLIST_MAX ? lay->refused[i] : "node?");
		report(c, "ignored %s: not a node directory name (node0 to node2147483647, "
		       "no leading zero)", full(&c->sys, rel, path, sizeof(path)));
	}
}

/* No NUMA in this kernel: node 0 is the whole machine. */
static void node0_from_globals(const struct hp_ctx *c, struct hugepage_snapshot *out)
{
	struct hugepage_node *node = &out->nodes[0];
	const struct hugepage_global *g = &out->global;

	memset(node, 0, sizeof(*node));
	out->nnodes = 1;
	node->has_meminfo = c->has_mem;
	node->mem_total_kb = c->has_mem ? c->mem_total_kb : 0;
	node->mem_free_kb = c->has_mem ? c->mem_free_kb : 0;
	node->memoryless = c->has_mem && c->mem_total_kb == 0;
	for (size_t i = 0; i < g->nsizes; i++) {
		node->sizes[i] = (struct hugepage_size_stats){
			.page_kb = g->sizes[i].page_kb,
			.nr = g->sizes[i].nr,
			.free = g->sizes[i].free,
			.surplus = g->sizes[i].surplus,
		};
	}
	node->nsizes = g->nsizes;
	if (node->nsizes == 0 && g->has_meminfo && g->default_page_kb) {
		node->sizes[0] = (struct hugepage_size_stats){
			.page_kb = g->default_page_kb, .nr = g->total, .free = g->free,
			.surplus = g->surp,
		};
		node->nsizes = 1;
	}
}

static void collect_nodes(struct hp_ctx *c, struct hugepage_snapshot *out)
{
	struct layout *lay = &c->r->lay;
	char path[MT_ERR_LEN];
	int n = lay->nnodes;

	if (lay->from_libnuma) {
		out->numa_from_libnuma = true;
	} else if (c->sys.fd >= 0) {
		report_refused(c);
		if (n < 0 && n != -ENOENT)
			report_read(c, &c->sys, NODE_DIR, n);
	}
	if (n <= 0) {
		node0_from_globals(c, out);
		return;
	}
	if (n > SNAP_MAX_NODES) {
		const char *where = out->numa_from_libnuma
					    ? "libnuma"
					    : full(&c->sys, NODE_DIR, path, sizeof(path));

		report(c, "%d NUMA nodes (%s), only the first %d are shown", n, where,
		       SNAP_MAX_NODES);
	}
	for (int i = 0; i < n && i < SNAP_MAX_NODES; i++) {
		struct hugepage_node *node = &out->nodes[out->nnodes++];

		node->id = lay->nodes[i].dir.id;
		if (c->sys.fd >= 0)
			collect_node(c, node, &lay->nodes[i], &out->global);
	}
}

/* ---- the layout: what is listed, kept between ticks --------------------- */

/* Closes the open ones when `close_open`; either way every slot ends closed (-1). */
static void slots_reset(struct slot *s, size_t n, bool close_open)
{
	for (size_t i = 0; i < n; i++) {
		if (close_open && s[i].fd >= 0)
			close(s[i].fd);
		s[i].fd = -1;
	}
}

/* Forgets the listing and every kept file: closed, or (a new layout) never open. */
static void layout_reset(struct layout *lay, bool close_open)
{
	slots_reset(&lay->gfiles[0][0], SNAP_MAX_PAGE_SIZES * GLOBAL_FILES, close_open);
	slots_reset(&lay->proc_meminfo, 1, close_open);
	for (size_t i = 0; i < SNAP_MAX_NODES; i++) {
		slots_reset(&lay->nodes[i].meminfo, 1, close_open);
		slots_reset(&lay->nodes[i].files[0][0], SNAP_MAX_PAGE_SIZES * NODE_FILES,
			    close_open);
	}
	lay->done = false;
}

/* The node directory's identity and link count: a node coming or going changes them. */
static bool node_dir_stat(const struct hp_ctx *c, struct stat *st)
{
	return c->sys.fd >= 0 && fstatat(c->sys.fd, NODE_DIR, st, 0) == 0;
}

static bool same_dir(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_nlink == b->st_nlink &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static bool layout_current(const struct hp_ctx *c, double now)
{
	const struct layout *lay = &c->r->lay;
	struct stat st;
	bool have;

	if (!lay->done || !(now - lay->when < HUGEPAGES_RESCAN))
		return false;
	have = node_dir_stat(c, &st);
	return have == lay->node_dir && (!have || same_dir(&st, &lay->node_st));
}

/* Lists page sizes and nodes again; their files are opened as they are read. */
static void layout_scan(struct hp_ctx *c, double now)
{
	struct hugepages_reader *r = c->r;
	struct layout *lay = &r->lay;
	struct hp_node_dir dirs[SNAP_MAX_NODES];
	int n = -1;

	layout_reset(lay, true);
	lay->done = true;
	lay->when = now;
	lay->nrefused = 0;
	lay->from_libnuma = false;
	/* Before listing: a change while we list shows next tick. */
	lay->node_dir = node_dir_stat(c, &lay->node_st);
	lay->nglobal = 0;
	if (c->sys.fd >= 0) {
		r->opens++;
		lay->nglobal = hp_list_numbered(c->sys.fd, GLOBAL_DIR, SIZE_PREFIX, SIZE_SUFFIX,
						lay->gkbs, SNAP_MAX_PAGE_SIZES);
	}
	if (r->real)
		n = list_nodes_libnuma(dirs, SNAP_MAX_NODES);
	if (n > 0) {
		lay->from_libnuma = true;
	} else if (c->sys.fd >= 0) {
		r->opens++;
		n = hp_list_nodes(c->sys.fd, NODE_DIR, dirs, SNAP_MAX_NODES, node_dir_refused, lay);
	}
	lay->nnodes = n;
	for (int i = 0; i < n && i < SNAP_MAX_NODES; i++) {
		struct node_layout *nl = &lay->nodes[i];
		char rel[REL_LEN];

		nl->dir = dirs[i];
		nl->nlisted = 0;
		if (c->sys.fd < 0)
			continue;
		snprintf(rel, sizeof(rel), NODE_DIR "/%s/hugepages", nl->dir.name);
		r->opens++;
		nl->nlisted = hp_list_numbered(c->sys.fd, rel, SIZE_PREFIX, SIZE_SUFFIX, nl->kbs,
					       SNAP_MAX_PAGE_SIZES);
	}
}

/* ---- the reader ----------------------------------------------------------- */

struct hugepages_reader *hugepages_reader_new(const struct hugepages_source *src)
{
	struct hugepages_reader *r = calloc(1, sizeof(*r));
	const char *sys_path, *proc_path;

	if (!r)
		return NULL;
	sys_path = src && src->sysfs_root ? src->sysfs_root : "/sys";
	proc_path = src && src->procfs_root ? src->procfs_root : "/proc";
	r->real = is_root(sys_path, "/sys") && is_root(proc_path, "/proc");
	root_init(&r->sys, sys_path);
	root_init(&r->proc, proc_path);
	/* calloc's zeros would be fd 0: every slot starts closed instead. */
	layout_reset(&r->lay, false);
	return r;
}

void hugepages_reader_free(struct hugepages_reader *r)
{
	if (!r)
		return;
	layout_reset(&r->lay, true);
	if (r->sys.fd >= 0)
		close(r->sys.fd);
	if (r->proc.fd >= 0)
		close(r->proc.fd);
	free(r);
}

uint64_t hugepages_reader_opens(const struct hugepages_reader *r)
{
	return r->opens;
}

/*
 * Zeroes what a collect wrote into out: it writes nodes only up to nnodes,
 * so when out is all zero or holds an earlier collect's output this leaves
 * it as a memset of the whole would, without the ~11 KB of unused nodes.
 */
static void clear_written(struct hugepage_snapshot *out)
{
	size_t n = out->nnodes < SNAP_MAX_NODES ? out->nnodes : SNAP_MAX_NODES;

	memset(out, 0, offsetof(struct hugepage_snapshot, nodes));
	memset(out->nodes, 0, n * sizeof(out->nodes[0]));
	memset(&out->global, 0, sizeof(*out) - offsetof(struct hugepage_snapshot, global));
}

/* One pass over the layout; false when a kept file failed and the listing may be old. */
static bool collect_pass(struct hp_ctx *c, double now, bool rescan, struct hugepage_snapshot *out)
{
	struct hugepages_reader *r = c->r;

	clear_written(out);
	rescan |= root_open(c, &r->sys, "sysfs");
	rescan |= root_open(c, &r->proc, "procfs");
	c->sys = r->sys;
	c->proc = r->proc;
	if (rescan || !layout_current(c, now))
		layout_scan(c, now);
	r->read_failed = false;
	collect_global_sizes(c, &out->global);
	collect_proc_meminfo(c, &out->global);
	collect_nodes(c, out);
	return !r->read_failed;
}

int hugepages_reader_refill(struct hugepages_reader *r, double now, struct hugepage_snapshot *out,
			    struct mt_errlist *errors)
{
	struct hp_ctx c = { .r = r, .errors = errors };
	size_t n0 = errors ? errors->n : 0, dropped0 = errors ? errors->dropped : 0;

	if (collect_pass(&c, now, false, out))
		return c.nerr;
	/*
	 * A file kept open failed (its node may be gone): list again and read
	 * once more.  The first pass's errors go, text and all, so the list
	 * stays zero past its count.
	 */
	mt_errlist_truncate(errors, n0, dropped0);
	c = (struct hp_ctx){ .r = r, .errors = errors };
	collect_pass(&c, now, true, out);
	return c.nerr;
}

int hugepages_reader_collect(struct hugepages_reader *r, double now,
			     struct hugepage_snapshot *out, struct mt_errlist *errors)
{
	memset(out, 0, sizeof(*out));
	return hugepages_reader_refill(r, now, out, errors);
}

int hugepages_collect(const struct hugepages_source *src, struct hugepage_snapshot *out,
		      struct mt_errlist *errors)
{
	struct hugepages_reader *r = hugepages_reader_new(src);
	int nerr;

	if (!r) {
		memset(out, 0, sizeof(*out));
		mt_errlist_add(errors, "hugepages: out of memory");
		return 1;
	}
	nerr = hugepages_reader_collect(r, 0.0, out, errors);
	hugepages_reader_free(r);
	return nerr;
}
