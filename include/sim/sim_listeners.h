/*
 * sim_listeners: every socket the simulator listens on, and what the
 * connection faults do to them.
 *
 * The target's sockets (-r PATH, --listen HOST:PORT) are what a client of the
 * target uses; the control socket (--control-socket PATH) serves the same
 * requests but no fault ever touches it, so a test can set and clear faults
 * while the target's sockets are dead or full.  die takes the target's
 * sockets down (the Unix socket file goes too) and up again on the same path
 * and port; conns-full fills the Unix socket's backlog with connections of
 * our own, so a client's connect fails at once with EAGAIN, as it does
 * against an SPDK whose 64 connections are taken and whose backlog is full.
 */
#ifndef SIM_LISTENERS_H
#define SIM_LISTENERS_H

#include <stdbool.h>
#include <stddef.h>

#include "mt_error.h"
#include "sim_listen.h"

#define SIM_MAX_FILLERS 8
#define SIM_BOUND_LEN 300

struct sim_listeners {
	struct sim_unix_listener target;        /* -r: fd -1 when none or down */
	char unix_path[SIM_UNIX_PATH_MAX];      /* "" without -r */
	int tcp_fd;                             /* --listen: -1 when none or down */
	char tcp_bound[SIM_BOUND_LEN];          /* the address bound: a rebind takes the same port */
	struct sim_unix_listener control;       /* --control-socket: fd -1 when none */
	bool down;                              /* the target's sockets are closed (die) */
	int fillers[SIM_MAX_FILLERS];           /* our connections filling the backlog */
	size_t nfillers;
};

/* Any of the three may be NULL.  0, or -1 with err set (then close what opened). */
int sim_listeners_open(struct sim_listeners *l, const char *unix_path, const char *tcp,
		       const char *control_path, struct mt_err *err);
/* Closes the target's sockets, removing the Unix socket file. */
void sim_listeners_down(struct sim_listeners *l);
/* Binds them again where they were: 0, or -1 with err set (still down). */
int sim_listeners_up(struct sim_listeners *l, struct mt_err *err);
/* Fills the Unix target socket's backlog; unfill lets connections in again. */
void sim_listeners_fill(struct sim_listeners *l);
void sim_listeners_unfill(struct sim_listeners *l);
/* Closes everything, removing the socket files that are still ours. */
void sim_listeners_close(struct sim_listeners *l);

#endif
