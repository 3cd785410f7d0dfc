/* bench_world: the dashboard's consumers around a snapshot (see the header). */
#include <stdlib.h>
#include <string.h>

#include "bench_world.h"

int bench_world_init(struct bench_world *w)
{
	memset(w, 0, sizeof(*w));
	w->cur = calloc(1, sizeof(*w->cur));
	w->next = calloc(1, sizeof(*w->next));
	w->hist = history_new();
	w->alerts = alerts_new(NULL);
	w->adv = advisor_new(NULL);
	/* The dashboard's default --flight-minutes 15. */
	w->flight = flight_ring_new(15 * 60, FLIGHT_MAX_BYTES);
	error_log_init(&w->errors);
	dash_state_init(&w->st, 1.0, false, 1, 0);
	if (!w->cur || !w->next || !w->hist || !w->alerts || !w->adv || !w->flight)
		return -1;
	alerts_summary(w->alerts, &w->sum);
	return 0;
}

void bench_world_free(struct bench_world *w)
{
	free(w->cur);
	free(w->next);
	history_free(w->hist);
	alerts_free(w->alerts);
	advisor_free(w->adv);
	flight_ring_free(w->flight);
	memset(w, 0, sizeof(*w));
}

void bench_world_consume(struct bench_world *w, double now)
{
	struct snapshot *older = w->cur;
	struct mt_err err = { 0 };

	if (w->have_cur)
		iobuf_rates_compute(w->cur, w->next, &w->rates);
	w->cur = w->next;
	w->next = older;
	w->have_cur = true;
	history_push(w->hist, w->cur, &w->rates);
	alerts_update(w->alerts, w->cur, &w->rates);
	error_log_update(&w->errors, w->cur);
	advisor_update(w->adv, w->cur, &w->rates);
	advisor_advise(w->adv, &w->advice);
	alerts_summary(w->alerts, &w->sum);
	dash_state_set_alarm(&w->st, w->sum.unacked_critical > 0, now);
	dash_state_note_target(&w->st, w->cur->state != TARGET_UNREACHABLE, w->cur->wall);
	flight_ring_push(w->flight, w->cur, &err);
}

void bench_world_screen(const struct bench_world *w, double now_wall, double now_mono,
			struct screen_data *out)
{
	*out = (struct screen_data){
		.snap = w->cur,
		.have_snap = w->have_cur,
		.rates = &w->rates,
		.hist = w->hist,
		.alerts = w->alerts,
		.sum = &w->sum,
		.theme_name = "default",
		.now_wall = now_wall,
		.now_mono = now_mono,
		.errors = &w->errors,
		.advice = w->have_cur ? &w->advice : NULL,
	};
}
