#!/bin/bash
# --check against the real simulator: one line and the monitoring-plugin exit
# codes 0 OK (idle), 1 WARNING (a threshold crossed), 2 CRITICAL
# (exhaustion: retries rising), 3 UNKNOWN (no target); --json details.
source "$(dirname "$0")/lib.sh"

one_line() {
	local n
	n=$(printf '%s\n' "$OUT" | wc -l)
	assert_eq 1 "$n" "$1: one line"
}

sim_start idle --scenario idle
mt_run --check -s "$SIM_SOCK" -d 0.2
assert_status 0 "idle"
one_line idle
assert_contains "$OUT" "SPDK-MEMTOP OK - no alerts, target running | small_retries_per_s=0.000" \
	"idle"
ok "idle: 0 OK"

# The small pool is in use in the steady workload (exact, from the rings): over 1%.
sim_start steady --scenario steady
mt_run --check -s "$SIM_SOCK" -d 0.2 --warn-pool-pct 1
assert_status 1 "steady, --warn-pool-pct 1"
one_line "steady"
assert_contains "$OUT" "SPDK-MEMTOP WARNING - SMALL POOL " "steady, --warn-pool-pct 1"
ok "threshold crossed: 1 WARNING"

sim_start exh --scenario exhaustion
mt_run --check -s "$SIM_SOCK" -d 0.2
assert_status 2 "exhaustion"
one_line exhaustion
assert_contains "$OUT" "SPDK-MEMTOP CRITICAL - LARGE POOL EXHAUSTED  bdev +" "exhaustion"
mt_run --check --json -s "$SIM_SOCK" -d 0.2
assert_status 2 "exhaustion --json"
assert_contains "$OUT" '"status": "CRITICAL"' "--json"
assert_contains "$OUT" '"rule": "retries"' "--json"
if command -v python3 >/dev/null 2>&1; then
	printf '%s' "$OUT" | python3 -m json.tool >/dev/null || fail "--check --json: not JSON"
fi
ok "exhaustion: 2 CRITICAL"

mt_run --check -s "$MT_TMP/nobody.sock" -d 0.2
assert_status 3 "unreachable"
one_line unreachable
assert_contains "$OUT" "SPDK-MEMTOP UNKNOWN - target unreachable: " "unreachable"
assert_contains "$OUT" "nobody.sock" "unreachable names the socket"
ok "unreachable: 3 UNKNOWN"

mt_run --check --once
assert_status 64 "--check --once"
ok "--check with --once: usage error"
