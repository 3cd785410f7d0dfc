#include "mt_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void mt_err_set(struct mt_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

void mt_err_prefix(struct mt_err *err, const char *fmt, ...)
{
	char prefix[MT_ERR_LEN];
	char old[MT_ERR_LEN];
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	snprintf(err->msg, sizeof(err->msg), "%s: %s", prefix, old);
}

void mt_err_clear(struct mt_err *err)
{
	if (!err)
		return;
	err->code = 0;
	err->msg[0] = '\0';
}

void mt_errlist_add(struct mt_errlist *list, const char *fmt, ...)
{
	va_list ap;

	if (!list)
		return;
	if (list->n >= MT_ERRLIST_MAX) {
		list->dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(list->msg[list->n], sizeof(list->msg[0]), fmt, ap);
	va_end(ap);
	list->n++;
}

void mt_errlist_clear(struct mt_errlist *list)
{
	if (list)
		memset(list, 0, sizeof(*list));
}

void mt_errlist_truncate(struct mt_errlist *list, size_t n, size_t dropped)
{
	size_t held;

	if (!list)
		return;
	held = list->n < MT_ERRLIST_MAX ? list->n : MT_ERRLIST_MAX;
	if (held > n)
		memset(list->msg + n, 0, (held - n) * sizeof(list->msg[0]));
	if (n < list->n)
		list->n = n;
	list->dropped = dropped;
}
