/*
 * dashboard_state's side of the replay's seek prompt (see dashboard_state.h):
 * the prompt's line is what the footer shows while it is open, whatever
 * notes come meanwhile (dash_state_current_note).
 */
#include "dashboard_state.h"

static void show(struct dash_state *s)
{
	seek_prompt_line(&s->seek, s->seek_line, sizeof(s->seek_line));
}

void dash_state_seek_open(struct dash_state *s, const char *hint)
{
	seek_prompt_open(&s->seek, hint);
	show(s);
}

unsigned dash_state_seek_key(struct dash_state *s, int key, double now)
{
	unsigned pfx = seek_prompt_key(&s->seek, key);

	if (pfx & SEEK_FX_CANCEL) {
		dash_state_note(s, now, "seek cancelled");
		return DASH_FX_REDRAW;
	}
	if (pfx & SEEK_FX_CONFIRM) {
		/* a note from while it was open is stale; the seek says how it went */
		s->note_until = now;
		return DASH_FX_SEEK | DASH_FX_REDRAW;
	}
	if (pfx & SEEK_FX_REDRAW)
		show(s);
	return pfx & SEEK_FX_REDRAW ? DASH_FX_REDRAW : DASH_FX_NONE;
}
