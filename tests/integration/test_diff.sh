#!/bin/bash
# `spdk-memtop diff A B`: the table, --json, and the exit codes 0 / 1 / 2 / 64
# on rpc.py output recorded from a real exhaustion and the aggregate form.
source "$(dirname "$0")/lib.sh"

EXH=$MEMTOP_FIXTURES/transcripts/exhaustion_bdevperf.hide_md/rpc_py.iobuf_get_stats
BASE=$MEMTOP_FIXTURES/baselines

# --- retries rose: exit 1, the rise in the table -----------------------------
mt_run diff "$EXH.before.stdout.txt" "$EXH.during.stdout.txt"
assert_status 1 "before -> during"
assert_contains "$OUT" "retries rose from A to B" "before -> during"
printf '%s\n' "$OUT" | grep -Eq '^large\.retry +0 +772,823 +\+772,823$' ||
	fail "no large.retry row 0 -> 772,823 in:
$OUT"
printf '%s\n' "$OUT" | grep -Eq '^large\.count +\? +\? +\?$' ||
	fail "pool count not unknown in:
$OUT"
ok "retries rose: exit 1"

# --- counters fell (the job's channels closed): a reset, exit 0 ---------------
mt_run diff "$EXH.during.stdout.txt" "$EXH.after.stdout.txt"
assert_status 0 "during -> after"
assert_contains "$OUT" "no retries from A to B" "during -> after"
printf '%s\n' "$OUT" | grep -Eq '^large\.retry +772,823 +0 +reset, \+0 since$' ||
	fail "no reset row in:
$OUT"
assert_not_contains "$OUT" "-772" "never a negative counter"
ok "reset: exit 0, said as such"

# --- JSON --------------------------------------------------------------------
mt_run diff --json "$BASE/aggregate.before.json" "$BASE/aggregate.after.json"
assert_status 1 "aggregate --json"
assert_contains "$OUT" '"retries_rose": true' "aggregate --json"
assert_contains "$OUT" '"form": "aggregate"' "aggregate --json"
if command -v python3 >/dev/null 2>&1; then
	printf '%s' "$OUT" | python3 -m json.tool >/dev/null || fail "diff --json: not JSON"
fi
ok "--json"

# --- bad files: exit 2, the file and the fault named -------------------------
mt_run diff "$BASE/not_json.json" "$EXH.after.stdout.txt"
assert_status 2 "not JSON"
assert_contains "$ERR" "not_json.json:2:" "not JSON"
assert_eq "" "$OUT" "nothing on stdout for a bad file"
mt_run diff "$EXH.after.stdout.txt" "$MT_TMP/missing.json"
assert_status 2 "missing file"
assert_contains "$ERR" "missing.json: No such file or directory" "missing file"
mt_run diff "$BASE/aggregate.bad_field.json" "$BASE/aggregate.after.json"
assert_status 2 "bad field"
assert_contains "$ERR" "retry_count" "bad field"
ok "bad files: exit 2"

# --- usage -------------------------------------------------------------------
mt_run diff "$BASE/aggregate.before.json"
assert_status 64 "one file"
assert_contains "$ERR" "diff: expected two files, A and B, got one" "one file"
ok "usage: exit 64"
