#!/bin/bash
# Key c changes the pool counts, driven with the issue's exact keys against
# the simulator in both target states: startup (iobuf_set_options, then i for
# framework_start_init, and the dashboard shows the new counts from
# framework_get_config: the exhaustion's retries stop), and running (nothing
# is sent; the config file is patched, .bak kept, and a simulator restarted
# with it takes the new count).  n cancels, validation shows as you type,
# --read-only hides c from the footer, refuses y and writes no audit log;
# every other attempt is in the audit log.  The whole story on the config-file path: exhaustion, the
# advisor's doubling, restarts, until the retries stop.  At 80x24 the footer
# offers v and c and the advice wraps instead of losing its ends.  The review
# screen is left in $MEMTOP_REVIEW_CAPTURE when set.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

SYSFS1=$MEMTOP_FIXTURES/sysfs/1node
PROCFS1=$MEMTOP_FIXTURES/procfs/1node
ENVS=(LANG=C.UTF-8 LC_ALL=C.UTF-8 "XDG_STATE_HOME=$MT_TMP/state")
AUDIT=$MT_TMP/audit.log
RPC="$(dirname "$0")/sim_rpc.pl"

# The simulator counts every call of a recorded method, refused or not.
assert_never_sent() {
	local counts
	counts=$(perl "$RPC" "$SIM_SOCK" sim_get_call_counts) || fail "sim_get_call_counts: $counts"
	assert_contains "$counts" '"iobuf_get_stats"' "$2: the call counts are there"
	assert_not_contains "$counts" "\"$1\"" "$2: $1 was never sent"
}

# --- startup state: apply over RPC, then framework_start_init ---------------------
sim_start st --wait-for-rpc --scenario exhaustion
tmux_run st 120 40 "${ENVS[@]}" -- -s "$SIM_SOCK" --sysfs-root "$SYSFS1" \
	--procfs-root "$PROCFS1" --audit-log "$AUDIT"
tmux_wait_for st 'startup' 10
tmux_wait_for st 'v advice  c pools  l alerts' 3

tmux_keys st c
tmux_wait_for st 'Change the pool counts' 2
tmux_keys st n
tmux_wait_for st 'pool change cancelled: nothing was sent or written' 2
[ ! -e "$AUDIT" ] || fail "a cancelled dialog wrote to the audit log: $(cat "$AUDIT")"
ok "startup: c opens the dialog, n cancels and nothing is logged"

tmux_keys st c
tmux_wait_for st '> small count +\[8192 +\]' 2
tmux_wait_for st "Started from SPDK's defaults" 1
tmux_keys st Tab C-u 7
tmux_wait_for st '! large count: at least 8 \(SPDK.s minimum\)' 2
tmux_keys st BSpace 4 0 9 6
tmux_wait_for st '> large count +\[4096 +\]' 2
tmux_wait_gone st '! large count' 2
tmux_keys st Tab BTab
tmux_wait_for st '> large count' 2
ok "startup: digits, Ctrl-U, Backspace, Tab/Shift-Tab; the minimum shown inline as typed"

tmux_keys st Enter
tmux_wait_for st 'Review: nothing is sent or written before y' 2
screen=$(tmux_capture st)
assert_contains "$screen" 'large  -            4,096        -           528 MiB' "review: new large"
assert_contains "$screen" 'free hugepages: node 0 1.2 GiB' "review: free per node"
assert_contains "$screen" 'verdict: fits (takes 592 MiB of the free hugepages)' "review: verdict"
assert_contains "$screen" 'scripts/rpc.py -s' "review: rpc.py line"
tmux_keys st y
tmux_wait_for st 'iobuf_set_options: SPDK answered true' 3
tmux_wait_for st 'i send framework_start_init' 1
tmux_keys st i
tmux_wait_for st 'framework_start_init: SPDK answered true' 3
tmux_keys st Escape
tmux_wait_gone st 'Change the pool counts' 2
# framework_get_config's counts on screen, and 4,096 >= 2,051: no more retries.
tmux_wait_for st '132 KiB x 4,096 = 528 MiB +retries 0/s' 10
tmux_wait_for st ' running ' 2
assert_eq 2 "$(grep -c . "$AUDIT")" "audit lines after set_options and start_init"
grep -q 'action="iobuf_set_options" via="rpc" old_small="-" old_large="-" new_small="8192" new_large="4096" outcome="ok"' "$AUDIT" ||
	fail "audit line for iobuf_set_options: $(cat "$AUDIT")"
grep -q 'action="framework_start_init" via="rpc" .* outcome="ok"' "$AUDIT" ||
	fail "audit line for framework_start_init: $(cat "$AUDIT")"
[ "$(stat -c %a "$AUDIT")" = 600 ] || fail "audit log mode $(stat -c %a "$AUDIT")"
tmux_keys st q
tmux_wait_exit st 3
ok "startup: y sent iobuf_set_options, i framework_start_init; 4,096 on screen, retries 0/s"

# --- running: nothing is sent, the config file is patched --------------------------
CFG=$MT_TMP/tgt.json
cp "$MEMTOP_FIXTURES/configs/save_config.json" "$CFG"
cp "$CFG" "$MT_TMP/orig.json"
sim_start run --scenario exhaustion --config "$CFG"
RUN_PID=$SIM_PID
: >"$AUDIT"
tmux_run run 120 40 "${ENVS[@]}" -- -s "$SIM_SOCK" --sysfs-root "$SYSFS1" \
	--procfs-root "$PROCFS1" --audit-log "$AUDIT" --target-config "$CFG"
tmux_wait_for run 'LARGE POOL EXHAUSTED' 10
tmux_wait_for run 'retries [0-9,]+/s' 3
tmux_keys run c
tmux_wait_for run "Started from the advisor's suggestion \(small fine, large exhausted" 2
tmux_wait_for run 'large count +\[2048 +\] 1,024' 1
tmux_keys run Enter
tmux_wait_for run 'Review: nothing is sent or written before y' 2
tmux_wait_for run 'y apply' 2
screen=$(tmux_capture run)
[ -z "${MEMTOP_REVIEW_CAPTURE:-}" ] || printf '%s\n' "$screen" >"$MEMTOP_REVIEW_CAPTURE"
assert_contains "$screen" "running: SPDK refuses iobuf_set_options now; the change goes into its config file" "one sentence"
assert_contains "$screen" "config $CFG (from --target-config)" "review: where"
assert_contains "$screen" 'subsystems[2].config[0].params.large_pool_count: 1024 -> 2048' "review: diff"
assert_contains "$screen" "original kept as $CFG.bak" "review: backup"
assert_contains "$screen" 'iobuf_set_options --small-pool-count 8192' "review: rpc.py line"
assert_contains "$screen" "takes effect when the target restarts with this file" "review: restart"
assert_contains "$screen" 'verdict: fits (takes 132 MiB more of the free hugepages)' "review: verdict"
cmp -s "$CFG" "$MT_TMP/orig.json" || fail "the review wrote to the file"
tmux_keys run y
tmux_wait_for run 'nothing was sent: wrote' 3
cmp -s "$CFG.bak" "$MT_TMP/orig.json" || fail ".bak is not the original"
diff "$MT_TMP/orig.json" "$CFG" >"$MT_TMP/cfg.diff" || true
assert_eq '18c18
<             "large_pool_count": 1024,
---
>             "large_pool_count": 2048,' "$(cat "$MT_TMP/cfg.diff")" "the only change in the file"
tmux_keys run Escape
tmux_wait_gone run 'Change the pool counts' 2
# Nothing went to the running target: it never saw iobuf_set_options, still
# has 1,024 and still runs dry.
assert_never_sent iobuf_set_options "running"
tmux_wait_for run '132 KiB x 1,024 = 132 MiB' 3
tmux_wait_for run 'LARGE POOL EXHAUSTED' 2
grep -q "via=\"config_file:$CFG\" old_small=\"8192\" old_large=\"1024\" new_small=\"8192\" new_large=\"2048\" outcome=\"ok\"" "$AUDIT" ||
	fail "audit line for the file: $(cat "$AUDIT")"
ok "running: nothing sent, $CFG patched (one line), .bak is the original, audit says config_file"

# A target restarted with the patched file has the new count.
sim_stop "$RUN_PID"
sim_start run --scenario exhaustion --config "$CFG"
RUN_PID=$SIM_PID
tmux_keys run r
tmux_wait_for run '132 KiB x 2,048 = 264 MiB' 10
ok "running: the simulator restarted with the patched file serves 2,048"

# 2,048 is still too few for this load (the simulator needs 2,051): it runs dry
# again, the advisor doubles once more, and after that restart the retries stop.
tmux_wait_for run 'LARGE POOL EXHAUSTED' 10
tmux_keys run c
tmux_wait_for run 'large count +\[4096 +\] 2,048' 3
tmux_keys run Enter
tmux_wait_for run 'subsystems\[2\].config\[0\].params.large_pool_count: 2048 -> 4096' 3
tmux_wait_for run "$CFG.bak \(replacing the older one\)" 1
tmux_keys run y
tmux_wait_for run 'nothing was sent: wrote' 3
tmux_keys run Escape
tmux_wait_gone run 'Change the pool counts' 2
assert_never_sent iobuf_set_options "running, second change"
sim_stop "$RUN_PID"
sim_start run --scenario exhaustion --config "$CFG"
RUN_PID=$SIM_PID
tmux_keys run r
tmux_wait_for run '132 KiB x 4,096 = 528 MiB +retries 0/s' 10
tmux_wait_gone run 'LARGE POOL EXHAUSTED' 5
tmux_keys run q
tmux_wait_exit run 3
assert_eq 2 "$(grep -c 'via="config_file:' "$AUDIT")" "audit lines for the two file changes"
ok "running: a second doubling (2,048 -> 4,096) and a restart stop the retries"

# --- --read-only: no c in the footer, y refused, the file untouched ----------------
cp "$CFG" "$MT_TMP/before-ro.json"
rm -f "$AUDIT"
tmux_run ro 120 40 "${ENVS[@]}" -- -s "$SIM_SOCK" --sysfs-root "$SYSFS1" \
	--procfs-root "$PROCFS1" --audit-log "$AUDIT" --read-only
tmux_wait_for ro 'v advice' 10
assert_not_contains "$(tmux_capture ro | tail -1)" 'c pools' "--read-only footer"
tmux_keys ro c
tmux_wait_for ro 'Change the pool counts \(--read-only: review only\)' 2
tmux_keys ro Tab C-u 4 0 9 6 Enter
# Without --target-config: the -c/--config file on the simulator's command line.
tmux_wait_for ro "config $CFG \(from the command line of pid $RUN_PID\)" 3
tmux_wait_for ro '--read-only: y will be refused' 1
tmux_keys ro y
tmux_wait_for ro 'config_patch: refused: --read-only \(nothing was sent or written\)' 3
cmp -s "$CFG" "$MT_TMP/before-ro.json" || fail "--read-only changed the file"
assert_never_sent iobuf_set_options "--read-only"
[ ! -e "$AUDIT" ] || fail "--read-only wrote the audit log: $(cat "$AUDIT")"
tmux_keys ro Escape q
tmux_wait_exit ro 3
ok "--read-only: c not offered, the config found from pid $RUN_PID, y refused, file untouched"

# --- 80x24: the footer offers v and c; the advice wraps whole ---------------------
sim_start small --scenario exhaustion
tmux_run small 80 24 "${ENVS[@]}" -- -s "$SIM_SOCK" --sysfs-root "$SYSFS1" \
	--procfs-root "$PROCFS1" --audit-log "$AUDIT"
tmux_wait_for small 'q quit \? help a ack p pause v advice c pools l alerts' 10
tmux_keys small v
tmux_wait_for small 'Sizing advice' 2
screen=$(tmux_capture small)
assert_contains "$screen" 'c opens the pool-count dialog with these counts' "80x24: advice's last line"
assert_contains "$screen" "iobuf_set_options in the target's" "80x24: the action's line, wrapped"
assert_not_contains "$screen" '…' "80x24: no advice line cut"
tmux_keys small Escape q
tmux_wait_exit small 3
ok "80x24: v and c in the footer; the advice wraps instead of cutting"
