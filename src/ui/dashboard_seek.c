/*
 * dashboard_state's side of the replay's seek prompt (see dashboard_state.h):
 * the prompt's line is the footer's note while it is open.
 */
#include "dashboard_state.h"

#include <math.h>

static void show(struct dash_state *s, double now)
{
	char line[DASH_NOTE_LEN];

	seek_prompt_line(&s->seek, line, sizeof(line));
	dash_state_note(s, now, line);
	s->note_until = INFINITY;   /* stays while the prompt is open */
}

void dash_state_seek_open(struct dash_state *s, const char *hint, double now)
{
	seek_prompt_open(&s->seek, hint);
	show(s, now);
}

unsigned dash_state_seek_key(struct dash_state *s, int key, double now)
{
	unsigned pfx = seek_prompt_key(&s->seek, key);

	if (pfx & SEEK_FX_CANCEL) {
		dash_state_note(s, now, "seek cancelled");
		return DASH_FX_REDRAW;
	}
	if (pfx & SEEK_FX_CONFIRM) {
		s->note_until = now;   /* the prompt's line goes; the seek says how it went */
		return DASH_FX_SEEK | DASH_FX_REDRAW;
	}
	if (pfx & SEEK_FX_REDRAW)
		show(s, now);
	return pfx & SEEK_FX_REDRAW ? DASH_FX_REDRAW : DASH_FX_NONE;
}
