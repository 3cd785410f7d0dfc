/* pool_nodes: a pool's rings node by node, the fullest, the least free, and reads not believed. */
#include <check.h>
#include <string.h>

#include "check_main.h"
#include "pool_nodes.h"

static struct iobuf_rings rings;

static void add(int node, bool large, uint64_t cap, uint64_t free_now)
{
	rings.state = RINGS_EXACT;
	rings.rings[rings.n++] = (struct pool_ring_occupancy){ node, large, cap, free_now };
}

START_TEST(two_nodes_each_pool_apart)
{
	struct pool_nodes s, l;

	memset(&rings, 0, sizeof(rings));
	/* SPDK's creation order: small, large per node */
	add(0, false, 8192, 8192);
	add(0, true, 1024, 0);
	add(1, false, 8192, 100);
	add(1, true, 1024, 1024);
	pool_nodes_of(&rings, true, &l);
	ck_assert_uint_eq(l.n, 2);
	ck_assert(pool_nodes_split(&l));
	ck_assert_int_eq(l.nodes[l.fullest].node, 0);
	ck_assert_uint_eq(l.nodes[l.fullest].used, 1024);
	ck_assert_double_eq(l.nodes[l.fullest].util, 1.0);
	ck_assert_uint_eq(l.min_free, 0);
	ck_assert_int_eq(l.nodes[1].node, 1);
	ck_assert_double_eq(l.nodes[1].util, 0.0);
	pool_nodes_of(&rings, false, &s);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_int_eq(s.nodes[s.fullest].node, 1);
	ck_assert_uint_eq(s.nodes[s.fullest].used, 8092);
	ck_assert_uint_eq(s.min_free, 100);
}
END_TEST

START_TEST(one_ring_equal_nodes_and_nothing_read)
{
	struct pool_nodes p;

	memset(&rings, 0, sizeof(rings));
	add(0, true, 1024, 1000);
	pool_nodes_of(&rings, true, &p);
	ck_assert_uint_eq(p.n, 1);
	ck_assert(!pool_nodes_split(&p));
	ck_assert_uint_eq(p.min_free, 1000);

	/* equals: the first is the fullest */
	add(1, true, 1024, 1000);
	pool_nodes_of(&rings, true, &p);
	ck_assert_uint_eq(p.fullest, 0);

	/* not read this tick: nothing, whatever the list holds */
	rings.state = RINGS_UNAVAILABLE;
	pool_nodes_of(&rings, true, &p);
	ck_assert_uint_eq(p.n, 0);
	rings.state = RINGS_NONE;
	pool_nodes_of(&rings, true, &p);
	ck_assert_uint_eq(p.n, 0);
}
END_TEST

START_TEST(unbelievable_ring_voids_the_pool)
{
	struct pool_nodes p;

	memset(&rings, 0, sizeof(rings));
	add(0, true, 1024, 10);
	add(1, true, 1024, 1025);     /* more free than it holds */
	add(0, false, 8192, 8192);
	pool_nodes_of(&rings, true, &p);
	ck_assert_uint_eq(p.n, 0);
	pool_nodes_of(&rings, false, &p);   /* the other pool stands */
	ck_assert_uint_eq(p.n, 1);

	memset(&rings, 0, sizeof(rings));
	add(0, true, 0, 0);
	add(1, true, 1024, 0);
	pool_nodes_of(&rings, true, &p);
	ck_assert_uint_eq(p.n, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pool_nodes");
	TCase *tc = tcase_create("pool_nodes");

	tcase_add_test(tc, two_nodes_each_pool_apart);
	tcase_add_test(tc, one_ring_equal_nodes_and_nothing_read);
	tcase_add_test(tc, unbelievable_ring_voids_the_pool);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
