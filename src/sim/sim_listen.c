#include "sim_listen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/*
 * Whether something accepts connections at path.  Non-blocking, so a server
 * whose backlog is full (it is alive, just busy) counts as live too.
 */
static int probe_live(const char *path, bool *live, struct mt_err *err)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, rc, e;

	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		mt_err_set(err, -errno, "socket: %s", strerror(errno));
		return -1;
	}
	rc = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	e = errno;
	close(fd);
	if (rc == 0 || e == EAGAIN || e == EINPROGRESS) {
		*live = true;
		return 0;
	}
	if (e == ECONNREFUSED) {
		*live = false;
		return 0;
	}
	mt_err_set(err, -e, "%s: cannot tell whether the socket is in use: %s", path, strerror(e));
	return -1;
}

int sim_listen_unix(struct sim_unix_listener *l, const char *path, struct mt_err *err)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t len = strlen(path);
	struct stat st;
	bool live;

	memset(l, 0, sizeof(*l));
	l->fd = -1;
	if (len == 0 || len >= sizeof(sa.sun_path)) {
		mt_err_set(err, -ENAMETOOLONG,
			   "%s: a Unix socket path needs 1 to %zu bytes, not %zu",
			   path, sizeof(sa.sun_path) - 1, len);
		return -1;
	}
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			mt_err_set(err, -EEXIST, "%s exists and is not a socket; not replacing it",
				   path);
			return -1;
		}
		if (probe_live(path, &live, err) < 0)
			return -1;
		if (live) {
			mt_err_set(err, -EADDRINUSE, "%s: a live socket, another SPDK target "
				   "or simulator is listening there; choose another path with -r",
				   path);
			return -1;
		}
		/* Stale: left by a process that died without removing it. */
		if (unlink(path) < 0 && errno != ENOENT) {
			mt_err_set(err, -errno, "%s: cannot remove the stale socket: %s", path,
				   strerror(errno));
			return -1;
		}
	} else if (errno != ENOENT) {
		mt_err_set(err, -errno, "%s: %s", path, strerror(errno));
		return -1;
	}
	memcpy(sa.sun_path, path, len + 1);
	l->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (l->fd < 0) {
		mt_err_set(err, -errno, "socket: %s", strerror(errno));
		return -1;
	}
	if (bind(l->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		mt_err_set(err, -errno, "%s: bind: %s", path, strerror(errno));
		goto fail;
	}
	if (stat(path, &st) == 0) {
		l->dev = st.st_dev;
		l->ino = st.st_ino;
	}
	memcpy(l->path, path, len + 1);
	if (listen(l->fd, SIM_LISTEN_BACKLOG) < 0) {
		mt_err_set(err, -errno, "%s: listen: %s", path, strerror(errno));
		unlink(path);
		l->path[0] = '\0';
		goto fail;
	}
	return 0;
fail:
	close(l->fd);
	l->fd = -1;
	return -1;
}

void sim_listen_unix_close(struct sim_unix_listener *l)
{
	struct stat st;

	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
	if (l->path[0] && stat(l->path, &st) == 0 && st.st_dev == l->dev && st.st_ino == l->ino)
		unlink(l->path);
	l->path[0] = '\0';
}

static bool is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		const uint8_t *b = in6->sin6_addr.s6_addr;

		if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
			return true;
		return IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) && b[12] == 127;
	}
	return false;
}

/* HOST:PORT or [HOST]:PORT into host and port strings. */
static int split_hostport(const char *s, char *host, size_t hostlen, char *port,
			  size_t portlen, struct mt_err *err)
{
	const char *colon, *h = s;
	size_t hl;

	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (!close || close[1] != ':')
			goto bad;
		h = s + 1;
		hl = (size_t)(close - h);
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			goto bad;
		hl = (size_t)(colon - s);
	}
	if (hl == 0 || hl >= hostlen || strlen(colon + 1) == 0 || strlen(colon + 1) >= portlen)
		goto bad;
	memcpy(host, h, hl);
	host[hl] = '\0';
	strcpy(port, colon + 1);
	for (h = port; *h; h++) {
		if (*h < '0' || *h > '9')
			goto bad;
	}
	if (atol(port) > 65535)
		goto bad;
	return 0;
bad:
	mt_err_set(err, -EINVAL, "--listen %s: expected HOST:PORT (or [V6]:PORT), port 0-65535", s);
	return -1;
}

int sim_listen_tcp(const char *hostport, char *bound, size_t boundlen, struct mt_err *err)
{
	struct addrinfo hints = { 0 }, *res = NULL;
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	char host[256], port[8], addr[INET6_ADDRSTRLEN];
	int fd = -1, one = 1, rc;

	if (split_hostport(hostport, host, sizeof(host), port, sizeof(port), err) < 0)
		return -1;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0) {
		mt_err_set(err, -EINVAL, "--listen %s: %s", hostport, gai_strerror(rc));
		return -1;
	}
	if (!is_loopback(res->ai_addr)) {
		mt_err_set(err, -EACCES, "--listen %s: only loopback addresses (127.0.0.0/8, ::1); "
			   "the simulator has no authentication", hostport);
		goto out;
	}
	fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		mt_err_set(err, -errno, "socket: %s", strerror(errno));
		goto out;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, res->ai_addr, res->ai_addrlen) < 0 || listen(fd, SIM_LISTEN_BACKLOG) < 0) {
		mt_err_set(err, -errno, "--listen %s: %s", hostport, strerror(errno));
		close(fd);
		fd = -1;
		goto out;
	}
	if (getsockname(fd, (struct sockaddr *)&ss, &sslen) == 0) {
		if (ss.ss_family == AF_INET6) {
			struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

			inet_ntop(AF_INET6, &in6->sin6_addr, addr, sizeof(addr));
			snprintf(bound, boundlen, "[%s]:%u", addr, ntohs(in6->sin6_port));
		} else {
			struct sockaddr_in *in = (struct sockaddr_in *)&ss;

			inet_ntop(AF_INET, &in->sin_addr, addr, sizeof(addr));
			snprintf(bound, boundlen, "%s:%u", addr, ntohs(in->sin_port));
		}
	}
out:
	freeaddrinfo(res);
	return fd;
}
