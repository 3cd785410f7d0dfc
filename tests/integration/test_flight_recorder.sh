#!/bin/bash
# The flight recorder against a simulated exhaustion: with --flight-dir the
# first critical alert writes the ring out by itself (the footer says where),
# `w` writes it again on demand, each file is a whole recording that --replay
# reads (the retries rising in it), line for line what --record wrote of the
# same snapshots (the ring keeps deltas), no temporary file is left; under
# --read-only both are refused in the footer and nothing is written.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

FDIR=$MT_TMP/flight/new   # made by the dump
SYSFS=$MEMTOP_FIXTURES/sysfs/4node
PROCFS=$MEMTOP_FIXTURES/procfs/4node

sim_start exh --scenario exhaustion
REC=$MT_TMP/all.jsonl
tmux_run dash 200 60 LANG=C.UTF-8 -- -s "$SIM_SOCK" -d 0.2 --flight-dir "$FDIR" --record "$REC" \
	--sysfs-root "$SYSFS" --procfs-root "$PROCFS"
tmux_wait_for dash '^!! LARGE POOL EXHAUSTED' 10
tmux_wait_for dash "flight recorder: wrote $FDIR/flight-.*\\.jsonl \\([0-9]+ snapshots\\)" 5
auto=$(ls "$FDIR")
assert_eq 1 "$(wc -l <<<"$auto")" "one automatic dump per episode"
case $auto in flight-*"$(basename "$SIM_SOCK")"-*Z-*.jsonl) ;; *) fail "file name '$auto'" ;; esac
ok "automatic dump on the first critical alert: $auto"

mt_run --replay "$FDIR/$auto" -b --json
assert_status 0 "the automatic dump replays"
n=$(wc -l <<<"$OUT")
[ "$n" -ge 2 ] || fail "the dump holds $n snapshots, want the tick before the alert too"
first=$(jq -s '.[0].iobuf.summary.large.retry // .[0].iobuf.large.retry' <<<"$OUT")
last=$(jq -s '.[-1].iobuf.summary.large.retry // .[-1].iobuf.large.retry' <<<"$OUT")
[ "$last" -gt "$first" ] || fail "retries did not rise in the dump ($first -> $last)"
ok "the dump is a recording of $n snapshots, large retries $first -> $last"

# w: on demand, a second file; the ring keeps growing until its minutes are full.
# Pressed once 15 snapshots are recorded, so that most of its lines were kept as deltas.
deadline=$(($(now_ms) + 10000))
until [ "$(wc -l <"$REC")" -ge 15 ]; do
	[ "$(now_ms)" -lt "$deadline" ] || fail "fewer than 15 snapshots recorded in 10 s"
	sleep 0.05
done
tmux_keys dash w
tmux_wait_for dash "flight recorder: wrote $FDIR/flight-" 5
deadline=$(($(now_ms) + 5000))
until [ "$(ls "$FDIR" | wc -l)" -eq 2 ]; do
	[ "$(now_ms)" -lt "$deadline" ] || fail "w wrote no second file: $(ls -A "$FDIR")"
	sleep 0.05
done
assert_eq 2 "$(ls -A "$FDIR" | wc -l)" "files in the directory (no temporary left)"
ok "w writes the ring on demand"
tmux_keys dash q
tmux_wait_exit dash 5

# Each dump is a run of consecutive lines of the recording, byte for byte.
for f in "$FDIR"/*; do
	n=$(wc -l <"$f")
	seq=$(head -n 1 "$f" | jq .seq)
	at=$(grep -n "^{\"schema\":\"[^\"]*\",\"seq\":$seq," "$REC" | cut -d: -f1)
	[ -n "$at" ] || fail "the first snapshot of $f (seq $seq) is not in the recording"
	sed -n "$at,$((at + n - 1))p" "$REC" | cmp -s - "$f" ||
		fail "$f differs from lines $at.. of the recording"
done
ok "each dump is byte for byte the recording's lines of the same snapshots"

# --read-only: the automatic dump and w are refused, nothing is written.
RODIR=$MT_TMP/ro
tmux_run ro 80 24 LANG=C.UTF-8 -- -s "$SIM_SOCK" -d 0.2 --read-only --flight-dir "$RODIR" \
	--sysfs-root "$SYSFS" --procfs-root "$PROCFS"
tmux_wait_for ro '^!! LARGE POOL EXHAUSTED' 10
tmux_keys ro w
tmux_wait_for ro 'flight recorder: refused: --read-only' 5
[ ! -e "$RODIR" ] || fail "--read-only let the flight recorder write: $(ls -A "$RODIR")"
ok "--read-only refuses the flight recorder"
tmux_keys ro q
tmux_wait_exit ro 5
