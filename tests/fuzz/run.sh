#!/bin/bash
# Runs the libFuzzer targets of tests/fuzz.
#
#   tests/fuzz/run.sh SECONDS [TARGET...]
#       builds build-fuzz/ (clang, -DMEMTOP_FUZZ=ON; FUZZ_BUILD moves it) and
#       fuzzes each target (all by default: json_stream, rpc_stream, ...) for
#       SECONDS, one after the other, starting from its seeds (make_corpus.sh)
#       and its regressions, tests/fuzz/regressions/<target>/ (new inputs go
#       to a scratch directory, FUZZ_WORK, default build-fuzz/fuzz-work/<target>).
#       Prints one line per
#       target: seconds, executions, peak RSS, and the outcome; exits non-zero
#       when any target found a crash, a leak, a timeout or went over the
#       memory budget (the input is kept as FUZZ_WORK/<target>-crash-...: add
#       it to the corpus and fix the code).
#   tests/fuzz/run.sh --replay FUZZER TARGET
#       runs every seed and every regression input of TARGET once through the
#       FUZZER binary (what the ctest fuzz.<target> does): the regression
#       test for old crashes, with no fuzzing time.
#
# The budgets are those of a reply (src/sources/rpc_client.c, measured in
# docs/RELIABILITY.md): a reply at the value budget (200,000 values) costs
# 0.2-0.4 s and 45 MB in a release build, 1.3 s and 120 MB in this
# instrumented one.  One input may take FUZZ_TIMEOUT seconds of wall time
# (default 5: that 1.3 s with room for a loaded 2-core machine, where a 1 s
# limit fired at nice 10 on inputs that take 8-20 ms alone) and the process
# FUZZ_RSS_MB of RSS (default 512: those 120 MB plus libFuzzer's corpus and
# ASan's quarantine, cut to 64 MB).  Inputs are at most FUZZ_MAX_LEN bytes
# (default 131072, enough for the largest seed).
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TIMEOUT=${FUZZ_TIMEOUT:-5}
RSS_MB=${FUZZ_RSS_MB:-512}
MAX_LEN=${FUZZ_MAX_LEN:-131072}
BUDGET=(-timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" -malloc_limit_mb="$RSS_MB"
	-max_len="$MAX_LEN" -detect_leaks=1)

usage() {
	echo "usage: $0 SECONDS [TARGET...] | $0 --replay FUZZER TARGET" >&2
	exit 64
}

# File-reading targets write their input to $TMPDIR: keep that in memory when we can.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	export TMPDIR=/dev/shm
fi
# A smaller quarantine keeps the RSS limit about the input, not about ASan.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:quarantine_size_mb=64}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [ "${1:-}" = --replay ]; then
	[ $# -eq 3 ] || usage
	fuzzer=$2 t=$3
	seeds=$(mktemp -d)
	trap 'rm -rf "$seeds"' EXIT
	"$src/tests/fuzz/make_corpus.sh" "$seeds" "$t"
	mapfile -t files < <(find "$seeds/$t" "$src/tests/fuzz/regressions/$t" -type f 2>/dev/null | sort)
	[ ${#files[@]} -gt 0 ] || { echo "$0: no inputs for $t" >&2; exit 1; }
	echo "replaying ${#files[@]} inputs of $t"
	"$fuzzer" "${BUDGET[@]}" "${files[@]}"
	exit
fi

[ $# -ge 1 ] || usage
secs=$1
shift
# 0 would be libFuzzer's "no limit".
case $secs in '' | *[!0-9]* | 0) usage ;; esac
build=${FUZZ_BUILD:-$src/build-fuzz}
work=${FUZZ_WORK:-$build/fuzz-work}

command -v clang >/dev/null || { echo "$0: clang is needed (apt-get install clang)" >&2; exit 1; }
cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER=clang -DMEMTOP_FUZZ=ON >/dev/null
cmake --build "$build" --target fuzz -j"$(nproc 2>/dev/null || echo 2)" >/dev/null

seeds=$build/fuzz-seeds
"$src/tests/fuzz/make_corpus.sh" "$seeds" "$@"
if [ $# -eq 0 ]; then
	set -- $(cd "$seeds" && ls)
fi
failed=0
printf '%-16s %8s %12s %8s  %s\n' target seconds executions rss_mb outcome
for t in "$@"; do
	bin=$build/tests/fuzz/fuzz_$t
	[ -x "$bin" ] || { echo "$0: no fuzzer $bin" >&2; exit 1; }
	mkdir -p "$work/$t"
	log=$work/$t.log
	rc=0
	start=$(date +%s)
	"$bin" "${BUDGET[@]}" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$work/$t-" "$work/$t" "$seeds/$t" \
		$([ -d "$src/tests/fuzz/regressions/$t" ] && echo "$src/tests/fuzz/regressions/$t") \
		>"$log" 2>&1 || rc=$?
	took=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
	if [ "$rc" -eq 0 ]; then
		outcome=ok
	else
		outcome="FAILED (exit $rc; $(grep -m1 -E '^==[0-9]+==ERROR|SUMMARY|ALARM|runtime error|out-of-memory' "$log" || echo "see $log"))"
		failed=1
	fi
	printf '%-16s %8s %12s %8s  %s\n' "$t" "$took" "${execs:-?}" "${rss:-?}" "$outcome"
done
exit $failed
