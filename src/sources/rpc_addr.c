/*
 * rpc.py's -s/-p rules: an existing path, or anything with a '/', is a Unix
 * socket; the rest is a TCP host.  rpc.py itself has no "host:port" form; we
 * accept it (and "[v6]:port") because users type it.  A bare string with two
 * or more ':' is an IPv6 literal, as in rpc.py.
 */
#include "rpc_client.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Parses "1".."65535" exactly (no sign, no spaces, no trailing bytes). */
static int parse_port(const char *s, size_t n, uint16_t *out)
{
	unsigned long v = 0;

	if (n == 0 || n > 5)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v == 0 || v > 65535)
		return -1;
	*out = (uint16_t)v;
	return 0;
}

static int set_host(struct rpc_addr *out, const char *h, size_t n, const char *s,
		    struct mt_err *err)
{
	if (n == 0) {
		mt_err_set(err, -EINVAL, "no host in RPC address '%s'", s);
		return -1;
	}
	if (n >= sizeof(out->host)) {
		mt_err_set(err, -EINVAL, "RPC host name too long (%zu bytes, max %zu)", n,
			   sizeof(out->host) - 1);
		return -1;
	}
	memcpy(out->host, h, n);
	out->host[n] = '\0';
	return 0;
}

static int parse_tcp(const char *s, int port, struct rpc_addr *out, struct mt_err *err)
{
	const char *colon = strchr(s, ':');
	const char *port_str = NULL;
	size_t port_len = 0;
	uint16_t in_string = 0;

	out->is_tcp = true;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (!close || (close[1] != '\0' && close[1] != ':')) {
			mt_err_set(err, -EINVAL,
				   "bad RPC address '%s': expected [IPv6] or [IPv6]:PORT", s);
			return -1;
		}
		if (set_host(out, s + 1, (size_t)(close - s - 1), s, err) < 0)
			return -1;
		if (close[1] == ':') {
			port_str = close + 2;
			port_len = strlen(port_str);
		}
	} else if (colon && !strchr(colon + 1, ':')) {
		if (set_host(out, s, (size_t)(colon - s), s, err) < 0)
			return -1;
		port_str = colon + 1;
		port_len = strlen(port_str);
	} else if (set_host(out, s, strlen(s), s, err) < 0) {
		return -1;
	}

	if (port_str && parse_port(port_str, port_len, &in_string) < 0) {
		mt_err_set(err, -EINVAL, "bad port '%s' in RPC address '%s' (expected 1-65535)",
			   port_str, s);
		return -1;
	}
	if (port >= 0 && (port == 0 || port > 65535)) {
		mt_err_set(err, -EINVAL, "bad RPC port %d (expected 1-65535)", port);
		return -1;
	}
	if (port_str && port >= 0 && port != in_string) {
		mt_err_set(err, -EINVAL, "RPC port given twice: '%s' and -p %d", s, port);
		return -1;
	}
	if (port_str)
		out->port = in_string;
	else
		out->port = port >= 0 ? (uint16_t)port : RPC_DEFAULT_PORT;
	return 0;
}

int rpc_addr_parse(const char *s, int port, struct rpc_addr *out, struct mt_err *err)
{
	struct stat st;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (!s)
		s = RPC_DEFAULT_SOCKET;
	if (s[0] == '\0') {
		mt_err_set(err, -EINVAL, "empty RPC socket address");
		return -1;
	}
	if (!strchr(s, '/') && stat(s, &st) != 0)
		return parse_tcp(s, port, out, err);

	n = strlen(s);
	if (n >= sizeof(out->path)) {
		mt_err_set(err, -ENAMETOOLONG,
			   "RPC socket path too long (%zu bytes, a Unix socket allows %zu): %s", n,
			   sizeof(out->path) - 1, s);
		return -1;
	}
	out->is_tcp = false;
	memcpy(out->path, s, n + 1);
	return 0;
}

void rpc_addr_format(const struct rpc_addr *a, char *buf, size_t len)
{
	if (!len)
		return;
	if (!a->is_tcp)
		snprintf(buf, len, "%s", a->path);
	else if (strchr(a->host, ':'))
		snprintf(buf, len, "[%s]:%u", a->host, (unsigned)a->port);
	else
		snprintf(buf, len, "%s:%u", a->host, (unsigned)a->port);
}
