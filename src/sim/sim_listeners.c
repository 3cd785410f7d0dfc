#include "sim_listeners.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int sim_listeners_open(struct sim_listeners *l, const char *unix_path, const char *tcp,
		       const char *control_path, struct mt_err *err)
{
	memset(l, 0, sizeof(*l));
	l->target.fd = l->control.fd = l->tcp_fd = -1;
	if (unix_path) {
		snprintf(l->unix_path, sizeof(l->unix_path), "%s", unix_path);
		if (sim_listen_unix(&l->target, unix_path, err) < 0)
			return -1;
	}
	if (tcp) {
		l->tcp_fd = sim_listen_tcp(tcp, l->tcp_bound, sizeof(l->tcp_bound), err);
		if (l->tcp_fd < 0)
			return -1;
	}
	if (control_path && sim_listen_unix(&l->control, control_path, err) < 0) {
		mt_err_prefix(err, "--control-socket");
		return -1;
	}
	return 0;
}

void sim_listeners_down(struct sim_listeners *l)
{
	sim_listeners_unfill(l);
	sim_listen_unix_close(&l->target);
	if (l->tcp_fd >= 0)
		close(l->tcp_fd);
	l->tcp_fd = -1;
	l->down = true;
}

int sim_listeners_up(struct sim_listeners *l, struct mt_err *err)
{
	char bound[SIM_BOUND_LEN];

	if (l->unix_path[0] && l->target.fd < 0 &&
	    sim_listen_unix(&l->target, l->unix_path, err) < 0)
		return -1;
	if (l->tcp_bound[0] && l->tcp_fd < 0) {
		l->tcp_fd = sim_listen_tcp(l->tcp_bound, bound, sizeof(bound), err);
		if (l->tcp_fd < 0)
			return -1;
	}
	l->down = false;
	return 0;
}

/*
 * A Unix listener refuses a connect once more connections wait than its
 * backlog allows; with a backlog of 0, one waiting connection is enough.
 */
void sim_listeners_fill(struct sim_listeners *l)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (l->target.fd < 0 || listen(l->target.fd, 0) < 0)
		return;
	memcpy(sa.sun_path, l->unix_path, strlen(l->unix_path) + 1);
	while (l->nfillers < SIM_MAX_FILLERS) {
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return;
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
			close(fd);      /* EAGAIN: full */
			return;
		}
		l->fillers[l->nfillers++] = fd;
	}
}

void sim_listeners_unfill(struct sim_listeners *l)
{
	while (l->nfillers)
		close(l->fillers[--l->nfillers]);
	/* The closed fillers still wait in the queue: accepted, they read as EOF. */
	if (l->target.fd >= 0)
		listen(l->target.fd, SIM_LISTEN_BACKLOG);
}

void sim_listeners_close(struct sim_listeners *l)
{
	sim_listeners_down(l);
	sim_listen_unix_close(&l->control);
}
