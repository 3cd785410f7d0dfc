/*
 * json_build: filling a jansson tree member by member, noting any failure
 * once (an allocation that failed, a NULL container) instead of checking
 * each call.  Both take over v, as the jansson *_new calls do, even when
 * they fail.  Private to the snapshot room (snapshot_json.c,
 * hugepage_consumers.c).
 */
#ifndef JSON_BUILD_H
#define JSON_BUILD_H

#include <jansson.h>
#include <stdbool.h>

struct jb {
	bool ok;   /* false once anything failed */
};

void jb_put(struct jb *b, json_t *obj, const char *key, json_t *v);
void jb_push(struct jb *b, json_t *arr, json_t *v);

#endif
