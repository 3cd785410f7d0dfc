/* Geometry and clock formatting shared by the overlays. */
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "screens.h"

/* Wide enough for the longest help line, with a margin so the dashboard shows round it. */
#define OVERLAY_MAX_W 78

struct rect screen_overlay_rect(int cols, int rows)
{
	struct rect r;

	r.w = cols - 4 < OVERLAY_MAX_W ? cols - 4 : OVERLAY_MAX_W;
	r.h = rows - 2;
	if (r.w < 20)
		r.w = cols;
	if (r.h < 6)
		r.h = rows;
	if (r.w < 0)
		r.w = 0;
	if (r.h < 0)
		r.h = 0;
	r.x = (cols - r.w) / 2;
	r.y = (rows - r.h) / 2;
	return r;
}

struct rect screen_overlay_rect_wide(int cols, int rows, int max_w)
{
	struct rect r = screen_overlay_rect(cols, rows);

	if (cols - 4 > r.w && r.w >= 20) {
		r.w = cols - 4 < max_w ? cols - 4 : max_w;
		r.x = (cols - r.w) / 2;
	}
	return r;
}

void screen_clock(double wall, char *buf, size_t len)
{
	time_t t = (time_t)wall;
	struct tm tm;

	if (snapshot_wall_relative(wall) && wall > 0)
		snprintf(buf, len, "t+%.1fs", wall);   /* a timeline replayed */
	else if (!localtime_r(&t, &tm) || strftime(buf, len, "%H:%M:%S", &tm) == 0)
		snprintf(buf, len, "--:--:--");
}

void screen_time_text(double wall, bool minutes, char *buf, size_t len)
{
	time_t t = (time_t)wall;
	struct tm tm;

	if (!minutes)
		screen_clock(wall, buf, len);
	else if (snapshot_wall_relative(wall))
		snprintf(buf, len, "t+%.0fm", floor(wall / 60));
	else if (!localtime_r(&t, &tm) || strftime(buf, len, "%H:%M", &tm) == 0)
		snprintf(buf, len, "--:--");
}
