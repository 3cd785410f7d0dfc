/* dashboard_baseline: b and B in the dashboard's state machine (see dashboard_state.h). */
#include "dashboard_state.h"

unsigned dash_state_baseline_key(struct dash_state *s, enum dash_action a, double now)
{
	if (a == ACT_BASELINE_SAVE)
		return DASH_FX_BASELINE_SAVE | DASH_FX_REDRAW;
	if (a != ACT_COMPARE)
		return DASH_FX_NONE;
	if (!s->have_baseline) {
		dash_state_note(s, now, "no baseline: press b to save one, or start with --baseline");
		return DASH_FX_REDRAW;
	}
	s->compare = !s->compare;
	dash_state_note(s, now, s->compare ? "compare: changes since the baseline (B: off)"
					   : "compare off");
	return DASH_FX_REDRAW;
}

void dash_state_baseline_ready(struct dash_state *s)
{
	s->have_baseline = true;
}
