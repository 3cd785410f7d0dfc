/* dash_baseline: load, save and compare with a baseline (contract: dash_baseline.h). */
#include "dash_baseline.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "snapshot_json.h"

int dash_baseline_init(struct dash_baseline *b, const char *dir)
{
	memset(b, 0, sizeof(*b));
	b->dir = dir;
	b->base = calloc(1, sizeof(*b->base));
	b->diff = calloc(1, sizeof(*b->diff));
	b->view = calloc(1, sizeof(*b->view));
	if (!b->base || !b->diff || !b->view) {
		dash_baseline_fini(b);
		return -1;
	}
	return 0;
}

void dash_baseline_fini(struct dash_baseline *b)
{
	free(b->base);
	free(b->diff);
	free(b->view);
	memset(b, 0, sizeof(*b));
}

int dash_baseline_load(struct dash_baseline *b, const char *path, struct mt_err *err)
{
	if (baseline_load(path, b->base, err))
		return -1;
	b->have = true;
	return 0;
}

/* "tmp_spdk.sock" from "/tmp/spdk.sock": a name that is safe in any file system. */
static void target_part(const char *target, char *buf, size_t len)
{
	size_t n = 0;

	while (*target == '/')
		target++;
	for (; *target && n + 1 < len && n < 64; target++) {
		char c = *target;
		bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';

		buf[n++] = keep ? c : '_';
	}
	buf[n] = '\0';
	if (!n)
		snprintf(buf, len, "target");
}

int dash_baseline_path(const char *dir, const char *xdg_state_home, const char *home,
		       const char *target, double wall, char *buf, size_t len,
		       struct mt_err *err)
{
	char tp[80], when[32];
	time_t t = (time_t)wall;
	struct tm tm;
	int n;

	target_part(target, tp, sizeof(tp));
	if (!localtime_r(&t, &tm) || !strftime(when, sizeof(when), "%Y%m%d-%H%M%S", &tm)) {
		mt_err_set(err, -EINVAL, "baseline: the snapshot has no usable time");
		return -1;
	}
	if (dir && dir[0])
		n = snprintf(buf, len, "%s/baseline-%s-%s.json", dir, tp, when);
	else if (xdg_state_home && xdg_state_home[0] == '/')
		n = snprintf(buf, len, "%s/spdk-memtop/baselines/baseline-%s-%s.json",
			     xdg_state_home, tp, when);
	else if (home && home[0] == '/')
		n = snprintf(buf, len, "%s/.local/state/spdk-memtop/baselines/baseline-%s-%s.json",
			     home, tp, when);
	else {
		mt_err_set(err, -ENOENT, "baseline: no --baseline-dir, and neither XDG_STATE_HOME "
			   "nor HOME names an absolute directory");
		return -1;
	}
	if (n < 0 || (size_t)n >= len) {
		mt_err_set(err, -ENAMETOOLONG, "baseline: path too long");
		return -1;
	}
	return 0;
}

static void failed(struct action_result *res, const struct mt_err *err)
{
	memset(res, 0, sizeof(*res));
	res->kind = ACTION_SAVE_BASELINE;
	res->outcome = ACTION_FAILED;
	res->code = err->code;
	snprintf(res->message, sizeof(res->message), "%s", err->msg);
}

int dash_baseline_save(struct dash_baseline *b, struct actions *act, const struct snapshot *s,
		       struct action_result *res)
{
	char path[BASELINE_PATH_LEN];
	struct mt_err err = { 0 };
	json_t *j;
	char *text;
	int rc;

	/* Refused first, so --read-only says so even where no path could be made. */
	if (actions_check(act, ACTION_SAVE_BASELINE, res))
		return -1;
	if (dash_baseline_path(b->dir, getenv("XDG_STATE_HOME"), getenv("HOME"), s->target,
			       s->wall, path, sizeof(path), &err)) {
		failed(res, &err);
		return -1;
	}
	j = snapshot_to_json(s);
	text = j ? json_dumps(j, JSON_INDENT(2)) : NULL;
	json_decref(j);
	if (!text) {
		mt_err_set(&err, -ENOMEM, "baseline: out of memory");
		failed(res, &err);
		return -1;
	}
	/* What is saved is what a later --baseline reads, newline-terminated like --once --json. */
	{
		size_t len = strlen(text);
		char *t = realloc(text, len + 2);

		if (t) {
			text = t;
			text[len++] = '\n';
			text[len] = '\0';
		}
		rc = actions_write_file(act, ACTION_SAVE_BASELINE, path, text, len, true, res);
	}
	/* The file as --baseline would read it, so the two never disagree. */
	if (rc == 0) {
		b->have = baseline_parse(text, strlen(text), path, b->base, &err) == 0;
		snprintf(b->base->path, sizeof(b->base->path), "%s", path);
	}
	free(text);
	return rc;
}

const struct compare_view *dash_baseline_view(struct dash_baseline *b,
					      const struct snapshot *cur,
					      const struct iobuf_rates *rates, double now_wall)
{
	const struct baseline *a = b->base;
	const char *slash;
	struct diff_side sa, sb;
	struct compare_source src;

	if (!b->have)
		return NULL;
	slash = strrchr(a->path, '/');
	sa = (struct diff_side){ &a->snap, a->has_hugepages, a->has_options, a->has_time,
				 slash ? slash + 1 : a->path, baseline_form_name(a->form) };
	sb = (struct diff_side){ cur, baseline_snapshot_has_hugepages(cur), cur->iobuf.opts.valid,
				 cur->wall > 0, "now", "snapshot" };
	baseline_diff_compute(&sa, &sb, b->diff);
	src = (struct compare_source){ sa.label, a->snap.wall, a->has_time };
	compare_view_build(b->view, b->diff, rates, &src, now_wall);
	return b->view;
}
