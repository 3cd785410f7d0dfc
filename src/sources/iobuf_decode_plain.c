/*
 * iobuf_get_stats read plainly (contract: iobuf_decode_plain.h).
 *
 * The full reader finds where every wanted member is, then judges them in
 * the tree decoder's order, so that the first error it names is the tree
 * decoder's; on a reply with nothing to say but the values, that bookkeeping
 * was most of a tick's decode.  This reader takes each value as it comes
 * and gives up at the first byte on which the full reader might have
 * something to say: then nothing it did counts.
 */
#include "iobuf_decode_plain.h"
#include "iobuf_decode_impl.h"
#include "json_strings.h"
#include "json_tokens.h"

#include <string.h>

#define MODULE_KEYS 3
#define ALL_MODULE_KEYS ((1u << MODULE_KEYS) - 1)

struct plain_key {
	const char *s;
	size_t len;
};

#define PLAIN_KEY(k) { k, sizeof(k) - 1 }

/* The counters of one pool object, by the fields' table. */
struct pool_read {
	const struct iobuf_u64_field *fields;
	struct plain_key keys[IOBUF_POOL_FIELDS];
	unsigned required; /* bit k: fields[k] may not be missing */
	void *pool;        /* the struct being filled */
};

/* What the members of a module, or of the aggregate, are read into. */
struct stats_read {
	struct pool_read pools;
	struct iobuf_module_stats *m; /* the module being read */
	size_t name_len;              /* of its name */
	struct iobuf_snapshot *out;   /* for the aggregate */
};

/* Reads the value of wanted key k at c->s[i]: *end just past it. */
typedef int (*member_fn)(struct rt_cur *c, size_t k, size_t i, size_t *end, void *ctx);

/* A string at c->s[i] ('"') of ASCII bytes 0x20-0x7f, no escape: *end just past it. */
static int plain_string(const struct rt_cur *c, size_t i, size_t *end)
{
	for (size_t j = i + 1; j < c->n; j++) {
		unsigned char b = (unsigned char)c->s[j];

		if (b == '"') {
			*end = j + 1;
			return 0;
		}
		if (b < 0x20 || b >= 0x80 || b == '\\')
			return -1;
	}
	return -1;
}

/*
 * The key at c->s[i] ('"'), *end just past it: the index in keys, -1 for
 * another key, -2 for one jansson would not load.  The likely key (hint, as
 * the target orders them) is compared first, with no scan of its bytes: a
 * wanted key is plain, so the same bytes and a quote are that key.  Keys
 * that are not plain are read with their escapes, as the full reader reads
 * them ("\u0063ache" is cache).
 */
static int plain_key(struct rt_cur *c, size_t i, const struct plain_key *keys, size_t nkeys,
		     size_t hint, size_t *end)
{
	const char *raw = c->s + i + 1;
	size_t room = c->n - i - 1, len;
	bool escaped = false;

	if (hint < nkeys && room > keys[hint].len && raw[keys[hint].len] == '"' &&
	    memcmp(raw, keys[hint].s, keys[hint].len) == 0) {
		*end = i + 2 + keys[hint].len;
		return (int)hint;
	}
	if (plain_string(c, i, end) < 0) {
		if (rt_string_at(c, i, true, end) < 0)
			return -2;
		escaped = true;
	}
	len = *end - i - 2;
	for (size_t k = 0; k < nkeys; k++)
		if (escaped ? json_string_equals(raw, len, keys[k].s) :
			      keys[k].len == len && memcmp(raw, keys[k].s, len) == 0)
			return (int)k;
	return -1;
}

/*
 * A counter at c->s[i]: unsigned digits within int64 (the full reader's
 * JK_INTEGER) or, with present, null.  Nothing is written unless it is one.
 */
static int plain_u64(const struct rt_cur *c, size_t i, uint64_t *out, bool *present, size_t *end)
{
	const char *s = c->s;
	size_t j = i + 1;
	uint64_t v;

	if (present && c->n - i >= 4 && memcmp(s + i, "null", 4) == 0) {
		if (c->n - i > 4 && json_token_char(s[i + 4]))
			return -1;
		*end = i + 4;
		return 0;
	}
	if (i >= c->n || s[i] < '0' || s[i] > '9')
		return -1;
	v = (uint64_t)(s[i] - '0');
	/* No leading zero; 19 digits at most, where int64 ends. */
	while (v && j < c->n && j - i < 19 && s[j] >= '0' && s[j] <= '9')
		v = v * 10 + (uint64_t)(s[j++] - '0');
	if ((j < c->n && json_token_char(s[j])) || v > INT64_MAX)
		return -1;
	*out = v;
	if (present)
		*present = true;
	*end = j;
	return 0;
}

/*
 * The object at c->s[i] ('{'): fn reads the value of each wanted key where
 * it stands, other members are stepped over and checked as the full reader
 * checks them.  Returns the mask of the wanted keys met, or -1 (a wanted
 * key given twice too: which one jansson keeps is the full reader's job).
 */
static int plain_object(struct rt_cur *c, size_t i, const struct plain_key *keys, size_t nkeys,
			member_fn fn, void *ctx, size_t *end)
{
	unsigned seen = 0;
	size_t hint = 0;
	int more = 1;

	if (!rt_first(c, &i, '}')) {
		*end = i;
		return 0;
	}
	while (more) {
		size_t kend, vend;
		int k;

		if (i >= c->n || c->s[i] != '"' ||
		    (k = plain_key(c, i, keys, nkeys, hint, &kend)) == -2)
			return -1;
		i = rt_ws(c, kend);
		if (i >= c->n || c->s[i] != ':')
			return -1;
		i = rt_ws(c, i + 1);
		if (k < 0) {
			if (rt_skip(c, i, true, &vend) < 0)
				return -1;
		} else {
			if (seen & 1u << k || fn(c, (size_t)k, i, &vend, ctx) < 0)
				return -1;
			seen |= 1u << k;
			hint = (size_t)k + 1;
		}
		i = vend;
		if ((more = rt_next(c, &i, '}')) < 0)
			return -1;
	}
	*end = i;
	return (int)seen;
}

static void pool_read_init(struct pool_read *p, const struct iobuf_u64_field *fields)
{
	p->fields = fields;
	p->required = 0;
	for (size_t k = 0; k < IOBUF_POOL_FIELDS; k++) {
		p->keys[k].s = fields[k].key;
		p->keys[k].len = strlen(fields[k].key);
		if (fields[k].has < 0)
			p->required |= 1u << k;
	}
}

static int pool_member(struct rt_cur *c, size_t k, size_t i, size_t *end, void *ctx)
{
	const struct pool_read *p = ctx;
	const struct iobuf_u64_field *f = &p->fields[k];
	char *at = p->pool;

	return plain_u64(c, i, (uint64_t *)(void *)(at + f->off),
			 f->has < 0 ? NULL : (bool *)(void *)(at + f->has), end);
}

/* The pool object at c->s[i] into pool, every required counter in it. */
static int plain_pool(struct rt_cur *c, size_t i, struct pool_read *p, void *pool, size_t *end)
{
	int seen;

	if (i >= c->n || c->s[i] != '{')
		return -1;
	p->pool = pool;
	seen = plain_object(c, i, p->keys, IOBUF_POOL_FIELDS, pool_member, p, end);
	return seen < 0 || ((unsigned)seen & p->required) != p->required ? -1 : 0;
}

static int module_member(struct rt_cur *c, size_t k, size_t i, size_t *end, void *ctx)
{
	struct stats_read *r = ctx;

	if (k == 1 || k == 2)
		return plain_pool(c, i, &r->pools, k == 1 ? &r->m->small : &r->m->large, end);
	/* A name that would be cut is left: cut names are made distinct from the whole names. */
	if (i >= c->n || c->s[i] != '"' || plain_string(c, i, end) < 0 ||
	    *end - i - 2 > SNAP_NAME_LEN - 1)
		return -1;
	r->name_len = *end - i - 2;
	memcpy(r->m->name, c->s + i + 1, r->name_len);
	r->m->name[r->name_len] = '\0';
	return 0;
}

/* The array at c->s[i] ('['): *count modules, the first SNAP_MAX_MODULES kept with names. */
static int plain_modules(struct rt_cur *c, size_t i, struct iobuf_snapshot *out,
			 struct iobuf_names *names, size_t *count, size_t *end)
{
	static const struct plain_key keys[MODULE_KEYS] = {
		PLAIN_KEY("module"), PLAIN_KEY("small_pool"), PLAIN_KEY("large_pool")
	};
	struct stats_read r = { .m = NULL };
	size_t n = 0;
	int more = rt_first(c, &i, ']');

	pool_read_init(&r.pools, iobuf_module_pool_fields);
	for (; more; n++) {
		struct iobuf_module_stats scratch;
		size_t mend;

		r.m = n < SNAP_MAX_MODULES ? &out->modules[n] : &scratch;
		if (i >= c->n || c->s[i] != '{' ||
		    plain_object(c, i, keys, MODULE_KEYS, module_member, &r, &mend) !=
			    (int)ALL_MODULE_KEYS)
			return -1;
		if (n < SNAP_MAX_MODULES) {
			names->cut[n] = false;
			names->full[n] = r.m->name;
			names->len[n] = r.name_len;
		}
		i = mend;
		if ((more = rt_next(c, &i, ']')) < 0)
			return -1;
	}
	*count = n;
	*end = i;
	return 0;
}

static int aggregate_member(struct rt_cur *c, size_t k, size_t i, size_t *end, void *ctx)
{
	struct stats_read *r = ctx;

	return plain_pool(c, i, &r->pools, k == 0 ? &r->out->agg_small : &r->out->agg_large, end);
}

int iobuf_decode_plain(struct rt_cur *c, struct iobuf_snapshot *out)
{
	static const struct plain_key keys[2] = { PLAIN_KEY("small_pool"),
						  PLAIN_KEY("large_pool") };
	size_t i = rt_ws(c, 0), end, count;
	struct stats_read r = { .out = out };
	struct iobuf_names names;

	if (i < c->n && c->s[i] == '[') {
		if (plain_modules(c, i, out, &names, &count, &end) < 0 || rt_ws(c, end) != c->n)
			return 0;
		iobuf_finish_per_module(out, count, &names, c->err);
		return 1;
	}
	if (i < c->n && c->s[i] == '{') {
		pool_read_init(&r.pools, iobuf_aggregate_pool_fields);
		if (plain_object(c, i, keys, 2, aggregate_member, &r, &end) != 3 ||
		    rt_ws(c, end) != c->n)
			return 0;
		out->form = IOBUF_FORM_AGGREGATE;
		return 1;
	}
	return 0;
}
