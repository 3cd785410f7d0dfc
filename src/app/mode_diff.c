/* `diff A B`: two files in, a table out (contract: mode_diff.h). */
#include "mode_diff.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "baseline_diff.h"
#include "baseline_file.h"

static void side_of(const struct baseline *b, const char *label, struct diff_side *out)
{
	out->snap = &b->snap;
	out->has_hugepages = b->has_hugepages;
	out->has_options = b->has_options;
	out->has_time = b->has_time;
	out->label = label;
	out->form = baseline_form_name(b->form);
}

int mode_diff_run(const struct cli_options *o, FILE *out, FILE *diag)
{
	struct baseline *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	struct baseline_diff *d = calloc(1, sizeof(*d));
	struct diff_side sa, sb;
	struct mt_err err = { 0 };
	int rc = CLI_EXIT_DIFF_BAD_FILE;

	if (!a || !b || !d) {
		fputs("spdk-memtop: diff: out of memory\n", diag);
		goto out;
	}
	if (baseline_load(o->diff_a, a, &err) || baseline_load(o->diff_b, b, &err)) {
		fprintf(diag, "spdk-memtop: diff: %s\n", err.msg);
		goto out;
	}
	side_of(a, o->diff_a, &sa);
	side_of(b, o->diff_b, &sb);
	baseline_diff_compute(&sa, &sb, d);
	errno = 0;
	if (o->json) {
		if (baseline_diff_write_json(out, &sa, &sb, d))
			errno = errno ? errno : EIO;
	} else {
		baseline_diff_write_text(out, &sa, &sb, d);
	}
	if (fflush(out) || ferror(out) || errno == EIO) {
		fprintf(diag, "spdk-memtop: diff: writing: %s\n", strerror(errno ? errno : EIO));
		rc = CLI_EXIT_FAILURE;
		goto out;
	}
	rc = d->retries_rose ? CLI_EXIT_DIFF_RETRIES : CLI_EXIT_OK;
out:
	free(a);
	free(b);
	free(d);
	return rc;
}
