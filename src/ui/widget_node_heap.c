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

/* Node's heap in h, or NULL with buf saying why (what the line shows then). */
static const struct spdk_heap *heap_of(const struct spdk_heaps *h, int node, char *buf, size_t len)
{
	size_t n = h->n < SNAP_MAX_HEAPS ? h->n : SNAP_MAX_HEAPS;

	if (h->state == HEAPS_UNAVAILABLE) {
		snprintf(buf, len, "SPDK heap: %s", h->why);
		return NULL;
	}
	if (h->state != HEAPS_READ) {
		snprintf(buf, len, "SPDK heap: not read yet");
		return NULL;
	}
	for (size_t k = 0; k < n; k++)
		if (h->heaps[k].node == node)
			return &h->heaps[k];
	snprintf(buf, len, "SPDK heap: none on this node");
	return NULL;
}

/* The line's forms, richest first; forms[0] is forms[1] and the age.  Returns whether low. */
static bool heap_forms(const struct spdk_heap *hp, uint64_t large_bufsize, const char *age,
		       char forms[5][160])
{
	char u[FMT_NUM_LEN], t[FMT_NUM_LEN], g[FMT_NUM_LEN + 24];
	char tu[FMT_NUM_LEN], tt[FMT_NUM_LEN], tg[FMT_NUM_LEN + 24];
	bool low;

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
	snprintf(forms[0], 160, "SPDK heap %s used of %s, largest free %s%s", u, t, g, age);
	snprintf(forms[1], 160, "SPDK heap %s used of %s, largest free %s", u, t, g);
	snprintf(forms[2], 160, "heap %s/%s, largest free %s", u, t, g);
	snprintf(forms[3], 160, "heap %s/%s, largest free %s", tu, tt, tg);
	snprintf(forms[4], 160, "heap %s/%s", u, t);
	return low;
}

bool widget_node_heap_text(const struct spdk_heaps *h, int node, double now,
			   uint64_t large_bufsize, int w, const struct widget_env *env, char *buf,
			   size_t len)
{
	const struct spdk_heap *hp = heap_of(h, node, buf, len);
	char age[48], forms[5][160];
	bool low;
	int i;

	if (!hp)
		return false;
	age_text(now - h->read_mono, age, sizeof(age));
	low = heap_forms(hp, large_bufsize, age, forms);
	for (i = 0; i < 4 && widget_text_width(env, forms[i]) > w; i++)
		;
	snprintf(buf, len, "%s", forms[i]);
	return low;
}

int widget_node_heap_age_room(const struct spdk_heaps *h, int node, uint64_t large_bufsize,
			      int w, const struct widget_env *env)
{
	const struct spdk_heap *hp;
	char why[WIDGET_NODE_HEAP_TEXT_LEN], forms[5][160];

	if (!(hp = heap_of(h, node, why, sizeof(why))))
		return -1;
	heap_forms(hp, large_bufsize, "", forms);
	return w - widget_text_width(env, forms[1]);
}
