# tmux helpers for the dashboard tests; source it after lib.sh, do not run it.
#
#   tmux_run NAME COLS ROWS [VAR=VALUE...] -- [spdk-memtop args...]
#        runs spdk-memtop in a detached tmux session NAME of a fixed size on
#        this test's own tmux server (tmux -L), through a small wrapper that
#        records the tty modes before and after and the exit status in
#        $MT_TMP/NAME.{stty.before,stty.after,exit}.  The VAR=VALUE pairs are
#        the program's locale/colour environment (LANG, LC_ALL, NO_COLOR...);
#        NO_COLOR is unset unless given, so a CI environment cannot leak in.
#   tmux_capture NAME [capture-pane flags]     the screen as text (-e: with SGR)
#   tmux_wait_for NAME ERE [SECONDS]           poll the screen until it matches
#   tmux_wait_gone NAME ERE [SECONDS]          poll the screen until it no longer matches
#   tmux_wait_exit NAME [SECONDS]              poll until the program exited
#   tmux_keys NAME KEYS...                     tmux send-keys
#   tmux_resize NAME COLS ROWS
#   tmux_pane NAME FORMAT                      tmux display -p (e.g. '#{alternate_on}')
#   memtop_pid NAME                            the spdk-memtop process of session NAME
#   tmux_check_restored NAME STATUS            after the exit: status, tty modes, screen modes
#   tmux_kill_restored NAME SIG PID            kill -SIG PID (session NAME's program): it exits
#                                              128 + SIG within 3 s, terminal restored
#   tmux_modes NAME                            the pane's terminal modes, one line (what
#                                              tput smcup/civis/smkx/csr... change)
#   tmux_tty_modes NAME                        stty -g of the pane's terminal, now
#   bells NAME                                 terminal bells session NAME has rung so far
#   now_ms                                     (lib.sh) milliseconds since the epoch
#   tmux_key_ms NAME KEY WORD [MS]             types KEY into the pane and prints the ms
#                                              until WORD (no spaces) is drawn, measured at
#                                              the pty by key_probe.pl (no tmux client
#                                              start-up in it); fails after MS (3000)
#
# Every wait polls observable state (the screen, a file) with a deadline and
# fails with the last screen on timeout.  The EXIT trap kills this test's tmux
# server and then runs lib.sh's cleanup.
# shellcheck shell=bash

command -v tmux >/dev/null || fail "tmux is not installed (apt-get install tmux)"

TMUX_SOCK="memtop-${MT_TEST}-$$"
TMUX_CONF=$MT_TMP/tmux.conf
cat >"$TMUX_CONF" <<'CONF'
set -g default-terminal tmux-256color
set -g remain-on-exit on
set -g status off
set -g history-limit 100
set -g escape-time 0
set -g bell-action any
set -g monitor-bell on
CONF
# Every terminal bell appends the session's name to $MT_TMP/bells.
printf 'set-hook -g alert-bell "run-shell \\"echo #{session_name} >> %s\\""\n' \
	"$MT_TMP/bells" >>"$TMUX_CONF"

# The server decodes and captures UTF-8 whatever the program's own locale.
tmx() {
	LC_ALL=C.UTF-8 tmux -L "$TMUX_SOCK" -f "$TMUX_CONF" "$@"
}

tmux_cleanup() {
	tmx kill-server 2>/dev/null || true
}
trap 'tmux_cleanup; mt_cleanup' EXIT

tmux_run() {
	local name=$1 cols=$2 rows=$3 run=$MT_TMP/$1.run.sh envs=() a
	shift 3
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	[ "${1:-}" = -- ] && shift
	case " ${envs[*]} " in
	*" NO_COLOR="*) ;;
	*) envs=(-u NO_COLOR "${envs[@]}") ;;
	esac
	{
		echo '#!/bin/bash'
		printf 'stty -g >%q\n' "$MT_TMP/$name.stty.before"
		printf 'env'
		for a in "${envs[@]}"; do printf ' %q' "$a"; done
		printf ' %q' "$MEMTOP_BIN" "$@"
		printf ' 2>%q\n' "$MT_TMP/$name.stderr"
		printf 'st=$?\n'
		printf 'stty -g >%q\n' "$MT_TMP/$name.stty.after"
		printf 'echo "$st" >%q\n' "$MT_TMP/$name.exit"
		printf 'echo "memtop exited with $st"\n'
		# Keep the pane (and so its terminal state) alive for inspection.
		printf 'read -r _\n'
	} >"$run"
	rm -f "$MT_TMP/$name.exit" "$MT_TMP/$name.stty.after"
	tmx new-session -d -s "$name" -x "$cols" -y "$rows" "bash $run" ||
		fail "cannot start tmux session $name"
}

tmux_capture() {
	local name=$1
	shift
	tmx capture-pane -p -t "$name" "$@"
}

tmux_wait_for() {
	local name=$1 re=$2 secs=${3:-10} deadline screen
	deadline=$(($(now_ms) + secs * 1000))
	while :; do
		screen=$(tmux_capture "$name")
		if grep -Eq -- "$re" <<<"$screen"; then
			return 0
		fi
		if [ "$(now_ms)" -gt "$deadline" ]; then
			fail "screen of $name did not show /$re/ within ${secs}s; it shows:
$screen
--- stderr:
$(cat "$MT_TMP/$name.stderr" 2>/dev/null)"
		fi
		sleep 0.05
	done
}

tmux_wait_gone() {
	local name=$1 re=$2 secs=${3:-10} deadline screen
	deadline=$(($(now_ms) + secs * 1000))
	while :; do
		screen=$(tmux_capture "$name")
		if ! grep -Eq -- "$re" <<<"$screen"; then
			return 0
		fi
		if [ "$(now_ms)" -gt "$deadline" ]; then
			fail "screen of $name still shows /$re/ after ${secs}s:
$screen"
		fi
		sleep 0.05
	done
}

tmux_wait_exit() {
	local name=$1 secs=${2:-10} deadline
	deadline=$(($(now_ms) + secs * 1000))
	while [ ! -s "$MT_TMP/$name.exit" ]; do
		if [ "$(now_ms)" -gt "$deadline" ]; then
			fail "spdk-memtop in $name did not exit within ${secs}s; screen:
$(tmux_capture "$name")"
		fi
		sleep 0.02
	done
}

tmux_keys() {
	local name=$1
	shift
	tmx send-keys -t "$name" "$@"
}

tmux_resize() {
	tmx resize-window -t "$1" -x "$2" -y "$3"
}

tmux_pane() {
	tmx display-message -p -t "$1" "$2"
}

memtop_pid() {
	local pane_pid pid
	pane_pid=$(tmux_pane "$1" '#{pane_pid}')
	for pid in $(mt_procs_with "$MEMTOP_BIN"); do
		if [ "$(awk '{print $4}' "/proc/$pid/stat" 2>/dev/null)" = "$pane_pid" ]; then
			echo "$pid"
			return 0
		fi
	done
	return 1
}

TMUX_MODES='alternate=#{alternate_on} cursor=#{cursor_flag} cursor_keys=#{keypad_cursor_flag}'
TMUX_MODES+=' keypad=#{keypad_flag} insert=#{insert_flag} origin=#{origin_flag} wrap=#{wrap_flag}'
TMUX_MODES+=' mouse=#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}'
TMUX_MODES+='#{mouse_all_flag}#{mouse_utf8_flag}'
TMUX_MODES+=' scroll_region=#{scroll_region_upper}-#{scroll_region_lower}'

tmux_modes() {
	tmux_pane "$1" "$TMUX_MODES"
}

tmux_tty_modes() {
	stty -g -F "$(tmux_pane "$1" '#{pane_tty}')"
}

# The modes of a pane of NAME's size that never ran anything but `read`.
tmux_fresh_modes() {
	local size ref
	size=$(tmux_pane "$1" '#{pane_width}x#{pane_height}')
	ref=fresh-$size
	tmx has-session -t "$ref" 2>/dev/null ||
		tmx new-session -d -s "$ref" -x "${size%x*}" -y "${size#*x}" 'read -r _'
	tmux_modes "$ref"
}

# The program exited with STATUS and gave the terminal back as it found it.
tmux_check_restored() {
	local name=$1 want=$2
	assert_eq "$want" "$(cat "$MT_TMP/$name.exit")" "$name: exit status"
	assert_eq "$(cat "$MT_TMP/$name.stty.before")" "$(cat "$MT_TMP/$name.stty.after")" \
		"$name: tty modes"
	assert_eq 0 "$(tmux_pane "$name" '#{alternate_on}')" "$name: alternate screen left"
	assert_eq 1 "$(tmux_pane "$name" '#{cursor_flag}')" "$name: cursor visible"
	assert_eq 0 "$(tmux_pane "$name" '#{keypad_cursor_flag}')" "$name: cursor keys mode reset"
	# Everything else a terminal program may switch (keypad, mouse, scroll region...).
	assert_eq "$(tmux_fresh_modes "$name")" "$(tmux_modes "$name")" "$name: terminal modes"
	tmux_wait_for "$name" "memtop exited with $want" 2
	assert_not_contains "$(tmux_capture "$name")" "q quit" "$name: dashboard left on screen"
}

tmux_key_ms() {
	local name=$1 key=$2 word=$3 limit=${4:-3000} out ms deadline
	out=$MT_TMP/$name.keyprobe
	rm -f "$out"
	tmx pipe-pane -t "$name" -IO \
		"perl $(printf '%q' "$(dirname "${BASH_SOURCE[0]}")/key_probe.pl") \
$(printf '%q ' "$key" "$word" "$limit" "$out")"
	deadline=$(($(now_ms) + limit + 5000))
	while [ ! -s "$out" ]; do
		[ "$(now_ms)" -gt "$deadline" ] && fail "key_probe in $name wrote nothing"
		sleep 0.02
	done
	ms=$(cat "$out")
	[ "$ms" -ge 0 ] || fail "$name: '$word' not drawn within ${limit} ms of the key; screen:
$(tmux_capture "$name")"
	echo "$ms"
}

tmux_kill_restored() {
	kill -"$2" "$3"
	tmux_wait_exit "$1" 3
	tmux_check_restored "$1" $((128 + $(kill -l "$2")))
}

bells() {
	grep -cx -- "$1" "$MT_TMP/bells" 2>/dev/null || true
}

# The screen with the clock (HH:MM:SS) masked, for comparing two screens.
mask_clock() {
	sed -E 's/[0-9]{2}:[0-9]{2}:[0-9]{2}/hh:mm:ss/g'
}
