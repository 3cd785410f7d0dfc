#!/bin/bash
# An idle dashboard sends the terminal almost nothing (issue 10): at 120x40,
# once its graphs are full, at most 60 bytes per second of clock, here at
# -d 0.1 (ten ticks a second, so the graphs fill in about 10 s and every
# tick's drawing is counted ten times over).  Bytes, not time, are measured:
# the window is whole seconds of the clock, and a loaded machine only makes
# fewer ticks in it, never more bytes.  Synchronised on the screen: the
# window opens once the screen, clock masked, stayed the same for 2 s.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

BUDGET=60     # bytes per tick of -d 1, at 120x40 (docs/PERFORMANCE.md)
WINDOW=5      # seconds counted

sim_start idle --scenario idle --modules 8
ARGS=(-s "$SIM_SOCK" --sysfs-root "$MEMTOP_FIXTURES/sysfs/2node"
	--procfs-root "$MEMTOP_FIXTURES/procfs/2node" -d 0.1)
tmux_run dash 120 40 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}"
tmux_wait_for dash 'idle_7' 10

# The graphs are full when the screen (clock aside) no longer changes for 2 s.
deadline=$(($(now_ms) + 60000))
last=$(tmux_capture dash | mask_clock)
since=$(now_ms)
while [ $(($(now_ms) - since)) -lt 2000 ]; do
	[ "$(now_ms)" -gt "$deadline" ] && fail "the idle screen never settled:
$(tmux_capture dash)"
	sleep 0.1
	cur=$(tmux_capture dash | mask_clock)
	if [ "$cur" != "$last" ]; then
		last=$cur
		since=$(now_ms)
	fi
done

out=$MT_TMP/dash.bytes
tmx pipe-pane -o -t dash "cat > $out"
start=$(now_ms)
sleep "$WINDOW"
tmx pipe-pane -t dash
secs=$(( ($(now_ms) - start + 999) / 1000 ))
bytes=$(wc -c <"$out")
limit=$((BUDGET * secs))
[ "$bytes" -le "$limit" ] ||
	fail "idle at 120x40: $bytes bytes in ${secs} s, more than $BUDGET a second:
$(cat -v "$out" | head -c 2000)"
ok "idle at 120x40: $bytes bytes in ${secs} s (budget $limit)"

tmux_keys dash q
tmux_wait_exit dash 5
