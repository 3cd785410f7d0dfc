/*
 * sim_listen: the simulator's listening sockets.
 *
 * Unix: like spdk_tgt -r PATH.  A path that holds a live socket (something
 * accepts connections there) is refused with a message naming it; a stale
 * socket left by a dead process is replaced; anything that is not a socket is
 * never touched.  On close the file is removed only if it is still the one we
 * bound (a later process may have replaced it).
 * TCP: HOST:PORT or [V6]:PORT, loopback addresses only (the simulator has no
 * authentication); port 0 picks a free port, reported in `bound`.
 * Both listeners are non-blocking and close-on-exec.
 */
#ifndef SIM_LISTEN_H
#define SIM_LISTEN_H

#include <stddef.h>
#include <sys/types.h>

#include "mt_error.h"

#define SIM_UNIX_PATH_MAX 108   /* sizeof(sun_path) */
#define SIM_LISTEN_BACKLOG 128

struct sim_unix_listener {
	int fd;
	char path[SIM_UNIX_PATH_MAX];
	dev_t dev;
	ino_t ino;
};

int sim_listen_unix(struct sim_unix_listener *l, const char *path, struct mt_err *err);
/* Closes the socket and removes its file if it is still ours. */
void sim_listen_unix_close(struct sim_unix_listener *l);

/* Returns the listening fd, or -1 with err set; `bound` gets "HOST:PORT". */
int sim_listen_tcp(const char *hostport, char *bound, size_t boundlen, struct mt_err *err);

#endif
