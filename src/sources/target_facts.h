/*
 * target_facts: what a target rarely changes, asked now and then, not every
 * round: spdk_get_version, rpc_get_methods {"current":true} (which says
 * startup or running) and framework_get_config {"name":"iobuf"}.
 *
 * The three replies are decoded once and kept with the time and the
 * connection they were asked on; rounds in between reuse them, so each
 * snapshot says what it said when they were asked every round.  They are due
 * again on a new connection (a restarted target may be another one), when
 * told (an action changed the target), every refresh interval, and they are
 * contradicted by an iobuf_get_stats reply that cannot come from the state
 * they describe: a result while the methods said startup, SPDK's -1
 * wrong-state refusal while they did not.  Kept only when every one of the
 * three was answered for good (a result, -1 for the wrong state or -32601 for
 * a method the target lacks): a timeout, a lost connection or another error
 * is asked again at the next round, as if nothing were kept.
 */
#ifndef TARGET_FACTS_H
#define TARGET_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "mt_error.h"
#include "rpc_client.h"
#include "snapshot.h"

/* One call's outcome: status, SPDK's code and message; result never kept (decoded below). */
struct fact_reply {
	struct rpc_result res;
	int rc;                    /* the decoder's return (0 when the call failed) */
	char err[MT_ERR_LEN];      /* the decoder's error or warning, "" when none */
};

struct target_facts {
	bool valid;                /* kept: rounds may reuse them */
	bool stale;                /* told to ask again */
	double asked;              /* mt_now() of the round that asked */
	uint64_t connection;       /* rpc_client_connections() they were answered on */
	struct fact_reply version, methods, config;
	char version_text[SNAP_VERSION_LEN];
	enum target_state methods_state;   /* when methods answered and decoded */
	struct iobuf_options opts;         /* zero unless config answered */
};

/*
 * Decodes the three replies (results borrowed) and keeps them as valid when
 * each was answered for good, on `connection`, asked at `asked`.
 */
void target_facts_store(struct target_facts *f, const struct rpc_result *version,
			const struct rpc_result *methods, const struct rpc_result *config,
			uint64_t connection, double asked);

/*
 * Whether a round at `now` must ask them: nothing kept, told to, on another
 * connection than theirs (or none yet: the send will open one), or older than
 * `interval` seconds.
 */
bool target_facts_due(const struct target_facts *f, uint64_t connection, bool connected,
		      double now, double interval);

/* Whether this iobuf_get_stats reply says the target left the state they describe. */
bool target_facts_contradicted(const struct target_facts *f, const struct rpc_result *stats);

/* The next round asks again (an action changed the target). */
void target_facts_invalidate(struct target_facts *f);

/*
 * SPDK's -1 "Method may only be called after framework is initialized ...":
 * what runtime methods answer before framework_start_init (wait_for_rpc/03
 * and 04), expected in the startup state, not an error.
 */
bool target_facts_refused_before_init(const struct rpc_result *r);

#endif
