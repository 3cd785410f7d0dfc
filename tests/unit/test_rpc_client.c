/*
 * rpc_client against a fake SPDK server that lives in the test: a Unix (or
 * TCP) listening socket, driven from the test through poll.  The test decides
 * what bytes the "target" writes and when, so splits, ordering, closes and
 * silence are exact.  No sleeps: every wait is a poll on a fd with a deadline.
 */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "fixture_io.h"
#include "iobuf_decode.h"
#include "json_stream.h"
#include "mt_clock.h"
#include "rpc_client.h"

/* Scheduling delay a loaded 2-core CI machine may add past a deadline. */
#define DEADLINE_SLACK 0.25

#define TRANSCRIPTS MEMTOP_FIXTURES "/transcripts"
#define GUARD 10.0 /* seconds: a test that waits longer than this has failed */

struct fake {
	char dir[64];
	char path[108];
	int lfd;      /* listening socket */
	int cfd;      /* the accepted connection, -1 before accept */
	bool eof;     /* the client closed cfd */
	char *in;     /* request bytes received, not yet taken */
	size_t in_len;
	size_t in_cap;
	unsigned accepts;
};

static void fake_init(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	f->lfd = -1;
	f->cfd = -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/memtop-rpc-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/spdk.sock", f->dir);
}

static void fake_listen_unix(struct fake *f)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };

	f->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(f->lfd, 0);
	strcpy(sun.sun_path, f->path);
	ck_assert_int_eq(bind(f->lfd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	ck_assert_int_eq(listen(f->lfd, 16), 0);
}

static uint16_t fake_listen_tcp(struct fake *f, int backlog)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	f->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(f->lfd, 0);
	ck_assert_int_eq(bind(f->lfd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(listen(f->lfd, backlog), 0);
	ck_assert_int_eq(getsockname(f->lfd, (struct sockaddr *)&sin, &len), 0);
	return ntohs(sin.sin_port);
}

static void fake_drop_conn(struct fake *f)
{
	if (f->cfd >= 0)
		close(f->cfd);
	f->cfd = -1;
	f->eof = false;
	f->in_len = 0;
}

static void fake_cleanup(struct fake *f)
{
	fake_drop_conn(f);
	if (f->lfd >= 0)
		close(f->lfd);
	chmod(f->dir, 0700);
	unlink(f->path);
	rmdir(f->dir);
	free(f->in);
}

static struct rpc_client *client_for(const struct fake *f)
{
	struct rpc_addr a;
	struct rpc_client *c;

	ck_assert_int_eq(rpc_addr_parse(f->path, -1, &a, NULL), 0);
	c = rpc_client_new(&a);
	ck_assert_ptr_nonnull(c);
	return c;
}

static void fake_on_readable(struct fake *f)
{
	ssize_t n;

	if (f->cfd < 0) {
		f->cfd = accept4(f->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		ck_assert_int_ge(f->cfd, 0);
		f->accepts++;
		return;
	}
	if (f->in_cap - f->in_len < 65536) {
		f->in_cap = f->in_cap ? f->in_cap * 2 : 131072;
		f->in = realloc(f->in, f->in_cap);
		ck_assert_ptr_nonnull(f->in);
	}
	n = recv(f->cfd, f->in + f->in_len, f->in_cap - f->in_len, 0);
	if (n > 0)
		f->in_len += (size_t)n;
	else if (n == 0 || (errno != EAGAIN && errno != EINTR))
		f->eof = true;
}

/*
 * One round: poll the client's socket and the server's (listening socket
 * before accept, connection after) for up to `wait` seconds, then let each
 * side act on what poll said.
 */
static void pump(struct rpc_client *c, struct fake *f, double wait)
{
	struct pollfd p[2];
	int n = 0, ci = -1, si = -1;

	if (rpc_client_pollfd(c, &p[n]))
		ci = n++;
	if (f && (f->cfd >= 0 ? !f->eof : f->lfd >= 0)) {
		p[n].fd = f->cfd >= 0 ? f->cfd : f->lfd;
		p[n].events = POLLIN;
		p[n].revents = 0;
		si = n++;
	}
	ck_assert_int_ge(poll(p, (nfds_t)n, (int)ceil(wait * 1000)), 0);
	if (si >= 0 && p[si].revents)
		fake_on_readable(f);
	rpc_client_process(c, ci >= 0 ? p[ci].revents : 0, mt_now());
}

/* Takes the next complete request the server has received, or NULL. */
static json_t *fake_next_request(struct fake *f)
{
	size_t a, b;
	json_t *v;

	if (json_stream_scan(f->in, f->in_len, &a, &b) != JSON_SCAN_COMPLETE)
		return NULL;
	v = json_loadb(f->in + a, b - a, 0, NULL);
	ck_assert_ptr_nonnull(v);
	memmove(f->in, f->in + b, f->in_len - b);
	f->in_len -= b;
	return v;
}

/* Runs both sides until the server holds a complete request. */
static json_t *serve_request(struct rpc_client *c, struct fake *f)
{
	double limit = mt_now() + GUARD;
	json_t *req;

	while (!(req = fake_next_request(f))) {
		ck_assert_msg(mt_now() < limit, "no request reached the server");
		ck_assert_msg(!f->eof, "client closed instead of sending");
		pump(c, f, 0.5);
	}
	return req;
}

static uint64_t request_id(json_t *req)
{
	json_t *id = json_object_get(req, "id");

	ck_assert(json_is_integer(id));
	return (uint64_t)json_integer_value(id);
}

static void fake_write(struct fake *f, const char *data, size_t len)
{
	double limit = mt_now() + GUARD;

	while (len > 0) {
		struct pollfd p = { .fd = f->cfd, .events = POLLOUT };
		ssize_t n;

		ck_assert_msg(mt_now() < limit, "server write stuck");
		ck_assert_int_ge(poll(&p, 1, 1000), 0);
		n = send(f->cfd, data, len, MSG_NOSIGNAL);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		ck_assert_int_gt(n, 0);
		data += n;
		len -= (size_t)n;
	}
}

static void fake_write_str(struct fake *f, const char *s)
{
	fake_write(f, s, strlen(s));
}

/* Runs both sides until request id has an outcome. */
static enum rpc_status wait_result(struct rpc_client *c, struct fake *f, uint64_t id,
				   struct rpc_result *out)
{
	double limit = mt_now() + GUARD;
	enum rpc_status st;

	while ((st = rpc_client_take(c, id, out)) == RPC_PENDING) {
		ck_assert_msg(mt_now() < limit, "request %llu never decided",
			      (unsigned long long)id);
		pump(c, f, 0.5);
	}
	return st;
}

static uint64_t send_ok(struct rpc_client *c, const char *method, json_t *params)
{
	struct mt_err err = { 0 };
	uint64_t id = 0;

	ck_assert_msg(rpc_client_send(c, method, params, mt_now() + GUARD, &id, &err) == 0,
		      "send %s: %s", method, err.msg);
	ck_assert_uint_gt(id, 0);
	return id;
}

/* A recorded reply with its id replaced by ours (the first "id":N only). */
static char *transcript_reply(const char *name, uint64_t id)
{
	char *text = transcript_read(name, NULL), *out;
	char *p = strstr(text, "\"id\":"), *q;

	ck_assert_ptr_nonnull(p);
	q = p + 5;
	while (*q >= '0' && *q <= '9')
		q++;
	ck_assert_int_ne(asprintf(&out, "%.*s\"id\":%llu%s", (int)(p - text), text,
				  (unsigned long long)id, q), -1);
	free(text);
	return out;
}

static char *reply_ok(uint64_t id, const char *result)
{
	char *s;

	ck_assert_int_ne(asprintf(&s, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":%s}\n",
				  (unsigned long long)id, result), -1);
	return s;
}

static void accept_and_answer(struct rpc_client *c, struct fake *f, uint64_t id,
			      const char *result)
{
	json_t *req = serve_request(c, f);
	char *r;

	ck_assert_uint_eq(request_id(req), id);
	json_decref(req);
	r = reply_ok(id, result);
	fake_write_str(f, r);
	free(r);
}

START_TEST(test_request_bytes)
{
	/* Compact, keys in rpc.py's order, ids 1, 2, ..., params only when given. */
	static const char second[] = "{\"jsonrpc\":\"2.0\",\"method\":\"framework_get_config\","
				     "\"id\":2,\"params\":{\"name\":\"iobuf\"}}";
	/* Methods a plain request cannot carry: escaped as jansson escapes them (UTF-8 as is). */
	static const char third[] = "{\"jsonrpc\":\"2.0\",\"method\":\"a\\\"b\\\\c\",\"id\":3}"
				    "{\"jsonrpc\":\"2.0\",\"method\":\"d\\te\xc3\xa9\",\"id\":4}";
	struct fake f;
	struct rpc_client *c;
	json_t *params = json_pack("{s:s}", "name", "iobuf");
	/* The recorded bytes, id 1. */
	char *first = transcript_read("spdk_get_version.request.json", NULL);
	size_t n1 = strlen(first), n2 = strlen(second), n3 = strlen(third);
	double limit = mt_now() + GUARD;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	ck_assert_uint_eq(send_ok(c, "spdk_get_version", NULL), 1);
	ck_assert_uint_eq(send_ok(c, "framework_get_config", params), 2);
	ck_assert_uint_eq(send_ok(c, "a\"b\\c", NULL), 3);
	ck_assert_uint_eq(send_ok(c, "d\te\xc3\xa9", NULL), 4);
	json_decref(params);
	while (f.in_len < n1 + n2 + n3 && mt_now() < limit)
		pump(c, &f, 0.5);
	ck_assert_uint_eq(f.in_len, n1 + n2 + n3);
	ck_assert(memcmp(f.in, first, n1) == 0);
	ck_assert(memcmp(f.in + n1, second, n2) == 0);
	ck_assert(memcmp(f.in + n1 + n2, third, n3) == 0);
	free(first);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_reply_byte_by_byte)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result res;
	uint64_t id;
	char *reply;
	size_t len, closing;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	id = send_ok(c, "iobuf_get_stats", NULL);
	json_decref(serve_request(c, &f));
	reply = transcript_reply("iobuf_get_stats.idle.response.json", id);
	len = strlen(reply);
	closing = len - 2; /* the final '}' before the newline */
	ck_assert_int_eq(reply[closing], '}');
	for (size_t i = 0; i < len; i++) {
		struct pollfd p;

		fake_write(&f, reply + i, 1);
		ck_assert(rpc_client_pollfd(c, &p));
		ck_assert_int_eq(poll(&p, 1, 1000), 1);
		rpc_client_process(c, p.revents, mt_now());
		if (i < closing)
			ck_assert_msg(rpc_client_take(c, id, &res) == RPC_PENDING,
				      "decided after byte %zu of %zu", i, len);
		else if (i == closing)
			ck_assert_int_eq(rpc_client_take(c, id, &res), RPC_OK);
	}
	ck_assert(json_is_array(res.result));
	ck_assert_uint_eq(json_array_size(res.result), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(res.result, 1),
							   "module")), "bdev");
	rpc_result_clear(&res);
	ck_assert(rpc_client_connected(c));
	free(reply);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_two_replies_one_write)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r1, r2;
	uint64_t id1, id2;
	char *a, *b, *both;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	id1 = send_ok(c, "spdk_get_version", NULL);
	id2 = send_ok(c, "iobuf_get_stats", NULL);
	json_decref(serve_request(c, &f));
	json_decref(serve_request(c, &f));
	a = transcript_reply("spdk_get_version.response.json", id1);
	b = transcript_reply("iobuf_get_stats.idle.response.json", id2);
	a[strlen(a) - 1] = '\0'; /* no separator at all between the two */
	ck_assert_int_ne(asprintf(&both, "%s%s", a, b), -1);
	fake_write_str(&f, both);
	ck_assert_int_eq(wait_result(c, &f, id1, &r1), RPC_OK);
	ck_assert_int_eq(rpc_client_take(c, id2, &r2), RPC_OK); /* the same read decided both */
	ck_assert_str_eq(json_string_value(json_object_get(r1.result, "version")),
			 "SPDK v26.09-pre git sha1 3230130e6a");
	ck_assert(json_is_array(r2.result));
	rpc_result_clear(&r1);
	rpc_result_clear(&r2);
	free(a);
	free(b);
	free(both);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_out_of_order)
{
	struct fake f;
	struct rpc_client *c;
	uint64_t ids[3];
	char *text = NULL;
	size_t n = 0;
	FILE *mem;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	for (int i = 0; i < 3; i++)
		ids[i] = send_ok(c, "iobuf_get_stats", NULL);
	for (int i = 0; i < 3; i++) {
		json_t *req = serve_request(c, &f);

		ck_assert_uint_eq(request_id(req), ids[i]);
		json_decref(req);
	}
	/* Answers come 3, 1, 2; each carries its own id as result. */
	mem = open_memstream(&text, &n);
	fprintf(mem, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":{\"n\":%llu}}\n",
		(unsigned long long)ids[2], (unsigned long long)ids[2]);
	fprintf(mem, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":{\"n\":%llu}}",
		(unsigned long long)ids[0], (unsigned long long)ids[0]);
	fclose(mem);
	fake_write_str(&f, text);
	free(text);
	{
		struct rpc_result r;

		ck_assert_int_eq(wait_result(c, &f, ids[2], &r), RPC_OK);
		ck_assert_int_eq(json_integer_value(json_object_get(r.result, "n")), (int)ids[2]);
		rpc_result_clear(&r);
		ck_assert_int_eq(wait_result(c, &f, ids[0], &r), RPC_OK);
		ck_assert_int_eq(json_integer_value(json_object_get(r.result, "n")), (int)ids[0]);
		rpc_result_clear(&r);
		ck_assert_int_eq(rpc_client_take(c, ids[1], &r), RPC_PENDING);
		text = reply_ok(ids[1], "{\"n\":2}");
		fake_write_str(&f, text);
		free(text);
		ck_assert_int_eq(wait_result(c, &f, ids[1], &r), RPC_OK);
		ck_assert_int_eq(json_integer_value(json_object_get(r.result, "n")), 2);
		rpc_result_clear(&r);
		/* Handed over once: a second take finds nothing. */
		ck_assert_int_eq(rpc_client_take(c, ids[1], &r), RPC_ERR_PROTOCOL);
		ck_assert_ptr_nonnull(strstr(r.message, "no request with id"));
	}
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_remote_error_verbatim)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	json_t *params = json_pack("{s:i}", "small_pool_count", 16384);
	json_t *want = json_load_file(TRANSCRIPTS "/iobuf_set_options.runtime.response.json", 0,
				      NULL);
	const char *want_msg;
	json_t *req;
	uint64_t id;
	char *reply;

	ck_assert_ptr_nonnull(want);
	want_msg = json_string_value(json_object_get(json_object_get(want, "error"), "message"));
	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	id = send_ok(c, "iobuf_set_options", params);
	req = serve_request(c, &f);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(req, "params"),
							     "small_pool_count")), 16384);
	json_decref(req);
	reply = transcript_reply("iobuf_set_options.runtime.response.json", id);
	fake_write_str(&f, reply);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_ERR_REMOTE);
	ck_assert_int_eq(r.code, -1);
	ck_assert_str_eq(r.message, want_msg);
	ck_assert_ptr_null(r.result);
	free(reply);
	/* Method not found, too. */
	id = send_ok(c, "no_such_method", NULL);
	json_decref(serve_request(c, &f));
	reply = transcript_reply("error.unknown_method.response.json", id);
	fake_write_str(&f, reply);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_ERR_REMOTE);
	ck_assert_int_eq(r.code, -32601);
	ck_assert_str_eq(r.message, "Method not found");
	ck_assert(rpc_client_connected(c));
	free(reply);
	json_decref(params);
	json_decref(want);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/* A result wanted as text: the recorded bytes, untouched; anything unusual still a tree. */
static void answer_raw(struct fake *f, uint64_t id, const char *members)
{
	char *s;

	ck_assert_int_ne(asprintf(&s, "{\"jsonrpc\":\"2.0\",\"id\":%llu,%s}",
				  (unsigned long long)id, members), -1);
	fake_write_str(f, s);
	free(s);
}

/* One iobuf_get_stats, marked for text or not, answered with members; its outcome in r. */
static enum rpc_status ask_raw(struct rpc_client *c, struct fake *f, bool want_text,
			       const char *members, struct rpc_result *r)
{
	uint64_t id = send_ok(c, "iobuf_get_stats", NULL);

	if (want_text)
		ck_assert_int_eq(rpc_client_want_text(c, id), 0);
	json_decref(serve_request(c, f));
	answer_raw(f, id, members);
	return wait_result(c, f, id, r);
}

START_TEST(test_result_as_text)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	char *reply = NULL, *want;
	json_t *got, *whole;
	uint64_t id;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	id = send_ok(c, "iobuf_get_stats", NULL);
	ck_assert_int_eq(rpc_client_want_text(c, id), 0);
	json_decref(serve_request(c, &f));
	reply = transcript_reply("iobuf_get_stats.idle.response.json", id);
	fake_write_str(&f, reply);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_OK);
	ck_assert_ptr_null(r.result);
	ck_assert_ptr_nonnull(r.text);
	ck_assert_uint_eq(strlen(r.text), r.text_len);
	/* The same value jansson reads from the whole reply, byte for byte as sent. */
	whole = json_loads(reply, 0, NULL);
	got = json_loadb(r.text, r.text_len, 0, NULL);
	ck_assert(json_equal(got, json_object_get(whole, "result")));
	want = strstr(reply, "\"result\":") + strlen("\"result\":");
	ck_assert_int_eq(strncmp(want, r.text, r.text_len), 0);
	json_decref(got);
	json_decref(whole);
	rpc_result_clear(&r);
	free(reply);

	/* An error reply is decided as ever: code and message verbatim. */
	ck_assert_int_eq(ask_raw(c, &f, true, "\"error\":{\"code\":-32601,"
				 "\"message\":\"Method not found\"}", &r), RPC_ERR_REMOTE);
	ck_assert_ptr_null(r.text);
	ck_assert_str_eq(r.message, "Method not found");

	/* "result" twice: jansson keeps the last, so the tree decides. */
	ck_assert_int_eq(ask_raw(c, &f, true, "\"result\":1,\"result\":[2]", &r), RPC_OK);
	ck_assert_ptr_null(r.text);
	ck_assert(json_is_array(r.result));
	rpc_result_clear(&r);

	/* An escaped key is the tree's too: "\u0072esult" is "result". */
	ck_assert_int_eq(ask_raw(c, &f, true, "\"\\u0072esult\":[3]", &r), RPC_OK);
	ck_assert_ptr_null(r.text);
	ck_assert_int_eq(json_integer_value(json_array_get(r.result, 0)), 3);
	rpc_result_clear(&r);

	/* Not marked: a tree, as for every other caller. */
	ck_assert_int_eq(ask_raw(c, &f, false, "\"result\":[4]", &r), RPC_OK);
	ck_assert_ptr_null(r.text);
	ck_assert(json_is_array(r.result));
	rpc_result_clear(&r);
	/* No such request: refused. */
	ck_assert_int_eq(rpc_client_want_text(c, 1000), -1);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/*
 * A text a decoder found jansson cannot load, or over the client's bounds,
 * is worded as the tree path words that very reply: status, code, message,
 * byte for byte; a text jansson loads is left alone.
 */
START_TEST(test_text_refused_as_the_tree_says)
{
	static const char *const refused[] = {
		"\"result\":[\"a\",\"\\ud800\"]",
		"\"result\":[\"rpc_get_methods\",\"\xff\"]",
		"\"result\":[\"a\",1e400]",
		"\"result\":[\"a\",\"\\u0000\"]",
		"\"result\":[\"a\",99999999999999999999,\"\\udc00\"]",
		"\"x\":[1,2],\"result\":[\"\xc0\x80\"],\"y\":2",
		"\"result\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
		"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	};
	static const char *const loaded[] = {
		"\"result\":[\"a\",\"framework_start_init\"]",
		"\"result\":[1,{\"x\":99999999999999999999}]",
		"\"result\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
		"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	};
	struct rpc_result tree = { 0 }, text = { 0 }, out;
	struct rpc_client *c;
	struct fake f;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	/* Ids 10 and up: each pair below is written with two-digit ids. */
	for (int k = 0; k < 9; k++) {
		ask_raw(c, &f, false, "\"result\":[]", &tree);
		rpc_result_clear(&tree);
	}
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		ask_raw(c, &f, false, refused[i], &tree);
		ck_assert_int_eq(ask_raw(c, &f, true, refused[i], &text), RPC_OK);
		ck_assert_ptr_nonnull(text.text);
		ck_assert_msg(tree.status == RPC_ERR_PROTOCOL, "%s: the tree path said %s",
			      refused[i], rpc_status_name(tree.status));
		memset(&out, 0, sizeof(out));
		ck_assert_msg(rpc_result_text_refused(&text, &out), "%s", refused[i]);
		ck_assert_int_eq(out.status, tree.status);
		ck_assert_int_eq(out.code, tree.code);
		ck_assert_msg(strcmp(out.message, tree.message) == 0, "%s:\ntree \"%s\"\ntext \"%s\"",
			      refused[i], tree.message, out.message);
		rpc_result_clear(&tree);
		rpc_result_clear(&text);
	}
	for (size_t i = 0; i < sizeof(loaded) / sizeof(loaded[0]); i++) {
		ck_assert_int_eq(ask_raw(c, &f, false, loaded[i], &tree), RPC_OK);
		ck_assert_int_eq(ask_raw(c, &f, true, loaded[i], &text), RPC_OK);
		memset(&out, 0x5a, sizeof(out));
		ck_assert(!rpc_result_text_refused(&text, &out));
		ck_assert_int_eq(out.status, 0x5a5a5a5a);
		rpc_result_clear(&tree);
		rpc_result_clear(&text);
	}
	/* A tree result is not a text: nothing to say. */
	ck_assert_int_eq(ask_raw(c, &f, false, "\"result\":[\"\\u00e9\"]", &tree), RPC_OK);
	ck_assert(!rpc_result_text_refused(&tree, &out));
	rpc_result_clear(&tree);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/* One iobuf_get_stats wanted as text, answered with the recorded idle reply: its outcome in r. */
static void ask_text(struct rpc_client *c, struct fake *f, struct rpc_result *r)
{
	uint64_t id = send_ok(c, "iobuf_get_stats", NULL);
	char *reply;

	ck_assert_int_eq(rpc_client_want_text(c, id), 0);
	json_decref(serve_request(c, f));
	reply = transcript_reply("iobuf_get_stats.idle.response.json", id);
	fake_write_str(f, reply);
	free(reply);
	ck_assert_int_eq(wait_result(c, f, id, r), RPC_OK);
	ck_assert_ptr_nonnull(r->text);
	ck_assert_uint_eq(strlen(r->text), r->text_len);
}

/*
 * The tick's text lands in one buffer the client keeps, not in a block
 * allocated and freed each tick (issue 10: the heap fragmented over a day).
 * A block of the same size held across the next reply takes the place a
 * freed copy would have left: the next text is still where the first was.
 * A text that comes while the first is held gets a copy of its own, and a
 * held text outlives the client.
 */
START_TEST(test_text_in_kept_buffer)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r1, r2, r3;
	const char *first;
	char *saved, *squatter;
	size_t size;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	ask_text(c, &f, &r1);
	first = r1.text;
	size = r1.text_len + 1;
	rpc_result_clear(&r1);
	squatter = malloc(size);
	ck_assert_ptr_nonnull(squatter);
	ask_text(c, &f, &r2);
	ck_assert_ptr_eq(r2.text, first);
	free(squatter);

	/* r2 still held: r3 is a copy, and r2's bytes stay as they were. */
	saved = strdup(r2.text);
	ck_assert_ptr_nonnull(saved);
	ask_text(c, &f, &r3);
	ck_assert_ptr_ne(r3.text, r2.text);
	ck_assert_str_eq(r3.text, saved);
	ck_assert_str_eq(r2.text, saved);
	rpc_result_clear(&r3);

	/* The client gone first: r2 is readable until cleared (ASan checks the rest). */
	rpc_client_free(c);
	ck_assert_str_eq(r2.text, saved);
	rpc_result_clear(&r2);
	free(saved);
	fake_cleanup(&f);
}
END_TEST

/*
 * One iobuf_get_stats wanted as text, answered with reply (its '@' the id)
 * cut in two at cut (0: whole), the first piece read and framed before the
 * second is written; its outcome in r.  (After the reply's last byte the
 * request may be decided already: then the second piece is only spaces.)
 */
static enum rpc_status ask_text_cut(struct rpc_client *c, struct fake *f, const char *reply,
				    size_t cut, struct rpc_result *r)
{
	uint64_t id = send_ok(c, "iobuf_get_stats", NULL);
	const char *at = strchr(reply, '@');
	size_t len;
	char *s;

	ck_assert_ptr_nonnull(at);
	ck_assert_int_eq(rpc_client_want_text(c, id), 0);
	json_decref(serve_request(c, f));
	ck_assert_int_ne(asprintf(&s, "%.*s%llu%s", (int)(at - reply), reply,
				  (unsigned long long)id, at + 1), -1);
	len = strlen(s);
	if (cut > 0 && cut < len) {
		struct pollfd p;

		fake_write(f, s, cut);
		ck_assert(rpc_client_pollfd(c, &p));
		ck_assert_int_eq(poll(&p, 1, 1000), 1);
		rpc_client_process(c, p.revents, mt_now());
		/* Decided only once the closing brace is in. */
		if (cut <= (size_t)(strrchr(s, '}') - s))
			ck_assert_int_eq(rpc_client_take(c, id, r), RPC_PENDING);
		fake_write(f, s + cut, len - cut);
	} else {
		fake_write(f, s, len);
	}
	free(s);
	return wait_result(c, f, id, r);
}

/*
 * The text path takes a reply's members from its framing: the result's
 * text comes out the same wherever the reply is cut, with "id" and
 * "result" anywhere among the members, spaces between, an "error" or "id"
 * deeper down, and more members than the framing keeps (walked again).
 */
START_TEST(test_text_members_from_the_framing)
{
	static const struct {
		const char *reply, *text;
	} replies[] = {
		{ "{\"jsonrpc\":\"2.0\",\"id\":@,\"result\":[{\"module\":\"accel\",\"small_pool\":"
		  "{\"cache\":0,\"main\":0,\"retry\":0,\"cache_size\":0}}]}\n",
		  "[{\"module\":\"accel\",\"small_pool\":{\"cache\":0,\"main\":0,\"retry\":0,"
		  "\"cache_size\":0}}]" },
		{ " { \"result\" : [1, {\"a\":\"}\",\"id\":0}] , \"jsonrpc\":\"2.0\", \"id\" : @ }\t",
		  "[1, {\"a\":\"}\",\"id\":0}]" },
		{ "{\"jsonrpc\":\"2.0\",\"a\":1,\"b\":[2,\"]\"],\"c\":{},\"id\":@,\"result\":\"x\"}",
		  "\"x\"" },
		{ "{\"jsonrpc\":\"2.0\",\"id\":@,\"result\":[8],\"a\":{\"error\":1}}", "[8]" },
		{ "{\"id\":@,\"result\":-1.5e+3}", "-1.5e+3" },
	};
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	for (size_t i = 0; i < sizeof(replies) / sizeof(replies[0]); i++) {
		size_t len = strlen(replies[i].reply) + 20;

		for (size_t cut = 0; cut < len; cut++) {
			ck_assert_int_eq(ask_text_cut(c, &f, replies[i].reply, cut, &r), RPC_OK);
			ck_assert_ptr_null(r.result);
			ck_assert_msg(r.text && strcmp(r.text, replies[i].text) == 0,
				      "reply %zu cut at %zu: text '%s'", i, cut,
				      r.text ? r.text : "(none)");
			ck_assert_uint_eq(r.text_len, strlen(replies[i].text));
			rpc_result_clear(&r);
		}
	}
	/* "id" twice: the first names the request, as json_stream_member_raw found it. */
	ck_assert_int_eq(ask_text_cut(c, &f, "{\"id\":@,\"id\":999,\"result\":[7]}", 0, &r),
			 RPC_OK);
	ck_assert_str_eq(r.text, "[7]");
	rpc_result_clear(&r);
	/* An "error" beside the result: the tree decides, as ever. */
	ck_assert_int_eq(ask_text_cut(c, &f, "{\"id\":@,\"result\":[7],\"error\":{\"code\":-1,"
				      "\"message\":\"no\"}}", 0, &r), RPC_ERR_REMOTE);
	ck_assert_ptr_null(r.text);
	ck_assert_str_eq(r.message, "no");
	ck_assert(rpc_client_connected(c));
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/* Replies to ids we never sent (or null, or strings) are dropped without a trace. */
START_TEST(test_unknown_ids_dropped)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	uint64_t id;
	char *ok, *noise;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	id = send_ok(c, "spdk_get_version", NULL);
	json_decref(serve_request(c, &f));
	noise = transcript_read("error.empty_batch.response.json", NULL); /* "id":null */
	fake_write_str(&f, noise);
	free(noise);
	fake_write_str(&f, "{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":1}");
	fake_write_str(&f, "{\"jsonrpc\":\"2.0\",\"id\":\"abc-1\",\"result\":1}");
	fake_write_str(&f, "{\"jsonrpc\":\"2.0\",\"id\":18446744073709551615,\"result\":1}\n");
	ok = reply_ok(id, "{\"version\":\"x\"}");
	fake_write_str(&f, ok);
	free(ok);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_OK);
	ck_assert_str_eq(json_string_value(json_object_get(r.result, "version")), "x");
	rpc_result_clear(&r);
	ck_assert(rpc_client_connected(c));
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/* One request answered with an error object whose code is the text `code`. */
static enum rpc_status error_code_reply(struct rpc_client *c, struct fake *f, const char *code,
					struct rpc_result *r)
{
	uint64_t id = send_ok(c, "iobuf_get_stats", NULL);
	char *s;

	json_decref(serve_request(c, f));
	ck_assert_int_ne(asprintf(&s, "{\"id\":%llu,\"error\":{\"code\":%s,\"message\":\"odd\"}}",
				  (unsigned long long)id, code), -1);
	fake_write_str(f, s);
	free(s);
	return wait_result(c, f, id, r);
}

START_TEST(test_protocol_errors)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	uint64_t id, id2;
	char *s;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);

	id = send_ok(c, "iobuf_get_stats", NULL);
	json_decref(serve_request(c, &f));
	ck_assert_int_ne(asprintf(&s, "{\"jsonrpc\":\"2.0\",\"id\":%llu}\n",
				  (unsigned long long)id), -1);
	fake_write_str(&f, s);
	free(s);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_ERR_PROTOCOL);
	/* Without the method: the collector and the actions put it in front (issue 12). */
	ck_assert_str_eq(r.message, "reply has neither \"result\" nor \"error\"");

	id = send_ok(c, "iobuf_get_stats", NULL);
	json_decref(serve_request(c, &f));
	ck_assert_int_ne(asprintf(&s, "{\"id\":%llu,\"error\":{\"message\":\"x\"}}",
				  (unsigned long long)id), -1);
	fake_write_str(&f, s);
	free(s);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_ERR_PROTOCOL);
	ck_assert_str_eq(r.message, "error reply without an integer \"code\"");

	/* A code no C int holds is shown as it came, not cut to 32 bits ("SPDK error 0"). */
	ck_assert_int_eq(error_code_reply(c, &f, "-9223372036854775808", &r), RPC_ERR_PROTOCOL);
	ck_assert_str_eq(r.message, "error reply with code -9223372036854775808, outside SPDK's "
			 "int range: odd");
	ck_assert_int_eq(error_code_reply(c, &f, "4294967295", &r), RPC_ERR_PROTOCOL);
	ck_assert_ptr_nonnull(strstr(r.message, "code 4294967295, outside"));
	/* Control: the smallest int is an ordinary SPDK error. */
	ck_assert_int_eq(error_code_reply(c, &f, "-2147483648", &r), RPC_ERR_REMOTE);
	ck_assert_int_eq(r.code, INT_MIN);

	/* Framed fine but beyond what jansson loads (not UTF-8): only this request fails. */
	id = send_ok(c, "iobuf_get_stats", NULL);
	json_decref(serve_request(c, &f));
	ck_assert_int_ne(asprintf(&s, "{\"id\":%llu,\"result\":[\"\xff\xfe\"]}",
				  (unsigned long long)id), -1);
	fake_write_str(&f, s);
	free(s);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_ERR_PROTOCOL);
	ck_assert_ptr_eq(strstr(r.message, "reply is not valid JSON"), r.message);
	ck_assert(rpc_client_connected(c));

	/* Not an object: not JSON-RPC at all; every waiting request fails, connection dropped. */
	id = send_ok(c, "iobuf_get_stats", NULL);
	id2 = send_ok(c, "spdk_get_version", NULL);
	json_decref(serve_request(c, &f));
	fake_write_str(&f, "[1,2]");
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_ERR_PROTOCOL);
	ck_assert_str_eq(r.message, "reply is an array, not a JSON-RPC object; connection dropped");
	ck_assert_int_eq(rpc_client_take(c, id2, &r), RPC_ERR_PROTOCOL);
	ck_assert(!rpc_client_connected(c));

	/* Bytes that are not JSON at all. */
	fake_drop_conn(&f);
	id = send_ok(c, "spdk_get_version", NULL);
	json_decref(serve_request(c, &f));
	fake_write_str(&f, "hello world\n");
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_ERR_PROTOCOL);
	ck_assert_ptr_nonnull(strstr(r.message, "not JSON"));
	ck_assert(!rpc_client_connected(c));
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/*
 * SPDK's counters are uint64: recorded replies with counters past INT64_MAX
 * load (jansson alone refuses the whole text) and decode to the exact value.
 */
#define SMALL_IDLE "\"small_pool\":{\"cache\":0,\"main\":0,\"retry\":0,\"cache_size\":0}"

START_TEST(test_uint64_counters_above_int64)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	struct iobuf_snapshot snap;
	struct mt_err err;
	uint64_t id;
	char *reply, *p;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);

	id = send_ok(c, "iobuf_get_stats", NULL);
	json_decref(serve_request(c, &f));
	reply = transcript_reply("iobuf_get_stats.idle.response.json", id);
	/* The recorded shape with two counters at 2^64-1 and one at 2^63. */
	p = strstr(reply, SMALL_IDLE);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_ne(asprintf(&p, "%.*s\"small_pool\":{\"cache\":9223372036854775808,"
				  "\"main\":18446744073709551615,\"retry\":18446744073709551615,"
				  "\"cache_size\":0}%s", (int)(p - reply), reply,
				  p + strlen(SMALL_IDLE)), -1);
	free(reply);
	fake_write_str(&f, p);
	free(p);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_OK);
	memset(&snap, 0, sizeof(snap));
	ck_assert_msg(iobuf_decode_stats(r.result, &snap, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(snap.modules[0].small.retry, UINT64_MAX);
	ck_assert_uint_eq(snap.modules[0].small.main, UINT64_MAX);
	ck_assert_uint_eq(snap.modules[0].small.cache, (uint64_t)INT64_MAX + 1);
	rpc_result_clear(&r);

	id = send_ok(c, "framework_get_config", NULL);
	json_decref(serve_request(c, &f));
	ck_assert_int_ne(asprintf(&p, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":[{\"method\":"
				  "\"iobuf_set_options\",\"params\":{\"small_pool_count\":"
				  "18446744073709551615,\"large_pool_count\":1024,"
				  "\"small_bufsize\":8192,\"large_bufsize\":135168,"
				  "\"enable_numa\":false}}]}\n", (unsigned long long)id), -1);
	fake_write_str(&f, p);
	free(p);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_OK);
	ck_assert_msg(iobuf_decode_options(r.result, &snap.opts, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(snap.opts.small_pool_count, UINT64_MAX);
	ck_assert_uint_eq(snap.opts.large_pool_count, 1024);
	rpc_result_clear(&r);
	ck_assert(rpc_client_connected(c));
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_server_closes_then_reconnect)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	uint64_t id1, id2;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	id1 = send_ok(c, "iobuf_get_stats", NULL);
	id2 = send_ok(c, "spdk_get_version", NULL);
	json_decref(serve_request(c, &f));
	fake_drop_conn(&f); /* what SPDK does after invalid JSON: close, say nothing */
	ck_assert_int_eq(wait_result(c, &f, id1, &r), RPC_ERR_CLOSED);
	ck_assert_str_eq(r.message, "connection closed by target");
	ck_assert_int_eq(rpc_client_take(c, id2, &r), RPC_ERR_CLOSED);
	ck_assert(!rpc_client_connected(c));
	ck_assert_uint_eq(f.accepts, 1);

	/* The next send opens a new connection at once (no backoff after a close). */
	id1 = send_ok(c, "spdk_get_version", NULL);
	accept_and_answer(c, &f, id1, "{\"version\":\"again\"}");
	ck_assert_int_eq(wait_result(c, &f, id1, &r), RPC_OK);
	rpc_result_clear(&r);
	ck_assert_uint_eq(f.accepts, 2);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/*
 * The target closed an idle connection: the next request must not pay for
 * it, whether the caller polled the idle socket in between (the close is
 * seen when it happens) or not (the client checks before it sends).
 */
static void idle_connection_closed(bool polled)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	struct pollfd pfd;
	uint64_t id;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	id = send_ok(c, "spdk_get_version", NULL);
	accept_and_answer(c, &f, id, "1");
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_OK);
	rpc_result_clear(&r);
	if (polled) {
		/* Quiet: nothing to read, the connection stays. */
		ck_assert(rpc_client_pollfd(c, &pfd));
		ck_assert_int_eq(poll(&pfd, 1, 0), 0);
		rpc_client_process(c, 0, mt_now());
		ck_assert(rpc_client_connected(c));
	}
	fake_drop_conn(&f);
	if (polled) {
		ck_assert(rpc_client_pollfd(c, &pfd));
		ck_assert_int_eq(pfd.events & POLLOUT, 0);
		ck_assert_int_eq(poll(&pfd, 1, 2000), 1);
		rpc_client_process(c, pfd.revents, mt_now());
		ck_assert(!rpc_client_connected(c));
	}
	id = send_ok(c, "spdk_get_version", NULL);
	accept_and_answer(c, &f, id, "2");
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_OK);
	ck_assert_int_eq(json_integer_value(r.result), 2);
	rpc_result_clear(&r);
	ck_assert_uint_eq(f.accepts, 2);
	rpc_client_free(c);
	fake_cleanup(&f);
}

START_TEST(test_idle_connection_closed)
{
	idle_connection_closed(false);
}
END_TEST

START_TEST(test_idle_close_seen_by_poll)
{
	idle_connection_closed(true);
}
END_TEST

/* Writing to a closed peer must give EPIPE, never a SIGPIPE that kills the process. */
START_TEST(test_no_sigpipe)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	uint64_t id1, id2;

	signal(SIGPIPE, SIG_DFL);
	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	id1 = send_ok(c, "iobuf_get_stats", NULL);
	json_decref(serve_request(c, &f));
	fake_drop_conn(&f);
	/* id1 is still waiting, so this send writes straight into the closed socket. */
	id2 = send_ok(c, "spdk_get_version", NULL);
	ck_assert_int_eq(wait_result(c, &f, id1, &r), RPC_ERR_CLOSED);
	ck_assert_int_eq(rpc_client_take(c, id2, &r), RPC_ERR_CLOSED);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_no_listener_and_backoff)
{
	struct fake f;
	struct rpc_client *c;
	struct mt_err err = { 0 };
	struct rpc_result r;
	char want[200];
	uint64_t id;
	double t0, wait1, wait2;

	fake_init(&f); /* no socket in the directory */
	c = client_for(&f);
	snprintf(want, sizeof(want), "no such socket %s", f.path);
	t0 = mt_now();
	ck_assert_int_eq(rpc_client_send(c, "spdk_get_version", NULL, t0 + 1, &id, &err), -1);
	ck_assert_int_eq(err.code, RPC_ERR_UNREACHABLE);
	ck_assert_str_eq(err.msg, want);
	ck_assert(!rpc_client_pollfd(c, &(struct pollfd){ 0 }));

	/* Backing off: fails at once, says why and when it will try again. */
	ck_assert_int_eq(rpc_client_call(c, "spdk_get_version", NULL, 1.0, &r),
			 RPC_ERR_UNREACHABLE);
	ck_assert_int_eq(r.code, -ENOENT);
	ck_assert_ptr_nonnull(strstr(r.message, want));
	ck_assert_ptr_nonnull(strstr(r.message, "(retry in 0."));
	wait1 = rpc_client_next_deadline(c) - t0;
	ck_assert(wait1 > 0.2 && wait1 <= 0.26);

	/* After the backoff, the next failure doubles it. */
	ck_assert_int_eq(poll(NULL, 0, (int)ceil((rpc_client_next_deadline(c) - mt_now()) * 1000)),
			 0);
	t0 = mt_now();
	ck_assert_int_eq(rpc_client_send(c, "spdk_get_version", NULL, t0 + 1, &id, &err), -1);
	ck_assert_str_eq(err.msg, want);
	wait2 = rpc_client_next_deadline(c) - t0;
	ck_assert(wait2 > 0.45 && wait2 <= 0.51);

	/* And no further: a target that comes back is found within half a second. */
	ck_assert_int_eq(poll(NULL, 0, (int)ceil((rpc_client_next_deadline(c) - mt_now()) * 1000)),
			 0);
	t0 = mt_now();
	ck_assert_int_eq(rpc_client_send(c, "spdk_get_version", NULL, t0 + 1, &id, &err), -1);
	wait2 = rpc_client_next_deadline(c) - t0;
	ck_assert(wait2 > 0.45 && wait2 <= 0.51);

	/* reconnect_now forgets the backoff: the next send really tries again. */
	rpc_client_reconnect_now(c);
	ck_assert(isinf(rpc_client_next_deadline(c)));
	ck_assert_int_eq(rpc_client_send(c, "spdk_get_version", NULL, mt_now() + 1, &id, &err), -1);
	ck_assert_str_eq(err.msg, want);

	/* And once a target listens, it connects. */
	rpc_client_reconnect_now(c);
	fake_listen_unix(&f);
	id = send_ok(c, "spdk_get_version", NULL);
	accept_and_answer(c, &f, id, "true");
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_OK);
	rpc_result_clear(&r);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_connection_refused)
{
	struct fake f;
	struct rpc_client *c;
	struct mt_err err = { 0 };
	char want[200];
	uint64_t id;

	fake_init(&f);
	fake_listen_unix(&f);
	close(f.lfd); /* the socket file stays, nobody listens: a target that died */
	f.lfd = -1;
	c = client_for(&f);
	snprintf(want, sizeof(want), "connection refused by %s", f.path);
	ck_assert_int_eq(rpc_client_send(c, "spdk_get_version", NULL, mt_now() + 1, &id, &err), -1);
	ck_assert_int_eq(err.code, RPC_ERR_UNREACHABLE);
	ck_assert_str_eq(err.msg, want);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/* Result of a permission check run as someone the directory keeps out. */
static int denied_as(struct fake *f)
{
	struct rpc_client *c = client_for(f);
	struct rpc_result r;
	enum rpc_status st = rpc_client_call(c, "spdk_get_version", NULL, 1.0, &r);
	int ok = st == RPC_ERR_UNREACHABLE && r.code == -EACCES &&
		 strstr(r.message, "permission denied") && strstr(r.message, f->path);

	if (!ok)
		fprintf(stderr, "permission case: %s: %s\n", rpc_status_name(st), r.message);
	rpc_result_clear(&r);
	rpc_client_free(c);
	return ok ? 0 : 1;
}

START_TEST(test_permission_denied)
{
	struct fake f;
	int status;
	pid_t pid;

	fake_init(&f);
	fake_listen_unix(&f);
	if (geteuid() != 0) {
		ck_assert_int_eq(chmod(f.dir, 0), 0);
		ck_assert_int_eq(denied_as(&f), 0);
		fake_cleanup(&f);
		return;
	}
	/* root passes any permission check: test as 'nobody' in a child instead. */
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(77);
		_exit(denied_as(&f));
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		fprintf(stderr, "test_permission_denied: SKIPPED "
				"(root, and cannot drop to uid 65534)\n");
	else
		ck_assert_int_eq(WEXITSTATUS(status), 0);
	fake_cleanup(&f);
}
END_TEST

/* A target that accepts (the kernel does, from its backlog) but never answers. */
START_TEST(test_timeout_within_deadline)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	double t0, took;
	uint64_t id;
	char *late;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	t0 = mt_now();
	ck_assert_int_eq(rpc_client_call(c, "iobuf_get_stats", NULL, 0.3, &r), RPC_ERR_TIMEOUT);
	took = mt_now() - t0;
	/*
	 * The bound allows a loaded 2-core CI machine's scheduling delay; a call
	 * that blocked past its deadline by design would overshoot by seconds.
	 */
	ck_assert_msg(took >= 0.3 && took < 0.3 + DEADLINE_SLACK,
		      "call took %.3f s for a 0.3 s deadline", took);
	ck_assert_str_eq(r.message, "no reply within 0.3 s");
	ck_assert(rpc_client_connected(c)); /* a slow target keeps its connection */

	t0 = mt_now();
	ck_assert_int_eq(rpc_client_call(c, "iobuf_get_stats", NULL, 1.0, &r), RPC_ERR_TIMEOUT);
	took = mt_now() - t0;
	ck_assert_msg(took >= 1.0 && took < 1.0 + DEADLINE_SLACK,
		      "call took %.3f s for a 1.0 s deadline", took);
	ck_assert_str_eq(r.message, "no reply within 1.0 s");

	/* The late replies arrive: dropped by id; the next request works on the same connection. */
	id = send_ok(c, "spdk_get_version", NULL);
	ck_assert_uint_eq(id, 3);
	json_decref(serve_request(c, &f));
	json_decref(serve_request(c, &f));
	json_decref(serve_request(c, &f));
	late = reply_ok(1, "\"late\"");
	fake_write_str(&f, late);
	free(late);
	late = reply_ok(3, "\"fresh\"");
	fake_write_str(&f, late);
	free(late);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_OK);
	ck_assert_str_eq(json_string_value(r.result), "fresh");
	rpc_result_clear(&r);
	ck_assert_uint_eq(f.accepts, 1);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/* Through the non-blocking loop API: a pending request expires at its deadline. */
START_TEST(test_deadline_via_process)
{
	struct fake f;
	struct rpc_client *c;
	struct mt_err err = { 0 };
	struct rpc_result r;
	double deadline;
	uint64_t id, id2;
	char *late;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	ck_assert(isinf(rpc_client_next_deadline(c)));
	deadline = mt_now() + 0.2;
	ck_assert_int_eq(rpc_client_send(c, "iobuf_get_stats", NULL, deadline, &id, &err), 0);
	ck_assert_double_eq(rpc_client_next_deadline(c), deadline);
	rpc_client_process(c, 0, deadline - 0.01);
	ck_assert_int_eq(rpc_client_take(c, id, &r), RPC_PENDING);
	rpc_client_process(c, 0, deadline);
	ck_assert(isinf(rpc_client_next_deadline(c)));

	/* The late reply must not overwrite the timeout the caller has yet to take. */
	id2 = send_ok(c, "spdk_get_version", NULL);
	json_decref(serve_request(c, &f));
	json_decref(serve_request(c, &f));
	late = reply_ok(id, "\"late\"");
	fake_write_str(&f, late);
	free(late);
	late = reply_ok(id2, "\"fresh\"");
	fake_write_str(&f, late);
	free(late);
	ck_assert_int_eq(wait_result(c, &f, id2, &r), RPC_OK);
	rpc_result_clear(&r);
	ck_assert_int_eq(rpc_client_take(c, id, &r), RPC_ERR_TIMEOUT);
	ck_assert_int_eq(r.code, -ETIMEDOUT);
	ck_assert_ptr_null(r.result);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/* Streams `len` bytes of reply from the server while the client reads. */
static void stream_to_client(struct rpc_client *c, struct fake *f, const char *data, size_t len)
{
	double limit = mt_now() + 4 * GUARD;
	size_t off = 0;

	while (off < len) {
		struct pollfd p[2] = { { .fd = f->cfd, .events = POLLOUT } };
		int n = 1, ci = -1;
		ssize_t w;

		ck_assert_msg(mt_now() < limit, "streaming stuck at %zu of %zu", off, len);
		if (rpc_client_pollfd(c, &p[1]))
			ci = n++;
		ck_assert_int_ge(poll(p, (nfds_t)n, 1000), 0);
		if (p[0].revents & (POLLERR | POLLHUP))
			return; /* the client dropped us */
		if (p[0].revents & POLLOUT) {
			w = send(f->cfd, data + off, len - off, MSG_NOSIGNAL);
			if (w < 0 && (errno == EPIPE || errno == ECONNRESET))
				return;
			if (w > 0)
				off += (size_t)w;
		}
		if (ci >= 0)
			rpc_client_process(c, p[ci].revents, mt_now());
	}
}

static char *big_reply(uint64_t id, size_t total)
{
	char head[64];
	int h = snprintf(head, sizeof(head), "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":\"",
			 (unsigned long long)id);
	char *s = malloc(total + 1);

	ck_assert_ptr_nonnull(s);
	memcpy(s, head, (size_t)h);
	memset(s + h, 'a', total - (size_t)h - 2);
	memcpy(s + total - 2, "\"}", 2);
	s[total] = '\0';
	return s;
}

/* A reply of `objects` empty objects, [{},{},...], as the result. */
static char *dense_reply(uint64_t id, size_t objects, size_t *len)
{
	char head[64];
	int h = snprintf(head, sizeof(head), "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":[",
			 (unsigned long long)id);
	size_t total = (size_t)h + objects * 3 + 2;
	char *s = malloc(total + 1), *p;

	ck_assert_ptr_nonnull(s);
	memcpy(s, head, (size_t)h);
	p = s + h;
	for (size_t i = 0; i < objects; i++, p += 3)
		memcpy(p, "{},", 3);
	memcpy(p - 1, "]}\n", 3); /* the last comma becomes the array's end */
	*len = total;
	s[total] = '\0';
	return s;
}

static long max_rss_kb(void)
{
	struct rusage ru;

	ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

/*
 * 31 MB of [{},{},...] is under the 32 MiB cap but 10 million values: it is
 * refused before jansson builds any of it, quickly and in bounded memory,
 * and the connection goes on serving.
 */
START_TEST(test_dense_reply_refused_before_parsing)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	size_t len;
	uint64_t id;
	char *reply, want[160];
	long rss0;
	double t0;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	id = send_ok(c, "iobuf_get_stats", NULL);
	json_decref(serve_request(c, &f));
	reply = dense_reply(id, 31u * 1000 * 1000 / 3, &len);
	rss0 = max_rss_kb();
	t0 = mt_now();
	stream_to_client(c, &f, reply, len);
	free(reply);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_ERR_PROTOCOL);
	fprintf(stderr, "31 MB dense reply refused in %.3f s, max RSS +%ld MB\n", mt_now() - t0,
		(max_rss_kb() - rss0) / 1024);
	snprintf(want, sizeof(want), "reply of %zu bytes has more than 200000 "
		 "JSON values (refused before parsing, at byte ", len - 1);
	ck_assert_msg(strncmp(r.message, want, strlen(want)) == 0, "%s", r.message);
	/* jansson never saw it: the client holds the 31 MB text, not gigabytes of values. */
	ck_assert_int_lt(max_rss_kb() - rss0, 160 * 1024);
	ck_assert(rpc_client_connected(c));

	/* 64 arrays in the reply object: 65 levels, refused the same way; 64 levels load. */
	id = send_ok(c, "rpc_get_methods", NULL);
	json_decref(serve_request(c, &f));
	reply = reply_ok(id, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
			     "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
	fake_write_str(&f, reply);
	free(reply);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_ERR_PROTOCOL);
	/* No method name: the collector and the actions put it in front. */
	ck_assert_msg(strncmp(r.message, "reply of ", 9) == 0, "%s", r.message);
	ck_assert_ptr_nonnull(strstr(r.message, "has nesting deeper than 64 levels"));
	id = send_ok(c, "rpc_get_methods", NULL);
	json_decref(serve_request(c, &f));
	reply = reply_ok(id, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
			     "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
	fake_write_str(&f, reply);
	free(reply);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_OK);
	rpc_result_clear(&r);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_reply_size_limit)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	uint64_t id;
	char *reply;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);

	/* Exactly 32 MiB is SPDK's limit and still accepted. */
	id = send_ok(c, "env_dpdk_get_mem_stats", NULL);
	json_decref(serve_request(c, &f));
	reply = big_reply(id, RPC_MAX_RESPONSE);
	stream_to_client(c, &f, reply, RPC_MAX_RESPONSE);
	free(reply);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_OK);
	ck_assert_uint_eq(json_string_length(r.result),
			  RPC_MAX_RESPONSE -
				  strlen("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"\"}"));
	rpc_result_clear(&r);
	ck_assert(rpc_client_connected(c));

	/* One byte more: refused, connection dropped. */
	id = send_ok(c, "env_dpdk_get_mem_stats", NULL);
	json_decref(serve_request(c, &f));
	reply = big_reply(id, RPC_MAX_RESPONSE + 1);
	stream_to_client(c, &f, reply, RPC_MAX_RESPONSE + 1);
	free(reply);
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_ERR_PROTOCOL);
	ck_assert_ptr_nonnull(strstr(r.message, "larger than 32 MiB"));
	ck_assert(!rpc_client_connected(c));
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/* Requests larger than the socket buffer go out in pieces, driven by POLLOUT. */
START_TEST(test_partial_writes)
{
	struct fake f;
	struct rpc_client *c;
	struct pollfd p;
	size_t big = 200 * 1024;
	char *payload = malloc(big + 1);
	uint64_t ids[4];

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	for (int i = 0; i < 4; i++) {
		json_t *params;

		memset(payload, 'a' + i, big);
		payload[big] = '\0';
		params = json_pack("{s:s}", "blob", payload);
		ids[i] = send_ok(c, "bdev_malloc_create", params);
		json_decref(params);
	}
	/* 800 KiB cannot all sit in the kernel: the rest waits in the client. */
	ck_assert(rpc_client_pollfd(c, &p));
	ck_assert(p.events & POLLOUT);
	for (int i = 0; i < 4; i++) {
		json_t *req = serve_request(c, &f);
		const char *blob = json_string_value(json_object_get(json_object_get(req, "params"),
								     "blob"));

		ck_assert_uint_eq(request_id(req), ids[i]);
		ck_assert_ptr_nonnull(blob);
		ck_assert_uint_eq(strlen(blob), big);
		ck_assert(blob[0] == 'a' + i && blob[big - 1] == 'a' + i &&
			  strspn(blob, (char[]){ (char)('a' + i), 0 }) == big);
		json_decref(req);
	}
	ck_assert(rpc_client_pollfd(c, &p));
	ck_assert(!(p.events & POLLOUT));
	free(payload);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_request_too_large)
{
	struct fake f;
	struct rpc_client *c;
	struct mt_err err = { 0 };
	char *payload = malloc(300 * 1024);
	json_t *params;
	uint64_t id;

	memset(payload, 'x', 300 * 1024 - 1);
	payload[300 * 1024 - 1] = '\0';
	params = json_pack("{s:s}", "blob", payload);
	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	ck_assert_int_eq(rpc_client_send(c, "bdev_malloc_create", params, mt_now() + 1, &id, &err),
			 -1);
	ck_assert_int_eq(err.code, RPC_ERR_PROTOCOL);
	ck_assert_ptr_nonnull(strstr(err.msg, "SPDK accepts at most 262144"));
	json_decref(params);
	free(payload);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/* ---- host names: resolved off the loop, by an injected resolver ---------- */

/* Any call to it is a failure the test sees in the request's outcome. */
static int resolver_must_not_run(const char *host, uint16_t port, struct sockaddr_storage *out,
				 socklen_t *len, struct mt_err *err)
{
	(void)port;
	(void)out;
	(void)len;
	mt_err_set(err, -EINVAL, "resolver called for '%s'", host);
	return -1;
}

static int resolver_fails(const char *host, uint16_t port, struct sockaddr_storage *out,
			  socklen_t *len, struct mt_err *err)
{
	(void)port;
	(void)out;
	(void)len;
	mt_err_set(err, -EHOSTUNREACH, "cannot resolve RPC host '%s': Name or service not known",
		   host);
	return -1;
}

/* A resolver whose answer takes `ms`, as a DNS server that is slow or never answers. */
static int resolve_loopback_after(unsigned ms, uint16_t port, struct sockaddr_storage *out,
				  socklen_t *len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)out;

	/* This thread stands for a resolver stuck in the network: nothing to wait on. */
	poll(NULL, 0, (int)ms);
	memset(out, 0, sizeof(*out));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	*len = sizeof(*sin);
	return 0;
}

static int resolver_200ms(const char *host, uint16_t port, struct sockaddr_storage *out,
			  socklen_t *len, struct mt_err *err)
{
	(void)host;
	(void)err;
	return resolve_loopback_after(200, port, out, len);
}

static int resolver_3s(const char *host, uint16_t port, struct sockaddr_storage *out,
		       socklen_t *len, struct mt_err *err)
{
	(void)host;
	(void)err;
	return resolve_loopback_after(3000, port, out, len);
}

static struct rpc_client *tcp_client(const char *host, uint16_t port, rpc_resolver_fn fn)
{
	struct rpc_addr a;
	struct rpc_client *c;

	ck_assert_int_eq(rpc_addr_parse(host, port, &a, NULL), 0);
	ck_assert(a.is_tcp);
	c = rpc_client_new(&a);
	ck_assert_ptr_nonnull(c);
	rpc_client_set_resolver(c, fn);
	return c;
}

/*
 * A TCP fake, and one request through a client for host with resolver fn,
 * answered and checked; returns the fake's port.
 */
static uint16_t answered_over_tcp(struct fake *f, const char *host, rpc_resolver_fn fn)
{
	struct rpc_client *c;
	struct rpc_result r;
	uint16_t port;
	uint64_t id;

	fake_init(f);
	port = fake_listen_tcp(f, 16);
	c = tcp_client(host, port, fn);
	id = send_ok(c, "spdk_get_version", NULL);
	accept_and_answer(c, f, id, "{\"version\":\"over tcp\"}");
	ck_assert_int_eq(wait_result(c, f, id, &r), RPC_OK);
	ck_assert_str_eq(json_string_value(json_object_get(r.result, "version")), "over tcp");
	rpc_result_clear(&r);
	ck_assert_uint_eq(rpc_client_connections(c), 1);
	rpc_client_free(c);
	return port;
}

START_TEST(test_numeric_hosts_never_resolved)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	uint16_t port = answered_over_tcp(&f, "127.0.0.1", resolver_must_not_run);

	/* An IPv6 literal: refused (nothing listens there), but never resolved. */
	c = tcp_client("::1", port, resolver_must_not_run);
	ck_assert_int_ne(rpc_client_call(c, "spdk_get_version", NULL, 1.0, &r), RPC_OK);
	ck_assert_msg(!strstr(r.message, "resolver called"), "%s", r.message);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_resolver_failure_is_clear_and_quick)
{
	struct rpc_client *c = tcp_client("spdk-target.invalid", 5260, resolver_fails);
	struct rpc_result r;
	double t0 = mt_now();

	ck_assert_int_eq(rpc_client_call(c, "spdk_get_version", NULL, 1.0, &r),
			 RPC_ERR_UNREACHABLE);
	ck_assert_str_eq(r.message, "cannot resolve RPC host 'spdk-target.invalid': Name or "
				    "service not known");
	ck_assert_double_lt(mt_now() - t0, 1.0);
	/* Then the usual backoff, with the same words. */
	ck_assert_int_eq(rpc_client_call(c, "spdk_get_version", NULL, 1.0, &r),
			 RPC_ERR_UNREACHABLE);
	ck_assert_ptr_nonnull(strstr(r.message, "cannot resolve RPC host 'spdk-target.invalid'"));
	rpc_client_free(c);
}
END_TEST

/*
 * A resolver that does not answer holds no one: the request fails at its
 * deadline, the loop keeps polling meanwhile, and freeing the client while
 * the resolver still runs is safe (the job frees itself when it ends).
 */
START_TEST(test_hung_resolver_bounded_by_deadline)
{
	struct rpc_client *c = tcp_client("dns-never-answers.example", 5260, resolver_3s);
	struct rpc_result r;
	struct pollfd pfd;
	double t0 = mt_now();
	uint64_t id = send_ok(c, "spdk_get_version", NULL);
	unsigned wakeups = 0;

	(void)id;
	/* Nothing blocks: the send returned at once and the loop has an fd to poll. */
	ck_assert_double_lt(mt_now() - t0, 0.1);
	ck_assert(rpc_client_pollfd(c, &pfd));
	ck_assert_int_eq(rpc_client_call(c, "rpc_get_methods", NULL, 0.3, &r),
			 RPC_ERR_UNREACHABLE);
	ck_assert_double_lt(mt_now() - t0, 0.3 + DEADLINE_SLACK);
	ck_assert_str_eq(r.message, "cannot resolve RPC host 'dns-never-answers.example' within "
				    "0.3 s (no answer from the resolver yet)");
	while (rpc_client_take(c, id, &r) == RPC_PENDING) {
		ck_assert_msg(mt_now() - t0 < GUARD, "request never decided");
		pump(c, NULL, 0.2);
		wakeups++;
	}
	ck_assert_int_eq(r.status, RPC_ERR_UNREACHABLE);
	ck_assert_double_lt(mt_now() - t0, GUARD);
	ck_assert_uint_gt(wakeups, 0);
	rpc_client_free(c);
}
END_TEST

/* A slow answer within the deadline: the socket opens then and the request goes out. */
START_TEST(test_slow_resolver_then_connects)
{
	struct fake f;

	answered_over_tcp(&f, "spdk-target.example", resolver_200ms);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_tcp_ephemeral_port)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_addr a;
	struct rpc_result r;
	char addr[64];
	uint16_t port;
	uint64_t id;

	fake_init(&f);
	port = fake_listen_tcp(&f, 16);
	snprintf(addr, sizeof(addr), "127.0.0.1:%u", (unsigned)port);
	ck_assert_int_eq(rpc_addr_parse(addr, -1, &a, NULL), 0);
	c = rpc_client_new(&a);
	id = send_ok(c, "spdk_get_version", NULL);
	accept_and_answer(c, &f, id, "{\"version\":\"tcp\"}");
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_OK);
	ck_assert_str_eq(json_string_value(json_object_get(r.result, "version")), "tcp");
	rpc_result_clear(&r);
	ck_assert(rpc_client_connected(c));
	rpc_client_free(c);

	/* The same port through -p, and refused once the listener is gone. */
	ck_assert_int_eq(rpc_addr_parse("127.0.0.1", port, &a, NULL), 0);
	c = rpc_client_new(&a);
	close(f.lfd);
	f.lfd = -1;
	ck_assert_int_eq(rpc_client_call(c, "spdk_get_version", NULL, 1.0, &r),
			 RPC_ERR_UNREACHABLE);
	snprintf(addr, sizeof(addr), "connection refused by 127.0.0.1:%u", (unsigned)port);
	ck_assert_str_eq(r.message, addr);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

/*
 * A TCP listener whose backlog is full drops SYNs (Linux, tcp_abort_on_overflow
 * = 0), so the client's connect stays in progress until its deadline.
 */
START_TEST(test_tcp_connect_timeout)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_addr a;
	struct rpc_result r;
	int fillers[4], nfill = 0;
	bool hanging = false;
	double t0, took;
	uint16_t port;
	char want[80];

	fake_init(&f);
	port = fake_listen_tcp(&f, 0);
	ck_assert_int_eq(rpc_addr_parse("127.0.0.1", port, &a, NULL), 0);
	while (nfill < 4 && !hanging) {
		struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
		struct pollfd p;

		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		fillers[nfill] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(fillers[nfill], (struct sockaddr *)&sin, sizeof(sin));
		p = (struct pollfd){ .fd = fillers[nfill], .events = POLLOUT };
		hanging = poll(&p, 1, 200) == 0;
		nfill++;
	}
	if (!hanging) {
		fprintf(stderr, "test_tcp_connect_timeout: SKIPPED (this kernel completes "
				"connects beyond the backlog)\n");
	} else {
		struct mt_err err = { 0 };
		uint64_t id;

		/* A stray POLLOUT (stale revents) must not pass for a finished handshake. */
		c = rpc_client_new(&a);
		ck_assert_int_eq(rpc_client_send(c, "x", NULL, mt_now() + 5, &id, &err), 0);
		rpc_client_process(c, POLLOUT, mt_now());
		ck_assert(!rpc_client_connected(c));
		ck_assert_int_eq(rpc_client_take(c, id, &r), RPC_PENDING);
		rpc_client_free(c);

		c = rpc_client_new(&a);
		t0 = mt_now();
		ck_assert_int_eq(rpc_client_call(c, "spdk_get_version", NULL, 0.3, &r),
				 RPC_ERR_UNREACHABLE);
		took = mt_now() - t0;
		ck_assert_msg(took >= 0.3 && took < 0.3 + DEADLINE_SLACK, "took %.3f s", took);
		snprintf(want, sizeof(want), "timed out connecting to 127.0.0.1:%u",
			 (unsigned)port);
		ck_assert_str_eq(r.message, want);
		ck_assert_int_eq(r.code, -ETIMEDOUT);
		ck_assert(!rpc_client_connected(c));
		/* A timed-out connect counts as a failed one: backoff. */
		ck_assert_int_eq(rpc_client_call(c, "spdk_get_version", NULL, 0.3, &r),
				 RPC_ERR_UNREACHABLE);
		ck_assert_ptr_nonnull(strstr(r.message, "(retry in"));
		rpc_client_free(c);
	}
	while (nfill > 0)
		close(fillers[--nfill]);
	fake_cleanup(&f);
}
END_TEST

/* rpc_client_call against a server in another process, as --once uses it. */
START_TEST(test_call_roundtrip)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	int status;
	pid_t pid;

	fake_init(&f);
	fake_listen_unix(&f);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* The child serves one request, then waits for the client to hang up. */
		struct pollfd p = { .fd = f.lfd, .events = POLLIN };
		char buf[4096], *reply;
		const char *method;
		size_t len = 0, a, b;
		json_t *req;

		if (poll(&p, 1, 5000) != 1 || (p.fd = accept(f.lfd, NULL, NULL)) < 0)
			_exit(2);
		while (json_stream_scan(buf, len, &a, &b) != JSON_SCAN_COMPLETE) {
			ssize_t n;

			if (poll(&p, 1, 5000) != 1)
				_exit(3);
			n = read(p.fd, buf + len, sizeof(buf) - len);
			if (n <= 0)
				_exit(3);
			len += (size_t)n;
		}
		req = json_loadb(buf + a, b - a, 0, NULL);
		method = req ? json_string_value(json_object_get(req, "method")) : NULL;
		if (!method || strcmp(method, "spdk_get_version") != 0)
			_exit(4);
		reply = transcript_reply("spdk_get_version.response.json", request_id(req));
		if (write(p.fd, reply, strlen(reply)) != (ssize_t)strlen(reply))
			_exit(5);
		_exit(poll(&p, 1, 5000) == 1 && read(p.fd, buf, 1) == 0 ? 0 : 6);
	}
	c = client_for(&f);
	ck_assert_int_eq(rpc_client_call(c, "spdk_get_version", NULL, 5.0, &r), RPC_OK);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(r.result, "fields"),
							   "commit")), "3230130e6a");
	rpc_result_clear(&r);
	rpc_client_free(c);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_reconnect_now_fails_pending)
{
	struct fake f;
	struct rpc_client *c;
	struct rpc_result r;
	uint64_t id;

	fake_init(&f);
	fake_listen_unix(&f);
	c = client_for(&f);
	id = send_ok(c, "iobuf_get_stats", NULL);
	json_decref(serve_request(c, &f));
	rpc_client_reconnect_now(c);
	ck_assert(!rpc_client_connected(c));
	ck_assert_int_eq(rpc_client_take(c, id, &r), RPC_ERR_CLOSED);
	ck_assert_ptr_nonnull(strstr(r.message, "reconnect"));
	fake_drop_conn(&f);
	id = send_ok(c, "iobuf_get_stats", NULL);
	accept_and_answer(c, &f, id, "[]");
	ck_assert_int_eq(wait_result(c, &f, id, &r), RPC_OK);
	rpc_result_clear(&r);
	rpc_client_free(c);
	fake_cleanup(&f);
}
END_TEST

START_TEST(test_status_names)
{
	for (int s = RPC_PENDING; s <= RPC_ERR_PROTOCOL; s++)
		ck_assert_str_ne(rpc_status_name((enum rpc_status)s), "unknown");
	ck_assert_str_eq(rpc_status_name(RPC_ERR_TIMEOUT), "timeout");
}
END_TEST

static Suite *rpc_client_suite(void)
{
	Suite *s = suite_create("rpc_client");
	TCase *tc = tcase_create("fake_server");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_request_bytes);
	tcase_add_test(tc, test_reply_byte_by_byte);
	tcase_add_test(tc, test_two_replies_one_write);
	tcase_add_test(tc, test_out_of_order);
	tcase_add_test(tc, test_remote_error_verbatim);
	tcase_add_test(tc, test_result_as_text);
	tcase_add_test(tc, test_text_refused_as_the_tree_says);
	tcase_add_test(tc, test_text_in_kept_buffer);
	tcase_add_test(tc, test_text_members_from_the_framing);
	tcase_add_test(tc, test_unknown_ids_dropped);
	tcase_add_test(tc, test_protocol_errors);
	tcase_add_test(tc, test_dense_reply_refused_before_parsing);
	tcase_add_test(tc, test_numeric_hosts_never_resolved);
	tcase_add_test(tc, test_resolver_failure_is_clear_and_quick);
	tcase_add_test(tc, test_hung_resolver_bounded_by_deadline);
	tcase_add_test(tc, test_slow_resolver_then_connects);
	tcase_add_test(tc, test_uint64_counters_above_int64);
	tcase_add_test(tc, test_server_closes_then_reconnect);
	tcase_add_test(tc, test_idle_connection_closed);
	tcase_add_test(tc, test_idle_close_seen_by_poll);
	tcase_add_test(tc, test_no_sigpipe);
	tcase_add_test(tc, test_no_listener_and_backoff);
	tcase_add_test(tc, test_connection_refused);
	tcase_add_test(tc, test_permission_denied);
	tcase_add_test(tc, test_timeout_within_deadline);
	tcase_add_test(tc, test_deadline_via_process);
	tcase_add_test(tc, test_reply_size_limit);
	tcase_add_test(tc, test_partial_writes);
	tcase_add_test(tc, test_request_too_large);
	tcase_add_test(tc, test_tcp_ephemeral_port);
	tcase_add_test(tc, test_tcp_connect_timeout);
	tcase_add_test(tc, test_call_roundtrip);
	tcase_add_test(tc, test_reconnect_now_fails_pending);
	tcase_add_test(tc, test_status_names);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(rpc_client_suite());
}
