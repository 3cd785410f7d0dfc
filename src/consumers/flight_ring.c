/* flight_ring: a ring of JSON lines bounded by age and bytes (contract: flight_ring.h). */
#include "flight_ring.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flight_ring_delta.h"
#include "snapshot_json.h"

/*
 * A line is kept whole or as its delta from the line before; the oldest is
 * always whole, so every line can be rebuilt by walking from it.
 */
struct flight_line {
	void *data;      /* the line with its newline, or its flight_delta */
	size_t stored;   /* bytes of data */
	size_t len;      /* bytes of the whole line */
	bool whole;
	double wall;
};

struct flight_ring {
	double seconds;
	size_t max_bytes;
	struct flight_line *v;
	size_t cap, head, n;   /* v[head] is the oldest */
	size_t bytes;          /* stored */
	/*
	 * The newest line whole (the next delta's base) and the one being
	 * written, swapped each push: their room is kept, for a line of 1,000
	 * modules is 30 KB, and a pair allocated and freed every tick
	 * fragmented the heap by megabytes over a day.
	 */
	struct stream_buf last, line;
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

/* The line after the oldest made whole, so that the oldest can go; -1 when out of memory. */
static int make_second_whole(struct flight_ring *f)
{
	const struct flight_line *first = at(f, 0);
	struct flight_line *l = at(f, 1);
	char *text;

	if (l->whole)
		return 0;
	text = malloc(l->len);
	if (!text)
		return -1;
	if (flight_delta_apply(first->data, first->len, l->data, l->stored, text, l->len)) {
		free(text);   /* not reached: a delta always fits the line it was made from */
		return -1;
	}
	f->bytes += l->len - l->stored;
	free(l->data);
	*l = (struct flight_line){ text, l->len, l->len, true, l->wall };
	return 0;
}

static int drop_oldest(struct flight_ring *f)
{
	struct flight_line *l = at(f, 0);

	if (f->n > 1 && make_second_whole(f))
		return -1;
	f->bytes -= l->stored;
	free(l->data);
	l->data = NULL;
	f->head = (f->head + 1) % f->cap;
	f->n--;
	return 0;
}

void flight_ring_free(struct flight_ring *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		free(at(f, i)->data);
	free(f->v);
	free(f->last.data);
	free(f->line.data);
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

/*
 * The line as it is kept: its delta from the line before when that is at most
 * half its length (longer saves little, and a whole line needs no rebuilding),
 * else a copy.  NULL when out of memory.
 */
static void *stored_form(const struct flight_ring *f, const char *text, size_t len,
			 struct flight_line *l)
{
	size_t dlen;
	char *copy;
	unsigned char *d = f->n ? flight_delta_make(f->last.data, f->last.len, text, len, len / 2,
						    &dlen)
				: NULL;

	if (d) {
		*l = (struct flight_line){ d, dlen, len, false, 0 };
		return d;
	}
	copy = malloc(len);
	if (copy) {
		memcpy(copy, text, len);
		*l = (struct flight_line){ copy, len, len, true, 0 };
	}
	return copy;
}

int flight_ring_push(struct flight_ring *f, const struct snapshot *s, struct mt_err *err)
{
	struct flight_line l;
	struct stream_buf base;

	if (snapshot_json_line_into(s, &f->line) || (f->n == f->cap && grow(f)) ||
	    !stored_form(f, f->line.data, f->line.len, &l)) {
		mt_err_set(err, -ENOMEM, "flight recorder: out of memory");
		return -1;
	}
	l.wall = s->wall;
	*at(f, f->n) = l;
	f->n++;
	f->bytes += l.stored;
	base = f->last;
	f->last = f->line;
	f->line = base;
	while (f->n > 1 && (at(f, 0)->wall < s->wall - f->seconds || f->bytes > f->max_bytes)) {
		if (drop_oldest(f)) {
			mt_err_set(err, -ENOMEM,
				   "flight recorder: out of memory (kept past its bounds)");
			return -1;
		}
	}
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

int flight_ring_each_line(const struct flight_ring *f, flight_line_fn fn, void *ctx)
{
	size_t max = 1;
	char *buf[2], *prev = NULL;
	int k = 0, rc = 0;

	for (size_t i = 0; i < f->n; i++)
		max = at(f, i)->len > max ? at(f, i)->len : max;
	buf[0] = malloc(max);
	buf[1] = malloc(max);
	if (!buf[0] || !buf[1]) {
		free(buf[0]);
		free(buf[1]);
		errno = ENOMEM;
		return -1;
	}
	/* A delta is applied to the line handed out just before, into the other buffer. */
	for (size_t i = 0; i < f->n && rc == 0; i++) {
		const struct flight_line *l = at(f, i);
		char *line = l->data;

		if (!l->whole) {
			line = buf[k];
			k ^= 1;
			if (flight_delta_apply(prev, at(f, i - 1)->len, l->data, l->stored, line,
					       l->len)) {
				errno = EINVAL;   /* not reached: see make_second_whole */
				rc = -1;
				break;
			}
		}
		rc = fn(ctx, line, l->len);
		prev = line;
	}
	free(buf[0]);
	free(buf[1]);
	return rc;
}

static int append(void *ctx, const char *line, size_t len)
{
	char **p = ctx;

	memcpy(*p, line, len);
	*p += len;
	return 0;
}

char *flight_ring_text(const struct flight_ring *f, size_t *len)
{
	size_t total = 0;
	char *out, *p;

	for (size_t i = 0; i < f->n; i++)
		total += at(f, i)->len;
	out = malloc(total + 1);
	p = out;
	if (!out || flight_ring_each_line(f, append, &p)) {
		free(out);
		return NULL;
	}
	*p = '\0';
	*len = total;
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
