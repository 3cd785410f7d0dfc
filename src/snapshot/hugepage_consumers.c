/*
 * hugepage_consumers: sums, order and JSON of a consumers scan
 * (contract: hugepage_consumers.h; JSON reference: docs/snapshot.md).
 */
#include "hugepage_consumers.h"

#include <stdlib.h>
#include <string.h>

#include "json_build.h"
#include "snapshot_json.h"

bool hpc_cells_add(struct hpc_cell *cells, size_t *n, size_t max, int node, uint64_t page_kb,
		   uint64_t pages)
{
	for (size_t i = 0; i < *n; i++) {
		if (cells[i].node == node && cells[i].page_kb == page_kb) {
			cells[i].pages = cells[i].pages > UINT64_MAX - pages ? UINT64_MAX
									    : cells[i].pages + pages;
			return true;
		}
	}
	if (*n >= max)
		return false;
	cells[(*n)++] = (struct hpc_cell){ node, page_kb, pages };
	return true;
}

static uint64_t cells_pages(const struct hpc_cell *cells, size_t n, int node, uint64_t page_kb)
{
	for (size_t i = 0; i < n; i++)
		if (cells[i].node == node && cells[i].page_kb == page_kb)
			return cells[i].pages;
	return 0;
}

uint64_t hpc_found_pages(const struct hugepage_consumers *c, int node, uint64_t page_kb)
{
	return cells_pages(c->totals, c->ntotals, node, page_kb);
}

uint64_t hpc_process_pages(const struct hpc_process *p, int node, uint64_t page_kb)
{
	return cells_pages(p->cells, p->ncells, node, page_kb);
}

static uint64_t held_kb(const struct hpc_process *p)
{
	return p->private_kb + p->shared_kb;
}

static int by_target_then_size(const void *a, const void *b)
{
	const struct hpc_process *x = a, *y = b;

	if (x->target != y->target)
		return x->target ? -1 : 1;
	if (held_kb(x) != held_kb(y))
		return held_kb(x) > held_kb(y) ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

void hpc_sort_processes(struct hugepage_consumers *c)
{
	qsort(c->procs, c->nprocs, sizeof(c->procs[0]), by_target_then_size);
}

static void row_insert(struct hpc_node_row *rows, size_t *n, size_t max,
		       const struct hpc_node_row *r)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (rows[i].node == r->node && rows[i].page_kb == r->page_kb)
			return;
	if (*n >= max)
		return;
	for (i = *n; i > 0 && (rows[i - 1].node > r->node ||
			       (rows[i - 1].node == r->node && rows[i - 1].page_kb > r->page_kb));
	     i--)
		rows[i] = rows[i - 1];
	rows[i] = *r;
	(*n)++;
}

size_t hpc_node_rows(const struct hugepage_consumers *c, const struct hugepage_snapshot *sysfs,
		     struct hpc_node_row *rows, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; sysfs && i < sysfs->nnodes && i < SNAP_MAX_NODES; i++) {
		const struct hugepage_node *nd = &sysfs->nodes[i];

		for (size_t k = 0; k < nd->nsizes && k < SNAP_MAX_PAGE_SIZES; k++) {
			const struct hugepage_size_stats *z = &nd->sizes[k];
			struct hpc_node_row r = {
				.node = nd->id,
				.page_kb = z->page_kb,
				.has_used = true,
				.used = z->nr > z->free ? z->nr - z->free : 0,
				.found = hpc_found_pages(c, nd->id, z->page_kb),
			};

			row_insert(rows, &n, max, &r);
		}
	}
	for (size_t i = 0; i < c->ntotals; i++) {
		struct hpc_node_row r = {
			.node = c->totals[i].node,
			.page_kb = c->totals[i].page_kb,
			.found = c->totals[i].pages,
		};

		row_insert(rows, &n, max, &r);
	}
	return n;
}

/* ---- JSON ------------------------------------------------------------- */

/* Our strings come from the kernel (comm, paths) and may be any bytes: keep them printable. */
static json_t *j_text(const char *s)
{
	char buf[HPC_PATH_LEN];
	size_t i;

	for (i = 0; s[i] && i < sizeof(buf) - 1; i++)
		buf[i] = (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f ? s[i] : '?';
	buf[i] = '\0';
	return json_string(buf);
}

static json_t *j_cells(struct jb *w, const struct hpc_cell *cells, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		jb_put(w, o, "node", json_integer(cells[i].node));
		jb_put(w, o, "page_kb", snapshot_json_u64(cells[i].page_kb));
		jb_put(w, o, "pages", snapshot_json_u64(cells[i].pages));
		jb_push(w, a, o);
	}
	return a;
}

static json_t *j_process(struct jb *w, const struct hpc_process *p)
{
	json_t *o = json_object();

	jb_put(w, o, "pid", json_integer(p->pid));
	jb_put(w, o, "comm", p->comm[0] ? j_text(p->comm) : json_null());
	jb_put(w, o, "target", json_boolean(p->target));
	jb_put(w, o, "spdk", json_boolean(p->spdk));
	jb_put(w, o, "private_hugetlb_kb", p->has_rollup ? snapshot_json_u64(p->private_kb)
						     : json_null());
	jb_put(w, o, "shared_hugetlb_kb", p->has_rollup ? snapshot_json_u64(p->shared_kb)
						    : json_null());
	jb_put(w, o, "nodes", p->has_nodes ? j_cells(w, p->cells, p->ncells) : json_null());
	jb_put(w, o, "nodes_dropped", snapshot_json_u64(p->cells_dropped));
	return o;
}

static json_t *j_nodes(struct jb *w, const struct hugepage_consumers *c,
		       const struct hugepage_snapshot *sysfs)
{
	struct hpc_node_row *rows = calloc(HPC_MAX_TOTALS, sizeof(*rows));
	json_t *a = json_array();
	size_t n;

	if (!rows) {
		w->ok = false;
		return a;
	}
	n = hpc_node_rows(c, sysfs, rows, HPC_MAX_TOTALS);
	for (size_t i = 0; i < n; i++) {
		const struct hpc_node_row *r = &rows[i];
		json_t *o = json_object();

		jb_put(w, o, "node", json_integer(r->node));
		jb_put(w, o, "page_kb", snapshot_json_u64(r->page_kb));
		jb_put(w, o, "used", r->has_used ? snapshot_json_u64(r->used) : json_null());
		jb_put(w, o, "found", snapshot_json_u64(r->found));
		jb_put(w, o, "unaccounted", r->has_used ? snapshot_json_u64(r->used > r->found ?
									 r->used - r->found : 0)
						     : json_null());
		jb_push(w, a, o);
	}
	free(rows);
	return a;
}

static json_t *j_leaks(struct jb *w, const struct hugepage_consumers *c)
{
	json_t *a = json_array();

	for (size_t i = 0; i < c->nleaks; i++) {
		const struct hpc_leak *l = &c->leaks[i];
		json_t *o = json_object();

		jb_put(w, o, "path", j_text(l->path));
		jb_put(w, o, "pid", l->pid ? json_integer(l->pid) : json_null());
		jb_put(w, o, "bytes", snapshot_json_u64(l->bytes));
		jb_put(w, o, "page_kb", l->page_kb ? snapshot_json_u64(l->page_kb) : json_null());
		jb_push(w, a, o);
	}
	return a;
}

static const char *state_name(enum hpc_state s)
{
	return s == HPC_DONE ? "done" : s == HPC_FAILED ? "failed" : "none";
}

json_t *hugepage_consumers_to_json(const struct hugepage_consumers *c,
				   const struct hugepage_snapshot *sysfs)
{
	struct jb w = { .ok = true };
	json_t *o = json_object(), *procs = json_array(), *unread = json_array(),
	       *mounts = json_array(), *errs = json_array();

	jb_put(&w, o, "state", json_string(state_name(c->state)));
	jb_put(&w, o, "why", c->state == HPC_FAILED ? j_text(c->why) : json_null());
	jb_put(&w, o, "seconds", c->state == HPC_DONE ? json_real(c->done_mono - c->started_mono)
						   : json_null());
	jb_put(&w, o, "target_pid", c->target_pid > 0 ? json_integer(c->target_pid) : json_null());
	jb_put(&w, o, "processes_seen", snapshot_json_u64(c->procs_seen));
	jb_put(&w, o, "processes_unreadable", snapshot_json_u64(c->procs_unreadable));
	for (size_t i = 0; i < c->procs_unreadable && i < HPC_MAX_UNREADABLE; i++)
		jb_push(&w, unread, json_integer(c->unreadable_pids[i]));
	jb_put(&w, o, "unreadable_pids", unread);
	jb_put(&w, o, "processes_gone", snapshot_json_u64(c->procs_gone));
	jb_put(&w, o, "capped", json_boolean(c->capped));
	for (size_t i = 0; i < c->nprocs; i++)
		jb_push(&w, procs, j_process(&w, &c->procs[i]));
	jb_put(&w, o, "processes", procs);
	jb_put(&w, o, "processes_dropped", snapshot_json_u64(c->procs_dropped));
	jb_put(&w, o, "nodes", j_nodes(&w, c, sysfs));
	for (size_t i = 0; i < c->nmounts; i++) {
		json_t *m = json_object();

		jb_put(&w, m, "path", j_text(c->mounts[i].path));
		jb_put(&w, m, "page_kb", c->mounts[i].page_kb ?
					 snapshot_json_u64(c->mounts[i].page_kb) : json_null());
		jb_push(&w, mounts, m);
	}
	jb_put(&w, o, "hugetlbfs_mounts", mounts);
	jb_put(&w, o, "leaked_files", j_leaks(&w, c));
	jb_put(&w, o, "leaked_files_dropped", snapshot_json_u64(c->leaks_dropped));
	jb_put(&w, o, "leaked_bytes", snapshot_json_u64(c->leaked_bytes));
	for (size_t i = 0; i < c->errors.n && i < MT_ERRLIST_MAX; i++)
		jb_push(&w, errs, j_text(c->errors.msg[i]));
	jb_put(&w, o, "errors", errs);
	if (!w.ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}
