#!/bin/bash
# --once --json against the idle simulator on each fixture tree, compared
# whole with tests/fixtures/golden/ (what the program printed when the
# golden files were made), with the fields that change every run (seq,
# mono, wall, wall_iso), the private socket path, the fixtures' path and
# the simulator's pid taken out.  A change to
# the snapshot's JSON shows here as a diff; update the golden files on
# purpose with MEMTOP_UPDATE_GOLDEN=1.
source "$(dirname "$0")/lib.sh"

GOLDEN=$MEMTOP_FIXTURES/golden

normalize() {
	grep -v -E '^ *"(seq|mono|wall|wall_iso)":' | sed -e "s|$1|SOCKET|g" \
		-e "s|$MEMTOP_FIXTURES|FIXTURES|g" -e 's|"pid": [0-9][0-9]*|"pid": PID|' \
		-e 's#"\(evtpool\|msgpool\|bdev_io\)_[0-9][0-9]*"#"\1_PID"#'

}

sim_start golden --scenario idle
for fx in 1node 2node 4node memoryless absent-size; do
	mt_run -s "$SIM_SOCK" --once --json --sysfs-root "$MEMTOP_FIXTURES/sysfs/$fx" \
		--procfs-root "$MEMTOP_FIXTURES/procfs/$fx"
	assert_status 0 "--once --json on $fx"
	got=$(printf '%s\n' "$OUT" | normalize "$SIM_SOCK")
	if [ "${MEMTOP_UPDATE_GOLDEN:-}" = 1 ]; then
		printf '%s\n' "$got" >"$GOLDEN/once.$fx.json"
	fi
	assert_eq "$(cat "$GOLDEN/once.$fx.json")" "$got" "--once --json on $fx"
	ok "$fx: the snapshot equals the golden file"
done

mt_run -s "$MT_TMP/absent.sock" --once --json --sysfs-root "$MEMTOP_FIXTURES/sysfs/2node" \
	--procfs-root "$MEMTOP_FIXTURES/procfs/2node"
assert_status 3 "--once --json with no target"
got=$(printf '%s\n' "$OUT" | normalize "$MT_TMP/absent.sock")
if [ "${MEMTOP_UPDATE_GOLDEN:-}" = 1 ]; then
	printf '%s\n' "$got" >"$GOLDEN/once.unreachable.json"
fi
assert_eq "$(cat "$GOLDEN/once.unreachable.json")" "$got" "--once --json with no target"
ok "unreachable: the snapshot equals the golden file"
