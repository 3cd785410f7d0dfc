#!/bin/bash
# Every signal whose default action ends the process gives the terminal back
# first (alternate screen off, cursor shown, cursor-keys mode reset, the same
# stty modes) and exits 128 + the signal; SIGQUIT (Ctrl-\) then still dies of
# the signal with its core dump.  SIGPIPE is ignored: the dashboard goes on.
# SIGTERM and Ctrl-C are in test_dashboard_terminal.sh; all of them with the
# target hung in test_dashboard_signals_hung.sh.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

sim_start exh --scenario exhaustion
ARGS=(-s "$SIM_SOCK" --sysfs-root "$MEMTOP_FIXTURES/sysfs/4node"
	--procfs-root "$MEMTOP_FIXTURES/procfs/4node")

# A core file needs a limit above 0, inherited by the tmux server started below,
# and lands in the program's directory ($MT_TMP, removed with it).  A sanitizer
# build turns core files off itself, so only the death by SIGQUIT is asserted there.
cd "$MT_TMP" || fail "cannot enter $MT_TMP"
want_core=0
if ulimit -c unlimited 2>/dev/null && ! ldd "$MEMTOP_BIN" | grep -q asan; then
	want_core=1
fi

start() {
	tmux_run "$1" 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}"
	tmux_wait_for "$1" 'LARGE POOL EXHAUSTED' 10
	PID=$(memtop_pid "$1") || fail "cannot find spdk-memtop's pid in $1"
}

# --- Ctrl-\ : restored, then the core dump ------------------------------------
start quit
tmux_keys quit 'C-\'
tmux_wait_exit quit 3
tmux_check_restored quit 131
# The wrapper's bash names a death by signal; an exit(131) would print nothing.
tmux_wait_for quit 'Quit' 2
if [ "$want_core" = 1 ]; then
	tmux_wait_for quit 'Quit +\(core' 2
	ls "$MT_TMP"/core* >/dev/null 2>&1 || fail "SIGQUIT left no core file in $MT_TMP"
	rm -f "$MT_TMP"/core*
	ok "Ctrl-\\ (SIGQUIT): terminal restored, then died of SIGQUIT with a core dump"
else
	ok "Ctrl-\\ (SIGQUIT): terminal restored, then died of SIGQUIT (no core: sanitizer build)"
fi

# --- the others, sent with kill ------------------------------------------------
for sig in HUP QUIT USR1 USR2 ALRM INT TERM; do
	name=$(tr 'A-Z' 'a-z' <<<"k$sig")
	start "$name"
	tmux_kill_restored "$name" "$sig" "$PID"
	ok "SIG$sig: terminal restored, exit $((128 + $(kill -l "$sig")))"
done

# --- SIGPIPE is ignored: the dashboard still answers keys and quits cleanly ----
start pipe
kill -PIPE "$PID"
tmux_keys pipe '?'
tmux_wait_for pipe 'Help: keys' 5
kill -0 "$PID" 2>/dev/null || fail "SIGPIPE ended the dashboard"
tmux_keys pipe q q
tmux_wait_exit pipe 5
tmux_check_restored pipe 0
ok "SIGPIPE: ignored, keys still answered, q restores the terminal"

