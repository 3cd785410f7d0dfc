/* The header line: target, version, state, errors, PAUSED, interval, clock.  See widgets.h. */
#include "widgets.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "error_log.h"

#define SEG_LEN 384
#define TARGET_FLOOR 16   /* the target shrinks to this before the version goes */
#define TARGET_MIN 10     /* ... and to this before the clock goes */
/*
 * The baseline's file name shrinks with the target to keep both ends of
 * "baseline-<target>-20261201-154712.json" readable, and to the least
 * only after the version, the clock and the interval have gone.
 */
#define CMP_NAME_FLOOR 22
#define CMP_NAME_MIN 12

static void clock_text(double wall, char *buf, size_t len)
{
	time_t t = (time_t)wall;
	struct tm tm;

	if (wall <= 0 || !localtime_r(&t, &tm)) {
		snprintf(buf, len, "--:--:--");
		return;
	}
	strftime(buf, len, "%H:%M:%S", &tm);
}

/* "SPDK v26.09-pre git sha1 3230130e6a" -> "SPDK v26.09-pre", or "v26.09-pre" when bare. */
static void short_version(const char *v, bool bare, char *buf, size_t len)
{
	const char *git = strstr(v, " git");

	if (bare && strncmp(v, "SPDK ", 5) == 0 && v[5] && v + 5 != git)
		v += 5;
	git = strstr(v, " git");
	snprintf(buf, len, "%.*s", git ? (int)(git - v) : (int)strlen(v), v);
}

/* The state in words; brief 1 and 2 give shorter forms of the long ones. */
static void state_text(const struct header_view *h, int brief, char *buf, size_t len,
		       enum ui_element *e)
{
	const struct snapshot *s = h->snap;
	char since[16], why[MT_ERR_LEN];

	*e = UI_HEADER;
	if (!s) {
		snprintf(buf, len, "connecting");
		return;
	}
	switch (s->state) {
	case TARGET_RUNNING:
		snprintf(buf, len, "running");
		return;
	case TARGET_STARTUP:
		*e = UI_ALERT_WARNING;
		snprintf(buf, len, brief > 1 ? "startup" : brief ? "startup (wait-for-rpc)" :
			 "startup (waiting for framework_start_init)");
		return;
	case TARGET_UNKNOWN:
		*e = UI_ALERT_WARNING;
		snprintf(buf, len, "state unknown");
		return;
	case TARGET_UNREACHABLE:
	default:
		*e = UI_ALERT_CRITICAL;
		break;
	}
	/*
	 * When it went away and why: neither is shortened, the end of the
	 * reason is cut.  The target is named beside it, so not in the reason.
	 */
	snapshot_reason_brief(s, why, sizeof(why));
	if (h->unreachable_since > 0) {
		clock_text(h->unreachable_since, since, sizeof(since));
		snprintf(buf, len, "unreachable since %s%s%s", since, why[0] ? ": " : "", why);
	} else {
		snprintf(buf, len, "unreachable%s%s", why[0] ? ": " : "", why);
	}
}

struct seg {
	char text[SEG_LEN];
	enum ui_element e;
	bool on;
};

/* Left segments, then right ones (errors and PAUSED stay longest on the right). */
enum { S_PROG, S_TARGET, S_VERSION, S_STATE, S_NL };
enum { R_ERRORS, R_PAUSED, R_HISTORY, R_COMPARE, R_INTERVAL, R_CLOCK, R_NR };

/* Columns of the segments that are on, two blanks apart; the target counts as tw. */
static int segs_width(const struct widget_env *env, const struct seg *s, int n, int target,
		      int tw)
{
	int w = 0, i, k = 0;

	for (i = 0; i < n; i++) {
		if (!s[i].on || !s[i].text[0])
			continue;
		w += (i == target ? tw : widget_text_width(env, s[i].text)) + (k++ ? 2 : 0);
	}
	return w;
}

static void draw_segs(WINDOW *win, int y, int x, int maxw, const struct widget_env *env,
		      const struct seg *s, int n)
{
	int used = 0, i, k = 0;

	for (i = 0; i < n && used < maxw; i++) {
		if (!s[i].on || !s[i].text[0])
			continue;
		if (k++) {
			used += 2;
			if (used >= maxw)
				break;
		}
		used += widget_text(win, y, x + used, maxw - used, env->pal->attr[s[i].e], env,
				    s[i].text);
	}
}

static void interval_text(double interval, bool every, char *buf, size_t len)
{
	snprintf(buf, len, interval < 10 ? "%s%.1fs" : "%s%.0fs", every ? "every " : "",
		 interval);
}

/* "!2 errors (e)", or "!2 err": the '!' marks it without colour, (e) names the key. */
static void errors_text(size_t n, bool brief, char *buf, size_t len)
{
	if (brief)
		snprintf(buf, len, "!%zu err", n);
	else
		snprintf(buf, len, "!%zu error%s (e)", n, n == 1 ? "" : "s");
}

/* "vs baseline-~154712.json 6s ago": the short form, the name cut in its middle to cw. */
static void compare_text(const struct widget_env *env, const struct header_view *v, int cw,
			 char *buf, size_t len)
{
	char name[SEG_LEN];

	widget_text_elide(env, v->compare_name, cw, name, sizeof(name));
	snprintf(buf, len, "vs %s %s", name, v->compare_age);
}

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

/* Whether the segments fit in avail with the target at tw; *lw and *rw as measured. */
static bool header_fits(const struct widget_env *env, const struct seg *l, const struct seg *rt,
			int tw, int avail, int *lw, int *rw)
{
	*lw = segs_width(env, l, S_NL, S_TARGET, tw);
	*rw = segs_width(env, rt, R_NR, -1, 0);
	return *lw + (*rw ? 2 + *rw : 0) <= avail;
}

void widget_header_draw_clock(WINDOW *win, int y, int x, const struct widget_env *env,
			      double now)
{
	char t[16];

	clock_text(now, t, sizeof(t));
	widget_text(win, y, x, widget_text_width(env, t), env->pal->attr[UI_HEADER], env, t);
}

int widget_header_draw(WINDOW *win, struct rect r, const struct widget_env *env,
		       const struct header_view *v)
{
	struct seg l[S_NL], rt[R_NR];
	char target[SEG_LEN];
	const struct snapshot *s = v->snap;
	size_t nerr = s ? errlist_distinct(&s->errors) : 0;
	int avail = r.w - 2, full_tw, floor_tw, tw, lw, rw, step, i, clock_x;
	bool cmp_cut = v->compare && v->compare_name && v->compare_age;
	int full_cw = cmp_cut ? widget_text_width(env, v->compare_name) : 0, cw = full_cw;

	if (rect_empty(r))
		return -1;
	memset(l, 0, sizeof(l));
	memset(rt, 0, sizeof(rt));
	for (i = 0; i < S_NL; i++) {
		l[i].on = true;
		l[i].e = UI_HEADER;
	}
	for (i = 0; i < R_NR; i++) {
		rt[i].on = true;
		rt[i].e = UI_HEADER;
	}
	snprintf(l[S_PROG].text, SEG_LEN, "spdk-memtop");
	l[S_PROG].e = UI_TITLE;
	/* A path is a Unix socket by its look, as the user gave it to -s: no "unix:". */
	snprintf(target, sizeof(target), "%s",
		 !s ? "" : strncmp(s->target, "unix:/", 6) == 0 ? s->target + 5 : s->target);
	snprintf(l[S_VERSION].text, SEG_LEN, "%s", s ? s->version : "");
	state_text(v, 0, l[S_STATE].text, SEG_LEN, &l[S_STATE].e);
	rt[R_ERRORS].on = nerr > 0;
	errors_text(nerr, false, rt[R_ERRORS].text, SEG_LEN);
	rt[R_ERRORS].e = UI_ALERT_WARNING;
	rt[R_PAUSED].on = v->paused;
	snprintf(rt[R_PAUSED].text, SEG_LEN, "PAUSED");
	rt[R_PAUSED].e = UI_ALERT_WARNING;
	interval_text(v->interval, true, rt[R_INTERVAL].text, SEG_LEN);
	clock_text(v->now, rt[R_CLOCK].text, SEG_LEN);
	if (v->replay) {
		snprintf(rt[R_CLOCK].text, SEG_LEN, "%s", v->replay);
		rt[R_CLOCK].e = UI_ALERT_WARNING;
		rt[R_INTERVAL].on = false;   /* the recording sets the pace, not the interval */
	}
	/* Compare mode: which baseline and how old, its short form before anything else goes. */
	rt[R_COMPARE].on = v->compare != NULL;
	snprintf(rt[R_COMPARE].text, SEG_LEN, "%s", v->compare ? v->compare : "");
	rt[R_COMPARE].e = UI_ALERT_WARNING;
	/* Scrolled back: the graphs show the past, said as long as any of it fits. */
	rt[R_HISTORY].on = v->history != NULL;
	snprintf(rt[R_HISTORY].text, SEG_LEN, "%s", v->history ? v->history : "");
	rt[R_HISTORY].e = UI_ALERT_WARNING;

	/*
	 * Give up detail, least useful first, until both sides fit with a gap.
	 * Every part the reader needs (target, version, state, errors,
	 * interval, PAUSED, clock, the baseline) stays as long as a shortened
	 * form of it fits: the target and the baseline's name lose their
	 * middle, the version its git hash and "SPDK", the error count its words.
	 */
	full_tw = widget_text_width(env, target);
	floor_tw = full_tw;
	snprintf(l[S_TARGET].text, SEG_LEN, "%s", target);
	if (cmp_cut && !header_fits(env, l, rt, full_tw, avail, &lw, &rw))
		compare_text(env, v, full_cw, rt[R_COMPARE].text, SEG_LEN);
	if (v->history && !header_fits(env, l, rt, full_tw, avail, &lw, &rw))
		snprintf(rt[R_HISTORY].text, SEG_LEN, "%s",
			 v->history_short ? v->history_short : v->history);
	for (step = 0;; step++) {
		if (header_fits(env, l, rt, floor_tw, avail, &lw, &rw))
			break;
		switch (step) {
		case 0:
			short_version(s ? s->version : "", false, l[S_VERSION].text, SEG_LEN);
			break;
		case 1:
			l[S_PROG].on = false;
			break;
		case 2:
			interval_text(v->interval, false, rt[R_INTERVAL].text, SEG_LEN);
			break;
		case 3:
			short_version(s ? s->version : "", true, l[S_VERSION].text, SEG_LEN);
			break;
		case 4:
			floor_tw = min_int(full_tw, TARGET_FLOOR);
			if (cmp_cut) {
				cw = min_int(full_cw, CMP_NAME_FLOOR);
				compare_text(env, v, cw, rt[R_COMPARE].text, SEG_LEN);
			}
			break;
		case 5:
			errors_text(nerr, true, rt[R_ERRORS].text, SEG_LEN);
			break;
		case 6:
		case 7:
			state_text(v, step - 5, l[S_STATE].text, SEG_LEN, &l[S_STATE].e);
			break;
		case 8:
			l[S_VERSION].on = false;
			break;
		case 9:
			floor_tw = full_tw < TARGET_MIN ? full_tw : TARGET_MIN;
			break;
		case 10:
			rt[R_CLOCK].on = v->replay != NULL;   /* in replay it says what is shown */
			break;
		case 11:
			rt[R_INTERVAL].on = false;
			break;
		case 12:
			if (cmp_cut) {
				cw = min_int(full_cw, CMP_NAME_MIN);
				compare_text(env, v, cw, rt[R_COMPARE].text, SEG_LEN);
			}
			break;
		default:
			goto draw;   /* what is left of the state is cut at the end */
		}
	}
draw:
	/*
	 * A later step (a shorter state) may have freed the room an earlier one
	 * took: give detail back, most useful first, but only room the target
	 * and the baseline's name do not need whole.
	 */
	if (cw < full_cw)
		compare_text(env, v, full_cw, rt[R_COMPARE].text, SEG_LEN);
	if (step > 3 && l[S_VERSION].on) {
		short_version(s ? s->version : "", false, l[S_VERSION].text, SEG_LEN);
		if (!header_fits(env, l, rt, full_tw, avail, &lw, &rw))
			short_version(s ? s->version : "", true, l[S_VERSION].text, SEG_LEN);
	}
	if (step > 2 && rt[R_INTERVAL].on) {
		interval_text(v->interval, true, rt[R_INTERVAL].text, SEG_LEN);
		if (!header_fits(env, l, rt, full_tw, avail, &lw, &rw))
			interval_text(v->interval, false, rt[R_INTERVAL].text, SEG_LEN);
	}
	if (step > 1) {
		l[S_PROG].on = true;
		if (!header_fits(env, l, rt, full_tw, avail, &lw, &rw))
			l[S_PROG].on = false;
	}
	if (cw < full_cw)
		compare_text(env, v, cw, rt[R_COMPARE].text, SEG_LEN);
	header_fits(env, l, rt, floor_tw, avail, &lw, &rw);
	/* The target takes what the others leave, up to its full width; the name what is left. */
	tw = floor_tw + (avail - lw - (rw ? 2 + rw : 0));
	if (tw > full_tw)
		tw = full_tw;
	if (tw < floor_tw)
		tw = floor_tw;
	if (cw < full_cw) {
		int left = avail - (lw - floor_tw + tw) - (rw ? 2 + rw : 0);

		cw = min_int(full_cw, cw + (left > 0 ? left : 0));
		compare_text(env, v, cw, rt[R_COMPARE].text, SEG_LEN);
		header_fits(env, l, rt, floor_tw, avail, &lw, &rw);
	}
	widget_text_elide(env, target, tw, l[S_TARGET].text, SEG_LEN);

	mvwhline(win, r.y, r.x, ' ' | env->pal->attr[UI_HEADER], r.w);
	/* The clock, last on the right, ends a cell before the edge when nothing is cut. */
	clock_x = rt[R_CLOCK].on && !v->replay && rw <= avail ?
		  r.x + r.w - 1 - widget_text_width(env, rt[R_CLOCK].text) : -1;
	if (rw > avail)
		rw = avail;
	if (rw)
		draw_segs(win, r.y, r.x + r.w - 1 - rw, rw, env, rt, R_NR);
	lw = avail - (rw ? rw + 2 : 0);
	if (lw > 0)
		draw_segs(win, r.y, r.x + 1, lw, env, l, S_NL);
	return clock_x;
}
