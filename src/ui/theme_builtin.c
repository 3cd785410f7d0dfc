/*
 * The built-in themes, compiled in so spdk-memtop needs no files to start.
 * Byte for byte the text of themes/NAME.theme (test_theme checks it): edit both.
 */
#include "theme_builtin.h"

static const char default_text[] =
	"# spdk-memtop theme \"default\": for dark terminals.\n"
	"# Format and keys: docs/themes.md.\n"
	"\n"
	"normal          = default\n"
	"header          = black on cyan\n"
	"title           = bright_white bold\n"
	"border          = blue\n"
	"label           = cyan\n"
	"value           = bright_white bold\n"
	"dim             = bright_black\n"
	"alert_critical  = bright_white on red bold\n"
	"alert_warning   = black on yellow\n"
	"alert_ok        = green bold\n"
	"bar_used        = green\n"
	"bar_cached      = yellow\n"
	"bar_free        = bright_black\n"
	"sparkline       = cyan\n"
	"sparkline_alert = bright_red bold\n"
	"gap             = bright_black dim\n"
	"node_imbalanced = bright_magenta bold\n"
	"selected        = black on cyan\n"
	"footer_key      = black on cyan\n"
	"footer_text     = default\n";

static const char light_text[] =
	"# spdk-memtop theme \"light\": for terminals with a light background.\n"
	"# Colours darker than the dark theme's so they stay readable on white.\n"
	"\n"
	"normal          = default\n"
	"header          = bright_white on #1F4E99\n"
	"title           = #1F4E99 bold\n"
	"border          = #5F87AF\n"
	"label           = #005F87\n"
	"value           = black bold\n"
	"dim             = #767676\n"
	"alert_critical  = bright_white on #AF0000 bold\n"
	"alert_warning   = black on #FFD75F\n"
	"alert_ok        = #00875F bold\n"
	"bar_used        = #00875F\n"
	"bar_cached      = #AF8700\n"
	"bar_free        = #BCBCBC\n"
	"sparkline       = #005F87\n"
	"sparkline_alert = #AF0000 bold\n"
	"gap             = #A8A8A8\n"
	"node_imbalanced = #870087 bold\n"
	"selected        = bright_white on #5F87AF\n"
	"footer_key      = bright_white on #1F4E99\n"
	"footer_text     = default\n";

static const char mono_text[] =
	"# spdk-memtop theme \"mono\": attributes only, no colour (chosen when NO_COLOR is set).\n"
	"# Every meaning is also carried by text markers, so nothing is lost.\n"
	"\n"
	"monochrome      = true\n"
	"normal          = default\n"
	"header          = reverse\n"
	"title           = bold\n"
	"border          = default\n"
	"label           = default\n"
	"value           = bold\n"
	"dim             = dim\n"
	"alert_critical  = reverse bold\n"
	"alert_warning   = bold underline\n"
	"alert_ok        = default\n"
	"bar_used        = reverse\n"
	"bar_cached      = bold\n"
	"bar_free        = dim\n"
	"sparkline       = default\n"
	"sparkline_alert = bold\n"
	"gap             = dim\n"
	"node_imbalanced = bold underline\n"
	"selected        = reverse\n"
	"footer_key      = reverse\n"
	"footer_text     = default\n";

static const char high_contrast_text[] =
	"# spdk-memtop theme \"high-contrast\": maximum contrast, black background, bold text.\n"
	"\n"
	"normal          = bright_white on black\n"
	"header          = black on bright_white bold\n"
	"title           = bright_yellow on black bold\n"
	"border          = bright_white on black\n"
	"label           = bright_cyan on black bold\n"
	"value           = bright_white on black bold\n"
	"dim             = white on black\n"
	"alert_critical  = bright_white on red bold\n"
	"alert_warning   = black on bright_yellow bold\n"
	"alert_ok        = bright_green on black bold\n"
	"bar_used        = bright_green on black bold\n"
	"bar_cached      = bright_yellow on black bold\n"
	"bar_free        = white on black\n"
	"sparkline       = bright_cyan on black bold\n"
	"sparkline_alert = bright_red on black bold\n"
	"gap             = white on black underline\n"
	"node_imbalanced = black on bright_magenta bold\n"
	"selected        = black on bright_cyan bold\n"
	"footer_key      = black on bright_white bold\n"
	"footer_text     = bright_white on black\n";

const struct theme_builtin_entry theme_builtins[] = {
	{ "default", default_text },
	{ "light", light_text },
	{ "mono", mono_text },
	{ "high-contrast", high_contrast_text },
};

const size_t theme_builtins_count = sizeof(theme_builtins) / sizeof(theme_builtins[0]);
