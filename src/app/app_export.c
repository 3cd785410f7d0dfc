/* --prometheus-textfile (contract: app_export.h). */
#include "app_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prom_text.h"

bool export_textfile_tick(struct export_textfile *et, struct actions *act,
			  const struct snapshot *s, struct action_result *res)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	bool changed;

	memset(res, 0, sizeof(*res));
	res->kind = ACTION_PROM_TEXTFILE;
	if (!f) {
		res->outcome = ACTION_FAILED;
		snprintf(res->message, sizeof(res->message), "%s: out of memory", et->path);
	} else {
		prom_text_write(f, s);
		if (fclose(f)) {
			res->outcome = ACTION_FAILED;
			snprintf(res->message, sizeof(res->message), "%s: out of memory",
				 et->path);
		} else {
			actions_write_file(act, ACTION_PROM_TEXTFILE, et->path, buf, len, false,
					   res);
		}
	}
	free(buf);
	changed = !et->have_last || et->last.outcome != res->outcome ||
		  strcmp(et->last.message, res->message) != 0;
	et->last = *res;
	et->have_last = true;
	return changed;
}
