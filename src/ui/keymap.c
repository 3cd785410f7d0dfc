/* keymap: key codes to dashboard actions, and the help text built from them. */
#include <curses.h>

#include "keymap.h"
#include "tick_schedule.h"

#define KEY_ESC 27
#define KEY_TAB '\t'
#define KEY_CTRL_L 12

struct binding {
	int key;
	enum dash_action action;
};

/*
 * Letters are bound in both cases: a stuck Caps Lock must not make the tool
 * deaf.  The one exception is b / B (save a baseline / compare with it), the
 * pair issue 9 asks for; with Caps Lock on, b compares rather than writes a
 * file, which is the harmless way round.  Issue 11 makes two more pairs:
 * m reads SPDK's heap now and M shows the mempools; h is help and H the
 * hugepage consumers (both views only read, so a stuck Caps Lock opens a
 * harmless view).
 */
static const struct binding bindings[] = {
	{ 'q', ACT_QUIT }, { 'Q', ACT_QUIT },
	{ '?', ACT_HELP }, { 'h', ACT_HELP }, { KEY_F(1), ACT_HELP },
	{ ' ', ACT_PAUSE }, { 'p', ACT_PAUSE }, { 'P', ACT_PAUSE },
	{ '+', ACT_INTERVAL_UP }, { '=', ACT_INTERVAL_UP },
	{ '-', ACT_INTERVAL_DOWN }, { '_', ACT_INTERVAL_DOWN },
	{ 'a', ACT_ACK }, { 'A', ACT_ACK },
	{ 's', ACT_SORT }, { 'S', ACT_SORT },
	{ 't', ACT_THEME }, { 'T', ACT_THEME },
	{ 'r', ACT_RECONNECT }, { 'R', ACT_RECONNECT },
	{ 'l', ACT_ALERT_LOG }, { 'L', ACT_ALERT_LOG },
	{ 'e', ACT_ERRORS }, { 'E', ACT_ERRORS },
	{ KEY_ESC, ACT_CLOSE },
	{ KEY_UP, ACT_UP }, { 'k', ACT_UP },
	{ KEY_DOWN, ACT_DOWN }, { 'j', ACT_DOWN },
	{ KEY_LEFT, ACT_LEFT },
	{ KEY_RIGHT, ACT_RIGHT },
	{ KEY_PPAGE, ACT_PAGE_UP },
	{ KEY_NPAGE, ACT_PAGE_DOWN },
	{ KEY_HOME, ACT_HOME }, { 'g', ACT_HOME },
	{ KEY_END, ACT_END }, { 'G', ACT_END },
	{ KEY_TAB, ACT_FOCUS },
	{ KEY_CTRL_L, ACT_REDRAW },
	/* the pool sizes */
	{ 'v', ACT_ADVICE }, { 'V', ACT_ADVICE },
	{ 'c', ACT_POOLS }, { 'C', ACT_POOLS },
	/* recording and replay */
	{ ',', ACT_REPLAY_BACK }, { '.', ACT_REPLAY_FWD },
	{ '<', ACT_REPLAY_SLOWER }, { '>', ACT_REPLAY_FASTER },
	{ 'n', ACT_REPLAY_NEXT_ALERT }, { 'N', ACT_REPLAY_NEXT_ALERT },
	{ '/', ACT_REPLAY_SEEK },
	{ 'w', ACT_FLIGHT_WRITE }, { 'W', ACT_FLIGHT_WRITE },
	/* baselines: the exception to both cases, see above */
	{ 'b', ACT_BASELINE_SAVE }, { 'B', ACT_COMPARE },
	/* who holds the hugepages (issue 11) */
	{ 'm', ACT_MEM_STATS }, { 'M', ACT_MEMPOOLS }, { 'H', ACT_CONSUMERS },
	/* history scroll-back (issue 10) */
	{ '[', ACT_HIST_BACK }, { ']', ACT_HIST_FWD }, { '}', ACT_HIST_LIVE },
};

static const struct keymap_help_line help_lines[] = {
	{ "q", "quit (inside an overlay: close it)", ACT_QUIT },
	{ "? h F1", "this help", ACT_HELP },
	{ "space p", "pause / resume collection", ACT_PAUSE },
	{ "+ =", "longer interval between snapshots", ACT_INTERVAL_UP },
	{ "- _", "shorter interval (down to " TICK_MIN_INTERVAL_TEXT " s)", ACT_INTERVAL_DOWN },
	{ "a", "acknowledge alerts: stop flashing", ACT_ACK },
	{ "s", "sort the module table by the next key", ACT_SORT },
	{ "t", "next colour theme", ACT_THEME },
	{ "r", "reconnect to the target now", ACT_RECONNECT },
	{ "l", "alert log", ACT_ALERT_LOG },
	{ "e", "collection errors: what could not be read, and where", ACT_ERRORS },
	{ "Esc", "close the open view (help, alert log, errors, M, H ...)", ACT_CLOSE },
	{ "Up k", "scroll up one line", ACT_UP },
	{ "Down j", "scroll down one line", ACT_DOWN },
	{ "Left", "node panes: previous node", ACT_LEFT },
	{ "Right", "node panes: next node", ACT_RIGHT },
	{ "PgUp", "scroll up one page", ACT_PAGE_UP },
	{ "PgDn", "scroll down one page", ACT_PAGE_DOWN },
	{ "Home g", "scroll to the top", ACT_HOME },
	{ "End G", "scroll to the bottom", ACT_END },
	{ "Tab", "scroll the module table or the node panes", ACT_FOCUS },
	{ "Ctrl-L", "repaint the screen", ACT_REDRAW },
	{ "v", "sizing advice for the pool counts", ACT_ADVICE },
	{ "c", "change the pool counts (review first; not with --read-only)", ACT_POOLS },
	/* recording and replay */
	{ "w", "write the flight recorder's last minutes to a file", ACT_FLIGHT_WRITE },
	{ ",", "replay: one tick back (pauses)", ACT_REPLAY_BACK },
	{ ".", "replay: one tick forward (pauses)", ACT_REPLAY_FWD },
	{ "<", "replay: slower (x100, x10, x1)", ACT_REPLAY_SLOWER },
	{ ">", "replay: faster (x1, x10, x100)", ACT_REPLAY_FASTER },
	{ "n", "replay: on to the next alert", ACT_REPLAY_NEXT_ALERT },
	{ "/", "replay: seek to a time (HH:MM:SS, or t+S)", ACT_REPLAY_SEEK },
	{ "b", "save this snapshot as a baseline (not with --read-only)", ACT_BASELINE_SAVE },
	{ "B", "compare mode: every number as its change since the baseline", ACT_COMPARE },
	/* who holds the hugepages (issue 11) */
	{ "m", "read SPDK's heap per node now (the target writes a memory dump)", ACT_MEM_STATS },
	{ "M", "the target's mempools from that dump, largest first", ACT_MEMPOOLS },
	{ "H", "hugepage consumers: which processes hold them, per node (scans)", ACT_CONSUMERS },
	/* history scroll-back (issue 10) */
	{ "[", "graphs: back in time half a screen (or mouse wheel up)", ACT_HIST_BACK },
	{ "]", "graphs: forward (or wheel down); past the newest, live", ACT_HIST_FWD },
	{ "}", "graphs: back to live at once", ACT_HIST_LIVE },
};

static const char *const action_names[ACT_COUNT] = {
	[ACT_NONE] = "none",
	[ACT_QUIT] = "quit",
	[ACT_HELP] = "help",
	[ACT_PAUSE] = "pause",
	[ACT_INTERVAL_UP] = "interval-up",
	[ACT_INTERVAL_DOWN] = "interval-down",
	[ACT_ACK] = "ack",
	[ACT_SORT] = "sort",
	[ACT_THEME] = "theme",
	[ACT_RECONNECT] = "reconnect",
	[ACT_ALERT_LOG] = "alert-log",
	[ACT_ERRORS] = "errors",
	[ACT_CLOSE] = "close",
	[ACT_UP] = "up",
	[ACT_DOWN] = "down",
	[ACT_LEFT] = "left",
	[ACT_RIGHT] = "right",
	[ACT_PAGE_UP] = "page-up",
	[ACT_PAGE_DOWN] = "page-down",
	[ACT_HOME] = "home",
	[ACT_END] = "end",
	[ACT_FOCUS] = "focus",
	[ACT_REDRAW] = "redraw",
	[ACT_ADVICE] = "advice",
	[ACT_POOLS] = "pools",
	[ACT_REPLAY_BACK] = "replay-back",
	[ACT_REPLAY_FWD] = "replay-forward",
	[ACT_REPLAY_SLOWER] = "replay-slower",
	[ACT_REPLAY_FASTER] = "replay-faster",
	[ACT_REPLAY_NEXT_ALERT] = "replay-next-alert",
	[ACT_REPLAY_SEEK] = "replay-seek",
	[ACT_FLIGHT_WRITE] = "flight-write",
	[ACT_BASELINE_SAVE] = "baseline-save",
	[ACT_MEM_STATS] = "mem-stats",
	[ACT_MEMPOOLS] = "mempools",
	[ACT_CONSUMERS] = "consumers",
	[ACT_COMPARE] = "compare",
	[ACT_HIST_BACK] = "history-back",
	[ACT_HIST_FWD] = "history-forward",
	[ACT_HIST_LIVE] = "history-live",
};

enum dash_action keymap_lookup(int key)
{
	for (size_t i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++)
		if (bindings[i].key == key)
			return bindings[i].action;
	return ACT_NONE;
}

/* Wheel down is button 5, which only ncurses' extended mouse protocol (version 2) has. */
#ifdef BUTTON5_PRESSED
#define WHEEL_DOWN BUTTON5_PRESSED
#else
#define WHEEL_DOWN 0
#endif

enum dash_action keymap_mouse(unsigned long bstate)
{
	if (bstate & BUTTON4_PRESSED)
		return ACT_HIST_BACK;
	if (bstate & WHEEL_DOWN)   /* 0 without button 5: never */
		return ACT_HIST_FWD;
	return ACT_NONE;
}

unsigned long keymap_mouse_mask(void)
{
	return BUTTON4_PRESSED | WHEEL_DOWN;
}

const char *dash_action_name(enum dash_action a)
{
	if ((int)a < 0 || a >= ACT_COUNT || !action_names[a])
		return "?";
	return action_names[a];
}

const struct keymap_help_line *keymap_help(size_t *n)
{
	*n = sizeof(help_lines) / sizeof(help_lines[0]);
	return help_lines;
}
