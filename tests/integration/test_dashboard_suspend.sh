#!/bin/bash
# Ctrl-Z in an interactive shell: the dashboard gives the terminal back
# (alternate screen off) and stops as any job does; `fg` brings it back drawn
# whole, and it still answers keys.  Run without job control (the wrapper's
# bash, an orphaned process group) Ctrl-Z cannot stop it: it comes straight
# back instead of leaving a blank screen.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

sim_start susp --scenario exhaustion
ARGS=(-s "$SIM_SOCK" --sysfs-root "$MEMTOP_FIXTURES/sysfs/2node"
	--procfs-root "$MEMTOP_FIXTURES/procfs/2node")

# --- an interactive shell with job control ------------------------------------
tmx new-session -d -s job -x 100 -y 30 "env -u NO_COLOR LC_ALL=C.UTF-8 PS1='sh\$ ' bash --norc -i" ||
	fail "cannot start tmux session job"
tmux_wait_for job 'sh\$' 10
tmux_keys job "$(printf '%q ' "$MEMTOP_BIN" "${ARGS[@]}")" Enter
tmux_wait_for job 'LARGE POOL EXHAUSTED' 10
[ "$(tmux_pane job '#{alternate_on}')" = 1 ] || fail "the dashboard is not on the alternate screen"
tmux_keys job C-z
tmux_wait_for job 'Stopped' 5
[ "$(tmux_pane job '#{alternate_on}')" = 0 ] || fail "stopped, but the alternate screen is still on"
tmux_keys job 'jobs -l' Enter
tmux_wait_for job 'Stopped.*spdk-memtop' 5
ok "Ctrl-Z: the terminal given back, the dashboard stopped as a job"

tmux_keys job 'fg' Enter
tmux_wait_for job 'LARGE POOL EXHAUSTED' 10
tmux_wait_for job 'q quit' 5
[ "$(tmux_pane job '#{alternate_on}')" = 1 ] || fail "after fg the dashboard is not on the alternate screen"
tmux_keys job '?'
tmux_wait_for job 'Help: keys' 5
tmux_keys job Escape q
tmux_wait_for job 'sh\$ *$' 5
tmux_keys job 'echo "status=$?"' Enter
tmux_wait_for job 'status=0' 5
ok "fg: drawn whole again, answers keys, quits with 0"

# --- no job control: Ctrl-Z cannot stop it, so it carries on ------------------
tmux_run orphan 100 30 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}"
tmux_wait_for orphan 'LARGE POOL EXHAUSTED' 10
tmux_keys orphan C-z
tmux_keys orphan '?'
tmux_wait_for orphan 'Help: keys' 5
[ "$(tmux_pane orphan '#{alternate_on}')" = 1 ] || fail "after Ctrl-Z it left the alternate screen"
tmux_keys orphan Escape q
tmux_wait_exit orphan 5
tmux_check_restored orphan 0
ok "Ctrl-Z without job control: the dashboard carries on, terminal restored at the end"
