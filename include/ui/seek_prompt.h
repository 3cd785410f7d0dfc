/*
 * seek_prompt: the replay's `/` prompt for a time, as a pure line editor
 * (dashboard_state.h puts it in the footer: dash_state_seek_open/_key).
 *
 * Opened with a hint of what it takes ("t+SECONDS"); printable ASCII
 * appends while there is room, Backspace deletes, Esc cancels and Enter
 * confirms; while open every other key is swallowed.  seek_prompt_key()
 * returns what happened as SEEK_FX_* bits; after SEEK_FX_CONFIRM the typed
 * text stays in `text` for the caller to read as a time and seek to.  No
 * I/O, no clock, no idea what a time is.
 */
#ifndef SEEK_PROMPT_H
#define SEEK_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#define SEEK_PROMPT_LEN 40    /* what fits the longest form, YYYY-MM-DD HH:MM:SS */
#define SEEK_HINT_LEN 48

enum seek_prompt_fx {
	SEEK_FX_NONE = 0,
	SEEK_FX_REDRAW = 1 << 0,    /* the text changed */
	SEEK_FX_CONFIRM = 1 << 1,   /* Enter: closed, `text` holds what was typed */
	SEEK_FX_CANCEL = 1 << 2,    /* Esc: closed, nothing to do */
};

struct seek_prompt {
	bool open;
	char hint[SEEK_HINT_LEN];
	char text[SEEK_PROMPT_LEN];
	size_t len;
};

/* Opens it empty; hint says what it takes. */
void seek_prompt_open(struct seek_prompt *p, const char *hint);
/* A raw key (curses codes); SEEK_FX_NONE when closed or the key changed nothing. */
unsigned seek_prompt_key(struct seek_prompt *p, int key);
/* The line shown while it is open: "seek to (HINT; Enter, Esc): TEXT_". */
void seek_prompt_line(const struct seek_prompt *p, char *buf, size_t len);

#endif
