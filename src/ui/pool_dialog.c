/* pool_dialog: the pool-count dialog's keys and stages (contract: pool_dialog.h). */
#include "pool_dialog.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "line_edit.h"

static bool digit(int key)
{
	return key >= '0' && key <= '9';
}

static void revalidate(struct pool_dialog *d)
{
	const char *text[POOL_FIELDS] = { NULL };

	for (int f = 0; f < d->nfields; f++)
		text[f] = d->text[f];
	pool_change_assess(&d->base, text, &d->chk);
}

void pool_dialog_open(struct pool_dialog *d, const struct pool_base *b, uint64_t small,
		      uint64_t large, const char *from, bool read_only)
{
	uint64_t v[POOL_FIELDS];

	memset(d, 0, sizeof(*d));
	d->stage = PD_EDIT;
	d->base = *b;
	d->route = b->state == TARGET_STARTUP ? PD_ROUTE_RPC : PD_ROUTE_FILE;
	d->read_only = read_only;
	d->nfields = b->bufsizes_accepted ? POOL_FIELDS : 2;
	memcpy(v, b->current, sizeof(v));
	if (small)
		v[POOL_FIELD_SMALL_COUNT] = small;
	if (large)
		v[POOL_FIELD_LARGE_COUNT] = large;
	for (int f = 0; f < POOL_FIELDS; f++) {
		snprintf(d->text[f], PD_TEXT_LEN, "%llu", (unsigned long long)v[f]);
		memcpy(d->prefill[f], d->text[f], PD_TEXT_LEN);
	}
	snprintf(d->from, sizeof(d->from), "%s", from ? from : "");
	revalidate(d);
}

bool pool_dialog_needs_second_y(const struct pool_dialog *d)
{
	return !d->chk.memory_known || !d->chk.fits;
}

static unsigned close_dialog(struct pool_dialog *d, bool cancelled)
{
	d->stage = PD_CLOSED;
	d->cancelled = cancelled;
	return PD_FX_CLOSED | PD_FX_REDRAW;
}

/* The keys of the editing stage that are not a field's own: moving, Enter. */
static unsigned move_key(struct pool_dialog *d, int key)
{
	if (key == '\t' || key == KEY_DOWN) {
		d->focus = (d->focus + 1) % d->nfields;
		return PD_FX_REDRAW;
	}
	if (key == KEY_BTAB || key == KEY_UP) {
		d->focus = (d->focus + d->nfields - 1) % d->nfields;
		return PD_FX_REDRAW;
	}
	if (key != '\n' && key != '\r' && key != KEY_ENTER)
		return PD_FX_NONE;
	if (!d->chk.valid) {
		/* Take the user to what is wrong rather than nowhere. */
		for (int f = 0; f < d->nfields; f++)
			if (!d->chk.ok[f]) {
				d->focus = f;
				break;
			}
		return PD_FX_REDRAW;
	}
	memset(&d->review, 0, sizeof(d->review));
	d->stage = PD_REVIEW;
	return PD_FX_REVIEW | PD_FX_REDRAW;
}

static unsigned edit_key(struct pool_dialog *d, int key)
{
	char *t = d->text[d->focus];
	enum line_edit ed = line_edit_key(t, PD_TEXT_LEN, key, digit);

	if (ed == LINE_EDIT_UNCHANGED)
		return PD_FX_NONE;
	if (ed == LINE_EDIT_NOT_MINE && key == KEY_CTRL_U)
		t[0] = '\0';
	else if (ed == LINE_EDIT_NOT_MINE)
		return move_key(d, key);
	revalidate(d);
	return PD_FX_REDRAW;
}

unsigned pool_dialog_key(struct pool_dialog *d, int key)
{
	bool yes = key == 'y' || key == 'Y';
	bool no = key == 'n' || key == 'N' || key == KEY_ESC_CODE;

	switch (d->stage) {
	case PD_CLOSED:
		return PD_FX_NONE;
	case PD_EDIT:
		return no ? close_dialog(d, true) : edit_key(d, key);
	case PD_REVIEW:
		if (no)
			return close_dialog(d, true);
		if (!yes || !d->review.ok)
			return PD_FX_NONE;
		if (pool_dialog_needs_second_y(d)) {
			d->stage = PD_CONFIRM;
			return PD_FX_REDRAW;
		}
		return PD_FX_APPLY | PD_FX_REDRAW;
	case PD_CONFIRM:
		if (no)
			return close_dialog(d, true);
		return yes ? PD_FX_APPLY | PD_FX_REDRAW : PD_FX_NONE;
	case PD_WAIT:
		/* Sent already: Esc only hides the dialog; the answer comes as a note. */
		return key == KEY_ESC_CODE ? close_dialog(d, false) : PD_FX_NONE;
	case PD_RESULT:
		if ((key == 'i' || key == 'I') && d->offer_init) {
			d->offer_init = false;
			return PD_FX_START_INIT | PD_FX_REDRAW;
		}
		if (no || key == '\n' || key == '\r' || key == KEY_ENTER || key == 'q')
			return close_dialog(d, false);
		return PD_FX_NONE;
	}
	return PD_FX_NONE;
}

void pool_dialog_review(struct pool_dialog *d, const struct pool_review *r)
{
	d->review = *r;
}

void pool_dialog_intent(const struct pool_dialog *d, struct pool_intent *out)
{
	memset(out, 0, sizeof(*out));
	for (int f = 0; f < POOL_FIELDS; f++) {
		out->value[f] = d->chk.value[f];
		/* A bufsize goes out only when edited: SPDK keeps the rest as it is. */
		out->set[f] = f <= POOL_FIELD_LARGE_COUNT ||
			      (f < d->nfields && strcmp(d->text[f], d->prefill[f]) != 0);
	}
	out->enable_numa = d->base.enable_numa;
}

void pool_dialog_sent(struct pool_dialog *d)
{
	d->stage = PD_WAIT;
}

void pool_dialog_result(struct pool_dialog *d, bool ok, const char *line, const char *detail,
			bool offer_init)
{
	d->stage = PD_RESULT;
	d->result_ok = ok;
	d->offer_init = offer_init;
	snprintf(d->result, sizeof(d->result), "%s", line ? line : "");
	snprintf(d->result_detail, sizeof(d->result_detail), "%s", detail ? detail : "");
}
