/*
 * The client's state: one socket (connecting or connected), an output buffer
 * of request bytes not yet written, an input buffer framed by a resumable
 * json_scanner (a value over 256 KiB is parsed on a thread: rpc_reply.h), and
 * a table of requests by id.  A request leaves the table only through
 * rpc_client_take(); until then it holds its outcome.
 */
#include "rpc_client.h"
#include "fmt_num.h"
#include "json_bigint.h"
#include "json_scanner.h"
#include "json_stream.h"
#include "mt_clock.h"
#include "rpc_conn.h"
#include "rpc_reply.h"
#include "rpc_resolve.h"
#include "stream_buf.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define RPC_MAX_REQUEST (256u * 1024)   /* SPDK's server refuses larger requests */
#define RPC_MAX_UNSENT (4u * 1024 * 1024) /* a target this far behind is not reading */
#define RPC_READ_CHUNK (64u * 1024)
#define RPC_READ_BUDGET (1024u * 1024) /* per process() call: a few ms of framing at most */
/* A 32 MiB reply should not pin 32 MiB for the rest of the session. */
#define RPC_BUF_KEEP (4 * RPC_READ_CHUNK)
/*
 * What one reply may cost jansson (json_budget.h).  The largest replies read
 * (rpc_get_methods, save_config of a big target) hold tens of thousands of
 * values; 200,000 empty objects, the dearest kind, take jansson about 45 MB
 * and 0.2 to 0.4 s on a loaded 2-core machine.  SPDK's own parser stops at
 * depth 64, so no SPDK reply nests deeper and mean something.
 */
#define RPC_MAX_VALUES 200000u
#define RPC_MAX_DEPTH 64u
/*
 * Between failed connects.  At most 0.5 s: a target that comes back is found
 * by the first tick after that, within 1.5 s at the default 1 s interval (the
 * fault matrix checks 2 s); a failed connect costs next to nothing.
 */
#define RPC_BACKOFF_FIRST 0.25
#define RPC_BACKOFF_MAX 0.5

/*
 * The buffer text results are copied into, kept: the tick's reply text
 * (140 KB at 1,000 modules) malloc'ed and freed every second fragmented the
 * heap over a day (issue 10).  Lent to one result at a time; while it is
 * lent, another text gets a copy of its own.  A client freed while it is
 * lent leaves it to the result's clear.
 */
struct rpc_text_loan {
	struct stream_buf buf;
	bool lent;
	bool owner_gone;
};

struct rpc_request {
	uint64_t id;
	double sent_at;
	double deadline;
	uint64_t stray_at_send;  /* the client's stray count when it was sent */
	char method[64];
	bool want_text;        /* rpc_client_want_text() */
	struct rpc_result res; /* RPC_PENDING until decided */
};

struct rpc_client {
	struct rpc_addr addr;
	struct rpc_sockaddr sa;
	bool resolved;
	rpc_resolver_fn resolver;
	struct rpc_resolve_job *job; /* a host name being resolved: fd stays -1 meanwhile */
	int fd;
	bool connecting;
	uint64_t next_id;

	struct rpc_request *reqs;
	size_t nreqs;
	size_t capreqs;

	struct stream_buf out;
	struct stream_buf in;
	struct json_scanner scan; /* over in.data + in.head */
	struct rpc_text_loan *kept_text;
	/* A large reply parsed on a thread: the socket is not read meanwhile. */
	struct rpc_reply_job *parsing;
	size_t parsing_bytes;

	/*
	 * A poll found this connection idle and quiet (no EOF, no error) since
	 * its last request: the next send needs no check that the peer is gone.
	 */
	bool quiet;
	uint64_t connections;   /* made so far: a new one may reach a restarted target */
	pid_t peer_pid;         /* SO_PEERCRED of this connection, once asked; -1 not yet */
	uint64_t stray;         /* replies whose id matched no waiting request */
	char stray_id[24];      /* the last such id, as sent (cut) */
	double backoff;   /* 0, or the current step after failed connects */
	double retry_at;  /* mt_now() before which sends fail at once */
	struct mt_err last_fail;
};

static void set_result(struct rpc_result *r, enum rpc_status st, int code, const char *fmt, ...)
	MT_PRINTF(4, 5);

static void set_result(struct rpc_result *r, enum rpc_status st, int code, const char *fmt, ...)
{
	va_list ap;

	r->status = st;
	r->code = code;
	r->result = NULL;
	r->text = NULL;
	r->text_len = 0;
	r->loan = NULL;
	va_start(ap, fmt);
	vsnprintf(r->message, sizeof(r->message), fmt, ap);
	va_end(ap);
}

static void trim_trailing_space(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

struct rpc_client *rpc_client_new(const struct rpc_addr *addr)
{
	struct rpc_client *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->kept_text = calloc(1, sizeof(*c->kept_text));
	if (!c->kept_text) {
		free(c);
		return NULL;
	}
	c->addr = *addr;
	c->resolver = rpc_conn_getaddrinfo;
	c->fd = -1;
	c->next_id = 1;
	json_scanner_init(&c->scan);
	return c;
}

static void text_loan_free(struct rpc_text_loan *k)
{
	stream_buf_free(&k->buf);
	free(k);
}

/* Given back by the result that held it; the last of client and result frees it. */
static void text_loan_return(struct rpc_text_loan *k)
{
	k->lent = false;
	if (k->owner_gone)
		text_loan_free(k);
}

static void drop_connection(struct rpc_client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->connecting = false;
	c->quiet = false;
	rpc_reply_job_release(c->parsing); /* a parse still running frees itself when done */
	c->parsing = NULL;
	stream_buf_reset(&c->out, RPC_BUF_KEEP);
	stream_buf_reset(&c->in, RPC_BUF_KEEP);
	json_scanner_init(&c->scan);
}

void rpc_client_set_resolver(struct rpc_client *c, rpc_resolver_fn fn)
{
	c->resolver = fn ? fn : rpc_conn_getaddrinfo;
}

void rpc_client_free(struct rpc_client *c)
{
	if (!c)
		return;
	rpc_resolve_release(c->job); /* a resolver still running frees it when done */
	drop_connection(c);
	for (size_t i = 0; i < c->nreqs; i++)
		rpc_result_clear(&c->reqs[i].res);
	free(c->reqs);
	stream_buf_free(&c->out);
	stream_buf_free(&c->in);
	if (c->kept_text->lent)
		c->kept_text->owner_gone = true;
	else
		text_loan_free(c->kept_text);
	free(c);
}

const struct rpc_addr *rpc_client_addr(const struct rpc_client *c)
{
	return &c->addr;
}

uint64_t rpc_client_connections(const struct rpc_client *c)
{
	return c->connections;
}

bool rpc_client_connected(const struct rpc_client *c)
{
	return c->fd >= 0 && !c->connecting;
}

pid_t rpc_client_peer_pid(struct rpc_client *c)
{
	if (c->addr.is_tcp || !rpc_client_connected(c))
		return 0;
	/* A connection's peer never changes: one getsockopt per connection, not per tick. */
	if (c->peer_pid < 0)
		c->peer_pid = rpc_conn_peer_pid(c->fd);
	return c->peer_pid;
}

static size_t count_pending(const struct rpc_client *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nreqs; i++)
		n += c->reqs[i].res.status == RPC_PENDING;
	return n;
}

static struct rpc_request *find_request(struct rpc_client *c, uint64_t id)
{
	for (size_t i = 0; i < c->nreqs; i++)
		if (c->reqs[i].id == id)
			return &c->reqs[i];
	return NULL;
}

/* Every request still waiting gets the same outcome (the connection's fate). */
static void fail_pending(struct rpc_client *c, enum rpc_status st, int code, const char *msg)
{
	for (size_t i = 0; i < c->nreqs; i++)
		if (c->reqs[i].res.status == RPC_PENDING)
			set_result(&c->reqs[i].res, st, code, "%s", msg);
}

static void closed_by_peer(struct rpc_client *c, int code)
{
	drop_connection(c);
	fail_pending(c, RPC_ERR_CLOSED, code, "connection closed by target");
}

static void protocol_failure(struct rpc_client *c, int code, const char *msg)
{
	drop_connection(c);
	fail_pending(c, RPC_ERR_PROTOCOL, code, msg);
}

/* A connect failed: remember why and keep away for a while (0.25 s, then 0.5 s). */
static void connect_failed(struct rpc_client *c, const struct mt_err *why, double now)
{
	drop_connection(c);
	c->last_fail = *why;
	c->backoff = c->backoff > 0 ? fmin(c->backoff * 2, RPC_BACKOFF_MAX) : RPC_BACKOFF_FIRST;
	c->retry_at = now + c->backoff;
	fail_pending(c, RPC_ERR_UNREACHABLE, why->code, why->msg);
}

static void connected_ok(struct rpc_client *c)
{
	c->connections++;
	c->connecting = false;
	c->backoff = 0;
	c->retry_at = 0;
}

/* A socket to the resolved address, connected or connecting. */
static int open_socket(struct rpc_client *c, struct mt_err *e)
{
	bool in_progress;
	int fd = rpc_conn_open(&c->addr, &c->sa, &in_progress, e);

	if (fd < 0)
		return -1;
	c->fd = fd;
	c->peer_pid = -1;
	if (in_progress)
		c->connecting = true;
	else
		connected_ok(c);
	return 0;
}

/*
 * Opens the connection, or starts resolving a host name off the loop (then
 * c->job is set and the socket opens in resolve_step).
 */
static int open_connection(struct rpc_client *c, double now, struct rpc_result *fail)
{
	struct mt_err e = { 0 };

	if (!c->resolved) {
		int r = rpc_conn_resolve(&c->addr, &c->sa, &e);

		if (r < 0)
			goto failed;
		if (r == 0) {
			c->job = rpc_resolve_start(&c->addr, c->resolver, &e);
			if (!c->job)
				goto failed;
			return 0;
		}
		c->resolved = true;
	}
	if (open_socket(c, &e) < 0)
		goto failed;
	return 0;
failed:
	connect_failed(c, &e, now);
	set_result(fail, RPC_ERR_UNREACHABLE, e.code, "%s", e.msg);
	return -1;
}

/* Connected, nothing owed either way, no parse running. */
static bool idle(const struct rpc_client *c)
{
	return !c->connecting && !c->parsing && !count_pending(c) && !stream_buf_pending(&c->out);
}

/* An idle socket whose peer has gone shows EOF or an error without blocking. */
static bool peer_gone(int fd)
{
	char b;
	ssize_t n = recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);

	if (n == 0)
		return true;
	return n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
}

static void flush_out(struct rpc_client *c)
{
	struct stream_buf *b = &c->out;

	while (stream_buf_pending(b)) {
		/* MSG_NOSIGNAL: a closed peer gives EPIPE, never a SIGPIPE that kills us. */
		ssize_t n = send(c->fd, b->data + b->head, stream_buf_pending(b), MSG_NOSIGNAL);

		if (n > 0) {
			stream_buf_consume(b, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		closed_by_peer(c, n < 0 ? -errno : -EPIPE);
		return;
	}
}

/* The waiting request a reply belongs to, or NULL (unknown, late or foreign id). */
static struct rpc_request *waiting_request(struct rpc_client *c, uint64_t id)
{
	struct rpc_request *r = find_request(c, id);

	return r && r->res.status == RPC_PENDING ? r : NULL;
}

static bool code_fits_int(json_int_t v)
{
	return v >= INT_MIN && v <= INT_MAX;
}

static void decide_from_reply(struct rpc_request *r, json_t *reply)
{
	json_t *error = json_object_get(reply, "error");
	json_t *result = json_object_get(reply, "result");

	if (error) {
		json_t *code = json_object_get(error, "code");
		json_t *msg = json_object_get(error, "message");

		if (!json_is_object(error)) {
			set_result(&r->res, RPC_ERR_PROTOCOL, -EPROTO,
				   "reply's \"error\" is not an object");
		} else if (!json_is_integer(code)) {
			set_result(&r->res, RPC_ERR_PROTOCOL, -EPROTO,
				   "error reply without an integer \"code\"");
		} else if (!code_fits_int(json_integer_value(code))) {
			/* SPDK's codes are C ints; a cast would show INT64_MIN as "error 0". */
			set_result(&r->res, RPC_ERR_PROTOCOL, -EPROTO,
				   "error reply with code %lld, outside SPDK's int range: %s",
				   (long long)json_integer_value(code),
				   json_is_string(msg) ? json_string_value(msg) : "");
		} else {
			/*
			 * SPDK's words, untouched (users search for them) but for
			 * the "\n" some handlers end them with (env_dpdk_get_mem_stats'
			 * "Unable to open file for writing.\n"): a line's end, not
			 * text, which displays would show as '?'.
			 */
			set_result(&r->res, RPC_ERR_REMOTE, (int)json_integer_value(code), "%s",
				   json_is_string(msg) ? json_string_value(msg) : "");
			trim_trailing_space(r->res.message);
		}
		return;
	}
	if (!result) {
		set_result(&r->res, RPC_ERR_PROTOCOL, -EPROTO,
			   "reply has neither \"result\" nor \"error\"");
		return;
	}
	r->res.status = RPC_OK;
	r->res.code = 0;
	r->res.message[0] = '\0';
	r->res.result = json_incref(result);
}

static const char *json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	default:
		return "an object";
	}
}

/* A reply nobody waits for: a timeout will say that replies came, with the wrong ids. */
static void note_stray(struct rpc_client *c, const struct rpc_reply *p)
{
	c->stray++;
	snprintf(c->stray_id, sizeof(c->stray_id), "%s", p->id_text);
}

/*
 * A reply jansson could not build (over the bounds, or a string that is
 * not UTF-8): res says why, for the request it answers.  False for any
 * other kind.
 */
static bool reply_refused(struct rpc_result *res, const struct rpc_reply *p)
{
	switch (p->kind) {
	case RPC_REPLY_REFUSED:
		/* The caller names the method: the message does not repeat it. */
		set_result(res, RPC_ERR_PROTOCOL, p->why.code, "reply of %zu bytes has %s", p->n,
			   p->why.msg);
		return true;
	case RPC_REPLY_NOT_JSON:
		set_result(res, RPC_ERR_PROTOCOL, p->why.code, "%s", p->why.msg);
		return true;
	default:
		return false;
	}
}

/* One value from the target, parsed.  Returns -1 when the connection was dropped. */
static int dispatch_reply(struct rpc_client *c, struct rpc_reply *p)
{
	struct rpc_request *r = p->have_id ? waiting_request(c, p->id) : NULL;
	json_t *id;

	switch (p->kind) {
	case RPC_REPLY_REFUSED:
	case RPC_REPLY_NOT_JSON:
		/* Framed, so the stream stays in step: only the request it answers fails. */
		if (r)
			reply_refused(&r->res, p);
		return 0;
	case RPC_REPLY_NOMEM:
		protocol_failure(c, p->why.code, p->why.msg);
		return -1;
	case RPC_REPLY_TREE:
		break;
	}
	if (!json_is_object(p->v)) {
		char msg[MT_ERR_LEN];

		snprintf(msg, sizeof(msg), "reply is %s, not a JSON-RPC object; connection dropped",
			 json_kind(p->v));
		protocol_failure(c, -EPROTO, msg);
		return -1;
	}
	id = json_object_get(p->v, "id");
	r = json_is_integer(id) && json_integer_value(id) > 0 ?
		    waiting_request(c, (uint64_t)json_integer_value(id)) : NULL;
	if (r)
		decide_from_reply(r, p->v);
	else
		note_stray(c, p);
	return 0;
}

/* The members of a reply the text path needs; anything unusual sends it to the tree. */
struct reply_members {
	int results, errors, escaped, ids;
	size_t rs, re;
	size_t is, ie; /* the first "id" */
};

static bool note_member(void *ctx, const char *key, size_t klen, size_t vs, size_t ve)
{
	struct reply_members *m = ctx;

	if (memchr(key, '\\', klen)) {
		m->escaped++;
		return false;
	}
	if (klen == 6 && memcmp(key, "result", 6) == 0) {
		m->results++;
		m->rs = vs;
		m->re = ve;
	} else if (klen == 5 && memcmp(key, "error", 5) == 0) {
		m->errors++;
	} else if (klen == 2 && memcmp(key, "id", 2) == 0 && !m->ids++) {
		m->is = vs;
		m->ie = ve;
	}
	return true;
}

/* The request a reply's raw "id" names, if it waits for its result as text. */
static struct rpc_request *text_request(struct rpc_client *c, const char *text,
					const struct reply_members *m)
{
	size_t vs = m->is, ve = m->ie;
	uint64_t id = 0;
	struct rpc_request *r;

	/* The ids this client sends are 1 and up, 19 digits at most. */
	if (!m->ids || ve <= vs || ve - vs > 19 || text[vs] == '0' ||
	    !json_bigint_digits_u64(text + vs, ve - vs, &id))
		return NULL;
	r = waiting_request(c, id);
	return r && r->want_text ? r : NULL;
}

/* text[0, n) NUL-terminated in the kept buffer if it is free, else in a copy; NULL: no memory. */
static char *text_out(struct rpc_client *c, const char *text, size_t n, struct rpc_text_loan **loan)
{
	struct rpc_text_loan *k = c->kept_text;
	char *copy;

	*loan = NULL;
	if (!k->lent) {
		stream_buf_reset(&k->buf, SIZE_MAX);
		if (stream_buf_append(&k->buf, text, n) == 0 &&
		    stream_buf_append(&k->buf, "", 1) == 0) {
			k->lent = true;
			*loan = k;
			return k->buf.data;
		}
	}
	copy = malloc(n + 1);
	if (copy) {
		memcpy(copy, text, n);
		copy[n] = '\0';
	}
	return copy;
}

/*
 * A plain success reply to a request that wants text: its "result" copied
 * out, no tree built.  false leaves the reply to the tree path, which
 * decides everything else (errors, duplicate or escaped keys) as before.
 * The members are those the framing scan kept (scan framed text[0, n)),
 * walked again only when it kept too few.
 */
static bool take_text(struct rpc_client *c, const struct json_scanner *scan, const char *text,
		      size_t n)
{
	struct reply_members m = { 0 };
	struct rpc_request *r;
	struct rpc_text_loan *loan;
	char *out;

	if (!json_scanner_members(scan, text, note_member, &m) &&
	    !json_stream_members_framed(text, n, note_member, &m))
		return false;
	if (m.escaped || m.errors || m.results != 1 || !(r = text_request(c, text, &m)))
		return false;
	out = text_out(c, text + m.rs, m.re - m.rs, &loan);
	if (!out)
		return false;
	r->res.status = RPC_OK;
	r->res.code = 0;
	r->res.message[0] = '\0';
	r->res.result = NULL;
	r->res.text = out;
	r->res.text_len = m.re - m.rs;
	r->res.text_at = m.rs;
	r->res.reply_len = n;
	r->res.loan = loan;
	return true;
}

static int handle_value(struct rpc_client *c, const char *text, size_t n)
{
	struct rpc_reply p;
	int rc;

	if (take_text(c, &c->scan, text, n))
		return 0;
	rpc_reply_parse(text, n, RPC_MAX_VALUES, RPC_MAX_DEPTH, &p);
	rc = dispatch_reply(c, &p);
	rpc_reply_clear(&p);
	return rc;
}

/*
 * A large value goes to a thread with the buffer that holds it (no copy of
 * 32 MiB); what came after it starts a buffer of its own.  Returns -1 when
 * the connection was dropped.
 */
static int start_parse(struct rpc_client *c, size_t s, size_t e)
{
	struct stream_buf old = c->in;
	int err = 0;

	memset(&c->in, 0, sizeof(c->in));
	if (stream_buf_append(&c->in, old.data + old.head + e, old.len - old.head - e) < 0) {
		c->in = old;
		protocol_failure(c, -ENOMEM, "out of memory reading the reply");
		return -1;
	}
	json_scanner_init(&c->scan);
	c->parsing = rpc_reply_start(old.data, old.head + s, e - s, RPC_MAX_VALUES,
				     RPC_MAX_DEPTH, &err);
	c->parsing_bytes = e - s;
	if (!c->parsing) {
		char msg[MT_ERR_LEN];

		snprintf(msg, sizeof(msg), "cannot parse a reply of %zu bytes: no thread: %s",
			 e - s, strerror(err));
		protocol_failure(c, -err, msg);
		return -1;
	}
	return 0;
}

/* Cuts complete values off the input buffer.  Returns -1 when the connection was dropped. */
static int frame_input(struct rpc_client *c)
{
	struct stream_buf *b = &c->in;

	for (;;) {
		const char *base = b->data + b->head;
		size_t avail = stream_buf_pending(b), s, e;
		enum json_scan st = json_scanner_feed(&c->scan, base, avail, &s, &e);

		if (st == JSON_SCAN_EMPTY) {
			stream_buf_consume(b, avail);
			json_scanner_init(&c->scan);
			break;
		}
		if (st == JSON_SCAN_INVALID) {
			char msg[MT_ERR_LEN];

			/* Valid JSON too deep to frame is not "not JSON". */
			if (c->scan.depth >= JSON_SCANNER_MAX_DEPTH)
				snprintf(msg, sizeof(msg), "reply nests deeper than %u levels; "
					 "connection dropped", (unsigned)JSON_SCANNER_MAX_DEPTH);
			else
				snprintf(msg, sizeof(msg),
					 "reply is not JSON (bad byte 0x%02x); connection dropped",
					 (unsigned char)base[s]);
			protocol_failure(c, -EPROTO, msg);
			return -1;
		}
		if ((st == JSON_SCAN_INCOMPLETE ? avail : e) - s > RPC_MAX_RESPONSE) {
			protocol_failure(c, -EMSGSIZE, "reply larger than 32 MiB (SPDK's limit); "
					 "connection dropped");
			return -1;
		}
		if (st == JSON_SCAN_INCOMPLETE)
			break;
		if (e - s > RPC_REPLY_INLINE_MAX)
			/* What follows waits for this one: replies are taken in order. */
			return start_parse(c, s, e) < 0 ? -1 : 0;
		if (handle_value(c, base + s, e - s) < 0)
			return -1;
		stream_buf_consume(b, e);
		json_scanner_init(&c->scan);
	}
	if (!stream_buf_pending(b))
		stream_buf_reset(b, RPC_BUF_KEEP);
	return 0;
}

/* The large value's parse ended: act on it, then frame what waits behind it. */
static void parse_step(struct rpc_client *c)
{
	struct rpc_reply p;
	int rc;

	if (!rpc_reply_job_take(c->parsing, &p))
		return;
	rpc_reply_job_release(c->parsing);
	c->parsing = NULL;
	rc = dispatch_reply(c, &p);
	rpc_reply_clear(&p);
	if (rc == 0)
		frame_input(c);
}

static void read_input(struct rpc_client *c)
{
	struct stream_buf *b = &c->in;
	size_t total = 0;

	while (total < RPC_READ_BUDGET) {
		size_t room;
		ssize_t n;

		/* May move the unframed bytes to the front: the scanner's offsets are relative. */
		if (stream_buf_reserve(b, RPC_READ_CHUNK) < 0) {
			protocol_failure(c, -ENOMEM, "out of memory reading the reply");
			return;
		}
		room = b->cap - b->len;
		n = recv(c->fd, b->data + b->len, room, 0);
		if (n > 0) {
			b->len += (size_t)n;
			total += (size_t)n;
			if (frame_input(c) < 0 || c->parsing)
				return;
			/* Less than asked for: the socket was empty then.  Another recv
			 * would only say EAGAIN; poll tells when more comes. */
			if ((size_t)n < room)
				return;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		closed_by_peer(c, n < 0 ? -errno : -ECONNRESET);
		return;
	}
}

static void expire(struct rpc_client *c, double now)
{
	for (size_t i = 0; i < c->nreqs; i++) {
		struct rpc_request *r = &c->reqs[i];

		if (r->res.status != RPC_PENDING || r->deadline > now)
			continue;
		if (c->job) {
			/* The resolver goes on: a later request may still use its answer. */
			set_result(&r->res, RPC_ERR_UNREACHABLE, -ETIMEDOUT,
				   "cannot resolve RPC host '%s' within %.1f s (no answer from "
				   "the resolver yet)", c->addr.host, r->deadline - r->sent_at);
			continue;
		}
		if (c->connecting) {
			struct mt_err e = { 0 };

			/* The connect itself took too long: all waiting requests share its fate. */
			rpc_conn_reason(ETIMEDOUT, &c->addr, &e);
			connect_failed(c, &e, now);
			return;
		}
		if (c->parsing)
			/* Perhaps its own reply: say so rather than "no reply". */
			set_result(&r->res, RPC_ERR_TIMEOUT, -ETIMEDOUT, "no reply within %.1f s "
				   "(a reply of %zu bytes was still being parsed)",
				   r->deadline - r->sent_at, c->parsing_bytes);
		else if (c->stray > r->stray_at_send)
			set_result(&r->res, RPC_ERR_TIMEOUT, -ETIMEDOUT, "no reply within %.1f s; "
				   "%llu replies came with ids that match no request (last %s)",
				   r->deadline - r->sent_at,
				   (unsigned long long)(c->stray - r->stray_at_send), c->stray_id);
		else
			set_result(&r->res, RPC_ERR_TIMEOUT, -ETIMEDOUT, "no reply within %.1f s",
				   r->deadline - r->sent_at);
	}
	/* Requests that gave up waiting for the resolver must not go out later. */
	if (c->job && !count_pending(c))
		stream_buf_reset(&c->out, RPC_BUF_KEEP);
}

/* The resolver finished: connect if anyone still waits, else at the next send. */
static void resolve_step(struct rpc_client *c, double now)
{
	struct mt_err e = { 0 };
	int r = rpc_resolve_result(c->job, &c->sa, &e);

	if (r == 0)
		return;
	rpc_resolve_release(c->job);
	c->job = NULL;
	if (r < 0) {
		connect_failed(c, &e, now);
		return;
	}
	c->resolved = true;
	if (count_pending(c) && open_socket(c, &e) < 0)
		connect_failed(c, &e, now);
}

void rpc_client_process(struct rpc_client *c, short revents, double now)
{
	if (c->job)
		resolve_step(c, now);
	if (c->parsing) {
		/* revents were the job's: the socket is looked at as if it were ready. */
		parse_step(c);
		revents = c->parsing ? 0 : POLLIN;
	}
	if (c->fd >= 0 && c->connecting && (revents & (POLLOUT | POLLERR | POLLHUP))) {
		struct mt_err e = { 0 };
		int r = rpc_conn_finish(c->fd, &c->addr, &e);

		if (r < 0)
			connect_failed(c, &e, now);
		else if (r == 0)
			connected_ok(c);
	}
	if (c->fd >= 0 && !c->connecting) {
		if (stream_buf_pending(&c->out))
			flush_out(c);
		if (c->fd >= 0 && (revents & (POLLIN | POLLHUP | POLLERR)))
			read_input(c);
		else if (!revents && idle(c))
			c->quiet = true;
	}
	expire(c, now);
}

bool rpc_client_pollfd(const struct rpc_client *c, struct pollfd *pfd)
{
	if (c->job || c->parsing) {
		pfd->fd = c->job ? rpc_resolve_fd(c->job) : rpc_reply_job_fd(c->parsing);
		pfd->events = POLLIN;
		pfd->revents = 0;
		return true;
	}
	if (c->fd < 0)
		return false;
	pfd->fd = c->fd;
	pfd->events = POLLIN;
	if (c->connecting || stream_buf_pending(&c->out))
		pfd->events |= POLLOUT;
	pfd->revents = 0;
	return true;
}

double rpc_client_next_deadline(const struct rpc_client *c)
{
	double t = INFINITY;

	for (size_t i = 0; i < c->nreqs; i++)
		if (c->reqs[i].res.status == RPC_PENDING && c->reqs[i].deadline < t)
			t = c->reqs[i].deadline;
	if (c->fd < 0 && c->retry_at > mt_now() && c->retry_at < t)
		t = c->retry_at;
	return t;
}

static struct rpc_request *add_request(struct rpc_client *c)
{
	if (c->nreqs == c->capreqs) {
		size_t cap = c->capreqs ? c->capreqs * 2 : 8;
		struct rpc_request *p = realloc(c->reqs, cap * sizeof(*p));

		if (!p)
			return NULL;
		c->reqs = p;
		c->capreqs = cap;
	}
	return &c->reqs[c->nreqs++];
}

/* Room on the stack for a request written by hand; a longer one goes through jansson. */
#define RPC_PLAIN_REQUEST 256

/*
 * A request without params whose method needs no escape, written as jansson
 * writes it below (JSON_COMPACT | JSON_PRESERVE_ORDER) without building and
 * dumping a tree: every tick's iobuf_get_stats.  Its length, or 0 when it
 * needs jansson or does not fit cap.
 */
static size_t encode_plain(const char *method, uint64_t id, char *buf, size_t cap)
{
	static const char head[] = "{\"jsonrpc\":\"2.0\",\"method\":\"", mid[] = "\",\"id\":";
	char digits[20], *d = fmt_u64_digits(id, digits + sizeof(digits));
	size_t m = 0, nd = (size_t)(digits + sizeof(digits) - d), n;

	for (; method[m]; m++) {
		unsigned char ch = (unsigned char)method[m];

		if (ch < 0x20 || ch >= 0x7f || ch == '"' || ch == '\\')
			return 0;
	}
	if (sizeof(head) - 1 + m + sizeof(mid) - 1 + nd + 1 > cap)
		return 0;
	memcpy(buf, head, sizeof(head) - 1);
	n = sizeof(head) - 1;
	memcpy(buf + n, method, m);
	n += m;
	memcpy(buf + n, mid, sizeof(mid) - 1);
	n += sizeof(mid) - 1;
	memcpy(buf + n, d, nd);
	n += nd;
	buf[n++] = '}';
	return n;
}

static char *encode_request(const char *method, uint64_t id, json_t *params)
{
	json_t *req = json_object();
	char *text = NULL;

	if (!req)
		return NULL;
	if (json_object_set_new(req, "jsonrpc", json_string("2.0")) == 0 &&
	    json_object_set_new(req, "method", json_string(method)) == 0 &&
	    json_object_set_new(req, "id", json_integer((json_int_t)id)) == 0 &&
	    (!params || json_object_set(req, "params", params) == 0))
		text = json_dumps(req, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(req);
	return text;
}

/* The work of rpc_client_send; a failure is described in *fail. */
static int queue_request(struct rpc_client *c, const char *method, json_t *params,
			 double deadline, uint64_t *id, struct rpc_result *fail)
{
	double now = mt_now();
	struct rpc_request *r;
	char plain[RPC_PLAIN_REQUEST];
	char *text;
	size_t n;

	if (!method || !*method) {
		set_result(fail, RPC_ERR_PROTOCOL, -EINVAL, "no RPC method given");
		return -1;
	}
	if (c->fd < 0 && now < c->retry_at) {
		set_result(fail, RPC_ERR_UNREACHABLE, c->last_fail.code, "%s (retry in %.1f s)",
			   c->last_fail.msg, c->retry_at - now);
		return -1;
	}
	/*
	 * A target that closed our idle connection would otherwise cost this
	 * request; a poll that found it quiet just now has checked already.
	 */
	if (c->fd >= 0 && idle(c) && !c->quiet && peer_gone(c->fd))
		drop_connection(c);
	c->quiet = false;
	if (stream_buf_pending(&c->out) > RPC_MAX_UNSENT) {
		set_result(fail, RPC_ERR_TIMEOUT, -ENOBUFS,
			   "target is not reading requests (%zu bytes unsent)",
			   stream_buf_pending(&c->out));
		return -1;
	}

	n = params ? 0 : encode_plain(method, c->next_id, plain, sizeof(plain));
	text = n ? plain : encode_request(method, c->next_id, params);
	if (!text) {
		set_result(fail, RPC_ERR_PROTOCOL, -EINVAL,
			   "cannot encode the request (params not JSON-encodable)");
		return -1;
	}
	if (!n)
		n = strlen(text);
	if (n > RPC_MAX_REQUEST) {
		set_result(fail, RPC_ERR_PROTOCOL, -EMSGSIZE,
			   "request is %zu bytes, SPDK accepts at most %u", n, RPC_MAX_REQUEST);
		goto failed;
	}
	if (c->fd < 0 && !c->job && open_connection(c, now, fail) < 0)
		goto failed;
	r = add_request(c);
	if (!r || stream_buf_append(&c->out, text, n) < 0) {
		if (r)
			c->nreqs--;
		set_result(fail, RPC_ERR_PROTOCOL, -ENOMEM, "out of memory");
		goto failed;
	}
	if (text != plain)
		free(text);

	memset(r, 0, sizeof(*r));
	r->id = c->next_id++;
	r->sent_at = now;
	r->deadline = deadline;
	r->stray_at_send = c->stray;
	snprintf(r->method, sizeof(r->method), "%s", method);
	r->res.status = RPC_PENDING;
	*id = r->id;

	if (c->fd >= 0 && !c->connecting)
		flush_out(c); /* may close: the request then holds RPC_ERR_CLOSED */
	return 0;
failed:
	if (text != plain)
		free(text);
	return -1;
}

int rpc_client_send(struct rpc_client *c, const char *method, json_t *params, double deadline,
		    uint64_t *id, struct mt_err *err)
{
	struct rpc_result fail = { 0 };

	if (queue_request(c, method, params, deadline, id, &fail) == 0)
		return 0;
	mt_err_set(err, (int)fail.status, "%s", fail.message);
	return -1;
}

enum rpc_status rpc_client_take(struct rpc_client *c, uint64_t id, struct rpc_result *out)
{
	struct rpc_request *r = find_request(c, id);

	if (!r) {
		set_result(out, RPC_ERR_PROTOCOL, -ENOENT,
			   "no request with id %llu (never sent, or already taken)",
			   (unsigned long long)id);
		return out->status;
	}
	if (r->res.status == RPC_PENDING) {
		memset(out, 0, sizeof(*out));
		out->status = RPC_PENDING;
		return RPC_PENDING;
	}
	*out = r->res;
	*r = c->reqs[--c->nreqs];
	return out->status;
}

enum rpc_status rpc_client_call(struct rpc_client *c, const char *method, json_t *params,
				double timeout_s, struct rpc_result *out)
{
	double deadline = mt_now() + timeout_s;
	enum rpc_status st;
	uint64_t id;

	memset(out, 0, sizeof(*out));
	if (queue_request(c, method, params, deadline, &id, out) < 0)
		return out->status;
	while ((st = rpc_client_take(c, id, out)) == RPC_PENDING) {
		struct pollfd pfd = { .fd = -1 };
		bool have = rpc_client_pollfd(c, &pfd);
		double left = deadline - mt_now();
		/* Round up: waking before the deadline would only spin. */
		int ms = left > 0 ? (int)ceil(left * 1000.0) : 0;
		int n = poll(have ? &pfd : NULL, have ? 1 : 0, ms);

		rpc_client_process(c, n > 0 ? pfd.revents : 0, mt_now());
	}
	return st;
}

void rpc_client_reconnect_now(struct rpc_client *c)
{
	drop_connection(c);
	fail_pending(c, RPC_ERR_CLOSED, -ECONNABORTED,
		     "connection closed by us (reconnect requested)");
	c->backoff = 0;
	c->retry_at = 0;
	c->resolved = false; /* a renamed host may have moved */
}

int rpc_client_want_text(struct rpc_client *c, uint64_t id)
{
	struct rpc_request *r = waiting_request(c, id);

	if (!r)
		return -1;
	r->want_text = true;
	return 0;
}

/*
 * The reply rebuilt with only its result kept where it was: '[' and ']' for
 * the reply's braces (the same depth), spaces for the other members, so
 * jansson and the bounds count bytes and levels as they did on the reply.
 */
bool rpc_result_text_refused(const struct rpc_result *r, struct rpc_result *out)
{
	size_t n = r->reply_len;
	struct rpc_reply p;
	bool refused;
	char *whole;

	if (!r->text || n < 2 || r->text_at < 1 || r->text_at + r->text_len > n - 1)
		return false;
	whole = malloc(n);
	if (!whole)
		return false;
	memset(whole, ' ', n);
	whole[0] = '[';
	whole[n - 1] = ']';
	memcpy(whole + r->text_at, r->text, r->text_len);
	rpc_reply_parse(whole, n, RPC_MAX_VALUES, RPC_MAX_DEPTH, &p);
	free(whole);
	refused = reply_refused(out, &p);
	rpc_reply_clear(&p);
	return refused;
}

void rpc_result_clear(struct rpc_result *r)
{
	if (!r)
		return;
	json_decref(r->result);
	if (r->loan)
		text_loan_return(r->loan);
	else
		free(r->text);
	memset(r, 0, sizeof(*r));
}

const char *rpc_status_name(enum rpc_status s)
{
	switch (s) {
	case RPC_PENDING:
		return "pending";
	case RPC_OK:
		return "ok";
	case RPC_ERR_REMOTE:
		return "error from target";
	case RPC_ERR_UNREACHABLE:
		return "unreachable";
	case RPC_ERR_TIMEOUT:
		return "timeout";
	case RPC_ERR_CLOSED:
		return "connection closed";
	case RPC_ERR_PROTOCOL:
		return "protocol error";
	}
	return "unknown";
}
