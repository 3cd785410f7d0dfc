#include "sim_server.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "json_stream.h"
#include "mt_clock.h"
#include "sim_buf.h"
#include "sim_jsonrpc.h"

#define READ_CHUNK (64u * 1024)
/* A peer that does not read its replies is not read from past this much output. */
#define OUT_HIGH_WATER (4u * 1024 * 1024)

struct sim_conn {
	int fd;
	struct sim_buf in, out;
	size_t out_off;                 /* out bytes before this are sent */
	struct sim_reply *pending;      /* replies waiting for framework_start_init */
	size_t npending, cappending;
	bool eof;                       /* the peer will send nothing more */
	bool dead;                      /* close without sending anything more */
};

struct sim_server {
	struct sim_target *target;
	int listeners[SIM_MAX_LISTENERS];
	size_t nlisteners;
	struct sim_conn *conns[SIM_MAX_CONNECTIONS];
	size_t nconns;
};

struct sim_server *sim_server_new(struct sim_target *target)
{
	struct sim_server *s = calloc(1, sizeof(*s));

	if (s)
		s->target = target;
	return s;
}

int sim_server_add_listener(struct sim_server *s, int fd, struct mt_err *err)
{
	if (s->nlisteners == SIM_MAX_LISTENERS) {
		mt_err_set(err, -ENOSPC, "at most %d listening sockets", SIM_MAX_LISTENERS);
		return -1;
	}
	s->listeners[s->nlisteners++] = fd;
	return 0;
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

static void accept_all(struct sim_server *s, int lfd)
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

/* Every complete value in the input, in order; stops at an unfinished one. */
static void conn_process(struct sim_server *s, struct sim_conn *c, double now, bool *initialized)
{
	size_t off = 0, vs, ve;
	enum json_scan scan;

	while (!c->dead && off < c->in.len) {
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
			else if (sim_reply_waiting(&reply) || sim_reply_render(&reply, &c->out) < 0)
				c->dead = true;
			sim_reply_free(&reply);
			off += ve;
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
					 sim_reply_render(&c->pending[j], &c->out) < 0))
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
		if (c->dead || (c->eof && out_pending(c) == 0 && c->npending == 0))
			conn_free(c);
		else
			s->conns[kept++] = c;
	}
	s->nconns = kept;
}

int sim_server_run(struct sim_server *s, int stop_fd, struct mt_err *err)
{
	struct pollfd pfd[1 + SIM_MAX_LISTENERS + SIM_MAX_CONNECTIONS];
	size_t nl, i, n;
	bool initialized;
	double now;

	for (;;) {
		n = 0;
		pfd[n++] = (struct pollfd){ .fd = stop_fd, .events = POLLIN };
		nl = s->nconns < SIM_MAX_CONNECTIONS ? s->nlisteners : 0;
		for (i = 0; i < nl; i++)
			pfd[n++] = (struct pollfd){ .fd = s->listeners[i], .events = POLLIN };
		for (i = 0; i < s->nconns; i++) {
			struct sim_conn *c = s->conns[i];
			short ev = 0;

			if (!c->eof && out_pending(c) < OUT_HIGH_WATER)
				ev |= POLLIN;
			if (out_pending(c))
				ev |= POLLOUT;
			pfd[n++] = (struct pollfd){ .fd = c->fd, .events = ev };
		}
		/* A reader of the rings' memory sends no request: the tick moves them. */
		if (poll(pfd, n, sim_target_tick_ms(s->target)) < 0) {
			if (errno == EINTR)
				continue;
			mt_err_set(err, -errno, "poll: %s", strerror(errno));
			return -1;
		}
		if (pfd[0].revents)
			return 0;
		now = mt_now();
		sim_target_tick(s->target, now);
		initialized = false;
		for (i = 0; i < s->nconns; i++) {
			struct sim_conn *c = s->conns[i];
			short rev = pfd[1 + nl + i].revents;

			if (rev & (POLLIN | POLLHUP))
				conn_read(s, c, now, &initialized);
			/* Hung up or broken: nobody is left to read a reply. */
			if (rev & (POLLHUP | POLLERR))
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
				accept_all(s, s->listeners[i]);
		}
	}
}
