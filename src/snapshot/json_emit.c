/* JSON member by member, into a tree or text (contract: json_emit.h). */
#include "json_emit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt_num.h"
#include "json_real.h"

void je_init_tree(struct jemit *e)
{
	memset(e, 0, sizeof(*e));
	e->ok = true;
}

void je_init_text(struct jemit *e, size_t size_hint)
{
	je_init_tree(e);
	e->text = true;
	e->first[0] = true;
	if (size_hint && stream_buf_reserve(&e->out, size_hint))
		e->ok = false;
}

json_t *je_take_tree(struct jemit *e)
{
	json_t *root = e->root;

	e->root = NULL;
	if (!e->ok || e->depth != 0) {
		json_decref(root);
		return NULL;
	}
	return root;
}

/* room() when there is none: grows the text, or notes the failure in ok. */
static char *grow(struct jemit *e, size_t n)
{
	if (!e->ok || stream_buf_reserve(&e->out, n)) {
		e->ok = false;
		return NULL;
	}
	return e->out.data + e->out.len;
}

/*
 * Room for n more bytes at the end of the text, or NULL (noted in ok).  The
 * line is hundreds of pieces of a few bytes, into room already there (a
 * flight-recorder line reuses the last one's): no call for those.
 */
static inline char *room(struct jemit *e, size_t n)
{
	struct stream_buf *b = &e->out;

	if (b->data && b->head == 0 && b->cap - b->len >= n)
		return b->data + b->len;
	return grow(e, n);
}

static void put(struct jemit *e, const char *s, size_t n)
{
	char *p = room(e, n);

	if (p) {
		memcpy(p, s, n);
		e->out.len += n;
	}
}

static void put_byte(struct jemit *e, char c)
{
	char *p = room(e, 1);

	if (p) {
		*p = c;
		e->out.len++;
	}
}

char *je_take_text(struct jemit *e, const char *extra, size_t *len)
{
	struct stream_buf b;

	if (je_take_text_into(e, extra, &b)) {
		free(b.data);
		*len = 0;
		return NULL;
	}
	*len = b.len;
	return b.data;
}

void je_init_text_into(struct jemit *e, struct stream_buf *buf)
{
	je_init_text(e, 0);
	e->out = *buf;
	e->out.len = e->out.head = 0;
	*buf = (struct stream_buf){ 0 };
}

int je_take_text_into(struct jemit *e, const char *extra, struct stream_buf *buf)
{
	put(e, extra, strlen(extra) + 1);
	*buf = e->out;
	e->out = (struct stream_buf){ 0 };
	if (!e->ok || e->depth != 0 || !buf->data) {
		buf->len = buf->head = 0;
		return -1;
	}
	buf->len--;   /* the NUL is there, out of the length */
	return 0;
}

/* As jansson's dump_string: \" \\ and the control characters, nothing else. */
static void put_quoted(struct jemit *e, const char *s)
{
	const char *run = s;

	put_byte(e, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(e, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"': put(e, "\\\"", 2); break;
		case '\\': put(e, "\\\\", 2); break;
		case '\b': put(e, "\\b", 2); break;
		case '\f': put(e, "\\f", 2); break;
		case '\n': put(e, "\\n", 2); break;
		case '\r': put(e, "\\r", 2); break;
		case '\t': put(e, "\\t", 2); break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04X", c);
			put(e, esc, 6);
		}
	}
	put(e, run, (size_t)(s - run));
	put_byte(e, '"');
}

#define ONES 0x0101010101010101ull

/*
 * Non-zero when a byte of w needs an escape in JSON: below 0x20, '"' or '\\'
 * (the has-less-than and has-zero-byte tests; exact as to whether, for a
 * borrow only starts at a byte that matches itself).
 */
static uint64_t special(uint64_t w)
{
	uint64_t q = w ^ (ONES * '"'), bs = w ^ (ONES * '\\');

	return (((w - ONES * 0x20) & ~w) | ((q - ONES) & ~q) | ((bs - ONES) & ~bs)) & (ONES * 0x80);
}

/*
 * Copies s[0, n) to d a word at a time: whether no byte needs an escape.
 * The last word overlaps the one before (and below 8 bytes, two halves
 * overlap), so no byte is handled alone: a line has hundreds of keys and
 * strings, and a byte at a time with its three tests was a third of it.
 * Inlined by force: a call a key, with its register saves, was a fifth of it.
 */
static inline __attribute__((always_inline)) bool copy_plain(char *d, const char *s, size_t n)
{
	uint64_t w;
	uint32_t lo4, hi4;
	uint16_t lo2, hi2;

	if (n >= 8) {
		uint64_t bad = 0;

		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&w, s + i, 8);
			memcpy(d + i, &w, 8);
			bad |= special(w);
		}
		memcpy(&w, s + n - 8, 8);
		memcpy(d + n - 8, &w, 8);
		return !(bad | special(w));
	}
	if (n >= 4) {
		memcpy(&lo4, s, 4);
		memcpy(&hi4, s + n - 4, 4);
		memcpy(d, &lo4, 4);
		memcpy(d + n - 4, &hi4, 4);
		return !special(lo4 | (uint64_t)hi4 << 32);
	}
	if (n >= 2) {
		memcpy(&lo2, s, 2);
		memcpy(&hi2, s + n - 2, 2);
		memcpy(d, &lo2, 2);
		memcpy(d + n - 2, &hi2, 2);
		return !special((lo2 | (uint64_t)hi2 << 16) * 0x100000001ull);
	}
	if (n == 1)
		d[0] = s[0];
	return n == 0 || !special((unsigned char)s[0] * ONES);
}

/* s quoted, as jansson's dump_string: straight into room when nothing needs an escape. */
static void put_string(struct jemit *e, const char *s)
{
	size_t n = strlen(s);
	char *p = room(e, n + 2);

	if (p && copy_plain(p + 1, s, n)) {
		p[0] = '"';
		p[n + 1] = '"';
		e->out.len += n + 2;
		return;
	}
	put_quoted(e, s);
}

/*
 * The separator and the key before a value in text, and room for the value's
 * n bytes after them (NULL after a failure): one reservation for both.  The
 * caller adds what it writes there to out.len.
 */
static char *text_lead(struct jemit *e, const char *key, size_t n)
{
	bool first = e->first[e->depth];
	size_t k;
	char *p;

	if (!first && e->depth == 0)
		e->ok = false;   /* a second document */
	e->first[e->depth] = false;
	if (!key) {
		p = room(e, n + 1);
		if (p && !first) {
			*p++ = ',';
			e->out.len++;
		}
		return p;
	}
	/* ,"key": in one piece */
	k = strlen(key);
	p = room(e, k + 4 + n);
	if (p && copy_plain(p + (first ? 1 : 2), key, k)) {
		if (!first)
			*p++ = ',';
		*p++ = '"';
		p += k;
		*p++ = '"';
		*p++ = ':';
		e->out.len = (size_t)(p - e->out.data);
		return p;
	}
	if (!first)
		put_byte(e, ',');
	put_quoted(e, key);
	put_byte(e, ':');
	return room(e, n);
}

/* Attaches v (taken over) to the open container in the tree. */
static void tree_add(struct jemit *e, const char *key, json_t *v)
{
	json_t *parent = e->depth ? e->open[e->depth - 1] : NULL;
	int rc;

	if (!v || !e->ok) {
		json_decref(v);
		e->ok = false;
		return;
	}
	if (!parent) {
		if (e->root) {
			json_decref(v);
			e->ok = false;
			return;
		}
		e->root = v;
		return;
	}
	rc = key ? json_object_set_new(parent, key, v) : json_array_append_new(parent, v);
	if (rc)
		e->ok = false;
}

static void open_container(struct jemit *e, const char *key, bool object)
{
	if (e->depth + 1 >= JE_DEPTH) {
		e->ok = false;
		return;
	}
	if (e->text) {
		char *p = text_lead(e, key, 1);

		if (p) {
			*p = object ? '{' : '[';
			e->out.len++;
		}
		e->first[++e->depth] = true;
		e->is_array[e->depth] = !object;
		return;
	}
	json_t *c = object ? json_object() : json_array();

	tree_add(e, key, json_incref(c));
	e->open[e->depth++] = c;
	json_decref(c);
}

void je_object(struct jemit *e, const char *key)
{
	open_container(e, key, true);
}

void je_array(struct jemit *e, const char *key)
{
	open_container(e, key, false);
}

void je_end(struct jemit *e)
{
	if (e->depth == 0) {
		e->ok = false;
		return;
	}
	if (e->text)
		put_byte(e, e->is_array[e->depth] ? ']' : '}');
	e->depth--;
}

/* A scalar in text: its n bytes of text, already JSON. */
static void scalar(struct jemit *e, const char *key, const char *text, size_t n)
{
	char *p = text_lead(e, key, n);

	if (p) {
		memcpy(p, text, n);
		e->out.len += n;
	}
}

/* null, true and false are jansson's shared values: no allocation to spare. */
void je_null(struct jemit *e, const char *key)
{
	if (e->text)
		scalar(e, key, "null", 4);
	else
		tree_add(e, key, json_null());
}

void je_bool(struct jemit *e, const char *key, bool v)
{
	if (e->text)
		scalar(e, key, v ? "true" : "false", v ? 4 : 5);
	else
		tree_add(e, key, json_boolean(v));
}

void je_int(struct jemit *e, const char *key, int64_t v)
{
	/* The magnitude as unsigned: -INT64_MIN does not fit an int64_t. */
	uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	size_t n = fmt_u64_len(mag) + (v < 0);
	char *p;

	if (!e->text) {
		tree_add(e, key, json_integer((json_int_t)v));
		return;
	}
	p = text_lead(e, key, n);
	if (!p)
		return;
	/* the digits written in place, backwards from their end */
	*p = '-';
	fmt_u64_digits(mag, p + n);
	e->out.len += n;
}

void je_u64(struct jemit *e, const char *key, uint64_t v)
{
	char buf[24];

	if (v <= (uint64_t)INT64_MAX) {
		je_int(e, key, (int64_t)v);
		return;
	}
	buf[sizeof(buf) - 1] = '\0';
	je_string(e, key, fmt_u64_digits(v, buf + sizeof(buf) - 1));
}

void je_opt_int(struct jemit *e, const char *key, bool has, int64_t v)
{
	if (has)
		je_int(e, key, v);
	else
		je_null(e, key);
}

void je_opt_u64(struct jemit *e, const char *key, bool has, uint64_t v)
{
	if (has)
		je_u64(e, key, v);
	else
		je_null(e, key);
}

void je_real(struct jemit *e, const char *key, double v)
{
	char buf[JSON_REAL_LEN];

	if (!isfinite(v)) {
		je_null(e, key);
		return;
	}
	if (!e->text) {
		tree_add(e, key, json_real(v));
		return;
	}
	scalar(e, key, buf, json_real_text(v, buf));
}

void je_string(struct jemit *e, const char *key, const char *v)
{
	if (!e->text) {
		tree_add(e, key, json_string(v));
		return;
	}
	text_lead(e, key, 0);
	put_string(e, v);
}
