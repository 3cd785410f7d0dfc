#include "ring_bytes.h"

#include <string.h>

void ring_bytes_put32(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

void ring_bytes_header(unsigned char *buf, unsigned hsize, const struct ring_bytes *r)
{
	unsigned g = hsize / 3;

	memset(buf, 0, hsize);
	memcpy(buf, r->name, strlen(r->name));
	ring_bytes_put32(buf + 32, r->flags);
	ring_bytes_put32(buf + 40, 0x00000240);
	ring_bytes_put32(buf + 44, 0x00002000);   /* the memzone pointer, 0x200000000240 */
	ring_bytes_put32(buf + 48, r->size);
	ring_bytes_put32(buf + 52, r->mask);
	ring_bytes_put32(buf + 56, r->capacity);
	ring_bytes_put32(buf + g, r->prod_head);
	ring_bytes_put32(buf + g + 4, r->prod_tail);
	ring_bytes_put32(buf + 2 * g, r->cons_head);
	ring_bytes_put32(buf + 2 * g + 4, r->cons_tail);
}

struct ring_bytes ring_bytes_pool(const char *name, unsigned capacity, unsigned free,
				  unsigned base)
{
	struct ring_bytes r;
	unsigned size = 1;

	while (size <= capacity)
		size <<= 1;
	r.name = name;
	r.flags = 0x04;            /* RING_F_EXACT_SZ */
	r.size = size;
	r.mask = size - 1;
	r.capacity = capacity;
	r.prod_head = r.prod_tail = base + free;
	r.cons_head = r.cons_tail = base;
	return r;
}
