/* JSON member by member, into a tree or text (contract: json_emit.h). */
#include "json_emit.h"

#include <inttypes.h>
#include <locale.h>
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

static void put(struct jemit *e, const char *s, size_t n)
{
	struct stream_buf *b = &e->out;

	/* Most pieces are a few bytes into room already there: no call for those. */
	if (b->data && b->head == 0 && b->cap - b->len >= n) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		return;
	}
	if (e->ok && stream_buf_append(b, s, n))
		e->ok = false;
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

	put(e, "\"", 1);
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
	put(e, "\"", 1);
}

/*
 * ',' and "key": written straight into room already there when the key
 * needs no escape: 1; else 0 and nothing written.  A line has hundreds of
 * keys, and a put a piece was a fifth of the flight recorder's line.
 */
static bool lead_fast(struct jemit *e, const char *key)
{
	struct stream_buf *b = &e->out;
	size_t n = strlen(key);
	char *p;

	if (!b->data || b->head != 0 || b->cap - b->len < n + 4)
		return false;
	p = b->data + b->len;
	if (!e->first[e->depth])
		*p++ = ',';
	*p++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)key[i];

		if (c < 0x20 || c == '"' || c == '\\')
			return false;
		*p++ = (char)c;
	}
	*p++ = '"';
	*p++ = ':';
	b->len = (size_t)(p - b->data);
	e->first[e->depth] = false;
	return true;
}

/* The separator and the key before a value in text. */
static void text_lead(struct jemit *e, const char *key)
{
	if (!e->first[e->depth] && e->depth == 0)
		e->ok = false;   /* a second document */
	if (key && e->depth > 0 && lead_fast(e, key))
		return;
	if (!e->first[e->depth])
		put(e, ",", 1);
	e->first[e->depth] = false;
	if (key) {
		put_quoted(e, key);
		put(e, ":", 1);
	}
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
		text_lead(e, key);
		put(e, object ? "{" : "[", 1);
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
		put(e, e->is_array[e->depth] ? "]" : "}", 1);
	e->depth--;
}

/* A scalar in text: its text, already JSON. */
static void scalar(struct jemit *e, const char *key, const char *text)
{
	text_lead(e, key);
	put(e, text, strlen(text));
}

/* null, true and false are jansson's shared values: no allocation to spare. */
void je_null(struct jemit *e, const char *key)
{
	if (e->text)
		scalar(e, key, "null");
	else
		tree_add(e, key, json_null());
}

void je_bool(struct jemit *e, const char *key, bool v)
{
	if (e->text)
		scalar(e, key, v ? "true" : "false");
	else
		tree_add(e, key, json_boolean(v));
}

void je_int(struct jemit *e, const char *key, int64_t v)
{
	char buf[24], *end = buf + sizeof(buf), *p;

	if (!e->text) {
		tree_add(e, key, json_integer((json_int_t)v));
		return;
	}
	/* The magnitude as unsigned: -INT64_MIN does not fit an int64_t. */
	p = fmt_u64_digits(v < 0 ? 0 - (uint64_t)v : (uint64_t)v, end);
	if (v < 0)
		*--p = '-';
	text_lead(e, key);
	put(e, p, (size_t)(end - p));
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
	json_real_text(v, buf);
	scalar(e, key, buf);
}

void je_string(struct jemit *e, const char *key, const char *v)
{
	if (!e->text) {
		tree_add(e, key, json_string(v));
		return;
	}
	text_lead(e, key);
	put_quoted(e, v);
}
