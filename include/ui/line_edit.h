/*
 * line_edit: the raw keys of a one-line text field, shared by the pool
 * dialog's fields and the replay's seek prompt.  line_edit_key() appends an
 * accepted character while it fits (a NUL always after it) and deletes the
 * last one on Backspace, DEL or Ctrl-H; anything else is not its key.
 */
#ifndef LINE_EDIT_H
#define LINE_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#define KEY_ESC_CODE 27
#define KEY_CTRL_U 21

enum line_edit {
	LINE_EDIT_NOT_MINE = 0,   /* not an editing key: the caller's */
	LINE_EDIT_CHANGED,
	LINE_EDIT_UNCHANGED,      /* an editing key with nothing to do (full, or empty) */
};

/* t holds a NUL-terminated text in cap bytes; accept says which characters go in. */
enum line_edit line_edit_key(char *t, size_t cap, int key, bool (*accept)(int key));

#endif
