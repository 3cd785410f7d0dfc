#!/bin/bash
# The real exhaustion captured from SPDK (the transcripts' timeline form,
# one iobuf_get_stats reply every 0.5 s) played in the dashboard: stepping
# with `.` from the start, no banner at t+0.5s, the critical banner at t+1.0s
# where the large pool's retries first rise; what the timeline does not hold
# is said, not shown as zero; plain ASCII and no colour work the same.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

TL=$MEMTOP_FIXTURES/transcripts/exhaustion_bdevperf.hide_md/timeline.iobuf_get_stats.jsonl

for look in "LANG=C.UTF-8" "LANG=C NO_COLOR=1"; do
	# shellcheck disable=SC2086
	tmux_run tl 80 24 $look -- --replay "$TL"
	tmux_wait_for tl 'REPLAY (END )?t\+[0-9.]+s x1' 5
	tmux_keys tl /
	tmux_wait_for tl 'seek to \(t\+SECONDS; Enter, Esc\): _' 5
	tmux_keys tl t+0 Enter
	tmux_wait_for tl 'seek: 1/27 at t\+0\.0s' 5
	tmux_keys tl .
	tmux_wait_for tl 'forward: 2/27 at t\+0\.5s' 5
	screen=$(tmux_capture tl)
	assert_contains "$screen" "OK no active alerts" "no banner before the retries rise ($look)"
	assert_contains "$screen" "PAUSED" "stepping pauses ($look)"
	tmux_keys tl .
	tmux_wait_for tl 'forward: 3/27 at t\+1\.0s' 5
	tmux_wait_for tl '^!! LARGE POOL EXHAUSTED  bdev \+147,228 retries/s' 5
	screen=$(tmux_capture tl)
	assert_contains "$screen" "REPLAY t+1.0s x1" "the recorded time in the header ($look)"
	assert_contains "$screen" "pool size not reported" "pool sizes unknown, not zero ($look)"
	assert_contains "$screen" "hugepages: no NUMA nodes reported" "hugepages unknown ($look)"
	ok "banner at t+1.0s, the tick where retries first rise ($look)"
	# Back one: the banner goes again (the consumers are fed anew from the start).
	tmux_keys tl ,
	tmux_wait_for tl 'back: 2/27 at t\+0\.5s' 5
	tmux_wait_for tl 'OK no active alerts' 5
	tmux_keys tl e
	tmux_wait_for tl 'hugepages: not in a timeline' 5
	ok ", goes back before the alert; e says what the timeline lacks ($look)"
	tmux_keys tl q q
	tmux_wait_exit tl 5
	tmx kill-session -t tl
done
