/*
 * config_patch_rpc: the rpc.py line that makes the same change live
 * (contract: config_patch.h).  Option names are rpc.py's own
 * (python/spdk/cli/iobuf.py): --small-pool-count, --large-pool-count,
 * --small-bufsize, --large-bufsize, and the store_true --enable-numa.
 */
#include "config_patch.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct line {
	char *buf;
	size_t len, used;
	bool full;
};

static void put(struct line *l, const char *fmt, ...) MT_PRINTF(2, 3);

static void put(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->used, l->len - l->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= l->len - l->used)
		l->full = true;
	else
		l->used += (size_t)n;
}

/* One word for a POSIX shell: bare when it is plainly safe, else in single quotes. */
static void put_word(struct line *l, const char *s)
{
	const char *c;

	if (s[0] && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			      "0123456789_./:@%+=,-") == strlen(s)) {
		put(l, " %s", s);
		return;
	}
	put(l, " '");
	for (c = s; *c; c++) {
		if (*c == '\'')
			put(l, "'\\''");
		else
			put(l, "%c", *c);
	}
	put(l, "'");
}

int config_patch_rpc_line(const struct iobuf_set_request *req, bool enable_numa,
			  const struct rpc_addr *addr, char *buf, size_t len)
{
	struct line l = { .buf = buf, .len = len };

	if (!len)
		return -1;
	buf[0] = '\0';
	if (!req->has_small_pool_count && !req->has_large_pool_count &&
	    !req->has_small_bufsize && !req->has_large_bufsize)
		return -1;
	put(&l, "scripts/rpc.py");
	if (addr && addr->is_tcp) {
		put(&l, " -s");
		put_word(&l, addr->host);
		if (addr->port != RPC_DEFAULT_PORT)
			put(&l, " -p %u", (unsigned)addr->port);
	} else if (addr && strcmp(addr->path, RPC_DEFAULT_SOCKET)) {
		put(&l, " -s");
		put_word(&l, addr->path);
	}
	put(&l, " iobuf_set_options");
	if (req->has_small_pool_count)
		put(&l, " --small-pool-count %" PRIu64, req->small_pool_count);
	if (req->has_large_pool_count)
		put(&l, " --large-pool-count %" PRIu64, req->large_pool_count);
	if (req->has_small_bufsize)
		put(&l, " --small-bufsize %" PRIu64, req->small_bufsize);
	if (req->has_large_bufsize)
		put(&l, " --large-bufsize %" PRIu64, req->large_bufsize);
	/* Without it rpc.py sends "enable_numa": false and turns NUMA pools off. */
	if (enable_numa)
		put(&l, " --enable-numa");
	if (l.full) {
		buf[0] = '\0';
		return -1;
	}
	return (int)l.used;
}
