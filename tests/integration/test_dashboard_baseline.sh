#!/bin/bash
# Baselines in the dashboard against the simulator: --baseline of recorded
# rpc.py output, B shows the changes since it and names it in the header; b
# writes the current snapshot (valid snapshot JSON) to --baseline-dir and
# shows the path; --read-only refuses b and writes nothing; a bad file stops
# start-up with exit 64 and file:line.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

RPC_BEFORE=$MEMTOP_FIXTURES/transcripts/exhaustion_bdevperf.hide_md/rpc_py.iobuf_get_stats.before.stdout.txt
SYSFS1=$MEMTOP_FIXTURES/sysfs/1node
PROCFS1=$MEMTOP_FIXTURES/procfs/1node
ENVS=(LANG=C.UTF-8 LC_ALL=C.UTF-8)
DIR=$MT_TMP/baselines

sim_start st --scenario steady
ARGS=(-s "$SIM_SOCK" --sysfs-root "$SYSFS1" --procfs-root "$PROCFS1" -d 0.5)

# --- --baseline rpc.py output, B: the deltas and the header ---------------------
tmux_run cmp 200 60 "${ENVS[@]}" -- "${ARGS[@]}" --baseline "$RPC_BEFORE" \
	--baseline-dir "$DIR"
tmux_wait_for cmp 'b/B baseline' 10
tmux_wait_for cmp 'in use' 5
assert_not_contains "$(tmux_capture cmp | head -1)" 'vs ' "header before B"
tmux_keys cmp B
tmux_wait_for cmp 'vs rpc_py\.iobuf_get_stats\.before\.stdout\.txt, file [0-9a-z]+ old' 3
tmux_wait_for cmp 'compare: changes since the baseline' 2
# The steady workload's gets since the recorded (idle) baseline; rpc.py output
# holds no pool options and no hugepages: unknown, never 0.
tmux_wait_for cmp 'retries \+[0-9,]+ avg \?/s now [0-9.k]+/s  in use \?  gets \+[0-9.kMG]+ ' 2
tmux_wait_for cmp 'count \?' 1
tmux_wait_for cmp '\+gets +hit % +\+refills +\+retries +\+cache' 1
# bdev's refills and its cache's share of the gets since the (idle) baseline.
tmux_wait_for cmp '^bdev +[^ ] +\+[0-9.kM]+ +[0-9]+\.[0-9] +\+[0-9.kM]+ +\+0 ' 1
tmux_wait_for cmp 'vs base: .*free \?' 1
ok "B: the changes since the rpc.py baseline, its name and age in the header"

# --- b: the current snapshot saved, its path in the footer, now the baseline ------
tmux_keys cmp b
tmux_wait_for cmp "save baseline: wrote $DIR/baseline-" 3
saved=("$DIR"/baseline-*.json)
[ -f "${saved[0]}" ] || fail "no baseline file in $DIR"
[ "${#saved[@]}" -eq 1 ] || fail "expected one file, got ${saved[*]}"
name=$(basename "${saved[0]}")
# Named after the target (the socket path) and the local time.
[[ $name =~ ^baseline-.*st\.sock-[0-9]{8}-[0-9]{6}\.json$ ]] || fail "file name $name"
ls -A "$DIR" | grep -q '^\.' && fail "a temporary file was left: $(ls -A "$DIR")"
mt_run diff "${saved[0]}" "${saved[0]}"
assert_status 0 "the saved file reads back as a baseline"
if command -v python3 >/dev/null 2>&1; then
	python3 - "${saved[0]}" <<'PY' || fail "saved baseline is not snapshot JSON"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["schema"] == "spdk-memtop/snapshot/1", j.get("schema")
assert j["state"] == "running"
PY
fi
# Compare mode goes on against the saved snapshot, which has a time of its own.
tmux_wait_for cmp "vs $name, [0-9]+s ago" 3
tmux_wait_for cmp 'retries \+0 avg 0/s now 0/s  in use [-+][0-9]+\.[0-9] pts' 3
tmux_wait_for cmp 'vs base: .*free \+0' 2
ok "b: wrote $name, valid snapshot JSON, now the baseline"
tmux_keys cmp B
tmux_wait_gone cmp 'vs baseline-' 2
tmux_keys cmp q
tmux_wait_exit cmp 3

# --- 80x24: the short header form still names the file, both ends of it ---------
tmux_run small 80 24 "${ENVS[@]}" -- "${ARGS[@]}" --baseline "${saved[0]}" \
	--baseline-dir "$DIR"
tmux_wait_for small 'in use' 10
tmux_keys small B
stamp=${name%.json}
stamp=${stamp: -6}
tmux_wait_for small "vs baseline-[^ ]*${stamp}\.json [0-9]+s ago" 3
head1=$(tmux_capture small | head -1)
grep -Eq "vs baseline-[^ ]*${stamp}\.json [0-9]+s ago" <<<"$head1" ||
	fail "80x24: the header does not name the baseline: $head1"
assert_contains "$head1" 'running' "80x24 header keeps the state"
tmux_keys small q
tmux_wait_exit small 3
ok "80x24: 'vs baseline-~${stamp}.json AGE ago' in the header"

# --- --read-only: refused with a reason, no file ---------------------------------
RO=$MT_TMP/ro-baselines
tmux_run ro 120 40 "${ENVS[@]}" -- "${ARGS[@]}" --read-only --baseline-dir "$RO"
tmux_wait_for ro 'in use' 10
tmux_keys ro b
tmux_wait_for ro 'save baseline: refused: --read-only' 3
[ -e "$RO" ] && fail "--read-only created $RO: $(ls -A "$RO")"
tmux_keys ro B
tmux_wait_for ro 'no baseline: press b' 2
tmux_keys ro q
tmux_wait_exit ro 3
ok "--read-only: b refused, nothing written"

# --- a bad baseline stops start-up: exit 64, file:line --------------------------
mt_run -s "$SIM_SOCK" --baseline "$MEMTOP_FIXTURES/baselines/not_json.json"
assert_status 64 "bad --baseline"
assert_contains "$ERR" "not_json.json:2:" "bad --baseline"
ok "bad --baseline: exit 64 with file:line"
