#include "rpc_conn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

void rpc_conn_reason(int e, const struct rpc_addr *a, struct mt_err *err)
{
	char where[300];

	rpc_addr_format(a, where, sizeof(where));
	switch (e) {
	case ENOENT:
	case ENOTDIR:
		mt_err_set(err, -e, "no such socket %s", a->is_tcp ? where : a->path);
		break;
	case EACCES:
	case EPERM:
		mt_err_set(err, -e, "permission denied on %s", a->is_tcp ? where : a->path);
		break;
	case ECONNREFUSED:
		if (!a->is_tcp && rpc_conn_path_not_socket(a->path, where, sizeof(where)))
			mt_err_set(err, -e, "%s", where);
		else
			mt_err_set(err, -e, "connection refused by %s", where);
		break;
	case ETIMEDOUT:
		mt_err_set(err, -e, "timed out connecting to %s", where);
		break;
	case EAGAIN:
		/* A Unix listener whose backlog is full refuses non-blocking connects. */
		mt_err_set(err, -e, "%s accepts no more connections (backlog full)", where);
		break;
	default:
		mt_err_set(err, -e, "cannot connect to %s: %s", where, strerror(e));
		break;
	}
}

/* rpc.py: a host with ':' is IPv6, anything else IPv4. */
static int host_family(const char *host)
{
	return strchr(host, ':') ? AF_INET6 : AF_INET;
}

static void set_port(struct sockaddr_storage *ss, uint16_t port)
{
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons(port);
	else
		((struct sockaddr_in6 *)ss)->sin6_port = htons(port);
}

/* An IP literal needs no resolver: true when host is one (out filled). */
static bool numeric_host(const struct rpc_addr *a, struct rpc_sockaddr *out)
{
	int family = host_family(a->host);
	void *dst = family == AF_INET ? (void *)&((struct sockaddr_in *)&out->ss)->sin_addr
				      : (void *)&((struct sockaddr_in6 *)&out->ss)->sin6_addr;

	memset(out, 0, sizeof(*out));
	if (inet_pton(family, a->host, dst) != 1)
		return false;
	out->ss.ss_family = (sa_family_t)family;
	set_port(&out->ss, a->port);
	out->len = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	return true;
}

int rpc_conn_getaddrinfo(const char *host, uint16_t port, struct sockaddr_storage *out,
			 socklen_t *len, struct mt_err *err)
{
	struct addrinfo hints, *res = NULL;
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = host_family(host);
	hints.ai_socktype = SOCK_STREAM;
	rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0 || !res) {
		mt_err_set(err, -EHOSTUNREACH, "cannot resolve RPC host '%s': %s", host,
			   rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
		if (res)
			freeaddrinfo(res);
		return -1;
	}
	memset(out, 0, sizeof(*out));
	memcpy(out, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	set_port(out, port);
	freeaddrinfo(res);
	return 0;
}

int rpc_conn_resolve(const struct rpc_addr *a, struct rpc_sockaddr *out, struct mt_err *err)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)&out->ss;

	if (a->is_tcp)
		return numeric_host(a, out) ? 1 : 0;
	memset(out, 0, sizeof(*out));
	if (strlen(a->path) >= sizeof(sun->sun_path)) {
		mt_err_set(err, -ENAMETOOLONG, "socket path too long: %s", a->path);
		return -1;
	}
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path, a->path);
	out->len = sizeof(*sun);
	return 1;
}

int rpc_conn_open(const struct rpc_addr *a, const struct rpc_sockaddr *sa, bool *in_progress,
		  struct mt_err *err)
{
	int fd = socket(sa->ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;

	*in_progress = false;
	if (fd < 0) {
		int e = errno;

		mt_err_set(err, -e, "cannot create a socket for %s: %s",
			   a->is_tcp ? a->host : a->path, strerror(e));
		return -1;
	}
	/* Requests are small and pipelined: Nagle would hold them back for an ACK. */
	if (a->is_tcp)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (const struct sockaddr *)&sa->ss, sa->len) < 0) {
		int e = errno;

		/* After EINTR the connect goes on asynchronously, as after EINPROGRESS. */
		if (e == EINPROGRESS || e == EINTR) {
			*in_progress = true;
			return fd;
		}
		close(fd);
		rpc_conn_reason(e, a, err);
		return -1;
	}
	return fd;
}

int rpc_conn_finish(int fd, const struct rpc_addr *a, struct mt_err *err)
{
	struct sockaddr_storage peer;
	socklen_t plen = sizeof(peer);
	int soerr = 0;
	socklen_t len = sizeof(soerr);

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
		soerr = errno;
	if (soerr != 0) {
		rpc_conn_reason(soerr, a, err);
		return -1;
	}
	/* SO_ERROR is 0 while the handshake is still running: only a peer proves it done. */
	if (getpeername(fd, (struct sockaddr *)&peer, &plen) == 0)
		return 0;
	if (errno == ENOTCONN)
		return 1;
	rpc_conn_reason(errno, a, err);
	return -1;
}

pid_t rpc_conn_peer_pid(int fd)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);

	if (fd < 0 || getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 ||
	    len != sizeof(cred))
		return 0;
	return cred.pid > 0 ? cred.pid : 0;
}
