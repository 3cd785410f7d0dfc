/* mt_text: shared text helpers (contract: mt_text.h). */
#include "mt_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int mt_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

const char *mt_file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a file";
}

size_t mt_utf8_fit(const char *s, size_t max)
{
	size_t n = strnlen(s, max + 1);

	if (n <= max)
		return n;
	/* s[max] is the first byte left out: back off while it continues a character. */
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

const char *mt_text_elide(const char *s, size_t max, char *buf, size_t cap)
{
	size_t n = strlen(s), head, tail;

	if (max >= cap)
		max = cap - 1;
	if (n <= max)
		return s;
	if (max < 5) {
		snprintf(buf, cap, "%.*s", (int)mt_utf8_fit(s, max), s);
		return buf;
	}
	head = mt_utf8_fit(s, (max - 3) / 3);
	tail = max - 3 - head;
	/* Start the tail on a character, not inside one. */
	while (tail > 0 && ((unsigned char)s[n - tail] & 0xc0) == 0x80)
		tail--;
	snprintf(buf, cap, "%.*s...%s", (int)head, s, s + n - tail);
	return buf;
}

void mt_line_put(struct mt_line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->used, l->len - l->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= l->len - l->used)
		l->full = true;
	else
		l->used += (size_t)n;
}

char *mt_text_join(char *buf, size_t len, ...)
{
	va_list ap;
	const char *s;
	size_t at = 0;

	if (!buf || len == 0)
		return buf;
	va_start(ap, len);
	while ((s = va_arg(ap, const char *)) != NULL) {
		size_t n = strlen(s);

		if (n > len - 1 - at)
			n = len - 1 - at;
		memcpy(buf + at, s, n);
		at += n;
	}
	va_end(ap);
	buf[at] = '\0';
	return buf;
}

size_t mt_utf8_encode(unsigned long cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}
