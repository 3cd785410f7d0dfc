/*
 * audit_log_line: the audit line written and read back (contract:
 * audit_log.h).  The reader is strict about quoting and escapes, so a line
 * that parses means what its writer meant.
 */
#include "audit_log.h"
#include "mt_text.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ` key="value"` with the value escaped; prefix is the part of the value before s. */
static void put_field(struct mt_line *o, const char *key, const char *prefix, const char *s)
{
	const unsigned char *c;

	mt_line_put(o, "%s%s=\"%s", o->used ? " " : "", key, prefix);
	for (c = (const unsigned char *)s; *c; c++) {
		switch (*c) {
		case '"':
			mt_line_put(o, "\\\"");
			break;
		case '\\':
			mt_line_put(o, "\\\\");
			break;
		case '\n':
			mt_line_put(o, "\\n");
			break;
		case '\r':
			mt_line_put(o, "\\r");
			break;
		case '\t':
			mt_line_put(o, "\\t");
			break;
		default:
			if (*c < 0x20 || *c == 0x7f)
				mt_line_put(o, "\\x%02x", *c);
			else
				mt_line_put(o, "%c", *c);
		}
	}
	mt_line_put(o, "\"");
}

static void put_count(struct mt_line *o, const char *key, const struct audit_count *c)
{
	char num[24];

	if (c->known)
		snprintf(num, sizeof(num), "%" PRIu64, c->value);
	else
		snprintf(num, sizeof(num), "-");
	put_field(o, key, "", num);
}

const char *audit_outcome_name(enum audit_outcome o)
{
	switch (o) {
	case AUDIT_OK:
		return "ok";
	case AUDIT_REJECTED:
		return "rejected";
	case AUDIT_REFUSED:
		return "refused";
	case AUDIT_FAILED:
		break;
	}
	return "failed";
}

int audit_line_format(const struct audit_entry *e, char *buf, size_t len)
{
	struct mt_line o = { .buf = buf, .len = len };
	char when[40], code[16];
	struct tm tm;

	if (!len)
		return -1;
	buf[0] = '\0';
	if (!gmtime_r(&e->when.tv_sec, &tm))
		return -1;
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(when + strlen(when), sizeof(when) - strlen(when), ".%03ldZ",
		 e->when.tv_nsec / 1000000);
	put_field(&o, "time", "", when);
	put_field(&o, "target", "", e->target);
	put_field(&o, "action", "", e->action);
	if (e->config_path[0])
		put_field(&o, "via", "config_file:", e->config_path);
	else
		put_field(&o, "via", "", "rpc");
	put_count(&o, "old_small", &e->old_small);
	put_count(&o, "old_large", &e->old_large);
	put_count(&o, "new_small", &e->new_small);
	put_count(&o, "new_large", &e->new_large);
	put_field(&o, "outcome", "", audit_outcome_name(e->outcome));
	if (e->outcome == AUDIT_REJECTED) {
		snprintf(code, sizeof(code), "%d", e->code);
		put_field(&o, "code", "", code);
	}
	if (e->outcome != AUDIT_OK)
		put_field(&o, "reason", "", e->reason);
	mt_line_put(&o, "\n");
	if (o.full) {
		buf[0] = '\0';
		return -1;
	}
	return (int)o.used;
}

void audit_entry_set_result(struct audit_entry *e, const struct action_result *r)
{
	switch (r->outcome) {
	case ACTION_OK:
		e->outcome = AUDIT_OK;
		break;
	case ACTION_REJECTED:
		e->outcome = AUDIT_REJECTED;
		break;
	case ACTION_REFUSED:
		e->outcome = AUDIT_REFUSED;
		break;
	case ACTION_PENDING:
	case ACTION_FAILED:
		e->outcome = AUDIT_FAILED;
		break;
	}
	e->code = r->code;
	snprintf(e->reason, sizeof(e->reason), "%s",
		 r->outcome == ACTION_PENDING ? "no outcome yet" : r->message);
}

/* --- reading --- */

/* The quoted value at *p (after `key=`), unescaped into val; *p moves past it. */
static int read_value(const char **p, char *val, size_t len, const char *key, struct mt_err *err)
{
	const char *s = *p;
	size_t n = 0;

	if (*s++ != '"') {
		mt_err_set(err, -EINVAL, "%s: value not quoted", key);
		return -1;
	}
	for (; *s != '"'; s++) {
		int c = (unsigned char)*s, h, l;

		if (!c || c == '\n') {
			mt_err_set(err, -EINVAL, "%s: value not closed", key);
			return -1;
		}
		if (c == '\\') {
			switch (*++s) {
			case '"':
			case '\\':
				c = *s;
				break;
			case 'n':
				c = '\n';
				break;
			case 'r':
				c = '\r';
				break;
			case 't':
				c = '\t';
				break;
			case 'x':
				h = mt_hex_digit((unsigned char)s[1]);
				l = h < 0 ? -1 : mt_hex_digit((unsigned char)s[2]);
				if (l < 0 || (c = h * 16 + l) == 0) {
					mt_err_set(err, -EINVAL, "%s: bad \\x escape", key);
					return -1;
				}
				s += 2;
				break;
			default:
				mt_err_set(err, -EINVAL, "%s: unknown escape \\%c", key,
					   *s ? *s : '0');
				return -1;
			}
		}
		if (n + 1 >= len) {
			mt_err_set(err, -EINVAL, "%s: value too long", key);
			return -1;
		}
		val[n++] = (char)c;
	}
	val[n] = '\0';
	*p = s + 1;
	return 0;
}

static int read_count(const char *key, const char *val, struct audit_count *c, struct mt_err *err)
{
	char *end;

	c->known = strcmp(val, "-") != 0;
	c->value = 0;
	if (!c->known)
		return 0;
	errno = 0;
	c->value = strtoull(val, &end, 10);
	if (!val[0] || *end || errno || val[0] == '-' || val[0] == '+' || val[0] == ' ') {
		mt_err_set(err, -EINVAL, "%s: \"%s\" is not a count", key, val);
		return -1;
	}
	return 0;
}

/* Exactly YYYY-MM-DDTHH:MM:SS.mmmZ. */
static int read_time(const char *val, struct timespec *ts, struct mt_err *err)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
	struct tm tm = { 0 };
	int ms;
	size_t i;

	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? val[i] < '0' || val[i] > '9' : val[i] != shape[i])
			break;
	if (shape[i] || val[i] ||
	    sscanf(val, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) != 7) {
		mt_err_set(err, -EINVAL, "time: \"%s\" is not YYYY-MM-DDTHH:MM:SS.mmmZ", val);
		return -1;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	ts->tv_sec = timegm(&tm);
	ts->tv_nsec = ms * 1000000L;
	return 0;
}

static int read_outcome(const char *val, enum audit_outcome *o, struct mt_err *err)
{
	enum audit_outcome k;

	for (k = AUDIT_OK; k <= AUDIT_FAILED; k++) {
		if (!strcmp(val, audit_outcome_name(k))) {
			*o = k;
			return 0;
		}
	}
	mt_err_set(err, -EINVAL, "outcome: \"%s\" is not ok, rejected, refused or failed", val);
	return -1;
}

static int read_via(const char *val, struct audit_entry *e, struct mt_err *err)
{
	if (!strcmp(val, "rpc")) {
		e->config_path[0] = '\0';
		return 0;
	}
	if (!strncmp(val, "config_file:", 12) && val[12] &&
	    strlen(val + 12) < sizeof(e->config_path)) {
		snprintf(e->config_path, sizeof(e->config_path), "%s", val + 12);
		return 0;
	}
	mt_err_set(err, -EINVAL, "via: \"%.64s\" is not rpc or config_file:PATH", val);
	return -1;
}

/* Required keys are counted by bit. */
enum { SEEN_TIME = 1, SEEN_ACTION = 2, SEEN_VIA = 4, SEEN_OUTCOME = 8, SEEN_ALL = 15 };

static int take(struct audit_entry *e, const char *key, const char *val, unsigned *seen,
		struct mt_err *err)
{
	char *end;

	if (!strcmp(key, "time")) {
		*seen |= SEEN_TIME;
		return read_time(val, &e->when, err);
	}
	if (!strcmp(key, "target")) {
		snprintf(e->target, sizeof(e->target), "%s", val);
		return 0;
	}
	if (!strcmp(key, "action")) {
		*seen |= SEEN_ACTION;
		snprintf(e->action, sizeof(e->action), "%s", val);
		return 0;
	}
	if (!strcmp(key, "via")) {
		*seen |= SEEN_VIA;
		return read_via(val, e, err);
	}
	if (!strcmp(key, "old_small"))
		return read_count(key, val, &e->old_small, err);
	if (!strcmp(key, "old_large"))
		return read_count(key, val, &e->old_large, err);
	if (!strcmp(key, "new_small"))
		return read_count(key, val, &e->new_small, err);
	if (!strcmp(key, "new_large"))
		return read_count(key, val, &e->new_large, err);
	if (!strcmp(key, "outcome")) {
		*seen |= SEEN_OUTCOME;
		return read_outcome(val, &e->outcome, err);
	}
	if (!strcmp(key, "code")) {
		long v = strtol(val, &end, 10);

		e->code = (int)v;
		if (!val[0] || *end || v < INT32_MIN || v > INT32_MAX) {
			mt_err_set(err, -EINVAL, "code: \"%s\" is not an integer", val);
			return -1;
		}
		return 0;
	}
	if (!strcmp(key, "reason"))
		snprintf(e->reason, sizeof(e->reason), "%s", val);
	return 0;
}

int audit_line_parse(const char *line, struct audit_entry *out, struct mt_err *err)
{
	char key[32], *val = malloc(AUDIT_PATH_LEN + 16);
	const char *p = line;
	unsigned seen = 0;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (!val) {
		mt_err_set(err, -ENOMEM, "out of memory");
		return -1;
	}
	while (*p && *p != '\n') {
		size_t n;

		if (p != line && *p++ != ' ') {
			mt_err_set(err, -EINVAL, "column %zu: expected a space",
				   (size_t)(p - line));
			goto out;
		}
		n = strspn(p, "abcdefghijklmnopqrstuvwxyz_");
		if (!n || n >= sizeof(key) || p[n] != '=') {
			mt_err_set(err, -EINVAL, "column %zu: expected key=\"value\"",
				   (size_t)(p - line) + 1);
			goto out;
		}
		memcpy(key, p, n);
		key[n] = '\0';
		p += n + 1;
		if (read_value(&p, val, AUDIT_PATH_LEN + 16, key, err) ||
		    take(out, key, val, &seen, err))
			goto out;
	}
	if (seen != SEEN_ALL) {
		mt_err_set(err, -EINVAL, "missing %s", !(seen & SEEN_TIME) ? "time" :
			   !(seen & SEEN_ACTION) ? "action" : !(seen & SEEN_VIA) ? "via" :
			   "outcome");
		goto out;
	}
	rc = 0;
out:
	free(val);
	return rc;
}
