/* The config file write as an action: the gate, then the write (contract: config_patch.h). */
#include "config_patch.h"

#include <stdio.h>
#include <string.h>

int actions_config_patch(struct actions *a, const struct config_patch *p,
			 struct action_result *res)
{
	struct mt_err err;

	if (actions_check(a, ACTION_CONFIG_PATCH, res))
		return -1;
	memset(res, 0, sizeof(*res));
	res->kind = ACTION_CONFIG_PATCH;
	mt_err_clear(&err);
	if (config_patch_apply(p, &err)) {
		res->outcome = ACTION_FAILED;
		res->code = err.code;
		snprintf(res->message, sizeof(res->message), "%s", err.msg);
		return -1;
	}
	res->outcome = ACTION_OK;
	if (!p->changes)
		snprintf(res->message, sizeof(res->message),
			 "%s already says this: nothing written", p->real_path);
	else
		snprintf(res->message, sizeof(res->message), "wrote %s (original kept as %s)",
			 p->real_path, p->bak_path);
	return 0;
}
