/* The SPDK heap line of a node pane (widgets.h): words that fit, never a cut number. */
#include "widgets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt_num.h"

/* Beyond this the age is worth saying: the dump is older than a couple of ticks. */
#define AGE_SAY_MIN 2.0

/* "771 MiB" -> "771M", as the pane's page sizes are named (2M, 1G), for narrow panes. */
static void terse(const char *in, char *out, size_t len)
{
	size_t o = 0;

	for (; *in && o + 1 < len; in++) {
		if (*in == 'i' && in[1] == 'B')
			in++;           /* "MiB" -> "M" */
		else if (*in != ' ')
			out[o++] = *in;
	}
	out[o] = '\0';
}

static void age_text(double age, char *buf, size_t len)
{
	if (!(age >= AGE_SAY_MIN))
		buf[0] = '\0';
	else if (age < 120)
		snprintf(buf, len, ", read %.0f s ago", age);
	else
		snprintf(buf, len, ", read %.0f min ago", floor(age / 60));
}

void widget_node_heap_age(const struct spdk_heaps *h, double now, char *buf, size_t len)
{
	if (h->state == HEAPS_READ)
		age_text(now - h->read_mono, buf, len);
	else if (len)
		buf[0] = '\0';
}

bool widget_node_heap_text(const struct spdk_heaps *h, int node, double now,
			   uint64_t large_bufsize, int w, const struct widget_env *env, char *buf,
			   size_t len)
{
	const struct spdk_heap *hp = NULL;
	char u[FMT_NUM_LEN], t[FMT_NUM_LEN], g[FMT_NUM_LEN + 24], age[48];
	char forms[5][160], tu[FMT_NUM_LEN], tt[FMT_NUM_LEN], tg[FMT_NUM_LEN + 24];
	size_t n = h->n < SNAP_MAX_HEAPS ? h->n : SNAP_MAX_HEAPS;
	bool low;
	int i;

	if (h->state == HEAPS_UNAVAILABLE) {
		snprintf(buf, len, "SPDK heap: %s", h->why);
		return false;
	}
	if (h->state != HEAPS_READ) {
		snprintf(buf, len, "SPDK heap: not read yet");
		return false;
	}
	for (size_t k = 0; k < n; k++)
		if (h->heaps[k].node == node)
			hp = &h->heaps[k];
	if (!hp) {
		snprintf(buf, len, "SPDK heap: none on this node");
		return false;
	}
	fmt_bytes(u, sizeof(u), hp->alloc);
	fmt_bytes(t, sizeof(t), hp->size);
	fmt_bytes(g, sizeof(g), hp->greatest_free);
	terse(u, tu, sizeof(tu));
	terse(t, tt, sizeof(tt));
	terse(g, tg, sizeof(tg));
	low = large_bufsize > 0 && hp->greatest_free < large_bufsize;
	if (low) {
		snprintf(g + strlen(g), sizeof(g) - strlen(g), " < 1 large buffer");
		snprintf(tg + strlen(tg), sizeof(tg) - strlen(tg), " LOW");
	}
	age_text(now - h->read_mono, age, sizeof(age));
	snprintf(forms[0], sizeof(forms[0]), "SPDK heap %s used of %s, largest free %s%s", u, t,
		 g, age);
	snprintf(forms[1], sizeof(forms[1]), "SPDK heap %s used of %s, largest free %s", u, t, g);
	snprintf(forms[2], sizeof(forms[2]), "heap %s/%s, largest free %s", u, t, g);
	snprintf(forms[3], sizeof(forms[3]), "heap %s/%s, largest free %s", tu, tt, tg);
	snprintf(forms[4], sizeof(forms[4]), "heap %s/%s", u, t);
	for (i = 0; i < 4 && widget_text_width(env, forms[i]) > w; i++)
		;
	snprintf(buf, len, "%s", forms[i]);
	return low;
}
