/*
 * spdk-memtop: parse the command line, set up the target (or the --demo
 * simulator), run the headless modes or the dashboard, clean up, and decide
 * the exit status.  The only global state is what signal handlers need.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "cli_options.h"
#include "collector.h"
#include "config_file.h"
#include "dashboard.h"
#include "demo_target.h"
#include "mode_check.h"
#include "mode_diff.h"
#include "mode_once.h"
#include "rpc_client.h"
#include "signal_exit.h"
#include "source.h"
#include "source_setup.h"
#include "theme.h"

static volatile sig_atomic_t g_signal;         /* the signal that asked us to stop */
static int g_stop_pipe[2] = { -1, -1 };         /* self-pipe: readable once asked */
static struct demo_target *volatile g_demo;     /* set while the demo runs */

static const int handled_signals[] = { SIGINT, SIGTERM, SIGHUP };

/* Outside the dashboard: remember the signal and wake whoever polls. */
static void on_stop_signal(int sig)
{
	int saved = errno;
	char c = 1;

	g_signal = sig;
	if (write(g_stop_pipe[1], &c, 1) < 0) {
		/* The pipe is full: it is readable already. */
	}
	errno = saved;
}

/*
 * During the dashboard, which does not watch our pipe: remove the demo with
 * async-signal-safe calls, then die of the signal (SA_RESETHAND restored the
 * default action; the re-raised signal is delivered when we return).
 */
static void on_fatal_signal(int sig)
{
	struct demo_target *d = g_demo;

	if (d)
		demo_target_teardown_signal_safe(d);
	raise(sig);
}

static void install_handlers(void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(handled_signals) / sizeof(handled_signals[0]); i++)
		sigaddset(&sa.sa_mask, handled_signals[i]);
	for (size_t i = 0; i < sizeof(handled_signals) / sizeof(handled_signals[0]); i++)
		sigaction(handled_signals[i], &sa, NULL);
}

static int run(const struct cli_options *o, const char *socket, int port)
{
	struct collector_config cfg = {
		.rpc_timeout = o->rpc_timeout,
		.hp = { .sysfs_root = o->sysfs_root, .procfs_root = o->procfs_root },
		/* Processes are looked up in the real /proc: --procfs-root is for meminfo. */
		.occ = { .disabled = o->no_ring_read, .target_pid = o->target_pid },
		.heaps = { .interval = o->mem_stats_interval },
	};
	struct actions_config acfg = { .read_only = o->read_only, .rpc_timeout = o->rpc_timeout,
				       .no_target = o->replay != NULL };
	struct source src = { 0 };
	struct actions *act;
	struct rpc_addr addr;
	struct mt_err err = { 0 };
	int rc;

	if (rpc_addr_parse(socket, port, &addr, &err)) {
		fprintf(stderr, "spdk-memtop: -s: %s\n", err.msg);
		cli_usage(stderr);
		return CLI_EXIT_USAGE;
	}
	/* Made in every mode: --record's file passes the same --read-only gate. */
	act = actions_new(&acfg, &addr);
	if (!act) {
		fputs("spdk-memtop: cannot create the actions: out of memory\n", stderr);
		return CLI_EXIT_FAILURE;
	}
	rc = source_setup(o, &cfg, &addr, act, &src, stderr);
	if (rc) {
		actions_free(act);
		return rc;
	}
	if (o->check || cli_is_headless(o)) {
		/*
		 * Without SA_RESTART: a write to a stdout nobody reads (a full pipe)
		 * blocks, and a restarted write would never see the stop signal.
		 * Interrupted, it fails with EINTR and the mode ends.
		 */
		install_handlers(on_stop_signal, 0);
		if (o->check)
			rc = mode_check_run(o, &src, stdout, g_stop_pipe[0]);
		else   /* headless modes write files (--prometheus-textfile) through the actions too */
			rc = mode_once_run_act(o, &src, act, stdout, stderr, g_stop_pipe[0]);
		install_handlers(on_stop_signal, SA_RESTART);
	} else {
		install_handlers(on_fatal_signal, SA_RESETHAND);
		rc = dashboard_run(o, &src, act);
		install_handlers(on_stop_signal, SA_RESTART);
	}
	actions_free(act);
	source_close(&src);
	return rc;
}

/*
 * A theme named on the command line is read before the screen takes over, so
 * a bad file stops us with every file:line message on stderr instead of
 * leaving one line in the footer.  Warnings are printed and we go on.
 */
static int check_theme(const char *name)
{
	struct theme th;
	struct mt_errlist warnings, errors;

	mt_errlist_clear(&warnings);
	mt_errlist_clear(&errors);
	theme_load(name, getenv("HOME"), &th, &warnings, &errors);
	for (size_t i = 0; i < warnings.n; i++)
		fprintf(stderr, "spdk-memtop: warning: %s\n", warnings.msg[i]);
	for (size_t i = 0; i < errors.n; i++)
		fprintf(stderr, "spdk-memtop: %s\n", errors.msg[i]);
	return errors.n ? -1 : 0;
}

/*
 * The settings file under the flags: defaults, then the file, then argv again
 * (flags win).  The file's text stays in *text for the options that point into it.
 */
static int load_settings(int argc, char **argv, struct cli_options *o, char **text)
{
	char path[4096];
	struct mt_err err = { 0 };

	if (config_file_path(getenv("XDG_CONFIG_HOME"), getenv("HOME"), path, sizeof(path)))
		return 0;
	cli_options_defaults(o);
	if (config_file_apply(path, o, text, &err)) {
		fprintf(stderr, "spdk-memtop: %s (--no-config ignores the file)\n", err.msg);
		return -1;
	}
	if (cli_parse_over(argc, argv, o, &err)) {
		fprintf(stderr, "spdk-memtop: %s\n", err.msg);   /* parsed before: cannot happen */
		return -1;
	}
	return 0;
}

/* Help or version into a full disk or a closed pipe is a failure, said on stderr (issue 12). */
static int stdout_written(const char *what)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return CLI_EXIT_OK;
	fprintf(stderr, "spdk-memtop: writing %s: %s\n", what,
		errno ? strerror(errno) : "write error");
	return CLI_EXIT_FAILURE;
}

int main(int argc, char **argv)
{
	char *settings = NULL;
	struct cli_options o;
	struct demo_target demo = { 0 };
	struct mt_err err = { 0 };
	const char *socket;
	int rc;

	if (cli_parse(argc, argv, &o, &err)) {
		fprintf(stderr, "spdk-memtop: %s\n", err.msg);
		cli_usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if (o.action == CLI_RUN && !o.no_config && load_settings(argc, argv, &o, &settings))
		return CLI_EXIT_USAGE;
	if (o.action == CLI_HELP) {
		cli_help(stdout);
		return stdout_written("the help");
	}
	if (o.action == CLI_VERSION) {
		printf("spdk-memtop %s\n", MEMTOP_VERSION);
		return stdout_written("the version");
	}
	if (o.action == CLI_DIFF)
		return mode_diff_run(&o, stdout, stderr);

	if (!cli_is_headless(&o) && o.theme && check_theme(o.theme)) {
		free(settings);
		return CLI_EXIT_USAGE;
	}

	/* Socket errors come back as EPIPE values, not as a signal. */
	signal(SIGPIPE, SIG_IGN);
	if (pipe2(g_stop_pipe, O_CLOEXEC | O_NONBLOCK)) {
		fprintf(stderr, "spdk-memtop: pipe: %s\n", strerror(errno));
		free(settings);
		return CLI_EXIT_FAILURE;
	}
	install_handlers(on_stop_signal, SA_RESTART);

	socket = o.socket;
	if (o.demo) {
		char sim[4096];

		if (demo_target_find_sim(sim, sizeof(sim), &err) ||
		    demo_target_start(&demo, sim, o.demo_scenario, g_stop_pipe[0], &err)) {
			if (!g_signal)
				fprintf(stderr, "spdk-memtop: %s\n", err.msg);
			rc = CLI_EXIT_FAILURE;
			goto out;
		}
		g_demo = &demo;
		socket = demo.sock;
	}
	rc = run(&o, socket, o.demo ? -1 : o.port);
out:
	g_demo = NULL;
	demo_target_stop(&demo);
	if (g_signal)
		rc = 128 + g_signal;
	close(g_stop_pipe[0]);
	close(g_stop_pipe[1]);
	free(settings);
	/* Ctrl-\ in the dashboard: the terminal is back, now the core dump it asked for. */
	return signal_exit_finish(rc);
}
