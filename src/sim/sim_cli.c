#include "sim_cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

void sim_cli_usage(FILE *f, const char *prog)
{
	fprintf(f,
		"Usage: %s [-r PATH] [--listen HOST:PORT] [--wait-for-rpc] [--scenario NAME]\n"
		"       [--seed N] [--stats-form per-module|aggregate] [--ready-fd N]\n"
		"       [-c FILE] [--dump-dir DIR] [--no-ptracer] [--modules N] [--numa-nodes N]\n"
		"       [--fault NAME[:N]] [--control-socket PATH] [--clock-step SECONDS]\n"
		"\n"
		"Serves SPDK's JSON-RPC as an SPDK v26.09 target does, with a simulated iobuf\n"
		"workload, for spdk-memtop tests, demos and rehearsals.\n"
		"\n"
		"  -r, --rpc-socket PATH  Unix socket to serve (default " SIM_DEFAULT_SOCKET
		" unless\n"
		"                         --listen is given); a live socket there is refused,\n"
		"                         a stale one replaced\n"
		"      --listen HOST:PORT also serve TCP on a loopback address (port 0: any)\n"
		"      --wait-for-rpc     start in the startup state, as spdk_tgt --wait-for-rpc:\n"
		"                         iobuf_set_options works until framework_start_init\n"
		"      --scenario NAME    %s (default idle);\n"
		"                         switch while running with the RPC\n"
		"                         sim_set_scenario {\"scenario\":NAME}\n"
		"      --seed N           vary rates and phases (default 1);\n"
		"                         same seed, same counters\n"
		"      --stats-form FORM  per-module (SPDK's iobuf_get_stats) or aggregate:\n"
		"                         {\"small_pool\":{\"retry_count\":N,...},...}\n"
		"      --ready-fd N       write \"R\" to fd N once listening, then close it\n"
		"  -c, --config FILE      iobuf options from a JSON config, as spdk_tgt -c\n"
		"                         (the iobuf_set_options entry of save_config)\n"
		"      --dump-dir DIR     write env_dpdk_get_mem_stats' file into DIR (kept);\n"
		"                         default: a private directory removed on exit\n"
		"      --no-ptracer       do not let any process of this user read our\n"
		"                         memory (no prctl PR_SET_PTRACER_ANY)\n"
		"      --modules N        list N modules in iobuf_get_stats (at most %d): the\n"
		"                         scenario's, then idle ones (benchmarks of scale)\n"
		"      --numa-nodes N     the machine has N NUMA nodes (1 to %d, default 1);\n"
		"                         with iobuf's enable_numa a pool pair per node\n"
		"      --fault NAME[:N]   play a fault on the target's sockets from the start\n"
		"                         (none, hang-accept, hang-reply, slow:MS, close-reply,\n"
		"                         garbage, bad-json, wrong-id, big-under, big-over,\n"
		"                         dense, deep, huge-counters, die:SECONDS, conns-full);\n"
		"                         change it while running with the RPC sim_set_fault\n"
		"                         {\"fault\":NAME} (+ \"ms\" or \"seconds\")\n"
		"      --clock-step SECONDS\n"
		"                         the workload's clock moves SECONDS (up to 3600) at\n"
		"                         each iobuf_get_stats served, not with real time:\n"
		"                         a benchmark's quick rounds see what a dashboard\n"
		"                         polling every SECONDS sees\n"
		"      --control-socket PATH\n"
		"                         also serve on PATH, where no fault applies\n"
		"  -h, --help             this text\n"
		"      --version          print the version\n"
		"\n"
		"Exit status: 0 after SIGTERM or SIGINT, 1 when serving failed,\n"
		"64 for usage errors (an unusable --config or --dump-dir included).\n",
		prog, sim_scenario_names(), SIM_MAX_LISTED_MODULES, SIM_MAX_NUMA_NODES);
}

static bool parse_u64(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

/* Options that take a value, as "--opt VALUE", "--opt=VALUE" or "-r VALUE". */
static const char *const valued[] = {
	"-r", "--rpc-socket", "--listen", "--scenario", "--seed", "--stats-form", "--ready-fd",
	"-c", "--config", "--dump-dir", "--modules", "--numa-nodes", "--fault", "--control-socket",
	"--clock-step", NULL,
};

static const char *option_value(int argc, char *const argv[], int *i, const char **name,
				char *namebuf, size_t namelen, bool *has_value)
{
	const char *arg = argv[*i], *eq = strchr(arg, '=');
	size_t k;

	*has_value = false;
	if (strncmp(arg, "--", 2) == 0 && eq) {
		snprintf(namebuf, namelen, "%.*s", (int)(eq - arg), arg);
		*name = namebuf;
		*has_value = true;
		return eq + 1;
	}
	*name = arg;
	for (k = 0; valued[k]; k++) {
		if (strcmp(arg, valued[k]) == 0 && *i + 1 < argc) {
			*has_value = true;
			return argv[++*i];
		}
	}
	return NULL;
}

static bool is_valued(const char *name)
{
	size_t k;

	for (k = 0; valued[k]; k++) {
		if (strcmp(name, valued[k]) == 0)
			return true;
	}
	return false;
}

enum sim_cli_status sim_cli_parse(int argc, char *const argv[], struct sim_cli *o,
				  struct mt_err *err)
{
	char namebuf[64];
	const char *name, *val;
	bool has_value;
	uint64_t n;
	int i;

	memset(o, 0, sizeof(*o));
	o->scenario = SIM_SCENARIO_IDLE;
	o->seed = 1;
	o->form = SIM_FORM_PER_MODULE;
	o->ready_fd = -1;
	o->numa_nodes = 1;
	for (i = 1; i < argc; i++) {
		val = option_value(argc, argv, &i, &name, namebuf, sizeof(namebuf), &has_value);
		if (is_valued(name) && !has_value) {
			mt_err_set(err, -EINVAL, "option %s needs a value", name);
			return SIM_CLI_USAGE;
		}
		if (!is_valued(name) && has_value) {
			mt_err_set(err, -EINVAL, "option %s takes no value", name);
			return SIM_CLI_USAGE;
		}
		if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
			o->help = true;
		} else if (strcmp(name, "--version") == 0) {
			o->version = true;
		} else if (strcmp(name, "--wait-for-rpc") == 0) {
			o->wait_for_rpc = true;
		} else if (strcmp(name, "-r") == 0 || strcmp(name, "--rpc-socket") == 0) {
			if (!*val) {
				mt_err_set(err, -EINVAL, "%s: empty socket path", name);
				return SIM_CLI_USAGE;
			}
			o->unix_path = val;
		} else if (strcmp(name, "--listen") == 0) {
			o->tcp_listen = val;
		} else if (strcmp(name, "--scenario") == 0) {
			if (sim_scenario_parse(val, &o->scenario) < 0) {
				mt_err_set(err, -EINVAL,
					   "--scenario %s: unknown, expected one of %s",
					   val, sim_scenario_names());
				return SIM_CLI_USAGE;
			}
		} else if (strcmp(name, "--seed") == 0) {
			if (!parse_u64(val, &o->seed)) {
				mt_err_set(err, -EINVAL,
					   "--seed %s: expected an unsigned integer", val);
				return SIM_CLI_USAGE;
			}
		} else if (strcmp(name, "--stats-form") == 0) {
			if (strcmp(val, "per-module") == 0) {
				o->form = SIM_FORM_PER_MODULE;
			} else if (strcmp(val, "aggregate") == 0) {
				o->form = SIM_FORM_AGGREGATE;
			} else {
				mt_err_set(err, -EINVAL, "--stats-form %s: expected per-module or "
					   "aggregate", val);
				return SIM_CLI_USAGE;
			}
		} else if (strcmp(name, "--ready-fd") == 0) {
			if (!parse_u64(val, &n) || n > INT_MAX) {
				mt_err_set(err, -EINVAL,
					   "--ready-fd %s: expected a file descriptor number",
					   val);
				return SIM_CLI_USAGE;
			}
			o->ready_fd = (int)n;
		} else if (strcmp(name, "-c") == 0 || strcmp(name, "--config") == 0) {
			if (!*val) {
				mt_err_set(err, -EINVAL, "%s: empty file name", name);
				return SIM_CLI_USAGE;
			}
			o->config = val;
		} else if (strcmp(name, "--dump-dir") == 0) {
			if (!*val) {
				mt_err_set(err, -EINVAL, "%s: empty directory name", name);
				return SIM_CLI_USAGE;
			}
			o->dump_dir = val;
		} else if (strcmp(name, "--modules") == 0) {
			if (!parse_u64(val, &n) || n == 0 || n > SIM_MAX_LISTED_MODULES) {
				mt_err_set(err, -EINVAL,
					   "--modules %s: expected a number from 1 to %d", val,
					   SIM_MAX_LISTED_MODULES);
				return SIM_CLI_USAGE;
			}
			o->modules = (size_t)n;
		} else if (strcmp(name, "--numa-nodes") == 0) {
			if (!parse_u64(val, &n) || n == 0 || n > SIM_MAX_NUMA_NODES) {
				mt_err_set(err, -EINVAL,
					   "--numa-nodes %s: expected a number from 1 to %d", val,
					   SIM_MAX_NUMA_NODES);
				return SIM_CLI_USAGE;
			}
			o->numa_nodes = (size_t)n;
		} else if (strcmp(name, "--clock-step") == 0) {
			char *end;
			double v;

			errno = 0;
			v = strtod(val, &end);
			if (!*val || *end || errno || !(v > 0 && v <= 3600)) {
				mt_err_set(err, -EINVAL,
					   "--clock-step %s: expected seconds, more than 0 and at most 3600",
					   val);
				return SIM_CLI_USAGE;
			}
			o->clock_step = v;
		} else if (strcmp(name, "--no-ptracer") == 0) {
			o->no_ptracer = true;
		} else if (strcmp(name, "--fault") == 0) {
			if (sim_fault_parse(val, &o->fault, err) < 0)
				return SIM_CLI_USAGE;
		} else if (strcmp(name, "--control-socket") == 0) {
			if (!*val) {
				mt_err_set(err, -EINVAL, "%s: empty socket path", name);
				return SIM_CLI_USAGE;
			}
			o->control = val;
		} else if (name[0] == '-') {
			mt_err_set(err, -EINVAL, "unknown option %s", name);
			return SIM_CLI_USAGE;
		} else {
			mt_err_set(err, -EINVAL, "unexpected argument %s", name);
			return SIM_CLI_USAGE;
		}
	}
	if (o->help || o->version)
		return SIM_CLI_INFO;
	if (!o->unix_path && !o->tcp_listen)
		o->unix_path = SIM_DEFAULT_SOCKET;
	return SIM_CLI_RUN;
}
