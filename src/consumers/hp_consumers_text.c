/* A consumers scan as lines (contract: hp_consumers_text.h). */
#include "hp_consumers_text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fmt_num.h"
#include "pool_memory.h"

static void add(struct hpc_text *t, enum hpc_line_kind k, const char *fmt, ...) MT_PRINTF(3, 4);

static void add(struct hpc_text *t, enum hpc_line_kind k, const char *fmt, ...)
{
	va_list ap;

	if (t->n == HPC_TEXT_LINES) {
		t->dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(t->line[t->n], HPC_TEXT_LEN, fmt, ap);
	va_end(ap);
	t->kind[t->n++] = k;
}

static char *kib(char *buf, uint64_t pages, uint64_t page_kb)
{
	return fmt_kib(buf, FMT_NUM_LEN, pool_memory_mul(pages, page_kb));
}

static void summary(struct hpc_text *t, const struct hugepage_consumers *c)
{
	char when[16] = "";
	size_t holders = c->nprocs + (size_t)c->procs_dropped;

	if (c->done_wall > 0) {
		time_t w = (time_t)c->done_wall;
		struct tm tm;

		if (localtime_r(&w, &tm))
			strftime(when, sizeof(when), "%H:%M:%S", &tm);
	}
	add(t, HPC_LINE_NOTE, "Scanned %s in %.2f s: %llu processes, %zu hold hugepages%s.", when,
	    c->done_mono - c->started_mono, (unsigned long long)c->procs_seen, holders,
	    c->capped ? " (stopped at the bound on processes)" : "");
	if (c->target_pid <= 0)
		add(t, HPC_LINE_NOTE, "The SPDK target's process is not known (a TCP target, or "
		    "not found from its socket; --target-pid names it).");
	else if (!(c->nprocs && c->procs[0].target))
		add(t, HPC_LINE_NOTE, "The SPDK target (pid %d) holds no hugepages we could see.",
		    c->target_pid);
}

static void unreadable_note(struct hpc_text *t, const struct hugepage_consumers *c)
{
	char pids[64] = "";
	size_t used = 0;

	if (!c->procs_unreadable)
		return;
	for (size_t i = 0; i < c->procs_unreadable && i < HPC_MAX_UNREADABLE && i < 4; i++)
		used += (size_t)snprintf(pids + used, sizeof(pids) - used, "%s%d", i ? ", " : "",
					 c->unreadable_pids[i]);
	add(t, HPC_LINE_WARNING, "%llu process%s unreadable (pid %s%s): the sums are a lower "
	    "bound (another user's process needs root or CAP_SYS_PTRACE).",
	    (unsigned long long)c->procs_unreadable, c->procs_unreadable > 1 ? "es" : "", pids,
	    c->procs_unreadable > 4 ? ", ..." : "");
}

/* One holder: marker, pid, comm, role, then pages (may be blank) and memory. */
static void holder_line(struct hpc_text *t, const struct hpc_process *p, const char *pages,
			const char *mem)
{
	add(t, p->target ? HPC_LINE_TARGET : HPC_LINE_PROCESS, "  %s %-7d %-16s %-12s %14s "
	    "%9s", p->target ? "*" : " ", p->pid, p->comm[0] ? p->comm : "?",
	    p->target ? "SPDK target" : p->spdk ? "SPDK app" : "", pages, mem);
}

static void process_line(struct hpc_text *t, const struct hpc_process *p, uint64_t pages,
			 uint64_t page_kb)
{
	char mem[FMT_NUM_LEN], n[32];

	snprintf(n, sizeof(n), "%8llu pages", (unsigned long long)pages);
	holder_line(t, p, n, kib(mem, pages, page_kb));
}

static void unaccounted_line(struct hpc_text *t, const struct hugepage_consumers *c,
			     const struct hpc_node_row *r)
{
	char mem[FMT_NUM_LEN];
	uint64_t un = r->used > r->found ? r->used - r->found : 0;

	if (!r->has_used) {
		add(t, HPC_LINE_UNACCOUNTED, "    %-37s in use unknown (no sysfs figures)",
		    "unaccounted");
		return;
	}
	if (r->found > r->used) {
		add(t, HPC_LINE_UNACCOUNTED, "    %-37s %8s (found exceeds in use: a shared "
		    "page counts once per process)", "unaccounted", "none");
		return;
	}
	if (!un)
		return;
	add(t, HPC_LINE_UNACCOUNTED, "    %-37s %8llu pages %9s  %s", "unaccounted",
	    (unsigned long long)un, kib(mem, un, r->page_kb),
	    c->procs_unreadable ? "(in unreadable processes or hugetlbfs files)"
				: "(in hugetlbfs files no process maps)");
}

static void node_block(struct hpc_text *t, const struct hugepage_consumers *c,
		       const struct hpc_node_row *r)
{
	char size[FMT_NUM_LEN], used[32];

	fmt_kib(size, sizeof(size), r->page_kb);
	if (r->has_used)
		snprintf(used, sizeof(used), "%llu", (unsigned long long)r->used);
	else
		snprintf(used, sizeof(used), "unknown");
	if (r->has_used && !r->used && !r->found) {
		add(t, HPC_LINE_HEAD, "node %d, %s pages: none in use", r->node, size);
		return;
	}
	add(t, HPC_LINE_HEAD, "node %d, %s pages: %s in use (sysfs), %llu%s found in processes",
	    r->node, size, used, (unsigned long long)r->found,
	    c->procs_unreadable ? " or more" : "");
	for (size_t i = 0; i < c->nprocs; i++) {
		uint64_t pages = hpc_process_pages(&c->procs[i], r->node, r->page_kb);

		if (pages)
			process_line(t, &c->procs[i], pages, r->page_kb);
	}
	unaccounted_line(t, c, r);
}

/* Holders whose numa_maps could not be read: how much, not where. */
static void nodeless(struct hpc_text *t, const struct hugepage_consumers *c)
{
	bool any = false;

	for (size_t i = 0; i < c->nprocs; i++) {
		const struct hpc_process *p = &c->procs[i];
		char mem[FMT_NUM_LEN];

		if (p->has_nodes)
			continue;
		if (!any)
			add(t, HPC_LINE_HEAD, "node unknown (numa_maps unreadable):");
		any = true;
		holder_line(t, p, "", fmt_kib(mem, sizeof(mem), p->private_kb + p->shared_kb));
	}
}

static void leaks(struct hpc_text *t, const struct hugepage_consumers *c)
{
	char mem[FMT_NUM_LEN];

	if (!c->nleaks) {
		add(t, HPC_LINE_NOTE, "No leaked hugepage files in %zu hugetlbfs mounts.",
		    c->nmounts);
		return;
	}
	add(t, HPC_LINE_WARNING, "Leaked hugepage files: %zu, %s; their pages stay allocated "
	    "until they are removed:", c->nleaks + (size_t)c->leaks_dropped,
	    fmt_bytes(mem, sizeof(mem), c->leaked_bytes));
	for (size_t i = 0; i < c->nleaks; i++) {
		const struct hpc_leak *l = &c->leaks[i];
		char why[48];

		if (l->pid)
			snprintf(why, sizeof(why), "pid %d is not running", l->pid);
		else
			snprintf(why, sizeof(why), "no process maps it");
		add(t, HPC_LINE_WARNING, "  %-36s %9s  %s", l->path,
		    fmt_bytes(mem, sizeof(mem), l->bytes), why);
	}
	if (c->leaks_dropped)
		add(t, HPC_LINE_WARNING, "  and %llu more", (unsigned long long)c->leaks_dropped);
}

void hpc_text_build(const struct hugepage_consumers *c, const struct hugepage_snapshot *sysfs,
		    struct hpc_text *t)
{
	struct hpc_node_row rows[HPC_MAX_TOTALS];
	size_t n;

	t->n = 0;
	t->dropped = 0;
	if (c->state == HPC_NONE) {
		add(t, HPC_LINE_NOTE, "Not scanned yet.");
		return;
	}
	if (c->state == HPC_FAILED) {
		add(t, HPC_LINE_WARNING, "The scan failed: %s", c->why);
		return;
	}
	summary(t, c);
	unreadable_note(t, c);
	n = hpc_node_rows(c, sysfs, rows, HPC_MAX_TOTALS);
	for (size_t i = 0; i < n; i++)
		node_block(t, c, &rows[i]);
	nodeless(t, c);
	leaks(t, c);
	if (c->procs_dropped)
		add(t, HPC_LINE_NOTE, "%llu smaller holders not listed (in the found sums still).",
		    (unsigned long long)c->procs_dropped);
	for (size_t i = 0; i < c->errors.n && i < MT_ERRLIST_MAX; i++)
		add(t, HPC_LINE_WARNING, "%s", c->errors.msg[i]);
}

void hpc_text_write(FILE *out, const struct hugepage_consumers *c,
		    const struct hugepage_snapshot *sysfs)
{
	struct hpc_text *t = malloc(sizeof(*t));

	if (!t) {
		fputs("hugepage consumers: out of memory\n", out);
		return;
	}
	hpc_text_build(c, sysfs, t);
	for (size_t i = 0; i < t->n; i++)
		fprintf(out, "%s\n", t->line[i]);
	if (t->dropped)
		fprintf(out, "(%llu more lines)\n", (unsigned long long)t->dropped);
	free(t);
}
