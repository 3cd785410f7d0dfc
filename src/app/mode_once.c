/* Headless output: snapshots on the shared tick schedule, written as they come. */
#include "mode_once.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "advisor.h"
#include "dash_consumers.h"
#include "heap_trim.h"
#include "hp_consumers.h"
#include "hp_consumers_text.h"
#include "app_export.h"
#include "iobuf_rates.h"
#include "json_indent.h"
#include "mode_round.h"
#include "mt_clock.h"
#include "prom_text.h"
#include "report_text.h"
#include "snapshot_json.h"
#include "tick_schedule.h"

/* --consumers: the scan for the snapshot's target (NULL without --consumers or memory). */
static struct hugepage_consumers *scan_consumers(const struct cli_options *o,
						 const struct snapshot *s)
{
	struct hp_scan_config cfg = {
		.procfs_root = o->procfs_root,
		.target_pid = dash_consumers_target_pid(o, s, true),
	};
	struct hugepage_consumers *c = o->consumers ? malloc(sizeof(*c)) : NULL;

	if (c && hp_scan_run(&cfg, c)) {
		free(c);
		c = NULL;
	}
	return c;
}

/*
 * Without --consumers the snapshot's compact line, re-indented for --once,
 * is the tree's dump byte for byte, and costs no tree (issue 10).
 */
static int write_line(FILE *out, const struct snapshot *s, bool pretty)
{
	size_t len;
	char *line = snapshot_to_json_line(s, &len);
	int rc;

	if (!line)
		return -1;
	if (pretty)
		rc = json_indent_write(line, len, 2, out) || fputc('\n', out) == EOF ? -1 : 0;
	else
		rc = fwrite(line, 1, len, out) == len ? 0 : -1;
	free(line);
	return rc;
}

static int write_json(FILE *out, const struct snapshot *s, const struct hugepage_consumers *c,
		      bool pretty)
{
	json_t *j;
	int rc;

	if (!c)
		return write_line(out, s, pretty);
	j = snapshot_to_json(s);
	if (j && json_object_set_new(j, "hugepage_consumers",
					  hugepage_consumers_to_json(c, &s->hugepages))) {
		json_decref(j);
		j = NULL;
	}
	if (!j)
		return -1;
	rc = json_dumpf(j, out, pretty ? JSON_INDENT(2) : JSON_COMPACT);
	json_decref(j);
	if (rc == 0 && fputc('\n', out) == EOF)
		rc = -1;
	return rc;
}

/* --once: the advisor's judgement of the one snapshot (retries since the channels were made). */
static void write_advice(FILE *out, const struct snapshot *s)
{
	struct advisor *adv = advisor_new(NULL);
	struct advice a;

	if (!adv)
		return;
	advisor_update(adv, s, NULL);
	advisor_advise(adv, &a);
	fputc('\n', out);
	advisor_write_text(out, &a);
	advisor_free(adv);
}

/* Once per stretch of such snapshots, as for an outage. */
static void note_no_iobuf(FILE *diag, const struct snapshot *s)
{
	char why[MT_ERR_LEN];

	snapshot_lacks_iobuf_reason(s, why, sizeof(why));
	fprintf(diag, "spdk-memtop: no iobuf data from %s: %s\n", s->target[0] ? s->target : "-",
		why);
}

/* An unreachable target says more than one that answered badly. */
static int exit_status(bool unreachable, bool lacked)
{
	return unreachable ? CLI_EXIT_UNREACHABLE : lacked ? CLI_EXIT_NO_IOBUF : CLI_EXIT_OK;
}

int mode_once_run(const struct cli_options *o, struct source *src, FILE *out, FILE *diag,
		  int stop_fd)
{
	return mode_once_run_act(o, src, NULL, out, diag, stop_fd);
}

int mode_once_run_act(const struct cli_options *o, struct source *src, struct actions *act,
		      FILE *out, FILE *diag, int stop_fd)
{
	struct export_textfile et = { .path = act ? o->prometheus_textfile : NULL };
	struct action_result xr;
	/* prev and rates only once a second snapshot is due: --once needs neither (issue 10). */
	struct snapshot *prev = NULL;
	struct snapshot *cur = calloc(1, sizeof(*cur));
	struct iobuf_rates *rates = NULL;
	bool unreachable = false, was_unreachable = false;
	bool lacked = false, was_lacking = false;   /* answered, but no iobuf stats */
	int rc = CLI_EXIT_OK;
	struct tick_schedule ts;
	struct heap_trim trim;                   /* -b without -n runs for days */
	struct hugepage_consumers *hpc = NULL;   /* --consumers: this snapshot's scan */

	tick_schedule_init(&ts, o->interval, mt_now());
	heap_trim_init(&trim);

	if (!cur)
		goto oom;
	for (long i = 0; o->count == 0 || i < o->count; i++) {
		struct snapshot *tmp;

		if (mode_next_round(&ts, src, stop_fd, cur) != MODE_ROUND_TAKEN)
			break;
		heap_trim_tick(&trim, mt_now());
		if (cur->state == TARGET_UNREACHABLE) {
			unreachable = true;
			/* Once per outage in batch mode, not once per line. */
			if (!was_unreachable)
				fprintf(diag, "spdk-memtop: target unreachable: %s\n",
					cur->unreachable_reason[0] ? cur->unreachable_reason
								   : "no reason given");
		}
		was_unreachable = cur->state == TARGET_UNREACHABLE;
		if (snapshot_lacks_iobuf(cur)) {
			lacked = true;
			if (!was_lacking)
				note_no_iobuf(diag, cur);
		}
		was_lacking = snapshot_lacks_iobuf(cur);
		if (et.path && export_textfile_tick(&et, act, cur, &xr) && xr.outcome != ACTION_OK) {
			char line[MT_ERR_LEN + 64];

			action_result_describe(&xr, line, sizeof(line));
			fprintf(diag, "spdk-memtop: %s\n", line);
		}
		free(hpc);
		hpc = NULL;
		if (o->consumers && !(hpc = scan_consumers(o, cur))) {
			fprintf(diag, "spdk-memtop: --consumers: out of memory\n");
			rc = CLI_EXIT_FAILURE;
			goto out;
		}
		errno = 0;
		if (o->prometheus) {
			if (i > 0)
				fputc('\n', out);
			prom_text_write(out, cur);
		} else if (o->json) {
			if (write_json(out, cur, hpc, o->once))
				goto write_failed;
		} else {
			if (i > 0)
				fputc('\n', out);
			if (i > 0)
				iobuf_rates_compute(prev, cur, rates);
			report_text_write(out, cur, i > 0 ? rates : NULL);
			if (o->once)
				write_advice(out, cur);
			if (hpc) {
				fputs("\nHugepage consumers:\n", out);
				hpc_text_write(out, hpc, &cur->hugepages);
			}
		}
		if (fflush(out) || ferror(out))
			goto write_failed;
		if (o->count != 0 && i + 1 >= o->count)
			break;
		if (!prev && (!(prev = calloc(1, sizeof(*prev))) ||
			      !(rates = calloc(1, sizeof(*rates)))))
			goto oom;
		tmp = prev;
		prev = cur;
		cur = tmp;
	}
	rc = exit_status(unreachable, lacked);
	goto out;
oom:
	fprintf(diag, "spdk-memtop: out of memory\n");
	rc = CLI_EXIT_FAILURE;
	goto out;
write_failed:
	/*
	 * A reader that went away (| head) is a normal end, not a failure; so is
	 * a stop signal that broke into a blocked write (main returns 128 + it).
	 */
	if (errno == EPIPE || errno == EINTR) {
		rc = exit_status(unreachable, lacked);
	} else {
		fprintf(diag, "spdk-memtop: writing the snapshot: %s\n",
			errno ? strerror(errno) : "failed");
		rc = CLI_EXIT_FAILURE;
	}
out:
	free(hpc);
	free(prev);
	free(cur);
	free(rates);
	return rc;
}
