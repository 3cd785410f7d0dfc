/*
 * Re-indenting compact JSON (contract: json_indent.h).
 *
 * Bytes go through one small buffer and reach the stream in a few fwrite
 * calls: the document is a few KiB and this runs once per --once.
 */
#include "json_indent.h"

#include <errno.h>
#include <string.h>

#define INDENT_MAX 31

struct out {
	FILE *f;
	size_t n;
	int err;             /* errno of a failed write, 0 */
	char buf[4096];
};

static void flush(struct out *o)
{
	if (o->n && !o->err && fwrite(o->buf, 1, o->n, o->f) != o->n)
		o->err = errno ? errno : EIO;
	o->n = 0;
}

static void put(struct out *o, const char *p, size_t n)
{
	while (n) {
		size_t room = sizeof(o->buf) - o->n, take = n < room ? n : room;

		memcpy(o->buf + o->n, p, take);
		o->n += take;
		p += take;
		n -= take;
		if (o->n == sizeof(o->buf))
			flush(o);
	}
}

static void newline(struct out *o, unsigned indent, size_t depth)
{
	static const char spaces[64] = "                                "
				       "                                ";

	put(o, "\n", 1);
	for (size_t left = (size_t)indent * depth; left;) {
		size_t take = left < sizeof(spaces) ? left : sizeof(spaces);

		put(o, spaces, take);
		left -= take;
	}
}

/* The end of the string that starts at text[i] (its '"'), or len when it is left open. */
static size_t string_end(const char *text, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (text[i] == '\\')
			i++;
		else if (text[i] == '"')
			return i;
	}
	return len;
}

int json_indent_write(const char *text, size_t len, unsigned indent, FILE *out)
{
	struct out o = { .f = out };
	size_t depth = 0, i = 0, run = 0;

	if (indent < 1)
		indent = 1;
	if (indent > INDENT_MAX)
		indent = INDENT_MAX;
	if (len && text[len - 1] == '\n')
		len--;
	/* run: where the bytes not yet written start; copied in one piece at each mark. */
	for (i = 0; i < len && !o.err; i++) {
		char c = text[i];

		switch (c) {
		case '"':
			i = string_end(text, len, i);
			if (i == len)
				goto invalid;
			break;
		case '{':
		case '[':
			put(&o, text + run, i + 1 - run);
			if (i + 1 < len && text[i + 1] == (c == '{' ? '}' : ']')) {
				put(&o, text + i + 1, 1);
				i++;
			} else {
				newline(&o, indent, ++depth);
			}
			run = i + 1;
			break;
		case '}':
		case ']':
			if (!depth)
				goto invalid;
			put(&o, text + run, i - run);
			newline(&o, indent, --depth);
			run = i;
			break;
		case ',':
			put(&o, text + run, i + 1 - run);
			newline(&o, indent, depth);
			run = i + 1;
			break;
		case ':':
			put(&o, text + run, i + 1 - run);
			put(&o, " ", 1);
			run = i + 1;
			break;
		case ' ':
		case '\t':
		case '\n':
		case '\r':
			goto invalid;
		default:
			break;
		}
	}
	if (depth && !o.err)
		goto invalid;
	put(&o, text + run, len - run);
	flush(&o);
	if (o.err) {
		errno = o.err;
		return -1;
	}
	return 0;
invalid:
	flush(&o);
	errno = EINVAL;
	return -1;
}
