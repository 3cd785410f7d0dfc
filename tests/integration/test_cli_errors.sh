#!/bin/bash
# The command line's small failures (issue 12, item 11): -h and -V into a full
# disk exit 1 with the reason, --once with -b and a blank before a number are
# usage errors (64) naming the flag.
source "$(dirname "$0")/lib.sh"

[ -w /dev/full ] || fail "/dev/full is not writable here"
for flag in -h --help -V --version; do
	st=0
	"$MEMTOP_BIN" "$flag" >/dev/full 2>"$MT_TMP/err" || st=$?
	assert_eq 1 "$st" "$flag >/dev/full: exit status"
	assert_contains "$(cat "$MT_TMP/err")" "No space left on device" "$flag >/dev/full"
done
# Control: to a file they succeed and write something.
"$MEMTOP_BIN" -V >"$MT_TMP/out" || fail "-V into a file failed"
assert_contains "$(cat "$MT_TMP/out")" "spdk-memtop " "-V output"
ok "-h / -V into /dev/full: exit 1 with 'No space left on device'"

mt_run --once -b
assert_status 64 "--once -b"
assert_contains "$ERR" "spdk-memtop: -b: conflicts with --once" "--once -b"
ok "--once -b: usage error"

for v in ' 1' '1 '; do
	mt_run --once -d "$v"
	assert_status 64 "-d '$v'"
	assert_contains "$ERR" "spdk-memtop: -d: expected seconds >= 0.1, got '$v'" "-d '$v'"
done
ok "-d ' 1' refused like -d '1 '"
