#!/bin/bash
# spdk-memtop's headless modes (--once, -b) and --demo against the real simulator.
source "$(dirname "$0")/lib.sh"

SYSFS4=$MEMTOP_FIXTURES/sysfs/4node
PROCFS4=$MEMTOP_FIXTURES/procfs/4node

# The large pool's summed retry counter, from the text report's "total large" row.
large_retry() {
	local r
	local row='^total  *large  *[0-9][0-9]*  *[0-9][0-9]*  *\([0-9][0-9]*\) .*'
	r=$(printf '%s\n' "$1" | sed -n "s/$row/\\1/p")
	[ -n "$r" ] || fail "no 'total large' row in:
$1"
	echo "$r"
}

# Checks that $1 is one JSON snapshot: braces balanced outside strings, the
# schema tag, and (where python3 exists; CI need not have it) a full parse.
check_json_snapshot() {
	local text=$1 what=$2 stripped opens closes
	case $text in
	"{"*"}") ;;
	*) fail "$what: not a JSON object: $text" ;;
	esac
	printf '%s' "$text" | grep -Eq '"schema": ?"spdk-memtop/snapshot/1"' ||
		fail "$what: no schema tag in: $text"
	# Drop string contents (with escaped quotes) before counting brackets.
	stripped=$(printf '%s' "$text" | sed -e 's/\\\\//g' -e 's/\\"//g' -e 's/"[^"]*"//g')
	opens=$(printf '%s' "$stripped" | tr -cd '{[' | wc -c)
	closes=$(printf '%s' "$stripped" | tr -cd '}]' | wc -c)
	assert_eq "$opens" "$closes" "$what: brackets balanced"
	if command -v python3 >/dev/null 2>&1; then
		printf '%s' "$text" | python3 -m json.tool >/dev/null ||
			fail "$what: python3 cannot parse it"
	fi
}

# --- usage errors: exit 64, the bad flag named, a usage line ---------------
mt_run --bogus
assert_status 64 "unknown flag"
assert_contains "$ERR" "unknown option '--bogus'" "unknown flag"
assert_contains "$ERR" "usage: spdk-memtop" "unknown flag"
assert_eq "" "$OUT" "nothing on stdout for a usage error"
mt_run --once -d abc
assert_status 64 "bad -d value"
assert_contains "$ERR" "-d: expected seconds >= 0.1, got 'abc'" "bad -d value"
mt_run -h
assert_status 0 "-h"
assert_contains "$OUT" "--demo-scenario" "-h lists the options"
mt_run -V
assert_status 0 "-V"
assert_contains "$OUT" "spdk-memtop " "-V"
ok "usage errors exit 64 and name the flag"

# --- no target: exit 3, the reason, hugepages still printed -------------------
mt_run -s "$MT_TMP/nobody.sock" --once --sysfs-root "$SYSFS4" --procfs-root "$PROCFS4"
assert_status 3 "no target"
assert_contains "$OUT" "target unreachable: " "report says why"
assert_contains "$ERR" "target unreachable: " "stderr says why"
assert_contains "$OUT" "hugepages per NUMA node" "hugepages still reported"
assert_contains "$OUT" "65536000 kB" "hugepages still reported"
mt_run -s "$MT_TMP/nobody.sock" --once --json --sysfs-root "$SYSFS4" --procfs-root "$PROCFS4"
assert_status 3 "no target, --json"
check_json_snapshot "$OUT" "unreachable --json"
assert_contains "$OUT" '"unreachable"' "--json says unreachable"
ok "unreachable target: exit 3 with the reason and the hugepages"

# --- --once --json against a running simulator --------------------------------
sim_start steady --scenario steady
mt_run -s "$SIM_SOCK" --once --json
assert_status 0 "--once --json"
check_json_snapshot "$OUT" "--once --json"
assert_contains "$OUT" '"running"' "--once --json: state"
assert_contains "$OUT" '"nvmf_TCP"' "--once --json: modules"
ok "--once --json prints one well-formed snapshot"

# --- the fixture's hugepages, exactly -----------------------------------------
mt_run -s "$SIM_SOCK" --once --sysfs-root "$SYSFS4" --procfs-root "$PROCFS4"
assert_status 0 "--once with the 4node fixture"
section=$(printf '%s\n' "$OUT" | sed -n '/^hugepages per NUMA node/,/^errors/p')
expected="hugepages per NUMA node (node list from sysfs)
node     page     total      free   surplus         MemTotal          MemFree
0       2 MiB      1000       100         0      65536000 kB      40000000 kB
0       1 GiB        16         4         0
1       2 MiB      1001       111         1      65536000 kB      41000000 kB
1       1 GiB        16         5         0
2       2 MiB      1002       122         2      65536000 kB      42000000 kB
2       1 GiB        16         6         0
3       2 MiB       600       333         3      65536000 kB      43000000 kB
3       1 GiB         8         7         1

hugepages global
page        total      free      resv   surplus
2 MiB        3603       666        12         6
1 GiB          56        22         2         1
meminfo: HugePages_Total 3603, HugePages_Free 666, HugePages_Rsvd 12, HugePages_Surp 6
meminfo: Hugepagesize 2048 kB, Hugetlb 66099200 kB

errors: none"
assert_eq "$expected" "$section" "hugepages of tests/fixtures/sysfs/4node"
ok "--sysfs-root/--procfs-root print the fixture's numbers"

# --- batch: N snapshots as JSON lines -----------------------------------------
mt_run -s "$SIM_SOCK" -b -n 3 -d 0.1 --json
assert_status 0 "-b -n 3 --json"
assert_eq 3 "$(printf '%s\n' "$OUT" | wc -l)" "-b -n 3 --json: three lines"
while IFS= read -r line; do
	check_json_snapshot "$line" "batch line"
done <<<"$OUT"
seqs=$(printf '%s\n' "$OUT" | sed -n 's/.*"seq": *\([0-9][0-9]*\).*/\1/p' | tr '\n' ' ')
assert_eq "1 2 3 " "$seqs" "batch snapshots numbered in order"
mt_run -s "$SIM_SOCK" -b -n 2 -d 0.1
assert_status 0 "-b -n 2 text"
assert_eq 2 "$(printf '%s\n' "$OUT" | grep -c '^spdk-memtop snapshot #')" "two text reports"
assert_contains "$OUT" "iobuf rates per second over" "second text report has rates"
sim_stop "$SIM_PID"
ok "batch mode prints N snapshots, rates from the second"

# --- exhaustion: large-pool retries rise between two --once calls ------------
sim_start exhaustion --scenario exhaustion
mt_run -s "$SIM_SOCK" --once
assert_status 0 "exhaustion, first --once"
first=$(large_retry "$OUT")
mt_run -s "$SIM_SOCK" --once
assert_status 0 "exhaustion, second --once"
second=$(large_retry "$OUT")
[ "$second" -gt "$first" ] || fail "large-pool retries did not rise: $first then $second"
[ "$first" -gt 0 ] || fail "exhaustion shows no large-pool retries at all"
ok "exhaustion: large-pool retries rise ($first -> $second)"
# --once ends with the advisor's advice on its one snapshot.
mt_run -s "$SIM_SOCK" --once --sysfs-root "$MEMTOP_FIXTURES/sysfs/1node" \
	--procfs-root "$MEMTOP_FIXTURES/procfs/1node"
assert_status 0 "exhaustion, --once with advice"
assert_contains "$OUT" "iobuf pool advice (one snapshot: counters since the channels were created)" \
	"--once: advice header"
assert_contains "$OUT" "  large  EXHAUSTED  1,024 -> 2,048 (132 MiB -> 264 MiB)" "--once: large advice"
assert_contains "$OUT" "counts apply at the next start" "--once: running target note"
sim_stop "$SIM_PID"
ok "exhaustion: --once prints the advice (large 1,024 -> 2,048)"

# --- --demo --once --json: a snapshot, and nothing left behind ----------------
demo_tmp=$MT_TMP/demo-tmp
mkdir "$demo_tmp"
STATUS=0
TMPDIR=$demo_tmp timeout -k 5 60 "$MEMTOP_BIN" --demo --once --json \
	>"$MT_TMP/demo.out" 2>"$MT_TMP/demo.err" || STATUS=$?
OUT=$(cat "$MT_TMP/demo.out")
ERR=$(cat "$MT_TMP/demo.err")
assert_status 0 "--demo --once --json"
check_json_snapshot "$OUT" "--demo --once --json"
assert_contains "$OUT" '"running"' "--demo target is running"
assert_contains "$OUT" "$demo_tmp/spdk-memtop-demo." "--demo used its private socket"
assert_eq "" "$(ls -A "$demo_tmp")" "--demo left nothing in TMPDIR"
assert_eq "" "$(mt_procs_with "$demo_tmp")" "--demo left no process behind"
ok "--demo --once --json: snapshot printed, no temp dir or process left"

# --- --demo in batch mode, ended by SIGTERM: still cleans up ------------------
fifo=$MT_TMP/demo-batch.out
mkfifo "$fifo"
TMPDIR=$demo_tmp "$MEMTOP_BIN" --demo --demo-scenario churn -b -d 0.1 --json \
	>"$fifo" 2>"$MT_TMP/demo-batch.err" &
memtop_pid=$!
MT_PIDS+=("$memtop_pid")
exec {rfd}<"$fifo"
read -r -t 10 -u "$rfd" line ||
	fail "--demo -b printed nothing within 10 s: $(cat "$MT_TMP/demo-batch.err")"
check_json_snapshot "$line" "--demo -b first line"
# Stop reading: once the pipe is full the process blocks in write(2), and
# SIGTERM must still end it (a restarted write would block forever).
deadline=$(($(now_ms) + 30000))
until case $(cat "/proc/$memtop_pid/wchan" 2>/dev/null) in *pipe_write*) true ;; *) false ;; esac; do
	[ "$(now_ms)" -lt "$deadline" ] || fail "--demo -b never blocked on the full pipe"
	sleep 0.05
done
kill -TERM "$memtop_pid"
deadline=$(($(now_ms) + 10000))
# Exited (a zombie until waited for), not still blocked in write.
until [ "$(awk '{print $3}' "/proc/$memtop_pid/stat" 2>/dev/null)" = Z ]; do
	[ "$(now_ms)" -lt "$deadline" ] || fail "SIGTERM did not end --demo -b blocked in write"
	sleep 0.05
done
STATUS=0
wait "$memtop_pid" || STATUS=$?
exec {rfd}<&-
assert_eq 143 "$STATUS" "SIGTERM ends batch mode with 128+15"
assert_eq "" "$(ls -A "$demo_tmp")" "--demo after SIGTERM left nothing in TMPDIR"
assert_eq "" "$(mt_procs_with "$demo_tmp")" "--demo after SIGTERM left no process"
ok "--demo -b blocked writing to a full pipe, stopped by SIGTERM, cleans up"

echo "all test_once checks passed"
