/*
 * rpc_client: SPDK JSON-RPC 2.0 client over a Unix or TCP stream socket.
 *
 * One persistent, non-blocking connection.  Requests are pipelined and carry
 * a monotonic deadline; replies are read as a stream of JSON values (see
 * json_stream.h) and matched by id, in any order.  Nothing here ever blocks
 * past a deadline: the dashboard drives the client from its poll loop through
 * rpc_client_pollfd()/rpc_client_process(); rpc_client_call() is a bounded
 * blocking wrapper for --once and actions.  A connection the server closed is
 * reported (RPC_ERR_CLOSED) and re-opened on a later send, with backoff
 * (0.25 s, then 0.5 s) after failed connects.  SPDK's error code and
 * message are returned verbatim.
 */
#ifndef RPC_CLIENT_H
#define RPC_CLIENT_H

#include <jansson.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "mt_error.h"

#define RPC_DEFAULT_SOCKET "/var/tmp/spdk.sock"
#define RPC_DEFAULT_PORT 5260
#define RPC_DEFAULT_TIMEOUT 1.0
#define RPC_MAX_RESPONSE (32u * 1024 * 1024)

struct rpc_addr {
	bool is_tcp;
	char path[108];      /* Unix socket path (sun_path size) */
	char host[256];      /* TCP host (IPv4/IPv6 literal or name) */
	uint16_t port;
};

/*
 * Parses rpc.py's -s/-p: a string naming an existing path or containing '/'
 * is a Unix socket; otherwise it is a TCP host and port (port < 0: default
 * 5260).  NULL s means RPC_DEFAULT_SOCKET.  "[::1]:5260" and "host:port" are
 * accepted too.
 */
int rpc_addr_parse(const char *s, int port, struct rpc_addr *out, struct mt_err *err);
/* The address as rpc.py -s takes it: the socket path, or "HOST:PORT" ("[::1]:5260"). */
void rpc_addr_format(const struct rpc_addr *a, char *buf, size_t len);

enum rpc_status {
	RPC_PENDING = 0,     /* no reply yet, deadline not reached */
	RPC_OK,              /* result holds the "result" member */
	RPC_ERR_REMOTE,      /* SPDK replied with "error": code/message verbatim */
	RPC_ERR_UNREACHABLE, /* could not connect: message says why (ENOENT, EACCES, ECONNREFUSED, backoff) */
	RPC_ERR_TIMEOUT,     /* deadline passed without a reply */
	RPC_ERR_CLOSED,      /* server closed the connection (SPDK does so on invalid JSON) */
	RPC_ERR_PROTOCOL,    /* reply was not JSON-RPC we understand, or too large */
};

struct rpc_result {
	enum rpc_status status;
	json_t *result;           /* owned by the caller when status == RPC_OK */
	/*
	 * Or, for a request marked with rpc_client_want_text(), the raw
	 * "result" value as the target sent it (result is then NULL).
	 * NUL-terminated; text_len excludes the NUL.  Usually the client's
	 * kept buffer, lent (loan set) until rpc_result_clear() gives it back,
	 * so a text every tick allocates nothing; a text that finds it lent
	 * is a copy of its own.  Either way valid until rpc_result_clear(),
	 * also after rpc_client_free().
	 */
	char *text;
	size_t text_len;
	size_t text_at;           /* where text began in the reply, */
	size_t reply_len;         /* and the reply's length (rpc_result_text_refused) */
	struct rpc_text_loan *loan;
	int code;                 /* SPDK error code (RPC_ERR_REMOTE) or -errno */
	/* SPDK message verbatim (a trailing newline dropped), or why it failed; never the method. */
	char message[MT_ERR_LEN];
};

struct rpc_client;

struct rpc_client *rpc_client_new(const struct rpc_addr *addr);
void rpc_client_free(struct rpc_client *c);
const struct rpc_addr *rpc_client_addr(const struct rpc_client *c);

/*
 * Queues a request and starts writing it; connects first if needed (never
 * waits for the connect).  params is borrowed and may be NULL.  The request
 * fails at `deadline` (mt_now() seconds) if no reply came.  Returns 0 and the
 * id, or -1 with err set when nothing could be queued (then the status a
 * caller should report is in err->code as an enum rpc_status).
 */
int rpc_client_send(struct rpc_client *c, const char *method, json_t *params,
		    double deadline, uint64_t *id, struct mt_err *err);

/*
 * Hands request id's result over as text (rpc_result.text) instead of a
 * tree, to a caller that reads it with a decoder of its own (the steady
 * tick's iobuf_get_stats).  Only where that saves work: a reply too large
 * to parse on the loop, an error reply, or a key written with escapes
 * still come as a tree.  -1 when no such request waits.
 */
int rpc_client_want_text(struct rpc_client *c, uint64_t id);

/*
 * Fills pfd with what to wait on: the socket, or the eventfd of a host name
 * being resolved or of a large reply being parsed on a thread; returns false
 * when there is nothing to wait on.
 */
bool rpc_client_pollfd(const struct rpc_client *c, struct pollfd *pfd);
/* Earliest pending deadline (or next reconnect time), INFINITY if none. */
double rpc_client_next_deadline(const struct rpc_client *c);
/*
 * Does whatever I/O revents allow, parses replies, expires deadlines.
 * revents are what poll() said of rpc_client_pollfd's fd (0: nothing); a
 * poll that found an idle connection quiet spares the next request the
 * check for a target that closed it (one system call a request).
 */
void rpc_client_process(struct rpc_client *c, short revents, double now);
/* RPC_PENDING while waiting; otherwise hands over the outcome (once). */
enum rpc_status rpc_client_take(struct rpc_client *c, uint64_t id, struct rpc_result *out);

/* Bounded blocking call: send, then poll only this socket until done. */
enum rpc_status rpc_client_call(struct rpc_client *c, const char *method, json_t *params,
				double timeout_s, struct rpc_result *out);

/*
 * Resolves a TCP host name (never a Unix path or an IP literal) into out with
 * the port set: 0, or -1 with a message naming the host in err.  It may block:
 * the client calls it on a thread of its own and waits for it only as long as
 * the requests' deadlines allow.
 */
typedef int (*rpc_resolver_fn)(const char *host, uint16_t port, struct sockaddr_storage *out,
			       socklen_t *len, struct mt_err *err);
/* Replaces getaddrinfo (tests inject a slow or failing resolver). */
void rpc_client_set_resolver(struct rpc_client *c, rpc_resolver_fn fn);

/* Drops the connection and any backoff: the next send connects at once. */
void rpc_client_reconnect_now(struct rpc_client *c);
bool rpc_client_connected(const struct rpc_client *c);
/* Connections made so far (0 before the first); a new one may reach a restarted target. */
uint64_t rpc_client_connections(const struct rpc_client *c);

/*
 * The pid of the process that listens on the Unix socket the client is
 * connected to (SO_PEERCRED, asked once per connection), 0 when not
 * connected or over TCP.  A hint:
 * check it (target_proc_check) before trusting it.
 */
pid_t rpc_client_peer_pid(struct rpc_client *c);

/*
 * r holds a text result that a text decoder refused as JSON jansson cannot
 * load: out's status, code and message become what the call would have
 * given had the reply gone to a tree (RPC_ERR_PROTOCOL, "reply is not valid
 * JSON: <jansson's words> (byte N)" or "reply of N bytes has <what>"), N
 * counted in the reply as the tree path counts it (but for members before
 * "result" that hold integers beyond int64, which the tree path counts
 * rewritten).  False, out untouched, when jansson and the client's bounds
 * would have taken it.  Only the result is looked at: a bad string in
 * another member, which the tree path would refuse too, goes unseen.
 */
bool rpc_result_text_refused(const struct rpc_result *r, struct rpc_result *out);
void rpc_result_clear(struct rpc_result *r);
const char *rpc_status_name(enum rpc_status s);

#endif
