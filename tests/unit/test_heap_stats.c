/*
 * heap_stats: SPDK's heap per node from the recorded dump, the slow timer
 * (due at once, then every interval; 0 = only on request), a dump that
 * cannot be read said once per reason, a TCP target, a new connection
 * dropping the old figures, and through the collector against the real
 * simulator: one dump for several rounds, and key m's request asking again.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "collector.h"
#include "dpdk_mem_dump.h"
#include "heap_stats.h"
#include "mt_clock.h"
#include "rpc_client.h"
#include "sim_harness.h"

#define IDLE MEMTOP_FIXTURES "/rings/idle.spdk_mem_dump.txt"
#define SYSFS_1NODE MEMTOP_FIXTURES "/sysfs/1node"
#define PROCFS_1NODE MEMTOP_FIXTURES "/procfs/1node"

static struct rpc_addr unix_addr(void)
{
	struct rpc_addr a;

	ck_assert_int_eq(rpc_addr_parse("/tmp/no-such-memtop.sock", -1, &a, NULL), 0);
	return a;
}

/* One round's outcome as the collector hands it over. */
static void round_with(struct heap_stats *hs, const struct rpc_addr *addr, uint64_t conn,
		       double now, const char *filename, struct spdk_heaps *out,
		       struct mt_errlist *errors)
{
	json_t *res = filename ? json_pack("{s:s}", "filename", filename) : NULL;
	struct pool_occupancy_round r = {
		.addr = addr,
		.connection = conn,
		.dump_asked = true,
		.dump_result = res,
		.dump_failure = filename ? NULL : "no reply within 1.0 s",
		.state = TARGET_RUNNING,
		.now = now,
	};

	heap_stats_round(hs, &r, out, errors);
	json_decref(res);
}

START_TEST(test_recorded_dump)
{
	static const char *const order[] = {
		"PDU_immediate_data_Pool", "PDU_data_out_Pool", "bdev_io_23677", "msgpool_23677",
		"PDU_Pool", "SCSI_TASK_Pool", "evtpool_23677", "Session_Pool",
	};
	struct heap_stats_config cfg = { .interval = 30 };
	struct heap_stats *hs = heap_stats_new(&cfg);
	struct rpc_addr a = unix_addr();
	struct mt_errlist errors = { 0 };
	struct spdk_heaps h;

	round_with(hs, &a, 1, 100, IDLE, &h, &errors);
	ck_assert_int_eq(h.state, HEAPS_READ);
	ck_assert_uint_eq(errors.n, 0);
	/* socket_0 only: the 31 empty heaps are not nodes. */
	ck_assert_uint_eq(h.n, 1);
	ck_assert_int_eq(h.heaps[0].node, 0);
	ck_assert_uint_eq(h.heaps[0].size, 819986432ull);
	ck_assert_uint_eq(h.heaps[0].free, 11893760);
	ck_assert_uint_eq(h.heaps[0].alloc, 808092672ull);
	ck_assert_uint_eq(h.heaps[0].greatest_free, 1048448);
	ck_assert_uint_eq(h.heaps[0].alloc_count, 180);
	ck_assert_uint_eq(h.heaps[0].free_count, 15);
	ck_assert(h.read_mono == 100);
	ck_assert(h.read_wall > 0);
	/* its eight mempools, largest first, with what is free where the dump shows it */
	ck_assert(h.has_mempools);
	ck_assert_uint_eq(h.nmempools, 8);
	ck_assert_uint_eq(h.mempools_dropped, 0);
	for (size_t i = 0; i < 8; i++)
		ck_assert_str_eq(h.mempools[i].name, order[i]);
	/* 16384 x total_obj_size 13504 (header 64 + element 13336 + trailer 104) */
	ck_assert_uint_eq(spdk_mempool_bytes(&h.mempools[0]), 16384ull * 13504);
	ck_assert_uint_eq(h.mempools[0].elt_size, 13336);
	ck_assert_int_eq(h.mempools[0].node, -1);
	/* msgpool has no caches (cache_size=0): the ring holds every free one */
	ck_assert(h.mempools[3].has_available);
	ck_assert_uint_eq(h.mempools[3].available, 259071);
	/* SCSI_TASK_Pool: caches on 128 lcores, their total after the list */
	ck_assert(h.mempools[5].has_available);
	ck_assert_uint_eq(h.mempools[5].available, 32768);
	/* evtpool: 15870 in the ring and 513 in the lcore caches */
	ck_assert(h.mempools[6].has_available);
	ck_assert_uint_eq(h.mempools[6].available, 15870 + 513);
	heap_stats_free(hs);
}
END_TEST

/* Heaps of two sockets and an external heap, out of order: by node, external left out. */
START_TEST(test_nodes_sorted_external_dropped)
{
	static struct dpdk_mem_dump d;
	struct spdk_heaps h;

	memset(&d, 0, sizeof(d));
	d.nheaps = 3;
	d.heaps[0] = (struct dpdk_heap_stats){ .socket_id = 1, .heap_size = 2 << 20 };
	d.heaps[1] = (struct dpdk_heap_stats){ .socket_id = -1, .heap_size = 7 };
	d.heaps[2] = (struct dpdk_heap_stats){ .socket_id = 0, .heap_size = 4 << 20 };
	heap_stats_from_dump(&d, &h);
	ck_assert_uint_eq(h.n, 2);
	ck_assert_int_eq(h.heaps[0].node, 0);
	ck_assert_uint_eq(h.heaps[0].size, 4 << 20);
	ck_assert_int_eq(h.heaps[1].node, 1);
}
END_TEST


/*
 * A pool with caches whose total the dump lacks has no figure for what is
 * free; past SNAP_MAX_MEMPOOLS the smallest are counted, not kept.
 */
START_TEST(test_mempools_unknown_and_bounded)
{
	static struct dpdk_mem_dump d;
	struct spdk_heaps h;

	memset(&d, 0, sizeof(d));
	d.sections = DPDK_DUMP_SEC_MEMPOOLS;
	d.nmempools = SNAP_MAX_MEMPOOLS + 6;
	for (size_t i = 0; i < d.nmempools; i++) {
		struct dpdk_mempool *m = &d.mempools[i];

		snprintf(m->name, sizeof(m->name), "pool_%zu", i);
		m->has_size = true;
		m->size = 10 + i;
		m->elt_size = 100;
		m->has_common_pool_count = true;
		m->common_pool_count = 5;
	}
	/* the largest: caches, but no total_cache_count (the dump was cut) */
	d.mempools[40].size = 1000000;
	d.mempools[40].cache_size = 256;
	heap_stats_from_dump(&d, &h);
	ck_assert_uint_eq(h.nmempools, SNAP_MAX_MEMPOOLS);
	ck_assert_uint_eq(h.mempools_dropped, 6);
	ck_assert_str_eq(h.mempools[0].name, "pool_40");
	ck_assert(!h.mempools[0].has_available);
	/* no total_obj_size: the element size stands in */
	ck_assert_uint_eq(spdk_mempool_bytes(&h.mempools[0]), 100000000);
	ck_assert_str_eq(h.mempools[1].name, "pool_69");
	ck_assert(h.mempools[1].has_available);
	ck_assert_uint_eq(h.mempools[1].available, 5);
	/* pool_0 .. pool_5 were the smallest */
	ck_assert_str_eq(h.mempools[SNAP_MAX_MEMPOOLS - 1].name, "pool_6");
}
END_TEST

START_TEST(test_timer)
{
	struct heap_stats_config cfg = { .interval = 30 };
	struct heap_stats *hs = heap_stats_new(&cfg);
	struct rpc_addr a = unix_addr();
	struct mt_errlist errors = { 0 };
	struct spdk_heaps h;

	ck_assert(heap_stats_wants_dump(hs, &a, 1, 100));
	round_with(hs, &a, 1, 100, IDLE, &h, &errors);
	ck_assert(!heap_stats_wants_dump(hs, &a, 1, 101));
	ck_assert(!heap_stats_wants_dump(hs, &a, 1, 129.9));
	ck_assert(heap_stats_wants_dump(hs, &a, 1, 130));
	/* A round that did not ask keeps the last figures and their time. */
	{
		struct pool_occupancy_round r = { .addr = &a, .connection = 1, .now = 110 };

		heap_stats_round(hs, &r, &h, &errors);
		ck_assert_int_eq(h.state, HEAPS_READ);
		ck_assert(h.read_mono == 100);
		ck_assert_uint_eq(h.n, 1);
	}
	heap_stats_request(hs);
	ck_assert(heap_stats_wants_dump(hs, &a, 1, 111));
	/* A new connection may be another target: its figures are due at once. */
	round_with(hs, &a, 1, 111, IDLE, &h, &errors);
	ck_assert(heap_stats_wants_dump(hs, &a, 2, 112));
	{
		struct pool_occupancy_round r = { .addr = &a, .connection = 2, .now = 112 };

		heap_stats_round(hs, &r, &h, &errors);
		ck_assert_int_eq(h.state, HEAPS_NONE);
		ck_assert_uint_eq(h.n, 0);
	}
	heap_stats_free(hs);
}
END_TEST

START_TEST(test_only_on_request)
{
	struct heap_stats_config cfg = { .interval = 0 };
	struct heap_stats *hs = heap_stats_new(&cfg);
	struct rpc_addr a = unix_addr();
	struct mt_errlist errors = { 0 };
	struct spdk_heaps h;

	ck_assert(!heap_stats_wants_dump(hs, &a, 1, 0));
	ck_assert(!heap_stats_wants_dump(hs, &a, 1, 1e9));
	heap_stats_request(hs);
	ck_assert(heap_stats_wants_dump(hs, &a, 1, 5));
	round_with(hs, &a, 1, 5, IDLE, &h, &errors);
	ck_assert_int_eq(h.state, HEAPS_READ);
	ck_assert(!heap_stats_wants_dump(hs, &a, 1, 1e9));
	heap_stats_free(hs);
}
END_TEST

/* Unreadable: why, in the snapshot every round and in errors once per reason. */
START_TEST(test_unreadable_said_once)
{
	struct heap_stats_config cfg = { .interval = 30 };
	struct heap_stats *hs = heap_stats_new(&cfg);
	struct rpc_addr a = unix_addr(), tcp;
	struct mt_errlist errors = { 0 };
	struct spdk_heaps h;

	round_with(hs, &a, 1, 100, "/nonexistent/spdk_mem_dump.txt", &h, &errors);
	ck_assert_int_eq(h.state, HEAPS_UNAVAILABLE);
	ck_assert_ptr_nonnull(strstr(h.why, "/nonexistent/spdk_mem_dump.txt"));
	ck_assert_uint_eq(errors.n, 1);
	ck_assert_ptr_nonnull(strstr(errors.msg[0], "SPDK heap per node"));
	round_with(hs, &a, 1, 130, "/nonexistent/spdk_mem_dump.txt", &h, &errors);
	ck_assert_int_eq(h.state, HEAPS_UNAVAILABLE);
	ck_assert_uint_eq(errors.n, 1);
	round_with(hs, &a, 1, 160, NULL, &h, &errors);
	ck_assert_ptr_nonnull(strstr(h.why, "no reply within 1.0 s"));
	ck_assert_uint_eq(errors.n, 2);
	/* A dump that is not DPDK's has no heaps to show: said, not shown as zeros. */
	round_with(hs, &a, 1, 190, "/etc/hostname", &h, &errors);
	ck_assert_int_eq(h.state, HEAPS_UNAVAILABLE);
	ck_assert_ptr_nonnull(strstr(h.why, "no \"DPDK malloc stats.\" section"));

	ck_assert_int_eq(rpc_addr_parse("127.0.0.1", 5260, &tcp, NULL), 0);
	ck_assert(!heap_stats_wants_dump(hs, &tcp, 1, 1e9));
	{
		struct pool_occupancy_round r = { .addr = &tcp, .connection = 1, .now = 200 };
		size_t before = errors.n;

		heap_stats_round(hs, &r, &h, &errors);
		ck_assert_int_eq(h.state, HEAPS_UNAVAILABLE);
		ck_assert_ptr_nonnull(strstr(h.why, "TCP"));
		heap_stats_round(hs, &r, &h, &errors);
		ck_assert_uint_eq(errors.n, before + 1);
	}
	heap_stats_free(hs);
}
END_TEST

/* Before framework_start_init SPDK refuses the method: expected, not said, asked again. */
START_TEST(test_startup_is_silent)
{
	struct heap_stats_config cfg = { .interval = 30 };
	struct heap_stats *hs = heap_stats_new(&cfg);
	struct rpc_addr a = unix_addr();
	struct mt_errlist errors = { 0 };
	struct spdk_heaps h;
	struct pool_occupancy_round r = { .addr = &a, .connection = 1, .dump_asked = true,
					  .dump_failure = "SPDK error -1: Method may only be "
							  "called after framework is initialized",
					  .state = TARGET_STARTUP, .now = 100 };

	heap_stats_round(hs, &r, &h, &errors);
	ck_assert_uint_eq(errors.n, 0);
	ck_assert_int_eq(h.state, HEAPS_NONE);
	ck_assert(heap_stats_wants_dump(hs, &a, 1, 101));
	heap_stats_free(hs);
}
END_TEST

/* The whole path: the simulator writes the dump, the collector reads it on its timer. */
START_TEST(test_collector_against_sim)
{
	struct collector_config cfg = { .rpc_timeout = 2.0, .hp = { SYSFS_1NODE, PROCFS_1NODE },
					.heaps = { .interval = 3600 } };
	struct sim_harness *sh = sim_harness_start((const char *const[]){ "--scenario", "idle",
									   NULL });
	struct rpc_client *client;
	struct collector *col;
	struct rpc_addr addr;
	static struct snapshot s;
	double first;

	ck_assert_ptr_nonnull(sh);
	ck_assert_int_eq(rpc_addr_parse(sim_harness_socket(sh), -1, &addr, NULL), 0);
	client = rpc_client_new(&addr);
	col = collector_new(&cfg, client);
	ck_assert_ptr_nonnull(col);
	collector_run_blocking(col, &s);
	ck_assert_int_eq(s.heaps.state, HEAPS_READ);
	ck_assert_uint_eq(s.heaps.n, 1);
	ck_assert_int_eq(s.heaps.heaps[0].node, 0);
	ck_assert_uint_gt(s.heaps.heaps[0].size, 0);
	ck_assert_uint_eq(s.heaps.heaps[0].alloc + s.heaps.heaps[0].free, s.heaps.heaps[0].size);
	ck_assert_uint_le(s.heaps.heaps[0].greatest_free, s.heaps.heaps[0].free);
	first = s.heaps.read_mono;
	collector_run_blocking(col, &s);
	ck_assert(s.heaps.read_mono == first);
	ck_assert_int_eq(s.heaps.state, HEAPS_READ);
	collector_request_mem_stats(col);
	collector_run_blocking(col, &s);
	ck_assert(s.heaps.read_mono > first);
	collector_free(col);
	rpc_client_free(client);
	sim_harness_stop(sh);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("heap_stats");
	TCase *tc = tcase_create("heaps");

	tcase_add_test(tc, test_recorded_dump);
	tcase_add_test(tc, test_nodes_sorted_external_dropped);
	tcase_add_test(tc, test_mempools_unknown_and_bounded);
	tcase_add_test(tc, test_timer);
	tcase_add_test(tc, test_only_on_request);
	tcase_add_test(tc, test_unreadable_said_once);
	tcase_add_test(tc, test_startup_is_silent);
	tcase_add_test(tc, test_collector_against_sim);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
