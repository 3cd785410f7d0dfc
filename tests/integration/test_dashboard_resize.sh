#!/bin/bash
# Resizing leaves no garbage: after 120x40 -> 80x24 -> 60x15 -> 120x40 (and a
# trip through a too-small size) the screen equals, clock aside, what a fresh
# dashboard of the same size shows.  -d 60 and the idle scenario keep the data
# identical for both (one snapshot each, counters constant).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

SYSFS4=$MEMTOP_FIXTURES/sysfs/4node
PROCFS4=$MEMTOP_FIXTURES/procfs/4node

sim_start idle --scenario idle
ARGS=(-s "$SIM_SOCK" --sysfs-root "$SYSFS4" --procfs-root "$PROCFS4" -d 60)
ENVS=(LANG=C.UTF-8 LC_ALL=C.UTF-8)

tmux_run old 120 40 "${ENVS[@]}" -- "${ARGS[@]}"
tmux_wait_for old ' running ' 10

# same_as_fresh COLS ROWS: poll (3 s) until the resized screen equals a fresh one.
fresh_n=0
same_as_fresh() {
	local cols=$1 rows=$2 fresh want got deadline
	fresh_n=$((fresh_n + 1))
	fresh=fresh$fresh_n
	tmux_run "$fresh" "$cols" "$rows" "${ENVS[@]}" -- "${ARGS[@]}"
	tmux_wait_for "$fresh" ' running ' 10
	deadline=$(($(now_ms) + 3000))
	while :; do
		want=$(tmux_capture "$fresh" | mask_clock)
		got=$(tmux_capture old | mask_clock)
		[ "$want" = "$got" ] && break
		if [ "$(now_ms)" -gt "$deadline" ]; then
			fail "after resizing to ${cols}x${rows} the screen differs from a fresh one:
$(diff <(echo "$want") <(echo "$got") || true)"
		fi
		sleep 0.05
	done
	[ "$(wc -l <<<"$got")" -eq "$rows" ] || fail "capture is not ${rows} rows"
	tmux_keys "$fresh" q
	tmux_wait_exit "$fresh" 2
}

tmux_resize old 80 24
same_as_fresh 80 24
ok "120x40 -> 80x24: same as a fresh 80x24"
tmux_resize old 60 15
same_as_fresh 60 15
ok "-> 60x15: same as a fresh 60x15"
tmux_resize old 30 10
tmux_wait_for old 'too small' 3
ok "-> 30x10: says the terminal is too small"
tmux_resize old 120 40
same_as_fresh 120 40
ok "-> 120x40: same as a fresh 120x40"

# An overlay open across a resize is redrawn for the new size, and closing it
# leaves nothing behind.
tmux_keys old '?'
tmux_wait_for old 'Help: keys' 3
tmux_resize old 80 24
tmux_wait_for old 'Help: keys' 3
tmux_keys old Escape
tmux_wait_gone old 'Help: keys' 3
same_as_fresh 80 24
ok "help open across a resize, then closed: same as a fresh 80x24"

tmux_keys old q
tmux_wait_exit old 2
assert_eq 0 "$(cat "$MT_TMP/old.exit")" "exit status"
