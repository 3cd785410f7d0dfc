#!/bin/sh
# Runs every benchmark of docs/PERFORMANCE.md in one go and prints their figures.
#   scripts/bench.sh [BUILD_DIR]     (default: build-bench, RelWithDebInfo)
# QUICK=1 shortens the runs (for a look, not for the report).
# BENCH_CPU=N runs every benchmark, and the simulators and dashboards they start, on CPU N
# alone (taskset): on a VM whose CPUs do not run alike, unpinned runs land on either and
# their figures jump between two levels (docs/PERFORMANCE.md, "Main after the sixth round").
# About 28 minutes after the build (bench_day: 30 h of the dashboard's clock at 100 times
# real time, 18 minutes); the dashboard runs on pseudo-terminals for 4 of them.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-bench}
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target spdk-memtop spdk-memtop-sim bench_tick \
	bench_terminal bench_once bench_scale bench_flight bench_collect bench_render bench_day \
	>/dev/null
export MEMTOP_BIN="$build/spdk-memtop" MEMTOP_SIM_BIN="$build/spdk-memtop-sim"
if [ "${QUICK:-0}" = 1 ]; then
	ticks=200 paced=10 reps=20 runs=5 term="5 10 5" collect=1 day=1
else
	ticks=1000 paced=60 reps=200 runs=20 term="30 120 60" collect=3 day=30
fi
section() { printf '\n=== %s ===\n' "$*"; }
if [ -n "${BENCH_CPU:-}" ]; then
	taskset -pc "$BENCH_CPU" $$ >/dev/null   # inherited by every program started below
fi
cd "$build/bench"
echo "spdk-memtop $(git -C "$src" describe --always --dirty 2>/dev/null || echo '?')," \
	"$(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
	"load $(cut -d' ' -f1-3 /proc/loadavg), CPUs $(taskset -pc $$ | sed 's/.*: //')"
section "1-2. per tick, split, and the floor (bench_tick $ticks)"
./bench_tick $ticks 2>/dev/null
section "1b. the same, one tick a second as at -d 1 (bench_tick $paced 1000)"
./bench_tick "$paced" 1000 2>/dev/null
section "3. bytes per tick, CPU, wake-ups, first frame (bench_terminal $term)"
# shellcheck disable=SC2086
./bench_terminal $term 2>/dev/null
section "4. --once --json (bench_once $runs)"
./bench_once $runs 2>/dev/null
section "5. scale (bench_scale $reps)"
./bench_scale $reps 2>/dev/null
section "5a. a day of history in the real dashboard (bench_day $day: x100 under libfaketime)"
# libfaketime reaches only a program on a shared glibc: the static build's twin.
dyn=$build/spdk-memtop-dynamic
if grep -q '^MEMTOP_STATIC:BOOL=ON' "$build/CMakeCache.txt"; then
	cmake --build "$build" --target spdk-memtop-dynamic >/dev/null
else
	dyn=$MEMTOP_BIN
fi
MEMTOP_BIN=$dyn ./bench_day $day 2>/dev/null ||
	echo "bench_day: not run (exit $?; 77: no libfaketime)"
section "5b. the flight recorder full (bench_flight)"
./bench_flight 2>/dev/null
section "collector rounds (bench_collect $collect) and frames (bench_render $collect)"
./bench_collect $collect 2>/dev/null
./bench_render $collect 2>/dev/null
