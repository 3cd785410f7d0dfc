/*
 * sim_target: the simulated SPDK target behind the JSON-RPC layer.
 *
 * Holds the startup/running state, the iobuf options and the workload, and
 * answers one method call at a time the way SPDK v26.09 does: the state check
 * comes first (a method the recorded target has, called in a state it does
 * not allow, gets -1 with SPDK's message), then the method's own decoding
 * and checks.  Served: spdk_get_version, rpc_get_methods, framework_wait_init,
 * framework_start_init, framework_get_config, framework_get_subsystems,
 * iobuf_get_stats, iobuf_set_options, env_dpdk_get_mem_stats, and the
 * simulator-only sim_set_scenario, sim_get_call_counts (sim_call_counts.h)
 * and sim_set_fault (never listed by rpc_get_methods; they work in every
 * state).  The fault set here is the server's to play (sim_fault.h); the
 * content faults change iobuf_get_stats here.  Any
 * other name, including recorded methods the simulator does not model, is
 * -32601 "Method not found".  framework_wait_init in startup is answered
 * later, when framework_start_init completes (SIM_CALL_WAIT_INIT).
 *
 * With an environment (sim_target_set_env) the iobuf pools are real DPDK rings
 * in this process: made with the options in force when the framework starts,
 * settled on the model whenever iobuf_get_stats, env_dpdk_get_mem_stats or
 * sim_set_scenario is served and on the server's tick.  Without one (tests of
 * the RPC layer) env_dpdk_get_mem_stats fails as SPDK does when it cannot
 * write its file.
 */
#ifndef SIM_TARGET_H
#define SIM_TARGET_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mt_error.h"
#include "sim_call_counts.h"
#include "sim_fault.h"
#include "sim_methods.h"
#include "sim_model.h"

#define SIM_VERSION_STRING "SPDK v26.09-pre git sha1 3230130e6a"

#define SIM_MSG_STARTUP_ONLY "Method may only be called before framework is initialized. " \
	"Use --wait-for-rpc command line parameter and then issue this RPC before the " \
	"framework_start_init RPC."
#define SIM_MSG_RUNTIME_ONLY "Method may only be called after framework is initialized " \
	"using framework_start_init RPC."

/* JSON-RPC and SPDK error codes the simulator answers with. */
#define SIM_ERR_INVALID_STATE -1
#define SIM_ERR_INVALID_REQUEST -32600
#define SIM_ERR_METHOD_NOT_FOUND -32601
#define SIM_ERR_INVALID_PARAMS -32602

enum sim_stats_form {
	SIM_FORM_PER_MODULE,    /* what SPDK serves: one object per module */
	SIM_FORM_AGGREGATE,     /* {"small_pool":{"retry_count":..},"large_pool":{..}} */
};

struct sim_env;

struct sim_target {
	struct sim_env *env;    /* borrowed; NULL: no DPDK memory */
	enum sim_state state;
	struct sim_pool_opts opts;
	enum sim_scenario scenario;
	uint64_t seed;
	enum sim_stats_form form;
	double t0;              /* monotonic time the workload (re)started */
	double clock_step;      /* --clock-step: model seconds per iobuf_get_stats; 0: real */
	uint64_t stats_served;  /* iobuf_get_stats asked since t0 */
	struct sim_call_counts calls;
	size_t modules;         /* --modules: listed in iobuf_get_stats; 0: the scenario's */
	size_t numa_nodes;      /* --numa-nodes: the machine's NUMA nodes (0 as 1) */
	struct sim_fault fault; /* set by --fault or sim_set_fault */
	uint64_t fault_gen;     /* counts changes of fault, for the server to notice */
};

/*
 * At most this many modules for --modules: the scenario's, then idle ones
 * (every counter 0, as a module whose channels do no I/O).  Enough for the
 * scale benchmark's 1,000; a real target registers a handful.
 */
#define SIM_MAX_LISTED_MODULES 4096

void sim_target_init(struct sim_target *t, bool wait_for_rpc, enum sim_scenario scenario,
		     uint64_t seed, enum sim_stats_form form, double now);

enum sim_call_kind {
	SIM_CALL_RESULT,        /* result: compact JSON text (malloc'd) */
	SIM_CALL_ERROR,         /* code and message */
	SIM_CALL_WAIT_INIT,     /* answer `true` once the framework is initialised */
};

struct sim_call {
	enum sim_call_kind kind;
	char *result;
	int code;
	char message[MT_ERR_LEN];
	bool initialized;       /* this call moved the target to running */
	bool sim_only;          /* a simulator method: no fault touches its reply */
	size_t reply_size;      /* pad the reply value to exactly this many bytes; 0: as is */
};

/*
 * Calls `method` (mlen bytes) with params (NULL when absent or null) at
 * monotonic time `now`.  Returns 0, or -1 when memory ran out (then nothing
 * is owed to the caller).  Free c->result with free().
 */
int sim_target_call(struct sim_target *t, const char *method, size_t mlen,
		    const json_t *params, double now, struct sim_call *c);

/* Sets the fault to play from now on (counts as a change even if it is the same). */
void sim_target_set_fault(struct sim_target *t, const struct sim_fault *f);

/*
 * Counters as iobuf_get_stats would serve them at `now`: with enable_numa
 * spread over the NUMA nodes (sim_model_numa), else one pair of pools.
 */
void sim_target_stats(const struct sim_target *t, double now, struct sim_stats *out);

/*
 * Gives the target its DPDK environment (borrowed; it must outlive the
 * target's use).  A running target makes its pool rings now, a target in
 * startup at framework_start_init.  0, or -1 with err set (rings refused).
 */
int sim_target_set_env(struct sim_target *t, struct sim_env *env, double now,
		       struct mt_err *err);
/* Settles the pool rings on the model at `now`: the server calls it every loop. */
void sim_target_tick(struct sim_target *t, double now);
/* How long the server may sleep before the rings move: -1 while they stand still. */
int sim_target_tick_ms(const struct sim_target *t);

#endif
