/*
 * sim_server: one poll(2) loop serving every connection of the simulator.
 *
 * Non-blocking sockets, an input and an output buffer per connection.  Input
 * is cut into JSON values with json_stream_scan and handed to sim_jsonrpc;
 * replies are queued in order and written as the peer reads them.  Limits as
 * SPDK: a request may hold at most SIM_MAX_REQUEST bytes (beyond that the
 * connection is closed), and at most SIM_MAX_CONNECTIONS are served: further
 * clients connect (the kernel's backlog) but get no answer until a slot frees.
 * A peer that stops reading stops being read (its output is bounded).  Invalid
 * JSON closes the connection at once, sending nothing.  Every turn of the loop
 * ticks the target, and while its pool rings move the loop wakes at least every
 * sim_target_tick_ms() even when no client speaks.
 *
 * Faults (sim_fault.h) are played here: the target's fault is taken up at
 * the start and after every request that changed it.  They touch the
 * connections of the target's sockets only, never those of the control
 * socket, and never the replies to the simulator's own methods.
 */
#ifndef SIM_SERVER_H
#define SIM_SERVER_H

#include "mt_error.h"
#include "sim_listeners.h"
#include "sim_target.h"

#define SIM_MAX_CONNECTIONS 64
#define SIM_MAX_REQUEST (256u * 1024)
#define SIM_MAX_LISTENERS 3       /* -r, --listen, --control-socket */

struct sim_server;

/* Both are borrowed and must outlive the server, which opens and closes the sockets for die. */
struct sim_server *sim_server_new(struct sim_target *target, struct sim_listeners *listeners);
/*
 * Serves until stop_fd becomes readable (a signalfd for SIGTERM/SIGINT), or
 * returns -1 with err set on a fatal error (poll failing).
 */
int sim_server_run(struct sim_server *s, int stop_fd, struct mt_err *err);
/* Closes every connection (not the listeners) and frees the server. */
void sim_server_free(struct sim_server *s);

#endif
