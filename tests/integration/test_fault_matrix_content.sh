#!/bin/bash
# Fault matrix, hostile iobuf_get_stats replies (docs/RELIABILITY.md, "Fault
# matrix"): just over 32 MiB, 11 million empty objects, 100000 levels deep;
# and two the client must read through: just under 32 MiB, and counters
# above INT64_MAX.  The same checks as test_fault_matrix_stream.sh, with a
# 10 s timeout (a 32 MiB reply took 3 to 6 s on a loaded 2-core machine), and
# recovery timed from the end of the round in flight when the fault was
# cleared (it may still be reading a 32 MiB reply sent before).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"
source "$(dirname "$0")/fault_lib.sh"

FM_AFTER_ROUND=1
FM_SHOW_S=$((15 * FM_SLOW))
# Rates on the bdev row: two snapshots with data came through (hit % is the model's 31/32).
RATES='bdev +│ +[1-9][0-9,]* +96\.9'
T=$((10 * FM_SLOW))
fm_start 220 30 "$T"
#       name            sim_set_fault params          the screen says                     -t once -b check
fm_case big-over        '{"fault":"big-over"}'        'reply larger than 32 MiB'         $T  4 4 3
fm_case dense           '{"fault":"dense"}'           'more than 200000 JSON values'     $T  4 4 3
fm_case deep            '{"fault":"deep"}'            'nests deeper than 1024 levels'    $T  4 4 3
fm_case_data big-under  '{"fault":"big-under"}'       "$RATES"                           $T
fm_case_data huge-counters '{"fault":"huge-counters"}' "$RATES"                          $T
# Recorded as served: the exact uint64 above INT64_MAX (a JSON string there,
# docs/snapshot.md), not clipped or rounded.
assert_contains "$(grep -o '"retry":"9223372036854775808"' "$FM_REC" | head -1)" \
	'"retry":"9223372036854775808"' "huge-counters: the recording keeps the uint64 counter"
tmux_keys fm q
tmux_wait_exit fm 5
assert_eq 0 "$(cat "$MT_TMP/fm.exit")" "exit status of q after the faults"
fm_results
