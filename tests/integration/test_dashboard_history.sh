#!/bin/bash
# Scroll-back through hours of history: one snapshot taken from the simulator
# becomes a 2.5-hour recording at 1 s (bdev's large pool retries 148,507
# times in the one second 90 minutes before its end); the dashboard replays
# it to the end (a seek feeds every snapshot), then [ goes back through the
# fine tier ("each tick") into 1-minute buckets ("1-min max") where the burst
# is the graph's peak, never averaged away; ] past the newest point and }
# are live again; the numbers stay live all along.  UTF-8 with colour, then
# plain ASCII without.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

REC=$MT_TMP/hours.jsonl
W0=1767225600          # 2026-01-01 00:00:00 UTC, a minute boundary
N=9000                 # 2.5 hours at 1 s
BURST=3600             # 90 minutes before the end

sim_start live --scenario idle
mt_run -s "$SIM_SOCK" --once --json --sysfs-root "$MEMTOP_FIXTURES/sysfs/4node" \
	--procfs-root "$MEMTOP_FIXTURES/procfs/4node"
assert_status 0 "one snapshot from the simulator"
sim_stop "$SIM_PID"
assert_eq 0 "$(jq '[.iobuf.modules[] | select(.name == "bdev") | .large.retry][0]' <<<"$OUT")" \
	"bdev's large retries in the template"

# The template with its clocks, seq and the large retry counters (bdev's and
# the pool's) as placeholders, then N lines of it.
jq -c '.seq = 0 | .time = {mono: 0, wall: 0}
	| .iobuf.modules |= map(if .name == "bdev" then .large.retry = 424242424242 else . end)
	| .iobuf.large.retry = 424242424242' <<<"$OUT" >"$MT_TMP/template.json"
perl -ne 'chomp; for my $t (0 .. '"$((N - 1))"') {
	my $l = $_; my $r = $t >= '"$BURST"' ? 148507 : 0;
	$l =~ s/"seq":0/"seq":@{[$t + 1]}/; $l =~ s/"mono":0/"mono":@{[1000 + $t]}/;
	$l =~ s/"wall":0/"wall":@{['"$W0"' + $t]}/; $l =~ s/424242424242/$r/g; print "$l\n" }' \
	"$MT_TMP/template.json" >"$REC"
assert_eq "$N" "$(wc -l <"$REC")" "lines of the recording"
ok "a 2.5-hour recording made from the simulator's snapshot"

# One [ and the header's first line changes (each press moves where the graphs end).
back_once() {
	local before deadline
	before=$(tmux_capture hist | head -1)
	tmux_keys hist '['
	deadline=$(($(now_ms) + 5000))
	while [ "$(tmux_capture hist | head -1)" = "$before" ]; do
		[ "$(now_ms)" -lt "$deadline" ] || fail "[ did not move the graphs: $before"
		sleep 0.05
	done
}

for look in "LANG=C.UTF-8 LC_ALL=C.UTF-8" "LANG=C LC_ALL=C NO_COLOR=1"; do
	# shellcheck disable=SC2086
	tmux_run hist 120 40 TZ=UTC $look -- --replay "$REC" --flight-minutes 0
	tmux_wait_for hist 'REPLAY' 30
	tmux_keys hist /
	tmux_wait_for hist 'seek to' 5
	tmux_keys hist 02:29:59 Enter
	tmux_wait_for hist "REPLAY END 02:29:59" 90
	screen=$(tmux_capture hist)
	assert_not_contains "$screen" "148,507" "live: the burst is not in the newest points ($look)"
	assert_not_contains "$screen" "each tick" "live: no history tag ($look)"

	# Half a screen back: still points, the header says so.
	tmux_keys hist '['
	tmux_wait_for hist '(<|◂) (history to )?02:28:59 \(?each tick' 5
	ok "[ goes back through the points, said in the header ($look)"
	# Back a press at a time until the 1-minute buckets: the burst is their max.
	presses=1
	until tmux_capture hist | head -1 | grep -q '1-min max'; do
		[ "$presses" -lt 30 ] || fail "no 1-minute buckets after $presses presses of ["
		back_once
		presses=$((presses + 1))
	done
	tmux_wait_for hist 'peak 148,507' 5
	screen=$(tmux_capture hist)
	assert_contains "$screen" "retries 0/s" "the numbers stay live ($look)"
	assert_contains "$screen" "REPLAY" "the replay tag stays ($look)"
	ok "[ reaches 1-minute buckets; the one-second burst is the peak ($look)"

	# Forward past the newest point: live again; one more ] says it is live.
	tmux_keys hist -l ']]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'
	tmux_wait_gone hist '1-min max|each tick' 5
	tmux_keys hist ']'
	tmux_wait_for hist 'graphs: live' 5
	screen=$(tmux_capture hist)
	assert_not_contains "$screen" "148,507" "live again: the burst out of view ($look)"
	ok "] forward to live ($look)"

	# } from far back: live at once.
	tmux_keys hist -l '[[[[[[[[[[[[[[[[[[[[[[[[[[[['
	tmux_wait_for hist '1-min max' 5
	tmux_keys hist '}'
	tmux_wait_gone hist '1-min max|each tick' 5
	tmux_wait_for hist 'graphs: live again' 5
	ok "} is live at once ($look)"
	if [ "$look" = "LANG=C LC_ALL=C NO_COLOR=1" ]; then
		screen=$(tmux_capture hist)
		if LC_ALL=C grep -q '[^ -~]' <<<"$screen"; then
			fail "non-ASCII on the screen with LANG=C:
$screen"
		fi
	fi
	tmux_keys hist q
	tmux_wait_exit hist 10
	tmx kill-session -t hist
done
