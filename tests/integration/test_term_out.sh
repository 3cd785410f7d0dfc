#!/bin/bash
# term_out (the frames' own writer, issue 10) draws what ncurses' doupdate
# draws.  Two dashboards replay the real exhaustion timeline side by side,
# one as users run it, one with MEMTOP_DOUPDATE=1 (every frame by ncurses);
# after every step forward, a theme change, scrolling back and returning,
# the help overlay and a resize, both panes hold the same characters,
# attributes and colours that show (capture-pane -e, read by cells.pl).  In UTF-8 with colour and in
# plain ASCII without, at 80x24 and 120x40.  While stepping, the first
# pane's bytes are term_out's own (cursor addresses and moves right, SGR,
# text: none of ncurses' relative moves or line erases), the second's are
# ncurses'.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

TL=$MEMTOP_FIXTURES/transcripts/exhaustion_bdevperf.hide_md/timeline.iobuf_get_stats.jsonl

# Polls until panes w and n show the same cells, with attributes and the
# colours that show (cells.pl); fails with the difference.
same_screens() {
	local what=$1 deadline a b cols
	deadline=$(($(now_ms) + 5000))
	while :; do
		cols=$(tmux_pane w '#{pane_width}')
		a=$(tmux_capture w -e -N | perl "$(dirname "$0")/cells.pl" "$cols")
		b=$(tmux_capture n -e -N | perl "$(dirname "$0")/cells.pl" "$cols")
		[ "$a" == "$b" ] && return 0
		if [ "$(now_ms)" -gt "$deadline" ]; then
			fail "term_out and doupdate differ after $what ($look, $size):
$(diff <(echo "$a") <(echo "$b") | head -30 | cat -v)"
		fi
		sleep 0.05
	done
}

# ESC [ n A/B/D/G/d/K, CR, LF, BS: ncurses' relative moves and erases, never
# term_out's.  Prints the first with what is around it; true when there is one.
ncurses_moves() {
	perl -0777 -ne 'if (/(.{0,12})(\e\[[0-9]*[ABDGdK]|[\r\n\x08])/s) {
		my $m = "$1$2"; $m =~ s/([^\x20-\x7e])/sprintf("<%02x>", ord($1))/ge;
		print "$m\n"; exit 0 } exit 1' "$1"
}

both_keys() {
	tmux_keys w "$@"
	tmux_keys n "$@"
}

both_wait() {
	tmux_wait_for w "$1" 5
	tmux_wait_for n "$1" 5
}

for look in "LANG=C.UTF-8" "LANG=C NO_COLOR=1"; do
	for size in "80 24" "120 40"; do
		# shellcheck disable=SC2086
		tmux_run w $size $look -- --replay "$TL" --no-flash
		# shellcheck disable=SC2086
		tmux_run n $size $look MEMTOP_DOUPDATE=1 -- --replay "$TL" --no-flash
		both_wait 'REPLAY (END )?t\+[0-9.]+s x1'
		both_keys /
		both_wait 'seek to \(t\+SECONDS; Enter, Esc\): _'
		both_keys t+0 Enter
		both_wait 'seek: 1/27 at t\+0\.0s'
		same_screens "the seek"
		: >"$MT_TMP/w.bytes"
		: >"$MT_TMP/n.bytes"
		tmx pipe-pane -O -t w "cat >>$MT_TMP/w.bytes"
		tmx pipe-pane -O -t n "cat >>$MT_TMP/n.bytes"
		for step in $(seq 2 27); do
			both_keys .
			both_wait "forward: $step/27 at t\\+"
			same_screens "step $step"
		done
		tmx pipe-pane -t w
		tmx pipe-pane -t n
		[ -s "$MT_TMP/w.bytes" ] || fail "no bytes from term_out's pane ($look, $size)"
		if ncurses_moves "$MT_TMP/w.bytes"; then
			fail "term_out's pane got ncurses' moves while stepping ($look, $size): $(ncurses_moves "$MT_TMP/w.bytes")"
		fi
		ncurses_moves "$MT_TMP/n.bytes" >/dev/null ||
			fail "doupdate's pane shows none of its moves: the comparison proves nothing ($look, $size)"
		ok "27 steps drawn alike by term_out and doupdate ($look, $size)"

		case $look in
		*NO_COLOR*) ;;   # no themes without colour
		*)
			both_keys t
			both_wait 'theme '
			same_screens "a theme change"
			;;
		esac
		both_keys '[' '['
		same_screens "scrolling back"
		both_keys '}'
		same_screens "returning to now"
		both_keys '?'
		both_wait 'Help: keys'
		same_screens "the help overlay"
		both_keys Escape
		tmux_wait_gone w 'Help: keys' 5
		tmux_wait_gone n 'Help: keys' 5
		same_screens "closing the help"
		tmux_resize w 100 30
		tmux_resize n 100 30
		same_screens "a resize to 100x30"
		both_keys .
		same_screens "a step after the resize"
		ok "theme, scroll-back, help and resize drawn alike ($look, $size)"
		both_keys q
		tmux_wait_exit w 5
		tmux_wait_exit n 5
		tmx kill-session -t w
		tmx kill-session -t n
	done
done
