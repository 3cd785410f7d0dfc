/*
 * screen_fp: fingerprints of what a part of the main screen is drawn from
 * (an FNV-style 64-bit hash, 8 bytes at a time in four chains), so that a
 * part is redrawn only when its fingerprint changed: a tick that changes
 * nothing a part shows costs that part nothing
 * (screen_paint, issue 10).  Private to the ui room.
 *
 * part_due() decides: always over an erased window (all); otherwise when fp
 * differs from *mark, the part's areas a and b (either may be empty) then
 * blanked as werase would.  A caller that cannot fingerprint what it reads
 * passes ~*mark to be drawn every time.
 */
#ifndef SCREEN_FP_H
#define SCREEN_FP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include <curses.h>

#define FP_SEED 14695981039346656037ULL
#define NO_RECT ((struct rect){ 0, 0, 0, 0 })

uint64_t fp_bytes(uint64_t h, const void *p, size_t n);
uint64_t fp_double(uint64_t h, double v);
/* NULL and "" differ. */
uint64_t fp_str(uint64_t h, const char *s);
/*
 * A series' time span as widget_span_text shows it (whole seconds back from
 * the newest point): not the clock values, which move every tick even when
 * the graph does not.
 */
uint64_t fp_span(uint64_t h, const double *wall, size_t n);

bool part_due(WINDOW *win, uint64_t fp, uint64_t *mark, bool all, struct rect a,
	      struct rect b);

#endif
