/* --check: two snapshots, the alert rules, one line (contract: mode_check.h). */
#include "mode_check.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "app_thresholds.h"
#include "fmt_num.h"
#include "iobuf_rates.h"
#include "mode_round.h"
#include "mt_clock.h"

static const char *const status_name[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };

struct check_run {
	struct snapshot first, second;
	struct iobuf_rates rates;
	struct alert active[ALERT_MAX_ACTIVE];
	size_t nactive;
	int status;
	char what[ALERT_TEXT_LEN + 64];
};

/* Monitoring systems keep the text to one line of printable ASCII. */
static void one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			*s = '?';
}

static void decide(struct check_run *c)
{
	size_t crit = 0, warn = 0;
	const struct snapshot *bad = c->first.state == TARGET_UNREACHABLE ? &c->first
				     : c->second.state == TARGET_UNREACHABLE ? &c->second : NULL;

	if (bad) {
		c->status = CLI_EXIT_CHECK_UNKNOWN;
		snprintf(c->what, sizeof(c->what), "target unreachable: %s",
			 bad->unreachable_reason[0] ? bad->unreachable_reason : "no reason given");
		return;
	}
	/* Answered without iobuf stats: the pools' state is as unknown as when unreachable. */
	bad = snapshot_lacks_iobuf(&c->first) ? &c->first
	      : snapshot_lacks_iobuf(&c->second) ? &c->second : NULL;
	if (bad) {
		char why[MT_ERR_LEN];

		snapshot_lacks_iobuf_reason(bad, why, sizeof(why));
		c->status = CLI_EXIT_CHECK_UNKNOWN;
		snprintf(c->what, sizeof(c->what), "no iobuf data: %s", why);
		one_line(c->what);
		return;
	}
	for (size_t i = 0; i < c->nactive; i++) {
		if (c->active[i].severity == ALERT_CRITICAL)
			crit++;
		else
			warn++;
	}
	c->status = crit ? CLI_EXIT_CHECK_CRITICAL : warn ? CLI_EXIT_CHECK_WARNING
			 : CLI_EXIT_CHECK_OK;
	if (c->nactive == 0)
		snprintf(c->what, sizeof(c->what), "no alerts, target %s",
			 target_state_name(c->second.state));
	else if (c->nactive == 1)
		snprintf(c->what, sizeof(c->what), "%s", c->active[0].text);
	else
		snprintf(c->what, sizeof(c->what), "%s (and %zu more)", c->active[0].text,
			 c->nactive - 1);
	one_line(c->what);
}

static void write_line(FILE *out, const struct check_run *c)
{
	fprintf(out, "SPDK-MEMTOP %s - %s", status_name[c->status], c->what);
	if (c->rates.valid)
		fprintf(out, " | small_retries_per_s=%.3f large_retries_per_s=%.3f "
			"small_gets_per_s=%.3f large_gets_per_s=%.3f", c->rates.small.retry,
			c->rates.large.retry, c->rates.small.gets, c->rates.large.gets);
	fputc('\n', out);
}

static json_t *pool_rates_json(const struct iobuf_pool_rates *r)
{
	return json_pack("{s:f, s:f, s:b}", "gets_per_s", r->gets, "retries_per_s", r->retry,
			 "counter_reset", r->reset);
}

static int write_json(FILE *out, const struct check_run *c)
{
	json_t *alerts = json_array(), *root;
	int rc;

	for (size_t i = 0; i < c->nactive; i++) {
		const struct alert *a = &c->active[i];

		json_array_append_new(alerts, json_pack("{s:s, s:s, s:i, s:s}", "rule",
							alert_kind_name(a->kind), "severity",
							alert_severity_name(a->severity), "subject",
							a->subject, "text", a->text));
	}
	root = json_pack("{s:s, s:i, s:s, s:s, s:s, s:o, s:o}", "status",
			 status_name[c->status], "exit", c->status, "summary", c->what, "target",
			 c->second.target, "state", target_state_name(c->second.state), "alerts",
			 alerts, "rates",
			 c->rates.valid ? json_pack("{s:f, s:o, s:o}", "seconds", c->rates.dt,
						    "small", pool_rates_json(&c->rates.small),
						    "large", pool_rates_json(&c->rates.large))
					: json_null());
	if (!root)
		return -1;
	rc = json_dumpf(root, out, JSON_INDENT(2));
	json_decref(root);
	return rc == 0 && fputc('\n', out) != EOF ? 0 : -1;
}

int mode_check_run(const struct cli_options *o, struct source *src, FILE *out, int stop_fd)
{
	struct check_run *c = calloc(1, sizeof(*c));
	struct alert_thresholds th;
	struct alerts *al;
	struct tick_schedule ts;
	enum mode_round round;
	const char *which = "first";
	int rc;

	thresholds_from_opts(o, &th);
	al = alerts_new(&th);
	if (!c || !al) {
		fputs("SPDK-MEMTOP UNKNOWN - out of memory\n", out);
		free(c);
		alerts_free(al);
		return CLI_EXIT_CHECK_UNKNOWN;
	}
	tick_schedule_init(&ts, o->interval, mt_now());
	round = mode_next_round(&ts, src, stop_fd, &c->first);
	if (round == MODE_ROUND_TAKEN) {
		alerts_update(al, &c->first, NULL);
		which = "second";
		if (c->first.state == TARGET_UNREACHABLE) {
			c->second = c->first;   /* a second try would say nothing more */
		} else if ((round = mode_next_round(&ts, src, stop_fd, &c->second)) ==
			   MODE_ROUND_TAKEN) {
			iobuf_rates_compute(&c->first, &c->second, &c->rates);
			alerts_update(al, &c->second, &c->rates);
		}
	}
	if (round != MODE_ROUND_TAKEN) {
		fprintf(out, "SPDK-MEMTOP UNKNOWN - %s before the %s snapshot\n",
			round == MODE_ROUND_STOPPED ? "stopped" : "the recording ended", which);
		rc = CLI_EXIT_CHECK_UNKNOWN;
		goto out;
	}
	c->nactive = alerts_active(al, c->active, ALERT_MAX_ACTIVE);
	decide(c);
	if (o->json ? write_json(out, c) : (write_line(out, c), 0))
		fputs("SPDK-MEMTOP UNKNOWN - could not write the details\n", out);
	fflush(out);
	rc = c->status;
out:
	alerts_free(al);
	free(c);
	return rc;
}
