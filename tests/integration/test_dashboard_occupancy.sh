#!/bin/bash
# What the pool bar says, at 80x24, in both modes against the simulator: with
# the target's rings read (a local target, as root) the bar is exact ("in
# use", 1,024 / 1,024 while the large pool runs dry, 0 in use when idle); with
# --no-ring-read (as over TCP or without privilege) it is the caches' configured
# reservation, labelled so, the counters' live share beside it, and the text
# report says why the exact figure is missing.  LANG=C keeps the words.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

SYSFS2=$MEMTOP_FIXTURES/sysfs/2node
PROCFS2=$MEMTOP_FIXTURES/procfs/2node
ENVS=(LANG=C.UTF-8 LC_ALL=C.UTF-8)

sim_start exh --scenario exhaustion
EXH=$SIM_SOCK
sim_start idle --scenario idle
IDLE=$SIM_SOCK
FIX=(--sysfs-root "$SYSFS2" --procfs-root "$PROCFS2" -d 0.5)

# --- exact: the large ring is empty while bdev retries ------------------------
tmux_run x 80 24 "${ENVS[@]}" -- -s "$EXH" "${FIX[@]}"
tmux_wait_for x 'large \[[^]]*\] 100\.0% in use  1,024 / 1,024  !! RAN DRY' 10
tmux_wait_for x 'small \[[^]]*\]   0\.3% in use     24 / 8,192' 2
if tmux_capture x | grep -q 'reserved\|from pool'; then
	fail "exact mode still shows the reservation: $(tmux_capture x)"
fi
ok "exact at 80x24: $(tmux_capture x | grep -o 'large \[.*')"

tmux_run i 80 24 "${ENVS[@]}" -- -s "$IDLE" "${FIX[@]}"
tmux_wait_for i 'large \[[^]]*\]   0\.0% in use      0 / 1,024' 10
ok "exact, idle: $(tmux_capture i | grep -o 'large \[.*')"

# --- counters only: labelled as the configured reservation -------------------
tmux_run r 80 24 "${ENVS[@]}" -- -s "$EXH" "${FIX[@]}" --no-ring-read
tmux_wait_for r 'large \[[^]]*\]   0\.3% reserved \(config\)      3 / 1,024  !! RAN DRY' 10
tmux_wait_for r 'retries [0-9,]+/s   from pool [0-9]+% of gets' 4
if tmux_capture r | grep -q 'in use'; then
	fail "the reservation is called use: $(tmux_capture r)"
fi
ok "counters only at 80x24: $(tmux_capture r | grep -o 'large \[.*')"

# LANG=C: the same words in ASCII.
tmux_run a 80 24 LANG=C LC_ALL=C -- -s "$EXH" "${FIX[@]}" --no-ring-read
tmux_wait_for a 'large \[=[.]*\]   0\.3% reserved \(config\)      3 / 1,024  !! RAN DRY' 10
ok "LANG=C: $(tmux_capture a | grep -o 'large \[.*')"

# --- --once says which figure it is and why the exact one is missing -------------
mt_run -s "$EXH" --once --sysfs-root "$SYSFS2" --procfs-root "$PROCFS2"
assert_status 0 "--once, exact"
assert_contains "$OUT" "in use 100.0% (exact, from the target's rings: 1024/1024, 0 free)"
assert_contains "$OUT" "exact occupancy: read from the target's DPDK rings (pid"
mt_run -s "$EXH" --once --no-ring-read --sysfs-root "$SYSFS2" --procfs-root "$PROCFS2"
assert_status 0 "--once, counters only"
assert_contains "$OUT" "reserved by thread caches (configured) 0.3% (3/1024)"
assert_contains "$OUT" "exact occupancy: not available: --no-ring-read"
ok "--once names the figure's source and the reason it is not exact"
