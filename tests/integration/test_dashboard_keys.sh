#!/bin/bash
# The dashboard's keys against the running program: pause stops collection,
# +/- walk the interval ladder, s/t/Tab/r say what they did, --bell rings once
# per new critical alert (and never without --bell), and the 4-node fixture's
# numbers reach the node panes at 80x24 and 200x60.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

SYSFS4=$MEMTOP_FIXTURES/sysfs/4node
PROCFS4=$MEMTOP_FIXTURES/procfs/4node
ENVS=(LANG=C.UTF-8 LC_ALL=C.UTF-8)

sim_start exh --scenario exhaustion
ARGS=(-s "$SIM_SOCK" --sysfs-root "$SYSFS4" --procfs-root "$PROCFS4")

# The retry rate the banner shows ("bdev +148,911 retries/s"), which changes every tick.
banner_rate() {
	tmux_capture "$1" | grep -o 'bdev +[0-9,]* retries/s' | head -1
}

tmux_run k 80 24 "${ENVS[@]}" -- "${ARGS[@]}" -d 0.5 --bell
tmux_wait_for k 'LARGE POOL EXHAUSTED' 10
tmux_wait_for k ' 0\.5s ' 2

# --- pause: PAUSED in the header, the numbers stop changing; space resumes ----
tmux_keys k p
tmux_wait_for k 'PAUSED' 2
tmux_wait_for k 'paused: press space to resume' 2
frozen=$(banner_rate k)
deadline=$(($(now_ms) + 2000))   # four intervals
while [ "$(now_ms)" -lt "$deadline" ]; do
	[ "$(banner_rate k)" = "$frozen" ] ||
		fail "data changed while paused: $frozen -> $(banner_rate k)"
	sleep 0.1
done
ok "p: PAUSED, and '$frozen' stayed for 2 s at a 0.5 s interval"
tmux_keys k Space
tmux_wait_gone k 'PAUSED' 2
deadline=$(($(now_ms) + 3000))
while [ "$(banner_rate k)" = "$frozen" ]; do
	[ "$(now_ms)" -lt "$deadline" ] || fail "no new data 3 s after resuming"
	sleep 0.05
done
ok "space: resumed, data moves again"

# --- interval ladder ------------------------------------------------------------
tmux_keys k +
tmux_wait_for k ' 1\.0s ' 2
tmux_wait_for k 'interval 1 s' 2
tmux_keys k - -
tmux_wait_for k ' 0\.2s ' 2
tmux_keys k - - -
tmux_wait_for k ' 0\.1s ' 2
tmux_wait_for k 'shortest' 2
ok "+/-: 0.5 -> 1 -> 0.2 -> 0.1 s, and no further"

# --- sort, theme, focus, reconnect, repaint say what they did ---------------------
tmux_keys k s
tmux_wait_for k 'sort by gets/s' 2
before=$(tmux_capture k -e | grep -ao $'\e\\[[0-9;]*m' | sort -u | tr -d '\n' | cat -v)
tmux_keys k t
tmux_wait_for k 'theme light' 2
after=$(tmux_capture k -e | grep -ao $'\e\\[[0-9;]*m' | sort -u | tr -d '\n' | cat -v)
[ "$before" != "$after" ] || fail "t changed the theme name but not the colours"
tmux_keys k Tab
tmux_wait_for k 'arrows scroll the node panes' 2
tmux_keys k r
tmux_wait_for k 'reconnecting' 2
tmux_wait_for k ' running ' 3
tmux_keys k C-l
tmux_wait_for k '^q quit' 2
ok "s, t (colours changed), Tab, r, Ctrl-L"

# --- --bell: one bell for the one new critical alert, none later ----------------
deadline=$(($(now_ms) + 1000))
while [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.1; done   # let any late bell arrive
assert_eq 1 "$(bells k)" "bells rung with --bell for one critical alert"
tmux_keys k q
tmux_wait_exit k 2
assert_eq 0 "$(cat "$MT_TMP/k.exit")" "exit status"
ok "--bell rang exactly once"

tmux_run nb 80 24 "${ENVS[@]}" -- "${ARGS[@]}" -d 0.5
tmux_wait_for nb 'LARGE POOL EXHAUSTED' 10
tmux_wait_for nb 'peak [0-9]' 3
assert_eq 0 "$(bells nb)" "bells rung without --bell"
tmux_keys nb q
tmux_wait_exit nb 2
ok "no bell without --bell"

# --- the 4-node fixture on screen, at 80x24 and 200x60 ----------------------------
check_nodes() {
	local name=$1 screen n3
	tmux_wait_for "$name" 'node 3' 10
	screen=$(tmux_capture "$name")
	for want in '900/1,000' '890/1,001' '880/1,002' '267/600' 'free 100' 'free 111' \
		'free 122' 'free 333' '12/16' '11/16' '10/16' '1/8' \
		'MemFree 38 GiB' 'MemFree 41 GiB'; do
		assert_contains "$screen" "$want" "$name: node panes"
	done
	n3=$(grep -c 'UNBALANCED' <<<"$screen" || true)
	assert_eq 1 "$n3" "$name: lines marked UNBALANCED"
	grep 'UNBALANCED' <<<"$screen" | grep -q 'node 3' ||
		fail "$name: UNBALANCED is not on node 3:
$screen"
}
tmux_run n80 80 24 "${ENVS[@]}" -- "${ARGS[@]}"
check_nodes n80
ok "80x24: all four nodes with the fixture's numbers, node 3 UNBALANCED"
tmux_run n200 200 60 "${ENVS[@]}" -- "${ARGS[@]}"
check_nodes n200
ok "200x60: likewise"
