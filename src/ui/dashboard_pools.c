/* dashboard_state's side of the pool-count dialog (see dashboard_state.h). */
#include "dashboard_state.h"

void dash_state_pools_open(struct dash_state *s, const struct pool_base *b, uint64_t small,
			   uint64_t large, const char *from, bool read_only)
{
	pool_dialog_open(&s->pools, b, small, large, from, read_only);
	s->overlay = OVERLAY_POOLS;
}

unsigned dash_state_pools_key(struct dash_state *s, int key, double now)
{
	unsigned pfx = pool_dialog_key(&s->pools, key), fx = DASH_FX_NONE;

	if (pfx & PD_FX_REDRAW)
		fx |= DASH_FX_REDRAW;
	if (pfx & PD_FX_REVIEW)
		fx |= DASH_FX_POOLS_REVIEW;
	if (pfx & PD_FX_APPLY)
		fx |= DASH_FX_POOLS_APPLY;
	if (pfx & PD_FX_START_INIT)
		fx |= DASH_FX_POOLS_INIT;
	if (pfx & PD_FX_CLOSED) {
		s->overlay = OVERLAY_NONE;
		if (s->pools.cancelled)
			dash_state_note(s, now, "pool change cancelled: nothing was sent or written");
	}
	return fx;
}
