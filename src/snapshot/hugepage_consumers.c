/*
 * hugepage_consumers: sums, order and JSON of a consumers scan
 * (contract: hugepage_consumers.h; JSON reference: docs/snapshot.md).
 */
#include "hugepage_consumers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_emit.h"

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
static void e_text(struct jemit *e, const char *key, const char *s)
{
	char buf[HPC_PATH_LEN];
	size_t i;

	for (i = 0; s[i] && i < sizeof(buf) - 1; i++)
		buf[i] = (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f ? s[i] : '?';
	buf[i] = '\0';
	je_string(e, key, buf);
}

static void e_process(struct jemit *e, const struct hpc_process *p)
{
	je_object(e, NULL);
	je_int(e, "pid", p->pid);
	if (p->comm[0])
		e_text(e, "comm", p->comm);
	else
		je_null(e, "comm");
	je_bool(e, "target", p->target);
	je_bool(e, "spdk", p->spdk);
	je_opt_u64(e, "private_hugetlb_kb", p->has_rollup, p->private_kb);
	je_opt_u64(e, "shared_hugetlb_kb", p->has_rollup, p->shared_kb);
	if (p->has_nodes) {
		je_array(e, "nodes");
		for (size_t i = 0; i < p->ncells; i++) {
			je_object(e, NULL);
			je_int(e, "node", p->cells[i].node);
			je_u64(e, "page_kb", p->cells[i].page_kb);
			je_u64(e, "pages", p->cells[i].pages);
			je_end(e);
		}
		je_end(e);
	} else {
		je_null(e, "nodes");
	}
	je_u64(e, "nodes_dropped", p->cells_dropped);
	je_end(e);
}

static void e_nodes(struct jemit *e, const struct hugepage_consumers *c,
		    const struct hugepage_snapshot *sysfs)
{
	struct hpc_node_row *rows = calloc(HPC_MAX_TOTALS, sizeof(*rows));
	size_t n;

	je_array(e, "nodes");
	if (!rows) {
		e->ok = false;
		je_end(e);
		return;
	}
	n = hpc_node_rows(c, sysfs, rows, HPC_MAX_TOTALS);
	for (size_t i = 0; i < n; i++) {
		const struct hpc_node_row *r = &rows[i];

		je_object(e, NULL);
		je_int(e, "node", r->node);
		je_u64(e, "page_kb", r->page_kb);
		je_opt_u64(e, "used", r->has_used, r->used);
		je_u64(e, "found", r->found);
		je_opt_u64(e, "unaccounted", r->has_used, r->used > r->found ? r->used - r->found : 0);
		je_end(e);
	}
	free(rows);
	je_end(e);
}

static void e_leaks(struct jemit *e, const struct hugepage_consumers *c)
{
	je_array(e, "leaked_files");
	for (size_t i = 0; i < c->nleaks; i++) {
		const struct hpc_leak *l = &c->leaks[i];

		je_object(e, NULL);
		e_text(e, "path", l->path);
		je_opt_int(e, "pid", l->pid > 0, l->pid);
		je_u64(e, "bytes", l->bytes);
		je_opt_u64(e, "page_kb", l->page_kb != 0, l->page_kb);
		je_end(e);
	}
	je_end(e);
}

static const char *state_name(enum hpc_state s)
{
	return s == HPC_DONE ? "done" : s == HPC_FAILED ? "failed" : "none";
}

json_t *hugepage_consumers_to_json(const struct hugepage_consumers *c,
				   const struct hugepage_snapshot *sysfs)
{
	struct jemit e;

	je_init_tree(&e);
	je_object(&e, NULL);
	je_string(&e, "state", state_name(c->state));
	if (c->state == HPC_FAILED)
		e_text(&e, "why", c->why);
	else
		je_null(&e, "why");
	/* real, or null when not done (je_real writes null for NaN) */
	je_real(&e, "seconds", c->state == HPC_DONE ? c->done_mono - c->started_mono : NAN);
	je_opt_int(&e, "target_pid", c->target_pid > 0, c->target_pid);
	je_u64(&e, "processes_seen", c->procs_seen);
	je_u64(&e, "processes_unreadable", c->procs_unreadable);
	je_array(&e, "unreadable_pids");
	for (size_t i = 0; i < c->procs_unreadable && i < HPC_MAX_UNREADABLE; i++)
		je_int(&e, NULL, c->unreadable_pids[i]);
	je_end(&e);
	je_u64(&e, "processes_gone", c->procs_gone);
	je_bool(&e, "capped", c->capped);
	je_array(&e, "processes");
	for (size_t i = 0; i < c->nprocs; i++)
		e_process(&e, &c->procs[i]);
	je_end(&e);
	je_u64(&e, "processes_dropped", c->procs_dropped);
	e_nodes(&e, c, sysfs);
	je_array(&e, "hugetlbfs_mounts");
	for (size_t i = 0; i < c->nmounts; i++) {
		je_object(&e, NULL);
		e_text(&e, "path", c->mounts[i].path);
		je_opt_u64(&e, "page_kb", c->mounts[i].page_kb != 0, c->mounts[i].page_kb);
		je_end(&e);
	}
	je_end(&e);
	e_leaks(&e, c);
	je_u64(&e, "leaked_files_dropped", c->leaks_dropped);
	je_u64(&e, "leaked_bytes", c->leaked_bytes);
	je_array(&e, "errors");
	for (size_t i = 0; i < c->errors.n && i < MT_ERRLIST_MAX; i++)
		e_text(&e, NULL, c->errors.msg[i]);
	je_end(&e);
	je_end(&e);
	return je_take_tree(&e);
}
