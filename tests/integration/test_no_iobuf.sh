#!/bin/bash
# A target that answers but yields no iobuf statistics (garbage bytes, an HTTP
# server, JSON-RPC errors only) is not OK: --once and -b exit 4 with the
# reason on stderr once, --check says UNKNOWN (3), and the dashboard's banner
# names it instead of "OK no active alerts".  Controls: a running simulator
# exits 0, and one still in --wait-for-rpc startup (no iobuf_get_stats there
# by design) is not this status either.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

HP=(--sysfs-root "$MEMTOP_FIXTURES/sysfs/1node" --procfs-root "$MEMTOP_FIXTURES/procfs/1node")

declare -A WHY=(
	[garbage]="iobuf_get_stats: reply is not JSON (bad byte 0x01)"
	[http]="iobuf_get_stats: reply is not JSON (bad byte 0x48)"
	[errors]="iobuf_get_stats: SPDK error -32601: Method not found"
	[errstr]="iobuf_get_stats: reply's \"error\" is not an object"
)
for mode in garbage http errors errstr; do
	peer_start "$mode" "$mode"
	mt_run --once -s "$SIM_SOCK" -t 1 "${HP[@]}"
	assert_status 4 "$mode: --once"
	assert_contains "$ERR" "spdk-memtop: no iobuf data from $SIM_SOCK: ${WHY[$mode]}" \
		"$mode: --once stderr"
	assert_contains "$OUT" "iobuf counters: not collected (see errors)" "$mode: report"
	# The method is named once, by whoever reports the error (issue 12, item 11).
	assert_not_contains "$OUT$ERR" "iobuf_get_stats: iobuf_get_stats" "$mode: method doubled"
	assert_contains "$OUT" "hugepages per NUMA node" "$mode: hugepages still reported"

	mt_run -b -n 3 -d 0.2 --json -s "$SIM_SOCK" -t 1 "${HP[@]}"
	assert_status 4 "$mode: -b"
	assert_eq 3 "$(printf '%s\n' "$OUT" | wc -l)" "$mode: -b snapshots"
	assert_eq 1 "$(grep -c 'no iobuf data' <<<"$ERR")" "$mode: -b says it once"

	mt_run --check -d 0.2 -s "$SIM_SOCK" -t 1 "${HP[@]}"
	assert_status 3 "$mode: --check"
	assert_contains "$OUT" "SPDK-MEMTOP UNKNOWN - no iobuf data: ${WHY[$mode]}" "$mode: --check"
	ok "$mode: --once and -b exit 4, --check 3 UNKNOWN, each with the reason"
done

# --- the dashboard's banner -------------------------------------------------
tmux_run dash 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- -s "$SIM_SOCK" -t 1 "${HP[@]}"
tmux_wait_for dash 'NO IOBUF DATA' 10
assert_not_contains "$(tmux_capture dash)" "OK no active alerts" "dashboard banner"
tmux_keys dash q q
tmux_wait_exit dash 5
ok "dashboard: the banner says NO IOBUF DATA, not OK"

# --- controls ------------------------------------------------------------------
sim_start idle --scenario idle
mt_run --once -s "$SIM_SOCK" "${HP[@]}"
assert_status 0 "running simulator"
sim_start st --wait-for-rpc
mt_run --once -s "$SIM_SOCK" "${HP[@]}"
assert_status 0 "simulator in --wait-for-rpc startup"
assert_contains "$OUT" "iobuf counters: none before framework_start_init" "startup report"
ok "controls: a running target and one in startup exit 0"
