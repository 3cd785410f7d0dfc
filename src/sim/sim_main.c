/*
 * spdk-memtop-sim: a stand-in SPDK target for spdk-memtop's tests and demo.
 * See docs/simulator.md.  Only main decides the exit status.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "mt_clock.h"
#include "mt_error.h"
#include "sim_cli.h"
#include "sim_config.h"
#include "sim_dumpdir.h"
#include "sim_env.h"
#include "sim_listeners.h"
#include "sim_server.h"
#include "sim_target.h"

#define PROG "spdk-memtop-sim"

/* SIGTERM and SIGINT arrive as a readable fd the server polls: no handler, no flag. */
static int stop_signals_fd(struct mt_err *err)
{
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0) {
		mt_err_set(err, -errno, "sigprocmask: %s", strerror(errno));
		return -1;
	}
	fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (fd < 0)
		mt_err_set(err, -errno, "signalfd: %s", strerror(errno));
	return fd;
}

static void announce_ready(int fd)
{
	ssize_t n;

	do {
		n = write(fd, "R", 1);
	} while (n < 0 && errno == EINTR);
	if (n != 1)
		fprintf(stderr, PROG ": --ready-fd %d: %s\n", fd,
			n < 0 ? strerror(errno) : "short write");
	close(fd);
}

/*
 * Under Yama's ptrace_scope=1 only a process's ancestors may read its memory, and
 * a dashboard reading the pool rings with process_vm_readv is no ancestor: let
 * any process of this user read ours, so exact occupancy can be tried without
 * privileges.  EINVAL: no Yama, nothing to allow.
 */
static void allow_readers(void)
{
	if (prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0) < 0 && errno != EINVAL)
		fprintf(stderr, PROG ": prctl(PR_SET_PTRACER): %s; readers of the pool rings "
			"need ptrace rights\n", strerror(errno));
}

int main(int argc, char **argv)
{
	struct sim_listeners ls = { .target.fd = -1, .tcp_fd = -1, .control.fd = -1 };
	struct sim_server *server = NULL;
	struct sim_target target;
	struct sim_env *env = NULL;
	struct sim_pool_opts opts;
	struct sim_dumpdir dump;
	struct mt_err err = { 0 };
	struct sim_cli cli;
	char spec[64];
	int stop_fd = -1, rc = 1;

	switch (sim_cli_parse(argc, argv, &cli, &err)) {
	case SIM_CLI_INFO:
		if (cli.help)
			sim_cli_usage(stdout, PROG);
		else
			printf(PROG " %s (answers as %s)\n", MEMTOP_VERSION, SIM_VERSION_STRING);
		return 0;
	case SIM_CLI_USAGE:
		fprintf(stderr, PROG ": %s\nTry '" PROG " --help'.\n", err.msg);
		return SIM_EXIT_USAGE;
	case SIM_CLI_RUN:
		break;
	}
	if (cli.ready_fd >= 0 && fcntl(cli.ready_fd, F_GETFD) < 0) {
		fprintf(stderr, PROG ": --ready-fd %d: not an open file descriptor\n",
			cli.ready_fd);
		return SIM_EXIT_USAGE;
	}
	sim_pool_opts_default(&opts);
	if ((cli.config && sim_config_load(cli.config, &opts, &err) < 0) ||
	    sim_dumpdir_open(&dump, cli.dump_dir, &err) < 0) {
		fprintf(stderr, PROG ": %s\n", err.msg);
		return SIM_EXIT_USAGE;
	}
	if (!cli.no_ptracer)
		allow_readers();
	signal(SIGPIPE, SIG_IGN);
	stop_fd = stop_signals_fd(&err);
	if (stop_fd < 0)
		goto out;
	sim_target_init(&target, cli.wait_for_rpc, cli.scenario, cli.seed, cli.form, mt_now());
	target.opts = opts;     /* as spdk_tgt -c replays iobuf_set_options before init */
	target.modules = cli.modules;
	target.numa_nodes = cli.numa_nodes;
	target.clock_step = cli.clock_step;
	env = sim_env_new(getpid(), &dump, &err);
	if (!env || sim_target_set_env(&target, env, mt_now(), &err) < 0)
		goto out;
	server = sim_server_new(&target, &ls);
	if (!server) {
		mt_err_set(&err, -ENOMEM, "out of memory");
		goto out;
	}
	if (sim_listeners_open(&ls, cli.unix_path, cli.tcp_listen, cli.control, &err) < 0)
		goto out;
	sim_fault_format(&cli.fault, spec, sizeof(spec));
	fprintf(stderr, PROG ": serving%s%s%s%s%s%s, %s state, scenario %s, %s stats, fault %s\n",
		cli.unix_path ? " unix:" : "", cli.unix_path ? cli.unix_path : "",
		cli.tcp_listen ? " tcp:" : "", ls.tcp_bound,
		cli.control ? " control:" : "", cli.control ? cli.control : "",
		cli.wait_for_rpc ? "startup" : "running", sim_scenario_name(cli.scenario),
		cli.form == SIM_FORM_AGGREGATE ? "aggregate" : "per-module", spec);
	/* Played once listening, as if set by sim_set_fault right after the ready byte. */
	if (cli.fault.kind != SIM_FAULT_NONE)
		sim_target_set_fault(&target, &cli.fault);
	if (cli.ready_fd >= 0)
		announce_ready(cli.ready_fd);
	rc = sim_server_run(server, stop_fd, &err) < 0 ? 1 : 0;
out:
	if (rc)
		fprintf(stderr, PROG ": %s\n", err.msg);
	sim_server_free(server);
	sim_env_free(env);      /* the private dump directory goes with it */
	sim_listeners_close(&ls);
	if (stop_fd >= 0)
		close(stop_fd);
	return rc;
}
