/*
 * prom_text: one family at a time, HELP and TYPE first, then its samples
 * (contract: prom_text.h).  A family whose samples are all unknown is still
 * declared, so a scrape always lists the same names.
 */
#include "prom_text.h"

#include <inttypes.h>
#include <string.h>

#define LBL_LEN (SNAP_TARGET_LEN * 2 + 1)

void prom_escape_label(const char *in, char *buf, size_t len)
{
	size_t o = 0;

	if (!len)
		return;
	for (; *in; in++) {
		const char *rep = *in == '\\' ? "\\\\" : *in == '"' ? "\\\"" : *in == '\n' ? "\\n"
									      : NULL;
		size_t n = rep ? 2 : 1;

		if (o + n >= len)
			break;
		if (rep)
			memcpy(buf + o, rep, 2);
		else
			buf[o] = *in;
		o += n;
	}
	buf[o] = '\0';
}

struct prom {
	FILE *out;
	char target[LBL_LEN];   /* escaped once */
};

static void family(struct prom *p, const char *name, const char *type, const char *help)
{
	fprintf(p->out, "# HELP spdk_memtop_%s %s\n# TYPE spdk_memtop_%s %s\n", name, help, name,
		type);
}

static const char *const pool_name[2] = { "small", "large" };

/* A sample with target and an optional extra label string (already escaped). */
static void sample_u(struct prom *p, const char *name, const char *labels, uint64_t v)
{
	fprintf(p->out, "spdk_memtop_%s{target=\"%s\"%s} %" PRIu64 "\n", name, p->target,
		labels, v);
}

static void sample_d(struct prom *p, const char *name, const char *labels, double v)
{
	fprintf(p->out, "spdk_memtop_%s{target=\"%s\"%s} %.17g\n", name, p->target, labels, v);
}

static bool have_iobuf(const struct snapshot *s)
{
	return s->state != TARGET_UNREACHABLE && s->iobuf.form != IOBUF_FORM_NONE;
}

static void target_families(struct prom *p, const struct snapshot *s)
{
	static const enum target_state states[] = { TARGET_UNREACHABLE, TARGET_UNKNOWN,
						    TARGET_STARTUP, TARGET_RUNNING };
	char lbl[64];

	family(p, "up", "gauge", "1 when the target answered this collection, else 0.");
	sample_u(p, "up", "", s->state != TARGET_UNREACHABLE);
	family(p, "target_state", "gauge",
	       "1 for the state the target is in (running, startup, unknown, unreachable).");
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		snprintf(lbl, sizeof(lbl), ",state=\"%s\"", target_state_name(states[i]));
		sample_u(p, "target_state", lbl, s->state == states[i]);
	}
	family(p, "collection_errors", "gauge",
	       "Non-fatal errors met while taking this snapshot (see the dashboard's e).");
	sample_u(p, "collection_errors", "", s->errors.n + s->errors.dropped);
	family(p, "snapshot_timestamp_seconds", "gauge",
	       "Wall-clock time the snapshot was taken, seconds since the epoch.");
	sample_d(p, "snapshot_timestamp_seconds", "", s->wall);
}

/* The form of iobuf_get_stats' reply; "none" while running is the dashboard's no-iobuf alert. */
static void form_family(struct prom *p, const struct snapshot *s)
{
	static const enum iobuf_stats_form forms[] = { IOBUF_FORM_NONE, IOBUF_FORM_PER_MODULE,
						       IOBUF_FORM_AGGREGATE };
	char lbl[64];

	family(p, "iobuf_stats_form", "gauge",
	       "1 for the form of the iobuf_get_stats reply this snapshot holds (per_module, "
	       "aggregate, or none when there was none), 0 for the others.");
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		snprintf(lbl, sizeof(lbl), ",form=\"%s\"", iobuf_stats_form_name(forms[i]));
		sample_u(p, "iobuf_stats_form", lbl, s->iobuf.form == forms[i]);
	}
}

/* Per module and pool: one of cache, main, retry, cache_size. */
enum module_field { MF_CACHE, MF_MAIN, MF_RETRY, MF_CACHE_SIZE };

static void module_family(struct prom *p, const struct snapshot *s, const char *name,
			  const char *type, const char *help, enum module_field f)
{
	char mod[SNAP_NAME_LEN * 2 + 1], lbl[sizeof(mod) + 48];

	family(p, name, type, help);
	if (!have_iobuf(s) || s->iobuf.form != IOBUF_FORM_PER_MODULE)
		return;
	for (size_t i = 0; i < s->iobuf.nmodules; i++) {
		const struct iobuf_module_stats *m = &s->iobuf.modules[i];

		prom_escape_label(m->name, mod, sizeof(mod));
		for (int k = 0; k < 2; k++) {
			const struct iobuf_pool_counters *c = k ? &m->large : &m->small;
			uint64_t v = f == MF_CACHE ? c->cache : f == MF_MAIN ? c->main
				     : f == MF_RETRY ? c->retry : c->cache_size;

			if (f == MF_CACHE_SIZE && !c->has_cache_size)
				continue;
			snprintf(lbl, sizeof(lbl), ",module=\"%s\",pool=\"%s\"", mod, pool_name[k]);
			sample_u(p, name, lbl, v);
		}
	}
}

static void pool_families(struct prom *p, const struct snapshot *s)
{
	const struct iobuf_pool_summary *ps[2] = { &s->iobuf.small, &s->iobuf.large };
	bool io = have_iobuf(s), opts = io && s->iobuf.opts.valid;
	char lbl[64];

	family(p, "iobuf_pool_retries_total", "counter",
	       "Gets that found the central pool empty, summed over modules (retry, or "
	       "retry_count in the aggregate form). Falls when I/O channels close.");
	for (int k = 0; io && k < 2; k++) {
		snprintf(lbl, sizeof(lbl), ",pool=\"%s\"", pool_name[k]);
		sample_u(p, "iobuf_pool_retries_total", lbl, ps[k]->retry);
	}
	family(p, "iobuf_reserved_buffers", "gauge",
	       "Buffers reserved by the per-thread caches: the sum of cache_size (configured, "
	       "not live use), or cache_count in the aggregate form.");
	for (int k = 0; io && k < 2; k++) {
		if (!ps[k]->has_reserved)
			continue;
		snprintf(lbl, sizeof(lbl), ",pool=\"%s\"", pool_name[k]);
		sample_u(p, "iobuf_reserved_buffers", lbl, ps[k]->reserved);
	}
	family(p, "iobuf_pool_count_buffers", "gauge",
	       "Buffers in the pool as configured (iobuf_set_options small/large_pool_count; "
	       "per NUMA node with enable_numa).");
	for (int k = 0; opts && k < 2; k++) {
		snprintf(lbl, sizeof(lbl), ",pool=\"%s\"", pool_name[k]);
		sample_u(p, "iobuf_pool_count_buffers", lbl, ps[k]->count);
	}
	family(p, "iobuf_buffer_size_bytes", "gauge",
	       "Size of one buffer of the pool as configured (small/large_bufsize).");
	for (int k = 0; opts && k < 2; k++) {
		snprintf(lbl, sizeof(lbl), ",pool=\"%s\"", pool_name[k]);
		sample_u(p, "iobuf_buffer_size_bytes", lbl, ps[k]->bufsize);
	}
	family(p, "iobuf_utilization_ratio", "gauge",
	       "Share of the pool in use, 0 to 1; kind=\"exact\" is measured (the target's "
	       "rings or the aggregate form), kind=\"reserved\" is the configured cache share.");
	for (int k = 0; io && k < 2; k++) {
		if (ps[k]->util_kind == UTIL_UNKNOWN)
			continue;
		snprintf(lbl, sizeof(lbl), ",pool=\"%s\",kind=\"%s\"", pool_name[k],
			 util_kind_name(ps[k]->util_kind));
		sample_d(p, "iobuf_utilization_ratio", lbl, ps[k]->util);
	}
	family(p, "iobuf_ring_free_buffers", "gauge",
	       "Buffers in the central pool's DPDK ring now, per NUMA node (exact, read from "
	       "the target's memory).");
	for (size_t i = 0; io && s->iobuf.rings.state == RINGS_EXACT && i < s->iobuf.rings.n; i++) {
		const struct pool_ring_occupancy *r = &s->iobuf.rings.rings[i];

		snprintf(lbl, sizeof(lbl), ",pool=\"%s\",node=\"%d\"", pool_name[r->large], r->node);
		sample_u(p, "iobuf_ring_free_buffers", lbl, r->free);
	}
}

static void hugepage_families(struct prom *p, const struct snapshot *s)
{
	static const char *const names[3] = { "hugepages_total_pages", "hugepages_free_pages",
					      "hugepages_surplus_pages" };
	static const char *const helps[3] = {
		"Hugepages of this size on this NUMA node (nr_hugepages).",
		"Hugepages of this size free on this NUMA node (free_hugepages).",
		"Surplus hugepages of this size on this NUMA node (surplus_hugepages).",
	};
	const struct hugepage_snapshot *hp = &s->hugepages;
	char lbl[64];

	for (int f = 0; f < 3; f++) {
		family(p, names[f], "gauge", helps[f]);
		for (size_t i = 0; i < hp->nnodes; i++) {
			for (size_t k = 0; k < hp->nodes[i].nsizes; k++) {
				const struct hugepage_size_stats *z = &hp->nodes[i].sizes[k];

				snprintf(lbl, sizeof(lbl), ",node=\"%d\",page_size=\"%" PRIu64 "kB\"",
					 hp->nodes[i].id, z->page_kb);
				sample_u(p, names[f], lbl,
					 f == 0 ? z->nr : f == 1 ? z->free : z->surplus);
			}
		}
	}
}

/*
 * Per node, every page size together in bytes: what the dashboard's
 * hugepages-low and imbalance rules weigh (a 1 GiB page is not one 2 MiB
 * page), and whether the node has memory at all (imbalance leaves those out).
 */
static void node_families(struct prom *p, const struct snapshot *s)
{
	static const char *const names[3] = { "hugepages_node_total_bytes",
					      "hugepages_node_free_bytes", "numa_node_memoryless" };
	static const char *const helps[3] = {
		"Hugepage memory on this NUMA node, every page size together (nr_hugepages "
		"times the page size, summed), bytes.",
		"Free hugepage memory on this NUMA node, every page size together "
		"(free_hugepages times the page size, summed), bytes.",
		"1 when the NUMA node has no memory (MemTotal 0 or no hugepages directory), "
		"else 0.",
	};
	const struct hugepage_snapshot *hp = &s->hugepages;
	char lbl[32];

	for (int f = 0; f < 3; f++) {
		family(p, names[f], "gauge", helps[f]);
		for (size_t i = 0; i < hp->nnodes && i < SNAP_MAX_NODES; i++) {
			const struct hugepage_node *n = &hp->nodes[i];
			uint64_t total_kb, free_kb;

			hugepage_node_kb(n, &total_kb, &free_kb);
			snprintf(lbl, sizeof(lbl), ",node=\"%d\"", n->id);
			sample_u(p, names[f], lbl, f == 0 ? total_kb * 1024 : f == 1 ? free_kb * 1024
							 : n->memoryless);
		}
	}
}

void prom_text_write(FILE *out, const struct snapshot *s)
{
	struct prom p = { .out = out };

	prom_escape_label(s->target, p.target, sizeof(p.target));
	target_families(&p, s);
	module_family(&p, s, "iobuf_cache_gets_total", "counter",
		      "Gets served from the thread's own cache (cache). Falls when I/O channels "
		      "close.", MF_CACHE);
	module_family(&p, s, "iobuf_main_refills_total", "counter",
		      "Batch refills of a cache from the central pool, up to 32 buffers each "
		      "(main). Falls when I/O channels close.", MF_MAIN);
	module_family(&p, s, "iobuf_retries_total", "counter",
		      "Gets that found the central pool empty (retry): any increase means the pool "
		      "ran dry. Falls when I/O channels close.", MF_RETRY);
	module_family(&p, s, "iobuf_cache_size_buffers", "gauge",
		      "Configured per-channel cache size summed over the module's live channels "
		      "(cache_size, SPDK >= v26.05; not what the caches hold now).", MF_CACHE_SIZE);
	form_family(&p, s);
	pool_families(&p, s);
	hugepage_families(&p, s);
	node_families(&p, s);
}
