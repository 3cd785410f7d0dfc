/* flight_ring: a ring of JSON lines bounded by age and bytes (contract: flight_ring.h). */
#include "flight_ring.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot_json.h"

struct flight_line {
	char *text;      /* with its newline */
	size_t len;
	double wall;
};

struct flight_ring {
	double seconds;
	size_t max_bytes;
	struct flight_line *v;
	size_t cap, head, n;   /* v[head] is the oldest */
	size_t bytes;
	bool in_episode;
	double last_dump;      /* mono of the last automatic dump; -INFINITY before */
};

struct flight_ring *flight_ring_new(double seconds, size_t max_bytes)
{
	struct flight_ring *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->seconds = seconds;
	f->max_bytes = max_bytes;
	f->last_dump = -INFINITY;
	return f;
}

static struct flight_line *at(const struct flight_ring *f, size_t i)
{
	return &f->v[(f->head + i) % f->cap];
}

static void drop_oldest(struct flight_ring *f)
{
	struct flight_line *l = at(f, 0);

	f->bytes -= l->len;
	free(l->text);
	l->text = NULL;
	f->head = (f->head + 1) % f->cap;
	f->n--;
}

void flight_ring_free(struct flight_ring *f)
{
	if (!f)
		return;
	while (f->n)
		drop_oldest(f);
	free(f->v);
	free(f);
}

static int grow(struct flight_ring *f)
{
	size_t cap = f->cap ? f->cap * 2 : 64;
	struct flight_line *v = calloc(cap, sizeof(*v));

	if (!v)
		return -1;
	for (size_t i = 0; i < f->n; i++)
		v[i] = *at(f, i);
	free(f->v);
	f->v = v;
	f->cap = cap;
	f->head = 0;
	return 0;
}

int flight_ring_push(struct flight_ring *f, const struct snapshot *s, struct mt_err *err)
{
	size_t len;
	char *text = snapshot_to_json_line(s, &len);

	if (!text || (f->n == f->cap && grow(f))) {
		free(text);
		mt_err_set(err, -ENOMEM, "flight recorder: out of memory");
		return -1;
	}
	*at(f, f->n) = (struct flight_line){ text, len, s->wall };
	f->n++;
	f->bytes += len;
	while (f->n > 1 && (at(f, 0)->wall < s->wall - f->seconds || f->bytes > f->max_bytes))
		drop_oldest(f);
	return 0;
}

size_t flight_ring_count(const struct flight_ring *f)
{
	return f->n;
}

size_t flight_ring_bytes(const struct flight_ring *f)
{
	return f->bytes;
}

char *flight_ring_text(const struct flight_ring *f, size_t *len)
{
	char *out = malloc(f->bytes + 1), *p = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < f->n; i++) {
		memcpy(p, at(f, i)->text, at(f, i)->len);
		p += at(f, i)->len;
	}
	*p = '\0';
	*len = f->bytes;
	return out;
}

bool flight_ring_should_dump(struct flight_ring *f, bool critical_active, double mono)
{
	bool starts = critical_active && !f->in_episode;

	f->in_episode = critical_active;
	if (!starts || mono - f->last_dump < FLIGHT_DUMP_SPACING)
		return false;
	f->last_dump = mono;
	return true;
}
