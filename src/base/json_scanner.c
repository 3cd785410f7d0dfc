/*
 * JSON value boundaries in a byte stream: a byte-at-a-time state machine that
 * knows the grammar's structure (brackets, commas, colons, keys), strings with
 * escapes, and numbers and literals well enough to tell where they end.  It
 * builds nothing; jansson parses the span afterwards (contract: json_scanner.h).
 */
#include "json_scanner.h"

#include <string.h>

enum expect {
	EX_VALUE,          /* top level, after ':' or after ',' in an array */
	EX_VALUE_OR_CLOSE, /* just after '[' */
	EX_KEY,            /* after ',' in an object */
	EX_KEY_OR_CLOSE,   /* just after '{' */
	EX_COLON,          /* after a key */
	EX_COMMA_OR_CLOSE, /* after a value inside a container */
};

enum lex {
	LX_NONE,
	LX_STRING,
	LX_ESCAPE,  /* after a backslash */
	LX_UHEX,    /* sub = hex digits still expected after \u */
	LX_NUMBER,  /* sub = enum num */
	LX_LITERAL, /* sub = index into s->literal */
};

enum num {
	N_MINUS, /* "-": a digit must follow */
	N_ZERO,  /* a leading 0: no more integer digits */
	N_INT,
	N_DOT,   /* "1.": a digit must follow */
	N_FRAC,
	N_E,     /* "1e": sign or digit */
	N_ESIGN, /* "1e-": a digit must follow */
	N_EXP,
};

void json_scanner_init(struct json_scanner *s)
{
	memset(s, 0, sizeof(*s));
	s->expect = EX_VALUE;
	s->lex = LX_NONE;
}

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A number may end in these states; in the others it still needs a digit. */
static bool num_can_end(unsigned char sub)
{
	return sub == N_ZERO || sub == N_INT || sub == N_FRAC || sub == N_EXP;
}

/* Next number state for c, or -1 when c is not part of the number. */
static int num_step(unsigned char sub, unsigned char c)
{
	switch (sub) {
	case N_MINUS:
		if (c == '0')
			return N_ZERO;
		return (c >= '1' && c <= '9') ? N_INT : -1;
	case N_ZERO:
	case N_INT:
		if (sub == N_INT && is_digit(c))
			return N_INT;
		if (c == '.')
			return N_DOT;
		return (c == 'e' || c == 'E') ? N_E : -1;
	case N_DOT:
	case N_FRAC:
		if (is_digit(c))
			return N_FRAC;
		return (sub == N_FRAC && (c == 'e' || c == 'E')) ? N_E : -1;
	case N_E:
		if (c == '+' || c == '-')
			return N_ESIGN;
		return is_digit(c) ? N_EXP : -1;
	default: /* N_ESIGN, N_EXP */
		return is_digit(c) ? N_EXP : -1;
	}
}

static bool top_is_object(const struct json_scanner *s)
{
	unsigned lvl = s->depth - 1;

	return (s->objects[lvl / 64] >> (lvl % 64)) & 1u;
}

static bool push(struct json_scanner *s, bool object)
{
	unsigned lvl = s->depth;

	if (lvl >= JSON_SCANNER_MAX_DEPTH)
		return false;
	if (object)
		s->objects[lvl / 64] |= (uint64_t)1 << (lvl % 64);
	else
		s->objects[lvl / 64] &= ~((uint64_t)1 << (lvl % 64));
	s->depth++;
	s->expect = object ? EX_KEY_OR_CLOSE : EX_VALUE_OR_CLOSE;
	return true;
}

/* A member of the top-level object ended at end (its value's last byte + 1). */
static void member_done(struct json_scanner *s, size_t end)
{
	s->member.ve = end - s->start;
	if (s->nmembers < JSON_SCANNER_MEMBERS)
		s->members[s->nmembers] = s->member;
	s->nmembers++;
}

/* A value (scalar or closed container) ended at end; true when it was the top one. */
static bool value_done(struct json_scanner *s, size_t end)
{
	if (s->depth == 0)
		return true;
	if (s->depth == 1 && s->top_object)
		member_done(s, end);
	s->expect = EX_COMMA_OR_CLOSE;
	return false;
}

/* Starts the value whose first byte is c; false if c cannot start one. */
static bool begin_value(struct json_scanner *s, unsigned char c, size_t at)
{
	if (s->depth == 0) {
		s->started = 1;
		s->start = at;
		s->top_object = c == '{';
	} else if (s->depth == 1 && s->top_object) {
		s->member.vs = at - s->start;
	}
	switch (c) {
	case '{':
		return push(s, true);
	case '[':
		return push(s, false);
	case '"':
		s->lex = LX_STRING;
		s->is_key = 0;
		return true;
	case '-':
		s->lex = LX_NUMBER;
		s->sub = N_MINUS;
		return true;
	case 't':
		s->literal = "true";
		break;
	case 'f':
		s->literal = "false";
		break;
	case 'n':
		s->literal = "null";
		break;
	default:
		if (!is_digit(c))
			return false;
		s->lex = LX_NUMBER;
		s->sub = c == '0' ? N_ZERO : N_INT;
		return true;
	}
	s->lex = LX_LITERAL;
	s->sub = 1;
	return true;
}

static enum json_scan finish(struct json_scanner *s, enum json_scan r, size_t a, size_t b,
			     size_t *start, size_t *end)
{
	s->pos = b;
	if (start)
		*start = a;
	if (end)
		*end = b;
	return r;
}

/*
 * One structural byte outside strings/numbers/literals.  Returns 1 when the
 * top-level value ended with this byte, 0 to go on, -1 when it is invalid.
 */
static int structural(struct json_scanner *s, unsigned char c, size_t at)
{
	switch (s->expect) {
	case EX_VALUE_OR_CLOSE:
		if (c == ']') {
			s->depth--;
			return value_done(s, at + 1);
		}
		/* fall through */
	case EX_VALUE:
		return begin_value(s, c, at) ? 0 : -1;
	case EX_KEY_OR_CLOSE:
		if (c == '}') {
			s->depth--;
			return value_done(s, at + 1);
		}
		/* fall through */
	case EX_KEY:
		if (c != '"')
			return -1;
		s->lex = LX_STRING;
		s->is_key = 1;
		if (s->depth == 1)
			s->member.key = at + 1 - s->start;
		return 0;
	case EX_COLON:
		if (c != ':')
			return -1;
		s->expect = EX_VALUE;
		return 0;
	default: /* EX_COMMA_OR_CLOSE */
		if (c == ',') {
			s->expect = top_is_object(s) ? EX_KEY : EX_VALUE;
			return 0;
		}
		if (c != (top_is_object(s) ? '}' : ']'))
			return -1;
		s->depth--;
		return value_done(s, at + 1);
	}
}

enum json_scan json_scanner_feed(struct json_scanner *s, const char *buf, size_t len,
				 size_t *start, size_t *end)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i = s->pos;
	int r;

	while (i < len) {
		unsigned char c = p[i];

		switch (s->lex) {
		case LX_NONE:
			if (is_ws(c)) {
				i++;
				continue;
			}
			r = structural(s, c, i);
			if (r < 0)
				goto invalid;
			i++;
			if (r > 0)
				return finish(s, JSON_SCAN_COMPLETE, s->start, i, start, end);
			continue;
		case LX_STRING:
			/* Most bytes of a reply are string content: skip them in a tight loop. */
			while (c != '"' && c != '\\' && c >= 0x20) {
				if (++i == len)
					goto out_of_data;
				c = p[i];
			}
			/* Raw control characters are not allowed in strings. */
			if (c < 0x20)
				goto invalid;
			i++;
			if (c == '\\') {
				s->lex = LX_ESCAPE;
				continue;
			}
			s->lex = LX_NONE;
			if (s->is_key) {
				s->is_key = 0;
				s->expect = EX_COLON;
				if (s->depth == 1)
					s->member.klen = i - 1 - s->start - s->member.key;
				continue;
			}
			if (value_done(s, i))
				return finish(s, JSON_SCAN_COMPLETE, s->start, i, start, end);
			continue;
		case LX_ESCAPE:
			if (c == 'u') {
				s->lex = LX_UHEX;
				s->sub = 4;
			} else if (c && strchr("\"\\/bfnrt", c)) {
				s->lex = LX_STRING;
			} else {
				goto invalid;
			}
			i++;
			continue;
		case LX_UHEX:
			if (!is_hex(c))
				goto invalid;
			if (--s->sub == 0)
				s->lex = LX_STRING;
			i++;
			continue;
		case LX_NUMBER:
			/* Counters are long digit runs: stay in the state while digits last. */
			if (s->sub == N_INT || s->sub == N_FRAC || s->sub == N_EXP) {
				while (is_digit(c)) {
					if (++i == len)
						goto out_of_data;
					c = p[i];
				}
			}
			r = num_step(s->sub, c);
			if (r >= 0) {
				s->sub = (unsigned char)r;
				i++;
				continue;
			}
			if (!num_can_end(s->sub))
				goto invalid;
			/* c is not part of the number: it ends it, and is looked at again. */
			s->lex = LX_NONE;
			if (value_done(s, i))
				return finish(s, JSON_SCAN_COMPLETE, s->start, i, start, end);
			continue;
		default: /* LX_LITERAL */
			if (c != (unsigned char)s->literal[s->sub])
				goto invalid;
			i++;
			if (s->literal[++s->sub] != '\0')
				continue;
			s->lex = LX_NONE;
			if (value_done(s, i))
				return finish(s, JSON_SCAN_COMPLETE, s->start, i, start, end);
			continue;
		}
	}
out_of_data:
	if (!s->started)
		return finish(s, JSON_SCAN_EMPTY, len, len, start, end);
	/* SPDK's server takes a top-level number ending the buffer as complete. */
	if (s->lex == LX_NUMBER && s->depth == 0 && num_can_end(s->sub))
		return finish(s, JSON_SCAN_COMPLETE, s->start, len, start, end);
	return finish(s, JSON_SCAN_INCOMPLETE, s->start, len, start, end);
invalid:
	return finish(s, JSON_SCAN_INVALID, i, i + 1, start, end);
}

bool json_scanner_members(const struct json_scanner *s, const char *value, json_member_fn fn,
			  void *ctx)
{
	if (!s->started || !s->top_object || s->depth != 0 || s->lex != LX_NONE ||
	    s->nmembers > JSON_SCANNER_MEMBERS)
		return false;
	for (size_t k = 0; k < s->nmembers; k++) {
		const struct json_scan_member *m = &s->members[k];

		if (!fn(ctx, value + m->key, m->klen, m->vs, m->ve))
			break;
	}
	return true;
}
