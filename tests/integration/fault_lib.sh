# The fault matrix's steps (test_fault_matrix_*.sh); source it after lib.sh and
# tmux_lib.sh, do not run it.
#
#   fm_start COLS ROWS TIMEOUT [sim flags]
#        a simulator (steady) with a control socket ($FM_CTL), and the dashboard
#        against it in tmux session fm (-d 0.5 -t TIMEOUT, --record $FM_REC)
#   fm_fault JSON               sim_set_fault on the control socket
#   fm_dashboard NAME ERE       the dashboard shows ERE (the problem in words) within
#                               FM_SHOW_S (6) s, still runs, and a key answers within
#                               $FM_KEY_MS
#   fm_headless NAME T ONCE BATCH CHECK
#                               --once, -b -n 2 and --check with -t T against the
#                               fault: their exit statuses, each within its bound
#   FM_SLOW                     2 for a sanitizer build (its 32 MiB reads are slower),
#                               else 1: the content faults' timeouts are scaled by it
#   fm_mark                     the recording's line count now (for fm_gap)
#   fm_gap NAME FROM            lines after FROM all say "iobuf":{"form":"none"
#                               (no data, not zeros), and there is at least one
#   fm_recovered NAME T0        the dashboard shows the target running and OK within
#                               2 s of T0 (ms); prints the time it took
#   fm_case, fm_case_data       all of the above for one fault (see below); with
#                               FM_AFTER_ROUND set, recovery is timed from the end of
#                               the round in flight when the fault was cleared
#   fm_row NAME TEXT            one row of the results table ($MT_TMP/results, printed
#                               at the end: the figures of docs/RELIABILITY.md)
#
# A key is `?` (help opens) then Escape.  Its time is measured at the pty
# (tmux_key_ms): the best of three tries must be under FM_KEY_MS (100).
# Recovery is timed by polling the screen, so it includes up to one capture's
# latency.
# shellcheck shell=bash

FM_KEY_MS=${FM_KEY_MS:-100}
FM_HP=(--sysfs-root "$MEMTOP_FIXTURES/sysfs/1node" --procfs-root "$MEMTOP_FIXTURES/procfs/1node")
FM_REC=$MT_TMP/fm.rec.jsonl
FM_CTL=$MT_TMP/fm-control.sock
FM_RPC="$(dirname "${BASH_SOURCE[0]}")/sim_rpc.pl"
FM_SLOW=1
grep -q __asan_init "$MEMTOP_BIN" && FM_SLOW=2

fm_start() {
	local cols=$1 rows=$2 t=$3
	shift 3
	command -v perl >/dev/null || fail "perl is needed for sim_rpc.pl"
	sim_start fm --scenario steady --control-socket "$FM_CTL" "$@"
	FM_SIM_PID=$SIM_PID
	FM_SOCK=$SIM_SOCK
	tmux_run fm "$cols" "$rows" LANG=C.UTF-8 LC_ALL=C.UTF-8 -- -s "$FM_SOCK" -d 0.5 -t "$t" \
		--record "$FM_REC" "${FM_HP[@]}"
	tmux_wait_for fm ' running .*' 10
	tmux_wait_for fm 'OK no active alerts' 10
	FM_MEMTOP_PID=$(memtop_pid fm) || fail "no spdk-memtop process in session fm"
}

fm_fault() {
	local reply
	reply=$(perl "$FM_RPC" "$FM_CTL" sim_set_fault "$1") ||
		fail "sim_set_fault $1: no reply on the control socket"
	assert_eq '{"jsonrpc":"2.0","id":1,"result":true}' "$reply" "sim_set_fault $1"
}

fm_alive() {
	[ ! -s "$MT_TMP/fm.exit" ] && kill -0 "$FM_MEMTOP_PID" 2>/dev/null ||
		fail "$1: spdk-memtop is gone (exit $(cat "$MT_TMP/fm.exit" 2>/dev/null)):
$(cat "$MT_TMP/fm.stderr" 2>/dev/null)"
}

# The best of three: help opens, then closes again.
fm_key_ms() {
	local best=999999 ms i
	for i in 1 2 3; do
		ms=$(tmux_key_ms fm '?' 'Help:')
		tmux_wait_for fm 'Help: keys' 3
		tmux_keys fm Escape
		tmux_wait_gone fm 'Help: keys' 3
		[ "$ms" -lt "$best" ] && best=$ms
		[ "$best" -lt "$FM_KEY_MS" ] && break
	done
	echo "$best"
}

fm_dashboard() {
	local name=$1 re=$2 ms
	tmux_wait_for fm "$re" "${FM_SHOW_S:-6}"
	fm_alive "$name"
	ms=$(fm_key_ms "$name")
	[ "$ms" -lt "$FM_KEY_MS" ] ||
		fail "$name: the help took $ms ms to open (best of 3, limit $FM_KEY_MS ms)"
	fm_alive "$name"
	FM_SHOWN=$(tmux_capture fm | grep -Eo -- "$re" | head -1 || true)
	FM_KEY=$ms
	ok "$name: the dashboard shows '$FM_SHOWN', a key answers in $ms ms"
}

# mt_run with the time it took in ELAPSED (ms).
fm_timed_run() {
	local t0
	t0=$(now_ms)
	mt_run "$@"
	ELAPSED=$(($(now_ms) - t0))
}

# Each run within its bound: rounds x timeout, plus 3 s for starting, reading
# the hugepages and printing (a sanitizer build on a loaded machine took 1.6 s).
fm_bound() {
	local name=$1 what=$2 rounds=$3 t=$4 bound
	bound=$(awk -v r="$rounds" -v t="$t" 'BEGIN { printf "%d", r * t * 1000 + 3000 }')
	[ "$ELAPSED" -le "$bound" ] || fail "$name: $what took $ELAPSED ms (bound $bound ms)"
}

fm_headless() {
	local name=$1 t=$2 once=$3 batch=$4 check=$5 a b c
	fm_timed_run --once -s "$FM_SOCK" -t "$t" "${FM_HP[@]}"
	assert_status "$once" "$name: --once"
	fm_bound "$name" --once 1 "$t"
	a=$ELAPSED
	fm_timed_run -b -n 2 -d 0.2 --json -s "$FM_SOCK" -t "$t" "${FM_HP[@]}"
	assert_status "$batch" "$name: -b -n 2"
	assert_eq 2 "$(printf '%s\n' "$OUT" | grep -c '"schema"')" "$name: -b snapshots"
	fm_bound "$name" "-b -n 2" 2.5 "$t"
	b=$ELAPSED
	fm_timed_run --check -d 0.2 -s "$FM_SOCK" -t "$t" "${FM_HP[@]}"
	assert_status "$check" "$name: --check"
	fm_bound "$name" --check 2.5 "$t"
	c=$ELAPSED
	FM_HEADLESS="--once $once (${a} ms), -b $batch (${b} ms), --check $check (${c} ms)"
	ok "$name: $FM_HEADLESS with -t $t"
}

fm_mark() {
	wc -l <"$FM_REC"
}

# Waits (SECONDS, 5) until the recording has a line after FROM.
fm_wait_line() {
	local from=$1 secs=${2:-5} t0
	t0=$(now_ms)
	while [ "$(fm_mark)" -le "$from" ]; do
		[ $(($(now_ms) - t0)) -gt $((secs * 1000)) ] &&
			fail "no snapshot recorded in $secs s"
		sleep 0.05
	done
}

fm_gap() {
	local name=$1 from=$2 lines n bad
	fm_wait_line "$from"
	lines=$(tail -n +"$((from + 1))" "$FM_REC")
	n=$(printf '%s\n' "$lines" | wc -l)
	bad=$(printf '%s\n' "$lines" | grep -vc '"iobuf":{"form":"none"' || true)
	[ "$bad" -eq 0 ] || fail "$name: $bad of $n snapshots recorded during the fault have \
iobuf data:
$(printf '%s\n' "$lines" | grep -v '"iobuf":{"form":"none"' | head -2 | cut -c1-400)"
	ok "$name: the recording has a gap ($n snapshots without iobuf data, none of zeros)"
}

fm_recovered() {
	local name=$1 t0=$2 ms
	tmux_wait_for fm 'OK no active alerts' 5
	ms=$(($(now_ms) - t0))
	tmux_wait_for fm ' running ' 2
	[ "$ms" -le 2000 ] || fail "$name: back to running $ms ms after recovery (limit 2000 ms)"
	fm_alive "$name"
	FM_BACK=$ms
	ok "$name: the dashboard is running again $ms ms after the target recovered"
}

fm_row() {
	printf '| %s | %s |\n' "$1" "$2" >>"$MT_TMP/results"
}

# A fault played through all of it: the dashboard, the gap in its recording,
# the headless modes, then recovery when the fault is cleared.
#   fm_case NAME JSON ERE T ONCE BATCH CHECK
fm_case() {
	local name=$1 json=$2 re=$3 t=$4 mark t0
	fm_fault "$json"
	fm_dashboard "$name" "$re"
	mark=$(fm_mark)
	fm_headless "$name" "$t" "$5" "$6" "$7"
	fm_gap "$name" "$mark"
	fm_fault '{"fault":"none"}'
	t0=$(now_ms)
	if [ -n "${FM_AFTER_ROUND:-}" ]; then
		# A round in flight may still be reading a 32 MiB reply sent before
		# the fault was cleared: time recovery from when that round ended.
		mark=$(fm_mark)
		fm_wait_line "$mark"
		FM_ROUND=$(($(now_ms) - t0))
		t0=$(now_ms)
	fi
	fm_recovered "$name" "$t0"
	fm_row "$name" "$FM_SHOWN | $FM_KEY ms | $FM_HEADLESS | $FM_BACK ms${FM_AFTER_ROUND:+ \
after the round in flight ended ($FM_ROUND ms after the fault was cleared)}"
}

fm_results() {
	echo "fault matrix ($MT_TEST): fault | shown | key | headless (-t) | back after recovery"
	cat "$MT_TMP/results"
}

# A fault the client reads through (the data is still good): the screen shows
# ERE, keys answer, the recording keeps its iobuf data, the headless modes exit 0.
#   fm_case_data NAME JSON ERE T
fm_case_data() {
	local name=$1 json=$2 re=$3 t=$4 mark n
	fm_fault "$json"
	# The first round may have begun before the fault; two more came during it.
	mark=$(fm_mark)
	fm_wait_line "$((mark + 2))" $((20 * FM_SLOW))
	n=$(tail -n +"$((mark + 2))" "$FM_REC" | grep -vc '"iobuf":{"form":"per_module"' || true)
	[ "$n" -eq 0 ] || fail "$name: $n snapshots without iobuf data during a fault that keeps it"
	fm_dashboard "$name" "$re"
	fm_headless "$name" "$t" 0 0 0
	fm_fault '{"fault":"none"}'
	fm_row "$name" "$FM_SHOWN | $FM_KEY ms | $FM_HEADLESS | no gap, data kept"
}
