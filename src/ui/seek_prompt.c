/* seek_prompt: the `/` prompt's keys (contract: seek_prompt.h). */
#include "seek_prompt.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "line_edit.h"

static bool printable(int key)
{
	return key >= ' ' && key < 127;
}

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
	if (line_edit_key(p->text, sizeof(p->text), key, printable) != LINE_EDIT_CHANGED)
		return SEEK_FX_NONE;
	p->len = strlen(p->text);
	return SEEK_FX_REDRAW;
}

void seek_prompt_line(const struct seek_prompt *p, char *buf, size_t len)
{
	snprintf(buf, len, "seek to (%s; Enter, Esc): %s_", p->hint, p->text);
}
