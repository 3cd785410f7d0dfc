/* report_text: exact output for hand-made snapshots, one per situation a user meets. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "iobuf_summary.h"
#include "report_text.h"

static char *render(const struct snapshot *s, const struct iobuf_rates *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	report_text_write(f, s, r);
	fclose(f);
	return buf;
}

static void assert_ascii(const char *text)
{
	for (const char *p = text; *p; p++)
		ck_assert_msg((*p >= 0x20 && *p < 0x7f) || *p == '\n',
			      "byte 0x%02x at offset %td is not plain ASCII", (unsigned char)*p,
			      p - text);
}

/* SHOW=1 prints every rendering, to review a deliberate layout change. */
#define ck_render_eq(s, r, expected)                                      \
	do {                                                              \
		char *got_ = render(s, r);                                \
		assert_ascii(got_);                                       \
		if (getenv("SHOW") || strcmp(got_, expected) != 0)                        \
			fprintf(stderr, "--- got:\n%s--- end\n", got_);   \
		ck_assert_str_eq(got_, expected);                         \
		free(got_);                                               \
	} while (0)

/* Counters small then large: cache, main, retry, cache_size. */
static void set_module(struct iobuf_module_stats *m, const char *name, uint64_t sc,
		       uint64_t sm, uint64_t sr, uint64_t scs, uint64_t lc, uint64_t lm,
		       uint64_t lr, uint64_t lcs)
{
	snprintf(m->name, sizeof(m->name), "%s", name);
	m->small = (struct iobuf_pool_counters){ sc, sm, sr, scs, true };
	m->large = (struct iobuf_pool_counters){ lc, lm, lr, lcs, true };
}

static void set_size(struct hugepage_size_stats *z, uint64_t kb, uint64_t nr, uint64_t fr,
		     uint64_t surplus)
{
	*z = (struct hugepage_size_stats){ kb, nr, fr, surplus };
}

/* Two nodes, 2 MiB and 1 GiB pages, globals from sysfs and meminfo. */
static void fill_hugepages(struct hugepage_snapshot *h)
{
	h->numa_from_libnuma = false;
	h->nnodes = 2;
	h->nodes[0] = (struct hugepage_node){ .id = 0, .has_meminfo = true,
					      .mem_total_kb = 16303892, .mem_free_kb = 9123456,
					      .nsizes = 2 };
	set_size(&h->nodes[0].sizes[0], 2048, 512, 123, 0);
	set_size(&h->nodes[0].sizes[1], 1048576, 2, 2, 0);
	h->nodes[1] = (struct hugepage_node){ .id = 1, .has_meminfo = true,
					      .mem_total_kb = 0, .mem_free_kb = 0,
					      .memoryless = true, .nsizes = 1 };
	set_size(&h->nodes[1].sizes[0], 2048, 0, 0, 0);
	h->global.nsizes = 2;
	h->global.sizes[0] = (struct hugepage_global_size){ 2048, 512, 123, 7, 0 };
	h->global.sizes[1] = (struct hugepage_global_size){ 1048576, 2, 2, 0, 0 };
	h->global.has_meminfo = true;
	h->global.total = 512;
	h->global.free = 123;
	h->global.rsvd = 7;
	h->global.surp = 0;
	h->global.default_page_kb = 2048;
	h->global.hugetlb_kb = 3145728;
}

/* A running target with per-module stats, as SPDK v26.09 reports them. */
static void fill_running(struct snapshot *s)
{
	struct iobuf_snapshot *io = &s->iobuf;

	memset(s, 0, sizeof(*s));
	s->seq = 3;
	s->wall = 1767225600.75;   /* 2026-01-01T00:00:00Z */
	snprintf(s->target, sizeof(s->target), "unix:/var/tmp/spdk.sock");
	s->state = TARGET_RUNNING;
	snprintf(s->version, sizeof(s->version), "SPDK v26.09-pre git sha1 3230130e6a");
	io->form = IOBUF_FORM_PER_MODULE;
	io->nmodules = 2;
	set_module(&io->modules[0], "accel", 10, 2, 0, 128, 0, 0, 0, 16);
	set_module(&io->modules[1], "bdev", 148507, 4641, 0, 256, 90000, 3000, 1234, 0);
	io->opts = (struct iobuf_options){ true, 8192, 1024, 8192, 135168, false };
	io->small = (struct iobuf_pool_summary){
		.cache = 148517, .main = 4643, .retry = 0, .reserved = 384, .has_reserved = true,
		.count = 8192, .bufsize = 8192, .util_kind = UTIL_RESERVED, .used = 384,
		.capacity = 8192, .util = 384.0 / 8192,
	};
	io->large = (struct iobuf_pool_summary){
		.cache = 90000, .main = 3000, .retry = 1234, .reserved = 16, .has_reserved = true,
		.count = 1024, .bufsize = 135168, .util_kind = UTIL_RESERVED, .used = 16,
		.capacity = 1024, .util = 16.0 / 1024,
	};
	fill_hugepages(&s->hugepages);
}

#define HUGEPAGES_TEXT \
	"\n" \
	"hugepages per NUMA node (node list from sysfs)\n" \
	"node     page     total      free   surplus         MemTotal          MemFree\n" \
	"0       2 MiB       512       123         0      16303892 kB       9123456 kB\n" \
	"0       1 GiB         2         2         0\n" \
	"1       2 MiB         0         0         0             0 kB             0 kB  " \
	"memoryless\n" \
	"\n" \
	"hugepages global\n" \
	"page        total      free      resv   surplus\n" \
	"2 MiB         512       123         7         0\n" \
	"1 GiB           2         2         0         0\n" \
	"meminfo: HugePages_Total 512, HugePages_Free 123, HugePages_Rsvd 7, HugePages_Surp 0\n" \
	"meminfo: Hugepagesize 2048 kB, Hugetlb 3145728 kB\n"

START_TEST(running_per_module)
{
	static struct snapshot s;

	fill_running(&s);
	ck_render_eq(&s, NULL,
		"spdk-memtop snapshot #3 at 2026-01-01T00:00:00Z\n"
		"target unix:/var/tmp/spdk.sock  state running  version SPDK v26.09-pre git "
		"sha1 3230130e6a\n"
		"\n"
		"iobuf pools (stats form: per_module)\n"
		"pool      count  bufsize     memory  utilization\n"
		"small      8192     8192     64 MiB  reserved by thread caches (configured) 4.7% (384/8192)\n"
		"large      1024   135168    132 MiB  reserved by thread caches (configured) 1.6% (16/1024)\n"
		"\n"
		"iobuf counters per module (cumulative over live channels)\n"
		"module           pool         cache         main        retry   cache_size\n"
		"accel            small           10            2            0          128\n"
		"accel            large            0            0            0           16\n"
		"bdev             small       148507         4641            0          256\n"
		"bdev             large        90000         3000         1234            0\n"
		"total            small       148517         4643            0          384\n"
		"total            large        90000         3000         1234           16\n"
		"note: large pool ran dry: 1234 gets found it empty (counted over the channels alive now)\n"
		HUGEPAGES_TEXT
		"\n"
		"errors: none\n");
}
END_TEST


START_TEST(with_rates)
{
	static struct snapshot s;
	static struct iobuf_rates r;

	fill_running(&s);
	memset(&r, 0, sizeof(r));
	r.valid = true;
	r.dt = 1.0004;
	r.nmodules = 2;
	snprintf(r.modules[0].name, sizeof(r.modules[0].name), "accel");
	snprintf(r.modules[1].name, sizeof(r.modules[1].name), "bdev");
	r.modules[1].small = (struct iobuf_pool_rates){ 1000, 900, 100, 0, 90, false };
	r.modules[1].large = (struct iobuf_pool_rates){ 250.25, 200, 25.25, 25, 79.92, false };
	r.modules[0].large = (struct iobuf_pool_rates){ 0, 0, 0, 0, 0, true };
	r.small = r.modules[1].small;
	r.large = (struct iobuf_pool_rates){ 250.25, 200, 25.25, 25, 79.92, true };
	ck_render_eq(&s, &r,
		"spdk-memtop snapshot #3 at 2026-01-01T00:00:00Z\n"
		"target unix:/var/tmp/spdk.sock  state running  version SPDK v26.09-pre git "
		"sha1 3230130e6a\n"
		"\n"
		"iobuf pools (stats form: per_module)\n"
		"pool      count  bufsize     memory  utilization\n"
		"small      8192     8192     64 MiB  reserved by thread caches (configured) 4.7% (384/8192)\n"
		"large      1024   135168    132 MiB  reserved by thread caches (configured) 1.6% (16/1024)\n"
		"\n"
		"iobuf counters per module (cumulative over live channels)\n"
		"module           pool         cache         main        retry   cache_size\n"
		"accel            small           10            2            0          128\n"
		"accel            large            0            0            0           16\n"
		"bdev             small       148507         4641            0          256\n"
		"bdev             large        90000         3000         1234            0\n"
		"total            small       148517         4643            0          384\n"
		"total            large        90000         3000         1234           16\n"
		"note: large pool ran dry: 1234 gets found it empty (counted over the channels alive now)\n"
		"\n"
		"iobuf rates per second over 1.00 s\n"
		"module           pool        gets      cache       main      retry   hit%\n"
		"accel            small        0.0        0.0        0.0        0.0      -\n"
		"accel            large        0.0        0.0        0.0        0.0      -  "
		"(counter reset)\n"
		"bdev             small     1000.0      900.0      100.0        0.0   90.0\n"
		"bdev             large      250.2      200.0       25.2       25.0   79.9  "
		"pool ran dry\n"
		"total            small     1000.0      900.0      100.0        0.0   90.0\n"
		"total            large      250.2      200.0       25.2       25.0   79.9  "
		"pool ran dry  (counter reset)\n"
		HUGEPAGES_TEXT
		"\n"
		"errors: none\n");
}
END_TEST

START_TEST(rates_not_valid)
{
	static struct snapshot s;
	static struct iobuf_rates r;

	fill_running(&s);
	memset(&r, 0, sizeof(r));
	ck_render_eq(&s, &r,
		"spdk-memtop snapshot #3 at 2026-01-01T00:00:00Z\n"
		"target unix:/var/tmp/spdk.sock  state running  version SPDK v26.09-pre git "
		"sha1 3230130e6a\n"
		"\n"
		"iobuf pools (stats form: per_module)\n"
		"pool      count  bufsize     memory  utilization\n"
		"small      8192     8192     64 MiB  reserved by thread caches (configured) 4.7% (384/8192)\n"
		"large      1024   135168    132 MiB  reserved by thread caches (configured) 1.6% (16/1024)\n"
		"\n"
		"iobuf counters per module (cumulative over live channels)\n"
		"module           pool         cache         main        retry   cache_size\n"
		"accel            small           10            2            0          128\n"
		"accel            large            0            0            0           16\n"
		"bdev             small       148507         4641            0          256\n"
		"bdev             large        90000         3000         1234            0\n"
		"total            small       148517         4643            0          384\n"
		"total            large        90000         3000         1234           16\n"
		"note: large pool ran dry: 1234 gets found it empty (counted over the channels alive now)\n"
		"\n"
		"iobuf rates: not available for this interval\n"
		HUGEPAGES_TEXT
		"\n"
		"errors: none\n");
}
END_TEST

START_TEST(unreachable_keeps_hugepages)
{
	static struct snapshot s;

	memset(&s, 0, sizeof(s));
	s.seq = 1;
	s.wall = 1767225600;
	snprintf(s.target, sizeof(s.target), "unix:/var/tmp/spdk.sock");
	s.state = TARGET_UNREACHABLE;
	snprintf(s.unreachable_reason, sizeof(s.unreachable_reason),
		 "connect unix:/var/tmp/spdk.sock: No such file or directory");
	fill_hugepages(&s.hugepages);
	for (int i = 0; i < MT_ERRLIST_MAX; i++)
		mt_errlist_add(&s.errors, "error %d", i);
	mt_errlist_add(&s.errors, "one too many");
	mt_errlist_add(&s.errors, "two too many");
	ck_render_eq(&s, NULL,
		"spdk-memtop snapshot #1 at 2026-01-01T00:00:00Z\n"
		"target unix:/var/tmp/spdk.sock  target unreachable: connect "
		"unix:/var/tmp/spdk.sock: No such file or directory\n"
		"\n"
		"iobuf pools (stats form: none)\n"
		"pool      count  bufsize     memory  utilization\n"
		"small         -        -          -  unknown (no iobuf stats)\n"
		"large         -        -          -  unknown (no iobuf stats)\n"
		"\n"
		"iobuf counters: not collected (target unreachable)\n"
		HUGEPAGES_TEXT
		"\n"
		"errors (18)\n"
		"  error 0\n"
		"  error 1\n"
		"  error 2\n"
		"  error 3\n"
		"  error 4\n"
		"  error 5\n"
		"  error 6\n"
		"  error 7\n"
		"  error 8\n"
		"  error 9\n"
		"  error 10\n"
		"  error 11\n"
		"  error 12\n"
		"  error 13\n"
		"  error 14\n"
		"  error 15\n"
		"  ... 2 more not kept\n");
}
END_TEST

START_TEST(aggregate_form_exact)
{
	static struct snapshot s;
	struct iobuf_snapshot *io = &s.iobuf;

	memset(&s, 0, sizeof(s));
	s.seq = 12;
	s.wall = 1767225600;
	snprintf(s.target, sizeof(s.target), "10.0.0.1:5260");
	s.state = TARGET_RUNNING;
	snprintf(s.version, sizeof(s.version), "SPDK v24.01");
	io->form = IOBUF_FORM_AGGREGATE;
	io->agg_small = (struct iobuf_pool_aggregate){ 3, 1024, 7168, 512, true };
	io->agg_large = (struct iobuf_pool_aggregate){ 0, 8, 1016, 0, false };
	io->opts = (struct iobuf_options){ true, 8192, 1024, 8192, 135168, true };
	io->small = (struct iobuf_pool_summary){
		.retry = 3, .reserved = 512, .has_reserved = true, .count = 8192, .bufsize = 8192,
		.util_kind = UTIL_EXACT, .used = 1024, .capacity = 8192, .util = 0.125,
		.util_source = UTIL_FROM_AGGREGATE, .free = 7168,
	};
	io->large = (struct iobuf_pool_summary){
		.count = 1024, .bufsize = 135168, .util_kind = UTIL_EXACT, .used = 8,
		.capacity = 1024, .util = 8.0 / 1024, .util_source = UTIL_FROM_AGGREGATE, .free = 1016,
	};
	s.hugepages.nnodes = 1;
	s.hugepages.numa_from_libnuma = true;
	s.hugepages.nodes[0] = (struct hugepage_node){ .id = 0 };
	ck_render_eq(&s, NULL,
		"spdk-memtop snapshot #12 at 2026-01-01T00:00:00Z\n"
		"target 10.0.0.1:5260  state running  version SPDK v24.01\n"
		"\n"
		"iobuf pools (stats form: aggregate, enable_numa: pools per NUMA node)\n"
		"pool      count  bufsize     memory  utilization\n"
		"small      8192     8192     64 MiB  in use 12.5% "
		"(exact, aggregate form: 1024/8192, 7168 free)\n"
		"large      1024   135168    132 MiB  in use 0.8% "
		"(exact, aggregate form: 8/1024, 1016 free)\n"
		"\n"
		"iobuf counters (aggregate form)\n"
		"pool          alloc    available        cache        retry\n"
		"small          1024         7168          512            3\n"
		"large             8         1016            -            0\n"
		"note: small pool ran dry: 3 gets found it empty (counted over the channels alive now)\n"
		"\n"
		"hugepages per NUMA node (node list from libnuma)\n"
		"node     page     total      free   surplus         MemTotal          MemFree\n"
		"0           -         -         -         -                -                -\n"
		"\n"
		"hugepages global\n"
		"not read (see errors)\n"
		"\n"
		"errors: none\n");
}
END_TEST

/* The rings read: exact use with its source, each ring's free count; unavailable: why. */
START_TEST(rings_exact_and_unavailable)
{
	static struct snapshot s;
	struct iobuf_snapshot *io = &s.iobuf;
	char *got;

	fill_running(&s);
	io->rings.state = RINGS_EXACT;
	io->rings.pid = 23757;
	io->rings.n = 2;
	io->rings.rings[0] = (struct pool_ring_occupancy){ 0, false, 8192, 8168 };
	io->rings.rings[1] = (struct pool_ring_occupancy){ 0, true, 1024, 0 };
	iobuf_summarize(io);
	got = render(&s, NULL);
	ck_assert_msg(strstr(got, "large      1024   135168    132 MiB  in use 100.0% (exact, "
				  "from the target's rings: 1024/1024, 0 free)\n"), "%s", got);
	ck_assert_msg(strstr(got, "exact occupancy: read from the target's DPDK rings (pid 23757)\n"
				  "  node 0 small ring: 8168 of 8192 buffers free\n"
				  "  node 0 large ring: 0 of 1024 buffers free\n"), "%s", got);
	free(got);

	/* A ring per node: the sum says so, and the fullest node is named. */
	io->rings.n = 4;
	io->rings.rings[2] = (struct pool_ring_occupancy){ 1, false, 8192, 8168 };
	io->rings.rings[3] = (struct pool_ring_occupancy){ 1, true, 1024, 1021 };
	iobuf_summarize(io);
	got = render(&s, NULL);
	ck_assert_msg(strstr(got, "large      1024   135168    132 MiB  in use 50.1% (exact, from the "
				  "target's rings, sum of 2 nodes: 1027/2048, 1021 free; fullest node 0 "
				  "100.0%)\n"), "%s", got);
	free(got);

	memset(&io->rings, 0, sizeof(io->rings));
	io->rings.state = RINGS_UNAVAILABLE;
	snprintf(io->rings.why, sizeof(io->rings.why), "the target is reached over TCP");
	iobuf_summarize(io);
	got = render(&s, NULL);
	ck_assert_msg(strstr(got, "reserved by thread caches (configured) 1.6% (16/1024)"), "%s",
		      got);
	ck_assert_msg(strstr(got, "exact occupancy: not available: the target is reached over "
				  "TCP\n"), "%s", got);
	free(got);
}
END_TEST

START_TEST(startup_state)
{
	static struct snapshot s;
	struct iobuf_snapshot *io = &s.iobuf;

	memset(&s, 0, sizeof(s));
	s.seq = 1;
	s.wall = 1767225600;
	snprintf(s.target, sizeof(s.target), "unix:/tmp/t.sock");
	s.state = TARGET_STARTUP;
	snprintf(s.version, sizeof(s.version), "SPDK v26.09-pre git sha1 3230130e6a");
	io->opts = (struct iobuf_options){ true, 64, 8, 4096, 8192, false };
	io->small = (struct iobuf_pool_summary){ .count = 64, .bufsize = 4096 };
	io->large = (struct iobuf_pool_summary){ .count = 8, .bufsize = 8192 };
	ck_render_eq(&s, NULL,
		"spdk-memtop snapshot #1 at 2026-01-01T00:00:00Z\n"
		"target unix:/tmp/t.sock  state startup (before framework_start_init)  version "
		"SPDK v26.09-pre git sha1 3230130e6a\n"
		"\n"
		"iobuf pools (stats form: none)\n"
		"pool      count  bufsize     memory  utilization\n"
		"small        64     4096    256 KiB  unknown (no iobuf stats)\n"
		"large         8     8192     64 KiB  unknown (no iobuf stats)\n"
		"\n"
		"iobuf counters: none before framework_start_init\n"
		"\n"
		"hugepages per NUMA node (node list from sysfs)\n"
		"no NUMA nodes found\n"
		"\n"
		"hugepages global\n"
		"not read (see errors)\n"
		"\n"
		"errors: none\n");
}
END_TEST

/* Reserved above the pool (a saturated sum): the numbers, never a share over 100 %. */
START_TEST(reserved_beyond_the_pool)
{
	static struct snapshot s;
	struct iobuf_pool_summary *p = &s.iobuf.large;
	char *got;

	fill_running(&s);
	p->reserved = p->used = UINT64_MAX;
	p->saturated = true;
	p->util = (double)UINT64_MAX / 1024;
	got = render(&s, NULL);
	ck_assert_msg(strstr(got, "large      1024   135168    132 MiB  reserved by thread caches "
				  "(configured) at least 18446744073709551615, more than the pool's "
				  "1024\n"), "%s", got);
	ck_assert_ptr_null(strstr(got, "%)"));
	free(got);
}
END_TEST

START_TEST(old_target_without_cache_size)
{
	static struct snapshot s;
	struct iobuf_snapshot *io = &s.iobuf;

	fill_running(&s);
	s.state = TARGET_UNKNOWN;
	s.version[0] = '\0';
	io->nmodules = 1;
	io->modules[0].small.has_cache_size = false;
	io->modules[0].large.has_cache_size = false;
	io->opts.valid = false;
	io->small = (struct iobuf_pool_summary){ .cache = 10, .main = 2 };
	io->large = (struct iobuf_pool_summary){ .count = 1024, .bufsize = 135168 };
	s.hugepages = (struct hugepage_snapshot){ 0 };
	mt_errlist_add(&s.errors, "framework_get_config: -32601 Method not found");
	ck_render_eq(&s, NULL,
		"spdk-memtop snapshot #3 at 2026-01-01T00:00:00Z\n"
		"target unix:/var/tmp/spdk.sock  state unknown  version -\n"
		"\n"
		"iobuf pools (stats form: per_module)\n"
		"pool      count  bufsize     memory  utilization\n"
		"small         -        -          -  unknown (pool size unknown)\n"
		"large      1024   135168    132 MiB  unknown (target reports no cache_size)\n"
		"\n"
		"iobuf counters per module (cumulative over live channels)\n"
		"module           pool         cache         main        retry   cache_size\n"
		"accel            small           10            2            0            -\n"
		"accel            large            0            0            0            -\n"
		"total            small           10            2            0            -\n"
		"total            large            0            0            0            -\n"
		"\n"
		"hugepages per NUMA node (node list from sysfs)\n"
		"no NUMA nodes found\n"
		"\n"
		"hugepages global\n"
		"not read (see errors)\n"
		"\n"
		"errors (1)\n"
		"  framework_get_config: -32601 Method not found\n");
}
END_TEST

START_TEST(strings_from_the_target_stay_ascii)
{
	static struct snapshot s;

	fill_running(&s);
	snprintf(s.version, sizeof(s.version), "SPDK \xc3\xa9t\xc3\xa9\tv1\n");
	snprintf(s.iobuf.modules[1].name, sizeof(s.iobuf.modules[1].name), "nvmf_\x1b[31mTCP");
	mt_errlist_add(&s.errors, "bad \x7f byte");
	s.hugepages = (struct hugepage_snapshot){ 0 };
	ck_render_eq(&s, NULL,
		"spdk-memtop snapshot #3 at 2026-01-01T00:00:00Z\n"
		"target unix:/var/tmp/spdk.sock  state running  version SPDK ??t???v1?\n"
		"\n"
		"iobuf pools (stats form: per_module)\n"
		"pool      count  bufsize     memory  utilization\n"
		"small      8192     8192     64 MiB  reserved by thread caches (configured) 4.7% (384/8192)\n"
		"large      1024   135168    132 MiB  reserved by thread caches (configured) 1.6% (16/1024)\n"
		"\n"
		"iobuf counters per module (cumulative over live channels)\n"
		"module           pool         cache         main        retry   cache_size\n"
		"accel            small           10            2            0          128\n"
		"accel            large            0            0            0           16\n"
		"nvmf_?[31mTCP    small       148507         4641            0          256\n"
		"nvmf_?[31mTCP    large        90000         3000         1234            0\n"
		"total            small       148517         4643            0          384\n"
		"total            large        90000         3000         1234           16\n"
		"note: large pool ran dry: 1234 gets found it empty (counted over the channels alive now)\n"
		"\n"
		"hugepages per NUMA node (node list from sysfs)\n"
		"no NUMA nodes found\n"
		"\n"
		"hugepages global\n"
		"not read (see errors)\n"
		"\n"
		"errors (1)\n"
		"  bad ? byte\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("report_text");
	TCase *tc = tcase_create("render");

	tcase_add_test(tc, running_per_module);
	tcase_add_test(tc, with_rates);
	tcase_add_test(tc, rates_not_valid);
	tcase_add_test(tc, unreachable_keeps_hugepages);
	tcase_add_test(tc, aggregate_form_exact);
	tcase_add_test(tc, rings_exact_and_unavailable);
	tcase_add_test(tc, startup_state);
	tcase_add_test(tc, old_target_without_cache_size);
	tcase_add_test(tc, reserved_beyond_the_pool);
	tcase_add_test(tc, strings_from_the_target_stay_ascii);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
