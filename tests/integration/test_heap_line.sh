#!/bin/bash
# SPDK's heap per node against the simulator, which writes its memory dump
# for env_dpdk_get_mem_stats: the node pane's heap line at 80x24 (node 0 has
# the heap, node 1 none) and at 200x60 in words; with --mem-stats-interval 0
# (and no ring read) no line until m asks, then the line; --once --json carries spdk_heaps.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

SYSFS2=$MEMTOP_FIXTURES/sysfs/2node
PROCFS2=$MEMTOP_FIXTURES/procfs/2node
ENVS=(LANG=C.UTF-8 LC_ALL=C.UTF-8)
FIX=(--sysfs-root "$SYSFS2" --procfs-root "$PROCFS2" -d 0.5)
SIZE='[0-9.]+[BKMGT]'
WSIZE='[0-9.]+ ([KMGT]i)?B'   # in words: 8.3 MiB

sim_start idle --scenario idle

# --- the default timer: read at the first snapshot --------------------------
tmux_run h 80 24 "${ENVS[@]}" -- -s "$SIM_SOCK" "${FIX[@]}"
tmux_wait_for h "│ heap $SIZE/$SIZE, largest free $SIZE +│" 10
tmux_wait_for h '│ SPDK heap: none on this node +│' 2
line=$(tmux_capture h | grep -Eo "heap $SIZE/$SIZE, largest free $SIZE" | head -1)
# The line sits between MemFree and the page sizes of node 0's box.
tmux_capture h | grep -A1 'heap [0-9]' | grep -q '2M \[' ||
	fail "the heap line is not above the page sizes: $(tmux_capture h)"
ok "80x24: node 0 '$line', node 1 none"

tmux_resize h 200 60
tmux_wait_for h "SPDK heap $WSIZE used of $WSIZE, largest free $WSIZE" 5
ok "200x60: $(tmux_capture h | grep -Eo "SPDK heap $WSIZE used of $WSIZE, largest free [^│]*" |
	head -1 | sed 's/ *$//')"
tmux_keys h q
tmux_wait_exit h 5

# --- only on m --------------------------------------------------------------
# --no-ring-read: the dump that locates the pools' rings would be read for the
# heaps too (it costs nothing more), so without it the only dump is m's.
tmux_run m 80 24 "${ENVS[@]}" -- -s "$SIM_SOCK" "${FIX[@]}" --mem-stats-interval 0 --no-ring-read
tmux_wait_for m 'MemFree' 10
# Snapshots over 3 s of history (every 0.5 s), and still no heap line: nothing asked.
tmux_wait_for m 'over [3-9]s' 10
tmux_capture m | grep -q 'heap' && fail "heap line without m: $(tmux_capture m)"
tmux_keys m m
tmux_wait_for m 'SPDK heap: read at the next snapshot' 2
tmux_wait_for m "│ heap $SIZE/$SIZE, largest free $SIZE +│" 5
ok "--mem-stats-interval 0: no heap line until m, then one"
tmux_keys m q
tmux_wait_exit m 5

# --- the snapshot ------------------------------------------------------------
mt_run -s "$SIM_SOCK" --sysfs-root "$SYSFS2" --procfs-root "$PROCFS2" --once --json
assert_eq 0 "$STATUS" "--once --json exit status"
heaps=$(python3 -c 'import json,sys; h=json.load(sys.stdin)["spdk_heaps"]
print(h["state"], len(h["heaps"]), h["heaps"][0]["node"],
      h["heaps"][0]["alloc"] + h["heaps"][0]["free"] == h["heaps"][0]["size"])' <<<"$OUT")
assert_eq "read 1 0 True" "$heaps" "spdk_heaps: state, heaps, node, alloc + free = size"
ok "--once --json: spdk_heaps $heaps"
