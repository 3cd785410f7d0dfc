#!/bin/bash
# --theme is checked before the screen starts: a bad file or an unknown name
# stops us with file:line messages on stderr (exit 64); themes never apply to
# the headless modes, so --once ignores them.
source "$(dirname "$0")/lib.sh"

printf '# a theme with one bad value and one unknown key\nbar_used = purpleish\nfoo = red\n' \
	>"$MT_TMP/bad.theme"
mt_run --theme "$MT_TMP/bad.theme"
assert_status 64 "bad theme file"
assert_contains "$ERR" "$MT_TMP/bad.theme:2: bad colour 'purpleish' for bar_used" "error names file:line"
assert_contains "$ERR" "warning: $MT_TMP/bad.theme:3: unknown key 'foo'" "warning names file:line"
ok "bad theme file: exit 64 with file:line for the error and the warning"

mt_run --theme no-such-theme
assert_status 64 "unknown theme name"
assert_contains "$ERR" "theme 'no-such-theme' not found" "unknown name is named"
ok "unknown theme name: exit 64, named"

# A good theme passes the check and the dashboard then refuses only because
# stdout is not a terminal: proves the check let it through.
mt_run --theme "$MEMTOP_SOURCE_DIR/themes/light.theme"
assert_status 1 "good theme, no terminal"
assert_contains "$ERR" "standard output is not a terminal" "reached the dashboard's own check"
ok "a shipped theme passes the check"
