/* flight_ring_delta: a line as its change from the last (contract: flight_ring_delta.h). */
#include "flight_ring_delta.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct out {
	unsigned char *p;
	size_t len, cap, worth;
	bool stop;   /* out of memory, or no shorter than it is worth */
};

static void put_bytes(struct out *o, const void *b, size_t n)
{
	if (o->stop || n == 0)
		return;
	if (o->len + n >= o->worth) {
		o->stop = true;
		return;
	}
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 256;
		unsigned char *p;

		while (cap < o->len + n)
			cap *= 2;
		p = realloc(o->p, cap);
		if (!p) {
			o->stop = true;
			return;
		}
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->len, b, n);
	o->len += n;
}

static void put_num(struct out *o, size_t v)
{
	unsigned char b[10];
	size_t n = 0;

	do {
		b[n++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	put_bytes(o, b, n);
}

static void put_op(struct out *o, size_t copy, size_t skip, const char *ins, size_t ins_len)
{
	put_num(o, copy);
	put_num(o, skip);
	put_num(o, ins_len);
	put_bytes(o, ins, ins_len);
}

/* The end of the chunk that starts at i: just after the next ',' or ':', or n. */
static size_t chunk_end(const char *s, size_t i, size_t n)
{
	while (i < n) {
		char c = s[i++];

		if (c == ',' || c == ':')
			break;
	}
	return i;
}

/* How many bytes x and y share from their start, at most n: a word at a time. */
static size_t common_prefix(const char *x, const char *y, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t u, v;

		memcpy(&u, x + i, 8);
		memcpy(&v, y + i, 8);
		if (u != v)
			break;
	}
	while (i < n && x[i] == y[i])
		i++;
	return i;
}

unsigned char *flight_delta_make(const char *old, size_t old_len, const char *new,
				 size_t new_len, size_t worth, size_t *len)
{
	struct out o = { .worth = worth };
	size_t a = 0, b = 0;              /* where the next chunks start, in old and new */
	size_t copy = 0, skip = 0, ins = 0, ins_at = 0;

	while (a < old_len && b < new_len && !o.stop) {
		size_t ae, be, same = common_prefix(old + a, new + b, old_len - a < new_len - b ?
						    old_len - a : new_len - b);

		/*
		 * Every chunk that ends inside what both lines share here is a pair
		 * of equal chunks: taken at once, up to the last ',' or ':' in it.
		 * Chunk by chunk, a 3 KB line that barely changed was scanned byte
		 * by byte twice, a third of the consumers' tick.
		 */
		while (same > 0 && old[a + same - 1] != ',' && old[a + same - 1] != ':')
			same--;
		if (same > 0) {
			if (skip || ins) {
				put_op(&o, copy, skip, new + ins_at, ins);
				copy = skip = ins = 0;
			}
			copy += same;
			a += same;
			b += same;
			continue;
		}
		ae = chunk_end(old, a, old_len);
		be = chunk_end(new, b, new_len);

		if (ae - a == be - b && memcmp(old + a, new + b, ae - a) == 0) {
			if (skip || ins) {
				put_op(&o, copy, skip, new + ins_at, ins);
				copy = skip = ins = 0;
			}
			copy += ae - a;
		} else {
			if (!skip && !ins)
				ins_at = b;
			skip += ae - a;
			ins += be - b;
		}
		a = ae;
		b = be;
	}
	/* What is left of either line is one more replacement. */
	if (!skip && !ins)
		ins_at = b;
	skip += old_len - a;
	ins += new_len - b;
	if (skip || ins)
		put_op(&o, copy, skip, new + ins_at, ins);
	if (o.len == 0)   /* identical lines: one op that copies everything */
		put_op(&o, 0, 0, NULL, 0);
	if (o.stop) {
		free(o.p);
		return NULL;
	}
	*len = o.len;
	return o.p;
}

/* One LEB128 number of d at *i; -1 when d ends inside it or it overflows. */
static int get_num(const unsigned char *d, size_t d_len, size_t *i, size_t *v)
{
	*v = 0;
	for (unsigned shift = 0; *i < d_len && shift < 64; shift += 7) {
		unsigned char c = d[(*i)++];

		*v |= (size_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return 0;
	}
	return -1;
}

int flight_delta_apply(const char *old, size_t old_len, const unsigned char *d, size_t d_len,
		       char *out, size_t new_len)
{
	size_t a = 0, w = 0, i = 0, copy, skip, ins;

	while (i < d_len) {
		if (get_num(d, d_len, &i, &copy) || get_num(d, d_len, &i, &skip) ||
		    get_num(d, d_len, &i, &ins))
			return -1;
		if (copy > old_len - a || copy > new_len - w)
			return -1;
		memcpy(out + w, old + a, copy);
		a += copy;
		w += copy;
		if (skip > old_len - a || ins > d_len - i || ins > new_len - w)
			return -1;
		a += skip;
		memcpy(out + w, d + i, ins);
		i += ins;
		w += ins;
	}
	if (old_len - a != new_len - w)
		return -1;
	memcpy(out + w, old + a, old_len - a);
	return 0;
}
