/*
 * config_patch_rpc: the rpc.py line that makes the same change live
 * (contract: config_patch.h).  Option names are rpc.py's own
 * (python/spdk/cli/iobuf.py): --small-pool-count, --large-pool-count,
 * --small-bufsize, --large-bufsize, and the store_true --enable-numa.
 */
#include "config_patch.h"
#include "mt_text.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* One word for a POSIX shell: bare when it is plainly safe, else in single quotes. */
static void put_word(struct mt_line *l, const char *s)
{
	const char *c;

	if (s[0] && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			      "0123456789_./:@%+=,-") == strlen(s)) {
		mt_line_put(l, " %s", s);
		return;
	}
	mt_line_put(l, " '");
	for (c = s; *c; c++) {
		if (*c == '\'')
			mt_line_put(l, "'\\''");
		else
			mt_line_put(l, "%c", *c);
	}
	mt_line_put(l, "'");
}

int config_patch_rpc_line(const struct iobuf_set_request *req, bool enable_numa,
			  const struct rpc_addr *addr, char *buf, size_t len)
{
	struct mt_line l = { .buf = buf, .len = len };

	if (!len)
		return -1;
	buf[0] = '\0';
	if (!req->has_small_pool_count && !req->has_large_pool_count &&
	    !req->has_small_bufsize && !req->has_large_bufsize)
		return -1;
	mt_line_put(&l, "scripts/rpc.py");
	if (addr && addr->is_tcp) {
		mt_line_put(&l, " -s");
		put_word(&l, addr->host);
		if (addr->port != RPC_DEFAULT_PORT)
			mt_line_put(&l, " -p %u", (unsigned)addr->port);
	} else if (addr && strcmp(addr->path, RPC_DEFAULT_SOCKET)) {
		mt_line_put(&l, " -s");
		put_word(&l, addr->path);
	}
	mt_line_put(&l, " iobuf_set_options");
	if (req->has_small_pool_count)
		mt_line_put(&l, " --small-pool-count %" PRIu64, req->small_pool_count);
	if (req->has_large_pool_count)
		mt_line_put(&l, " --large-pool-count %" PRIu64, req->large_pool_count);
	if (req->has_small_bufsize)
		mt_line_put(&l, " --small-bufsize %" PRIu64, req->small_bufsize);
	if (req->has_large_bufsize)
		mt_line_put(&l, " --large-bufsize %" PRIu64, req->large_bufsize);
	/* Without it rpc.py sends "enable_numa": false and turns NUMA pools off. */
	if (enable_numa)
		mt_line_put(&l, " --enable-numa");
	if (l.full) {
		buf[0] = '\0';
		return -1;
	}
	return (int)l.used;
}
