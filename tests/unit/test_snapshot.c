/* snapshot: names of its enumerations both ways, and the unreachable reason without the address. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "snapshot.h"

START_TEST(test_names_round_trip)
{
	enum util_kind k;
	enum util_source u;
	enum rings_state r;

	ck_assert_str_eq(util_kind_name(UTIL_RESERVED), "reserved");
	ck_assert_int_eq(util_kind_from_name("reserved", &k), 0);
	ck_assert_int_eq(k, UTIL_RESERVED);
	/* What snapshots said before the reservation was named for what it is. */
	ck_assert_int_eq(util_kind_from_name("pinned", &k), 0);
	ck_assert_int_eq(k, UTIL_RESERVED);
	ck_assert_int_eq(util_kind_from_name("nope", &k), -1);
	ck_assert_str_eq(util_source_name(UTIL_FROM_RING), "dpdk_ring");
	ck_assert_int_eq(util_source_from_name("cache_size", &u), 0);
	ck_assert_int_eq(u, UTIL_FROM_CACHE_SIZE);
	ck_assert_str_eq(rings_state_name(RINGS_UNAVAILABLE), "unavailable");
	ck_assert_int_eq(rings_state_from_name("exact", &r), 0);
	ck_assert_int_eq(r, RINGS_EXACT);
	ck_assert_str_eq(util_source_name((enum util_source)99), "invalid");
}
END_TEST

static void brief(const char *target, const char *reason, const char *want)
{
	static struct snapshot s;
	char buf[MT_ERR_LEN];

	memset(&s, 0, sizeof(s));
	snprintf(s.target, sizeof(s.target), "%s", target);
	snprintf(s.unreachable_reason, sizeof(s.unreachable_reason), "%s", reason);
	snapshot_reason_brief(&s, buf, sizeof(buf));
	ck_assert_str_eq(buf, want);
}

/* Every form rpc_conn words a connect failure in, with the address taken out. */
START_TEST(test_reason_brief)
{
	brief("/tmp/x.sock", "no such socket /tmp/x.sock", "no such socket");
	brief("/tmp/x.sock", "permission denied on /tmp/x.sock", "permission denied");
	brief("10.0.0.5:5260", "connection refused by 10.0.0.5:5260", "connection refused");
	brief("10.0.0.5:5260", "timed out connecting to 10.0.0.5:5260", "timed out connecting");
	brief("h:1", "h:1 accepts no more connections (backlog full)",
	      "accepts no more connections (backlog full)");
	brief("h:1", "cannot connect to h:1: Network is unreachable",
	      "cannot connect: Network is unreachable");
	/* No address in it, or no target: as it is. */
	brief("/tmp/x.sock", "no reply within 1.0 s", "no reply within 1.0 s");
	brief("", "no such socket /tmp/x.sock", "no such socket /tmp/x.sock");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("snapshot");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_names_round_trip);
	tcase_add_test(tc, test_reason_brief);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
