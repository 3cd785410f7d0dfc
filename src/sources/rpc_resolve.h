/*
 * rpc_resolve: a TCP host name resolved on a thread of its own.
 *
 * getaddrinfo has no timeout: with a DNS server that never answers it holds
 * its caller for the resolver's whole retry schedule (seconds, again at each
 * reconnect).  The client's poll loop must never wait on it, so a job runs
 * the resolver on a detached thread (all signals blocked there: they belong
 * to the main thread) and signals an eventfd the loop polls with the socket.
 * The caller keeps its own deadlines; a job it gives up on finishes on its
 * own and frees itself.  Unix paths and IP literals never come here.
 */
#ifndef RPC_RESOLVE_H
#define RPC_RESOLVE_H

#include "rpc_client.h"
#include "rpc_conn.h"

struct rpc_resolve_job;

/* Starts resolving a->host with fn; NULL with err set if no thread could start. */
struct rpc_resolve_job *rpc_resolve_start(const struct rpc_addr *a, rpc_resolver_fn fn,
					  struct mt_err *err);
/* Readable once the job is done. */
int rpc_resolve_fd(const struct rpc_resolve_job *j);
/* 0 still running; 1 done: out filled; -1 done: failed, why in err. */
int rpc_resolve_result(struct rpc_resolve_job *j, struct rpc_sockaddr *out, struct mt_err *err);
/* The caller lets go (done or not); the thread frees the job if it still runs. */
void rpc_resolve_release(struct rpc_resolve_job *j);

#endif
