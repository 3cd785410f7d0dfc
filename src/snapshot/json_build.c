/* A jansson tree filled member by member (contract: json_build.h). */
#include "json_build.h"

void jb_put(struct jb *b, json_t *obj, const char *key, json_t *v)
{
	if (!obj || !v) {
		json_decref(v);
		b->ok = false;
	} else if (json_object_set_new(obj, key, v) != 0) {
		b->ok = false;
	}
}

void jb_push(struct jb *b, json_t *arr, json_t *v)
{
	if (!arr || !v) {
		json_decref(v);
		b->ok = false;
	} else if (json_array_append_new(arr, v) != 0) {
		b->ok = false;
	}
}
