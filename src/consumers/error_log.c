/* error_log: the collection errors of every snapshot so far (see the header). */
#include <stdio.h>
#include <string.h>

#include "error_log.h"

/* Whether msg[i] already appeared earlier in the same list. */
static bool repeated(const struct mt_errlist *e, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(e->msg[j], e->msg[i]) == 0)
			return true;
	return false;
}

size_t errlist_distinct(const struct mt_errlist *e)
{
	size_t n = 0, max = e->n < MT_ERRLIST_MAX ? e->n : MT_ERRLIST_MAX;

	for (size_t i = 0; i < max; i++)
		if (!repeated(e, i))
			n++;
	return n + e->dropped;
}

void error_log_init(struct error_log *l)
{
	memset(l, 0, sizeof(*l));
}

static struct error_log_entry *find(struct error_log *l, const char *msg)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->e[i].msg, msg) == 0)
			return &l->e[i];
	return NULL;
}

/* Room for a new entry: a free slot, or the cleared entry seen longest ago. */
static struct error_log_entry *make_room(struct error_log *l)
{
	struct error_log_entry *oldest = NULL;

	if (l->n < ERROR_LOG_MAX)
		return &l->e[l->n++];
	for (size_t i = 0; i < l->n; i++) {
		struct error_log_entry *c = &l->e[i];

		if (!c->current && (!oldest || c->last_wall < oldest->last_wall))
			oldest = c;
	}
	if (oldest)
		l->forgotten++;
	return oldest;
}

/* Current first (by first appearance), then cleared, most recently seen first. */
static bool before(const struct error_log_entry *a, const struct error_log_entry *b)
{
	if (a->current != b->current)
		return a->current;
	if (a->current)
		return a->order < b->order;
	return a->last_wall > b->last_wall;
}

/* Insertion sort: stable, so entries that compare equal keep their order. */
static void sort_entries(struct error_log *l)
{
	for (size_t i = 1; i < l->n; i++) {
		struct error_log_entry tmp = l->e[i];
		size_t j = i;

		while (j > 0 && before(&tmp, &l->e[j - 1])) {
			l->e[j] = l->e[j - 1];
			j--;
		}
		l->e[j] = tmp;
	}
}

void error_log_update(struct error_log *l, const struct snapshot *s)
{
	const struct mt_errlist *errs = &s->errors;
	size_t max = errs->n < MT_ERRLIST_MAX ? errs->n : MT_ERRLIST_MAX;

	for (size_t i = 0; i < l->n; i++)
		l->e[i].current = false;
	l->current = 0;
	for (size_t i = 0; i < max; i++) {
		struct error_log_entry *e;

		if (repeated(errs, i))
			continue;
		e = find(l, errs->msg[i]);
		if (!e) {
			e = make_room(l);
			if (!e)
				continue;   /* cannot happen while MT_ERRLIST_MAX < ERROR_LOG_MAX */
			memset(e, 0, sizeof(*e));
			snprintf(e->msg, sizeof(e->msg), "%s", errs->msg[i]);
			e->first_wall = s->wall;
			e->order = ++l->created;
		}
		e->last_wall = s->wall;
		e->count++;
		e->current = true;
		l->current++;
	}
	l->latest_dropped = errs->dropped;
	l->latest_wall = s->wall;
	l->snapshots++;
	sort_entries(l);
}
