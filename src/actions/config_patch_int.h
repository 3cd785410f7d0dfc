/*
 * config_patch_int: what the config_patch sources share, and nothing else
 * uses (contract: config_patch.h).  read: the file as bytes and as a tree;
 * plan: where the change goes; verify: the written file against the
 * original; apply: the writing.
 */
#ifndef CONFIG_PATCH_INT_H
#define CONFIG_PATCH_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "config_patch.h"
#include "mt_error.h"

/*
 * Duplicate keys are refused because a tree keeps only one of them; NUL in
 * strings is allowed because jansson keeps it (as \u0000) exactly.
 */
#define CP_LOAD_FLAGS (JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL)

/* Fills p->path, real_path, bak_path, is_symlink, bak_replaced. */
int cp_resolve(const char *path, struct config_patch *p, struct mt_err *err);
/* The whole regular file at real (not a symlink), at most CONFIG_PATCH_MAX_BYTES. */
int cp_read(const char *real, const char *shown, char **buf, size_t *len, struct stat *st,
	    struct mt_err *err);
/* A tree, or NULL with "shown:line:column: why" in err. */
json_t *cp_parse(const char *shown, const char *buf, size_t len, struct mt_err *err);
/* save_config's layout: 2-space indent, key order, newline at the end. NULL: out of memory. */
char *cp_dump(const json_t *root, size_t *len);
/* access(W_OK) on the file and on its directory; the message says which is read-only. */
int cp_check_writable(const char *real, struct mt_err *err);

/* The change as JSON, from the plan's values: only the requested keys, in SPDK's order. */
json_t *cp_params_json(const struct config_patch *p);
json_t *cp_entry_json(const struct config_patch *p);
json_t *cp_subsystem_json(const struct config_patch *p);

/*
 * Takes the plan's change out of `written` (a tree parsed from the written
 * file; modified) and checks that what is left equals `orig` exactly.
 */
int cp_verify(const struct config_patch *p, const json_t *orig, json_t *written,
	      struct mt_err *err);
/*
 * Equal types and values, object keys in the same order, reals bit for bit.
 * On a difference, `where` gets the JSON path below `at`.
 */
bool cp_same(const json_t *a, const json_t *b, const char *at, char *where, size_t len);

#endif
