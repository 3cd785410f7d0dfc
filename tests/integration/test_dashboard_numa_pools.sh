#!/bin/bash
# Pools per NUMA node at 80x24: the simulator on two nodes with iobuf's
# enable_numa (a small and a large ring per node, as SPDK makes them) runs the
# exhaustion, which drains node 0's large ring while node 1's stays full but
# for its caches.  The pool line shows node 0 dry (never the 50 % sum alone),
# the pool alert names node 0, and no "exact figure in doubt" warning comes:
# the retries are node 0's, whose ring is empty.  --once says the same.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

SYSFS2=$MEMTOP_FIXTURES/sysfs/2node
PROCFS2=$MEMTOP_FIXTURES/procfs/2node
FIX=(--sysfs-root "$SYSFS2" --procfs-root "$PROCFS2" -d 0.5)
CFG=$MT_TMP/numa.json
cat >"$CFG" <<'JSON'
{"subsystems": [{"subsystem": "iobuf", "config": [
  {"method": "iobuf_set_options", "params": {"enable_numa": true}}]}]}
JSON

sim_start numa --scenario exhaustion --numa-nodes 2 -c "$CFG"
NUMA=$SIM_SOCK

# --- the dry node on the pool line, the sum labelled as such ---------------------
tmux_run n 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- -s "$NUMA" "${FIX[@]}"
tmux_wait_for n 'large \[[^]]*\] node 0 100% in use  all 2 nodes 50%  !! RAN DRY' 10
tmux_wait_for n 'small \[[^]]*\] node [01] 0% in use  all 2 nodes 0%' 2
ok "80x24: $(tmux_capture n | grep -o 'large \[.*')"

# --- alerts: the retries are critical, no ring is in doubt --------------------
tmux_wait_for n 'LARGE POOL EXHAUSTED' 10
tmux_keys n l
tmux_wait_for n 'Alert log: [0-9]+, newest first' 5
# Raised in the same tick as the retries, so they are in the log by now.
tmux_wait_for n 'LARGE POOL NODE 0 100% USED  1,024 of 1,024' 5
if tmux_capture n | grep -q 'in doubt'; then
	fail "a dry node 0 next to a full node 1 called the ring read in doubt: $(tmux_capture n)"
fi
ok "alert log: node 0 named, no ring-doubt warning"

# --- --once: each node's ring, the sum named as a sum ---------------------------
mt_run -s "$NUMA" --once --sysfs-root "$SYSFS2" --procfs-root "$PROCFS2"
assert_status 0 "--once, two nodes"
assert_contains "$OUT" "in use 50.1% (exact, from the target's rings, sum of 2 nodes: 1027/2048, 1021 free; fullest node 0 100.0%)"
assert_contains "$OUT" "  node 0 large ring: 0 of 1024 buffers free"
assert_contains "$OUT" "  node 1 large ring: 1021 of 1024 buffers free"
ok "--once names the sum and the fullest node"
