/*
 * rpc_get_methods from the reply text (contract: methods_decode_text.h).
 *
 * One pass over the array: each element is judged by the rules the tree
 * decoder uses (a marked big integer is an integer, not a name), each name
 * is checked as jansson would load it and compared with its escapes read
 * ("\u0066ramework_start_init" is framework_start_init).  At the first
 * element that is not a name rt_finish checks the rest, so a bad string
 * further on still refuses the whole text, as jansson would.
 */
#include "methods_decode_text.h"
#include "iobuf_decode_impl.h"
#include "json_strings.h"
#include "reply_text.h"

static int decode(struct rt_cur *c, enum target_state *out)
{
	size_t i = rt_ws(c, 0), end;
	bool startup = false;
	struct jval v;

	if (rt_val(c, i, &v) < 0 ||
	    iobuf_need(&v, JK_ARRAY, IOBUF_METHODS_EXPECTED, IOBUF_M_METHODS, "", c->err) < 0)
		return -1;
	i = rt_ws(c, i + 1);
	if (i < c->n && c->s[i] == ']')
		end = i + 1;
	else
		for (size_t k = 0;; k++) {
			struct jpath p;

			if (rt_val(c, i, &v) < 0)
				return -1;
			if (v.kind != JK_STRING) {
				jpath_index(&p, "", k);
				return iobuf_need(&v, JK_STRING, IOBUF_METHOD_EXPECTED, IOBUF_M_METHODS,
						  p.s, c->err);
			}
			if (rt_string_at(c, i, true, &end) < 0)
				return -1;
			/* Escapes only lengthen a name: one shorter than the name sought is another. */
			if (end - i - 2 >= sizeof(IOBUF_START_INIT) - 1 &&
			    json_string_equals(c->s + i + 1, end - i - 2, IOBUF_START_INIT))
				startup = true;
			i = rt_ws(c, end);
			if (i < c->n && c->s[i] == ',') {
				i = rt_ws(c, i + 1);
				continue;
			}
			if (i < c->n && c->s[i] == ']') {
				end = i + 1;
				break;
			}
			return rt_not_json(c, i);
		}
	if (rt_ws(c, end) != c->n)
		return rt_not_json(c, rt_ws(c, end));
	*out = startup ? TARGET_STARTUP : TARGET_RUNNING;
	return 0;
}

int methods_decode_text(const char *text, size_t n, enum target_state *out, struct mt_err *err)
{
	struct rt_cur c = { .s = text, .n = n, .method = IOBUF_M_METHODS, .err = err };
	int rc;

	mt_err_clear(err);
	*out = TARGET_UNKNOWN;
	if (!text)
		return iobuf_fail(err, IOBUF_M_METHODS, "", "no result");
	rc = rt_finish(&c, decode(&c, out));
	if (rc < 0)
		*out = TARGET_UNKNOWN;
	return rc;
}
