#!/bin/bash
# A hung or vanished target never delays the keyboard: with the simulator
# stopped (SIGSTOP) the header says since when it is unreachable, keys answer
# at once and `q` quits within 200 ms; when the target comes back (SIGCONT, or
# a new simulator on the same socket) the dashboard recovers by itself.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

SYSFS4=$MEMTOP_FIXTURES/sysfs/4node
PROCFS4=$MEMTOP_FIXTURES/procfs/4node
LIMIT_MS=200

sim_start hung --scenario steady
HUNG_PID=$SIM_PID
ARGS=(-s "$SIM_SOCK" --sysfs-root "$SYSFS4" --procfs-root "$PROCFS4" -d 0.5 -t 1)

tmux_run h 100 30 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}"
tmux_wait_for h ' running ' 10
ok "dashboard up against the simulator"

kill -STOP "$HUNG_PID"
tmux_wait_for h 'unreachable since [0-9]{2}:[0-9]{2}:[0-9]{2}: ' 6
ok "stopped target: $(tmux_capture h | grep -o 'unreachable since.*' | head -1)"

# A key while a round is stuck on the stopped target: the help opens at once.
# Timed at the pty (tmux_key_ms): a tmux client's own start-up is not ours.
dt=$(tmux_key_ms h '?' 'Help:')
tmux_wait_for h 'Help: keys' 2
[ "$dt" -lt "$LIMIT_MS" ] || fail "help took ${dt} ms to open with the target hung"
ok "help opened in ${dt} ms with the target hung"
tmux_keys h Escape
tmux_wait_gone h 'Help: keys' 2

# Recovery without any key: SIGCONT, and the header says running again.
kill -CONT "$HUNG_PID"
tmux_wait_gone h 'unreachable since' 8
tmux_wait_for h ' running ' 2
ok "recovered by itself after SIGCONT"

# Stop it again and quit in the middle of a stuck round; measure.
kill -STOP "$HUNG_PID"
tmux_wait_for h 'unreachable since' 6
# Up to the wrapper's "memtop exited with" line, printed once we are gone.
dt=$(tmux_key_ms h q 'exited')
tmux_wait_exit h 2
assert_eq 0 "$(cat "$MT_TMP/h.exit")" "exit status of q with the target hung"
[ "$dt" -lt "$LIMIT_MS" ] || fail "q took ${dt} ms with the target hung (limit ${LIMIT_MS} ms)"
ok "q quit in ${dt} ms with the target hung (limit ${LIMIT_MS} ms)"
kill -CONT "$HUNG_PID"
sim_stop "$HUNG_PID"

# --- a target that goes away and comes back on the same socket ------------------
sim_start gone --scenario steady
GONE_PID=$SIM_PID
ARGS=(-s "$SIM_SOCK" --sysfs-root "$SYSFS4" --procfs-root "$PROCFS4" -d 0.5 -t 1)
tmux_run g 100 30 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}"
tmux_wait_for g ' running ' 10
sim_stop "$GONE_PID"
tmux_wait_for g 'unreachable since [0-9]{2}:[0-9]{2}:[0-9]{2}: ' 6
reason=$(tmux_capture g | grep -o 'unreachable since.*' | head -1)
ok "target gone: $reason"
# Keys still answer while reconnects fail.
tmux_keys g p
tmux_wait_for g 'PAUSED' 2
tmux_keys g p
tmux_wait_gone g 'PAUSED' 2

sim_start gone --scenario steady
tmux_keys g r
tmux_wait_gone g 'unreachable since' 5
tmux_wait_for g ' running ' 2
ok "new target on the same socket: reconnected"
tmux_keys g q
tmux_wait_exit g 2
assert_eq 0 "$(cat "$MT_TMP/g.exit")" "exit status"
