/* source_setup: replay or live, then the recorder (contract: source_setup.h). */
#include "source_setup.h"

#include "recorder.h"
#include "replay.h"

static int open_replay(const struct cli_options *o, struct source *out, FILE *diag)
{
	struct mt_err err = { 0 };
	struct replay *r = replay_open(o->replay, cli_is_headless(o) ? 0 : 1, &err);

	if (!r) {
		fprintf(diag, "spdk-memtop: --replay %s\n", err.msg);
		return CLI_EXIT_FAILURE;
	}
	if (cli_is_headless(o))
		for (size_t i = 0; i < replay_note_count(r); i++)
			fprintf(diag, "spdk-memtop: note: %s\n", replay_note(r, i));
	replay_as_source(r, out);
	return CLI_EXIT_OK;
}

static int add_recorder(const struct cli_options *o, const struct actions *act,
			struct source *src, FILE *diag)
{
	struct action_result res;
	size_t max = (size_t)(o->record_max_mb * 1024 * 1024);
	struct recorder *rec = recorder_open(act, o->record, max, &res);

	if (rec) {
		recorder_tee(rec, src, src);
		return CLI_EXIT_OK;
	}
	if (res.outcome == ACTION_REFUSED) {
		fprintf(diag, "spdk-memtop: --record: refused under --read-only (it would write "
			"%s); drop one of the two\n", o->record);
		return CLI_EXIT_USAGE;
	}
	fprintf(diag, "spdk-memtop: --record %s\n", res.message);
	return CLI_EXIT_FAILURE;
}

int source_setup(const struct cli_options *o, const struct collector_config *cfg,
		 const struct rpc_addr *addr, const struct actions *act, struct source *out,
		 FILE *diag)
{
	struct mt_err err = { 0 };
	int rc;

	if (o->replay) {
		rc = open_replay(o, out, diag);
		if (rc)
			return rc;
	} else if (collector_source_open(out, cfg, addr, &err)) {
		fprintf(diag, "spdk-memtop: %s\n", err.msg);
		return CLI_EXIT_FAILURE;
	}
	if (o->record) {
		rc = add_recorder(o, act, out, diag);
		if (rc) {
			source_close(out);
			return rc;
		}
	}
	return CLI_EXIT_OK;
}
