/*
 * dashboard: the interactive loop.  One thread, one poll(2) on the terminal,
 * the signal fd, the source's fd and the actions' connection, with a timeout
 * that is the earliest of the next tick, the source's and the actions'
 * deadlines, the next flash toggle or note expiry and the next second of the
 * header clock.  A tick begins a source round; a finished round becomes
 * rates, history, alerts and a redraw; a finished action becomes a note.
 * Nothing here blocks: a hung target only ever delays its own data.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advisor.h"
#include "alerts.h"
#include "app_export.h"
#include "app_thresholds.h"
#include "dash_flight.h"
#include "dash_replay.h"
#include "dash_baseline.h"
#include "dash_consumers.h"
#include "dashboard.h"
#include "dash_pools.h"
#include "dashboard_state.h"
#include "error_log.h"
#include "flight_ring.h"
#include "heap_trim.h"
#include "history.h"
#include "iobuf_rates.h"
#include "keymap.h"
#include "mt_clock.h"
#include "screens.h"
#include "theme.h"
#include "tick_schedule.h"
#include "ui_palette.h"
#include "ui_term.h"

#define DASH_MAX_THEMES 16
/* The clock in the header changes every second; never sleep longer than that. */
#define DASH_MAX_WAIT 1.0
/*
 * A new second found while a round is out waits this long for the round's
 * frame, which shows it too: one frame a tick instead of two (issue 10).
 */
#define DASH_CLOCK_HOLD 0.25

struct dash {
	const struct cli_options *opts;
	struct source *src;
	struct actions *act;

	struct ui_term term;
	struct dash_state st;

	struct snapshot *cur, *next;   /* newest and the one being taken (heap: ~20 KiB each) */
	bool have_cur;
	struct iobuf_rates rates;
	struct history *hist;
	struct alerts *alerts;
	struct alerts_summary sum;
	struct error_log errors;       /* what went wrong while collecting, for the header and e */
	/* the pool sizes: advice for v, the dialog's actions for c */
	struct advisor *adv;
	struct advice advice;
	struct dash_pools pools;
	/* recording and replay */
	struct alert_thresholds th;    /* to start the alert engine again when a replay rewinds */
	struct flight_ring *flight;    /* NULL with --flight-minutes 0 */
	struct dash_replay *rp;        /* NULL when live */
	bool feeding;                  /* a replay jump feeds snapshots: no bell, no dumps */

	const char *themes[DASH_MAX_THEMES];
	size_t nthemes;
	struct glyphs gl;
	struct ui_palette pal;
	struct widget_env env;

	struct export_textfile prom;   /* --prometheus-textfile */
	struct dash_baseline base;     /* --baseline, b and B */
	struct dash_consumers hpc;     /* H: who holds the hugepages */

	struct tick_schedule ticks;    /* when the next round begins */
	struct heap_trim trim;         /* the heap's holes given back once a minute */
	bool round_open;               /* begun and not yet taken (it may finish inside begin) */
	double round_began;            /* mt_now() when the open round began */
	bool dirty;                    /* a frame is due */
	bool clock_stale;              /* the header's second has passed: a frame is due soon */
	unsigned changes;              /* screen_change bits: what it must redraw */
	struct screen_painter painter;
	int exit_code;
};

/* The themes `t` cycles through: the one asked for first, then the built-ins. */
static void list_themes(struct dash *d)
{
	const char *want = d->opts->theme;
	size_t first = 0;

	d->nthemes = 0;
	if (d->term.mono) {
		/* Monochrome turns every theme into the same attributes: nothing to cycle. */
		d->themes[d->nthemes++] = want ? want : "mono";
		return;
	}
	if (want && theme_builtin_text(want) == NULL)
		d->themes[d->nthemes++] = want;
	for (size_t i = 0; i < theme_builtin_count() && d->nthemes < DASH_MAX_THEMES; i++) {
		const char *n = theme_builtin_name(i);

		if (!n)
			break;
		if (want && strcmp(n, want) == 0)
			first = d->nthemes;
		d->themes[d->nthemes++] = n;
	}
	d->st.theme = first;
}

static void apply_theme(struct dash *d, double now, bool announce)
{
	struct theme th;
	struct mt_errlist warnings, errors;
	char note[DASH_NOTE_LEN];
	const char *name = d->themes[d->st.theme];

	mt_errlist_clear(&warnings);
	mt_errlist_clear(&errors);
	theme_load(name, getenv("HOME"), &th, &warnings, &errors);
	theme_to_palette(&th, d->term.has_colors, d->term.ncolors, d->term.mono, &d->pal);
	wbkgdset(stdscr, ' ' | d->pal.attr[UI_NORMAL]);
	if (errors.n)
		snprintf(note, sizeof(note), "theme %s: %s", name, errors.msg[0]);
	else if (warnings.n)
		snprintf(note, sizeof(note), "theme %s: %s", name, warnings.msg[0]);
	else if (announce)
		snprintf(note, sizeof(note), "theme %s", th.name[0] ? th.name : name);
	else
		return;
	dash_state_note(&d->st, now, note);
}

/*
 * A frame is due for these reasons.  The painter finds the clock, the
 * banner's flash and the footer's note changed by itself: those only set dirty.
 */
static void want(struct dash *d, unsigned changes)
{
	d->changes |= changes;
	d->dirty = true;
}

static void begin_round(struct dash *d, double now)
{
	tick_schedule_take(&d->ticks, now);
	source_begin(d->src, now);
	d->round_open = true;
	d->round_began = now;
}

/* Whether a frame that only moves the clock can wait for the open round's. */
static bool clock_can_wait(const struct dash *d, double now)
{
	return d->round_open && now - d->round_began < DASH_CLOCK_HOLD;
}

static void refresh_alarm(struct dash *d, double now)
{
	alerts_summary(d->alerts, &d->sum);
	if (dash_state_set_alarm(&d->st, d->sum.unacked_critical > 0, now))
		d->dirty = true;
}

/* --prometheus-textfile: rewritten every tick; the footer hears of it when that changes. */
static void export_tick(struct dash *d, double now)
{
	struct action_result r;
	char line[DASH_NOTE_LEN];

	if (!d->prom.path || !export_textfile_tick(&d->prom, d->act, d->cur, &r))
		return;
	action_result_describe(&r, line, sizeof(line));
	dash_state_note(&d->st, now, line);
}

static void consume(struct dash *d, double now);

/* A round finished: its snapshot goes to every consumer, unless paused. */
static void take_snapshot(struct dash *d, double now)
{
	source_take(d->src, d->next);
	d->round_open = false;
	tick_schedule_round_done(&d->ticks, now);
	if (d->st.paused)
		return;   /* collection is stopped: a round that was in flight is dropped */
	consume(d, now);
	heap_trim_tick(&d->trim, now);
}

/* The flight recorder keeps every tick; the first critical alert of an episode dumps it. */
static void fly(struct dash *d, double now)
{
	char line[DASH_NOTE_LEN];
	struct mt_err err = { 0 };

	if (!d->flight)
		return;
	if (flight_ring_push(d->flight, d->cur, &err))
		dash_state_note(&d->st, now, err.msg);
	if (!d->opts->flight_dir || d->rp || d->feeding ||
	    !flight_ring_should_dump(d->flight, d->sum.critical > 0, d->cur->mono))
		return;
	dash_flight_write(d->flight, d->act, d->opts->flight_dir, d->cur, line, sizeof(line));
	dash_state_note(&d->st, now, line);
}

/* d->next holds a new snapshot: rates against the previous one, then every consumer. */
static void consume(struct dash *d, double now)
{
	struct snapshot *tmp;

	if (d->have_cur)
		iobuf_rates_compute(d->cur, d->next, &d->rates);
	else
		memset(&d->rates, 0, sizeof(d->rates));
	tmp = d->cur;
	d->cur = d->next;
	d->next = tmp;
	d->have_cur = true;

	history_push(d->hist, d->cur, &d->rates);
	alerts_update(d->alerts, d->cur, &d->rates);
	error_log_update(&d->errors, d->cur);
	advisor_update(d->adv, d->cur, &d->rates);
	advisor_advise(d->adv, &d->advice);
	refresh_alarm(d, now);
	if (d->sum.new_critical && d->opts->bell && !d->feeding)
		beep();
	dash_state_note_target(&d->st, d->cur->state != TARGET_UNREACHABLE, d->cur->wall);
	if (!d->feeding)
		export_tick(d, now);   /* a replay jump is not a tick of the target */
	fly(d, now);
	want(d, SCREEN_CH_DATA);
}

/* ---- recording and replay: what a replay jump feeds (dash_replay.h) ---------------- */

static void feed_reset(void *ctx)
{
	struct dash *d = ctx;
	struct alerts *fresh = alerts_new(&d->th);

	history_clear(d->hist);
	if (fresh) {
		alerts_free(d->alerts);
		d->alerts = fresh;
	}
	error_log_init(&d->errors);
	/* The advisor's window is history too: it starts again with the rewind. */
	if (d->adv) {
		struct advisor *adv = advisor_new(NULL);

		if (adv) {
			advisor_free(d->adv);
			d->adv = adv;
		}
	}
	memset(&d->rates, 0, sizeof(d->rates));
	d->have_cur = false;
	d->st.unreachable = false;
}

static bool feed_one(void *ctx, const struct snapshot *s, double now)
{
	struct dash *d = ctx;
	struct alert newest;
	uint64_t before = alerts_log_get(d->alerts, 0, &newest) ? newest.id : 0;

	*d->next = *s;
	d->feeding = true;
	consume(d, now);
	d->feeding = false;
	return alerts_log_get(d->alerts, 0, &newest) && newest.id != before;
}

static void replay_key(struct dash *d, enum dash_action a, double now)
{
	struct dash_feed f = { feed_reset, feed_one, d };

	if (!d->rp) {
		dash_state_note(&d->st, now, "not replaying: , . < > n / work with --replay FILE");
		return;
	}
	dash_replay_action(d->rp, a, &f, &d->st, now);
}

/* The seek prompt confirmed a time (it opens only in a replay). */
static void seek_typed(struct dash *d, double now)
{
	struct dash_feed f = { feed_reset, feed_one, d };

	if (d->rp)
		dash_replay_seek(d->rp, d->st.seek.text, &f, &d->st, now);
}

static void flight_key(struct dash *d, double now)
{
	char line[DASH_NOTE_LEN];

	if (!d->flight) {
		dash_state_note(&d->st, now, "flight recorder off (--flight-minutes 0)");
		return;
	}
	dash_flight_write(d->flight, d->act, d->opts->flight_dir, d->cur, line, sizeof(line));
	dash_state_note(&d->st, now, line);
}

/*
 * An action finished: say how in the footer.  One that changed the target
 * makes the next round due at once, so the screen shows its effect.  An RPC
 * that reached the target, accepted or not, may show that what the source
 * keeps of it (options, startup or running) is out of date.
 */
static void take_action_result(struct dash *d, double now)
{
	struct action_result r;
	char line[DASH_NOTE_LEN];

	actions_take(d->act, &r);
	if (r.kind == ACTION_NONE)
		return;
	action_result_describe(&r, line, sizeof(line));
	dash_state_note(&d->st, now, line);
	dash_pools_result(&d->pools, &d->st, &r);
	if ((r.kind == ACTION_IOBUF_SET_OPTIONS || r.kind == ACTION_FRAMEWORK_START_INIT) &&
	    (r.outcome == ACTION_OK || r.outcome == ACTION_REJECTED))
		source_target_changed(d->src);
	if (r.outcome == ACTION_OK)
		tick_schedule_restart(&d->ticks, now);
	want(d, SCREEN_CH_ALL);
}

/* b: the newest snapshot to --baseline-dir; the footer says where, or why not. */
static void save_baseline(struct dash *d, double now)
{
	struct action_result r;
	char line[DASH_NOTE_LEN];

	if (!d->have_cur) {
		dash_state_note(&d->st, now, "save baseline: no snapshot yet");
		return;
	}
	if (dash_baseline_save(&d->base, d->act, d->cur, &r) == 0 && d->base.have)
		dash_state_baseline_ready(&d->st);
	action_result_describe(&r, line, sizeof(line));
	dash_state_note(&d->st, now, line);
}

/* Only for keys: handle_key has asked for a whole redraw (DASH_FX_REDRAW included). */
static void do_effects(struct dash *d, unsigned fx, double now, bool was_paused)
{
	if (fx & DASH_FX_REPAINT)
		ui_term_repaint(&d->term);
	if (fx & DASH_FX_ACK) {
		alerts_ack(d->alerts);
		refresh_alarm(d, now);
	}
	if (fx & DASH_FX_THEME)
		apply_theme(d, now, true);
	if (fx & DASH_FX_RECONNECT) {
		source_reconnect(d->src);
		tick_schedule_restart(&d->ticks, now);
		if (!d->st.paused)
			begin_round(d, now);   /* abandons a round stuck on the old connection */
	}
	if (fx & DASH_FX_POOLS_OPEN)
		dash_pools_open(&d->pools, &d->st, d->cur, d->have_cur, &d->advice, now);
	if (fx & DASH_FX_POOLS_REVIEW)
		dash_pools_review(&d->pools, &d->st);
	if (fx & DASH_FX_POOLS_APPLY)
		dash_pools_apply(&d->pools, &d->st, now);
	if (fx & DASH_FX_POOLS_INIT)
		dash_pools_start_init(&d->pools, &d->st, now);
	if (fx & DASH_FX_SEEK)
		seek_typed(d, now);
	if ((fx & DASH_FX_SCHEDULE) && d->rp)
		replay_set_paused(d->rp->rep, d->st.paused, now);   /* p pauses playback */
	/* who holds the hugepages (issue 11) */
	if (fx & DASH_FX_MEM_STATS)
		dash_state_note(&d->st, now, source_request_mem_stats(d->src)
				? "SPDK heap: read at the next snapshot"
				: "SPDK heap: only from a live target");
	if (fx & DASH_FX_CONSUMERS)
		dash_consumers_start(&d->hpc, d->cur, d->have_cur, now);
	if (fx & DASH_FX_BASELINE_SAVE)
		save_baseline(d, now);
	if (fx & DASH_FX_SCHEDULE) {
		if (was_paused && !d->st.paused)
			tick_schedule_restart(&d->ticks, now);   /* resumed: fresh data at once */
		else
			tick_schedule_set_interval(&d->ticks, d->st.interval, now);   /* may be now */
	}
}

static void handle_key(struct dash *d, int key, double now)
{
	enum dash_action a;
	bool was_paused = d->st.paused;
	unsigned fx;

	/* Keys are few and may change anything on the screen. */
	want(d, SCREEN_CH_ALL);
	if (key == KEY_RESIZE)
		return;
	if (d->st.overlay == OVERLAY_POOLS) {   /* the dialog takes every key: digits, y, n */
		do_effects(d, dash_state_pools_key(&d->st, key, now), now, was_paused);
		return;
	}
	if (d->st.seek.open) {   /* the replay's seek prompt takes every key */
		do_effects(d, dash_state_seek_key(&d->st, key, now), now, was_paused);
		return;
	}
	a = key == KEY_MOUSE ? keymap_mouse(ui_term_mouse()) : keymap_lookup(key);
	if (a == ACT_THEME && d->term.mono) {
		dash_state_note(&d->st, now, "colours are off (--no-color or NO_COLOR)");
		return;
	}
	if (d->rp && dash_replay_refuses(a, &d->st, now))
		return;
	fx = dash_state_apply(&d->st, a, now);
	do_effects(d, fx, now, was_paused);
	if (fx & DASH_FX_REPLAY)
		replay_key(d, a, now);
	if (fx & DASH_FX_FLIGHT)
		flight_key(d, now);
}

static void draw(struct dash *d)
{
	struct screen_data sd = {
		.snap = d->cur,
		.have_snap = d->have_cur,
		.rates = &d->rates,
		.hist = d->hist,
		.alerts = d->alerts,
		.sum = &d->sum,
		.theme_name = d->themes[d->st.theme],
		/* In replay the clock is the recording's. */
		.now_wall = d->rp && d->have_cur ? d->cur->wall : mt_wall(),
		.now_mono = mt_now(),
		.errors = &d->errors,
		.advice = d->have_cur ? &d->advice : NULL,
		.read_only = actions_read_only(d->act),
		.replay = d->rp ? dash_replay_tag(d->rp, d->cur, d->have_cur) : NULL,
	};

	if (d->st.compare && d->have_cur)
		sd.cmp = dash_baseline_view(&d->base, d->cur, &d->rates, sd.now_wall);
	dash_consumers_view(&d->hpc, &sd);
	int rows, cols;

	getmaxyx(stdscr, rows, cols);
	screen_paint(&d->painter, stdscr, cols, rows, &d->env, &sd, &d->st, d->changes);
	ui_term_present(&d->term);
	d->dirty = false;
	d->clock_stale = false;
	d->changes = 0;
}

/* Milliseconds until the earliest thing the loop must do, at most DASH_MAX_WAIT. */
static int poll_timeout(struct dash *d, double now)
{
	double dl = now + DASH_MAX_WAIT, t, wall, ms;

	t = source_next_deadline(d->src);   /* INFINITY when idle, 0 when a round is done */
	if (t < dl)
		dl = t;
	t = actions_next_deadline(d->act);
	if (t < dl)
		dl = t;
	if (!d->round_open && !d->st.paused && d->ticks.due < dl)
		dl = d->ticks.due;
	t = dash_state_next_deadline(&d->st, now);
	if (t < dl)
		dl = t;
	t = dash_consumers_deadline(&d->hpc, d->st.overlay == OVERLAY_CONSUMERS, now);
	if (t < dl)
		dl = t;
	/*
	 * Wake just after the clock's next second, so the header never shows a
	 * stale time; at an interval of a second or less the ticks redraw it,
	 * and an extra wake-up a second would cost more than the tick (issue 10).
	 */
	if (d->st.interval > 1.0 || d->st.paused || d->round_open) {
		wall = mt_wall();
		t = now + (floor(wall) + 1.0 - wall) + 0.001;
		if (t < dl)
			dl = t;
	}
	if (d->clock_stale && d->round_open && d->round_began + DASH_CLOCK_HOLD < dl)
		dl = d->round_began + DASH_CLOCK_HOLD;
	ms = ceil((dl - now) * 1000.0);
	if (!(ms > 0))
		return 0;
	return ms > DASH_MAX_WAIT * 1000.0 ? (int)(DASH_MAX_WAIT * 1000.0) : (int)ms;
}

static int loop(struct dash *d)
{
	double last_second = floor(mt_wall());

	tick_schedule_init(&d->ticks, d->st.interval, mt_now());
	heap_trim_init(&d->trim);
	want(d, SCREEN_CH_ALL);
	for (;;) {
		struct pollfd pfd[4];
		nfds_t n = 2;
		int src_i = -1, act_i = -1;
		double now = mt_now(), wall;
		int rc;

		if (!d->st.paused && !d->round_open && tick_schedule_due(&d->ticks, now))
			begin_round(d, now);
		if (d->dirty || (d->clock_stale && !clock_can_wait(d, now)))
			draw(d);

		pfd[0] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = d->term.sigfd, .events = POLLIN };
		/* Also between rounds: replies still owed to an abandoned round are drained. */
		if (source_pollfd(d->src, &pfd[n]))
			src_i = (int)n++;
		if (actions_pollfd(d->act, &pfd[n]))
			act_i = (int)n++;
		rc = poll(pfd, n, poll_timeout(d, now));
		if (rc < 0 && errno != EINTR) {
			d->exit_code = CLI_EXIT_FAILURE;
			return -errno;
		}
		now = mt_now();
		if (rc > 0 && pfd[1].revents) {
			int signo = 0;
			unsigned ev = ui_term_read_signals(&d->term, &signo);

			if (ev & UI_TERM_EV_QUIT) {
				d->exit_code = 128 + signo;
				return 0;
			}
			if (ev & (UI_TERM_EV_RESIZE | UI_TERM_EV_REPAINT))
				want(d, SCREEN_CH_ALL);
		}
		if (rc > 0 && pfd[0].revents) {
			int key;

			/* The terminal went away (hang-up without SIGHUP): nothing to show to. */
			if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
				d->exit_code = CLI_EXIT_FAILURE;
				return 0;
			}
			while ((key = getch()) != ERR && !d->st.quit)
				handle_key(d, key, now);
			if (d->st.quit) {
				d->exit_code = CLI_EXIT_OK;
				return 0;
			}
		}
		if (source_step(d->src, src_i >= 0 && rc > 0 ? pfd[src_i].revents : 0, now) &&
		    d->round_open)
			take_snapshot(d, now);
		if (actions_step(d->act, act_i >= 0 && rc > 0 ? pfd[act_i].revents : 0, now))
			take_action_result(d, now);
		if (dash_consumers_step(&d->hpc, d->st.overlay == OVERLAY_CONSUMERS, d->cur,
					d->have_cur, now))
			d->dirty = true;
		if (dash_state_tick(&d->st, now))
			d->dirty = true;
		wall = floor(mt_wall());
		if (wall != last_second) {
			last_second = wall;
			d->clock_stale = true;
		}
		if (dash_state_current_note(&d->st, now) == NULL && d->st.note[0]) {
			d->st.note[0] = '\0';   /* expired: redraw once without it */
			d->dirty = true;
		}
	}
}

int dashboard_run(const struct cli_options *opts, struct source *src, struct actions *act)
{
	struct ui_term_options to = {
		.ascii = opts->ascii,
		.no_color = opts->no_color,
		.no_color_env = getenv("NO_COLOR"),
		.doupdate = !term_out_wanted(getenv("MEMTOP_DOUPDATE")),
	};
	struct mt_err err = { 0 };
	struct dash *d;
	struct replay *rep = replay_of_source(src);
	int rc;

	d = calloc(1, sizeof(*d));
	if (!d) {
		fputs("spdk-memtop: out of memory\n", stderr);
		return CLI_EXIT_FAILURE;
	}
	d->opts = opts;
	screen_painter_init(&d->painter);
	d->src = src;
	d->act = act;
	d->prom.path = opts->prometheus_textfile;
	d->cur = calloc(1, sizeof(*d->cur));
	d->next = calloc(1, sizeof(*d->next));
	d->hist = history_new();
	thresholds_from_opts(opts, &d->th);
	d->alerts = alerts_new(&d->th);
	error_log_init(&d->errors);
	d->adv = advisor_new(NULL);
	dash_pools_init(&d->pools, opts, act);
	/* recording and replay */
	if (opts->flight_minutes > 0)
		d->flight = flight_ring_new(opts->flight_minutes * 60, FLIGHT_MAX_BYTES);
	if (rep) {
		d->rp = calloc(1, sizeof(*d->rp));
		if (d->rp && dash_replay_init(d->rp, rep)) {
			free(d->rp);
			d->rp = NULL;
		}
	}
	if (!d->cur || !d->next || !d->hist || !d->alerts || !d->adv ||
	    (opts->flight_minutes > 0 && !d->flight) || (rep && !d->rp) ||
	    dash_baseline_init(&d->base, opts->baseline_dir) ||
	    dash_consumers_init(&d->hpc, opts, rep != NULL)) {
		fputs("spdk-memtop: out of memory\n", stderr);
		rc = CLI_EXIT_FAILURE;
		goto out;
	}
	/* A bad baseline stops start-up before the screen is taken, like a bad theme. */
	if (opts->baseline && dash_baseline_load(&d->base, opts->baseline, &err)) {
		fprintf(stderr, "spdk-memtop: --baseline %s\n", err.msg);
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (ui_term_open(&d->term, &to, &err)) {
		fprintf(stderr, "spdk-memtop: %s\n", err.msg);
		rc = CLI_EXIT_FAILURE;
		goto out;
	}
	glyphs_init(&d->gl, d->term.glyphs);
	d->env.pal = &d->pal;
	d->env.gl = &d->gl;
	/* A replay looks at its clock often; the recording sets the pace (replay.h). */
	dash_state_init(&d->st, rep ? TICK_MIN_INTERVAL : opts->interval, opts->no_flash, 1, 0);
	if (d->base.have)
		dash_state_baseline_ready(&d->st);
	list_themes(d);
	d->st.ntheme = d->nthemes;
	apply_theme(d, mt_now(), false);
	alerts_summary(d->alerts, &d->sum);
	if (rep && replay_note_count(rep))
		dash_state_note(&d->st, mt_now(), replay_note(rep, 0));

	rc = loop(d);
	ui_term_close(&d->term);
	if (rc < 0)
		fprintf(stderr, "spdk-memtop: poll: %s\n", strerror(-rc));
	rc = d->exit_code;
out:
	dash_consumers_fini(&d->hpc);
	dash_baseline_fini(&d->base);
	dash_pools_fini(&d->pools);
	advisor_free(d->adv);
	alerts_free(d->alerts);
	flight_ring_free(d->flight);
	if (d->rp)
		dash_replay_free(d->rp);
	free(d->rp);
	history_free(d->hist);
	free(d->cur);
	free(d->next);
	free(d);
	return rc;
}
