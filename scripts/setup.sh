#!/bin/bash
# Set up a fresh Debian 12 machine (as root) and build spdk-memtop, then
#   demo: start `spdk-memtop --demo` (the dashboard on a private simulator)
#   test: run the whole test suite: a normal -Werror build, a sanitizer build,
#         and every libFuzzer target for FUZZ_SECONDS (default 5) each
# Packages are installed only when missing.  Build directories default to
# build/ and build-asan/ in the source tree; MEMTOP_BUILD_DIR moves both
# (<dir>, <dir>-asan and <dir>-fuzz).  Exits non-zero on any failure.
set -euo pipefail

PACKAGES=(cmake make gcc libc6-dev pkg-config libncurses-dev libjansson-dev libnuma-dev check tmux jq
	valgrind clang libclang-rt-dev)
# Only for `test`: promtool (in Debian's prometheus) checks and unit-tests the
# example alert rules in docs/examples/; python3-yaml parses them too.
TEST_PACKAGES=(prometheus python3-yaml)

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MEMTOP_BUILD_DIR:-$src/build}
jobs=$(nproc 2>/dev/null || echo 2)

usage() {
	echo "usage: $0 demo|test" >&2
	exit 64
}

# install_missing PACKAGE...
install_missing() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		return 0
	fi
	echo "setup: installing ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		echo "setup: run as root to install packages (or install them yourself)" >&2
		exit 1
	fi
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
}

# build DIR [cmake options...]
build() {
	local dir=$1
	shift
	cmake -S "$src" -B "$dir" "$@"
	cmake --build "$dir" -j"$jobs"
}

# run_ctest DIR LABEL: prints ctest's summary; returns its status.
run_ctest() {
	local dir=$1 label=$2 rc=0
	echo "setup: === tests: $label ($dir) ==="
	ctest --test-dir "$dir" --output-on-failure || rc=$?
	return $rc
}

[ $# -eq 1 ] || usage
case $1 in
demo)
	install_missing "${PACKAGES[@]}"
	build "$build" -DMEMTOP_WERROR=ON
	exec "$build/spdk-memtop" --demo
	;;
test)
	install_missing "${PACKAGES[@]}" "${TEST_PACKAGES[@]}"
	normal=0
	asan=0
	fuzz=0
	build "$build" -DMEMTOP_WERROR=ON -DMEMTOP_SANITIZE=OFF
	run_ctest "$build" "normal build, -Werror" || normal=$?
	build "$build-asan" -DMEMTOP_WERROR=ON -DMEMTOP_SANITIZE=ON
	run_ctest "$build-asan" "ASan+UBSan build" || asan=$?
	echo "setup: === fuzzing: ${FUZZ_SECONDS:-5} s per target ($build-fuzz) ==="
	FUZZ_BUILD="$build-fuzz" "$src/tests/fuzz/run.sh" "${FUZZ_SECONDS:-5}" || fuzz=$?
	echo "setup: normal build: $([ $normal -eq 0 ] && echo passed || echo FAILED)," \
		"sanitizer build: $([ $asan -eq 0 ] && echo passed || echo FAILED)," \
		"fuzzing: $([ $fuzz -eq 0 ] && echo passed || echo FAILED)"
	[ $normal -eq 0 ] && [ $asan -eq 0 ] && [ $fuzz -eq 0 ]
	;;
*)
	usage
	;;
esac
