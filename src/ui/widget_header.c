/* The header line: target, version, state, interval, PAUSED, clock.  See widgets.h. */
#include "widgets.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define SEG_LEN 384

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

/* "SPDK v26.09-pre git sha1 3230130e6a" -> "SPDK v26.09-pre". */
static void short_version(const char *v, char *buf, size_t len)
{
	const char *git = strstr(v, " git");

	snprintf(buf, len, "%.*s", git ? (int)(git - v) : (int)strlen(v), v);
}

static void state_text(const struct header_view *h, char *buf, size_t len, enum ui_element *e)
{
	const struct snapshot *s = h->snap;
	char since[16];

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
		snprintf(buf, len, "startup (waiting for framework_start_init)");
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
	if (h->unreachable_since > 0) {
		clock_text(h->unreachable_since, since, sizeof(since));
		snprintf(buf, len, "unreachable since %s%s%s", since,
			 s->unreachable_reason[0] ? ": " : "", s->unreachable_reason);
	} else {
		snprintf(buf, len, "unreachable%s%s", s->unreachable_reason[0] ? ": " : "",
			 s->unreachable_reason);
	}
}

struct seg {
	char text[SEG_LEN];
	enum ui_element e;
	bool on;
};

/* Left segments, then right ones (PAUSED stays longest on the right). */
enum { S_PROG, S_TARGET, S_VERSION, S_STATE, S_NL };
enum { R_PAUSED, R_INTERVAL, R_CLOCK, R_NR };

static int segs_width(const struct widget_env *env, const struct seg *s, int n)
{
	int w = 0, i, k = 0;

	for (i = 0; i < n; i++) {
		if (!s[i].on || !s[i].text[0])
			continue;
		w += widget_text_width(env, s[i].text) + (k++ ? 2 : 0);
	}
	return w;
}

static int draw_segs(WINDOW *win, int y, int x, int maxw, const struct widget_env *env,
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
	return used;
}

void widget_header_draw(WINDOW *win, struct rect r, const struct widget_env *env,
			const struct header_view *h)
{
	struct seg l[S_NL], rt[R_NR];
	char full_version[SEG_LEN];
	const struct snapshot *s = h->snap;
	int lw, rw, i;

	if (rect_empty(r))
		return;
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
	snprintf(l[S_TARGET].text, SEG_LEN, "%s", s ? s->target : "");
	snprintf(full_version, sizeof(full_version), "%s", s ? s->version : "");
	snprintf(l[S_VERSION].text, SEG_LEN, "%s", full_version);
	state_text(h, l[S_STATE].text, SEG_LEN, &l[S_STATE].e);

	rt[R_PAUSED].on = h->paused;
	snprintf(rt[R_PAUSED].text, SEG_LEN, "PAUSED");
	rt[R_PAUSED].e = UI_ALERT_WARNING;
	snprintf(rt[R_INTERVAL].text, SEG_LEN, h->interval < 10 ? "every %.1fs" : "every %.0fs",
		 h->interval);
	clock_text(h->now, rt[R_CLOCK].text, SEG_LEN);

	/* Give up detail, least useful first, until both sides fit with a gap. */
	for (i = 0;; i++) {
		lw = segs_width(env, l, S_NL);
		rw = segs_width(env, rt, R_NR);
		if (lw + 2 + rw <= r.w - 2)
			break;
		if (i == 0)
			short_version(full_version, l[S_VERSION].text, SEG_LEN);
		else if (i == 1)
			l[S_PROG].on = false;
		else if (i == 2)
			snprintf(rt[R_INTERVAL].text, SEG_LEN, h->interval < 10 ? "%.1fs" : "%.0fs",
				 h->interval);
		else if (i == 3)
			l[S_VERSION].on = false;
		else if (i == 4)
			rt[R_INTERVAL].on = false;
		else if (i == 5)
			rt[R_CLOCK].on = false;
		else
			break;   /* the target and the state get cut below */
	}

	mvwhline(win, r.y, r.x, ' ' | env->pal->attr[UI_HEADER], r.w);
	if (rw > r.w - 2)
		rw = r.w - 2;
	draw_segs(win, r.y, r.x + r.w - 1 - rw, rw, env, rt, R_NR);
	/* Target and state share what is left; the state keeps at least its start. */
	lw = r.w - 2 - (rw ? rw + 2 : 0);
	if (lw > 0) {
		int tw = widget_text_width(env, l[S_TARGET].text);
		int rest = lw - segs_width(env, l, S_NL) + tw;   /* room for the target */

		if (tw > 0 && rest < tw) {
			struct seg cut[S_NL];
			int keep = lw / 3;

			memcpy(cut, l, sizeof(cut));
			/* Cut the target to a third so the state still shows. */
			if (keep < 4)
				keep = 4;
			cut[S_TARGET].on = false;
			widget_text(win, r.y, r.x + 1, keep, env->pal->attr[UI_HEADER], env,
				    l[S_TARGET].text);
			if (lw > keep + 2)
				draw_segs(win, r.y, r.x + 1 + keep + 2, lw - keep - 2, env,
					  cut + S_VERSION, S_NL - S_VERSION);
		} else {
			draw_segs(win, r.y, r.x + 1, lw, env, l, S_NL);
		}
	}
}
