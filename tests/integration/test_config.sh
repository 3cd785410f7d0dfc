#!/bin/bash
# The settings file $XDG_CONFIG_HOME/spdk-memtop/config: used, flags win, a bad
# line stops the run naming file:line, --no-config ignores it.
source "$(dirname "$0")/lib.sh"

CFG=$XDG_CONFIG_HOME/spdk-memtop/config
mkdir -p "$(dirname "$CFG")"
sim_start idle --scenario idle

printf '# test\nsocket = %s\ninterval = 0.2\n' "$SIM_SOCK" >"$CFG"
mt_run --once
assert_status 0 "socket from the settings file"
assert_contains "$OUT" "target $SIM_SOCK" "socket from the settings file"
ok "settings file used"

mt_run --once -s "$MT_TMP/other.sock"
assert_status 3 "-s wins over the file"
assert_contains "$ERR" "other.sock" "-s wins over the file"
ok "flags win"

printf 'socket = %s\nwarn-pool-pct = lots\n' "$SIM_SOCK" >"$CFG"
mt_run --once
assert_status 64 "bad line"
assert_contains "$ERR" "$CFG:2: warn-pool-pct: expected a percentage from 0 to 100, got 'lots'" \
	"bad line"
mt_run --once --no-config -s "$SIM_SOCK"
assert_status 0 "--no-config"
ok "a bad line names file:line; --no-config ignores the file"
