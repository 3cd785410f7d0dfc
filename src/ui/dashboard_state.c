/* dashboard_state: the dashboard's pure state machine (see the header). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dashboard_state.h"

/* Steps people actually want; -d may start anywhere between them. */
static const double interval_ladder[] = { TICK_MIN_INTERVAL, 0.2, 0.5, 1, 2, 5, 10, 30, 60 };
#define LADDER_N (sizeof(interval_ladder) / sizeof(interval_ladder[0]))
/* Two intervals closer than this are the same step (-d 0.1 parses to 0.1000000001). */
#define LADDER_EPS 1e-6

void dash_state_init(struct dash_state *s, double interval, bool no_flash, size_t ntheme,
		     size_t theme)
{
	memset(s, 0, sizeof(*s));
	s->interval = interval < TICK_MIN_INTERVAL || !isfinite(interval) ? TICK_MIN_INTERVAL
									    : interval;
	s->sort = MODULE_SORT_RETRY;
	s->ntheme = ntheme ? ntheme : 1;
	s->theme = theme < s->ntheme ? theme : 0;
	s->no_flash = no_flash;
	s->next_flash = INFINITY;
	s->note_until = -INFINITY;
	s->hist = hist_pos_live();
}

double dash_interval_step(double cur, int dir)
{
	if (cur < TICK_MIN_INTERVAL)
		return TICK_MIN_INTERVAL;
	if (dir > 0) {
		for (size_t i = 0; i < LADDER_N; i++)
			if (interval_ladder[i] > cur + LADDER_EPS)
				return interval_ladder[i];
	} else if (dir < 0) {
		for (size_t i = LADDER_N; i-- > 0;)
			if (interval_ladder[i] < cur - LADDER_EPS)
				return interval_ladder[i];
		return TICK_MIN_INTERVAL;
	}
	return cur;
}

void dash_scroll_resize(struct dash_scroll *sc, size_t total, size_t page)
{
	size_t max;

	sc->total = total;
	sc->page = page;
	max = total > page ? total - page : 0;
	if (sc->offset > max)
		sc->offset = max;
}

/* Moves a view by delta rows, within [0, total - page]; REDRAW when it moved. */
static unsigned scroll_by(struct dash_scroll *sc, long delta)
{
	size_t max = sc->total > sc->page ? sc->total - sc->page : 0;
	size_t old = sc->offset;

	if (delta < 0)
		sc->offset = (size_t)-delta > sc->offset ? 0 : sc->offset - (size_t)-delta;
	else
		sc->offset = sc->offset + (size_t)delta > max ? max : sc->offset + (size_t)delta;
	return sc->offset != old ? DASH_FX_REDRAW : DASH_FX_NONE;
}

static long page_of(const struct dash_scroll *sc)
{
	/* Keep one line of context when paging, as less(1) does not but most monitors do. */
	return sc->page > 2 ? (long)sc->page - 1 : 1;
}

static unsigned scroll_action(struct dash_scroll *sc, enum dash_action a)
{
	switch (a) {
	case ACT_UP:
		return scroll_by(sc, -1);
	case ACT_DOWN:
		return scroll_by(sc, 1);
	case ACT_PAGE_UP:
		return scroll_by(sc, -page_of(sc));
	case ACT_PAGE_DOWN:
		return scroll_by(sc, page_of(sc));
	case ACT_HOME:
		return scroll_by(sc, -(long)sc->offset);
	case ACT_END:
		return scroll_by(sc, (long)sc->total);
	default:
		return DASH_FX_NONE;
	}
}

static bool is_scroll(enum dash_action a)
{
	return a == ACT_UP || a == ACT_DOWN || a == ACT_PAGE_UP || a == ACT_PAGE_DOWN ||
	       a == ACT_HOME || a == ACT_END;
}

/* The scrolled view of an overlay; NULL for none. */
static struct dash_scroll *overlay_scroll(struct dash_state *s, enum dash_overlay o)
{
	switch (o) {
	case OVERLAY_HELP:
		return &s->help;
	case OVERLAY_ALERT_LOG:
		return &s->log;
	case OVERLAY_ERRORS:
		return &s->errors;
	case OVERLAY_ADVICE:
		return &s->advice;
	case OVERLAY_MEMPOOLS:
		return &s->mempools;
	case OVERLAY_CONSUMERS:
		return &s->consumers;
	default:
		return NULL;
	}
}

static struct dash_scroll *focused(struct dash_state *s)
{
	struct dash_scroll *sc = overlay_scroll(s, s->overlay);

	if (sc)
		return sc;
	return s->focus == FOCUS_NODES ? &s->nodes : &s->modules;
}

static unsigned open_overlay(struct dash_state *s, enum dash_overlay o)
{
	if (s->overlay == o) {
		s->overlay = OVERLAY_NONE;   /* the key that opened it closes it */
	} else {
		s->overlay = o;
		/* Reopened, a list starts at its top: the newest alert, the current errors. */
		overlay_scroll(s, o)->offset = 0;
	}
	return DASH_FX_REDRAW;
}

/* [ ] }: on the main screen only; the plan turns moves into columns of the graphs. */
static unsigned history_key(struct dash_state *s, enum dash_action a, double now)
{
	if (s->overlay != OVERLAY_NONE)
		return DASH_FX_NONE;
	if (a == ACT_HIST_LIVE || (a == ACT_HIST_FWD && s->hist.live && s->hist_moves >= 0)) {
		dash_state_note(s, now, s->hist.live ? "graphs: live" : "graphs: live again");
		s->hist = hist_pos_live();
		s->hist_moves = 0;
		return DASH_FX_REDRAW;
	}
	s->hist_moves += a == ACT_HIST_BACK ? -1 : 1;
	return DASH_FX_REDRAW;
}

unsigned dash_state_apply(struct dash_state *s, enum dash_action a, double now)
{
	char buf[DASH_NOTE_LEN];
	double iv;

	if (is_scroll(a))
		return scroll_action(focused(s), a);

	switch (a) {
	case ACT_QUIT:
		if (s->overlay != OVERLAY_NONE) {
			s->overlay = OVERLAY_NONE;
			return DASH_FX_REDRAW;
		}
		s->quit = true;
		return DASH_FX_QUIT;
	case ACT_CLOSE:
		if (s->overlay == OVERLAY_NONE)
			return DASH_FX_NONE;
		s->overlay = OVERLAY_NONE;
		return DASH_FX_REDRAW;
	case ACT_HELP:
		return open_overlay(s, OVERLAY_HELP);
	case ACT_ALERT_LOG:
		return open_overlay(s, OVERLAY_ALERT_LOG);
	case ACT_ERRORS:
		return open_overlay(s, OVERLAY_ERRORS);
	case ACT_ADVICE:
		return open_overlay(s, OVERLAY_ADVICE);
	case ACT_MEMPOOLS:
		return open_overlay(s, OVERLAY_MEMPOOLS);
	case ACT_CONSUMERS:
		/* Opening it asks for a scan; closing it costs nothing. */
		return open_overlay(s, OVERLAY_CONSUMERS) |
		       (s->overlay == OVERLAY_CONSUMERS ? DASH_FX_CONSUMERS : DASH_FX_NONE);
	case ACT_POOLS:
		return DASH_FX_POOLS_OPEN | DASH_FX_REDRAW;
	case ACT_BASELINE_SAVE:
	case ACT_COMPARE:
		return dash_state_baseline_key(s, a, now);
	case ACT_PAUSE:
		s->paused = !s->paused;
		dash_state_note(s, now, s->paused ? "paused: press space to resume"
						  : "resumed");
		return DASH_FX_REDRAW | DASH_FX_SCHEDULE;
	case ACT_INTERVAL_UP:
	case ACT_INTERVAL_DOWN:
		iv = dash_interval_step(s->interval, a == ACT_INTERVAL_UP ? 1 : -1);
		if (iv == s->interval) {
			snprintf(buf, sizeof(buf), "interval %g s is the %s", iv,
				 a == ACT_INTERVAL_UP ? "longest step" : "shortest");
			dash_state_note(s, now, buf);
			return DASH_FX_REDRAW;
		}
		s->interval = iv;
		snprintf(buf, sizeof(buf), "interval %g s", iv);
		dash_state_note(s, now, buf);
		return DASH_FX_REDRAW | DASH_FX_SCHEDULE;
	case ACT_ACK:
		if (s->alarm) {
			s->alarm = false;
			s->flash_on = false;
			s->next_flash = INFINITY;
			dash_state_note(s, now, "alerts acknowledged");
		} else {
			dash_state_note(s, now, "no unacknowledged critical alert");
		}
		return DASH_FX_ACK | DASH_FX_REDRAW;
	case ACT_SORT:
		s->sort = module_sort_next(s->sort);
		s->modules.offset = 0;
		snprintf(buf, sizeof(buf), "sort by %s", module_sort_name(s->sort));
		dash_state_note(s, now, buf);
		return DASH_FX_REDRAW;
	case ACT_THEME:
		if (s->ntheme <= 1) {
			dash_state_note(s, now, "only one theme available");
			return DASH_FX_REDRAW;
		}
		s->theme = (s->theme + 1) % s->ntheme;
		return DASH_FX_THEME | DASH_FX_REDRAW;
	case ACT_RECONNECT:
		dash_state_note(s, now, "reconnecting");
		return DASH_FX_RECONNECT | DASH_FX_REDRAW;
	/* who holds the hugepages (issue 11): the app says what became of it */
	case ACT_MEM_STATS:
		return DASH_FX_MEM_STATS | DASH_FX_REDRAW;
	case ACT_FOCUS:
		if (s->overlay != OVERLAY_NONE)
			return DASH_FX_NONE;
		s->focus = s->focus == FOCUS_MODULES ? FOCUS_NODES : FOCUS_MODULES;
		dash_state_note(s, now, s->focus == FOCUS_NODES
					? "arrows scroll the node panes"
					: "arrows scroll the module table");
		return DASH_FX_REDRAW;
	case ACT_LEFT:
	case ACT_RIGHT:
		/* Left/right always page through the nodes, whatever has the focus. */
		if (s->overlay != OVERLAY_NONE)
			return DASH_FX_NONE;
		return scroll_by(&s->nodes, a == ACT_LEFT ? -1 : 1);
	case ACT_REDRAW:
		return DASH_FX_REPAINT | DASH_FX_REDRAW;
	/* recording and replay: on the main screen only, like Tab */
	case ACT_REPLAY_BACK:
	case ACT_REPLAY_FWD:
	case ACT_REPLAY_SLOWER:
	case ACT_REPLAY_FASTER:
	case ACT_REPLAY_NEXT_ALERT:
	case ACT_REPLAY_SEEK:
		return s->overlay == OVERLAY_NONE ? DASH_FX_REPLAY | DASH_FX_REDRAW : DASH_FX_NONE;
	case ACT_FLIGHT_WRITE:
		return s->overlay == OVERLAY_NONE ? DASH_FX_FLIGHT | DASH_FX_REDRAW : DASH_FX_NONE;
	case ACT_HIST_BACK:
	case ACT_HIST_FWD:
	case ACT_HIST_LIVE:
		return history_key(s, a, now);
	default:
		return DASH_FX_NONE;
	}
}

unsigned dash_state_set_alarm(struct dash_state *s, bool unacked_critical, double now)
{
	if (unacked_critical == s->alarm)
		return DASH_FX_NONE;
	s->alarm = unacked_critical;
	if (unacked_critical && !s->no_flash) {
		s->flash_on = true;
		s->next_flash = now + DASH_FLASH_PERIOD;
	} else {
		s->flash_on = false;
		s->next_flash = INFINITY;
	}
	return DASH_FX_REDRAW;
}

unsigned dash_state_tick(struct dash_state *s, double now)
{
	if (!s->alarm || s->no_flash || now < s->next_flash)
		return DASH_FX_NONE;
	s->flash_on = !s->flash_on;
	/* A late wake-up (a stopped process) must not make it toggle in a burst. */
	s->next_flash += DASH_FLASH_PERIOD;
	if (s->next_flash <= now)
		s->next_flash = now + DASH_FLASH_PERIOD;
	return DASH_FX_REDRAW;
}

bool dash_state_emphasis(const struct dash_state *s)
{
	/* --no-flash: the banner stays in its steady critical look (the widget's "false"). */
	return s->alarm && !s->no_flash && s->flash_on;
}

void dash_state_note_target(struct dash_state *s, bool reachable, double wall)
{
	if (reachable) {
		s->unreachable = false;
		s->unreachable_since = 0;
	} else if (!s->unreachable) {
		s->unreachable = true;
		s->unreachable_since = wall;
	}
}

void dash_state_note(struct dash_state *s, double now, const char *text)
{
	snprintf(s->note, sizeof(s->note), "%s", text);
	s->note_until = now + DASH_NOTE_SECONDS;
}

const char *dash_state_current_note(const struct dash_state *s, double now)
{
	if (s->seek.open)
		return s->seek_line;
	return s->note[0] && now < s->note_until ? s->note : NULL;
}

double dash_state_next_deadline(const struct dash_state *s, double now)
{
	double d = INFINITY;

	if (s->alarm && !s->no_flash)
		d = s->next_flash;
	if (s->note[0] && now < s->note_until && s->note_until < d)
		d = s->note_until;
	return d;
}
