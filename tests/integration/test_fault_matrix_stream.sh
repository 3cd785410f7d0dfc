#!/bin/bash
# Fault matrix, faults on the reply stream (docs/RELIABILITY.md, "Fault
# matrix"): the simulator breaks every reply (half a reply then a hang, late
# replies, half a reply then a close, garbage, broken JSON, wrong ids) while
# the dashboard runs.  For each: it does not crash, the screen names the
# problem in words, a key answers at once, the recording has a gap (no iobuf
# data, not zeros), --once/-b/--check exit with the documented status within
# their timeout, and the dashboard is running again within 2 s of the fault
# being cleared.  A reply late but within the timeout keeps the data.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"
source "$(dirname "$0")/fault_lib.sh"

fm_start 220 30 1
#       name          sim_set_fault params                  the screen says                              -t  once -b check
fm_case hang-reply    '{"fault":"hang-reply"}'              'no reply within 1\.0 s'                      0.5 3 3 3
fm_case slow:1500     '{"fault":"slow","ms":1500}'          'no reply within 1\.0 s'                      0.5 3 3 3
fm_case close-reply   '{"fault":"close-reply"}'             'connection closed by target'                 0.5 3 3 3
fm_case garbage       '{"fault":"garbage"}'                 'reply is not JSON \(bad byte 0x9c\)'         0.5 4 4 3
fm_case bad-json      '{"fault":"bad-json"}'                'reply is not JSON \(bad byte 0x5d\)'         0.5 4 4 3
fm_case wrong-id      '{"fault":"wrong-id"}'                'replies came with ids that match no request' 0.5 3 3 3
fm_case_data slow:300 '{"fault":"slow","ms":300}'           'OK no active alerts'                         1
tmux_keys fm q
tmux_wait_exit fm 5
assert_eq 0 "$(cat "$MT_TMP/fm.exit")" "exit status of q after the faults"
fm_results
