#!/bin/bash
# Fault matrix, faults on connecting (docs/RELIABILITY.md, "Fault matrix"):
# connections accepted and never read, every connection slot taken with the
# backlog full, and a target that dies and comes back by itself.  The same
# checks as test_fault_matrix_stream.sh; for die the recovery is timed from
# the moment the simulator serves again.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"
source "$(dirname "$0")/fault_lib.sh"

fm_start 220 30 1
#       name         sim_set_fault params        the screen says                                -t  once -b check
fm_case hang-accept  '{"fault":"hang-accept"}'   'no reply within 1\.0 s'                        0.5 3 3 3
fm_case conns-full   '{"fault":"conns-full"}'    'accepts no more connections \(backlog full\)'  0.5 3 3 3

# die: gone for 8 s, then back on the same path with no fault.  The gap is
# checked between the die and the simulator serving again (the first round
# after the mark may have begun before the die, the last after the return).
mark=$(fm_mark)
fm_fault '{"fault":"die","seconds":8}'
fm_headless die:8 0.5 3 3 3
fm_dashboard die:8 "no such socket( $FM_SOCK)?"
t0=$(now_ms)
while ! grep -q 'serving again' "$MT_TMP/fm.log"; do
	[ $(($(now_ms) - t0)) -gt 12000 ] && fail "die:8: the simulator did not serve again: \
$(cat "$MT_TMP/fm.log")"
	sleep 0.02
done
back=$(now_ms)
lines=$(sed -n "$((mark + 2)),$(($(fm_mark) - 1))p" "$FM_REC")
n=$(grep -c . <<<"$lines" || true)
[ "$n" -ge 1 ] || fail "die:8: no snapshot recorded while the target was gone"
bad=$(grep -vc '"iobuf":{"form":"none"' <<<"$lines" || true)
[ "$bad" -eq 0 ] || fail "die:8: $bad of $n snapshots while the target was gone have iobuf data"
ok "die:8: the recording has a gap ($n snapshots without iobuf data, none of zeros)"
fm_recovered die:8 "$back"
fm_row die:8 "$FM_SHOWN | $FM_KEY ms | $FM_HEADLESS | $FM_BACK ms"

tmux_keys fm q
tmux_wait_exit fm 5
assert_eq 0 "$(cat "$MT_TMP/fm.exit")" "exit status of q after the faults"
fm_results
