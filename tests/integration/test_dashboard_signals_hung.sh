#!/bin/bash
# Every signal whose default action ends the process (HUP INT QUIT USR1 USR2
# ALRM TERM), and PIPE, in the state where a signal is hardest to handle: the
# target hung (SIGSTOP: a round stuck waiting on it) and the help overlay
# open.  Each exits 128 + the signal with the terminal given back: the same
# stty modes, and every screen mode (alternate screen, cursor, keypad, mouse,
# scroll region...) as a fresh pane has them; PIPE is ignored.  Before each
# signal the test checks that the terminal really is in the program's modes,
# so the comparison after the exit can fail.  The same signals with a healthy
# target: test_dashboard_signals.sh.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

sim_start exh --scenario exhaustion
ARGS=(-s "$SIM_SOCK" --sysfs-root "$MEMTOP_FIXTURES/sysfs/4node"
	--procfs-root "$MEMTOP_FIXTURES/procfs/4node")
# SIGQUIT's core dump is test_dashboard_signals.sh's; none here.
ulimit -c 0

# Starts a dashboard, hangs the target under it and opens the help; control:
# the tty and screen modes are the program's, not what it found.
hung_start() {
	kill -CONT "$SIM_PID"
	# A short interval and timeout: the hung round is seen sooner (each signal
	# needs a dashboard of its own, and the machine may be loaded).
	tmux_run "$1" 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}" -d 0.2 -t 0.5
	tmux_wait_for "$1" 'LARGE POOL EXHAUSTED' 10
	PID=$(memtop_pid "$1") || fail "cannot find spdk-memtop's pid in $1"
	kill -STOP "$SIM_PID"
	tmux_wait_for "$1" 'unreachable since' 6
	tmux_keys "$1" '?'
	tmux_wait_for "$1" 'Help: keys' 2
	[ "$(tmux_tty_modes "$1")" != "$(cat "$MT_TMP/$1.stty.before")" ] ||
		fail "$1: the dashboard runs in the tty modes it found (control)"
	[ "$(tmux_modes "$1")" != "$(tmux_fresh_modes "$1")" ] ||
		fail "$1: the dashboard runs in a fresh pane's screen modes (control)"
}

for sig in HUP INT QUIT USR1 USR2 ALRM TERM; do
	name=$(tr 'A-Z' 'a-z' <<<"h$sig")
	hung_start "$name"
	tmux_kill_restored "$name" "$sig" "$PID"
	ok "SIG$sig with the target hung and the help open: terminal restored"
done

hung_start hpipe
kill -PIPE "$PID"
tmux_keys hpipe Escape
tmux_wait_gone hpipe 'Help: keys' 2
kill -0 "$PID" 2>/dev/null || fail "SIGPIPE ended the dashboard with the target hung"
tmux_keys hpipe q
tmux_wait_exit hpipe 3
tmux_check_restored hpipe 0
kill -CONT "$SIM_PID"
ok "SIGPIPE with the target hung: ignored, q restores the terminal"
