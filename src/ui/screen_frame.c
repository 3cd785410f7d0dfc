/* screen_frame: a whole frame, the main screen and the open overlay.  See screens.h. */
#include <string.h>

#include "screens.h"

/* A frame's plan; prev (NULL: none) is the last frame's, for what can be taken over. */
static void frame_plan(const struct screen_plan *prev, int cols, int rows,
		       const struct widget_env *env, const struct screen_data *d,
		       struct dash_state *st, struct screen_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	screen_main_plan_after(prev ? &prev->main : NULL, cols, rows, d, st, &plan->main);
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
		screen_advice_plan(cols, rows, env, d, st, &plan->over);
		break;
	case OVERLAY_POOLS:
		screen_pools_plan(cols, rows, &plan->over);
		break;
	case OVERLAY_MEMPOOLS:
		screen_mempools_plan(cols, rows, d, st, &plan->over);
		break;
	case OVERLAY_CONSUMERS:
		screen_consumers_plan(cols, rows, d, st, &plan->over);
		break;
	default:
		break;
	}
}

void screen_frame_plan(int cols, int rows, const struct widget_env *env,
		       const struct screen_data *d, struct dash_state *st,
		       struct screen_plan *plan)
{
	frame_plan(NULL, cols, rows, env, d, st, plan);
}

static void overlay_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
			 const struct dash_state *st, const struct screen_plan *plan)
{
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
	case OVERLAY_MEMPOOLS:
		screen_mempools_draw(win, env, d, st, &plan->over);
		break;
	case OVERLAY_CONSUMERS:
		screen_consumers_draw(win, env, d, st, &plan->over);
		break;
	default:
		break;
	}
}

void screen_frame_draw(WINDOW *win, const struct widget_env *env, const struct screen_data *d,
		       const struct dash_state *st, const struct screen_plan *plan)
{
	struct main_marks m;

	werase(win);
	screen_main_draw_changed(win, env, d, st, &plan->main, &m, true, true);
	overlay_draw(win, env, d, st, plan);
}

void screen_painter_init(struct screen_painter *p)
{
	memset(p, 0, sizeof(*p));
}

/*
 * Whether the window must be erased and drawn whole: nothing of ours in it
 * yet, a change anywhere (keys, resize, theme), another layout, or an
 * overlay now or before (its box covers parts the main screen does not
 * know about).
 */
static bool whole_frame(const struct screen_painter *p, const struct screen_plan *plan,
			unsigned changes)
{
	return !p->valid || (changes & SCREEN_CH_ALL) || plan->overlay != OVERLAY_NONE ||
	       p->plan.overlay != OVERLAY_NONE || plan->main.lay.too_small ||
	       memcmp(&plan->main.lay, &p->plan.main.lay, sizeof(plan->main.lay)) != 0;
}

void screen_paint(struct screen_painter *p, WINDOW *win, int cols, int rows,
		  const struct widget_env *env, const struct screen_data *d,
		  struct dash_state *st, unsigned changes)
{
	struct screen_plan plan;

	frame_plan(p->valid ? &p->plan : NULL, cols, rows, env, d, st, &plan);
	if (whole_frame(p, &plan, changes)) {
		werase(win);
		screen_main_draw_changed(win, env, d, st, &plan.main, &p->marks, true, true);
		overlay_draw(win, env, d, st, &plan);
	} else {
		screen_main_draw_changed(win, env, d, st, &plan.main, &p->marks, false,
					 changes & SCREEN_CH_DATA);
	}
	p->plan = plan;
	p->valid = true;
}
