#include "sim_server.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "json_stream.h"
#include "mt_clock.h"
#include "sim_buf.h"
#include "sim_jsonrpc.h"
#include "sim_listeners.h"

#define READ_CHUNK (64u * 1024)
/* A peer that does not read its replies is not read from past this much output. */
#define OUT_HIGH_WATER (4u * 1024 * 1024)
/* A die whose sockets cannot be bound again tries again this much later. */
#define REBIND_RETRY 1.0

/* Reply bytes held back: until `at` (slow), or until the fault is cleared (INFINITY). */
struct sim_held {
	double at;
	struct sim_buf bytes;
};

struct sim_conn {
	int fd;
	bool control;                   /* came in on the control socket: never faulted */
	struct sim_buf in, out;
	size_t out_off;                 /* out bytes before this are sent */
	struct sim_reply *pending;      /* replies waiting for framework_start_init */
	size_t npending, cappending;
	struct sim_held *held;          /* in order, after out */
	size_t nheld, capheld;
	bool stalled;                   /* a fault: read and send nothing more for now */
	bool closing;                   /* a fault: close once out is sent */
	bool eof;                       /* the peer will send nothing more */
	bool dead;                      /* close without sending anything more */
};

struct sim_server {
	struct sim_target *target;
	struct sim_listeners *listeners;
	struct sim_conn *conns[SIM_MAX_CONNECTIONS];
	size_t nconns;
	struct sim_fault fault;         /* the fault being played */
	uint64_t fault_gen;             /* the target's fault_gen it was taken from */
	double up_at;                   /* die: when the target's sockets come back */
};

struct sim_server *sim_server_new(struct sim_target *target, struct sim_listeners *listeners)
{
	struct sim_server *s = calloc(1, sizeof(*s));

	if (s) {
		s->target = target;
		s->listeners = listeners;
	}
	return s;
}

static void conn_free(struct sim_conn *c)
{
	size_t i;

	close(c->fd);
	sim_buf_free(&c->in);
	sim_buf_free(&c->out);
	for (i = 0; i < c->npending; i++)
		sim_reply_free(&c->pending[i]);
	free(c->pending);
	for (i = 0; i < c->nheld; i++)
		sim_buf_free(&c->held[i].bytes);
	free(c->held);
	free(c);
}

void sim_server_free(struct sim_server *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nconns; i++)
		conn_free(s->conns[i]);
	free(s);
}

static void accept_all(struct sim_server *s, int lfd, bool control)
{
	struct sim_conn *c;
	int fd;

	/* Past the limit, clients wait in the kernel's backlog, unanswered, like SPDK's. */
	while (s->nconns < SIM_MAX_CONNECTIONS) {
		fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0)
			return; /* EAGAIN, or EMFILE and friends: retried on the next event */
		c = calloc(1, sizeof(*c));
		if (!c) {
			close(fd);
			return;
		}
		c->fd = fd;
		c->control = control;
		c->stalled = !control && s->fault.kind == SIM_FAULT_HANG_ACCEPT;
		s->conns[s->nconns++] = c;
	}
}

static int keep_pending(struct sim_conn *c, struct sim_reply *r)
{
	if (c->npending == c->cappending) {
		size_t cap = c->cappending ? c->cappending * 2 : 2;
		struct sim_reply *p = realloc(c->pending, cap * sizeof(*p));

		if (!p)
			return -1;
		c->pending = p;
		c->cappending = cap;
	}
	c->pending[c->npending++] = *r;
	return 0;
}

/* Bytes to send at `at`: after whatever is held, so replies keep their order. */
static int deliver(struct sim_conn *c, struct sim_buf *b, double at, double now)
{
	struct sim_held *h;

	if (b->len == 0)
		return 0;
	if (c->nheld == 0 && at <= now)
		return sim_buf_append(&c->out, b->data, b->len);
	if (c->nheld == c->capheld) {
		size_t cap = c->capheld ? c->capheld * 2 : 4;

		h = realloc(c->held, cap * sizeof(*h));
		if (!h)
			return -1;
		c->held = h;
		c->capheld = cap;
	}
	c->held[c->nheld++] = (struct sim_held){ .at = at, .bytes = *b };
	*b = (struct sim_buf){ 0 };
	return 0;
}

/* Held bytes whose time has come go out, in order. */
static void release_held(struct sim_conn *c, double now)
{
	size_t n = 0;

	while (n < c->nheld && c->held[n].at <= now) {
		if (sim_buf_append(&c->out, c->held[n].bytes.data, c->held[n].bytes.len) < 0) {
			c->dead = true;
			break;
		}
		sim_buf_free(&c->held[n++].bytes);
	}
	if (n == 0)
		return;
	memmove(c->held, c->held + n, (c->nheld - n) * sizeof(*c->held));
	c->nheld -= n;
}

/* Whether the fault being played changes this reply's bytes or their timing. */
static bool touches_stream(const struct sim_server *s, const struct sim_conn *c,
			   const struct sim_reply *r)
{
	switch (s->fault.kind) {
	case SIM_FAULT_HANG_REPLY:
	case SIM_FAULT_SLOW:
	case SIM_FAULT_CLOSE_REPLY:
	case SIM_FAULT_GARBAGE:
	case SIM_FAULT_BAD_JSON:
	case SIM_FAULT_WRONG_ID:
		return !c->control && r->faultable;
	default:
		return false;
	}
}

/* A reply on its way out, through the fault being played when it is the target's. */
static int conn_queue(struct sim_server *s, struct sim_conn *c, const struct sim_reply *r,
		      double now)
{
	struct sim_buf text = { 0 }, first = { 0 }, rest = { 0 };
	enum sim_fault_then then = SIM_THEN_GO_ON;
	double at = now;
	int rc = -1;

	/* The common case writes straight into the output: replies may be 32 MiB. */
	if (c->nheld == 0 && !touches_stream(s, c, r))
		return sim_reply_render(r, &c->out);
	if (sim_reply_render(r, &text) < 0)
		goto out;
	if (!touches_stream(s, c, r)) {
		rc = deliver(c, &text, now, now);
		goto out;
	}
	if (s->fault.kind == SIM_FAULT_SLOW)
		at = now + (double)s->fault.arg / 1000.0;
	if (sim_fault_reply(&s->fault, text.data, text.len, &first, &rest, &then) < 0 ||
	    deliver(c, &first, at, now) < 0 || deliver(c, &rest, INFINITY, now) < 0)
		goto out;
	c->stalled = then == SIM_THEN_STALL;
	c->closing = then == SIM_THEN_CLOSE;
	rc = 0;
out:
	sim_buf_free(&text);
	sim_buf_free(&first);
	sim_buf_free(&rest);
	return rc;
}

static void apply_fault(struct sim_server *s, struct sim_conn *setter, double now);

/* Every complete value in the input, in order; stops at an unfinished one. */
static void conn_process(struct sim_server *s, struct sim_conn *c, double now, bool *initialized)
{
	size_t off = 0, vs, ve;
	enum json_scan scan;

	while (!c->dead && !c->stalled && !c->closing && off < c->in.len) {
		scan = json_stream_scan(c->in.data + off, c->in.len - off, &vs, &ve);
		if (scan == JSON_SCAN_EMPTY) {
			off = c->in.len;
		} else if (scan == JSON_SCAN_INVALID) {
			c->dead = true;
		} else if (scan == JSON_SCAN_INCOMPLETE) {
			break;
		} else if (ve - vs > SIM_MAX_REQUEST) {
			c->dead = true;
		} else {
			struct sim_reply reply = { 0 };
			enum sim_jsonrpc_verdict v;

			v = sim_jsonrpc_handle(s->target, c->in.data + off + vs, ve - vs, now,
					       &reply, initialized);
			if (v != SIM_JSONRPC_OK)
				c->dead = true;
			else if (sim_reply_waiting(&reply) && keep_pending(c, &reply) == 0)
				reply = (struct sim_reply){ 0 };        /* c->pending owns it */
			else if (sim_reply_waiting(&reply) || conn_queue(s, c, &reply, now) < 0)
				c->dead = true;
			sim_reply_free(&reply);
			off += ve;
			if (s->target->fault_gen != s->fault_gen)
				apply_fault(s, c, now);
		}
	}
	sim_buf_consume(&c->in, off);
	/* An unfinished request past the limit will never be served: SPDK drops the peer. */
	if (c->in.len > SIM_MAX_REQUEST)
		c->dead = true;
}

static void conn_read(struct sim_server *s, struct sim_conn *c, double now, bool *initialized)
{
	ssize_t n;

	if (sim_buf_reserve(&c->in, READ_CHUNK) < 0) {
		c->dead = true;
		return;
	}
	n = read(c->fd, c->in.data + c->in.len, c->in.cap - c->in.len);
	if (n < 0) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			c->dead = true;
		return;
	}
	if (n == 0) {
		c->eof = true;
		return;
	}
	c->in.len += (size_t)n;
	conn_process(s, c, now, initialized);
}

static size_t out_pending(const struct sim_conn *c)
{
	return c->out.len - c->out_off;
}

static void conn_write(struct sim_conn *c)
{
	ssize_t n;

	while (out_pending(c) && !c->dead) {
		n = send(c->fd, c->out.data + c->out_off, out_pending(c), MSG_NOSIGNAL);
		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
				c->dead = true;
			break;
		}
		c->out_off += (size_t)n;
	}
	/* Compact only when most of the buffer is sent: moving bytes stays linear. */
	if (c->out_off == c->out.len) {
		c->out.len = c->out_off = 0;
	} else if (c->out_off > c->out.len / 2) {
		sim_buf_consume(&c->out, c->out_off);
		c->out_off = 0;
	}
}

/* framework_start_init completed: every waiting framework_wait_init answers now. */
static void release_all(struct sim_server *s)
{
	size_t i, j;

	for (i = 0; i < s->nconns; i++) {
		struct sim_conn *c = s->conns[i];

		for (j = 0; j < c->npending; j++) {
			if (!c->dead && (sim_reply_release(&c->pending[j]) < 0 ||
					 conn_queue(s, c, &c->pending[j], mt_now()) < 0))
				c->dead = true;
			sim_reply_free(&c->pending[j]);
		}
		c->npending = 0;
	}
}

static void reap(struct sim_server *s)
{
	size_t i, kept = 0;

	for (i = 0; i < s->nconns; i++) {
		struct sim_conn *c = s->conns[i];

		/* After EOF, stay only to deliver what is owed. */
		if (c->dead || (c->eof && out_pending(c) == 0 && c->npending == 0 &&
				c->nheld == 0) || (c->closing && out_pending(c) == 0))
			conn_free(c);
		else
			s->conns[kept++] = c;
	}
	s->nconns = kept;
}

/* The target's sockets again after a die; on failure, again REBIND_RETRY later. */
static void bring_up(struct sim_server *s, double now)
{
	struct mt_err err = { 0 };

	if (sim_listeners_up(s->listeners, &err) == 0) {
		fprintf(stderr, "spdk-memtop-sim: serving again\n");
		return;
	}
	fprintf(stderr, "spdk-memtop-sim: %s; trying again in %.0f s\n", err.msg, REBIND_RETRY);
	s->up_at = now + REBIND_RETRY;
}

/* The fault is cleared or replaced: what it stopped goes on (input: the loop's next turn). */
static void end_fault(struct sim_server *s, double now)
{
	size_t i, j;

	if (s->fault.kind == SIM_FAULT_CONNS_FULL)
		sim_listeners_unfill(s->listeners);
	if (s->listeners->down)
		bring_up(s, now);
	for (i = 0; i < s->nconns; i++) {
		struct sim_conn *c = s->conns[i];

		c->stalled = false;
		for (j = 0; j < c->nheld; j++) {
			if (isinf(c->held[j].at))
				c->held[j].at = now;
		}
		release_held(c, now);
	}
}

/*
 * The target's fault changed (sim_set_fault, or --fault at the start).  Faults
 * on connecting close the target's connections (not the setter's, not the
 * control socket's), so that clients meet the fault on their next connect.
 */
static void apply_fault(struct sim_server *s, struct sim_conn *setter, double now)
{
	enum sim_fault_kind k = s->target->fault.kind;
	char spec[64];
	size_t i;

	s->fault_gen = s->target->fault_gen;
	end_fault(s, now);
	s->fault = s->target->fault;
	sim_fault_format(&s->fault, spec, sizeof(spec));
	fprintf(stderr, "spdk-memtop-sim: fault %s\n", spec);
	if (k != SIM_FAULT_HANG_ACCEPT && k != SIM_FAULT_CONNS_FULL && k != SIM_FAULT_DIE)
		return;
	for (i = 0; i < s->nconns; i++) {
		struct sim_conn *c = s->conns[i];

		if (c->control)
			continue;
		if (c != setter)
			c->dead = true;
		else if (k == SIM_FAULT_DIE)
			c->closing = true;      /* it gets its reply, then goes with the rest */
	}
	if (k == SIM_FAULT_CONNS_FULL)
		sim_listeners_fill(s->listeners);
	if (k == SIM_FAULT_DIE) {
		sim_listeners_down(s->listeners);
		s->up_at = now + (double)s->fault.arg;
	}
}

/* die's time is up: back on the same sockets, with no fault. */
static void come_back(struct sim_server *s, double now)
{
	struct sim_fault none = { .kind = SIM_FAULT_NONE };

	if (!s->listeners->down || now < s->up_at)
		return;
	if (s->fault.kind != SIM_FAULT_DIE) {
		bring_up(s, now);       /* an earlier try failed */
		return;
	}
	sim_target_set_fault(s->target, &none);
	apply_fault(s, NULL, now);
}

/* How long poll may sleep: the rings' tick, a held reply, the end of a die. */
static int poll_timeout(const struct sim_server *s, double now)
{
	double next = INFINITY, ms;
	int tick = sim_target_tick_ms(s->target);
	size_t i;

	if (s->listeners->down)
		next = s->up_at;
	for (i = 0; i < s->nconns; i++) {
		if (s->conns[i]->nheld && s->conns[i]->held[0].at < next)
			next = s->conns[i]->held[0].at;
	}
	if (isinf(next))
		return tick;
	ms = ceil((next - now) * 1000.0);
	if (ms < 0)
		ms = 0;
	if (tick >= 0 && ms > tick)
		return tick;
	return ms > 60000 ? 60000 : (int)ms;
}

struct listen_fd {
	int fd;
	bool control;
};

/* The sockets to accept on now: none of the target's while they are down, full or taken. */
static size_t accepting(const struct sim_server *s, struct listen_fd *out)
{
	const struct sim_listeners *l = s->listeners;
	size_t n = 0;

	if (s->nconns >= SIM_MAX_CONNECTIONS)
		return 0;
	if (l->control.fd >= 0)
		out[n++] = (struct listen_fd){ l->control.fd, true };
	if (l->down || s->fault.kind == SIM_FAULT_CONNS_FULL)
		return n;
	if (l->target.fd >= 0)
		out[n++] = (struct listen_fd){ l->target.fd, false };
	if (l->tcp_fd >= 0)
		out[n++] = (struct listen_fd){ l->tcp_fd, false };
	return n;
}

int sim_server_run(struct sim_server *s, int stop_fd, struct mt_err *err)
{
	struct pollfd pfd[1 + SIM_MAX_LISTENERS + SIM_MAX_CONNECTIONS];
	struct listen_fd lfd[SIM_MAX_LISTENERS];
	size_t nl, i, n;
	bool initialized;
	double now;

	for (;;) {
		now = mt_now();
		initialized = false;
		if (s->target->fault_gen != s->fault_gen)
			apply_fault(s, NULL, now);
		come_back(s, now);
		/* Requests read while a fault stalled their connection. */
		for (i = 0; i < s->nconns; i++) {
			if (s->conns[i]->in.len)
				conn_process(s, s->conns[i], now, &initialized);
		}
		reap(s);
		n = 0;
		pfd[n++] = (struct pollfd){ .fd = stop_fd, .events = POLLIN };
		nl = accepting(s, lfd);
		for (i = 0; i < nl; i++)
			pfd[n++] = (struct pollfd){ .fd = lfd[i].fd, .events = POLLIN };
		for (i = 0; i < s->nconns; i++) {
			struct sim_conn *c = s->conns[i];
			short ev = 0;

			if (!c->eof && !c->stalled && !c->closing && out_pending(c) < OUT_HIGH_WATER)
				ev |= POLLIN;
			else if (c->stalled)
				ev |= POLLRDHUP;        /* a TCP peer that gave up */
			if (out_pending(c))
				ev |= POLLOUT;
			pfd[n++] = (struct pollfd){ .fd = c->fd, .events = ev };
		}
		/* A reader of the rings' memory sends no request: the tick moves them. */
		if (poll(pfd, n, poll_timeout(s, now)) < 0) {
			if (errno == EINTR)
				continue;
			mt_err_set(err, -errno, "poll: %s", strerror(errno));
			return -1;
		}
		if (pfd[0].revents)
			return 0;
		now = mt_now();
		sim_target_tick(s->target, now);
		for (i = 0; i < s->nconns; i++) {
			struct sim_conn *c = s->conns[i];
			short rev = pfd[1 + nl + i].revents;

			release_held(c, now);
			if ((rev & (POLLIN | POLLHUP)) && !c->stalled && !c->closing)
				conn_read(s, c, now, &initialized);
			/* Hung up or broken: nobody is left to read a reply. */
			if ((rev & (POLLHUP | POLLERR)) || (c->stalled && (rev & POLLRDHUP)))
				c->dead = true;
			if (out_pending(c))
				conn_write(c);
		}
		if (initialized) {
			release_all(s);
			for (i = 0; i < s->nconns; i++)
				conn_write(s->conns[i]);
		}
		reap(s);
		for (i = 0; i < nl; i++) {
			if (pfd[1 + i].revents & POLLIN)
				accept_all(s, lfd[i].fd, lfd[i].control);
		}
	}
}
