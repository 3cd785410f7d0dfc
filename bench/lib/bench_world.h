/*
 * bench_world: what the dashboard keeps between ticks, for the benchmarks.
 *
 * The newest snapshot and the one before, and every consumer the dashboard
 * feeds a finished round to, with the dashboard's defaults: rates, history,
 * alerts, the error log, the sizing advisor and the 15-minute flight
 * recorder.  bench_world_consume() is one tick of them (what
 * src/app/dashboard.c does with a snapshot); bench_world_screen() is what a
 * frame of the main screen reads then.
 */
#ifndef BENCH_WORLD_H
#define BENCH_WORLD_H

#include "advisor.h"
#include "alerts.h"
#include "dashboard_state.h"
#include "error_log.h"
#include "flight_ring.h"
#include "history.h"
#include "iobuf_rates.h"
#include "screens.h"
#include "snapshot.h"

struct bench_world {
	struct snapshot *cur, *next;  /* next: where the source puts the coming snapshot */
	bool have_cur;
	struct iobuf_rates rates;
	struct history *hist;
	struct alerts *alerts;
	struct alerts_summary sum;
	struct error_log errors;
	struct advisor *adv;
	struct advice advice;
	struct flight_ring *flight;
	struct dash_state st;
};

/* 0, or -1 when out of memory (then bench_world_free is still safe). */
int bench_world_init(struct bench_world *w);
void bench_world_free(struct bench_world *w);

/* w->next becomes the newest snapshot and every consumer takes it. */
void bench_world_consume(struct bench_world *w, double now);

/* The main screen's data for a frame with the header clock at now_wall. */
void bench_world_screen(const struct bench_world *w, double now_wall, double now_mono,
			struct screen_data *out);

#endif
