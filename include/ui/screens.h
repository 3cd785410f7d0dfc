/*
 * screens: what the dashboard draws, one screen or overlay per function.
 *
 * screen_main draws the dashboard proper: it computes the layout for the
 * window's size and the scroll offsets in dash_state, composes the widgets
 * (widgets.h) into it, and tells dash_state how much each scrolled view
 * holds.  screen_help, screen_alert_log and screen_errors draw an overlay
 * box on top of it.
 * Each reads only what it is given, writes only the window, never refreshes
 * and does no I/O; their keys are interpreted by dashboard_state, which is
 * pure and tested without a terminal.
 */
#ifndef SCREENS_H
#define SCREENS_H

#include <stdbool.h>

#include <curses.h>

#include "alerts.h"
#include "dashboard_state.h"
#include "error_log.h"
#include "history.h"
#include "iobuf_rates.h"
#include "snapshot.h"
#include "widgets.h"

/* What one draw reads; everything is borrowed. */
struct screen_data {
	const struct snapshot *snap;      /* newest snapshot; an empty one before the first */
	bool have_snap;                   /* false until the first round completed */
	const struct iobuf_rates *rates;  /* snap against the one before; may be !valid */
	const struct history *hist;
	const struct alerts *alerts;
	const struct alerts_summary *sum;
	const char *theme_name;
	double now_wall;                  /* header clock, alert log times */
	double now_mono;                  /* footer note expiry */
	const struct error_log *errors;   /* collection errors so far; may be NULL */
};

/* The dashboard, filling the window; updates st's module and node views. */
void screen_main_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
		      struct dash_state *st);

/* The key list (keymap_help) and current settings in a box; updates st->help. */
void screen_help_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
		      struct dash_state *st);

/* Every alert, newest first, with start, end and state; updates st->log. */
void screen_alert_log_draw(WINDOW *win, const struct widget_env *env,
			   const struct screen_data *d, struct dash_state *st);

/*
 * Every collection error so far (d->errors): the current ones first, each
 * with "current" or "cleared", in how many rounds it was seen, first and
 * last seen, and its message wrapped whole over as many lines as it needs
 * (a path is never cut).  The box is wider than the other overlays on a
 * wide screen, for those messages.  Updates st->errors, counted in lines.
 */
void screen_errors_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
			struct dash_state *st);

/* The box an overlay uses on a cols x rows screen (pure; shared by the overlays). */
struct rect screen_overlay_rect(int cols, int rows);

/* "HH:MM:SS" local time of a wall clock value into buf (at least 9 bytes). */
void screen_clock(double wall, char *buf, size_t len);

#endif
