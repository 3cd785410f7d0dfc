/* rpc_reply: a framed value made into a tree here or on a thread, the raw id always kept. */
#include <check.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "rpc_reply.h"

static void parse(const char *t, struct rpc_reply *out)
{
	rpc_reply_parse(t, strlen(t), 100, 8, out);
}

START_TEST(tree_and_raw_id)
{
	struct rpc_reply p;

	parse("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[1,2]}", &p);
	ck_assert_int_eq(p.kind, RPC_REPLY_TREE);
	ck_assert(p.have_id);
	ck_assert_uint_eq(p.id, 7);
	ck_assert_str_eq(p.id_text, "7");
	ck_assert_int_eq(json_array_size(json_object_get(p.v, "result")), 2);
	rpc_reply_clear(&p);
	ck_assert_ptr_null(p.v);
	/* An id that is no whole number is still named, as sent. */
	parse("{\"id\":\"seven\",\"result\":1}", &p);
	ck_assert(!p.have_id);
	ck_assert_str_eq(p.id_text, "\"seven\"");
	rpc_reply_clear(&p);
}
END_TEST

START_TEST(refusals_keep_the_id)
{
	struct rpc_reply p;

	parse("{\"id\":3,\"result\":[[[[[[[[[1]]]]]]]]]}", &p);
	ck_assert_int_eq(p.kind, RPC_REPLY_REFUSED);
	ck_assert_ptr_null(p.v);
	ck_assert(p.have_id && p.id == 3);
	ck_assert_int_eq(p.why.code, -E2BIG);
	ck_assert_ptr_nonnull(strstr(p.why.msg, "deeper than 8 levels"));
	/* Framed but not UTF-8: jansson refuses, the request is still known. */
	parse("{\"id\":4,\"result\":\"\xff\"}", &p);
	ck_assert_int_eq(p.kind, RPC_REPLY_NOT_JSON);
	ck_assert(p.have_id && p.id == 4);
	ck_assert_int_eq(p.why.code, -EPROTO);
	ck_assert_ptr_nonnull(strstr(p.why.msg, "reply is not valid JSON: "));
	ck_assert_uint_eq(p.n, strlen("{\"id\":4,\"result\":\"\xff\"}"));
}
END_TEST

START_TEST(counters_above_int64_kept)
{
	struct rpc_reply p;

	parse("{\"id\":1,\"result\":18446744073709551615}", &p);
	ck_assert_int_eq(p.kind, RPC_REPLY_TREE);
	/* json_bigint's marked string, not a rounded or clipped number. */
	ck_assert(json_is_string(json_object_get(p.v, "result")));
	rpc_reply_clear(&p);
}
END_TEST

/* A value padded to `size` bytes with blanks, in a buffer with junk around it. */
static char *padded(size_t before, size_t size, size_t *n)
{
	const char *head = "{\"id\":9,\"result\":";
	char *b = malloc(before + size + 16);

	ck_assert_ptr_nonnull(b);
	memset(b, '#', before);
	memcpy(b + before, head, strlen(head));
	memset(b + before + strlen(head), ' ', size - strlen(head) - 3);
	memcpy(b + before + size - 3, "42}", 3);
	memset(b + before + size, '#', 16);
	*n = size;
	return b;
}

START_TEST(large_value_on_a_thread)
{
	size_t n;
	char *buf = padded(100, 8u * 1024 * 1024, &n);
	struct rpc_reply p = { 0 };
	struct pollfd pfd;
	struct rpc_reply_job *j;
	int err = 0;

	j = rpc_reply_start(buf, 100, n, 100, 8, &err);
	ck_assert_ptr_nonnull(j);
	pfd = (struct pollfd){ .fd = rpc_reply_job_fd(j), .events = POLLIN };
	ck_assert_int_eq(poll(&pfd, 1, 60000), 1);
	ck_assert(rpc_reply_job_take(j, &p));
	rpc_reply_job_release(j);
	ck_assert_int_eq(p.kind, RPC_REPLY_TREE);
	ck_assert(p.have_id && p.id == 9);
	ck_assert_uint_eq(p.n, n);
	ck_assert_int_eq(json_integer_value(json_object_get(p.v, "result")), 42);
	rpc_reply_clear(&p);
}
END_TEST

START_TEST(released_while_parsing)
{
	size_t n;
	char *buf = padded(0, 4u * 1024 * 1024, &n);
	int err = 0;
	struct rpc_reply_job *j = rpc_reply_start(buf, 0, n, 100, 8, &err);

	/* The client dropped the connection: the thread frees the buffer and tree itself. */
	ck_assert_ptr_nonnull(j);
	rpc_reply_job_release(j);
	rpc_reply_job_release(NULL);
}
END_TEST

static Suite *rpc_reply_suite(void)
{
	Suite *s = suite_create("rpc_reply");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, tree_and_raw_id);
	tcase_add_test(tc, refusals_keep_the_id);
	tcase_add_test(tc, counters_above_int64_kept);
	tcase_add_test(tc, large_value_on_a_thread);
	tcase_add_test(tc, released_while_parsing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(rpc_reply_suite());
}
