#!/bin/bash
# valgrind memcheck on the three ways spdk-memtop runs against the simulator:
# --once, batch (-b -n 20 -d 0.1) and the dashboard in tmux for 200 ticks
# (counted in its --record file) then q.  Each must end with 0 errors and
# nothing definitely or indirectly lost ("still reachable" is ncurses' and
# libc's own caches).  Exits 77 (ctest: skipped) when valgrind is missing.
#
#   MEMTOP_BIN=build/spdk-memtop MEMTOP_SIM_BIN=build/spdk-memtop-sim \
#     MEMTOP_FIXTURES=$PWD/tests/fixtures tests/valgrind/run.sh
#
# VALGRIND_TICKS changes the dashboard's 200.  A normal (not sanitizer) build
# is needed: ASan and valgrind do not mix.
command -v valgrind >/dev/null || { echo "valgrind not installed: skipped"; exit 77; }
source "$(dirname "$0")/../integration/lib.sh"
source "$(dirname "$0")/../integration/tmux_lib.sh"

TICKS=${VALGRIND_TICKS:-200}
REAL_BIN=$MEMTOP_BIN
if ldd "$REAL_BIN" | grep -q asan; then
	echo "$REAL_BIN is a sanitizer build: valgrind cannot run it; skipped"
	exit 77
fi
VG=(valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99 --track-fds=no
	--child-silent-after-fork=yes)

# check_log NAME: the summary lines of $MT_TMP/NAME.vg, and fails unless clean.
check_log() {
	local log=$MT_TMP/$1.vg errors definite indirect
	errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$log" | tail -1)
	definite=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -1)
	indirect=$(sed -n 's/.*indirectly lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -1)
	[ -n "$errors" ] || fail "$1: no valgrind summary in $log:
$(tail -20 "$log")"
	echo "valgrind $1: errors ${errors}, definitely lost ${definite:-0} bytes," \
		"indirectly lost ${indirect:-0} bytes"
	[ "$errors" = 0 ] && [ "${definite:-0}" = 0 ] && [ "${indirect:-0}" = 0 ] ||
		fail "$1: memcheck not clean:
$(grep -E '^==[0-9]+== ' "$log" | head -80)"
}

sim_start vg --scenario exhaustion
ARGS=(-s "$SIM_SOCK" --sysfs-root "$MEMTOP_FIXTURES/sysfs/4node"
	--procfs-root "$MEMTOP_FIXTURES/procfs/4node" -t 10)

# --- --once and batch ----------------------------------------------------------
STATUS=0
timeout -k 5 300 "${VG[@]}" --log-file="$MT_TMP/once.vg" "$REAL_BIN" "${ARGS[@]}" --once \
	>"$MT_TMP/once.out" 2>&1 || STATUS=$?
[ "$STATUS" -ne 99 ] || { check_log once; fail "once: valgrind exit 99"; }
check_log once
ok "--once under memcheck (exit $STATUS)"

STATUS=0
timeout -k 5 300 "${VG[@]}" --log-file="$MT_TMP/batch.vg" "$REAL_BIN" "${ARGS[@]}" \
	-b -n 20 -d 0.1 --json >"$MT_TMP/batch.out" 2>&1 || STATUS=$?
check_log batch
assert_eq 20 "$(grep -c '"schema"' "$MT_TMP/batch.out")" "batch snapshots printed"
ok "batch (-b -n 20) under memcheck (exit $STATUS)"

# --- the dashboard: TICKS ticks, counted as lines of its recording, then q ------
REC=$MT_TMP/dash.jsonl
WRAP=$MT_TMP/vg-memtop
printf '#!/bin/bash\nexec %s --log-file=%q %q "$@"\n' "$(printf '%q ' "${VG[@]}")" \
	"$MT_TMP/dash.vg" "$REAL_BIN" >"$WRAP"
chmod +x "$WRAP"
MEMTOP_BIN=$WRAP tmux_run d 100 30 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}" -d 0.1 \
	--record "$REC"
tmux_wait_for d 'EXHAUSTED' 120
deadline=$(($(now_ms) + 600 * 1000))
while [ "$(wc -l <"$REC" 2>/dev/null || echo 0)" -lt "$TICKS" ]; do
	[ "$(now_ms)" -lt "$deadline" ] || fail "dashboard under memcheck did not reach $TICKS ticks in 600 s"
	[ ! -s "$MT_TMP/d.exit" ] || fail "dashboard exited early: $(cat "$MT_TMP/d.exit")"
	sleep 0.5
done
tmux_keys d '?'
tmux_wait_for d 'Help: keys' 60
tmux_keys d q q
tmux_wait_exit d 120
assert_eq 0 "$(cat "$MT_TMP/d.exit")" "dashboard exit status under memcheck"
check_log dash
ok "dashboard, $(wc -l <"$REC") ticks, under memcheck"
