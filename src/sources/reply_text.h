/*
 * reply_text: a cursor over the raw "result" text of a reply (framed by
 * json_stream), for the decoders that read it with no jansson tree
 * (iobuf_decode_text.c, methods_decode_text.c).  It hands values over as
 * the shared rules see them (struct jval, iobuf_decode_impl.h) and checks
 * what it steps over as jansson would load it, because jansson refuses a
 * whole text for one bad string or real anywhere in it.  A text jansson
 * cannot load is refused with -EPROTO, "method: result is not valid JSON:
 * what (byte N)", N counted from the text, and `final` set: that is the
 * outcome, whatever a decoder was about to say.
 */
#ifndef REPLY_TEXT_H
#define REPLY_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iobuf_decode_impl.h"
#include "mt_error.h"

#define RT_NONE SIZE_MAX

struct rt_cur {
	const char *s;
	size_t n;
	const char *method; /* names the reply in a refusal */
	struct mt_err *err;
	bool final;         /* err says why the text cannot be read at all */
	char *buf;          /* scratch for a real's token or a marked string */
	size_t cap;
};

static inline bool rt_is_ws(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* The first index at or after i that is not JSON whitespace (inline: it is met at every token). */
static inline size_t rt_ws(const struct rt_cur *c, size_t i)
{
	while (i < c->n && rt_is_ws(c->s[i]))
		i++;
	return i;
}
/*
 * c->s[*i] opens a container that close ends: true with *i at its first
 * value, or false for an empty one with *i just past it.
 */
static inline bool rt_first(const struct rt_cur *c, size_t *i, char close)
{
	*i = rt_ws(c, *i + 1);
	if (*i < c->n && c->s[*i] == close) {
		(*i)++;
		return false;
	}
	return true;
}

/*
 * *i is just past a value in a container that close ends: 1 with *i at the
 * next value, 0 with *i just past the end, -1 with *i at a byte that is
 * neither a comma nor close (text that was never framed).
 */
static inline int rt_next(const struct rt_cur *c, size_t *i, char close)
{
	*i = rt_ws(c, *i);
	if (*i < c->n && c->s[*i] == ',') {
		*i = rt_ws(c, *i + 1);
		return 1;
	}
	if (*i < c->n && c->s[*i] == close) {
		(*i)++;
		return 0;
	}
	return -1;
}

/* Refuses the text as one that was never framed, at byte `at`.  Returns -1. */
int rt_not_json(struct rt_cur *c, size_t at);
/* c->s[i] is '"': *end is just past the closing quote; with check, jansson's rules. */
int rt_string_at(struct rt_cur *c, size_t i, bool check, size_t *end);
/* The value starting at c->s[i], judged by kind; a container is not entered. */
int rt_val(struct rt_cur *c, size_t i, struct jval *v);
/* c->s[i] starts a value: *end is just past it; with check, its strings and reals checked. */
int rt_skip(struct rt_cur *c, size_t i, bool check, size_t *end);
/*
 * The object at c->s[i]: at[k] is where the value of keys[k] begins
 * (RT_NONE when absent; the last of a repeated key, as jansson keeps it),
 * *end just past the object.  Values of other keys, and of a wanted key
 * given again, are checked as they are stepped over; the wanted ones are
 * left to their reader.
 */
int rt_members(struct rt_cur *c, size_t i, const char *const *keys, size_t nkeys, size_t *at,
	       size_t *end);
/* The member's value at at (RT_NONE: missing) as a struct jval in v, *out NULL when missing. */
int rt_member_val(struct rt_cur *c, size_t at, struct jval *v, const struct jval **out);
/*
 * Ends a decode that returned rc: after a decoding error the whole text is
 * checked once more, and a refusal wins over the error, since the client
 * would have refused the reply before decoding it.  Frees the scratch.
 */
int rt_finish(struct rt_cur *c, int rc);

#endif
