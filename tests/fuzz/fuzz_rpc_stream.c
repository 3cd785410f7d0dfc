/*
 * The RPC stream reader end to end: a real rpc_client on a real Unix socket
 * sends iobuf_get_stats (id 1) and spdk_get_version (id 2); the fuzzer plays
 * the target and writes the input back as its reply bytes, in chunks of
 * 2^(first byte % 17) bytes with the client reading between them (framing
 * resumed across reads, stream_buf growing and moving), then closes.  Both
 * requests must then be decided (a reply, an error, or the close) within a
 * few seconds; results that came back OK go through the iobuf decoders as
 * the collector would.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "iobuf_decode.h"
#include "mt_clock.h"
#include "rpc_client.h"

#define DECIDE_WITHIN 10.0 /* seconds after the close: beyond it the reader hangs */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int listener = -1;
static struct rpc_addr addr;

static void listen_once(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct mt_err err = { 0 };

	if (listener >= 0)
		return;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/rpc.sock", fuzz_dir());
	listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (listener < 0 || bind(listener, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(listener, 4) < 0 || rpc_addr_parse(sa.sun_path, -1, &addr, &err) < 0) {
		perror(sa.sun_path);
		abort();
	}
}

/* Lets the client do what its socket allows now, or within ms. */
static void pump(struct rpc_client *c, int ms)
{
	struct pollfd pfd = { .fd = -1 };
	bool have = rpc_client_pollfd(c, &pfd);
	int n = poll(have ? &pfd : NULL, have ? 1 : 0, ms);

	rpc_client_process(c, n > 0 ? pfd.revents : 0, mt_now());
}

static void write_all(int fd, struct rpc_client *c, const uint8_t *p, size_t n, size_t chunk)
{
	while (n > 0) {
		size_t k = n < chunk ? n : chunk;
		ssize_t w = send(fd, p, k, MSG_NOSIGNAL | MSG_DONTWAIT);

		if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
			return; /* the client dropped the connection: the rest is moot */
		if (w > 0) {
			p += w;
			n -= (size_t)w;
		}
		pump(c, w > 0 ? 0 : 10);
	}
}

static void decode(const struct rpc_result *r, int which)
{
	struct snapshot *s;
	struct mt_err err = { 0 };

	if (r->status != RPC_OK)
		return;
	s = calloc(1, sizeof(*s));
	if (!s)
		abort();
	if (which == 1)
		iobuf_decode_stats(r->result, &s->iobuf, &err);
	else
		iobuf_decode_version(r->result, s->version, sizeof(s->version), &err);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rpc_client *c;
	struct rpc_result r1 = { 0 }, r2 = { 0 };
	struct mt_err err = { 0 };
	uint64_t id1, id2;
	double until;
	int srv;

	if (size < 1)
		return 0;
	listen_once();
	c = rpc_client_new(&addr);
	if (!c)
		abort();
	if (rpc_client_send(c, "iobuf_get_stats", NULL, mt_now() + 60, &id1, &err) < 0 ||
	    rpc_client_send(c, "spdk_get_version", NULL, mt_now() + 60, &id2, &err) < 0)
		abort();
	srv = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
	if (srv < 0)
		abort();
	write_all(srv, c, data + 1, size - 1, (size_t)1 << (data[0] % 17));
	close(srv);
	until = mt_now() + DECIDE_WITHIN;
	while (rpc_client_take(c, id1, &r1) == RPC_PENDING) {
		if (mt_now() > until)
			abort(); /* the close went unnoticed: a reader that hangs */
		pump(c, 100);
	}
	while (rpc_client_take(c, id2, &r2) == RPC_PENDING) {
		if (mt_now() > until)
			abort();
		pump(c, 100);
	}
	decode(&r1, 1);
	decode(&r2, 2);
	rpc_result_clear(&r1);
	rpc_result_clear(&r2);
	rpc_client_free(c);
	return 0;
}
