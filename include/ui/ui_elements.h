/*
 * ui_elements: the semantic screen elements, with no terminal library.
 *
 * Widgets ask for an element (UI_ALERT_CRITICAL), never for a colour.  Kept
 * apart from ui_palette.h so the theme parser in the core library does not
 * pull in curses.  Text markers, not colour alone, carry every meaning, so
 * the mono theme loses nothing.
 */
#ifndef UI_ELEMENTS_H
#define UI_ELEMENTS_H

/* X-macro: element, theme-file key, what it colours. */
#define UI_ELEMENTS(X) \
	X(UI_NORMAL,          "normal",          "ordinary text") \
	X(UI_HEADER,          "header",          "the header line") \
	X(UI_TITLE,           "title",           "pane titles") \
	X(UI_BORDER,          "border",          "pane borders") \
	X(UI_LABEL,           "label",           "field labels") \
	X(UI_VALUE,           "value",           "numbers") \
	X(UI_DIM,             "dim",             "secondary text, units") \
	X(UI_ALERT_CRITICAL,  "alert_critical",  "critical alert banner") \
	X(UI_ALERT_WARNING,   "alert_warning",   "warning alert banner") \
	X(UI_ALERT_OK,        "alert_ok",        "banner when all is well") \
	X(UI_BAR_USED,        "bar_used",        "exact in-use part of a bar") \
	X(UI_BAR_CACHED,      "bar_cached",      "caches' reserved part of a bar") \
	X(UI_BAR_FREE,        "bar_free",        "empty part of a bar") \
	X(UI_SPARKLINE,       "sparkline",       "retry sparklines") \
	X(UI_SPARKLINE_ALERT, "sparkline_alert", "sparkline columns with retries") \
	X(UI_GAP,             "gap",             "history gaps while unreachable") \
	X(UI_NODE_IMBALANCED, "node_imbalanced", "marker on an unbalanced node") \
	X(UI_SELECTED,        "selected",        "selected row") \
	X(UI_FOOTER_KEY,      "footer_key",      "key names in the footer") \
	X(UI_FOOTER_TEXT,     "footer_text",     "footer descriptions")

enum ui_element {
#define UI_ENUM(e, key, what) e,
	UI_ELEMENTS(UI_ENUM)
#undef UI_ENUM
	UI_ELEMENT_COUNT
};

#endif
