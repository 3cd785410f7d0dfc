/* seek_prompt: the `/` prompt's keys (contract: seek_prompt.h). */
#include "seek_prompt.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define KEY_ESC_CODE 27
#define KEY_DEL_CODE 127
#define KEY_CTRL_H 8

void seek_prompt_open(struct seek_prompt *p, const char *hint)
{
	memset(p, 0, sizeof(*p));
	p->open = true;
	snprintf(p->hint, sizeof(p->hint), "%s", hint);
}

unsigned seek_prompt_key(struct seek_prompt *p, int key)
{
	if (!p->open)
		return SEEK_FX_NONE;
	if (key == KEY_ESC_CODE) {
		p->open = false;
		return SEEK_FX_CANCEL | SEEK_FX_REDRAW;
	}
	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		p->open = false;
		return SEEK_FX_CONFIRM | SEEK_FX_REDRAW;
	}
	if (key == KEY_BACKSPACE || key == KEY_DEL_CODE || key == KEY_CTRL_H) {
		if (!p->len)
			return SEEK_FX_NONE;
		p->text[--p->len] = '\0';
		return SEEK_FX_REDRAW;
	}
	if (key >= ' ' && key < KEY_DEL_CODE && p->len + 1 < sizeof(p->text)) {
		p->text[p->len++] = (char)key;
		p->text[p->len] = '\0';
		return SEEK_FX_REDRAW;
	}
	return SEEK_FX_NONE;
}

void seek_prompt_line(const struct seek_prompt *p, char *buf, size_t len)
{
	snprintf(buf, len, "seek to (%s; Enter, Esc): %s_", p->hint, p->text);
}
