/* The alert engine: lifecycle of alerts raised by the rules, ack, and the log. */
#include "alerts_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[ALERT_KIND_COUNT] = {
	[ALERT_RETRIES] = "retries",
	[ALERT_POOL_UTIL] = "pool_util",
	[ALERT_POOL_RESERVED] = "pool_reserved",
	[ALERT_HUGEPAGES_LOW] = "hugepages_low",
	[ALERT_UNREACHABLE] = "unreachable",
	[ALERT_NUMA_IMBALANCE] = "numa_imbalance",
	[ALERT_LEAK] = "leak",
	[ALERT_RING_DOUBT] = "ring_doubt",
	[ALERT_NO_IOBUF] = "no_iobuf",
	[ALERT_HEAP_BLOCK] = "heap_block",
};

const char *alert_kind_name(enum alert_kind k)
{
	return (unsigned)k < ALERT_KIND_COUNT ? kind_names[k] : "invalid";
}

const char *alert_severity_name(enum alert_severity s)
{
	switch (s) {
	case ALERT_WARNING:
		return "warning";
	case ALERT_CRITICAL:
		return "critical";
	}
	return "invalid";
}

void alert_thresholds_default(struct alert_thresholds *t)
{
	t->pool_pct = 90;
	t->reserved_pct = 90;
	t->hugepages_free_pct = 10;
	t->imbalance_pct = 25;
	t->leak_minutes = 10;
}

struct alerts *alerts_new(const struct alert_thresholds *t)
{
	struct alerts *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	if (t)
		a->th = *t;
	else
		alert_thresholds_default(&a->th);
	a->next_id = 1;
	leak_window_reset(&a->leak[ALERT_POOL_SMALL]);
	leak_window_reset(&a->leak[ALERT_POOL_LARGE]);
	return a;
}

void alerts_free(struct alerts *a)
{
	free(a);
}

void alerts_set_thresholds(struct alerts *a, const struct alert_thresholds *t)
{
	a->th = *t;
}

void alerts_get_thresholds(const struct alerts *a, struct alert_thresholds *out)
{
	*out = a->th;
}

/* The log mirrors active alerts; an entry already pushed out of the ring is gone. */
static void log_sync(struct alerts *a, const struct alert *al)
{
	for (size_t i = 0; i < a->log_len; i++) {
		size_t k = (a->log_head + ALERT_LOG_MAX - 1 - i) % ALERT_LOG_MAX;

		if (a->log[k].id == al->id) {
			a->log[k] = *al;
			return;
		}
	}
}

static void log_append(struct alerts *a, const struct alert *al)
{
	a->log[a->log_head] = *al;
	a->log_head = (a->log_head + 1) % ALERT_LOG_MAX;
	if (a->log_len < ALERT_LOG_MAX)
		a->log_len++;
}

static struct alert *find_active(struct alerts *a, enum alert_kind kind, int subject,
				 size_t *idx)
{
	for (size_t i = 0; i < a->nactive; i++) {
		if (a->active[i].kind == kind && a->active[i].subject == subject) {
			if (idx)
				*idx = i;
			return &a->active[i];
		}
	}
	return NULL;
}

void alert_raise(struct alerts *a, enum alert_kind kind, int subject,
		 enum alert_severity sev, const char *text)
{
	size_t i;
	struct alert *al = find_active(a, kind, subject, &i);

	if (al) {
		snprintf(al->text, sizeof(al->text), "%s", text);
		al->severity = sev;
		a->seen[i] = a->tick;
		log_sync(a, al);
		return;
	}
	if (a->nactive >= ALERT_MAX_ACTIVE)
		return;     /* cannot happen with the rules' subjects bounded as they are */
	i = a->nactive++;
	al = &a->active[i];
	memset(al, 0, sizeof(*al));
	al->id = a->next_id++;
	al->kind = kind;
	al->severity = sev;
	al->subject = subject;
	snprintf(al->text, sizeof(al->text), "%s", text);
	al->start_wall = a->now_wall;
	al->active = true;
	a->seen[i] = a->tick;
	if (sev == ALERT_CRITICAL)
		a->new_critical = true;
	log_append(a, al);
}

void alert_hold(struct alerts *a, enum alert_kind kind, int subject)
{
	size_t i;

	if (find_active(a, kind, subject, &i))
		a->seen[i] = a->tick;
}

/* Ends every alert that was neither raised nor held this tick. */
static void end_unseen(struct alerts *a)
{
	size_t w = 0;

	for (size_t i = 0; i < a->nactive; i++) {
		if (a->seen[i] != a->tick) {
			a->active[i].active = false;
			a->active[i].end_wall = a->now_wall;
			log_sync(a, &a->active[i]);
			continue;
		}
		a->active[w] = a->active[i];
		a->seen[w] = a->seen[i];
		w++;
	}
	a->nactive = w;
}

void alerts_update(struct alerts *a, const struct snapshot *s, const struct iobuf_rates *rates)
{
	a->tick++;
	a->now_wall = s->wall;
	a->new_critical = false;
	alert_rules_run(a, s, rates);
	end_unseen(a);
}

void alerts_ack(struct alerts *a)
{
	for (size_t i = 0; i < a->nactive; i++) {
		struct alert *al = &a->active[i];

		if (al->severity == ALERT_CRITICAL && !al->acked) {
			al->acked = true;
			log_sync(a, al);
		}
	}
}

/* Most severe first, then oldest, then first raised. */
static int alert_order(const void *pa, const void *pb)
{
	const struct alert *x = pa, *y = pb;

	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	if (x->start_wall != y->start_wall)
		return x->start_wall < y->start_wall ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return 0;
}

size_t alerts_active(const struct alerts *a, struct alert *out, size_t max)
{
	const struct alert *order[ALERT_MAX_ACTIVE];
	size_t n = a->nactive;

	/* insertion sort of pointers: a handful of alerts, no big copies on the stack */
	for (size_t i = 0; i < n; i++) {
		size_t k = i;

		while (k > 0 && alert_order(&a->active[i], order[k - 1]) < 0) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = &a->active[i];
	}
	if (n > max)
		n = max;
	for (size_t i = 0; i < n; i++)
		out[i] = *order[i];
	return n;
}

void alerts_summary(const struct alerts *a, struct alerts_summary *out)
{
	const struct alert *top = NULL;

	memset(out, 0, sizeof(*out));
	out->active = a->nactive;
	out->new_critical = a->new_critical;
	for (size_t i = 0; i < a->nactive; i++) {
		const struct alert *al = &a->active[i];

		if (al->severity == ALERT_CRITICAL) {
			out->critical++;
			if (!al->acked)
				out->unacked_critical++;
		} else {
			out->warning++;
		}
		if (!top || alert_order(al, top) < 0)
			top = al;
	}
	if (top) {
		out->has_top = true;
		out->top = *top;
		out->others = a->nactive - 1;
	}
}

bool alerts_is_active(const struct alerts *a, enum alert_kind kind, int subject)
{
	for (size_t i = 0; i < a->nactive; i++)
		if (a->active[i].kind == kind && a->active[i].subject == subject)
			return true;
	return false;
}

size_t alerts_log_count(const struct alerts *a)
{
	return a->log_len;
}

bool alerts_log_get(const struct alerts *a, size_t i, struct alert *out)
{
	if (i >= a->log_len)
		return false;
	*out = a->log[(a->log_head + ALERT_LOG_MAX - 1 - i) % ALERT_LOG_MAX];
	return true;
}
