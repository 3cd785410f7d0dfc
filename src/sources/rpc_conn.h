/*
 * rpc_conn: opens the client's non-blocking stream socket and words connect
 * failures for users ("no such socket /var/tmp/spdk.sock", "permission
 * denied on ...", "connection refused by ...", "timed out connecting to ...").
 * A failure sets err->code to -errno.  A TCP host name (not an IP literal)
 * needs a resolver, which may block for seconds: the client runs it off its
 * loop (rpc_resolve.h); rpc_conn_getaddrinfo is the default one.
 */
#ifndef RPC_CONN_H
#define RPC_CONN_H

#include <stdbool.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "mt_error.h"
#include "rpc_client.h"

struct rpc_sockaddr {
	struct sockaddr_storage ss;
	socklen_t len;
};

/*
 * A Unix path or an IP literal: 1 with out filled, at once.  A host name: 0,
 * it needs a resolver.  -1 with err for a path that cannot be a socket.
 */
int rpc_conn_resolve(const struct rpc_addr *a, struct rpc_sockaddr *out, struct mt_err *err);
/* The default rpc_resolver_fn: getaddrinfo, blocking; IPv6 when host has a ':'. */
int rpc_conn_getaddrinfo(const char *host, uint16_t port, struct sockaddr_storage *out,
			 socklen_t *len, struct mt_err *err);
/* Returns the fd, connected or (*in_progress) still connecting; -1 on failure. */
int rpc_conn_open(const struct rpc_addr *a, const struct rpc_sockaddr *sa, bool *in_progress,
		  struct mt_err *err);
/* After POLLOUT on a connecting fd: 0 connected, 1 still connecting, -1 failed (why in err). */
int rpc_conn_finish(int fd, const struct rpc_addr *a, struct mt_err *err);
/* Words errno e from connecting to a. */
void rpc_conn_reason(int e, const struct rpc_addr *a, struct mt_err *err);
/*
 * The pid SO_PEERCRED names for a connected Unix socket, 0 when it names
 * none (not Unix, the call failed).  For a connect() to a listening socket
 * it is the process that called listen() (man 7 unix: the credentials in
 * effect when the listener called listen(2)): the target itself, unless
 * someone else (a service manager, a parent that forked) made the socket.
 */
pid_t rpc_conn_peer_pid(int fd);
/* A refused Unix path that is no socket: true and "PATH is a directory, not a socket" in buf. */
bool rpc_conn_path_not_socket(const char *path, char *buf, size_t len);

#endif
