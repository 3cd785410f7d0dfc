/* heap_trim: malloc_trim once a period (see the header). */
#include <malloc.h>

#include "heap_trim.h"

void heap_trim_init(struct heap_trim *t)
{
	t->next = 0;
	t->started = false;
}

bool heap_trim_tick(struct heap_trim *t, double now)
{
	if (!t->started) {
		t->started = true;
		t->next = now + HEAP_TRIM_PERIOD_S;
		return false;
	}
	if (now < t->next)
		return false;
	/* A late call (a stopped process, a suspended machine) does not trim twice. */
	t->next = now + HEAP_TRIM_PERIOD_S;
	malloc_trim(0);
	return true;
}
