/* The numa_maps and mount table formats, and hugepage file names (contract: hp_consumers_parse.h). */
#include "hp_consumers_parse.h"

#include <stdio.h>
#include <string.h>

/* ---- fields ------------------------------------------------------------ */

void hp_tokens_init(struct hp_tokens *t, void (*token)(void *, unsigned, const char *, size_t,
							   bool),
		    void (*eol)(void *), void *ctx)
{
	memset(t, 0, sizeof(*t));
	t->token = token;
	t->eol = eol;
	t->ctx = ctx;
}

static void end_token(struct hp_tokens *t)
{
	if (!t->len)
		return;
	t->tok[t->len] = '\0';
	t->token(t->ctx, t->idx++, t->tok, t->len, t->cut);
	t->len = 0;
	t->cut = false;
}

static void end_line(struct hp_tokens *t)
{
	end_token(t);
	if (t->in_line)
		t->eol(t->ctx);
	t->idx = 0;
	t->in_line = false;
}

/* A field that does not fit keeps its head and its tail: the middle of a path goes. */
static void put_byte(struct hp_tokens *t, char c)
{
	if (t->len == sizeof(t->tok) - 1) {
		size_t drop = (sizeof(t->tok) - HP_TOKEN_HEAD) / 2;

		memmove(t->tok + HP_TOKEN_HEAD, t->tok + HP_TOKEN_HEAD + drop,
			t->len - HP_TOKEN_HEAD - drop);
		t->len -= drop;
		t->cut = true;
	}
	t->tok[t->len++] = c;
}

void hp_tokens_feed(struct hp_tokens *t, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = buf[i];

		if (c == '\n') {
			end_line(t);
			continue;
		}
		t->in_line = true;
		if (c == ' ' || c == '\t')
			end_token(t);
		else
			put_byte(t, c);
	}
}

void hp_tokens_finish(struct hp_tokens *t)
{
	end_line(t);
}

static int octal(char c)
{
	return c >= '0' && c <= '7' ? c - '0' : -1;
}

size_t hp_unescape(char *s, size_t n)
{
	size_t r = 0, w = 0;

	while (r < n) {
		if (s[r] == '\\' && r + 3 < n && octal(s[r + 1]) >= 0 && octal(s[r + 2]) >= 0 &&
		    octal(s[r + 3]) >= 0) {
			s[w++] = (char)((octal(s[r + 1]) << 6) | (octal(s[r + 2]) << 3) |
					octal(s[r + 3]));
			r += 4;
		} else {
			s[w++] = s[r++];
		}
	}
	s[w] = '\0';
	return w;
}

/* Digits s[*i..n) as uint64; false without a digit or past uint64. */
static bool digits(const char *s, size_t n, size_t *i, uint64_t *out)
{
	uint64_t v = 0;
	size_t k = *i;

	if (k >= n || s[k] < '0' || s[k] > '9')
		return false;
	for (; k < n && s[k] >= '0' && s[k] <= '9'; k++) {
		unsigned d = (unsigned)(s[k] - '0');

		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*i = k;
	*out = v;
	return true;
}

static bool starts(const char *s, size_t n, const char *prefix)
{
	size_t p = strlen(prefix);

	return n >= p && memcmp(s, prefix, p) == 0;
}

/* ---- numa_maps --------------------------------------------------------- */

static void nm_reset_line(struct numa_maps_parser *p)
{
	p->huge = false;
	p->page_kb = 0;
	p->nnodes = 0;
	p->name[0] = '\0';
	p->deleted = false;
}

/* "file=/dev/hugepages/spdk_pid31468map_0\040(deleted)": the name, unescaped. */
static void nm_file(struct numa_maps_parser *p, char *tok, size_t len)
{
	static const char deleted[] = " (deleted)";
	char *path = tok + 5, *slash;
	size_t n = hp_unescape(path, len - 5), dl = sizeof(deleted) - 1;

	if (n >= dl && memcmp(path + n - dl, deleted, dl) == 0) {
		p->deleted = true;
		n -= dl;
		path[n] = '\0';
	}
	slash = strrchr(path, '/');
	snprintf(p->name, sizeof(p->name), "%s", slash ? slash + 1 : path);
}

static void nm_token(void *ctx, unsigned idx, const char *tok, size_t len, bool cut)
{
	struct numa_maps_parser *p = ctx;
	size_t i;
	uint64_t v, node;

	(void)cut;
	if (idx == 0)
		return;   /* the address */
	if (len == 4 && memcmp(tok, "huge", 4) == 0) {
		p->huge = true;
	} else if (starts(tok, len, "kernelpagesize_kB=")) {
		i = 18;
		if (!digits(tok, len, &i, &v) || i != len)
			p->bad_fields++;
		else
			p->page_kb = v;
	} else if (starts(tok, len, "file=")) {
		nm_file(p, (char *)tok, len);
	} else if (tok[0] == 'N' && len > 1 && tok[1] >= '0' && tok[1] <= '9') {
		i = 1;
		if (!digits(tok, len, &i, &node) || i >= len || tok[i] != '=' ||
		    node > INT32_MAX || (i++, !digits(tok, len, &i, &v)) || i != len) {
			p->bad_fields++;
			return;
		}
		if (p->nnodes < HP_LINE_NODES)
			p->nodes[p->nnodes++] = (struct hpc_cell){ (int)node, 0, v };
	}
}

static void nm_eol(void *ctx)
{
	struct numa_maps_parser *p = ctx;

	if (!p->huge) {
		nm_reset_line(p);
		return;
	}
	p->huge_lines++;
	if (!p->page_kb)
		p->bad_fields++;   /* a huge mapping without its page size cannot be counted */
	for (size_t i = 0; p->page_kb && i < p->nnodes; i++)
		if (!hpc_cells_add(p->cells, &p->ncells, HPC_MAX_CELLS, p->nodes[i].node,
				   p->page_kb, p->nodes[i].pages))
			p->cells_dropped++;
	if (p->name[0] && p->on_file)
		p->on_file(p->file_ctx, p->name, p->deleted);
	nm_reset_line(p);
}

void numa_maps_init(struct numa_maps_parser *p)
{
	memset(p, 0, sizeof(*p));
	hp_tokens_init(&p->tk, nm_token, nm_eol, p);
}

void numa_maps_feed(struct numa_maps_parser *p, const char *buf, size_t n)
{
	hp_tokens_feed(&p->tk, buf, n);
}

void numa_maps_finish(struct numa_maps_parser *p)
{
	hp_tokens_finish(&p->tk);
}

/* ---- the mount table --------------------------------------------------- */

uint64_t hp_size_kb(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t v, mul;

	if (!digits(s, n, &i, &v))
		return 0;
	if (i == n)
		return v / 1024;   /* bytes */
	if (i + 1 != n)
		return 0;
	switch (s[i]) {
	case 'k': case 'K': mul = 1; break;
	case 'm': case 'M': mul = 1024; break;
	case 'g': case 'G': mul = 1024 * 1024; break;
	default: return 0;
	}
	return v > UINT64_MAX / mul ? 0 : v * mul;
}

static void mt_token(void *ctx, unsigned idx, const char *tok, size_t len, bool cut)
{
	struct mounts_parser *p = ctx;
	char *t = (char *)tok;

	if (idx == 1) {
		size_t n = hp_unescape(t, len);

		p->path_ok = !cut && n < sizeof(p->cur.path);
		if (p->path_ok)
			memcpy(p->cur.path, t, n + 1);
	} else if (idx == 2) {
		p->hugetlbfs = len == 9 && memcmp(tok, "hugetlbfs", 9) == 0;
	} else if (idx == 3) {
		/* "rw,relatime,pagesize=2M" */
		for (const char *o = tok; o && o < tok + len; o = strchr(o, ',') ? strchr(o, ',') + 1
									     : NULL) {
			const char *end = strchr(o, ',');
			size_t on = end ? (size_t)(end - o) : strlen(o);

			if (starts(o, on, "pagesize="))
				p->cur.page_kb = hp_size_kb(o + 9, on - 9);
		}
	}
}

static void mt_eol(void *ctx)
{
	struct mounts_parser *p = ctx;

	if (p->hugetlbfs && !p->path_ok)
		p->long_paths++;
	else if (p->hugetlbfs && p->nmounts < HPC_MAX_MOUNTS)
		p->mounts[p->nmounts++] = p->cur;
	else if (p->hugetlbfs)
		p->mounts_dropped++;
	memset(&p->cur, 0, sizeof(p->cur));
	p->hugetlbfs = false;
	p->path_ok = false;
}

void mounts_init(struct mounts_parser *p)
{
	memset(p, 0, sizeof(*p));
	hp_tokens_init(&p->tk, mt_token, mt_eol, p);
}

void mounts_feed(struct mounts_parser *p, const char *buf, size_t n)
{
	hp_tokens_feed(&p->tk, buf, n);
}

void mounts_finish(struct mounts_parser *p)
{
	hp_tokens_finish(&p->tk);
}

/* ---- file names -------------------------------------------------------- */

/* name is prefix, digits (into *num), then the rest exactly. */
static bool numbered(const char *name, const char *prefix, uint64_t *num, const char **rest)
{
	size_t n = strlen(name), i = strlen(prefix);

	if (!starts(name, n, prefix) || !digits(name, n, &i, num))
		return false;
	*rest = name + i;
	return true;
}

struct hpc_file_name hpc_file_kind(const char *name)
{
	struct hpc_file_name f = { 0 };
	const char *rest;
	uint64_t a;

	if (numbered(name, "spdk_pid", &a, &rest) && a > 0 && a <= INT32_MAX &&
	    numbered(rest, "map_", &f.num, &rest) && !*rest) {
		f.kind = HPC_FILE_SPDK;
		f.pid = (int)a;
	} else if (numbered(name, "spdk", &a, &rest) && numbered(rest, "map_", &f.num, &rest) &&
		   !*rest) {
		f.kind = HPC_FILE_SPDK_SHM;
		f.shm_id = a;
	} else if (numbered(name, "rtemap_", &f.num, &rest) && !*rest) {
		f.kind = HPC_FILE_RTE;
	}
	return f;
}
