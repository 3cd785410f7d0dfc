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
 */
#include "hugepages.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <numa.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
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

struct hp_ctx {
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

static void root_open(struct hp_ctx *c, struct root *r, const char *path, const char *what)
{
	size_t len = strlen(path);

	while (len > 1 && path[len - 1] == '/')
		len--;
	r->path = path;
	r->len = (len == 1 && path[0] == '/') ? 0 : len;
	r->fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (r->fd < 0)
		report(c, "cannot open %s root %s: %s", what, path, strerror(errno));
}

static bool is_root(const char *path, const char *real)
{
	size_t n = strlen(real);

	return strncmp(path, real, n) == 0 && (path[n] == '\0' || strcmp(path + n, "/") == 0);
}

/* ---- globals ---------------------------------------------------------- */

struct proc_meminfo {
	struct hugepage_global *g;
	bool total, free, rsvd, surp;
	bool mem_total, mem_free;
	uint64_t mem_total_kb, mem_free_kb;
};

static void proc_meminfo_line(const char *key, uint64_t v, void *ctx)
{
	struct proc_meminfo *m = ctx;

	if (strcmp(key, "HugePages_Total") == 0) {
		m->g->total = v;
		m->total = true;
	} else if (strcmp(key, "HugePages_Free") == 0) {
		m->g->free = v;
		m->free = true;
	} else if (strcmp(key, "HugePages_Rsvd") == 0) {
		m->g->rsvd = v;
		m->rsvd = true;
	} else if (strcmp(key, "HugePages_Surp") == 0) {
		m->g->surp = v;
		m->surp = true;
	} else if (strcmp(key, "Hugepagesize") == 0) {
		m->g->default_page_kb = v;
	} else if (strcmp(key, "Hugetlb") == 0) {
		m->g->hugetlb_kb = v;
	} else if (strcmp(key, "MemTotal") == 0) {
		m->mem_total_kb = v;
		m->mem_total = true;
	} else if (strcmp(key, "MemFree") == 0) {
		m->mem_free_kb = v;
		m->mem_free = true;
	}
}

static void collect_proc_meminfo(struct hp_ctx *c, struct hugepage_global *g)
{
	struct proc_meminfo m = { .g = g };
	char path[MT_ERR_LEN];
	int rc;

	if (c->proc.fd < 0)
		return;
	rc = hp_read_meminfo(c->proc.fd, "meminfo", proc_meminfo_line, &m);
	if (rc) {
		report_read(c, &c->proc, "meminfo", rc);
		return;
	}
	/* A kernel without hugetlb has no HugePages_ lines: nothing to say. */
	if (m.total || m.free || m.rsvd || m.surp) {
		if (m.total && m.free && m.rsvd && m.surp)
			g->has_meminfo = true;
		else
			report(c, "%s: HugePages_Total/Free/Rsvd/Surp incomplete",
			       full(&c->proc, "meminfo", path, sizeof(path)));
	}
	if (!g->has_meminfo) {
		g->total = g->free = g->rsvd = g->surp = 0;
		g->default_page_kb = g->hugetlb_kb = 0;
	}
	c->has_mem = m.mem_total && m.mem_free;
	c->mem_total_kb = m.mem_total_kb;
	c->mem_free_kb = m.mem_free_kb;
}

static void collect_global_sizes(struct hp_ctx *c, struct hugepage_global *g)
{
	uint64_t kbs[SNAP_MAX_PAGE_SIZES];
	char rel[REL_LEN], path[MT_ERR_LEN];
	int n;

	if (c->sys.fd < 0)
		return;
	n = hp_list_numbered(c->sys.fd, GLOBAL_DIR, SIZE_PREFIX, SIZE_SUFFIX, kbs,
			     SNAP_MAX_PAGE_SIZES);
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
		static const char *const files[] = { "nr_hugepages", "free_hugepages",
						     "resv_hugepages", "surplus_hugepages" };
		uint64_t *vals[] = { &s.nr, &s.free, &s.resv, &s.surplus };
		int rc = 0;

		for (size_t f = 0; f < 4 && !rc; f++) {
			snprintf(rel, sizeof(rel), GLOBAL_DIR "/" SIZE_PREFIX "%" PRIu64 "kB/%s",
				 kbs[i], files[f]);
			rc = hp_read_u64(c->sys.fd, rel, vals[f]);
		}
		if (rc) {
			report_read(c, &c->sys, rel, rc);
			continue;
		}
		g->sizes[g->nsizes++] = s;
	}
}

/* ---- nodes ------------------------------------------------------------ */

struct node_meminfo {
	bool total, free;
	uint64_t total_kb, free_kb;
};

static void node_meminfo_line(const char *key, uint64_t v, void *ctx)
{
	struct node_meminfo *m = ctx;

	if (strcmp(key, "MemTotal") == 0) {
		m->total_kb = v;
		m->total = true;
	} else if (strcmp(key, "MemFree") == 0) {
		m->free_kb = v;
		m->free = true;
	}
}

static void collect_node_meminfo(struct hp_ctx *c, struct hugepage_node *node, const char *name)
{
	struct node_meminfo m = { 0 };
	char rel[REL_LEN], path[MT_ERR_LEN];
	int rc;

	snprintf(rel, sizeof(rel), NODE_DIR "/%s/meminfo", name);
	rc = hp_read_meminfo(c->sys.fd, rel, node_meminfo_line, &m);
	if (rc) {
		report_read(c, &c->sys, rel, rc);
		return;
	}
	if (!m.total || !m.free) {
		report(c, "%s: no MemTotal/MemFree", full(&c->sys, rel, path, sizeof(path)));
		return;
	}
	node->has_meminfo = true;
	node->mem_total_kb = m.total_kb;
	node->mem_free_kb = m.free_kb;
}

static bool node_has_size(const struct hugepage_node *node, uint64_t kb)
{
	for (size_t i = 0; i < node->nsizes; i++)
		if (node->sizes[i].page_kb == kb)
			return true;
	return false;
}

static void collect_node(struct hp_ctx *c, struct hugepage_node *node, const char *name,
			 const struct hugepage_global *g)
{
	uint64_t kbs[SNAP_MAX_PAGE_SIZES];
	char rel[REL_LEN], meminfo[MT_ERR_LEN], path[MT_ERR_LEN];
	bool no_dir = false, unlisted = false;
	int n;

	collect_node_meminfo(c, node, name);

	snprintf(rel, sizeof(rel), NODE_DIR "/%s/hugepages", name);
	n = hp_list_numbered(c->sys.fd, rel, SIZE_PREFIX, SIZE_SUFFIX, kbs, SNAP_MAX_PAGE_SIZES);
	if (n == -ENOENT) {
		no_dir = true;
		n = 0;
	} else if (n < 0) {
		report_read(c, &c->sys, rel, n);
		unlisted = true;
		n = 0;
	} else if (n > SNAP_MAX_PAGE_SIZES) {
		report(c, "%s: %d page sizes, only the %d smallest are shown",
		       full(&c->sys, rel, path, sizeof(path)), n, SNAP_MAX_PAGE_SIZES);
		n = SNAP_MAX_PAGE_SIZES;
	}
	for (int i = 0; i < n; i++) {
		struct hugepage_size_stats s = { .page_kb = kbs[i] };
		static const char *const files[] = { "nr_hugepages", "free_hugepages",
						     "surplus_hugepages" };
		uint64_t *vals[] = { &s.nr, &s.free, &s.surplus };
		char frel[REL_LEN];
		int rc = 0;

		for (size_t f = 0; f < 3 && !rc; f++) {
			snprintf(frel, sizeof(frel), "%s/" SIZE_PREFIX "%" PRIu64 "kB/%s", rel,
				 kbs[i], files[f]);
			rc = hp_read_u64(c->sys.fd, frel, vals[f]);
		}
		if (rc) {
			report_read(c, &c->sys, frel, rc);
			continue;
		}
		node->sizes[node->nsizes++] = s;
	}

	/* Without hugetlb in the kernel no node has a hugepages dir: not news. */
	if (no_dir && !c->global_dir)
		no_dir = false;
	full(&c->sys, rel, path, sizeof(path));
	snprintf(rel, sizeof(rel), NODE_DIR "/%s/meminfo", name);
	full(&c->sys, rel, meminfo, sizeof(meminfo));
	if (node->has_meminfo && node->mem_total_kb == 0) {
		node->memoryless = true;
		report(c, "%s: memoryless (MemTotal 0 kB in %s%s%s)", name, meminfo,
		       no_dir ? "; no " : "", no_dir ? path : "");
		return;
	}
	if (no_dir) {
		node->memoryless = true;
		report(c, "%s: memoryless (no %s)", name, path);
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
			       "%" PRIu64 "kB)", name, kb, path, kb);
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

static void node_dir_refused(const char *name, void *ctx)
{
	struct hp_ctx *c = ctx;
	char rel[REL_LEN], path[MT_ERR_LEN];

	snprintf(rel, sizeof(rel), NODE_DIR "/%.40s", name);
	report(c, "ignored %s: not a node directory name (node0 to node2147483647, "
	       "no leading zero)", full(&c->sys, rel, path, sizeof(path)));
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

static void collect_nodes(struct hp_ctx *c, bool real, struct hugepage_snapshot *out)
{
	struct hp_node_dir dirs[SNAP_MAX_NODES];
	char path[MT_ERR_LEN];
	int n = -1;

	if (real)
		n = list_nodes_libnuma(dirs, SNAP_MAX_NODES);
	if (n > 0) {
		out->numa_from_libnuma = true;
	} else if (c->sys.fd >= 0) {
		n = hp_list_nodes(c->sys.fd, NODE_DIR, dirs, SNAP_MAX_NODES, node_dir_refused, c);
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

		node->id = dirs[i].id;
		if (c->sys.fd >= 0)
			collect_node(c, node, dirs[i].name, &out->global);
	}
}

int hugepages_collect(const struct hugepages_source *src, struct hugepage_snapshot *out,
		      struct mt_errlist *errors)
{
	const char *sys = src && src->sysfs_root ? src->sysfs_root : "/sys";
	const char *proc = src && src->procfs_root ? src->procfs_root : "/proc";
	struct hp_ctx c = { .errors = errors };
	bool real = is_root(sys, "/sys") && is_root(proc, "/proc");

	memset(out, 0, sizeof(*out));
	root_open(&c, &c.sys, sys, "sysfs");
	root_open(&c, &c.proc, proc, "procfs");

	collect_global_sizes(&c, &out->global);
	collect_proc_meminfo(&c, &out->global);
	collect_nodes(&c, real, out);

	if (c.sys.fd >= 0)
		close(c.sys.fd);
	if (c.proc.fd >= 0)
		close(c.proc.fd);
	return c.nerr;
}
