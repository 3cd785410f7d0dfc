# Shared helpers for integration tests; source it, do not run it.
#
#   sim_start NAME [sim flags...]   start spdk-memtop-sim on $MT_TMP/NAME.sock and
#                                   wait (5 s deadline) for the "R" it writes on
#                                   --ready-fd, read through a fifo; sets SIM_SOCK, SIM_PID
#   sim_stop PID                    terminate one simulator we started, reap it
#   peer_start NAME MODE            a fake target (fake_peer.pl: garbage, http, errors)
#                                   on $MT_TMP/NAME.sock, started as sim_start does
#   mt_run ARGS...                  run spdk-memtop (60 s cap); sets STATUS, OUT, ERR
#   mt_procs_with TEXT              pids whose command line contains TEXT
#   fail / ok / assert_eq / assert_status / assert_contains / assert_not_contains
#
# Every wait is on a file descriptor with a deadline; nothing sleeps.  The EXIT
# trap stops what we started (by pid) and removes $MT_TMP.
# shellcheck shell=bash

set -euo pipefail

: "${MEMTOP_BIN:?MEMTOP_BIN must name the spdk-memtop binary}"
: "${MEMTOP_SIM_BIN:?MEMTOP_SIM_BIN must name the spdk-memtop-sim binary}"
: "${MEMTOP_FIXTURES:?MEMTOP_FIXTURES must name tests/fixtures}"

MT_TMP=$(mktemp -d "${TMPDIR:-/tmp}/memtop-it.XXXXXX")
MT_PIDS=()
MT_TEST=$(basename "$0" .sh)
# The user's settings file and saved baselines never leak into a test.
export XDG_CONFIG_HOME=$MT_TMP/xdg-config XDG_STATE_HOME=$MT_TMP/xdg-state

# Milliseconds since the epoch, for deadlines of polling loops.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

mt_cleanup() {
	local pid
	for pid in "${MT_PIDS[@]}"; do
		sim_stop "$pid"
	done
	rm -rf "$MT_TMP"
}
trap mt_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
	echo "FAIL [$MT_TEST]: $*" >&2
	exit 1
}

ok() {
	echo "ok: $*"
}

# assert_eq EXPECTED ACTUAL WHAT
assert_eq() {
	if [ "$1" != "$2" ]; then
		printf 'FAIL [%s]: %s\n--- expected:\n%s\n--- got:\n%s\n---\n' \
			"$MT_TEST" "$3" "$1" "$2" >&2
		exit 1
	fi
}

# assert_status EXPECTED WHAT (checks $STATUS from mt_run)
assert_status() {
	if [ "$STATUS" -ne "$1" ]; then
		printf 'FAIL [%s]: %s: exit status %s, expected %s\n' "$MT_TEST" "$2" "$STATUS" \
			"$1" >&2
		printf -- '--- stdout:\n%s\n--- stderr:\n%s\n' "$OUT" "$ERR" >&2
		exit 1
	fi
}

# assert_contains HAYSTACK NEEDLE WHAT (fixed string)
assert_contains() {
	case $1 in
	*"$2"*) ;;
	*) printf 'FAIL [%s]: %s: missing %s in:\n%s\n' "$MT_TEST" "$3" "'$2'" "$1" >&2
	   exit 1 ;;
	esac
}

assert_not_contains() {
	case $1 in
	*"$2"*) printf 'FAIL [%s]: %s: unexpected %s in:\n%s\n' "$MT_TEST" "$3" "'$2'" "$1" >&2
		exit 1 ;;
	*) ;;
	esac
}

sim_start() {
	local name=$1
	shift
	SIM_SOCK=$MT_TMP/$name.sock
	start_ready "$name" "$MEMTOP_SIM_BIN" -r "$SIM_SOCK" --ready-fd 3 "$@"
}

peer_start() {
	command -v perl >/dev/null || fail "perl is needed for the fake target"
	SIM_SOCK=$MT_TMP/$1.sock
	start_ready "$1" perl "$(dirname "${BASH_SOURCE[0]}")/fake_peer.pl" "$2" "$SIM_SOCK"
}

# Runs CMD... with fd 3 on a fifo and waits (5 s) for the "R" it writes there once serving.
start_ready() {
	local name=$1 fifo rfd ch=""
	shift
	fifo=$MT_TMP/$name.ready
	mkfifo "$fifo"
	# The shell opens the fifo for the server as fd 3; that open completes
	# when we open the reading end below.
	"$@" 3>"$fifo" >"$MT_TMP/$name.log" 2>&1 &
	SIM_PID=$!
	MT_PIDS+=("$SIM_PID")
	exec {rfd}<"$fifo"
	if ! read -r -t 5 -N 1 -u "$rfd" ch || [ "$ch" != R ]; then
		exec {rfd}<&-
		fail "server '$name' not ready within 5 s (got '$ch'); its log:
$(cat "$MT_TMP/$name.log")"
	fi
	exec {rfd}<&-
	rm -f "$fifo"
}

# SIGCONT first: a test that failed while the simulator was stopped (SIGSTOP)
# would otherwise wait for it forever; and no signal may arrive once it is
# exiting (LeakSanitizer's exit check in the sanitizer build can hang on one).
# A watchdog kills a simulator that has not exited 20 s after SIGTERM.
sim_stop() {
	local watchdog
	kill -CONT "$1" 2>/dev/null || true
	kill -TERM "$1" 2>/dev/null || true
	# A fresh shell, so none of this script's traps run in it; its fds point
	# nowhere, so a leftover sleep never holds ctest's pipes.
	bash -c 'sleep 20; kill -KILL "$1"' watchdog "$1" </dev/null >/dev/null 2>&1 &
	watchdog=$!
	wait "$1" 2>/dev/null || true
	# SIGKILL: until it has exec'd, the watchdog is a fork of this shell whose
	# TERM trap would run our EXIT clean-up.
	kill -KILL "$watchdog" 2>/dev/null || true
	wait "$watchdog" 2>/dev/null || true
}

mt_run() {
	STATUS=0
	timeout -k 5 60 "$MEMTOP_BIN" "$@" >"$MT_TMP/run.out" 2>"$MT_TMP/run.err" || STATUS=$?
	OUT=$(cat "$MT_TMP/run.out")
	ERR=$(cat "$MT_TMP/run.err")
}

# Reads /proc directly (no pgrep in a minimal image); skips this shell.
mt_procs_with() {
	local f pid args
	for f in /proc/[0-9]*/cmdline; do
		pid=${f#/proc/}
		pid=${pid%/cmdline}
		[ "$pid" = "$$" ] && continue
		# The process may be gone by now: that is not an error.
		args=$({ tr '\0' ' ' <"$f"; } 2>/dev/null) || continue
		case $args in
		*"$1"*) echo "$pid" ;;
		esac
	done
}
