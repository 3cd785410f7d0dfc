/*
 * The text report.  Output is plain ASCII (strings from the target are
 * filtered) so it survives any terminal, pipe or log, and it is stable:
 * tests compare it byte for byte, so change the layout on purpose only.
 */
#include "report_text.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "fmt_num.h"
#include "pool_memory.h"
#include "pool_nodes.h"

/* Copies s into buf with anything outside printable ASCII replaced by '?'. */
static const char *ascii(const char *s, char *buf, size_t len)
{
	size_t i = 0;

	if (!len)
		return "";
	for (; s && s[i] && i + 1 < len; i++) {
		unsigned char c = (unsigned char)s[i];

		buf[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	buf[i] = '\0';
	return buf;
}

/* 2048 -> "2 MiB", 1048576 -> "1 GiB", 64 -> "64 kB". */
static const char *page_size(uint64_t kb, char *buf, size_t len)
{
	if (kb && kb % (1024 * 1024) == 0)
		snprintf(buf, len, "%" PRIu64 " GiB", kb / (1024 * 1024));
	else if (kb && kb % 1024 == 0)
		snprintf(buf, len, "%" PRIu64 " MiB", kb / 1024);
	else
		snprintf(buf, len, "%" PRIu64 " kB", kb);
	return buf;
}

static void write_header(FILE *out, const struct snapshot *s)
{
	char when[32] = "-";
	char target[SNAP_TARGET_LEN], text[MT_ERR_LEN];
	struct tm tm;
	time_t t = (time_t)s->wall;

	if (snapshot_wall_relative(s->wall))
		snprintf(when, sizeof(when), "t+%.1fs", s->wall);   /* a timeline replayed */
	else if (s->wall > 0 && gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(out, "spdk-memtop snapshot #%" PRIu64 " at %s\n", s->seq, when);
	fprintf(out, "target %s", ascii(s->target[0] ? s->target : "-", target, sizeof(target)));
	switch (s->state) {
	case TARGET_UNREACHABLE:
		fprintf(out, "  target unreachable: %s\n",
			ascii(s->unreachable_reason[0] ? s->unreachable_reason : "no reason given",
			      text, sizeof(text)));
		return;
	case TARGET_STARTUP:
		fputs("  state startup (before framework_start_init)", out);
		break;
	default:
		fprintf(out, "  state %s", target_state_name(s->state));
		break;
	}
	fprintf(out, "  version %s\n", s->version[0] ? ascii(s->version, text, sizeof(text)) : "-");
}

static void write_utilization(FILE *out, const struct iobuf_snapshot *io,
			      const struct iobuf_pool_summary *p)
{
	struct pool_nodes pn = { 0 };

	switch (p->util_kind) {
	case UTIL_EXACT:
		if (p->util_source == UTIL_FROM_RING)
			pool_nodes_of(&io->rings, p == &io->large, &pn);
		if (pool_nodes_split(&pn)) {
			/* A ring per node: the sum hides a dry node, so the fullest is named. */
			const struct pool_node_use *u = &pn.nodes[pn.fullest];

			fprintf(out, "in use %.1f%% (exact, from the target's rings, sum of %zu "
				"nodes: %" PRIu64 "/%" PRIu64 ", %" PRIu64 " free; fullest node %d "
				"%.1f%%)", p->util * 100, pn.n, p->used, p->capacity, p->free,
				u->node, u->util * 100);
			return;
		}
		fprintf(out, "in use %.1f%% (exact, %s: %" PRIu64 "/%" PRIu64 ", %" PRIu64
			" free)", p->util * 100,
			p->util_source == UTIL_FROM_RING ? "from the target's rings" : "aggregate form",
			p->used, p->capacity, p->free);
		return;
	case UTIL_RESERVED:
		/* A share over 100 % means nothing; say what the numbers are instead. */
		if (p->used > p->capacity)
			fprintf(out, "reserved by thread caches (configured) %s%" PRIu64
				", more than the pool's %" PRIu64, p->saturated ? "at least " : "",
				p->used, p->capacity);
		else
			fprintf(out, "reserved by thread caches (configured) %.1f%% (%" PRIu64
				"/%" PRIu64 ")", p->util * 100, p->used, p->capacity);
		return;
	case UTIL_UNKNOWN:
		break;
	}
	/* Say why, so nobody reads "unknown" as "zero". */
	if (io->form == IOBUF_FORM_NONE)
		fputs("unknown (no iobuf stats)", out);
	else if (!p->count)
		fputs("unknown (pool size unknown)", out);
	else if (!p->has_reserved)
		fputs("unknown (target reports no cache_size)", out);
	else
		fputs("unknown", out);
}

static void write_pool_row(FILE *out, const char *name, const struct iobuf_snapshot *io,
			   const struct iobuf_pool_summary *p)
{
	char mem[FMT_NUM_LEN];

	if (p->count && p->bufsize)
		fprintf(out, "%-6s %8" PRIu64 " %8" PRIu64 " %10s  ", name, p->count, p->bufsize,
			fmt_bytes(mem, sizeof(mem), pool_memory_mul(p->count, p->bufsize)));
	else
		fprintf(out, "%-6s %8s %8s %10s  ", name, "-", "-", "-");
	write_utilization(out, io, p);
	fputc('\n', out);
}

/* Whether the exact figure was read, and if not, what would make it possible. */
static void write_rings(FILE *out, const struct iobuf_rings *r)
{
	char why[MT_ERR_LEN];

	switch (r->state) {
	case RINGS_EXACT:
		fprintf(out, "exact occupancy: read from the target's DPDK rings (pid %d)\n", r->pid);
		for (size_t i = 0; i < r->n && i < SNAP_MAX_RINGS; i++)
			fprintf(out, "  node %d %-5s ring: %" PRIu64 " of %" PRIu64 " buffers free\n",
				r->rings[i].node, r->rings[i].large ? "large" : "small",
				r->rings[i].free, r->rings[i].capacity);
		break;
	case RINGS_UNAVAILABLE:
		fprintf(out, "exact occupancy: not available: %s\n", ascii(r->why, why, sizeof(why)));
		break;
	case RINGS_NONE:
		break;
	}
}

static void write_pools(FILE *out, const struct snapshot *s)
{
	const struct iobuf_snapshot *io = &s->iobuf;

	fprintf(out, "\niobuf pools (stats form: %s%s)\n", iobuf_stats_form_name(io->form),
		io->opts.valid && io->opts.enable_numa ? ", enable_numa: pools per NUMA node" : "");
	fprintf(out, "%-6s %8s %8s %10s  %s\n", "pool", "count", "bufsize", "memory",
		"utilization");
	write_pool_row(out, "small", io, &io->small);
	write_pool_row(out, "large", io, &io->large);
	write_rings(out, &io->rings);
}

static void write_counter_row(FILE *out, const char *module, const char *pool,
			      const struct iobuf_pool_counters *c)
{
	char cs[24] = "-";

	if (c->has_cache_size)
		snprintf(cs, sizeof(cs), "%" PRIu64, c->cache_size);
	fprintf(out, "%-16s %-5s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %12s\n", module,
		pool, c->cache, c->main, c->retry, cs);
}

static void write_total_row(FILE *out, const char *pool, const struct iobuf_pool_summary *p)
{
	char cs[24] = "-";

	if (p->has_reserved)
		snprintf(cs, sizeof(cs), "%" PRIu64, p->reserved);
	fprintf(out, "%-16s %-5s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %12s\n", "total",
		pool, p->cache, p->main, p->retry, cs);
}

/*
 * One --once snapshot has no rates, so a cumulative retry count is the only
 * sign that a pool ran dry: say it in words rather than leave a bare number.
 */
static void write_dry_notes(FILE *out, const struct iobuf_snapshot *io)
{
	const struct iobuf_pool_summary *pools[2] = { &io->small, &io->large };

	for (int i = 0; i < 2; i++)
		if (pools[i]->retry)
			fprintf(out, "note: %s pool ran dry: %" PRIu64 " gets found it empty "
				"(counted over the channels alive now)\n", i ? "large" : "small",
				pools[i]->retry);
}

static void write_counters(FILE *out, const struct snapshot *s)
{
	const struct iobuf_snapshot *io = &s->iobuf;
	char name[SNAP_NAME_LEN];

	switch (io->form) {
	case IOBUF_FORM_PER_MODULE:
		fputs("\niobuf counters per module (cumulative over live channels)\n", out);
		fprintf(out, "%-16s %-5s %12s %12s %12s %12s\n", "module", "pool", "cache", "main",
			"retry", "cache_size");
		for (size_t i = 0; i < io->nmodules && i < SNAP_MAX_MODULES; i++) {
			const struct iobuf_module_stats *m = &io->modules[i];

			ascii(m->name, name, sizeof(name));
			write_counter_row(out, name, "small", &m->small);
			write_counter_row(out, name, "large", &m->large);
		}
		write_total_row(out, "small", &io->small);
		write_total_row(out, "large", &io->large);
		write_dry_notes(out, io);
		return;
	case IOBUF_FORM_AGGREGATE:
		fputs("\niobuf counters (aggregate form)\n", out);
		fprintf(out, "%-6s %12s %12s %12s %12s\n", "pool", "alloc", "available", "cache",
			"retry");
		for (int i = 0; i < 2; i++) {
			const struct iobuf_pool_aggregate *a = i ? &io->agg_large : &io->agg_small;
			char cc[24] = "-";

			if (a->has_cache_count)
				snprintf(cc, sizeof(cc), "%" PRIu64, a->cache_count);
			fprintf(out, "%-6s %12" PRIu64 " %12" PRIu64 " %12s %12" PRIu64 "\n",
				i ? "large" : "small", a->alloc_count, a->available_count, cc,
				a->retry_count);
		}
		write_dry_notes(out, io);
		return;
	case IOBUF_FORM_NONE:
		break;
	}
	if (s->state == TARGET_STARTUP)
		fputs("\niobuf counters: none before framework_start_init\n", out);
	else if (s->state == TARGET_UNREACHABLE)
		fputs("\niobuf counters: not collected (target unreachable)\n", out);
	else
		fputs("\niobuf counters: not collected (see errors)\n", out);
}

static void write_rate_row(FILE *out, const char *module, const char *pool,
			   const struct iobuf_pool_rates *r)
{
	char hit[16];

	/* No gets, no hit rate: "-" as the dashboard shows it, never a misleading 0.0. */
	if (r->gets > 0)
		snprintf(hit, sizeof(hit), "%6.1f", r->hit_pct);
	else
		snprintf(hit, sizeof(hit), "%6s", "-");
	fprintf(out, "%-16s %-5s %10.1f %10.1f %10.1f %10.1f %s%s%s\n", module, pool, r->gets,
		r->cache, r->main, r->retry, hit, r->retry > 0 ? "  pool ran dry" : "",
		r->reset ? "  (counter reset)" : "");
}

static void write_rates(FILE *out, const struct iobuf_rates *r)
{
	char name[SNAP_NAME_LEN];

	if (!r)
		return;
	if (!r->valid) {
		fputs("\niobuf rates: not available for this interval\n", out);
		return;
	}
	fprintf(out, "\niobuf rates per second over %.2f s\n", r->dt);
	fprintf(out, "%-16s %-5s %10s %10s %10s %10s %6s\n", "module", "pool", "gets", "cache",
		"main", "retry", "hit%");
	for (size_t i = 0; i < r->nmodules && i < SNAP_MAX_MODULES; i++) {
		ascii(r->modules[i].name, name, sizeof(name));
		write_rate_row(out, name, "small", &r->modules[i].small);
		write_rate_row(out, name, "large", &r->modules[i].large);
	}
	write_rate_row(out, "total", "small", &r->small);
	write_rate_row(out, "total", "large", &r->large);
}

static void write_nodes(FILE *out, const struct hugepage_snapshot *h)
{
	char ps[24], total[32], free_kb[32];

	fprintf(out, "\nhugepages per NUMA node (node list from %s)\n",
		h->numa_from_libnuma ? "libnuma" : "sysfs");
	if (!h->nnodes) {
		fputs("no NUMA nodes found\n", out);
		return;
	}
	fprintf(out, "%-5s %7s %9s %9s %9s %16s %16s\n", "node", "page", "total", "free",
		"surplus", "MemTotal", "MemFree");
	for (size_t i = 0; i < h->nnodes && i < SNAP_MAX_NODES; i++) {
		const struct hugepage_node *n = &h->nodes[i];
		const char *note = n->memoryless ? "  memoryless" : "";

		if (n->has_meminfo) {
			snprintf(total, sizeof(total), "%" PRIu64 " kB", n->mem_total_kb);
			snprintf(free_kb, sizeof(free_kb), "%" PRIu64 " kB", n->mem_free_kb);
		} else {
			snprintf(total, sizeof(total), "-");
			snprintf(free_kb, sizeof(free_kb), "-");
		}
		if (!n->nsizes) {
			fprintf(out, "%-5d %7s %9s %9s %9s %16s %16s%s\n", n->id, "-", "-", "-",
				"-", total, free_kb, note);
			continue;
		}
		for (size_t k = 0; k < n->nsizes && k < SNAP_MAX_PAGE_SIZES; k++) {
			const struct hugepage_size_stats *z = &n->sizes[k];

			fprintf(out, "%-5d %7s %9" PRIu64 " %9" PRIu64 " %9" PRIu64, n->id,
				page_size(z->page_kb, ps, sizeof(ps)), z->nr, z->free, z->surplus);
			/* Node memory once per node, on its first row. */
			if (k == 0)
				fprintf(out, " %16s %16s%s", total, free_kb, note);
			fputc('\n', out);
		}
	}
}

static void write_global(FILE *out, const struct hugepage_global *g)
{
	char ps[24];

	fputs("\nhugepages global\n", out);
	if (!g->nsizes && !g->has_meminfo) {
		fputs("not read (see errors)\n", out);
		return;
	}
	if (g->nsizes) {
		fprintf(out, "%-7s %9s %9s %9s %9s\n", "page", "total", "free", "resv", "surplus");
		for (size_t k = 0; k < g->nsizes && k < SNAP_MAX_PAGE_SIZES; k++) {
			const struct hugepage_global_size *z = &g->sizes[k];

			fprintf(out, "%-7s %9" PRIu64 " %9" PRIu64 " %9" PRIu64 " %9" PRIu64 "\n",
				page_size(z->page_kb, ps, sizeof(ps)), z->nr, z->free, z->resv,
				z->surplus);
		}
	}
	if (g->has_meminfo) {
		fprintf(out, "meminfo: HugePages_Total %" PRIu64 ", HugePages_Free %" PRIu64
			", HugePages_Rsvd %" PRIu64 ", HugePages_Surp %" PRIu64 "\n",
			g->total, g->free, g->rsvd, g->surp);
		fprintf(out, "meminfo: Hugepagesize %" PRIu64 " kB, Hugetlb %" PRIu64 " kB\n",
			g->default_page_kb, g->hugetlb_kb);
	}
}

static void write_errors(FILE *out, const struct mt_errlist *e)
{
	char text[MT_ERR_LEN];

	if (!e->n && !e->dropped) {
		fputs("\nerrors: none\n", out);
		return;
	}
	fprintf(out, "\nerrors (%zu)\n", e->n + e->dropped);
	for (size_t i = 0; i < e->n && i < MT_ERRLIST_MAX; i++)
		fprintf(out, "  %s\n", ascii(e->msg[i], text, sizeof(text)));
	if (e->dropped)
		fprintf(out, "  ... %zu more not kept\n", e->dropped);
}

void report_text_write(FILE *out, const struct snapshot *s, const struct iobuf_rates *rates)
{
	write_header(out, s);
	write_pools(out, s);
	write_counters(out, s);
	write_rates(out, rates);
	write_nodes(out, &s->hugepages);
	write_global(out, &s->hugepages.global);
	write_errors(out, &s->errors);
}
