/*
 * rpc_conn: opens the client's non-blocking stream socket and words connect
 * failures for users ("no such socket /var/tmp/spdk.sock", "permission
 * denied on ...", "connection refused by ...", "timed out connecting to ...").
 * A failure sets err->code to -errno.  Resolving a TCP host name (not an IP
 * literal) goes through getaddrinfo and may block for the resolver's time:
 * the client does it once and keeps the address.
 */
#ifndef RPC_CONN_H
#define RPC_CONN_H

#include <stdbool.h>
#include <sys/socket.h>

#include "mt_error.h"
#include "rpc_client.h"

struct rpc_sockaddr {
	struct sockaddr_storage ss;
	socklen_t len;
};

int rpc_conn_resolve(const struct rpc_addr *a, struct rpc_sockaddr *out, struct mt_err *err);
/* Returns the fd, connected or (*in_progress) still connecting; -1 on failure. */
int rpc_conn_open(const struct rpc_addr *a, const struct rpc_sockaddr *sa, bool *in_progress,
		  struct mt_err *err);
/* After POLLOUT on a connecting fd: 0 connected, 1 still connecting, -1 failed (why in err). */
int rpc_conn_finish(int fd, const struct rpc_addr *a, struct mt_err *err);
/* Words errno e from connecting to a. */
void rpc_conn_reason(int e, const struct rpc_addr *a, struct mt_err *err);
/* A refused Unix path that is no socket: true and "PATH is a directory, not a socket" in buf. */
bool rpc_conn_path_not_socket(const char *path, char *buf, size_t len);

#endif
