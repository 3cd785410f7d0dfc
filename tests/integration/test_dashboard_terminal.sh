#!/bin/bash
# How the dashboard treats the terminal: refuses a non-terminal, plain ASCII
# under LANG=C (and UTF-8 under a UTF-8 locale), no colour under NO_COLOR or
# --no-color (and colour otherwise), and SIGTERM / SIGINT restore the
# terminal before it exits.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

SYSFS4=$MEMTOP_FIXTURES/sysfs/4node
PROCFS4=$MEMTOP_FIXTURES/procfs/4node
ARGS=()

# --- standard output not a terminal: refused before touching anything ------
sim_start exh --scenario exhaustion
ARGS=(-s "$SIM_SOCK" --sysfs-root "$SYSFS4" --procfs-root "$PROCFS4")
mt_run "${ARGS[@]}"
assert_status 1 "dashboard with stdout redirected"
assert_eq "spdk-memtop: standard output is not a terminal; use --once or --batch for scripts" \
	"$ERR" "refusal message"
assert_eq "" "$OUT" "nothing on stdout"
ok "refuses a non-terminal stdout with exit 1 and a hint"

# Opens the dashboard with the help overlay and the alert log once, so that
# every kind of glyph (bars, sparklines, borders, markers) has been drawn.
exercise() {
	local name=$1
	tmux_wait_for "$name" '^q quit' 10
	tmux_wait_for "$name" 'LARGE POOL EXHAUSTED' 10
	SCREENS=$(tmux_capture "$name")
	SCREENS_E=$(tmux_capture "$name" -e)
	tmux_keys "$name" '?'
	tmux_wait_for "$name" 'Help: keys' 5
	SCREENS+=$(tmux_capture "$name")
	SCREENS_E+=$(tmux_capture "$name" -e)
	tmux_keys "$name" l
	tmux_wait_for "$name" 'Alert log' 5
	SCREENS+=$(tmux_capture "$name")
	SCREENS_E+=$(tmux_capture "$name" -e)
	tmux_keys "$name" q q
	tmux_wait_exit "$name" 5
}

non_ascii_bytes() {
	printf '%s' "$1" | LC_ALL=C tr -d '\000-\177' | wc -c
}

# SGR parameters that set a colour: 30-38, 40-48, 90-97, 100-107 (39/49 reset to the default).
colour_escapes() {
	printf '%s' "$1" | grep -ao $'\e\\[[0-9;]*m' | sed 's/^.\[//; s/m$//' | tr ';' '\n' |
		grep -Ec '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$' || true
}

# --- LANG=C: every byte on screen is ASCII ----------------------------------
tmux_run c 80 24 LANG=C LC_ALL=C -- "${ARGS[@]}"
exercise c
n=$(non_ascii_bytes "$SCREENS")
assert_eq 0 "$n" "non-ASCII bytes on screen under LANG=C"
ok "LANG=C: dashboard, help and alert log are pure ASCII"

# Control: the same under a UTF-8 locale does draw UTF-8 (the check above can fail).
tmux_run u 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}"
exercise u
n=$(non_ascii_bytes "$SCREENS")
[ "$n" -gt 0 ] || fail "no UTF-8 glyph under LC_ALL=C.UTF-8"
grep -q '█' <<<"$SCREENS" || fail "no block glyphs under UTF-8"
UTF8_COLOURS=$(colour_escapes "$SCREENS_E")
ok "UTF-8 locale: UTF-8 glyphs drawn ($n non-ASCII bytes)"

# --ascii forces plain characters even under a UTF-8 locale.
tmux_run a 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}" --ascii
exercise a
assert_eq 0 "$(non_ascii_bytes "$SCREENS")" "non-ASCII bytes with --ascii"
ok "--ascii: pure ASCII under a UTF-8 locale"

# --- colour ------------------------------------------------------------------
[ "$UTF8_COLOURS" -gt 0 ] || fail "the default theme drew no colour at all (control)"
tmux_run nc 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_COLOR=1 -- "${ARGS[@]}"
exercise nc
assert_eq 0 "$(colour_escapes "$SCREENS_E")" "colour escapes under NO_COLOR=1"
grep -Eq $'\e\\[([0-9]*;)*(1|7)(;[0-9]*)*m' <<<"$SCREENS_E" ||
	fail "NO_COLOR lost the attributes too (no bold/reverse at all)"
ok "NO_COLOR=1: no colour escapes (default theme: $UTF8_COLOURS), attributes kept"

tmux_run nf 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}" --no-color
exercise nf
assert_eq 0 "$(colour_escapes "$SCREENS_E")" "colour escapes with --no-color"
ok "--no-color: no colour escapes"

# NO_COLOR set but empty means nothing (no-color.org).
tmux_run ne 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_COLOR= -- "${ARGS[@]}"
exercise ne
[ "$(colour_escapes "$SCREENS_E")" -gt 0 ] || fail "empty NO_COLOR turned colour off"
ok "NO_COLOR= (empty): colour stays on"

# --- signals restore the terminal (every other signal: test_dashboard_signals.sh)
tmux_run term 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}"
tmux_wait_for term 'LARGE POOL EXHAUSTED' 10
pid=$(memtop_pid term) || fail "cannot find spdk-memtop's pid"
kill -TERM "$pid"
tmux_wait_exit term 3
tmux_check_restored term 143
ok "SIGTERM: terminal restored, exit 143"

tmux_run int 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}"
tmux_wait_for int 'LARGE POOL EXHAUSTED' 10
tmux_keys int C-c
tmux_wait_exit int 3
tmux_check_restored int 130
ok "Ctrl-C (SIGINT): terminal restored, exit 130"
