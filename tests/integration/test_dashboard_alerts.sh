#!/bin/bash
# The dashboard against an exhausted large pool: the critical banner flashes
# (reverse+bold toggling, seen in tmux's attributes), `a` stops it, the retry
# sparkline rises, the alert log and the help list what they should, and `q`
# leaves the terminal as it found it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

SYSFS4=$MEMTOP_FIXTURES/sysfs/4node
PROCFS4=$MEMTOP_FIXTURES/procfs/4node

sim_start exh --scenario exhaustion
tmux_run dash 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- \
	-s "$SIM_SOCK" --sysfs-root "$SYSFS4" --procfs-root "$PROCFS4"

tmux_wait_for dash '^!! LARGE POOL EXHAUSTED.*\(ack: a\)' 10
ok "critical banner raised with its text marker"

# The SGR sequences of the banner line, without its text (numbers change every tick).
banner_attrs() {
	local line
	line=$(tmux_capture dash -e | grep -a -m1 '!!' || true)
	grep -ao $'\e\\[[0-9;]*m' <<<"$line" | tr -d '\n' | cat -v
}
has_reverse() {
	grep -Eq '\[([0-9]*;)*7(;[0-9]*)*m' <<<"$1"
}

# --- flashing: within 3 s we must see the banner both with and without reverse
seen_on="" seen_off=""
deadline=$(($(now_ms) + 3000))
while [ "$(now_ms)" -lt "$deadline" ] && { [ -z "$seen_on" ] || [ -z "$seen_off" ]; }; do
	a=$(banner_attrs)
	if has_reverse "$a"; then seen_on=$a; else seen_off=$a; fi
	sleep 0.05
done
[ -n "$seen_on" ] || fail "the banner never showed reverse video in 3 s (attrs: $seen_off)"
[ -n "$seen_off" ] || fail "the banner never left reverse video in 3 s (attrs: $seen_on)"
[ "$seen_on" != "$seen_off" ] || fail "the two banner captures have the same attributes"
grep -q '5m' <<<"$seen_on$seen_off" && fail "the banner uses the terminal's blink attribute"
ok "banner flashes: '$seen_on' vs '$seen_off'"

# --- the retry sparkline of the large pool rises (poll until it has 3 raised
# cells); the small pool's stays flat.  The graphs fill ten ticks at a time
# (docs/screen.md): the newest tick alone, then eleven from the 12th tick at
# -d 1, so up to 14 s after the start.
deadline=$(($(now_ms) + 16000))
while :; do
	screen=$(tmux_capture dash)
	spark_rows=$(grep -a 'retries/s.*peak' <<<"$screen" || true)
	small_spark=$(sed -n 1p <<<"$spark_rows")
	large_spark=$(sed -n 2p <<<"$spark_rows")
	high=$(grep -o '[▅▆▇█]' <<<"$large_spark" | wc -l)
	[ "$high" -ge 3 ] && break
	[ "$(now_ms)" -lt "$deadline" ] ||
		fail "large pool sparkline did not rise: '$large_spark' in
$screen"
	sleep 0.1
done
grep -q '[▁▂▃▄▅▆▇█]' <<<"$small_spark" &&
	fail "small pool sparkline is raised without retries: '$small_spark'"
ok "large pool retry sparkline rises ($high raised cells), small stays flat"

# --- `a` acknowledges: the marker changes and no reverse video for 2 s (4 flash periods)
tmux_keys dash a
tmux_wait_for dash '^!! LARGE POOL EXHAUSTED.*\(acked\)' 5
deadline=$(($(now_ms) + 2000))
n=0
while [ "$(now_ms)" -lt "$deadline" ]; do
	a=$(banner_attrs)
	has_reverse "$a" && fail "banner still flashes after 'a' (attrs: $a)"
	n=$((n + 1))
	sleep 0.05
done
ok "after 'a' the banner stays steady ($n captures over 2 s)"

# --- the alert log lists the critical alert as active; Esc closes it
tmux_keys dash l
tmux_wait_for dash 'Alert log: [0-9]+, newest first' 5
tmux_wait_for dash '[0-9]{2}:[0-9]{2}:[0-9]{2} active +CRIT +ack +LARGE POOL EXHAUSTED' 2
tmux_keys dash Escape
tmux_wait_gone dash 'Alert log' 2
ok "alert log shows the active, acknowledged critical alert; Esc closes it"

# --- help lists every key; q inside the help closes the help, not the program
tmux_keys dash '?'
tmux_wait_for dash 'Help: keys' 5
for k in 'q  ' '\? h F1' 'space p' '\+ =' '- _' 'a  ' 's  ' 't  ' 'r  ' 'l  ' 'Esc' \
	'Up k' 'Down j' 'Left' 'Right' 'PgUp' 'PgDn' 'Home g' 'End G' 'Tab' 'Ctrl-L'; do
	screen=$(tmux_capture dash)
	if ! grep -Eq "│ $k" <<<"$screen"; then
		tmux_keys dash PageDown
		tmux_wait_for dash "│ $k" 2
	fi
done
tmux_keys dash q
tmux_wait_gone dash 'Help: keys' 2
[ -s "$MT_TMP/dash.exit" ] && fail "q inside the help quit the program"
ok "help lists every key; q closes the help first"

# --- q quits with status 0 and the terminal is as before
tmux_keys dash q
tmux_wait_exit dash 2
assert_eq 0 "$(cat "$MT_TMP/dash.exit")" "exit status after q"
assert_eq "$(cat "$MT_TMP/dash.stty.before")" "$(cat "$MT_TMP/dash.stty.after")" "tty modes"
assert_eq 0 "$(tmux_pane dash '#{alternate_on}')" "alternate screen left"
assert_eq 1 "$(tmux_pane dash '#{cursor_flag}')" "cursor visible again"
ok "q: exit 0, tty modes, normal screen and cursor restored"
