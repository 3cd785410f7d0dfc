#!/bin/bash
# --record against the simulator while it is killed and started again: every
# complete line stays a snapshot (the recorder itself is killed at the end,
# mid-run), the outage is recorded as unreachable snapshots between running
# ones, and --replay plays the file in -b, --once and the dashboard, where
# `n` lands on the outage and the header says REPLAY with the recorded time.
# --record under --read-only is refused at start, naming both flags.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

REC=$MT_TMP/rec.jsonl
SYSFS=$MEMTOP_FIXTURES/sysfs/4node
PROCFS=$MEMTOP_FIXTURES/procfs/4node

lines() { [ -f "$REC" ] && wc -l <"$REC" || echo 0; }
count() { grep -c "\"state\":\"$1\"" "$REC" || true; }
# has STATE N: at least N snapshots in that state (evaluated at each poll)
has() { [ "$(count "$1")" -ge "$2" ]; }

# wait_until SECONDS WHAT COMMAND...: polls observable state with a deadline.
wait_until() {
	local secs=$1 what=$2 deadline
	shift 2
	deadline=$(($(now_ms) + secs * 1000))
	until "$@"; do
		[ "$(now_ms)" -lt "$deadline" ] || fail "$what: not within $secs s ($(lines) lines)"
		sleep 0.05
	done
}

mt_run --read-only --record "$REC" --once -s /nonexistent.sock
assert_status 64 "--record with --read-only"
assert_contains "$ERR" "--record: refused under --read-only" "the refusal"
[ ! -e "$REC" ] || fail "--read-only let --record create $REC"
ok "--record under --read-only: exit 64, nothing written"

sim_start live --scenario exhaustion
"$MEMTOP_BIN" -s "$SIM_SOCK" -b -d 0.2 --record "$REC" --sysfs-root "$SYSFS" \
	--procfs-root "$PROCFS" >/dev/null 2>"$MT_TMP/rec.err" &
REC_PID=$!
wait_until 10 "5 running snapshots recorded" has running 5
sim_stop "$SIM_PID"
wait_until 10 "3 unreachable snapshots recorded" has unreachable 3
before=$(count running)
sim_start live --scenario exhaustion
wait_until 10 "running again after the restart" has running $((before + 3))
kill -KILL "$REC_PID"
wait "$REC_PID" 2>/dev/null || true
ok "recorded $(lines) lines through a kill and a restart of the target"

# Every complete line is a snapshot (a torn last one would be skipped with a note).
complete=$(grep -c '}$' "$REC")
mt_run --replay "$REC" -b --json
assert_status 3 "replaying a recording with an outage (unreachable: 3)"
assert_eq "$complete" "$(wc -l <<<"$OUT")" "snapshots replayed"
states=$(jq -r .state <<<"$OUT" | uniq | tr '\n' ' ')
assert_eq "running unreachable running " "$states" "the states in order (the gap between)"
ok "replay -b --json: $complete snapshots, states: $states"

# The text report: the outage said once, rates over the recorded intervals.
mt_run --replay "$REC" -b
assert_contains "$ERR" "target unreachable" "the outage in -b"
assert_contains "$OUT" "iobuf rates per second over 0.2" "rates over the recorded interval"
mt_run --replay "$REC" --once --json
assert_status 0 "--once --replay: the first snapshot"
assert_eq 1 "$(jq -r .seq <<<"$OUT")" "--once shows the first snapshot"
ok "replay -b and --once"

# A torn last line: skipped with a note naming file:line.
cp "$REC" "$MT_TMP/torn.jsonl"
printf '{"schema":"spdk-memtop/snapshot/1","seq":9' >>"$MT_TMP/torn.jsonl"
mt_run --replay "$MT_TMP/torn.jsonl" -b --json
assert_contains "$ERR" "torn.jsonl:$((complete + 1)): the last line is incomplete" "the note"
assert_eq "$complete" "$(wc -l <<<"$OUT")" "snapshots of the torn file"
ok "a torn last line is skipped with a note"

# The dashboard: REPLAY and the recorded time; n goes to the first alert
# (the exhaustion), n again to the outage.
first=$(head -1 "$REC" | jq -r '.time.wall | floor | strflocaltime("%H:%M:%S")')
tmux_run dash 80 24 LANG=C.UTF-8 -- --replay "$REC"
tmux_wait_for dash "REPLAY (END )?[0-9:]{8} x1" 5
tmux_keys dash /
tmux_keys dash "$first" Enter
tmux_wait_for dash "seek: 1/$complete at" 5
tmux_wait_for dash "PAUSED.*REPLAY $first x1" 5
tmux_keys dash n
tmux_wait_for dash '^!! LARGE POOL EXHAUSTED' 5
tmux_keys dash n
tmux_wait_for dash 'TARGET UNREACHABLE' 5
tmux_wait_for dash 'unreachable since' 5
ok "dashboard replay: seek, n to the exhaustion, n to the outage"
# Keys of a live target say they do nothing here, and do nothing.
tmux_keys dash r
tmux_wait_for dash 'r: not in a replay' 3
tmux_keys dash +
tmux_wait_for dash '\+/-: not in a replay' 3
tmux_keys dash -
tmux_wait_for dash '\+/-: not in a replay' 3
screen=$(tmux_capture dash)
assert_not_contains "$screen" 'reconnecting' "r in a replay"
assert_not_contains "$screen" 'interval 0' "- in a replay"
grep -Eq "PAUSED.*REPLAY [0-9:]{8} x1" <<<"$screen" || fail "the replay moved: $screen"
ok "r, + and - in a replay: said not to apply, playback untouched"
tmux_keys dash q
tmux_wait_exit dash 5
