#!/bin/bash
# Who holds the hugepages, issue 11's views against the simulator (which
# writes its memory dump for env_dpdk_get_mem_stats): M lists the mempools
# of that dump, largest first, with a total; H scans the fixture /proc
# (procfs/consumers, see its README.md) against sysfs/2node: the target
# marked first on node 0, the unreadable process said, the leaked files;
# --once --consumers prints the same as text and as JSON.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

SYSFS2=$MEMTOP_FIXTURES/sysfs/2node
PROCFS=$MEMTOP_FIXTURES/procfs/consumers
ENVS=(LANG=C.UTF-8 LC_ALL=C.UTF-8)
# --no-ring-read: pid 31468 is the fixture's target, not a process to read here.
FIX=(--sysfs-root "$SYSFS2" --procfs-root "$PROCFS" --target-pid 31468 --no-ring-read -d 0.5)

sim_start cons --scenario idle

# --- M: the mempools ----------------------------------------------------------
tmux_run d 120 40 "${ENVS[@]}" -- -s "$SIM_SOCK" "${FIX[@]}"
tmux_wait_for d 'heap [0-9]' 10        # the first dump has been read
tmux_keys d M
tmux_wait_for d 'Mempools, largest first' 3
tmux_wait_for d 'evtpool_[0-9]+ +16,383 +32 B +3.0 MiB' 3
tmux_wait_for d 'total \(1 pools\)' 3
ok "M: $(tmux_capture d | grep -Eo 'evtpool_[0-9]+ +16,383[^│]*' | sed 's/ *$//')"
tmux_keys d Escape
tmux_wait_gone d 'Mempools, largest first' 3

# --- H: the consumers ------------------------------------------------------------
tmux_keys d H
tmux_wait_for d 'Hugepage consumers per node' 3
tmux_wait_for d 'node 0, 2.0 MiB pages: 256 in use \(sysfs\), 240 or more found' 5
row=$(tmux_capture d | grep -n '\* 31468' | head -1)
[ -n "$row" ] || fail "no target row: $(tmux_capture d)"
case $row in *reactor_0*'SPDK target'*'200 pages'*) ;; *) fail "target row: $row" ;; esac
head_row=$(tmux_capture d | grep -n 'node 0, 2.0 MiB pages' | cut -d: -f1)
[ "${row%%:*}" -eq $((head_row + 1)) ] || fail "the target is not first under node 0"
tmux_wait_for d '1 process unreadable \(pid 6000\)' 2
tmux_wait_for d 'Leaked hugepage files: 3, 9.0 KiB' 2
tmux_wait_for d 'spdk_pid999map_0 +4.0 KiB +pid 999 is not running' 2
ok "H: target first on node 0, pid 6000 unreadable, 3 leaked files"
tmux_keys d H
tmux_wait_gone d 'Hugepage consumers per node' 3
tmux_keys d q
tmux_wait_exit d 5

# --- --once --consumers ----------------------------------------------------------
mt_run -s "$SIM_SOCK" "${FIX[@]}" --once --consumers
assert_eq 0 "$STATUS" "--once --consumers exit status"
grep -q '^Hugepage consumers:$' <<<"$OUT" || fail "no consumers section: $OUT"
grep -Eq '^  \* 31468 +reactor_0 +SPDK target +200 pages +400 MiB$' <<<"$OUT" ||
	fail "no target line: $OUT"
grep -Eq 'unaccounted +16 pages' <<<"$OUT" || fail "no unaccounted line: $OUT"
ok "--once --consumers: text"

mt_run -s "$SIM_SOCK" "${FIX[@]}" --once --json --consumers
assert_eq 0 "$STATUS" "--once --json --consumers exit status"
got=$(python3 -c 'import json,sys; c=json.load(sys.stdin)["hugepage_consumers"]
n0=[n for n in c["nodes"] if n["node"]==0 and n["page_kb"]==2048][0]
print(c["state"], c["target_pid"], c["processes"][0]["pid"], c["processes"][0]["target"],
      c["processes_unreadable"], n0["used"], n0["found"], n0["unaccounted"],
      len(c["leaked_files"]), c["leaked_bytes"])' <<<"$OUT")
assert_eq "done 31468 31468 True 1 256 240 16 3 9216" "$got" "hugepage_consumers"
ok "--once --json --consumers: $got"

mt_run -s "$SIM_SOCK" --consumers
assert_eq 64 "$STATUS" "--consumers without --once"
