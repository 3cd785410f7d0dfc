#!/bin/bash
# An idle dashboard sends the terminal almost nothing (issue 10): at 120x40,
# at most 60 bytes per tick, in the first minute while the graphs fill as
# well as once they are full.  Bytes, not time, are measured: a window is
# whole seconds of the clock, and a loaded machine only makes fewer ticks in
# it, never more bytes.  Two dashboards run side by side, each against a
# simulator of its own:
#   fill    -d 1, as a user starts it: from the first idle tick after the
#           rates arrived (the table's gets/s read 0, not -), FILL seconds
#           of the first minute, when the graphs' time spans and the node
#           panes' graphs would move every tick; they move in steps of
#           GRAPH_REVEAL_STEP (10) ticks (docs/screen.md), so the window
#           holds two steps of each and the clock.
#   steady  -d 0.1 (ten ticks a second, so the graphs fill in about 12 s and
#           every tick's drawing is counted ten times over): once the screen,
#           clock masked, stayed the same for 2 s, WINDOW seconds.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

BUDGET=60     # bytes per tick of -d 1, at 120x40 (docs/PERFORMANCE.md)
WINDOW=5      # seconds counted once the graphs are full
FILL=20       # seconds counted while they fill

ARGS=(--sysfs-root "$MEMTOP_FIXTURES/sysfs/2node" --procfs-root "$MEMTOP_FIXTURES/procfs/2node")
sim_start fill --scenario idle --modules 8
tmux_run fill 120 40 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- -s "$SIM_SOCK" "${ARGS[@]}" -d 1
sim_start steady --scenario idle --modules 8
tmux_run steady 120 40 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- -s "$SIM_SOCK" "${ARGS[@]}" -d 0.1

# start_count NAME: the pane's output from now on into $MT_TMP/NAME.bytes.
start_count() {
	tmx pipe-pane -o -t "$1" "cat > $MT_TMP/$1.bytes"
	now_ms >"$MT_TMP/$1.start"
}

# check_count NAME WHAT: stops counting; fails above $BUDGET per whole second.
check_count() {
	local out=$MT_TMP/$1.bytes secs bytes limit
	tmx pipe-pane -t "$1"
	secs=$(( ($(now_ms) - $(cat "$MT_TMP/$1.start") + 999) / 1000 ))
	bytes=$(wc -c <"$out")
	limit=$((BUDGET * secs))
	[ "$bytes" -le "$limit" ] ||
		fail "$2: $bytes bytes in ${secs} s, more than $BUDGET a second:
$(cat -v "$out" | head -c 2000)"
	ok "$2: $bytes bytes in ${secs} s (budget $limit)"
}

# The second frame (every rate known) is drawn once; the idle ticks follow.
tmux_wait_for fill 'idle_7 +[^ ]+ +0 ' 15
start_count fill

tmux_wait_for steady 'idle_7' 10
# The graphs are full when the screen (clock aside) no longer changes for 2 s.
deadline=$(($(now_ms) + 60000))
last=$(tmux_capture steady | mask_clock)
since=$(now_ms)
while [ $(($(now_ms) - since)) -lt 2000 ]; do
	[ "$(now_ms)" -gt "$deadline" ] && fail "the idle screen never settled:
$(tmux_capture steady)"
	sleep 0.1
	cur=$(tmux_capture steady | mask_clock)
	if [ "$cur" != "$last" ]; then
		last=$cur
		since=$(now_ms)
	fi
done
start_count steady
sleep "$WINDOW"
check_count steady "idle at 120x40, graphs full"

# The rest of the fill window: a measurement's length, not a wait for state.
left=$(( FILL * 1000 - ($(now_ms) - $(cat "$MT_TMP/fill.start")) ))
[ "$left" -gt 0 ] && sleep "$((left / 1000)).$(printf '%03d' $((left % 1000)))"
screen=$(tmux_capture fill)
check_count fill "idle at 120x40, first minute (graphs filling)"
# Still filling: the pools' graphs (101 columns) span under two minutes,
# "over Ns"; full, they would say "over 1m40s".  (The span is wall time: a tick
# a loaded machine skipped lengthens it, so no exact step is asked here;
# test_screen_paint checks the steps.)
grep -Eq 'over [0-9]+s' <<<"$screen" ||
	fail "the fill window did not end with the graphs still filling:
$screen"

tmux_keys fill q
tmux_keys steady q
tmux_wait_exit fill 5
tmux_wait_exit steady 5
