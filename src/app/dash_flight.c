/* dash_flight: name, gather and write the flight recorder (contract: dash_flight.h). */
#include "dash_flight.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "recorder.h"

#define TARGET_PART 48   /* of the file name: enough to tell targets apart */

void dash_flight_dir(const char *flight_dir, char *buf, size_t len)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (flight_dir)
		snprintf(buf, len, "%s", flight_dir);
	else if (state && state[0] == '/')
		snprintf(buf, len, "%s/spdk-memtop/flight", state);
	else if (home && home[0])
		snprintf(buf, len, "%s/.local/state/spdk-memtop/flight", home);
	else
		buf[0] = '\0';
}

/* "/var/tmp/spdk.sock" -> "var_tmp_spdk.sock": a file name, whatever the address. */
static void target_part(const char *target, char *buf, size_t len)
{
	size_t n = 0;

	for (const char *p = target; *p && n + 1 < len && n < TARGET_PART; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			  (*p >= '0' && *p <= '9') || *p == '.' || *p == '-';

		if (!ok && (n == 0 || buf[n - 1] == '_'))
			continue;
		buf[n++] = ok ? *p : '_';
	}
	buf[n] = '\0';
	if (n == 0)
		snprintf(buf, len, "target");
}

static int write_line(void *ctx, const char *line, size_t len)
{
	return atomic_file_write_all(*(const int *)ctx, line, len);
}

/* The ring straight into the dump's file, a line at a time: never whole in memory. */
static int fill_from_ring(void *ctx, int fd)
{
	return flight_ring_each_line(ctx, write_line, &fd);
}

int dash_flight_write(const struct flight_ring *f, const struct actions *act,
		      const char *flight_dir, const struct snapshot *newest, char *note,
		      size_t len)
{
	char dir[PATH_MAX], name[160], tgt[TARGET_PART + 1], when[32] = "unknown";
	struct action_result res;
	time_t t = (time_t)newest->wall;
	struct tm tm;
	size_t n = flight_ring_count(f);
	int rc;

	if (n == 0) {
		snprintf(note, len, "flight recorder: nothing recorded yet");
		return -1;
	}
	dash_flight_dir(flight_dir, dir, sizeof(dir));
	if (!dir[0]) {
		snprintf(note, len, "flight recorder: no directory (set --flight-dir or HOME)");
		return -1;
	}
	target_part(newest->target, tgt, sizeof(tgt));
	if (!snapshot_wall_relative(newest->wall) && gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(name, sizeof(name), "flight-%s-%s-%llu.jsonl", tgt, when,
		 (unsigned long long)newest->seq);
	rc = recorder_dump_with(act, dir, name, fill_from_ring, (void *)f, &res);
	if (rc == 0)
		snprintf(note, len, "flight recorder: %s (%zu snapshots)", res.message, n);
	else
		action_result_describe(&res, note, len);
	return rc;
}
