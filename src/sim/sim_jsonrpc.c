#include "sim_jsonrpc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "json_stream.h"

static int add_part(struct sim_reply *r, char *text, char *wait_id)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 2;
		struct sim_reply_part *p = realloc(r->parts, cap * sizeof(*p));

		if (!p)
			return -1;
		r->parts = p;
		r->cap = cap;
	}
	r->parts[r->n].text = text;
	r->parts[r->n].wait_id = wait_id;
	r->n++;
	return 0;
}

/* size: the object's exact length, reached with spaces before the result; 0: as is. */
static char *result_object(const char *id, const char *result, size_t size)
{
	struct sim_buf b = { 0 };
	size_t len;

	if (sim_buf_printf(&b, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":", id) < 0)
		goto fail;
	len = b.len + strlen(result) + 1;
	if (size > len) {
		if (sim_buf_reserve(&b, size - len) < 0)
			goto fail;
		memset(b.data + b.len, ' ', size - len);
		b.len += size - len;
	}
	if (sim_buf_puts(&b, result) < 0 || sim_buf_append(&b, "}", 2) < 0)
		goto fail;
	return b.data;
fail:
	sim_buf_free(&b);
	return NULL;
}

static char *error_object(const char *id, int code, const char *message)
{
	struct sim_buf b = { 0 };
	json_t *msg = json_string(message);
	char *quoted;

	if (!msg)
		msg = json_stringn_nocheck(message, strlen(message));
	quoted = msg ? json_dumps(msg, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	json_decref(msg);
	if (!quoted)
		return NULL;
	if (sim_buf_printf(&b, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":%d,"
			   "\"message\":%s}}", id, code, quoted) < 0 ||
	    sim_buf_append(&b, "", 1) < 0) {
		sim_buf_free(&b);
		b.data = NULL;
	}
	free(quoted);
	return b.data;
}

/* Errors come from the target's request layer: a fault may touch them. */
static int add_error(struct sim_reply *r, const char *id, int code, const char *message)
{
	char *text = error_object(id, code, message);

	r->faultable = true;
	if (!text || add_part(r, text, NULL) < 0) {
		free(text);
		return -1;
	}
	return 0;
}

/* The id exactly as the client wrote it (2^64-1 does not survive a round trip). */
static char *raw_id(const char *raw, size_t rawlen, const json_t *id)
{
	size_t vs, ve;
	char *s;

	if (raw && json_stream_member_raw(raw, rawlen, "id", &vs, &ve) && ve > vs) {
		s = malloc(ve - vs + 1);
		if (s) {
			memcpy(s, raw + vs, ve - vs);
			s[ve - vs] = '\0';
		}
		return s;
	}
	return json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT);
}

/* SPDK's request decoder: these members only, each of the right type. */
static bool valid_request(const json_t *req, const json_t **method, const json_t **id,
			  const json_t **params)
{
	const json_t *version;
	const char *key;
	json_t *value;

	if (!json_is_object(req))
		return false;
	json_object_foreach((json_t *)req, key, value) {
		if (strcmp(key, "jsonrpc") != 0 && strcmp(key, "method") != 0 &&
		    strcmp(key, "params") != 0 && strcmp(key, "id") != 0)
			return false;
	}
	version = json_object_get(req, "jsonrpc");
	*method = json_object_get(req, "method");
	*id = json_object_get(req, "id");
	*params = json_object_get(req, "params");
	/* A missing "jsonrpc" is accepted (accepted.missing_jsonrpc_version). */
	if (version && (!json_is_string(version) || json_string_length(version) != 3 ||
			strcmp(json_string_value(version), "2.0") != 0))
		return false;
	if (!json_is_string(*method))
		return false;
	if (*id && !json_is_null(*id) && !json_is_string(*id) && !json_is_number(*id))
		return false;
	if (*params && !json_is_null(*params) && !json_is_object(*params) &&
	    !json_is_array(*params))
		return false;
	if (*params && json_is_null(*params))
		*params = NULL;  /* null params are no params (accepted.params_null) */
	return true;
}

static int handle_one(struct sim_target *t, const json_t *req, const char *raw, size_t rawlen,
		      double now, struct sim_reply *r, bool *initialized)
{
	const json_t *method, *id, *params;
	struct sim_call call;
	char *idtext, *text = NULL;
	int rc = 0;

	if (!valid_request(req, &method, &id, &params))
		return add_error(r, "null", SIM_ERR_INVALID_REQUEST, "Invalid request");
	if (sim_target_call(t, json_string_value(method), json_string_length(method), params, now,
			    &call) < 0)
		return -1;
	if (!call.sim_only && id && !json_is_null(id))
		r->faultable = true;
	if (call.initialized)
		*initialized = true;
	if (!id || json_is_null(id)) {
		/* A notification: done, and never answered. */
		free(call.result);
		return 0;
	}
	idtext = raw_id(raw, rawlen, id);
	if (!idtext) {
		free(call.result);
		return -1;
	}
	switch (call.kind) {
	case SIM_CALL_RESULT:
		text = result_object(idtext, call.result, call.reply_size);
		rc = text && add_part(r, text, NULL) == 0 ? 0 : -1;
		break;
	case SIM_CALL_ERROR:
		text = error_object(idtext, call.code, call.message);
		rc = text && add_part(r, text, NULL) == 0 ? 0 : -1;
		break;
	case SIM_CALL_WAIT_INIT:
		if (add_part(r, NULL, idtext) == 0)
			idtext = NULL;
		else
			rc = -1;
		break;
	}
	if (rc < 0)
		free(text);
	free(idtext);
	free(call.result);
	return rc;
}

static size_t skip_ws(const char *b, size_t i, size_t len)
{
	while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r'))
		i++;
	return i;
}

/* Where the element starting at b[i] ends; the array is known to be valid JSON. */
static size_t element_end(const char *b, size_t i, size_t len)
{
	size_t s, e;

	if (b[i] == '{' || b[i] == '[' || b[i] == '"') {
		if (json_stream_scan(b + i, len - i, &s, &e) == JSON_SCAN_COMPLETE && s == 0)
			return i + e;
		return len;
	}
	while (i < len && !strchr(",] \t\r\n", b[i]))
		i++;
	return i;
}

static int handle_batch(struct sim_target *t, const json_t *arr, const char *buf, size_t len,
			double now, struct sim_reply *r, bool *initialized)
{
	size_t i, p, end;
	const char *raw;

	r->batch = true;
	p = skip_ws(buf, 0, len) + 1;   /* past '[' */
	for (i = 0; i < json_array_size(arr); i++) {
		p = skip_ws(buf, p, len);
		raw = p < len ? buf + p : NULL;
		end = p < len ? element_end(buf, p, len) : p;
		if (handle_one(t, json_array_get(arr, i), raw, end - p, now, r, initialized) < 0)
			return -1;
		p = skip_ws(buf, end, len);
		if (p < len && buf[p] == ',')
			p++;
	}
	return 0;
}

static json_t *parse(const char *buf, size_t len)
{
	size_t flags = JSON_DECODE_ANY | JSON_ALLOW_NUL;
	json_error_t jerr;
	json_t *v;

	v = json_loadb(buf, len, flags, &jerr);
	/* 2^64-1 is valid JSON, only too big for json_int_t: read numbers as reals. */
	if (!v && json_error_code(&jerr) == json_error_numeric_overflow)
		v = json_loadb(buf, len, flags | JSON_DECODE_INT_AS_REAL, &jerr);
	return v;
}

enum sim_jsonrpc_verdict sim_jsonrpc_handle(struct sim_target *t, const char *buf, size_t len,
					    double now, struct sim_reply *reply,
					    bool *initialized)
{
	json_t *root = parse(buf, len);
	int rc;

	if (!root)
		return SIM_JSONRPC_CLOSE;
	if (json_is_array(root) && json_array_size(root) > 0)
		rc = handle_batch(t, root, buf, len, now, reply, initialized);
	else if (json_is_array(root))
		rc = add_error(reply, "null", SIM_ERR_INVALID_REQUEST, "Invalid request");
	else
		rc = handle_one(t, root, buf, len, now, reply, initialized);
	json_decref(root);
	return rc < 0 ? SIM_JSONRPC_CLOSE : SIM_JSONRPC_OK;
}

bool sim_reply_empty(const struct sim_reply *r)
{
	return r->n == 0;
}

bool sim_reply_waiting(const struct sim_reply *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (!r->parts[i].text)
			return true;
	}
	return false;
}

int sim_reply_release(struct sim_reply *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		struct sim_reply_part *p = &r->parts[i];

		if (p->text)
			continue;
		p->text = result_object(p->wait_id, "true", 0);
		if (!p->text)
			return -1;
		free(p->wait_id);
		p->wait_id = NULL;
	}
	return 0;
}

int sim_reply_render(const struct sim_reply *r, struct sim_buf *out)
{
	size_t start = out->len, i;

	if (r->n == 0)
		return 0;
	if (r->batch && sim_buf_puts(out, "[") < 0)
		goto fail;
	for (i = 0; i < r->n; i++) {
		if (!r->parts[i].text)
			goto fail;
		if ((i && sim_buf_puts(out, ",") < 0) || sim_buf_puts(out, r->parts[i].text) < 0)
			goto fail;
	}
	if ((r->batch && sim_buf_puts(out, "]") < 0) || sim_buf_puts(out, "\n") < 0)
		goto fail;
	return 0;
fail:
	out->len = start;
	return -1;
}

void sim_reply_free(struct sim_reply *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->parts[i].text);
		free(r->parts[i].wait_id);
	}
	free(r->parts);
	memset(r, 0, sizeof(*r));
}
