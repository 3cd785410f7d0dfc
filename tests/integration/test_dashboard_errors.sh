#!/bin/bash
# Collection errors reach the screen: against the simulator, with a sysfs tree
# where two files cannot be read (fixtures/sysfs/unreadable/README.md), the
# header says "!2 errors (e)" at 80x24; e lists both with the path and the
# errno text, wrapped whole; one file repaired turns its entry "cleared" and the
# header count to 1; Esc closes, q quits with 0.  ASCII under LANG=C, no colour.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# A copy, so that the test can repair a file while the dashboard runs.
ROOT=$MT_TMP/sysfs
cp -a "$MEMTOP_FIXTURES/sysfs/unreadable" "$ROOT"
PROCFS=$MEMTOP_FIXTURES/procfs/unreadable
ENVS=(LANG=C LC_ALL=C NO_COLOR=1)
COLS=80

sim_start errs
tmux_run e "$COLS" 24 "${ENVS[@]}" -- -s "$SIM_SOCK" --sysfs-root "$ROOT" \
	--procfs-root "$PROCFS" -d 0.5

# --- the header says so, on its own line, at 80 columns ------------------------
tmux_wait_for e ' running .*!2 errors \(e\)' 10
header=$(tmux_capture e | head -1)
assert_contains "$header" "!2 errors (e)" "header at 80 columns"
assert_contains "$header" "running" "header keeps the state"
ok "header: '$header'"

# The overlay's text, wrapped lines joined and blanks removed: the box is
# centred, its text starts two columns inside its left border.
overlay_text() {
	local screen x
	screen=$(tmux_capture e)
	x=$(grep -m1 -o '^.*+ Collection errors' <<<"$screen" | sed 's/+ Collection errors$//')
	x=${#x}
	sed -n '/+ Collection errors/,$p' <<<"$screen" | tail -n +2 |
		cut -c"$((x + 3))-$((COLS - x - 2))" | tr -d ' \n'
}
nospace() {
	tr -d ' \n' <<<"$1"
}

# --- e lists both, with path and errno text ------------------------------------
tmux_keys e e
tmux_wait_for e 'Collection errors: 2 now, 2 seen' 2
tmux_wait_for e 'state +rounds +first +last' 2
text=$(overlay_text)
assert_contains "$text" \
	"$(nospace "cannot read $ROOT/devices/system/node/node1/meminfo: Is a directory")" \
	"node1's meminfo error in the overlay"
want="cannot read $ROOT/devices/system/node/node2/hugepages/hugepages-2048kB/free_hugepages"
assert_contains "$text" "$(nospace "$want: No such file or directory")" \
	"node2's free_hugepages error in the overlay"
[ "$(tmux_capture e | grep -c ' current  ')" -eq 2 ] ||
	fail "two entries marked current expected:
$(tmux_capture e)"
ok "e: both errors, path and errno text whole"

# --- a repaired file: its entry is cleared, the header counts one -----------------
FREE=$ROOT/devices/system/node/node2/hugepages/hugepages-2048kB/free_hugepages
rm "$FREE"
echo 16 >"$FREE"
tmux_wait_for e 'Collection errors: 1 now, 2 seen' 5
tmux_wait_for e ' cleared  ' 2
tmux_wait_for e '!1 error \(e\)' 2
# Current first: the meminfo entry above the cleared one.
screen=$(tmux_capture e)
cur=$(grep -n ' current  ' <<<"$screen" | head -1 | cut -d: -f1)
clr=$(grep -n ' cleared  ' <<<"$screen" | head -1 | cut -d: -f1)
[ "$cur" -lt "$clr" ] || fail "the current entry is not above the cleared one:
$screen"
ok "repaired: one cleared, one current, header '!1 error (e)'"

# --- Esc closes; the header keeps the count; q quits -------------------------------
tmux_keys e Escape
tmux_wait_gone e 'Collection errors' 2
tmux_wait_for e '^q quit' 2
assert_contains "$(tmux_capture e | head -1)" "!1 error (e)" "header after Esc"
tmux_keys e q
tmux_wait_exit e 2
assert_eq 0 "$(cat "$MT_TMP/e.exit")" "exit status"
ok "Esc closes the overlay, q exits 0"
