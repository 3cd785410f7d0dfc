/* screen_frame: a whole frame, the main screen and the open overlay.  See screens.h. */
#include <string.h>

#include "screens.h"

void screen_frame_plan(int cols, int rows, const struct widget_env *env,
		       const struct screen_data *d, struct dash_state *st,
		       struct screen_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	screen_main_plan(cols, rows, d, st, &plan->main);
	/* Only the open overlay is measured: a closed one keeps its view as it was. */
	plan->overlay = st->overlay;
	switch (plan->overlay) {
	case OVERLAY_HELP:
		screen_help_plan(cols, rows, d, st, &plan->over);
		break;
	case OVERLAY_ALERT_LOG:
		screen_alert_log_plan(cols, rows, d, st, &plan->over);
		break;
	case OVERLAY_ERRORS:
		screen_errors_plan(cols, rows, env, d, st, &plan->over);
		break;
	case OVERLAY_ADVICE:
		screen_advice_plan(cols, rows, d, st, &plan->over);
		break;
	case OVERLAY_POOLS:
		screen_pools_plan(cols, rows, &plan->over);
		break;
	default:
		break;
	}
}

void screen_frame_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
		       const struct dash_state *st, const struct screen_plan *plan)
{
	werase(win);
	screen_main_draw(win, env, d, st, &plan->main);
	switch (plan->overlay) {
	case OVERLAY_HELP:
		screen_help_draw(win, env, d, st, &plan->over);
		break;
	case OVERLAY_ALERT_LOG:
		screen_alert_log_draw(win, env, d, st, &plan->over);
		break;
	case OVERLAY_ERRORS:
		screen_errors_draw(win, env, d, st, &plan->over);
		break;
	case OVERLAY_ADVICE:
		screen_advice_draw(win, env, d, st, &plan->over);
		break;
	case OVERLAY_POOLS:
		screen_pools_draw(win, env, st, &plan->over);
		break;
	default:
		break;
	}
}

void screen_painter_init(struct screen_painter *p)
{
	memset(p, 0, sizeof(*p));
}

void screen_paint(struct screen_painter *p, WINDOW *win, int cols, int rows,
		  const struct widget_env *env, const struct screen_data *d,
		  struct dash_state *st, unsigned changes)
{
	(void)changes;
	screen_frame_plan(cols, rows, env, d, st, &p->plan);
	screen_frame_draw(win, env, d, st, &p->plan);
	p->valid = true;
}
