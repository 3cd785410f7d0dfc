/* One-line text fields' editing keys (contract: line_edit.h). */
#include "line_edit.h"

#include <curses.h>
#include <string.h>

#define KEY_DEL_CODE 127
#define KEY_CTRL_H 8

enum line_edit line_edit_key(char *t, size_t cap, int key, bool (*accept)(int key))
{
	size_t n = strlen(t);

	if (key == KEY_BACKSPACE || key == KEY_DEL_CODE || key == KEY_CTRL_H) {
		if (n == 0)
			return LINE_EDIT_UNCHANGED;
		t[n - 1] = '\0';
		return LINE_EDIT_CHANGED;
	}
	if (!accept(key))
		return LINE_EDIT_NOT_MINE;
	if (n + 1 >= cap)
		return LINE_EDIT_UNCHANGED;
	t[n] = (char)key;
	t[n + 1] = '\0';
	return LINE_EDIT_CHANGED;
}
